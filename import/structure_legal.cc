// @brief Agreements (convention) and legal texts (loi): "Article",
// "TITRE", "CHAPITRE" and "Section" headings, and the hierarchy of a law.
//
// An article heading is a strict pattern (keyword, number, then nothing, a
// separator, or — upper levels only — a heading in capitals), so unlike a
// study heading it need not start a paragraph: the article before may end on
// a list item with no final period. « Article 5 de la loi » is not a heading.
// What follows the separator is the article's heading only when it is short
// (100 characters), has no final punctuation and is not continued on the
// next line; otherwise it is the start of the article's text (« Article 2 :
// Les collectivités territoriales sont… », the usual Togolese layout). For
// the upper levels it is always their heading.
#include <optional>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "import/model.h"
#include "import/structure.h"
#include "import/structure_flow.h"

namespace coopdec::import {

namespace {

using namespace flow;
using Kind = Division::Kind;

// The heading keywords, as printed, and the word shown in num.
struct Keyword {
    std::string_view printed;
    Kind kind;
    std::string_view shown;
};
constexpr Keyword kKeywords[] = {
    {"Article", Kind::article, "Article"},    // Article 1er
    {"ARTICLE", Kind::article, "Article"},    // ARTICLE 2 :
    {"Art.", Kind::article, "Article"},       // Art. 3 –
    {"ART.", Kind::article, "Article"},       // ART. 3
    {"Titre", Kind::title, "Titre"},          // Titre II
    {"TITRE", Kind::title, "Titre"},          // TITRE PREMIER
    {"Chapitre", Kind::chapter, "Chapitre"},  // Chapitre 1er
    {"CHAPITRE", Kind::chapter, "Chapitre"},  // CHAPITRE II
    {"Section", Kind::section, "Section"},    // Section 1 : heading
    {"SECTION", Kind::section, "Section"},    // SECTION 2
};

// Words standing for a number, and the number used in identifiers.
struct NumberWord {
    std::string_view printed;
    std::string_view number;
};
constexpr NumberWord kNumberWords[] = {
    {"1er", "1"},                      // Article 1er
    {"1ER", "1"},                      // ARTICLE 1ER
    {"1ère", "1"},                     // Section 1ère
    {"1re", "1"},                      // Section 1re
    {"Ier", "1"},                      // Titre Ier
    {"IER", "1"},                      // TITRE IER
    {"premier", "1"},                  // Article premier
    {"Premier", "1"},                  // Titre Premier
    {"PREMIER", "1"},                  // TITRE PREMIER
    {"première", "1"},                 // Section première
    {"Première", "1"},                 // Section Première
    {"PREMIÈRE", "1"},                 // SECTION PREMIÈRE
    {"unique", "unique"},              // Article unique
    {"Unique", "unique"},              // Article Unique
    {"UNIQUE", "unique"},              // ARTICLE UNIQUE
    {"préliminaire", "preliminaire"},  // Titre préliminaire
    {"PRÉLIMINAIRE", "preliminaire"},  // TITRE PRÉLIMINAIRE
};

// Latin suffixes of inserted articles: "Article 4 bis", "Article 4bis".
constexpr std::string_view kSuffixes[] = {"bis",     "ter",    "quater", "quinquies", "sexies",
                                          "septies", "octies", "nonies", "decies"};

bool is_separator(char32_t c) { return c == ':' || c == '.' || c == '-' || c == 0x2013 || c == 0x2014; }

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// `s` from code point position `pos` on, and the code point there.
char32_t peek(std::string_view s, std::size_t pos, std::size_t* next = nullptr) {
    std::size_t p = pos;
    char32_t c = p < s.size() ? utf8::decode(s, p) : 0;
    if (next) *next = p;
    return c;
}

struct Parsed {
    Kind kind;
    std::string num, number, rest;
};

// The legal heading at the start of `s`: kind, num ("Article 4 bis"),
// number ("4bis") and the rest of the line after the separator.
std::optional<Parsed> parse(std::string_view s) {
    for (const Keyword& k : kKeywords) {
        if (s.substr(0, k.printed.size()) != k.printed) continue;
        std::string_view r = s.substr(k.printed.size());
        if (k.printed.back() != '.' && (r.empty() || r[0] != ' ')) return std::nullopt;  // "Articles"
        r = trim(r);
        // The number: letters and digits, and "-N" after a digit ("5-1").
        std::size_t end = 0, next = 0;
        for (char32_t c = peek(r, 0, &next); is_letter(c) || is_digit(c) || c == '-'; c = peek(r, end, &next)) {
            if (c == '-' && !(end > 0 && is_digit(static_cast<unsigned char>(r[end - 1])) &&
                              is_digit(static_cast<unsigned char>(peek(r, next)))))
                break;
            end = next;
        }
        std::string_view token = r.substr(0, end);
        std::size_t digits = 0;
        while (digits < token.size() && is_digit(static_cast<unsigned char>(token[digits]))) ++digits;
        std::string number, suffix;
        std::string_view tail = token.substr(digits);
        if (digits > 0 && digits <= 4) {
            number = std::to_string(std::stoi(std::string(token.substr(0, digits))));
            if (!tail.empty() && tail[0] == '-') number += std::string(tail), tail = {};
            for (std::string_view sfx : kSuffixes)
                if (ascii_lower(tail) == sfx) suffix = std::string(sfx), tail = {};
        }
        for (const NumberWord& w : kNumberWords)
            if (token == w.printed) number = std::string(w.number), tail = {};
        if (number.empty())
            if (int roman = roman_value(token); roman > 0) number = std::to_string(roman), tail = {};
        if (number.empty() || !tail.empty()) continue;
        std::string num = std::string(k.shown) + " " + std::string(token.substr(0, token.size() - suffix.size()));
        r = trim(r.substr(end));
        if (suffix.empty()) {
            std::string_view word = r.substr(0, r.find(' '));
            while (!word.empty() && is_separator(static_cast<unsigned char>(word.back()))) word.remove_suffix(1);
            for (std::string_view sfx : kSuffixes)
                if (ascii_lower(word) == sfx) suffix = std::string(sfx), r = trim(r.substr(word.size()));
        }
        if (!suffix.empty()) number += suffix, num += " " + suffix;
        // Then nothing, a separator and the rest, or (upper levels) a heading in capitals.
        bool separated = false;
        for (std::size_t after = 0; !r.empty();) {
            char32_t c = peek(r, 0, &after);
            if (!is_separator(c) && c != ' ') break;
            separated = separated || c != ' ';
            r.remove_prefix(after);
        }
        if (!r.empty() && !separated && (k.kind == Kind::article || has_lower(r))) return std::nullopt;
        return Parsed{k.kind, num, number, std::string(r)};
    }
    return std::nullopt;
}

bool ends_with_punctuation(std::string_view s) {
    char32_t c = last_char(s);
    return c == '.' || c == ';' || c == ',' || c == ':' || c == '!' || c == '?' || c == 0x2026;
}

bool short_title(std::string_view s) { return length(s) <= 100 && !ends_with_punctuation(s); }

std::optional<Heading> find_legal_heading(const At& at) {
    const std::vector<Layout::Line>& lines = at.lines;
    std::optional<Parsed> p = parse(lines[at.i].text);
    if (!p) return std::nullopt;
    bool article = p->kind == Kind::article;
    Heading h;
    h.kind = static_cast<int>(p->kind);
    h.num = p->num;
    h.number = p->number;
    h.line = lines[at.i].line;
    if (!p->rest.empty()) {
        if (!article || (short_title(p->rest) && !at.continued()))
            h.title = p->rest;
        else
            h.rest = p->rest;
    } else if (at.i + 1 < lines.size()) {
        const std::string& next = lines[at.i + 1].text;
        if (short_title(next) && is_upper(first_char(next)) && !parse(next) && !at.continued(1)) {
            h.title = next;
            h.lines = 2;
        }
    }
    // A heading in capitals of an upper level may wrap onto a second line in capitals.
    std::size_t k = at.i + h.lines;
    if (!article && !h.title.empty() && !has_lower(h.title) && k < lines.size() && !has_lower(lines[k].text) &&
        letters(lines[k].text) >= 2 && length(lines[k].text) <= 100 && !parse(lines[k].text)) {
        h.title += " " + lines[k].text;
        ++h.lines;
    }
    return h;
}

const char* kind_name(Kind kind) {
    switch (kind) {
        case Kind::title:
            return "titre";
        case Kind::chapter:
            return "chapitre";
        case Kind::section:
            return "section";
        case Kind::article:
            return "article";
    }
    return "";
}

Division division(const Heading& h) {
    return Division{static_cast<Kind>(h.kind), h.num, h.number, h.title, h.line, {}, {}};
}

// Articles out of order often mean a heading was not recognised.
void check_order(const Division& previous, const Division& article, std::vector<std::string>& messages) {
    auto value = [](const std::string& n) {
        std::size_t d = 0;
        while (d < n.size() && is_digit(static_cast<unsigned char>(n[d]))) ++d;
        return d == 0 ? -1 : std::stoi(n.substr(0, d));
    };
    int a = value(previous.number), b = value(article.number);
    if (a >= 0 && b >= 0 && b != a && b != a + 1)
        messages.push_back("ligne " + std::to_string(article.line) + " : « " + article.num + " » après « " +
                           previous.num + " » (un titre d’article n’a-t-il pas été reconnu ?)");
}

void no_article() {
    throw ImportError(
        "aucun article reconnu : le texte doit avoir des titres d’article en début de ligne "
        "(« Article 1 », « Article premier : Objet », « ARTICLE 2 : »…)");
}

void defer_notes(std::vector<Division>& divisions) {
    for (Division& d : divisions) {
        defer_uncalled_notes(d.blocks);
        defer_notes(d.children);
    }
}

}  // namespace

Agreement recognise_agreement(std::string_view text, const StructureOptions& options) {
    Flow read = flow::read(text, options, find_legal_heading, "l’article");
    Agreement out;
    out.messages = std::move(read.messages);
    for (Item& item : read.items) {
        if (!item.is_heading) {
            (out.articles.empty() ? out.preamble : out.articles.back().blocks).push_back(std::move(item.block));
            continue;
        }
        const Heading& h = item.heading;
        if (static_cast<Kind>(h.kind) != Kind::article) {
            out.messages.push_back("ligne " + std::to_string(h.line) + " : « " + h.num +
                                   (h.title.empty() ? "" : " – " + h.title) + " » ignoré (une convention n’a pas de " +
                                   kind_name(static_cast<Kind>(h.kind)) + ")");
            continue;
        }
        Division article = division(h);
        if (!out.articles.empty()) check_order(out.articles.back(), article, out.messages);
        out.articles.push_back(std::move(article));
    }
    if (out.articles.empty()) no_article();
    defer_uncalled_notes(out.preamble);
    defer_notes(out.articles);
    return out;
}

Law recognise_law(std::string_view text, const StructureOptions& options) {
    Flow read = flow::read(text, options, find_legal_heading, "l’article");
    Law out;
    out.messages = std::move(read.messages);
    // The open divisions, outermost first. Each is the last child of the one
    // before (or of the body), and a division is only added to the innermost
    // one, so these pointers stay valid while they are on the stack.
    std::vector<Division*> open;
    Division* current = nullptr;           // where text goes
    std::optional<Division> last_article;  // its heading only
    for (Item& item : read.items) {
        if (!item.is_heading) {
            (current ? current->blocks : out.preamble).push_back(std::move(item.block));
            continue;
        }
        Division d = division(item.heading);
        while (!open.empty() && open.back()->kind >= d.kind) open.pop_back();
        if (d.kind == Kind::article) {
            if (last_article) check_order(*last_article, d, out.messages);
            last_article = division(item.heading);
        }
        std::vector<Division>& siblings = open.empty() ? out.body : open.back()->children;
        siblings.push_back(std::move(d));
        current = &siblings.back();
        if (current->kind != Kind::article) open.push_back(current);
    }
    if (!last_article) no_article();
    defer_uncalled_notes(out.preamble);
    defer_notes(out.body);
    return out;
}

}  // namespace coopdec::import
