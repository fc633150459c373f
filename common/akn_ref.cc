// @brief Akoma Ntoso reference parsing.
#include "common/akn_ref.h"

#include <algorithm>
#include <vector>

namespace coopdec::akn {
namespace {

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

std::string numbered_act(std::string_view number, std::string_view work_uri) {
    auto digits = [](std::string_view s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    auto without_zeros = [](std::string_view s) {
        size_t first = s.find_first_not_of('0');
        return first == std::string_view::npos ? std::string_view("0") : s.substr(first);
    };
    if (!digits(number)) return std::string(number);
    std::string work = work_of(work_uri);
    std::vector<std::string_view> segments;
    for (size_t pos = 0; pos <= work.size();) {
        size_t slash = std::min(work.find('/', pos), work.size());
        segments.push_back(std::string_view(work).substr(pos, slash - pos));
        pos = slash + 1;
    }
    // The number's own segment, the last that holds it, after its year.
    for (size_t k = segments.size(); k-- > 1;) {
        if (!digits(segments[k]) || without_zeros(segments[k]) != without_zeros(number)) continue;
        std::string_view year = segments[k - 1].substr(0, 4);
        if (year.size() == 4 && digits(year) && (segments[k - 1].size() == 4 || segments[k - 1][4] == '-'))
            return std::string(year) + "-" + std::string(number);
        break;
    }
    return std::string(number);
}

std::string work_of(std::string_view uri) {
    std::string u(uri);
    // A manifestation's file part: "/data.akn", "/!main.xml", ".akn".
    for (std::string_view ext : {".xml", ".akn", ".pdf"}) {
        if (ends_with(u, ext)) {
            size_t slash = u.rfind('/');
            u.resize(slash == std::string::npos ? u.size() - ext.size() : slash);
            break;
        }
    }
    while (!u.empty() && u.back() == '/') u.pop_back();
    if (ends_with(u, "/!main") || ends_with(u, "/main")) u.resize(u.rfind('/'));
    // An expression: the first segment holding '@' ("fra@", "fra@2019-06-26") and what follows.
    size_t at = u.find('@');
    if (at != std::string::npos) {
        size_t slash = u.rfind('/', at);
        if (slash != std::string::npos) u.resize(slash);
    }
    while (!u.empty() && u.back() == '/') u.pop_back();
    return u;
}

Target parse_href(std::string_view href, std::string_view own_work) {
    Target t;
    if (href.empty()) return t;
    if (href[0] == '#' || href[0] == '~') {
        t.work = std::string(own_work);
        t.fragment = std::string(href.substr(1));
        return t;
    }
    size_t cut = href.find_first_of("#~");
    std::string_view uri = href.substr(0, cut);
    if (cut != std::string_view::npos) t.fragment = std::string(href.substr(cut + 1));
    t.work = work_of(uri);
    // Path-style fragments under the document's own work.
    if (t.fragment.empty() && !own_work.empty() && t.work.size() > own_work.size() &&
        t.work.compare(0, own_work.size(), own_work) == 0 && t.work[own_work.size()] == '/') {
        std::string rest = t.work.substr(own_work.size() + 1);
        for (char& c : rest)
            if (c == '/') c = '-';
        t.work = std::string(own_work);
        t.fragment = rest;
    }
    return t;
}

std::string enclosing_unit(std::string f, const std::function<bool(const std::string&)>& is_unit) {
    while (!f.empty() && !is_unit(f)) {
        size_t dash = f.rfind('-'), under = f.rfind("__");
        size_t cut = dash == std::string::npos ? under : under == std::string::npos ? dash : std::max(dash, under);
        if (cut == std::string::npos || cut == 0) return {};
        f.resize(cut);
    }
    return f;
}

std::string target_key(const Target& t) { return t.fragment.empty() ? t.work : t.work + "#" + t.fragment; }

}  // namespace coopdec::akn
