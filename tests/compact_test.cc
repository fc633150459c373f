// @brief Compaction: a new index is written compacted, --compact rewrites an
// existing one with the same content, readers and the server go on across
// it, and a failed compaction costs nothing but a warning.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/compact.h"
#include "indexer/corpus.h"
#include "tests/server_process.h"
#include "tests/test_util.h"

using namespace coopdec;
namespace fs = std::filesystem;

namespace {

// A small corpus of real files: the gazetteer, a partnership, its agreements.
void copy_corpus(const std::string& to) {
    fs::create_directories(to);
    for (const char* f :
         {"repertoire/togo.xml", "partenariats/part-amou-1-aiffres.xml", "conventions/conv-amou-1-aiffres-2006.xml"})
        fs::copy_file(test::source_dir() + "/corpus/" + f, to + "/" + fs::path(f).filename().string());
}

struct CompactRun {
    IndexSummary summary;
    std::string log;
    std::vector<IndexEvent> events;
};

CompactRun run_index(const std::string& db, const std::string& corpus, bool compact = false) {
    IndexOptions opt;
    opt.db_path = db;
    opt.inputs = {corpus};
    opt.schema_dir = test::source_dir() + "/corpus/schema";
    opt.compact = compact;
    CompactRun r;
    opt.on_event = [&](IndexEvent e, const std::string&) { r.events.push_back(e); };
    std::FILE* log = std::tmpfile();
    r.summary = index_corpus(opt, log);
    r.log = test::read_and_close(log);
    return r;
}

std::uintmax_t bytes_under(const std::string& dir) {
    std::uintmax_t total = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) total += e.file_size();
    return total;
}

// Everything a reader can see of an index, as text: documents (by id, with
// their data, values and terms with positions), term frequencies, metadata.
std::string contents(const std::string& path) {
    Xapian::Database db(path);
    std::string out =
        "docs " + std::to_string(db.get_doccount()) + " last " + std::to_string(db.get_lastdocid()) + "\n";
    for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
        Xapian::Document doc = db.get_document(*d);
        out += "doc " + std::to_string(*d) + " " + doc.get_data() + "\n";
        for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
            out += " v" + std::to_string(v.get_valueno()) + "=" + *v + "\n";
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            out += " t " + *t + " " + std::to_string(t.get_wdf()) + ":";
            for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) out += " " + std::to_string(*p);
            out += "\n";
        }
    }
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t)
        out += "tf " + *t + " " + std::to_string(t.get_termfreq()) + "\n";
    for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k)
        out += "m " + *k + " " + db.get_metadata(*k) + "\n";
    return out;
}

size_t total_of(const test::HttpAnswer& a) {
    auto at = a.body.find("\"total\":");
    REQUIRE(at != std::string::npos);
    return std::stoul(a.body.substr(at + 8));
}

}  // namespace

TEST_CASE("a run that creates the index writes it compacted, and later runs do not compact", "[index][compact]") {
    test::TempDir dir;
    copy_corpus(dir / "corpus");
    CompactRun first = run_index(dir / "db", dir / "corpus");
    INFO(first.log);
    CHECK(first.log.empty());
    CHECK(first.summary.compacted);
    CHECK(first.summary.bytes_after < first.summary.bytes_before);
    CHECK(first.summary.bytes_after == bytes_under(dir / "db"));
    REQUIRE(first.events.size() >= 2);
    CHECK(first.events[first.events.size() - 2] == IndexEvent::committing);
    CHECK(first.events.back() == IndexEvent::compacting);
    CHECK(Xapian::Database(dir / "db").get_termfreq("XKIND:doc") == 2);
    CHECK_FALSE(fs::exists(dir / "db.compactage"));
    CHECK_FALSE(fs::exists(dir / "db.ancien"));

    CompactRun again = run_index(dir / "db", dir / "corpus");
    CHECK_FALSE(again.summary.compacted);
    CHECK(again.events.back() == IndexEvent::committing);
}

TEST_CASE("the option compact rewrites an index smaller, with exactly the same content", "[index][compact]") {
    test::TempDir dir;
    copy_corpus(dir / "corpus");
    REQUIRE(run_index(dir / "db", dir / "corpus").summary.compacted);
    // A later run leaves the index loose again.
    fs::copy_file(test::source_dir() + "/corpus/conventions/conv-amou-1-aiffres-2021.xml", dir / "corpus/c2.xml");
    REQUIRE(run_index(dir / "db", dir / "corpus").summary.documents == 1);
    const std::string before = contents(dir / "db");
    const std::uintmax_t size_before = bytes_under(dir / "db");

    CompactRun c = run_index(dir / "db", dir / "corpus", true);
    INFO(c.log);
    CHECK(c.summary.compacted);
    CHECK(c.summary.skipped == 4);
    CHECK(c.summary.bytes_before == size_before);
    CHECK(c.summary.bytes_after < size_before);
    CHECK(contents(dir / "db") == before);  // same documents, ids, terms, positions, values, metadata
}

TEST_CASE("a reader goes on across a compaction, and the server follows the commits after it",
          "[index][compact][server]") {
    test::TempDir dir;
    copy_corpus(dir / "corpus");
    REQUIRE(run_index(dir / "db", dir / "corpus").summary.compacted);
    Xapian::Database reader(dir / "db");
    test::ServerProcess server({"--db", dir / "db", "--port", "0"});
    CHECK(total_of(server.get("/api/search?q=Aiffres")) == 2);

    REQUIRE(run_index(dir / "db", dir / "corpus", true).summary.compacted);
    CHECK(reader.get_termfreq("XKIND:doc") == 2);  // still the old files, still readable
    reader.reopen();
    CHECK(reader.get_termfreq("XKIND:doc") == 2);
    CHECK(total_of(server.get("/api/search?q=Aiffres")) == 2);

    fs::copy_file(test::source_dir() + "/corpus/conventions/conv-amou-1-aiffres-2021.xml", dir / "corpus/c2.xml");
    REQUIRE(run_index(dir / "db", dir / "corpus").summary.documents == 1);
    CHECK(total_of(server.get("/api/search?q=Aiffres")) == 3);  // no restart
    reader.reopen();
    CHECK(reader.get_termfreq("XKIND:doc") == 3);
}

TEST_CASE("what a killed compaction left beside the index is removed by the next one", "[index][compact]") {
    test::TempDir dir;
    copy_corpus(dir / "corpus");
    REQUIRE(run_index(dir / "db", dir / "corpus").summary.compacted);
    dir.write("db.compactage/postlist.glass", "half a table");
    dir.write("db.ancien/postlist.glass", "an old index");
    CompactRun c = run_index(dir / "db", dir / "corpus", true);
    CHECK(c.summary.compacted);
    CHECK(c.log.empty());
    CHECK_FALSE(fs::exists(dir / "db.compactage"));
    CHECK_FALSE(fs::exists(dir / "db.ancien"));
    CHECK(Xapian::Database(dir / "db").get_termfreq("XKIND:doc") == 2);
}

TEST_CASE("a compaction that fails is a warning: the run's commit stands", "[index][compact][bad-input]") {
    test::TempDir dir;
    copy_corpus(dir / "corpus");
    // A folder name of 250 bytes: the index fits, its sibling
    // "….compactage" does not (NAME_MAX is 255), even for root.
    const std::string db = dir / std::string(250, 'i');
    CompactRun r = run_index(db, dir / "corpus");
    INFO(r.log);
    CHECK_FALSE(r.summary.compacted);
    CHECK_FALSE(r.summary.fatal);
    CHECK(r.summary.errors == 0);
    CHECK(r.summary.warnings == 1);
    CHECK(r.log.rfind(db + ": avertissement : compactage impossible (", 0) == 0);
    CHECK(r.log.find(") : l'index enregistré reste valide, non compacté\n") != std::string::npos);
    CHECK(Xapian::Database(db).get_termfreq("XKIND:doc") == 2);
}
