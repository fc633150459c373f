// @brief Studies (etude): section headings, and "1.1" nested in "1".
//
// A heading must start a paragraph and, in wrapped text, must not be followed
// by a lowercase line: a short capitalised line in the middle of a sentence
// (« GIZ » alone after « mis en œuvre par la ») or a wrapped line that
// happens to start with a number (« 5 Régions, 39 Préfectures et 117
// communes ») is body text. A numbered line after a line ending with ":"
// is a list item (« suivants :\n1. Renforcer les capacités »).
#include <optional>
#include <string>
#include <utility>

#include "import/model.h"
#include "import/structure.h"
#include "import/structure_flow.h"

namespace coopdec::import {

namespace {

using namespace flow;

// A title may not end like a sentence or a list item.
bool ends_like_text(std::string_view s) {
    char32_t c = last_char(s);
    return c == '.' || c == ',' || c == ';';
}

// A title in capitals is written with a capital and then lowercase.
std::string title_case(std::string_view title) {
    return !has_lower(title) && letters(title) >= 2 ? sentence_case(title) : std::string(title);
}

// "1.1 Title", "2 Title", "3. Title": (num without final dot, title).
std::optional<std::pair<std::string, std::string>> numbered_heading(std::string_view s) {
    std::string num;
    std::size_t pos = 0;
    for (;;) {
        std::size_t d = 0;
        while (pos + d < s.size() && is_digit(static_cast<unsigned char>(s[pos + d]))) ++d;
        if (d == 0 || d > 2) return std::nullopt;
        num += s.substr(pos, d);
        pos += d;
        if (pos < s.size() && s[pos] == '.') {
            ++pos;
            if (pos < s.size() && is_digit(static_cast<unsigned char>(s[pos]))) {
                num += '.';
                continue;
            }
        }
        break;
    }
    if (pos >= s.size() || s[pos] != ' ' || num[0] == '0') return std::nullopt;
    std::string_view title = trim(s.substr(pos));
    if (title.empty() || !is_upper(first_char(title)) || ends_like_text(title)) return std::nullopt;
    return std::make_pair(num, std::string(title));
}

// "INTRODUCTION", "II. RÉSULTATS", "IV – CONCLUSION": (roman num or "", title).
std::optional<std::pair<std::string, std::string>> capitals(std::string_view s) {
    if (length(s) > 100 || letters(s) < 2 || has_lower(s) || ends_like_text(s)) return std::nullopt;
    if (!is_upper(first_char(s)) && !is_digit(first_char(s))) return std::nullopt;
    std::vector<std::string_view> w = words(s);
    if (w.size() >= 2) {
        std::string_view first = w[0];
        bool marked = !first.empty() && (first.back() == '.' || first.back() == ')');
        if (marked) first.remove_suffix(1);
        std::size_t skip = 1;
        if (!marked && (w[1] == "-" || w[1] == "–" || w[1] == "—")) marked = true, skip = 2;
        if (marked && roman_value(first) > 0 && w.size() > skip) {
            std::size_t from = w[skip].data() - s.data();
            return std::make_pair(std::string(first), std::string(s.substr(from)));
        }
    }
    return std::make_pair(std::string(), std::string(s));
}

std::optional<Heading> find_study_heading(const At& at) {
    if (!at.at_start || at.continued()) return std::nullopt;
    const Layout::Line& line = at.lines[at.i];
    if (length(line.text) > 120) return std::nullopt;
    // After a colon, "1. Renforcer les capacités" is a list item, not a heading.
    bool after_colon = at.i > 0 && last_char(at.lines[at.i - 1].text) == ':';
    auto found = after_colon ? std::nullopt : numbered_heading(line.text);
    if (!found) found = capitals(line.text);
    if (!found) return std::nullopt;
    Heading h;
    h.num = found->first;
    h.number = found->first;
    h.title = title_case(found->second);
    h.printed = found->second;
    h.line = line.line;
    return h;
}

// "1" is a parent of "1.1" and "1.1.2"; "1" is not a parent of "11.1".
bool is_parent(const std::string& parent, const std::string& num) {
    return !parent.empty() && num.size() > parent.size() && num.compare(0, parent.size(), parent) == 0 &&
           num[parent.size()] == '.';
}

StudySection tree(std::vector<StudySection>& flat, const std::vector<std::vector<std::size_t>>& children,
                  std::size_t k) {
    StudySection s = std::move(flat[k]);
    defer_uncalled_notes(s.blocks);
    for (std::size_t c : children[k]) s.sections.push_back(tree(flat, children, c));
    return s;
}

}  // namespace

Study recognise_study(std::string_view text, std::string_view document_title, const StructureOptions& options) {
    Flow read = flow::read(text, options, find_study_heading, "la section");
    Study out;
    out.messages = std::move(read.messages);

    // Sections in reading order, each with its parent (or none), then the tree.
    std::vector<StudySection> flat;
    std::vector<std::ptrdiff_t> parent;
    std::vector<std::size_t> open;  // numbered sections a later number may nest in
    for (Item& item : read.items) {
        if (item.is_heading) {
            const Heading& h = item.heading;
            bool arabic = !h.num.empty() && is_digit(static_cast<unsigned char>(h.num[0]));
            while (!open.empty() && !(arabic && is_parent(flat[open.back()].num, h.num))) open.pop_back();
            parent.push_back(open.empty() ? -1 : static_cast<std::ptrdiff_t>(open.back()));
            flat.push_back(StudySection{h.num, h.title, h.line, {}, {}});
            // Lowercasing capitals also lowercases proper nouns (« AU TOGO » → « au togo »).
            if (h.title != h.printed && h.title.find(' ') != std::string::npos)
                out.messages.push_back("ligne " + std::to_string(h.line) + " : titre en capitales « " + h.printed +
                                       " » écrit « " + h.title + " » (vérifier les noms propres)");
            if (arabic) open.push_back(flat.size() - 1);
            continue;
        }
        if (flat.empty()) {
            flat.push_back(StudySection{"", std::string(document_title), 0, {}, {}});
            parent.push_back(-1);
        }
        flat.back().blocks.push_back(std::move(item.block));
    }
    if (flat.empty()) throw ImportError("texte vide : ni titre ni paragraphe à écrire");
    std::vector<std::vector<std::size_t>> children(flat.size());
    std::vector<std::size_t> roots;
    for (std::size_t k = 0; k < flat.size(); ++k) (parent[k] < 0 ? roots : children[parent[k]]).push_back(k);
    for (std::size_t k : roots) out.sections.push_back(tree(flat, children, k));
    return out;
}

}  // namespace coopdec::import
