// @brief The query language: words (all required), "exact phrases", OR,
// -exclusion, prefix*, field:value — read with the same analysis as the
// documents (common/analysis.h).
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace coopdec {

struct ParsedQuery {
    // The positive text part; Xapian::Query() (empty) when it has no words.
    Xapian::Query query;
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

// Parses `text`. `langs` are the languages of the index (stems of every one
// are searched, so that an English act is found by its English stems).
// Never throws on user input: unbalanced quotes close at the end, a field
// that is not a facet is read as words, stray operators are ignored.
// Fields accepted: the facet names of common/schema.h and their French
// spellings (pays, partenariat, theme/thème, annee/année, langue, role/rôle,
// region/région, prefecture/préfecture).
// With `synonyms`, a word or phrase of a synonym group (outside quotes)
// also matches the group's other terms.
ParsedQuery parse_query(std::string_view text, const std::vector<std::string>& langs,
                        const Synonyms* synonyms = nullptr);

// Longest prefix* expansion, so that `a*` cannot expand to the whole lexicon.
inline constexpr Xapian::termcount kMaxWildcardExpansion = 200;

}  // namespace coopdec
