// @brief One index of the bundled corpus and one coopdec-server on it per
// test process, for the HTTP tests of the exports and of /apercu.
#pragma once

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "indexer/corpus.h"
#include "tests/server_process.h"
#include "tests/test_util.h"

namespace coopdec::test {

struct BundledServer {
    TempDir dir;
    std::string db = dir / "db";
    std::unique_ptr<ServerProcess> server;
    BundledServer() {
        IndexOptions opt;
        opt.db_path = db;
        opt.inputs = {source_dir() + "/corpus"};
        opt.schema_dir = source_dir() + "/corpus/schema";
        std::FILE* log = std::tmpfile();
        IndexSummary s = index_corpus(opt, log);
        std::fclose(log);
        if (s.errors || s.fatal) throw std::runtime_error("the bundled corpus did not index");
        server = std::make_unique<ServerProcess>(std::vector<std::string>{"--db", db, "--port", "0"}, dir / "server.log");
    }
};

// Built on first use, shared by the test cases of one process.
inline BundledServer& bundled() {
    static BundledServer s;
    return s;
}

inline Poco::JSON::Object::Ptr parse_json(const std::string& text) {
    Poco::JSON::Parser p;
    return p.parse(text).extract<Poco::JSON::Object::Ptr>();
}

}  // namespace coopdec::test
