// @brief Reading French legal citations ("l'article 46 de la loi n° 2019-006",
// "décret n° 2020-001/PR", "art. L. 1115-1") in documents and in queries:
// one parser, shared by the indexer and the query side.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace coopdec::citation {

// The grammar, over the words of analysis::tokenize() (folded, so case,
// accents, ' or ’ do not matter; "n°", "nº", "no" before a number are not
// words). "|" and "/" separate alternatives, [x] is optional, {x} repeats, quoted
// strings are folded words, and ~ ~ is what may stand between two words
// (spaces always may, except that a blank line ends a citation):
//
//   citation   = article-ref [~,~ act-link act]   -- art. 9 de la loi n° 2007-011
//              | act [~,~ article-ref]            -- loi 2019-006, article 46 (on
//                                                 -- one line)
//   article-ref= ARTICLE ~.~ article-no {list-word article-no} [paragraph]
//              | PARAGRAPH ~.~ number "de" ~l'~ "article" article-no
//   ARTICLE    = "article" / "articles" / "art"   -- a list only after a plural
//                                                 -- ("articles", "art.")
//   list-word  = ~,~ / ~,~ "et" / ~,~ "ou"         -- "5, 6 et 7"; not "à"
//   paragraph  = ~,~ PARAGRAPH ~.~ number         -- article 8, alinéa 2
//   PARAGRAPH  = "alinea" / "alineas" / "al" / "paragraphe"
//   article-no = DIGITS ["bis"/"ter"/…/"decies"]  -- 46, 12 bis, 12bis, 12-1;
//                                                 -- at most 4 digits before "-"
//              | "1er" / "premier"                -- not "premier ministre"
//              | CODE ~.~ DIGITS                  -- L. 1115-1, R.1115-2, LO 141
//   CODE       = L / R / D / A / LO, written in capitals
//   act-link   = "de" ["la"] / "du" / nothing     -- "de l'ordonnance": l' is
//                                                 -- elided, not a word
//   act        = KIND [QUALIFIER] [NUMERO] ~n°~ ACT-NO [SUFFIX] [date]
//              | L ~.~ YEAR-NO [SUFFIX] [date]    -- L 2019-006, L. 2019-006: a law
//              | "constitution" [date]            -- see "Constitution" below
//              | YEAR-NO [SUFFIX] [date], in a query only (read_query()
//                with `accept`): a bare act number, "2019-006" alone
//   L          = the letter L written in capitals -- after an article word it
//                                                 -- is a code's: art. L. 1115-1
//   KIND       = "loi" / "decret" / "ordonnance" / "arrete"
//   QUALIFIER  = "organique" / "ministeriel" / "interministeriel" /
//                "prefectoral" / "municipal" / "communal" / "presidentiel"
//   NUMERO     = "numero" / "num"
//   ACT-NO     = DIGITS "-" DIGITS {"-" DIGITS}   -- 2019-006, 98-006, 802-53, 2019-6
//              | YEAR "/" 1 to 4 DIGITS           -- 2019/006, 98/006
//              | YEAR4 " " 3 or 4 DIGITS          -- 2019 006 (a space only, on
//                                                 -- one line)
//              | DIGITS, only after n°, no or NUMERO
//   YEAR-NO    = YEAR "-" 1 to 4 DIGITS           -- 2019-006, 98-6; not 26-06-2019
//   YEAR       = YEAR4 / two digits;  YEAR4 = 1900 … 2099
//   SUFFIX     = "/" ASCII letters, digits, ".", "-", "/", right after the
//                number (PR, A.P.)
//   date       = "du" DAY MONTH YEAR / "du" DD/MM/YYYY / "du" DD-MM-YYYY
//   DAY        = 1..31 / "1er" / "premier";  MONTH = "janvier" … "decembre"
//
// "Constitution" is an act when it is the act of an article ("article 46 de
// la constitution"), when an article follows it ("Constitution, art. 46"), or
// when it is written with a capital C or after "la" and is not followed by
// "de", "des", "d'" or by "du" that is not a date: "la constitution d'un
// comité" (the setting up of a committee) is not a citation, "Vu la
// Constitution du 14 octobre 1992" is.
//
// Not citations: a number with no "article"/act word before it ("n° 12",
// "2019", "partenariat 2019-2024", "26 juin 2019", and "2019-006" itself
// outside a query), two numbers alone ("2019 2020", "2019/006"), a capital L
// before a number that is no year-number ("L. 1115-1" alone), an article word with no
// number ("cet article", "articles de presse", "l'art de la coopération"),
// an act with no number ("la loi sur l'eau", "de la présente loi"), a
// paragraph with no article ("alinéa 2"), "article premier ministre".
// Ranges ("articles 5 à 7") are not read: only "article 5" is.
//
// In a search (search/query_citations.h), a citation is read only when it
// names something in the index (a bare number: an act of that number); its
// words are then no required words of the query: the search matches the
// cited provision and what cites it. Other words narrow what cites it, never
// the provision: "art. 46 eau" gives article 46, then the documents citing
// it that speak of water. A citation naming nothing here stays words.
//
// Normalisation of the fields:
//  - act_kind: the folded KIND ("decret", "arrete"), qualifiers dropped;
//  - act_kind: "loi" for L; "" for a bare number;
//  - act_number: digit groups joined by "-" (any hyphen, "/" or space
//    between the two groups of a YEAR "/" or YEAR4 " " form), as written
//    otherwise ("2019-6" stays "2019-6": act_key() makes forms meet), then the SUFFIX as
//    written, with its final "." dropped unless it has another "." ("PR." →
//    "PR", "A.P." kept);
//  - act_date: ISO "YYYY-MM-DD", only for a valid calendar day;
//  - article: "1er"/"premier" → "1"; "12bis" → "12 bis"; code articles as
//    "L. 1115-1";
//  - paragraph: the number, "1er"/"premier" → "1".

// One citation of a legal text or one of its articles.
struct Citation {
    std::string act_kind;       // "loi", "decret", "ordonnance", "arrete", "constitution"; "" for an article alone
    std::string act_number;     // "2019-006", "2020-001/PR", "802-53/A.P."; "" when none (constitution, article alone)
    std::string act_date;       // "2019-06-26" when written ("du 26 juin 2019"), else ""
    std::string article;        // "46", "12 bis", "L. 1115-1", "1"; "" when only an act is named
    std::string paragraph;      // "2" for "alinéa 2", else ""
    size_t begin = 0, end = 0;  // byte offsets of the whole citation in the input

    // The reading shown to users, in French: "Loi n° 2019-006, art. 46",
    // "Loi n° 2019-006 du 26 juin 2019", "art. 8, al. 2", "Décret n° 2020-001/PR",
    // "Constitution, art. 46"; a bare number: "n° 2019-006".
    std::string label() const;

    bool operator==(const Citation&) const = default;
};

// Every citation in `text` (UTF-8), in text order, not overlapping.
//  - [begin, end) spans the whole citation: the article word (with an elided
//    "l'" or "d'" glued to it) or the act word, to the last number, suffix or
//    date. A determiner before it ("la loi") is not part of it.
//  - "articles 5 et 6 de la loi n° 2019-006" gives two citations, each with
//    the act: the first spans "articles 5", the last "6 de la loi n° 2019-006"
//    (each later one begins at its own number); a paragraph goes to the last.
//  - A citation never starts right after ":" ("type:loi 2019-006" is a query
//    filter, not a citation).
// Invalid UTF-8 is skipped as analysis::tokenize() does. Pure; thread-safe.
std::vector<Citation> find_citations(std::string_view text);

// The same over a search query, where a bare act number ("2019-006",
// "L 2019-006") is a candidate citation too: what read_query() offers to
// its `accept`. Pure; thread-safe.
std::vector<Citation> find_query_citations(std::string_view query);

// The key under which an act number is indexed (XACT, XCITE) and looked up,
// so that every way of writing one number meets: folded, digit groups
// without leading zeros joined by "-" ("-", "/" or a space between them),
// then the rest as it is: "2019-006", "2019-6", "2019/006", "2019 006" →
// "2019-6"; "2020-001/PR" → "2020-1/pr"; "000" → "0". A number that does
// not start with a digit is only folded. Idempotent. Pure; thread-safe.
std::string act_key(std::string_view number);

// What a search query says: its citations and the rest.
struct QueryReading {
    std::vector<Citation> citations;  // as find_citations(query)
    std::string rest;                 // the query without its citations
};

// Reads a search query. Without `accept`, its citations are those of
// find_citations(). With `accept`, bare act numbers ("2019-006" alone) are
// candidates too, and each candidate is offered to `accept` once, in text
// order: those it refuses (say, that name nothing in the index) are not
// citations and stay in `rest` as words.
// `rest` is the query with each citation cut out: the
// pieces around them, trimmed of spaces (and of commas next to a citation),
// joined by one space. Dropped with the citations: a determiner right before
// one ("la", "le", "les": "la Constitution" leaves nothing) and the list
// words between two of them (only commas, "et", "ou"). Query operators are
// not interpreted: "-art. 46" leaves "-", '"art 46"' leaves '""'. With no
// citation, `rest` is the query trimmed of spaces. Pure; thread-safe.
QueryReading read_query(std::string_view query, const std::function<bool(const Citation&)>& accept = nullptr);

}  // namespace coopdec::citation
