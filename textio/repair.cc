// @brief Word-by-word repair of mis-decoded text against a lexicon.
#include "textio/repair.h"

#include <algorithm>
#include <unordered_map>

#include "common/utf8.h"
#include "textio/mojibake.h"
#include "textio/words.h"

namespace coopdec::textio {
namespace {

// Elided forms of French: « l' », « qu' »… They stand before a word that
// starts with a vowel or a mute h, which rules out readings such as « T’ne »
// for « Tône ».
constexpr std::string_view kElisions[] = {"l", "d",  "j",     "m",      "n",      "s",      "t",
                                          "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"};

bool starts_with_vowel_or_h(std::string_view w) {
    if (w.empty()) return false;
    std::size_t p = 0;
    std::string first;
    utf8::append(first, utf8::decode(w, p));
    std::string k = lexicon_key(first);
    static const std::string_view kVowels[] = {"a", "e", "i", "o", "u", "y", "h", "à", "â",  "é", "è",
                                               "ê", "ë", "î", "ï", "ô", "û", "ù", "ü", "oe", "ae"};
    for (std::string_view v : kVowels)
        if (k.rfind(v, 0) == 0) return true;
    return false;
}

// Byte offset of the first apostrophe of w, or npos.
std::size_t apostrophe(std::string_view w) {
    for (std::size_t p = 0; p < w.size();) {
        std::size_t at = p;
        char32_t c = utf8::decode(w, p);
        if (c == '\'' || c == 0x2019 || c == 0x2018) return at;
    }
    return std::string_view::npos;
}

// One place in a word where a family's garbled string occurs.
struct Occurrence {
    std::size_t begin, length;
    std::vector<const std::string*> readings;  // the originals it may stand for
};

std::vector<Occurrence> occurrences(std::string_view word, const MojibakeFamily& family) {
    std::vector<Occurrence> out;
    for (std::size_t p = 0; p < word.size();) {
        std::size_t matched = 0;
        Occurrence occ{p, 0, {}};
        for (const auto& e : family.entries) {  // longest first
            if (matched && e.garbled.size() < matched) break;
            if (word.compare(p, e.garbled.size(), e.garbled) == 0) {
                matched = e.garbled.size();
                occ.length = matched;
                occ.readings.push_back(&e.original);
            }
        }
        if (matched) {
            out.push_back(std::move(occ));
            p += matched;
        } else {
            utf8::decode(word, p);
        }
    }
    return out;
}

std::string spell(std::string_view word, const std::vector<Occurrence>& occ, const std::vector<int>& choice) {
    std::string out;
    std::size_t last = 0;
    for (std::size_t i = 0; i < occ.size(); ++i) {
        if (choice[i] < 0) continue;
        out.append(word.substr(last, occ[i].begin - last));
        out += *occ[i].readings[choice[i]];
        last = occ[i].begin + occ[i].length;
    }
    out.append(word.substr(last));
    return out;
}

bool reading_is_french(const std::string& reading, const Lexicon& lexicon, const std::unordered_set<std::string>* own) {
    // Reading back may uncover punctuation (« savoir-faireé » → « savoir-faire… »).
    auto [b, e] = word_core(reading);
    if (b == e) return true;
    return reads_as_french(std::string_view(reading).substr(b, e - b), lexicon, own);
}

// True when the garbled string holds a character that is not a French
// letter (« ® », « Ã© »): strong evidence of a mis-decoding, where « ô » or
// a final « é » may well be genuine.
bool strong(std::string_view garbled) {
    for (std::size_t p = 0; p < garbled.size();)
        if (!is_french_letter(utf8::decode(garbled, p))) return true;
    return false;
}

// What a reading must be to be taken: French, and either strong (it reads
// back some character that French words do not hold) or of a family that
// the text shows elsewhere with such a character. « Anié » does not become
// « Ani… » in a clean text, while « savoir-faireé » becomes « savoir-faire… »
// in the seed, whose « v®ritable » shows the family.
struct Admission {
    const Lexicon& lexicon;
    const std::unordered_set<std::string>* own;
    bool family_active;
};

// Tries the readings of word with exactly `left` more occurrences read back,
// from occurrence i on; the first admissible reading found wins.
bool search(std::string_view word, const std::vector<Occurrence>& occ, std::vector<int>& choice, std::size_t i,
            int left, const Admission& admit, std::string& found) {
    if (left == 0) {
        bool is_strong = admit.family_active;
        for (std::size_t k = 0; k < occ.size() && !is_strong; ++k)
            is_strong = choice[k] >= 0 && strong(word.substr(occ[k].begin, occ[k].length));
        if (!is_strong) return false;
        std::string r = spell(word, occ, choice);
        if (!reading_is_french(r, admit.lexicon, admit.own)) return false;
        found = std::move(r);
        return true;
    }
    if (occ.size() - i < static_cast<std::size_t>(left)) return false;
    for (int k = 0; k < static_cast<int>(occ[i].readings.size()); ++k) {
        choice[i] = k;
        if (search(word, occ, choice, i + 1, left - 1, admit, found)) return true;
    }
    choice[i] = -1;
    return search(word, occ, choice, i + 1, left, admit, found);
}

// Beyond this many garbled places in one word, only the reading with all of
// them read back is tried. Real words hold a few (« lô®t® » three); 2^8
// readings bound the time a hostile word costs (2^12 made 24 KB of such
// words take 15 s).
constexpr std::size_t kMaxOccurrences = 8;

struct Decision {
    bool changed = false, suspicious = false, unresolved = false;
    std::string to;
    const MojibakeFamily* family = nullptr;
};

// The part of a token the repair decides on: its core, or the whole token
// when a garbled string reaches into the punctuation around the core
// (« Â« », where « « » alone would be peeled off and « Â » left). Empty
// (begin == end) for a word with nothing to decide.
std::pair<std::size_t, std::size_t> unit_of(std::string_view text, const Token& t) {
    std::string_view token = text.substr(t.begin, t.end - t.begin);
    // No garbled string is ASCII: most words are done here.
    if (std::all_of(token.begin(), token.end(), [](char c) { return (c & 0x80) == 0; })) return {0, 0};
    std::size_t cb = t.core_begin - t.begin, ce = t.core_end - t.begin;
    for (const MojibakeFamily& f : mojibake_families())
        for (const Occurrence& o : occurrences(token, f))
            if (o.begin < cb || o.begin + o.length > ce) return {t.begin, t.end};
    return {t.core_begin, t.core_end};
}

// Decides one word. `active`: the families the text shows with strong
// evidence (see Admission); null while that is being found out.
using Families = std::vector<const MojibakeFamily*>;
Decision decide(std::string_view word, const Lexicon& lexicon, const std::unordered_set<std::string>* own,
                const Families& active) {
    Decision d;
    struct Candidate {
        const MojibakeFamily* family;
        std::vector<Occurrence> occ;
    };
    std::vector<Candidate> candidates;
    for (const MojibakeFamily& f : mojibake_families()) {
        auto occ = occurrences(word, f);
        if (!occ.empty()) candidates.push_back({&f, std::move(occ)});
    }
    if (candidates.empty()) return d;
    d.suspicious = true;
    if (reading_is_french(std::string(word), lexicon, own)) return d;

    int best = 0;
    for (auto& c : candidates) {
        std::size_t n = c.occ.size();
        std::vector<int> choice(n, -1);
        std::string found;
        Admission admit{lexicon, own, std::find(active.begin(), active.end(), c.family) != active.end()};
        int lo = n > kMaxOccurrences ? static_cast<int>(n) : 1;
        for (int r = lo; r <= static_cast<int>(n) && (best == 0 || r < best); ++r) {
            std::fill(choice.begin(), choice.end(), -1);
            if (search(word, c.occ, choice, 0, r, admit, found)) {
                best = r;
                d.changed = true;
                d.to = std::move(found);
                d.family = c.family;
                break;
            }
        }
    }
    if (d.changed) return d;
    // No reading is taken: left as is. Say so when the word holds
    // characters that are not French letters (« Atakpam® »), which genuine
    // words rarely do; a word with only letters (« Müller ») is let be.
    for (const auto& c : candidates)
        for (const auto& o : c.occ)
            if (strong(word.substr(o.begin, o.length))) d.unresolved = true;
    return d;
}

}  // namespace

bool reads_as_french(std::string_view w, const Lexicon& lexicon, const std::unordered_set<std::string>* own) {
    if (w.empty()) return false;
    if (is_number(w) || w == "N°" || w == "n°" || w == "Nº" || w == "nº") return true;
    if (lexicon.known(w, own)) return true;
    std::size_t a = apostrophe(w);
    if (a != std::string_view::npos && a > 0) {
        std::string prefix = lexicon_key(w.substr(0, a));
        std::size_t after = a;
        utf8::decode(w, after);
        std::string_view rest = w.substr(after);
        bool elision = std::find(std::begin(kElisions), std::end(kElisions), prefix) != std::end(kElisions);
        return elision && starts_with_vowel_or_h(rest) && reads_as_french(rest, lexicon, own);
    }
    std::size_t h = w.find('-');
    if (h != std::string_view::npos && h > 0 && h + 1 < w.size()) {
        for (std::size_t start = 0; start <= w.size();) {
            std::size_t end = w.find('-', start);
            if (end == std::string_view::npos) end = w.size();
            if (end == start || !reads_as_french(w.substr(start, end - start), lexicon, own)) return false;
            start = end + 1;
        }
        return true;
    }
    return false;
}

RepairResult repair_text(std::string_view text, const Lexicon& lexicon, const RepairOptions& options) {
    std::vector<Token> words = tokens(text);
    // A word is decided once per pass however often it comes back.
    std::unordered_map<std::string_view, Decision> decided;
    auto decide_once = [&](std::string_view word, const Families& active) -> const Decision& {
        auto it = decided.find(word);
        if (it == decided.end()) it = decided.emplace(word, decide(word, lexicon, options.own_words, active)).first;
        return it->second;
    };
    // First pass: which families the text shows with strong evidence.
    Families active;
    for (const Token& t : words) {
        auto [ub, ue] = unit_of(text, t);
        if (ub == ue) continue;
        const Decision& d = decide_once(text.substr(ub, ue - ub), {});
        if (d.changed && std::find(active.begin(), active.end(), d.family) == active.end()) active.push_back(d.family);
    }
    decided.clear();
    RepairResult result;
    std::size_t copied = 0;
    // Line and column of the byte offset `at`, followed as tokens advance.
    TextPosition pos{1, 1};
    std::size_t counted = 0;
    auto position = [&](std::size_t at) {
        while (counted < at) {
            char32_t c = utf8::decode(text, counted);
            if (c == '\n') {
                ++pos.line;
                pos.column = 1;
            } else {
                ++pos.column;
            }
        }
        return pos;
    };
    for (const Token& t : words) {
        auto [ub, ue] = unit_of(text, t);
        if (ub == ue) continue;
        std::string_view core = text.substr(ub, ue - ub);
        const Decision& d = decide_once(core, active);
        if (d.changed) {
            result.text.append(text.substr(copied, ub - copied));
            result.text += d.to;
            copied = ue;
            result.changes.push_back({position(ub), std::string(core), d.to, d.family->description});
        } else if (d.unresolved) {
            result.doubts.push_back({position(ub), std::string(core),
                                     "« " + std::string(core) +
                                         " » semble mal décodé, mais aucune lecture ne donne un mot connu ; "
                                         "laissé tel quel"});
        }
    }
    result.text.append(text.substr(copied));
    return result;
}

std::string format_change(const std::string& file, const RepairChange& c) {
    return file + ":" + std::to_string(c.at.line) + ":" + std::to_string(c.at.column) + ": « " + c.from + " » → « " +
           c.to + " » (" + c.family + ")";
}

std::string format_doubt(const std::string& file, const RepairDoubt& d) {
    return file + ":" + std::to_string(d.at.line) + ":" + std::to_string(d.at.column) + ": à vérifier : " + d.message;
}

}  // namespace coopdec::textio
