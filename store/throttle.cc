// @brief Failed logins per account and per address (see throttle.h).
#include "store/throttle.h"

namespace coopdec::store {

Throttle::Throttle(sqlite::Database& db) : db_(db) {
    db_.exec(
        "CREATE TABLE IF NOT EXISTS login_failures (key TEXT NOT NULL, at INTEGER NOT NULL);"
        "CREATE INDEX IF NOT EXISTS login_failures_key ON login_failures(key, at);");
}

void Throttle::fail(const std::string& key, int64_t now) {
    db_.prepare("INSERT INTO login_failures(key, at) VALUES (?, ?)").bind(1, key).bind(2, now).run();
}

void Throttle::clear(const std::string& key) {
    db_.prepare("DELETE FROM login_failures WHERE key = ?").bind(1, key).run();
}

int64_t Throttle::wait_seconds(const std::string& key, int64_t now, int max, int64_t window) {
    // The max-th most recent failure within the window: the key may try
    // again once it is older than the window.
    auto st = db_.prepare("SELECT at FROM login_failures WHERE key = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?");
    st.bind(1, key).bind(2, now - window).bind(3, static_cast<int64_t>(max - 1));
    if (!st.step()) return 0;
    int64_t wait = st.integer(0) + window - now;
    return wait > 0 ? wait : 1;
}

void Throttle::purge(int64_t now, int64_t window) {
    db_.prepare("DELETE FROM login_failures WHERE at <= ?").bind(1, now - window).run();
}

std::string account_key(const std::string& login) {
    std::string folded = login;
    for (char& c : folded)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return "compte:" + folded;
}

std::string address_key(const std::string& address) { return "adresse:" + address; }

std::string throttle_message(int64_t wait_seconds) {
    int64_t minutes = (wait_seconds + 59) / 60;
    if (minutes < 1) minutes = 1;
    return "trop d'essais de connexion : réessayez dans " + std::to_string(minutes) +
           (minutes == 1 ? " minute" : " minutes");
}

}  // namespace coopdec::store
