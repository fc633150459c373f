// @brief Dropping root privileges.
#include "server/privileges.h"

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <vector>

#include "store/state_dir.h"

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

namespace {

std::optional<passwd> user_entry(const std::string& user, std::vector<char>& buf) {
    passwd pw{};
    passwd* found = nullptr;
    if (getpwnam_r(user.c_str(), &pw, buf.data(), buf.size(), &found) != 0 || !found) return std::nullopt;
    return pw;
}

}  // namespace

std::optional<std::string> prepare_state_dir(const std::string& dir, const std::string& user) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return "impossible de créer le dossier d'état " + dir + " : " + ec.message() + " (option --state-dir)";
    if (!std::filesystem::is_directory(dir)) return dir + " n'est pas un dossier (option --state-dir)";
    if (geteuid() != 0) return std::nullopt;
    std::vector<char> buf(16384);
    auto pw = user_entry(user, buf);
    if (!pw) return std::nullopt;  // drop_root refuses an unknown user, with its own message
    // The folder and what is already in it (the database, its WAL files):
    // the server writes them once it is `user`.
    if (chown(dir.c_str(), pw->pw_uid, pw->pw_gid) != 0)
        return "impossible de donner " + dir + " à " + user + " : " + std::strerror(errno);
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (chown(entry.path().c_str(), pw->pw_uid, pw->pw_gid) != 0)
            return "impossible de donner " + entry.path().string() + " à " + user + " : " + std::strerror(errno);
    chmod(dir.c_str(), 0700);
    return std::nullopt;
}

std::string default_state_dir() { return store::default_state_dir(); }

}  // namespace coopdec
