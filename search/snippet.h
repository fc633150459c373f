// @brief Highlighted extracts of a unit's text around the words a query matched.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/analysis.h"

namespace coopdec {

// What a snippet highlights: folded words, stems (of `lang`) and prefixes.
struct Highlight {
    std::set<std::string> words, stems, prefixes;
};

// Whether `token`, a word of a text in `lang`, is one to highlight: its
// folded form is one of highlight.words, or (not a stop word) its stem one
// of highlight.stems, or it starts with one of highlight.prefixes.
bool is_highlighted(const analysis::Token& token, const Highlight& highlight, std::string_view lang);

// is_highlighted() of each of `tokens` (as tokenize() gives them for one
// text in `lang`), in order: 1 for a word to highlight, 0 otherwise.
std::vector<char> highlighted(const std::vector<analysis::Token>& tokens, const Highlight& highlight,
                              std::string_view lang);

// Returns an HTML fragment: the window of about `max_words` words of `text`
// holding the most matches, every piece of text escaped with html_escape,
// matches wrapped in <mark>…</mark>, "…" where the text was cut.
// With no match, the start of the text. `text` is UTF-8; the snippet never
// cuts inside a character.
std::string make_snippet(std::string_view text, const Highlight& highlight, std::string_view lang,
                         size_t max_words = 20);

// Marks the words of `highlight` in an HTML fragment coopdec produced
// (well-formed, text already escaped): only text outside tags is touched,
// never an entity, and each match is wrapped in <mark>. With nothing to
// highlight, returns `html` unchanged.
std::string highlight_html(std::string_view html, const Highlight& highlight, std::string_view lang);

}  // namespace coopdec
