// @brief Snippets, highlighted on the source text's own spelling.
//
// The text is tokenized by the same analysis as the index, and a token's
// byte offsets point into the original text: the accented words the reader
// wrote are kept, and "decentralisee" highlights « décentralisée ».
#include "search/snippet.h"

#include <vector>

#include "common/analysis.h"
#include "common/escape.h"

namespace coopdec {

std::string make_snippet(std::string_view text, const Highlight& hl, std::string_view lang, size_t max_words) {
    auto toks = analysis::tokenize(text, lang);
    if (toks.empty()) return html_escape(text.substr(0, 200));

    std::vector<char> hit(toks.size(), 0);
    for (size_t i = 0; i < toks.size(); ++i) {
        const std::string& t = toks[i].term;
        bool h = hl.words.count(t) > 0;
        if (!h && !toks[i].stop) h = hl.stems.count(analysis::stem(t, lang)) > 0;
        for (const auto& p : hl.prefixes)
            if (!h && t.compare(0, p.size(), p) == 0) h = true;
        hit[i] = h;
    }

    // The window with the most hits (earliest on ties).
    size_t n = toks.size(), w = std::min(max_words, n);
    size_t best = 0, best_hits = 0, hits = 0;
    for (size_t i = 0; i < w; ++i) hits += hit[i];
    best_hits = hits;
    for (size_t i = w; i < n; ++i) {
        hits += hit[i];
        hits -= hit[i - w];
        if (hits > best_hits) {
            best_hits = hits;
            best = i - w + 1;
        }
    }
    // Start a few words before the first hit, so it has some context.
    if (best_hits > 0) {
        size_t first = best;
        while (!hit[first]) ++first;
        size_t lead = std::min<size_t>(4, first);
        best = std::min(first - lead, n - w);
    }

    size_t begin = best == 0 ? 0 : toks[best].begin;
    size_t end = best + w >= n ? text.size() : toks[best + w - 1].end;
    std::string out;
    if (begin > 0) out += "… ";
    size_t pos = begin;
    for (size_t i = best; i < best + w; ++i) {
        if (!hit[i]) continue;
        out += html_escape(text.substr(pos, toks[i].begin - pos));
        out += "<mark>";
        out += html_escape(text.substr(toks[i].begin, toks[i].end - toks[i].begin));
        out += "</mark>";
        pos = toks[i].end;
    }
    out += html_escape(text.substr(pos, end - pos));
    if (end < text.size()) out += " …";
    return out;
}

}  // namespace coopdec
