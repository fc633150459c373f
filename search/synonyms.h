// @brief Synonyms and acronyms applied at query time, from a plain text file
// the operator edits (corpus/synonymes.txt): one group per line, its terms
// separated by commas; "#" starts a comment.
//
//   jumelage, partenariat, coopération décentralisée
//   CT, collectivité territoriale
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace coopdec {

class Synonyms {
public:
    // One term of a group, analysed: its folded words.
    using Phrase = std::vector<std::string>;

    // Parses the file's text. Lines with fewer than two terms are ignored;
    // a term's words are folded with the common analysis.
    static Synonyms parse(std::string_view text);

    // The groups, each a list of phrases.
    const std::vector<std::vector<Phrase>>& groups() const { return groups_; }
    // The terms as the file writes them (same shape as groups()), for display.
    const std::vector<std::vector<std::string>>& labels() const { return labels_; }

    // The longest phrase of some group that starts at words[at] (compared on
    // French stems, so plurals match); returns its length in words (0: none)
    // and sets `group` to its group's index.
    size_t match(const std::vector<std::string>& words, size_t at, size_t& group) const;

    bool empty() const { return groups_.empty(); }

private:
    std::vector<std::vector<Phrase>> groups_;
    std::vector<std::vector<std::string>> labels_;
    std::vector<std::vector<std::vector<std::string>>> stems_;  // same shape, stemmed
};

// A synonyms file that is read again when it changes, so the operator can
// edit it without restarting anything. Thread-safe.
class SynonymsFile {
public:
    // `path` may be empty or missing: then there are no synonyms.
    explicit SynonymsFile(std::filesystem::path path);

    // The current synonyms: re-reads the file when its modification time or
    // size changed since the last call (one stat per call). A file that
    // cannot be read keeps the last good version.
    std::shared_ptr<const Synonyms> current();

private:
    std::filesystem::path path_;
    std::mutex mutex_;
    std::filesystem::file_time_type mtime_{};
    std::uintmax_t size_ = 0;
    std::shared_ptr<const Synonyms> synonyms_;
};

}  // namespace coopdec
