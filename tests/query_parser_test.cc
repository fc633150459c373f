// @brief The query parser: what each construct of the query language reads as.
#include <catch2/catch.hpp>

#include "search/query_parser.h"

using namespace coopdec;

namespace {
const std::vector<std::string> kFr{"fr"};
}

TEST_CASE("field:value becomes a facet filter, in English or French", "[query]") {
    struct Row {
        const char* text;
        const char* facet;
        const char* value;
    };
    const Row rows[] = {
        {"type:convention", "type", "convention"},
        {"commune:\"Kloto 1\"", "commune", "Kloto 1"},
        {"pays:FR", "country", "FR"},
        {"thème:santé", "theme", "santé"},
        {"annee:1991", "year", "1991"},
        {"Région:Savanes", "region", "Savanes"},
        {"partenariat:part-ogou-1-niort", "partnership", "part-ogou-1-niort"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.text);
        ParsedQuery pq = parse_query(r.text, kFr);
        REQUIRE(pq.filters.count(r.facet) == 1);
        CHECK(pq.filters[r.facet] == std::vector<std::string>{r.value});
        CHECK(pq.query.empty());
    }
    // A field that is not a facet is read as words.
    ParsedQuery pq = parse_query("heure:10h30", kFr);
    CHECK(pq.filters.empty());
    CHECK_FALSE(pq.query.empty());
}

TEST_CASE("words, phrases, prefixes and exclusions", "[query]") {
    ParsedQuery words = parse_query("l'Article décentralisée", kFr);
    CHECK(words.words.count("article") == 1);
    CHECK(words.words.count("decentralisee") == 1);
    CHECK(words.exclusion.empty());

    ParsedQuery phrase = parse_query("\"comité de suivi\"", kFr);
    CHECK(phrase.query.get_description().find("PHRASE 3") != std::string::npos);

    ParsedQuery pre = parse_query("jumel*", kFr);
    CHECK(pre.prefixes == std::set<std::string>{"jumel"});
    CHECK(pre.query.get_description().find("WILDCARD") != std::string::npos);

    ParsedQuery neg = parse_query("eau -sante", kFr);
    CHECK_FALSE(neg.exclusion.empty());
    CHECK(neg.words.count("eau") == 1);
    CHECK(neg.plain_words == std::vector<std::string>{"eau"});

    ParsedQuery only = parse_query("-sante", kFr);
    CHECK(only.query.empty());
    CHECK_FALSE(only.exclusion.empty());

    ParsedQuery art = parse_query("art. 46", kFr);
    CHECK(art.query.get_description().find("PHRASE 2") != std::string::npos);
}

TEST_CASE("OR binds tighter than the implicit AND", "[query]") {
    ParsedQuery pq = parse_query("eau sante OR education", kFr);
    std::string d = pq.query.get_description();
    // eau AND (sante OR education)
    CHECK(d.find("AND") != std::string::npos);
    CHECK(d.find("OR") != std::string::npos);
    CHECK(d.find("Zeau AND (Zsant OR Zeduc") != std::string::npos);
}

TEST_CASE("hostile syntax never throws and stays bounded", "[query]") {
    for (const char* q : {"\"", "\"\"", "OR", "a OR", "OR b", "-", "--x", "*", "type:", "type:\"", ":x", "\xff\xfe",
                          "a:b:c", "((((a))))", "-\"\""}) {
        CAPTURE(q);
        CHECK_NOTHROW(parse_query(q, kFr));
    }
}
