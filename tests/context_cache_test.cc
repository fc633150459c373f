// @brief The context cache: a file is remembered while its identity holds,
// and a publication never gives a document the fields of a record as it
// was before a change.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "indexer/context_cache.h"
#include "indexer/corpus.h"
#include "indexer/plan.h"
#include "indexer/publish.h"
#include "search/search.h"
#include "tests/server_process.h"
#include "tests/temp_index.h"
#include "tests/test_util.h"

using namespace coopdec;
using coopdec::test::TempDir;

namespace {

void write(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

// Sets the modification time of `path` to `seconds` after the epoch.
void set_mtime(const std::string& path, long seconds) {
    struct timespec times[2] = {{seconds, 0}, {seconds, 0}};
    REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
}

// While it lives, the process's cache is empty at first and keeps files
// just written (settle time 0); then it is emptied and set back.
struct KeepFreshFiles {
    KeepFreshFiles() {
        context_cache().clear();
        context_cache().set_settle(std::chrono::nanoseconds(0));
    }
    ~KeepFreshFiles() {
        context_cache().set_settle(std::chrono::seconds(2));
        context_cache().clear();
    }
};

ContextEntry entry_of(const std::string& path, const std::string& root) {
    auto id = identity_of(path);
    REQUIRE(id.has_value());
    return ContextEntry{*id, root, "hash", false, {}};
}

}  // namespace

TEST_CASE("a file is remembered while its identity holds", "[context-cache]") {
    TempDir dir;
    const std::string file = dir / "a.xml";
    write(file, "<convention/>");
    ContextCache cache;
    cache.set_settle(std::chrono::nanoseconds(0));
    cache.put(file, entry_of(file, "convention"));
    REQUIRE(cache.find(file, *identity_of(file)) != nullptr);
    CHECK(cache.find(file, *identity_of(file))->root == "convention");

    SECTION("another size") {
        write(file, "<partenariat/>");
        CHECK(cache.find(file, *identity_of(file)) == nullptr);
    }
    SECTION("the same size, another modification time") {
        set_mtime(file, 1000000000);
        CHECK(cache.find(file, *identity_of(file)) == nullptr);
    }
    SECTION("another file at the same path") {
        std::filesystem::remove(file);
        write(dir / "b.xml", "<convention/>");
        std::filesystem::rename(dir / "b.xml", file);
        CHECK(cache.find(file, *identity_of(file)) == nullptr);
    }
    CHECK_FALSE(identity_of(dir / "absent.xml").has_value());
}

TEST_CASE("a file changed in the last seconds is not remembered", "[context-cache]") {
    TempDir dir;
    const std::string file = dir / "a.xml";
    write(file, "<convention/>");
    ContextCache cache;  // the default settle time: 2 s
    cache.put(file, entry_of(file, "convention"));
    CHECK(cache.find(file, *identity_of(file)) == nullptr);
}

TEST_CASE("publishing a document after its record changed gives it the record's new fields",
          "[context-cache][publish]") {
    TempDir dir;
    const std::string corpus =
        test::copy_corpus_files(dir, {"conventions/conv-kozah-1-waremont-1986.xml",
                                      "partenariats/part-demo-kozah-1-waremont.xml", "repertoire/togo.xml"});
    const std::string convention = corpus + "/conv-kozah-1-waremont-1986.xml";
    const std::string record = corpus + "/part-demo-kozah-1-waremont.xml";
    IndexOptions opt;
    opt.db_path = dir / "db";
    opt.inputs = {corpus};
    opt.schema_dir = test::source_dir() + "/corpus/schema";
    std::FILE* log = std::tmpfile();
    REQUIRE(index_corpus(opt, log).errors == 0);

    // The cache keeps what was just written, as it keeps files left alone.
    const KeepFreshFiles keep;
    REQUIRE(publish(opt, {convention}, log).errors == 0);  // the record is remembered

    auto countries = [&] {
        SearchRequest req;
        req.query = "waremont";
        req.filters["type"] = {"convention"};
        SearchResult res = search(Index::open(opt.db_path), req);
        std::vector<std::string> out;
        for (const auto& f : res.facets)
            if (f.name == "country")
                for (const auto& v : f.values) out.push_back(v.value);
        return out;
    };
    REQUIRE(countries() == std::vector<std::string>{"BE"});

    std::ifstream in(record);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = text.find("pays=\"BE\"");
    REQUIRE(at != std::string::npos);
    text.replace(at, 9, "pays=\"FR\"");  // the same size: only the identity's times tell
    const long old_mtime = 1000000000;
    write(record, text);
    set_mtime(record, old_mtime);
    REQUIRE(publish(opt, {convention}, log).documents == 1);
    CHECK(countries() == std::vector<std::string>{"FR"});
    std::fclose(log);
}

TEST_CASE("warming reads every file of the corpus into the cache, and stops when asked", "[context-cache][publish]") {
    TempDir dir;
    const std::string corpus =
        test::copy_corpus_files(dir, {"conventions/conv-kozah-1-waremont-1986.xml",
                                      "partenariats/part-demo-kozah-1-waremont.xml", "repertoire/togo.xml"});
    IndexOptions opt;
    opt.inputs = {corpus};
    opt.schema_dir = test::source_dir() + "/corpus/schema";
    const KeepFreshFiles keep;

    const std::atomic<bool> stop{true};
    warm_context(opt, &stop);
    CHECK(context_cache().size() == 0);

    warm_context(opt);
    CHECK(context_cache().size() == 3);
    for (const char* name : {"conv-kozah-1-waremont-1986.xml", "part-demo-kozah-1-waremont.xml", "togo.xml"}) {
        INFO(name);
        const std::string path = corpus + "/" + name;
        auto known = context_cache().find(path, *identity_of(path));
        REQUIRE(known);
        // The record and the gazetteer whole; the agreement by its root only.
        CHECK(known->has_record == (std::string(name) != "conv-kozah-1-waremont-1986.xml"));
    }
}

TEST_CASE("the server warms the publication's cache at start: every file of its corpus", "[context-cache][server]") {
    TempDir dir;
    const std::string corpus = dir / "corpus";
    std::filesystem::copy(test::source_dir() + "/corpus", corpus, std::filesystem::copy_options::recursive);
    // A file is kept once left unchanged for the settle time (context_cache.h).
    const auto settled = std::chrono::system_clock::now() + std::chrono::milliseconds(2100);
    test::TempIndex index(corpus);
    TempDir state;
    size_t unreadable = 0;
    const size_t files = walk({corpus}, nullptr, unreadable).size();
    REQUIRE(files > 50);
    std::this_thread::sleep_until(settled);
    test::ServerProcess server({"--db", index.db, "--state-dir", state.path(), "--corpus", corpus, "--port", "0"});
    auto gauge = [&] {
        const std::string m = server.get("/metrics").body;
        const std::string key = "\ncoopdec_publication_context_files ";
        const auto at = m.find(key);
        REQUIRE(at != std::string::npos);
        return std::stoul(m.substr(at + key.size()));
    };
    // Polled: the warming runs beside the requests, with no signal of its end.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    size_t seen = gauge();
    while (seen < files && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        seen = gauge();
    }
    CHECK(seen == files);
}
