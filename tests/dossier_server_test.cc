// @brief Dossiers kept on the server, end to end: the real coopdec-server on
// an ephemeral port with a state folder of its own — POST forms, the edit
// key's cookie, share and edit links, long dossiers, printing that saves
// first, kill -9 between saves, the Origin check, the way back after
// « Ajouter au dossier », the header's count, and old links' dossiers.
#include <catch2/catch.hpp>

#include <regex>

#include "common/escape.h"
#include "server/dossier_pages.h"
#include "server/http.h"
#include "tests/bundled_server.h"
#include "tests/server_process.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace {

const std::string kStoredLaw = "akn-tg-act-loi-2019-06-26-2019-006#art_46";
const std::string kStoredClause = "conv-kloto-1-bressuire-1991#art_3";
const std::string kStoredUtterance = "ent-amou-1-2020#u_2";

// "dossier_cle=KEY" from an answer's Set-Cookie headers, "" when none sets it.
std::string key_cookie(const test::HttpAnswer& a) {
    for (const auto& c : a.set_cookies)
        if (c.rfind("dossier_cle=", 0) == 0 && c.find("Max-Age=0") == std::string::npos)
            return c.substr(0, c.find(';'));
    return {};
}

std::string key_of(const std::string& cookie) { return cookie.substr(std::string("dossier_cle=").size()); }

// The share token in a dossier page's links.
std::string share_of(const std::string& page) {
    std::smatch m;
    static const std::regex share("href=\"/dossier/([0-9a-f]{32})\"");
    return std::regex_search(page, m, share) ? m[1].str() : std::string();
}

// A dossier as its form sends it: title, then each passage and its note.
std::string form_body(const std::string& title, const std::vector<std::pair<std::string, std::string>>& entries,
                      const std::string& extra = {}) {
    std::string body = "titre=" + url_encode(title);
    for (const auto& [ref, note] : entries) body += "&e=" + url_encode(ref) + "&a=" + url_encode(note);
    return extra.empty() ? body : body + "&" + extra;
}

// A new dossier holding `ref`, made by « Ajouter au dossier »: its cookie.
std::string new_dossier(const test::ServerProcess& s, const std::string& ref) {
    auto a = s.post("/dossier/ajouter", "e=" + url_encode(ref) + "&retour=%2Fdossier");
    REQUIRE(a.status == 303);
    std::string cookie = key_cookie(a);
    REQUIRE_FALSE(cookie.empty());
    return cookie;
}

// The anchored units of the bundled corpus, up to `n`, as "DOC#ANCHOR".
std::vector<std::string> corpus_units(size_t n) {
    std::vector<std::string> out;
    const auto& s = test::bundled_server();
    for (int page = 1; out.size() < n && page <= 10; ++page) {
        auto docs =
            test::parse_json(s.get("/api/search?per_page=50&page=" + std::to_string(page)).body)->getArray("results");
        if (docs->size() == 0) break;
        for (size_t d = 0; d < docs->size() && out.size() < n; ++d) {
            std::string id = docs->getObject(static_cast<unsigned>(d))->getValue<std::string>("id");
            auto units = test::parse_json(s.get("/api/doc/" + id).body)->getArray("units");
            for (size_t i = 0; i < units->size() && out.size() < n; ++i) {
                std::string anchor = units->getObject(static_cast<unsigned>(i))->getValue<std::string>("anchor");
                if (!anchor.empty()) out.push_back(id + "#" + anchor);
            }
        }
    }
    return out;
}

}  // namespace

TEST_CASE("a stored dossier of 200 passages with 10,000-character notes is saved and read back intact",
          "[dossier][dossier-server][http]") {
    test::TempDir state;
    test::ServerProcess s({"--db", test::bundled().db, "--port", "0", "--state-dir", state.path()});
    std::vector<std::string> units = corpus_units(200);
    REQUIRE(units.size() == 200);
    const std::string cookie = new_dossier(s, units[0]);

    std::vector<std::pair<std::string, std::string>> entries;
    std::vector<std::string> notes;
    for (size_t i = 0; i < units.size(); ++i) {
        // 10,000 characters: accents (two bytes each), line breaks as a browser sends them (CR LF).
        std::string note = "Note " + std::to_string(i) + " : élément à discuter\r\n";
        while (note.size() < 9980) note += "Lire l'article, comparer avec la convention. ";
        note.resize(9980);
        note += std::string(20 - (std::to_string(i).size() % 3), 'z');
        entries.emplace_back(units[i], note);
    }
    auto saved =
        s.post("/dossier/enregistrer", form_body("Atelier de Kara : 200 passages", entries), {{"Cookie", cookie}});
    REQUIRE(saved.status == 303);
    CHECK(saved.header("Location") == "/dossier");

    auto page = s.get("/dossier", {{"Cookie", cookie}});
    REQUIRE(page.status == 200);
    const std::string share = share_of(page.body);
    REQUIRE(share.size() == 32);
    auto json = test::parse_json(s.get("/dossier/" + share + "/json").body);
    CHECK(json->getValue<std::string>("title") == "Atelier de Kara : 200 passages");
    auto passages = json->getArray("passages");
    REQUIRE(passages->size() == 200);
    for (size_t i = 0; i < 200; ++i) {
        auto p = passages->getObject(static_cast<unsigned>(i));
        std::string expected = entries[i].second;
        expected.erase(expected.find('\r'), 1);  // kept as LF
        CHECK(p->getValue<std::string>("ref") == units[i]);
        CHECK(p->getValue<std::string>("annotation") == expected);
    }
    CHECK(test::contains(page.body,
                         html_escape(entries[199].second.substr(entries[199].second.find('\n') + 1)) + "</textarea>"));
}

TEST_CASE("printing, PDF and exports are buttons of the notes' form: they save first",
          "[dossier][dossier-server][http]") {
    test::ServerProcess s({"--db", test::bundled().db, "--port", "0"});
    const std::string cookie = new_dossier(s, kStoredLaw);
    auto page = s.get("/dossier", {{"Cookie", cookie}});
    const std::string share = share_of(page.body);
    // The page's form: exports are its submit buttons.
    CHECK(test::contains(page.body, "<form class=\"dossier\" action=\"/dossier/enregistrer\" method=\"post\">"));
    CHECK(test::contains(page.body, "<button name=\"exporter\" value=\"imprimer\">"));
    CHECK(test::contains(page.body, "<button name=\"exporter\" value=\"pdf\">"));
    // A note typed, then « Imprimer » at once.
    auto print = s.post("/dossier/enregistrer",
                        form_body("Atelier", {{kStoredLaw, "Note tapée juste avant d'imprimer"}}, "exporter=imprimer"),
                        {{"Cookie", cookie}});
    REQUIRE(print.status == 303);
    CHECK(print.header("Location") == "/dossier/" + share + "/imprimer");
    auto handout = s.get(print.header("Location"));
    REQUIRE(handout.status == 200);
    CHECK(test::contains(handout.body, "Note tapée juste avant d&#39;imprimer"));
    auto md = s.post("/dossier/enregistrer", form_body("Atelier", {{kStoredLaw, "Deuxième note"}}, "exporter=markdown"),
                     {{"Cookie", cookie}});
    CHECK(md.header("Location") == "/dossier/" + share + "/markdown");
    CHECK(test::contains(s.get(md.header("Location")).body, "Deuxième note"));
    CHECK(test::contains(page.body, "<button name=\"exporter\" value=\"odt\">OpenDocument (.odt)</button>"));
    auto odt = s.post("/dossier/enregistrer", form_body("Atelier", {{kStoredLaw, "Deuxième note"}}, "exporter=odt"),
                      {{"Cookie", cookie}});
    CHECK(odt.header("Location") == "/dossier/" + share + "/odt");
    auto odt_file = s.get(odt.header("Location"));
    CHECK(odt_file.header("Content-Type") == "application/vnd.oasis.opendocument.text");
    CHECK(odt_file.body.compare(30, 8, "mimetype") == 0);  // the zip's first entry
    CHECK(test::contains(s.get("/dossier/" + share).body,
                         "<a href=\"/dossier/" + share + "/odt\">OpenDocument (.odt)</a>"));

    // A refusal shows the form again with what was typed.
    const std::string long_note = "Début de la note. " + std::string(10100, 'x');
    auto refused = s.post("/dossier/enregistrer", form_body("Atelier", {{kStoredLaw, long_note}}, "exporter=imprimer"),
                          {{"Cookie", cookie}});
    CHECK(refused.status == 400);
    CHECK(test::contains(refused.body, "Le dossier n&#39;a pas été enregistré : la note du passage 1 est trop longue"));
    CHECK(test::contains(refused.body, ">" + long_note + "</textarea>"));
    CHECK(test::contains(s.get("/dossier/" + share + "/markdown").body, "Deuxième note"));  // unchanged

    // Moves answer with the moved passage's place.
    s.post("/dossier/ajouter", "e=" + url_encode(kStoredClause), {{"Cookie", cookie}});
    s.post("/dossier/ajouter", "e=" + url_encode(kStoredUtterance), {{"Cookie", cookie}});
    auto up =
        s.post("/dossier/enregistrer",
               form_body("Atelier", {{kStoredLaw, "n"}, {kStoredClause, ""}, {kStoredUtterance, "typed"}}, "monter=3"),
               {{"Cookie", cookie}});
    REQUIRE(up.status == 303);
    CHECK(up.header("Location") == "/dossier#p2");
    auto down = s.post(
        "/dossier/enregistrer",
        form_body("Atelier", {{kStoredLaw, "n"}, {kStoredUtterance, "typed"}, {kStoredClause, ""}}, "descendre=1"),
        {{"Cookie", cookie}});
    CHECK(down.header("Location") == "/dossier#p2");
    auto order = test::parse_json(s.get("/dossier/" + share + "/json").body)->getArray("passages");
    REQUIRE(order->size() == 3);
    CHECK(order->getObject(0)->getValue<std::string>("ref") == kStoredUtterance);
    CHECK(order->getObject(0)->getValue<std::string>("annotation") == "typed");  // typed, then moved: kept
    CHECK(order->getObject(1)->getValue<std::string>("ref") == kStoredLaw);
    auto removed =
        s.post("/dossier/enregistrer",
               form_body("Atelier", {{kStoredUtterance, "typed"}, {kStoredLaw, "n"}, {kStoredClause, ""}}, "retirer=3"),
               {{"Cookie", cookie}});
    CHECK(removed.header("Location") == "/dossier#p2");
}

TEST_CASE("kill -9 between two saves: both acknowledged saves are there after a restart, and the share link",
          "[dossier][dossier-server][http]") {
    test::TempDir state;
    const std::vector<std::string> args{"--db", test::bundled().db, "--port", "0", "--state-dir", state.path()};
    auto s = std::make_unique<test::ServerProcess>(args);
    const std::string first = new_dossier(*s, kStoredLaw);
    const std::string second = new_dossier(*s, kStoredClause);
    REQUIRE(s->post("/dossier/enregistrer", form_body("Premier", {{kStoredLaw, "première sauvegarde"}}),
                    {{"Cookie", first}})
                .status == 303);
    REQUIRE(s->post("/dossier/enregistrer", form_body("Second", {{kStoredClause, "seconde sauvegarde"}}),
                    {{"Cookie", second}})
                .status == 303);
    const std::string share = share_of(s->get("/dossier", {{"Cookie", first}}).body);
    REQUIRE_FALSE(share.empty());
    kill(s->pid(), SIGKILL);  // no clean shutdown
    s.reset();

    s = std::make_unique<test::ServerProcess>(args);
    auto a = s->get("/dossier", {{"Cookie", first}});
    REQUIRE(a.status == 200);
    CHECK(test::contains(a.body, "première sauvegarde</textarea>"));
    CHECK(test::contains(a.body, "value=\"Premier\""));
    auto b = s->get("/dossier", {{"Cookie", second}});
    CHECK(test::contains(b.body, "seconde sauvegarde</textarea>"));
    // A save on the restarted server, then kill -9 again: the three are there.
    REQUIRE(s->post("/dossier/enregistrer", form_body("Premier", {{kStoredLaw, "troisième sauvegarde"}}),
                    {{"Cookie", first}})
                .status == 303);
    kill(s->pid(), SIGKILL);
    s.reset();
    test::ServerProcess again(args);
    CHECK(test::contains(again.get("/dossier", {{"Cookie", first}}).body, "troisième sauvegarde</textarea>"));
    CHECK(test::contains(again.get("/dossier", {{"Cookie", second}}).body, "seconde sauvegarde</textarea>"));
    auto shared = again.get("/dossier/" + share);
    REQUIRE(shared.status == 200);
    CHECK(test::contains(shared.body, "<h1>Premier</h1>"));
    CHECK(test::contains(shared.body, "troisième sauvegarde"));
    CHECK_FALSE(test::contains(shared.body, "<textarea"));    // read-only
    CHECK_FALSE(test::contains(shared.body, key_of(first)));  // the share page never shows the edit key
}

TEST_CASE("POST refused from another site, without the edit key, or with a retour off the site",
          "[dossier][dossier-server][http][security]") {
    test::ServerProcess s({"--db", test::bundled().db, "--port", "0"});
    const std::string cookie = new_dossier(s, kStoredLaw);
    const std::string share = share_of(s.get("/dossier", {{"Cookie", cookie}}).body);
    const std::string body = form_body("Piraté", {{kStoredClause, "posté par un autre site"}});

    auto foreign = s.post("/dossier/enregistrer", body, {{"Cookie", cookie}, {"Origin", "http://evil.example"}});
    CHECK(foreign.status == 403);
    CHECK(test::contains(foreign.body, "formulaire refusé : il ne vient pas d&#39;une page de ce site"));
    auto null_origin = s.post("/dossier/enregistrer", body, {{"Cookie", cookie}, {"Origin", "null"}});
    CHECK(null_origin.status == 403);
    auto foreign_add = s.post("/dossier/ajouter", "e=" + url_encode(kStoredClause),
                              {{"Cookie", cookie}, {"Origin", "http://127.0.0.1.evil.example"}});
    CHECK(foreign_add.status == 403);
    // No Origin: the Referer decides.
    auto bad_referer = s.post("/dossier/enregistrer", body,
                              {{"Cookie", cookie}, {"Origin", ""}, {"Referer", "http://evil.example/page"}});
    CHECK(bad_referer.status == 403);

    auto no_key = s.post("/dossier/enregistrer", body);
    CHECK(no_key.status == 403);
    CHECK(test::contains(no_key.body, "modification refusée"));
    auto share_as_key = s.post("/dossier/enregistrer", body + "&cle=" + share);
    CHECK(share_as_key.status == 403);
    auto forged = s.post("/dossier/enregistrer", body, {{"Cookie", "dossier_cle=0123456789abcdef0123456789abcdef"}});
    CHECK(forged.status == 403);
    // Nothing changed.
    auto json = test::parse_json(s.get("/dossier/" + share + "/json").body);
    CHECK(json->getValue<std::string>("title").empty());
    CHECK(json->getArray("passages")->getObject(0)->getValue<std::string>("ref") == kStoredLaw);
    // A GET never changes a dossier.
    CHECK(s.get("/dossier/enregistrer?" + body, {{"Cookie", cookie}}).status == 405);
    CHECK(s.get("/dossier/ajouter?e=" + url_encode(kStoredClause), {{"Cookie", cookie}}).header("Allow") == "POST");
    // The same site's form, Referer only (no Origin): accepted.
    auto same = s.post(
        "/dossier/enregistrer", form_body("Atelier", {{kStoredLaw, ""}}),
        {{"Cookie", cookie}, {"Origin", ""}, {"Referer", "http://127.0.0.1:" + std::to_string(s.port()) + "/dossier"}});
    CHECK(same.status == 303);

    for (const std::string retour : {"https://evil.example/", "//evil.example/x", "/\\evil.example", "http:/x",
                                     "javascript:alert(1)", "/recherche?q=%ZZ"}) {
        CAPTURE(retour);
        auto a = s.post("/dossier/ajouter", "e=" + url_encode(kStoredUtterance) + "&retour=" + url_encode(retour),
                        {{"Cookie", cookie}});
        CHECK(a.status == 303);
        CHECK(a.header("Location").rfind("/dossier#p", 0) == 0);
    }
}

TEST_CASE("« Ajouter au dossier » returns to the same place with a confirmation - the header counts the passages",
          "[dossier][dossier-server][http]") {
    test::ServerProcess s({"--db", test::bundled().db, "--port", "0"});
    const std::string target = "/recherche?q=assainissement";
    auto results = s.get(target);
    CHECK(test::contains(results.body, "<a class=\"dossier-link\" href=\"/dossier\">Dossier</a>"));  // no dossier yet
    // The passage's button, of the page's one POST form carrying the page's own address.
    const std::string fragment = pages::result_anchor("ent-amou-1-2020", "u_2");
    CHECK(fragment.size() == 7);
    CHECK(fragment != pages::result_anchor("ent-amou-1-2020", "u_3"));
    const std::string button =
        "<button name=\"e\" value=\"" + html_escape(kStoredUtterance) + "\">Ajouter au dossier</button>";
    REQUIRE(test::contains(results.body, button));
    CHECK(test::contains(results.body,
                         "<form id=\"ajout\" method=\"post\" action=\"/dossier/ajouter\"><input type=\"hidden\" "
                         "name=\"retour\" value=\"" +
                             html_escape(target) + "\"><ol class=\"hits\""));
    CHECK(test::contains(results.body, "<li id=\"" + fragment + "\">"));

    // Posted: back to the page, at the passage (the server adds its fragment).
    auto added = s.post("/dossier/ajouter", "e=" + url_encode(kStoredUtterance) + "&retour=" + url_encode(target));
    REQUIRE(added.status == 303);
    CHECK(added.header("Location") == target + "#" + fragment);
    const std::string cookie = key_cookie(added);
    REQUIRE_FALSE(cookie.empty());
    for (const char* attr : {"Path=/", "SameSite=Lax", "HttpOnly"})
        CHECK(test::contains(added.set_cookies.front(), attr));
    std::string flash;
    for (const auto& c : added.set_cookies)
        if (c.rfind("dossier_ajout=", 0) == 0) flash = c.substr(0, c.find(';'));
    REQUIRE_FALSE(flash.empty());
    // A retour that already names its fragment keeps it.
    CHECK(s.post("/dossier/ajouter", "e=" + url_encode(kStoredUtterance) + "&retour=" + url_encode(target + "#ici"),
                 {{"Cookie", cookie}})
              .header("Location") == target + "#ici");

    // Back on the page: the confirmation next to the passage and at the top, the count in the header; once.
    auto back = s.get(target, {{"Cookie", cookie + "; " + flash}});
    CHECK(test::contains(back.body, button + " <strong class=\"added\">Ajouté</strong>"));
    CHECK(test::contains(back.body,
                         "<main id=\"contenu\"><p class=\"added\" role=\"status\">Passage ajouté au <a "
                         "href=\"/dossier\">dossier</a>.</p>"));
    CHECK(test::contains(back.body, "<a class=\"dossier-link\" href=\"/dossier\">Dossier (1)</a>"));
    bool cleared = false;
    for (const auto& c : back.set_cookies)
        cleared |= c.rfind("dossier_ajout=;", 0) == 0 && test::contains(c, "Max-Age=0");
    CHECK(cleared);
    auto later = s.get(target, {{"Cookie", cookie}});
    CHECK_FALSE(test::contains(later.body, "class=\"added\""));

    // From a document page: back to the unit's anchor; the count follows.
    const std::string doc = "/doc/conv-kloto-1-bressuire-1991";
    auto page = s.get(doc);
    CHECK(test::contains(page.body, "name=\"retour\" value=\"" + doc + "\""));
    CHECK(test::contains(page.body, "id=\"art_3\""));
    auto again = s.post("/dossier/ajouter", "e=" + url_encode(kStoredClause) + "&retour=" + url_encode(doc),
                        {{"Cookie", cookie}});
    CHECK(again.header("Location") == doc + "#art_3");
    CHECK(key_cookie(again).empty());  // the same dossier
    CHECK(test::contains(s.get("/apercu", {{"Cookie", cookie}}).body, ">Dossier (2)</a>"));
    // Adding it twice keeps one.
    s.post("/dossier/ajouter", "e=" + url_encode(kStoredClause), {{"Cookie", cookie}});
    CHECK(test::contains(s.get("/", {{"Cookie", cookie}}).body, ">Dossier (2)</a>"));
    // An unknown key: the plain link.
    CHECK(
        test::contains(s.get("/", {{"Cookie", "dossier_cle=0123456789abcdef0123456789abcdef"}}).body, ">Dossier</a>"));
}

TEST_CASE("an old link's dossier opens read-only and can be stored - the old cookie is imported",
          "[dossier][dossier-server][http]") {
    test::ServerProcess s({"--db", test::bundled().db, "--port", "0"});
    const std::string query = "titre=Atelier%20Kara&e=" + url_encode(kStoredLaw) +
                              "&a=" + url_encode("Lire avec l'article 47.") + "&e=" + url_encode(kStoredClause);
    auto old = s.get("/dossier?" + query);
    REQUIRE(old.status == 200);
    CHECK(test::contains(old.body, "<form class=\"import\" action=\"/dossier/importer\" method=\"post\">"));
    CHECK(test::contains(old.body, "<button type=\"submit\">Enregistrer ce dossier</button>"));
    CHECK_FALSE(test::contains(old.body, "<textarea"));
    CHECK(old.set_cookies.empty());
    // Its form, as the browser sends it.
    auto stored = s.post("/dossier/importer", query);
    REQUIRE(stored.status == 303);
    const std::string cookie = key_cookie(stored);
    REQUIRE_FALSE(cookie.empty());
    CHECK(stored.header("Location") == "/dossier/modifier/" + key_of(cookie));
    // The edit link, in another browser: it takes that dossier.
    auto edit = s.get(stored.header("Location"));
    CHECK(edit.status == 303);
    CHECK(edit.header("Location") == "/dossier");
    CHECK(key_cookie(edit) == cookie);
    auto page = s.get("/dossier", {{"Cookie", cookie}});
    CHECK(test::contains(page.body, "value=\"Atelier Kara\""));
    CHECK(test::contains(page.body, "Lire avec l&#39;article 47.</textarea>"));
    CHECK(test::contains(page.body, "/dossier/modifier/" + key_of(cookie)));
    CHECK(s.get("/dossier/modifier/0123456789abcdef0123456789abcdef").status == 404);

    // The cookie of an earlier version holding the whole dossier: stored on first use.
    auto imported = s.get("/dossier", {{"Cookie", "dossier=" + query}});
    REQUIRE(imported.status == 200);
    CHECK(test::contains(imported.body, "Lire avec l&#39;article 47.</textarea>"));
    const std::string new_cookie = key_cookie(imported);
    CHECK_FALSE(new_cookie.empty());
    CHECK(new_cookie != cookie);
    bool old_cleared = false;
    for (const auto& c : imported.set_cookies) old_cleared |= c.rfind("dossier=;", 0) == 0;
    CHECK(old_cleared);
    CHECK(test::contains(s.get("/", {{"Cookie", new_cookie}}).body, ">Dossier (2)</a>"));
}

TEST_CASE("form bodies: parsed like a query, bounded - a huge body is refused unread",
          "[dossier][dossier-server][http][bad-input]") {
    http::Params p;
    REQUIRE_FALSE(http::parse_form("titre=Atelier+de+Kara&e=doc%23art_1&a=ligne%0D%0Asuite", p));
    CHECK(p == http::Params{{"titre", "Atelier de Kara"}, {"e", "doc#art_1"}, {"a", "ligne\r\nsuite"}});
    std::string many;
    for (size_t i = 0; i <= http::kMaxFormParams; ++i) many += "e=x&";
    CHECK(http::parse_form(many, p)->message == "trop de paramètres (au plus 1024)");
    CHECK(http::parse_form(std::string(http::kMaxFormBytes + 1, 'a'), p)->status == 413);
    CHECK(http::parse_form("a=%ZZ", p)->status == 400);

    test::ServerProcess s({"--db", test::bundled().db, "--port", "0"});
    // Announced past the bound: answered at once, the body never read.
    int fd = test::connect_loopback(s.port());
    const std::string head = "POST /dossier/enregistrer HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(s.port()) +
                             "\r\nOrigin: http://127.0.0.1:" + std::to_string(s.port()) +
                             "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 999999999\r\n\r\n";
    REQUIRE(write(fd, head.data(), head.size()) == static_cast<ssize_t>(head.size()));
    std::string answer;
    char buf[4096];
    for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) answer.append(buf, static_cast<size_t>(n));
    close(fd);
    CHECK(answer.rfind("HTTP/1.1 413", 0) == 0);
    CHECK(test::contains(answer, "formulaire trop volumineux (au plus 16 Mio)"));
    // Another type than a form's.
    auto json = s.post("/dossier/ajouter", "{\"e\":\"x\"}", {{"Content-Type", "application/json"}});
    CHECK(json.status == 415);
    CHECK(s.get("/healthz").status == 200);
}
