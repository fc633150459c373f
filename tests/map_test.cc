// @brief /carte and server/maps.h: each map parses as SVG, has one linked
// area per région or country with partners, each area's link is a search
// whose total is its count, its table holds the same figures, each map weighs
// under 40 KB, and the data's credits are on the page.
#include <catch2/catch.hpp>

#include <set>

#include <pugixml.hpp>

#include "server/map_page.h"
#include "server/maps.h"
#include "tests/bundled_server.h"
#include "tests/search_fixture.h"

using namespace coopdec;

namespace {

struct Area {
    std::string label, href;
    size_t count = 0;
};

Area split(const std::string& title, const std::string& href) {
    size_t sep = title.rfind(" : ");
    REQUIRE(sep != std::string::npos);
    return {title.substr(0, sep), href, std::stoul(title.substr(sep + 3))};
}

// The map's counted areas: each <a> holds a <path> titled "label : count".
std::vector<Area> svg_areas(const pugi::xml_node& svg) {
    std::vector<Area> out;
    for (const auto& x : svg.select_nodes(".//a/path"))
        out.push_back(split(x.node().child_value("title"), x.node().parent().attribute("href").value()));
    return out;
}

std::vector<Area> table_rows(const pugi::xml_node& table) {
    std::vector<Area> out;
    for (pugi::xml_node tr : table.child("tbody").children("tr")) {
        pugi::xml_node cell = tr.first_child(), a = cell.child("a");
        out.push_back({a ? a.child_value() : cell.child_value(), a ? a.attribute("href").value() : "",
                       std::stoul(cell.next_sibling().child_value())});
    }
    return out;
}

std::string map_between(const std::string& s, const std::string& open, const std::string& close, size_t from = 0) {
    size_t at = s.find(open, from);
    REQUIRE(at != std::string::npos);
    size_t end = s.find(close, at);
    REQUIRE(end != std::string::npos);
    return s.substr(at, end + close.size() - at);
}

// "&amp;" in an attribute, as pugixml gives it back: already decoded.
std::string api_query(const std::string& href) { return href.substr(href.find('?') + 1); }

// The three maps of a /carte page: each parses, weighs under 40 KB, has
// one table row per value of the facet of the search `api` (the JSON API's
// query), each row's link begins with `prefix` and leads to a search whose
// total is its count, each drawn area is one of the rows; at least
// `least` areas on each map.
void check_maps(const test::ServerProcess& server, const std::string& page, const std::string& api,
                const std::string& prefix, size_t least) {
    auto base = test::parse_json(server.get(api).body);
    for (const std::string name : {"region", "prefecture", "country"}) {
        CAPTURE(name);
        std::string html = map_between(page, "<section aria-labelledby=\"h-map-" + name + "\"", "</section>");
        std::string svg_text = map_between(html, "<svg", "</svg>");
        CHECK(svg_text.size() < 40 * 1024);
        pugi::xml_document doc;
        REQUIRE(doc.load_string(html.c_str()));
        pugi::xml_node section = doc.child("section");
        pugi::xml_node svg = section.child("svg");
        REQUIRE(svg);
        CHECK(std::string(svg.attribute("role").value()) == "group");
        CHECK(std::string(svg.child("title").attribute("id").value()) == svg.attribute("aria-labelledby").value());
        std::vector<Area> areas = svg_areas(svg);
        std::vector<Area> rows = table_rows(section.child("table"));
        // One linked area per value of the search page's facet (a country
        // too small to draw is in the table only).
        auto facet = base->getObject("facets")->getArray(name);
        REQUIRE(facet);
        CHECK(rows.size() == facet->size());
        if (name == "region") CHECK(areas.size() == facet->size());
        CHECK(areas.size() <= rows.size());
        CHECK(areas.size() >= least);
        std::set<std::string> labels;
        for (size_t i = 0; i < rows.size(); ++i) {
            CAPTURE(rows[i].label, rows[i].href);
            REQUIRE(rows[i].href.rfind(prefix, 0) == 0);
            auto found = test::parse_json(server.get("/api/search?" + api_query(rows[i].href)).body);
            CHECK(found->getValue<size_t>("total") == rows[i].count);
            labels.insert(rows[i].label);
        }
        for (const Area& a : areas) {
            CAPTURE(a.label);
            bool same = false;
            for (const Area& r : rows) same = same || (r.label == a.label && r.count == a.count && r.href == a.href);
            CHECK(same);
        }
        CHECK(labels.size() == rows.size());
    }
}

}  // namespace

TEST_CASE("/carte: every shaded area links to a search of its count, and its table agrees", "[map][server][http]") {
    const auto& server = *test::bundled().server;
    auto page = server.get("/carte");
    REQUIRE(page.status == 200);
    CHECK_FALSE(test::contains(page.body, "<script"));
    CHECK(test::contains(server.get("/apercu").body, "<a href=\"/carte\">"));
    CHECK(server.get("/carte?pays=FR").status == 400);
    // The credits the data's licences ask for.
    CHECK(test::contains(page.body, "Fond de carte : Natural Earth (domaine public), via world-atlas."));
    CHECK(test::contains(page.body,
                         "geoBoundaries (www.geoboundaries.org), d'après © les contributeurs "
                         "d'OpenStreetMap — régions sous licence ODbL 1.0, préfectures sous licence "
                         "CC BY-SA 2.0."));

    CHECK(test::contains(page.body, "découpage d&#39;avant 2019"));
    check_maps(server, page.body, "/api/search?type=partenariat&facet_values=0&per_page=1",
               "/recherche?type=partenariat&", 3);
    // « page de la région » for each of the five.
    for (const char* id : {"savanes", "kara", "centrale", "plateaux", "maritime"})
        CHECK(test::contains(page.body, std::string("<a href=\"/region/") + id + "\">"));
}

TEST_CASE("/carte?fiches=actives: each area counts the active records and links to their search",
          "[map][server][http]") {
    const auto& server = *test::bundled().server;
    auto page = server.get("/carte?fiches=actives");
    REQUIRE(page.status == 200);
    CHECK(test::contains(page.body, "<a href=\"/carte?fiches=actives\" aria-current=\"page\">"));
    CHECK(test::contains(server.get("/carte").body, "<a href=\"/carte\" aria-current=\"page\">"));
    CHECK(server.get("/carte?fiches=toutes").status == 200);
    auto bad = server.get("/carte?fiches=arretees");
    CHECK(bad.status == 400);
    CHECK(test::contains(bad.body, "la valeur attendue est « toutes » ou « actives »"));
    check_maps(server, page.body, "/api/search?type=partenariat&status=actif&facet_values=0&per_page=1",
               "/recherche?type=partenariat&status=actif&", 2);
    // Fewer records than all of them: the choice changes the figures.
    auto all = test::parse_json(server.get("/api/search?type=partenariat&per_page=1").body);
    auto active = test::parse_json(server.get("/api/search?type=partenariat&status=actif&per_page=1").body);
    CHECK(active->getValue<size_t>("total") > 0);
    CHECK(active->getValue<size_t>("total") < all->getValue<size_t>("total"));
}

TEST_CASE("the maps' areas are the gazetteer's régions and ISO countries, escaped and shaded", "[map]") {
    // The région ids are those of corpus/repertoire/togo.xml.
    pugi::xml_document gazetteer;
    REQUIRE(gazetteer.load_file((test::source_dir() + "/corpus/repertoire/togo.xml").c_str()));
    std::set<std::string> regions, drawn;
    for (const auto& x : gazetteer.select_nodes("//region")) regions.insert(x.node().attribute("id").value());
    for (const auto& [id, label] : maps::areas(maps::Map::TogoRegions)) drawn.insert(id);
    CHECK(drawn == regions);
    CHECK(drawn.size() == 5);
    std::set<std::string> prefectures, listed;
    for (const auto& x : gazetteer.select_nodes("//prefecture")) prefectures.insert(x.node().attribute("id").value());
    for (const auto& [id, label] : maps::areas(maps::Map::TogoPrefectures)) listed.insert(id);
    CHECK(listed == prefectures);
    CHECK(listed.size() == 39);
    // A prefecture created in 2019 has no shape: in the table, not on the map.
    auto pf = maps::draw(maps::Map::TogoPrefectures, {{"agoe-nyive", {2, "/a"}}, {"tone", {1, "/t"}}}, "p", "P",
                         "Préfecture");
    CHECK(pf.undrawn == std::vector<std::pair<std::string, size_t>>{{"Agoè-Nyivé", 2}});
    pugi::xml_document pd;
    REQUIRE(pd.load_string(pf.svg.c_str()));
    REQUIRE(svg_areas(pd.child("svg")).size() == 1);
    CHECK(svg_areas(pd.child("svg"))[0].label == "Tône");
    CHECK(test::contains(pf.table, "<a href=\"/a\">Agoè-Nyivé</a></td><td>2<"));
    std::map<std::string, std::string> world;
    for (const auto& [id, label] : maps::areas(maps::Map::World)) world[id] = label;
    CHECK(world["FR"] == "France");
    CHECK(world["BF"] == "Burkina Faso");
    CHECK(world["TG"] == "Togo");
    CHECK(world["DE"] == "Allemagne");
    CHECK(world.count("AQ") == 0);

    std::map<std::string, maps::AreaValue> v{
        {"FR", {3, "/recherche?type=partenariat&country=FR"}}, {"DE", {0, "/x"}}, {"MU", {1, "/y"}}};
    auto f = maps::draw(maps::Map::World, v, "m\"x", "Titre <b> & co", "Pays");
    pugi::xml_document doc;
    REQUIRE(doc.load_string(f.svg.c_str()));
    auto areas = svg_areas(doc.child("svg"));
    REQUIRE(areas.size() == 1);  // no link for a count of 0, none for a country not drawn
    CHECK(areas[0].label == "France");
    CHECK(areas[0].count == 3);
    CHECK(areas[0].href == "/recherche?type=partenariat&country=FR");
    CHECK(std::string(doc.child("svg").child_value("title")) == "Titre <b> & co");
    CHECK(maps::missing(maps::Map::World, v) == std::vector<std::string>{"MU"});
    pugi::xml_document table;
    REQUIRE(table.load_string(f.table.c_str()));
    CHECK(table_rows(table.child("table")).size() == 1);

    // No partnership record: a message, no map.
    std::string empty = pages::map_page(Overview{});
    CHECK(test::contains(empty, "Aucun partenariat dans l'index pour l'instant : les cartes"));
    CHECK_FALSE(test::contains(empty, "<svg"));
}

TEST_CASE("each région's page maps its préfectures alone, each linked to a search of its count",
          "[map][atlas][server][http]") {
    const auto& server = *test::bundled().server;
    pugi::xml_document gazetteer;
    REQUIRE(gazetteer.load_file((test::source_dir() + "/corpus/repertoire/togo.xml").c_str()));
    size_t regions = 0, linked = 0;
    for (const auto& x : gazetteer.select_nodes("//region")) {
        ++regions;
        const std::string id = x.node().attribute("id").value(), name = x.node().attribute("nom").value();
        CAPTURE(id);
        auto page = server.get("/region/" + id);
        REQUIRE(page.status == 200);
        CHECK(test::contains(page.body, "<h1>Région " + name + "</h1>"));
        CHECK_FALSE(test::contains(page.body, "<script"));
        CHECK(test::contains(page.body, "préfectures sous licence CC BY-SA 2.0."));
        std::set<std::string> prefectures;
        for (const auto& p : x.node().select_nodes(".//prefecture")) {
            prefectures.insert(p.node().attribute("nom").value());
            CHECK(test::contains(page.body, "<h3>Préfecture " + std::string(p.node().attribute("nom").value())));
        }
        for (const auto& c : x.node().select_nodes(".//commune"))
            CHECK(test::contains(page.body, "<a href=\"/commune/" + std::string(c.node().attribute("id").value()) +
                                                "\">" + c.node().attribute("nom").value() + "</a>"));

        std::string html = map_between(page.body, "<section aria-labelledby=\"h-map-region\"", "</section>");
        CHECK(map_between(html, "<svg", "</svg>").size() < 40 * 1024);
        pugi::xml_document doc;
        REQUIRE(doc.load_string(html.c_str()));
        pugi::xml_node svg = doc.child("section").child("div").child("svg");
        REQUIRE(svg);
        // Zoomed on the région: not the whole of Togo's drawing.
        CHECK(std::string(svg.attribute("viewBox").value()) != "0 0 208 520");
        std::vector<Area> areas = svg_areas(svg);
        std::vector<Area> rows = table_rows(doc.child("section").child("div").child("table"));
        CHECK(areas.size() <= rows.size());
        for (const Area& r : rows) {
            CAPTURE(r.label, r.href);
            CHECK(prefectures.count(r.label) == 1);
            REQUIRE(r.href.rfind("/recherche?type=partenariat&region=", 0) == 0);
            auto found = test::parse_json(server.get("/api/search?" + api_query(r.href)).body);
            CHECK(found->getValue<size_t>("total") == r.count);
        }
        for (const Area& a : areas) {
            bool same = false;
            for (const Area& r : rows) same = same || (r.label == a.label && r.count == a.count && r.href == a.href);
            CHECK(same);
        }
        linked += areas.size();
        // Its records' table: as many rows as the région's search finds.
        auto all = test::parse_json(server.get("/api/search?type=partenariat&per_page=1&region=" + name).body);
        std::string records = map_between(page.body, "<section aria-labelledby=\"h-fiches\"", "</section>");
        size_t rows_count = 0;
        for (size_t at = records.find("<tr><th scope=\"row\">"); at != std::string::npos;
             at = records.find("<tr><th scope=\"row\">", at + 1))
            ++rows_count;
        CHECK(rows_count == all->getValue<size_t>("total"));
        CHECK(test::contains(page.body, "Fiches de partenariat (" + std::to_string(rows_count) + ")"));
    }
    CHECK(regions == 5);
    CHECK(linked >= 3);
    // Reached from /communes, and an unknown région is a 404 in French.
    CHECK(test::contains(server.get("/communes").body, "<a href=\"/region/kara\">Région Kara</a>"));
    for (const char* path : {"/region/lome", "/region/", "/region/%3Cb%3E", "/region/kloto"}) {
        CAPTURE(path);
        auto missing = server.get(path);
        CHECK(missing.status == 404);
        CHECK(test::contains(missing.body, "role=\"alert\""));
        CHECK_FALSE(test::contains(missing.body, "<b>"));
    }
    CHECK(test::contains(server.get("/region/lome").body, "les régions du Togo sont savanes, kara"));
}

TEST_CASE("a focus draws some areas zoomed, or one area in orange with a ring when tiny", "[map]") {
    maps::Focus only;
    only.only = {"kozah", "binah"};
    only.size = 300;
    auto f = maps::draw(maps::Map::TogoPrefectures, {{"kozah", {2, "/k"}}, {"ogou", {5, "/o"}}}, "z", "Z", "P", only);
    pugi::xml_document doc;
    REQUIRE(doc.load_string(f.svg.c_str()));
    auto areas = svg_areas(doc.child("svg"));
    REQUIRE(areas.size() == 1);  // Ogou is not in the view, nor in the table
    CHECK(areas[0].label == "Kozah");
    CHECK_FALSE(test::contains(f.table, "Ogou"));
    CHECK(std::max(doc.child("svg").attribute("width").as_int(), doc.child("svg").attribute("height").as_int()) == 300);
    CHECK(std::string(doc.child("svg").attribute("viewBox").value()) != "0 0 208 520");

    CHECK(maps::drawn_in(maps::Map::TogoPrefectures, "agoe-nyive") == "golfe");
    CHECK(maps::drawn_in(maps::Map::TogoPrefectures, "kloto") == "kloto");
    CHECK(maps::drawn_in(maps::Map::TogoPrefectures, "nulle-part").empty());
    CHECK(maps::area_of(maps::Map::TogoPrefectures, "Tône") == "tone");

    maps::Focus here;
    here.here = "LU";
    auto w = maps::draw(maps::Map::World, {}, "w", "W", "Pays", here);
    pugi::xml_document wd;
    REQUIRE(wd.load_string(w.svg.c_str()));
    auto stressed = wd.select_node("//path[@class='here']").node();
    REQUIRE(stressed);
    CHECK(std::string(stressed.child_value("title")) == "Luxembourg");
    CHECK(svg_areas(wd.child("svg")).empty());  // no count: no link
    CHECK(wd.select_node("//circle"));          // too small to be seen: a ring
    here.here = "FR";
    auto fr = maps::draw(maps::Map::World, {}, "w", "W", "Pays", here);
    CHECK_FALSE(test::contains(fr.svg, "<circle"));
}
