// @brief The roles' names and the authorization rules.
#include "store/principal.h"

#include <algorithm>

namespace coopdec::store {

std::string_view role_name(Role role) {
    switch (role) {
        case Role::contributeur:
            return "contributeur";
        case Role::validateur:
            return "validateur";
        case Role::administrateur:
            return "administrateur";
    }
    return "contributeur";
}

std::optional<Role> role_from_name(std::string_view name) {
    for (Role r : {Role::contributeur, Role::validateur, Role::administrateur})
        if (role_name(r) == name) return r;
    return std::nullopt;
}

std::string_view role_label(Role role) {
    switch (role) {
        case Role::contributeur:
            return "Contributeur";
        case Role::validateur:
            return "Validateur";
        case Role::administrateur:
            return "Administrateur";
    }
    return "Contributeur";
}

bool may_work_for(const Principal& who, std::string_view commune) {
    if (who.role == Role::validateur) return true;
    // An empty commune id names no commune: nobody's but a validator's.
    if (who.role != Role::contributeur || commune.empty()) return false;
    return std::find(who.communes.begin(), who.communes.end(), commune) != who.communes.end();
}

bool may_work_for_any(const Principal& who, const std::vector<std::string>& communes) {
    if (who.role == Role::validateur) return true;
    return std::any_of(communes.begin(), communes.end(), [&](const std::string& c) { return may_work_for(who, c); });
}

bool may_review(const Principal& who) { return who.role == Role::validateur; }

bool may_administer(const Principal& who) { return who.role == Role::administrateur; }

}  // namespace coopdec::store
