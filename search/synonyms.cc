// @brief Synonym groups: parsing, matching, reloading.
#include "search/synonyms.h"

#include <fstream>
#include <sstream>

#include "common/analysis.h"

namespace coopdec {

Synonyms Synonyms::parse(std::string_view text) {
    Synonyms s;
    std::istringstream in{std::string(text)};
    std::string line;
    while (std::getline(in, line)) {
        if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
        std::vector<Phrase> group;
        std::vector<std::vector<std::string>> stems;
        std::vector<std::string> labels;
        std::istringstream terms(line);
        std::string term;
        while (std::getline(terms, term, ',')) {
            Phrase words;
            std::vector<std::string> stemmed;
            // Stop words are kept: "plan de développement communal" is
            // matched word for word, stop words included.
            for (const auto& tok : analysis::tokenize(term)) {
                words.push_back(tok.term);
                stemmed.push_back(analysis::stem(tok.term, "fr"));
            }
            if (!words.empty()) {
                group.push_back(std::move(words));
                stems.push_back(std::move(stemmed));
                size_t b = term.find_first_not_of(" \t\r"), e = term.find_last_not_of(" \t\r");
                labels.push_back(term.substr(b, e - b + 1));
            }
        }
        if (group.size() >= 2) {
            s.groups_.push_back(std::move(group));
            s.stems_.push_back(std::move(stems));
            s.labels_.push_back(std::move(labels));
        }
    }
    return s;
}

size_t Synonyms::match(const std::vector<std::string>& words, size_t at, size_t& group) const {
    size_t best = 0;
    for (size_t g = 0; g < stems_.size(); ++g) {
        for (const auto& phrase : stems_[g]) {
            if (phrase.size() <= best || at + phrase.size() > words.size()) continue;
            bool same = true;
            for (size_t k = 0; k < phrase.size() && same; ++k) same = analysis::stem(words[at + k], "fr") == phrase[k];
            if (same) {
                best = phrase.size();
                group = g;
            }
        }
    }
    return best;
}

SynonymsFile::SynonymsFile(std::filesystem::path path)
    : path_(std::move(path)), synonyms_(std::make_shared<Synonyms>()) {}

std::shared_ptr<const Synonyms> SynonymsFile::current() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (path_.empty()) return synonyms_;
    std::error_code ec;
    auto mtime = std::filesystem::last_write_time(path_, ec);
    if (ec) return synonyms_;
    auto size = std::filesystem::file_size(path_, ec);
    if (ec || (mtime == mtime_ && size == size_)) return synonyms_;
    std::ifstream in(path_, std::ios::binary);
    if (!in) return synonyms_;
    std::ostringstream text;
    text << in.rdbuf();
    synonyms_ = std::make_shared<Synonyms>(Synonyms::parse(text.str()));
    mtime_ = mtime;
    size_ = size;
    return synonyms_;
}

}  // namespace coopdec
