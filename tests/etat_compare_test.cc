// @brief The yearly state compared: records ended in a period, the previous
// period, two periods side by side — on a small index, then on the server
// with the bundled records' XML recounted and every figure's link searched.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include <pugixml.hpp>

#include "search/etat_compare.h"
#include "search/request.h"
#include "server/etat_compare_page.h"
#include "tests/bundled_partnerships.h"
#include "tests/bundled_server.h"
#include "tests/search_fixture.h"

using namespace coopdec;

namespace {

size_t total_searched(const Index& index, const EtatParams& params) {
    SearchRequest r;
    for (const auto& [k, v] : params) REQUIRE_FALSE(apply_parameter(r, k, v));
    return search(index, r).total;
}

// A figure with a search gives that search's total; one without is 0.
void check_figure(const Index& index, const EtatFigure& f) {
    CAPTURE(f.value, f.count);
    if (f.search.empty())
        CHECK(f.count == 0);
    else
        CHECK(total_searched(index, f.search) == f.count);
}

const EtatSide* side_named(const std::vector<EtatSide>& rows, const std::string& value) {
    for (const auto& r : rows)
        if (r.value == value) return &r;
    return nullptr;
}

const EtatComparedTable& compared(const EtatComparison& c, const std::string& name) {
    for (const auto& t : c.tables)
        if (t.name == name) return t;
    static const EtatComparedTable none;
    FAIL("no table " << name);
    return none;
}

// The fixture's three partnerships (1958 FR, 1991 FR, 2010 BF, no end year)
// and five more with end years, an undated stop and amounts.
struct EndingsFixture : test::SearchFixture {
    EndingsFixture() {
        Record a = test::partnership("part-a", "kloto-1", "Thiès", "SN", "2001", {"santé"});
        a.end_year = "2012";
        a.status = "arrete";
        add(a);
        Record b = test::partnership("part-b", "ogou-1", "Bonn", "DE", "2016", {"santé"});
        b.end_year = "2018";
        b.status = "arrete";
        b.amounts = {{"2016", "partenaire", "", "300"}};
        add(b);
        Record c = test::partnership("part-c", "ogou-1", "Agen", "FR", "2017", {"tourisme"});
        c.status = "arrete";
        add(c);
        Record d = test::partnership("part-d", "kloto-1", "Dakar", "SN", "2021", {"santé"});
        d.end_year = "2023";
        d.amounts = {{"2021", "partenaire", "", "1000"}, {"2017", "commune", "", "500"}};
        add(d);
        Record e = test::partnership("part-e", "tandjoare-1", "Cotonou", "BJ", "2022", {"agriculture"});
        add(e);
    }
};

}  // namespace

TEST_CASE("etat compare: records ended in a period, by their end year", "[etat][etat_compare]") {
    EndingsFixture fx;
    Index index(fx.db);
    EtatEndings e = partnerships_ended(index, 2015, 2019);
    CHECK(e.ended.count == 1);
    REQUIRE(e.records.size() == 1);
    CHECK(e.records[0].id == "part-b");
    CHECK(e.records[0].end == 2018);
    CHECK(e.records[0].status == "arrete");
    check_figure(index, e.ended);
    // part-c stopped without an end year: in no period.
    CHECK(e.stopped_undated.count == 1);
    CHECK(e.stopped_undated.search == EtatParams{{"type", "partenariat"}, {"partnership", "part-c"}});
    check_figure(index, e.stopped_undated);
    // An end year ahead still counts in its period, whatever the status.
    EtatEndings later = partnerships_ended(index, 2020, 2024);
    REQUIRE(later.records.size() == 1);
    CHECK(later.records[0].id == "part-d");
    CHECK(later.records[0].status == "actif");
    EtatEndings none = partnerships_ended(index, 1900, 1950);
    CHECK(none.ended.count == 0);
    CHECK(none.ended.search.empty());
}

TEST_CASE("etat compare: a period against the previous one", "[etat][etat_compare]") {
    EndingsFixture fx;
    Index index(fx.db);
    Etat now = decentralised_state(index, 2020, 2024);
    EtatMovement m = state_movement(index, now);
    CHECK(m.previous_from == 2015);
    CHECK(m.previous_to == 2019);
    CHECK(m.begun.first.count == 2);   // part-b, part-c
    CHECK(m.begun.second.count == 2);  // part-d, part-e
    CHECK(m.begun.difference() == 0);
    CHECK(m.ended.first.count == 1);
    CHECK(m.ended.second.count == 1);
    for (const auto* f : {&m.begun.first, &m.begun.second, &m.ended.first, &m.ended.second}) check_figure(index, *f);

    // 2010–2014 against 2005–2009: one signed (2010 BF), none before; part-a ended in 2012.
    EtatMovement early = state_movement(index, decentralised_state(index, 2010, 2014));
    CHECK(early.previous_from == 2005);
    CHECK(early.begun.first.count == 0);
    CHECK(early.begun.second.count == 1);
    CHECK(early.begun.difference() == 1);
    CHECK(early.ended.first.count == 0);
    CHECK(early.ended.second.count == 1);
    CHECK(early.endings.records.at(0).id == "part-a");
    // One year: the previous year.
    EtatMovement year = state_movement(index, decentralised_state(index, 2018, 2018));
    CHECK(year.previous_from == 2017);
    CHECK(year.previous_to == 2017);
    CHECK(year.begun.first.count == 1);
    CHECK(year.ended.second.count == 1);

    std::string html = pages::etat_movement_section(m);
    CHECK(test::contains(html, "Depuis la période précédente (2015–2019)"));
    CHECK(test::contains(html, "<a href=\"/partenariat/part-d\">"));
    CHECK(test::contains(html, "/etat?de=2015&amp;a=2019&amp;de2=2020&amp;a2=2024"));
    std::string csv = pages::etat_movement_csv(m, "http://x");
    CHECK(test::contains(csv, "\r\ntermines;2015-2019;1;http://x/recherche?type=partenariat&partnership=part-b\r\n"));
    CHECK(test::contains(csv, "\r\nfiche_terminee;part-d;2023;http://x/partenariat/part-d\r\n"));
}

TEST_CASE("etat compare: two periods side by side, every value of either", "[etat][etat_compare]") {
    EndingsFixture fx;
    Index index(fx.db);
    EtatComparison c = compare_states(index, 2015, 2019, 2020, 2024);
    REQUIRE(c.headline.size() == 7);
    CHECK(side_named(c.headline, "signes")->first.count == 2);
    CHECK(side_named(c.headline, "signes")->second.count == 2);
    CHECK(side_named(c.headline, "termines")->first.count == 1);
    CHECK(side_named(c.headline, "communes")->first.count == 1);   // ogou-1
    CHECK(side_named(c.headline, "communes")->second.count == 2);  // kloto-1, tandjoare-1
    CHECK(side_named(c.headline, "sud")->first.count == 0);
    CHECK(side_named(c.headline, "sud")->second.count == 2);
    CHECK(side_named(c.headline, "sud")->difference() == 2);

    // Status in its own order, whichever period has the value.
    REQUIRE(compared(c, "status").rows.size() == 2);
    CHECK(compared(c, "status").rows[0].value == "actif");
    CHECK(compared(c, "status").rows[0].first.count == 0);
    CHECK(compared(c, "status").rows[1].value == "arrete");
    const auto& country = compared(c, "country");
    REQUIRE(side_named(country.rows, "DE"));
    REQUIRE(side_named(country.rows, "SN"));
    REQUIRE(side_named(country.rows, "BJ"));
    CHECK(side_named(country.rows, "DE")->first.count == 1);
    CHECK(side_named(country.rows, "DE")->second.count == 0);
    CHECK_FALSE(side_named(country.rows, "DE")->second.search.empty());  // its search, with total 0
    CHECK(side_named(country.rows, "SN")->first.count == 0);
    CHECK(side_named(country.rows, "SN")->second.count == 1);
    CHECK(side_named(country.rows, "SN")->difference() == 1);
    CHECK(side_named(compared(c, "continent").rows, "Europe")->second.count == 0);
    CHECK(side_named(compared(c, "continent").rows, "Afrique")->second.count == 2);
    for (const auto& s : c.headline) {
        if (s.value == "communes") continue;  // a number of rows, not a search total
        check_figure(index, s.first);
        check_figure(index, s.second);
    }
    for (const auto& t : c.tables)
        for (const auto& r : t.rows) {
            CAPTURE(t.name, r.value);
            check_figure(index, r.first);
            check_figure(index, r.second);
        }

    // Amounts: part-b's 2016 and part-d's 2017 line in the first period, part-d's 2021 in the second.
    REQUIRE(c.by_source.size() == 2);
    CHECK(c.by_source[0].source == "commune");
    CHECK(c.by_source[0].fcfa_first == 500);
    CHECK(c.by_source[0].fcfa_second == 0);
    CHECK(c.by_source[1].fcfa_first == 300);
    CHECK(c.by_source[1].fcfa_second == 1000);
    CHECK(c.by_source[1].first.count == 1);
    REQUIRE(c.by_year.size() == 5);
    CHECK(c.by_year[1].year_first == 2016);
    CHECK(c.by_year[1].year_second == 2021);
    CHECK(c.by_year[1].fcfa_first == 300);
    CHECK(c.by_year[1].fcfa_second == 1000);
    CHECK(c.by_year[2].fcfa_first == 500);
    CHECK(c.by_year[2].first.search == EtatParams{{"type", "partenariat"}, {"partnership", "part-d"}});
    for (const auto& a : c.by_year) {
        check_figure(index, a.first);
        check_figure(index, a.second);
    }
    // Periods of different lengths: the shorter one's cells stay empty.
    EtatComparison uneven = compare_states(index, 2016, 2017, 2020, 2024);
    REQUIRE(uneven.by_year.size() == 5);
    CHECK(uneven.by_year[4].year_first == 0);
    CHECK(uneven.by_year[4].year_second == 2024);

    std::string html = pages::etat_compare_page(c);
    CHECK(test::contains(html, "2015–2019 et 2020–2024 comparées"));
    CHECK(test::contains(html, "name=\"de2\" inputmode=\"numeric\" size=\"4\" maxlength=\"4\" value=\"2020\""));
    CHECK(test::contains(html, "<td>+700</td>"));  // 1000 − 300
    CHECK(test::contains(html, "<td>\u2212500</td>"));
    std::string csv = pages::etat_compare_csv(c, "http://x");
    CHECK(test::contains(csv,
                         "\r\ncountry;DE;1;http://x/recherche?type=partenariat&year_from=2015&year_to=2019&"
                         "country=DE;0;http://x/recherche?type=partenariat&year_from=2020&year_to=2024&"
                         "country=DE;-1\r\n"));
    CHECK(test::contains(csv, "\r\nmontant;toutes;2016;300;1;"));
    CHECK(test::contains(csv, "\r\nperiodes;;2015-2019;;2020-2024;;\r\n"));
    CHECK(test::contains(html, "</a> — fin 2018, statut : arrêté</li>"));
}

TEST_CASE("etat compare: the second period is optional and parsed like the first", "[etat][etat_compare]") {
    CHECK_FALSE(parse_second_period("", "", 2026));
    CHECK(parse_second_period("2020", "2024", 2026) == std::pair{2020, 2024});
    CHECK(parse_second_period("2020", "", 2026) == std::pair{2020, 2020});
    try {
        parse_second_period("20x4", "2024", 2026);
        FAIL("accepted 20x4");
    } catch (const SearchError& e) {
        CHECK(e.for_user().rfind("période de comparaison : année de début invalide", 0) == 0);
        CHECK(e.parameter == "de2");
    }
    CHECK_THROWS_AS(parse_second_period("2024", "2020", 2026), SearchError);
}

namespace {

// The bundled partnership records as their XML says, read without the indexer.
struct XmlRecord {
    std::string id, status, country;
    std::optional<int> start, end;
};

std::vector<XmlRecord> xml_records() {
    std::vector<XmlRecord> out;
    auto year = [](const char* s) -> std::optional<int> {
        return std::string(s).size() >= 4 ? std::optional<int>(std::stoi(std::string(s).substr(0, 4))) : std::nullopt;
    };
    test::each_bundled_partnership([&](pugi::xml_node p) {
        out.push_back(
            {p.attribute("id").value(), p.child_value("statut"), p.child("partenaire").attribute("pays").value(),
             year(p.child("periode").attribute("debut").value()), year(p.child("periode").attribute("fin").value())});
    });
    return out;
}

struct PeriodCounts {
    size_t signed_in = 0, south = 0, known = 0;
    std::set<std::string> ended;
    std::map<std::string, size_t> status, country;
};

PeriodCounts counts_of(const std::vector<XmlRecord>& records, int from, int to) {
    PeriodCounts c;
    for (const auto& r : records) {
        if (r.end && *r.end >= from && *r.end <= to) c.ended.insert(r.id);
        if (!r.start || *r.start < from || *r.start > to) continue;
        ++c.signed_in;
        ++c.status[r.status];
        if (r.country.empty()) continue;
        ++c.country[r.country];
        ++c.known;
        c.south += is_south(r.country);
    }
    return c;
}

std::string amp_decoded(std::string s) {
    for (size_t at = s.find("&amp;"); at != std::string::npos; at = s.find("&amp;", at + 1)) s.replace(at, 5, "&");
    return s;
}

// Every figure of a page, "<a href=/recherche?…>N</a>", searched: its total is N.
size_t check_page_links(const test::ServerProcess& server, const std::string& html) {
    std::regex link("<a href=\"/recherche\\?([^\"]*)\">([0-9]+)</a>");
    size_t n = 0;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), link); it != std::sregex_iterator(); ++it, ++n) {
        const std::string query = amp_decoded((*it)[1]);
        CAPTURE(query);
        CHECK((query == "type=partenariat" || query.rfind("type=partenariat&", 0) == 0 ||
               query.rfind("type=convention&", 0) == 0));
        auto found = test::parse_json(server.get("/api/search?" + query).body);
        CHECK(found->getValue<size_t>("total") == std::stoul((*it)[2]));
    }
    return n;
}

// The two counts of a table row « label | N1 | N2 | écart ».
std::optional<std::pair<size_t, size_t>> row_counts(const std::string& html, const std::string& label) {
    std::regex row("<tr><td>" + label +
                   "</td><td>(?:<a href=\"[^\"]*\">)?([0-9]+)(?:</a>)?</td><td>(?:<a href=\"[^\"]*\">)?([0-9]+)(?:</"
                   "a>)?</td><td>[^<]*</td></tr>");
    std::smatch m;
    if (!std::regex_search(html, m, row)) return std::nullopt;
    return std::pair{std::stoul(m[1]), std::stoul(m[2])};
}

}  // namespace

TEST_CASE("etat compare: the bundled corpus's two periods are the XML records' own", "[etat][etat_compare][http]") {
    const auto& server = test::bundled_server();
    const auto records = xml_records();
    Index index = Index::open(test::bundled().db);
    for (auto [p1, p2] : {std::pair{std::pair{2015, 2019}, std::pair{2020, 2024}},
                          std::pair{std::pair{1985, 1999}, std::pair{2000, 2014}}}) {
        CAPTURE(p1.first, p1.second, p2.first, p2.second);
        const PeriodCounts x1 = counts_of(records, p1.first, p1.second), x2 = counts_of(records, p2.first, p2.second);
        REQUIRE(x1.signed_in > 0);
        REQUIRE(x2.signed_in > 0);
        REQUIRE(x1.ended.size() + x2.ended.size() > 0);
        EtatComparison c = compare_states(index, p1.first, p1.second, p2.first, p2.second);
        CHECK(side_named(c.headline, "signes")->first.count == x1.signed_in);
        CHECK(side_named(c.headline, "signes")->second.count == x2.signed_in);
        CHECK(side_named(c.headline, "termines")->first.count == x1.ended.size());
        CHECK(side_named(c.headline, "termines")->second.count == x2.ended.size());
        CHECK(side_named(c.headline, "sud")->first.count == x1.south);
        CHECK(side_named(c.headline, "sud")->second.count == x2.south);
        CHECK(side_named(c.headline, "pays_connu")->second.count == x2.known);
        for (const auto& r : compared(c, "status").rows) {
            CHECK(r.first.count == (x1.status.count(r.value) ? x1.status.at(r.value) : 0));
            CHECK(r.second.count == (x2.status.count(r.value) ? x2.status.at(r.value) : 0));
        }
        std::set<std::string> countries;
        for (const auto& r : compared(c, "country").rows) {
            countries.insert(r.value);
            CHECK(r.first.count == (x1.country.count(r.value) ? x1.country.at(r.value) : 0));
            CHECK(r.second.count == (x2.country.count(r.value) ? x2.country.at(r.value) : 0));
        }
        for (const auto* x : {&x1, &x2})
            for (const auto& [code, n] : x->country) CHECK(countries.count(code));
        std::set<std::string> ended;
        for (const auto& r : c.ended_first.records) ended.insert(r.id);
        CHECK(ended == x1.ended);

        const std::string url = "/etat?de=" + std::to_string(p1.first) + "&a=" + std::to_string(p1.second) +
                                "&de2=" + std::to_string(p2.first) + "&a2=" + std::to_string(p2.second);
        auto page = server.get(url);
        REQUIRE(page.status == 200);
        CHECK(test::contains(page.body, "name=\"de2\" inputmode=\"numeric\" size=\"4\" maxlength=\"4\" value=\"" +
                                            std::to_string(p2.first) + "\""));
        CHECK(row_counts(page.body, "Partenariats signés \\(année de début\\)") ==
              std::pair{x1.signed_in, x2.signed_in});
        CHECK(row_counts(page.body, "Partenariats terminés \\(année de fin\\)") ==
              std::pair{x1.ended.size(), x2.ended.size()});
        CHECK(row_counts(page.body, "Partenariats avec un pays du Sud") == std::pair{x1.south, x2.south});
        for (const auto& id : x2.ended) CHECK(test::contains(page.body, "<a href=\"/partenariat/" + id + "\">"));
        CHECK(check_page_links(server, page.body) > 40);
    }
}

TEST_CASE("etat compare: the report shows the previous period, begun and ended", "[etat][etat_compare][http]") {
    const auto& server = test::bundled_server();
    const auto records = xml_records();
    const PeriodCounts now = counts_of(records, 2020, 2024), before = counts_of(records, 2015, 2019);
    REQUIRE(now.ended.size() + before.ended.size() > 0);
    auto page = server.get("/etat?de=2020&a=2024");
    REQUIRE(page.status == 200);
    CHECK(test::contains(page.body, "Depuis la période précédente (2015–2019)"));
    CHECK(row_counts(page.body, "Signés \\(année de début\\)") == std::pair{before.signed_in, now.signed_in});
    CHECK(row_counts(page.body, "Terminés \\(année de fin\\)") == std::pair{before.ended.size(), now.ended.size()});
    for (const auto& id : now.ended) CHECK(test::contains(page.body, "<li><a href=\"/partenariat/" + id + "\">"));
    CHECK(check_page_links(server, page.body) > 10);
    // The form: an empty comparison period.
    CHECK(test::contains(page.body, "<legend>Comparer avec la période</legend>"));
    CHECK(test::contains(page.body, "name=\"de2\" inputmode=\"numeric\" size=\"4\" maxlength=\"4\" value=\"\""));
    auto empty_pair = server.get("/etat?de=2020&a=2024&de2=&a2=");
    CHECK(empty_pair.status == 200);
    CHECK(test::contains(empty_pair.body, "Depuis la période précédente"));

    auto csv = server.get("/etat.csv?de=2020&a=2024");
    REQUIRE(csv.status == 200);
    CHECK(test::contains(csv.body, "\r\nmouvement;periode;partenariats;recherche\r\n"));
    CHECK(test::contains(csv.body, "\r\ntermines;2020-2024;" + std::to_string(now.ended.size()) + ";"));
    CHECK(test::contains(csv.body, "\r\nsignes;2015-2019;" + std::to_string(before.signed_in) + ";"));
}

TEST_CASE("etat compare: a malformed second period gives 400 and keeps what was typed", "[etat][etat_compare][http]") {
    const auto& server = test::bundled_server();
    for (const char* q : {"de=2015&a=2019&de2=20x4&a2=2024", "de=2015&a=2019&de2=2024&a2=2020", "de=2015&a=2019&a2=99",
                          "de=2015&a=2019&de2=1500&a2=1800"}) {
        CAPTURE(q);
        auto page = server.get(std::string("/etat?") + q);
        CHECK(page.status == 400);
        CHECK(test::contains(page.body, "role=\"alert\""));
        CHECK(test::contains(page.body, "période de comparaison : "));
        CHECK(test::contains(page.body, "name=\"de\" inputmode=\"numeric\" size=\"4\" maxlength=\"4\" value=\"2015\""));
        CHECK(test::contains(page.body, "name=\"a\" inputmode=\"numeric\" size=\"4\" maxlength=\"4\" value=\"2019\""));
    }
    auto typed = server.get("/etat?de=2015&a=2019&de2=20x4&a2=2024");
    CHECK(test::contains(typed.body, "name=\"de2\" inputmode=\"numeric\" size=\"4\" maxlength=\"4\" value=\"20x4\""));
    CHECK(test::contains(typed.body, "name=\"a2\" inputmode=\"numeric\" size=\"4\" maxlength=\"4\" value=\"2024\""));
    // A bad first period keeps the second as typed too.
    auto first_bad = server.get("/etat?de=abcd&a=2019&de2=2020&a2=2024");
    CHECK(first_bad.status == 400);
    CHECK(test::contains(first_bad.body, "value=\"abcd\""));
    CHECK(
        test::contains(first_bad.body, "name=\"a2\" inputmode=\"numeric\" size=\"4\" maxlength=\"4\" value=\"2024\""));
    CHECK(server.get("/etat.csv?de=2015&a=2019&de2=abc").status == 400);
}

TEST_CASE("etat compare: the CSV holds both periods' columns", "[etat][etat_compare][http]") {
    const auto& server = test::bundled_server();
    const auto records = xml_records();
    const PeriodCounts x1 = counts_of(records, 2015, 2019), x2 = counts_of(records, 2020, 2024);
    auto csv = server.get("/etat.csv?de=2015&a=2019&de2=2020&a2=2024");
    REQUIRE(csv.status == 200);
    CHECK(csv.header("Content-Type") == "text/csv; charset=utf-8");
    CHECK(test::contains(csv.header("Content-Disposition"), "coopdec-etat-2015-2019-et-2020-2024.csv"));
    REQUIRE(csv.body.rfind("\xEF\xBB\xBFtableau;valeur;partenariats_1;recherche_1;partenariats_2;recherche_2;ecart\r\n",
                           0) == 0);
    std::regex signes("\r\nchiffres;signes;([0-9]+);[^;]*;([0-9]+);[^;]*;(-?[0-9]+)\r\n");
    std::smatch m;
    REQUIRE(std::regex_search(csv.body, m, signes));
    CHECK(std::stoul(m[1]) == x1.signed_in);
    CHECK(std::stoul(m[2]) == x2.signed_in);
    CHECK(std::stol(m[3]) == static_cast<long>(x2.signed_in) - static_cast<long>(x1.signed_in));
    for (const auto& [code, n] : x2.country) {
        CAPTURE(code);
        std::regex row("\r\ncountry;" + code + ";([0-9]+);[^;]*;([0-9]+);");
        REQUIRE(std::regex_search(csv.body, m, row));
        CHECK(std::stoul(m[2]) == n);
        CHECK(std::stoul(m[1]) == (x1.country.count(code) ? x1.country.at(code) : 0));
    }
    CHECK(test::contains(csv.body, "\r\nmontants;source;annee_1;fcfa_1;fiches_1;recherche_1;annee_2;"));
}
