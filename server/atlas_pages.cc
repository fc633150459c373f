// @brief The atlas's pages and handlers (see atlas_pages.h for the contract).
#include "server/atlas_pages.h"

#include <algorithm>
#include <map>

#include "common/escape.h"
#include "common/schema.h"
#include "search/overview.h"
#include "server/handlers.h"
#include "server/page_parts.h"
#include "server/pages.h"
#include "server/record_terms.h"

namespace coopdec::pages {
namespace {

namespace sc = schema;

std::string link(const std::string& href, const std::string& text) {
    return "<a href=\"" + html_escape(href) + "\">" + html_escape(text) + "</a>";
}

// `id`: the gazetteer's (atlas::Record::commune_ids); "" names no page: plain text.
std::string commune_link(const std::string& name, const std::string& id) {
    return id.empty() ? html_escape(name) : link("/commune/" + id, name);
}

std::string partner_link(const atlas::Record& r) {
    return link("/partenaire/" + atlas::partner_id(r.partner, r.country), r.partner);
}

std::string country_link(const std::string& code) {
    if (code.empty()) return "non précisé";
    return link("/pays/" + code, value_label("country", code));
}

std::string status_words(const std::string& status) {
    if (status == "actif") return "actif";
    if (status == "arrete") return "arrêté";
    return "non renseigné";
}

// The partner's level in words (server/record_terms.h).
std::string level_words(const std::string& level) {
    return level.empty() ? "non précisé" : terms::label_of(terms::partner_levels(), level);
}

std::string nature_words(const std::string& nature) {
    static const std::map<std::string, std::string> words{{"jumelage", "jumelage"},
                                                          {"cooperation", "coopération"},
                                                          {"convention-cadre", "convention-cadre"},
                                                          {"amitie", "amitié"},
                                                          {"autre", "autre"}};
    auto it = words.find(nature);
    return it == words.end() ? (nature.empty() ? "—" : nature) : it->second;
}

std::string since_words(const atlas::Record& r) {
    if (!r.start.empty() && !r.end.empty()) return r.start + "–" + r.end;
    if (!r.start.empty()) return "depuis " + r.start;
    if (!r.end.empty()) return "jusqu’en " + r.end;
    return "date inconnue";
}

// "1 500 000": FCFA grouped by thousands with no-break spaces.
std::string fcfa(unsigned long long amount) {
    std::string digits = std::to_string(amount), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u00a0";
        out += digits[i];
    }
    return out;
}

// The amount of a stored line ("year\x1fsource\x1forigin\x1ffcfa"), with
// its year; false for a line without a whole number of francs.
bool amount_of(const std::string& line, std::string& year, unsigned long long& amount) {
    std::vector<std::string> f = sc::split_values(line);
    if (f.size() < 4 || f[3].empty() || f[3].size() > 15 || f[3].find_first_not_of("0123456789") != std::string::npos)
        return false;
    year = f[0];
    amount = std::stoull(f[3]);
    return true;
}

bool has_amount(const atlas::Record& r) {
    std::string year;
    unsigned long long amount = 0;
    for (const auto& l : r.amounts)
        if (amount_of(l, year, amount)) return true;
    return false;
}

std::string partnerships_table(const std::vector<atlas::Record>& rs) {
    std::string out =
        "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">Partenaire</th><th "
        "scope=\"col\">Pays</th><th scope=\"col\">Nature</th><th scope=\"col\">Depuis</th><th "
        "scope=\"col\">Statut</th><th scope=\"col\">Fiche</th></tr></thead><tbody>";
    for (const auto& r : rs)
        out += "<tr><th scope=\"row\">" + (r.partner.empty() ? html_escape("non précisé") : partner_link(r)) +
               "</th><td>" + country_link(r.country) + "</td><td>" + html_escape(nature_words(r.nature)) + "</td><td>" +
               html_escape(since_words(r)) +
               (r.divergent ? "<br><small>les sources divergent (voir la fiche)</small>" : "") + "</td><td>" +
               html_escape(status_words(r.status)) + "</td><td>" +
               link(sc::partnership_url(r.id), r.title.empty() ? r.id : r.title) + "</td></tr>";
    return out + "</tbody></table></div>";
}

// The amounts of every record, by year: the total and the partners.
std::string amounts_section(const std::vector<atlas::Record>& rs) {
    std::map<std::string, unsigned long long> total;
    std::map<std::string, std::vector<std::string>> partners;
    std::map<std::string, bool> demo;  // a year with an amount of a demonstration record
    for (const auto& r : rs)
        for (const auto& l : r.amounts) {
            std::string year;
            unsigned long long amount = 0;
            if (!amount_of(l, year, amount)) continue;
            total[year] += amount;
            demo[year] = demo[year] || r.demo;
            auto& p = partners[year];
            if (std::find(p.begin(), p.end(), r.partner) == p.end()) p.push_back(r.partner);
        }
    std::string out = "<section aria-labelledby=\"montants\"><h2 id=\"montants\">Montants mobilisés</h2>";
    if (total.empty()) return out + "<p>Aucun montant n'est renseigné dans ses fiches.</p></section>";
    out +=
        "<div class=\"scroll\" tabindex=\"0\"><table><caption>En francs CFA, par année (toutes sources)</caption>"
        "<thead><tr><th scope=\"col\">Année</th><th scope=\"col\">Montant</th><th "
        "scope=\"col\">Partenaires</th></tr></thead><tbody>";
    for (const auto& [year, sum] : total) {
        std::string names;
        for (const auto& p : partners[year]) names += (names.empty() ? "" : ", ") + p;
        out += "<tr><th scope=\"row\">" + html_escape(year) + "</th><td>" + fcfa(sum) +
               (demo[year] ? " <span class=\"demo\">montant de démonstration</span>" : "") + "</td><td>" +
               html_escape(names) + "</td></tr>";
    }
    return out + "</tbody></table></div></section>";
}

// What each record lacks, said so that the commune can complete it.
std::string missing_section(const std::vector<atlas::Record>& rs) {
    std::string items;
    for (const auto& r : rs) {
        std::vector<std::string> lacks;
        if (r.status.empty() || r.status == "inconnu") lacks.push_back("le statut (actif ou arrêté)");
        if (r.start.empty()) lacks.push_back("la date de début");
        if (!has_amount(r)) lacks.push_back("les montants mobilisés");
        if (lacks.empty()) continue;
        std::string what;
        for (size_t i = 0; i < lacks.size(); ++i)
            what += (i == 0 ? "" : i + 1 == lacks.size() ? " et " : ", ") + lacks[i];
        items += "<li>" + link(sc::partnership_url(r.id), r.title.empty() ? r.id : r.title) + " : il manque " +
                 html_escape(what) + ". <a href=\"/espace/fiche/modifier/" + url_encode(r.id) +
                 "\" aria-label=\"Mettre à jour cette fiche : " + html_escape(r.title.empty() ? r.id : r.title) +
                 "\">Mettre à jour cette fiche</a></li>";
    }
    std::string out =
        "<section class=\"missing\" aria-labelledby=\"manquantes\"><h2 id=\"manquantes\">Données manquantes</h2>";
    if (items.empty()) return out + "<p>Rien ne manque dans les fiches de cette commune.</p></section>";
    return out +
           "<p>Ces fiches sont incomplètes ; les agents de la commune peuvent les compléter après connexion.</p><ul>" +
           items + "</ul></section>";
}

std::string chronology(const std::vector<ResultDocument>& docs) {
    std::string out = "<ol class=\"chrono\">";
    for (const auto& d : docs) {
        out += "<li><span class=\"when\">" + html_escape(d.date.empty() ? "date inconnue" : year_of(d.date)) +
               "</span> <span class=\"type\">" + html_escape(type_label(d.type)) + "</span> " + link(d.url, d.title);
        if (d.date.size() > 4)
            out += " <time datetime=\"" + html_escape(d.date) + "\">" + html_escape(french_date(d.date)) + "</time>";
        if (d.demo) out += " <span class=\"demo\">Document de démonstration</span>";
        out += "</li>";
    }
    return out + "</ol>";
}

// A record's Togolese communes as links, or `none` when it names none.
std::string communes_of(const atlas::Record& r, const std::string& none) {
    std::string communes;
    for (size_t i = 0; i < r.communes.size(); ++i)
        communes += (communes.empty() ? "" : ", ") +
                    commune_link(r.communes[i], i < r.commune_ids.size() ? r.commune_ids[i] : std::string());
    return communes.empty() ? html_escape(none) : communes;
}

// The Togolese communes of a partner's records, as links, with the records.
std::string togolese_partners(const std::vector<atlas::Record>& rs) {
    std::string out =
        "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">Commune du Togo</th><th "
        "scope=\"col\">Nature</th><th scope=\"col\">Depuis</th><th scope=\"col\">Statut</th><th "
        "scope=\"col\">Fiche</th></tr></thead><tbody>";
    for (const auto& r : rs) {
        out += "<tr><th scope=\"row\">" + communes_of(r, "non précisée") + "</th><td>" +
               html_escape(nature_words(r.nature)) + "</td><td>" + html_escape(since_words(r)) + "</td><td>" +
               html_escape(status_words(r.status)) + "</td><td>" +
               link(sc::partnership_url(r.id), r.title.empty() ? r.id : r.title) + "</td></tr>";
    }
    return out + "</tbody></table></div>";
}

// Where the commune lies: Togo's préfectures, its own in orange.
std::string commune_map(const atlas::CommuneView& v) {
    const std::string area = maps::drawn_in(maps::Map::TogoPrefectures, v.prefecture_id);
    if (area.empty()) return "";
    maps::Focus f;
    f.here = area;
    f.here_title = "Préfecture " + v.prefecture;
    if (area != v.prefecture_id)
        for (const auto& [id, label] : maps::areas(maps::Map::TogoPrefectures))
            if (id == area) f.here_title += " (dans la zone de " + label + ", découpage d'avant 2019)";
    f.size = 300;
    maps::MapFigure m =
        maps::draw(maps::Map::TogoPrefectures, {}, "map-commune",
                   v.commune.name + " : préfecture " + v.prefecture + ", région " + v.region, "Préfecture", f);
    return "<figure class=\"locator\">" + m.svg + "<figcaption>En orange, la préfecture " + html_escape(v.prefecture) +
           " (limites d'avant 2019). " + maps::attribution(maps::Map::TogoPrefectures) + "</figcaption></figure>";
}

// The country on the world map, in orange, a link to its records' search.
std::string country_map(const atlas::CountryView& v, size_t records) {
    std::map<std::string, maps::AreaValue> values;
    if (records) values[v.code] = {records, "/recherche?type=partenariat&country=" + v.code};
    maps::Focus f;
    f.here = v.code;
    maps::MapFigure m =
        maps::draw(maps::Map::World, values, "map-country", v.name + " sur la carte du monde", "Pays", f);
    std::string out = "<figure class=\"locator\">" + m.svg + "<figcaption>En orange, " + html_escape(v.name);
    if (!maps::missing(maps::Map::World, values).empty() || maps::drawn_in(maps::Map::World, v.code).empty())
        out += " (trop petit pour cette carte, qui ne le dessine pas)";
    return out + ". " + maps::attribution(maps::Map::World) + "</figcaption></figure>";
}

// A région's records: communes, partner, country, since when, status, record.
std::string region_records(const std::vector<atlas::Record>& rs) {
    std::string out =
        "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">Commune</th><th "
        "scope=\"col\">Partenaire</th><th scope=\"col\">Pays</th><th scope=\"col\">Depuis</th><th "
        "scope=\"col\">Statut</th><th scope=\"col\">Fiche</th></tr></thead><tbody>";
    for (const auto& r : rs)
        out += "<tr><th scope=\"row\">" + communes_of(r, "la région elle-même") + "</th><td>" +
               (r.partner.empty() ? html_escape("non précisé") : partner_link(r)) + "</td><td>" +
               country_link(r.country) + "</td><td>" + html_escape(since_words(r)) + "</td><td>" +
               html_escape(status_words(r.status)) + "</td><td>" +
               link(sc::partnership_url(r.id), r.title.empty() ? r.id : r.title) + "</td></tr>";
    return out + "</tbody></table></div>";
}

std::string plural(size_t n, const std::string& word) { return std::to_string(n) + " " + word + (n > 1 ? "s" : ""); }

// A commune in a list: a link to its page, its former name, its records.
std::string commune_item(const places::PlaceRow& c, size_t records) {
    std::string out = "<li>" + link("/commune/" + c.id, c.name);
    if (!c.former.empty()) out += " (" + html_escape(c.former.front()) + ")";
    if (records) out += " — " + plural(records, "partenariat");
    return out + "</li>";
}

}  // namespace

std::string region_page(const atlas::RegionView& v, const std::map<std::string, maps::AreaValue>& per_prefecture) {
    const std::string& name = v.region.name;
    const std::string search = "/recherche?type=partenariat&region=" + url_encode(name);
    std::map<std::string, size_t> per_commune;  // name → records
    size_t active = 0;
    for (const auto& r : v.partnerships) {
        for (const auto& c : r.communes) ++per_commune[c];
        if (r.status == "actif") ++active;
    }
    size_t communes = 0, engaged = 0;
    for (const auto& [pref, cs] : v.prefectures)
        for (const auto& c : cs) {
            ++communes;
            if (per_commune.count(c.name)) ++engaged;
        }
    std::string main = "<h1>Région " + html_escape(name) + "</h1>";
    main += "<p>" + plural(v.prefectures.size(), "préfecture") + ", " + plural(communes, "commune") + " ; " +
            link(search, plural(v.partnerships.size(), "fiche") + " de partenariat") + ", dont " +
            link(search + "&status=actif", std::to_string(active) + " au statut actif") + " ; " +
            std::to_string(engaged) + " commune" + (engaged > 1 ? "s" : "") + " avec au moins un partenariat.</p>";

    std::vector<std::string> ids;
    for (const auto& [pref, cs] : v.prefectures) ids.push_back(pref.id);
    maps::Focus f;
    f.only = ids;
    f.size = 360;
    std::map<std::string, maps::AreaValue> values;
    for (const auto& [id, value] : per_prefecture)
        if (std::find(ids.begin(), ids.end(), id) != ids.end()) values[id] = value;
    maps::MapFigure m = maps::draw(maps::Map::TogoPrefectures, values, "map-region",
                                   "Partenariats par préfecture, région " + name, "Préfecture", f);
    main += "<section aria-labelledby=\"h-map-region\"><h2 id=\"h-map-region\">Partenariats par préfecture</h2>";
    main +=
        "<p class=\"note\">Plus une préfecture est foncée, plus elle compte de fiches ; chacune mène à leur "
        "recherche. Une fiche de plusieurs communes compte dans chacune de leurs préfectures ; une fiche de la "
        "région elle-même n'est dans aucune. Limites d'avant 2019";
    for (const auto& [label, count] : m.undrawn)
        main += " ; " + html_escape(label) + " (" + std::to_string(count) +
                "), sans limites propres, est dans le "
                "tableau seulement";
    main += ".</p><div class=\"map-pair\">" + m.svg + m.table + "</div><p class=\"note\">" +
            maps::attribution(maps::Map::TogoPrefectures) + "</p></section>";

    main += "<section aria-labelledby=\"h-communes\"><h2 id=\"h-communes\">Préfectures et communes</h2>";
    for (const auto& [pref, cs] : v.prefectures) {
        main += "<h3>Préfecture " + html_escape(pref.name) + "</h3><ul>";
        for (const auto& c : cs) main += commune_item(c, per_commune[c.name]);
        main += "</ul>";
    }
    main += "</section><section aria-labelledby=\"h-fiches\"><h2 id=\"h-fiches\">Fiches de partenariat (" +
            std::to_string(v.partnerships.size()) + ")</h2>";
    if (v.partnerships.empty())
        main += "<p>Aucune fiche de partenariat n'est enregistrée dans cette région.</p>";
    else
        main += region_records(v.partnerships);
    main += "</section><p>" + link("/communes", "Toutes les communes du Togo") + " · " +
            link("/carte", "Carte des partenariats") + "</p>";
    return layout("Région " + name, main, {}, PageStyle::atlas);
}

std::string commune_page(const atlas::CommuneView& v) {
    const std::string& name = v.commune.name;
    std::string main = "<h1>Commune de " + html_escape(name) + "</h1>";
    main += "<dl class=\"doc-meta\"><dt>Région</dt><dd>" +
            (v.region.empty()      ? html_escape("inconnue")
             : v.region_id.empty() ? html_escape(v.region)
                                   : link("/region/" + v.region_id, v.region)) +
            "</dd><dt>Préfecture</dt><dd>" + html_escape(v.prefecture.empty() ? "inconnue" : v.prefecture) + "</dd>";
    if (!v.commune.former.empty()) {
        main += "<dt>Anciens noms</dt><dd>";
        for (size_t i = 0; i < v.commune.former.size(); ++i) main += (i ? ", " : "") + html_escape(v.commune.former[i]);
        main += "</dd>";
    }
    std::vector<std::string> others;
    for (const auto& a : v.commune.aliases)
        if (std::find(v.commune.former.begin(), v.commune.former.end(), a) == v.commune.former.end())
            others.push_back(a);
    if (!others.empty()) {
        main += "<dt>Autres noms</dt><dd>";
        for (size_t i = 0; i < others.size(); ++i) main += (i ? ", " : "") + html_escape(others[i]);
        main += "</dd>";
    }
    main += "</dl>" + commune_map(v);

    main += "<section aria-labelledby=\"partenariats\"><h2 id=\"partenariats\">Partenariats (" +
            std::to_string(v.partnerships.size()) + ")</h2>";
    if (v.partnerships.empty())
        main += "<p>Aucun partenariat n'est enregistré pour cette commune.</p>";
    else
        main += partnerships_table(v.partnerships);
    main += "</section>";
    if (!v.partnerships.empty()) main += amounts_section(v.partnerships);

    if (!v.legal_bases.empty()) {
        main +=
            "<section aria-labelledby=\"bases\"><h2 id=\"bases\">Articles de loi cités par ses conventions</h2><ul>";
        for (const auto& b : v.legal_bases)
            main += "<li>" + link("/recherche?legal_basis=" + url_encode(b), b) + "</li>";
        main += "</ul></section>";
    }

    main += "<section class=\"timeline\" aria-labelledby=\"chrono\"><h2 id=\"chrono\">Documents (" +
            std::to_string(v.documents.size()) + ")</h2>";
    if (v.documents.empty())
        main += "<p>Aucun document de l'index ne concerne encore cette commune.</p>";
    else
        main += "<p>Du plus ancien au plus récent.</p>" + chronology(v.documents);
    main += "<p>" + link("/recherche?commune=" + url_encode(name), "Rechercher dans les documents de " + name) +
            "</p></section>";
    if (!v.partnerships.empty()) main += missing_section(v.partnerships);
    main += "<p>" + link("/communes", "Toutes les communes du Togo") + "</p>";
    return layout("Commune de " + name, main, {}, PageStyle::atlas);
}

std::string partner_page(const atlas::PartnerView& v) {
    std::string main = "<h1>" + html_escape(v.name) + "</h1>";
    main += "<dl class=\"doc-meta\"><dt>Niveau</dt><dd>" + html_escape(level_words(v.level)) +
            "</dd><dt>Pays</dt><dd>" + country_link(v.country) + "</dd></dl>";
    main += "<section aria-labelledby=\"togo\"><h2 id=\"togo\">Ses partenaires au Togo (" +
            std::to_string(v.partnerships.size()) + ")</h2>" + togolese_partners(v.partnerships) + "</section>";
    return layout(v.name, main, {}, PageStyle::atlas);
}

std::string country_page(const atlas::CountryView& v, size_t records) {
    std::string main = "<h1>Partenaires : " + html_escape(v.name) + "</h1>" + country_map(v, records);
    if (v.partners.empty()) {
        main += "<p>Aucune collectivité de ce pays n'a de partenariat enregistré avec une commune du Togo.</p>";
        return layout(v.name, main, {}, PageStyle::atlas);
    }
    main += "<p>" + std::to_string(v.partners.size()) + " collectivité" + (v.partners.size() > 1 ? "s" : "") + ", " +
            std::to_string(records) + " partenariat" + (records > 1 ? "s" : "") + " avec des communes du Togo (" +
            link("/recherche?type=partenariat&country=" + v.code, "les chercher") + ").</p>";
    for (const auto& p : v.partners) {
        main += "<section aria-labelledby=\"p-" + html_escape(p.id) + "\"><h2 id=\"p-" + html_escape(p.id) + "\">" +
                link("/partenaire/" + p.id, p.name) + " <small>(" + html_escape(level_words(p.level)) +
                ")</small></h2>" + togolese_partners(p.partnerships) + "</section>";
    }
    return layout(v.name, main, {}, PageStyle::atlas);
}

std::string communes_page(const std::vector<places::PlaceRow>& rows, const std::vector<atlas::Record>& records) {
    std::map<std::string, size_t> per_commune;  // name → records
    for (const auto& r : records)
        for (const auto& c : r.communes) ++per_commune[c];
    std::map<std::string, std::vector<const places::PlaceRow*>> children;
    size_t communes = 0;
    for (const auto& r : rows) {
        children[r.parent].push_back(&r);
        if (r.level == "commune") ++communes;
    }
    std::string main = "<h1>Les communes du Togo</h1><p>" + std::to_string(communes) +
                       " communes, par région et préfecture, avec leur ancien nom et le nombre de partenariats "
                       "enregistrés.</p>";
    if (communes == 0)
        main =
            "<h1>Les communes du Togo</h1><p role=\"status\">Le répertoire des communes n'est pas dans l'index : "
            "indexez corpus/repertoire/togo.xml pour les voir ici.</p>";
    for (const places::PlaceRow* region : children[""]) {
        if (region->level != "region") continue;
        main += "<section aria-labelledby=\"r-" + html_escape(region->id) + "\"><h2 id=\"r-" + html_escape(region->id) +
                "\">" + link("/region/" + region->id, "Région " + region->name) + "</h2>";
        for (const places::PlaceRow* pref : children[region->id]) {
            main += "<h3>Préfecture " + html_escape(pref->name) + "</h3><ul>";
            for (const places::PlaceRow* c : children[pref->id]) {
                if (c->level != "commune") continue;
                main += commune_item(*c, per_commune[c->name]);
            }
            main += "</ul>";
        }
        main += "</section>";
    }
    return layout("Les communes du Togo", main, {}, PageStyle::atlas);
}

}  // namespace coopdec::pages

namespace coopdec::handlers {
namespace {

http::Response page(std::string body) {
    http::Response r;
    r.body = std::move(body);
    return r;
}

}  // namespace

Outcome commune_html(const Context& c) {
    auto v = atlas::load_commune(c.index, c.tail);
    if (!v) return NotFound{"aucune commune « " + c.tail + " » dans le répertoire", id_words(c.tail)};
    return page(pages::commune_page(*v));
}

Outcome partner_html(const Context& c) {
    auto v = atlas::load_partner(c.index, c.tail);
    if (!v) return NotFound{"aucun partenaire « " + c.tail + " » dans l'index", id_words(c.tail)};
    return page(pages::partner_page(*v));
}

Outcome country_html(const Context& c) {
    auto v = atlas::load_country(c.index, c.tail);
    if (!v) return NotFound{"aucun pays « " + c.tail + " » : un code ISO à deux lettres est attendu (FR, BE…)"};
    // The search the map links to, so that its total is the area's count.
    // A country no record names is refused by the search's filter (an
    // unknown value): it has no record to count.
    size_t records = 0;
    if (!v->partners.empty())
        records = coopdec::search(c.index, counting_request({{"type", "partenariat"}, {"country", v->code}}), nullptr,
                                  &c.router.search_cache())
                      .total;
    return page(pages::country_page(*v, records));
}

Outcome region_html(const Context& c) {
    auto v = atlas::load_region(c.index, c.tail);
    if (!v)
        return NotFound{"aucune région « " + c.tail +
                        " » : les régions du Togo sont savanes, kara, centrale, plateaux et maritime"};
    // Each préfecture's count is the facet count of the région's search:
    // the total of that search with the préfecture added.
    const std::vector<std::pair<std::string, std::string>> params{{"type", "partenariat"}, {"region", v->region.name}};
    // A région no record names is refused by the search's filter (an
    // unknown value): nothing to count then.
    std::map<std::string, maps::AreaValue> per_prefecture;
    if (v->partnerships.empty()) return page(pages::region_page(*v, per_prefecture));
    const SearchResult found = coopdec::search(c.index, counting_request(params), nullptr, &c.router.search_cache());
    if (const FacetResult* f = facet_named(found, "prefecture"))
        for (const auto& value : f->values) {
            auto search = params;
            search.emplace_back("prefecture", value.value);
            per_prefecture[maps::area_of(maps::Map::TogoPrefectures, value.value)] = {
                value.count, "/recherche?" + http::encode_params(search)};
        }
    return page(pages::region_page(*v, per_prefecture));
}

Outcome communes_html(const Context& c) {
    return page(pages::communes_page(atlas::gazetteer(c.index), atlas::records(c.index)));
}

}  // namespace coopdec::handlers
