// @brief Live re-indexing: full re-indexes of the corpus while clients query
// the real server without pause. Zero failed requests, and every answer is
// the one the index gives before the run or the one it gives after it — the
// whole body, byte for byte, never a mix.
//
// Every stage is first run, uninterrupted and unobserved, on a reference copy
// of the index, before the load starts: its answers (from a server on it)
// are the only ones allowed after the stage; during it, those and the ones
// before. The stages re-index everything: every file changed (v1 → v2, with
// files removed and added), `--rebuild` with nothing changed (every unit
// deleted and written again), back to v1, `--rebuild` again. In the bounded
// test XAPIAN_FLUSH_THRESHOLD=50 (see scenario.h; 20 on the smaller corpus
// of a sanitized build) makes each run flush a dozen times; the long one
// keeps Xapian's default: without the run's transaction, readers would see
// each flush.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <iterator>
#include <string>
#include <vector>

#include "tests/fault/child.h"
#include "tests/fault/corpus_versions.h"
#include "tests/fault/index_state.h"
#include "tests/fault/load.h"
#include "tests/fault/scenario.h"

using namespace coopdec;
using namespace coopdec::test;

namespace {

struct Stage {
    const char* name;
    bool v2;       // the corpus version during the stage
    bool rebuild;  // --rebuild
};

// The arguments of a stage's run on `db`.
std::vector<std::string> stage_args(const Stage& st, const std::string& db, const std::string& corpus) {
    std::vector<std::string> args{"--db", db, "--quiet", corpus};
    if (st.rebuild) args.insert(args.begin() + 2, "--rebuild");
    return args;
}

void reindex_under_load(const Corpus& corpus_v1, size_t flush, size_t clients, size_t rounds) {
    TempDir dir;
    open_up(dir.path());
    std::string corpus = dir / "corpus", db = dir / "db", ref = dir / "ref";
    Corpus v1 = corpus_v1, v2 = make_v2(v1);
    write_corpus(corpus, v1);
    std::string out, err;
    REQUIRE(run(indexer(), {"--db", db, "--quiet", corpus}, out, err, index_env(flush)) == 0);
    std::filesystem::copy(db, ref, std::filesystem::copy_options::recursive);

    const Stage kStages[] = {
        {"v1 → v2, every file changed", true, false},
        {"--rebuild, nothing changed", true, true},
        {"v2 → v1, every file changed", false, false},
        {"--rebuild, nothing changed", false, true},
    };
    std::vector<Stage> stages;
    for (size_t round = 0; round < rounds; ++round) stages.insert(stages.end(), std::begin(kStages), std::end(kStages));
    auto where = [&](size_t i) {
        return "round " + std::to_string(i / std::size(kStages)) + ", stage « " + stages[i].name + " »";
    };

    // The references, all before the load starts: the stages run one after
    // the other on the copy, uninterrupted and unobserved; after each, the
    // answers of a server on it and what it holds.
    std::vector<std::string> targets = load_targets(v1);
    std::vector<std::map<std::string, std::string>> answers_after{bodies(db, targets)};  // [0]: before the first
    std::vector<IndexState> state_after;
    for (size_t i = 0; i < stages.size(); ++i) {
        INFO("reference, " << where(i));
        write_corpus(corpus, stages[i].v2 ? v2 : v1);
        REQUIRE(run(indexer(), stage_args(stages[i], ref, corpus), out, err, index_env(flush)) == 0);
        answers_after.push_back(bodies(ref, targets));
        if (!stages[i].rebuild) CHECK(answers_after[i + 1] != answers_after[i]);
        state_after.push_back(read_state(ref));
    }

    std::map<std::string, std::set<std::string>> allowed;
    for (const auto& t : targets) allowed[t] = {answers_after[0].at(t)};
    ServerProcess server({"--db", db, "--port", "0"});
    Load load(server, allowed, clients);
    load.wait_answers(1);

    // The same runs on the index the server reads: during each, the answers
    // before it or after it; after it, only the latter.
    size_t fewest_during = SIZE_MAX;
    for (size_t i = 0; i < stages.size(); ++i) {
        INFO(where(i));
        write_corpus(corpus, stages[i].v2 ? v2 : v1);
        const auto &now = answers_after[i], &next = answers_after[i + 1];
        for (const auto& t : targets) load.allow(t, {now.at(t), next.at(t)});
        load.wait_answers(1);
        size_t answered_before = load.answers();
        Child live(indexer(), stage_args(stages[i], db, corpus), index_env(flush));
        CHECK(live.wait() == 0);
        INFO(live.err);
        size_t during = load.answers() - answered_before;
        CHECK(during > 0);  // the server answered while the run went on
        fewest_during = std::min(fewest_during, during);
        for (const auto& t : targets) load.allow(t, {next.at(t)});
        load.wait_answers(2);  // and from now on, only the new state
        CHECK(read_state(db) == state_after[i]);
    }
    load.stop();
    INFO("requests: " << load.answers());
    for (const auto& f : load.failures()) UNSCOPED_INFO(f);
    CHECK(load.failure_count() == 0);
    WARN(stages.size() << " full re-indexes under load, " << load.answers() << " requests answered (at least "
                       << fewest_during << " during each run), " << load.failure_count() << " failed");
}

}  // namespace

TEST_CASE("full re-indexes under continuous load: no failed request and never a half-updated index", "[live-reindex]") {
    reindex_under_load(fault_corpus(), kSmallFlush, 4, 1);
}

TEST_CASE("full re-indexes of a large corpus under continuous load", "[live-reindex][.long]") {
    TempDir scratch;
    reindex_under_load(large_corpus(scratch / "gen", 10000), kDefaultFlush, 8, 1);
}
