// @brief The search page: results grouped by document, facets with counts,
// active filters, sorting, paging, and what to try when nothing was found.
// Every control is a plain link or a GET form: it all works without
// JavaScript, and every state of the page is a URL one can share.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "common/analysis.h"
#include "common/escape.h"
#include "common/schema.h"
#include "search/atlas.h"
#include "search/names.h"
#include "server/dossier_pages.h"
#include "server/export.h"
#include "server/page_parts.h"
#include "server/pages.h"
#include "server/transcript_page.h"

namespace coopdec::pages {
namespace {

using http::Params;

// Facets show this many values as links; a longer facet offers the rest
// in a field that suggests (datalist) the most frequent of them and takes
// any other typed in: a large index has thousands of values (every
// provision cited, every partnership), which would weigh hundreds of KB.
constexpr size_t kShortFacet = 4;
constexpr size_t kSuggestedValues = 40;

// The parameters minus paging: any change of filter starts again at page 1.
Params without_page(const Params& p) {
    Params out;
    for (const auto& kv : p)
        if (kv.first != "page") out.push_back(kv);
    return out;
}

// Links stay on the page they are on (/ or /recherche): a relative "?…".
std::string href(const Params& p) {
    std::string q = http::encode_params(p);
    return html_escape(q.empty() ? "/recherche" : "?" + q);
}

Params with(Params p, const std::string& name, const std::string& value) {
    p = without_page(p);
    p.emplace_back(name, value);
    return p;
}

// Values compare folded: the URL may say "kloto 1" where the facet says "Kloto 1".
Params without(const Params& p, const std::string& name, const std::string& value) {
    Params out;
    std::string folded = analysis::fold(value);
    for (const auto& kv : without_page(p))
        if (!(kv.first == name && analysis::fold(kv.second) == folded)) out.push_back(kv);
    return out;
}

Params replaced(const Params& p, const std::string& name, const std::string& value) {
    Params out;
    for (const auto& kv : p)
        if (kv.first != name) out.push_back(kv);
    if (!value.empty()) out.emplace_back(name, value);
    return out;
}

std::string param(const Params& p, const std::string& name) {
    for (const auto& kv : p)
        if (kv.first == name) return kv.second;
    return {};
}

std::string facet_label(const std::string& name) {
    if (auto f = schema::find_facet(name)) return std::string(f->label);
    if (name == "year_from") return "Depuis";
    if (name == "year_to") return "Jusqu'à";
    return name;
}

// « commune » → « Commune » and back: a label inside a sentence.
std::string lower_first(std::string s) {
    if (!s.empty() && static_cast<unsigned char>(s[0]) < 0x80)
        s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    return s;
}

// What the field of a long facet takes, in the plural (« 23 autres
// communes »): heard alone, its label says what it filters.
std::string facet_plural(const FacetResult& f) {
    // ONE ROW PER FACET of schema::kFacets that can be long; others: « valeurs ».
    static const std::map<std::string, std::string> plurals{
        {"type", "types de document"},
        {"region", "régions"},
        {"prefecture", "préfectures"},
        {"commune", "communes"},
        {"country", "pays"},
        {"partnership", "partenariats"},
        {"theme", "thèmes"},
        {"lang", "langues"},
        {"role", "rôles"},
        {"legal_basis", "bases légales"},
        {"status", "statuts"},
    };
    auto it = plurals.find(f.name);
    return it != plurals.end() ? it->second : "valeurs : " + lower_first(f.label);
}

// Hidden inputs that carry the current parameters through a form, except
// the names the form itself sets.
std::string hidden_inputs(const Params& p, std::initializer_list<const char*> skip) {
    std::string out;
    for (const auto& [k, v] : without_page(p)) {
        const std::string& name = k;  // a structured binding is no lambda capture for clang 14
        if (std::any_of(skip.begin(), skip.end(), [&](const char* s) { return name == s; })) continue;
        out += "<input type=\"hidden\" name=\"" + html_escape(k) + "\" value=\"" + html_escape(v) + "\">";
    }
    return out;
}

std::string facet_value_link(const FacetResult& f, const FacetCount& v, const Params& params) {
    Params target = v.selected ? without(params, f.name, v.value) : with(params, f.name, v.value);
    std::string label = shorten(f.name == "partnership" ? v.label : value_label(f.name, v.value), 40);
    // The state is said by aria-current and shown by a box glyph (CSS), not by colour alone.
    return std::string("<li><a href=\"") + href(target) + "\"" + (v.selected ? " aria-current=\"true\"" : "") + ">" +
           html_escape(label) + " <small>" + std::to_string(v.count) + "</small>" +
           (v.selected ? "<span class=\"vh\"> (sélectionné : retirer)</span>" : "") + "</a></li>";
}

// What a facet box suggests for one value: what people type for it. Its
// label (a country's French name, a partner and its country, a commune with
// its former name), and a commune's other names; the value itself when the
// names table does not know it.
std::vector<std::string> suggestions(const FacetResult& f, const FacetCount& v, const Names* names) {
    if ((f.name == "commune" || f.name == "partnership") && names) {
        std::vector<std::string> all = names->names_of(f.name, v.value);
        if (!all.empty() && f.name == "partnership") {
            // The partner's shortest name (« Koumbel » for « Commune de
            // Koumbel (Sénégal) »): what people type, and read back the same.
            return {*std::min_element(all.begin(), all.end(),
                                      [](const auto& a, const auto& b) { return a.size() < b.size(); })};
        }
        if (!all.empty()) {
            // The label holds the value and the former name ("Kloto 1
            // (Kpalimé)"), and browsers suggest on any part of an option:
            // names the label already holds would only add weight.
            std::vector<std::string> out{all[0]};
            for (size_t i = 1; i < all.size(); ++i)
                if (all[0].find(all[i]) == std::string::npos) out.push_back(all[i]);
            return out;
        }
    }
    if (f.name == "country") return {value_label(f.name, v.value)};
    std::string label = names ? names->label(f.name, v.value) : std::string();
    return {label.empty() ? v.value : label};
}

std::string facets_html(const SearchResult& r, const Params& params, const Names* names) {
    // One form for every box (the search's parameters carried once, not per
    // box): a box left empty sends an empty value, which filters nothing.
    const bool year_box = std::any_of(r.facets.begin(), r.facets.end(),
                                      [](const FacetResult& f) { return f.name == "year" && !f.values.empty(); });
    std::string out =
        "<aside class=\"facets\" aria-labelledby=\"facets-title\"><h2 id=\"facets-title\">Affiner</h2><form>" +
        (year_box ? hidden_inputs(params, {"year_from", "year_to"}) : hidden_inputs(params, {}));
    for (const auto& f : r.facets) {
        // A facet with one value and nothing selected narrows nothing.
        bool any_selected = std::any_of(f.values.begin(), f.values.end(), [](const auto& v) { return v.selected; });
        if (f.values.empty() || (f.values.size() == 1 && !any_selected && f.name != "year")) continue;
        out += "<section class=\"facet\"><h3>" + html_escape(f.label) + "</h3>";
        bool is_year = f.name == "year";
        // The facets' form has no action: like the links, it stays on the
        // page it is on (/ or /recherche), and the page stays light.
        if (is_year) {
            out +=
                "<p><label>Année de début <input name=\"year_from\" type=\"number\" min=\"1900\" max=\"2100\" "
                "value=\"" +
                html_escape(param(params, "year_from")) +
                "\"></label> <label>Année de fin <input name=\"year_to\" type=\"number\" min=\"1900\" max=\"2100\" "
                "value=\"" +
                html_escape(param(params, "year_to")) +
                "\"></label> <button aria-label=\"Appliquer ces années\">Appliquer</button></p>";
        }
        // Selected values first, then by count.
        std::vector<const FacetCount*> values;
        for (const auto& v : f.values)
            if (v.selected) values.push_back(&v);
        for (const auto& v : f.values)
            if (!v.selected) values.push_back(&v);
        // « 1 autre » would hide one value behind a form three times its
        // size: a facet one value longer than the short list shows it all.
        const size_t shown = values.size() <= kShortFacet + 1 ? values.size() : kShortFacet;
        // Years are chosen as a range: the form above says it all.
        if (!is_year) {
            out += "<ul>";
            for (size_t i = 0; i < shown; ++i) out += facet_value_link(f, *values[i], params);
            out += "</ul>";
        }
        if (values.size() > shown && !is_year) {
            std::string list_id = "l-" + f.name;
            out += "<p><label>" + std::to_string(values.size() - kShortFacet) + " autres " +
                   html_escape(facet_plural(f)) + " <input name=\"" + html_escape(f.name) + "\" list=\"" + list_id +
                   "\" autocomplete=\"off\"></label><datalist id=\"" + list_id + "\">";
            // Whatever is offered is taken back (search/filter_names.h reads
            // labels and other names); titles of partnerships are left out:
            // they would double the weight of the list.
            std::set<std::string> offered;  // two records of one partner: one option
            for (size_t i = kShortFacet; i < values.size() && i < kShortFacet + kSuggestedValues; ++i)
                for (const std::string& s : suggestions(f, *values[i], names))
                    if (offered.insert(s).second) out += "<option value=\"" + html_escape(s) + "\">";
            // Heard alone, the button says what it adds (its name starts with what it shows).
            out += "</datalist> <button aria-label=\"Ajouter : " + html_escape(lower_first(f.label)) +
                   "\">Ajouter</button></p>";
        }
        out += "</section>";
    }
    return out + "</form></aside>";
}

// `within_title`: the title of the document searched inside (doc=ID), its
// chip's text (« dans : … »).
std::string active_filters(const Params& params, const std::string& within_title) {
    std::string items;
    for (const auto& [k, v] : params) {
        if (k == "q" || k == "page" || k == "per_page" || k == "sort" || k == "mots" || k == "corriger" || v.empty())
            continue;
        std::string shown = k == "partnership" ? v : value_label(k, v);
        std::string label = facet_label(k);
        if (k == "doc") {
            label = "dans";
            if (!within_title.empty()) shown = within_title;
        }
        items += "<li><a href=\"" + href(without(params, k, v)) + "\">" + html_escape(label) + " : " +
                 html_escape(shown) +
                 " <span aria-hidden=\"true\">✕</span><span class=\"vh\"> (retirer ce filtre)</span></a></li>";
    }
    if (items.empty()) return {};
    return "<div class=\"active\"><h2 class=\"vh\">Filtres actifs</h2><ul>" + items + "</ul><p><a href=\"" +
           href(replaced({}, "q", param(params, "q"))) + "\">Retirer tous les filtres</a></p></div>";
}

std::string sort_links(const Params& params) {
    std::string current = param(params, "sort");
    if (current.empty()) current = "pertinence";
    const std::pair<const char*, const char*> sorts[] = {
        {"pertinence", "pertinence"}, {"date", "date (récent d'abord)"}, {"date-asc", "date (ancien d'abord)"}};
    std::string out = "<p class=\"sort\">Trier par : ";
    for (size_t i = 0; i < 3; ++i) {
        if (i) out += " · ";
        if (current == sorts[i].first)
            out += "<strong aria-current=\"true\">" + std::string(sorts[i].second) + "</strong>";
        else
            out += "<a href=\"" + href(replaced(without_page(params), "sort", sorts[i].first)) + "\">" +
                   sorts[i].second + "</a>";
    }
    return out + "</p>";
}

// "Titre I > Chapitre 1 > Article 46" → "Titre I > Chapitre 1": the label
// already names the unit itself.
std::string ancestors(const std::string& path) {
    size_t last = path.rfind(" > ");
    return last == std::string::npos ? std::string() : path.substr(0, last);
}

std::string passage_label(const Passage& p) {
    if (!p.role.empty() && !p.speaker.empty()) return p.speaker + " (" + value_label("role", p.role) + ")";
    return p.label;
}

std::string result_html(const ResultDocument& d, const std::string& query) {
    std::string out = "<li><article class=\"result\"><h2><a href=\"" + html_escape(d.url) + "\">" +
                      html_escape(d.title) + "</a></h2>" + meta_line(d);
    if (!d.missing.empty()) {
        out += "<p class=\"meta\">Ne contient pas : ";
        for (size_t i = 0; i < d.missing.size(); ++i)
            out += (i ? ", " : "") + std::string("<s>") + html_escape(d.missing[i]) + "</s>";
        out += "</p>";
    }
    if (d.type != schema::kTypePartnership) out += partnership_links(d);  // a record does not link to itself
    if (!d.passages.empty()) {
        out += "<ul class=\"passages\">";
        for (const auto& p : d.passages) {
            out += "<li id=\"" +
                   html_escape(result_anchor(d.id, p.kind == schema::kKindDoc ? std::string() : p.anchor)) + "\">";
            out += turn_before_html(p);  // an utterance's previous turn ("" otherwise)
            // A match in the document as a whole has no place of its own to link to.
            if (p.kind != schema::kKindDoc) {
                // Links carry the query so the page highlights it, and land on the unit.
                std::string url = "/doc/" + d.id + (query.empty() ? "" : "?q=" + url_encode(query)) +
                                  (p.anchor.empty() ? "" : "#" + p.anchor);
                out += "<a href=\"" + html_escape(url) + "\">" + html_escape(passage_label(p)) + "</a>";
                std::string where = ancestors(p.path);
                if (!where.empty()) out += " <span class=\"path\">" + html_escape(where) + "</span>";
            }
            // « Ajouter au dossier »: a button of the page's one add form (server/dossier_pages.h).
            out += " " + add_to_dossier_button(d.id, p.kind == schema::kKindDoc ? std::string() : p.anchor);
            out += "<p>" + p.snippet + "</p>";  // snippets are escaped by make_snippet
            out += turn_after_html(p) + "</li>";
        }
        out += "</ul>";
    }
    return out + "</article></li>";
}

std::string paging(const SearchResult& r, const Params& params) {
    // Inside one document (doc=ID), the pages are its passages.
    const size_t count = r.within ? r.within_passages : r.total;
    size_t pages = (count + r.per_page - 1) / r.per_page;
    if (pages <= 1) return {};
    std::string out = "<nav class=\"pages\" aria-label=\"Pages de résultats\"><ul>";
    auto link = [&](size_t page, const std::string& text, const char* rel) {
        return "<li><a href=\"" + href(replaced(params, "page", std::to_string(page))) + "\"" +
               (rel ? std::string(" rel=\"") + rel + "\"" : "") + ">" + text + "</a></li>";
    };
    // The arrows are for the eye: heard, « Précédente » and « Suivante » say it.
    if (r.page > 1) out += link(r.page - 1, "<span aria-hidden=\"true\">←</span> Précédente", "prev");
    size_t first = r.page > 3 ? r.page - 3 : 1, last = std::min(pages, first + 6);
    for (size_t p = first; p <= last; ++p)
        out += p == r.page ? "<li><strong aria-current=\"page\">" + std::to_string(p) + "</strong></li>"
                           : link(p, std::to_string(p), nullptr);
    if (r.page < pages) out += link(r.page + 1, "Suivante <span aria-hidden=\"true\">→</span>", "next");
    return out + "</ul></nav>";
}

std::string nothing_found(const SearchResult& r, const Params& params) {
    std::string out = "<div class=\"none\" role=\"status\"><p>Aucun document ne correspond";
    out += r.query.empty() ? " à ces filtres." : " à « " + html_escape(r.query) + " ».";
    out += "</p>";
    if (!r.suggestion.empty())
        out += "<p>Essayez avec : <a href=\"" +
               href(replaced(replaced(without_page(params), "q", r.suggestion), "corriger", "")) + "\">" +
               html_escape(r.suggestion) + "</a></p>";
    if (!r.relaxations.empty()) {
        out += "<p>En retirant un filtre :</p><ul>";
        for (const auto& x : r.relaxations) {
            Params target = x.facet == "year_from/year_to" ? replaced(replaced(params, "year_from", ""), "year_to", "")
                                                           : without(params, x.facet, x.value);
            std::string name = x.facet == "year_from/year_to" ? "Années" : facet_label(x.facet);
            std::string shown = x.facet == "partnership" ? x.value : value_label(x.facet, x.value);
            out += "<li><a href=\"" + href(target) + "\">sans « " + html_escape(name) + " : " + html_escape(shown) +
                   " »</a> : " + std::to_string(x.total) + " document" + (x.total > 1 ? "s" : "") + "</li>";
        }
        out += "</ul>";
    }
    return out + "</div>";
}

// How many documents hold every word and how many some, with the switch
// between partial matching and « tous les mots »; the correction the results
// are for, with the query as typed a link away.
std::string match_summary(const SearchResult& r, const Params& params) {
    std::string out;
    if (!r.corrected_from.empty())
        out += "<p class=\"corrected\">Résultats pour : <strong>" + html_escape(r.query) +
               "</strong> ; rechercher plutôt : <a href=\"" +
               href(replaced(replaced(without_page(params), "q", r.corrected_from), "corriger", "non")) + "\">" +
               html_escape(r.corrected_from) + "</a></p>";
    if (!r.suggestion.empty() && r.total > 0)
        out += "<p class=\"corrected\">Essayez avec : <a href=\"" +
               href(replaced(replaced(without_page(params), "q", r.suggestion), "corriger", "")) + "\">" +
               html_escape(r.suggestion) + "</a></p>";
    const bool all_words = param(params, "mots") == "tous";
    if (r.complete < r.total) {
        const std::string whole =
            r.complete == 0
                ? "Aucun document ne contient"
                : std::to_string(r.complete) + (r.complete > 1 ? " documents contiennent" : " document contient");
        out += "<p class=\"sort\">" + whole + " tous les mots, " + std::to_string(r.total - r.complete) +
               (r.total - r.complete > 1 ? " en contiennent" : " en contient") + " une partie. <a href=\"" +
               href(replaced(without_page(params), "mots", "tous")) + "\">Tous les mots seulement</a></p>";
    } else if (all_words) {
        out += "<p class=\"sort\">Documents contenant tous les mots. <a href=\"" +
               href(replaced(without_page(params), "mots", "")) +
               "\">Inclure ceux qui n'en contiennent qu'une partie</a></p>";
    }
    return out;
}

// The request's parameters as the search read them: a filter value typed
// as a name is replaced by the values it named, one left out is removed, so
// that every link of the page goes on from what was searched.
Params as_read(const Params& params, const std::vector<FilterReading>& readings) {
    Params out = params;
    for (const FilterReading& fr : readings) {
        auto it = std::find(out.begin(), out.end(), std::make_pair(fr.facet, fr.typed));
        if (it == out.end()) continue;
        it = out.erase(it);
        for (const auto& [value, label] : fr.values) it = std::next(out.insert(it, {fr.facet, value}));
    }
    return out;
}

// « Interprété comme : pays du partenaire = Belgique », each reading a link
// that filters on it.
std::string names_read(const SearchResult& r, const Params& params, const Names* names) {
    std::string out;
    for (const NameReading& n : r.names) {
        if (n.values.empty()) continue;
        out += out.empty() ? "<p class=\"reading\">Interprété comme : " : " ; ";
        out += "« " + html_escape(n.text) + " » = ";
        for (size_t i = 0; i < n.values.size(); ++i) {
            const NamedValue& v = n.values[i];
            std::string name = facet_label(v.facet);
            std::transform(name.begin(), name.begin() + 1, name.begin(),
                           [](unsigned char c) { return std::tolower(c); });
            out += (i ? " ou " : "") + std::string("<a href=\"") + href(with(params, v.facet, v.value)) + "\">" +
                   html_escape(name) + " = " + html_escape(v.label.empty() ? v.value : v.label) + "</a>";
            // A commune's name (« Kpalimé ») and a country's also lead to their atlas pages.
            if (v.facet == "country")
                out += " (<a href=\"/pays/" + url_encode(v.value) + "\">page du pays " +
                       html_escape(v.label.empty() ? v.value : v.label) + "</a>)";
            if (const std::string id = v.facet == "commune" && names ? names->atlas().commune_id(v.value) : "";
                !id.empty())
                out += " (<a href=\"/commune/" + html_escape(id) + "\">page de la commune " + html_escape(v.value) +
                       "</a>)";
        }
    }
    return out.empty() ? out : out + "</p>";
}

// « Dans l'atlas »: the pages of the communes, partners and countries the
// query names (SearchResult::atlas), each said for what it is.
std::string atlas_box(const SearchResult& r) {
    if (r.atlas.empty()) return {};
    std::string out =
        "<nav class=\"note atlas-box\" aria-labelledby=\"atlas-title\"><h2 id=\"atlas-title\">Dans l'atlas</h2><ul>";
    for (const atlas::Link& l : r.atlas) {
        const char* what = l.kind == "commune"      ? " — page de la commune"
                           : l.kind == "partenaire" ? " — page du partenaire"
                           : l.kind == "pays"       ? " — page du pays"
                                                    : "";
        out += "<li><a href=\"" + html_escape(l.url) + "\">" + html_escape(l.label) + "</a>" + what + "</li>";
    }
    return out + "</ul></nav>";
}

// "aucune commune", "aucun pays": what the page says of a value it left out.
std::string none_of(const std::string& facet) {
    if (facet == "commune") return "Aucune commune";
    if (facet == "prefecture") return "Aucune préfecture";
    if (facet == "region") return "Aucune région";
    if (facet == "country") return "Aucun pays";
    if (facet == "partnership") return "Aucun partenariat";
    return "Aucune valeur de « " + facet_label(facet) + " »";
}

// How the filter values typed as names were read, and those left out with
// links to their closest values.
std::string filter_readings_html(const SearchResult& r, const Params& params) {
    std::string read, unknown;
    for (const FilterReading& fr : r.filter_readings) {
        if (!fr.values.empty()) {
            std::string labels;
            for (const auto& [value, label] : fr.values) labels += (labels.empty() ? "" : ", ") + label;
            read += std::string(read.empty() ? "" : " ; ") + html_escape(facet_label(fr.facet)) + " « " +
                    html_escape(fr.typed) + " » : " + html_escape(labels);
            continue;
        }
        unknown += "<p>" + html_escape(none_of(fr.facet)) + " « " + html_escape(fr.typed) + " »";
        if (!fr.closest.empty()) {
            unknown += " ; valeurs proches : ";
            for (size_t i = 0; i < fr.closest.size(); ++i)
                unknown += (i ? ", " : "") + std::string("<a href=\"") +
                           href(with(params, fr.facet, fr.closest[i].first)) + "\">" +
                           html_escape(fr.closest[i].second) + "</a>";
        }
        unknown += ". La recherche est faite sans ce filtre.</p>";
    }
    std::string out;
    if (!read.empty()) out += "<p class=\"reading\">Filtre lu comme : " + read + "</p>";
    if (!unknown.empty()) out += "<div class=\"unknown\" role=\"status\">" + unknown + "</div>";
    return out;
}

}  // namespace

std::string search_page(const SearchResult& r, const Params& request_params, bool home, const Names* names,
                        const std::string& notice) {
    const Params params = as_read(request_params, r.filter_readings);
    const std::string request_query = http::encode_params(request_params);
    const std::string page = (home ? "/" : "/recherche") + (request_query.empty() ? "" : "?" + request_query);
    std::string main;
    if (home)
        main +=
            "<section class=\"intro\"><h1>La coopération décentralisée au Togo</h1><p>Lois, conventions de "
            "jumelage et de coopération, entretiens et études sur les partenariats entre les communes du "
            "Togo et les collectivités étrangères. Cherchez sans accents si vous voulez : "
            "<a href=\"/recherche?q=cooperation+decentralisee\">cooperation decentralisee</a>, "
            "<a href=\"/recherche?q=art.+46\">art. 46</a>, "
            "<a href=\"/recherche?q=eau&amp;type=convention\">eau dans les conventions</a>.</p></section>";
    main += "<div class=\"layout\"><section class=\"results\" aria-labelledby=\"res-title\"><h";
    main += home ? "2" : "1";
    main += " id=\"res-title\">" + std::to_string(r.total) + " document" + (r.total > 1 ? "s" : "");
    if (!r.query.empty()) main += " pour « " + html_escape(r.query) + " »";
    main += home ? "</h2>" : "</h1>";
    if (r.within && r.within_passages)
        main += "<p class=\"within\">" + std::to_string(r.within_passages) + " passage" +
                (r.within_passages > 1 ? "s" : "") + " dans ce document</p>";
    if (!notice.empty()) main += "<p class=\"notice\" role=\"status\">" + html_escape(notice) + "</p>";
    main += export_links(r.total, params);  // « Exporter : CSV · JSON » (server/export.h)
    main += match_summary(r, params);
    // On a phone the facets come after the results: a way to reach them.
    main += "<p class=\"to-facets\"><a href=\"#facets-title\">Affiner la recherche</a></p>";
    if (!r.reading.empty()) {
        main += "<p class=\"reading\">Interprété comme : ";
        for (size_t i = 0; i < r.reading.size(); ++i)
            main += (i ? " ; " : "") + std::string("<a href=\"") + html_escape(r.reading[i].url) + "\">" +
                    html_escape(r.reading[i].label) + "</a>";
        for (const auto& n : r.reading_notices)
            main += " <span class=\"reading-notice\">(" + html_escape(n) + ")</span>";
        main += "</p>";
    }
    main += atlas_box(r);
    main += names_read(r, params, names);
    if (!r.expansions.empty()) {
        main += "<p class=\"expansions\">Résultats incluant : ";
        for (size_t i = 0; i < r.expansions.size(); ++i) main += (i ? ", " : "") + html_escape(r.expansions[i]);
        main += "</p>";
    }
    main += filter_readings_html(r, params);
    main += active_filters(params, r.within_title);
    if (r.total == 0) {
        main += nothing_found(r, params);
    } else {
        main += sort_links(params);
        // The list is the add form: each passage's « Ajouter au dossier » is one of its buttons.
        std::string hits =
            "<ol class=\"hits\" start=\"" + std::to_string(r.within ? 1 : (r.page - 1) * r.per_page + 1) + "\">";
        for (const auto& d : r.results) hits += result_html(d, r.query);
        main += add_to_dossier_form(page, hits + "</ol>");
        main += paging(r, params);
    }
    main += "</section>";
    main += facets_html(r, params, names);
    main += "</div>";
    std::string title = r.query.empty() ? (home ? "Accueil" : "Recherche") : "« " + r.query + " »";
    return layout(title, main, r.query);
}

}  // namespace coopdec::pages
