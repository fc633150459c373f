// @brief Spelling suggestions by edit distance over the lexicon.
//
// Xapian's own spelling table would have to be kept in step with every
// re-indexed and removed file; the lexicon already is, and the scan runs
// only when a search found nothing.
#include "search/spelling.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace coopdec {

size_t edit_distance(std::string_view a, std::string_view b, size_t limit) {
    size_t n = a.size(), m = b.size();
    if ((n > m ? n - m : m - n) > limit) return limit + 1;
    std::vector<size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (size_t j = 0; j <= m; ++j) prev[j] = j;
    for (size_t i = 1; i <= n; ++i) {
        cur[0] = i;
        size_t row_min = cur[0];
        for (size_t j = 1; j <= m; ++j) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
            row_min = std::min(row_min, cur[j]);
        }
        if (row_min > limit) return limit + 1;
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

std::string suggest_spelling(const Xapian::Database& db, std::string_view word) {
    if (word.empty() || std::isdigit(static_cast<unsigned char>(word[0]))) return {};
    std::string w(word);
    if (db.term_exists(w)) return {};
    size_t limit = w.size() <= 4 ? 1 : 2;
    std::string best;
    size_t best_dist = limit + 1;
    Xapian::doccount best_freq = 0;
    const std::string first(1, w[0]);
    for (auto t = db.allterms_begin(first); t != db.allterms_end(first); ++t) {
        const std::string term = *t;
        size_t d = edit_distance(w, term, std::min(limit, best_dist));
        if (d > limit) continue;
        Xapian::doccount f = t.get_termfreq();
        if (d < best_dist || (d == best_dist && f > best_freq)) {
            best = term;
            best_dist = d;
            best_freq = f;
        }
    }
    return best;
}

}  // namespace coopdec
