// @brief One index of the bundled corpus and one coopdec-server on it per
// test process, for the HTTP tests of the pages, exports and dossiers.
#pragma once

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

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
    // `server_args` go to coopdec-server after --db and --port.
    explicit BundledServer(const std::vector<std::string>& server_args = {}) {
        IndexOptions opt;
        opt.db_path = db;
        opt.inputs = {source_dir() + "/corpus"};
        opt.schema_dir = source_dir() + "/corpus/schema";
        std::FILE* log = std::tmpfile();
        IndexSummary s = index_corpus(opt, log);
        std::fclose(log);
        if (s.errors || s.fatal) throw std::runtime_error("the bundled corpus did not index");
        std::vector<std::string> args{"--db", db, "--port", "0"};
        args.insert(args.end(), server_args.begin(), server_args.end());
        server = std::make_unique<ServerProcess>(args, dir / "server.log");
    }
};

// Built on first use, shared by the test cases of one process.
inline BundledServer& bundled() {
    static BundledServer s;
    return s;
}

inline const ServerProcess& bundled_server() { return *bundled().server; }

inline Poco::JSON::Object::Ptr parse_json(const std::string& text) {
    Poco::JSON::Parser p;
    return p.parse(text).extract<Poco::JSON::Object::Ptr>();
}

// The count of `value` in the facet `facet` of a search's JSON, 0 if absent.
inline size_t facet_count(const Poco::JSON::Object::Ptr& result, const std::string& facet, const std::string& value) {
    auto values = result->getObject("facets")->getArray(facet);
    for (size_t i = 0; i < values->size(); ++i)
        if (values->getObject(i)->getValue<std::string>("value") == value)
            return values->getObject(i)->getValue<size_t>("count");
    return 0;
}

}  // namespace coopdec::test
