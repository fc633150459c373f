// @brief Private to import/structure*.cc: the reading engine shared by the
// recognisers (lines → headings and paragraphs, footnotes placed) and the
// small UTF-8 text helpers they need.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/structure.h"

namespace coopdec::import::flow {

// ---- Text helpers (French letters: ASCII, Latin-1, Latin Extended-A) ----

// The first / last code point of `s`, 0 when empty.
char32_t first_char(std::string_view s);
char32_t last_char(std::string_view s);
bool is_upper(char32_t c);
bool is_lower(char32_t c);
bool is_letter(char32_t c);
bool is_digit(char32_t c);
// Code points in `s`.
std::size_t length(std::string_view s);
// Whether `s` has a lowercase letter; how many letters it has.
bool has_lower(std::string_view s);
std::size_t letters(std::string_view s);
// "LA COOPÉRATION AU TOGO" → "La coopération au togo": the first letter kept,
// every other letter lowercased.
std::string sentence_case(std::string_view s);
// Whether `s` ends like a paragraph may end: . : ! ? … or ».
bool ends_sentence(std::string_view s);
// The words of `s`, split on spaces.
std::vector<std::string_view> words(std::string_view s);
// `s` without spaces at either end.
std::string_view trim(std::string_view s);
// Roman numeral (I … MMMCMXCIX, uppercase) → its value, 0 if not one.
int roman_value(std::string_view s);

// ---- The engine ----

// A heading found by a recogniser at a line.
struct Heading {
    int kind = 0;        // the recogniser's own code
    std::string num;     // as the recogniser wants it shown
    std::string number;  // for identifiers
    std::string title;
    std::string printed;  // the title as printed, when `title` was rewritten
    std::string rest;     // text after the heading that starts the body ("R : Oui." → "Oui.")
    int line = 0;
    int lines = 1;  // body lines the heading takes (2 with a title on the next line)
};

// What a recogniser sees when asked whether a heading starts at lines[i].
struct At {
    const std::vector<Layout::Line>& lines;
    std::size_t i;
    bool at_start;  // lines[i] would start a paragraph
    bool lines_are_paragraphs;
    // The line after lines[i + k] starts with a lowercase letter (wrapped text
    // only: it continues a sentence); false at the end or with paragraph lines.
    bool continued(std::size_t k = 0) const;
};

using HeadingFinder = std::function<std::optional<Heading>(const At&)>;

// A heading or a block, in reading order.
struct Item {
    bool is_heading = false;
    Heading heading;
    Block block;
};

struct Flow {
    std::vector<Item> items;
    std::vector<std::string> messages;
};

// Reads the text: lay_out(), then headings (asked of `find` at each line) and
// paragraphs (rules in structure.cc), then note calls detached and footnotes
// placed. `unit` names, in messages, where an uncalled footnote goes ("la
// section", "l’article"...). Throws ImportError for a note call that is not
// found or has no footnote.
Flow read(std::string_view text, const StructureOptions& options, const HeadingFinder& find, std::string_view unit);

// Moves the notes placed without a confirmed call to the end of a unit's blocks.
void defer_uncalled_notes(std::vector<Block>& blocks);

// "3 paragraphes", "1 note" (French plural).
std::string count(std::size_t n, std::string_view singular, std::string_view plural);

}  // namespace coopdec::import::flow
