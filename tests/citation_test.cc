// @brief Table-driven tests of the legal citation parser: each row is an input
// and every citation expected in it (none for the rows that must be rejected).
#include "common/citation.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace {

using coopdec::citation::Citation;
using coopdec::citation::find_citations;
using coopdec::citation::read_query;

// One expected citation: the fields and the label.
struct Expected {
    std::string kind, number, date, article, paragraph, label;
};

struct CitationRow {
    std::string in;
    std::vector<Expected> out;
};

// A citation as one line "kind|number|date|article|paragraph|label", so that
// a failing row shows every field side by side.
std::string line(const Citation& c) {
    return c.act_kind + "|" + c.act_number + "|" + c.act_date + "|" + c.article + "|" + c.paragraph + "|" + c.label();
}
std::string line(const Expected& e) {
    return e.kind + "|" + e.number + "|" + e.date + "|" + e.article + "|" + e.paragraph + "|" + e.label;
}

void check_rows(const std::vector<CitationRow>& rows) {
    for (const CitationRow& r : rows) {
        INFO(r.in);
        std::vector<std::string> got, want;
        for (const Citation& c : find_citations(r.in)) got.push_back(line(c));
        for (const Expected& e : r.out) want.push_back(line(e));
        CHECK(got == want);
    }
}

// Shorthands for the common expectations.
Expected art(std::string a, std::string p = "") {
    std::string label = "art. " + a + (p.empty() ? "" : ", al. " + p);
    return {"", "", "", a, p, label};
}
const Expected kLoi2019 = {"loi", "2019-006", "", "", "", "Loi n° 2019-006"};
const Expected kLoi2019Art46 = {"loi", "2019-006", "", "46", "", "Loi n° 2019-006, art. 46"};
const Expected kLoi2019Dated = {"loi", "2019-006", "2019-06-26", "", "", "Loi n° 2019-006 du 26 juin 2019"};

}  // namespace

TEST_CASE("find_citations reads articles", "[citation]") {
    check_rows({
        {"art. 46", {art("46")}},                   // abbreviated
        {"art 46", {art("46")}},                    // without the dot
        {"Art.46", {art("46")}},                    // without the space
        {"article 46", {art("46")}},                // in full
        {"ARTICLE 46", {art("46")}},                // in capitals
        {"l'article 46", {art("46")}},              // elided article
        {"l’Article 46", {art("46")}},              // typographic apostrophe
        {"articles 5 et 6", {art("5"), art("6")}},  // a list: one citation each
        {"articles 5, 6 et 7", {art("5"), art("6"), art("7")}},
        {"art. 5 et 6", {art("5"), art("6")}},                     // "art." may be plural
        {"articles 5 ou 6", {art("5"), art("6")}},                 // "ou" lists too
        {"l'article 5 et 6 communes", {art("5")}},                 // singular: no list
        {"art. 12 bis", {art("12 bis")}},                          // Latin ordinal
        {"article 12bis", {art("12 bis")}},                        //   glued to the number
        {"article 3 ter", {art("3 ter")}},                         // another ordinal
        {"article 1er", {art("1")}},                               // "1er" → "1"
        {"Article premier", {art("1")}},                           // "premier" → "1"
        {"article 12-1", {art("12-1")}},                           // inserted article
        {"art. L. 1115-1", {art("L. 1115-1")}},                    // French code article
        {"article L.1115-1", {art("L. 1115-1")}},                  //   without the space
        {"art. L1115-1", {art("L. 1115-1")}},                      //   glued
        {"article R. 2122-22", {art("R. 2122-22")}},               //   regulatory part
        {"alinéa 2 de l'article 8", {art("8", "2")}},              // paragraph first
        {"alinea 2 de l’article 8", {art("8", "2")}},              //   without accent, with ’
        {"al. 3 de l'article 8", {art("8", "3")}},                 //   abbreviated
        {"article 8 alinéa 2", {art("8", "2")}},                   // paragraph after
        {"article 8, al. 2", {art("8", "2")}},                     //   abbreviated, after a comma
        {"article 8, alinéa premier", {art("8", "1")}},            //   "premier" → "1"
        {"articles 5 et 6, alinéa 2", {art("5"), art("6", "2")}},  // the paragraph goes to the last
        {"articles 5 à 7", {art("5")}},                            // a range is not read
        {"art. 46\xFF", {art("46")}},                              // invalid UTF-8 is skipped
        {"l'article 5 a 3 alinéas", {art("5")}},                   // "a" is a verb, not a list word
        {"art. 46 al. 2", {art("46", "2")}},                       // article with its paragraph
        {"article 46 alinéa 2", {art("46", "2")}},                 //   in full
    });
}

TEST_CASE("find_citations reads acts", "[citation]") {
    const Expected loi2007 = {"loi", "2007-011", "2007-03-13", "", "", "Loi n° 2007-011 du 13 mars 2007"};
    const Expected decret = {"decret", "2020-001/PR", "", "", "", "Décret n° 2020-001/PR"};
    const Expected arrete = {"arrete", "802-53/A.P.", "", "", "", "Arrêté n° 802-53/A.P."};
    check_rows({
        {"loi 2019-006", {kLoi2019}},               // no number sign
        {"loi n° 2019-006", {kLoi2019}},            // the usual sign
        {"loi no 2019-006", {kLoi2019}},            // "no"
        {"loi no. 2019-006", {kLoi2019}},           // "no."
        {"loi N° 2019-006", {kLoi2019}},            // capital N
        {"loi nº 2019-006", {kLoi2019}},            // ordinal º
        {"loi n°2019-006", {kLoi2019}},             // glued
        {"loi nº2019-006", {kLoi2019}},             // glued º
        {"loi n ° 2019-006", {kLoi2019}},           // spaced
        {"loi\u00A0n°\u00A02019-006", {kLoi2019}},  // no-break spaces (French typography)
        {"LOI N° 2019-006", {kLoi2019}},            // capitals
        {"loi numéro 2019-006", {kLoi2019}},        // in words
        {"loi organique n° 2019-006", {kLoi2019}},  // qualifier dropped
        {"loi n° 2019‑006", {kLoi2019}},            // non-breaking hyphen
        {"loi n° 98-006", {{"loi", "98-006", "", "", "", "Loi n° 98-006"}}},
        {"loi 2019 006", {kLoi2019}},                                      // a space between year and number
        {"loi 2019/006", {kLoi2019}},                                      // a slash
        {"loi n° 2019/006", {kLoi2019}},                                   //   after the sign
        {"L 2019-006", {kLoi2019}},                                        // a capital L is a law
        {"L. 2019-006", {kLoi2019}},                                       //   abbreviated
        {"L.2019-006", {kLoi2019}},                                        //   glued
        {"L. 2019-006 du 26 juin 2019", {kLoi2019Dated}},                  //   dated
        {"loi 2019-6", {{"loi", "2019-6", "", "", "", "Loi n° 2019-6"}}},  // written as it is: act_key() meets it
        {"décret n° 2020/001/PR", {decret}},                               // a slash, then the issuer
        {"Loi n° 2019-006 du 26 juin 2019", {kLoi2019Dated}},
        {"loi n° 2007-011 du 13 mars 2007", {loi2007}},
        {"loi n° 2019-006 du 1er août 2019",
         {{"loi", "2019-006", "2019-08-01", "", "", "Loi n° 2019-006 du 1er août 2019"}}},
        {"loi n° 2019-006 du 1er aout 2019",
         {{"loi", "2019-006", "2019-08-01", "", "", "Loi n° 2019-006 du 1er août 2019"}}},
        {"loi n° 2019-006 du 26 JUIN 2019", {kLoi2019Dated}},  // month in capitals
        {"loi n° 2019-006 du 26/06/2019", {kLoi2019Dated}},    // numeric date
        {"loi n° 2019-006 du 26-06-2019", {kLoi2019Dated}},    //   with hyphens
        {"loi n° 2019-006 du 31 juin 2019", {kLoi2019}},       // no such day: date not read
        {"loi n° 2019-006 du 29 février 2019", {kLoi2019}},    // not a leap year
        {"décret n° 2020-001 du 29 février 2020",
         {{"decret", "2020-001", "2020-02-29", "", "", "Décret n° 2020-001 du 29 février 2020"}}},
        {"décret n° 2020-001/PR", {decret}},   // with the issuer
        {"DÉCRET N° 2020-001/PR.", {decret}},  // a sentence's final dot is not the suffix's
        {"decret 2020-001", {{"decret", "2020-001", "", "", "", "Décret n° 2020-001"}}},
        {"décret n° 12", {{"decret", "12", "", "", "", "Décret n° 12"}}},  // a bare number after n°
        {"ordonnance n° 2020-002", {{"ordonnance", "2020-002", "", "", "", "Ordonnance n° 2020-002"}}},
        {"arrêté n° 802-53/A.P.", {arrete}},  // the abbreviation keeps its dot
        {"arrete 802-53/A.P.", {arrete}},     // without accent
        {"arrêté interministériel n° 2021-015", {{"arrete", "2021-015", "", "", "", "Arrêté n° 2021-015"}}},
        {"la Constitution", {{"constitution", "", "", "", "", "Constitution"}}},
        {"la constitution togolaise", {{"constitution", "", "", "", "", "Constitution"}}},
        {"Vu la Constitution du 14 octobre 1992",
         {{"constitution", "", "1992-10-14", "", "", "Constitution du 14 octobre 1992"}}},
        {"Vu la loi n° 2007-011 du 13 mars 2007 et le décret n° 2020-001/PR", {loi2007, decret}},
    });
}

TEST_CASE("find_citations reads an article of an act as one citation", "[citation]") {
    const Expected art9 = {"loi", "2007-011", "2007-03-13", "9", "", "Loi n° 2007-011 du 13 mars 2007, art. 9"};
    const Expected art5 = {"loi", "2019-006", "", "5", "", "Loi n° 2019-006, art. 5"};
    const Expected art6 = {"loi", "2019-006", "", "6", "", "Loi n° 2019-006, art. 6"};
    const Expected art8al2 = {"loi", "2019-006", "", "8", "2", "Loi n° 2019-006, art. 8, al. 2"};
    const Expected const46 = {"constitution", "", "", "46", "", "Constitution, art. 46"};
    const Expected art2007 = {"loi", "2007-011", "", "9", "", "Loi n° 2007-011, art. 9"};
    check_rows({
        {"l'article 46 de la loi n° 2019-006", {kLoi2019Art46}},
        {"article 46 de la loi 2019-006", {kLoi2019Art46}},
        {"art. 9 de la loi n° 2007-011 du 13 mars 2007", {art9}},
        {"loi 2019-006 art. 46", {kLoi2019Art46}},      // act first
        {"loi 2019-006, article 46", {kLoi2019Art46}},  //   with a comma
        {"loi n° 2007-011 du 13 mars 2007, art. 9", {art9}},
        {"art 46 loi 2019-006", {kLoi2019Art46}},  // as typed in a query
        {"articles 5 et 6 de la loi n° 2019-006", {art5, art6}},
        {"loi 2019-006, articles 5 et 6", {art5, art6}},
        {"article 8 alinéa 2 de la loi n° 2019-006", {art8al2}},
        {"alinéa 2 de l'article 8 de la loi n° 2019-006", {art8al2}},
        {"article 3 du décret n° 2020-001/PR",
         {{"decret", "2020-001/PR", "", "3", "", "Décret n° 2020-001/PR, art. 3"}}},
        {"article 4 de l'arrêté n° 802-53/A.P.",
         {{"arrete", "802-53/A.P.", "", "4", "", "Arrêté n° 802-53/A.P., art. 4"}}},
        {"article 2 de l’ordonnance n° 2020-002",
         {{"ordonnance", "2020-002", "", "2", "", "Ordonnance n° 2020-002, art. 2"}}},
        {"article 46 de la Constitution", {const46}},
        {"art. 46 de la constitution", {const46}},  // lower case after an article
        {"Constitution, art. 46", {const46}},       // act first
        {"constitution art 46", {const46}},         //   as typed in a query
        {"loi 2007 011 art 9", {art2007}},          // the number with a space, then the article: one reading
        {"loi 2007-011, art. 9", {art2007}},        //   with a comma
        {"art 9 loi 2007-011", {art2007}},          // the article before the law
        {"art 9 loi 2007 011", {art2007}},          //   with a space in the number
        {"L. 2007-011, art. 9", {art2007}},         // a capital L, then the article
        {"article 9 de la L. 2007-011", {art2007}},
        {"Conformément à l'article 46 de la loi n° 2019-006 du 26 juin 2019 portant décentralisation",
         {{"loi", "2019-006", "2019-06-26", "46", "", "Loi n° 2019-006 du 26 juin 2019, art. 46"}}},
        {"l'article 46 de la loi sur l'eau", {art("46")}},            // an act with no number is not read
        {"l'article 46 de la présente loi", {art("46")}},             // nor an act named by "présente"
        {"loi 2019-006. Article 46", {kLoi2019, art("46")}},          // a sentence ends between them
        {"loi 2019-006\nArticle 46", {kLoi2019, art("46")}},          // a line ends between them
        {"article 46\n\nde la loi 2019-006", {art("46"), kLoi2019}},  // a blank line ends a citation
    });
}

TEST_CASE("find_citations rejects what is not a citation", "[citation]") {
    check_rows({
        {"", {}},
        {"l'art de la coopération", {}},                  // "art" is a word
        {"l'art de la cooperation", {}},                  //   without accent
        {"article", {}},                                  // no number
        {"art", {}},                                      //   nor alone
        {"art.", {}},                                     //   nor abbreviated
        {"cet article", {}},                              //   nor with a determiner
        {"les articles", {}},                             //   nor plural
        {"articles de presse", {}},                       //   nor in a noun phrase
        {"Article premier ministre", {}},                 // the Prime Minister, not article 1
        {"article premier ministre", {}},                 //   lower case
        {"alinéa 2", {}},                                 // a paragraph of no article
        {"l'article 123456", {}},                         // an amount, not an article
        {"2019", {}},                                     // a number alone
        {"2019-006", {}},                                 //   an act number without its act
        {"n° 12", {}},                                    // a number sign but no act
        {"numero 12", {}},                                //   in words
        {"numéro 12", {}},                                //   with the accent
        {"loi", {}},                                      // an act word alone
        {"la loi sur l'eau", {}},                         // an act with no number
        {"la loi 2 fois", {}},                            // a bare number needs n°
        {"décret 12", {}},                                //   for a decree too
        {"loi 2019", {}},                                 //   even a year
        {"partenariat 2019-2024", {}},                    // a period
        {"90 12 34 56", {}},                              // a phone number
        {"26 juin 2019", {}},                             // a date alone
        {"du 26 juin 2019", {}},                          //   even after "du"
        {"la constitution d'un comité de jumelage", {}},  // "constitution": setting up
        {"la Constitution du bureau", {}},                //   of a committee's board
        {"constitution des comités", {}},                 //   of committees
        {"Constitution de la commission", {}},            //   a capital C is not enough
        {"une constitution", {}},                         // neither capital C nor "la"
        {"type:loi 2019-006", {}},                        // a query filter
        {"2019 2020", {}},                                // two numbers alone
        {"2019 006", {}},                                 //   even a year and a number
        {"2019/006", {}},                                 //   or with a slash
        {"la loi 2019 12 fois", {}},                      // a space form needs 3 or 4 digits
        {"loi 12/03/2019", {}},                           // a date, not a slash form
        {"L 1115-1", {}},                                 // a code article without an article word
        {"L. 2122-22", {}},                               //   no year before the hyphen
        {"l 2019-006", {}},                               // a law's L is a capital
        {"loi 2019\n006", {}},                            // the space form stays on one line
    });
}

TEST_CASE("find_citations gives the byte span of each citation", "[citation]") {
    struct SpanRow {
        std::string in;
        std::vector<std::string> spans;  // text[begin, end) of each citation
    };
    const SpanRow rows[] = {
        {"Conformément à l'article 46 de la loi n° 2019-006, la commune", {"l'article 46 de la loi n° 2019-006"}},
        {"articles 5 et 6 de la loi n° 2019-006 ;", {"articles 5", "6 de la loi n° 2019-006"}},
        {"Vu le décret n° 2020-001/PR. Le maire", {"décret n° 2020-001/PR"}},
        {"l’arrêté n° 802-53/A.P. du maire", {"arrêté n° 802-53/A.P."}},
        {"La Loi n° 2019-006 du 26 juin 2019 portant", {"Loi n° 2019-006 du 26 juin 2019"}},
        {"loi 2019-006, article 46.", {"loi 2019-006, article 46"}},
        {"(alinéa 2 de l'article 8)", {"alinéa 2 de l'article 8"}},
        {"Vu la Constitution ; vu l'art. 12 bis", {"Constitution", "l'art. 12 bis"}},
    };
    for (const SpanRow& r : rows) {
        INFO(r.in);
        std::vector<std::string> got;
        for (const Citation& c : find_citations(r.in)) {
            REQUIRE(c.begin <= c.end);
            REQUIRE(c.end <= r.in.size());
            got.push_back(r.in.substr(c.begin, c.end - c.begin));
        }
        CHECK(got == r.spans);
    }
}

TEST_CASE("read_query separates citations from the other words", "[citation]") {
    struct QueryRow {
        std::string query;
        std::vector<std::string> labels;
        std::string rest;
    };
    const QueryRow rows[] = {
        {"art 46 rapport annuel", {"art. 46"}, "rapport annuel"},
        {"loi 2019-006", {"Loi n° 2019-006"}, ""},
        {"cooperation decentralisee", {}, "cooperation decentralisee"},       // unchanged
        {"  eau  potable ", {}, "eau  potable"},                              // trimmed only
        {"rapport sur la loi 2019-006", {"Loi n° 2019-006"}, "rapport sur"},  // determiner dropped
        {"la Constitution", {"Constitution"}, ""},
        {"l'article 46 jumelage", {"art. 46"}, "jumelage"},    // no stray "l'"
        {"articles 5 et 6 eau", {"art. 5", "art. 6"}, "eau"},  // the list's "et" goes too
        {"eau, loi 2019-006, assainissement", {"Loi n° 2019-006"}, "eau assainissement"},
        {"art 46 de la loi 2019-006 commune:\"Kloto 1\"", {"Loi n° 2019-006, art. 46"}, "commune:\"Kloto 1\""},
        {"type:loi 2019-006", {}, "type:loi 2019-006"},  // a filter, not a citation
        {"-art. 46 eau", {"art. 46"}, "- eau"},          // operators are not read
        {"art 5 et loi 2019-006", {"art. 5", "Loi n° 2019-006"}, ""},
        {"art 5 OR art 6", {"art. 5", "art. 6"}, "OR"},          // the OR operator stays
        {"article 46 alinéa 2 eau", {"art. 46, al. 2"}, "eau"},  // the paragraph is no word of the rest
        {"loi 2007 011 art 9", {"Loi n° 2007-011, art. 9"}, ""},
        {"2019-006", {}, "2019-006"},  // a bare number: only when accepted (below)
    };
    for (const QueryRow& r : rows) {
        INFO(r.query);
        auto reading = read_query(r.query);
        std::vector<std::string> labels;
        for (const Citation& c : reading.citations) labels.push_back(c.label());
        CHECK(labels == r.labels);
        CHECK(reading.rest == r.rest);
    }
}

TEST_CASE("Citation::label writes each part once", "[citation]") {
    Citation c;
    CHECK(c.label() == "");
    c.article = "12 bis";
    c.paragraph = "1";
    CHECK(c.label() == "art. 12 bis, al. 1");
    c.act_kind = "arrete";
    c.act_number = "802-53/A.P.";
    c.act_date = "2019-01-01";
    CHECK(c.label() == "Arrêté n° 802-53/A.P. du 1er janvier 2019, art. 12 bis, al. 1");
    c.act_kind = "autre";  // an unknown kind is written as it is
    c.article.clear();
    c.act_date = "hier";  // so is a date that is not ISO
    CHECK(c.label() == "autre n° 802-53/A.P. du hier");
}

TEST_CASE("read_query offers bare act numbers and every citation to accept", "[citation]") {
    struct Row {
        std::string query;
        bool accept_all;                  // accept every candidate, or none
        std::vector<std::string> labels;  // the citations kept
        std::string rest;
    };
    const Row rows[] = {
        {"2019-006", true, {"n° 2019-006"}, ""},  // a bare act number, accepted
        {"2019-006", false, {}, "2019-006"},      //   refused: words again
        {"n° 2019-006 rapport", true, {"n° 2019-006"}, "rapport"},
        {"2019-006, art. 46", true, {"n° 2019-006, art. 46"}, ""},      // with its article
        {"partenariat 2019-2024", false, {}, "partenariat 2019-2024"},  // a period names no act
        {"2019 2020", true, {}, "2019 2020"},                           // never a candidate
        {"26-06-2019", true, {}, "26-06-2019"},                         //   nor a date
        {"loi 2019 006 eau", false, {}, "loi 2019 006 eau"},            // a refused citation stays as words
        {"loi 2019 006 eau", true, {"Loi n° 2019-006"}, "eau"},
    };
    for (const Row& r : rows) {
        INFO(r.query << (r.accept_all ? " (all accepted)" : " (none accepted)"));
        size_t offered = 0;
        auto reading = read_query(r.query, [&](const Citation&) {
            ++offered;
            return r.accept_all;
        });
        std::vector<std::string> labels;
        for (const Citation& c : reading.citations) labels.push_back(c.label());
        CHECK(labels == r.labels);
        CHECK(reading.rest == r.rest);
        if (r.accept_all) CHECK(offered == labels.size());  // once per candidate
    }
    // Without `accept`, no bare number is read, in a query as in a text.
    CHECK(read_query("2019-006").citations.empty());
    CHECK(find_citations("2019-006").empty());
}

TEST_CASE("act_key makes every way of writing an act number meet", "[citation]") {
    using coopdec::citation::act_key;
    const std::pair<std::string, std::string> rows[] = {
        {"2019-006", "2019-6"},
        {"2019-6", "2019-6"},
        {"2019/006", "2019-6"},
        {"2019 006", "2019-6"},
        {"98-006", "98-6"},
        {"2020-001/PR", "2020-1/pr"},
        {"802-53/A.P.", "802-53/a.p."},
        {"000", "0"},
        {"2019-000", "2019-0"},
        {"12", "12"},
        {"2019-6", "2019-6"},
        {"ABC-1", "abc-1"},
        {"", ""},
    };
    for (const auto& [in, key] : rows) {
        INFO(in);
        CHECK(act_key(in) == key);
        CHECK(act_key(act_key(in)) == key);  // idempotent
    }
}
