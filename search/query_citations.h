// @brief The legal citations of a search query, read against the index:
// what they name, what a search for them matches, and how that combines
// with the query's other words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "search/legal.h"
#include "search/query_parser.h"

namespace coopdec {

// A query's citations that name something in the index.
struct QueryCitations {
    std::vector<Provision> provisions;  // each one's provisions (read_citation()), in query order
    std::vector<std::string> notices;   // « la loi n° 2007-011 n'a pas d'article 120 dans ce corpus »
    // The query without those citations: the words to parse
    // (citation::read_query()). A citation that names nothing here stays
    // in it as words, and so does a bare act number ("2019-006") unless the
    // index holds an act with that number.
    std::string rest;
    Xapian::Query cited;    // the provisions' units and their texts' document units; empty when none
    Xapian::Query matches;  // citation_query() of each citation, ORed; empty when none
};

// Reads `query`'s citations against `db`. Throws what Xapian throws.
QueryCitations read_query_citations(const Xapian::Database& db, std::string_view query);

// The search's words: `rest_words` (the parsed rest, may be empty) with the
// citations. A legal advisor who cites a provision wants it, and what
// relies on it:
//  - no other word: the provisions and everything citing them;
//  - other words ("art. 46 eau"): the provisions always (they are what was
//    cited), and what cites them only where the other words are too (the
//    agreements that rely on art. 46 about water; a document that does not
//    cite it is not found, however much it speaks of water);
//  - no citation naming anything here: `rest_words` as they are.
Xapian::Query with_citations(const Xapian::Query& rest_words, const QueryCitations& cited);

// The citations as one clause of partial matching (search/partial.h): the
// provisions and what cites them, required, so that every result is or
// cites what was cited; the other words only rank them. Empty (no query)
// when no citation names anything here.
Clause citation_clause(const QueryCitations& cited);

}  // namespace coopdec
