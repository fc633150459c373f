// @brief End to end: the real binaries on the bundled corpus and on the
// conformance files of ../shared/conformance.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "tests/test_util.h"

using namespace coopdec;

namespace {

struct Output {
    int status = -1;
    std::string text;  // stdout and stderr
};

Output run(const std::string& command) {
    Output out;
    std::FILE* p = popen((command + " 2>&1").c_str(), "r");
    REQUIRE(p != nullptr);
    std::array<char, 4096> buf;
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.text.append(buf.data(), n);
    int st = pclose(p);
    out.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return out;
}

Poco::JSON::Object::Ptr search_json(const std::string& db, const std::string& args) {
    Output o = run(test::bin("coopdec-search") + " --db " + test::shell_quote(db) + " --json " + args);
    INFO(o.text);
    REQUIRE(o.status == 0);
    Poco::JSON::Parser parser;
    return parser.parse(o.text).extract<Poco::JSON::Object::Ptr>();
}

bool has_result(const Poco::JSON::Object::Ptr& r, const std::string& id) {
    auto results = r->getArray("results");
    for (size_t i = 0; i < results->size(); ++i)
        if (results->getObject(i)->getValue<std::string>("id") == id) return true;
    return false;
}

size_t facet(const Poco::JSON::Object::Ptr& r, const std::string& name, const std::string& value) {
    auto values = r->getObject("facets")->getArray(name);
    for (size_t i = 0; i < values->size(); ++i)
        if (values->getObject(i)->getValue<std::string>("value") == value)
            return values->getObject(i)->getValue<size_t>("count");
    return 0;
}

}  // namespace

TEST_CASE("the bundled corpus indexes cleanly and answers known queries", "[e2e]") {
    test::TempDir dir;
    std::string db = dir / "db";
    std::string corpus = test::source_dir() + "/corpus";

    Output first = run(test::bin("coopdec-index") + " --db " + test::shell_quote(db) + " " + test::shell_quote(corpus));
    INFO(first.text);
    REQUIRE(first.status == 0);
    // 86 files: the gazetteer feeds the others and is no result.
    CHECK(first.text.find("86 fichiers : 85 documents indexés") != std::string::npos);
    CHECK(first.text.find("85 documents dans l'index") != std::string::npos);
    CHECK(first.text.find(" 0 en erreur, 0 avertissements") != std::string::npos);

    Output second =
        run(test::bin("coopdec-index") + " --db " + test::shell_quote(db) + " " + test::shell_quote(corpus));
    CHECK(second.status == 0);
    CHECK(second.text.find("0 documents indexés (0 unités), 86 inchangés") != std::string::npos);

    auto all = search_json(db, "''");
    CHECK(all->getValue<size_t>("total") == 85);
    CHECK(facet(all, "type", "partenariat") == 36);
    CHECK(facet(all, "type", "convention") >= 30);
    CHECK(facet(all, "type", "entretien") >= 12);
    CHECK(facet(all, "type", "loi") == 2);
    CHECK(facet(all, "type", "etude") == 1);
    CHECK(facet(all, "region", "Savanes") > 0);
    CHECK(facet(all, "country", "FR") > 0);

    // Known queries, typed as users type them.
    auto law = search_json(db, "'art. 46'");
    CHECK(has_result(law, "akn-tg-act-loi-2019-06-26-2019-006"));
    auto atakpame = search_json(db, "Atakpame");
    CHECK(has_result(atakpame, "part-ogou-1-niort"));
    auto niort = search_json(db, "--filter type=convention --filter commune='Ogou 1' ''");
    CHECK(niort->getValue<size_t>("total") >= 1);
    auto study = search_json(db, "'mise en oeuvre' ProDeGoL");
    CHECK(has_result(study, "etude-prodegol-introduction"));
    auto demo = search_json(db, "--filter type=convention ''");
    auto first_result = demo->getArray("results")->getObject(0);
    CHECK(first_result->getValue<bool>("demo"));

    // A wrong filter is refused with a French message and status 2.
    Output bad =
        run(test::bin("coopdec-search") + " --db " + test::shell_quote(db) + " --filter commune=Atlantide eau");
    CHECK(bad.status == 2);
    CHECK(bad.text ==
          "coopdec-search : aucun document n'a la valeur « Atlantide » pour le filtre « commune » ; valeurs "
          "proches : Amou 1 (Amlamé), Ogou 1 (Atakpamé), Danyi 1, Kloto 1 (Kpalimé), Zio 1 (Tsévié)\n");
}

TEST_CASE("every conformance file is taken, the duplicate id a warning", "[e2e][conformance]") {
    test::TempDir dir;
    std::string conformance = test::source_dir() + "/../shared/conformance";
    Output o = run(test::bin("coopdec-index") + " --db " + test::shell_quote(dir / "db") + " " +
                   test::shell_quote(conformance));
    INFO(o.text);
    CHECK(o.status == 0);
    CHECK(o.text.find("akn_edge_invalid_sameXmlId.xml:100:21: avertissement : identifiant en double « BAD_XMLID » "
                      "(déjà à la ligne 96)\n") != std::string::npos);
    CHECK(o.text.find("8 fichiers : 8 documents indexés") != std::string::npos);
    CHECK(o.text.find("0 en erreur, 1 avertissements") != std::string::npos);
}
