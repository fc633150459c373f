// @brief Server-side sessions: a 256-bit random id handed to the browser
// (its cookie), of which only the SHA-256 digest is stored; a CSRF token
// per session; an idle expiry and an absolute one, against the caller's
// clock. Killed one by one (logout) or all of an account's at once
// (password, role or state changed).
//
// Not thread-safe: the caller serialises the use of its connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/sqlite.h"

namespace coopdec::store {

struct NewSession {
    std::string id;    // for the cookie only: never stored, never logged
    std::string csrf;  // every form of the session carries it
};

struct SessionRecord {
    int64_t account = 0;
    std::string csrf;
    int64_t created = 0, last_seen = 0;
};

// How long a session lives: `idle` seconds without a request, `lifetime`
// seconds at most from the login, whichever ends first.
struct SessionLimits {
    int64_t idle = 30 * 60;
    int64_t lifetime = 12 * 3600;
};

// A session's last activity is written at most this often (a request is
// not a disk write each time); the idle expiry is that much coarser.
inline constexpr int64_t kSessionTouchSeconds = 60;

class Sessions {
public:
    // Creates the table when missing. Throws sqlite::SqliteError.
    explicit Sessions(sqlite::Database& db);

    NewSession create(int64_t account, int64_t now);
    // The live session of `id`, its last activity updated; nothing for a
    // malformed, unknown or expired id (an expired one is deleted).
    std::optional<SessionRecord> find(const std::string& id, int64_t now, const SessionLimits& limits);
    void kill(const std::string& id);
    // Every session of `account`, but `except_id`'s when given (the one
    // that changed its own password stays).
    void kill_all(int64_t account, const std::string& except_id = {});
    size_t count(int64_t account);
    // Deletes every expired session.
    void purge(int64_t now, const SessionLimits& limits);

private:
    sqlite::Database& db_;
};

}  // namespace coopdec::store
