// @brief Loading and looking up the repair's known words.
#include "textio/lexicon.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include <pugixml.hpp>

#include "common/utf8.h"
#include "textio/words.h"

namespace coopdec::textio {
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

// Appends the key of word to out (lexicon_key() without an allocation).
void append_key(std::string& out, std::string_view word) {
    std::size_t p = 0;
    while (p < word.size()) {
        char32_t c = utf8::decode(word, p);
        if (c == utf8::kInvalid) continue;
        c = lower(c);
        if (c == 0x153) {
            out += "oe";
        } else if (c == 0xE6) {
            out += "ae";
        } else if (c == 0x2019 || c == 0x2018) {
            out += '\'';
        } else {
            utf8::append(out, c);
        }
    }
}

std::uint64_t hash_of(std::string_view key) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (unsigned char c : key) h = (h ^ c) * 1099511628211ull;
    return h;
}

}  // namespace

std::string lexicon_key(std::string_view word) {
    std::string key;
    key.reserve(word.size());
    append_key(key, word);
    return key;
}

bool Lexicon::in_dictionary(std::string_view key) const {
    if (slots_.empty()) return false;
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash_of(key) & mask;; i = (i + 1) & mask) {
        std::uint32_t slot = slots_[i];
        if (slot == 0) return false;
        auto [offset, length] = entries_[slot - 1];
        if (std::string_view(storage_).substr(offset, length) == key) return true;
    }
}

void Lexicon::grow() {
    // At most half full, so that probes stay short.
    std::size_t size = slots_.empty() ? 1024 : slots_.size() * 2;
    while (size < entries_.size() * 2 + 2) size *= 2;
    slots_.assign(size, 0);
    std::size_t mask = size - 1;
    for (std::uint32_t e = 0; e < entries_.size(); ++e) {
        auto [offset, length] = entries_[e];
        std::size_t i = hash_of(std::string_view(storage_).substr(offset, length)) & mask;
        while (slots_[i] != 0) i = (i + 1) & mask;
        slots_[i] = e + 1;
    }
}

void Lexicon::add_key(std::string_view key) {
    if (key.empty() || in_dictionary(key)) return;
    entries_.emplace_back(static_cast<std::uint32_t>(storage_.size()), static_cast<std::uint32_t>(key.size()));
    storage_ += key;
    if (entries_.size() * 2 + 2 > slots_.size()) {
        grow();
        return;
    }
    std::size_t mask = slots_.size() - 1;
    std::size_t i = hash_of(key) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = static_cast<std::uint32_t>(entries_.size());
}

bool Lexicon::add_word_list(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    storage_.reserve(storage_.size() + text.size());
    std::string key;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        key.clear();
        append_key(key, line);
        add_key(key);
        start = end + 1;
    }
    return true;
}

void Lexicon::add_word(std::string_view word) { add_key(lexicon_key(word)); }

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
    if (in_dictionary(key)) return true;
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

}  // namespace coopdec::textio
