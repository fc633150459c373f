// @brief publish(): one document at a time gives the index a whole run
// gives; an index with no committed run reads as empty everywhere; every
// program's last boundary says what failed.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/main_guard.h"
#include "indexer/corpus.h"
#include "indexer/publish.h"
#include "indexer/source_file.h"
#include "search/search.h"
#include "tests/index_dump.h"
#include "tests/server_process.h"
#include "tests/test_util.h"

using namespace coopdec;
using coopdec::test::TempDir;

namespace {

IndexOptions bundled_options(const std::string& db) {
    IndexOptions opt;
    opt.db_path = db;
    opt.inputs = {test::source_dir() + "/corpus"};
    opt.schema_dir = test::source_dir() + "/corpus/schema";
    return opt;
}

// An index folder as a first run killed before its commit leaves it: a
// Xapian database with no document and no metadata.
void make_empty_database(const std::string& path) {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    db.close();
}

}  // namespace

TEST_CASE("the bundled corpus published file by file is the index of one run, term for term", "[index][publish]") {
    TempDir dir;
    const IndexOptions whole = bundled_options(dir / "whole");
    std::FILE* log = std::tmpfile();
    IndexSummary one_run = index_corpus(whole, log);
    REQUIRE_FALSE(one_run.fatal);
    REQUIRE(one_run.errors == 0);

    const IndexOptions each = bundled_options(dir / "each");
    std::size_t errors = 0;
    const std::vector<std::string> files = walk(each.inputs, nullptr, errors);
    REQUIRE(files.size() > 20);
    std::size_t documents = 0;
    for (const auto& f : files) {
        IndexSummary s = publish(each, {f}, log);
        REQUIRE_FALSE(s.fatal);
        CHECK(s.files == 1);
        CHECK(s.errors == 0);
        documents += s.documents;
    }
    std::fclose(log);
    CHECK(documents == one_run.documents);

    const std::vector<std::string> a = test::dump(whole.db_path), b = test::dump(each.db_path);
    REQUIRE(a.size() > 1000);
    CHECK(a.size() == b.size());
    std::size_t differences = 0;
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
        if (a[i] != b[i] && ++differences <= 5) CHECK(a[i] == b[i]);
    CHECK(differences == 0);
}

TEST_CASE("publishing one file removes nothing beside it - publishing its folder removes what disappeared",
          "[index][publish]") {
    TempDir dir;
    const std::string corpus = test::copy_corpus_files(
        dir, {"conventions/conv-sotouboua-brabant-sud-2020.xml", "conventions/conv-kozah-1-waremont-1986.xml"});
    IndexOptions opt;
    opt.db_path = dir / "db";
    opt.inputs = {corpus};
    opt.schema_dir = test::source_dir() + "/corpus/schema";
    std::FILE* log = std::tmpfile();
    REQUIRE(index_corpus(opt, log).documents == 2);
    std::filesystem::remove(corpus + "/conv-kozah-1-waremont-1986.xml");

    IndexSummary one = publish(opt, {corpus + "/conv-sotouboua-brabant-sud-2020.xml"}, log);
    CHECK(one.files == 1);
    CHECK(one.skipped == 1);
    CHECK(one.removed == 0);
    CHECK(one.total_documents == 2);

    IndexSummary folder = publish(opt, {corpus}, log);
    CHECK(folder.removed == 1);
    CHECK(folder.total_documents == 1);
    std::fclose(log);
}

TEST_CASE("an index with no committed run reads as empty, never as another schema", "[index][publish][bad-input]") {
    TempDir dir;
    const std::string db = dir / "db";
    make_empty_database(db);

    SECTION("coopdec-search says so and exits with 2; its JSON says 503") {
        int status = 0;
        std::string out = test::run_command(
            std::string(COOPDEC_BIN_DIR) + "/coopdec-search --db " + test::shell_quote(db) + " accord 2>&1", status);
        CHECK(status == 2);
        CHECK(out == "coopdec-search : " + db + " : index vide : aucune indexation terminée\n");
        out = test::run_command(std::string(COOPDEC_BIN_DIR) + "/coopdec-search --json --db " + test::shell_quote(db) +
                                    " accord 2>/dev/null",
                                status);
        CHECK(status == 2);
        CHECK(test::contains(out, "\"status\":503"));
        CHECK(test::contains(out, "index vide : aucune indexation terminée"));
    }

    SECTION("the server starts and answers 503 with the message on the pages that need the index") {
        test::ServerProcess s({"--db", db, "--port", "0"});
        test::HttpAnswer health = s.get("/healthz");
        CHECK(health.status == 503);
        for (const char* page : {"/recherche?q=accord", "/api/search?q=accord", "/"}) {
            INFO(page);
            test::HttpAnswer r = s.get(page);
            CHECK(r.status == 503);
            CHECK(test::contains(r.body, "index vide : aucune indexation terminée"));
        }
    }

    SECTION("coopdec-index indexes into it, as into a new index") {
        std::FILE* log = std::tmpfile();
        IndexOptions opt = bundled_options(db);
        IndexSummary s = index_corpus(opt, log);
        std::string said = test::read_and_close(log);
        CHECK_FALSE(s.fatal);
        CHECK(s.errors == 0);
        CHECK(said == "");
        CHECK(s.total_documents > 0);
    }
}

TEST_CASE("an index that holds documents but no schema version is still another schema",
          "[index][publish][bad-input]") {
    TempDir dir;
    const std::string db = dir / "db";
    {
        Xapian::WritableDatabase w(db, Xapian::DB_CREATE_OR_OPEN);
        w.add_document(Xapian::Document());
        w.commit();
    }
    int status = 0;
    std::string out = test::run_command(
        std::string(COOPDEC_BIN_DIR) + "/coopdec-search --db " + test::shell_quote(db) + " accord 2>&1", status);
    CHECK(status == 2);
    CHECK(test::contains(out, "est au schéma «  »"));
    CHECK_FALSE(test::contains(out, "index vide"));
}

TEST_CASE("every program's main() says what escaped it, in French, with a non-zero status", "[main-guard]") {
    std::FILE* err = std::tmpfile();
    CHECK(guarded_main(
              "prog", [] { return 1; }, err) == 1);
    CHECK(guarded_main(
              "prog", []() -> int { throw Xapian::DatabaseCorruptError("bloc illisible"); }, err) ==
          kExitInternalError);
    CHECK(guarded_main(
              "prog", []() -> int { throw std::runtime_error("plus de mémoire"); }, err) == kExitInternalError);
    CHECK(guarded_main(
              "prog", []() -> int { throw 42; }, err) == kExitInternalError);
    CHECK(test::read_and_close(err) ==
          "prog : erreur interne de l'index (Xapian) : DatabaseCorruptError: bloc illisible\n"
          "prog : erreur interne : plus de mémoire\n"
          "prog : erreur interne : exception inconnue\n");
}

TEST_CASE("coopdec-index says an exception that escapes the run instead of aborting", "[main-guard][index]") {
    // A working folder removed under the run: the input's absolute path
    // cannot be had (std::filesystem throws), which ended the program in
    // std::terminate, without a message, before main() caught it.
    TempDir dir;
    const std::string gone = dir / "gone";
    std::filesystem::create_directories(gone);
    int status = 0;
    std::string out = test::run_command("cd " + test::shell_quote(gone) + " && rmdir " + test::shell_quote(gone) +
                                            " && " + test::bin("coopdec-index") + " --quiet --db " +
                                            test::shell_quote(dir / "db") + " corpus 2>&1",
                                        status);
    CHECK(status == 2);
    CHECK(test::contains(out, "\ncoopdec-index : erreur interne : "));
    CHECK_FALSE(test::contains(out, "terminate"));
}
