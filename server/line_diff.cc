// @brief Myers' greedy forward algorithm, keeping each round's frontier to
// walk the path back; common first and last lines are taken off first, as
// most publications change a few lines of a long file.
#include "server/line_diff.h"

#include <algorithm>

namespace coopdec {

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) nl = text.size();
        out.emplace_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return out;
}

namespace {

using Lines = std::vector<std::string>;

// The edit script of a[ab, ae) → b[bb, be) appended to `out`, or false
// when it needs more than `max_edits` edits.
bool myers(const Lines& a, std::size_t ab, std::size_t ae, const Lines& b, std::size_t bb, std::size_t be,
           std::size_t max_edits, std::vector<DiffLine>& out) {
    const long n = static_cast<long>(ae - ab), m = static_cast<long>(be - bb);
    const long limit = std::min<long>(n + m, static_cast<long>(max_edits));
    const long offset = limit + 1;
    std::vector<long> v(static_cast<std::size_t>(2 * offset + 1), 0);
    std::vector<std::vector<long>> trace;  // v before each round d
    long found = -1;
    for (long d = 0; d <= limit && found < 0; ++d) {
        trace.push_back(v);
        for (long k = -d; k <= d; k += 2) {
            long x;
            if (k == -d ||
                (k != d && v[static_cast<std::size_t>(k - 1 + offset)] < v[static_cast<std::size_t>(k + 1 + offset)]))
                x = v[static_cast<std::size_t>(k + 1 + offset)];  // down: an insertion
            else
                x = v[static_cast<std::size_t>(k - 1 + offset)] + 1;  // right: a deletion
            long y = x - k;
            while (x < n && y < m && a[ab + static_cast<std::size_t>(x)] == b[bb + static_cast<std::size_t>(y)]) {
                ++x;
                ++y;
            }
            v[static_cast<std::size_t>(k + offset)] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
    }
    if (found < 0) return false;
    // Back from (n, m): each round's frontier says where the snake came from.
    std::vector<DiffLine> rev;
    long x = n, y = m;
    for (long d = found; d > 0; --d) {
        const std::vector<long>& pv = trace[static_cast<std::size_t>(d)];
        const long k = x - y;
        const bool down = k == -d || (k != d && pv[static_cast<std::size_t>(k - 1 + offset)] <
                                                    pv[static_cast<std::size_t>(k + 1 + offset)]);
        const long pk = down ? k + 1 : k - 1;
        const long px = pv[static_cast<std::size_t>(pk + offset)];
        // Where the edit of round d landed; the snake after it led to (x, y).
        const long mx = down ? px : px + 1, my = mx - k;
        while (x > mx && y > my) {
            --x;
            --y;
            rev.push_back({DiffLine::Kind::same, a[ab + static_cast<std::size_t>(x)]});
        }
        if (down) {
            --y;
            rev.push_back({DiffLine::Kind::added, b[bb + static_cast<std::size_t>(y)]});
        } else {
            --x;
            rev.push_back({DiffLine::Kind::removed, a[ab + static_cast<std::size_t>(x)]});
        }
    }
    while (x > 0 && y > 0) {
        --x;
        --y;
        rev.push_back({DiffLine::Kind::same, a[ab + static_cast<std::size_t>(x)]});
    }
    // Removed lines before added ones within each run of changes.
    std::reverse(rev.begin(), rev.end());
    for (std::size_t i = 0; i < rev.size();) {
        if (rev[i].kind == DiffLine::Kind::same) {
            out.push_back(std::move(rev[i++]));
            continue;
        }
        std::size_t j = i;
        while (j < rev.size() && rev[j].kind != DiffLine::Kind::same) ++j;
        for (std::size_t t = i; t < j; ++t)
            if (rev[t].kind == DiffLine::Kind::removed) out.push_back(std::move(rev[t]));
        for (std::size_t t = i; t < j; ++t)
            if (rev[t].kind == DiffLine::Kind::added) out.push_back(std::move(rev[t]));
        i = j;
    }
    return true;
}

}  // namespace

std::vector<DiffLine> diff_lines(std::string_view before, std::string_view after, std::size_t max_edits) {
    const Lines a = split_lines(before), b = split_lines(after);
    std::size_t head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
    std::size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
    std::vector<DiffLine> out;
    for (std::size_t i = 0; i < head; ++i) out.push_back({DiffLine::Kind::same, a[i]});
    const std::size_t ae = a.size() - tail, be = b.size() - tail;
    if (!myers(a, head, ae, b, head, be, max_edits, out)) {
        for (std::size_t i = head; i < ae; ++i) out.push_back({DiffLine::Kind::removed, a[i]});
        for (std::size_t i = head; i < be; ++i) out.push_back({DiffLine::Kind::added, b[i]});
    }
    for (std::size_t i = ae; i < a.size(); ++i) out.push_back({DiffLine::Kind::same, a[i]});
    return out;
}

}  // namespace coopdec
