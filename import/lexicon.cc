// @brief Loading and looking up the repair's known words.
#include "import/lexicon.h"

#include <filesystem>
#include <fstream>

#include <pugixml.hpp>

#include "common/utf8.h"
#include "import/words.h"

namespace coopdec::import {
namespace {

char32_t lower(char32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
    if (c == 0x152) return 0x153;
    if (c == 0x178) return 0xFF;
    return c;
}

void text_of(const pugi::xml_node& node, std::string& out) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
            out += c.value();
            out += ' ';
        } else if (c.type() == pugi::node_element) {
            text_of(c, out);
        }
    }
}

}  // namespace

std::string lexicon_key(std::string_view word) {
    std::string key;
    key.reserve(word.size());
    std::size_t p = 0;
    while (p < word.size()) {
        char32_t c = utf8::decode(word, p);
        if (c == utf8::kInvalid) continue;
        c = lower(c);
        if (c == 0x153) {
            key += "oe";
        } else if (c == 0xE6) {
            key += "ae";
        } else if (c == 0x2019 || c == 0x2018) {
            key += '\'';
        } else {
            utf8::append(key, c);
        }
    }
    return key;
}

bool Lexicon::add_word_list(const std::string& path) {
    std::ifstream in(path);
    if (!in) return false;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) dictionary_.insert(lexicon_key(line));
    }
    return true;
}

void Lexicon::add_word(std::string_view word) { dictionary_.insert(lexicon_key(word)); }

std::unordered_set<std::string> document_keys(std::string_view text) {
    std::unordered_set<std::string> keys;
    for (const Token& t : tokens(text)) {
        if (t.core_begin == t.core_end) continue;
        for (const std::string& part : word_parts(text.substr(t.core_begin, t.core_end - t.core_begin)))
            keys.insert(lexicon_key(part));
    }
    return keys;
}

void Lexicon::add_document_text(std::string_view text) {
    for (const std::string& key : document_keys(text)) ++corpus_[key];
}

bool Lexicon::known(std::string_view word, const std::unordered_set<std::string>* own) const {
    std::string key = lexicon_key(word);
    if (dictionary_.count(key)) return true;
    auto it = corpus_.find(key);
    if (it == corpus_.end()) return false;
    int others = it->second - ((own && own->count(key)) ? 1 : 0);
    return others > 0;
}

std::size_t add_corpus_vocabulary(Lexicon& lexicon, const std::string& dir, const std::string& except) {
    namespace fs = std::filesystem;
    std::size_t files = 0;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec) || it->path().extension() != ".xml") continue;
        std::error_code same_ec;  // apart: a missing `except` must not end the walk
        if (!except.empty() && fs::equivalent(it->path(), except, same_ec)) continue;
        pugi::xml_document doc;
        // No DOCTYPE or entity processing beyond the predefined ones: pugixml
        // never reads external entities.
        if (!doc.load_file(it->path().c_str(), pugi::parse_default)) continue;
        std::string text;
        text_of(doc, text);
        lexicon.add_document_text(text);
        ++files;
    }
    return files;
}

}  // namespace coopdec::import
