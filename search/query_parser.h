// @brief The query language: words, "exact phrases", +required words, OR,
// -exclusion, prefix*, field:value, names of places, countries and partners
// — read with the same analysis as the documents (common/analysis.h).
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "search/names.h"

namespace coopdec {

// One thing the query asks for: a word, a phrase, an OR group, a prefix, a
// synonym group, a name. A document "holds every word" when it matches
// every clause; partial matching (search/search.cc) ranks the others by the
// clauses they match.
struct Clause {
    Xapian::Query query;
    std::string text;       // as the user typed it, for « ne contient pas : … »
    bool required = false;  // +word or "phrase": never dropped by partial matching
};

// A name of the query read as facet values (search/names.h): « belges » →
// country BE; an ambiguous name has several readings.
struct NameReading {
    std::string text;  // as typed
    std::vector<NamedValue> values;
};

struct ParsedQuery {
    // The positive text part: every clause required (AND); Xapian::Query()
    // (empty) when it has no words.
    Xapian::Query query;
    // The clauses `query` ANDs, in query order.
    std::vector<Clause> clauses;
    // The names recognised in the query, in query order.
    std::vector<NameReading> names;
    // What `-word` and `-"phrase"` exclude, ORed; empty when nothing is.
    // Exclusion is by document: the caller removes every document in which
    // this matches anywhere, not only the units where it matches.
    Xapian::Query exclusion;
    // Facet filters written in the query (`type:convention`): facet name →
    // values, to be combined with the request's own filters.
    std::map<std::string, std::vector<std::string>> filters;
    // What to highlight: folded words, their stems and prefixes.
    std::set<std::string> words, stems, prefixes;
    // Positive words in order, for a spelling suggestion.
    std::vector<std::string> plain_words;
    // Synonyms and acronyms the search was widened with, as the synonyms
    // file writes them ("jumelage", "collectivité territoriale").
    std::vector<std::string> expansions;
};

class Synonyms;
class Names;

// Parses `text`. `langs` are the languages of the index (stems of every one
// are searched, so that an English act is found by its English stems).
// Never throws on user input: unbalanced quotes close at the end, a field
// that is not a facet is read as words, stray operators are ignored.
// Fields accepted: the facet names of common/schema.h and their French
// spellings (pays, partenariat, theme/thème, annee/année, langue, role/rôle,
// region/région, prefecture/préfecture).
// With `synonyms`, a word or phrase of a synonym group (outside quotes)
// also matches the group's other terms. With `names`, a name of a place,
// country or partner (outside quotes) also matches the documents that carry
// the facet values it stands for (their weight: kNameWeight), whether their
// text says it or not. `+word` makes a word required (so does a phrase).
// With `phrases_in`, every phrase (quoted, "article 46", the words before a
// prefix: its folded words, at least two) is what phrases_in->phrase makes
// of it — for the search, whole_document_phrase() (search/whole_phrase.h),
// as document units keep no positions of their units' words; without, a
// plain OP_PHRASE.
struct PhraseScope {
    std::function<Xapian::Query(const std::vector<std::string>& terms)> phrase;
};
ParsedQuery parse_query(std::string_view text, const std::vector<std::string>& langs,
                        const Synonyms* synonyms = nullptr, const Names* names = nullptr,
                        const PhraseScope* phrases_in = nullptr);

// The weight a document gets from carrying a name's facet value: about what a
// matching word of average rarity gives under BM25.
inline constexpr double kNameWeight = 4.0;

// Longest prefix* expansion, so that `a*` cannot expand to the whole lexicon.
inline constexpr Xapian::termcount kMaxWildcardExpansion = 200;

}  // namespace coopdec
