// @brief Legal citations in every form people type, searched through the
// bundled corpus and an Indigo-style act: the law or article first, a
// missing article said so, one reading per citation.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "search/index.h"
#include "search/result_json.h"
#include "search/search.h"
#include "server/pages.h"
#include "tests/temp_index.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace {

const std::string kLaw2019Id = "akn-tg-act-loi-2019-06-26-2019-006";
const std::string kLaw2007Id = "akn-tg-act-loi-2007-03-13-2007-011-v2019-06-26";

// The bundled corpus, indexed once for this file's test cases.
test::TempIndex& bundled_index() {
    static test::TempIndex index;
    return index;
}

SearchResult search_for(const std::string& db, const std::string& query, bool all_words = false) {
    Index index = Index::open(db);
    SearchRequest req;
    req.query = query;
    req.per_page = 20;
    req.all_words = all_words;
    return search(index, req);
}

std::vector<std::string> read_labels(const SearchResult& r) {
    std::vector<std::string> out;
    for (const auto& x : r.reading) out.push_back(x.label);
    return out;
}

}  // namespace

TEST_CASE("every way of writing a law's number finds the law first", "[citation][legal][search]") {
    for (const char* q : {"loi 2019 006", "loi 2019/006", "L 2019-006", "L. 2019-006", "loi n°2019-006", "loi 2019-6",
                          "loi n° 2019-006", "2019-006", "n° 2019-006"}) {
        INFO(q);
        SearchResult r = search_for(bundled_index().db, q);
        CHECK(read_labels(r) == std::vector<std::string>{"Loi n° 2019-006 du 26 juin 2019"});
        REQUIRE_FALSE(r.results.empty());
        CHECK(r.results[0].id == kLaw2019Id);
        CHECK(r.reading_notices.empty());
    }
}

TEST_CASE("a bare act number: the law, then what cites it", "[citation][legal][search]") {
    SearchResult r = search_for(bundled_index().db, "2019-006");
    REQUIRE(r.results.size() > 1);
    CHECK(r.results[0].id == kLaw2019Id);
    // An agreement that relies on the law, with the citing clause as its passage.
    bool agreement = false;
    for (size_t i = 1; i < r.results.size(); ++i)
        agreement = agreement || r.results[i].id == "conv-amou-1-aiffres-2021";
    CHECK(agreement);
    // A number no act of the index has is words: nothing is read.
    CHECK(search_for(bundled_index().db, "2099-001").reading.empty());
    CHECK(search_for(bundled_index().db, "2019 2020").reading.empty());
    CHECK(search_for(bundled_index().db, "partenariat 2019-2024").reading.empty());
}

TEST_CASE("an article with its law, before or after it, is one reading", "[citation][legal][search]") {
    for (const char* q :
         {"loi 2007 011 art 9", "loi 2007-011, art. 9", "art 9 loi 2007-011", "article 9 de la loi 2007/011"}) {
        INFO(q);
        SearchResult r = search_for(bundled_index().db, q);
        CHECK(read_labels(r) == std::vector<std::string>{"Loi n° 2007-011 du 13 mars 2007, art. 9"});
        REQUIRE_FALSE(r.results.empty());
        CHECK(r.results[0].id == kLaw2007Id);
        REQUIRE_FALSE(r.results[0].passages.empty());
        CHECK(r.results[0].passages[0].anchor == "art_9");
    }
}

TEST_CASE("an article with its paragraph finds the article, the paragraph is no required word",
          "[citation][legal][search]") {
    for (const char* q : {"art. 46 al. 2", "article 46 alinéa 2", "loi 2019-006 art 46 al 2"}) {
        INFO(q);
        SearchResult r = search_for(bundled_index().db, q);
        REQUIRE_FALSE(r.results.empty());
        std::vector<std::string> read = read_labels(r);
        CHECK(std::find(read.begin(), read.end(), "Loi n° 2019-006 du 26 juin 2019, art. 46") != read.end());
        CHECK((r.results[0].id == kLaw2019Id || r.results[0].id == kLaw2007Id));
        REQUIRE_FALSE(r.results[0].passages.empty());
        CHECK(r.results[0].passages[0].anchor == "art_46");
    }
    SearchResult both = search_for(bundled_index().db, "articles 5 et 6");
    CHECK(both.reading.size() == 4);  // each article, in each of the two laws
    CHECK_FALSE(both.results.empty());
}

TEST_CASE("the other words narrow what cites the provision, never the provision", "[citation][legal][search]") {
    SearchResult cited = search_for(bundled_index().db, "loi 2019-006 art. 46");
    SearchResult water = search_for(bundled_index().db, "loi 2019-006 art. 46 eau");
    REQUIRE_FALSE(water.results.empty());
    CHECK(water.results[0].id == kLaw2019Id);  // the provision, though it says nothing of water
    CHECK(water.complete < cited.total);       // what cites it, only about water, holds every word
    CHECK(water.complete > 1);
    CHECK(water.total == cited.total);   // the rest of what cites it follows (partial matching)
    for (const auto& d : water.results)  // the provision and what cites it, nothing else
        CHECK((d.missing.empty() || d.missing == std::vector<std::string>{"eau"}));
    SearchResult strict = search_for(bundled_index().db, "loi 2019-006 art. 46 eau", true);
    CHECK(strict.total == water.complete);  // « tous les mots »: exactly those
    CHECK(search_for(bundled_index().db, "loi 2019-006 art. 46 xylophone", true).total == 1);  // the provision alone
    CHECK(search_for(bundled_index().db, "loi 2019-006 art. 46 xylophone").complete == 1);
}

TEST_CASE("an article the law does not have is said so, with the law", "[citation][legal][search]") {
    SearchResult r = search_for(bundled_index().db, "loi 2007-011 art. 120");
    CHECK(r.reading_notices == std::vector<std::string>{"la loi n° 2007-011 n'a pas d'article 120 dans ce corpus"});
    CHECK(read_labels(r) == std::vector<std::string>{"Loi n° 2007-011 du 13 mars 2007"});
    REQUIRE_FALSE(r.results.empty());
    CHECK(r.results[0].id == kLaw2007Id);
    CHECK(r.total == 1);  // who cites the whole law does not cite that article
    CHECK(search_for(bundled_index().db, "loi 2007-011 art. 9").reading_notices.empty());

    // Said in the JSON answer and on the page, next to the reading.
    CHECK(to_json(r).find("\"reading_notices\":[\"la loi n° 2007-011 n'a pas d'article 120 dans ce corpus\"]") !=
          std::string::npos);
    std::string page = pages::search_page(r, {}, false);
    size_t reading = page.find("Interprété comme : ");
    REQUIRE(reading != std::string::npos);
    size_t notice = page.find(
        "<span class=\"reading-notice\">(la loi n° 2007-011 n&#39;a pas d&#39;article 120 dans ce corpus)</span>");
    REQUIRE(notice != std::string::npos);
    CHECK(page.find("</p>", reading) > notice);  // in the reading's paragraph
}

TEST_CASE("an act numbered as Laws.Africa numbers it answers as the bundled acts", "[citation][legal][search]") {
    // FRBRnumber "6", the year in the work URI only, no number in the title.
    test::TempDir dir;
    dir.write("in/act-2019-6.xml",
              R"(<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="act"><meta>
<identification source="#indigo"><FRBRWork><FRBRthis value="/akn/tg/act/2019/6/!main"/><FRBRuri value="/akn/tg/act/2019/6"/>
<FRBRalias value="Loi relative aux essais indigo" name="title"/><FRBRdate date="2019-06-26" name="Generation"/>
<FRBRauthor href="#council"/><FRBRcountry value="tg"/><FRBRnumber value="6"/></FRBRWork><FRBRExpression>
<FRBRthis value="/akn/tg/act/2019/6/fra@/!main"/><FRBRuri value="/akn/tg/act/2019/6/fra@"/><FRBRdate date="2019-06-26" name="Generation"/>
<FRBRauthor href="#council"/><FRBRlanguage language="fra"/></FRBRExpression><FRBRManifestation><FRBRthis value="/akn/tg/act/2019/6/fra@/!main"/>
<FRBRuri value="/akn/tg/act/2019/6/fra@"/><FRBRdate date="2024-01-01" name="Generation"/><FRBRauthor href="#council"/></FRBRManifestation>
</identification></meta><preface><longTitle><p>Loi relative aux essais indigo</p></longTitle></preface><body><section eId="sec_1"><num>1</num><heading>Objet</heading><content><p>Les essais indigo sont réglés.</p></content></section>
<article eId="art_3"><num>Article 3</num><content><p>Le maire tient le registre des essais.</p></content></article></body></act></akomaNtoso>)");
    test::TempIndex index(dir / "in");
    for (const char* q : {"loi n° 2019-006", "loi 2019-6", "L. 2019-006", "2019-006"}) {
        INFO(q);
        SearchResult r = search_for(index.db, q);
        REQUIRE(r.reading.size() == 1);
        CHECK(r.reading[0].label == "Loi n° 2019-6 du 26 juin 2019");
        REQUIRE_FALSE(r.results.empty());
        CHECK(r.results[0].id == "akn-tg-act-2019-6");
    }
    SearchResult art = search_for(index.db, "article 3 de la loi 2019/006");
    REQUIRE(art.reading.size() == 1);
    CHECK(art.reading[0].url == "/doc/akn-tg-act-2019-6#art_3");
}
