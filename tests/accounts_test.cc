// @brief Accounts, sessions, set-up links, throttling and the journal
// (store/account_service.h), on a state folder of their own and a clock
// the test moves.
#include <catch2/catch.hpp>

#include <variant>

#include <sodium.h>

#include "store/account_service.h"
#include "store/journal.h"
#include "store/passwords.h"
#include "store/sqlite.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace {

const std::string kGoodPassword = "le soleil de Kpalimé";

// A service on its own folder, at a time the test sets.
struct AccountsBench {
    test::TempDir dir;
    int64_t now = 1'800'000'000;
    store::AccountPolicy policy;
    std::unique_ptr<store::AccountService> service;
    explicit AccountsBench(store::AccountPolicy p = {}) : policy(p) {
        service = std::make_unique<store::AccountService>(dir.path(), policy, [this] { return now; });
    }
    store::AccountService& operator*() { return *service; }
    store::AccountService* operator->() { return service.get(); }

    // An account with kGoodPassword as its password.
    void account(const std::string& login, store::Role role, std::vector<std::string> communes = {}) {
        auto made = service->create_account("admin", "", login, "Nom de " + login, role, communes);
        REQUIRE(std::holds_alternative<store::SetupLink>(made));
        REQUIRE_FALSE(
            service->activate(std::get<store::SetupLink>(made).token, kGoodPassword, kGoodPassword, "10.0.0.1"));
    }
    store::SignedIn login(const std::string& login, const std::string& address = "10.0.0.1",
                          const std::string& old = {}) {
        auto r = service->login(login, kGoodPassword, address, old);
        if (auto* refused = std::get_if<store::Refusal>(&r)) FAIL(refused->message);
        return std::get<store::SignedIn>(r);
    }
    std::string refusal(const std::string& login, const std::string& password, const std::string& address) {
        auto r = service->login(login, password, address);
        return std::holds_alternative<store::Refusal>(r) ? std::get<store::Refusal>(r).message
                                                         : std::string("connecté");
    }
};

bool journal_has(const std::vector<store::JournalEntry>& entries, const std::string& event,
                 const std::string& subject) {
    for (const auto& e : entries)
        if (e.event == event && e.subject == subject) return true;
    return false;
}

}  // namespace

TEST_CASE("A refused login says the same for an unknown login and a wrong password", "[accounts]") {
    AccountsBench b;
    b.account("ama", store::Role::administrateur);
    CHECK(b.refusal("ama", "pas le bon mot de passe", "10.0.0.1") == store::kBadCredentials);
    CHECK(b.refusal("personne", "pas le bon mot de passe", "10.0.0.1") == store::kBadCredentials);
    CHECK(b.refusal("ama", kGoodPassword, "10.0.0.1") == "connecté");
    auto journal = b->journal(10);
    CHECK(journal_has(journal, store::kEventLoginFailed, "ama"));
    CHECK(journal_has(journal, store::kEventLoginFailed, "personne"));
    CHECK(journal_has(journal, store::kEventLogin, "ama"));
    // No password is ever written to the journal.
    for (const auto& e : journal) CHECK(e.detail.find("pas le bon") == std::string::npos);
}

TEST_CASE("Failed logins of one account make it wait, with a French message, then it may try again",
          "[accounts][throttle]") {
    store::AccountPolicy p;
    p.max_failures_account = 5;
    p.failure_window_seconds = 15 * 60;
    AccountsBench b(p);
    b.account("kofi", store::Role::contributeur, {"kloto-1"});
    for (int i = 0; i < 5; ++i) {
        CHECK(b.refusal("kofi", "mauvais mot de passe", "10.0.0." + std::to_string(i)) == store::kBadCredentials);
        b.now += 10;
    }
    // The right password does not get through while the account waits, from any address.
    CHECK(b.refusal("kofi", kGoodPassword, "10.9.9.9") == "trop d'essais de connexion : réessayez dans 15 minutes");
    CHECK(journal_has(b->journal(3), store::kEventLoginThrottled, "kofi"));
    b.now += 14 * 60;
    CHECK(b.refusal("kofi", kGoodPassword, "10.9.9.9") == "trop d'essais de connexion : réessayez dans 1 minute");
    b.now += 60;
    CHECK(b.refusal("kofi", kGoodPassword, "10.9.9.9") == "connecté");
    // A good login forgets the account's failures.
    for (int i = 0; i < 4; ++i) CHECK(b.refusal("kofi", "mauvais", "10.0.1.1") == store::kBadCredentials);
    CHECK(b.refusal("kofi", kGoodPassword, "10.0.1.2") == "connecté");
    CHECK(b.refusal("kofi", "mauvais", "10.0.1.1") == store::kBadCredentials);
    CHECK(b.refusal("kofi", kGoodPassword, "10.0.1.2") == "connecté");
}

TEST_CASE("Failed logins from one address make that address wait, whatever the login", "[accounts][throttle]") {
    store::AccountPolicy p;
    p.max_failures_account = 100;
    p.max_failures_address = 5;
    AccountsBench b(p);
    b.account("ama", store::Role::administrateur);
    for (int i = 0; i < 5; ++i)
        CHECK(b.refusal("inconnu" + std::to_string(i), "x", "192.0.2.7") == store::kBadCredentials);
    CHECK(b.refusal("ama", kGoodPassword, "192.0.2.7") == "trop d'essais de connexion : réessayez dans 15 minutes");
    CHECK(b.refusal("ama", kGoodPassword, "192.0.2.8") == "connecté");
    // Durable: a restart of the server forgets nothing.
    b.service.reset();
    b.service = std::make_unique<store::AccountService>(b.dir.path(), p, [&b] { return b.now; });
    CHECK(b.refusal("ama", kGoodPassword, "192.0.2.7") == "trop d'essais de connexion : réessayez dans 15 minutes");
}

TEST_CASE("A login opens a new session and ends the one the browser held", "[accounts][sessions]") {
    AccountsBench b;
    b.account("ama", store::Role::administrateur);
    store::SignedIn first = b.login("ama");
    CHECK(first.session.id.size() == 64);  // 256 bits, hex
    CHECK(first.session.csrf.size() == 64);
    REQUIRE(b->resolve(first.session.id));
    CHECK(b->resolve(first.session.id)->csrf_token == first.session.csrf);
    store::SignedIn second = b.login("ama", "10.0.0.1", first.session.id);
    CHECK(second.session.id != first.session.id);
    CHECK(second.session.csrf != first.session.csrf);
    CHECK_FALSE(b->resolve(first.session.id));
    CHECK(b->resolve(second.session.id));
    // Only a digest is stored: the id itself is nowhere in the database.
    sqlite::Database db(b.dir / store::kAccountsStateFile);
    auto st = db.prepare("SELECT COUNT(*) FROM sessions WHERE digest = ?");
    st.bind(1, second.session.id);
    REQUIRE(st.step());
    CHECK(st.integer(0) == 0);
    CHECK_FALSE(b->resolve(""));
    CHECK_FALSE(b->resolve("not-a-session"));
}

TEST_CASE("Sessions end after their idle time and after their absolute lifetime", "[accounts][sessions]") {
    store::AccountPolicy p;
    p.sessions.idle = 30 * 60;
    p.sessions.lifetime = 12 * 3600;
    AccountsBench b(p);
    b.account("ama", store::Role::administrateur);
    store::SignedIn idle = b.login("ama");
    b.now += 29 * 60;
    CHECK(b->resolve(idle.session.id));  // used: its idle time starts again
    b.now += 29 * 60;
    CHECK(b->resolve(idle.session.id));
    b.now += 30 * 60;
    CHECK_FALSE(b->resolve(idle.session.id));
    CHECK_FALSE(b->resolve(idle.session.id));  // gone for good

    store::SignedIn busy = b.login("ama");
    const int64_t start = b.now;
    while (b.now - start < 12 * 3600 - 20 * 60) {
        b.now += 20 * 60;
        REQUIRE(b->resolve(busy.session.id));
    }
    b.now = start + 12 * 3600;
    CHECK_FALSE(b->resolve(busy.session.id));  // used all along, still ended
}

TEST_CASE("Logout, a password change, a role change and disabling end sessions", "[accounts][sessions]") {
    AccountsBench b;
    b.account("ama", store::Role::administrateur);
    b.account("kofi", store::Role::contributeur, {"kloto-1"});
    store::SignedIn s = b.login("kofi");
    b->logout(s.session.id, "10.0.0.1");
    CHECK_FALSE(b->resolve(s.session.id));
    CHECK(journal_has(b->journal(1), store::kEventLogout, "kofi"));

    // A password change ends the other sessions, not the one that made it.
    store::SignedIn here = b.login("kofi"), elsewhere = b.login("kofi", "10.0.0.2");
    auto who = b->resolve(here.session.id);
    REQUIRE(who);
    CHECK(b->change_password(*who, here.session.id, "pas le bon", "un autre mot de passe long",
                             "un autre mot de passe long", "10.0.0.1")
              ->message == "mot de passe actuel incorrect");
    CHECK(b->change_password(*who, here.session.id, kGoodPassword, "un autre mot de passe long",
                             "un autre mot de passe lon", "10.0.0.1")
              ->message == "les deux mots de passe saisis diffèrent");
    CHECK(b->change_password(*who, here.session.id, kGoodPassword, "password12345", "password12345", "10.0.0.1"));
    CHECK(b->resolve(elsewhere.session.id));
    CHECK_FALSE(b->change_password(*who, here.session.id, kGoodPassword, "un autre mot de passe long",
                                   "un autre mot de passe long", "10.0.0.1"));
    CHECK(b->resolve(here.session.id));
    CHECK_FALSE(b->resolve(elsewhere.session.id));
    CHECK(b.refusal("kofi", kGoodPassword, "10.0.0.1") == store::kBadCredentials);
    CHECK(b.refusal("kofi", "un autre mot de passe long", "10.0.0.1") == "connecté");

    // A role change ends every session of the account.
    store::SignedIn before = b.login("ama");
    store::SignedIn k = std::get<store::SignedIn>(b->login("kofi", "un autre mot de passe long", "10.0.0.1"));
    CHECK(b->set_role("ama", "10.0.0.1", "kofi", store::Role::validateur, {}) == std::nullopt);
    CHECK_FALSE(b->resolve(k.session.id));
    CHECK(b->resolve(before.session.id));
    CHECK(b->account("kofi")->role == store::Role::validateur);
    CHECK(b->account("kofi")->communes.empty());
    CHECK(journal_has(b->journal(1), store::kEventRoleChanged, "kofi"));
    CHECK(b->journal(1)[0].detail == "contributeur (kloto-1) → validateur");
    CHECK(b->set_role("ama", "", "ama", store::Role::validateur, {})->message ==
          "vous ne pouvez pas changer votre propre rôle");
    CHECK(b->set_role("ama", "", "kofi", store::Role::contributeur, {})->message ==
          "un contributeur répond d'une commune au moins : choisissez-la");

    // Disabled: its sessions end, its password no longer opens one.
    k = std::get<store::SignedIn>(b->login("kofi", "un autre mot de passe long", "10.0.0.1"));
    CHECK_FALSE(b->set_disabled("ama", "", "kofi", true));
    CHECK_FALSE(b->resolve(k.session.id));
    CHECK(b.refusal("kofi", "un autre mot de passe long", "10.0.0.1") ==
          "ce compte est désactivé : adressez-vous à un administrateur");
    CHECK(b.refusal("kofi", "mauvais", "10.0.0.1") == store::kBadCredentials);  // nothing told without the password
    CHECK_FALSE(b->set_disabled("ama", "", "kofi", false));
    CHECK(b.refusal("kofi", "un autre mot de passe long", "10.0.0.1") == "connecté");
}

TEST_CASE("A set-up link works once, and not after it expired or was replaced", "[accounts][links]") {
    store::AccountPolicy p;
    p.setup_link_seconds = 72 * 3600;
    AccountsBench b(p);
    auto made = b->create_account(store::kAdminCommandActor, "", "ama", "Ama K.", store::Role::administrateur, {});
    REQUIRE(std::holds_alternative<store::SetupLink>(made));
    const std::string token = std::get<store::SetupLink>(made).token;
    CHECK(token.size() == 64);
    CHECK(store::setup_link_path(token) == "/activer/" + token);
    REQUIRE(std::holds_alternative<store::Account>(b->setup_link_account(token)));
    CHECK_FALSE(std::get<store::Account>(b->setup_link_account(token)).has_password);
    // Refused passwords leave the link as it was.
    CHECK(b->activate(token, "court", "court", "")->message ==
          "mot de passe trop court : au moins 12 caractères (ici 5)");
    CHECK(b->activate(token, "ama", "ama", "")->status == 400);
    CHECK_FALSE(b->activate(token, kGoodPassword, kGoodPassword, "10.0.0.1"));
    auto again = b->activate(token, "un autre mot de passe long", "un autre mot de passe long", "");
    REQUIRE(again);
    CHECK(again->message == "ce lien d'activation a déjà servi : demandez-en un nouveau à un administrateur");
    CHECK(again->status == 410);
    CHECK(b.refusal("ama", kGoodPassword, "10.0.0.1") == "connecté");
    CHECK(journal_has(b->journal(5), store::kEventLinkUsed, "ama"));

    // Expired.
    auto reset = b->reset(store::kAdminCommandActor, "", "ama");
    REQUIRE(std::holds_alternative<store::SetupLink>(reset));
    const std::string late = std::get<store::SetupLink>(reset).token;
    CHECK(b.refusal("ama", kGoodPassword, "10.0.0.1") == store::kBadCredentials);  // a reset clears the password
    b.now += 72 * 3600;
    CHECK(std::get<store::Refusal>(b->setup_link_account(late)).message ==
          "ce lien d'activation a expiré : demandez-en un nouveau à un administrateur");
    CHECK(b->activate(late, kGoodPassword, kGoodPassword, "")->status == 410);

    // Replaced: only the newest link of an account works.
    const std::string older = std::get<store::SetupLink>(b->reset(store::kAdminCommandActor, "", "ama")).token;
    const std::string newer = std::get<store::SetupLink>(b->reset(store::kAdminCommandActor, "", "ama")).token;
    CHECK(std::holds_alternative<store::Refusal>(b->setup_link_account(older)));
    CHECK(std::holds_alternative<store::Account>(b->setup_link_account(newer)));
    CHECK(std::get<store::Refusal>(b->setup_link_account(std::string(64, 'a'))).status == 404);
    CHECK(std::get<store::Refusal>(b->setup_link_account("../../etc")).status == 404);
}

TEST_CASE("Accounts are created with valid logins, names and communes", "[accounts]") {
    AccountsBench b;
    auto refused = [&](const std::string& login, const std::string& name, store::Role role,
                       std::vector<std::string> communes) {
        auto r = b->create_account("ama", "", login, name, role, communes);
        return std::holds_alternative<store::Refusal>(r) ? std::get<store::Refusal>(r).message : std::string();
    };
    CHECK(refused("Ama", "A", store::Role::validateur, {}) == "l'identifiant commence par une lettre minuscule");
    CHECK(refused("a", "A", store::Role::validateur, {}) == "identifiant de 3 à 64 caractères attendu");
    CHECK(refused("ama k", "A", store::Role::validateur, {}) ==
          "l'identifiant ne prend que des lettres minuscules sans accent, des chiffres, « . », « - » et « _ »");
    CHECK(refused("ama", "", store::Role::validateur, {}) == "nom de 1 à 100 caractères attendu");
    CHECK(refused("kofi", "Kofi", store::Role::contributeur, {}) ==
          "un contributeur répond d'une commune au moins : choisissez-la");
    CHECK(refused("kofi", "Kofi", store::Role::contributeur, {"kloto-1", "kloto-2"}).empty());
    CHECK(refused("kofi", "Kofi", store::Role::validateur, {}) == "l'identifiant « kofi » est déjà pris");
    CHECK(refused("vera", "Vera", store::Role::validateur, {"kloto-1"}).empty());
    CHECK(b->account("kofi")->communes == std::vector<std::string>{"kloto-1", "kloto-2"});
    CHECK(b->account("vera")->communes.empty());  // only a contributeur has communes
    CHECK(journal_has(b->journal(10), store::kEventAccountCreated, "kofi"));
    CHECK(journal_has(b->journal(10), store::kEventLinkMade, "kofi"));
}

TEST_CASE("The journal refuses UPDATE and DELETE, from any connection", "[accounts][journal]") {
    AccountsBench b;
    b->create_account("ama", "10.0.0.1", "kofi", "Kofi", store::Role::validateur, {});
    sqlite::Database db(b.dir / store::kAccountsStateFile);
    store::Journal journal(db);
    REQUIRE(journal.recent(10).size() == 2);
    CHECK_THROWS_WITH(db.exec("UPDATE journal SET actor = 'personne'"),
                      Catch::Contains("le journal ne se modifie pas"));
    CHECK_THROWS_WITH(db.exec("DELETE FROM journal"), Catch::Contains("le journal ne s'efface pas"));
    CHECK_THROWS(db.exec("DELETE FROM journal WHERE id = 1"));
    CHECK(journal.recent(10).size() == 2);
    CHECK(journal.recent(10)[0].actor == "ama");
    CHECK(journal.recent(10)[0].address == "10.0.0.1");
    // Appending still works, and pages go backwards by id.
    journal.record(1, "x", store::kEventLogout, "x", "");
    auto newest = journal.recent(1);
    REQUIRE(newest.size() == 1);
    CHECK(journal.recent(10, newest[0].id).size() == 2);
}

TEST_CASE("A password hashed with weaker parameters is rehashed at the next login", "[accounts][passwords]") {
    AccountsBench b;
    b.account("ama", store::Role::administrateur);
    char weaker[crypto_pwhash_STRBYTES];
    REQUIRE(crypto_pwhash_str_alg(weaker, kGoodPassword.data(), kGoodPassword.size(), 2, 19u << 20,
                                  crypto_pwhash_ALG_ARGON2ID13) == 0);
    sqlite::Database db(b.dir / store::kAccountsStateFile);
    db.prepare("UPDATE accounts SET password_hash = ? WHERE login = 'ama'").bind(1, std::string(weaker)).run();
    auto stored = [&] {
        auto st = db.prepare("SELECT password_hash FROM accounts WHERE login = 'ama'");
        REQUIRE(st.step());
        return st.text(0);
    };
    REQUIRE(stored().rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0) == 0);
    CHECK(b.refusal("ama", kGoodPassword, "10.0.0.1") == "connecté");
    CHECK(stored().rfind("$argon2id$v=19$m=65536,t=3,p=1$", 0) == 0);
    CHECK(b.refusal("ama", kGoodPassword, "10.0.0.1") == "connecté");
}
