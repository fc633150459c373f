// @brief Dropping root privileges.
#include "server/privileges.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace coopdec {

std::optional<std::string> drop_root(const std::string& user) {
    if (geteuid() != 0 && getuid() != 0) return std::nullopt;
    if (user.empty() || user == "root")
        return "refus de fonctionner en root : indiquez un utilisateur sans privilèges avec --user (ex. nobody)";
    std::vector<char> buf(16384);
    passwd pw{};
    passwd* found = nullptr;
    if (getpwnam_r(user.c_str(), &pw, buf.data(), buf.size(), &found) != 0 || !found)
        return "utilisateur inconnu : " + user + " (option --user)";
    if (found->pw_uid == 0) return "l'utilisateur " + user + " a les droits de root (option --user)";
    // The order matters: once the user changes, groups can no longer be.
    if (setgroups(0, nullptr) != 0 || setgid(found->pw_gid) != 0 || setuid(found->pw_uid) != 0)
        return "impossible de devenir " + user + " : " + std::strerror(errno);
    if (setuid(0) == 0) return "les droits de root n'ont pas pu être abandonnés";
    return std::nullopt;
}

}  // namespace coopdec
