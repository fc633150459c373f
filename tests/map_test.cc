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

    auto base = test::parse_json(server.get("/api/search?type=partenariat&facet_values=0&per_page=1").body);
    CHECK(test::contains(page.body, "découpage d&#39;avant 2019"));
    for (const std::string name : {"region", "prefecture", "country"}) {
        CAPTURE(name);
        std::string html = map_between(page.body, "<section aria-labelledby=\"h-map-" + name + "\"", "</section>");
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
        CHECK(areas.size() >= 3u);
        std::set<std::string> labels;
        for (size_t i = 0; i < rows.size(); ++i) {
            CAPTURE(rows[i].label, rows[i].href);
            REQUIRE(rows[i].href.rfind("/recherche?type=partenariat&", 0) == 0);
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
