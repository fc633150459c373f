// @brief The dossier's exports where people open them: the OpenDocument text
// unzipped (Poco's reader, the raw bytes, and Python's zipfile when present),
// the PDF read back page by page with pdftotext, the handout's passage
// titles, and the search results' CSV read by Python's csv as a French
// spreadsheet reads it.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <sstream>

#include <pugixml.hpp>

#include "common/escape.h"
#include "search/dossier.h"
#include "server/dossier_odt.h"
#include "server/passage_title.h"
#include "tests/bundled_server.h"
#include "tests/odf_read.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace exports_test {

std::string site() { return "http://127.0.0.1:" + std::to_string(test::bundled_server().port()); }

const std::string kLaw = "akn-tg-act-loi-2019-06-26-2019-006#art_46";
const std::string kClause = "conv-kloto-1-bressuire-1991#art_3";
const std::string kUtterance = "ent-kloto-1-2022#u_8";
const std::string kNote = "À comparer <&\"> avec l'été à Kpalimé\nDeuxième ligne.";

const std::string kInterviewTitle = "Entretien à Kpalimé, 27 septembre 2022 — J. M., agent technique";
const std::string kClauseTitle =
    "Convention de jumelage entre la commune de Kpalimé et la ville de Bressuire (Kpalimé, 21 septembre 1991) — "
    "Article 3 – Engagements de la commune de Kpalimé";
const std::string kLawTitle = "Loi n° 2019-006 du 26 juin 2019, art. 46";

std::string query() {
    return "?titre=" + url_encode("Atelier Kara") + "&e=" + url_encode(kLaw) + "&e=" + url_encode(kClause) +
           "&e=" + url_encode(kUtterance) + "&a=" + url_encode(kNote);
}

// Every text node under `n`, in document order.
std::string all_text(const pugi::xml_node& n) {
    std::string out;
    for (const pugi::xml_node& c : n.children())
        out += c.type() == pugi::node_pcdata ? std::string(c.value()) : all_text(c);
    return out;
}

// The text of each element named `name` (with `attr`="value" when given).
std::vector<std::string> texts_of(const pugi::xml_document& doc, const std::string& name, const std::string& attr = {},
                                  const std::string& value = {}) {
    std::vector<std::string> out;
    for (const auto& x : doc.select_nodes(("//*[name()='" + name + "']").c_str())) {
        pugi::xml_node n = x.node();
        if (attr.empty() || n.attribute(attr.c_str()).value() == value) out.push_back(all_text(n));
    }
    return out;
}

bool holds(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

using test::has_command;
using test::zip_entry;

void check_mimetype_first(const std::string& odt) {
    test::check_mimetype_first(odt, "application/vnd.oasis.opendocument.text");
}

// The test cases sit in this namespace too: the unity build puts this file
// beside tests/dossier_test.cc, whose helpers share these names.

TEST_CASE("the OpenDocument export unzips: mimetype first and stored, content.xml holds every passage",
          "[dossier][http][odt]") {
    auto a = test::bundled_server().get("/dossier/odt" + query());
    REQUIRE(a.status == 200);
    CHECK(a.header("Content-Type") == "application/vnd.oasis.opendocument.text");
    CHECK(a.header("Content-Disposition") == "attachment; filename=\"dossier-atelier-kara.odt\"");
    const std::string& odt = a.body;
    check_mimetype_first(odt);
    CHECK(zip_entry(odt, "mimetype") == "application/vnd.oasis.opendocument.text");

    for (const char* part : {"META-INF/manifest.xml", "styles.xml", "meta.xml"}) {
        CAPTURE(part);
        pugi::xml_document doc;
        CHECK(doc.load_string(zip_entry(odt, part).c_str()));
    }
    CHECK(test::contains(zip_entry(odt, "META-INF/manifest.xml"),
                         "manifest:full-path=\"/\" manifest:version=\"1.2\" "
                         "manifest:media-type=\"application/vnd.oasis.opendocument.text\""));

    pugi::xml_document content;
    pugi::xml_parse_result parsed = content.load_string(zip_entry(odt, "content.xml").c_str());
    REQUIRE(parsed);
    auto headings = texts_of(content, "text:h");
    CHECK(holds(headings, "Sommaire"));
    CHECK(holds(headings, "1. " + kLawTitle));
    CHECK(holds(headings, "2. " + kClauseTitle));
    CHECK(holds(headings, "3. " + kInterviewTitle));
    auto paragraphs = texts_of(content, "text:p");
    CHECK(holds(paragraphs, "Atelier Kara"));
    // The contents: each title, linked to its passage's bookmark.
    CHECK(holds(paragraphs, "3. " + kInterviewTitle));
    CHECK(content.select_node("//*[name()='text:bookmark'][@text:name='passage-3']"));
    // The texts as quotations.
    auto quotes = texts_of(content, "text:p", "text:style-name", "Quotations");
    REQUIRE(quotes.size() == 3);
    CHECK(test::contains(quotes[1], "La commune de Kpalimé assure la maîtrise d’ouvrage"));
    CHECK(test::contains(quotes[2], "Kpalimé a un potentiel touristique énorme"));
    // The citation, the demonstration mark, the note as typed (one paragraph a line).
    CHECK(holds(paragraphs, "Référence : " + kLawTitle));
    CHECK(holds(paragraphs, "Intervenant : J. M."));
    CHECK(test::contains(all_text(content), "Document de démonstration"));
    CHECK(texts_of(content, "text:p", "text:style-name", "Note") ==
          std::vector<std::string>{"À comparer <&\"> avec l'été à Kpalimé", "Deuxième ligne."});
    // Absolute permalinks, as hyperlinks.
    std::vector<std::string> hrefs;
    for (const auto& x : content.select_nodes("//*[name()='text:a']"))
        hrefs.push_back(x.node().attribute("xlink:href").value());
    for (const auto& ref : {kLaw, kClause, kUtterance}) {
        CAPTURE(ref);
        CHECK(holds(hrefs, site() + "/doc/" + ref));
        CHECK(holds(paragraphs, "Lien permanent : " + site() + "/doc/" + ref));
    }

    // The dossier page offers it beside the other exports: tests/dossier_server_test.cc.
}

TEST_CASE("the OpenDocument export reads in Python's zipfile", "[dossier][http][odt]") {
    if (!has_command("python3")) {
        WARN("python3 absent: the .odt is not read by a second zip reader here");
        SUCCEED();
        return;
    }
    test::TempDir dir;
    std::string file = dir / "dossier.odt";
    std::ofstream(file, std::ios::binary) << test::bundled_server().get("/dossier/odt" + query()).body;
    const std::string script =
        "import sys, zipfile\n"
        "z = zipfile.ZipFile(sys.argv[1])\n"
        "assert z.testzip() is None\n"
        "m = z.getinfo('mimetype')\n"
        "assert m.header_offset == 0 and m.compress_type == zipfile.ZIP_STORED, m\n"
        "assert z.read('mimetype') == b'application/vnd.oasis.opendocument.text'\n"
        "print(sorted(z.namelist()))\n";
    int status = 0;
    std::string out =
        test::run_command("python3 -c " + test::shell_quote(script) + " " + test::shell_quote(file) + " 2>&1", status);
    CAPTURE(out);
    CHECK(status == 0);
    CHECK(test::contains(out, "['META-INF/manifest.xml', 'content.xml', 'meta.xml', 'mimetype', 'styles.xml']"));
}

TEST_CASE("the OpenDocument text escapes every string and keeps XML well-formed", "[dossier][odt]") {
    DossierPassage p;
    p.entry = {"doc-1", "u_1", "<b>&amp;</b> \"é\" '\x01' ]]>"};
    p.speaker = "A & B";
    p.text = "Texte <script> & \x02 fin";
    p.doc_title = "Titre <x>";
    p.place = "Salle, Lomé";
    p.date = "2022-05-01";
    p.permalink = "/doc/doc-1#u_1";
    p.demo = true;
    std::string odt = pages::dossier_odt({p}, "Dossier <&>", "https://exemple.tg", "2026-12-07");
    check_mimetype_first(odt);
    pugi::xml_document content;
    REQUIRE(content.load_string(zip_entry(odt, "content.xml").c_str()));
    auto paragraphs = texts_of(content, "text:p");
    CHECK(holds(paragraphs, "Dossier <&>"));
    CHECK(holds(paragraphs, "Texte <script> &  fin"));  // the control character dropped
    CHECK(holds(paragraphs, "<b>&amp;</b> \"é\" '' ]]>"));
    CHECK(holds(texts_of(content, "text:h"), "1. Entretien à Lomé, 1er mai 2022 — A & B"));
    CHECK(holds(paragraphs, "Lien permanent : https://exemple.tg/doc/doc-1#u_1"));
    CHECK(holds(paragraphs, "Dossier de formation coopdec, établi le 7 décembre 2026 : 1 passage."));
    pugi::xml_document meta;
    REQUIRE(meta.load_string(zip_entry(odt, "meta.xml").c_str()));
    CHECK(holds(texts_of(meta, "dc:title"), "Dossier <&>"));

    CHECK(pages::odt_file_name("Atelier Kara") == "dossier-atelier-kara.odt");
    CHECK(pages::odt_file_name("Dossier : l'été à Lomé !") == "dossier-l-ete-a-lome.odt");
    CHECK(pages::odt_file_name("") == "dossier.odt");
    CHECK(pages::odt_file_name("« »") == "dossier.odt");
}

TEST_CASE("a passage is titled by its document's title, place and date", "[dossier][odt]") {
    DossierPassage u;
    u.entry = {"ent-1", "u_8", ""};
    u.speaker = "D. K.";
    u.role = "agent-technique";
    u.place = "Mairie de Kloto 1, Kpalimé";
    u.date = "2022-09-27";
    u.doc_title = "Entretien à Kpalimé (Kloto 1) : Bressuire";
    CHECK(pages::passage_title(u) == "Entretien à Kpalimé, 27 septembre 2022 — D. K., agent technique");
    u.place = "Marché à bétail de Cinkassé 1";
    CHECK(pages::passage_title(u) ==
          "Entretien, Marché à bétail de Cinkassé 1, 27 septembre 2022 — D. K., agent technique");
    u.place.clear();
    u.date.clear();
    u.role.clear();
    CHECK(pages::passage_title(u) == "Entretien — D. K.");

    DossierPassage law;
    law.entry = {"loi", "art_46", ""};
    law.citation = "Loi n° 2019-006 du 26 juin 2019, art. 46";
    law.label = "Article 46";
    law.doc_title = "Loi n° 2019-006";
    CHECK(pages::passage_title(law) == "Loi n° 2019-006 du 26 juin 2019, art. 46");

    DossierPassage clause;
    clause.entry = {"conv", "art_3", ""};
    clause.doc_title = "Convention de jumelage";
    clause.place = "Lomé";
    clause.date = "2022-04-28";
    clause.path = "Article 3";
    clause.label = "Article 3 – Engagements";
    CHECK(pages::passage_title(clause) == "Convention de jumelage (Lomé, 28 avril 2022) — Article 3 – Engagements");
    clause.label = "Engagements";
    CHECK(pages::passage_title(clause) == "Convention de jumelage (Lomé, 28 avril 2022) — Article 3 : Engagements");
    clause.entry.anchor.clear();
    CHECK(pages::passage_title(clause) == "Convention de jumelage (Lomé, 28 avril 2022)");
    clause.place.clear();
    clause.date.clear();
    CHECK(pages::passage_title(clause) == "Convention de jumelage");
}

TEST_CASE("the handout titles each passage with its document, place and French date, contents on the title page",
          "[dossier][http]") {
    auto a = test::bundled_server().get("/dossier/imprimer" + query());
    REQUIRE(a.status == 200);
    const std::string& b = a.body;
    // The contents inside the title page, before the first passage.
    size_t title_page = b.find("<section class=\"title-page\">"), toc = b.find("<h2 id=\"toc-title\">Sommaire</h2>"),
           end = b.find("</section>"), first = b.find("id=\"passage-1\"");
    REQUIRE(title_page != std::string::npos);
    REQUIRE(toc != std::string::npos);
    CHECK(title_page < toc);
    CHECK(toc < end);
    CHECK(end < first);
    for (const auto& t : {kLawTitle, kClauseTitle, kInterviewTitle}) {
        CAPTURE(t);
        CHECK(test::contains(b, "\">" + html_escape(t) + "</a></li>"));   // contents
        CHECK(test::contains(b, "</span> " + html_escape(t) + "</h2>"));  // heading
    }
    // The quote is a quotation, after its source line.
    CHECK(test::contains(b, "</dl><blockquote class=\"text\"><p>Oui, avec Bressuire c’est l’eau et le tourisme"));
}

TEST_CASE("the PDF page by page: contents on page 1, each quote on the page of its citation, absolute links",
          "[dossier][http][pdf]") {
    if (!has_command("weasyprint") || !has_command("pdftotext")) {
        WARN(
            "weasyprint or pdftotext absent (Debian packages weasyprint, poppler-utils): the PDF is not read back "
            "here");
        SUCCEED();
        return;
    }
    // Enough passages, each with a long citation block, that some would
    // otherwise end a page with their citation and start the next with
    // their text.
    std::vector<std::string> refs;
    for (int i = 2; i <= 16; i += 2) refs.push_back("ent-kloto-1-2022#u_" + std::to_string(i));
    for (int i = 1; i <= 10; ++i) refs.push_back("conv-mamoudzou-agoe-nyive-2-kloto-1-2022#art_" + std::to_string(i));
    for (const char* art : {"1", "2", "5", "6", "8", "9", "46"})
        refs.push_back("akn-tg-act-loi-2019-06-26-2019-006#art_" + std::string(art));
    std::string q = "?titre=" + url_encode("Atelier long");
    for (const auto& r : refs) q += "&e=" + url_encode(r);
    auto pdf = test::bundled_server().get("/dossier/pdf" + q);
    REQUIRE(pdf.status == 200);
    auto json = test::parse_json(test::bundled_server().get("/dossier/json" + q).body);
    auto passages = json->getArray("passages");
    REQUIRE(passages->size() == refs.size());
    CHECK(json->getValue<std::string>("share") == site() + "/dossier" + q);

    test::TempDir dir;
    std::string file = dir / "dossier.pdf";
    std::ofstream(file, std::ios::binary) << pdf.body;
    int status = 0;
    std::string all = test::run_command("pdftotext -enc UTF-8 " + test::shell_quote(file) + " - 2>/dev/null", status);
    REQUIRE(status == 0);
    const size_t page_count = static_cast<size_t>(std::count(all.begin(), all.end(), '\f'));
    REQUIRE(page_count > 3);
    std::vector<std::string> pages;
    for (size_t n = 1; n <= page_count; ++n) {
        std::string text = test::run_command("pdftotext -enc UTF-8 -f " + std::to_string(n) + " -l " +
                                                 std::to_string(n) + " " + test::shell_quote(file) + " - 2>/dev/null",
                                             status);
        REQUIRE(status == 0);
        pages.push_back(" " + test::squeeze(text) + " ");
    }
    // Page 1: the title and the contents with the first passage's title.
    CHECK(test::contains(pages[0], "Atelier long"));
    CHECK(test::contains(pages[0], "Sommaire"));
    CHECK(test::contains(pages[0], "Entretien à Kpalimé, 27 septembre 2022 — G. K., point focal coopération"));
    CHECK_FALSE(test::contains(pages[0], site() + "/doc/"));  // no passage yet
    for (size_t i = 0; i < passages->size(); ++i) {
        auto p = passages->getObject(i);
        const std::string link = p->getValue<std::string>("permalink");
        REQUIRE(link == site() + "/doc/" + refs[i]);  // absolute, with its anchor
        std::string words = test::squeeze(p->getValue<std::string>("text")).substr(0, 40);
        while (!words.empty() && !valid_utf8(words)) words.pop_back();
        words = words.substr(0, words.rfind(' '));
        size_t link_page = pages.size(), text_page = pages.size();
        for (size_t n = 0; n < pages.size(); ++n) {
            if (test::contains(pages[n], " " + link + " ")) link_page = std::min(link_page, n);
            if (test::contains(pages[n], words)) text_page = std::min(text_page, n);
        }
        CAPTURE(link, words, link_page, text_page);
        CHECK(link_page < pages.size());
        CHECK(link_page == text_page);
    }
}

TEST_CASE(
    "the search results' CSV read by Python's csv, with semicolons and as a French spreadsheet does (BOM and "
    "semicolons)",
    "[export][http][csv]") {
    if (!has_command("python3")) {
        WARN("python3 absent: the CSV is not read by Python's csv here");
        SUCCEED();
        return;
    }
    test::TempDir dir;
    std::string file = dir / "export.csv";
    std::ofstream(file, std::ios::binary) << test::bundled_server().get("/recherche?q=Kpalim%C3%A9&format=csv").body;
    // Read twice: as bytes decoded with the BOM taken off and ';' given, and
    // as a French spreadsheet guesses (the BOM says UTF-8, the separator is
    // sniffed between ',' and ';').
    const std::string script =
        "import csv, io, sys\n"
        "raw = open(sys.argv[1], 'rb').read()\n"
        "assert raw.startswith(b'\\xef\\xbb\\xbf')\n"
        "text = raw.decode('utf-8-sig')\n"
        "rows = list(csv.reader(io.StringIO(text, newline=''), delimiter=';'))\n"
        "assert rows[0] == ['id', 'type', 'titre', 'date', 'communes', 'partenaire', 'partenariats', 'themes', 'url', "
        "'demonstration'], rows[0]\n"
        "assert len(rows) > 2 and all(len(r) == 10 for r in rows), [len(r) for r in rows]\n"
        "assert all(r[8].startswith(sys.argv[2] + '/doc/') or r[8].startswith(sys.argv[2] + '/partenariat/') for r in "
        "rows[1:])\n"
        "assert any('Kpalimé' in r[2] for r in rows[1:])\n"
        "dialect = csv.Sniffer().sniff(text[:2000], delimiters=',;')\n"
        "assert dialect.delimiter == ';', dialect.delimiter\n"
        "assert list(csv.reader(io.StringIO(text, newline=''), dialect)) == rows\n"
        "print(len(rows) - 1)\n";
    int status = 0;
    std::string out = test::run_command("python3 -c " + test::shell_quote(script) + " " + test::shell_quote(file) +
                                            " " + test::shell_quote(site()) + " 2>&1",
                                        status);
    CAPTURE(out);
    CHECK(status == 0);
}

}  // namespace exports_test
