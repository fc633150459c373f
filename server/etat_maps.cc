// @brief The report's maps, from its région and country tables.
#include "server/etat_maps.h"

#include "common/escape.h"
#include "server/http.h"
#include "server/maps.h"
#include "server/page_parts.h"

namespace coopdec::pages {
namespace {

const EtatTable* table(const Etat& e, const std::string& name) {
    for (const auto& t : e.tables)
        if (t.name == name) return &t;
    return nullptr;
}

// The table's rows by area id, each linked to its search.
std::map<std::string, maps::AreaValue> values(const Etat& e, const std::string& name, maps::Map map) {
    std::map<std::string, maps::AreaValue> out;
    if (const EtatTable* t = table(e, name))
        for (const auto& r : t->rows)
            out[maps::area_of(map, r.value)] = {r.count,
                                                r.search.empty() ? "" : "/recherche?" + http::encode_params(r.search)};
    return out;
}

std::string section(const std::string& id, const std::string& heading, const std::string& column, maps::Map map,
                    const std::string& facet, const std::map<std::string, maps::AreaValue>& v) {
    maps::MapFigure f = maps::draw(map, v, id, heading, column);
    std::string out = "<section class=\"etat-map\" aria-labelledby=\"h-" + id + "\"><h2 id=\"h-" + id + "\">" +
                      html_escape(heading) + "</h2>" + f.svg;
    out += f.table;
    // The areas the map has no shape for are said under the table, with their count.
    std::vector<std::pair<std::string, size_t>> unseen = f.undrawn;
    for (const auto& key : maps::missing(map, v)) unseen.emplace_back(value_label(facet, key), v.at(key).count);
    if (!unseen.empty()) {
        out += "<p class=\"note\">Pas sur la carte (trop petits à cette échelle ou sans limites dans ces données) :";
        for (size_t i = 0; i < unseen.size(); ++i)
            out += (i ? ", " : " ") + html_escape(unseen[i].first) + " (" + std::to_string(unseen[i].second) + ")";
        out += ".</p>";
    }
    return out + "<p class=\"note attribution\">" + maps::attribution(map) + "</p></section>";
}

}  // namespace

std::string etat_maps(const Etat& e) {
    if (e.partnerships.count == 0) return {};
    return section("etat-map-region", "Carte des partenariats par région du Togo", "Région", maps::Map::TogoRegions,
                   "region", values(e, "region", maps::Map::TogoRegions)) +
           section("etat-map-country", "Carte des pays partenaires", "Pays", maps::Map::World, "country",
                   values(e, "country", maps::Map::World));
}

}  // namespace coopdec::pages
