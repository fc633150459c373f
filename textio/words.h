// @brief How the repair cuts text into words: whitespace-separated tokens,
// their punctuation peeled off, and the parts of elided and hyphenated words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace coopdec::textio {

// A token: a maximal run of characters other than ASCII whitespace, and its
// core, the token without the punctuation around it (« (savoir-faireé) » has
// the core « savoir-faireé »). Offsets are byte offsets into the text.
struct Token {
    std::size_t begin, end;            // the token
    std::size_t core_begin, core_end;  // its core; empty when only punctuation
};
std::vector<Token> tokens(std::string_view text);

// Peels the punctuation that may surround a word: ASCII punctuation except
// the apostrophe and the hyphen inside, and « » “ ” … – —. Returns the core
// as offsets into word.
std::pair<std::size_t, std::size_t> word_core(std::string_view word);

// The parts of a word for a dictionary: the word itself, and when it holds
// apostrophes or hyphens, its elided prefix (« l' ») and the parts between
// hyphens. Used to fill the corpus vocabulary.
std::vector<std::string> word_parts(std::string_view word);

// True when word is made of digits, with separators . , - / between digit
// groups (« 2019-006 », « 1.1 », « 12,5 »), optionally followed by « ° »
// (« 20° », « 1° ») or an ordinal suffix (« 1er », « 2e », « 3ème »).
bool is_number(std::string_view word);

}  // namespace coopdec::textio
