// @brief Login throttling: failed logins counted per key (« compte:LOGIN »,
// « adresse:ADDR ») in the database, so that a restart forgets nothing.
// Past `max` failures within `window` seconds, a key is refused until the
// oldest of those failures leaves the window — a soft lockout (ASVS 2.2.1)
// that ends by itself.
//
// Not thread-safe: the caller serialises the use of its connection.
#pragma once

#include <cstdint>
#include <string>

#include "store/sqlite.h"

namespace coopdec::store {

class Throttle {
public:
    // Creates the table when missing. Throws sqlite::SqliteError.
    explicit Throttle(sqlite::Database& db);

    void fail(const std::string& key, int64_t now);
    // Forgets the key's failures (an account's, after a good login).
    void clear(const std::string& key);
    // Seconds to wait before `key` may try again: 0 when it has fewer than
    // `max` failures within the last `window` seconds.
    int64_t wait_seconds(const std::string& key, int64_t now, int max, int64_t window);
    // Drops the failures older than `window` (every key).
    void purge(int64_t now, int64_t window);

private:
    sqlite::Database& db_;
};

// The key of an account's failures (the login as typed, lowercased) and of an address's.
std::string account_key(const std::string& login);
std::string address_key(const std::string& address);

// « trop d'essais de connexion : réessayez dans 12 minutes » (rounded up; « 1 minute »).
std::string throttle_message(int64_t wait_seconds);

}  // namespace coopdec::store
