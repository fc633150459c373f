// @brief Request-target parsing and query-string encoding.
#include "server/http.h"

#include <cctype>
#include <cstring>

#include "common/escape.h"

namespace coopdec::http {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Percent-decodes `in`; false on a malformed escape or an escaped NUL.
bool decode(std::string_view in, bool plus_is_space, std::string& out) {
    out.clear();
    for (size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (c == '%') {
            if (i + 2 >= in.size()) return false;
            int hi = hex_value(in[i + 1]);
            int lo = hex_value(in[i + 2]);
            if (hi < 0 || lo < 0) return false;
            char d = static_cast<char>(hi * 16 + lo);
            if (d == '\0') return false;
            out += d;
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return true;
}

// "a=1&b=%C3%A9" (a query string or a form body) into `params`.
std::optional<TargetError> parse_pairs(std::string_view query, size_t max_params, Params& params) {
    size_t pos = 0;
    while (pos <= query.size()) {
        size_t amp = query.find('&', pos);
        if (amp == std::string_view::npos) amp = query.size();
        std::string_view pair = query.substr(pos, amp - pos);
        pos = amp + 1;
        if (pair.empty()) {
            if (amp == query.size()) break;
            continue;
        }
        if (params.size() >= max_params)
            return TargetError{400, "trop de paramètres (au plus " + std::to_string(max_params) + ")"};
        size_t eq = pair.find('=');
        std::string name, value;
        if (!decode(pair.substr(0, eq), true, name) ||
            (eq != std::string_view::npos && !decode(pair.substr(eq + 1), true, value)))
            return TargetError{400, "paramètre mal encodé : encodage %XX incorrect"};
        if (!valid_utf8(name) || !valid_utf8(value))
            return TargetError{400, "paramètre mal encodé : le texte doit être en UTF-8"};
        params.emplace_back(std::move(name), std::move(value));
        if (amp == query.size()) break;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> Request::get(std::string_view name) const {
    for (const auto& [k, v] : params)
        if (k == name) return v;
    return std::nullopt;
}

std::optional<TargetError> parse_target(std::string_view target, std::string& path, Params& params) {
    params.clear();
    if (target.size() > kMaxTargetBytes)
        return TargetError{414, "adresse trop longue (" + std::to_string(target.size()) + " octets, au plus " +
                                    std::to_string(kMaxTargetBytes) + ")"};
    if (target.find('\0') != std::string_view::npos) return TargetError{400, "adresse invalide : octet nul interdit"};
    if (target.find('#') != std::string_view::npos) target = target.substr(0, target.find('#'));
    size_t q = target.find('?');
    std::string_view raw_path = target.substr(0, q);
    if (raw_path.empty() || raw_path[0] != '/')
        return TargetError{400, "adresse invalide : le chemin doit commencer par /"};
    if (!decode(raw_path, false, path))
        return TargetError{400, "adresse invalide : encodage %XX incorrect dans le chemin"};
    if (!valid_utf8(path)) return TargetError{400, "adresse invalide : le chemin n'est pas en UTF-8"};
    if (path.find('\\') != std::string::npos)
        return TargetError{400, "adresse invalide : caractère « \\ » interdit dans le chemin"};
    // No "." or ".." segment, encoded or not: nothing in a path may climb.
    for (size_t start = 1; start <= path.size();) {
        size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        std::string_view seg(path.data() + start, end - start);
        if (seg == "." || seg == "..")
            return TargetError{400, "adresse invalide : segment « " + std::string(seg) + " » interdit"};
        start = end + 1;
    }
    if (q == std::string_view::npos) return std::nullopt;

    return parse_pairs(target.substr(q + 1), kMaxParams, params);
}

std::optional<TargetError> parse_form(std::string_view body, Params& params) {
    params.clear();
    if (body.size() > kMaxFormBytes)
        return TargetError{413, "formulaire trop volumineux (" + std::to_string(body.size()) + " octets, au plus " +
                                    std::to_string(kMaxFormBytes) + ")"};
    return parse_pairs(body, kMaxFormParams, params);
}

std::string encode_params(const Params& params) {
    std::string out;
    for (const auto& [k, v] : params) {
        if (!out.empty()) out += '&';
        out += url_encode(k);
        out += '=';
        out += url_encode(v);
    }
    return out;
}

bool sane_host(std::string_view host) {
    if (host.empty() || host.size() > 255) return false;
    size_t i = 0;
    auto is = [](char c, const char* set) {
        return std::isalnum(static_cast<unsigned char>(c)) || std::strchr(set, c);
    };
    if (host[0] == '[') {
        size_t close = host.find(']');
        if (close == std::string_view::npos || close == 1) return false;
        for (i = 1; i < close; ++i)
            if (!std::isxdigit(static_cast<unsigned char>(host[i])) && host[i] != ':' && host[i] != '.') return false;
        i = close + 1;
    } else {
        for (; i < host.size() && host[i] != ':'; ++i)
            if (!is(host[i], ".-")) return false;
        if (i == 0) return false;
    }
    if (i == host.size()) return true;
    if (host[i] != ':') return false;
    std::string_view port = host.substr(i + 1);
    if (port.empty() || port.size() > 5) return false;
    for (char c : port)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

}  // namespace coopdec::http
