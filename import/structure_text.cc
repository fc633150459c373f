// @brief The small UTF-8 text helpers of structure recognition (French
// letters, capitals, roman numerals) and the engine's utilities declared in
// structure_flow.h.
#include <algorithm>

#include "common/utf8.h"
#include "import/structure_flow.h"

namespace coopdec::import {

namespace flow {

namespace {

// Latin Extended-A alternates capital / small letter; which comes first
// changes twice in the block.
bool ext_a_upper(char32_t c) {
    if (c >= 0x100 && c <= 0x137) return c % 2 == 0;
    if (c >= 0x139 && c <= 0x148) return c % 2 == 1;
    if (c >= 0x14A && c <= 0x177) return c % 2 == 0;
    if (c >= 0x179 && c <= 0x17E) return c % 2 == 1;
    return c == 0x178;
}

// Capital → small letter for the Ewe and Kabiyè letters of Togolese names.
constexpr std::pair<char32_t, char32_t> kAfricanLetters[] = {
    {0x186, 0x254},  // Ɔ ɔ
    {0x189, 0x256},  // Ɖ ɖ
    {0x190, 0x25B},  // Ɛ ɛ
    {0x191, 0x192},  // Ƒ ƒ
    {0x194, 0x263},  // Ɣ ɣ
    {0x1B2, 0x28B},  // Ʋ ʋ
};

char32_t to_lower(char32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
    if (c == 0x178) return 0xFF;
    if (ext_a_upper(c)) return c + 1;
    for (auto [upper, lower] : kAfricanLetters)
        if (c == upper) return lower;
    return c;
}

}  // namespace

char32_t first_char(std::string_view s) {
    if (s.empty()) return 0;
    std::size_t pos = 0;
    char32_t c = utf8::decode(s, pos);
    return c == utf8::kInvalid ? 0 : c;
}

char32_t last_char(std::string_view s) {
    if (s.empty()) return 0;
    std::size_t start = s.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    char32_t c = utf8::decode(s, start);
    return c == utf8::kInvalid ? 0 : c;
}

bool is_upper(char32_t c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) || ext_a_upper(c)) return true;
    for (auto [upper, lower] : kAfricanLetters)
        if (c == upper) return true;
    return false;
}

bool is_lower(char32_t c) {
    if ((c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7)) return true;
    if (c >= 0x100 && c <= 0x17F) return !ext_a_upper(c);
    for (auto [upper, lower] : kAfricanLetters)
        if (c == lower) return true;
    return false;
}

bool is_letter(char32_t c) { return is_upper(c) || is_lower(c); }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

std::size_t length(std::string_view s) {
    std::size_t n = 0;
    for (char ch : s)
        if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
    return n;
}

bool has_lower(std::string_view s) {
    for (std::size_t pos = 0; pos < s.size();)
        if (is_lower(utf8::decode(s, pos))) return true;
    return false;
}

std::size_t letters(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t pos = 0; pos < s.size();)
        if (is_letter(utf8::decode(s, pos))) ++n;
    return n;
}

std::string sentence_case(std::string_view s) {
    std::string out;
    bool first = true;
    for (std::size_t pos = 0; pos < s.size();) {
        char32_t c = utf8::decode(s, pos);
        if (c == utf8::kInvalid) continue;
        if (is_letter(c)) {
            utf8::append(out, first ? c : to_lower(c));
            first = false;
        } else {
            utf8::append(out, c);
        }
    }
    return out;
}

bool ends_sentence(std::string_view s) {
    char32_t c = last_char(s);
    return c == '.' || c == ':' || c == '!' || c == '?' || c == 0x2026 || c == 0xBB;
}

std::vector<std::string_view> words(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos < s.size()) {
        std::size_t end = s.find(' ', pos);
        if (end == std::string_view::npos) end = s.size();
        if (end > pos) out.push_back(s.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

int roman_value(std::string_view s) {
    auto digit = [](char c) {
        switch (c) {
            case 'I':
                return 1;
            case 'V':
                return 5;
            case 'X':
                return 10;
            case 'L':
                return 50;
            case 'C':
                return 100;
            case 'D':
                return 500;
            case 'M':
                return 1000;
            default:
                return 0;
        }
    };
    if (s.empty() || s.size() > 15) return 0;
    int value = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        int d = digit(s[i]);
        if (d == 0) return 0;
        int next = i + 1 < s.size() ? digit(s[i + 1]) : 0;
        value += next > d ? -d : d;
    }
    // Only the canonical spelling ("IV", not "IIII" or "VX"): re-encode and compare.
    static const std::pair<int, const char*> kParts[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"},
                                                         {90, "XC"},  {50, "L"},   {40, "XL"}, {10, "X"},   {9, "IX"},
                                                         {5, "V"},    {4, "IV"},   {1, "I"}};
    std::string canonical;
    for (int rest = value; auto [v, text] : kParts)
        for (; rest >= v; rest -= v) canonical += text;
    return value > 0 && canonical == s ? value : 0;
}

bool At::continued(std::size_t k) const {
    if (lines_are_paragraphs || i + k + 1 >= lines.size()) return false;
    return is_lower(first_char(lines[i + k + 1].text));
}

std::string count(std::size_t n, std::string_view singular, std::string_view plural) {
    return std::to_string(n) + " " + std::string(n > 1 ? plural : singular);
}

void defer_uncalled_notes(std::vector<Block>& blocks) {
    std::stable_partition(blocks.begin(), blocks.end(),
                          [](const Block& b) { return b.kind != Block::Kind::note || b.called; });
}

}  // namespace flow

}  // namespace coopdec::import
