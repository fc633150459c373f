// @brief The folded French word list: one buffer, sorted, searched by bisection.
//
// 346,000 words as one string of sorted, distinct keys and their offsets:
// two allocations where a set of strings makes one per word.
#include "search/dictionary.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "common/analysis.h"

namespace coopdec {
namespace {

struct Words {
    std::string keys;                    // every key, each followed by '\n'
    std::vector<std::uint32_t> offsets;  // where each key starts, in key order

    std::string_view at(size_t i) const {
        size_t end = keys.find('\n', offsets[i]);
        return std::string_view(keys).substr(offsets[i], end - offsets[i]);
    }
};

Words load() {
    std::vector<std::string> folded;
    std::ifstream in(kFrenchWords);
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        // Most words are plain lower-case ASCII, already folded: fold() only
        // the others (the list is read once, by the first misspelt query).
        const bool plain = std::all_of(line.begin(), line.end(), [](char c) { return c >= 'a' && c <= 'z'; });
        folded.push_back(plain ? std::move(line) : analysis::fold(line));
    }
    std::sort(folded.begin(), folded.end());
    folded.erase(std::unique(folded.begin(), folded.end()), folded.end());
    Words w;
    w.offsets.reserve(folded.size());
    for (const std::string& f : folded) {
        w.offsets.push_back(static_cast<std::uint32_t>(w.keys.size()));
        w.keys += f;
        w.keys += '\n';
    }
    return w;
}

}  // namespace

bool is_french_word(std::string_view word) {
    static const Words words = load();  // thread-safe initialisation
    size_t lo = 0, hi = words.offsets.size();
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (words.at(mid) < word)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < words.offsets.size() && words.at(lo) == word;
}

}  // namespace coopdec
