// @brief HTTP tests against the real coopdec-server on an ephemeral port,
// over an index of the bundled corpus.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <set>

#include <Poco/InflatingStream.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "common/escape.h"
#include "indexer/corpus.h"
#include "tests/bundled_server.h"
#include "tests/server_process.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace {

// The bundled server of this test process, with a synonyms file of its own.
struct SynonymServer {
    test::TempDir dir;
    std::string synonyms = dir.write("synonymes.txt", "forage, puits\n");
    test::BundledServer bundled{{"--synonyms", synonyms}};
};

SynonymServer& shared() {
    static SynonymServer s;
    return s;
}

const test::ServerProcess& server() { return *shared().bundled.server; }

}  // namespace

TEST_CASE("every route answers with its status and type", "[server][http]") {
    struct Row {
        const char* target;
        int status;
        const char* type;
    };
    const Row rows[] = {
        {"/", 200, "text/html; charset=utf-8"},
        {"/recherche?q=eau", 200, "text/html; charset=utf-8"},
        {"/api/search?q=eau", 200, "application/json; charset=utf-8"},
        {"/doc/conv-kloto-1-bressuire-1991", 200, "text/html; charset=utf-8"},
        {"/doc/conv-kloto-1-bressuire-1991/source.xml", 200, "application/xml; charset=utf-8"},
        {"/api/doc/conv-kloto-1-bressuire-1991", 200, "application/json; charset=utf-8"},
        {"/partenariat/part-ogou-1-niort", 200, "text/html; charset=utf-8"},
        {"/api/partnership/part-ogou-1-niort", 200, "application/json; charset=utf-8"},
        {"/opensearch.xml", 200, "application/opensearchdescription+xml; charset=utf-8"},
        {"/healthz", 200, "text/plain; charset=utf-8"},
        {"/metrics", 200, "text/plain; version=0.0.4; charset=utf-8"},
        {"/static/coopdec.css", 200, "text/css; charset=utf-8"},
        {"/static/espace.css", 200, "text/css; charset=utf-8"},
        {"/static/atlas.css", 200, "text/css; charset=utf-8"},
        {"/nulle-part", 404, "text/html; charset=utf-8"},
        {"/doc/inconnu", 404, "text/html; charset=utf-8"},
        {"/api/doc/inconnu", 404, "application/json; charset=utf-8"},
        {"/partenariat/conv-kloto-1-bressuire-1991", 404, "text/html; charset=utf-8"},  // not a partnership
        {"/static/../corpus/README.md", 400, "text/html; charset=utf-8"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.target);
        auto a = server().get(row.target);
        CHECK(a.status == row.status);
        CHECK(a.header("Content-Type") == row.type);
    }
}

TEST_CASE("the API answers the same object as coopdec-search --json", "[server][http][json]") {
    const std::string db = shared().bundled.db;
    std::string cmd = std::string(COOPDEC_BIN_DIR) + "/coopdec-search --db '" + db + "' --synonyms '" +
                      shared().synonyms + "' --json --filter type=convention --filter country=FR eau potable";
    std::FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string cli;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) cli.append(buf, n);
    REQUIRE(pclose(p) == 0);
    auto api = server().get("/api/search?q=eau+potable&type=convention&country=FR");
    CHECK(api.status == 200);
    CHECK(api.body + "\n" == cli);
    auto r = test::parse_json(api.body);
    CHECK(r->getValue<size_t>("total") > 0);
    auto first = r->getArray("results")->getObject(0);
    for (const char* key : {"id", "type", "title", "url", "demo", "passages"}) CHECK(first->has(key));
    auto passage = first->getArray("passages")->getObject(0);
    CHECK(passage->has("anchor"));
    CHECK(test::contains(passage->getValue<std::string>("snippet"), "<mark>"));
}

TEST_CASE("facets: OR within a facet, counts ignoring its own filter, AND across", "[server][http][facets]") {
    auto all = test::parse_json(server().get("/api/search").body);
    size_t conventions = test::facet_count(all, "type", "convention");
    size_t interviews = test::facet_count(all, "type", "entretien");
    auto one = test::parse_json(server().get("/api/search?type=convention").body);
    CHECK(one->getValue<size_t>("total") == conventions);
    // The type facet ignores type=convention: every type keeps its count.
    CHECK(test::facet_count(one, "type", "entretien") == interviews);
    auto two = test::parse_json(server().get("/api/search?type=convention&type=entretien").body);
    CHECK(two->getValue<size_t>("total") == conventions + interviews);
    auto across = test::parse_json(server().get("/api/search?type=convention&type=entretien&region=Savanes").body);
    size_t savanes = test::facet_count(two, "region", "Savanes");
    CHECK(across->getValue<size_t>("total") == savanes);
    CHECK(across->getValue<size_t>("total") < two->getValue<size_t>("total"));
    // The region facet under a region filter still shows the other régions.
    CHECK(test::facet_count(across, "region", "Kara") == test::facet_count(two, "region", "Kara"));
}

TEST_CASE("every dynamic string is escaped", "[server][http][security]") {
    auto a = server().get("/recherche?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    CHECK(a.status == 200);
    CHECK_FALSE(test::contains(a.body, "<script>"));
    CHECK(test::contains(a.body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    auto j = server().get("/api/search?q=%3Cscript%3E");
    CHECK_FALSE(test::contains(j.body, "<script>"));
    // An unknown filter value is said back on the page (the search is kept).
    auto e = server().get("/recherche?commune=%3Cimg%20src%3Dx%3E");
    CHECK(e.status == 200);
    CHECK_FALSE(test::contains(e.body, "<img"));
    CHECK(test::contains(e.body, "Aucune commune « &lt;img src=x&gt; »"));
}

TEST_CASE("bad input gets a 4xx with a French message, never a 5xx", "[server][http][bad-input]") {
    struct Row {
        const char* method;
        std::string target;
        int status;
        const char* message;  // part of the French explanation
    };
    const Row rows[] = {
        {"GET", "/recherche?page=-1", 400, "numéro de page invalide"},
        {"GET", "/recherche?page=abc", 400, "numéro de page invalide"},
        {"GET", "/recherche?per_page=100000", 400, "nombre de résultats par page invalide"},
        {"GET", "/recherche?couleur=bleu", 400, "paramètre inconnu « couleur »"},
        {"GET", "/recherche?commune=Atlantide", 200, "Aucune commune « Atlantide »"},  // the search is kept
        {"GET", "/api/search?commune=Atlantide", 400, "aucun document n'a la valeur « Atlantide »"},
        {"GET", "/doc/nexistepas", 404, "aucun document « nexistepas »"},
        {"GET", "/doc/../etc/passwd", 400, "segment « .. » interdit"},
        {"GET", "/doc/%2e%2e/%2e%2e/etc/passwd", 400, "segment « .. » interdit"},
        {"GET", "/static/..%2f..%2fcorpus%2fREADME.md", 400, "segment « .. » interdit"},
        {"GET", "/recherche?q=" + std::string(10 * 1024, 'a'), 414, "adresse trop longue"},
        {"GET", "/recherche?q=" + std::string(3000, 'a'), 400, "requête trop longue"},
        {"POST", "/recherche?q=eau", 405, "méthode « POST » non autorisée"},
        {"DELETE", "/api/search", 405, "méthode « DELETE » non autorisée"},
        {"GET", "/recherche?q=caf%C3", 400, "le texte doit être en UTF-8"},
        {"GET", "/recherche?q=%FF%FE", 400, "le texte doit être en UTF-8"},
        {"GET", "/recherche?q=%ZZ", 400, "encodage %XX incorrect"},
        {"GET", "/recherche?q=a%00b", 400, "encodage %XX incorrect"},
        {"GET", "/recherche?year_from=2020&year_to=2000", 400, "période invalide"},
        {"GET", "/recherche?q=%22%22%22((((OR+OR+-+*", 200, "document"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.method, row.target.substr(0, 80));
        auto a = server().request(row.method, row.target);
        CHECK(a.status == row.status);
        CHECK(test::contains(a.body, row.message));
    }
    auto allow = server().request("PUT", "/");
    CHECK(allow.header("Allow") == "GET, HEAD");
    CHECK(server().get("/healthz").status == 200);  // still alive
}

TEST_CASE("security headers are on every response", "[server][http][security]") {
    for (const char* target : {"/", "/nulle-part", "/static/coopdec.css", "/api/search", "/recherche?page=0"}) {
        CAPTURE(target);
        auto a = server().get(target);
        std::string csp = a.header("Content-Security-Policy");
        CHECK(test::contains(csp, "frame-ancestors 'none'"));
        CHECK_FALSE(test::contains(csp, "unsafe-inline"));
        CHECK(a.header("X-Content-Type-Options") == "nosniff");
        CHECK(a.header("Referrer-Policy") == "same-origin");
    }
}

TEST_CASE("pages are light, gzipped on request, and HEAD works", "[server][http]") {
    auto css = server().get("/static/coopdec.css");
    for (const char* target :
         {"/", "/recherche?q=cooperation+decentralisee", "/recherche?q=eau&type=convention", "/recherche?q=jumelage",
          "/recherche?q=cooperation+decentralisee&type=convention", "/recherche?q=art+46",
          "/recherche?q=eau&type=convention&type=entretien&region=Plateaux"}) {
        CAPTURE(target);
        auto a = server().get(target);
        CHECK(a.body.size() + css.body.size() < 30 * 1024);
        // The reserved pages' styles, and the atlas's, are theirs alone.
        CHECK(a.body.find("/static/espace.css") == std::string::npos);
        CHECK(a.body.find("/static/atlas.css") == std::string::npos);
    }
    CHECK(server().get("/connexion").body.find("/static/espace.css") != std::string::npos);
    for (const char* atlas : {"/carte", "/etat?de=2015&a=2024", "/commune/kloto-1", "/region/kara", "/pays/FR"}) {
        CAPTURE(atlas);
        CHECK(server().get(atlas).body.find("<link rel=\"stylesheet\" href=\"/static/atlas.css\">") !=
              std::string::npos);
    }
    auto z = server().get("/recherche?q=eau", {{"Accept-Encoding", "gzip"}});
    CHECK(z.header("Content-Encoding") == "gzip");
    std::istringstream in(z.body);
    Poco::InflatingInputStream inflate(in, Poco::InflatingStreamBuf::STREAM_GZIP);
    std::string plain;
    Poco::StreamCopier::copyToString(inflate, plain);
    CHECK(plain == server().get("/recherche?q=eau").body);
    auto head = server().request("HEAD", "/recherche?q=eau");
    CHECK(head.status == 200);
    CHECK(head.body.empty());
}

TEST_CASE("the search page: results, facets, filters, paging, nothing found", "[server][http][html]") {
    auto a = server().get("/recherche?q=decentralisee&type=convention&type=entretien");
    CHECK(a.status == 200);
    const std::string& b = a.body;
    CHECK(test::contains(b, "<main id=\"contenu\">"));
    CHECK(test::contains(b, "role=\"search\""));
    CHECK(test::contains(b, "<label for=\"q\">"));
    CHECK(test::contains(b, "Document de démonstration"));
    CHECK(test::contains(b, "href=\"/partenariat/"));
    CHECK(test::contains(b, "<mark>"));
    CHECK(test::contains(b, "?q=decentralisee#"));                 // passages link to the exact place, words carried
    CHECK(test::contains(b, "aria-current=\"true\">Convention"));  // selected values say so
    CHECK(test::contains(b, "(retirer ce filtre)"));               // active filters are removable
    CHECK(test::contains(b, "name=\"year_from\""));                // years as a range
    // The facets are one form: the search's parameters once, and the boxes
    // left empty (an empty year, commune…) filter nothing.
    CHECK(test::occurrences(b, "<input type=\"hidden\" name=\"q\"") == 1);
    auto empty_boxes =
        server().get("/recherche?q=decentralisee&type=convention&year_from=&year_to=2030&commune=&prefecture=");
    CHECK(empty_boxes.status == 200);
    CHECK(test::contains(empty_boxes.body, "aria-current=\"true\">Convention"));
    auto many = server().get("/recherche?per_page=5");
    CHECK(test::contains(many.body, "rel=\"next\""));
    auto none = server().get("/recherche?q=forrage&corriger=non");
    CHECK(test::contains(none.body, "Aucun document ne correspond"));
    CHECK(test::contains(none.body, "Essayez avec : <a href=\"?q=forage\">forage</a>"));
    auto fixed = server().get("/recherche?q=forrage");
    CHECK(test::contains(fixed.body,
                         "Résultats pour : <strong>forage</strong> ; rechercher plutôt : "
                         "<a href=\"?q=forrage&amp;corriger=non\">forrage</a>"));
    CHECK_FALSE(test::contains(fixed.body, "Aucun document ne correspond"));
    auto partial = server().get("/recherche?q=convention+forage+potable");
    CHECK(test::contains(partial.body, " tous les mots, "));
    CHECK(test::contains(partial.body, "Ne contient pas : <s>"));
    CHECK(test::contains(partial.body, "mots=tous\">Tous les mots seulement</a>"));
    auto strict = server().get("/recherche?q=convention+forage+potable&mots=tous");
    CHECK(test::contains(strict.body, "Inclure ceux qui n'en contiennent qu'une partie"));
    CHECK_FALSE(test::contains(strict.body, "Ne contient pas"));
    auto relax = server().get("/recherche?q=Niort&type=entretien&region=Kara");
    CHECK(test::contains(relax.body, "En retirant un filtre"));
    auto syn = server().get("/recherche?q=puits");
    CHECK(test::contains(syn.body, "Résultats incluant : forage"));
}

TEST_CASE("document and partnership pages", "[server][http][html]") {
    auto d = server().get("/doc/akn-tg-act-loi-2019-06-26-2019-006?q=cooperation");
    CHECK(d.status == 200);
    CHECK(test::contains(d.body, "id=\"art_46\""));
    CHECK(test::contains(d.body, "<mark>coopération</mark>"));
    CHECK(test::contains(d.body, "/source.xml\" download"));
    auto src = server().get("/doc/akn-tg-act-loi-2019-06-26-2019-006/source.xml");
    CHECK(test::contains(src.body, "<akomaNtoso"));
    auto p = server().get("/partenariat/part-ogou-1-niort");
    CHECK(test::contains(p.body, "Documents liés"));
    CHECK(test::contains(p.body, "href=\"/doc/conv-ogou-1-niort-1986\""));
    auto pj = test::parse_json(server().get("/api/partnership/part-ogou-1-niort").body);
    CHECK(pj->getObject("partner")->getValue<std::string>("country") == "FR");
    CHECK(pj->getValue<std::string>("start") == "1958");
    CHECK(pj->getArray("divergences")->size() == 1);
    CHECK(pj->getArray("documents")->size() >= 2);
    auto dj = test::parse_json(server().get("/api/doc/conv-kloto-1-bressuire-1991").body);
    CHECK(dj->getArray("units")->size() >= 5);
    CHECK(dj->getValue<std::string>("source_url") == "/doc/conv-kloto-1-bressuire-1991/source.xml");
}

TEST_CASE("operations: healthz, metrics, opensearch", "[server][http][ops]") {
    CHECK(server().get("/healthz").body == "ok 85 documents\n");
    server().get("/nulle-part");
    auto m = server().get("/metrics").body;
    CHECK(test::contains(m, "coopdec_http_requests_total{route=\"none\",status=\"404\"}"));
    CHECK(test::contains(m, "coopdec_http_request_duration_seconds_bucket{le=\"+Inf\"}"));
    CHECK(test::contains(m, "coopdec_index_documents 85\n"));
    server().get("/api/search?q=eau");  // counted: the facet table of this revision is read
    m = server().get("/metrics").body;
    CHECK(test::contains(m, "coopdec_facet_tables_read_total 1\n"));
    CHECK_FALSE(test::contains(m, "coopdec_facet_table_bytes 0\n"));
    server().get("/api/search?q=%22cooperation+decentralisee%22");  // a phrase: its documents remembered
    m = server().get("/metrics").body;
    CHECK(test::contains(m, "# TYPE coopdec_phrase_cache_phrases gauge\n"));
    CHECK_FALSE(test::contains(m, "coopdec_phrase_cache_phrases 0\n"));
    CHECK(test::contains(m, "coopdec_phrase_cache_bytes "));
    CHECK_FALSE(test::contains(m, "coopdec_phrase_cache_bytes 0\n"));
    auto o = server().get("/opensearch.xml").body;
    CHECK(test::contains(
        o, "template=\"http://127.0.0.1:" + std::to_string(server().port()) + "/recherche?q={searchTerms}\""));
}

TEST_CASE("the server follows the indexer's commits and stops cleanly on SIGTERM", "[server][http][ops]") {
    test::TempDir dir;
    std::string corpus = test::copy_corpus_files(dir, {"repertoire/togo.xml", "partenariats/part-ogou-1-niort.xml"});
    IndexOptions opt;
    opt.db_path = dir / "db";
    opt.inputs = {corpus};
    opt.schema_dir = test::source_dir() + "/corpus/schema";
    std::FILE* log = std::tmpfile();
    REQUIRE(index_corpus(opt, log).total_documents == 1);

    test::ServerProcess s({"--db", opt.db_path, "--port", "0"});
    CHECK(test::parse_json(s.get("/api/search").body)->getValue<size_t>("total") == 1);
    std::filesystem::copy_file(test::source_dir() + "/corpus/conventions/conv-ogou-1-niort-1986.xml",
                               corpus + "/conv.xml");
    REQUIRE(index_corpus(opt, log).total_documents == 2);
    std::fclose(log);
    CHECK(test::parse_json(s.get("/api/search").body)->getValue<size_t>("total") == 2);  // no restart

    std::string said;
    CHECK(s.terminate(said) == 0);
    CHECK(said == "coopdec-server : arrêté");
}

TEST_CASE("the synonyms file is applied when edited, without a restart", "[server][http][synonyms]") {
    test::TempDir dir;
    std::string syn = dir.write("syn.txt", "");
    test::ServerProcess s({"--db", shared().bundled.db, "--port", "0", "--synonyms", syn});
    CHECK_FALSE(test::contains(s.get("/recherche?q=puits").body, "Résultats incluant"));
    dir.write("syn.txt", "# groupe ajouté\nforage, puits\n");
    CHECK(test::contains(s.get("/recherche?q=puits").body, "Résultats incluant : forage"));
}

TEST_CASE("the server refuses a missing index clearly", "[server][bad-input]") {
    test::TempDir dir;
    int status = 0;
    std::string out = test::run_command(
        std::string(COOPDEC_BIN_DIR) + "/coopdec-server --db '" + (dir / "none") + "' --port 0 2>&1", status);
    CHECK(status != 0);
    CHECK(test::contains(out, "coopdec-server : index introuvable ou illisible"));
}

TEST_CASE("a properties file configures the server, and the command line wins", "[server][ops]") {
    test::TempDir dir;
    std::string props =
        dir.write("coopdec.properties", "coopdec.db = " + shared().bundled.db +
                                            "\ncoopdec.port = 1\ncoopdec.public_url = https://exemple.tg\n");
    test::ServerProcess s({"--config", props, "--port", "0"});  // port 1 would need root: 0 wins
    CHECK(s.get("/healthz").status == 200);
    CHECK(test::contains(s.get("/opensearch.xml").body, "template=\"https://exemple.tg/recherche?q={searchTerms}\""));
}

TEST_CASE("legal advisors: citations read, provisions linked both ways", "[server][http][legal]") {
    auto s = server().get("/recherche?q=art+46");
    CHECK(test::contains(s.body, "Interprété comme : "));
    CHECK(test::contains(
        s.body,
        "href=\"/doc/akn-tg-act-loi-2019-06-26-2019-006#art_46\">Loi n° 2019-006 du 26 juin 2019, art. 46</a>"));
    auto j = test::parse_json(server().get("/api/search?q=article+46+de+la+loi+2019-006").body);
    REQUIRE(j->getArray("reading")->size() == 1);
    CHECK(j->getArray("reading")->getObject(0)->getValue<std::string>("url") ==
          "/doc/akn-tg-act-loi-2019-06-26-2019-006#art_46");
    CHECK(j->getArray("results")->getObject(0)->getValue<std::string>("id") == "akn-tg-act-loi-2019-06-26-2019-006");

    auto law = server().get("/doc/akn-tg-act-loi-2019-06-26-2019-006").body;
    CHECK(test::contains(law, "Citer le résumé : <cite>Loi n° 2019-006 du 26 juin 2019 (résumé)</cite>"));
    CHECK(test::contains(law, "<summary>Cité par "));
    CHECK(test::contains(law, "name=\"doc\" value=\"akn-tg-act-loi-2019-06-26-2019-006\""));  // search within the text
    CHECK(test::contains(
        law,
        "<a class=\"ref\" href=\"/doc/akn-tg-act-loi-2007-03-13-2007-011-v2019-06-26\">"));  // resolved across texts
    CHECK(
        test::contains(law, "title=\"hors corpus : /akn/tg/act/loi/2018-01-31/2018-003\""));  // shown as such, no link
    auto agreement = server().get("/doc/conv-amou-1-aiffres-2021").body;
    CHECK(test::contains(agreement, "<a class=\"cite\" href=\"/doc/akn-tg-act-loi-2019-06-26-2019-006?cite_le=2021-"));
    auto within =
        test::parse_json(server().get("/api/search?q=cooperation&doc=akn-tg-act-loi-2019-06-26-2019-006").body);
    CHECK(within->getValue<size_t>("total") == 1);
    CHECK(server().get("/recherche?q=eau&doc=inconnu").status == 400);

    auto consolidated = server().get("/doc/akn-tg-act-loi-2007-03-13-2007-011-v2019-06-26").body;
    CHECK(test::contains(consolidated, "Version consolidée en vigueur au 26 juin 2019"));
    CHECK(test::contains(consolidated, "<h2>Historique du texte</h2>"));
    CHECK(test::contains(consolidated,
                         "<p class=\"amended\">Modification : remplacé le 26 juin 2019 par "
                         "<a href=\"/doc/akn-tg-act-loi-2019-06-26-2019-006\">"));
}

TEST_CASE("a search inside one document lists every matching passage, paged, under « dans : title »",
          "[server][http][search]") {
    const std::string law = "akn-tg-act-loi-2019-06-26-2019-006";
    // The bundled law has 7 articles, each about « collectivités »: more
    // than one page at per_page=3.
    const std::string base = "q=collectivites&doc=" + law;
    auto all = test::parse_json(server().get("/api/search?" + base + "&per_page=100").body);
    REQUIRE(all->getValue<size_t>("total") == 1);
    const size_t count = all->getValue<size_t>("within_passages");
    CHECK(count >= 7);  // more than the 2 or 3 passages of a document elsewhere
    auto whole = all->getArray("results")->getObject(0)->getArray("passages");
    REQUIRE(whole->size() == count);  // every one, not the best three
    std::vector<std::string> anchors;
    for (size_t i = 0; i < whole->size(); ++i) anchors.push_back(whole->getObject(i)->getValue<std::string>("anchor"));
    CHECK(std::set<std::string>(anchors.begin(), anchors.end()).size() == count);

    // Page by page, 4 at a time: the same passages, in the same order, once each.
    std::vector<std::string> paged;
    for (size_t page = 1; page <= (count + 3) / 4; ++page) {
        auto j =
            test::parse_json(server().get("/api/search?" + base + "&per_page=4&page=" + std::to_string(page)).body);
        CHECK(j->getValue<size_t>("within_passages") == count);
        auto ps = j->getArray("results")->getObject(0)->getArray("passages");
        CHECK(ps->size() == std::min<size_t>(4, count - (page - 1) * 4));
        for (size_t i = 0; i < ps->size(); ++i) paged.push_back(ps->getObject(i)->getValue<std::string>("anchor"));
    }
    CHECK(paged == anchors);

    // The results page: 3 passages a page, page links, its chip the law's title.
    const std::string title = all->getArray("results")->getObject(0)->getValue<std::string>("title");
    auto page1 = server().get("/recherche?" + base + "&per_page=3").body;
    // The passages of a results page: their « Ajouter au dossier » forms.
    auto passages_on = [&](const std::string& html) {
        const std::string add = "<button name=\"e\" value=\"" + law + "#";
        size_t n = 0;
        for (size_t at = html.find(add); at != std::string::npos; at = html.find(add, at + 1)) ++n;
        return n;
    };
    CHECK(passages_on(page1) == 3);
    CHECK(test::contains(page1, std::to_string(count) + " passages dans ce document"));
    CHECK(test::contains(page1, "dans : " + html_escape(title) + " <span aria-hidden=\"true\">✕</span>"));
    CHECK_FALSE(test::contains(page1, "doc : " + law));
    CHECK(test::contains(page1, "rel=\"next\""));
    const size_t pages = (count + 2) / 3;
    auto last = server().get("/recherche?" + base + "&per_page=3&page=" + std::to_string(pages)).body;
    CHECK(passages_on(last) == count - (pages - 1) * 3);
    CHECK_FALSE(test::contains(last, "rel=\"next\""));
}

namespace {

// The target of the link whose text is `text` (its href, &amp; read back).
std::string link_before(const std::string& body, const std::string& text) {
    size_t at = body.find("\">" + text);
    if (at == std::string::npos) return {};
    size_t start = body.rfind("href=\"", at);
    if (start == std::string::npos) return {};
    std::string href = body.substr(start + 6, body.find('"', start + 6) - start - 6);
    for (size_t p; (p = href.find("&amp;")) != std::string::npos;) href.replace(p, 5, "&");
    return href;
}

}  // namespace

TEST_CASE("an error page keeps the search, speaks plainly and leads on", "[server][http][bad-input][errors]") {
    // A year that is not a number: the search stays in the box, the message
    // names no parameter, and the same search without the year answers.
    auto a = server().get("/recherche?q=eau&year_from=abc&type=convention");
    CHECK(a.status == 400);
    CHECK(test::contains(a.body, "id=\"q\" name=\"q\" type=\"search\" value=\"eau\""));
    CHECK(test::contains(a.body, "l&#39;année de début doit être un nombre, par exemple 2010"));
    CHECK_FALSE(test::contains(a.body, "year_from"));
    const std::string retry = link_before(a.body, "Relancer la recherche sans ce paramètre");
    CHECK(retry == "/recherche?q=eau&type=convention");
    auto again = server().get(retry);
    CHECK(again.status == 200);
    CHECK(test::contains(again.body, "pour « eau »"));
    // The API keeps the precise message, parameter named.
    auto api = server().get("/api/search?q=eau&year_from=abc");
    CHECK(api.status == 400);
    CHECK(test::contains(api.body, "année invalide pour year_from"));

    // Other messages in the user's words.
    auto to = server().get("/recherche?year_to=x");
    CHECK(test::contains(to.body, "l&#39;année de fin doit être un nombre"));
    CHECK_FALSE(test::contains(to.body, "year_to"));
    auto sort = server().get("/recherche?q=eau&sort=hasard");
    CHECK(sort.status == 400);
    CHECK(test::contains(sort.body, "trier par pertinence ou par date"));
    CHECK_FALSE(test::contains(sort.body, "date-asc"));
    CHECK(link_before(sort.body, "Relancer la recherche sans ce paramètre") == "/recherche?q=eau");
    auto page = server().get("/?page=zero");
    CHECK(page.status == 400);
    CHECK(test::contains(page.body, "le numéro de page doit être un nombre entier à partir de 1"));
    CHECK(link_before(page.body, "Relancer la recherche sans ce paramètre") == "/");
    CHECK(server().get("/").status == 200);

    // A hostile query in an error page is escaped, in the box and the link.
    auto h = server().get("/recherche?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E&year_from=abc");
    CHECK(h.status == 400);
    CHECK_FALSE(test::contains(h.body, "<script>"));
    CHECK(test::contains(h.body, "value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""));

    // An unknown document: a search of its words besides the home page.
    auto d = server().get("/doc/inconnu?q=eau");
    CHECK(d.status == 404);
    CHECK(test::contains(d.body, "value=\"eau\""));
    const std::string words = link_before(d.body, "Chercher « inconnu » dans les documents");
    CHECK(words == "/recherche?q=inconnu");
    CHECK(server().get(words).status == 200);
    auto dashed = server().get("/doc/convention-eau-kloto");
    CHECK(link_before(dashed.body, "Chercher « convention eau kloto » dans les documents") ==
          "/recherche?q=convention%20eau%20kloto");
    auto p = server().get("/partenariat/%3Cimg%3E");
    CHECK(p.status == 404);
    CHECK_FALSE(test::contains(p.body, "<img"));
    CHECK(server().get("/api/doc/inconnu").status == 404);
}

TEST_CASE("a page past the last shows the last one, with a notice", "[server][http][html][errors]") {
    auto api = test::parse_json(server().get("/api/search?per_page=5").body);
    const size_t total = api->getValue<size_t>("total");
    REQUIRE(total > 10);
    const size_t last = (total + 4) / 5;
    auto a = server().get("/recherche?per_page=5&page=999");
    CHECK(a.status == 200);
    CHECK(test::contains(a.body, "La page 999 n&#39;existe pas : voici la dernière (" + std::to_string(last) + ")."));
    CHECK(test::contains(a.body, "<strong aria-current=\"page\">" + std::to_string(last) + "</strong>"));
    auto direct = server().get("/recherche?per_page=5&page=" + std::to_string(last));
    // The same results as the last page asked for by its number.
    auto first_result = [](const std::string& body) {
        size_t at = body.find("<article");
        return at == std::string::npos ? std::string() : body.substr(at, 300);
    };
    CHECK_FALSE(first_result(direct.body).empty());
    CHECK(first_result(a.body) == first_result(direct.body));
    const std::string prev = link_before(a.body, "<span aria-hidden=\"true\">←</span> Précédente");
    REQUIRE_FALSE(prev.empty());
    auto before = server().get("/recherche" + prev);
    CHECK(before.status == 200);
    CHECK(test::contains(before.body, "<strong aria-current=\"page\">" + std::to_string(last - 1) + "</strong>"));
    CHECK_FALSE(first_result(before.body).empty());
    CHECK_FALSE(test::contains(before.body, "n&#39;existe pas"));
    // The API answers the page asked for: empty, with the total.
    auto empty = test::parse_json(server().get("/api/search?per_page=5&page=999").body);
    CHECK(empty->getValue<size_t>("total") == total);
    CHECK(empty->getArray("results")->size() == 0);
}
