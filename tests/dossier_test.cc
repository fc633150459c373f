// @brief The workshop dossier end to end: the real coopdec-server on an
// ephemeral port over an index of the bundled corpus, the dossier built with
// « Ajouter au dossier » and the cookie, edited through its form's URLs,
// shared, kept across a restart; its handout, PDF (read back with
// pdftotext), Markdown and JSON; and every refusal.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "common/escape.h"
#include "indexer/corpus.h"
#include "search/dossier.h"
#include "server/dossier_pages.h"
#include "tests/bundled_server.h"
#include "tests/server_process.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace {

// The three kinds of passage a trainer gathers: an article of a law, a
// clause of an agreement (a demonstration document), an interview's
// utterance (a demonstration document).
// The address the bundled server's permalinks start with: the Host its
// client sends.
std::string site() { return "http://127.0.0.1:" + std::to_string(test::bundled_server().port()); }

const std::string kLaw = "akn-tg-act-loi-2019-06-26-2019-006#art_46";
const std::string kClause = "conv-kloto-1-bressuire-1991#art_3";
const std::string kUtterance = "ent-amou-1-2020#u_2";

std::string enc(const std::string& s) { return url_encode(s); }

// Positions of `parts` in `s`, each after the previous one: true when all
// appear in that order.
bool in_order(const std::string& s, std::initializer_list<std::string> parts) {
    size_t at = 0;
    for (const auto& p : parts) {
        size_t found = s.find(p, at);
        if (found == std::string::npos) return false;
        at = found + p.size();
    }
    return true;
}

std::string hidden(const std::string& ref) { return "name=\"e\" value=\"" + ref + "\""; }

const std::string kFixture = "/dossier?titre=Atelier%20Kara&e=" + url_encode(kLaw) +
                             "&a=" + url_encode("Lire avec l'article 47.") + "&e=" + url_encode(kClause) +
                             "&e=" + url_encode(kUtterance) + "&a=" + url_encode("Comparer avec Kloto 1.");

std::string fixture(const std::string& route) { return route + kFixture.substr(std::string("/dossier").size()); }

}  // namespace

TEST_CASE("a dossier built with « Ajouter au dossier », edited, shared and kept across a restart", "[dossier][http]") {
    test::TempDir state;
    const std::vector<std::string> args{"--db", test::bundled().db, "--port", "0", "--state-dir", state.path()};
    auto s = std::make_unique<test::ServerProcess>(args);

    // Three passages added (a POST each), the first making the dossier and its cookie.
    auto first = s->post("/dossier/ajouter", "e=" + enc(kLaw));
    REQUIRE(first.status == 303);
    CHECK(first.header("Location") == "/dossier#p1");
    std::string cookie;
    for (const auto& set : first.set_cookies)
        if (set.rfind("dossier_cle=", 0) == 0) {
            cookie = set.substr(0, set.find(';'));
            for (const char* attr : {"Path=/", "SameSite=Lax", "HttpOnly", "Max-Age=31536000"})
                CHECK(test::contains(set, attr));
        }
    REQUIRE(cookie.size() == std::string("dossier_cle=").size() + 32);
    for (const auto& ref : {kClause, kUtterance, kLaw}) {  // the law again: no duplicate
        auto a = s->post("/dossier/ajouter", "e=" + enc(ref), {{"Cookie", "autre=1; " + cookie}});
        REQUIRE(a.status == 303);
    }
    auto page = s->get("/dossier", {{"Cookie", cookie}});
    REQUIRE(page.status == 200);
    CHECK(in_order(page.body, {hidden(kLaw), hidden(kClause), hidden(kUtterance)}));
    CHECK(test::contains(page.body, ">Dossier (3)</a>"));

    // The form, as a browser submits it: title, every entry and its note, one button.
    auto form = [&](const std::string& title, const std::vector<std::pair<std::string, std::string>>& entries,
                    const std::string& button) {
        std::string q = "titre=" + title;
        for (const auto& [ref, note] : entries) q += "&e=" + enc(ref) + "&a=" + note;
        return s->post("/dossier/enregistrer", q + (button.empty() ? "" : "&" + button), {{"Cookie", cookie}});
    };
    auto moved = form("Atelier+Kara", {{kLaw, ""}, {kClause, ""}, {kUtterance, ""}}, "monter=3");
    REQUIRE(moved.status == 303);
    CHECK(moved.header("Location") == "/dossier#p2");
    CHECK(in_order(s->get("/dossier", {{"Cookie", cookie}}).body, {hidden(kLaw), hidden(kUtterance), hidden(kClause)}));
    auto down = form("Atelier+Kara", {{kLaw, ""}, {kUtterance, ""}, {kClause, ""}}, "descendre=1");
    CHECK(down.header("Location") == "/dossier#p2");
    auto noted =
        form("Atelier+Kara", {{kUtterance, ""}, {kLaw, "Lire+avec+l%27art.+47%0D%0Apuis+discuter"}, {kClause, ""}}, "");
    REQUIRE(noted.status == 303);
    CHECK(noted.header("Location") == "/dossier");
    auto removed =
        form("Atelier+Kara", {{kUtterance, ""}, {kLaw, "Lire+avec+l%27art.+47%0D%0Apuis+discuter"}, {kClause, ""}},
             "retirer=3");
    CHECK(removed.header("Location") == "/dossier#p2");
    auto edited = s->get("/dossier", {{"Cookie", cookie}});
    CHECK(in_order(edited.body, {"value=\"Atelier Kara\"", hidden(kUtterance), hidden(kLaw),
                                 "Lire avec l&#39;art. 47\npuis discuter</textarea>"}));
    CHECK_FALSE(test::contains(edited.body, hidden(kClause)));

    // The share link, in a browser without the cookie: the same dossier, read-only.
    size_t at = edited.body.find("href=\"/dossier/");
    REQUIRE(at != std::string::npos);
    const std::string share = edited.body.substr(at + 6, std::string("/dossier/").size() + 32);
    auto shared_page = s->get(share);
    REQUIRE(shared_page.status == 200);
    CHECK(test::contains(shared_page.body, "<h1>Atelier Kara</h1>"));
    CHECK(in_order(shared_page.body,
                   {"ent-amou-1-2020#u_2", "2019-006#art_46", "Lire avec l&#39;art. 47</p><p>puis discuter"}));
    CHECK_FALSE(test::contains(shared_page.body, "<textarea"));
    CHECK(shared_page.set_cookies.empty());  // a reader's own dossier is left alone

    // Kept on the server: another process on the same state answers the link the same way.
    std::string said;
    CHECK(s->terminate(said) == 0);
    s.reset();
    test::ServerProcess again(args);
    auto after = again.get(share);
    CHECK(after.status == 200);
    CHECK(test::contains(after.body, "Lire avec l&#39;art. 47</p><p>puis discuter"));
    CHECK(test::contains(again.get("/dossier", {{"Cookie", cookie}}).body,
                         "Lire avec l&#39;art. 47\npuis discuter</textarea>"));

    // A new dossier forgets the cookie (the old one stays at its links).
    auto fresh = again.post("/dossier/nouveau", "", {{"Cookie", cookie}});
    CHECK(fresh.status == 303);
    CHECK(fresh.header("Location") == "/dossier");
    REQUIRE(fresh.set_cookies.size() == 1);
    CHECK(test::contains(fresh.set_cookies[0], "dossier_cle=; Path=/; Max-Age=0"));
    auto empty = again.get("/dossier");
    CHECK(test::contains(empty.body, "Le dossier est vide."));
    CHECK(again.get(share).status == 200);
}

TEST_CASE("search results and document pages offer « Ajouter au dossier »", "[dossier][http]") {
    // A button per passage, of the page's one POST form, which carries the
    // page's own address: on a results page the list is inside the form, on
    // a document page the buttons name it (form="ajout").
    auto add = [](const std::string& ref, bool inside, const std::string& text = "Ajouter au dossier") {
        return std::string("<button ") + (inside ? "" : "form=\"ajout\" ") + "name=\"e\" value=\"" + html_escape(ref) +
               "\">" + text + "</button>";
    };
    auto form = [](const std::string& retour) {
        return "<form id=\"ajout\" method=\"post\" action=\"/dossier/ajouter\"><input type=\"hidden\" name=\"retour\" "
               "value=\"" +
               html_escape(retour) + "\">";
    };
    auto results = test::bundled_server().get("/recherche?q=assainissement");
    CHECK(in_order(results.body, {form("/recherche?q=assainissement") + "<ol class=\"hits\"", add(kUtterance, true),
                                  "</ol></form>"}));
    auto doc = test::bundled_server().get("/doc/conv-kloto-1-bressuire-1991");
    CHECK(test::contains(doc.body, add(kClause, false)));
    CHECK(test::contains(doc.body, add("conv-kloto-1-bressuire-1991", false, "Ajouter tout le document au dossier")));
    CHECK(test::contains(doc.body, form("/doc/conv-kloto-1-bressuire-1991") + "</form>"));
    auto law = test::bundled_server().get("/doc/akn-tg-act-loi-2019-06-26-2019-006?q=organes");
    CHECK(test::contains(law.body, add(kLaw, false)));
    CHECK(test::contains(law.body, form("/doc/akn-tg-act-loi-2019-06-26-2019-006?q=organes") + "</form>"));
    auto interview = test::bundled_server().get("/doc/ent-amou-1-2020");
    CHECK(test::contains(interview.body, add(kUtterance, false)));
    // A whole document added from its page reads back whole.
    auto whole = test::parse_json(test::bundled_server().get("/dossier/json?e=conv-kloto-1-bressuire-1991").body);
    auto p = whole->getArray("passages")->getObject(0);
    CHECK(p->getValue<std::string>("anchor").empty());
    CHECK(test::contains(p->getValue<std::string>("text"), "La commune de Kpalimé assure la maîtrise d’ouvrage"));
    CHECK(p->getValue<std::string>("permalink") == site() + "/doc/conv-kloto-1-bressuire-1991");
}

TEST_CASE("the handout: title page, contents in order, citations, permalinks, notes, demonstration marked",
          "[dossier][http]") {
    auto a = test::bundled_server().get(fixture("/dossier/imprimer"));
    REQUIRE(a.status == 200);
    const std::string& b = a.body;
    CHECK(test::contains(b, "<link rel=\"stylesheet\" href=\"/static/handout.css\">"));
    CHECK(in_order(b, {"<section class=\"title-page\">", "<h1>Atelier Kara</h1>", "<p class=\"date\">Établi le ",
                       "<p class=\"count\">3 passages</p>", "documents de démonstration", "</section>"}));
    // Contents, then the passages, in the dossier's order.
    CHECK(in_order(b, {"<h2 id=\"toc-title\">Sommaire</h2>", "href=\"#passage-1\"", "href=\"#passage-2\"",
                       "Entretien à Amlamé, 5 novembre 2020 — V. A., secrétaire général</a>", "</nav>",
                       "id=\"passage-1\"", "id=\"passage-2\"", "id=\"passage-3\""}));
    // The law's article: its legal citation, permalink and the trainer's note.
    CHECK(in_order(b, {"id=\"passage-1\"", "<dt>Référence</dt><dd>Loi n° 2019-006 du 26 juin 2019, art. 46</dd>",
                       "<dt>Lien permanent</dt><dd><a class=\"permalink\" href=\"" + site() +
                           "/doc/akn-tg-act-loi-2019-06-26-2019-006#art_46\">" + site() +
                           "/doc/akn-tg-act-loi-2019-06-26-2019-006#art_46</a>",
                       "<aside class=\"note\"><h3>Note du formateur</h3><p>Lire avec l&#39;article 47.</p></aside>",
                       "id=\"passage-2\""}));
    // The clause: its document, number, date, commune, partnership, and the demonstration notice.
    CHECK(in_order(
        b, {"id=\"passage-2\"", "(Kpalimé, 21 septembre 1991) — Article 3 – Engagements de la commune de Kpalimé</h2>",
            "<p class=\"demo-notice\"><strong>Document de démonstration</strong>",
            "<dt>Document</dt><dd>Convention de jumelage entre la commune de Kpalimé et la ville de Bressuire</dd>",
            "<dt>Passage</dt><dd>Article 3</dd>", "<dt>Date</dt><dd>21 septembre 1991</dd>",
            "<dt>Commune</dt><dd>Kloto 1</dd>", "<dt>Partenariat",
            ">" + site() + "/doc/conv-kloto-1-bressuire-1991#art_3</a>",
            "La commune de Kpalimé assure la maîtrise d’ouvrage", "id=\"passage-3\""}));
    // The utterance: speaker and role, its text and note, marked as demonstration.
    CHECK(in_order(b, {"id=\"passage-3\"", "Document de démonstration</strong>", "<dt>Intervenant</dt><dd>V. A.</dd>",
                       "<dt>Rôle</dt><dd>Secrétaire général</dd>", "<dt>Date</dt><dd>", "/doc/ent-amou-1-2020#u_2</a>",
                       "L’assainissement. C’est vraiment le cœur du partenariat.", "Comparer avec Kloto 1."}));
    auto css = test::bundled_server().get("/static/handout.css");
    CHECK(css.status == 200);
    CHECK(test::contains(css.body, "@page{size:A4;"));
}

TEST_CASE("the PDF is made on the server and pdftotext reads the passages in it", "[dossier][http][pdf]") {
    auto a = test::bundled_server().get(fixture("/dossier/pdf"));
    REQUIRE(a.status == 200);
    CHECK(a.header("Content-Type") == "application/pdf");
    CHECK(a.header("Content-Disposition") == "attachment; filename=\"dossier.pdf\"");
    REQUIRE(a.body.compare(0, 5, "%PDF-") == 0);
    test::TempDir dir;
    std::string file = dir / "dossier.pdf";
    std::ofstream(file, std::ios::binary) << a.body;
    int status = 0;
    std::string text =
        test::squeeze(test::run_command("pdftotext -enc UTF-8 " + test::shell_quote(file) + " - 2>&1", status));
    REQUIRE(status == 0);
    for (const char* part :
         {"Atelier Kara", "3 passages", "Sommaire", "Loi n° 2019-006 du 26 juin 2019, art. 46",
          "/doc/akn-tg-act-loi-2019-06-26-2019-006#art_46", "Lire avec l'article 47.",
          "La commune de Kpalimé assure la maîtrise d’ouvrage", "/doc/conv-kloto-1-bressuire-1991#art_3",
          "Secrétaire général", "L’assainissement. C’est vraiment le cœur du partenariat.", "Comparer avec Kloto 1.",
          "Document de démonstration"}) {
        CAPTURE(part);
        CHECK(test::contains(text, part));
    }
    CHECK(in_order(text, {"Lire avec l'article 47.", "La commune de Kpalimé", "L’assainissement"}));
}

TEST_CASE("without WeasyPrint the PDF is a 503 that names the package", "[dossier][etat][http][pdf]") {
    // The server's PATH holds no weasyprint (the environment is inherited).
    // The bundled index first: were its shared server started in the window
    // below, it would lack weasyprint for every later test.
    const std::string db = test::bundled().db;
    std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
    setenv("PATH", "/nonexistent-coopdec", 1);
    std::unique_ptr<test::ServerProcess> s;
    try {
        s = std::make_unique<test::ServerProcess>(std::vector<std::string>{"--db", db, "--port", "0"});
    } catch (...) {
        setenv("PATH", path.c_str(), 1);
        throw;
    }
    setenv("PATH", path.c_str(), 1);
    auto a = s->get(fixture("/dossier/pdf"));
    CHECK(a.status == 503);
    CHECK(test::contains(a.body, "paquet Debian « weasyprint »"));
    CHECK(s->get(fixture("/dossier/imprimer")).status == 200);  // the handout still prints
    // The yearly state's PDF (the same server/pdf_response) too; its page still shows.
    auto etat = s->get("/etat.pdf?de=2020&a=2024");
    CHECK(etat.status == 503);
    CHECK(test::contains(etat.body, "paquet Debian « weasyprint »"));
    CHECK(test::contains(etat.body, "ouvrez la page de l&#39;état (/etat)"));
    CHECK(s->get("/etat?de=2020&a=2024").status == 200);
}

TEST_CASE("the Markdown and JSON exports match the dossier", "[dossier][http]") {
    auto md = test::bundled_server().get(fixture("/dossier/markdown"));
    REQUIRE(md.status == 200);
    CHECK(md.header("Content-Type") == "text/markdown; charset=utf-8");
    CHECK(md.header("Content-Disposition") == "attachment; filename=\"dossier.md\"");
    CHECK(md.body.compare(0, 15, "# Atelier Kara\n") == 0);
    CHECK(in_order(
        md.body,
        {"## Sommaire\n\n1. ", "\n2. ", "\n3. Entretien à Amlamé, 5 novembre 2020 — V. A., secrétaire général\n",
         "\n## 1\\. ", "- Référence : Loi n° 2019-006 du 26 juin 2019, art. 46\n",
         "- Lien permanent : `" + site() + "/doc/akn-tg-act-loi-2019-06-26-2019-006#art_46`\n",
         "> **Note du formateur**\n>\n> Lire avec l'article 47.\n", "\n## 2\\. ", "**Document de démonstration**",
         "- Commune : Kloto 1\n", "`" + site() + "/doc/conv-kloto-1-bressuire-1991#art_3`", "\n## 3\\. ",
         "- Intervenant : V. A.\n", "- Rôle : Secrétaire général\n", "> Comparer avec Kloto 1.\n"}));

    auto js = test::bundled_server().get(fixture("/dossier/json"));
    REQUIRE(js.status == 200);
    CHECK(js.header("Content-Type") == "application/json; charset=utf-8");
    auto o = test::parse_json(js.body);
    CHECK(o->getValue<std::string>("title") == "Atelier Kara");
    CHECK(o->getValue<std::string>("share") == site() + kFixture);
    auto passages = o->getArray("passages");
    REQUIRE(passages->size() == 3);
    const std::string refs[] = {kLaw, kClause, kUtterance};
    const bool demo[] = {true, true, true};  // the law too: a summary, not the official text
    const std::string notes[] = {"Lire avec l'article 47.", "", "Comparer avec Kloto 1."};
    for (size_t i = 0; i < 3; ++i) {
        CAPTURE(i);
        auto p = passages->getObject(static_cast<unsigned>(i));
        CHECK(p->getValue<std::string>("ref") == refs[i]);
        CHECK(p->getValue<std::string>("document_id") == refs[i].substr(0, refs[i].find('#')));
        CHECK(p->getValue<std::string>("anchor") == refs[i].substr(refs[i].find('#') + 1));
        CHECK(p->getValue<std::string>("permalink") == site() + "/doc/" + refs[i]);
        CHECK(p->getValue<std::string>("annotation") == notes[i]);
        CHECK(p->getValue<bool>("demo") == demo[i]);
        CHECK_FALSE(p->getValue<std::string>("text").empty());
        CHECK_FALSE(p->getObject("citation")->getValue<std::string>("document_title").empty());
    }
    CHECK(passages->getObject(0)->getObject("citation")->getValue<std::string>("legal") ==
          "Loi n° 2019-006 du 26 juin 2019, art. 46");
    CHECK(passages->getObject(1)->getObject("citation")->getArray("communes")->getElement<std::string>(0) == "Kloto 1");
    CHECK(passages->getObject(2)->getObject("citation")->getValue<std::string>("speaker") == "V. A.");
    CHECK(passages->getObject(2)->getObject("citation")->getValue<std::string>("role") == "secretaire-general");
    CHECK_FALSE(passages->getObject(2)->getValue<std::string>("notice").empty());
}

TEST_CASE("dossier refusals: 4xx with a French message naming the fault", "[dossier][http][bad-input]") {
    std::string too_many = "/dossier?";
    for (int i = 0; i <= 30; ++i) too_many += "e=doc-" + std::to_string(i) + "&";
    const struct {
        const char* method;
        std::string target;
        int status;
        std::string message;
    } rows[] = {
        // A passage the index no longer holds: kept with its note, said missing.
        {"GET", "/dossier?e=inconnu%23art_1&a=ma+note", 200,
         "Passage introuvable « inconnu#art_1 » : aucun document « inconnu » dans l&#39;index"},
        {"GET", "/dossier?e=conv-kloto-1-bressuire-1991%23art_99", 200, "n&#39;a pas d&#39;ancre « art_99 »"},
        {"POST", "/dossier/ajouter?e=inconnu", 404, "aucun document « inconnu »"},
        {"POST", "/dossier/ajouter?e=ent-amou-1-2020%23u_999", 404, "n&#39;a pas d&#39;ancre « u_999 »"},
        {"POST", "/dossier/ajouter", 400, "quel passage ajouter ?"},
        {"POST", "/dossier/ajouter?e=a&e=b", 400, "un seul passage à la fois"},
        {"POST", "/dossier/ajouter?e=" + enc(kLaw) + "&x=1", 400, "paramètre inconnu « x »"},
        {"GET", "/dossier/ajouter?e=" + enc(kLaw), 405, "cette adresse reçoit un formulaire (POST)"},
        {"POST", "/dossier/enregistrer?a=note", 403, "modification refusée"},
        {"GET", "/dossier/0123456789abcdef0123456789abcdef", 404, "aucun dossier à ce lien"},
        {"GET", "/dossier/nimporte-quoi/imprimer", 404, "aucun dossier à ce lien"},
        {"GET", "/dossier/0123456789abcdef0123456789abcdef/epub", 404, "aucune page « epub » pour un dossier"},
        {"GET", "/dossier?e=Doc_Majuscule", 400, "identifiant de document incorrect"},
        {"GET", "/dossier?e=conv-kloto-1-bressuire-1991%23", 400, "rien après « # »"},
        {"GET", "/dossier?a=note", 400, "note « a » sans passage"},
        {"GET", "/dossier?e=" + enc(kLaw) + "&a=x&a=y", 400, "deux notes pour le passage"},
        {"GET", "/dossier?e=" + enc(kLaw) + "&e=" + enc(kLaw), 400, "présent deux fois"},
        {"GET", "/dossier?titre=a&titre=b", 400, "un seul titre"},
        {"GET", "/dossier?titre=" + std::string(201, 'a'), 400, "titre trop long (au plus 200 octets)"},
        {"GET", "/dossier?couleur=bleu", 400, "paramètre inconnu « couleur »"},
        {"GET", "/dossier?e=" + enc(kLaw) + "&monter=9", 400,
         "« monter » doit valoir un numéro de passage entre 1 et 1"},
        {"GET", "/dossier?e=" + enc(kLaw) + "&retirer=x", 400, "« retirer » doit valoir un numéro de passage"},
        {"GET", "/dossier?e=" + enc(kLaw) + "&monter=1&retirer=1", 400, "une seule action à la fois"},
        {"GET", too_many, 400, "trop de passages : un dossier contient au plus 30 passages"},
        {"GET", "/dossier?e=" + enc(kLaw) + "&a=" + std::string(3900, 'n'), 400, "dossier trop long"},
        {"GET", "/dossier?e=" + enc(kLaw) + "&a=%01", 400, "note invalide"},
        {"GET", "/dossier/imprimer", 400, "le dossier est vide"},
        {"GET", "/dossier/pdf?titre=seul", 400, "le dossier est vide"},
        {"GET", "/dossier/markdown?e=inconnu", 200, "Passage introuvable « inconnu » : aucun document « inconnu »"},
        {"GET", "/dossier/json?e=inconnu", 200, "aucun document « inconnu » dans l'index"},  // JSON: no HTML escaping
        {"POST", "/dossier/nouveau?x=1", 400, "ne prend aucun paramètre"},
        {"POST", "/dossier?e=" + enc(kLaw), 405, "méthode « POST » non autorisée"},
        {"PUT", "/dossier/ajouter?e=" + enc(kLaw), 405, "méthode « PUT » non autorisée"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.method, row.target.substr(0, 100));
        auto a = std::string(row.method) == "POST" ? test::bundled_server().post(row.target, "")
                                                   : test::bundled_server().request(row.method, row.target);
        CHECK(a.status == row.status);
        CHECK(test::contains(a.body, row.message));
    }
    CHECK(test::bundled_server().get("/dossier/json?e=inconnu").header("Content-Type") ==
          "application/json; charset=utf-8");
    // The note of a passage the index no longer holds is kept, beside the passages it still holds.
    auto kept = test::bundled_server().get("/dossier?e=inconnu%23art_1&a=ma+note+gard%C3%A9e&e=" + enc(kLaw));
    CHECK(kept.status == 200);
    CHECK(test::contains(kept.body, "ma note gardée"));
    CHECK(test::contains(kept.body, "Passage introuvable « inconnu#art_1 »"));
    CHECK(test::contains(kept.body, "Loi n° 2019-006 du 26 juin 2019"));
    auto kept_json = test::bundled_server().get("/dossier/json?e=inconnu&a=x");
    CHECK(test::contains(kept_json.body, "\"missing\":\"aucun document « inconnu » dans l'index\""));

    // An old link's dossier at its old limit (30 passages) still opens; kept in
    // the old cookie, it goes on in the store, where one more fits.
    Dossier full;
    auto docs = test::parse_json(test::bundled_server().get("/api/search?type=loi&type=convention&per_page=20").body)
                    ->getArray("results");
    for (size_t d = 0; d < docs->size() && full.entries.size() < kMaxDossierEntries; ++d) {
        std::string id = docs->getObject(static_cast<unsigned>(d))->getValue<std::string>("id");
        auto units = test::parse_json(test::bundled_server().get("/api/doc/" + id).body)->getArray("units");
        for (size_t i = 0; i < units->size() && full.entries.size() < kMaxDossierEntries; ++i)
            full.entries.push_back(
                {id, units->getObject(static_cast<unsigned>(i))->getValue<std::string>("anchor"), ""});
    }
    REQUIRE(full.entries.size() == kMaxDossierEntries);
    const std::string full_cookie = "dossier=" + pages::dossier_query(full);
    CHECK(test::bundled_server().get("/dossier?" + pages::dossier_query(full)).status == 200);
    auto more = test::bundled_server().post("/dossier/ajouter", "e=" + enc(kClause), {{"Cookie", full_cookie}});
    CHECK(more.status == 303);
    std::string key;
    for (const auto& set : more.set_cookies)
        if (set.rfind("dossier_cle=", 0) == 0) key = set.substr(0, set.find(';'));
    REQUIRE_FALSE(key.empty());
    CHECK(test::contains(test::bundled_server().get("/", {{"Cookie", key}}).body, ">Dossier (31)</a>"));

    // A cookie that no longer reads: an empty dossier and the reason, never a dead end.
    for (const std::string& bad : {std::string("dossier=%ZZ"), std::string("dossier=e=inconnu"),
                                   std::string("dossier=couleur=bleu"), "dossier=e=" + enc(kLaw) + "&e=" + enc(kLaw)}) {
        CAPTURE(bad);
        auto page = test::bundled_server().get("/dossier", {{"Cookie", bad}});
        CHECK(page.status == 200);
        CHECK(test::contains(page.body, "Le dossier enregistré dans ce navigateur ne peut plus être lu"));
        CHECK(test::contains(page.header("Set-Cookie"), "dossier=; Path=/; Max-Age=0"));
        auto add = test::bundled_server().post("/dossier/ajouter", "e=" + enc(kClause), {{"Cookie", bad}});
        CHECK(add.status == 303);
        CHECK(add.header("Location") == "/dossier#p1");
    }
    CHECK(test::bundled_server().get("/healthz").status == 200);
}

TEST_CASE("hostile titles and notes come back escaped in every format", "[dossier][http][security]") {
    const std::string title = "<script>alert(\"t\")</script> & 'co'";
    const std::string note = "<img src=x onerror='alert(1)'>\n# titre\n1. liste \"note\"";
    const std::string q = "titre=" + enc(title) + "&e=" + enc(kLaw) + "&a=" + enc(note);

    for (const std::string route : {"/dossier", "/dossier/imprimer"}) {
        CAPTURE(route);
        auto a = test::bundled_server().get(route + "?" + q);
        REQUIRE(a.status == 200);
        CHECK_FALSE(test::contains(a.body, "<script>"));
        CHECK_FALSE(test::contains(a.body, "<img"));
        CHECK(test::contains(a.body, "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &#39;co&#39;"));
        CHECK(test::contains(a.body, "&lt;img src=x onerror=&#39;alert(1)&#39;&gt;"));
    }
    auto md = test::bundled_server().get("/dossier/markdown?" + q);
    for (size_t at = md.body.find('<'); at != std::string::npos; at = md.body.find('<', at + 1)) {
        CAPTURE(md.body.substr(at, 20));
        CHECK((at > 0 && md.body[at - 1] == '\\'));  // every '<' escaped: a renderer shows it as text
    }
    CHECK(test::contains(md.body, "# \\<script\\>alert\\(\"t\"\\)\\</script\\> \\& 'co'\n"));
    CHECK(test::contains(md.body, "> \\<img src=x onerror='alert\\(1\\)'\\>\n> \\# titre\n> 1\\. liste \"note\"\n"));
    auto js = test::bundled_server().get("/dossier/json?" + q);
    CHECK_FALSE(test::contains(js.body, "<script>"));
    auto o = test::parse_json(js.body);
    CHECK(o->getValue<std::string>("title") == title);
    CHECK(o->getArray("passages")->getObject(0)->getValue<std::string>("annotation") == note);
    // File names are ours: nothing the user wrote reaches a header.
    for (const auto& [route, name] : {std::pair<std::string, std::string>{"/dossier/markdown", "dossier.md"},
                                      {"/dossier/json", "dossier.json"},
                                      {"/dossier/pdf", "dossier.pdf"}}) {
        CAPTURE(route);
        auto a = test::bundled_server().request("HEAD", route + "?" + q);
        CHECK(a.status == 200);
        CHECK(a.header("Content-Disposition") == "attachment; filename=\"" + name + "\"");
    }
    // Stored (from the old cookie): the cookie holds only the key, and the
    // edit and share pages escape what the user wrote.
    auto added = test::bundled_server().post("/dossier/ajouter", "e=" + enc(kClause), {{"Cookie", "dossier=" + q}});
    REQUIRE(added.status == 303);
    std::string key;
    for (const auto& set : added.set_cookies)
        if (set.rfind("dossier_cle=", 0) == 0) key = set.substr(0, set.find(';'));
    CHECK(key.find_first_not_of("0123456789abcdef", std::string("dossier_cle=").size()) == std::string::npos);
    auto edit = test::bundled_server().get("/dossier", {{"Cookie", key}});
    REQUIRE(edit.status == 200);
    CHECK_FALSE(test::contains(edit.body, "<script>"));
    CHECK_FALSE(test::contains(edit.body, "<img"));
    CHECK(test::contains(edit.body, "&lt;img src=x onerror=&#39;alert(1)&#39;&gt;"));
}
