// @brief Partial matching, « tous les mots », explicit syntax, and spelling
// corrections that help: the search's promises when not every word is found.
#include <catch2/catch.hpp>

#include <algorithm>

#include "search/partial.h"
#include "search/query_parser.h"
#include "search/request.h"
#include "search/search.h"
#include "search/spelling.h"
#include "tests/search_fixture.h"

using namespace coopdec;

namespace {

std::vector<std::string> result_order(const SearchResult& r) {
    std::vector<std::string> out;
    for (const auto& d : r.results) out.push_back(d.id);
    return out;
}

const ResultDocument* result_of(const SearchResult& r, const std::string& id) {
    for (const auto& d : r.results)
        if (d.id == id) return &d;
    return nullptr;
}

}  // namespace

TEST_CASE("documents holding every word come first, then those holding some, each with what it lacks",
          "[search][partial]") {
    test::SearchFixture fx;
    // « forage » is only in the transcript, « potable » only in the Niort agreement.
    auto r = test::run(fx.db, "forage eau potable");
    CHECK(r.complete == 0);
    REQUIRE(r.total >= 2);
    const ResultDocument* conv = result_of(r, "conv-ogou-niort");
    const ResultDocument* ent = result_of(r, "ent-tandjoare");
    REQUIRE(conv);
    REQUIRE(ent);
    CHECK(conv->missing == std::vector<std::string>{"forage"});
    CHECK(ent->missing == std::vector<std::string>{"potable"});
    // Two clauses held (eau, potable) outrank one rarer one (forage).
    auto o = result_order(r);
    CHECK(std::find(o.begin(), o.end(), "conv-ogou-niort") < std::find(o.begin(), o.end(), "ent-tandjoare"));

    // A document with every word leads, and says nothing is missing.
    auto whole = test::run(fx.db, "forage eau");
    REQUIRE_FALSE(whole.results.empty());
    CHECK(whole.complete == 1);
    CHECK(whole.results[0].id == "ent-tandjoare");
    CHECK(whole.results[0].missing.empty());
    CHECK(whole.total > whole.complete);
    for (size_t i = 1; i < whole.results.size(); ++i) CHECK_FALSE(whole.results[i].missing.empty());

    // The facet counts describe the documents listed, partial ones included.
    size_t types = 0;
    for (const auto& f : whole.facets)
        if (f.name == "type")
            for (const auto& v : f.values) types += v.count;
    CHECK(types == whole.total);
}

TEST_CASE("« tous les mots » gives the strict reading", "[search][partial]") {
    test::SearchFixture fx;
    auto strict = test::run(fx.db, "forage eau", {{"mots", "tous"}});
    CHECK(result_order(strict) == std::vector<std::string>{"ent-tandjoare"});
    CHECK(strict.total == 1);
    CHECK(strict.complete == 1);
    CHECK(test::run(fx.db, "forage eau potable", {{"mots", "tous"}}).total == 0);
    SearchRequest bad;
    CHECK(apply_parameter(bad, "mots", "quelques").has_value());
}

TEST_CASE("explicit syntax keeps its meaning under partial matching", "[search][partial]") {
    test::SearchFixture fx;
    // +word: required in every result.
    for (const auto& d : test::run(fx.db, "+forage eau potable").results) CHECK(d.id == "ent-tandjoare");
    // A phrase is required.
    auto ph = test::run(fx.db, "\"eau potable\" forage");
    REQUIRE_FALSE(ph.results.empty());
    for (const auto& d : ph.results) CHECK(d.id == "conv-ogou-niort");
    // An exclusion removes the document whatever it holds.
    for (const auto& d : test::run(fx.db, "eau potable -assainissement").results) CHECK(d.id != "conv-ogou-niort");
    // OR is one clause: a document with either word holds it.
    auto either = test::run(fx.db, "forage OR potable");
    CHECK(either.complete == either.total);
    // Stop words never make a clause, so never make a document rank.
    ParsedQuery pq = parse_query("le forage de la commune", {"fr"});
    CHECK(pq.clauses.size() == 2);
    ParsedQuery req = parse_query("+forage \"eau potable\" sante", {"fr"});
    REQUIRE(req.clauses.size() == 3);
    CHECK(req.clauses[0].required);
    CHECK(req.clauses[1].required);
    CHECK_FALSE(req.clauses[2].required);
    CHECK(req.clauses[0].text == "forage");
    CHECK(req.clauses[2].text == "sante");
}

TEST_CASE("a query that finds no word whole is answered by its correction, the query as typed a link away",
          "[search][spelling]") {
    test::SearchFixture fx;
    auto r = test::run(fx.db, "forrage");
    CHECK(r.corrected_from == "forrage");
    CHECK(r.query == "forage");
    CHECK(result_order(r) == std::vector<std::string>{"ent-tandjoare"});
    CHECK(r.suggestion.empty());
    // Only the word that needs it is corrected; the rest stays as typed.
    auto two = test::run(fx.db, "forrage marché");
    CHECK(two.query == "forage marché");
    // corriger=non: the query as typed, the correction offered.
    auto asis = test::run(fx.db, "forrage", {{"corriger", "non"}});
    CHECK(asis.total == 0);
    CHECK(asis.corrected_from.empty());
    CHECK(asis.suggestion == "forage");
    // Two edits in a short word are a suggestion, never an answer.
    auto near = test::run(fx.db, "foarge");  // forage, 1 edit (a transposition): answered
    CHECK(near.corrected_from == "foarge");
    auto covid = test::run(fx.db, "bxrage");  // 2 edits in 6 letters
    CHECK(covid.corrected_from.empty());
}

TEST_CASE("spelling suggestions are never stop words, French words or rarer than what was typed",
          "[search][spelling]") {
    test::SearchFixture fx;
    // A French word the corpus never uses is no misspelling (« puits » is not « puis »).
    CHECK(known_word(fx.db, "puits"));
    CHECK(corrected_query(fx.db, "puits").text.empty());
    // A word the index holds, its stem, a number: known.
    CHECK(known_word(fx.db, "forage"));
    CHECK(known_word(fx.db, "forages"));
    CHECK(known_word(fx.db, "2019"));
    CHECK_FALSE(known_word(fx.db, "forrage"));
    // Never a stop word: « dex » is one edit from « des » and « de », both stop words.
    CHECK(suggest_spelling(fx.db, "dex") != "des");
    CHECK(suggest_spelling(fx.db, "dex") != "de");
    // Never rarer than the word typed: a word of the index is its own best spelling.
    for (const char* w : {"forage", "eau", "potable", "niort", "marche"}) {
        CAPTURE(w);
        std::string s = suggest_spelling(fx.db, w);
        if (!s.empty()) CHECK(fx.db.get_termfreq(s) > fx.db.get_termfreq(w));
    }
    // Every suggestion is at least as frequent as what it corrects, for a sample of typos.
    for (const char* w : {"forrage", "potabel", "assainisement", "cooperasion", "jumelaje"}) {
        CAPTURE(w);
        std::string s = suggest_spelling(fx.db, w);
        REQUIRE_FALSE(s.empty());
        CHECK(fx.db.get_termfreq(s) >= fx.db.get_termfreq(w));
        CHECK(edit_distance(w, s, 2) <= 2);
    }
}

TEST_CASE("a country's adjective in the query finds the documents of that country's partners, and says so",
          "[search][partial][names]") {
    test::SearchFixture fx;
    // No text of the fixture says « burkinabè »: the transcript is found
    // through its partnership's country (BF), and the reading says it.
    auto r = test::run(fx.db, "forage burkinabe");
    REQUIRE(r.names.size() == 1);
    CHECK(r.names[0].text == "burkinabe");
    REQUIRE(r.names[0].values.size() == 1);
    CHECK(r.names[0].values[0].facet == "country");
    CHECK(r.names[0].values[0].value == "BF");
    REQUIRE_FALSE(r.results.empty());
    CHECK(r.results[0].id == "ent-tandjoare");
    CHECK(r.results[0].missing.empty());  // it holds both: the word, and the country as a name
    CHECK(r.complete == 1);
    // Feminine plural of another country: the same reading.
    auto fr = test::run(fx.db, "partenaires françaises");
    bool france = false;
    for (const auto& n : fr.names)
        for (const auto& v : n.values) france = france || (v.facet == "country" && v.value == "FR");
    CHECK(france);
    // Inside quotes, a name is only words.
    CHECK(test::run(fx.db, "\"burkinabe\"").total == 0);
}

TEST_CASE("a long query is matched partially on its rarest clauses that some document holds", "[search][partial]") {
    test::SearchFixture fx;
    // 40 clauses: three words of the index, 37 of none. A word of no
    // document would count as the rarest: kept first, it would push the
    // three out.
    std::string q = "forage eau potable";
    for (int i = 0; i < 37; ++i)
        q += " zqxw" + std::string{static_cast<char>('a' + i / 26), static_cast<char>('a' + i % 26)};
    auto r = test::run(fx.db, q, {{"corriger", "non"}});
    CHECK(r.complete == 0);
    const ResultDocument* conv = result_of(r, "conv-ogou-niort");
    const ResultDocument* ent = result_of(r, "ent-tandjoare");
    REQUIRE(conv);
    REQUIRE(ent);
    // Two clauses held outrank one, however many clauses the query has.
    auto o = result_order(r);
    CHECK(std::find(o.begin(), o.end(), "conv-ogou-niort") < std::find(o.begin(), o.end(), "ent-tandjoare"));
    // What each lacks is said of every word typed (the 37 and the one).
    CHECK(conv->missing.size() == 38);
    CHECK(ent->missing.size() == 38);

    // The clauses weighed: at most kMaxPartialClauses, in query order,
    // the required ones always.
    std::vector<Clause> clauses;
    for (int i = 0; i < 40; ++i) {
        Clause c;
        c.text = "w" + std::to_string(i);
        c.query = Xapian::Query(i < 3 ? std::vector<std::string>{"forage", "eau", "potable"}[i] : c.text);
        c.required = i == 39;
        clauses.push_back(c);
    }
    const std::vector<Clause> kept = weighed_clauses(fx.db, clauses);
    REQUIRE(kept.size() == kMaxPartialClauses);
    CHECK(kept[0].text == "w0");
    CHECK(kept[1].text == "w1");
    CHECK(kept[2].text == "w2");
    CHECK(kept.back().text == "w39");  // required, though no document holds it
    for (size_t i = 1; i < kept.size(); ++i)
        CHECK(std::stoi(kept[i - 1].text.substr(1)) < std::stoi(kept[i].text.substr(1)));
    clauses.resize(kMaxPartialClauses);
    CHECK(weighed_clauses(fx.db, clauses).size() == kMaxPartialClauses);
}
