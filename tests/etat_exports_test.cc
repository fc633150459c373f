// @brief The yearly state's downloads where people open them: /etat.pdf read
// back with pdftotext (headline figures, both maps' attributions), /etat.ods
// unzipped and parsed (a sheet per table, numeric cells equal to the
// report's) and converted by LibreOffice headless (the Résumé sheet's
// figures), a bad period on either (400 with the form), and the links and
// maps of /etat.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <map>

#include <pugixml.hpp>

#include "search/etat.h"
#include "server/etat_ods.h"
#include "server/maps.h"
#include "tests/bundled_server.h"
#include "tests/odf_read.h"

using namespace coopdec;

// Its own namespace: the unity build puts this file beside tests/etat_test.cc.
namespace etat_exports_test {

const int kFrom = 1950, kTo = 2030;
const std::string kPeriod = "?de=1950&a=2030";

// The report the server computes, on the same index.
Etat bundled_state() {
    Index index = Index::open(test::bundled().db);
    return decentralised_state(index, kFrom, kTo);
}

// maps::attribution as text: it holds no markup but its escaped characters.
std::string attribution_text(maps::Map map) {
    std::string s = maps::attribution(map);
    for (auto [from, to] : {std::pair<std::string, std::string>{"&#39;", "'"}, {"&amp;", "&"}})
        for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1))
            s.replace(at, from.size(), to);
    return s;
}

// Every text node under `n`.
std::string text_of(const pugi::xml_node& n) {
    std::string out;
    for (const pugi::xml_node& c : n.children()) out += c.type() == pugi::node_pcdata ? c.value() : text_of(c);
    return out;
}

// The sheets of a content.xml: name → rows → cells (a float cell as its
// office:value, prefixed with "#").
using Sheets = std::vector<std::pair<std::string, std::vector<std::vector<std::string>>>>;
Sheets read_sheets(const std::string& content) {
    pugi::xml_document doc;
    REQUIRE(doc.load_string(content.c_str()));
    Sheets out;
    for (const auto& t : doc.select_nodes("//*[name()='table:table']")) {
        out.emplace_back(t.node().attribute("table:name").value(), std::vector<std::vector<std::string>>{});
        for (pugi::xml_node row : t.node().children("table:table-row")) {
            std::vector<std::string> cells;
            for (pugi::xml_node cell : row.children("table:table-cell")) {
                std::string type = cell.attribute("office:value-type").value();
                cells.push_back(type == "float" ? "#" + std::string(cell.attribute("office:value").value())
                                                : text_of(cell));
            }
            out.back().second.push_back(cells);
        }
    }
    return out;
}

// The Résumé's rows as LibreOffice writes them in CSV (UTF-8, commas, no
// quotes around these labels): label → value.
std::map<std::string, std::string> csv_pairs(const std::string& csv) {
    std::map<std::string, std::string> out;
    std::istringstream in(csv);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        size_t a = line.find(',');
        if (a == std::string::npos) continue;
        size_t b = line.find(',', a + 1);
        out[line.substr(0, a)] = line.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
    }
    return out;
}

std::string share(const Etat& e) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f",
                  static_cast<double>(e.south.count) * 100.0 / static_cast<double>(e.known_country.count));
    return buf;
}

TEST_CASE("etat: the PDF holds the headline figures and both maps' attributions", "[etat][http][pdf]") {
    if (!test::has_command("weasyprint") || !test::has_command("pdftotext")) {
        WARN("weasyprint or pdftotext absent (Debian packages weasyprint, poppler-utils): /etat.pdf is not read back");
        SUCCEED();
        return;
    }
    const Etat e = bundled_state();
    REQUIRE(e.partnerships.count > 0);
    REQUIRE(e.known_country.count > 0);
    auto pdf = test::bundled().server->get("/etat.pdf" + kPeriod);
    REQUIRE(pdf.status == 200);
    CHECK(pdf.header("Content-Type") == "application/pdf");
    CHECK(pdf.header("Content-Disposition") == "attachment; filename=\"coopdec-etat-1950-2030.pdf\"");
    REQUIRE(pdf.body.rfind("%PDF-", 0) == 0);
    test::TempDir dir;
    const std::string file = dir / "etat.pdf";
    std::ofstream(file, std::ios::binary) << pdf.body;
    int status = 0;
    const std::string text =
        " " +
        test::squeeze(test::run_command("pdftotext -enc UTF-8 " + test::shell_quote(file) + " - 2>/dev/null", status)) +
        " ";
    REQUIRE(status == 0);
    CHECK(test::contains(text, "État de la coopération décentralisée — la période 1950–2030"));
    CHECK(test::contains(text, "Partenariats et accords signés : " + std::to_string(e.partnerships.count) +
                                   " ; communes engagées : " + std::to_string(e.communes) + " "));
    CHECK(test::contains(
        text, "Conventions datées de la période 1950–2030 dans l'index : " + std::to_string(e.agreements.count) + "."));
    CHECK(test::contains(text, "Part Sud–Sud : " + std::to_string(e.south.count) + " sur " +
                                   std::to_string(e.known_country.count) + " partenariats"));
    CHECK(test::contains(text, "Carte des partenariats par région du Togo"));
    CHECK(test::contains(text, "Carte des pays partenaires"));
    CHECK(test::contains(text, test::squeeze(attribution_text(maps::Map::TogoRegions))));
    CHECK(test::contains(text, test::squeeze(attribution_text(maps::Map::World))));
}

TEST_CASE("etat: the spreadsheet has a sheet per table, the report's numbers as numeric cells", "[etat][http][ods]") {
    const Etat e = bundled_state();
    auto ods = test::bundled().server->get("/etat.ods" + kPeriod);
    REQUIRE(ods.status == 200);
    CHECK(ods.header("Content-Type") == "application/vnd.oasis.opendocument.spreadsheet");
    CHECK(ods.header("Content-Disposition") == "attachment; filename=\"coopdec-etat-1950-2030.ods\"");
    test::check_mimetype_first(ods.body, "application/vnd.oasis.opendocument.spreadsheet");
    CHECK(test::contains(test::zip_entry(ods.body, "META-INF/manifest.xml"),
                         "manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\""));
    const Sheets sheets = read_sheets(test::zip_entry(ods.body, "content.xml"));
    REQUIRE(sheets.size() == e.tables.size() + 2);
    CHECK(sheets.front().first == "Résumé");
    CHECK(sheets.back().first == "Montants");
    const std::vector<std::string> names{"Statut", "Régions",    "Préfectures", "Communes",
                                         "Pays",   "Continents", "Sud–Sud",     "Thèmes"};
    for (size_t i = 0; i < e.tables.size(); ++i) {
        const auto& [name, rows] = sheets[i + 1];
        CAPTURE(name);
        CHECK(name == names[i]);
        REQUIRE(rows.size() == e.tables[i].rows.size() + 1);
        CHECK(rows[0] == std::vector<std::string>{"Valeur", "Libellé", "Partenariats", "Recherche"});
        for (size_t r = 0; r < e.tables[i].rows.size(); ++r) {
            CHECK(rows[r + 1][0] == e.tables[i].rows[r].value);
            CHECK(rows[r + 1][2] == "#" + std::to_string(e.tables[i].rows[r].count));
        }
    }
    std::map<std::string, std::string> summary;
    for (const auto& row : sheets.front().second) summary[row[0]] = row[1];
    CHECK(summary["Communes engagées"] == "#" + std::to_string(e.communes));
    CHECK(summary["Partenariats signés dans la période"] == "#" + std::to_string(e.partnerships.count));
    CHECK(summary["Conventions datées de la période"] == "#" + std::to_string(e.agreements.count));
}

TEST_CASE("etat: LibreOffice reads the spreadsheet's Résumé with the page's figures", "[etat][http][ods][soffice]") {
    if (!test::has_command("soffice")) {
        WARN("soffice absent (Debian package libreoffice-calc-nogui): /etat.ods is not opened by LibreOffice here");
        SUCCEED();
        return;
    }
    const Etat e = bundled_state();
    auto ods = test::bundled().server->get("/etat.ods" + kPeriod);
    REQUIRE(ods.status == 200);
    test::TempDir dir;
    const std::string file = dir / "etat.ods";
    std::ofstream(file, std::ios::binary) << ods.body;
    // A private profile: no other LibreOffice run shares or locks it.
    // 44,34,76: comma, double quote, UTF-8.
    int status = 0;
    test::run_command("soffice -env:UserInstallation=file://" + dir.path() +
                          "/profile --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir " +
                          test::shell_quote(dir.path()) + " " + test::shell_quote(file) + " >/dev/null 2>&1",
                      status);
    REQUIRE(status == 0);
    const std::string csv = test::slurp(dir / "etat.csv");
    REQUIRE_FALSE(csv.empty());
    auto v = csv_pairs(csv);
    CHECK(v["Période"] == "1950–2030");
    CHECK(v["Première année"] == "1950");
    CHECK(v["Dernière année"] == "2030");
    CHECK(v["Communes engagées"] == std::to_string(e.communes));
    CHECK(v["Partenariats signés dans la période"] == std::to_string(e.partnerships.count));
    CHECK(v["Conventions datées de la période"] == std::to_string(e.agreements.count));
    CHECK(v["Partenariats avec un pays du Sud"] == std::to_string(e.south.count));
    CHECK(v["Partenariats dont le pays est connu"] == std::to_string(e.known_country.count));
    CHECK(v["Part Sud–Sud (%)"] == share(e));
    unsigned long long fcfa = 0;
    for (const auto& a : e.amounts) fcfa += a.fcfa;
    REQUIRE(fcfa > 0);  // the bundled demonstration records carry amounts
    CHECK(v["Montants mobilisés (FCFA)"] == std::to_string(fcfa));
    CHECK(v["Partenariats de l'index (toutes années)"] == std::to_string(e.all_records.count));
    // The same figures as the page's.
    auto page = test::bundled().server->get("/etat" + kPeriod);
    REQUIRE(page.status == 200);
    CHECK(test::contains(page.body, ">" + std::to_string(e.partnerships.count) +
                                        "</a> ; communes engagées : <a href=\"#etat-commune\">" +
                                        v["Communes engagées"] + "</a>"));
}

TEST_CASE("etat: amounts and texts in the spreadsheet, escaped and numeric", "[etat][ods]") {
    Etat e;
    e.from = e.to = 2021;
    e.partnerships.count = 1;
    e.tables.push_back({"commune", {{"Lomé <&> \"1\"", 1, {{"type", "partenariat"}}}}, false});
    EtatAmount a;
    a.year = 2021;
    a.source = "partenaire";
    a.fcfa = 2000000;
    a.records.count = 2;
    e.amounts = {a, a};
    e.amounts[1].source = "commune";
    e.amounts[1].fcfa = 250000;
    const std::string ods = pages::etat_ods(e, "https://x.tg");
    test::check_mimetype_first(ods, "application/vnd.oasis.opendocument.spreadsheet");
    const Sheets sheets = read_sheets(test::zip_entry(ods, "content.xml"));
    REQUIRE(sheets.size() == 3);
    CHECK(sheets[1].second.at(1).at(0) == "Lomé <&> \"1\"");
    CHECK(sheets[1].second.at(1).at(3) == "https://x.tg/recherche?type=partenariat");
    const auto& m = sheets[2].second;
    REQUIRE(m.size() == 3);
    CHECK(m[1] == std::vector<std::string>{"#2021", "partenaire", "#2000000", "#2", ""});
    CHECK(m[2][2] == "#250000");
    std::map<std::string, std::string> summary;
    for (const auto& row : sheets[0].second) summary[row[0]] = row.size() > 1 ? row[1] : "";
    CHECK(summary["Montants mobilisés (FCFA)"] == "#2250000");
    CHECK(summary["Part Sud–Sud (%)"] == "");  // no known country to divide by
    CHECK(summary["Période"] == "2021–2021");
}

TEST_CASE("etat: a bad period on the PDF or the spreadsheet gives the 400 page that keeps the form",
          "[etat][http][pdf][ods]") {
    const auto& server = *test::bundled().server;
    for (const char* path : {"/etat.pdf", "/etat.ods"}) {
        CAPTURE(path);
        auto bad = server.get(std::string(path) + "?de=20x4&a=2024");
        CHECK(bad.status == 400);
        CHECK(test::contains(bad.header("Content-Type"), "text/html"));
        CHECK(test::contains(bad.body, "<form method=\"get\" action=\"/etat\""));
        CHECK(test::contains(bad.body, "value=\"20x4\""));
        CHECK(test::contains(bad.body, "année de début invalide"));
        auto reversed = server.get(std::string(path) + "?de=2024&a=2020");
        CHECK(reversed.status == 400);
        CHECK(test::contains(reversed.body, "role=\"alert\""));
        CHECK(server.get(std::string(path) + "?pays=FR").status == 400);
    }
}

TEST_CASE("etat: the page links its PDF, spreadsheet and CSV and shows both maps", "[etat][http]") {
    auto page = test::bundled().server->get("/etat" + kPeriod);
    REQUIRE(page.status == 200);
    CHECK(test::contains(page.body, "<a href=\"/etat.pdf?de=1950&amp;a=2030\">PDF</a>"));
    CHECK(test::contains(page.body, "<a href=\"/etat.ods?de=1950&amp;a=2030\">Tableur (.ods)</a>"));
    CHECK(test::contains(page.body, "<a href=\"/etat.csv?de=1950&amp;a=2030\">CSV</a>"));
    CHECK(test::occurrences(page.body, "<svg ") == 2);
    CHECK(test::contains(page.body, maps::attribution(maps::Map::TogoRegions)));
    CHECK(test::contains(page.body, maps::attribution(maps::Map::World)));
    // A period without record: no map.
    CHECK_FALSE(test::contains(test::bundled().server->get("/etat?de=1900&a=1901").body, "<svg "));
}

}  // namespace etat_exports_test
