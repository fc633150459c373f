// @brief Togo's régions, préfectures and communes, as read from the corpus's
// "repertoire" record(s): resolves a place id to its name, its aliases and
// the places that contain it.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/places.h"
#include "indexer/record.h"

namespace coopdec {

class Gazetteer {
public:
    // Adds the places of a "repertoire" record. A later record's place with
    // the same id replaces the earlier one.
    void add(const Record& repertoire);

    // The place with this id, or nullptr.
    const Place* find(std::string_view id) const;

    // The place followed by its enclosing places, innermost first
    // ("ogou-1" → Ogou 1, Ogou, Plateaux). Unknown ids give an empty list.
    std::vector<const Place*> chain(std::string_view id) const;

    // Every place as the index metadata keeps it (schema::kPlacesKey), by id.
    // A préfecture's chef-lieu is one of its aliases unless it is its name or
    // one of its communes bears it (Kara is Kozah 1, not the préfecture
    // Kozah; Lomé, which no commune bears, is the préfecture Golfe).
    std::vector<places::PlaceRow> rows() const;

    size_t size() const { return places_.size(); }
    bool empty() const { return places_.empty(); }

private:
    std::map<std::string, Place, std::less<>> places_;
};

}  // namespace coopdec
