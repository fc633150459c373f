// @brief A strict UTF-8 decoder and encoder, shared by analysis and escaping
// so that both agree on what "invalid UTF-8" means.
#pragma once

#include <string>
#include <string_view>

namespace coopdec::utf8 {

// Returned by decode() for a byte that does not start a valid sequence.
inline constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes the code point starting at s[pos] and advances pos past it.
// Strict (RFC 3629): overlong forms, surrogates (U+D800..U+DFFF), values
// above U+10FFFF and truncated sequences are invalid; on an invalid byte
// kInvalid is returned and pos advances by exactly one byte, so a caller can
// resynchronise on the next byte. Precondition: pos < s.size().
inline char32_t decode(std::string_view s, size_t& pos) {
    auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
    unsigned char b0 = byte(pos);
    if (b0 < 0x80) {
        ++pos;
        return b0;
    }
    size_t len;
    char32_t cp;
    char32_t min;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
        ++pos;  // 0x80..0xC1 (continuation or overlong lead) or 0xF5..0xFF
        return kInvalid;
    }
    if (pos + len > s.size()) {
        ++pos;
        return kInvalid;
    }
    for (size_t i = 1; i < len; ++i) {
        unsigned char b = byte(pos + i);
        if ((b & 0xC0) != 0x80) {
            ++pos;
            return kInvalid;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++pos;
        return kInvalid;
    }
    pos += len;
    return cp;
}

// Appends the UTF-8 encoding of a valid code point (not kInvalid, not a
// surrogate) to out.
inline void append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

}  // namespace coopdec::utf8
