// @brief Encoding of the places table kept in the index metadata.
#include "common/places.h"

namespace coopdec::places {
namespace {

constexpr char kListSep = '\x1f';

// A name as one field: the separators of the encoding cannot occur in it.
std::string field(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c == '\t' || c == '\n' || c == '\r' || c == kListSep) c = ' ';
    return out;
}

std::string list(const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i) out += (i ? std::string(1, kListSep) : std::string()) + field(names[i]);
    return out;
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    if (s.empty()) return out;
    size_t start = 0;
    for (;;) {
        size_t end = s.find(sep, start);
        out.emplace_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

}  // namespace

std::string encode(const std::vector<PlaceRow>& rows) {
    std::string out;
    for (const PlaceRow& r : rows) {
        out += field(r.id) + '\t' + field(r.level) + '\t' + field(r.name) + '\t' + field(r.parent) + '\t' +
               list(r.aliases) + '\t' + list(r.former) + '\n';
    }
    return out;
}

std::vector<PlaceRow> decode(std::string_view encoded) {
    std::vector<PlaceRow> rows;
    for (const std::string& line : split(encoded, '\n')) {
        std::vector<std::string> f = split(line, '\t');
        if (f.size() < 4 || f[0].empty() || f[2].empty()) continue;
        if (f[1] != "region" && f[1] != "prefecture" && f[1] != "commune") continue;
        PlaceRow r{f[0], f[1], f[2], f[3], {}, {}};
        if (f.size() > 4) r.aliases = split(f[4], kListSep);
        if (f.size() > 5) r.former = split(f[5], kListSep);
        rows.push_back(std::move(r));
    }
    return rows;
}

}  // namespace coopdec::places
