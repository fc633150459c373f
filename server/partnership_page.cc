// @brief The partnership page: a record's facts as links to their searches, its status in words, and its documents on
// one chronology.
#include <algorithm>
#include <map>
#include <sstream>

#include "common/escape.h"
#include "common/schema.h"
#include "search/countries.h"
#include "server/page_parts.h"
#include "server/pages.h"

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

// The partner's level and the nature of the link (corpus/schema/partenariat.rng).
std::string level_words(const std::string& level) {
    static const std::map<std::string, std::string> words{{"commune", "commune"},
                                                          {"intercommunalite", "intercommunalité"},
                                                          {"communes", "plusieurs communes"},
                                                          {"departement", "département"},
                                                          {"region", "région"},
                                                          {"etat-federe", "État fédéré"},
                                                          {"autre", "autre"}};
    auto it = words.find(level);
    return it == words.end() ? level : it->second;
}

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
    for (const auto& div : lines_of(data(schema::kFieldDivergences))) {
        std::string text = html_escape(div);
        if (div.rfind("Les sources divergent", 0) != 0) text = "Les sources divergent : " + text;
        facts += "<p class=\"divergence\">" + link_record_ids(text, v.references) + "</p>";
    }

    facts += "<p class=\"history-link\"><a href=\"/historique/" + url_encode(d.id) + "\">Historique</a></p>";
    std::string main = with_page_header("", d, "<div class=\"doc-links\">" + facts + "</div>");
    main += link_record_ids(rendered_section(v.record.html, "description"), v.references);

    main += "<section class=\"timeline\" aria-labelledby=\"chrono\"><h2 id=\"chrono\">Documents liés (" +
            std::to_string(v.documents.size()) + ")</h2>";
    if (v.documents.empty())
        main += "<p>Aucun document n'est encore lié à ce partenariat.</p>";
    else
        main += "<p>Du plus ancien au plus récent.</p>" + chronology(v.documents);
    main += "<p><a href=\"/recherche?partnership=" + url_encode(d.id) + "\">Rechercher dans ces documents</a></p>";
    main += "</section>";
    main += link_record_ids(rendered_section(v.record.html, "sources"), v.references);
    return layout(d.title, main);
}

}  // namespace coopdec::pages
