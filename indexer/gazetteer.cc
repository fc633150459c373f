// @brief Gazetteer lookups.
#include "indexer/gazetteer.h"

#include <algorithm>

#include "common/analysis.h"

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

std::vector<places::PlaceRow> Gazetteer::rows() const {
    std::vector<places::PlaceRow> out;
    for (const auto& [id, p] : places_) {
        places::PlaceRow r{p.id, p.level, p.name, p.parent, p.aliases, p.former};
        auto named = [](const Place& q, const std::string& folded) {
            if (analysis::fold(q.name) == folded) return true;
            return std::any_of(q.aliases.begin(), q.aliases.end(),
                               [&](const std::string& a) { return analysis::fold(a) == folded; });
        };
        if (p.level == "prefecture" && !p.chef_lieu.empty()) {
            const std::string town = analysis::fold(p.chef_lieu);
            bool borne = named(p, town);
            for (const auto& [cid, c] : places_)
                if (c.parent == p.id && named(c, town)) borne = true;
            if (!borne) r.aliases.push_back(p.chef_lieu);
        }
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace coopdec
