// @brief /carte: the two maps of the partnerships, and its handler.
#include "server/map_page.h"

#include <limits>

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
    std::map<std::string, std::string> ids;
    for (const auto& [id, label] : maps::areas(map)) ids[map == maps::Map::World ? id : label] = id;
    for (const auto& b : c->bars) {
        if (b.others) continue;
        auto id = ids.find(b.value);
        std::string key = id == ids.end() ? b.value : id->second;
        out[key] = {b.count, b.search.empty() ? "" : "/recherche?" + http::encode_params(b.search)};
    }
    return out;
}

std::string section(const std::string& id, const std::string& heading, const std::string& column, maps::Map map,
                    const std::map<std::string, maps::AreaValue>& v, const std::string& note) {
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
    return out + "<p class=\"note\">" + said + "</p>" + f.table + "<p class=\"note\">" + maps::attribution(map) +
           "</p></section>";
}

}  // namespace

std::string map_page(const Overview& o) {
    std::string main = "<h1>Les partenariats sur la carte</h1>";
    if (o.partnerships == 0) {
        main +=
            "<p role=\"status\">Aucun partenariat dans l'index pour l'instant : les cartes apparaîtront quand des "
            "fiches de partenariat auront été indexées.</p><p><a href=\"/\">Retour à l'accueil</a></p>";
        return layout("Carte des partenariats", main);
    }
    main +=
        "<p>Plus une zone est foncée, plus elle compte de partenariats ; chaque zone colorée mène à la recherche de "
        "ses partenariats. Les chiffres sont dans le tableau de chaque carte. <a href=\"/apercu\">Les graphiques de "
        "l'aperçu</a>.</p>";
    main += section("map-region", "Partenariats par région du Togo", "Région", maps::Map::TogoRegions,
                    values(o, "region", maps::Map::TogoRegions),
                    "Les cinq régions ; un partenariat de plusieurs communes peut compter dans plusieurs régions.");
    main += section("map-prefecture", "Partenariats par préfecture (découpage d'avant 2019)", "Préfecture",
                    maps::Map::TogoPrefectures, values(o, "prefecture", maps::Map::TogoPrefectures),
                    "Les limites des préfectures sont celles d'avant la réforme de 2019 : la zone de Golfe couvre "
                    "aussi l'ancienne commune de Lomé et Agoè-Nyivé ; Oti-Sud est dans Oti, Kpendjal-Ouest dans "
                    "Kpendjal.");
    main += section("map-country", "Partenariats par pays du partenaire", "Pays", maps::Map::World,
                    values(o, "country", maps::Map::World), "Les pays des collectivités partenaires.");
    return layout("Carte des partenariats", main);
}

}  // namespace coopdec::pages

namespace coopdec::handlers {
namespace {

// The overview has no prefecture chart: the search page's prefecture facet,
// every value, each a bar linked to its search.
OverviewChart prefecture_chart(const Context& c) {
    const std::vector<std::pair<std::string, std::string>> records{{"type", "partenariat"}};
    SearchRequest r;
    if (auto err = apply_parameter(r, "type", "partenariat")) throw *err;
    r.per_page = 1;
    r.passages = 0;
    r.facet_values = 0;
    OverviewChart chart{"prefecture", {}, 0, false};
    for (const auto& f : coopdec::search(c.index, r, nullptr, &c.router.search_cache()).facets) {
        if (f.name != "prefecture") continue;
        for (const auto& v : f.values) {
            auto params = records;
            params.emplace_back("prefecture", v.value);
            chart.bars.push_back(OverviewBar{v.value, v.count, params, 0});
        }
    }
    return chart;
}

}  // namespace

Outcome map(const Context& c) {
    if (!c.request.params.empty())
        return SearchError{"paramètre inconnu « " + c.request.params.front().first +
                           " » : cette page n'en prend aucun"};
    http::Response r;
    // Every value of each facet: a map has room for every area.
    Overview o = partnership_overview(c.index, &c.router.search_cache(), std::numeric_limits<size_t>::max() / 2);
    if (o.partnerships) o.charts.push_back(prefecture_chart(c));
    r.body = pages::map_page(o);
    return r;
}

}  // namespace coopdec::handlers
