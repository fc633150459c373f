// @brief A whole index built in parts by several writers (indexer/publish.cc,
// indexer/parts.h) is the index one writer builds, term for term; files are
// reported in their order; a killed build leaves the index as it was; the
// next runs are incremental as after any build.
#include <catch2/catch.hpp>

#include <signal.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "indexer/corpus.h"
#include "indexer/parts.h"
#include "tests/fault/child.h"
#include "tests/index_dump.h"
#include "tests/test_util.h"

using namespace coopdec;
using coopdec::test::TempDir;
namespace fs = std::filesystem;

namespace {

IndexOptions options(const std::string& db, const std::string& corpus, std::size_t writers) {
    IndexOptions opt;
    opt.db_path = db;
    opt.inputs = {corpus};
    opt.schema_dir = test::source_dir() + "/corpus/schema";
    opt.writers = writers;
    return opt;
}

// A copy of the bundled corpus in `dir`/corpus, its project schemas left out.
std::string copy_bundled(const TempDir& dir) {
    const std::string corpus = dir / "corpus";
    fs::create_directories(corpus);
    for (const char* sub : {"conventions", "entretiens", "etudes", "lois", "partenariats", "repertoire"})
        fs::copy(test::source_dir() + "/corpus/" + sub, corpus + "/" + sub, fs::copy_options::recursive);
    return corpus;
}

// What a run said: its log, and its events with their paths, in order.
struct Said {
    IndexSummary summary;
    std::string log;
    std::vector<std::string> events;
};

Said index_with(IndexOptions opt) {
    Said said;
    opt.on_event = [&](IndexEvent e, const std::string& path) {
        said.events.push_back(std::to_string(static_cast<int>(e)) + " " + path);
    };
    std::FILE* log = std::tmpfile();
    said.summary = index_corpus(opt, log);
    said.log = test::read_and_close(log);
    return said;
}

void check_same(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    REQUIRE(a.size() > 1000);
    CHECK(a.size() == b.size());
    std::size_t differences = 0;
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
        if (a[i] != b[i] && ++differences <= 5) CHECK(a[i] == b[i]);
    CHECK(differences == 0);
}

// A database with no document and no metadata (what a first run killed
// before its merge leaves).
bool empty_index(const std::string& path) {
    Xapian::Database db(path);
    return db.get_doccount() == 0 && db.get_lastdocid() == 0 && db.metadata_keys_begin() == db.metadata_keys_end();
}

}  // namespace

TEST_CASE("files are cut into contiguous parts of about the same bytes", "[index][parallel]") {
    TempDir dir;
    std::vector<SourceFile> files;
    for (std::size_t size : {100, 100, 100, 100, 400, 0, 100}) {
        SourceFile f;
        f.path = dir / ("f" + std::to_string(files.size()) + ".xml");
        std::ofstream(f.path) << std::string(size, 'x');
        files.push_back(f);
    }
    using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;
    CHECK(split_by_bytes(files, 2) == Ranges{{0, 5}, {5, 7}});
    CHECK(split_by_bytes(files, 1) == Ranges{{0, 7}});
    CHECK(split_by_bytes(files, 9).size() == 7);  // one file each at most
    CHECK(split_by_bytes({}, 2).empty());
    CHECK(parse_writers("2") == std::optional<std::size_t>(2));
    CHECK_FALSE(parse_writers("0"));
    CHECK_FALSE(parse_writers("2x"));
    CHECK_FALSE(parse_writers("17"));
    CHECK(writer_count(0) >= 1);
    CHECK(writer_count(0) <= kDefaultMaxWriters);
}

TEST_CASE("a build in parts is the index one writer builds, term for term, sharded or not", "[index][parallel]") {
    TempDir dir;
    const std::string corpus = test::source_dir() + "/corpus";
    Said one = index_with(options(dir / "one", corpus, 1));
    Said two = index_with(options(dir / "two", corpus, 2));
    REQUIRE_FALSE(two.summary.fatal);
    CHECK(one.summary.writers == 1);
    CHECK(two.summary.writers == 2);
    CHECK(two.summary.documents == one.summary.documents);
    CHECK(two.summary.total_documents == one.summary.total_documents);
    CHECK(two.summary.compacted);
    CHECK(two.log == one.log);
    CHECK(two.events == one.events);
    check_same(test::dump(dir / "one", true), test::dump(dir / "two", true));
    CHECK_FALSE(fs::exists(dir / "two.parties"));  // the staging folder is gone

    IndexOptions sharded1 = options(dir / "s1", corpus, 1), sharded3 = options(dir / "s3", corpus, 3);
    sharded1.shards = sharded3.shards = 3;
    REQUIRE(index_with(sharded1).summary.writers == 1);
    Said three = index_with(sharded3);
    CHECK(three.summary.writers == 3);
    CHECK(three.summary.total_documents == one.summary.total_documents);
    for (const char* shard : {"shard-0", "shard-1", "shard-2"}) {
        INFO(shard);
        check_same(test::dump(dir / ("s1/" + std::string(shard)), true),
                   test::dump(dir / ("s3/" + std::string(shard)), true));
    }
}

TEST_CASE("a build in parts reports a bad file and a taken document id of a later part as one writer does",
          "[index][parallel][bad-input]") {
    TempDir dir;
    const std::string corpus = copy_bundled(dir);
    // Last in the walk's order: in the last part.
    fs::create_directories(corpus + "/zz");
    std::ofstream(corpus + "/zz/zz-casse.xml") << "<convention><titre>sans fin</convention>";
    fs::copy_file(corpus + "/conventions/conv-amou-1-aiffres-2006.xml", corpus + "/zz/zz-double.xml");
    Said one = index_with(options(dir / "one", corpus, 1));
    Said two = index_with(options(dir / "two", corpus, 2));
    CHECK(two.summary.writers == 2);
    CHECK(one.summary.errors == 2);
    CHECK(two.summary.errors == 2);
    CHECK(two.summary.warnings == one.summary.warnings);
    CHECK(test::contains(two.log, "zz-casse.xml:"));
    CHECK(test::contains(two.log, "zz-double.xml: identifiant de document"));
    CHECK(two.log == one.log);
    CHECK(two.events == one.events);
    check_same(test::dump(dir / "one", true), test::dump(dir / "two", true));
}

TEST_CASE("a killed build in parts leaves the index as it was, and the next run builds it whole", "[index][parallel]") {
    TempDir dir;
    const std::string corpus = test::source_dir() + "/corpus";
    const std::string reference = dir / "reference", db = dir / "db";
    REQUIRE(index_with(options(reference, corpus, 1)).summary.errors == 0);
    const std::vector<std::string> whole = test::dump(reference);
    const std::vector<std::string> env{"COOPDEC_INDEX_WRITERS=2"};
    const std::string program = std::string(COOPDEC_BIN_DIR) + "/coopdec-index";

    // Killed after its first file, after « enregistrement » (the parts are
    // written, the merge starts) and after « compactage ».
    for (const std::string stop_at : {"", "enregistrement", "compactage"}) {
        INFO("killed after « " << (stop_at.empty() ? "the first line" : stop_at) << " »");
        test::Child run(program, {"--db", db, "--verbose", "--quiet", corpus}, env);
        std::optional<std::string> line = run.read_line();
        while (line && !stop_at.empty() && *line != stop_at) line = run.read_line();
        REQUIRE(line);
        run.kill();
        const int status = run.wait();
        INFO(run.err);
        if (stop_at.empty()) CHECK(status == 128 + SIGKILL);
        // Nothing, or the whole run (it may end between the line and the signal).
        const bool nothing = empty_index(db);
        CHECK((nothing || test::dump(db) == whole));
        if (!nothing) CHECK_FALSE(stop_at.empty());
        if (status == 128 + SIGKILL && !nothing) fs::remove_all(db);  // done: start over
    }
    std::string out, err;
    CHECK(test::run(program, {"--db", db, "--quiet", corpus}, out, err, env) == 0);
    INFO(err);
    CHECK(test::dump(db) == whole);
    CHECK_FALSE(fs::exists(dir / "db.parties"));
}

TEST_CASE("after a build in parts, a run changes only what changed, as after one writer", "[index][parallel]") {
    TempDir dir;
    const std::string corpus = copy_bundled(dir);
    Said built = index_with(options(dir / "one", corpus, 1));
    REQUIRE(index_with(options(dir / "two", corpus, 2)).summary.writers == 2);
    const std::string changed = corpus + "/conventions/conv-kloto-1-bressuire-1991.xml";
    std::ofstream(changed, std::ios::app) << "<!-- relu -->\n";
    Said one = index_with(options(dir / "one", corpus, 2));
    Said two = index_with(options(dir / "two", corpus, 2));
    CHECK(two.summary.writers == 1);  // an existing index: one writer
    CHECK(two.summary.documents == 1);
    CHECK(two.summary.skipped == built.summary.files - 1);
    CHECK(two.log == one.log);
    CHECK(two.events == one.events);
    check_same(test::dump(dir / "one", true), test::dump(dir / "two", true));
}

TEST_CASE("a build in parts whose merged copy cannot be written commits its parts uncompacted, with a warning",
          "[index][parallel][bad-input]") {
    TempDir dir;
    const std::string corpus = test::source_dir() + "/corpus";
    // 247 bytes: the staging folder "….parties" fits in NAME_MAX (255), the
    // merged copy "….compactage" does not, even for root.
    const std::string one = dir / std::string(246, 'u'), two = dir / std::string(247, 'd');
    Said a = index_with(options(one, corpus, 1));
    Said b = index_with(options(two, corpus, 2));
    INFO(b.log);
    CHECK(b.summary.writers == 2);
    CHECK_FALSE(b.summary.fatal);
    CHECK_FALSE(b.summary.compacted);
    CHECK(b.summary.warnings == 1);
    CHECK(b.log.rfind(two + ": avertissement : compactage impossible (", 0) == 0);
    CHECK(b.summary.total_documents == a.summary.total_documents);
    check_same(test::dump(one, true), test::dump(two, true));
    CHECK_FALSE(fs::exists(two + ".parties"));
}
