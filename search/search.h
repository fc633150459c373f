// @brief The search: a validated request in, a result struct out — no HTTP,
// no rendering. Shared by coopdec-search and coopdec-server.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/index.h"

namespace coopdec {

inline constexpr size_t kDefaultFacetValues = 100;
inline constexpr size_t kMaxFacetValues = 100000;

struct SearchRequest {
    std::string query;  // in the query language of search/query_parser.h; "" lists everything
    // Facet name (schema::kFacets) → values. Values of one facet are ORed,
    // facets are ANDed. "year" values are exact years.
    std::map<std::string, std::vector<std::string>> filters;
    std::optional<int> year_from, year_to;  // inclusive
    size_t page = 1;       // 1-based
    size_t per_page = 10;  // 1..kMaxPerPage
    enum class Sort { relevance, date_desc, date_asc } sort = Sort::relevance;
    size_t passages = 3;   // best units shown per document
    std::string within;    // a document id: search inside that document only ("" = everywhere)
    // Values listed per facet, the most frequent first; 0 lists them all.
    // Every value is counted all the same, and a selected value is always
    // listed. A facet of partnerships can have thousands of values: listing
    // them all would make the answer heavy and slow for nothing.
    size_t facet_values = kDefaultFacetValues;
};

inline constexpr size_t kMaxPerPage = 100;
inline constexpr size_t kMaxQueryBytes = 2000;

// One turn of a transcript: an utterance unit as stored (plain text).
struct Turn {
    std::string anchor, who, speaker, role, text;  // who: the participant id (search/transcript.h)
};

struct Passage {
    std::string anchor, kind, label, path, speaker, role;
    std::string url;
    std::string snippet;  // HTML: escaped text with <mark> around matches
    // An utterance's neighbouring turns, when add_turn_context() (search/
    // transcript.h) was called: the HTML pages only, not the JSON answer.
    std::optional<Turn> before{}, after{};
};

struct PartnershipRef {
    std::string id, title, url;
};

struct ResultDocument {
    std::string id, type, title, url, date, partner, notice;
    bool demo = false;
    std::vector<std::string> communes;
    std::vector<PartnershipRef> partnerships;
    std::vector<Passage> passages;
};

struct FacetCount {
    std::string value;
    std::string label;  // partnerships: the record's title; types: French label; else = value
    size_t count = 0;
    bool selected = false;
};

struct FacetResult {
    std::string name, label;
    std::vector<FacetCount> values;  // by count, then value (years: newest first)
    size_t omitted = 0;              // values counted but not listed (SearchRequest::facet_values)
};

// What removing one active filter would give, when nothing was found.
struct Relaxation {
    std::string facet, value;
    size_t total = 0;
};

// How the query was read when it cites a provision present in the index
// (« Interprété comme : Loi n° 2019-006 du 26 juin 2019, art. 46 »).
struct Reading {
    std::string label, url;
};

struct SearchResult {
    std::string query;
    size_t total = 0;  // matching documents (not units), exact
    size_t page = 1, per_page = 10;
    std::vector<ResultDocument> results;
    std::vector<FacetResult> facets;
    // Synonyms and acronyms the search was widened with (« résultats incluant : … »).
    std::vector<std::string> expansions;
    // When nothing was found: the query with its words corrected from the
    // index's lexicon ("" when no word needed it), and the total without
    // each active filter.
    std::string suggestion;
    std::vector<Relaxation> relaxations;
    // The provisions the query cites; their documents lead the results
    // (when relevance orders them), the provision first among the passages.
    std::vector<Reading> reading;
    // What the reading could not find as cited, in French (« la loi n°
    // 2007-011 n'a pas d'article 120 dans ce corpus »): the text is in `reading`.
    std::vector<std::string> reading_notices;
};

class Synonyms;
class SearchCache;

// A request the index cannot answer as asked (unknown facet, value, bad
// range): a French message for the user.
struct SearchError {
    std::string message;
};

// A remote shard that could not be reached or read (Index::open()): the
// index is there, a machine of it is not — for now.
struct ShardUnreachable : SearchError {};

// Checks `request` against the index: known facets, values present in the
// index, sane paging. Returns the first problem, or nothing.
std::optional<SearchError> validate(const Xapian::Database& db, const SearchRequest& request);

// Runs the search, on every shard of `index`. Counts are exact: every
// match is visited, or was when `cache` (may be null; thread-safe, shared by
// the server's workers) took them for this revision of the index (an index
// with a remote shard has no revision to key them by: nothing is cached). A facet with a selection is counted
// without its own selection (its values combine with OR), with every other
// facet's applied (AND). `synonyms` (may be null) widens the query. Throws
// SearchError for an invalid request; Xapian::Error for index failures.
// `index` is used by this thread only for the call.
SearchResult search(const Index& index, const SearchRequest& request, const Synonyms* synonyms = nullptr,
                    SearchCache* cache = nullptr);

}  // namespace coopdec
