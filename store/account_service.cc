// @brief Sign-in, sessions, set-up links and administrators' acts (see
// account_service.h).
#include "store/account_service.h"

#include <algorithm>
#include <chrono>

#include "store/passwords.h"
#include "store/secret.h"

namespace coopdec::store {
namespace {

std::string communes_text(const std::vector<std::string>& communes) {
    std::string out;
    for (const auto& c : communes) out += (out.empty() ? "" : ", ") + c;
    return out;
}

std::string role_text(Role role, const std::vector<std::string>& communes) {
    std::string out(role_name(role));
    if (!communes.empty()) out += " (" + communes_text(communes) + ")";
    return out;
}

// A hash of nothing anyone knows: an unknown login is checked against it,
// so that it takes as long as a known one (no enumeration by timing).
const std::string& decoy_hash() {
    static const std::string hash = hash_password(random_secret(16));
    return hash;
}

Refusal unknown_account(const std::string& login) { return Refusal{"aucun compte « " + login + " »", 404}; }

}  // namespace

int64_t system_clock_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string setup_link_path(const std::string& token) { return "/activer/" + token; }

AccountService::AccountService(const std::string& state_dir, AccountPolicy policy, Clock clock)
    : policy_(policy),
      clock_(std::move(clock)),
      db_(state_dir + "/" + kAccountsStateFile),
      accounts_(db_),
      sessions_(db_),
      throttle_(db_),
      journal_(db_) {
    sodium_ready();
}

std::string AccountService::hash_outside_lock(const std::string& password) { return hash_password(password); }

std::optional<Principal> AccountService::principal_of(int64_t account, const std::string& csrf) {
    auto a = accounts_.by_id(account);
    if (!a || a->disabled) return std::nullopt;
    Principal p;
    p.account_id = a->id;
    p.login = a->login;
    p.name = a->name;
    p.role = a->role;
    p.communes = a->communes;
    p.csrf_token = csrf;
    return p;
}

std::variant<SignedIn, Refusal> AccountService::login(const std::string& login, const std::string& password,
                                                      const std::string& address, const std::string& old_session) {
    const int64_t now = clock_();
    std::optional<Account> account;
    std::string hash;
    {
        std::lock_guard lock(mutex_);
        const int64_t window = policy_.failure_window_seconds;
        int64_t wait =
            std::max(throttle_.wait_seconds(account_key(login), now, policy_.max_failures_account, window),
                     throttle_.wait_seconds(address_key(address), now, policy_.max_failures_address, window));
        if (wait > 0) {
            journal_.record(now, "", kEventLoginThrottled, login, address);
            return Refusal{throttle_message(wait), 429};
        }
        account = accounts_.by_login(login);
        if (account) hash = accounts_.password_hash(account->id);
    }
    // The slow part, outside the lock: other requests go on meanwhile.
    bool ok = false;
    if (account && !hash.empty())
        ok = verify_password(hash, password);
    else
        verify_password(decoy_hash(), password);

    std::unique_lock lock(mutex_);
    sqlite::Transaction tx(db_);
    if (!ok) {
        throttle_.fail(account_key(login), now);
        throttle_.fail(address_key(address), now);
        journal_.record(now, "", kEventLoginFailed, login, address,
                        account ? "mot de passe erroné" : "identifiant inconnu");
        tx.commit();
        return Refusal{kBadCredentials, 401};
    }
    if (account->disabled) {
        journal_.record(now, "", kEventLoginFailed, login, address, "compte désactivé");
        tx.commit();
        return Refusal{"ce compte est désactivé : adressez-vous à un administrateur", 403};
    }
    // A new id at every login (ASVS 3.2.1): whatever session the browser
    // held before is ended, never promoted.
    if (!old_session.empty()) sessions_.kill(old_session);
    throttle_.clear(account_key(login));
    // What expired meanwhile goes, so that neither table only grows.
    sessions_.purge(now, policy_.sessions);
    throttle_.purge(now, policy_.failure_window_seconds);
    NewSession session = sessions_.create(account->id, now);
    accounts_.set_last_login(account->id, now);
    journal_.record(now, account->login, kEventLogin, account->login, address);
    auto who = principal_of(account->id, session.csrf);
    tx.commit();
    if (needs_rehash(hash)) {
        // Made with older parameters: brought up to the current ones now
        // that the password is at hand, outside the lock.
        lock.unlock();
        std::string stronger = hash_outside_lock(password);
        std::lock_guard again(mutex_);
        accounts_.set_password_hash(account->id, stronger, accounts_.by_id(account->id)->password_changed);
    }
    return SignedIn{session, *who};
}

std::optional<Principal> AccountService::resolve(const std::string& session_id) {
    if (!valid_secret(session_id)) return std::nullopt;
    std::lock_guard lock(mutex_);
    auto s = sessions_.find(session_id, clock_(), policy_.sessions);
    if (!s) return std::nullopt;
    return principal_of(s->account, s->csrf);
}

void AccountService::logout(const std::string& session_id, const std::string& address) {
    std::lock_guard lock(mutex_);
    const int64_t now = clock_();
    auto s = sessions_.find(session_id, now, policy_.sessions);
    sessions_.kill(session_id);
    if (!s) return;
    auto a = accounts_.by_id(s->account);
    journal_.record(now, a ? a->login : "", kEventLogout, a ? a->login : "", address);
}

std::variant<Account, Refusal> AccountService::setup_link_account(const std::string& token) {
    std::lock_guard lock(mutex_);
    LinkProblem problem;
    auto id = accounts_.setup_link_account(token, clock_(), problem);
    if (!id) return Refusal{link_problem_message(problem), problem == LinkProblem::unknown ? 404 : 410};
    auto a = accounts_.by_id(*id);
    if (!a) return Refusal{link_problem_message(LinkProblem::unknown), 404};
    if (a->disabled) return Refusal{"ce compte est désactivé : adressez-vous à un administrateur", 403};
    return *a;
}

std::optional<Refusal> AccountService::check_new_password(const std::string& password, const std::string& confirm,
                                                          const std::string& login) {
    if (password != confirm) return Refusal{"les deux mots de passe saisis diffèrent"};
    if (auto problem = password_problem(password, login)) return Refusal{*problem};
    return std::nullopt;
}

std::optional<Refusal> AccountService::activate(const std::string& token, const std::string& password,
                                                const std::string& confirm, const std::string& address) {
    auto opened = setup_link_account(token);
    if (auto* r = std::get_if<Refusal>(&opened)) return *r;
    const Account account = std::get<Account>(opened);
    if (auto r = check_new_password(password, confirm, account.login)) return r;
    const std::string hash = hash_outside_lock(password);

    std::lock_guard lock(mutex_);
    const int64_t now = clock_();
    sqlite::Transaction tx(db_);
    // Checked again under the lock: two submissions of one link, one wins.
    LinkProblem problem;
    auto id = accounts_.setup_link_account(token, now, problem);
    if (!id || *id != account.id) return Refusal{link_problem_message(problem), 410};
    accounts_.use_setup_link(token, now);
    accounts_.set_password_hash(account.id, hash, now);
    sessions_.kill_all(account.id);
    journal_.record(now, account.login, kEventLinkUsed, account.login, address);
    tx.commit();
    return std::nullopt;
}

std::optional<Refusal> AccountService::change_password(const Principal& who, const std::string& session_id,
                                                       const std::string& current, const std::string& password,
                                                       const std::string& confirm, const std::string& address) {
    std::string hash;
    {
        std::lock_guard lock(mutex_);
        int64_t wait = throttle_.wait_seconds(account_key(who.login), clock_(), policy_.max_failures_account,
                                              policy_.failure_window_seconds);
        if (wait > 0) return Refusal{throttle_message(wait), 429};
        hash = accounts_.password_hash(who.account_id);
    }
    if (!verify_password(hash, current)) {
        std::lock_guard lock(mutex_);
        const int64_t now = clock_();
        throttle_.fail(account_key(who.login), now);
        throttle_.fail(address_key(address), now);
        journal_.record(now, who.login, kEventLoginFailed, who.login, address, "mot de passe actuel erroné");
        return Refusal{"mot de passe actuel incorrect", 401};
    }
    if (auto r = check_new_password(password, confirm, who.login)) return r;
    if (password == current) return Refusal{"le nouveau mot de passe doit différer de l'actuel"};
    const std::string new_hash = hash_outside_lock(password);

    std::lock_guard lock(mutex_);
    const int64_t now = clock_();
    sqlite::Transaction tx(db_);
    accounts_.set_password_hash(who.account_id, new_hash, now);
    sessions_.kill_all(who.account_id, session_id);
    journal_.record(now, who.login, kEventPasswordChanged, who.login, address);
    tx.commit();
    return std::nullopt;
}

std::variant<SetupLink, Refusal> AccountService::create_account(const std::string& actor, const std::string& address,
                                                                const std::string& login, const std::string& name,
                                                                Role role, const std::vector<std::string>& communes) {
    if (auto p = login_problem(login)) return Refusal{*p};
    if (auto p = name_problem(name)) return Refusal{*p};
    if (role == Role::contributeur && communes.empty())
        return Refusal{"un contributeur répond d'une commune au moins : choisissez-la"};
    const std::vector<std::string> kept = role == Role::contributeur ? communes : std::vector<std::string>{};

    std::lock_guard lock(mutex_);
    const int64_t now = clock_();
    if (accounts_.by_login(login)) return Refusal{"l'identifiant « " + login + " » est déjà pris", 409};
    sqlite::Transaction tx(db_);
    int64_t id = accounts_.create(login, name, role, kept, now);
    std::string token = accounts_.new_setup_link(id, now, policy_.setup_link_seconds);
    journal_.record(now, actor, kEventAccountCreated, login, address, role_text(role, kept));
    journal_.record(now, actor, kEventLinkMade, login, address);
    tx.commit();
    return SetupLink{token, login};
}

std::optional<Refusal> AccountService::set_role(const std::string& actor, const std::string& address,
                                                const std::string& login, Role role,
                                                const std::vector<std::string>& communes) {
    if (role == Role::contributeur && communes.empty())
        return Refusal{"un contributeur répond d'une commune au moins : choisissez-la"};
    if (actor == login) return Refusal{"vous ne pouvez pas changer votre propre rôle"};
    const std::vector<std::string> kept = role == Role::contributeur ? communes : std::vector<std::string>{};
    std::lock_guard lock(mutex_);
    auto a = accounts_.by_login(login);
    if (!a) return unknown_account(login);
    const int64_t now = clock_();
    sqlite::Transaction tx(db_);
    accounts_.set_role(a->id, role, kept);
    // Rights change: no session keeps the old ones (ASVS 3.3.x).
    sessions_.kill_all(a->id);
    journal_.record(now, actor, kEventRoleChanged, login, address,
                    role_text(a->role, a->communes) + " → " + role_text(role, kept));
    tx.commit();
    return std::nullopt;
}

std::optional<Refusal> AccountService::set_disabled(const std::string& actor, const std::string& address,
                                                    const std::string& login, bool disabled) {
    if (disabled && actor == login) return Refusal{"vous ne pouvez pas désactiver votre propre compte"};
    std::lock_guard lock(mutex_);
    auto a = accounts_.by_login(login);
    if (!a) return unknown_account(login);
    const int64_t now = clock_();
    sqlite::Transaction tx(db_);
    accounts_.set_disabled(a->id, disabled);
    if (disabled) sessions_.kill_all(a->id);
    journal_.record(now, actor, disabled ? kEventDisabled : kEventEnabled, login, address);
    tx.commit();
    return std::nullopt;
}

std::variant<SetupLink, Refusal> AccountService::reset(const std::string& actor, const std::string& address,
                                                       const std::string& login) {
    std::lock_guard lock(mutex_);
    auto a = accounts_.by_login(login);
    if (!a) return unknown_account(login);
    const int64_t now = clock_();
    sqlite::Transaction tx(db_);
    accounts_.set_password_hash(a->id, "", now);
    sessions_.kill_all(a->id);
    std::string token = accounts_.new_setup_link(a->id, now, policy_.setup_link_seconds);
    journal_.record(now, actor, kEventLinkMade, login, address, "réinitialisation : mot de passe effacé");
    tx.commit();
    return SetupLink{token, login};
}

std::vector<Account> AccountService::accounts() {
    std::lock_guard lock(mutex_);
    return accounts_.all();
}

std::optional<Account> AccountService::account(const std::string& login) {
    std::lock_guard lock(mutex_);
    return accounts_.by_login(login);
}

size_t AccountService::session_count(const std::string& login) {
    std::lock_guard lock(mutex_);
    auto a = accounts_.by_login(login);
    return a ? sessions_.count(a->id) : 0;
}

std::vector<JournalEntry> AccountService::journal(size_t limit, int64_t before) {
    std::lock_guard lock(mutex_);
    return journal_.recent(limit, before);
}

}  // namespace coopdec::store
