// @brief Gazetteer lookups.
#include "indexer/gazetteer.h"

namespace coopdec {

void Gazetteer::add(const Record& repertoire) {
    for (const Place& p : repertoire.places) places_[p.id] = p;
}

const Place* Gazetteer::find(std::string_view id) const {
    auto it = places_.find(id);
    return it == places_.end() ? nullptr : &it->second;
}

std::vector<const Place*> Gazetteer::chain(std::string_view id) const {
    std::vector<const Place*> out;
    // Bounded by the three levels of the hierarchy, so that a corrupt record
    // whose parents form a cycle cannot loop for ever.
    for (const Place* p = find(id); p != nullptr && out.size() < 3; p = find(p->parent)) {
        out.push_back(p);
        if (p->parent.empty()) break;
    }
    return out;
}

}  // namespace coopdec
