// @brief Accounts and set-up links in SQLite (see accounts.h).
#include "store/accounts.h"

#include "store/passwords.h"
#include "store/secret.h"

namespace coopdec::store {
namespace {

// Communes are few per account and always read together: one column,
// comma-separated (ids hold no comma).
const char* kAccountsSchema =
    "CREATE TABLE IF NOT EXISTS accounts ("
    "  id INTEGER PRIMARY KEY,"
    "  login TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  role TEXT NOT NULL,"
    "  communes TEXT NOT NULL DEFAULT '',"
    "  password_hash TEXT NOT NULL DEFAULT '',"
    "  disabled INTEGER NOT NULL DEFAULT 0,"
    "  created INTEGER NOT NULL,"
    "  password_changed INTEGER NOT NULL DEFAULT 0,"
    "  last_login INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS setup_links ("
    "  digest TEXT PRIMARY KEY,"
    "  account INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  created INTEGER NOT NULL,"
    "  expires INTEGER NOT NULL,"
    "  used INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX IF NOT EXISTS setup_links_account ON setup_links(account);";

const char* kAccountColumns =
    "SELECT id, login, name, role, communes, password_hash != '', disabled, created, password_changed, last_login "
    "FROM accounts ";

std::string join_communes(const std::vector<std::string>& communes) {
    std::string out;
    for (const auto& c : communes) out += (out.empty() ? "" : ",") + c;
    return out;
}

std::vector<std::string> split_communes(const std::string& s) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos < s.size()) {
        size_t end = s.find(',', pos);
        if (end == std::string::npos) end = s.size();
        if (end > pos) out.push_back(s.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

Account read_account(const sqlite::Statement& st) {
    Account a;
    a.id = st.integer(0);
    a.login = st.text(1);
    a.name = st.text(2);
    a.role = role_from_name(st.text(3)).value_or(Role::contributeur);
    a.communes = split_communes(st.text(4));
    a.has_password = st.integer(5) != 0;
    a.disabled = st.integer(6) != 0;
    a.created = st.integer(7);
    a.password_changed = st.integer(8);
    a.last_login = st.integer(9);
    return a;
}

}  // namespace

std::optional<std::string> login_problem(std::string_view login) {
    if (login.size() < 3 || login.size() > 64) return std::string("identifiant de 3 à 64 caractères attendu");
    if (!(login[0] >= 'a' && login[0] <= 'z')) return std::string("l'identifiant commence par une lettre minuscule");
    for (char c : login)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'))
            return std::string(
                "l'identifiant ne prend que des lettres minuscules sans accent, des chiffres, « . », « - » et « _ »");
    return std::nullopt;
}

std::optional<std::string> name_problem(std::string_view name) {
    auto chars = utf8_length(name);
    if (!chars) return std::string("nom illisible : caractères invalides");
    if (*chars == 0 || *chars > 100) return std::string("nom de 1 à 100 caractères attendu");
    for (char c : name) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) return std::string("le nom ne peut pas contenir de caractère de contrôle");
    }
    return std::nullopt;
}

std::string link_problem_message(LinkProblem p) {
    switch (p) {
        case LinkProblem::used:
            return "ce lien d'activation a déjà servi : demandez-en un nouveau à un administrateur";
        case LinkProblem::expired:
            return "ce lien d'activation a expiré : demandez-en un nouveau à un administrateur";
        case LinkProblem::unknown:
            break;
    }
    return "ce lien d'activation n'est pas valable : vérifiez-le, ou demandez-en un nouveau à un administrateur";
}

Accounts::Accounts(sqlite::Database& db) : db_(db) { db_.exec(kAccountsSchema); }

std::optional<Account> Accounts::by_login(std::string_view login) {
    auto st = db_.prepare(std::string(kAccountColumns) + "WHERE login = ?");
    st.bind(1, login);
    if (!st.step()) return std::nullopt;
    return read_account(st);
}

std::optional<Account> Accounts::by_id(int64_t id) {
    auto st = db_.prepare(std::string(kAccountColumns) + "WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read_account(st);
}

std::vector<Account> Accounts::all() {
    auto st = db_.prepare(std::string(kAccountColumns) + "ORDER BY login");
    std::vector<Account> out;
    while (st.step()) out.push_back(read_account(st));
    return out;
}

size_t Accounts::size() {
    auto st = db_.prepare("SELECT COUNT(*) FROM accounts");
    return st.step() ? static_cast<size_t>(st.integer(0)) : 0;
}

int64_t Accounts::create(const std::string& login, const std::string& name, Role role,
                         const std::vector<std::string>& communes, int64_t now) {
    db_.prepare("INSERT INTO accounts(login, name, role, communes, created) VALUES (?, ?, ?, ?, ?)")
        .bind(1, login)
        .bind(2, name)
        .bind(3, role_name(role))
        .bind(4, join_communes(communes))
        .bind(5, now)
        .run();
    return db_.last_insert_rowid();
}

void Accounts::set_role(int64_t id, Role role, const std::vector<std::string>& communes) {
    db_.prepare("UPDATE accounts SET role = ?, communes = ? WHERE id = ?")
        .bind(1, role_name(role))
        .bind(2, join_communes(communes))
        .bind(3, id)
        .run();
}

void Accounts::set_disabled(int64_t id, bool disabled) {
    db_.prepare("UPDATE accounts SET disabled = ? WHERE id = ?").bind(1, int64_t{disabled}).bind(2, id).run();
}

void Accounts::set_password_hash(int64_t id, const std::string& hash, int64_t now) {
    db_.prepare("UPDATE accounts SET password_hash = ?, password_changed = ? WHERE id = ?")
        .bind(1, hash)
        .bind(2, hash.empty() ? int64_t{0} : now)
        .bind(3, id)
        .run();
}

std::string Accounts::password_hash(int64_t id) {
    auto st = db_.prepare("SELECT password_hash FROM accounts WHERE id = ?");
    st.bind(1, id);
    return st.step() ? st.text(0) : std::string();
}

void Accounts::set_last_login(int64_t id, int64_t now) {
    db_.prepare("UPDATE accounts SET last_login = ? WHERE id = ?").bind(1, now).bind(2, id).run();
}

std::string Accounts::new_setup_link(int64_t id, int64_t now, int64_t lifetime) {
    // Only the newest link works: one handed over twice, or lost, is
    // replaced, never added to.
    db_.prepare("UPDATE setup_links SET used = ? WHERE account = ? AND used = 0").bind(1, now).bind(2, id).run();
    std::string token = random_secret(32);
    db_.prepare("INSERT INTO setup_links(digest, account, created, expires) VALUES (?, ?, ?, ?)")
        .bind(1, secret_digest(token))
        .bind(2, id)
        .bind(3, now)
        .bind(4, now + lifetime)
        .run();
    return token;
}

std::optional<int64_t> Accounts::setup_link_account(const std::string& token, int64_t now, LinkProblem& problem) {
    problem = LinkProblem::unknown;
    if (!valid_secret(token)) return std::nullopt;
    auto st = db_.prepare("SELECT account, expires, used FROM setup_links WHERE digest = ?");
    st.bind(1, secret_digest(token));
    if (!st.step()) return std::nullopt;
    if (st.integer(2) != 0) {
        problem = LinkProblem::used;
        return std::nullopt;
    }
    if (now >= st.integer(1)) {
        problem = LinkProblem::expired;
        return std::nullopt;
    }
    return st.integer(0);
}

void Accounts::use_setup_link(const std::string& token, int64_t now) {
    db_.prepare("UPDATE setup_links SET used = ? WHERE digest = ?").bind(1, now).bind(2, secret_digest(token)).run();
}

}  // namespace coopdec::store
