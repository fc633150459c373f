// @brief The search: a validated request in, a result struct out — no HTTP,
// no rendering. Shared by coopdec-search and coopdec-server.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "search/index.h"
#include "search/query_parser.h"

namespace coopdec {

inline constexpr size_t kDefaultFacetValues = 100;
inline constexpr size_t kMaxFacetValues = 100000;

struct SearchRequest {
    std::string query;  // in the query language of search/query_parser.h; "" lists everything
    // Facet name (schema::kFacets) → values. Values of one facet are ORed,
    // facets are ANDed. "year" values are exact years.
    std::map<std::string, std::vector<std::string>> filters;
    std::optional<int> year_from, year_to;  // inclusive
    size_t page = 1;                        // 1-based
    size_t per_page = 10;                   // 1..kMaxPerPage
    enum class Sort { relevance, date_desc, date_asc } sort = Sort::relevance;
    size_t passages = 3;  // best units shown per document
    // A document id: search inside that document only ("" = everywhere).
    // Then every matching passage of it is listed, `per_page` at a time
    // (page, per_page page the passages; `passages` is not used), best first.
    std::string within;
    // Values listed per facet, the most frequent first; 0 lists them all.
    // Every value is counted all the same, and a selected value is always
    // listed. A facet of partnerships can have thousands of values: listing
    // them all would make the answer heavy and slow for nothing.
    size_t facet_values = kDefaultFacetValues;
    // Only the documents that hold every word (« tous les mots »), as
    // opposed to partial matching (see search()).
    bool all_words = false;
    // A query whose words match no document as typed may be answered by its
    // spelling correction (SearchResult::corrected_from); false: never.
    bool correct_spelling = true;
    // A filter value that no document has is read as the value(s) it names
    // (search/filter_names.h: « Kpalimé » → Kloto 1). One that names nothing
    // fails the search (SearchError naming the closest values), or, when
    // this is set (the HTML pages), is left out and reported in
    // SearchResult::filter_readings so that the search is not lost.
    bool drop_unknown_values = false;
};

// Partial matching lists the documents holding only some of the words while
// fewer than this many hold them all. Beyond, they would come after the
// hundredth result: they are not counted, which keeps the count of a common
// query as cheap as with every word required.
inline constexpr size_t kPartialBelow = 100;

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
    // Partial matches: the clauses of the query (as typed) the document
    // does not hold, « ne contient pas : potable ». Empty when it holds all.
    std::vector<std::string> missing;
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

// A filter value typed as a name, not as a value of its facet: what it
// was read as (`values`), or, when it names nothing and was left out, the
// facet's closest values (`closest`). Pairs are (value, label).
struct FilterReading {
    std::string facet, typed;
    std::vector<std::pair<std::string, std::string>> values;
    std::vector<std::pair<std::string, std::string>> closest;
};

// How the query was read when it cites a provision present in the index
// (« Interprété comme : Loi n° 2019-006 du 26 juin 2019, art. 46 »).
struct Reading {
    std::string label, url;
};

struct SearchResult {
    std::string query;  // the query searched: the correction when corrected_from is set
    size_t total = 0;   // matching documents (not units), exact: those listed, partial matches included
    // Of `total`, the documents that hold every word (every clause of the
    // query); total - complete hold only some. Equal to total when the search
    // is not partial (browsing, one word, all_words, or kPartialBelow reached).
    size_t complete = 0;
    size_t page = 1, per_page = 10;
    // Searching inside one document (SearchRequest::within): its title, and
    // the number of its matching passages, which `page` and `per_page` page.
    bool within = false;
    std::string within_title;
    size_t within_passages = 0;
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
    // Names of places, countries and partners the query was read as.
    std::vector<NameReading> names;
    // The atlas's pages (communes, partners, partner countries) the query
    // names (search/atlas_names.h): « Dans l'atlas ». Empty inside one document.
    std::vector<atlas::Link> atlas;
    // When the query as typed found no document holding every word and its
    // spelling correction did: the query as typed ("" otherwise); `query` is
    // then the correction, and `suggestion` empty.
    std::string corrected_from;
    // The filter values read as names or left out (SearchRequest::drop_unknown_values).
    std::vector<FilterReading> filter_readings;
    // What the reading could not find as cited, in French (« la loi n°
    // 2007-011 n'a pas d'article 120 dans ce corpus »): the text is in `reading`.
    std::vector<std::string> reading_notices;
};

class Synonyms;
class SearchCache;

// A request the index cannot answer as asked (unknown facet, value, bad
// range), said twice in French:
// - `message`, precise, may name the request's parameters (year_from,
//   partnership…): for the JSON API, exports and the command line, whose
//   users write those names;
// - `user_message`, in the words of someone who typed in the search box and
//   clicked: no parameter name; for the HTML pages ("" → `message`, which
//   then names none).
// `parameter`: the request's parameter at fault ("" when the problem is not
// one parameter's), so that a page can offer the same search without it.
struct SearchError {
    SearchError(std::string message_, std::string user_message_ = {}, std::string parameter_ = {})
        : message(std::move(message_)), user_message(std::move(user_message_)), parameter(std::move(parameter_)) {}

    std::string message;
    std::string user_message;
    std::string parameter;

    const std::string& for_user() const { return user_message.empty() ? message : user_message; }
};

// A remote shard that could not be reached or read (Index::open()): the
// index is there, a machine of it is not — for now.
struct ShardUnreachable : SearchError {};

// An index that holds no committed run (Index::open()): a database with no
// document and no schema version, as a first indexing killed before its
// commit leaves it. `user_message` is kIndexEmpty; `message` names the index.
struct IndexEmpty : SearchError {};
inline constexpr const char* kIndexEmpty = "index vide : aucune indexation terminée";

// Checks `request` against the index: known facets, values present in the
// index, sane paging. Returns the first problem, or nothing.
std::optional<SearchError> validate(const Xapian::Database& db, const SearchRequest& request);

// Runs the search, on every shard of `index`.
//
// Ranking: documents that hold every clause of the query (word, phrase, OR
// group, name…) come first, by BM25 (a document by its best unit); then,
// unless `all_words`, the documents that hold some of them,
// by how many clauses they hold, then how rare those are (idf), then BM25 —
// each with the clauses it lacks (ResultDocument::missing). Required clauses
// (+word, "phrase") are in every result. Partial matches are listed only
// while fewer than kPartialBelow documents hold every clause.
//
// Counts are exact: every
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
