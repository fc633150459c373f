// @brief A form refused at the reserved pages' gate keeps what was typed,
// through the real server: an ended session (401: the login form carries
// every field, then « Renvoyer le formulaire »), a stale CSRF token with a
// live session (403: the fields in a form with the current token), a file
// upload (the file chosen again), and a carried action off the reserved
// forms dropped.
#include <catch2/catch.hpp>

#include <regex>

#include "common/escape.h"
#include "server/form_rescue.h"
#include "server/session_auth.h"
#include "store/account_service.h"
#include "tests/accounts_fixture.h"
#include "tests/bundled_server.h"
#include "tests/server_process.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace form_rescue_test {

std::string unescape(const std::string& s) {
    static const std::pair<const char*, const char*> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
    std::string out;
    for (size_t i = 0; i < s.size();) {
        bool replaced = false;
        for (const auto& [from, to] : entities)
            if (s.compare(i, std::strlen(from), from) == 0) {
                out += to;
                i += std::strlen(from);
                replaced = true;
                break;
            }
        if (!replaced) out += s[i++];
    }
    return out;
}

// The hidden fields of the page's form sent to `action`, in order.
http::Params form_fields(const std::string& page, const std::string& action) {
    http::Params out;
    size_t start = page.find("action=\"" + html_escape(action) + "\"");
    if (start == std::string::npos) return out;
    const std::string form = page.substr(start, page.find("</form>", start) - start);
    static const std::regex input("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
    for (std::sregex_iterator it(form.begin(), form.end(), input), end; it != end; ++it)
        out.emplace_back(unescape((*it)[1].str()), unescape((*it)[2].str()));
    return out;
}

std::string field(const http::Params& p, const std::string& name) {
    for (const auto& [k, v] : p)
        if (k == name) return v;
    return {};
}

http::Params with(http::Params p, const std::string& name, const std::string& value) {
    for (auto& [k, v] : p)
        if (k == name) {
            v = value;
            return p;
        }
    p.emplace_back(name, value);
    return p;
}

// "name=value" of the Set-Cookie of `name` ("" when none).
std::string cookie_named(const test::HttpAnswer& a, const std::string& name) {
    for (const auto& c : a.set_cookies)
        if (c.rfind(name + "=", 0) == 0) return c.substr(0, c.find(';'));
    return {};
}

// A record form as typed, with the characters a page must escape.
http::Params typed_record() {
    return {{"titre", "Jumelage avec Essai « fils » & <amis>"},
            {"c_cle_0", "commune:kloto-1"},
            {"c_nom_0", ""},
            {"partenaire", "Essai"},
            {"niveau", "commune"},
            {"pays", "FR"},
            {"nature", "jumelage"},
            {"debut", "2020"},
            {"statut", "actif"},
            {"theme", "santé"},
            {"m_annee_0", "2024"},
            {"m_source_0", "commune"},
            {"m_montant_0", "1 000 000"},
            {"s_texte_0", "Délibération n° 12 du \"conseil\" l'a voté"},
            {"action", "brouillon"}};
}

// Each typed field, and nothing else but the token, in `fields`.
void check_same_fields(const http::Params& fields, const http::Params& typed) {
    for (const auto& [name, value] : typed) {
        INFO(name);
        CHECK(field(fields, name) == value);
    }
    CHECK(fields.size() == typed.size() + 1);
}

// The draft at the 303 of a record form: its page shows what was typed.
void check_draft_saved(const test::ServerProcess& server, const test::HttpAnswer& saved, const std::string& cookie) {
    REQUIRE(saved.status == 303);
    const std::string where = saved.header("Location");
    CHECK(std::regex_search(where, std::regex("^/espace/fiche/[0-9]+\\?enregistre=1")));
    test::HttpAnswer draft = server.get(where, {{"Cookie", cookie}});
    REQUIRE(draft.status == 200);
    CHECK(test::contains(draft.body, "Brouillon enregistré."));
    CHECK(test::contains(draft.body, "value=\"Jumelage avec Essai « fils » &amp; &lt;amis&gt;\""));
    CHECK(test::contains(draft.body, "value=\"Délibération n° 12 du &quot;conseil&quot; l&#39;a voté\""));
    CHECK(test::contains(draft.body, "value=\"1000000\""));
}

TEST_CASE("An ended session keeps the record form: 401 with every field, login, renvoyer, the draft saved",
          "[form-rescue][accounts-http][declaration]") {
    test::TempDir state;
    auto kofi = test::sign_in(state.path(), store::Role::contributeur, {"kloto-1"}, "kofi", "Kofi Mensah");
    test::ServerProcess server({"--db", test::bundled().db, "--port", "0", "--state-dir", state.path()});
    // The session ends while the form is being typed (logout elsewhere;
    // idle expiry and a killed session look the same to the gate).
    store::AccountService(state.path()).logout(kofi.session_id, "127.0.0.1");

    const http::Params typed = typed_record();
    test::HttpAnswer refused = server.post(
        "/espace/fiche/enregistrer", "csrf=" + kofi.csrf + "&" + http::encode_params(typed), {{"Cookie", kofi.cookie}});
    REQUIRE(refused.status == 401);
    CHECK(refused.header("Cache-Control") == "no-store");
    CHECK(test::contains(refused.body, "session terminée ou absente"));
    CHECK(test::contains(refused.body, "Ce que vous avez saisi est gardé"));
    CHECK(test::contains(refused.body,
                         "name=\"renvoi.titre\" value=\"Jumelage avec Essai « fils » &amp; &lt;amis&gt;\""));
    CHECK_FALSE(test::contains(refused.body, "renvoi.csrf"));
    CHECK_FALSE(test::contains(refused.body, kofi.csrf));
    const http::Params login_fields = form_fields(refused.body, "/connexion");
    CHECK(field(login_fields, kKeptAction) == "/espace/fiche/enregistrer");
    for (const auto& [name, value] : typed) {
        INFO(name);
        CHECK(field(login_fields, kKeptPrefix + name) == value);
    }
    const std::string form_cookie = cookie_named(refused, kFormCookie);
    REQUIRE_FALSE(form_cookie.empty());
    CHECK(field(login_fields, "csrf") == form_cookie.substr(std::strlen(kFormCookie) + 1));

    // A wrong password: the login form again, still carrying the fields.
    test::HttpAnswer wrong = server.post(
        "/connexion",
        http::encode_params(with(with(login_fields, "identifiant", "kofi"), "mot_de_passe", "pas le bon mot de passe")),
        {{"Cookie", form_cookie}});
    CHECK(wrong.status == 401);
    const http::Params still = form_fields(wrong.body, "/connexion");
    CHECK(field(still, kKeptPrefix + std::string("s_texte_0")) == "Délibération n° 12 du \"conseil\" l'a voté");
    CHECK(field(still, kKeptAction) == "/espace/fiche/enregistrer");

    test::HttpAnswer signed_in =
        server.post("/connexion",
                    http::encode_params(with(with(still, "identifiant", "kofi"), "mot_de_passe", test::kTestPassword)),
                    {{"Cookie", cookie_named(wrong, kFormCookie)}});
    REQUIRE(signed_in.status == 200);
    CHECK(signed_in.header("Cache-Control") == "no-store");
    CHECK(test::contains(signed_in.body, "Votre formulaire n'a pas encore été envoyé"));
    CHECK(test::contains(signed_in.body, ">Renvoyer le formulaire</button>"));
    const std::string session = cookie_named(signed_in, kSessionCookie);
    REQUIRE_FALSE(session.empty());
    const http::Params resend = form_fields(signed_in.body, "/espace/fiche/enregistrer");
    check_same_fields(resend, typed);
    const std::string csrf = field(resend, "csrf");
    CHECK(std::regex_match(csrf, std::regex("[0-9a-f]{64}")));
    CHECK(csrf != kofi.csrf);

    // Nothing was saved before the person sent it again.
    CHECK_FALSE(test::contains(server.get("/espace/contributions", {{"Cookie", session}}).body, "Essai « fils »"));
    check_draft_saved(
        server, server.post("/espace/fiche/enregistrer", http::encode_params(resend), {{"Cookie", session}}), session);
}

TEST_CASE("A stale CSRF token with a live session: 403 with the fields under the current token, renvoyer saves",
          "[form-rescue][accounts-http][declaration]") {
    test::TempDir state;
    auto kofi = test::sign_in(state.path(), store::Role::contributeur, {"kloto-1"}, "kofi", "Kofi Mensah");
    test::ServerProcess server({"--db", test::bundled().db, "--port", "0", "--state-dir", state.path()});
    // Signed in again in another tab: the browser's cookie names the new
    // session, the form still carries the old one's token.
    auto again = store::AccountService(state.path()).login("kofi", test::kTestPassword, "127.0.0.1", kofi.session_id);
    REQUIRE(std::holds_alternative<store::SignedIn>(again));
    const auto& now = std::get<store::SignedIn>(again);
    const std::string cookie = std::string(kSessionCookie) + "=" + now.session.id;

    const http::Params typed = typed_record();
    test::HttpAnswer refused = server.post(
        "/espace/fiche/enregistrer", "csrf=" + kofi.csrf + "&" + http::encode_params(typed), {{"Cookie", cookie}});
    REQUIRE(refused.status == 403);
    CHECK(refused.header("Cache-Control") == "no-store");
    CHECK(test::contains(refused.body, "formulaire refusé : il est trop ancien ou ne vient pas de votre session"));
    CHECK(test::contains(refused.body, "Votre formulaire n'a pas encore été envoyé"));
    const http::Params resend = form_fields(refused.body, "/espace/fiche/enregistrer");
    check_same_fields(resend, typed);
    CHECK(field(resend, "csrf") == now.session.csrf);
    check_draft_saved(
        server, server.post("/espace/fiche/enregistrer", http::encode_params(resend), {{"Cookie", cookie}}), cookie);

    // No token at all, a form of one field: the same page.
    test::HttpAnswer bare = server.post("/revue/refuser", "id=7&commentaire=incomplet", {{"Cookie", cookie}});
    CHECK(bare.status == 403);
    CHECK(field(form_fields(bare.body, "/revue/refuser"), "commentaire") == "incomplet");
    // Passwords are never written into a page.
    test::HttpAnswer password = server.post(
        "/espace/compte", "csrf=" + kofi.csrf + "&actuel=secret+ancien&mot_de_passe=secret+nouveau&confirmation=x",
        {{"Cookie", cookie}});
    CHECK(password.status == 403);
    CHECK_FALSE(test::contains(password.body, "secret"));
}

TEST_CASE("A file upload without a session: the login page says to choose the file again and leads back to the form",
          "[form-rescue][accounts-http]") {
    test::TempDir state;
    test::ServerProcess server({"--db", test::bundled().db, "--port", "0", "--state-dir", state.path()});
    const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
    const std::string body =
        "--b\r\nContent-Disposition: form-data; name=\"titre\"\r\n\r\nConvention\r\n"
        "--b\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4\r\n--b--\r\n";
    test::HttpAnswer refused =
        server.post("/espace/depot/envoi", body,
                    {{"Content-Type", "multipart/form-data; boundary=b"}, {"Referer", base + "/espace/depot"}});
    CHECK(refused.status == 401);
    CHECK(test::contains(refused.body, "choisissez à nouveau le fichier"));
    CHECK(test::contains(refused.body, "les champs du formulaire n&#39;ont pas pu être gardés"));
    const http::Params login_fields = form_fields(refused.body, "/connexion");
    CHECK(field(login_fields, "retour") == "/espace/depot");
    CHECK(field(login_fields, kKeptAction).empty());
}

TEST_CASE("A login carries a form back only to a reserved form's address of this site",
          "[form-rescue][accounts-http]") {
    test::TempDir state;
    test::sign_in(state.path(), store::Role::contributeur, {"kloto-1"}, "kofi", "Kofi Mensah");
    test::ServerProcess server({"--db", test::bundled().db, "--port", "0", "--state-dir", state.path()});
    for (const std::string action :
         {"https://ailleurs.example/espace/fiche/enregistrer", "//ailleurs.example/x", "/recherche",
          "/dossier/enregistrer", "/espace/fiche/nouvelle", "/espace/fiche/enregistrer?x=1", "/connexion"}) {
        INFO(action);
        test::HttpAnswer form = server.get("/connexion");
        const http::Params fields = form_fields(form.body, "/connexion");
        test::HttpAnswer r = server.post("/connexion",
                                         http::encode_params(fields) +
                                             "&identifiant=kofi&mot_de_passe=" + url_encode(test::kTestPassword) + "&" +
                                             kKeptAction + "=" + url_encode(action) + "&" + kKeptPrefix + "titre=essai",
                                         {{"Cookie", cookie_named(form, kFormCookie)}});
        CHECK(r.status == 303);
        CHECK(r.header("Location") == "/espace");
        CHECK_FALSE(test::contains(r.body, "Renvoyer"));
    }
}

}  // namespace form_rescue_test
