// @brief Publications against faults: a process killed (SIGKILL) at each
// step of a publication, then restarted; a publication overlapping a
// coopdec-index run on the same index. Afterwards corpus, history and index
// agree: a new indexing run of the corpus finds nothing to change, and
// xapian-check passes.
#include <catch2/catch.hpp>

#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "tests/fault/child.h"
#include "tests/publishing.h"
#include "tests/server_process.h"
#include "tests/temp_index.h"
#include "tests/test_util.h"

namespace coopdec {
namespace {

using test::TempPublishing;

const std::string kPath = "partenariats/part-kloto-1-oyonnax.xml";

// The index holds exactly the corpus: a run over it changes nothing, and
// the database's structure is sound.
void require_index_matches_corpus(const TempPublishing& t) {
    IndexOptions opt;
    opt.db_path = t.db;
    opt.inputs = {t.corpus};
    opt.schema_dir = test::source_dir() + "/corpus/schema";
    std::FILE* log = std::tmpfile();
    IndexSummary sum = index_corpus(opt, log);
    std::fclose(log);
    CHECK(sum.documents == 0);
    CHECK(sum.removed == 0);
    CHECK(sum.errors == 0);
    CHECK_FALSE(sum.fatal);
    int status = -1;
    std::string said = test::run_command("xapian-check " + test::shell_quote(t.db) + " 2>&1", status);
    INFO(said);
    CHECK(status == 0);
}

}  // namespace

// Run by the test below in a process of its own, never on its own: publishes
// one record in the folders of $COOPDEC_PUB_DIR, says each step on stdout,
// and stops itself (SIGSTOP) at $COOPDEC_PUB_STOP, to be killed there.
TEST_CASE("publication child: publishes and stops at a step", "[.][publication-child]") {
    const char* dir = std::getenv("COOPDEC_PUB_DIR");
    const char* stop = std::getenv("COOPDEC_PUB_STOP");
    REQUIRE(dir);
    REQUIRE(stop);
    TempPublishing t({}, dir);
    PublisherOptions o = t.options();
    o.on_step = [&](const std::string& s) {
        std::cout << "étape " << s << std::endl;
        if (s == stop) std::raise(SIGSTOP);
    };
    t.open(o);
    t.publisher->publish({{kPath, test::new_record("part-kloto-1-oyonnax", "Oyonnax")}}, test::validator(), "a");
}

TEST_CASE("a publication killed at any step is finished or undone at restart", "[publication-fault]") {
    const std::string content = test::new_record("part-kloto-1-oyonnax", "Oyonnax");
    for (const std::string step : {"vérifiée", "enregistrée", "écrite", "indexée"}) {
        DYNAMIC_SECTION("killed at « " << step << " »") {
            TempPublishing t;
            {
                test::Child child(std::string(COOPDEC_BIN_DIR) + "/coopdec-tests", {"[publication-child]"},
                                  {"COOPDEC_PUB_DIR=" + t.dir, "COOPDEC_PUB_STOP=" + step});
                bool reached = false;
                while (auto line = child.read_line()) {
                    if (*line == "étape " + step) {
                        reached = true;
                        break;
                    }
                }
                REQUIRE(reached);
                child.kill(SIGKILL);
                CHECK(child.wait() == 128 + SIGKILL);
            }
            // The restart.
            t.open();
            CHECK(t.publisher->finish_pending().empty());
            CHECK(t.history->pending().empty());
            if (step == "vérifiée") {  // killed before anything was recorded: nothing happened
                CHECK_FALSE(std::filesystem::exists(t.corpus + "/" + kPath));
                CHECK(t.history->for_document("part-kloto-1-oyonnax").empty());
                CHECK(test::hits(t.db, "oyonnax") == 0);
            } else {
                CHECK(test::slurp(t.corpus + "/" + kPath) == content);
                CHECK(t.history->for_document("part-kloto-1-oyonnax").size() == 1);
                CHECK(test::hits(t.db, "oyonnax") == 1);
            }
            require_index_matches_corpus(t);
        }
    }
}

TEST_CASE("coopdec-server finishes a publication left pending before its first request", "[publication-fault]") {
    TempPublishing t;
    {
        test::Child child(std::string(COOPDEC_BIN_DIR) + "/coopdec-tests", {"[publication-child]"},
                          {"COOPDEC_PUB_DIR=" + t.dir, "COOPDEC_PUB_STOP=écrite"});
        bool reached = false;
        while (auto line = child.read_line())
            if ((reached = *line == "étape écrite")) break;
        REQUIRE(reached);
        child.kill(SIGKILL);
        child.wait();
    }
    REQUIRE(t.history->pending().size() == 1);
    REQUIRE(test::hits(t.db, "oyonnax") == 0);  // written, not indexed
    test::give_to_server_user({t.corpus, t.db});
    test::ServerProcess server({"--db", t.db, "--state-dir", t.state, "--corpus", t.corpus, "--port", "0"},
                               t.dir + "/server.log");
    INFO(test::slurp(t.dir + "/server.log"));
    CHECK(server.get("/api/search?q=oyonnax").body.find("part-kloto-1-oyonnax") != std::string::npos);
    test::HttpAnswer history = server.get("/historique/part-kloto-1-oyonnax");
    CHECK(history.status == 200);
    CHECK(history.body.find("akossiwa") != std::string::npos);
    CHECK(t.history->pending().empty());
    require_index_matches_corpus(t);
}

TEST_CASE("a publication and a coopdec-index run on the same index overlap", "[publication-fault]") {
    TempPublishing t({"repertoire", "partenariats", "conventions", "lois"});
    // A run of its own over the whole corpus, stopped while it holds the
    // index's lock (after its first file, before its commit).
    test::Child run(
        std::string(COOPDEC_BIN_DIR) + "/coopdec-index",
        {"--db", t.db, "--rebuild", "--verbose", "--schemas", test::source_dir() + "/corpus/schema", t.corpus});
    auto first = run.read_line();
    REQUIRE(first);
    REQUIRE(first->rfind("indexé ", 0) == 0);
    run.kill(SIGSTOP);

    std::mutex m;
    std::condition_variable cv;
    bool waiting = false;
    PublisherOptions o = t.options();
    o.on_step = [&](const std::string& s) {
        if (s != "verrouillée") return;
        std::lock_guard<std::mutex> lock(m);
        waiting = true;
        cv.notify_all();
    };
    bool finished = false;
    t.open(o);
    PublishOutcome out;
    std::thread publishing([&] {
        PublishOutcome done = t.publisher->publish({{kPath, test::new_record("part-kloto-1-oyonnax", "Oyonnax")}},
                                                   test::validator(), "a");
        std::lock_guard<std::mutex> lock(m);
        out = done;
        finished = true;
        cv.notify_all();
    });
    {
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [&] { return waiting || finished; });
        CHECK(waiting);  // the publication met the run's lock
    }
    run.kill(SIGCONT);
    CHECK(run.wait() == 0);
    publishing.join();
    INFO((out.messages.empty() ? "" : out.messages.front()));
    REQUIRE(out.ok);
    // Both are in the index: the run's documents and the publication.
    CHECK(test::hits(t.db, "oyonnax") == 1);
    CHECK(test::hits(t.db, "bressuire") >= 2);
    CHECK(t.history->pending().empty());
    require_index_matches_corpus(t);
}

}  // namespace coopdec
