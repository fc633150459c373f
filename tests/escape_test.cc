// @brief Table-driven tests of the escaping family (in the style of Omega's
// jsonesctest.cc): each row is an input and the exact expected output.
#include "common/escape.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "common/utf8.h"

namespace {

using std::string_literals::operator""s;

struct EscapeRow {
    std::string in, out;
};

}  // namespace

TEST_CASE("html_escape", "[escape]") {
    const EscapeRow rows[] = {
        {"", ""},
        {"coopération décentralisée", "coopération décentralisée"},  // UTF-8 untouched
        {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
        {"a & b", "a &amp; b"},
        {"&amp;", "&amp;amp;"},  // no double-decoding
        {"\"quoted\" 'single'", "&quot;quoted&quot; &#39;single&#39;"},
        {"\" onmouseover=\"x", "&quot; onmouseover=&quot;x"},  // attribute break-out
        {"l’État", "l’État"},
        {"nul\0byte"s, "nul\0byte"s},
    };
    for (const EscapeRow& r : rows) {
        INFO(r.in);
        CHECK(coopdec::html_escape(r.in) == r.out);
    }
}

TEST_CASE("xml_escape", "[escape]") {
    const EscapeRow rows[] = {
        {"", ""},
        {"coopération décentralisée", "coopération décentralisée"},
        {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
        {"a & b \"c\" 'd'", "a &amp; b &quot;c&quot; &#39;d&#39;"},
        {"=HYPERLINK(\"x\")", "=HYPERLINK(&quot;x&quot;)"},  // a formula is only text in XML
        {"l1\nl2\r\tx", "l1&#10;l2&#13;&#9;x"},              // kept as typed, in attributes too
        {"nul\0byte\x01"s, "nul\uFFFDbyte\uFFFD"},           // not XML characters
        {"\xEF\xBF\xBE", "\uFFFD"},                          // U+FFFE
        {"bad \xC3( utf8", "bad \uFFFD( utf8"},
        {"l’État 🌍", "l’État 🌍"},
    };
    for (const EscapeRow& r : rows) {
        INFO(r.in);
        CHECK(coopdec::xml_escape(r.in) == r.out);
    }
}

TEST_CASE("json_escape", "[escape]") {
    const EscapeRow rows[] = {
        {"", ""},
        {"plain", "plain"},
        {"coopération décentralisée", "coopération décentralisée"},  // 2-byte UTF-8 kept
        {"l’État — €", "l’État — €"},                                // 3-byte UTF-8 kept
        {"😀", "😀"},                                                  // 4-byte UTF-8 kept
        {"\"quoted\"", "\\\"quoted\\\""},
        {"back\\slash", "back\\\\slash"},
        {"/", "/"},
        {"<script>alert(1)</script>", "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"},
        {"a & b", "a \\u0026 b"},
        {"<!--", "\\u003c!--"},
        {"'", "'"},
        {"\b\f\n\r\t", "\\b\\f\\n\\r\\t"},
        {"nul\0byte"s, "nul\\u0000byte"},
        {"\x01\x1f\x7f", "\\u0001\\u001f\\u007f"},
        {"\u2028\u2029", "\\u2028\\u2029"},  // JS line terminators
        {"a\xFFz", "a\xEF\xBF\xBDz"},        // invalid byte → U+FFFD
        {"\xC3", "\xEF\xBF\xBD"},            // truncated sequence
        {"\xC3(", "\xEF\xBF\xBD("},
        {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},                  // overlong "/"
        {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // surrogate
        {"caf\xE9", "caf\xEF\xBF\xBD"},                            // Latin-1 é
    };
    for (const EscapeRow& r : rows) {
        INFO(r.in);
        std::string got = coopdec::json_escape(r.in);
        CHECK(got == r.out);
        CHECK(coopdec::valid_utf8(got));
    }
}

TEST_CASE("url_encode", "[escape]") {
    const EscapeRow rows[] = {
        {"", ""},
        {"AZaz09-._~", "AZaz09-._~"},  // unreserved kept
        {"décentralisée & co", "d%C3%A9centralis%C3%A9e%20%26%20co"},
        {"a+b=c?d#e/f", "a%2Bb%3Dc%3Fd%23e%2Ff"},
        {"n° 2019-006", "n%C2%B0%202019-006"},
        {"<script>\"'", "%3Cscript%3E%22%27"},
        {"100%", "100%25"},
        {"nul\0"s, "nul%00"},
        {"\xFF", "%FF"},
    };
    for (const EscapeRow& r : rows) {
        INFO(r.in);
        CHECK(coopdec::url_encode(r.in) == r.out);
    }
}

TEST_CASE("valid_utf8", "[escape]") {
    struct Case {
        std::string text;
        bool valid;
    };
    const Case cases[] = {
        {"", true},
        {"ascii", true},
        {"é € 😀 l’État", true},
        {"nul\0byte"s, true},
        {"\xEF\xBF\xBD", true},      // U+FFFD itself
        {"\xF4\x8F\xBF\xBF", true},  // U+10FFFF
        {"\xFF", false},
        {"\x80", false},      // lone continuation byte
        {"\xC3", false},      // truncated
        {"\xE2\x82", false},  // truncated
        {"\xC3(", false},
        {"\xC0\xAF", false},          // overlong
        {"\xE0\x80\xAF", false},      // overlong
        {"\xED\xA0\x80", false},      // surrogate U+D800
        {"\xF4\x90\x80\x80", false},  // above U+10FFFF
        {"caf\xE9", false},           // Latin-1
    };
    for (const Case& c : cases) {
        INFO(c.text);
        CHECK(coopdec::valid_utf8(c.text) == c.valid);
    }
}

TEST_CASE("csv_escape", "[escape][export]") {
    const EscapeRow rows[] = {
        {"", ""},
        {"plain", "plain"},
        {"coopération décentralisée", "coopération décentralisée"},  // UTF-8 kept
        {"Kloto 1", "Kloto 1"},
        {"a,b", "\"a,b\""},  // the separator quotes the field
        {"Kloto 1, Ogou 1", "\"Kloto 1, Ogou 1\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},  // quotes doubled
        {"\"", "\"\"\"\""},
        {"line\nbreak", "\"line\nbreak\""},  // newlines kept, inside quotes
        {"cr\r\nlf", "\"cr\r\nlf\""},
        {"semi;colon", "semi;colon"},  // not our separator
        {"l'État", "l'État"},          // a quote inside is not a formula
        // Formula injection (OWASP): a leading = + - @ TAB CR makes it text.
        {"=1+1", "'=1+1"},
        {"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
        {"+33 1 23", "'+33 1 23"},
        {"-2+3", "'-2+3"},
        {"@SUM(A1)", "'@SUM(A1)"},
        {"\tcmd", "'\tcmd"},
        {"\r=1", "\"'\r=1\""},  // CR also quotes
        {"a=1", "a=1"},         // only the first character counts
        {" =1", " =1"},
        {"1991-05-02", "1991-05-02"},  // dates start with a digit
        {"nul\0byte"s, "nul\0byte"s},
        {"caf\xE9", "caf\xEF\xBF\xBD"},  // invalid UTF-8 → U+FFFD
        {"\xFF,", "\"\xEF\xBF\xBD,\""},
    };
    for (const EscapeRow& r : rows) {
        INFO(r.in);
        std::string got = coopdec::csv_escape(r.in);
        CHECK(got == r.out);
        CHECK(coopdec::valid_utf8(got));
    }
    // With ';' (the default of the exports), ';' quotes the field and ',' does not.
    CHECK(coopdec::csv_escape("semi;colon", ';') == "\"semi;colon\"");
    CHECK(coopdec::csv_escape("a,b", ';') == "a,b");
    CHECK(coopdec::csv_escape("say \"hi\"", ';') == "\"say \"\"hi\"\"\"");
    CHECK(coopdec::csv_escape("=1;2", ';') == "\"'=1;2\"");
}

TEST_CASE("md_escape neutralises Markdown, line by line", "[escape][dossier]") {
    const EscapeRow rows[] = {
        {"", ""},
        {"texte simple", "texte simple"},
        {"coopération décentralisée", "coopération décentralisée"},  // UTF-8 untouched
        // Every metacharacter, anywhere in a line.
        {"a\\b", "a\\\\b"},
        {"a`b", "a\\`b"},
        {"a*b", "a\\*b"},
        {"a_b", "a\\_b"},
        {"a{b}", "a\\{b\\}"},
        {"a[b]", "a\\[b\\]"},
        {"a<b>", "a\\<b\\>"},
        {"a(b)", "a\\(b\\)"},
        {"a#b", "a\\#b"},
        {"a+b", "a\\+b"},
        {"a!b", "a\\!b"},
        {"a|b", "a\\|b"},
        {"a~b", "a\\~b"},
        {"a&b", "a\\&b"},
        {"*_`|~&", "\\*\\_\\`\\|\\~\\&"},
        // Line starts: heading, list items, quote, heading underline, code block.
        {"# titre", "\\# titre"},
        {"## titre", "\\#\\# titre"},
        {"- tiret", "\\- tiret"},
        {"+ plus", "\\+ plus"},
        {"* étoile", "\\* étoile"},
        {"1. un", "1\\. un"},
        {"12) douze", "12\\) douze"},
        {"> citation", "\\> citation"},
        {"===", "\\==="},
        {"---", "\\---"},
        {"    code", "code"},
        {"\t- tiret", "\\- tiret"},
        {"a\n> b", "a\n\\> b"},
        {"a\n2. b\n- c", "a\n2\\. b\n\\- c"},
        // Not at a line start: left as written.
        {"art. 46", "art. 46"},
        {"loi n° 2019-006", "loi n° 2019-006"},
        {"1986", "1986"},
        {"a = b", "a = b"},
        // HTML and links.
        {"<script>alert(1)</script>", "\\<script\\>alert\\(1\\)\\</script\\>"},
        {"<b>gras</b>", "\\<b\\>gras\\</b\\>"},
        {"&amp;", "\\&amp;"},
        {"[lien](http://x)", "\\[lien\\]\\(http://x\\)"},
        {"![image](x.png)", "\\!\\[image\\]\\(x.png\\)"},
    };
    for (const EscapeRow& r : rows) {
        INFO(r.in);
        CHECK(coopdec::md_escape(r.in) == r.out);
    }
}

namespace {

// The escapers as one code point at a time: what the run-copying ones in
// escape.cc must give, byte for byte.
std::string html_reference(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
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
            default:
                out += c;
        }
    }
    return out;
}

std::string json_reference(std::string_view text) {
    static const char hex[] = "0123456789abcdef";
    auto u = [&](std::string& out, char32_t cp) {
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) out += hex[(cp >> shift) & 0xF];
    };
    std::string out;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t start = pos;
        char32_t cp = coopdec::utf8::decode(text, pos);
        if (cp == '"')
            out += "\\\"";
        else if (cp == '\\')
            out += "\\\\";
        else if (cp == '\b')
            out += "\\b";
        else if (cp == '\f')
            out += "\\f";
        else if (cp == '\n')
            out += "\\n";
        else if (cp == '\r')
            out += "\\r";
        else if (cp == '\t')
            out += "\\t";
        else if (cp == '<' || cp == '>' || cp == '&' || cp == 0x2028 || cp == 0x2029 || cp < 0x20 || cp == 0x7F)
            u(out, cp);
        else if (cp == coopdec::utf8::kInvalid)
            out += "\xEF\xBF\xBD";
        else
            out.append(text.substr(start, pos - start));
    }
    return out;
}

}  // namespace

TEST_CASE("the appending escapers add to what is there, escapes first, last and side by side", "[escape]") {
    const EscapeRow html_rows[] = {
        {"<", "&lt;"}, {"a<", "a&lt;"}, {"<a", "&lt;a"}, {"<>&\"'", "&lt;&gt;&amp;&quot;&#39;"}, {"é<é", "é&lt;é"},
    };
    for (const EscapeRow& r : html_rows) {
        INFO(r.in);
        std::string out = "pré";
        coopdec::append_html_escaped(out, r.in);
        CHECK(out == "pré" + r.out);
    }
    const EscapeRow json_rows[] = {
        {"\"", "\\\""},
        {"a\n", "a\\n"},
        {"\u2028a", "\\u2028a"},
        {"é", "é"},
        {"é\xC3", "é\xEF\xBF\xBD"},                // a truncated sequence last
        {"\xE2\x80", "\xEF\xBF\xBD\xEF\xBF\xBD"},  // U+2028 cut short
        {"\xE2\x80\xA7", "\xE2\x80\xA7"},          // U+2027, beside the separators, kept
        {"<&>", "\\u003c\\u0026\\u003e"},
        {"\x7F~", "\\u007f~"},
    };
    for (const EscapeRow& r : json_rows) {
        INFO(r.in);
        std::string out = "pré";
        coopdec::append_json_escaped(out, r.in);
        CHECK(out == "pré" + r.out);
    }
}

TEST_CASE("html_escape and json_escape give what one code point at a time gives, on any bytes", "[escape]") {
    // Random strings over the bytes that matter: ASCII letters, every
    // escaped character, controls, pieces of UTF-8 (valid or not), U+2028.
    const std::string pieces[] = {"a",
                                  " ",
                                  "Z",
                                  "~",
                                  "\x7F",
                                  "\x01",
                                  "\x1F",
                                  "\0"s,
                                  "\t",
                                  "\n",
                                  "\"",
                                  "'",
                                  "\\",
                                  "<",
                                  ">",
                                  "&",
                                  "é",
                                  "\xC3",
                                  "\xA9",
                                  "\xE2\x80\xA8",
                                  "\xE2\x80",
                                  "\xE2\x80\xA9",
                                  "\xF0\x9F\x98\x80",
                                  "\xF0\x9F",
                                  "\xFF",
                                  "\xED\xA0\x80",
                                  "\xC0\xAF",
                                  "€"};
    std::mt19937 rng(22);
    std::uniform_int_distribution<size_t> piece(0, std::size(pieces) - 1), length(0, 12);
    for (int n = 0; n < 20000; ++n) {
        std::string text;
        for (size_t k = length(rng); k > 0; --k) text += pieces[piece(rng)];
        INFO(text);
        REQUIRE(coopdec::html_escape(text) == html_reference(text));
        REQUIRE(coopdec::json_escape(text) == json_reference(text));
    }
}
