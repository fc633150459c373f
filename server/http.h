// @brief The server's own view of HTTP: a parsed request target and a
// response to send. Pure, so that handlers and the request parser are tested
// without sockets (and fuzzed).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace coopdec::http {

// Name/value pairs of a query string, in order, names repeated as given.
using Params = std::vector<std::pair<std::string, std::string>>;

struct Request {
    std::string method;  // "GET", "HEAD"...
    std::string path;    // decoded, always starts with '/'
    Params params;       // decoded query parameters, then (POST) the form body's
    bool accepts_gzip = false;
    std::string cookie;   // the Cookie header as sent, "" when none (read by the /dossier routes)
    std::string host;     // the Host header as sent, "" when none (the exports' absolute links)
    std::string origin;   // the Origin header, "" when none (POST: server/router.h same_origin)
    std::string referer;  // the Referer header, "" when none
    std::string client;   // the client's address (login throttling, the accounts' journal)

    // The first value of `name`, or nothing.
    std::optional<std::string> get(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // besides the security headers
    bool cacheable = false;                                    // static files: may be cached by the browser
    std::string log_note;  // for the server's log only, never sent (paths, library messages)

    // The first value of header `name` (as written), "" when absent.
    std::string header(std::string_view name) const {
        for (const auto& [n, v] : headers)
            if (n == name) return v;
        return {};
    }
};

// A request target that cannot be read: 400 with a French message, or 414.
struct TargetError {
    int status;
    std::string message;
};

// Limits on what a request target may hold.
inline constexpr size_t kMaxTargetBytes = 8192;
inline constexpr size_t kMaxParams = 64;

// Splits "/path?a=1&b=%C3%A9" into a decoded path and parameters. '+' in
// the query means a space. Refused: a target over kMaxTargetBytes (414),
// more than kMaxParams parameters, a malformed %-escape, an escaped NUL,
// invalid UTF-8 after decoding, a path that is not absolute or that holds
// "." or ".." segments, a backslash or a NUL, raw or escaped (all 400).
std::optional<TargetError> parse_target(std::string_view target, std::string& path, Params& params);

// Limits on a POST body (application/x-www-form-urlencoded): a dossier of
// 200 passages with long notes, percent-encoded, fits.
inline constexpr size_t kMaxFormBytes = 16u << 20;
inline constexpr size_t kMaxFormParams = 1024;

// Reads a form body ("a=1&b=%C3%A9", '+' for a space) into `params`, with
// the query string's rules; refused: over kMaxFormBytes (413), more than
// kMaxFormParams parameters, bad escapes or UTF-8 (400).
std::optional<TargetError> parse_form(std::string_view body, Params& params);

// "a=1&b=%C3%A9": parameters encoded for a URL (url_encode on names and values).
std::string encode_params(const Params& params);

// True when `host` (a Host header) is a plain host[:port]: letters, digits,
// dots and hyphens, or an IPv6 address in brackets (hex digits, ':' and '.'),
// then optionally ':' and 1 to 5 digits. Nothing else: no quote, slash,
// space, '@' or '<', so that it may start an absolute link.
bool sane_host(std::string_view host);

}  // namespace coopdec::http
