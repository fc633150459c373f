// @brief The search page's weight with facets of thousands of values.
#include <catch2/catch.hpp>

#include "search/search.h"
#include "server/pages.h"

using namespace coopdec;

TEST_CASE("a facet of thousands of values keeps the results page light", "[server][pages]") {
    // A national index cites thousands of provisions (the legal_basis
    // facet): the page shows a few as links and suggests the most frequent
    // in its field, never all of them.
    SearchResult r;
    r.total = 5000;
    FacetResult f{"legal_basis", "Base légale", {}};
    for (size_t i = 0; i < 3000; ++i)
        f.values.push_back({"Loi n° 2019-006, art. " + std::to_string(i + 1), "", 3000 - i, false});
    for (auto& v : f.values) v.label = v.value;
    r.facets.push_back(f);
    std::string page = pages::search_page(r, {}, false);
    size_t options = 0;
    for (size_t at = page.find("<option"); at != std::string::npos; at = page.find("<option", at + 1)) ++options;
    CHECK(options == 40);
    CHECK(page.find("Loi n° 2019-006, art. 44\"") != std::string::npos);  // among the 40 most frequent
    CHECK(page.find("Loi n° 2019-006, art. 45\"") == std::string::npos);  // past them
    CHECK(page.find("2996 autres") != std::string::npos);                 // the field says how many exist
    CHECK(page.size() < 30 * 1024);
}

TEST_CASE("a facet one value longer than the short list shows every value as a link", "[server][pages]") {
    // Four links and « 1 autre » in a field would hide one value behind a
    // form three times its size; six values keep the field.
    auto page_with = [](size_t n) {
        SearchResult r;
        r.total = 100;
        FacetResult f{"region", "Région", {}};
        for (const char* v : {"Maritime", "Plateaux", "Kara", "Centrale", "Savanes", "Autre région"})
            if (f.values.size() < n) f.values.push_back({v, v, 10, false});
        r.facets.push_back(f);
        return pages::search_page(r, {{"q", "commune"}}, false);
    };
    std::string five = page_with(5);
    CHECK(five.find("href=\"?q=commune&amp;region=Savanes\"") != std::string::npos);
    CHECK(five.find("<datalist") == std::string::npos);
    CHECK(five.find(" autre") == std::string::npos);
    std::string six = page_with(6);
    CHECK(six.find("href=\"?q=commune&amp;region=Savanes\"") == std::string::npos);
    CHECK(six.find("2 autres régions <input name=\"region\"") != std::string::npos);
    CHECK(six.find("<button aria-label=\"Ajouter : région\">Ajouter</button>") != std::string::npos);
    CHECK(six.find("<option value=\"Savanes\">") != std::string::npos);
}
