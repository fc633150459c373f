// @brief coopdec-admin (cli/admin.h): its commands, what they print, their
// exit statuses, and what they leave in the state folder.
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>
#include <variant>

#include "cli/admin.h"
#include "store/account_service.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace {

struct AdminRun {
    int status;
    std::string out, err;
};

AdminRun run_admin_command(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    int status = cli::run_admin(args, out, err);
    return AdminRun{status, out.str(), err.str()};
}

}  // namespace

TEST_CASE("coopdec-admin: create-admin prints a one-time link, list, disable, enable, reset", "[admin-cli]") {
    test::TempDir dir;
    const std::string state = dir / "state";  // created when missing
    AdminRun r = run_admin_command({"--state-dir", state, "--public-url", "https://coopdec.example.org/",
                                    "create-admin", "ama", "--name", "Ama Koffi"});
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    std::smatch m;
    REQUIRE(std::regex_match(r.out, m,
                             std::regex("Lien d'activation de « ama » \\(à usage unique, valable 72 h\\) :\n"
                                        "https://coopdec\\.example\\.org/activer/([0-9a-f]{64})\n")));
    const std::string first = m[1].str();

    r = run_admin_command({"--state-dir", state, "create-admin", "ama", "--name", "Autre"});
    CHECK(r.status == 1);
    CHECK(r.err == "coopdec-admin : l'identifiant « ama » est déjà pris\n");
    CHECK(r.out.empty());

    r = run_admin_command({"--state-dir", state, "list"});
    CHECK(r.status == 0);
    CHECK(r.out == "ama\tadministrateur\ten attente d'activation\t-\tAma Koffi\tdernière connexion : jamais\n");

    r = run_admin_command({"--state-dir", state, "disable", "ama"});
    CHECK(r.status == 0);
    CHECK(r.out == "compte « ama » désactivé\n");
    CHECK(test::contains(run_admin_command({"--state-dir", state, "list"}).out, "\tdésactivé\t"));
    CHECK(run_admin_command({"--state-dir", state, "enable", "ama"}).out == "compte « ama » réactivé\n");

    r = run_admin_command({"--state-dir", state, "reset", "personne"});
    CHECK(r.status == 1);
    CHECK(r.err == "coopdec-admin : aucun compte « personne »\n");

    r = run_admin_command({"--state-dir", state, "--link-hours", "24", "reset", "ama"});
    CHECK(r.status == 0);
    REQUIRE(std::regex_match(r.out, m,
                             std::regex("Lien d'activation de « ama » \\(à usage unique, valable 24 h\\) :\n"
                                        "http://127\\.0\\.0\\.1:8080/activer/([0-9a-f]{64})\n")));
    // The new link works, the first one no longer does; the journal names coopdec-admin.
    store::AccountService accounts(state);
    CHECK(std::holds_alternative<store::Refusal>(accounts.setup_link_account(first)));
    CHECK(std::holds_alternative<store::Account>(accounts.setup_link_account(m[1].str())));
    auto journal = accounts.journal(10);
    REQUIRE(journal.size() == 5);
    for (const auto& e : journal) CHECK(e.actor == "coopdec-admin");
    CHECK(journal[0].event == "lien d'activation créé");
    CHECK(journal[4].event == "compte créé");
}

TEST_CASE("coopdec-admin: usage errors are refused with exit status 2, in French", "[admin-cli]") {
    test::TempDir dir;
    const std::string state = dir.path();
    AdminRun r = run_admin_command({"--help"});
    CHECK(r.status == 0);
    CHECK(test::contains(r.out, "usage : coopdec-admin [--state-dir DOSSIER]"));
    CHECK(test::contains(r.out, "create-admin IDENTIFIANT --name"));
    const struct {
        std::vector<std::string> args;
        const char* message;
    } cases[] = {
        {{"--state-dir", state},
         "coopdec-admin : indiquez une commande : create-admin, list, disable, enable ou reset\n(coopdec-admin --help "
         "pour l'aide)\n"},
        {{"--state-dir", state, "frob"},
         "coopdec-admin : commande inconnue « frob » : les commandes sont create-admin, list, disable, enable et "
         "reset\n"},
        {{"--state-dir", state, "create-admin", "ama"},
         "coopdec-admin : create-admin attend le nom de la personne : --name \"Prénom Nom\"\n"},
        {{"--state-dir", state, "disable"}, "coopdec-admin : disable attend un identifiant\n"},
        {{"--state-dir", state, "list", "ama"}, "coopdec-admin : list ne prend pas d'argument\n"},
        {{"--state-dir"},
         "coopdec-admin : l'option --state-dir attend une valeur\n(coopdec-admin --help pour l'aide)\n"},
        {{"--state-dir", state, "--link-hours", "0", "list"},
         "coopdec-admin : valeur « 0 » refusée pour --link-hours : un nombre entier de 1 à 720 est attendu\n"
         "(coopdec-admin --help pour l'aide)\n"},
        {{"--state-dir", state, "--public-url", "ftp://x", "list"},
         "coopdec-admin : valeur « ftp://x » refusée pour --public-url : une adresse http:// ou https:// est "
         "attendue\n(coopdec-admin --help pour l'aide)\n"},
        {{"--verbeux", "list"}, "coopdec-admin : option inconnue : --verbeux\n(coopdec-admin --help pour l'aide)\n"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.args);
        r = run_admin_command(c.args);
        CHECK(r.status == 2);
        CHECK(r.err == c.message);
        CHECK(r.out.empty());
    }
    // An invalid login is a refusal (1), not a usage error.
    r = run_admin_command({"--state-dir", state, "create-admin", "Ama", "--name", "Ama"});
    CHECK(r.status == 1);
    CHECK(r.err == "coopdec-admin : l'identifiant commence par une lettre minuscule\n");
    // A state folder that cannot be made: 3.
    r = run_admin_command({"--state-dir", "/proc/coopdec-interdit", "list"});
    CHECK(r.status == 3);
    CHECK(r.err.rfind("coopdec-admin : impossible de créer le dossier d'état /proc/coopdec-interdit", 0) == 0);
}
