// @brief Spelling suggestions from the index's own words, for « Essayez avec : … ».
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace coopdec {

// A correction of `folded_word` (a folded, unprefixed term): among the
// index's words that start with the same letter, the one at the smallest
// edit distance (at most 1 for words of up to 4 letters, 2 beyond;
// transpositions count 1), the most frequent on ties. Returns "" when the
// word is in the index, is a number, or nothing is close enough.
// Reads the lexicon only; suggestions can therefore never lead to a word
// that no document contains.
std::string suggest_spelling(const Xapian::Database& db, std::string_view folded_word);

// Edit distance with adjacent transpositions, or `limit + 1` as soon as it
// is known to exceed `limit`.
size_t edit_distance(std::string_view a, std::string_view b, size_t limit);

}  // namespace coopdec
