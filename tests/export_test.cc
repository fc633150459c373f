// @brief Exports of search results (/recherche?…&format=csv|json): a strict
// CSV parser reads them, and they must hold exactly the results of the page
// and of /api/search for the same query and filters, up to the cap.
#include <catch2/catch.hpp>

#include <optional>
#include <set>
#include <string_view>

#include "common/escape.h"
#include "search/request.h"
#include "server/export.h"
#include "tests/bundled_server.h"
#include "tests/search_fixture.h"

using namespace coopdec;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// RFC 4180, strictly: fields separated by `sep`, every record ended by CRLF,
// a quoted field's quotes doubled, no quote, CR or LF in an unquoted field,
// nothing between a closing quote and the next separator, every record as
// wide as the first. Nothing on any deviation.
std::optional<Rows> parse_csv(std::string_view s, char sep = ';') {
    Rows rows;
    std::vector<std::string> row;
    size_t i = 0;
    while (i < s.size()) {
        std::string field;
        if (s[i] == '"') {
            for (++i;; ++i) {
                if (i >= s.size()) return std::nullopt;  // unterminated
                if (s[i] == '"') {
                    if (i + 1 < s.size() && s[i + 1] == '"') {
                        field += '"';
                        ++i;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += s[i];
            }
        } else {
            for (; i < s.size() && s[i] != sep && s[i] != '\r'; ++i) {
                if (s[i] == '"' || s[i] == '\n') return std::nullopt;
                field += s[i];
            }
        }
        row.push_back(std::move(field));
        if (i < s.size() && s[i] == sep) {
            if (++i == s.size()) return std::nullopt;  // a record must end with CRLF
            continue;
        }
        if (s.substr(i, 2) != "\r\n") return std::nullopt;
        i += 2;
        rows.push_back(std::move(row));
        row.clear();
    }
    for (const auto& r : rows)
        if (r.size() != rows.front().size()) return std::nullopt;
    return rows;
}

const std::string kBom = "\xEF\xBB\xBF";
const std::vector<std::string> kHeader{"id",         "type",         "titre",  "date", "communes",
                                       "partenaire", "partenariats", "themes", "url",  "demonstration"};

// The CSV body without its byte-order mark, parsed; fails the test otherwise.
Rows csv_rows(const std::string& body, char sep = ';') {
    REQUIRE(body.compare(0, kBom.size(), kBom) == 0);
    auto rows = parse_csv(std::string_view(body).substr(kBom.size()), sep);
    REQUIRE(rows);
    REQUIRE_FALSE(rows->empty());
    CHECK(rows->front() == kHeader);
    return *rows;
}

std::string unescape_amp(std::string s) {
    for (size_t at = s.find("&amp;"); at != std::string::npos; at = s.find("&amp;", at + 1)) s.erase(at + 1, 4);
    return s;
}

// The document URLs of a results page, in order.
std::vector<std::string> page_urls(const std::string& html) {
    std::vector<std::string> out;
    const std::string marker = "<article class=\"result\"><h2><a href=\"";
    for (size_t at = html.find(marker); at != std::string::npos; at = html.find(marker, at + 1)) {
        size_t start = at + marker.size();
        out.push_back(html.substr(start, html.find('"', start) - start));
    }
    return out;
}

// The href of the link whose text is `text` right after « Exporter : ».
std::string export_href(const std::string& html, const std::string& text) {
    size_t line = html.find("<p class=\"export\">Exporter : ");
    if (line == std::string::npos) return {};
    size_t end = html.find("</p>", line);
    size_t label = html.find("\">" + text + "</a>", line);
    if (label == std::string::npos || label > end) return {};
    size_t start = html.rfind("href=\"", label) + 6;
    return unescape_amp(html.substr(start, label - start));
}

// The address the bundled server's absolute links start with: the Host
// header the test client sends.
std::string server_base() { return "http://127.0.0.1:" + std::to_string(test::bundled().server->port()); }

size_t column(const std::string& name) {
    return static_cast<size_t>(std::find(kHeader.begin(), kHeader.end(), name) - kHeader.begin());
}

}  // namespace

TEST_CASE("the strict CSV parser of these tests", "[export]") {
    CHECK(parse_csv("a,b\r\n1,2\r\n", ',') == Rows{{"a", "b"}, {"1", "2"}});
    CHECK(parse_csv("a;b\r\n1;2\r\n") == Rows{{"a", "b"}, {"1", "2"}});
    CHECK(parse_csv("a,b\r\n1,2\r\n") == Rows{{"a,b"}, {"1,2"}});
    CHECK(parse_csv("\"a,\"\"b\"\"\r\nc\",\r\n", ',') == Rows{{"a,\"b\"\r\nc", ""}});
    CHECK(parse_csv("\"a;\"\"b\"\"\r\nc\";\r\n") == Rows{{"a;\"b\"\r\nc", ""}});
    CHECK(parse_csv("") == Rows{});
    for (const char* bad :
         {"a,b", "a,b\n", "a\"b\r\n", "\"a\"b\r\n", "\"a\r\n", "a,b\r\n1\r\n", "a,\r\nb\nc\r\n", "a,"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_csv(bad, ','));
    }
    // Every field csv_escape writes reads back as itself (formulas defused),
    // with either separator.
    for (char sep : {',', ';'}) {
        for (const std::string text :
             {"plain", "a,b", "a;b", "say \"hi\"", "line\nbreak", "cr\r\nlf", "=1+1", "\r=1", "-2", "l’État"}) {
            CAPTURE(sep, text);
            auto rows = parse_csv(csv_escape(text, sep) + sep + csv_escape(text, sep) + "\r\n", sep);
            REQUIRE(rows);
            bool formula = std::string("=+-@\t\r").find(text[0]) != std::string::npos;
            CHECK(rows->at(0) == std::vector<std::string>(2, (formula ? "'" : "") + text));
        }
    }
}

TEST_CASE("exports give every result of the page's search, its filters applied", "[export][server][http]") {
    const auto& server = *test::bundled().server;
    struct Case {
        std::string params;
        std::string column, expected;  // every row's `column` must contain `expected` ("" = no check)
    };
    const Case cases[] = {
        {"", "", ""},
        {"q=eau", "", ""},
        {"q=cooperation+decentralisee&sort=date", "", ""},
        {"type=convention&country=FR", "type", "convention"},
        {"type=partenariat", "type", "partenariat"},
        {"commune=Kloto+1&sort=date-asc", "communes", "Kloto 1"},
        {"q=eau&type=convention&type=entretien&region=Plateaux", "", ""},
        {"theme=sant%C3%A9&type=partenariat", "themes", "santé"},
        {"q=zzzzqqq", "", ""},  // nothing found: the header row alone
    };
    for (const Case& c : cases) {
        CAPTURE(c.params);
        const std::string amp = c.params.empty() ? "" : "&";
        auto api = test::parse_json(server.get("/api/search?" + c.params + amp + "per_page=100").body);
        const size_t total = api->getValue<size_t>("total");
        REQUIRE(total <= 100);  // all of them on one API page
        std::vector<std::string> ids;
        auto results = api->getArray("results");
        for (size_t i = 0; i < results->size(); ++i) ids.push_back(results->getObject(i)->getValue<std::string>("id"));

        auto csv = server.get("/recherche?" + c.params + amp + "format=csv");
        CHECK(csv.status == 200);
        CHECK(csv.header("Content-Type") == "text/csv; charset=utf-8");
        CHECK(csv.header("Content-Disposition") == "attachment; filename=\"coopdec-recherche.csv\"");
        CHECK(csv.header("X-Total-Count") == std::to_string(total));
        CHECK(csv.header("X-Coopdec-Truncated") == "false");
        CHECK(valid_utf8(csv.body));
        Rows rows = csv_rows(csv.body);
        REQUIRE(rows.size() == total + 1);
        std::vector<std::string> csv_ids;
        for (size_t i = 1; i < rows.size(); ++i) {
            csv_ids.push_back(rows[i][0]);
            // A partnership record's page is its partnership page.
            CHECK(rows[i][column("url")] ==
                  server_base() + (rows[i][column("type")] == "partenariat" ? "/partenariat/" : "/doc/") + rows[i][0]);
            CHECK((rows[i][column("demonstration")] == "oui" || rows[i][column("demonstration")] == "non"));
            if (!c.column.empty()) CHECK(test::contains(rows[i][column(c.column)], c.expected));
        }
        CHECK(csv_ids == ids);  // the same documents, in the same order

        auto js = server.get("/recherche?" + c.params + amp + "format=json");
        CHECK(js.status == 200);
        CHECK(js.header("Content-Type") == "application/json; charset=utf-8");
        auto e = test::parse_json(js.body);
        CHECK(e->getValue<size_t>("total") == total);
        CHECK(e->getValue<size_t>("exported") == total);
        CHECK(e->getValue<size_t>("cap") == kExportCap);
        CHECK_FALSE(e->getValue<bool>("truncated"));
        auto exported = e->getArray("results");
        REQUIRE(exported->size() == ids.size());
        for (size_t i = 0; i < ids.size(); ++i) {
            auto row = exported->getObject(i);
            auto from_api = results->getObject(i);
            CHECK(row->getValue<std::string>("id") == ids[i]);
            for (const char* key : {"type", "title", "date", "partner"})
                CHECK(row->getValue<std::string>(key) == from_api->getValue<std::string>(key));
            CHECK(row->getValue<std::string>("url") == server_base() + from_api->getValue<std::string>("url"));
            CHECK(row->getValue<bool>("demo") == from_api->getValue<bool>("demo"));
            CHECK(row->getArray("communes")->size() == from_api->getArray("communes")->size());
            CHECK(row->getArray("partnerships")->size() == from_api->getArray("partnerships")->size());
            const std::string& themes = rows[i + 1][column("themes")];
            size_t in_csv = themes.empty() ? 0 : static_cast<size_t>(std::count(themes.begin(), themes.end(), ';')) + 1;
            CHECK(row->getArray("themes")->size() == in_csv);
        }

        // The results page: its documents are the export's first rows, and
        // its export links carry its query and filters.
        auto page = server.get("/recherche?" + c.params);
        std::vector<std::string> urls = page_urls(page.body);
        REQUIRE(urls.size() == std::min<size_t>(total, 10));
        for (size_t i = 0; i < urls.size(); ++i) CHECK(server_base() + urls[i] == rows[i + 1][column("url")]);
        if (total == 0) {
            CHECK_FALSE(test::contains(page.body, "Exporter : "));
            continue;
        }
        std::string csv_link = export_href(page.body, "CSV"), json_link = export_href(page.body, "JSON");
        std::string encoded = c.params;  // the links write a space %20
        for (size_t at = encoded.find('+'); at != std::string::npos; at = encoded.find('+'))
            encoded.replace(at, 1, "%20");
        CHECK(csv_link == "/recherche?" + encoded + amp + "format=csv");
        CHECK(json_link == "/recherche?" + encoded + amp + "format=json");
        CHECK(server.get(csv_link).body == csv.body);
    }
}

TEST_CASE("exports: a partnership's row, and the links of a later page", "[export][server][http]") {
    const auto& server = *test::bundled().server;
    Rows rows = csv_rows(server.get("/recherche?type=partenariat&commune=Ogou+1&format=csv").body);
    auto niort = std::find_if(rows.begin(), rows.end(), [](const auto& r) { return r[0] == "part-ogou-1-niort"; });
    REQUIRE(niort != rows.end());
    CHECK((*niort)[column("type")] == "partenariat");
    CHECK((*niort)[column("date")] == "1958");
    CHECK((*niort)[column("communes")] == "Ogou 1");
    CHECK((*niort)[column("themes")] == "eau et assainissement ; santé ; éducation");
    // A convention's partnerships are ids; its themes are inherited.
    Rows conv = csv_rows(server.get("/recherche?q=Niort&type=convention&format=csv").body);
    auto c = std::find_if(conv.begin(), conv.end(), [](const auto& r) { return r[0] == "conv-ogou-1-niort-1986"; });
    REQUIRE(c != conv.end());
    CHECK(test::contains((*c)[column("partenariats")], "part-ogou-1-niort"));
    // Page 2 of a search offers the export of the whole search, from its first result.
    auto page2 = server.get("/recherche?per_page=5&page=2");
    CHECK(export_href(page2.body, "CSV") == "/recherche?format=csv");
    CHECK(csv_rows(server.get("/recherche?per_page=5&page=2&format=csv").body).size() ==
          test::parse_json(server.get("/api/search").body)->getValue<size_t>("total") + 1);
}

TEST_CASE("exports: an unknown format or a bad filter is a 400 in French", "[export][server][http][bad-input]") {
    const auto& server = *test::bundled().server;
    struct Row {
        const char* target;
        const char* message;
    };
    const Row rows[] = {
        {"/recherche?q=eau&format=xls", "format d&#39;export inconnu « xls » : les formats possibles sont csv et json"},
        {"/recherche?format=", "format d&#39;export vide : les formats possibles sont csv et json"},
        {"/recherche?format=CSV", "format d&#39;export inconnu « CSV »"},
        {"/?format=pdf", "format d&#39;export inconnu « pdf »"},
        {"/recherche?commune=Atlantide&format=csv", "aucun document n&#39;a la valeur « Atlantide »"},
        {"/recherche?page=-1&format=json", "numéro de page invalide"},
        {"/recherche?format=%3Cscript%3E", "« &lt;script&gt; »"},
        {"/recherche?q=eau&format=csv&separateur=tab",
         "séparateur inconnu « tab » : les séparateurs possibles sont point-virgule (;) et virgule (,)"},
        {"/recherche?q=eau&format=csv&separateur=", "séparateur inconnu « "},
        {"/recherche?q=eau&separateur=virgule", "paramètre"},  // without an export, not a search parameter
    };
    for (const Row& r : rows) {
        CAPTURE(r.target);
        auto a = server.get(r.target);
        CHECK(a.status == 400);
        CHECK(a.header("Content-Type") == "text/html; charset=utf-8");
        CHECK(test::contains(a.body, r.message));
    }
}

TEST_CASE("exports stop at the cap and say so, pages read in order", "[export]") {
    // 253 partnerships: more than two pages of kMaxPerPage.
    test::SearchFixture fx;
    for (int i = 0; i < 250; ++i) {
        Record p = test::partnership("part-x-" + std::to_string(i), "kloto-1", "Ville " + std::to_string(i), "FR",
                                     std::to_string(1960 + i % 60), {"tourisme"});
        if (i == 7) {
            p.title = "=HYPERLINK(\"http://exemple.invalid\",\"clic\")";
            p.partner = "Niort, \"Deux-Sèvres\"\nFrance";
        }
        fx.add(p);
    }
    SearchRequest req;
    REQUIRE_FALSE(apply_parameter(req, "type", "partenariat"));
    REQUIRE_FALSE(apply_parameter(req, "sort", "date-asc"));
    // The pages of the search itself, one after the other.
    std::vector<std::string> expected;
    for (size_t page = 1; page <= 3; ++page) {
        SearchRequest r = req;
        r.per_page = kMaxPerPage;
        r.page = page;
        for (const auto& d : search(fx.db, r).results) expected.push_back(d.id);
    }
    REQUIRE(expected.size() == 253);

    Export all = collect_export(fx.db, req, nullptr, nullptr);
    CHECK(all.total == 253);
    CHECK_FALSE(all.truncated);
    std::vector<std::string> ids;
    for (const auto& r : all.rows) ids.push_back(r.doc.id);
    CHECK(ids == expected);
    CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == 253);

    for (size_t cap : {1, 99, 100, 101, 200, 252}) {
        CAPTURE(cap);
        Export cut = collect_export(fx.db, req, nullptr, nullptr, cap);
        CHECK(cut.total == 253);
        CHECK(cut.truncated);
        REQUIRE(cut.rows.size() == cap);
        CHECK(cut.rows.back().doc.id == expected[cap - 1]);
        auto j = test::parse_json(export_json(cut, cap));
        CHECK(j->getValue<bool>("truncated"));
        CHECK(j->getValue<size_t>("exported") == cap);
        CHECK(j->getValue<size_t>("total") == 253);
        CHECK(j->getValue<size_t>("cap") == cap);
        CHECK(j->getArray("results")->size() == cap);
    }
    CHECK_FALSE(collect_export(fx.db, req, nullptr, nullptr, 253).truncated);

    // Formulas defused, separators and newlines kept, in a file that parses.
    Rows rows = csv_rows(export_csv(all));
    REQUIRE(rows.size() == 254);
    auto odd = std::find_if(rows.begin(), rows.end(), [](const auto& r) { return r[0] == "part-x-7"; });
    REQUIRE(odd != rows.end());
    CHECK((*odd)[column("titre")] == "'=HYPERLINK(\"http://exemple.invalid\",\"clic\")");
    CHECK((*odd)[column("partenaire")] == "Niort, \"Deux-Sèvres\"\nFrance (FR)");  // the country added at index time
    CHECK((*odd)[column("themes")] == "tourisme");
    auto j = test::parse_json(export_json(all));
    CHECK(j->getArray("results")->size() == 253);

    // The results page says when the export is cut.
    CHECK(test::contains(export_links(kExportCap + 1, {{"q", "eau"}}), "(les 1\u00A0000 premiers)"));
    CHECK_FALSE(test::contains(export_links(kExportCap, {{"q", "eau"}}), "premiers"));
    CHECK(export_links(0, {{"q", "eau"}}).empty());
}

TEST_CASE("the CSV opens in a French-locale spreadsheet: semicolons, a byte-order mark, and commas on request",
          "[export][server][http]") {
    const auto& server = *test::bundled().server;
    const std::string params = "q=cooperation&sort=date";
    auto api = test::parse_json(server.get("/api/search?" + params + "&per_page=100").body);
    auto results = api->getArray("results");
    REQUIRE(results->size() > 3);
    REQUIRE(api->getValue<size_t>("total") == results->size());

    auto semi = server.get("/recherche?" + params + "&format=csv");
    REQUIRE(semi.status == 200);
    CHECK(semi.body.compare(0, kBom.size() + 3, kBom + "id;") == 0);
    // Python's csv module, as a French-locale spreadsheet reads it: ';'
    // between fields, the byte-order mark dropped (utf-8-sig).
    test::TempDir dir;
    const std::string file = dir.write("coopdec-recherche.csv", semi.body);
    auto python = [&](const std::string& path, char sep) {
        int status = 0;
        std::string out = test::run_command(
            "/usr/bin/python3 -c " +
                test::shell_quote("import csv, json, sys\n"
                                  "with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n"
                                  "    rows = list(csv.reader(f, delimiter=sys.argv[2], strict=True))\n"
                                  "print(json.dumps({'rows': rows}))\n") +
                " " + test::shell_quote(path) + " " + test::shell_quote(std::string(1, sep)),
            status);
        REQUIRE(status == 0);
        return test::parse_json(out)->getArray("rows");
    };
    auto rows = python(file, ';');
    REQUIRE(rows->size() == results->size() + 1);
    for (size_t c = 0; c < kHeader.size(); ++c) CHECK(rows->getArray(0)->getElement<std::string>(c) == kHeader[c]);
    for (size_t i = 0; i < results->size(); ++i) {
        auto row = rows->getArray(i + 1);
        auto r = results->getObject(i);
        REQUIRE(row->size() == kHeader.size());
        CHECK(row->getElement<std::string>(column("id")) == r->getValue<std::string>("id"));
        CHECK(row->getElement<std::string>(column("titre")) == r->getValue<std::string>("title"));
        CHECK(row->getElement<std::string>(column("date")) == r->getValue<std::string>("date"));
        CHECK(row->getElement<std::string>(column("url")) == server_base() + r->getValue<std::string>("url"));
    }
    // Read with ',' (what a French spreadsheet would not do), the same file is one column.
    CHECK(python(file, ',')->getArray(0)->size() == 1);

    // The ',' variant, by either name: the same rows, read with ','.
    auto comma = server.get("/recherche?" + params + "&format=csv&separateur=virgule");
    REQUIRE(comma.status == 200);
    CHECK(comma.body.compare(0, kBom.size() + 3, kBom + "id,") == 0);
    CHECK(server.get("/recherche?" + params + "&format=csv&separateur=%2C").body == comma.body);
    CHECK(server.get("/recherche?" + params + "&format=csv&separateur=point-virgule").body == semi.body);
    CHECK(csv_rows(comma.body, ',') == csv_rows(semi.body, ';'));
    auto comma_rows = python(dir.write("virgule.csv", comma.body), ',');
    REQUIRE(comma_rows->size() == rows->size());
    for (size_t i = 0; i < rows->size(); ++i)
        for (size_t c = 0; c < kHeader.size(); ++c)
            CHECK(comma_rows->getArray(i)->getElement<std::string>(c) == rows->getArray(i)->getElement<std::string>(c));
}

TEST_CASE("exports: permalinks are absolute, from the Host or --public-url, never from a hostile Host",
          "[export][server][http][dossier]") {
    const std::string dossier = "e=akn-tg-act-loi-2019-06-26-2019-006%23art_46";
    auto check_base = [&](const test::ServerProcess& server, const std::string& base,
                          std::map<std::string, std::string> headers) {
        CAPTURE(base);
        auto csv = server.get("/recherche?q=eau&format=csv", headers);
        Rows rows = csv_rows(csv.body);
        REQUIRE(rows.size() > 1);
        // A partnership record's page is its partnership page.
        auto page_of = [](const std::string& type) { return type == "partenariat" ? "/partenariat/" : "/doc/"; };
        for (size_t i = 1; i < rows.size(); ++i)
            CHECK(rows[i][column("url")] == base + page_of(rows[i][column("type")]) + rows[i][0]);
        auto js = test::parse_json(server.get("/recherche?q=eau&format=json", headers).body);
        auto first = js->getArray("results")->getObject(0);
        CHECK(first->getValue<std::string>("url") ==
              base + page_of(first->getValue<std::string>("type")) + first->getValue<std::string>("id"));
        auto md = server.get("/dossier/markdown?" + dossier, headers);
        REQUIRE(md.status == 200);
        CHECK(
            test::contains(md.body, "- Lien permanent : `" + base + "/doc/akn-tg-act-loi-2019-06-26-2019-006#art_46`"));
        auto dj = server.get("/dossier/json?" + dossier, headers);
        REQUIRE(dj.status == 200);
        CHECK(test::parse_json(dj.body)->getArray("passages")->getObject(0)->getValue<std::string>("permalink") ==
              base + "/doc/akn-tg-act-loi-2019-06-26-2019-006#art_46");
        auto handout = server.get("/dossier/imprimer?" + dossier, headers);
        REQUIRE(handout.status == 200);
        CHECK(test::contains(handout.body, "href=\"" + base + "/doc/akn-tg-act-loi-2019-06-26-2019-006#art_46\">" +
                                               base + "/doc/akn-tg-act-loi-2019-06-26-2019-006#art_46</a>"));
        return std::vector<std::string>{csv.body, md.body, dj.body, handout.body};
    };
    const auto& bundled = *test::bundled().server;
    // The default: the request's Host, as the client sent it.
    check_base(bundled, server_base(), {});
    check_base(bundled, "http://coopdec.local:8443", {{"Host", "coopdec.local:8443"}});
    check_base(bundled, "http://[::1]:8080", {{"Host", "[::1]:8080"}});
    // A Host that is not a plain host[:port] is never written: the bind address instead.
    for (const std::string hostile : {"evil\"><script>alert(1)</script>", "a b", "x/y", "user@evil", "evil:80:80"}) {
        CAPTURE(hostile);
        std::string all;
        for (const auto& body : check_base(bundled, server_base(), {{"Host", hostile}})) all += body;
        all += bundled.get("/recherche?q=eau&format=json", {{"Host", hostile}}).body;
        CHECK_FALSE(test::contains(all, hostile));
        CHECK_FALSE(test::contains(all, "evil"));
        CHECK_FALSE(test::contains(all, "<script>"));
    }
    // --public-url wins over the Host.
    test::ServerProcess configured(
        {"--db", test::bundled().db, "--port", "0", "--public-url", "https://coopdec.example.org/"});
    check_base(configured, "https://coopdec.example.org", {});
    check_base(configured, "https://coopdec.example.org", {{"Host", "other.example:80"}});
}
