// @brief An index of a folder of the bundled corpus in a temporary folder,
// built in process, for the tests that need one to search or to serve.
#pragma once

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "indexer/corpus.h"
#include "search/search.h"
#include "tests/test_util.h"

namespace coopdec::test {

// Indexes `input` (a file or folder, by default the whole bundled corpus)
// with the bundled schemas into `db`, under a folder removed with the
// object. A file reported by the indexer fails the test case (REQUIRE,
// from the constructor); the indexer's messages are discarded.
struct TempIndex {
    TempDir dir;
    std::string db = dir / "db";

    explicit TempIndex(const std::string& input = source_dir() + "/corpus") {
        IndexOptions opt;
        opt.db_path = db;
        opt.inputs = {input};
        opt.schema_dir = source_dir() + "/corpus/schema";
        std::FILE* log = std::tmpfile();
        REQUIRE(index_corpus(opt, log).errors == 0);
        std::fclose(log);
    }
};

// How many documents of the index at `db` hold every word of `query`.
inline size_t hits(const std::string& db, const std::string& query) {
    Index d = Index::open(db);
    SearchRequest req;
    req.query = query;
    req.all_words = true;
    return search(d, req).total;
}

}  // namespace coopdec::test
