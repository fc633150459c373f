// @brief Helpers of the index schema: facet lookup, terms, stored data.
#include "common/schema.h"

#include "common/analysis.h"

namespace coopdec::schema {

const Facet* find_facet(std::string_view name) {
    for (const Facet& f : kFacets)
        if (f.name == name) return &f;
    return nullptr;
}

// Cuts at a UTF-8 boundary so that a long value never yields an invalid term.
static std::string cut_term(std::string term) {
    if (term.size() <= kMaxTermBytes) return term;
    size_t n = kMaxTermBytes;
    while (n > 0 && (static_cast<unsigned char>(term[n]) & 0xC0) == 0x80) --n;
    term.resize(n);
    return term;
}

std::string make_term(std::string_view prefix, std::string_view value) {
    return cut_term(std::string(prefix) + std::string(value));
}

std::string facet_term(const Facet& facet, std::string_view value) {
    return cut_term(std::string(facet.prefix) + analysis::fold(value));
}

std::string id_term(std::string_view doc_id, std::string_view anchor) {
    std::string t(kPrefixId);
    t += doc_id;
    if (!anchor.empty()) {
        t += '#';
        t += anchor;
    }
    return cut_term(std::move(t));
}

std::string encode_data(const Data& data) {
    std::string out;
    for (const auto& [key, value] : data) {
        if (value.empty()) continue;  // read back as absent: empty (schema.h)
        out += key;
        out += '\t';
        for (char c : value) {
            switch (c) {
                case '\\':
                    out += "\\\\";
                    break;
                case '\n':
                    out += "\\n";
                    break;
                case '\t':
                    out += "\\t";
                    break;
                default:
                    out += c;
            }
        }
        out += '\n';
    }
    return out;
}

Data decode_data(std::string_view encoded) {
    Data data;
    size_t pos = 0;
    while (pos < encoded.size()) {
        size_t eol = encoded.find('\n', pos);
        if (eol == std::string_view::npos) eol = encoded.size();
        std::string_view line = encoded.substr(pos, eol - pos);
        pos = eol + 1;
        size_t tab = line.find('\t');
        if (tab == std::string_view::npos) continue;
        // The text between backslashes is copied whole: a unit's text is
        // most of the data, and has few escapes.
        std::string value;
        value.reserve(line.size() - tab - 1);
        for (size_t i = tab + 1; i < line.size();) {
            size_t bs = line.find('\\', i);
            if (bs == std::string_view::npos || bs + 1 == line.size()) {
                value.append(line.substr(i));
                break;
            }
            value.append(line.substr(i, bs - i));
            char e = line[bs + 1];
            value += e == 'n' ? '\n' : e == 't' ? '\t' : e;
            i = bs + 2;
        }
        data.emplace(std::string(line.substr(0, tab)), std::move(value));
    }
    return data;
}

std::string facet_summary(std::string_view doc_id, const std::array<std::string, kFacets.size()>& joined) {
    std::string out(doc_id);
    for (const auto& j : joined) {
        out += kFacetSep;
        out += j;
    }
    return out;
}

std::string_view take_field(std::string_view& rest, char sep) {
    size_t at = rest.find(sep);
    std::string_view field = rest.substr(0, at);
    rest = at == std::string_view::npos ? std::string_view() : rest.substr(at + 1);
    return field;
}

std::string join_values(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) out += kValueSep;
        out += v;
    }
    return out;
}

std::vector<std::string> split_values(std::string_view joined) {
    std::vector<std::string> out;
    if (joined.empty()) return out;
    size_t pos = 0;
    while (true) {
        size_t sep = joined.find(kValueSep, pos);
        out.emplace_back(joined.substr(pos, sep == std::string_view::npos ? std::string_view::npos : sep - pos));
        if (sep == std::string_view::npos) break;
        pos = sep + 1;
    }
    return out;
}

std::string doc_url(std::string_view doc_id, std::string_view anchor) {
    std::string url = "/doc/";
    url += doc_id;
    if (!anchor.empty()) {
        url += '#';
        url += anchor;
    }
    return url;
}

std::string partnership_url(std::string_view partnership_id) { return "/partenariat/" + std::string(partnership_id); }

std::string page_url(std::string_view doc_id, std::string_view type, std::string_view anchor) {
    return type == kTypePartnership ? partnership_url(doc_id) : doc_url(doc_id, anchor);
}

std::string kind_term(std::string_view kind) {
    std::string term(kPrefixKind);
    term += kind;
    return term;
}

bool is_akn_namespace(std::string_view uri) {
    return uri.starts_with(kAknNamespace) || uri.starts_with(kAkn2NamespaceBase);
}

}  // namespace coopdec::schema
