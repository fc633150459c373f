// @brief Reading a search query's citations: which they are, and the words
// left around them (read_query() in citation.h).
#include "common/citation.h"

#include <functional>
#include <string>

#include "common/analysis.h"

namespace coopdec::citation {
namespace {

using analysis::Token;

constexpr std::string_view kSpaces = " \t\r\n";
constexpr std::string_view kSpacesCommas = " \t\r\n,";

std::string_view trim_left(std::string_view s, std::string_view chars) {
    size_t b = s.find_first_not_of(chars);
    return b == std::string_view::npos ? std::string_view() : s.substr(b);
}
std::string_view trim_right(std::string_view s, std::string_view chars) {
    size_t e = s.find_last_not_of(chars);
    return e == std::string_view::npos ? std::string_view() : s.substr(0, e + 1);
}

// True when `piece` holds only list words: commas, "et", "ou".
bool only_list_words(std::string_view piece) {
    std::string others;
    size_t pos = 0;
    for (const Token& t : analysis::tokenize(piece)) {
        if (t.term != "et" && t.term != "ou") return false;
        others += piece.substr(pos, t.begin - pos);
        pos = t.end;
    }
    others += piece.substr(pos);
    return trim_left(others, kSpacesCommas).empty();
}

// `piece` without a determiner as its last word ("rapport sur la" → "rapport sur").
std::string_view drop_determiner(std::string_view piece) {
    size_t space = piece.find_last_of(kSpaces);
    std::string_view last = space == std::string_view::npos ? piece : piece.substr(space + 1);
    std::string w = analysis::fold(last);
    if (w != "la" && w != "le" && w != "les") return piece;
    return trim_right(piece.substr(0, piece.size() - last.size()), kSpaces);
}

}  // namespace

QueryReading read_query(std::string_view query, const std::function<bool(const Citation&)>& accept) {
    QueryReading r;
    if (!accept) {
        r.citations = find_citations(query);
    } else {
        for (Citation& c : find_query_citations(query))
            if (accept(c)) r.citations.push_back(std::move(c));
    }
    auto add = [&](std::string_view piece) {
        if (piece.empty()) return;
        if (!r.rest.empty()) r.rest += ' ';
        r.rest += piece;
    };
    size_t pos = 0;
    for (size_t k = 0; k < r.citations.size(); ++k) {
        // Commas touch the citations around them; a list's "et" belongs to it.
        std::string_view piece = query.substr(pos, r.citations[k].begin - pos);
        piece = trim_right(trim_left(piece, k > 0 ? kSpacesCommas : kSpaces), kSpacesCommas);
        if (k > 0 && only_list_words(piece)) piece = {};
        add(drop_determiner(piece));
        pos = r.citations[k].end;
    }
    std::string_view last = trim_right(query.substr(pos), kSpaces);
    add(trim_left(last, r.citations.empty() ? kSpaces : kSpacesCommas));
    return r;
}

}  // namespace coopdec::citation
