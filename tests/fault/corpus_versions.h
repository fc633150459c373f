// @brief Two versions of a corpus for the crash and live re-indexing tests:
// v1 (the bundled corpus, a part of it in a sanitized build, or a generated
// large one) and v2, where EVERY file changed (a re-index of everything), two
// agreements are gone and one is new. A reader that sees a run half applied
// sees a state that is neither.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

#include "tests/fault/child.h"

namespace coopdec::test {

// Relative path → contents: a corpus in memory.
using Corpus = std::map<std::string, std::string>;

// The word v2 adds to every paragraph: found nowhere in v1.
inline const char kMarker[] = "zorglubien";

// The *.xml files under `dir`.
inline Corpus load_corpus(const std::string& dir) {
    Corpus c;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file() || e.path().extension() != ".xml") continue;
        std::ifstream in(e.path(), std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        c[std::filesystem::relative(e.path(), dir).string()] = s.str();
    }
    return c;
}

// Makes `dir` hold exactly `c`: files not in it removed, changed ones rewritten
// (each written whole under a temporary name, then renamed over).
inline void write_corpus(const std::string& dir, const Corpus& c) {
    namespace fs = std::filesystem;
    if (fs::exists(dir)) {
        for (const auto& rel : load_corpus(dir))
            if (!c.count(rel.first)) fs::remove(fs::path(dir) / rel.first);
    }
    for (const auto& [rel, text] : c) {
        fs::path p = fs::path(dir) / rel;
        fs::create_directories(p.parent_path());
        std::ifstream in(p, std::ios::binary);
        std::ostringstream old;
        if (in) old << in.rdbuf();
        if (in && old.str() == text) continue;
        fs::path tmp = p;
        tmp += ".tmp";
        std::ofstream(tmp, std::ios::binary) << text;
        fs::rename(tmp, p);
    }
}

// The root agreements (<convention …>), by path.
inline std::vector<std::string> agreements(const Corpus& c) {
    std::vector<std::string> out;
    for (const auto& [rel, text] : c)
        if (text.find("<convention ") != std::string::npos) out.push_back(rel);
    return out;
}

// The first `id="…"` value of `text` (the root's, in the project formats).
inline std::string root_id(const std::string& text) {
    size_t at = text.find(" id=\"");
    if (at == std::string::npos) throw std::runtime_error("no id");
    at += 5;
    return text.substr(at, text.find('"', at) - at);
}

// v2 of `v1`: the marker at the start of every paragraph and a comment at the
// end of every file (so that every file, the gazetteer included, changed and
// is re-indexed); the last two agreements removed; a copy of the first one,
// under a new id, added.
inline Corpus make_v2(const Corpus& v1) {
    Corpus v2;
    for (const auto& [rel, text] : v1) {
        std::string t = text;
        for (size_t at = 0; (at = t.find("<p>", at)) != std::string::npos; at += 3)
            t.insert(at + 3, std::string(kMarker) + " ");
        v2[rel] = t + "<!-- v2 -->\n";
    }
    std::vector<std::string> conv = agreements(v1);
    if (conv.size() < 3) throw std::runtime_error("corpus without enough agreements");
    v2.erase(conv[conv.size() - 1]);
    v2.erase(conv[conv.size() - 2]);
    std::string copy = v2[conv[0]];
    std::string id = root_id(copy);
    copy.replace(copy.find(" id=\"" + id + "\""), id.size() + 6, " id=\"" + id + "-bis\"");
    std::string rel = conv[0];
    v2[rel.substr(0, rel.size() - 4) + "-bis.xml"] = copy;
    return v2;
}

// The bundled corpus.
inline Corpus bundled_corpus() { return load_corpus(std::string(COOPDEC_SOURCE_DIR) + "/corpus"); }

// Whether this build runs under AddressSanitizer (scripts/test-sanitizers,
// -DCOOPDEC_SANITIZE=ON): its indexer and server are about seven times
// slower than in the ordinary build.
inline constexpr bool kSanitized =
#if defined(__SANITIZE_ADDRESS__)
    true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    true;
#else
    false;
#endif
#else
    false;
#endif

// The corpus of the bounded fault tests: the bundled corpus. In a sanitized
// build, one agreement and one interview in three of it (in path order, so
// always the same ones) with every other file: still every kind of document,
// every partnership record, the gazetteer and the laws, for the same queries;
// nothing else refers to agreements or interviews, so none is missed. Each
// run then costs less than half as much: the tests' checks are the same.
inline Corpus fault_corpus() {
    Corpus c = bundled_corpus();
    if (!kSanitized) return c;
    size_t agreement = 0, interview = 0;
    for (auto it = c.begin(); it != c.end();) {
        bool is_agreement = it->second.find("<convention ") != std::string::npos;
        bool is_interview = it->second.find("<TEI ") != std::string::npos;
        bool drop = (is_agreement && agreement++ % 3 != 0) || (is_interview && interview++ % 3 != 0);
        it = drop ? c.erase(it) : std::next(it);
    }
    return c;
}

// A large corpus of about `units` units: written by coopdec-gencorpus when it
// is built, otherwise the bundled corpus plus copies of its agreements under
// new ids, as many as it takes.
inline Corpus large_corpus(const std::string& scratch, size_t units) {
    std::string gen = std::string(COOPDEC_BIN_DIR) + "/coopdec-gencorpus";
    if (std::filesystem::exists(gen)) {
        std::string out, err;
        int status = run(gen, {"--out", scratch, "--units", std::to_string(units), "--seed", "5", "--quiet"}, out, err);
        if (status != 0) throw std::runtime_error("coopdec-gencorpus: " + err);
        Corpus c = load_corpus(scratch);
        std::filesystem::remove_all(scratch);
        return c;
    }
    Corpus c = bundled_corpus();
    std::vector<std::string> conv = agreements(c);
    const size_t units_per_copy = 10;  // an agreement: its clauses and the whole document, about ten units
    for (size_t n = 1; n * conv.size() * units_per_copy < units; ++n) {
        for (const auto& rel : conv) {
            std::string text = c.at(rel);
            std::string id = root_id(text);
            std::string new_id = id + "-copie-" + std::to_string(n);
            text.replace(text.find(" id=\"" + id + "\""), id.size() + 6, " id=\"" + new_id + "\"");
            c["copies/" + std::to_string(n) + "/" + new_id + ".xml"] = text;
        }
    }
    return c;
}

}  // namespace coopdec::test
