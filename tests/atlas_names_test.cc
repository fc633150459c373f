// @brief The atlas's pages named in text: « Dans l'atlas » on the search
// page and in the JSON API, and commune links by gazetteer id.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <xapian.h>

#include "common/places.h"
#include "common/schema.h"
#include "search/atlas.h"
#include "search/atlas_names.h"
#include "search/document.h"
#include "search/index.h"
#include "server/atlas_pages.h"
#include "server/pages.h"
#include "tests/bundled_server.h"

using namespace coopdec;

namespace atlas_names_test {

places::PlaceRow place(std::string id, std::string level, std::string name, std::string parent,
                       std::vector<std::string> aliases = {}, std::vector<std::string> former = {}) {
    return places::PlaceRow{std::move(id),     std::move(level),   std::move(name),
                            std::move(parent), std::move(aliases), std::move(former)};
}

// A small gazetteer: numbered families of two and seven communes, a
// hyphenated one, a former town name, and the chef-lieu of a préfecture.
std::vector<places::PlaceRow> gazetteer() {
    std::vector<places::PlaceRow> rows{
        place("maritime", "region", "Maritime", ""),
        place("plateaux", "region", "Plateaux", ""),
        place("golfe", "prefecture", "Golfe", "maritime", {"Lomé"}),
        place("kloto", "prefecture", "Kloto", "plateaux", {"Kpalimé"}),
        place("kloto-1", "commune", "Kloto 1", "kloto", {"Kpalimé", "Kpalime-Ville"}, {"Kpalimé"}),
        place("kloto-2", "commune", "Kloto 2", "kloto"),
        place("tone-1", "commune", "Tône 1", "tone", {"Dapaong"}, {"Dapaong"}),
        place("agoe-nyive-2", "commune", "Agoè-Nyivé 2", "golfe"),
        place("ogou-1", "commune", "Ogou 1", "plateaux", {"Atakpamé"}, {"Atakpamé"}),
        // Two communes sharing an alias: the alias names neither for a record.
        place("anie-1", "commune", "Anié 1", "plateaux", {"Pont"}),
        place("anie-2", "commune", "Anié 2", "plateaux", {"Pont"}),
    };
    for (int i = 1; i <= 7; ++i)
        rows.push_back(place("golfe-" + std::to_string(i), "commune", "Golfe " + std::to_string(i), "golfe"));
    return rows;
}

const atlas::Finder& finder() {
    static const atlas::Finder f(gazetteer(), {{"Bressuire", "FR"},
                                               {"Niort", "FR"},
                                               {"Bressuire", "FR"},  // two records, one partner
                                               {"Issy-les-Moulineaux", "FR"},
                                               {"Communauté de communes de la Côte Roannaise", "FR"},
                                               {"Commune de Tenkoudgo", "BF"},
                                               {"Mamoudzou (Mayotte)", "FR"}});
    return f;
}

// The urls offered for `query`, in order.
std::vector<std::string> urls(const std::string& query) {
    std::vector<std::string> out;
    for (const auto& l : finder().find(query)) out.push_back(l.url);
    return out;
}

using V = std::vector<std::string>;

}  // namespace atlas_names_test

using namespace atlas_names_test;

TEST_CASE("a commune, a partner and a partner country are named by their names", "[atlas][atlas-names]") {
    const std::pair<const char*, V> cases[] = {
        // Communes: name, alias, former name; accents, case, hyphens.
        {"kpalime", {"/commune/kloto-1"}},
        {"KPALIMÉ", {"/commune/kloto-1"}},
        {"jumelage de Kpalime-Ville", {"/commune/kloto-1"}},
        {"Atakpame", {"/commune/ogou-1"}},
        {"tone 1", {"/commune/tone-1"}},
        {"Tône 1 eau potable", {"/commune/tone-1"}},
        {"agoe-nyive 2", {"/commune/agoe-nyive-2"}},
        {"Agoè Nyivé 2", {"/commune/agoe-nyive-2"}},
        // Partners: a name, a hyphenated one, a group of communes, a kind of government, a parenthesis.
        {"bressuire", {"/partenaire/bressuire-fr"}},
        {"Niort", {"/partenaire/niort-fr"}},
        {"issy les moulineaux", {"/partenaire/issy-les-moulineaux-fr"}},
        {"côte roannaise", {"/partenaire/communaute-de-communes-de-la-cote-roannaise-fr"}},
        {"tenkoudgo", {"/partenaire/commune-de-tenkoudgo-bf"}},
        {"mamoudzou", {"/partenaire/mamoudzou-mayotte-fr"}},
        // Countries by their French names and other names.
        {"la France", {"/pays/FR"}},
        {"burkina", {"/pays/BF"}},
        {"Burkina Faso", {"/pays/BF"}},
        // Several names, in query order.
        {"kpalime bressuire france", {"/commune/kloto-1", "/partenaire/bressuire-fr", "/pays/FR"}},
    };
    for (const auto& [query, expected] : cases) {
        INFO(query);
        CHECK(urls(query) == expected);
    }
    auto commune = finder().find("kpalime");
    REQUIRE(commune.size() == 1);
    CHECK(commune[0] == atlas::Link{"commune", "kloto-1", "Kloto 1 (Kpalimé)", "/commune/kloto-1"});
    auto partner = finder().find("bressuire");
    REQUIRE(partner.size() == 1);
    CHECK(partner[0] == atlas::Link{"partenaire", "bressuire-fr", "Bressuire (France)", "/partenaire/bressuire-fr"});
}

TEST_CASE("a numbered commune's family is offered in a bounded way", "[atlas][atlas-names]") {
    // Seven Golfe communes: the first five, then the list of communes.
    auto golfe = finder().find("golfe");
    REQUIRE(golfe.size() == atlas::kMaxFamily + 1);
    CHECK(golfe[0].url == "/commune/golfe-1");
    CHECK(golfe[4].url == "/commune/golfe-5");
    CHECK(golfe[5] == atlas::Link{"communes", "", "Les 7 communes « Golfe »", "/communes"});
    // The préfecture's chef-lieu names the family too.
    CHECK(finder().find("lome") == golfe);
    // Two Kloto communes: both, and no list.
    CHECK(urls("kloto") == V{"/commune/kloto-1", "/commune/kloto-2"});
    // With its number, the commune only.
    CHECK(urls("golfe 3") == V{"/commune/golfe-3"});
    CHECK(urls("kloto 2") == V{"/commune/kloto-2"});
}

TEST_CASE("words that merely hold a name, stop words and excluded words name nothing", "[atlas][atlas-names]") {
    CHECK(urls("salome").empty());
    CHECK(urls("lomeen").empty());
    CHECK(urls("kpalimeville").empty());
    CHECK(urls("niortais").empty());
    CHECK(urls("francs cfa").empty());
    CHECK(urls("coopération française").empty());  // an adjective is not the country's name
    CHECK(urls("le la les de du des").empty());
    CHECK(urls("1").empty());  // a commune's number alone
    CHECK(urls("eau -kpalime").empty());
    CHECK(urls("cote").empty());  // half of « Côte Roannaise »
    CHECK(urls("").empty());
    // At most kMaxLinks.
    CHECK(finder().find("golfe kloto bressuire niort france burkina tone 1").size() == atlas::kMaxLinks);
}

TEST_CASE("a record's commune name resolves to its gazetteer id by name or alias", "[atlas][atlas-names]") {
    CHECK(finder().commune_id("Tône 1") == "tone-1");
    CHECK(finder().commune_id("tone 1") == "tone-1");
    CHECK(finder().commune_id("TONE-1") == "tone-1");
    CHECK(finder().commune_id("Kpalimé") == "kloto-1");
    CHECK(finder().commune_id("Agoe-Nyive 2") == "agoe-nyive-2");
    CHECK(finder().commune_id("Pont").empty());  // an alias of two communes
    CHECK(finder().commune_id("Nulle-Part").empty());
    CHECK(finder().commune_id("Kloto").empty());  // a préfecture
    CHECK(finder().commune_id("").empty());
}

TEST_CASE("pages link a record's commune by its gazetteer id, and an unknown one not at all", "[atlas][atlas-names]") {
    // An index holding the gazetteer and one record that spells its communes loosely.
    namespace sc = schema;
    Xapian::WritableDatabase w(std::string(), Xapian::DB_BACKEND_INMEMORY);
    w.set_metadata(std::string(sc::kPlacesKey), places::encode(gazetteer()));
    Xapian::Document doc;
    doc.add_boolean_term(sc::kind_term(sc::kKindDoc));
    doc.add_boolean_term(sc::facet_term(*sc::find_facet("type"), sc::kTypePartnership));
    doc.add_boolean_term(std::string(sc::kPrefixDoc) + "part-x");
    doc.add_boolean_term(sc::id_term("part-x"));
    doc.add_value(sc::kSlotDoc, "part-x");
    doc.set_data(sc::encode_data({{sc::kFieldType, sc::kTypePartnership},
                                  {sc::kFieldDoc, "part-x"},
                                  {sc::kFieldTitle, "Coopération Tône 1 – Niort"},
                                  {sc::kFieldPartnerName, "Niort"},
                                  {sc::kFieldPartnerCountry, "FR"},
                                  {sc::kFieldCommunes, "tone 1\nNulle-Part\nKpalimé"}}));
    w.add_document(doc);
    w.commit();
    Index index{Xapian::Database(w)};

    auto partner = atlas::load_partner(index, "niort-fr");
    REQUIRE(partner);
    REQUIRE(partner->partnerships.size() == 1);
    CHECK(partner->partnerships[0].commune_ids == V{"tone-1", "", "kloto-1"});
    const std::string page = pages::partner_page(*partner);
    CHECK(page.find("<a href=\"/commune/tone-1\">tone 1</a>, Nulle-Part, <a href=\"/commune/kloto-1\">Kpalimé</a>") !=
          std::string::npos);
    CHECK(page.find("/commune/nulle-part") == std::string::npos);

    auto record = load_partnership(index, "part-x");
    REQUIRE(record);
    CHECK(record->commune_ids == V{"tone-1", "", "kloto-1"});
    const std::string shown = pages::partnership_page(*record);
    CHECK(shown.find(
              "Dans l'atlas : <a href=\"/commune/tone-1\">tone 1</a> · <a href=\"/commune/kloto-1\">Kpalimé</a>") !=
          std::string::npos);
    CHECK(shown.find("/commune/nulle-part") == std::string::npos);
}

TEST_CASE("the search page offers « Dans l'atlas », whose links answer", "[atlas][atlas-names][server]") {
    const auto& server = test::bundled_server();
    auto a = server.get("/recherche?q=kpalime");
    REQUIRE(a.status == 200);
    const size_t box = a.body.find("<h2 id=\"atlas-title\">Dans l'atlas</h2>");
    REQUIRE(box != std::string::npos);
    CHECK(a.body.find("<li><a href=\"/commune/kloto-1\">Kloto 1 (Kpalimé)</a> — page de la commune</li>", box) !=
          std::string::npos);
    // Above the results.
    CHECK(box < a.body.find("<ol class=\"hits\""));
    CHECK(server.get("/commune/kloto-1").status == 200);

    auto b = server.get("/recherche?q=jumelage+bressuire+france");
    REQUIRE(b.status == 200);
    CHECK(b.body.find("<li><a href=\"/partenaire/bressuire-fr\">Bressuire (France)</a> — page du partenaire</li>") !=
          std::string::npos);
    CHECK(b.body.find("<li><a href=\"/pays/FR\">France</a> — page du pays</li>") != std::string::npos);
    CHECK(server.get("/partenaire/bressuire-fr").status == 200);
    CHECK(server.get("/pays/FR").status == 200);

    // A query naming nothing of the atlas: no box.
    auto c = server.get("/recherche?q=eau+potable");
    REQUIRE(c.status == 200);
    CHECK(c.body.find("Dans l'atlas") == std::string::npos);
}

TEST_CASE("the JSON API lists the atlas's pages a query names", "[atlas][atlas-names][server]") {
    auto a = test::bundled_server().get("/api/search?q=kpalime");
    REQUIRE(a.status == 200);
    auto atlas = test::parse_json(a.body)->getArray("atlas");
    REQUIRE(atlas);
    REQUIRE(atlas->size() == 1);
    auto link = atlas->getObject(0);
    CHECK(link->getValue<std::string>("kind") == "commune");
    CHECK(link->getValue<std::string>("id") == "kloto-1");
    CHECK(link->getValue<std::string>("label") == "Kloto 1 (Kpalimé)");
    CHECK(link->getValue<std::string>("url") == "/commune/kloto-1");

    auto g = test::bundled_server().get("/api/search?q=golfe");
    REQUIRE(g.status == 200);
    auto family = test::parse_json(g.body)->getArray("atlas");
    REQUIRE(family->size() == atlas::kMaxFamily + 1);
    CHECK(family->getObject(atlas::kMaxFamily)->getValue<std::string>("url") == "/communes");

    auto none = test::bundled_server().get("/api/search?q=eau+potable");
    REQUIRE(none.status == 200);
    CHECK(test::parse_json(none.body)->getArray("atlas")->size() == 0);
}
