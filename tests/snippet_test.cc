// @brief Snippets' hit test: the decision made once per distinct word agrees
// with the rule applied to every word, over the bundled corpus.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "common/analysis.h"
#include "search/snippet.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace {

// The words of every file of the bundled corpus, one token list per file.
std::vector<std::vector<analysis::Token>> corpus_tokens(std::vector<std::string>& texts) {
    for (const auto& f : std::filesystem::recursive_directory_iterator(test::source_dir() + "/corpus")) {
        if (!f.is_regular_file() || f.path().extension() != ".xml") continue;
        std::ifstream in(f.path(), std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        texts.push_back(s.str());
    }
    std::vector<std::vector<analysis::Token>> out;
    for (const auto& t : texts) out.push_back(analysis::tokenize(t, "fr"));
    return out;
}

}  // namespace

TEST_CASE("highlighted() decides each word as is_highlighted() does, over the bundled corpus", "[snippet]") {
    std::vector<std::string> texts;
    const auto files = corpus_tokens(texts);
    REQUIRE(files.size() > 50);

    // What makes the decision per distinct word sound: tokenize() gives a
    // term the same stop flag wherever it occurs.
    std::map<std::string, bool> stop_of;
    for (const auto& toks : files)
        for (const auto& t : toks) {
            auto [it, fresh] = stop_of.emplace(t.term, t.stop);
            if (!fresh) REQUIRE(it->second == t.stop);
        }

    // Highlights made of the corpus's own words: stems of some, some words
    // as typed (stop words among them), a few prefixes.
    std::vector<Highlight> highlights(3);
    size_t n = 0;
    for (const auto& [term, stop] : stop_of) {
        ++n;
        if (n % 53 == 0) highlights[0].stems.insert(analysis::stem(term, "fr"));
        if (n % 97 == 0 || (stop && n % 5 == 0)) highlights[1].words.insert(term);
        if (n % 211 == 0) highlights[2].stems.insert(analysis::stem(term, "fr"));
    }
    highlights[2].prefixes = {"coop", "decentral", "20"};
    highlights[2].words = {"le", "commune"};

    for (size_t h = 0; h < highlights.size(); ++h) {
        CAPTURE(h);
        size_t hits = 0, words = 0;
        for (const auto& toks : files) {
            const std::vector<char> got = highlighted(toks, highlights[h], "fr");
            REQUIRE(got.size() == toks.size());
            for (size_t i = 0; i < toks.size(); ++i) {
                const bool want = is_highlighted(toks[i], highlights[h], "fr");
                if (static_cast<bool>(got[i]) != want) FAIL("« " << toks[i].term << " »");
                hits += want;
            }
            words += toks.size();
        }
        // Both answers occur, many times.
        CHECK(hits > 100);
        CHECK(words - hits > 1000);
    }
}

TEST_CASE("is_highlighted: a word, a stem (never of a stop word), a prefix", "[snippet]") {
    Highlight hl;
    hl.words = {"2019-006"};
    hl.stems = {analysis::stem("decentralisee", "fr"), analysis::stem("nous", "fr")};
    hl.prefixes = {"jumel"};
    auto hit = [&](std::string_view text) {
        auto toks = analysis::tokenize(text, "fr");
        REQUIRE(toks.size() == 1);
        return is_highlighted(toks[0], hl, "fr");
    };
    CHECK(hit("2019-006"));
    CHECK(hit("Décentralisées"));
    CHECK(hit("jumelage"));
    CHECK_FALSE(hit("nous"));  // a stop word is only highlighted as a word typed
    CHECK_FALSE(hit("coopération"));
    CHECK(highlighted({}, hl, "fr").empty());
}

TEST_CASE("a snippet marks every occurrence of a repeated word in its window", "[snippet]") {
    Highlight hl;
    hl.stems = {analysis::stem("eau", "fr")};
    const std::string s = make_snippet("L'eau, l'eau & encore <l'eau> : eaux.", hl, "fr");
    CHECK(s ==
          "L&#39;<mark>eau</mark>, l&#39;<mark>eau</mark> &amp; encore &lt;l&#39;<mark>eau</mark>&gt; : "
          "<mark>eaux</mark>.");
}
