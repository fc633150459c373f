// @brief Spelling suggestions by edit distance over the lexicon.
//
// Xapian's own spelling table would have to be kept in step with every
// re-indexed and removed file; the lexicon already is, and the scan runs
// only when a search found nothing.
#include "search/spelling.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "common/analysis.h"
#include "common/schema.h"
#include "search/dictionary.h"
#include "search/names.h"

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

std::string suggest_spelling(const Xapian::Database& db, std::string_view word, const Names* names, size_t* distance) {
    if (word.empty() || std::isdigit(static_cast<unsigned char>(word[0]))) return {};
    const std::string w(word);
    const Xapian::doccount typed_freq = db.get_termfreq(w);
    const size_t limit = w.size() <= 4 ? 1 : 2;
    std::string best;
    size_t best_dist = limit + 1;
    Xapian::doccount best_freq = 0;
    auto consider = [&](const std::string& term, Xapian::doccount freq) {
        if (term == w || freq <= typed_freq) return;  // never rarer than what was typed
        if (term.empty() || std::isdigit(static_cast<unsigned char>(term[0]))) return;
        if (analysis::is_stop_word(term, "fr")) return;  // « puits » is not « puis »
        size_t d = edit_distance(w, term, std::min(limit, best_dist));
        if (d > limit) return;
        if (d < best_dist || (d == best_dist && freq > best_freq)) {
            best = term;
            best_dist = d;
            best_freq = freq;
        }
    };
    // The index's words that start with the same letter: a typo is rarely
    // in the first letter, and the lexicon of a large index is read from
    // disk, so reading it all for every misspelt word would cost a
    // search's time many times over. Names are read whole (they are few,
    // and in memory): « palime » finds « kpalime ».
    const std::string first(1, w[0]);
    for (Xapian::TermIterator t = db.allterms_begin(first); t != db.allterms_end(first); ++t)
        consider(*t, t.get_termfreq());
    if (names)
        for (const std::string& n : names->name_words()) consider(n, std::max<Xapian::doccount>(1, db.get_termfreq(n)));
    if (distance) *distance = best_dist;
    return best;
}

bool known_word(const Xapian::Database& db, std::string_view word, const Names* names) {
    if (word.empty() || std::isdigit(static_cast<unsigned char>(word[0]))) return true;
    const std::string w(word);
    if (db.term_exists(w)) return true;
    if (db.term_exists(std::string(schema::kPrefixStem) + analysis::stem(w, "fr"))) return true;
    if (names && names->is_name_word(w)) return true;
    return is_french_word(w);
}

Correction corrected_query(const Xapian::Database& db, std::string_view query, const Names* names) {
    Correction out;
    out.confident = true;
    size_t copied = 0;
    for (const analysis::Token& t : analysis::tokenize(query)) {
        if (t.stop || known_word(db, t.term, names)) continue;
        size_t distance = 0;
        std::string fix = suggest_spelling(db, t.term, names, &distance);
        if (fix.empty()) continue;
        // Two edits in a short word reach too many others (« covid » →
        // « civil »): a suggestion, not an answer.
        if (distance > 1 && t.term.size() < 7) out.confident = false;
        out.text.append(query.substr(copied, t.begin - copied));
        out.text += fix;
        copied = t.end;
    }
    if (out.text.empty()) return {};
    out.text.append(query.substr(copied));
    return out;
}

}  // namespace coopdec
