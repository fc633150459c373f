// @brief The maps' drawing: shading, links and table from the path data of
// server/map_shapes.inc (written by scripts/make-maps).
#include "server/maps.h"

#include <algorithm>
#include <span>

#include "common/escape.h"
#include "search/countries.h"

namespace coopdec::maps {
namespace {

struct MapArea {
    const char* id;    // "" when the area has no code (drawn, never linked)
    const char* name;  // the source's name (English for the world)
    const char* path;  // SVG path data in the map's drawing units
};

#include "server/map_shapes.inc"

struct Shapes {
    std::span<const MapArea> areas;
    int width, height;
};

Shapes shapes(Map map) {
    if (map == Map::TogoRegions) return {kTogoRegions, kTogoWidth, kTogoHeight};
    if (map == Map::TogoPrefectures) return {kTogoPrefectures, kTogoWidth, kTogoHeight};
    return {kWorld, kWorldWidth, kWorldHeight};
}

std::string label(Map map, const MapArea& a) {
    if (map != Map::World) return a.name;
    return std::string(countries::french_name(a.id));
}

// Five blues, light to dark, by the share of the largest count: a darker
// area has more partnerships; the table gives the exact figures.
const char* shade(size_t count, size_t max) {
    static const char* const kShades[] = {"#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"};
    size_t i = max ? (count * 5 - 1) / max : 0;
    return kShades[std::min<size_t>(i, 4)];
}

}  // namespace

std::vector<std::pair<std::string, std::string>> areas(Map map) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const MapArea& a : shapes(map).areas)
        if (*a.id) out.emplace_back(a.id, label(map, a));
    return out;
}

std::string area_id(Map map, const std::string& facet_value) {
    if (map == Map::World) return facet_value;
    for (const MapArea& a : shapes(map).areas)
        if (*a.id && facet_value == a.name) return a.id;
    return facet_value;
}

MapFigure draw(Map map, const std::map<std::string, AreaValue>& values, const std::string& id, const std::string& title,
               const std::string& column) {
    const Shapes s = shapes(map);
    size_t max = 0;
    for (const auto& [key, v] : values) max = std::max(max, v.count);
    const std::string t = html_escape(id) + "-t";
    std::string svg = "<svg viewBox=\"0 0 " + std::to_string(s.width) + " " + std::to_string(s.height) + "\" width=\"" +
                      std::to_string(s.width) + "\" height=\"" + std::to_string(s.height) +
                      "\" role=\"group\" aria-labelledby=\"" + t + "\" class=\"map\"><title id=\"" + t + "\">" +
                      html_escape(title) + "</title>";
    // The areas without partnership: one path, drawn first, under the others' borders.
    std::string background;
    std::vector<std::pair<size_t, std::string>> rows;  // count, row
    std::string shaded;
    std::vector<std::pair<std::string, size_t>> undrawn;
    for (const MapArea& a : s.areas) {
        auto v = *a.id ? values.find(a.id) : values.end();
        if (v == values.end() || v->second.count == 0) {
            background += a.path;
            continue;
        }
        const std::string name = html_escape(label(map, a)), count = std::to_string(v->second.count);
        const std::string link = html_escape(v->second.href);
        rows.emplace_back(v->second.count, "<tr><td>" +
                                               (link.empty() ? name : "<a href=\"" + link + "\">" + name + "</a>") +
                                               "</td><td>" + count + "</td></tr>");
        if (!*a.path) {
            undrawn.emplace_back(label(map, a), v->second.count);
            continue;
        }
        std::string area = "<path d=\"" + std::string(a.path) + "\" fill=\"" + shade(v->second.count, max) +
                           "\"><title>" + name + " : " + count + "</title></path>";
        shaded += link.empty() ? area : "<a href=\"" + link + "\">" + area + "</a>";
    }
    svg += std::string("<g stroke=\"#fff\" stroke-width=\"") + (map == Map::World ? "0.3" : "1") + "\"><path d=\"" +
           background + "\" fill=\"#eee\"/>" + shaded + "</g></svg>";
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::string table = "<table><thead><tr><th scope=\"col\">" + html_escape(column) +
                        "</th><th scope=\"col\">Partenariats</th></tr></thead><tbody>";
    for (const auto& r : rows) table += r.second;
    return {svg, table + "</tbody></table>", undrawn};
}

std::vector<std::string> missing(Map map, const std::map<std::string, AreaValue>& values) {
    std::vector<std::string> out;
    for (const auto& [key, v] : values) {
        if (v.count == 0) continue;
        bool found = false;
        for (const MapArea& a : shapes(map).areas) found = found || key == a.id;
        if (!found) out.push_back(key);
    }
    return out;
}

std::string attribution(Map map) {
    if (map != Map::World)
        return "Limites administratives : geoBoundaries (www.geoboundaries.org), d'après © les contributeurs "
               "d'OpenStreetMap — régions sous licence ODbL 1.0, préfectures sous licence CC BY-SA 2.0.";
    return "Fond de carte : Natural Earth (domaine public), via world-atlas.";
}

}  // namespace coopdec::maps
