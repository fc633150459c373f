// @brief Togo's places as the indexer stores them in the index metadata
// (schema::kPlacesKey) for the query side: one line per région, préfecture
// and commune, so that a reader knows the places without the gazetteer file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace coopdec::places {

// One place of the gazetteer.
struct PlaceRow {
    std::string id;                    // "kloto-1"
    std::string level;                 // "region" | "prefecture" | "commune"
    std::string name;                  // "Kloto 1": the facet value of its level
    std::string parent;                // id of the enclosing place ("" for a région)
    std::vector<std::string> aliases;  // other names it is known by: spelling variants, former names,
                                       // and for a préfecture the name of its chef-lieu when no commune has it
    std::vector<std::string> former;   // the former names among them ("Kpalimé"): shown beside the name
};

// The metadata value: one line per place, "id\tlevel\tname\tparent\taliases\tformer",
// the names of a list joined by '\x1f'. Tabs, line breaks and '\x1f' inside a
// name become spaces. Pure.
std::string encode(const std::vector<PlaceRow>& rows);

// Reads encode()'s output back; a malformed line (fewer than four fields, or
// an unknown level) is skipped, so that a damaged value loses lines, never the
// reader. Pure.
std::vector<PlaceRow> decode(std::string_view encoded);

}  // namespace coopdec::places
