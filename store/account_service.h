// @brief What people do with accounts, in one place for coopdec-server and
// coopdec-admin: sign in and out, resolve a session, use a set-up link,
// change one's password, and the administrators' acts (create an account,
// change its role, disable or enable it, make a new set-up link). Each act
// checks its rules, changes the accounts, sessions and throttle tables in
// one transaction, and writes the journal (store/journal.h).
//
// The tables live in STATE_DIR/coopdec.sqlite beside the dossiers, through
// a connection of their own. Thread-safe: one mutex around that connection
// (a hash is computed outside it: 64 MiB and a tenth of a second).
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "store/accounts.h"
#include "store/journal.h"
#include "store/principal.h"
#include "store/sessions.h"
#include "store/sqlite.h"
#include "store/throttle.h"

namespace coopdec::store {

// The database file inside the state folder (shared with the dossiers).
inline constexpr const char* kAccountsStateFile = "coopdec.sqlite";
// The actor the journal names for coopdec-admin's acts.
inline constexpr const char* kAdminCommandActor = "coopdec-admin";

// The lifetimes and limits; coopdec-server takes them from its settings.
struct AccountPolicy {
    SessionLimits sessions;                    // idle 30 min, absolute 12 h
    int64_t setup_link_seconds = 72 * 3600;    // a set-up link works 72 h
    int max_failures_account = 5;              // failed logins of one login…
    int max_failures_address = 50;             // …or from one address…
    int64_t failure_window_seconds = 15 * 60;  // …within 15 minutes: wait
};

// Seconds since the epoch; tests inject their own.
using Clock = std::function<int64_t()>;
int64_t system_clock_seconds();

// A refused act: what to tell the person, in French, and the HTTP status
// a page answers it with (400 a bad value, 401 bad credentials, 403
// disabled, 404 unknown, 410 a used or expired link, 429 throttled).
struct Refusal {
    std::string message;
    int status = 400;
};

// A successful login: the new session (its id goes in the cookie) and who.
struct SignedIn {
    NewSession session;
    Principal who;
};

// A set-up link made: the token (the link is PUBLIC_URL/activer/TOKEN).
struct SetupLink {
    std::string token;
    std::string login;
};

// The same message for an unknown login and a wrong password (ASVS 2.2.1:
// no account enumeration).
inline constexpr const char* kBadCredentials = "identifiant ou mot de passe incorrect";

// The path of a set-up link, "/activer/TOKEN".
std::string setup_link_path(const std::string& token);

class AccountService {
public:
    // Opens (creating) `state_dir`/coopdec.sqlite and its tables. Throws
    // sqlite::SqliteError.
    explicit AccountService(const std::string& state_dir, AccountPolicy policy = {},
                            Clock clock = system_clock_seconds);

    const AccountPolicy& policy() const { return policy_; }
    int64_t now() const { return clock_(); }

    // Checks the throttle, then the password (an unknown login costs a
    // hash too); a success kills `old_session` (the browser's previous
    // one, if any) and opens a new session. A refusal is kBadCredentials,
    // the throttle's « trop d'essais … réessayez dans N minutes », or
    // « compte désactivé » only once the password was right.
    std::variant<SignedIn, Refusal> login(const std::string& login, const std::string& password,
                                          const std::string& address, const std::string& old_session = {});
    // The person of a live session of an enabled account.
    std::optional<Principal> resolve(const std::string& session_id);
    void logout(const std::string& session_id, const std::string& address);

    // The account a set-up link opens (for its form), or why none.
    std::variant<Account, Refusal> setup_link_account(const std::string& token);
    // Sets the password chosen through a set-up link (policy checked,
    // `confirm` equal), uses the link, kills the account's sessions.
    std::optional<Refusal> activate(const std::string& token, const std::string& password, const std::string& confirm,
                                    const std::string& address);
    // `who` changes its own password: `current` must be right; every other
    // session of the account ends, `session_id`'s stays.
    std::optional<Refusal> change_password(const Principal& who, const std::string& session_id,
                                           const std::string& current, const std::string& password,
                                           const std::string& confirm, const std::string& address);

    // Administrators' acts. `actor`: the administrator's login, or
    // kAdminCommandActor. Communes are the caller's to check against the
    // gazetteer; a contributeur needs one at least, other roles keep none.
    std::variant<SetupLink, Refusal> create_account(const std::string& actor, const std::string& address,
                                                    const std::string& login, const std::string& name, Role role,
                                                    const std::vector<std::string>& communes);
    // A new role (and communes): the account's sessions end.
    std::optional<Refusal> set_role(const std::string& actor, const std::string& address, const std::string& login,
                                    Role role, const std::vector<std::string>& communes);
    // Disabled: its sessions end and it cannot sign in; enabled: it can again.
    std::optional<Refusal> set_disabled(const std::string& actor, const std::string& address, const std::string& login,
                                        bool disabled);
    // A new set-up link; its password is cleared and its sessions end (a
    // reset: the old password no longer opens it).
    std::variant<SetupLink, Refusal> reset(const std::string& actor, const std::string& address,
                                           const std::string& login);

    std::vector<Account> accounts();
    std::optional<Account> account(const std::string& login);
    size_t session_count(const std::string& login);
    std::vector<JournalEntry> journal(size_t limit, int64_t before = 0);

private:
    std::optional<Principal> principal_of(int64_t account, const std::string& csrf);
    std::optional<Refusal> check_new_password(const std::string& password, const std::string& confirm,
                                              const std::string& login);
    std::string hash_outside_lock(const std::string& password);

    AccountPolicy policy_;
    Clock clock_;
    std::mutex mutex_;
    sqlite::Database db_;
    Accounts accounts_;
    Sessions sessions_;
    Throttle throttle_;
    Journal journal_;
};

}  // namespace coopdec::store
