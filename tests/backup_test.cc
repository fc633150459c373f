// @brief coopdec-backup (store/backup.h): a copy taken while the server
// runs, restored into new folders and indexed, serves the same answers.
#include <catch2/catch.hpp>

#include <fstream>

#include "tests/publishing.h"
#include "tests/server_process.h"

namespace coopdec {
namespace {

using test::TempPublishing;

std::string backup_tool() { return std::string(COOPDEC_BIN_DIR) + "/coopdec-backup"; }

int run(const std::string& args, std::string& said) {
    int status = -1;
    said = test::run_command(backup_tool() + " " + args + " 2>&1", status);
    return status;
}

}  // namespace

TEST_CASE("a backup taken while the server runs serves the same answers once restored", "[backup]") {
    TempPublishing t;
    REQUIRE(
        t.publisher
            ->publish({{"partenariats/part-kloto-1-oyonnax.xml", test::new_record("part-kloto-1-oyonnax", "Oyonnax")}},
                      test::validator(), "Fiche acceptée : Kloto 1 – Oyonnax")
            .ok);
    test::TempDir elsewhere;
    std::filesystem::create_directories(t.state + "/originals/12");
    std::ofstream(t.state + "/originals/12/fiche.pdf") << "%PDF-1.4 original";
    test::ServerProcess first({"--db", t.db, "--state-dir", t.state, "--corpus", t.corpus, "--port", "0"});

    const std::string dest = elsewhere / "sauvegarde";
    std::string said;
    REQUIRE(run("create --state-dir " + test::shell_quote(t.state) + " --corpus " + test::shell_quote(t.corpus) + " " +
                    test::shell_quote(dest),
                said) == 0);
    CHECK(std::filesystem::exists(dest + "/coopdec.sqlite"));
    CHECK(std::filesystem::exists(dest + "/originals/12/fiche.pdf"));
    // Refused: a destination that is not empty.
    CHECK(run("create --state-dir " + test::shell_quote(t.state) + " --corpus " + test::shell_quote(t.corpus) + " " +
                  test::shell_quote(dest),
              said) == 1);
    CHECK(said == "coopdec-backup : la destination « " + dest + " » existe et n'est pas vide\n");

    const std::string state2 = elsewhere / "etat", corpus2 = elsewhere / "corpus", db2 = elsewhere / "index";
    const std::string restore = "restore " + test::shell_quote(dest) + " --state-dir " + test::shell_quote(state2) +
                                " --corpus " + test::shell_quote(corpus2);
    REQUIRE(run(restore, said) == 0);
    CHECK(run(restore, said) == 1);  // not over what is there
    CHECK(said.find("ajoutez --force") != std::string::npos);
    CHECK(run(restore + " --force", said) == 0);
    CHECK(std::filesystem::exists(state2 + "/originals/12/fiche.pdf"));
    int status = -1;
    test::run_command(std::string(COOPDEC_BIN_DIR) + "/coopdec-index --quiet --db " + test::shell_quote(db2) + " " +
                          test::shell_quote(corpus2) + " 2>&1",
                      status);
    REQUIRE(status == 0);
    test::ServerProcess second({"--db", db2, "--state-dir", state2, "--corpus", corpus2, "--port", "0"});

    for (const std::string target : {"/api/search?q=oyonnax", "/api/search?q=jumelage+bressuire",
                                     "/api/search?q=kloto&type=convention", "/partenariat/part-kloto-1-oyonnax",
                                     "/historique/part-kloto-1-oyonnax", "/doc/conv-kloto-1-bressuire-1991"}) {
        INFO(target);
        test::HttpAnswer a = first.get(target), b = second.get(target);
        CHECK(a.status == 200);
        CHECK(a.status == b.status);
        CHECK(a.body == b.body);
    }
    CHECK(second.get("/historique/part-kloto-1-oyonnax").body.find("akossiwa") != std::string::npos);
}

}  // namespace coopdec
