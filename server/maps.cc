// @brief The maps' drawing: shading, links and table from the path data of
// server/map_shapes.inc (written by scripts/make-maps).
#include "server/maps.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
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

// The bounding box of path data made of "M x y", "l dx dy…" and "z".
struct Box {
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    bool empty() const { return x0 > x1; }
};

void extend(Box& b, const char* d) {
    char command = 'M';
    double x = 0, y = 0, sx = 0, sy = 0;
    for (const char* p = d; *p;) {
        if (std::isalpha(static_cast<unsigned char>(*p))) {
            command = *p++;
            if (command == 'z' || command == 'Z') x = sx, y = sy;
            continue;
        }
        char* end = nullptr;
        double a = std::strtod(p, &end);
        if (end == p) {  // a space or a comma
            ++p;
            continue;
        }
        p = end;
        double c = std::strtod(p, &end);
        if (end == p) break;
        p = end;
        const bool relative = std::islower(static_cast<unsigned char>(command));
        x = relative ? x + a : a;
        y = relative ? y + c : c;
        if (command == 'M' || command == 'm') {
            sx = x, sy = y;
            command = relative ? 'l' : 'L';  // the pairs after a move are lines
        }
        b.x0 = std::min(b.x0, x), b.x1 = std::max(b.x1, x);
        b.y0 = std::min(b.y0, y), b.y1 = std::max(b.y1, y);
    }
}

// "12.5": at most two decimals, no trailing zeros.
std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s == "-0" ? "0" : s;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> areas(Map map) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const MapArea& a : shapes(map).areas)
        if (*a.id) out.emplace_back(a.id, label(map, a));
    return out;
}

MapFigure draw(Map map, const std::map<std::string, AreaValue>& values, const std::string& id, const std::string& title,
               const std::string& column, const Focus& focus) {
    const Shapes s = shapes(map);
    auto drawn = [&](const MapArea& a) {
        return focus.only.empty() || std::find(focus.only.begin(), focus.only.end(), a.id) != focus.only.end();
    };
    Box view;
    for (const MapArea& a : s.areas)
        if (!focus.only.empty() && drawn(a)) extend(view, a.path);
    if (view.empty()) view = {0, 0, double(s.width), double(s.height)};
    const double margin = focus.only.empty() ? 0 : 3;
    view = {view.x0 - margin, view.y0 - margin, view.x1 + margin, view.y1 + margin};
    const double vw = view.x1 - view.x0, vh = view.y1 - view.y0;
    // Pixels per drawing unit: borders and the ring keep their size in pixels.
    const double scale = focus.size > 0 ? focus.size / std::max(vw, vh) : 1.0;
    const double px = 1.0 / scale;

    size_t max = 0;
    for (const auto& [key, v] : values) max = std::max(max, v.count);
    const std::string t = html_escape(id) + "-t";
    std::string svg = "<svg viewBox=\"" + number(view.x0) + " " + number(view.y0) + " " + number(vw) + " " +
                      number(vh) + "\" width=\"" + std::to_string(int(vw * scale + 0.5)) + "\" height=\"" +
                      std::to_string(int(vh * scale + 0.5)) + "\" role=\"group\" aria-labelledby=\"" + t +
                      "\" class=\"map\"><title id=\"" + t + "\">" + html_escape(title) + "</title>";
    // The areas without partnership: one path, drawn first, under the others' borders.
    std::string background;
    std::vector<std::pair<size_t, std::string>> rows;  // count, row
    std::string shaded, here;
    std::vector<std::pair<std::string, size_t>> undrawn;
    for (const MapArea& a : s.areas) {
        if (!drawn(a)) continue;
        auto v = *a.id ? values.find(a.id) : values.end();
        const bool counted = v != values.end() && v->second.count > 0;
        const bool stressed = *a.id && focus.here == a.id;
        if (!counted && !stressed) {
            background += a.path;
            continue;
        }
        const std::string name = html_escape(label(map, a));
        const std::string count = counted ? std::to_string(v->second.count) : "";
        const std::string link = counted ? html_escape(v->second.href) : "";
        if (counted)
            rows.emplace_back(v->second.count, "<tr><td>" +
                                                   (link.empty() ? name : "<a href=\"" + link + "\">" + name + "</a>") +
                                                   "</td><td>" + count + "</td></tr>");
        if (!*a.path) {
            if (counted) undrawn.emplace_back(label(map, a), v->second.count);
            continue;
        }
        std::string said = stressed && !focus.here_title.empty() ? html_escape(focus.here_title)
                           : counted                             ? name + " : " + count
                                                                 : name;
        std::string area = "<path d=\"" + std::string(a.path) + "\" fill=\"" +
                           (stressed ? "#e6550d\" class=\"here" : shade(v->second.count, max)) + "\"><title>" + said +
                           "</title></path>";
        if (!link.empty()) area = "<a href=\"" + link + "\">" + area + "</a>";
        if (!stressed) {
            shaded += area;
            continue;
        }
        here = area;
        Box b;
        extend(b, a.path);
        // Hard to see at this size (Belgium on the world map, Golfe on a small
        // Togo): a ring around it.
        if (std::max(b.x1 - b.x0, b.y1 - b.y0) * scale < 20)
            here += "<circle cx=\"" + number((b.x0 + b.x1) / 2) + "\" cy=\"" + number((b.y0 + b.y1) / 2) + "\" r=\"" +
                    number(std::max(std::hypot(b.x1 - b.x0, b.y1 - b.y0) / 2 + 4 * px, 10 * px)) +
                    "\" fill=\"none\" stroke=\"#e6550d\" stroke-width=\"" + number(1.5 * px) + "\"/>";
    }
    svg += "<g stroke=\"#fff\" stroke-width=\"" + number((map == Map::World ? 0.3 : 1) * (focus.size > 0 ? px : 1)) +
           "\"><path d=\"" + background + "\" fill=\"#eee\"/>" + shaded + here + "</g></svg>";
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::string table = "<table><thead><tr><th scope=\"col\">" + html_escape(column) +
                        "</th><th scope=\"col\">Partenariats</th></tr></thead><tbody>";
    for (const auto& r : rows) table += r.second;
    return {svg, table + "</tbody></table>", undrawn};
}

std::string drawn_in(Map map, const std::string& id) {
    // The prefectures of 2019, inside the areas they were cut from.
    static const std::map<std::string, std::string> kWithin{
        {"agoe-nyive", "golfe"}, {"oti-sud", "oti"}, {"kpendjal-ouest", "kpendjal"}};
    for (const MapArea& a : shapes(map).areas) {
        if (id != a.id) continue;
        if (*a.path) return id;
        auto w = map == Map::TogoPrefectures ? kWithin.find(id) : kWithin.end();
        return w == kWithin.end() ? "" : w->second;
    }
    return "";
}

std::string area_of(Map map, const std::string& value) {
    for (const MapArea& a : shapes(map).areas)
        if (*a.id && (map == Map::World ? value == a.id : value == a.name)) return a.id;
    return value;
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
