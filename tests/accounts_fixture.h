// @brief Someone signed in, for HTTP tests: an account of a role (and
// communes) made in a state folder, its password set, a session opened —
// what a test needs to send as that person: the Cookie header and the
// session's CSRF token. Works beside a running coopdec-server on the same
// --state-dir (one SQLite file, WAL).
//
//   test::TempDir state;
//   auto kofi = test::sign_in(state.path(), store::Role::contributeur, {"kloto-1"});
//   test::ServerProcess server({"--db", db, "--port", "0", "--state-dir", state.path()});
//   server.get("/espace", {{"Cookie", kofi.cookie}});
//   server.post("/espace/…", "csrf=" + kofi.csrf + "&…", {{"Cookie", kofi.cookie}});
#pragma once

#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "server/session_auth.h"
#include "store/account_service.h"
#include "store/principal.h"

namespace coopdec::test {

// The password every account of sign_in() gets: long, not a common one.
inline constexpr const char* kTestPassword = "un mot de passe de test assez long";

struct SignedInUser {
    std::string login;
    std::string cookie;      // "coopdec_session=…": the Cookie header's value
    std::string session_id;  // the cookie's value alone
    std::string csrf;        // the `csrf` field of every POST to /espace, /revue, /admin
    store::Principal who;    // as handlers see it (Context::user)
};

// Creates the account `login` ("" → the role's name and a number) in
// `state_dir`/coopdec.sqlite with `role` and `communes`, sets its password
// to kTestPassword, signs it in. Throws std::runtime_error when refused
// (a taken login, a contributeur without commune…). About 0.3 s: two
// Argon2id computations.
inline SignedInUser sign_in(const std::string& state_dir, store::Role role,
                            const std::vector<std::string>& communes = {}, std::string login = {},
                            const std::string& name = "Personne de test") {
    store::AccountService accounts(state_dir);
    if (login.empty()) login = std::string(store::role_name(role)) + std::to_string(accounts.accounts().size() + 1);
    auto made = accounts.create_account("test", "", login, name, role, communes);
    if (auto* r = std::get_if<store::Refusal>(&made)) throw std::runtime_error("sign_in: " + r->message);
    const std::string token = std::get<store::SetupLink>(made).token;
    if (auto r = accounts.activate(token, kTestPassword, kTestPassword, "127.0.0.1"))
        throw std::runtime_error("sign_in: " + r->message);
    auto in = accounts.login(login, kTestPassword, "127.0.0.1");
    if (auto* r = std::get_if<store::Refusal>(&in)) throw std::runtime_error("sign_in: " + r->message);
    const auto& s = std::get<store::SignedIn>(in);
    return SignedInUser{login, std::string(kSessionCookie) + "=" + s.session.id, s.session.id, s.session.csrf, s.who};
}

}  // namespace coopdec::test
