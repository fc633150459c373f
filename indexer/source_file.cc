// @brief Source files of a run: walking, hashing, their stored state.
#include "indexer/source_file.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;

namespace coopdec {
namespace {

std::string hex64(uint64_t h) {
    static const char* digits = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) s[i] = digits[h & 15];
    return s;
}

}  // namespace

std::string content_hash(std::string_view bytes) {
    uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return hex64(h);
}

std::string file_key(const std::string& abs) { return abs.size() <= 200 ? abs : "h:" + content_hash(abs); }

std::string peek_root(std::string_view text) {
    size_t pos = 0;
    while ((pos = text.find('<', pos)) != std::string_view::npos) {
        if (pos + 1 >= text.size()) break;
        char c = text[pos + 1];
        if (c == '?' || c == '!') {
            pos += 2;
            continue;
        }
        size_t end = text.find_first_of(" \t\r\n/>", pos + 1);
        std::string name(text.substr(pos + 1, end == std::string_view::npos ? std::string_view::npos : end - pos - 1));
        size_t colon = name.find(':');
        return colon == std::string::npos ? name : name.substr(colon + 1);
    }
    return {};
}

std::vector<std::string> walk(const std::vector<std::string>& inputs, std::FILE* log, size_t& errors) {
    std::vector<std::string> files;
    for (const auto& input : inputs) {
        std::error_code ec;
        if (fs::is_regular_file(input, ec)) {
            files.push_back(input);
        } else if (fs::is_directory(input, ec)) {
            std::vector<std::string> found;
            for (auto it = fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (it->is_regular_file(ec) && it->path().extension() == ".xml") found.push_back(it->path().string());
            }
            if (ec) {
                if (log)
                    std::fprintf(log, "%s: lecture du dossier impossible : %s\n", input.c_str(), ec.message().c_str());
                ++errors;
            }
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else {
            if (log) std::fprintf(log, "%s: fichier ou dossier introuvable\n", input.c_str());
            ++errors;
        }
    }
    return files;
}

std::string encode_state(const FileState& s) { return s.signature + '\t' + s.doc_id + '\t' + s.deps + '\t' + s.path; }

FileState decode_state(const std::string& v) {
    FileState s;
    std::istringstream in(v);
    std::getline(in, s.signature, '\t');
    std::getline(in, s.doc_id, '\t');
    std::getline(in, s.deps, '\t');
    std::getline(in, s.path);
    return s;
}

std::string dependency_signature(const std::vector<std::string>& ids,
                                 const std::map<std::string, std::string>& hashes) {
    std::string out;
    for (const auto& id : ids) {
        auto it = hashes.find(id);
        if (!out.empty()) out += ' ';
        out += id + '=' + (it == hashes.end() ? std::string("-") : it->second);
    }
    return out;
}

std::string refresh_deps(const std::string& stored, const std::map<std::string, std::string>& hashes) {
    std::vector<std::string> ids;
    std::istringstream in(stored);
    std::string item;
    while (in >> item) ids.push_back(item.substr(0, item.find('=')));
    return dependency_signature(ids, hashes);
}

}  // namespace coopdec
