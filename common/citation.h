// @brief Reading French legal citations ("l'article 46 de la loi n° 2019-006",
// "décret n° 2020-001/PR", "art. L. 1115-1") in documents and in queries:
// one parser, shared by the indexer and the query side.
#pragma once

#include <cstddef>
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
//              | "constitution" [date]            -- see "Constitution" below
//   KIND       = "loi" / "decret" / "ordonnance" / "arrete"
//   QUALIFIER  = "organique" / "ministeriel" / "interministeriel" /
//                "prefectoral" / "municipal" / "communal" / "presidentiel"
//   NUMERO     = "numero" / "num"
//   ACT-NO     = DIGITS "-" DIGITS {"-" DIGITS}   -- 2019-006, 98-006, 802-53
//              | DIGITS, only after n°, no or NUMERO
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
// "2019", "partenariat 2019-2024", "26 juin 2019"), an article word with no
// number ("cet article", "articles de presse", "l'art de la coopération"),
// an act with no number ("la loi sur l'eau", "de la présente loi"), a
// paragraph with no article ("alinéa 2"), "article premier ministre".
// Ranges ("articles 5 à 7") are not read: only "article 5" is.
//
// Normalisation of the fields:
//  - act_kind: the folded KIND ("decret", "arrete"), qualifiers dropped;
//  - act_number: digit groups joined by "-" (any hyphen), then the SUFFIX as
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
    // "Constitution, art. 46".
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

// What a search query says: its citations and the rest.
struct QueryReading {
    std::vector<Citation> citations;  // as find_citations(query)
    std::string rest;                 // the query without its citations
};

// Reads a search query. `rest` is the query with each citation cut out: the
// pieces around them, trimmed of spaces (and of commas next to a citation),
// joined by one space. Dropped with the citations: a determiner right before
// one ("la", "le", "les": "la Constitution" leaves nothing) and the list
// words between two of them (only commas, "et", "ou"). Query operators are
// not interpreted: "-art. 46" leaves "-", '"art 46"' leaves '""'. With no
// citation, `rest` is the query trimmed of spaces. Pure; thread-safe.
QueryReading read_query(std::string_view query);

}  // namespace coopdec::citation
