// @brief French words from Debian's word list (wfrench), folded: a word
// typed in a query that French has is never taken for a misspelling, even
// when the corpus never uses it (« puits » is not « puis »).
#pragma once

#include <string_view>

namespace coopdec {

// Where Debian's wfrench package puts its word list.
inline constexpr const char* kFrenchWords = "/usr/share/dict/french";

// True when `folded_word` (analysis::fold()ed: no accents, lower case) is
// the folded form of a word of the list. The list is read once per process,
// on first use (about 4 MB, 0.1 s): only a query with a word the index does
// not know asks. Without the file, every word is unknown.
// Thread-safe.
bool is_french_word(std::string_view folded_word);

}  // namespace coopdec
