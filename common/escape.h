// @brief The one escaping family every dynamic string goes through before it
// reaches HTML, JSON, a URL, CSV or Markdown. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace coopdec {

// True when `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF, no truncated sequence).
bool valid_utf8(std::string_view text);

// Text for HTML element content and for attribute values in double or single
// quotes: & < > " ' become &amp; &lt; &gt; &quot; &#39;. Every other byte is
// copied unchanged (invalid UTF-8 included: validate input at the boundary
// with valid_utf8).
std::string html_escape(std::string_view text);

// Appends html_escape(text) to `out`, without a temporary string.
void append_html_escaped(std::string& out, std::string_view text);

// Text for XML element content and attribute values in double or single
// quotes (the corpus files the server writes): & < > " ' as html_escape;
// TAB, LF and CR as &#9; &#10; &#13;, so that a parser gives them back as
// they were, in an attribute too; every character XML 1.0 cannot hold
// (other C0 controls, U+FFFE, U+FFFF) and each byte of invalid UTF-8
// become U+FFFD. The result is always well-formed XML character data.
std::string xml_escape(std::string_view text);

// The inside of a JSON string literal (without the surrounding quotes):
// " and \ are backslash-escaped; \b \f \n \r \t use their short forms; other
// control characters (U+0000..U+001F, U+007F) become \u00XX; < > & become
// \u003c \u003e \u0026 and U+2028/U+2029 become \u2028/\u2029, so the output
// is also safe inside an HTML <script> element. Valid multibyte UTF-8 is
// copied as it is; each byte of invalid UTF-8 becomes U+FFFD, so the result is
// always valid UTF-8 and valid JSON.
std::string json_escape(std::string_view text);

// Appends json_escape(text) to `out`, without a temporary string.
void append_json_escaped(std::string& out, std::string_view text);

// A query-parameter component (RFC 3986): the unreserved characters
// A-Z a-z 0-9 - . _ ~ are kept; every other byte, including space and each
// byte of a multibyte UTF-8 sequence, becomes %XX (upper-case hex).
// "décentralisée & co" → "d%C3%A9centralis%C3%A9e%20%26%20co".
std::string url_encode(std::string_view text);

// One complete CSV field (RFC 4180), quotes included when needed, for a
// spreadsheet to open safely. A field that starts with = + - @ TAB or CR
// gets a leading ' so that no spreadsheet reads it as a formula (OWASP,
// "CSV Injection"): "=1+1" → "'=1+1", "-3" → "'-3". Then a field holding
// ", `separator`, CR or LF is put in double quotes, each " doubled:
// 'a "b", c' → "a ""b"", c" (with ','). Each byte of invalid UTF-8 becomes
// U+FFFD, so the result is always valid UTF-8. The caller joins fields with
// `separator` (',' or ';') and ends each record with CRLF.
std::string csv_escape(std::string_view text, char separator = ',');

// Text for a Markdown document, shown as written by a renderer (CommonMark:
// any ASCII punctuation may be backslash-escaped). Each of \ ` * _ { } [ ]
// < > ( ) # + ! | ~ & is preceded by a backslash, anywhere; at each line
// start, indentation (spaces, tabs) is dropped, so no line is an indented
// code block, and a "-" or "=" (list item, heading underline) or the dot or
// parenthesis after a number ("1." "1)", an ordered list) is escaped.
// "<script>" → "\<script\>", "1. un" → "1\. un", "art. 46" unchanged.
// Other bytes, newlines included, are copied unchanged.
std::string md_escape(std::string_view text);

}  // namespace coopdec
