// @brief Tokens, cores and parts of words for the repair and its lexicon.
#include "textio/words.h"

#include "common/utf8.h"

namespace coopdec::textio {
namespace {

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Punctuation that surrounds words, never inside one.
bool is_outer_punct(char32_t c) {
    if (c < 0x80)
        return c != '\'' && c != '-' && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) &&
               c > ' ';
    return c == 0xAB || c == 0xBB || c == 0x201C || c == 0x201D || c == 0x2026 || c == 0x2013 || c == 0x2014 ||
           c == 0xA0 || c == 0x202F;
}

bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x2018; }

}  // namespace

std::pair<std::size_t, std::size_t> word_core(std::string_view w) {
    std::size_t b = 0, e = w.size();
    while (b < e) {
        std::size_t p = b;
        char32_t c = utf8::decode(w, p);
        if (!is_outer_punct(c) && !(c == '\'' || c == '-')) break;
        b = p;
    }
    while (e > b) {
        // Step back one code point.
        std::size_t p = e - 1;
        while (p > b && (static_cast<unsigned char>(w[p]) & 0xC0) == 0x80) --p;
        std::size_t q = p;
        char32_t c = utf8::decode(w, q);
        if (!is_outer_punct(c) && c != '-') break;
        e = p;
    }
    return {b, e};
}

std::vector<Token> tokens(std::string_view text) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_space(static_cast<unsigned char>(text[i]))) ++i;
        if (i == text.size()) break;
        std::size_t b = i;
        while (i < text.size() && !is_space(static_cast<unsigned char>(text[i]))) ++i;
        auto [cb, ce] = word_core(text.substr(b, i - b));
        out.push_back({b, i, b + cb, b + ce});
    }
    return out;
}

std::vector<std::string> word_parts(std::string_view word) {
    std::vector<std::string> parts{std::string(word)};
    std::size_t start = 0, p = 0;
    while (p < word.size()) {
        std::size_t at = p;
        char32_t c = utf8::decode(word, p);
        if (is_apostrophe(c) && start == 0 && at > 0) {
            parts.emplace_back(word.substr(0, p));  // the elided prefix, with its apostrophe
            start = p;
        } else if (c == '-') {
            if (at > start) parts.emplace_back(word.substr(start, at - start));
            start = p;
        }
    }
    if (start > 0 && start < word.size()) parts.emplace_back(word.substr(start));
    return parts;
}

bool is_number(std::string_view w) {
    std::size_t i = 0;
    bool digits = false;
    while (i < w.size()) {
        char c = w[i];
        if (c >= '0' && c <= '9') {
            digits = true;
            ++i;
        } else if ((c == '.' || c == ',' || c == '-' || c == '/') && digits && i + 1 < w.size() && w[i + 1] >= '0' &&
                   w[i + 1] <= '9') {
            ++i;
        } else {
            break;
        }
    }
    if (!digits) return false;
    std::string_view rest = w.substr(i);
    return rest.empty() || rest == "°" || rest == "er" || rest == "re" || rest == "e" || rest == "ème" || rest == "è" ||
           rest == "ᵉ";
}

}  // namespace coopdec::textio
