// @brief HTML, JSON and URL escaping (see escape.h for the contracts).
#include "common/escape.h"

#include "common/utf8.h"

namespace coopdec {

namespace {

constexpr char kHexUpper[] = "0123456789ABCDEF";  // RFC 3986 prefers upper case
constexpr char kHexLower[] = "0123456789abcdef";  // the usual JSON spelling

// \uXXXX for a code point of the Basic Multilingual Plane.
void append_u_escape(std::string& out, char32_t cp) {
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += kHexLower[(cp >> shift) & 0xF];
}

}  // namespace

bool valid_utf8(std::string_view text) {
    size_t pos = 0;
    while (pos < text.size())
        if (utf8::decode(text, pos) == utf8::kInvalid) return false;
    return true;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    append_html_escaped(out, text);
    return out;
}

// Text is mostly letters and spaces: each run of bytes that need no entity
// is appended whole, which is what makes snippets and pages cheap to escape.
void append_html_escaped(std::string& out, std::string_view text) {
    size_t run = 0;  // start of the bytes not yet appended
    for (size_t i = 0; i < text.size(); ++i) {
        std::string_view entity;
        switch (text[i]) {
            case '&':
                entity = "&amp;";
                break;
            case '<':
                entity = "&lt;";
                break;
            case '>':
                entity = "&gt;";
                break;
            case '"':
                entity = "&quot;";
                break;
            case '\'':
                entity = "&#39;";
                break;
            default:
                continue;
        }
        out.append(text.data() + run, i - run);
        out += entity;
        run = i + 1;
    }
    out.append(text.data() + run, text.size() - run);
}

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    size_t pos = 0;
    while (pos < text.size()) {
        char32_t cp = utf8::decode(text, pos);
        switch (cp) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            case '\t':
                out += "&#9;";
                break;
            case '\n':
                out += "&#10;";
                break;
            case '\r':
                out += "&#13;";
                break;
            default:
                if (cp == utf8::kInvalid || cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF)
                    utf8::append(out, 0xFFFD);
                else
                    utf8::append(out, cp);
        }
    }
    return out;
}

std::string json_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    append_json_escaped(out, text);
    return out;
}

// Printable ASCII other than " \\ < > & is copied as a run; only the bytes
// around it are decoded (to escape controls, U+2028/U+2029 and to replace
// invalid UTF-8).
void append_json_escaped(std::string& out, std::string_view text) {
    size_t pos = 0;
    size_t run = 0;  // start of the bytes not yet appended
    while (pos < text.size()) {
        const auto b = static_cast<unsigned char>(text[pos]);
        if (b >= 0x20 && b < 0x7F && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&') {
            ++pos;
            continue;
        }
        size_t start = pos;
        char32_t cp = utf8::decode(text, pos);
        if (cp >= 0x80 && cp != 0x2028 && cp != 0x2029 && cp != utf8::kInvalid) continue;  // valid, kept as is
        out.append(text.data() + run, start - run);
        run = pos;
        switch (cp) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            // Not required by JSON, but a "</script>" or "<!--" inside a string
            // must not end or comment out an inline <script> element.
            case '<':
            case '>':
            case '&':
            // Line and paragraph separators end a line in pre-ES2019 JavaScript.
            case 0x2028:
            case 0x2029:
                append_u_escape(out, cp);
                break;
            case utf8::kInvalid:
                out += "\xEF\xBF\xBD";  // U+FFFD, the replacement character
                break;
            default:  // the other controls, U+0000..U+001F and U+007F
                append_u_escape(out, cp);
        }
    }
    out.append(text.data() + run, text.size() - run);
}

std::string url_encode(std::string_view text) {
    std::string out;
    out.reserve(text.size() * 3);
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                          c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out += ch;
        } else {
            out += '%';
            out += kHexUpper[c >> 4];
            out += kHexUpper[c & 0xF];
        }
    }
    return out;
}

std::string csv_escape(std::string_view text, char separator) {
    std::string clean;
    clean.reserve(text.size() + 1);
    // A spreadsheet evaluates a cell that starts with one of these as a
    // formula (=HYPERLINK(…), +cmd|…, -2+3, @SUM(…)); TAB and CR are
    // trimmed by some before they look. The quote makes it text.
    if (!text.empty() &&
        (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' || text[0] == '\r'))
        clean += '\'';
    bool quote = false;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t start = pos;
        char32_t cp = utf8::decode(text, pos);
        if (cp == utf8::kInvalid) {
            clean += "\xEF\xBF\xBD";  // U+FFFD
            continue;
        }
        if (cp == '"' || cp == static_cast<unsigned char>(separator) || cp == '\r' || cp == '\n') quote = true;
        if (cp == '"') clean += '"';  // doubled inside quotes
        clean.append(text.substr(start, pos - start));
    }
    return quote ? "\"" + clean + "\"" : clean;
}

std::string md_escape(std::string_view text) {
    static constexpr std::string_view special = "\\`*_{}[]<>()#+!|~&";
    const size_t n = text.size();
    std::string out;
    size_t i = 0;
    while (i < n) {
        // A line start: no indentation (an indented code block), and no
        // "1." "1)" "-" "=" that would open a list or underline a heading.
        while (i < n && (text[i] == ' ' || text[i] == '\t')) ++i;
        size_t j = i;
        while (j < n && text[j] >= '0' && text[j] <= '9') ++j;
        if (j > i && j < n && (text[j] == '.' || text[j] == ')')) {
            out.append(text, i, j - i);
            out += '\\';
            out += text[j];
            i = j + 1;
        } else if (i < n && (text[i] == '-' || text[i] == '=')) {
            out += '\\';
            out += text[i++];
        }
        for (; i < n && text[i] != '\n'; ++i) {
            if (special.find(text[i]) != std::string_view::npos) out += '\\';
            out += text[i];
        }
        if (i < n) out += text[i++];
    }
    return out;
}

}  // namespace coopdec
