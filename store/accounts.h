// @brief Accounts and their one-time set-up links, in SQLite: login, name,
// role, communes (contributeur), disabled or not, the Argon2id hash of the
// password (store/passwords.h), times. A set-up link is stored as the
// SHA-256 digest of its 256-bit token, with its expiry; it is used once.
//
// Not thread-safe: the caller serialises the use of its connection
// (store/account_service.h does). Rules (who may do what, the journal)
// are the service's; this is storage.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/principal.h"
#include "store/sqlite.h"

namespace coopdec::store {

struct Account {
    int64_t id = 0;
    std::string login;
    std::string name;
    Role role = Role::contributeur;
    std::vector<std::string> communes;  // gazetteer ids, contributeur only
    bool disabled = false;
    bool has_password = false;  // false until the set-up link is used (and after a reset)
    int64_t created = 0, password_changed = 0, last_login = 0;  // seconds since the epoch, 0: never
};

// A login: 3 to 64 characters, lowercase ASCII letters, digits, '.', '-'
// and '_', starting with a letter. nullopt when valid, else the French reason.
std::optional<std::string> login_problem(std::string_view login);
// A display name: 1 to 100 characters, valid UTF-8, no control character.
std::optional<std::string> name_problem(std::string_view name);

// Why a set-up link opens nothing.
enum class LinkProblem { unknown, used, expired };
std::string link_problem_message(LinkProblem p);

class Accounts {
public:
    // Creates the tables when missing. Throws sqlite::SqliteError.
    explicit Accounts(sqlite::Database& db);

    std::optional<Account> by_login(std::string_view login);
    std::optional<Account> by_id(int64_t id);
    std::vector<Account> all();  // by login
    size_t size();

    // A new account without a password; its id. The login must be free
    // (checked by the caller; a taken one throws sqlite::SqliteError).
    int64_t create(const std::string& login, const std::string& name, Role role,
                   const std::vector<std::string>& communes, int64_t now);
    void set_role(int64_t id, Role role, const std::vector<std::string>& communes);
    void set_disabled(int64_t id, bool disabled);
    // `hash` "" clears the password (a reset).
    void set_password_hash(int64_t id, const std::string& hash, int64_t now);
    std::string password_hash(int64_t id);
    void set_last_login(int64_t id, int64_t now);

    // A new set-up link's token for `id`, valid `lifetime` seconds; the
    // account's earlier unused links stop working.
    std::string new_setup_link(int64_t id, int64_t now, int64_t lifetime);
    // The account the link opens, without using it; or why it opens none.
    std::optional<int64_t> setup_link_account(const std::string& token, int64_t now, LinkProblem& problem);
    // Marks the link used (it then opens nothing).
    void use_setup_link(const std::string& token, int64_t now);

private:
    sqlite::Database& db_;
};

}  // namespace coopdec::store
