// @brief The atlas's pages: every commune of the gazetteer, a partner, a
// country, the missing data of a record, and the search's link to a
// commune's page, on the bundled corpus's index.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include <pugixml.hpp>

#include "search/atlas.h"
#include "server/atlas_pages.h"
#include "tests/bundled_server.h"

using namespace coopdec;
using coopdec::test::bundled_server;

TEST_CASE("every commune of the gazetteer has its page with its name and région", "[atlas][server]") {
    pugi::xml_document doc;
    REQUIRE(doc.load_file((coopdec::test::source_dir() + "/corpus/repertoire/togo.xml").c_str()));
    size_t communes = 0;
    for (pugi::xpath_node region : doc.select_nodes("//*[local-name()='region']")) {
        std::string region_name = region.node().attribute("nom").value();
        std::string region_id = region.node().attribute("id").value();
        for (pugi::xpath_node c : region.node().select_nodes(".//*[local-name()='commune']")) {
            ++communes;
            std::string id = c.node().attribute("id").value(), name = c.node().attribute("nom").value();
            auto a = bundled_server().get("/commune/" + id);
            INFO(id);
            CHECK(a.status == 200);
            CHECK(a.body.find("<h1>Commune de " + name + "</h1>") != std::string::npos);
            CHECK(a.body.find("<dt>Région</dt><dd><a href=\"/region/" + region_id + "\">" + region_name +
                              "</a></dd>") != std::string::npos);
            // A small map of Togo, its préfecture in orange with its name.
            std::string prefecture = c.node().parent().attribute("nom").value();
            size_t from = a.body.find("<svg"), to = a.body.find("</svg>");
            REQUIRE(from != std::string::npos);
            REQUIRE(to != std::string::npos);
            std::string svg = a.body.substr(from, to + 6 - from);
            CHECK(svg.size() < 40 * 1024);
            pugi::xml_document map;
            REQUIRE(map.load_string(svg.c_str()));
            pugi::xml_node here = map.select_node("//path[@class='here']").node();
            REQUIRE(here);
            CHECK(std::string(here.attribute("fill").value()) == "#e6550d");
            CHECK(std::string(here.child_value("title")).rfind("Préfecture " + prefecture, 0) == 0);
            CHECK(map.select_nodes("//path[@class='here']").size() == 1);
            CHECK(a.body.find("préfectures sous licence CC BY-SA 2.0.") != std::string::npos);
        }
    }
    CHECK(communes == 117);
    auto index = bundled_server().get("/communes");
    CHECK(index.status == 200);
    CHECK(index.body.find("<a href=\"/commune/kloto-1\">Kloto 1</a>") != std::string::npos);
    CHECK(index.body.find("<h3>Préfecture Kloto</h3>") != std::string::npos);
    CHECK(index.body.find("<a href=\"/commune/kloto-1\">Kloto 1</a> (Kpalimé) — 2 partenariats</li>") !=
          std::string::npos);
}

TEST_CASE("Kloto 1's page lists its partnerships with Bressuire and Mamoudzou and its documents", "[atlas][server]") {
    auto a = bundled_server().get("/commune/kloto-1");
    REQUIRE(a.status == 200);
    CHECK(a.body.find("<dt>Anciens noms</dt><dd>Kpalimé") != std::string::npos);
    CHECK(a.body.find("<a href=\"/partenaire/bressuire-fr\">Bressuire</a>") != std::string::npos);
    CHECK(a.body.find("<a href=\"/partenaire/mamoudzou-mayotte-fr\">Mamoudzou (Mayotte)</a>") != std::string::npos);
    CHECK(a.body.find("href=\"/partenariat/part-kloto-1-bressuire\"") != std::string::npos);
    CHECK(a.body.find("<th scope=\"col\">Partenaire</th>") != std::string::npos);
    // Its documents: at least the Bressuire agreement, on the chronology.
    CHECK(a.body.find("<ol class=\"chrono\">") != std::string::npos);
    CHECK(a.body.find("href=\"/doc/conv-kloto-1-bressuire-1991\"") != std::string::npos);
    CHECK(a.body.find("Données manquantes") != std::string::npos);
    CHECK(a.body.find("/espace/fiche/modifier/part-kloto-1-bressuire") != std::string::npos);
}

TEST_CASE("a commune without partnership says so", "[atlas][server]") {
    auto a = bundled_server().get("/commune/cinkasse-2");
    REQUIRE(a.status == 200);
    CHECK(a.body.find("Aucun partenariat n'est enregistré pour cette commune.") != std::string::npos);
    CHECK(a.body.find("<dt>Préfecture</dt><dd>Cinkassé</dd>") != std::string::npos);
}

TEST_CASE("the missing data of a record without status, date or amount are said with a link to update it", "[atlas]") {
    atlas::CommuneView v;
    v.commune.id = "tone-1";
    v.commune.name = "Tône 1";
    v.region = "Savanes";
    atlas::Record bare;
    bare.id = "part-tone-1-x";
    bare.title = "Coopération Tône 1 – X";
    bare.partner = "X";
    bare.country = "FR";
    atlas::Record full = bare;
    full.id = "part-tone-1-y";
    full.title = "Coopération Tône 1 – Y";
    full.status = "actif";
    full.start = "2010";
    full.amounts = {
        "2021\x1f"
        "commune\x1f\x1f"
        "1500000"};
    v.partnerships = {bare, full};
    std::string page = pages::commune_page(v);
    CHECK(page.find(
              "Coopération Tône 1 – X</a> : il manque le statut (actif ou arrêté), la date de début et les "
              "montants mobilisés. <a href=\"/espace/fiche/modifier/part-tone-1-x\" aria-label=\"Mettre à jour cette "
              "fiche : Coopération Tône 1 – X\">Mettre à jour cette fiche</a>") != std::string::npos);
    CHECK(page.find("/espace/fiche/modifier/part-tone-1-y") == std::string::npos);
    CHECK(page.find("<th scope=\"row\">2021</th><td>1\u00a0500\u00a0000</td>") != std::string::npos);

    v.partnerships = {full};
    CHECK(pages::commune_page(v).find("Rien ne manque dans les fiches de cette commune.") != std::string::npos);

    // A demonstration record's amounts are fictitious, and said so.
    full.demo = true;
    v.partnerships = {full};
    CHECK(pages::commune_page(v).find("<th scope=\"row\">2021</th><td>1\u00a0500\u00a0000 <span "
                                      "class=\"demo\">montant de démonstration</span></td>") != std::string::npos);
}

TEST_CASE("commune pages mark demonstration amounts and the dates on which sources disagree", "[atlas][server]") {
    // Golfe 4's one record is a demonstration record with <financements>.
    auto demo = bundled_server().get("/commune/golfe-4");
    REQUIRE(demo.status == 200);
    CHECK(demo.body.find("<th scope=\"row\">2021</th><td>7\u00a0500\u00a0000 <span class=\"demo\">montant de "
                         "démonstration</span></td>") != std::string::npos);
    // Ogou 1's record keeps both dates of its sources: the table says they differ.
    auto ogou = bundled_server().get("/commune/ogou-1");
    REQUIRE(ogou.status == 200);
    CHECK(ogou.body.find("<td>depuis 1958<br><small>les sources divergent (voir la fiche)</small></td>") !=
          std::string::npos);
    // No source gives an amount for a real partnership: Kloto 1 has none.
    auto real = bundled_server().get("/commune/kloto-1");
    REQUIRE(real.status == 200);
    CHECK(real.body.find("Aucun montant n'est renseigné dans ses fiches.") != std::string::npos);
    CHECK(real.body.find("montant de démonstration") == std::string::npos);
}

TEST_CASE("a partner's page and a country's page list their Togolese partners", "[atlas][server]") {
    CHECK(atlas::partner_id("Côte roannaise", "FR") == "cote-roannaise-fr");
    auto p = bundled_server().get("/partenaire/bressuire-fr");
    REQUIRE(p.status == 200);
    CHECK(p.body.find("<h1>Bressuire</h1>") != std::string::npos);
    CHECK(p.body.find("<a href=\"/commune/kloto-1\">Kloto 1</a>") != std::string::npos);
    CHECK(p.body.find("<a href=\"/pays/FR\">France</a>") != std::string::npos);

    auto r = bundled_server().get("/partenariat/part-kloto-1-bressuire");
    REQUIRE(r.status == 200);
    CHECK(r.body.find("<p class=\"atlas\">Dans l'atlas : <a href=\"/commune/kloto-1\">Kloto 1</a> · <a "
                      "href=\"/partenaire/bressuire-fr\">Bressuire</a>") != std::string::npos);

    auto c = bundled_server().get("/pays/FR");
    REQUIRE(c.status == 200);
    CHECK(c.body.find("<a href=\"/partenaire/bressuire-fr\">Bressuire</a>") != std::string::npos);
    CHECK(c.body.find("<a href=\"/commune/kloto-1\">Kloto 1</a>") != std::string::npos);
    CHECK(c.body.find("<a href=\"/commune/amou-1\">Amou 1</a>") != std::string::npos);
    CHECK(c.body.find("<a href=\"/partenaire/mamoudzou-mayotte-fr\">Mamoudzou (Mayotte)</a>") != std::string::npos);
    CHECK(bundled_server().get("/pays/fr").status == 200);
}

TEST_CASE("a country's page holds the world map, the country in orange and linked to its records' search",
          "[atlas][server]") {
    auto svg_of = [](const std::string& body) {
        size_t from = body.find("<svg"), to = body.find("</svg>");
        REQUIRE(from != std::string::npos);
        REQUIRE(to != std::string::npos);
        return body.substr(from, to + 6 - from);
    };
    for (const char* code : {"FR", "BE", "BF"}) {
        INFO(code);
        auto c = bundled_server().get(std::string("/pays/") + code);
        REQUIRE(c.status == 200);
        CHECK(c.body.find("Fond de carte : Natural Earth (domaine public), via world-atlas.") != std::string::npos);
        std::string svg = svg_of(c.body);
        CHECK(svg.size() < 40 * 1024);
        pugi::xml_document map;
        REQUIRE(map.load_string(svg.c_str()));
        pugi::xml_node here = map.select_node("//a/path[@class='here']").node();
        REQUIRE(here);
        std::string title = here.child_value("title"), href = here.parent().attribute("href").value();
        REQUIRE(title.rfind(" : ") != std::string::npos);
        size_t count = std::stoul(title.substr(title.rfind(" : ") + 3));
        CHECK(count > 0);
        CHECK(href == std::string("/recherche?type=partenariat&country=") + code);
        auto found = bundled_server().get("/api/search?per_page=1&" + href.substr(href.find('?') + 1));
        CHECK(coopdec::test::parse_json(found.body)->getValue<size_t>("total") == count);
    }
    // A country without partner: in orange, not a link.
    auto jp = bundled_server().get("/pays/JP");
    REQUIRE(jp.status == 200);
    pugi::xml_document map;
    REQUIRE(map.load_string(svg_of(jp.body).c_str()));
    pugi::xml_node here = map.select_node("//path[@class='here']").node();
    REQUIRE(here);
    CHECK(std::string(here.child_value("title")) == "Japon");
    CHECK_FALSE(map.select_node("//a"));
}

TEST_CASE("the search for kpalime offers the page of Kloto 1, a country's name its page", "[atlas][server]") {
    auto a = bundled_server().get("/recherche?q=kpalime");
    REQUIRE(a.status == 200);
    CHECK(a.body.find("<a href=\"/commune/kloto-1\">page de la commune Kloto 1</a>") != std::string::npos);
    auto b = bundled_server().get("/recherche?q=jumelage+belge");
    REQUIRE(b.status == 200);
    CHECK(b.body.find("<a href=\"/pays/BE\">page du pays Belgique</a>") != std::string::npos);
}

TEST_CASE("unknown communes, partners and countries answer 404 with the site's error page", "[atlas][server]") {
    for (const char* path : {"/commune/nulle-part", "/commune/kloto", "/commune/", "/partenaire/personne-fr",
                             "/partenaire/%3Cscript%3E", "/pays/ZZ", "/pays/france", "/pays/"}) {
        auto a = bundled_server().get(path);
        INFO(path);
        CHECK(a.status == 404);
        CHECK(a.body.find("<h1>") != std::string::npos);
        CHECK(a.body.find("role=\"alert\"") != std::string::npos);
        CHECK(a.body.find("<script>") == std::string::npos);
    }
}
