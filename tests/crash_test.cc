// @brief Crash-safe indexing: coopdec-index killed (SIGKILL) at many points of
// a run while the real server answers from the index; a full disk, a
// read-only index folder, a locked index. The index is always the state
// before the run or the state after it, and the next run converges to
// exactly what an uninterrupted run gives.
//
// How kill points are found without sleeping: `coopdec-index --verbose`
// prints one line per file as it goes, and `enregistrement` before its one
// commit; the test reads them from a pipe and sends SIGKILL right after the
// k-th line, for k spread over the whole run (the last one lands in the
// commit itself). In the bounded tests XAPIAN_FLUSH_THRESHOLD=50 makes Xapian
// write its pending changes a dozen times in a run of the bundled corpus, as
// it does every 10,000 changes in a large one (the long variants keep that
// default): without the run's transaction, each would be a commit that the
// server shows and a kill leaves behind. A sanitized build runs the bounded
// tests on a third of the agreements and interviews, with a threshold of 20
// (fault_corpus(), kSmallFlush): the same checks, at less than half the cost.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <filesystem>

#include "tests/fault/child.h"
#include "tests/fault/corpus_versions.h"
#include "tests/fault/index_state.h"
#include "tests/fault/load.h"
#include "tests/fault/scenario.h"

using namespace coopdec;
using namespace coopdec::test;

namespace {

// `points` kill points spread evenly over `events` lines (1-based, the first
// and the last included).
std::vector<size_t> spread(size_t events, size_t points) {
    std::vector<size_t> out;
    for (size_t i = 0; i < points; ++i) {
        size_t k = 1 + (points == 1 ? 0 : i * (events - 1) / (points - 1));
        if (out.empty() || out.back() != k) out.push_back(k);
    }
    return out;
}

// Kills coopdec-index after each kill point while clients load the server,
// then lets one run finish; checks every state on the way and the end.
void kill_repeatedly(Scenario& sc, size_t points, size_t clients) {
    std::vector<std::string> targets = load_targets(sc.v1);
    std::map<std::string, std::string> before = bodies(sc.db, targets), after = bodies(sc.ref, targets);
    std::map<std::string, std::set<std::string>> allowed;
    for (const auto& t : targets) allowed[t] = {before.at(t), after.at(t)};
    REQUIRE(before != after);

    ServerProcess server({"--db", sc.db, "--port", "0"});
    Load load(server, allowed, clients);
    load.wait_answers(1);

    std::vector<size_t> kills = spread(sc.events.size(), points);
    REQUIRE(kills.size() == points);  // as many distinct lines as kill points
    size_t killed = 0;
    bool committed = false;  // a kill that came after the commit had ended
    for (size_t k : kills) {
        Child run(indexer(), {"--db", sc.db, "--verbose", "--quiet", sc.corpus}, sc.env());
        std::string last;
        size_t seen = 0;
        while (seen < k) {
            auto line = run.read_line();
            if (!line) break;
            last = *line;
            ++seen;
        }
        run.kill();
        int status = run.wait();
        INFO("kill point " << k << "/" << sc.events.size() << " after « " << last << " »\n" << run.err);
        CHECK(seen == k);
        if (status == 128 + SIGKILL)
            ++killed;
        else
            CHECK(status == 0);  // it finished before the signal: only possible at the very end
        IndexState now = read_state(sc.db);
        bool is_v1 = now == sc.s1, is_v2 = now == sc.s2;
        INFO("against v1: " << difference(now, sc.s1) << "\nagainst v2: " << difference(now, sc.s2));
        CHECK((is_v1 || is_v2));
        if (is_v2)
            committed = true;
        else
            CHECK_FALSE(committed);  // never back
        load.wait_answers(1);        // the server answered from what the kill left
    }
    CHECK(killed >= std::min<size_t>(20, kills.size() - 1));

    // The next run finishes what the killed ones did not publish.
    std::string out, err;
    CHECK(test::run(indexer(), {"--db", sc.db, "--quiet", sc.corpus}, out, err, sc.env()) == 0);
    INFO(err);
    for (const auto& t : targets) load.allow(t, {after.at(t)});
    load.wait_answers(2);
    load.stop();

    INFO("requests: " << load.answers());
    for (const auto& f : load.failures()) UNSCOPED_INFO(f);
    CHECK(load.failure_count() == 0);
    CHECK(load.answers() >= kills.size() * clients);

    IndexState final_state = read_state(sc.db);
    INFO(difference(final_state, sc.s2));
    CHECK(final_state == sc.s2);
    CHECK(answers(sc.db, query_set()) == sc.a2);
    WARN(kills.size() << " kill points, " << killed << " runs killed, " << load.answers() << " requests answered");
}

// The index is exactly as before the failed run, and still opens.
void check_as_before(const Scenario& sc) {
    IndexState now = read_state(sc.db);
    INFO(difference(now, sc.s1));
    CHECK(now == sc.s1);
    CHECK(answers(sc.db, query_set()) == sc.a1);
}

// Once the cause is gone, a run brings the index to v2 like any other.
void check_recovers(const Scenario& sc) {
    std::string out, err;
    CHECK(test::run(indexer(), {"--db", sc.db, "--quiet", sc.corpus}, out, err, sc.env()) == 0);
    INFO(err);
    CHECK(read_state(sc.db) == sc.s2);
    CHECK(answers(sc.db, query_set()) == sc.a2);
}

}  // namespace

TEST_CASE(
    "coopdec-index killed at 24 points of a run (12 sanitized): the server answers throughout and the next run "
    "converges",
    "[crash]") {
    Scenario sc(fault_corpus(), kSmallFlush);
    REQUIRE(sc.events.size() > sc.v2.size());  // a line for every file (each re-indexed), then the commit
    REQUIRE(sc.events.back() == "enregistrement");
    REQUIRE(sc.a1 != sc.a2);
    // Under the sanitizers each point costs 2.5 s: half of them, spread
    // over the same run from its first line to its commit, keep CI short.
    kill_repeatedly(sc, kSanitized ? 12 : 24, 1);

    // An uninterrupted run on a fresh index holds the same units and views
    // (document ids differ: the comparison does not depend on them), and
    // answers the same.
    std::string out, err;
    REQUIRE(test::run(indexer(), {"--db", sc.dir / "fresh", "--quiet", sc.corpus}, out, err, sc.env()) == 0);
    IndexState fresh = read_state(sc.dir / "fresh");
    INFO(difference(fresh, sc.s2));
    CHECK(fresh == sc.s2);
    CHECK(answers(sc.dir / "fresh", query_set()) == sc.a2);
}

TEST_CASE("coopdec-index killed at 40 points of a large run", "[crash][.long]") {
    TempDir scratch;
    Scenario sc(large_corpus(scratch / "gen", 10000), kDefaultFlush);
    WARN(sc.v1.size() << " files; the uninterrupted run: " << sc.events.size() << " events");
    kill_repeatedly(sc, 40, 2);
}

TEST_CASE("the memory of a run does not grow with the number of units it writes", "[crash][.long]") {
    // With a small flush threshold the pending postings take little room:
    // what is left to grow is what a run would hold until its one commit
    // (without merge_values() in indexer/corpus.cc, the value slots: about
    // 1.4 KB a unit). A run of twice as many units (same generator, so the
    // same kind of documents) must take at most a few MB more: the per-file
    // bookkeeping, about 1 KB a file. Both for a first index and for a full
    // re-index. Peak memory is VmHWM, reported by the shim (tests/fault/shim.c).
    TempDir dir;
    open_up(dir.path());
    const size_t flush = 1000;
    auto peak = [&](const std::string& name, const Corpus& c) {
        write_corpus(dir / name, c);
        Child run(indexer(), {"--db", dir / (name + "-db"), "--quiet", dir / name},
                  index_env(flush, with_shim({"COOPDEC_FAULT_PEAK=" + dir / "peak"})));
        REQUIRE(run.wait() == 0);
        return std::stol(Scenario::read_text(dir / "peak"));
    };
    Corpus one = large_corpus(dir / "gen", 12000), two = large_corpus(dir / "gen", 24000);
    long one_first = peak("one", one), two_first = peak("two", two);
    long one_again = peak("one", make_v2(one)), two_again = peak("two", make_v2(two));
    size_t one_units = Xapian::Database(dir / "one-db").get_doccount();
    size_t two_units = Xapian::Database(dir / "two-db").get_doccount();
    WARN("peak RSS (VmHWM): first index " << one_first << " KB for " << one_units << " units, " << two_first
                                          << " KB for " << two_units << " units; full re-index " << one_again << " KB, "
                                          << two_again << " KB");
    REQUIRE(two_units > one_units * 3 / 2);
    CHECK(two_first < one_first + 6 * 1024);
    CHECK(two_again < one_again + 6 * 1024);
}

TEST_CASE("a full disk stops the run with a clear error and leaves the index as it was", "[crash][fault]") {
    Scenario sc(fault_corpus(), kSmallFlush, true);
    REQUIRE(sc.ref_bytes > 100000);
    const std::string expected = sc.db +
                                 ": écriture de l'index impossible (plus de place sur le disque) : l'index est laissé "
                                 "tel qu'il était avant cette exécution\n";
    // From the first write to the last one, which is the commit's; then a
    // budget that every write fits in but the final fdatasync does not.
    const unsigned long long w = sc.ref_bytes;
    for (unsigned long long budget : {0ULL, w / 20, w / 4, w / 2, 3 * w / 4, w - 1, w}) {
        Child run(indexer(), {"--db", sc.db, "--quiet", sc.corpus}, sc.env(shim_env(sc.db, std::to_string(budget))));
        int status = run.wait();
        INFO("budget " << budget << " of " << w << " bytes");
        CHECK(status == 2);
        CHECK(run.err == expected);
        check_as_before(sc);
    }
    check_recovers(sc);
}

TEST_CASE("a read-only index folder is refused clearly and left as it was", "[crash][fault]") {
    Scenario sc(fault_corpus(), kSmallFlush);
    // Root ignores mode bits: the run is then made as nobody, who may read
    // the corpus and the index but not write the index folder — what an
    // operator meets with an index owned by another user. The mode bits are
    // taken off too, for a run that is not root.
    namespace fs = std::filesystem;
    for (const auto& e : fs::recursive_directory_iterator(sc.corpus))
        if (e.is_directory()) open_up(e.path().string());
    open_up(sc.corpus);
    std::vector<std::string> cmd{"--db", sc.db, "--quiet", sc.corpus};
    std::string program = indexer();
    if (geteuid() == 0) {
        cmd.insert(cmd.begin(), {"--reuid=65534", "--regid=65534", "--clear-groups", "--", program});
        program = "/usr/bin/setpriv";
    }
    for (const auto& e : fs::directory_iterator(sc.db))
        fs::permissions(e.path(), fs::perms::owner_write, fs::perm_options::remove);
    fs::permissions(sc.db, fs::perms::owner_write, fs::perm_options::remove);

    std::string out, err;
    int status = test::run(program, cmd, out, err, sc.env());
    CHECK(status == 2);
    CHECK(err == sc.db + ": index en lecture seule (permission refusée) : l'index est laissé tel qu'il était\n");

    fs::permissions(sc.db, fs::perms::owner_write, fs::perm_options::add);
    for (const auto& e : fs::directory_iterator(sc.db))
        fs::permissions(e.path(), fs::perms::owner_write, fs::perm_options::add);
    check_as_before(sc);
    check_recovers(sc);
}

TEST_CASE("a second coopdec-index on a locked index is refused clearly and changes nothing", "[crash][fault]") {
    Scenario sc(fault_corpus(), kSmallFlush);
    // The first run holds the index's lock from its start to its end: it is
    // stopped (SIGSTOP) after its first file, so the second comes in the middle.
    Child first(indexer(), {"--db", sc.db, "--verbose", "--quiet", sc.corpus}, sc.env());
    REQUIRE(first.read_line());
    first.kill(SIGSTOP);

    std::string out, err;
    int status = test::run(indexer(), {"--db", sc.db, "--quiet", sc.corpus}, out, err, sc.env());
    CHECK(status == 2);
    CHECK(err == sc.db + ": index verrouillé : un autre coopdec-index l'écrit déjà\n");
    check_as_before(sc);  // and the first run's changes are not visible either

    first.kill(SIGCONT);
    CHECK(first.wait() == 0);
    CHECK(read_state(sc.db) == sc.s2);
    CHECK(answers(sc.db, query_set()) == sc.a2);
}
