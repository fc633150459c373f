// @brief /apercu, the partnerships at a glance: its SVG parses as XML, every
// bar's count is the facet count of the search page and the total of the
// search it links to, its table holds the same figures, and an index
// without partnerships gets a clear message.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>

#include <pugixml.hpp>

#include "search/overview.h"
#include "search/request.h"
#include "server/overview_page.h"
#include "tests/bundled_server.h"
#include "tests/search_fixture.h"

using namespace coopdec;

namespace {

struct Bar {
    std::string label, href;  // href "" when the bar is not a link
    size_t count = 0;
};

// The bars of a chart: each <rect> of an <a> or a <g>, with its label and
// count in its <title> "label : count", or else in the <text> before and
// after it; the link is its parent <a>, if any. A map's bars are its linked
// areas, each an <a><path> with its <title> "label : count".
std::vector<Bar> svg_bars(const pugi::xml_node& svg) {
    std::vector<Bar> out;
    for (const auto& x : svg.select_nodes(".//a/rect | .//g/rect | .//a/path")) {
        pugi::xml_node rect = x.node();
        Bar b;
        if (rect.child("title")) {
            std::string title = rect.child_value("title");
            size_t sep = title.rfind(" : ");
            REQUIRE(sep != std::string::npos);
            b = Bar{title.substr(0, sep), "", std::stoul(title.substr(sep + 3))};
        } else {
            REQUIRE(std::string(rect.previous_sibling().name()) == "text");
            REQUIRE(std::string(rect.next_sibling().name()) == "text");
            b = Bar{rect.previous_sibling().child_value(), "", std::stoul(rect.next_sibling().child_value())};
        }
        if (std::string(rect.parent().name()) == "a") b.href = rect.parent().attribute("href").value();
        out.push_back(b);
    }
    return out;
}

// The rows of a chart's table, as bars.
std::vector<Bar> table_bars(const pugi::xml_node& table) {
    std::vector<Bar> out;
    for (pugi::xml_node tr : table.child("tbody").children("tr")) {
        pugi::xml_node cell = tr.first_child();
        pugi::xml_node a = cell.child("a");
        Bar b{a ? a.child_value() : cell.child_value(), a ? a.attribute("href").value() : "",
              std::stoul(cell.next_sibling().child_value())};
        out.push_back(b);
    }
    return out;
}

// "a=1&b=%C3%A9" → pairs, %-decoded ('+' is a space).
std::vector<std::pair<std::string, std::string>> query_params(const std::string& query) {
    auto decode = [](const std::string& s) {
        std::string out;
        for (size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '+')
                out += ' ';
            else if (s[i] == '%' && i + 2 < s.size()) {
                out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
                i += 2;
            } else
                out += s[i];
        }
        return out;
    };
    std::vector<std::pair<std::string, std::string>> out;
    size_t start = 0;
    while (start < query.size()) {
        size_t end = query.find('&', start);
        if (end == std::string::npos) end = query.size();
        std::string kv = query.substr(start, end - start);
        size_t eq = kv.find('=');
        out.emplace_back(decode(kv.substr(0, eq)), eq == std::string::npos ? "" : decode(kv.substr(eq + 1)));
        start = end + 1;
    }
    return out;
}

// Each chart's <section>, parsed: the page's markup for them is XML.
std::vector<std::string> sections(const std::string& html) {
    std::vector<std::string> out;
    const std::string open = "<section aria-labelledby=\"h-", close = "</section>";
    for (size_t at = html.find(open); at != std::string::npos; at = html.find(open, at + 1))
        out.push_back(html.substr(at, html.find(close, at) + close.size() - at));
    return out;
}

}  // namespace

TEST_CASE("/apercu: each bar is the facet count of its search, and links to it", "[overview][server][http]") {
    const auto& server = *test::bundled().server;
    auto page = server.get("/apercu");
    REQUIRE(page.status == 200);
    CHECK(page.header("Content-Type") == "text/html; charset=utf-8");
    CHECK(page.body.size() + server.get("/static/coopdec.css").body.size() < 30 * 1024);
    CHECK_FALSE(test::contains(page.body, "<script"));
    // The search page's own counts: all partnership records, every value listed.
    auto base = test::parse_json(server.get("/api/search?type=partenariat&facet_values=0&per_page=1").body);
    const size_t total = base->getValue<size_t>("total");
    REQUIRE(total > 0);
    CHECK(test::contains(page.body, std::to_string(total) + " partenariats dans l'index"));
    // The way in: every page's footer.
    CHECK(test::contains(server.get("/").body, "<a href=\"/apercu\">"));

    std::map<std::string, std::vector<Bar>> charts;
    for (const std::string& s : sections(page.body)) {
        pugi::xml_document doc;
        pugi::xml_parse_result ok = doc.load_string(s.c_str());
        INFO(s.substr(0, 200));
        REQUIRE(ok);
        pugi::xml_node section = doc.child("section");
        std::string name = std::string(section.attribute("aria-labelledby").value()).substr(2);
        pugi::xml_node svg = section.child("svg");
        REQUIRE(svg);
        // A group, not an image: its bars are links (an image's children are not read).
        CHECK(std::string(svg.attribute("role").value()) == "group");
        CHECK(std::string(svg.child("title").attribute("id").value()) == svg.attribute("aria-labelledby").value());
        CHECK_FALSE(std::string(svg.child_value("title")).empty());
        std::vector<Bar> bars = svg_bars(svg);
        REQUIRE_FALSE(bars.empty());
        // The table holds the same figures, with the same links.
        std::vector<Bar> rows = table_bars(section.select_node(".//table").node());
        REQUIRE(rows.size() == bars.size());
        if (name == "region") {
            // A map draws its areas in the data's order, its table most first.
            CHECK(std::string(svg.attribute("class").value()) == "map");
            auto by_label = [](const Bar& x, const Bar& y) { return x.label < y.label; };
            std::sort(bars.begin(), bars.end(), by_label);
            std::sort(rows.begin(), rows.end(), by_label);
        }
        for (size_t i = 0; i < bars.size(); ++i) {
            CAPTURE(name, bars[i].label);
            CHECK(rows[i].label == bars[i].label);
            CHECK(rows[i].count == bars[i].count);
            CHECK(rows[i].href == (name == "year" ? "" : bars[i].href));  // the years' table has no links
        }
        charts[name] = bars;
    }
    for (const char* name : {"decade", "year", "country", "theme", "region", "commune", "status"}) {
        CAPTURE(name);
        CHECK(charts.count(name) == 1);
    }

    size_t linked = 0, others = 0;
    for (const auto& [name, bars] : charts) {
        for (const Bar& b : bars) {
            CAPTURE(name, b.label, b.href);
            REQUIRE(b.href.rfind("/recherche?type=partenariat&", 0) == 0);
            ++linked;
            std::string query = b.href.substr(b.href.find('?') + 1);
            // The linked search finds exactly the bar's partnerships.
            auto found = test::parse_json(server.get("/api/search?" + query).body);
            CHECK(found->getValue<size_t>("total") == b.count);
            // And the bar is the search page's facet count.
            auto params = query_params(query);
            params.erase(params.begin());  // type=partenariat
            if (params.size() == 1) {
                CHECK(test::facet_count(base, params[0].first, params[0].second) == b.count);
            } else if (params.size() == 2 && params[0].first == "year_from" && params[1].first == "year_to") {
                size_t sum = 0;
                auto years = base->getObject("facets")->getArray("year");
                for (size_t i = 0; i < years->size(); ++i) {
                    int y = std::stoi(years->getObject(i)->getValue<std::string>("value"));
                    if (y >= std::stoi(params[0].second) && y <= std::stoi(params[1].second))
                        sum += years->getObject(i)->getValue<size_t>("count");
                }
                CHECK(sum == b.count);
            } else {
                // « autres »: every other value of one facet, ORed.
                CHECK(test::contains(b.label, " autres"));
                for (const auto& p : params) CHECK(p.first == params[0].first);
                ++others;
            }
        }
    }
    CHECK(linked > 20);
    CHECK(others >= 1);  // the bundled corpus has more communes than a chart shows

    // Every record has one status, and at most one start year.
    size_t statuses = 0, decades = 0;
    for (const Bar& b : charts["status"]) statuses += b.count;
    for (const Bar& b : charts["decade"]) decades += b.count;
    CHECK(statuses == total);
    // Each status of the bundled records is a bar, in the schema's order,
    // labelled in French and linked (the links were followed above).
    std::vector<std::string> status_labels;
    for (const Bar& b : charts["status"]) status_labels.push_back(b.label);
    CHECK(status_labels == std::vector<std::string>{"Actif", "Arrêté", "Statut inconnu"});
    CHECK(decades <= total);
}

TEST_CASE("/apercu on an index without partnerships says so, and takes no parameter", "[overview][server][http]") {
    test::TempDir dir;
    std::string corpus = test::copy_corpus_files(dir, {"repertoire/togo.xml", "lois/loi-2019-006.xml"});
    IndexOptions opt;
    opt.db_path = dir / "db";
    opt.inputs = {corpus};
    opt.schema_dir = test::source_dir() + "/corpus/schema";
    std::FILE* log = std::tmpfile();
    REQUIRE(index_corpus(opt, log).total_documents == 1);
    std::fclose(log);

    test::ServerProcess s({"--db", opt.db_path, "--port", "0"});
    auto a = s.get("/apercu");
    CHECK(a.status == 200);
    CHECK(test::contains(a.body, "Aucun partenariat dans l'index pour l'instant"));
    CHECK_FALSE(test::contains(a.body, "<svg"));
    auto bad = s.get("/apercu?pays=FR");
    CHECK(bad.status == 400);
    CHECK(test::contains(bad.body, "paramètre inconnu « pays » : cette page n&#39;en prend aucun"));
    CHECK(s.get("/recherche?q=cooperation&format=csv").status == 200);  // exports need no partnership either
}

TEST_CASE("partnership_overview: decades, years, the top values and the others", "[overview]") {
    test::SearchFixture fx;  // 3 partnerships: 1958 FR, 1991 FR, 2010 BF
    Overview o = partnership_overview(fx.db, nullptr, 1);
    CHECK(o.partnerships == 3);
    CHECK(o.unknown_start == 0);
    std::map<std::string, const OverviewChart*> by_name;
    for (const auto& c : o.charts) by_name[c.name] = &c;
    REQUIRE(by_name.count("decade"));
    const auto& decades = by_name["decade"]->bars;
    REQUIRE(decades.size() == 3);
    CHECK(decades[0].value == "1950");
    CHECK(decades[0].search == std::vector<std::pair<std::string, std::string>>{
                                   {"type", "partenariat"}, {"year_from", "1950"}, {"year_to", "1959"}});
    REQUIRE(by_name.count("year"));  // 1958..2010: 53 years fit
    CHECK(by_name["year"]->bars.size() == 3);
    // Two countries, top 1: a single other value gets its own bar.
    const auto& countries = by_name["country"]->bars;
    REQUIRE(countries.size() == 2);
    CHECK(countries[0].value == "FR");
    CHECK(countries[0].count == 2);
    CHECK(countries[1].others == 0);
    // Four themes of one record each (two on Niort's), top 1: « 3 autres »,
    // counted by their search — two records, not three.
    const OverviewChart& themes = *by_name["theme"];
    CHECK(themes.overlapping);
    REQUIRE(themes.bars.size() == 2);
    CHECK(themes.bars[0].value == "agriculture");
    CHECK(themes.bars[1].others == 3);
    CHECK(themes.bars[1].count == 2);
    SearchRequest r;
    for (const auto& [k, v] : themes.bars[1].search) REQUIRE_FALSE(apply_parameter(r, k, v));
    CHECK(search(fx.db, r).total == 2);
    const auto& status = by_name["status"]->bars;
    REQUIRE(status.size() == 1);
    CHECK(status[0].value == "actif");
    CHECK(status[0].count == 3);
    CHECK(status[0].search ==
          std::vector<std::pair<std::string, std::string>>{{"type", "partenariat"}, {"status", "actif"}});
    CHECK(search(fx.db,
                 [&] {
                     SearchRequest s;
                     for (const auto& [k, v] : status[0].search) REQUIRE_FALSE(apply_parameter(s, k, v));
                     return s;
                 }())
              .total == 3);

    // Years spread over more than kOverviewMaxYearSpan: decades only.
    fx.add(test::partnership("part-ancien", "kloto-1", "Ancienne", "DE", "1900", {}));
    Overview wide = partnership_overview(fx.db, nullptr, 1);
    bool has_years = false;
    for (const auto& c : wide.charts) has_years = has_years || c.name == "year";
    CHECK_FALSE(has_years);
    CHECK(wide.partnerships == 4);

    // No partnership record at all: no chart, no error.
    Xapian::WritableDatabase empty(std::string(), Xapian::DB_BACKEND_INMEMORY);
    empty.set_metadata(std::string(schema::kSchemaKey), std::string(schema::kSchemaVersion));
    Overview none = partnership_overview(empty);
    CHECK(none.partnerships == 0);
    CHECK(none.charts.empty());
    CHECK(test::contains(pages::overview_page(none), "Aucun partenariat dans l'index"));
}

TEST_CASE("the overview's SVG escapes its labels and stays well-formed", "[overview][escape]") {
    Overview o;
    o.partnerships = 2;
    OverviewChart c{"commune", {}, 2, false};
    c.bars.push_back(OverviewBar{
        "<script>alert(1)</script> & \"Cie\" l'État", 2, {{"type", "partenariat"}, {"commune", "a&b=c"}}, 0});
    c.bars.push_back(OverviewBar{"x", 1, {}, 0});
    o.charts.push_back(c);
    std::string html = pages::overview_page(o);
    CHECK_FALSE(test::contains(html, "<script>"));
    CHECK(test::contains(html, "href=\"/recherche?type=partenariat&amp;commune=a%26b%3Dc\""));
    auto s = sections(html);
    REQUIRE(s.size() == 1);
    pugi::xml_document doc;
    REQUIRE(doc.load_string(s[0].c_str()));
    auto bars = svg_bars(doc.child("section").child("svg"));
    REQUIRE(bars.size() == 2);
    CHECK(bars[0].label == "<script>alert(1)</script> & \"Cie\" l'État");
    CHECK(bars[0].count == 2);
    CHECK(bars[1].href.empty());
}
