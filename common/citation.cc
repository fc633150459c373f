// @brief The citation parser: a recursive descent over the words of
// analysis::tokenize() (grammar, normalisation and contracts in citation.h).
#include "common/citation.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <string>

#include "common/analysis.h"
#include "common/utf8.h"

namespace coopdec::citation {
namespace {

using analysis::Token;

// Month names as fold() gives them, and as a label writes them.
constexpr std::string_view kMonths[] = {"janvier", "fevrier", "mars",      "avril",   "mai",      "juin",
                                        "juillet", "aout",    "septembre", "octobre", "novembre", "decembre"};
constexpr std::string_view kMonthLabels[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                             "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};

struct ActKind {
    std::string_view folded;  // the word, and Citation::act_kind
    std::string_view label;   // how Citation::label() writes it
};
constexpr ActKind kActKinds[] = {
    {"loi", "Loi"},                    // loi, loi organique
    {"decret", "Décret"},              // décret (présidentiel…)
    {"ordonnance", "Ordonnance"},      // ordonnance
    {"arrete", "Arrêté"},              // arrêté (ministériel, préfectoral, municipal…)
    {"constitution", "Constitution"},  // the Constitution: has no number
};

// Words between the act kind and its number that do not change the kind.
constexpr std::string_view kQualifiers[] = {"organique", "ministeriel", "interministeriel", "prefectoral",
                                            "municipal", "communal",    "presidentiel"};
// Latin ordinals inserting an article between two others: 12 bis, 12 ter…
constexpr std::string_view kLatinOrdinals[] = {"bis",     "ter",    "quater", "quinquies", "sexies",
                                               "septies", "octies", "nonies", "decies"};
// The letters of French code articles (législative, réglementaire…).
constexpr std::string_view kCodeLetters[] = {"L", "R", "D", "A", "LO"};

template <size_t N>
bool one_of(std::string_view word, const std::string_view (&list)[N]) {
    return std::ranges::find(list, word) != std::end(list);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool all_digits(std::string_view s) { return !s.empty() && std::ranges::all_of(s, is_digit); }

// "46", "1115-1", "2019-006": at least `min_groups` groups of digits joined
// by "-" (tokenize() has already made every hyphen between digits a "-").
bool is_digit_groups(std::string_view s, size_t min_groups) {
    size_t groups = 0;
    size_t start = 0;
    while (true) {
        size_t dash = s.find('-', start);
        if (!all_digits(s.substr(start, dash - start))) return false;
        ++groups;
        if (dash == std::string_view::npos) break;
        start = dash + 1;
    }
    return groups >= min_groups;
}

// A year an act number may begin with: "2019", "1998" (1900 to 2099).
bool is_year4(std::string_view s) {
    return s.size() == 4 && all_digits(s) && (s.starts_with("19") || s.starts_with("20"));
}
// The same, or two digits ("98-006").
bool is_year(std::string_view s) { return is_year4(s) || (s.size() == 2 && all_digits(s)); }

// "2019-006", "98-6", "2019-1461": exactly two groups, a year then 1 to 4
// digits; the form of a bare act number in a query and after a capital L.
bool is_year_number(std::string_view s) {
    size_t dash = s.find('-');
    if (dash == std::string_view::npos) return false;
    std::string_view number = s.substr(dash + 1);
    return is_year(s.substr(0, dash)) && all_digits(number) && number.size() <= 4;
}

// "YYYY-MM-DD", or "" when the day does not exist ("31 juin", "29 février 2019").
std::string iso_date(int day, int month, int year) {
    constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return {};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && day == 29 && !leap) return {};
    char buf[40];  // room for any int, as the compiler checks
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

// A day of the month, or 0: "26", "1er", "premier".
int day_number(std::string_view w) {
    if (w == "1er" || w == "premier") return 1;
    if (!all_digits(w) || w.size() > 2) return 0;
    return std::stoi(std::string(w));
}

bool is_space(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x00A0 || cp == 0x2007 || cp == 0x2009 ||
           cp == 0x202F;
}

// What may stand between two words of a citation (see "~ ~" in citation.h).
enum class Join {
    kWords,   // spaces, or an elided "l'"/"d'": "de la", "de l'article", "26 juin"
    kAbbrev,  // spaces and at most one ".": "art. 46", "L.1115-1"
    kNumber,  // as kAbbrev, or the number sign: "loi n° 2019-006", "loi no. 12"
    kList,    // spaces and at most one ",": "loi 2019-006, article 46"
    kSlash,   // "/" alone: "26/06/2019"
};

struct Number {  // an article number, normalised
    std::string value;
    size_t begin = 0, end = 0;  // bytes
    size_t next = 0;            // the first word after it
};

struct Articles {  // an article-ref of the grammar
    std::vector<Number> numbers;
    std::string paragraph;
    size_t begin = 0, end = 0, next = 0;
};

struct Act {
    std::string kind, number, date;
    size_t begin = 0, end = 0, next = 0;
    bool weak = false;  // "constitution" that is only an act when an article follows
};

struct Date {
    std::string iso;
    size_t end = 0, next = 0;
};

class Parser {
public:
    // `query`: a search query, where a bare act number ("2019-006") is a
    // candidate citation too (see read_query()).
    Parser(std::string_view text, bool query) : text_(text), words_(analysis::tokenize(text)), query_(query) {}

    std::vector<Citation> parse() {
        std::vector<Citation> out;
        size_t i = 0;
        while (i < words_.size()) {
            std::optional<size_t> next;
            if (!after_field(i)) next = citation_at(i, out);
            i = next ? *next : i + 1;
        }
        return out;
    }

private:
    bool has(size_t i) const { return i < words_.size(); }
    const std::string& term(size_t i) const { return words_[i].term; }
    std::string_view raw(size_t i) const { return text_.substr(words_[i].begin, words_[i].end - words_[i].begin); }

    // The text between byte `from` and word i, folded, without spaces; nullopt
    // when it holds a blank line (or any line break when `same_line`).
    std::optional<std::string> gap(size_t from, size_t i, bool same_line) const {
        std::string folded = analysis::fold(text_.substr(from, words_[i].begin - from));
        std::string out;
        int newlines = 0;
        size_t pos = 0;
        while (pos < folded.size()) {
            size_t start = pos;
            char32_t cp = utf8::decode(folded, pos);
            if (cp == '\n') ++newlines;
            if (!is_space(cp)) out.append(folded, start, pos - start);
        }
        if (newlines >= 2 || (same_line && newlines > 0)) return std::nullopt;
        return out;
    }

    // True when word i exists and what stands between byte `from` and it is
    // allowed by `join`.
    bool joined_from(size_t from, size_t i, Join join, bool same_line = false) const {
        if (!has(i) || words_[i].begin < from) return false;
        std::optional<std::string> g = gap(from, i, same_line);
        if (!g) return false;
        if (join == Join::kWords) return *g == "" || *g == "l'" || *g == "d'";
        if (join == Join::kAbbrev) return *g == "" || *g == ".";
        if (join == Join::kList) return *g == "" || *g == ",";
        if (join == Join::kSlash) return *g == "/";
        return *g == "" || *g == "." || *g == "n°" || *g == "n°." || *g == "no" || *g == "no.";  // kNumber
    }
    bool joined(size_t i, Join join, bool same_line = false) const {
        return i > 0 && joined_from(words_[i - 1].end, i, join, same_line);
    }
    bool is(size_t i, std::string_view word, Join join) const { return joined(i, join) && term(i) == word; }

    // Word i's begin, moved back over an elided "l'" or "d'" glued to it, so
    // that a query's rest keeps no stray "l'".
    size_t begin_with_elision(size_t i) const {
        size_t b = words_[i].begin;
        size_t apostrophe = 0;
        for (std::string_view a : {"'", "\u2019", "\u2018", "\u02BC"})
            if (b >= a.size() && text_.substr(b - a.size(), a.size()) == a) apostrophe = a.size();
        if (apostrophe == 0 || b < apostrophe + 1) return b;
        size_t letter = b - apostrophe - 1;
        char c = static_cast<char>(text_[letter] | 0x20);
        bool alone = letter == 0 || !std::isalpha(static_cast<unsigned char>(text_[letter - 1]));
        return (c == 'l' || c == 'd') && alone ? letter : b;
    }

    // "type:loi 2019-006" is a query's filter: no citation starts after ":".
    bool after_field(size_t i) const {
        size_t b = begin_with_elision(i);
        return b > 0 && text_[b - 1] == ':';
    }

    // article-no at word i.
    std::optional<Number> article_number(size_t i) const {
        if (!has(i)) return std::nullopt;
        const std::string& t = term(i);
        std::string_view r = raw(i);
        Number n{{}, words_[i].begin, words_[i].end, i + 1};
        if (one_of(r, kCodeLetters)) {  // "L. 1115-1": letter and number apart
            if (!joined(i + 1, Join::kAbbrev) || !is_digit_groups(term(i + 1), 1)) return std::nullopt;
            n.value = std::string(r) + ". " + term(i + 1);
            n.end = words_[i + 1].end;
            n.next = i + 2;
            return n;
        }
        size_t letters = r.find_first_of("0123456789");
        if (letters != std::string_view::npos && one_of(r.substr(0, letters), kCodeLetters) &&
            is_digit_groups(r.substr(letters), 1)) {  // "L1115-1"
            n.value = std::string(r.substr(0, letters)) + ". " + std::string(r.substr(letters));
            return n;
        }
        if (t == "1er" || t == "premier") {
            if (t == "premier" && has(i + 1) && term(i + 1) == "ministre") return std::nullopt;
            n.value = "1";
            return n;
        }
        size_t digits = std::ranges::find_if_not(t, [](char c) { return is_digit(c) || c == '-'; }) - t.begin();
        std::string_view number = std::string_view(t).substr(0, digits);
        // A first group of more than four digits is an amount, not an article.
        if (!is_digit_groups(number, 1) || std::min(number.find('-'), number.size()) > 4) return std::nullopt;
        std::string_view ordinal = std::string_view(t).substr(digits);
        if (!ordinal.empty() && !one_of(ordinal, kLatinOrdinals)) return std::nullopt;
        n.value = number;
        if (!ordinal.empty()) {  // "12bis"
            n.value += " " + std::string(ordinal);
        } else if (joined(i + 1, Join::kWords) && one_of(term(i + 1), kLatinOrdinals)) {  // "12 bis"
            n.value += " " + term(i + 1);
            n.end = words_[i + 1].end;
            n.next = i + 2;
        }
        return n;
    }

    static bool is_paragraph_word(std::string_view w) {
        return w == "alinea" || w == "alineas" || w == "al" || w == "paragraphe";
    }

    // PARAGRAPH ~.~ number, at word i; the number, or "".
    std::string paragraph_at(size_t i) const {
        if (!has(i) || !is_paragraph_word(term(i)) || !joined(i + 1, Join::kAbbrev)) return {};
        const std::string& n = term(i + 1);
        if (n == "1er" || n == "premier") return "1";
        if (!all_digits(n) || n.size() > 3 || std::stoi(n) == 0) return {};
        return std::to_string(std::stoi(n));
    }

    // article-ref, first form, at word i.
    std::optional<Articles> articles(size_t i) const {
        const std::string& t = term(i);
        if (t != "article" && t != "articles" && t != "art") return std::nullopt;
        if (!joined(i + 1, Join::kAbbrev)) return std::nullopt;
        std::optional<Number> first = article_number(i + 1);
        if (!first) return std::nullopt;
        Articles a;
        a.begin = begin_with_elision(i);
        a.numbers.push_back(*first);
        size_t j = first->next;
        // Lists only after a plural, so that "l'article 5 et 6 communes" is one
        // citation; "art." may be either.
        bool plural = t == "articles" || analysis::fold(raw(i)) == "art";
        while (plural && has(j)) {
            size_t k = j;
            if ((term(k) == "et" || term(k) == "ou") && joined(k, Join::kList)) {
                if (!joined(++k, Join::kWords)) break;
            } else if (gap(words_[k - 1].end, k, false) != ",") {
                break;
            }
            std::optional<Number> n = article_number(k);
            if (!n) break;
            a.numbers.push_back(*n);
            j = n->next;
        }
        a.end = words_[j - 1].end;
        if (std::string p = paragraph_at(j); !p.empty() && joined(j, Join::kList)) {
            a.paragraph = p;  // "article 8, alinéa 2"
            a.end = words_[j + 1].end;
            j += 2;
        }
        a.next = j;
        return a;
    }

    // article-ref, second form: "alinéa 2 de l'article 8", at word i.
    std::optional<Articles> paragraph_first(size_t i) const {
        std::string p = paragraph_at(i);
        if (p.empty() || !is(i + 2, "de", Join::kWords) || !is(i + 3, "article", Join::kWords) ||
            !joined(i + 4, Join::kAbbrev))
            return std::nullopt;
        std::optional<Number> n = article_number(i + 4);
        if (!n) return std::nullopt;
        return Articles{{*n}, p, words_[i].begin, n->end, n->next};
    }

    // "du" date, at word i.
    std::optional<Date> date(size_t from, size_t i) const {
        if (!joined_from(from, i, Join::kWords) || term(i) != "du" || !joined(i + 1, Join::kWords)) return std::nullopt;
        size_t d = i + 1;
        const std::string& t = term(d);
        auto make = [&](std::string_view day, std::string_view month, std::string_view year, size_t last) {
            std::optional<Date> out;
            if (!all_digits(year) || year.size() != 4) return out;
            std::string iso =
                iso_date(day_number(day), all_digits(month) && month.size() <= 2 ? std::stoi(std::string(month)) : 0,
                         std::stoi(std::string(year)));
            if (!iso.empty()) out = Date{iso, words_[last].end, last + 1};
            return out;
        };
        if (std::ranges::count(t, '-') == 2 && is_digit_groups(t, 3)) {  // "26-06-2019"
            size_t a = t.find('-'), b = t.find('-', a + 1);
            std::string_view v(t);
            return make(v.substr(0, a), v.substr(a + 1, b - a - 1), v.substr(b + 1), d);
        }
        if (joined(d + 1, Join::kSlash) && joined(d + 2, Join::kSlash))  // "26/06/2019"
            return make(t, term(d + 1), term(d + 2), d + 2);
        if (!joined(d + 1, Join::kWords) || !joined(d + 2, Join::kWords)) return std::nullopt;
        auto month = std::ranges::find(kMonths, term(d + 1));
        if (month == std::end(kMonths)) return std::nullopt;
        return make(t, std::to_string(month - std::begin(kMonths) + 1), term(d + 2), d + 2);
    }

    // act, at word i. `linked`: it is the act of an article before it.
    std::optional<Act> act(size_t i, bool linked) const {
        if (!has(i)) return std::nullopt;
        // "L. 2019-006": a capital L is a law, when a year-number follows it
        // (after an article word it is a code's: "art. L. 1115-1").
        if (raw(i) == "L") {
            if (!joined(i + 1, Join::kNumber) || !is_year_number(term(i + 1))) return std::nullopt;
            Act a{"loi", term(i + 1), {}, words_[i].begin, words_[i + 1].end, i + 2};
            finish_number(a, i + 1);
            return a;
        }
        auto kind = std::ranges::find(kActKinds, std::string_view(term(i)), &ActKind::folded);
        if (kind == std::end(kActKinds)) return std::nullopt;
        Act a{std::string(kind->folded), {}, {}, words_[i].begin, words_[i].end, i + 1};
        if (a.kind == "constitution") return constitution(a, linked);
        size_t j = i + 1;
        if (joined(j, Join::kWords) && one_of(term(j), kQualifiers)) ++j;  // "loi organique"
        bool sign = false;
        if (joined(j, Join::kWords) && (term(j) == "numero" || term(j) == "num")) {
            sign = true;
            ++j;
        }
        if (!joined(j, sign ? Join::kAbbrev : Join::kNumber)) return std::nullopt;
        sign = sign || gap(words_[j - 1].end, j, false).value_or("").starts_with("n");
        if (std::optional<size_t> last = split_number(j, a.number)) {  // "2019 006", "2019/006"
            finish_number(a, *last);
            return a;
        }
        // A bare number after an act word ("la loi 2 fois") needs the sign.
        if (!is_digit_groups(term(j), sign ? 1 : 2)) return std::nullopt;
        a.number = term(j);
        finish_number(a, j);
        return a;
    }

    // An act number written in two words from word j: a year, then "/" and
    // 1 to 4 digits ("2019/006"), or a four-digit year, a space and 3 or 4
    // digits ("2019 006"). Sets `number` ("2019-006") and returns its last word.
    std::optional<size_t> split_number(size_t j, std::string& number) const {
        if (!has(j + 1) || !all_digits(term(j)) || !all_digits(term(j + 1))) return std::nullopt;
        const std::string& second = term(j + 1);
        // "12/03/2019" is a date, not an act number.
        bool slash = is_year(term(j)) && second.size() <= 4 && joined(j + 1, Join::kSlash) &&
                     !(joined(j + 2, Join::kSlash) && all_digits(term(j + 2)));
        bool space =
            is_year4(term(j)) && second.size() >= 3 && second.size() <= 4 && gap(words_[j].end, j + 1, true) == "";
        if (!slash && !space) return std::nullopt;
        number = term(j) + "-" + second;
        return j + 1;
    }

    // Ends act `a` whose number's last word is `last`: its suffix and date.
    void finish_number(Act& a, size_t last) const {
        a.end = words_[last].end;
        a.end += suffix(a.end, a.number);
        size_t j = last + 1;
        while (has(j) && words_[j].begin < a.end) ++j;  // the words of the suffix
        a.next = j;
        add_date(a);
    }

    // A bare act number at word i, in a query only: "2019-006", "2019-006/PR".
    std::optional<Act> bare_number(size_t i) const {
        if (!query_ || !is_year_number(term(i))) return std::nullopt;
        Act a{{}, term(i), {}, words_[i].begin, words_[i].end, i + 1};
        // "n° 2019-006": the sign is part of it (tokenize() drops it).
        size_t from = i > 0 ? words_[i - 1].end : 0;
        std::string sign = gap(from, i, false).value_or("");
        if (sign == "n°" || sign == "no" || sign == "n°." || sign == "no.") {
            size_t n = text_.find_last_of("nN", a.begin);
            if (n != std::string_view::npos && n >= from) a.begin = n;
        }
        finish_number(a, i);
        return a;
    }

    // Extends `a` with the date after it, if any.
    void add_date(Act& a) const {
        if (std::optional<Date> d = date(a.end, a.next)) {
            a.date = d->iso;
            a.end = d->end;
            a.next = d->next;
        }
    }

    // SUFFIX at byte `pos`, appended to `number`; returns its length in bytes.
    size_t suffix(size_t pos, std::string& number) const {
        if (pos >= text_.size() || text_[pos] != '/') return 0;
        size_t end = pos + 1;
        auto ok = [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '/';
        };
        while (end < text_.size() && ok(text_[end])) ++end;
        std::string_view s = text_.substr(pos, end - pos);
        while (!s.empty() && (s.back() == '/' || s.back() == '-')) s.remove_suffix(1);
        // "PR." ends a sentence; "A.P." is an abbreviation that keeps its dot.
        if (s.ends_with('.') && s.substr(0, s.size() - 1).find('.') == std::string_view::npos) s.remove_suffix(1);
        if (s.size() < 2 || !std::isalnum(static_cast<unsigned char>(s[1]))) return 0;
        number += s;
        return s.size();
    }

    // "constitution" [date]: see "Constitution" in citation.h.
    std::optional<Act> constitution(Act a, bool linked) const {
        size_t i = a.next - 1;
        add_date(a);
        if (linked) return a;
        bool named = raw(i).starts_with('C') || (i > 0 && term(i - 1) == "la" && joined(i, Join::kWords));
        bool of_something =
            a.date.empty() && has(i + 1) &&
            (gap(words_[i].end, i + 1, false).value_or("") == "d'" ||
             (joined(i + 1, Join::kWords) && (term(i + 1) == "de" || term(i + 1) == "des" || term(i + 1) == "du")));
        a.weak = !named || of_something;
        return a;
    }

    // The act after an article-ref ending before word j: act-link act.
    std::optional<Act> linked_act(size_t j) const {
        if (!has(j)) return std::nullopt;
        size_t k = j;
        if (term(j) == "de" && joined(j, Join::kList)) {
            k = j + 1;
            if (is(k, "la", Join::kWords)) ++k;
        } else if (term(j) == "du" && joined(j, Join::kList)) {
            k = j + 1;
        }
        if (k == j ? !joined(k, Join::kList, true) : !joined(k, Join::kWords)) return std::nullopt;
        return act(k, true);
    }

    // Appends the citations of `arts` (with `act`, if any) to out.
    static void emit(const Articles& arts, const Act* act, bool act_first, std::vector<Citation>& out) {
        for (size_t k = 0; k < arts.numbers.size(); ++k) {
            const Number& n = arts.numbers[k];
            bool last = k + 1 == arts.numbers.size();
            Citation c;
            if (act) c.act_kind = act->kind, c.act_number = act->number, c.act_date = act->date;
            c.article = n.value;
            if (last) c.paragraph = arts.paragraph;
            c.begin = k > 0 ? n.begin : act_first ? act->begin : arts.begin;
            c.end = !last ? n.end : act && !act_first ? act->end : arts.end;
            out.push_back(std::move(c));
        }
    }

    // The citations starting at word i, appended to out; the word after them.
    std::optional<size_t> citation_at(size_t i, std::vector<Citation>& out) const {
        std::optional<Articles> arts = paragraph_first(i);
        if (!arts) arts = articles(i);
        if (arts) {
            std::optional<Act> a = linked_act(arts->next);
            emit(*arts, a ? &*a : nullptr, false, out);
            return a ? a->next : arts->next;
        }
        std::optional<Act> a = act(i, false);
        if (!a) a = bare_number(i);
        if (!a) return std::nullopt;
        // An article after the act, on the same line: "loi 2019-006, art. 46".
        std::optional<Articles> tail;
        if (joined_from(a->end, a->next, Join::kList, true)) {
            tail = paragraph_first(a->next);
            if (!tail) tail = articles(a->next);
        }
        if (tail) {
            emit(*tail, &*a, true, out);
            return tail->next;
        }
        if (a->weak) return std::nullopt;
        out.push_back(Citation{a->kind, a->number, a->date, {}, {}, a->begin, a->end});
        return a->next;
    }

    std::string_view text_;
    std::vector<Token> words_;
    bool query_ = false;
};

// "26 juin 2019", "1er août 2019" from "2019-06-26"; other strings as they are.
std::string date_label(const std::string& iso) {
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return iso;
    int month = std::stoi(iso.substr(5, 2));
    int day = std::stoi(iso.substr(8, 2));
    if (month < 1 || month > 12) return iso;
    std::string d = day == 1 ? "1er" : std::to_string(day);
    return d + " " + std::string(kMonthLabels[month - 1]) + " " + iso.substr(0, 4);
}

}  // namespace

std::string Citation::label() const {
    std::string act;
    if (act_kind.empty() && !act_number.empty()) act = "n° " + act_number;  // a bare number
    if (!act_kind.empty()) {
        auto kind = std::ranges::find(kActKinds, std::string_view(act_kind), &ActKind::folded);
        act = kind != std::end(kActKinds) ? std::string(kind->label) : act_kind;
        if (!act_number.empty()) act += " n° " + act_number;
        if (!act_date.empty()) act += " du " + date_label(act_date);
    }
    std::string art;
    if (!article.empty()) {
        art = "art. " + article;
        if (!paragraph.empty()) art += ", al. " + paragraph;
    }
    if (act.empty() || art.empty()) return act + art;
    return act + ", " + art;
}

std::vector<Citation> find_citations(std::string_view text) { return Parser(text, false).parse(); }

std::string act_key(std::string_view number) {
    std::string s = analysis::fold(number);
    std::string out;
    size_t pos = 0;
    while (pos < s.size() && is_digit(s[pos])) {
        size_t end = pos;
        while (end < s.size() && is_digit(s[end])) ++end;
        size_t first = s.find_first_not_of('0', pos);
        out += first >= end ? "0" : s.substr(first, end - first);  // "006" → "6", "000" → "0"
        pos = end;
        // "-", "/" or a space between two groups; anything else starts the suffix.
        if (pos + 1 < s.size() && (s[pos] == '-' || s[pos] == '/' || s[pos] == ' ') && is_digit(s[pos + 1])) {
            out += '-';
            ++pos;
        } else {
            break;
        }
    }
    return out + s.substr(pos);
}

std::vector<Citation> find_query_citations(std::string_view query) { return Parser(query, true).parse(); }

}  // namespace coopdec::citation
