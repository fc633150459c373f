// @brief A legal text in time: the version in force at a date (search/legal),
// and over HTTP the work address, ?date=, dated links from agreements, the
// links between an amending and an amended article, editorial notes and
// « Citer » on summaries.
#include <catch2/catch.hpp>

#include <cstdio>
#include <memory>

#include "indexer/corpus.h"
#include "search/legal.h"
#include "server/law_page.h"
#include "tests/bundled_server.h"
#include "tests/server_process.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace {

// An index of the test fixtures of tests/data/lawtime (invented laws, marked
// as such): law 2010-9001 held in two versions, 1 May 2012 and 1 July 2016,
// whose article 46 law 2016-9002's article 3 rewrote.
struct FixtureServer {
    test::TempDir dir;
    std::string db = dir / "db";
    std::unique_ptr<test::ServerProcess> server;
    FixtureServer() {
        IndexOptions opt;
        opt.db_path = db;
        opt.inputs = {test::source_dir() + "/tests/data/lawtime"};
        opt.schema_dir = test::source_dir() + "/corpus/schema";
        std::FILE* log = std::tmpfile();
        IndexSummary s = index_corpus(opt, log);
        std::fclose(log);
        if (s.errors || s.fatal) throw std::runtime_error("the law fixtures did not index");
        server = std::make_unique<test::ServerProcess>(std::vector<std::string>{"--db", db, "--port", "0"},
                                                       dir / "server.log");
    }
};

const test::ServerProcess& law_server() {
    static FixtureServer s;
    return *s.server;
}

const test::ServerProcess& bundled() { return test::bundled_server(); }

const std::string kWork = "/doc/akn-tg-act-loi-2010-01-15-2010-9001";
const std::string kV2012 = "akn-tg-act-loi-2010-01-15-2010-9001-v2012-05-01";
const std::string kV2016 = "akn-tg-act-loi-2010-01-15-2010-9001-v2016-07-01";

}  // namespace

TEST_CASE("the version in force at a date: the latest dated on or before it", "[legal][versions]") {
    std::vector<Version> vs{{"a", "2007-03-13", "/doc/a", true}, {"b", "2019-06-26", "/doc/b", false}};
    CHECK_FALSE(version_in_force(vs, "2000-01-01").has_value());            // before every version
    CHECK(version_in_force(vs, "2007-03-13") == std::optional<size_t>(0));  // its very day
    CHECK(version_in_force(vs, "2015-01-01") == std::optional<size_t>(0));
    CHECK(version_in_force(vs, "2019-06-26") == std::optional<size_t>(1));
    CHECK(version_in_force(vs, "2030-01-01") == std::optional<size_t>(1));
    CHECK_FALSE(version_in_force({}, "2030-01-01").has_value());
}

TEST_CASE("a date parameter must name a day of the calendar", "[legal][versions]") {
    CHECK(valid_iso_date("2015-01-01"));
    CHECK(valid_iso_date("2016-02-29"));
    CHECK_FALSE(valid_iso_date("2015-02-29"));
    CHECK_FALSE(valid_iso_date("2015-13-01"));
    CHECK_FALSE(valid_iso_date("2015-1-1"));
    CHECK_FALSE(valid_iso_date("01/01/2015"));
    CHECK_FALSE(valid_iso_date(""));
    CHECK(pages::provision_prose("Loi n° 2019-006 du 26 juin 2019, art. 46") ==
          "l’article 46 de la loi n° 2019-006 du 26 juin 2019");
    CHECK(pages::provision_prose("Loi n° 2019-006 du 26 juin 2019") == "la loi n° 2019-006 du 26 juin 2019");
}

TEST_CASE("the work address lists the versions and opens the one in force today", "[server][http][versions]") {
    auto a = bundled().get("/doc/akn-tg-act-loi-2007-03-13-2007-011");
    REQUIRE(a.status == 200);
    CHECK(test::contains(a.body,
                         "Versions : <strong aria-current=\"page\">26 juin 2019 — version consolidée (cette version, "
                         "la plus récente)</strong>"));
    CHECK(test::contains(a.body, "Version en vigueur aujourd’hui : version consolidée du 26 juin 2019"));
    CHECK(test::contains(a.body, "<input type=\"date\" id=\"date-version\" name=\"date\""));

    auto f = law_server().get(kWork);
    REQUIRE(f.status == 200);
    CHECK(test::contains(f.body, "<a href=\"/doc/" + kV2012 + "\">1er mai 2012 — version consolidée</a>"));
    CHECK(test::contains(f.body,
                         "<strong aria-current=\"page\">1er juillet 2016 — version consolidée (cette version, la plus "
                         "récente)</strong>"));
    CHECK(test::contains(f.body, "seconde rédaction"));
    CHECK(law_server().get("/doc/akn-tg-act-loi-2010-01-15-2010-90").status == 404);  // no such work

    // A version opened by its own address stays itself, and says when a later one replaced it.
    auto old_version = law_server().get("/doc/" + kV2012);
    REQUIRE(old_version.status == 200);
    CHECK(test::contains(old_version.body, "première rédaction"));
    CHECK(test::contains(old_version.body, "Ce n’est pas la version en vigueur aujourd’hui : voir la <a href=\"/doc/" +
                                               kV2016 + "\">version consolidée du 1er juillet 2016</a>"));
    CHECK_FALSE(test::contains(law_server().get("/doc/" + kV2016).body, "Ce n’est pas la version en vigueur"));
}

TEST_CASE("?date= opens the version in force at that date, or says none was", "[server][http][versions]") {
    auto before = law_server().get(kWork + "?date=2011-03-01");
    REQUIRE(before.status == 200);
    CHECK(test::contains(before.body, "Aucune version de ce texte en vigueur le 1er mars 2011 n'est dans le corpus"));
    CHECK(test::contains(before.body, "<a href=\"/doc/" + kV2012 + "\">"));
    CHECK_FALSE(test::contains(before.body, "rédaction d'essai"));  // no version shown instead

    auto between = law_server().get(kWork + "?date=2015-01-01");
    REQUIRE(between.status == 200);
    CHECK(test::contains(between.body, "Version en vigueur le 1er janvier 2015 : version consolidée du 1er mai 2012"));
    CHECK(test::contains(between.body, "première rédaction"));
    CHECK_FALSE(test::contains(between.body, "seconde rédaction"));

    // From an expression's address too.
    auto after = law_server().get("/doc/" + kV2012 + "?date=2020-01-01");
    REQUIRE(after.status == 200);
    CHECK(
        test::contains(after.body, "Version en vigueur le 1er janvier 2020 : version consolidée du 1er juillet 2016"));
    CHECK(test::contains(after.body, "seconde rédaction"));
    CHECK(test::contains(after.body, "value=\"2020-01-01\""));  // the form keeps the date
}

TEST_CASE("a malformed date is a 400 in French that keeps it and links to the page without it",
          "[server][http][versions]") {
    auto a = law_server().get(kWork + "?date=2015-02-30");
    CHECK(a.status == 400);
    CHECK(test::contains(a.body, "La date « 2015-02-30 »"));
    CHECK(test::contains(a.body, "value=\"2015-02-30\""));
    CHECK(test::contains(a.body, "<a href=\"" + kWork + "\">Voir le texte sans date</a>"));
    CHECK(bundled().get("/doc/akn-tg-act-loi-2007-03-13-2007-011-v2019-06-26?date=%3Cb%3E").status == 400);
}

TEST_CASE("an agreement's link opens the version of its date, and says when it is not that one",
          "[server][http][versions]") {
    // Signed on 19 October 2015, it cites law 2007-011, held only as consolidated in 2019.
    auto agreement = bundled().get("/doc/conv-zio-1-plainfaing-2015").body;
    CHECK(test::contains(agreement, "href=\"/doc/akn-tg-act-loi-2007-03-13-2007-011-v2019-06-26?cite_le=2015-10-19\""));
    auto law = bundled().get("/doc/akn-tg-act-loi-2007-03-13-2007-011-v2019-06-26?cite_le=2015-10-19");
    REQUIRE(law.status == 200);
    CHECK(test::contains(law.body,
                         "Ce lien vient d'un document du 19 octobre 2015 ; le corpus ne contient aucune version de ce "
                         "texte en vigueur à cette date"));
    CHECK(test::contains(law.body,
                         "le 26 juin 2019 par <a href=\"/doc/akn-tg-act-loi-2019-06-26-2019-006\">la loi n° 2019-006 "
                         "du 26 juin 2019</a>"));
    CHECK(test::contains(law.body, "le texte affiché n'est pas celui que ce document citait"));
    // Without the date carried: no notice.
    CHECK_FALSE(test::contains(bundled().get("/doc/akn-tg-act-loi-2007-03-13-2007-011-v2019-06-26").body,
                               "Ce lien vient d'un document"));

    // Cited in 2014, article 46 of the fixture law: the 2012 version, and its 2016 rewording said.
    auto cited = law_server().get(kWork + "?cite_le=2014-03-12&cite_art=art_46");
    REQUIRE(cited.status == 200);
    CHECK(test::contains(cited.body, "première rédaction"));
    CHECK(test::contains(
        cited.body,
        "Ce lien vient d'un document du 12 mars 2014 ; l’article 46 a été modifié le 1er juillet 2016 par "));
}

TEST_CASE("an amended article and the amending article link to each other", "[server][http][versions]") {
    auto consolidated = law_server().get("/doc/" + kV2016).body;
    CHECK(test::contains(consolidated,
                         "Rédaction issue de <a href=\"/doc/akn-tg-act-loi-2016-06-30-2016-9002#art_3\">l’article 3 de "
                         "la loi n° 2016-9002"));
    auto amending = law_server().get("/doc/akn-tg-act-loi-2016-06-30-2016-9002").body;
    CHECK(test::contains(amending, "Cet article modifie l’article 46 de la loi n° 2010-9001"));
    CHECK(test::contains(amending, "<a href=\"/doc/" + kV2016 + "#art_46\">voir la version consolidée</a>"));

    // The bundled laws: 2019-006 as a whole rewrote article 2 of 2007-011.
    auto law2007 = bundled().get("/doc/akn-tg-act-loi-2007-03-13-2007-011-v2019-06-26").body;
    CHECK(test::contains(law2007,
                         "Rédaction issue de <a href=\"/doc/akn-tg-act-loi-2019-06-26-2019-006\">la loi n° 2019-006 du "
                         "26 juin 2019</a>"));
    auto law2019 = bundled().get("/doc/akn-tg-act-loi-2019-06-26-2019-006").body;
    CHECK(test::contains(
        law2019,
        "Ce texte modifie l’article 2 de la loi n° 2007-011 du 13 mars 2007 : "
        "<a href=\"/doc/akn-tg-act-loi-2007-03-13-2007-011-v2019-06-26#art_2\">voir la version consolidée</a>"));
}

TEST_CASE("the « emplacement non connu » placeholder is an editor's note, never a heading",
          "[server][http][versions]") {
    for (const char* target :
         {"/doc/akn-tg-act-loi-2019-06-26-2019-006", "/doc/akn-tg-act-loi-2007-03-13-2007-011-v2019-06-26"}) {
        auto page = bundled().get(target).body;
        CHECK(test::contains(page,
                             "<aside class=\"note-editeur\" role=\"note\"><p><strong>Note de l’éditeur :</strong> "
                             "Coopération décentralisée (emplacement non connu"));
        // Never in a heading, nor the table of contents.
        size_t at = page.find("emplacement non connu");
        REQUIRE(at != std::string::npos);
        CHECK(page.find("emplacement non connu", at + 1) == std::string::npos);
        CHECK(test::contains(page, "id=\"art_46\"><h2>\n<span class=\"num\">Article 46</span>"));  // a level up: h2
    }
    // Nor in a result's path.
    auto results = bundled().get("/api/search?q=rapport+annuel+cooperation").body;
    CHECK(test::contains(results, "art_46"));
    CHECK_FALSE(test::contains(results, "emplacement non connu"));
    // Nor in a passage's path (dossier, handout): article 46 stands at the top.
    auto units = bundled().get("/api/doc/akn-tg-act-loi-2019-06-26-2019-006").body;
    CHECK(test::contains(units, "\"path\":\"Article 46\""));
    CHECK_FALSE(test::contains(units, "emplacement non connu"));
}

TEST_CASE("« Citer » on a summary says it cites a summary", "[server][http][versions]") {
    auto law = bundled().get("/doc/akn-tg-act-loi-2019-06-26-2019-006").body;
    CHECK(test::contains(law, "Citer le résumé : <cite>Loi n° 2019-006 du 26 juin 2019, art. 46 (résumé)</cite>"));
    CHECK(test::contains(law, "Citer le résumé : <cite>Loi n° 2019-006 du 26 juin 2019 (résumé)</cite>"));
    CHECK_FALSE(test::contains(law, "Citer : <cite>"));
    // A unit whose text is not marked as a summary is cited as text.
    auto fixture = law_server().get("/doc/" + kV2016).body;
    CHECK(test::contains(fixture, "Citer : <cite>Loi n° 2010-9001"));
}
