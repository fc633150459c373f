// @brief Choropleth maps drawn on the server as inline SVG, without
// JavaScript: Togo's regions and the world's countries shaded by a count per
// area, each counted area a link, with a table of the same figures beside it.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace coopdec::maps {

enum class Map {
    TogoRegions,  // ids: the gazetteer's région ids ("savanes", "kara", "centrale", "plateaux", "maritime")
    // ids: the gazetteer's prefecture ids; drawn from the division before
    // 2019: Agoè-Nyivé, Oti-Sud and Kpendjal-Ouest have no area of their own
    // (in the table only), Golfe's area also holds the former commune of Lomé.
    TogoPrefectures,
    World,  // ids: ISO 3166-1 alpha-2 codes, as the records' pays="FR"
};

// What an area shows: its count and the (unescaped) URL of its search.
struct AreaValue {
    size_t count = 0;
    std::string href;  // "" : the area is shaded but not a link
};

struct MapFigure {
    // <svg role="group" aria-labelledby="ID-t"> with a <title id="ID-t">: each
    // area with a count > 0 is an <a href> holding a <path> whose <title> is
    // "label : count"; the other areas are one grey <path>, not links.
    std::string svg;
    // <table> with a row per counted area, most first: label (a link when the
    // area has one), count.
    std::string table;
    // The labels, with their count, of the counted areas the map has no
    // shape for (a prefecture created in 2019): in the table, not on the map.
    std::vector<std::pair<std::string, size_t>> undrawn;
};

// What a map stresses, and how much of it it draws.
struct Focus {
    // The area drawn above the others in orange (#e6550d), its <path> with
    // class="here" and a <title>: `here_title`, else as any area ("label :
    // count" when counted, then also a link; the label alone otherwise). An
    // area smaller than 20 pixels at the drawn size gets an orange ring.
    std::string here, here_title;
    // Not empty: only these areas are drawn and tabled, the view fitted to
    // them (the others are left out, not greyed).
    std::vector<std::string> only;
    // The longer side of the SVG in pixels (the other follows the view's
    // ratio); 0: the drawing's own size. Borders stay one pixel wide.
    int size = 0;
};

// The ids `map` can draw, in the data's order, with their label (French:
// the gazetteer's région or prefecture name, the country's French name).
std::vector<std::pair<std::string, std::string>> areas(Map map);

// Draws `map` with `values` (by area id; ids the map lacks are ignored and
// listed by missing()). `id` prefixes the SVG's element ids; `title` names the
// map; `column` heads the table's first column. Every string is escaped.
MapFigure draw(Map map, const std::map<std::string, AreaValue>& values, const std::string& id, const std::string& title,
               const std::string& column, const Focus& focus = {});

// The id of the area whose shape holds area `id`: itself when it has one;
// for a prefecture of 2019, the one it was part of ("agoe-nyive" → "golfe",
// "oti-sud" → "oti", "kpendjal-ouest" → "kpendjal"); "" when none.
std::string drawn_in(Map map, const std::string& id);

// The area id of a facet value: a région or prefecture by its gazetteer
// name ("Centrale" → "centrale"), a country code as it is; `value` itself
// when no area has it (missing() then lists it).
std::string area_of(Map map, const std::string& value);

// The ids of `values` with a count that `map` cannot draw (a country too
// small at this scale), to be said under the map.
std::vector<std::string> missing(Map map, const std::map<std::string, AreaValue>& values);

// The French attribution lines of the data `map` is drawn from, as HTML.
std::string attribution(Map map);

}  // namespace coopdec::maps
