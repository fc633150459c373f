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

bool is_highlighted(const analysis::Token& tok, const Highlight& hl, std::string_view lang) {
    if (hl.words.count(tok.term)) return true;
    if (!tok.stop && !hl.stems.empty() && hl.stems.count(analysis::stem(tok.term, lang))) return true;
    for (const auto& p : hl.prefixes)
        if (tok.term.compare(0, p.size(), p) == 0) return true;
    return false;
}

// Most words of a passage cannot stem to one of the few stems of a query:
// analysis::StemSet answers those without stemming them.
std::vector<char> highlighted(const std::vector<analysis::Token>& toks, const Highlight& hl, std::string_view lang) {
    std::vector<char> hit(toks.size(), 0);
    const analysis::StemSet stems(hl.stems, lang);
    for (size_t i = 0; i < toks.size(); ++i) {
        const analysis::Token& tok = toks[i];
        bool yes = hl.words.count(tok.term) || (!tok.stop && stems.has_stem_of(tok.term));
        for (auto p = hl.prefixes.begin(); !yes && p != hl.prefixes.end(); ++p) yes = tok.term.starts_with(*p);
        hit[i] = yes ? 1 : 0;
    }
    return hit;
}

std::string make_snippet(std::string_view text, const Highlight& hl, std::string_view lang, size_t max_words) {
    auto toks = analysis::tokenize(text, lang);
    if (toks.empty()) return html_escape(text.substr(0, 200));

    const std::vector<char> hit = highlighted(toks, hl, lang);

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
    out.reserve(end - begin + (end - begin) / 8 + 64);
    if (begin > 0) out += "… ";
    size_t pos = begin;
    for (size_t i = best; i < best + w; ++i) {
        if (!hit[i]) continue;
        append_html_escaped(out, text.substr(pos, toks[i].begin - pos));
        out += "<mark>";
        append_html_escaped(out, text.substr(toks[i].begin, toks[i].end - toks[i].begin));
        out += "</mark>";
        pos = toks[i].end;
    }
    append_html_escaped(out, text.substr(pos, end - pos));
    if (end < text.size()) out += " …";
    return out;
}

std::string highlight_html(std::string_view html, const Highlight& hl, std::string_view lang) {
    if (hl.words.empty() && hl.stems.empty() && hl.prefixes.empty()) return std::string(html);
    std::string out;
    out.reserve(html.size() + html.size() / 8);
    size_t pos = 0;
    while (pos < html.size()) {
        size_t lt = html.find('<', pos);
        std::string_view text = html.substr(pos, lt == std::string_view::npos ? std::string_view::npos : lt - pos);
        size_t done = 0;
        for (const auto& tok : analysis::tokenize(text, lang)) {
            // A word inside an entity ("&amp;", "&#39;") is not a word.
            bool in_entity = tok.begin > 0 && (text[tok.begin - 1] == '&' || text[tok.begin - 1] == '#');
            if (in_entity || !is_highlighted(tok, hl, lang)) continue;
            out.append(text.substr(done, tok.begin - done));
            out += "<mark>";
            out.append(text.substr(tok.begin, tok.end - tok.begin));
            out += "</mark>";
            done = tok.end;
        }
        out.append(text.substr(done));
        if (lt == std::string_view::npos) break;
        size_t gt = html.find('>', lt);
        if (gt == std::string_view::npos) gt = html.size() - 1;
        out.append(html.substr(lt, gt - lt + 1));
        pos = gt + 1;
    }
    return out;
}

}  // namespace coopdec
