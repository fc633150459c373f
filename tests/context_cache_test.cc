// @brief The context cache: a file is remembered while its identity holds,
// and a publication never gives a document the fields of a record as it
// was before a change.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "indexer/context_cache.h"
#include "indexer/corpus.h"
#include "indexer/publish.h"
#include "search/search.h"
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
    context_cache().set_settle(std::chrono::nanoseconds(0));
    struct Restore {
        ~Restore() {
            context_cache().set_settle(std::chrono::seconds(2));
            context_cache().clear();
        }
    } restore;
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
