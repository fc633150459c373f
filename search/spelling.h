// @brief Spelling suggestions from the index's own words and the names of
// places, countries and partners, for « Essayez avec : … » and « Résultats
// pour : … ».
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace coopdec {

class Names;

// A correction of `folded_word` (a folded, unprefixed term): among the
// index's words that start with the same letter and every name word of
// `names` (may be null), the one at the
// smallest edit distance (at most 1 for words of up to 4 letters, 2 beyond;
// transpositions count 1), the most frequent on ties. Never a stop word,
// never a number, and never a word rarer than `folded_word` itself (a name
// word the index does not hold counts as frequency 1). Returns "" when
// nothing qualifies. Accents do not matter: terms are folded.
// `distance`, when given, is set to the correction's edit distance.
std::string suggest_spelling(const Xapian::Database& db, std::string_view folded_word, const Names* names = nullptr,
                             size_t* distance = nullptr);

// True when `folded_word` is no misspelling: a word of the index, the French
// stem of one (so « jumelages » is known when « jumelage » is), a word of a
// name of `names`, or a French word (search/dictionary.h) the corpus may
// never use. Numbers are always known.
bool known_word(const Xapian::Database& db, std::string_view folded_word, const Names* names = nullptr);

// A query with its misspelt words corrected.
struct Correction {
    std::string text;        // "" when no word needed or found a correction
    bool confident = false;  // every change is one edit, or two in a word of 7 letters or more:
                             // sure enough to show its results in place of the query's
};

// `query` with each word that is not known_word() replaced by its
// suggest_spelling(), the rest of the text (operators, quotes, other words)
// as typed.
Correction corrected_query(const Xapian::Database& db, std::string_view query, const Names* names = nullptr);

// Edit distance with adjacent transpositions, or `limit + 1` as soon as it
// is known to exceed `limit`.
size_t edit_distance(std::string_view a, std::string_view b, size_t limit);

}  // namespace coopdec
