// @brief The words the repair of mis-decoded text trusts: a French word list
// from Debian (wfrench) and the vocabulary of the corpus's own documents.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace coopdec::textio {

// Where Debian's wfrench package puts its word list.
inline constexpr const char* kFrenchWordList = "/usr/share/dict/french";

// The form words are compared in: lower case (French capitals included),
// « œ »/« æ » spelt out, typographic apostrophes as «'». Accents are kept:
// « dêcision » must not pass for « décision ».
std::string lexicon_key(std::string_view word);

// A set of known words. Not thread-safe for writing; const use from several
// threads is safe.
class Lexicon {
public:
    // Adds every line of a word list (UTF-8, one word per line). Returns
    // false when the file cannot be read.
    bool add_word_list(const std::string& path);
    // Adds one dictionary word.
    void add_word(std::string_view word);
    // Adds the vocabulary of one document's text: each word, and the parts
    // of words joined by apostrophes or hyphens. Counted per document, so
    // that a check of a document can leave its own words out (known()).
    void add_document_text(std::string_view text);

    // True when word is a dictionary word, or a word of some document other
    // than the one whose keys are in own (own may be null).
    bool known(std::string_view word, const std::unordered_set<std::string>* own = nullptr) const;

    std::size_t dictionary_size() const { return entries_.size(); }
    std::size_t corpus_size() const { return corpus_.size(); }

private:
    bool in_dictionary(std::string_view key) const;
    void add_key(std::string_view key);
    void grow();

    // The dictionary: its keys one after another in storage_, found through
    // an open-addressing table. One allocation for 346,000 words, where a
    // set of strings made one per word: loading took 0.25 s, and 5 s under
    // AddressSanitizer, for every coopdec-import and every test.
    std::string storage_;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> entries_;  // offset, length in storage_
    std::vector<std::uint32_t> slots_;                              // entry index + 1, 0 when free; a power of two long
    std::unordered_map<std::string, int> corpus_;                   // key -> documents using it
};

// The keys add_document_text() would add for text: what a caller passes as
// `own` to leave a document's own words out.
std::unordered_set<std::string> document_keys(std::string_view text);

// Adds the text of every *.xml file under dir (recursively), one document
// per file; comments, tags and attributes are left out. Unreadable or
// malformed files are skipped: the vocabulary only helps. A file at the
// path `except` is left out (the file an import is about to replace, so that
// the old version's words do not decide the new one). Returns the number of
// files read.
std::size_t add_corpus_vocabulary(Lexicon& lexicon, const std::string& dir, const std::string& except = {});

}  // namespace coopdec::textio
