// @brief « État de la coopération décentralisée » (/etat, /etat.csv): its
// figures recomputed from the bundled partnership records' XML, every
// figure's link run as a search with a total equal to the figure, an empty
// period, bad years (400 with the form), the CSV, and the amounts.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <tuple>

#include <pugixml.hpp>

#include "search/etat.h"
#include "search/request.h"
#include "server/etat_page.h"
#include "tests/bundled_partnerships.h"
#include "tests/bundled_server.h"
#include "tests/search_fixture.h"

using namespace coopdec;

namespace {

// What the bundled XML records say, read without the indexer.
struct Expected {
    size_t signed_in = 0, south = 0, known_country = 0, no_start = 0, agreements = 0, records = 0;
    std::map<std::string, size_t> all_status;
    std::map<std::string, size_t> status, country;
    std::set<std::string> communes;
    std::map<std::string, size_t> prefecture;  // records by préfecture name (the gazetteer's)
    // <financements> dated in the period, by (year, source): FCFA, records, demonstration records.
    std::map<std::pair<int, std::string>, std::tuple<unsigned long long, std::set<std::string>, size_t>> amounts;
    size_t real_amount_lines = 0;  // amount lines of real records (demo="non"), whatever their year
};

// The gazetteer's préfecture names by the ids of the préfectures and of
// their communes (corpus/repertoire/togo.xml).
std::map<std::string, std::string> prefecture_names() {
    pugi::xml_document doc;
    REQUIRE(doc.load_file((test::source_dir() + "/corpus/repertoire/togo.xml").c_str()));
    std::map<std::string, std::string> out;
    for (pugi::xpath_node x : doc.select_nodes("//*[local-name()='prefecture']")) {
        pugi::xml_node p = x.node();
        out[p.attribute("id").value()] = p.attribute("nom").value();
        for (pugi::xml_node c : p.children()) out[c.attribute("id").value()] = p.attribute("nom").value();
    }
    return out;
}

Expected from_xml(int from, int to) {
    Expected e;
    const std::map<std::string, std::string> prefectures = prefecture_names();
    test::each_bundled_partnership([&](pugi::xml_node p) {
        ++e.records;
        ++e.all_status[p.child_value("statut")];
        const bool demo = std::string(p.attribute("demo").value()) == "oui";
        for (pugi::xml_node m : p.child("financements").children("montant")) {
            if (!demo) ++e.real_amount_lines;
            int y = m.attribute("annee").as_int();
            if (y < from || y > to) continue;
            auto& [fcfa, ids, demos] = e.amounts[{y, m.attribute("source").value()}];
            fcfa += std::stoull(m.child_value());
            if (ids.insert(p.attribute("id").value()).second && demo) ++demos;
        }
        std::string start = p.child("periode").attribute("debut").value();
        if (start.empty()) {
            ++e.no_start;
            return;
        }
        int y = std::stoi(start.substr(0, 4));
        if (y < from || y > to) return;
        ++e.signed_in;
        ++e.status[p.child_value("statut")];
        std::string country = p.child("partenaire").attribute("pays").value();
        if (!country.empty()) {
            ++e.country[country];
            ++e.known_country;
            if (is_south(country)) ++e.south;
        }
        std::set<std::string> in;  // the record's préfectures, by its communes' or its own
        for (pugi::xml_node c : p.child("collectivites").children("collectivite")) {
            if (*c.attribute("commune").value()) e.communes.insert(c.attribute("commune").value());
            for (const char* level : {"commune", "prefecture"})
                if (auto it = prefectures.find(c.attribute(level).value());
                    *c.attribute(level).value() && it != prefectures.end())
                    in.insert(it->second);
        }
        for (const auto& name : in) ++e.prefecture[name];
    });
    for (const auto& f : std::filesystem::directory_iterator(test::source_dir() + "/corpus/conventions")) {
        if (f.path().extension() != ".xml") continue;
        pugi::xml_document doc;
        REQUIRE(doc.load_file(f.path().c_str()));
        std::string date = doc.child("convention").child_value("date");
        if (date.size() < 4) continue;
        int y = std::stoi(date.substr(0, 4));
        e.agreements += y >= from && y <= to;
    }
    return e;
}

std::string unescape(std::string s) {
    for (size_t at = s.find("&amp;"); at != std::string::npos; at = s.find("&amp;", at + 1)) s.replace(at, 5, "&");
    return s;
}

// Every "<a href=/recherche?…>N</a>" of a page: the figures.
std::vector<std::pair<std::string, size_t>> figures(const std::string& html) {
    std::vector<std::pair<std::string, size_t>> out;
    std::regex link("<a href=\"/recherche\\?([^\"]*)\">([0-9]+)</a>");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), link); it != std::sregex_iterator(); ++it)
        out.emplace_back(unescape((*it)[1]), std::stoul((*it)[2]));
    return out;
}

size_t row_count(const Etat& e, const std::string& table, const std::string& value) {
    for (const auto& t : e.tables)
        if (t.name == table)
            for (const auto& r : t.rows)
                if (r.value == value) return r.count;
    return 0;
}

}  // namespace

TEST_CASE("etat: the South rule follows the UN M49 regions", "[etat]") {
    CHECK(is_south("SN"));
    CHECK(is_south("MA"));
    CHECK(is_south("BR"));
    CHECK(is_south("CN"));
    CHECK_FALSE(is_south("FR"));
    CHECK_FALSE(is_south("US"));
    CHECK_FALSE(is_south("JP"));
    CHECK_FALSE(is_south("ZZ"));
}

TEST_CASE("etat: the bundled corpus's figures are the XML records' own", "[etat][server][http]") {
    const auto& server = *test::bundled().server;
    for (auto [from, to] : {std::pair{2018, 2024}, std::pair{1950, 2030}, std::pair{1991, 1991}}) {
        CAPTURE(from, to);
        Expected x = from_xml(from, to);
        REQUIRE(x.signed_in > 0);
        Index index = Index::open(test::bundled().db);
        Etat e = decentralised_state(index, from, to);
        CHECK(e.partnerships.count == x.signed_in);
        CHECK(e.agreements.count == x.agreements);
        CHECK(e.all_records.count == x.records);
        REQUIRE(e.all_status.size() == x.all_status.size());
        for (const auto& s : e.all_status) CHECK(s.count == x.all_status[s.value]);
        CHECK(e.communes == x.communes.size());
        for (const auto& [s, n] : x.status) CHECK(row_count(e, "status", s) == n);
        for (const auto& [c, n] : x.country) CHECK(row_count(e, "country", c) == n);
        REQUIRE_FALSE(x.prefecture.empty());
        for (const auto& [name, n] : x.prefecture) {
            CAPTURE(name);
            CHECK(row_count(e, "prefecture", name) == n);
        }
        for (const auto& t : e.tables)
            if (t.name == "prefecture") CHECK(t.rows.size() == x.prefecture.size());
        CHECK(e.known_country.count == x.known_country);
        CHECK(e.south.count == x.south);
        CHECK(row_count(e, "south", "sud") == x.south);
        size_t no_start = 0;
        for (const auto& m : e.missing) no_start += m.what.rfind("année de début", 0) == 0;
        CHECK(no_start == x.no_start);
        // Only demonstration records carry <financements> (no source gives a
        // real partnership's amounts): every amount line says so.
        CHECK(x.real_amount_lines == 0);
        REQUIRE(e.amounts.size() == x.amounts.size());
        for (const auto& a : e.amounts) {
            CAPTURE(a.year, a.source);
            const auto& [fcfa, ids, demos] = x.amounts[{a.year, a.source}];
            CHECK(a.fcfa == fcfa);
            CHECK(a.records.count == ids.size());
            CHECK(a.demo == demos);
            CHECK(a.demo == a.records.count);
        }

        // The page: every figure is a link whose search's total is the figure.
        auto page = server.get("/etat?de=" + std::to_string(from) + "&a=" + std::to_string(to));
        REQUIRE(page.status == 200);
        CHECK(test::contains(page.body, "name=\"de\" inputmode=\"numeric\" size=\"4\" maxlength=\"4\" value=\"" +
                                            std::to_string(from) + "\""));
        auto links = figures(page.body);
        CHECK(links.size() > 10);
        CHECK(test::contains(page.body, ">" + std::to_string(x.agreements) + "</a>.</p>"));
        for (const auto& [query, n] : links) {
            CAPTURE(query);
            CHECK((query.rfind("type=partenariat", 0) == 0 || query.rfind("type=convention&", 0) == 0));
            auto found = test::parse_json(server.get("/api/search?" + query).body);
            CHECK(found->getValue<size_t>("total") == n);
        }
        // The number of communes is no search total: it leads to their list, the commune table.
        CHECK(test::contains(page.body, ">" + std::to_string(x.signed_in) +
                                            "</a> ; communes engagées : <a href=\"#etat-commune\">" +
                                            std::to_string(x.communes.size()) + "</a>"));
        CHECK(test::contains(page.body, "<h2 id=\"etat-commune\">Communes engagées</h2>"));
        if (!x.amounts.empty())
            CHECK(test::contains(page.body, "<span class=\"demo\">montant de démonstration</span>"));
    }
}

TEST_CASE("etat: a period without partnership says so", "[etat][server][http]") {
    const auto& server = *test::bundled().server;
    auto page = server.get("/etat?de=1900&a=1901");
    REQUIRE(page.status == 200);
    CHECK(test::contains(page.body, "Aucun partenariat signé dans la période 1900–1901"));
    CHECK(test::contains(page.body, "Aucun montant pour cette période"));
    auto one = server.get("/etat?de=1901");
    CHECK(test::contains(one.body, "Aucun partenariat signé dans l&#39;année 1901"));
}

TEST_CASE("etat: bad years give a 400 page that keeps the form", "[etat][server][http]") {
    const auto& server = *test::bundled().server;
    for (const char* q : {"de=20x4", "de=2024&a=2020", "a=99", "de=1500&a=1800"}) {
        CAPTURE(q);
        auto page = server.get(std::string("/etat?") + q);
        CHECK(page.status == 400);
        CHECK(test::contains(page.body, "<form method=\"get\" action=\"/etat\""));
        CHECK(test::contains(page.body, "role=\"alert\""));
    }
    auto typed = server.get("/etat?de=20x4&a=2024");
    CHECK(test::contains(typed.body, "value=\"20x4\""));
    CHECK(test::contains(typed.body, "année de début invalide"));
    CHECK(server.get("/etat?pays=FR").status == 400);
    CHECK(server.get("/etat.csv?de=abcd").status == 400);
    // The way in: /apercu; no year: the current one.
    CHECK(test::contains(server.get("/apercu").body, "<a href=\"/etat\">"));
    auto now = server.get("/etat");
    CHECK(now.status == 200);
    CHECK(test::contains(now.body, "l&#39;année 20"));
}

TEST_CASE("etat: the CSV holds the tables, with a BOM and semicolons", "[etat][server][http]") {
    const auto& server = *test::bundled().server;
    auto csv = server.get("/etat.csv?de=1950&a=2030");
    REQUIRE(csv.status == 200);
    CHECK(csv.header("Content-Type") == "text/csv; charset=utf-8");
    REQUIRE(csv.body.rfind("\xEF\xBB\xBFtableau;valeur;partenariats;recherche\r\n", 0) == 0);
    Expected x = from_xml(1950, 2030);
    CHECK(test::contains(csv.body, "signes;1950-2030;" + std::to_string(x.signed_in) + ";"));
    for (const auto& [c, n] : x.country)
        CHECK(test::contains(csv.body, "\r\ncountry;" + c + ";" + std::to_string(n) + ";"));
    CHECK(test::contains(csv.body, "montants;annee;source;fcfa;fiches;recherche"));
}

TEST_CASE("etat: amounts by year and source, the records that give them, and what is missing", "[etat]") {
    test::SearchFixture fx;  // 3 partnerships: 1958 FR, 1991 FR, 2010 BF, no amount
    Record a = test::partnership("part-zio-agen", "kloto-1", "Agen", "FR", "2001", {"santé"});
    a.amounts = {{"2021", "partenaire", "Agen", "1500000"},
                 {"2021", "commune", "", "250000"},
                 {"2022", "partenaire", "", "1000000"},
                 {"1999", "partenaire", "", "7"}};
    fx.add(a);
    Record b = test::partnership("part-ogou-sans", "ogou-1", "Sans pays", "", "2021", {});
    b.status = "inconnu";
    b.amounts = {{"2021", "partenaire", "", "500000"}};
    b.demo = true;
    b.demo_notice = "Fiche fictive.";
    fx.add(b);
    Index index(fx.db);
    Etat e = decentralised_state(index, 2020, 2024);
    // Signed in the period: only b; amounts: a's and b's of 2020–2024.
    CHECK(e.partnerships.count == 1);
    REQUIRE(e.amounts.size() == 3);
    CHECK(e.amounts[0].year == 2021);
    CHECK(e.amounts[0].source == "commune");
    CHECK(e.amounts[0].fcfa == 250000);
    CHECK(e.amounts[0].records.count == 1);
    CHECK(e.amounts[1].source == "partenaire");
    CHECK(e.amounts[1].fcfa == 2000000);
    CHECK(e.amounts[1].records.count == 2);
    CHECK(e.amounts[0].demo == 0);
    CHECK(e.amounts[1].demo == 1);
    CHECK(e.amounts[2].year == 2022);
    CHECK(e.with_amount.count == 2);
    CHECK(e.amount_records == 2);
    SearchRequest r;
    for (const auto& [k, v] : e.amounts[1].records.search) REQUIRE_FALSE(apply_parameter(r, k, v));
    CHECK(search(index, r).total == 2);
    // b lacks a country, themes and a known status.
    std::set<std::string> missing;
    for (const auto& m : e.missing)
        if (m.id == "part-ogou-sans") missing.insert(m.what);
    CHECK(missing == std::set<std::string>{"pays du partenaire", "statut (inconnu)", "thèmes"});
    // The South share has no known country to divide by.
    CHECK(e.known_country.count == 0);
    CHECK(e.known_country.search.empty());
    std::string html = pages::etat_page(e);
    CHECK(test::contains(html, "2\u202f000\u202f000 <span class=\"demo\">dont 1 fiche(s) de démonstration</span>"));
    CHECK(test::contains(html, "250\u202f000</td>"));
    const std::string csv = pages::etat_csv(e, "http://x");
    CHECK(test::contains(csv, "\r\nmontant;2021;partenaire;2000000;2;http://x/recherche?"));
    CHECK(test::contains(csv, "montants;annee;source;fcfa;fiches;recherche;fiches_demonstration\r\n"));
    // The last column: how many of the line's records are demonstration records.
    const size_t commune_line = csv.find("\r\nmontant;2021;commune;250000;1;");
    REQUIRE(commune_line != std::string::npos);
    CHECK(csv.substr(csv.find("\r\n", commune_line + 2) - 2, 2) == ";0");
    const size_t partner_line = csv.find("\r\nmontant;2021;partenaire;");
    REQUIRE(partner_line != std::string::npos);
    CHECK(csv.substr(csv.find("\r\n", partner_line + 2) - 2, 2) == ";1");
}
