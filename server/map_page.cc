// @brief /carte: the two maps of the partnerships, and its handler.
#include "server/map_page.h"

#include "common/escape.h"
#include "search/request.h"
#include "server/handlers.h"
#include "server/maps.h"
#include "server/page_parts.h"
#include "server/pages.h"

namespace coopdec::pages {
namespace {

const OverviewChart* chart(const Overview& o, const std::string& name) {
    for (const auto& c : o.charts)
        if (c.name == name) return &c;
    return nullptr;
}

// The chart's bars by the map's area id: regions by their gazetteer name
// ("Centrale" → "centrale"), countries by their code.
std::map<std::string, maps::AreaValue> values(const Overview& o, const std::string& name, maps::Map map) {
    std::map<std::string, maps::AreaValue> out;
    const OverviewChart* c = chart(o, name);
    if (!c) return out;
    for (const auto& b : c->bars) {
        if (b.others) continue;
        out[maps::area_of(map, b.value)] = {b.count,
                                            b.search.empty() ? "" : "/recherche?" + http::encode_params(b.search)};
    }
    return out;
}

std::string section(const std::string& id, const std::string& heading, const std::string& column, maps::Map map,
                    const std::map<std::string, maps::AreaValue>& v, const std::string& note,
                    const std::string& after = "") {
    maps::MapFigure f = maps::draw(map, v, id, heading, column);
    std::string out =
        "<section aria-labelledby=\"h-" + id + "\"><h2 id=\"h-" + id + "\">" + html_escape(heading) + "</h2>" + f.svg;
    std::string said = note;
    if (!f.undrawn.empty()) {
        said += " Sans limites propres dans ces données, dans le tableau seulement :";
        for (size_t i = 0; i < f.undrawn.size(); ++i)
            said +=
                (i ? ", " : " ") + html_escape(f.undrawn[i].first) + " (" + std::to_string(f.undrawn[i].second) + ")";
        said += ".";
    }
    std::vector<std::string> absent = maps::missing(map, v);
    if (!absent.empty()) {
        said += " Trop petits pour la carte, dans le tableau seulement :";
        for (size_t i = 0; i < absent.size(); ++i)
            said += (i ? ", " : " ") +
                    html_escape(value_label(map == maps::Map::World ? "country" : "region", absent[i])) + " (" +
                    std::to_string(v.at(absent[i]).count) + ")";
        said += ".";
        for (const auto& key : absent) {
            // The table lists them too, after the drawn areas.
            std::string link = html_escape(v.at(key).href);
            std::string name = html_escape(value_label(map == maps::Map::World ? "country" : "region", key));
            f.table.insert(f.table.size() - std::string("</tbody></table>").size(),
                           "<tr><td>" + (link.empty() ? name : "<a href=\"" + link + "\">" + name + "</a>") +
                               "</td><td>" + std::to_string(v.at(key).count) + "</td></tr>");
        }
    }
    return out + "<p class=\"note\">" + said + "</p>" + f.table + after + "<p class=\"note\">" +
           maps::attribution(map) + "</p></section>";
}

// The choice of the records counted: two links, the current one marked.
std::string choice(bool active) {
    auto item = [](const char* href, const char* text, bool current) {
        return std::string("<li><a href=\"") + href + "\"" + (current ? " aria-current=\"page\"" : "") + ">" + text +
               "</a></li>";
    };
    return "<nav aria-label=\"Fiches comptées\" class=\"choice\"><ul>" + item("/carte", "Toutes les fiches", !active) +
           item("/carte?fiches=actives", "Fiches actives (statut actif)", active) + "</ul></nav>";
}

std::string region_pages() {
    std::string out = "<p>Les pages des régions :";
    const auto regions = maps::areas(maps::Map::TogoRegions);
    for (size_t i = 0; i < regions.size(); ++i)
        out += (i ? " · " : " ") + std::string("<a href=\"/region/") + html_escape(regions[i].first) + "\">" +
               html_escape(regions[i].second) + "</a>";
    return out + ".</p>";
}

}  // namespace

std::string region_map(const Overview& o, const std::string& id, const std::string& title) {
    maps::MapFigure f =
        maps::draw(maps::Map::TogoRegions, values(o, "region", maps::Map::TogoRegions), id, title, "Région");
    return f.svg + f.table + "<p class=\"note\">" + maps::attribution(maps::Map::TogoRegions) + "</p>";
}

std::string map_page(const Overview& o, bool active) {
    std::string main = "<h1>Les partenariats sur la carte</h1>";
    if (o.partnerships == 0 && active) {
        main += choice(active) +
                "<p role=\"status\">Aucune fiche de partenariat n'a le statut « actif » dans l'index : <a "
                "href=\"/carte\">voir toutes les fiches</a>.</p>";
        return layout("Carte des partenariats actifs", main, {}, PageStyle::atlas);
    }
    if (o.partnerships == 0) {
        main +=
            "<p role=\"status\">Aucun partenariat dans l'index pour l'instant : les cartes apparaîtront quand des "
            "fiches de partenariat auront été indexées.</p><p><a href=\"/\">Retour à l'accueil</a></p>";
        return layout("Carte des partenariats", main, {}, PageStyle::atlas);
    }
    main +=
        "<p>Plus une zone est foncée, plus elle compte de partenariats ; chaque zone colorée mène à la recherche de "
        "ses partenariats. Les chiffres sont dans le tableau de chaque carte. <a href=\"/apercu\">Les graphiques de "
        "l'aperçu</a>.</p>" +
        choice(active) +
        (active ? "<p>Seules les fiches au statut « actif » sont comptées : chaque zone mène à la recherche de ses "
                  "partenariats actifs.</p>"
                : "");
    const std::string what = active ? "Partenariats actifs" : "Partenariats";
    main += section("map-region", what + " par région du Togo", "Région", maps::Map::TogoRegions,
                    values(o, "region", maps::Map::TogoRegions),
                    "Les cinq régions ; un partenariat de plusieurs communes peut compter dans plusieurs régions.",
                    region_pages());
    main += section("map-prefecture", what + " par préfecture (découpage d'avant 2019)", "Préfecture",
                    maps::Map::TogoPrefectures, values(o, "prefecture", maps::Map::TogoPrefectures),
                    "Les limites des préfectures sont celles d'avant la réforme de 2019 : la zone de Golfe couvre "
                    "aussi l'ancienne commune de Lomé et Agoè-Nyivé ; Oti-Sud est dans Oti, Kpendjal-Ouest dans "
                    "Kpendjal.");
    main += section("map-country", what + " par pays du partenaire", "Pays", maps::Map::World,
                    values(o, "country", maps::Map::World), "Les pays des collectivités partenaires.");
    return layout(active ? "Carte des partenariats actifs" : "Carte des partenariats", main, {}, PageStyle::atlas);
}

}  // namespace coopdec::pages

namespace coopdec::handlers {
namespace {

// The région, prefecture and country charts of the records `params` select
// (every value of each facet, one search): each bar linked to the search
// of its records, `params` then the facet's value.
Overview map_charts(const Context& c, const std::vector<std::pair<std::string, std::string>>& params) {
    const SearchResult base = coopdec::search(c.index, counting_request(params), nullptr, &c.router.search_cache());
    Overview o;
    o.partnerships = base.total;
    if (base.total == 0) return o;
    for (const char* name : {"region", "prefecture", "country"}) {
        OverviewChart chart{name, {}, 0, true};
        if (const FacetResult* f = facet_named(base, name))
            for (const auto& v : f->values) {
                auto search = params;
                search.emplace_back(name, v.value);
                chart.bars.push_back(OverviewBar{v.value, v.count, search, 0});
            }
        chart.values = chart.bars.size();
        o.charts.push_back(std::move(chart));
    }
    return o;
}

}  // namespace

Outcome map(const Context& c) {
    bool active = false;
    for (const auto& [key, value] : c.request.params) {
        if (key != "fiches")
            return SearchError{"paramètre inconnu « " + key +
                               " » : cette page ne prend que fiches=toutes ou fiches=actives"};
        if (value != "toutes" && value != "actives")
            return SearchError{"fiches=« " + value + " » : la valeur attendue est « toutes » ou « actives »"};
        active = value == "actives";
    }
    std::vector<std::pair<std::string, std::string>> params{{"type", "partenariat"}};
    if (active) params.emplace_back("status", "actif");
    http::Response r;
    r.body = pages::map_page(map_charts(c, params), active);
    return r;
}

}  // namespace coopdec::handlers
