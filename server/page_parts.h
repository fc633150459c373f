// @brief Pieces shared by several pages: a document's meta line, its
// partnership links, French labels of facet values.
#pragma once

#include <string>
#include <vector>

#include "search/search.h"

namespace coopdec::pages {

// "Convention · Document de démonstration · Kloto 1 · partenaire : … · 2 mai 1991"
std::string meta_line(const ResultDocument& d);

// On a document's own page, where its header already gives type and date:
// "Type : <a>Convention</a> · Kloto 1 · partenaire : Bressuire (FR)".
std::string place_line(const ResultDocument& d);

// "Partenariat : <a href=…>title</a>", or "" when there is none.
std::string partnership_links(const ResultDocument& d);

// The French label shown for a facet value: types, countries (ISO 3166-1),
// languages (ISO 639-1), roles; the value itself otherwise.
std::string value_label(const std::string& facet, const std::string& value);

// At most `max` characters of `s` (UTF-8, never cut inside a character),
// with "…" when it was cut.
std::string shorten(const std::string& s, size_t max);

// The lines of `text` that hold more than spaces and tabs, in order, each
// without its line end (LF, or CRLF): a note's or a quotation's paragraphs,
// one a line, as the HTML page and the OpenDocument export both lay them.
std::vector<std::string> non_blank_lines(const std::string& text);

// The French label of a document type ("convention" → "Convention").
std::string type_label(const std::string& type);

std::string year_of(const std::string& date);

// "2019-06-26" → "26 juin 2019" ("1er" for the first day), "2019-06" →
// "juin 2019", "2019" → "2019"; other forms as they are.
std::string french_date(const std::string& iso);

// Today's date, "2026-12-07", in the server's local time zone: the date a
// handout is dated, and the day « en vigueur aujourd'hui » is read at.
std::string today_iso();

}  // namespace coopdec::pages
