// @brief Sessions kept in SQLite (see sessions.h).
#include "store/sessions.h"

#include "store/secret.h"

namespace coopdec::store {

Sessions::Sessions(sqlite::Database& db) : db_(db) {
    db_.exec(
        "CREATE TABLE IF NOT EXISTS sessions ("
        "  digest TEXT PRIMARY KEY,"
        "  account INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
        "  csrf TEXT NOT NULL,"
        "  created INTEGER NOT NULL,"
        "  last_seen INTEGER NOT NULL);"
        "CREATE INDEX IF NOT EXISTS sessions_account ON sessions(account);");
}

NewSession Sessions::create(int64_t account, int64_t now) {
    NewSession s{random_secret(32), random_secret(32)};
    db_.prepare("INSERT INTO sessions(digest, account, csrf, created, last_seen) VALUES (?, ?, ?, ?, ?)")
        .bind(1, secret_digest(s.id))
        .bind(2, account)
        .bind(3, s.csrf)
        .bind(4, now)
        .bind(5, now)
        .run();
    return s;
}

std::optional<SessionRecord> Sessions::find(const std::string& id, int64_t now, const SessionLimits& limits) {
    if (!valid_secret(id)) return std::nullopt;
    const std::string digest = secret_digest(id);
    auto st = db_.prepare("SELECT account, csrf, created, last_seen FROM sessions WHERE digest = ?");
    st.bind(1, digest);
    if (!st.step()) return std::nullopt;
    SessionRecord r{st.integer(0), st.text(1), st.integer(2), st.integer(3)};
    st.reset();
    if (now - r.last_seen >= limits.idle || now - r.created >= limits.lifetime) {
        kill(id);
        return std::nullopt;
    }
    if (now - r.last_seen >= kSessionTouchSeconds) {
        db_.prepare("UPDATE sessions SET last_seen = ? WHERE digest = ?").bind(1, now).bind(2, digest).run();
        r.last_seen = now;
    }
    return r;
}

void Sessions::kill(const std::string& id) {
    if (!valid_secret(id)) return;
    db_.prepare("DELETE FROM sessions WHERE digest = ?").bind(1, secret_digest(id)).run();
}

void Sessions::kill_all(int64_t account, const std::string& except_id) {
    db_.prepare("DELETE FROM sessions WHERE account = ? AND digest != ?")
        .bind(1, account)
        .bind(2, except_id.empty() ? std::string() : secret_digest(except_id))
        .run();
}

size_t Sessions::count(int64_t account) {
    auto st = db_.prepare("SELECT COUNT(*) FROM sessions WHERE account = ?");
    st.bind(1, account);
    return st.step() ? static_cast<size_t>(st.integer(0)) : 0;
}

void Sessions::purge(int64_t now, const SessionLimits& limits) {
    db_.prepare("DELETE FROM sessions WHERE last_seen <= ? OR created <= ?")
        .bind(1, now - limits.idle)
        .bind(2, now - limits.lifetime)
        .run();
}

}  // namespace coopdec::store
