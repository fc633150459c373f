// @brief HTTP tests of the partnership page against the real coopdec-server
// over the bundled corpus: one address per record, links to searches, one
// chronology, French dates.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "tests/bundled_server.h"

using namespace coopdec;

namespace partnership_page_test {

const test::ServerProcess& server() { return test::bundled_server(); }

// The hrefs of a page's links, in order, with &amp; read back.
std::vector<std::string> hrefs(const std::string& html) {
    std::vector<std::string> out;
    static const std::regex href("<a href=\"([^\"]*)\"");
    for (std::sregex_iterator it(html.begin(), html.end(), href), end; it != end; ++it)
        out.push_back(std::regex_replace((*it)[1].str(), std::regex("&amp;"), "&"));
    return out;
}

// What a reader sees of a page: the text outside its tags.
std::string visible_text(const std::string& html) {
    std::string out;
    bool in_tag = false;
    for (char c : html) {
        if (c == '<')
            in_tag = true;
        else if (c == '>') {
            in_tag = false;
            out += ' ';
        } else if (!in_tag)
            out += c;
    }
    return out;
}

// The part of `html` between `from` and the next `to`.
std::string between(const std::string& html, const std::string& from, const std::string& to) {
    size_t a = html.find(from);
    if (a == std::string::npos) return {};
    size_t b = html.find(to, a);
    return html.substr(a, b == std::string::npos ? std::string::npos : b - a);
}

size_t search_total(const std::string& href) {
    REQUIRE(href.rfind("/recherche?", 0) == 0);
    auto a = server().get("/api/search?" + href.substr(std::string("/recherche?").size()));
    REQUIRE(a.status == 200);
    return test::parse_json(a.body)->getValue<size_t>("total");
}

}  // namespace partnership_page_test

TEST_CASE("partnership records have one address: /doc/ answers 301 to /partenariat/", "[server][http][partnership]") {
    auto moved = partnership_page_test::server().get("/doc/part-kloto-1-bressuire?q=jumelage");
    CHECK(moved.status == 301);
    CHECK(moved.header("Location") == "/partenariat/part-kloto-1-bressuire?q=jumelage");
    CHECK(partnership_page_test::server().get("/doc/part-kloto-1-bressuire").header("Location") ==
          "/partenariat/part-kloto-1-bressuire");
    CHECK(partnership_page_test::server().get("/doc/part-kloto-1-bressuire/source.xml").status == 200);
    auto api = partnership_page_test::server().get("/api/doc/part-kloto-1-bressuire");
    CHECK(api.status == 200);
    CHECK(test::parse_json(api.body)->getValue<std::string>("id") == "part-kloto-1-bressuire");
    CHECK(partnership_page_test::server().get("/doc/conv-kloto-1-bressuire-1991").status ==
          200);  // other documents stay where they are

    auto results = partnership_page_test::server().get("/recherche?type=partenariat&per_page=50");
    size_t records = 0;
    for (const auto& h : partnership_page_test::hrefs(results.body)) {
        CAPTURE(h);
        CHECK(h.find("/doc/part-") != 0);
        if (h.rfind("/partenariat/", 0) == 0) ++records;
    }
    CHECK(records >= 30);
    auto json = test::parse_json(partnership_page_test::server().get("/api/search?type=partenariat&per_page=3").body);
    auto first = json->getArray("results")->getObject(0);
    CHECK(first->getValue<std::string>("url") == "/partenariat/" + first->getValue<std::string>("id"));
}

TEST_CASE("the partnership page: one chronology of exactly its documents, oldest first",
          "[server][http][partnership]") {
    for (const char* id : {"part-kloto-1-bressuire", "part-ogou-1-niort", "part-agoe-nyive-2-mamoudzou"}) {
        CAPTURE(id);
        auto page = partnership_page_test::server().get(std::string("/partenariat/") + id);
        REQUIRE(page.status == 200);
        std::string chrono = partnership_page_test::between(page.body, "<ol class=\"chrono\">", "</ol>");
        REQUIRE_FALSE(chrono.empty());
        CHECK(test::occurrences(page.body, "<ol class=\"chrono\">") == 1);  // not split by type
        std::vector<std::string> years, links;
        static const std::regex row(
            "<li><span class=\"when\">([^<]*)</span> <span class=\"type\">[^<]+</span> <a href=\"([^\"]*)\"");
        for (std::sregex_iterator it(chrono.begin(), chrono.end(), row), end; it != end; ++it) {
            years.push_back((*it)[1]);
            links.push_back((*it)[2]);
        }
        for (size_t i = 1; i < years.size(); ++i)
            if (years[i] != "date inconnue") CHECK(years[i - 1] <= years[i]);
        auto api = test::parse_json(partnership_page_test::server().get(std::string("/api/partnership/") + id).body);
        std::multiset<std::string> expected, shown(links.begin(), links.end());
        auto docs = api->getArray("documents");
        for (size_t i = 0; i < docs->size(); ++i) expected.insert(docs->getObject(i)->getValue<std::string>("url"));
        CHECK(shown == expected);
        CHECK(links.size() == docs->size());
    }
    auto demo = partnership_page_test::server().get("/partenariat/part-demo-blitta-1-valtorre");
    CHECK(test::contains(partnership_page_test::between(demo.body, "<ol class=\"chrono\">", "</ol>"),
                         "Document de démonstration"));
}

TEST_CASE("the partnership page links its facts to their searches, status in words, records by title",
          "[server][http][partnership]") {
    auto page = partnership_page_test::server().get("/partenariat/part-agoe-nyive-2-mamoudzou");
    REQUIRE(page.status == 200);
    std::string facts = partnership_page_test::between(page.body, "<dl class=\"doc-meta\">", "</dl>");
    std::map<std::string, std::string> found;  // parameter → href
    for (const auto& h : partnership_page_test::hrefs(facts))
        for (const char* p : {"commune", "partnership", "country", "theme"})
            if (h.rfind(std::string("/recherche?") + p + "=", 0) == 0) found[p] = h;
    CHECK(found["country"] == "/recherche?country=FR");
    CHECK(found["partnership"] == "/recherche?partnership=part-agoe-nyive-2-mamoudzou");
    REQUIRE(found.size() == 4);
    for (const auto& h : partnership_page_test::hrefs(facts)) {
        CAPTURE(h);
        CHECK(partnership_page_test::search_total(h) > 0);
    }
    CHECK(test::contains(facts, "<dd class=\"status\">statut inconnu : aucune source ne dit s&#39;il est actif</dd>"));
    const std::string demo = partnership_page_test::server().get("/partenariat/part-demo-dankpen-1-koumbel").body;
    CHECK(test::contains(demo, "<dd class=\"status\">partenariat actif</dd>"));
    // Its amounts are fictitious, and its caption says so.
    CHECK(test::contains(demo, "par source <span class=\"demo\">montants de démonstration</span></caption>"));
    CHECK_FALSE(test::contains(page.body, "montants de démonstration"));
    CHECK(test::contains(partnership_page_test::server().get("/partenariat/part-badou-cerizay").body,
                         "<dd class=\"status\">partenariat arrêté</dd>"));
    // « voir la fiche part-kloto-1-mamoudzou »: the other record by its title, linked.
    CHECK(test::contains(page.body, "href=\"/partenariat/part-kloto-1-mamoudzou\">Jumelage Kloto 1"));
    static const std::regex raw_id("part-[a-z0-9]");
    std::string text = partnership_page_test::visible_text(page.body);
    CHECK_FALSE(std::regex_search(text, raw_id));
    CHECK_FALSE(std::regex_search(partnership_page_test::visible_text(
                                      partnership_page_test::server().get("/partenariat/part-kloto-1-mamoudzou").body),
                                  raw_id));
}

TEST_CASE("partnership pages and result lines give dates in French", "[server][http][partnership]") {
    auto page = partnership_page_test::server().get("/partenariat/part-kloto-1-bressuire");
    std::string text = partnership_page_test::visible_text(page.body);
    CHECK(test::contains(text, "21 septembre 1991"));
    CHECK_FALSE(test::contains(text, "1991-09-21"));
    CHECK_FALSE(std::regex_search(text, std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}")));
    CHECK(test::contains(page.body, "datetime=\"1991-09-21\""));  // the machine-readable form stays
    auto results = partnership_page_test::visible_text(
        partnership_page_test::server().get("/recherche?partnership=part-kloto-1-bressuire").body);
    CHECK(test::contains(results, "21 septembre 1991"));
    CHECK_FALSE(test::contains(results, "1991-09-21"));
    auto json = partnership_page_test::server().get("/api/search?partnership=part-kloto-1-bressuire").body;
    CHECK(test::contains(json, "\"1991-09-21\""));  // the API keeps ISO dates
}
