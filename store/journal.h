// @brief The accounts' journal: an append-only record of logins, failed
// logins, logouts, account and role changes, set-up links made and used.
// SQLite triggers refuse every UPDATE and DELETE of its table, whoever
// runs them (the server, coopdec-admin, the sqlite3 tool short of dropping
// the triggers). Administrators read it (/admin/journal).
//
// Not thread-safe: the caller serialises the use of its connection.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/sqlite.h"

namespace coopdec::store {

// ONE CONSTANT PER EVENT, as stored (French, lowercase).
inline constexpr const char* kEventLogin = "connexion";
inline constexpr const char* kEventLoginFailed = "échec de connexion";
inline constexpr const char* kEventLoginThrottled = "connexion bloquée (trop d'essais)";
inline constexpr const char* kEventLogout = "déconnexion";
inline constexpr const char* kEventAccountCreated = "compte créé";
inline constexpr const char* kEventRoleChanged = "rôle changé";
inline constexpr const char* kEventDisabled = "compte désactivé";
inline constexpr const char* kEventEnabled = "compte réactivé";
inline constexpr const char* kEventLinkMade = "lien d'activation créé";
inline constexpr const char* kEventLinkUsed = "lien d'activation utilisé";
inline constexpr const char* kEventPasswordChanged = "mot de passe changé";

struct JournalEntry {
    int64_t id = 0;
    int64_t at = 0;       // seconds since the epoch
    std::string actor;    // who did it: a login, « coopdec-admin », or "" (nobody signed in)
    std::string event;    // one of the kEvent… constants
    std::string subject;  // the account concerned (its login, as typed for a failed login)
    std::string address;  // the client's address, "" from coopdec-admin
    std::string detail;   // e.g. « validateur → contributeur (kloto-1) »; never a password
};

class Journal {
public:
    // Creates the table and its triggers when missing. Throws sqlite::SqliteError.
    explicit Journal(sqlite::Database& db);

    // Appends one entry (its id and `at` as given).
    void record(int64_t at, const std::string& actor, const std::string& event, const std::string& subject,
                const std::string& address, const std::string& detail = {});

    // The newest `limit` entries with an id below `before` (0: the newest), newest first.
    std::vector<JournalEntry> recent(size_t limit, int64_t before = 0);

private:
    sqlite::Database& db_;
};

}  // namespace coopdec::store
