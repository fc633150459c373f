// @brief The partnership page: a record's facts as links to their searches, its status in words, and its documents on
// one chronology.
#include <algorithm>
#include <map>
#include <sstream>

#include "common/escape.h"
#include "common/schema.h"
#include "search/atlas.h"
#include "search/countries.h"
#include "server/page_parts.h"
#include "server/pages.h"
#include "server/record_terms.h"

namespace coopdec::pages {
namespace {

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string l; std::getline(in, l);)
        if (!l.empty()) out.push_back(l);
    return out;
}

std::string search_link(const std::string& param, const std::string& value, const std::string& text) {
    return "<a href=\"/recherche?" + param + "=" + url_encode(value) + "\">" + html_escape(text) + "</a>";
}

// The words of the corpus schema's <statut> values: what a reader needs to
// know, including that « inconnu » is about the sources, not the partnership.
std::string status_words(const std::string& status) {
    if (status == "actif") return "partenariat actif";
    if (status == "arrete") return "partenariat arrêté";
    if (status.empty() || status == "inconnu") return "statut inconnu : aucune source ne dit s'il est actif";
    return status;
}

// The partner's level in words (server/record_terms.h).
std::string level_words(const std::string& level) { return terms::label_of(terms::partner_levels(), level); }

std::string nature_words(const std::string& nature) {
    static const std::map<std::string, std::string> words{{"jumelage", "jumelage"},
                                                          {"cooperation", "coopération"},
                                                          {"convention-cadre", "convention-cadre"},
                                                          {"amitie", "amitié"},
                                                          {"autre", "autre"}};
    auto it = words.find(nature);
    return it == words.end() ? nature : it->second;
}

std::string period_words(const std::string& from, const std::string& to) {
    if (!from.empty() && !to.empty()) return from + "–" + to;
    if (!from.empty()) return "depuis " + from;
    if (!to.empty()) return "jusqu’en " + to;
    return "inconnue";
}

// The text of `html` (escaped markup made by coopdec) with every record id
// it names outside tags replaced by a link titled with that record's title;
// an id the index does not hold reads « une fiche absente de l'index ».
std::string link_record_ids(const std::string& html, const std::map<std::string, std::string>& titles) {
    std::string out;
    size_t i = 0;
    while (i < html.size()) {
        if (html[i] == '<') {
            size_t end = html.find('>', i);
            if (end == std::string::npos) end = html.size() - 1;
            out.append(html, i, end - i + 1);
            i = end + 1;
            continue;
        }
        size_t next = html.find('<', i);
        if (next == std::string::npos) next = html.size();
        std::string text = html.substr(i, next - i);
        size_t done = 0;
        for (const std::string& id : record_ids_in(text)) {
            for (size_t at = text.find(id, done); at != std::string::npos; at = text.find(id, at + id.size())) {
                out.append(text, done, at - done);
                auto t = titles.find(id);
                out += t == titles.end() ? std::string("une fiche absente de l'index")
                                         : "<a href=\"" + html_escape(schema::partnership_url(id)) + "\">" +
                                               html_escape(t->second.empty() ? "une autre fiche" : t->second) + "</a>";
                done = at + id.size();
            }
        }
        out.append(text, done, std::string::npos);
        i = next;
    }
    return out;
}

// The rendering's <section class="NAME">…</section>, or "".
std::string rendered_section(const std::string& html, const std::string& name) {
    size_t at = html.find("<section class=\"" + name + "\"");
    if (at == std::string::npos) return {};
    size_t end = html.find("</section>", at);
    return end == std::string::npos ? std::string() : html.substr(at, end + 10 - at);
}

std::string chronology(const std::vector<ResultDocument>& documents) {
    // Oldest first (the view's order); documents without a date close the list.
    std::vector<const ResultDocument*> rows;
    for (const auto& d : documents)
        if (!d.date.empty()) rows.push_back(&d);
    for (const auto& d : documents)
        if (d.date.empty()) rows.push_back(&d);
    std::string out = "<ol class=\"chrono\">";
    for (const ResultDocument* d : rows) {
        out += "<li><span class=\"when\">" + html_escape(d->date.empty() ? "date inconnue" : year_of(d->date)) +
               "</span> <span class=\"type\">" + html_escape(type_label(d->type)) + "</span> <a href=\"" +
               html_escape(d->url) + "\">" + html_escape(d->title) + "</a>";
        if (d->date.size() > 4)
            out += " <time datetime=\"" + html_escape(d->date) + "\">" + html_escape(french_date(d->date)) + "</time>";
        if (d->demo) out += " <span class=\"demo\">Document de démonstration</span>";
        out += "</li>";
    }
    return out + "</ol>";
}

// A stored line's fields (schema.h: "a\x1fb\x1fc"), at least `n` of them.
std::vector<std::string> fields_of(const std::string& line, size_t n) {
    std::vector<std::string> out;
    size_t from = 0;
    for (;;) {
        size_t sep = line.find(schema::kValueSep, from);
        out.push_back(line.substr(from, sep == std::string::npos ? std::string::npos : sep - from));
        if (sep == std::string::npos) break;
        from = sep + 1;
    }
    if (out.size() < n) out.resize(n);
    return out;
}

// "1 500 000": FCFA amounts grouped by thousands with no-break spaces.
std::string fcfa_words(unsigned long long amount) {
    std::string digits = std::to_string(amount), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u00a0";
        out += digits[i];
    }
    return out;
}

// The amounts mobilised: one row per year, one column per source that has
// one, totals of each row and column. Several amounts of one year and
// source add up; the sources they name are listed under the table. A
// demonstration record's amounts are fictitious: the caption says so.
std::string amounts_table(const std::vector<std::string>& lines, bool demo) {
    std::map<std::string, std::map<std::string, unsigned long long>> by_year;
    std::map<std::string, unsigned long long> by_source;
    std::vector<std::string> origins;
    unsigned long long total = 0;
    for (const std::string& line : lines) {
        std::vector<std::string> f = fields_of(line, 4);
        if (f[3].empty() || f[3].size() > 15 || f[3].find_first_not_of("0123456789") != std::string::npos) continue;
        unsigned long long amount = std::stoull(f[3]);
        by_year[f[0]][f[1]] += amount;
        by_source[f[1]] += amount;
        total += amount;
        if (!f[2].empty()) {
            std::string o = f[2] + " (" + terms::label_of(terms::amount_sources(), f[1]) + ", " + f[0] + ")";
            if (std::find(origins.begin(), origins.end(), o) == origins.end()) origins.push_back(o);
        }
    }
    if (by_year.empty()) return {};
    std::string out =
        "<section class=\"amounts\" aria-labelledby=\"montants\"><h2 id=\"montants\">Montants mobilisés</h2>"
        "<div class=\"scroll\" tabindex=\"0\"><table class=\"amounts\"><caption>En francs CFA, par année et par "
        "source" +
        std::string(demo ? " <span class=\"demo\">montants de démonstration</span>" : "") +
        "</caption><thead><tr><th "
        "scope=\"col\">Année</th>";
    std::vector<std::string> columns;
    for (const terms::Term& t : terms::amount_sources())
        if (by_source.count(std::string(t.value))) {
            columns.emplace_back(t.value);
            out += "<th scope=\"col\">" + html_escape(t.label) + "</th>";
        }
    // A source outside the vocabulary still counts, under its own name.
    for (const auto& [source, sum] : by_source)
        if (std::find(columns.begin(), columns.end(), source) == columns.end()) {
            columns.push_back(source);
            out += "<th scope=\"col\">" + html_escape(source) + "</th>";
        }
    out += "<th scope=\"col\">Total</th></tr></thead><tbody>";
    for (const auto& [year, sums] : by_year) {
        unsigned long long row = 0;
        out += "<tr><th scope=\"row\">" + html_escape(year) + "</th>";
        for (const std::string& c : columns) {
            auto it = sums.find(c);
            out += "<td>" + (it == sums.end() ? std::string("—") : fcfa_words(it->second)) + "</td>";
            if (it != sums.end()) row += it->second;
        }
        out += "<td>" + fcfa_words(row) + "</td></tr>";
    }
    out += "</tbody><tfoot><tr><th scope=\"row\">Total</th>";
    for (const std::string& c : columns) out += "<td>" + fcfa_words(by_source[c]) + "</td>";
    out += "<td>" + fcfa_words(total) + "</td></tr></tfoot></table></div>";
    if (!origins.empty()) {
        out += "<p>Sources nommées : ";
        for (size_t i = 0; i < origins.size(); ++i) out += (i ? " ; " : "") + html_escape(origins[i]);
        out += ".</p>";
    }
    return out + "</section>";
}

std::string actions_table(const std::vector<std::string>& lines) {
    if (lines.empty()) return {};
    std::string out =
        "<section class=\"actions\" aria-labelledby=\"actions\"><h2 id=\"actions\">Actions et projets</h2>"
        "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">Action</th><th "
        "scope=\"col\">Période</th><th "
        "scope=\"col\">Thème</th><th scope=\"col\">État</th></tr></thead><tbody>";
    for (const std::string& line : lines) {
        std::vector<std::string> f = fields_of(line, 5);
        out += "<tr><td>" + html_escape(f[0]) + "</td><td>" +
               html_escape(f[1].empty() && f[2].empty() ? std::string("—") : period_words(f[1], f[2])) + "</td><td>" +
               (f[3].empty() ? std::string("—") : search_link("theme", f[3], f[3])) + "</td><td>" +
               html_escape(terms::label_of(terms::action_statuses(), f[4])) + "</td></tr>";
    }
    return out + "</tbody></table></div></section>";
}

std::string people_table(const std::vector<std::string>& lines) {
    if (lines.empty()) return {};
    std::string out =
        "<section class=\"people\" aria-labelledby=\"responsables\"><h2 id=\"responsables\">Responsables</h2>"
        "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">Nom</th><th "
        "scope=\"col\">Fonction</th><th "
        "scope=\"col\">Côté</th><th scope=\"col\">Contact</th></tr></thead><tbody>";
    for (const std::string& line : lines) {
        std::vector<std::string> f = fields_of(line, 4);
        out += "<tr><td>" + html_escape(f[0]) + "</td><td>" + html_escape(f[1]) + "</td><td>" +
               html_escape(terms::label_of(terms::sides(), f[2])) + "</td><td>" +
               html_escape(f[3].empty() ? std::string("—") : f[3]) + "</td></tr>";
    }
    return out + "</tbody></table></div></section>";
}

}  // namespace

std::string partnership_page(const PartnershipView& v) {
    const ResultDocument& d = v.record.info;
    auto data = [&](const char* key) {
        auto it = v.record.data.find(key);
        return it == v.record.data.end() ? std::string() : it->second;
    };
    std::string facts = "<dl class=\"doc-meta\"><dt>Collectivités togolaises</dt><dd>";
    for (size_t i = 0; i < d.communes.size(); ++i)
        facts += (i ? ", " : "") + search_link("commune", d.communes[i], d.communes[i]);
    if (d.communes.empty()) facts += "non précisées";
    const std::string partner = data(schema::kFieldPartnerName).empty() ? d.partner : data(schema::kFieldPartnerName);
    facts += "</dd><dt>Partenaire</dt><dd>" + search_link("partnership", d.id, partner.empty() ? d.title : partner) +
             "</dd>";
    if (!data(schema::kFieldPartnerLevel).empty())
        facts += "<dt>Niveau</dt><dd>" + html_escape(level_words(data(schema::kFieldPartnerLevel))) + "</dd>";
    if (const std::string country = data(schema::kFieldPartnerCountry); !country.empty())
        facts += "<dt>Pays</dt><dd>" + search_link("country", country, value_label("country", country)) + "</dd>";
    if (!data(schema::kFieldNature).empty())
        facts += "<dt>Nature</dt><dd>" + html_escape(nature_words(data(schema::kFieldNature))) + "</dd>";
    facts += "<dt>Période</dt><dd>" + html_escape(period_words(data(schema::kFieldStart), data(schema::kFieldEnd))) +
             "</dd>";
    facts += "<dt>Statut</dt><dd class=\"status\">" + html_escape(status_words(data(schema::kFieldStatus))) + "</dd>";
    if (!v.record.themes.empty()) {
        facts += "<dt>Thèmes</dt><dd><ul class=\"themes\">";
        for (const auto& t : v.record.themes) facts += "<li>" + search_link("theme", t, t) + "</li>";
        facts += "</ul></dd>";
    }
    facts += "</dl>";
    // The atlas's pages of the communes and of the partner (the facts above link to searches).
    facts += "<p class=\"atlas\">Dans l'atlas : ";
    // A commune the gazetteer does not know has no page to link to.
    for (size_t i = 0; i < d.communes.size() && i < v.commune_ids.size(); ++i)
        if (!v.commune_ids[i].empty())
            facts +=
                "<a href=\"/commune/" + html_escape(v.commune_ids[i]) + "\">" + html_escape(d.communes[i]) + "</a> · ";
    if (!partner.empty())
        facts += "<a href=\"/partenaire/" +
                 html_escape(atlas::partner_id(partner, data(schema::kFieldPartnerCountry))) + "\">" +
                 html_escape(partner) + "</a> · ";
    facts += "<a href=\"/communes\">toutes les communes</a></p>";
    for (const auto& div : lines_of(data(schema::kFieldDivergences))) {
        std::string text = html_escape(div);
        if (div.rfind("Les sources divergent", 0) != 0) text = "Les sources divergent : " + text;
        facts += "<p class=\"divergence\">" + link_record_ids(text, v.references) + "</p>";
    }

    facts += "<p class=\"history-link\"><a href=\"/historique/" + url_encode(d.id) + "\">Historique</a></p>";
    std::string main = with_page_header("", d, "<div class=\"doc-links\">" + facts + "</div>");
    main += link_record_ids(rendered_section(v.record.html, "description"), v.references);
    // The annual state of the partnership (corpus/README.md).
    main += amounts_table(lines_of(data(schema::kFieldAmounts)), d.demo);
    main += actions_table(lines_of(data(schema::kFieldActions)));
    main += people_table(lines_of(data(schema::kFieldPeople)));

    main += "<section class=\"timeline\" aria-labelledby=\"chrono\"><h2 id=\"chrono\">Documents liés (" +
            std::to_string(v.documents.size()) + ")</h2>";
    if (v.documents.empty())
        main += "<p>Aucun document n'est encore lié à ce partenariat.</p>";
    else
        main += "<p>Du plus ancien au plus récent.</p>" + chronology(v.documents);
    main += "<p><a href=\"/recherche?partnership=" + url_encode(d.id) + "\">Rechercher dans ces documents</a></p>";
    main += "</section>";
    main += link_record_ids(rendered_section(v.record.html, "sources"), v.references);
    // The commune's staff and the validators update the record from here
    // (after signing in: the address is reserved).
    main += "<p class=\"update\"><a href=\"/espace/fiche/modifier/" + url_encode(d.id) +
            "\">Mettre à jour cette fiche</a> (agents des communes concernées et validateurs, après connexion)</p>";
    return layout(d.title, main);
}

}  // namespace coopdec::pages
