// @brief French-first text analysis shared by the indexer and the query side:
// one tokenizer, one normaliser, one stemming policy, so that what is indexed
// is exactly what a query asks for.
#pragma once

#include <array>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace coopdec::analysis {

// Lower-cases and folds a UTF-8 string for matching: accents removed
// (é→e, Ç→c, also in decomposed form: combining marks are dropped),
// ligatures expanded (œ→oe, æ→ae, ß→ss, ﬁ→fi), typographic apostrophes
// ’ ‘ ʼ → ', º→o, the Ewe/Kabiyè letters ɛ ɔ ɖ ƒ ɣ ʋ ŋ ɩ ʊ → e o d f g v n i u.
// Covers ASCII, Latin-1 Supplement and Latin Extended-A; other scripts are
// kept as they are (not lower-cased). Soft hyphens and zero-width characters
// are dropped, and so are invalid UTF-8 bytes: the result is valid UTF-8.
// Pure; thread-safe.
std::string fold(std::string_view text);

// One word of a text.
struct Token {
    std::string term;   // folded form, elision removed ("l'Article" → "article")
    size_t begin = 0;   // byte offsets of the word in the source text
    size_t end = 0;     //   (the elided prefix is not part of [begin, end))
    bool stop = false;  // a stop word of the text's language
};

// Splits UTF-8 text into words, in text order. Rules (the same for documents
// and queries):
//  - letters and digits make words; everything else separates them,
//    including "/", ".", "," and invalid UTF-8 ("802-53/A.P." gives
//    "802-53", "a", "p"; "12/03/2019" gives "12", "03", "2019");
//  - elisions are split off and dropped: l' d' qu' j' n' s' c' m' t'
//    jusqu' lorsqu' puisqu' quoiqu' (with ' ’ ‘ or ʼ), "l'article" →
//    "article";
//  - any other apostrophe between two letters joins them: "aujourd'hui",
//    "aujourd’hui" and "aujourdhui" all read "aujourdhui" (English "don't"
//    reads "dont"); an apostrophe not between letters is a quotation mark;
//  - a hyphen splits words ("savoir-faire" → "savoir", "faire") except
//    between digits, so legal identifiers stay whole ("2019-006");
//  - "n°", "nº", "no", "N°", "n °" directly before a number (with spaces or
//    a dot between, or nothing: "n°2019-006") are dropped (they only mean
//    "number"), so "n° 2019-006" and "2019-006" read the same;
//  - "art." / "art" before a number reads "article";
//  - a word longer than 64 bytes once folded is dropped (noise, and Xapian
//    limits term length).
// Token.term is fold()ed. `lang` is any tag normalise_lang() accepts; it only
// chooses the stop-word list. Pure; thread-safe.
std::vector<Token> tokenize(std::string_view text, std::string_view lang = "fr");

// The stem used for the "Z" terms of a language (any tag normalise_lang()
// accepts, e.g. "fr", "fra", "en-GB") of a word as tokenize() gives it.
// Languages with no stemmer, and words containing a digit ("2019-006",
// "1er"), get the word itself. For French, a few inflections that Snowball
// misses on unaccented words are undone first, so that masculine, feminine,
// singular and plural meet: "elu", "elus", "élue", "élues" all stem to "elu";
// "decentralise" and "décentralisées" to "decentralis". Thread-safe (keeps
// one Xapian::Stem per thread and language).
std::string stem(std::string_view folded_word, std::string_view lang);

// Answers "is stem(w, lang) one of `stems`?" for many words w (as
// tokenize() gives them), stemming only the words whose stem could be one of
// `stems`. The answer is always that of `stems.count(stem(w, lang)) > 0`.
// Keeps references to `stems` and `lang`: both must outlive it. Thread-safe
// for const use, as stem() is.
class StemSet {
public:
    StemSet(const std::set<std::string>& stems, std::string_view lang);
    bool has_stem_of(std::string_view folded_word) const;

private:
    const std::set<std::string>& stems_;
    std::string_view lang_;
    bool by_first_byte_ = false;      // words are screened by their first byte
    std::array<bool, 256> firsts_{};  // the first bytes of `stems`
};

// True when `lang` (any tag normalise_lang() accepts) has a Snowball stemmer
// in Xapian.
bool has_stemmer(std::string_view lang);

// Normalises a language tag found in a file ("fra", "fre", "fr-TG", "FR",
// "eng", "ita", "ewe") to ISO 639-1 ("fr", "en", "it", "ee"): the primary
// subtag (before "-" or "_"), lower-cased, with the ISO 639-2 codes of the
// languages we know mapped to their two letters. Unknown tags come back as
// that lower-cased primary subtag ("kbp-TG" → "kbp"); empty stays empty.
std::string normalise_lang(std::string_view tag);

// True for a stop word of `lang` (any tag normalise_lang() accepts), given in
// folded form. French and English have lists; other languages have none.
bool is_stop_word(std::string_view folded_word, std::string_view lang);

}  // namespace coopdec::analysis
