// @brief The account pages over HTTP: the router's gate (redirect, 401,
// CSRF, Origin), who may reach /admin, the cookies' attributes, the login
// form, no-store; and the whole walk through the real server, from
// coopdec-admin create-admin to a contributor's logout.
#include <catch2/catch.hpp>

#include <regex>

#include "common/escape.h"
#include "search/synonyms.h"
#include "server/metrics.h"
#include "server/request_handler.h"
#include "server/router.h"
#include "server/session_auth.h"
#include "store/account_service.h"
#include "tests/accounts_fixture.h"
#include "tests/bundled_server.h"
#include "tests/server_process.h"
#include "tests/temp_index.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace {

const std::string kLocalOrigin = "http://127.0.0.1:8080";

// The site in process: a router with the real session authenticator on a
// state folder of its own.
struct AccountSite {
    test::TempDir state;
    SynonymsFile synonyms{state / "aucun.txt"};
    Metrics metrics;
    store::AccountService accounts{state.path()};
    std::string public_url;
    SessionAuthenticator auth;
    Router router;

    static ServerConfig config(const std::string& db, const std::string& public_url) {
        ServerConfig c;
        c.db_path = db;
        c.public_url = public_url;
        return c;
    }
    explicit AccountSite(const std::string& db = {}, const std::string& url = {})
        : public_url(url), auth(accounts, secure_cookies(url)), router(config(db, url), synonyms, metrics) {
        router.set_accounts(&accounts);
        router.set_authenticator(&auth);
    }
    std::string origin() const { return public_url.empty() ? kLocalOrigin : public_url; }

    http::Response get(const std::string& target, const std::string& cookie = {}) {
        Incoming in;
        in.method = "GET";
        in.target = target;
        in.cookie = cookie;
        in.host = "127.0.0.1:8080";
        in.client = "192.0.2.1";
        std::string route;
        return router.handle(in, route);
    }
    http::Response post(const std::string& target, const std::string& body, const std::string& cookie = {},
                        const std::string& from = {}) {
        Incoming in;
        in.method = "POST";
        in.target = target;
        in.cookie = cookie;
        in.host = "127.0.0.1:8080";
        in.origin = from.empty() ? origin() : from;
        in.content_type = "application/x-www-form-urlencoded";
        in.body = body;
        in.client = "192.0.2.1";
        std::string route;
        return router.handle(in, route);
    }
};

std::string response_header(const http::Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
        if (k == name) return v;
    return {};
}

// The Set-Cookie of `name` in an answer's headers ("" when none).
template <class Headers>
std::string set_cookie_named(const Headers& set_cookies, const std::string& name) {
    for (const auto& c : set_cookies)
        if (c.rfind(name + "=", 0) == 0) return c;
    return {};
}

std::string response_cookie(const http::Response& r, const std::string& name) {
    std::vector<std::string> all;
    for (const auto& [k, v] : r.headers)
        if (k == "Set-Cookie") all.push_back(v);
    return set_cookie_named(all, name);
}

// "name=value" of a Set-Cookie.
std::string cookie_pair(const std::string& set_cookie) { return set_cookie.substr(0, set_cookie.find(';')); }

std::string page_csrf(const std::string& page) {
    static const std::regex field("name=\"csrf\" value=\"([0-9a-f]{64})\"");
    std::smatch m;
    return std::regex_search(page, m, field) ? m[1].str() : std::string();
}

}  // namespace

TEST_CASE("The router's gate: GET redirects to the login page, POST gets 401, a bad CSRF token or Origin 403",
          "[accounts-http]") {
    AccountSite site;
    http::Response r = site.get("/espace");
    CHECK(r.status == 303);
    CHECK(response_header(r, "Location") == "/connexion?retour=%2Fespace");
    CHECK(response_header(r, "Cache-Control") == "no-store");
    CHECK(response_header(site.get("/admin/journal?avant=3"), "Location") ==
          "/connexion?retour=%2Fadmin%2Fjournal%3Favant%3D3");
    r = site.post("/espace/deconnexion", "csrf=x");
    CHECK(r.status == 401);
    CHECK(test::contains(r.body, "session terminée ou absente"));

    auto kofi = test::sign_in(site.state.path(), store::Role::contributeur, {"kloto-1"}, "kofi", "Kofi Mensah");
    r = site.get("/espace", kofi.cookie);
    CHECK(r.status == 200);
    CHECK(test::contains(r.body, "Kofi Mensah"));
    CHECK(test::contains(r.body, "kloto-1"));
    CHECK(page_csrf(r.body) == kofi.csrf);
    CHECK(response_header(r, "Cache-Control") == "no-store");
    // Every page's header says who is signed in, and « Connexion » to others.
    CHECK(test::contains(site.get("/connexion?retour=/", "").body, ">Connexion</a>"));
    CHECK(test::contains(site.get("/espace/compte", kofi.cookie).body,
                         "<span class=\"account-link\">Kofi Mensah · <a href=\"/espace\">Mon espace</a></span>"));

    CHECK(site.post("/espace/deconnexion", "", kofi.cookie).status == 403);
    CHECK(site.post("/espace/deconnexion", "csrf=" + std::string(64, '0'), kofi.cookie).status == 403);
    CHECK(site.post("/espace/deconnexion", "csrf=" + kofi.csrf.substr(1), kofi.cookie).status == 403);
    r = site.post("/espace/deconnexion", "csrf=" + kofi.csrf, kofi.cookie, "https://ailleurs.example");
    CHECK(r.status == 403);
    CHECK(test::contains(r.body, "en-tête Origin"));
    REQUIRE(site.accounts.resolve(kofi.session_id));
    // A GET never changes state: logging out is a POST only.
    CHECK(site.get("/espace/deconnexion", kofi.cookie).status == 405);
    REQUIRE(site.accounts.resolve(kofi.session_id));

    r = site.post("/espace/deconnexion", "csrf=" + kofi.csrf, kofi.cookie);
    CHECK(r.status == 303);
    CHECK(response_header(r, "Location") == "/");
    CHECK(response_cookie(r, kSessionCookie) == "coopdec_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
    CHECK_FALSE(site.accounts.resolve(kofi.session_id));
    CHECK(site.get("/espace", kofi.cookie).status == 303);
}

TEST_CASE("Only administrators reach /admin: contributors and validators get 403", "[accounts-http]") {
    test::TempIndex gazetteer(test::source_dir() + "/corpus/repertoire");
    AccountSite site(gazetteer.db);
    const struct {
        store::Role role;
        std::vector<std::string> communes;
        int status;
    } cases[] = {
        {store::Role::contributeur, {"kloto-1"}, 403},
        {store::Role::validateur, {}, 403},
        {store::Role::administrateur, {}, 200},
    };
    for (const auto& c : cases) {
        CAPTURE(store::role_name(c.role));
        auto who = test::sign_in(site.state.path(), c.role, c.communes);
        CHECK(site.get("/admin/comptes", who.cookie).status == c.status);
        CHECK(site.get("/admin/journal", who.cookie).status == c.status);
        const std::string create = "csrf=" + who.csrf + "&identifiant=nouveau" + std::string(store::role_name(c.role)) +
                                   "&nom=N&role=validateur";
        CHECK(site.post("/admin/comptes", create, who.cookie).status == c.status);
        CHECK(site.post("/admin/comptes/etat", "csrf=" + who.csrf + "&identifiant=x&etat=desactiver", who.cookie)
                  .status == (c.status == 200 ? 404 : 403));
        CHECK(site.post("/admin/comptes/lien", "csrf=" + who.csrf + "&identifiant=x", who.cookie).status ==
              (c.status == 200 ? 404 : 403));
        // « Mon espace » offers the administration to administrators only.
        CHECK(test::contains(site.get("/espace", who.cookie).body, "href=\"/admin/comptes\"") == (c.status == 200));
    }
    // The administrator's page lists the gazetteer's communes to choose from, and refuses others.
    auto admin = test::sign_in(site.state.path(), store::Role::administrateur, {}, "chef");
    http::Response page = site.get("/admin/comptes", admin.cookie);
    CHECK(test::contains(page.body, "<option value=\"kloto-1\">Kloto 1</option>"));
    http::Response r = site.post(
        "/admin/comptes", "csrf=" + admin.csrf + "&identifiant=kofi&nom=Kofi&role=contributeur&commune=nulle-part",
        admin.cookie);
    CHECK(r.status == 400);
    CHECK(test::contains(r.body, "commune inconnue du répertoire : « nulle-part »"));
    r = site.post("/admin/comptes",
                  "csrf=" + admin.csrf + "&identifiant=kofi&nom=Kofi&role=contributeur&commune=kloto-1", admin.cookie);
    CHECK(r.status == 200);
    CHECK(std::regex_search(r.body, std::regex("<code>http://127\\.0\\.0\\.1:8080/activer/[0-9a-f]{64}</code>")));
    CHECK(site.accounts.account("kofi")->communes == std::vector<std::string>{"kloto-1"});

    // The other acts of the page, each ending the account's sessions where it must.
    auto ekua = test::sign_in(site.state.path(), store::Role::contributeur, {"kloto-2"}, "ekua");
    r = site.post("/admin/comptes/role",
                  "csrf=" + admin.csrf + "&identifiant=ekua&role=contributeur&commune=kloto-1&commune=kloto-3",
                  admin.cookie);
    CHECK(r.status == 200);
    CHECK(site.accounts.account("ekua")->communes == std::vector<std::string>{"kloto-1", "kloto-3"});
    CHECK(site.get("/espace", ekua.cookie).status == 303);
    ekua = test::sign_in(site.state.path(), store::Role::validateur, {}, "ekua2");
    r = site.post("/admin/comptes/etat", "csrf=" + admin.csrf + "&identifiant=ekua2&etat=desactiver", admin.cookie);
    CHECK(r.status == 303);
    CHECK(response_header(r, "Location") == "/admin/comptes");
    CHECK(site.accounts.account("ekua2")->disabled);
    CHECK(site.get("/espace", ekua.cookie).status == 303);
    CHECK(site.post("/admin/comptes/etat", "csrf=" + admin.csrf + "&identifiant=ekua2&etat=oublier", admin.cookie)
              .status == 400);
    CHECK(site.post("/admin/comptes/etat", "csrf=" + admin.csrf + "&identifiant=chef&etat=desactiver", admin.cookie)
              .status == 400);  // not oneself
    r = site.post("/admin/comptes/lien", "csrf=" + admin.csrf + "&identifiant=kofi", admin.cookie);
    CHECK(r.status == 200);
    CHECK(test::contains(r.body, "Nouveau lien pour « kofi »"));
    CHECK(std::regex_search(r.body, std::regex("<code>http://127\\.0\\.0\\.1:8080/activer/[0-9a-f]{64}</code>")));
    // /admin leads to the accounts; the journal's pages are read by id.
    CHECK(response_header(site.get("/admin", admin.cookie), "Location") == "/admin/comptes");
    CHECK(site.get("/admin/journal?avant=abc", admin.cookie).status == 400);
    r = site.get("/admin/journal", admin.cookie);
    CHECK(test::contains(r.body, "rôle changé"));
    CHECK(test::contains(r.body, "contributeur (kloto-2) → contributeur (kloto-1, kloto-3)"));
    CHECK(test::contains(r.body, "compte désactivé"));
}

TEST_CASE("Session cookies are HttpOnly and SameSite, Secure and __Host- only with an https public URL",
          "[accounts-http]") {
    for (const std::string& url : {std::string(), std::string("https://coopdec.example.org")}) {
        CAPTURE(url);
        const bool https = !url.empty();
        AccountSite site({}, url);
        auto made = site.accounts.create_account("t", "", "ama", "Ama", store::Role::administrateur, {});
        const std::string token = std::get<store::SetupLink>(made).token;
        REQUIRE_FALSE(site.accounts.activate(token, "le soleil de Kpalimé", "le soleil de Kpalimé", ""));

        http::Response form = site.get("/connexion?retour=%2Fadmin%2Fcomptes");
        CHECK(form.status == 200);
        CHECK(response_header(form, "Cache-Control") == "no-store");
        const std::string form_cookie = response_cookie(form, https ? kSecureFormCookie : kFormCookie);
        REQUIRE_FALSE(form_cookie.empty());
        CHECK(test::contains(form_cookie, "; HttpOnly; SameSite=Strict"));
        CHECK(test::contains(form_cookie, "; Secure") == https);
        const std::string csrf = page_csrf(form.body);
        CHECK(cookie_pair(form_cookie) == std::string(https ? kSecureFormCookie : kFormCookie) + "=" + csrf);
        CHECK(test::contains(form.body, "name=\"retour\" value=\"/admin/comptes\""));

        // A session the browser held before: ended, never promoted.
        auto before = site.accounts.login("ama", "le soleil de Kpalimé", "192.0.2.1");
        const std::string old_id = std::get<store::SignedIn>(before).session.id;
        const std::string cookies = cookie_pair(form_cookie) + "; " + session_cookie_name(https) + "=" + old_id;
        http::Response r = site.post("/connexion",
                                     "csrf=" + csrf +
                                         "&identifiant=ama&mot_de_passe=le+soleil+de+Kpalim%C3%A9"
                                         "&retour=%2Fadmin%2Fcomptes",
                                     cookies);
        CHECK(r.status == 303);
        CHECK(response_header(r, "Location") == "/admin/comptes");
        const std::string session = response_cookie(r, session_cookie_name(https));
        REQUIRE_FALSE(session.empty());
        const std::string id = cookie_pair(session).substr(std::string(session_cookie_name(https)).size() + 1);
        CHECK(std::regex_match(id, std::regex("[0-9a-f]{64}")));
        CHECK(id != old_id);
        CHECK(id != csrf);
        CHECK_FALSE(site.accounts.resolve(old_id));
        CHECK(site.accounts.resolve(id));
        CHECK(test::contains(session, "; Path=/; HttpOnly; SameSite=Lax"));
        CHECK(test::contains(session, "; Secure") == https);
        CHECK_FALSE(test::contains(session, "Max-Age"));
        CHECK_FALSE(test::contains(session, "Domain"));
    }
}

TEST_CASE("The login form: one message for unknown login and wrong password, the login kept, retour on this site",
          "[accounts-http]") {
    AccountSite site;
    test::sign_in(site.state.path(), store::Role::validateur, {}, "vera");
    http::Response form = site.get("/connexion");
    const std::string cookie = cookie_pair(response_cookie(form, kFormCookie));
    const std::string csrf = page_csrf(form.body);
    for (const char* login : {"vera", "personne"}) {
        http::Response r =
            site.post("/connexion", "csrf=" + csrf + "&identifiant=" + login + "&mot_de_passe=faux", cookie);
        CHECK(r.status == 401);
        CHECK(test::contains(r.body, "identifiant ou mot de passe incorrect"));
        CHECK(test::contains(
            r.body, "name=\"identifiant\" autocomplete=\"username\" required value=\"" + std::string(login) + "\""));
        CHECK(response_cookie(r, kSessionCookie).empty());
    }
    // Without the form's cookie, or with another token: refused before any password check.
    CHECK(site.post("/connexion", "csrf=" + csrf + "&identifiant=vera&mot_de_passe=" + url_encode(test::kTestPassword))
              .status == 403);
    CHECK(
        site.post("/connexion",
                  "csrf=" + std::string(64, 'a') + "&identifiant=vera&mot_de_passe=" + url_encode(test::kTestPassword),
                  cookie)
            .status == 403);
    // retour names a path of this site, or « Mon espace ».
    for (const auto& [retour, location] :
         std::vector<std::pair<std::string, std::string>>{{"/revue", "/revue"},
                                                          {"//ailleurs.example/x", "/espace"},
                                                          {"https://ailleurs.example", "/espace"},
                                                          {"/\\ailleurs.example", "/espace"},
                                                          {"", "/espace"},
                                                          {"/connexion?retour=/", "/espace"}}) {
        CAPTURE(retour);
        http::Response r =
            site.post("/connexion",
                      "csrf=" + csrf + "&identifiant=vera&mot_de_passe=" + url_encode(test::kTestPassword) +
                          "&retour=" + url_encode(retour),
                      cookie);
        CHECK(r.status == 303);
        CHECK(response_header(r, "Location") == location);
    }
}

TEST_CASE("From coopdec-admin create-admin to a contributor's logout, through the real server", "[accounts-http]") {
    test::TempDir state;
    test::ServerProcess server({"--db", test::bundled().db, "--port", "0", "--state-dir", state.path()},
                               state / "server.log");
    const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
    int status = 0;
    std::string said = test::run_command(std::string(COOPDEC_BIN_DIR) + "/coopdec-admin --state-dir " +
                                             test::shell_quote(state.path()) + " --public-url " + base +
                                             " create-admin ama --name 'Ama Koffi' 2>&1",
                                         status);
    REQUIRE(status == 0);
    std::smatch m;
    REQUIRE(std::regex_search(said, m, std::regex(base + "(/activer/[0-9a-f]{64})\n")));
    const std::string admin_link = m[1].str();

    // Follows a set-up link like a browser: the form, its cookie, the password twice.
    auto choose_password = [&](const std::string& link, const std::string& password) {
        test::HttpAnswer form = server.get(link);
        REQUIRE(form.status == 200);
        const std::string cookie = cookie_pair(set_cookie_named(form.set_cookies, kFormCookie));
        test::HttpAnswer done = server.post(link,
                                            "csrf=" + page_csrf(form.body) + "&mot_de_passe=" + url_encode(password) +
                                                "&confirmation=" + url_encode(password),
                                            {{"Cookie", cookie}});
        CHECK(done.status == 200);
        CHECK(test::contains(done.body, "Mot de passe enregistré"));
        // Used: it opens nothing any more.
        test::HttpAnswer again = server.get(link);
        CHECK(again.status == 410);
        CHECK(test::contains(again.body, "ce lien d&#39;activation a déjà servi"));
    };
    // Signs in like a browser; the session cookie.
    auto log_in = [&](const std::string& login, const std::string& password) {
        test::HttpAnswer form = server.get("/connexion");
        const std::string cookie = cookie_pair(set_cookie_named(form.set_cookies, kFormCookie));
        test::HttpAnswer r = server.post(
            "/connexion",
            "csrf=" + page_csrf(form.body) + "&identifiant=" + login + "&mot_de_passe=" + url_encode(password),
            {{"Cookie", cookie}});
        CHECK(r.status == 303);
        CHECK(r.header("Location") == "/espace");
        std::string session = cookie_pair(set_cookie_named(r.set_cookies, kSessionCookie));
        REQUIRE_FALSE(session.empty());
        return session;
    };

    choose_password(admin_link, "le soleil de Kpalimé");
    const std::string ama = log_in("ama", "le soleil de Kpalimé");
    test::HttpAnswer space = server.get("/espace", {{"Cookie", ama}});
    CHECK(space.status == 200);
    CHECK(space.header("Cache-Control") == "no-store");
    CHECK(test::contains(space.body, "Ama Koffi"));
    CHECK(test::contains(space.body, "Administrateur"));

    test::HttpAnswer accounts = server.get("/admin/comptes", {{"Cookie", ama}});
    REQUIRE(accounts.status == 200);
    CHECK(test::contains(accounts.body, "<option value=\"kloto-1\">Kloto 1</option>"));
    test::HttpAnswer created = server.post(
        "/admin/comptes",
        "csrf=" + page_csrf(accounts.body) + "&identifiant=kofi&nom=Kofi+Mensah&role=contributeur&commune=kloto-1",
        {{"Cookie", ama}});
    REQUIRE(created.status == 200);
    REQUIRE(std::regex_search(created.body, m, std::regex("<code>" + base + "(/activer/[0-9a-f]{64})</code>")));
    const std::string kofi_link = m[1].str();

    choose_password(kofi_link, "les collines de Kloto");
    const std::string kofi = log_in("kofi", "les collines de Kloto");
    space = server.get("/espace", {{"Cookie", kofi}});
    CHECK(space.status == 200);
    CHECK(test::contains(space.body, "Kofi Mensah"));
    CHECK(test::contains(space.body, "Contributeur"));
    CHECK(test::contains(space.body, "kloto-1"));
    CHECK(server.get("/admin/comptes", {{"Cookie", kofi}}).status == 403);
    // Public pages say who is signed in.
    CHECK(
        test::contains(server.get("/recherche?q=eau", {{"Cookie", kofi}}).body, "Kofi Mensah · <a href=\"/espace\">"));

    test::HttpAnswer out = server.post("/espace/deconnexion", "csrf=" + page_csrf(space.body), {{"Cookie", kofi}});
    CHECK(out.status == 303);
    CHECK(out.header("Location") == "/");
    CHECK(server.get("/espace", {{"Cookie", kofi}}).status == 303);

    test::HttpAnswer journal = server.get("/admin/journal", {{"Cookie", ama}});
    REQUIRE(journal.status == 200);
    for (const char* event : {"compte créé", "lien d&#39;activation créé", "lien d&#39;activation utilisé",
                              "<td>connexion</td>", "<td>déconnexion</td>"})
        CHECK(test::contains(journal.body, event));
    CHECK(test::contains(journal.body, "<td>kofi</td>"));
    CHECK(test::contains(journal.body, "<td>coopdec-admin</td>"));
    // The access log names no set-up link's token, and no password.
    const std::string log = test::slurp(state / "server.log");
    CHECK(test::contains(log, "GET /activer/… 200"));
    CHECK_FALSE(test::contains(log, admin_link.substr(9)));
    CHECK_FALSE(test::contains(log, kofi_link.substr(9)));
    CHECK_FALSE(test::contains(log, "collines"));
    CHECK(loggable_target("/activer/abc?x=1") == "/activer/…");
    CHECK(loggable_target("/espace") == "/espace");
}
