// @brief render_html(): golden pages (one inline fixture per format, compared
// byte for byte with tests/golden/), every corpus and conformance file
// rendered with each anchor of extract() exactly once as an id, and the
// security rules (no entity, no DTD, no file read or written by a
// stylesheet, no inline style or script).
//
// A golden page changed on purpose: rewrite them all with
//   COOPDEC_UPDATE_GOLDEN=1 build/bin/coopdec-tests "[render]"
// and review `git diff tests/golden` before committing.
#include "indexer/render.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "indexer/extract.h"
#include "tests/render_fixtures.h"
#include "tests/test_util.h"

using namespace coopdec;
namespace fs = std::filesystem;

namespace {

std::string diagnostics_of(const RenderResult& r) {
    std::string out;
    for (const Diagnostic& d : r.diagnostics) out += d.str() + "\n";
    return out;
}

RenderResult render(const std::string& contents, const std::string& name, const std::string& format) {
    RenderResult r = render_html(contents, name, format);
    INFO(diagnostics_of(r));
    CHECK(r.ok);
    return r;
}

// Line `n` (1-based) of `text`, or "(fin du fichier)".
std::string line_of(const std::string& text, std::size_t n) {
    std::istringstream in(text);
    std::string line;
    for (std::size_t i = 0; i < n; ++i)
        if (!std::getline(in, line)) return "(fin du fichier)";
    return line;
}

// Compares `html` with tests/golden/<file>, or rewrites the file when
// COOPDEC_UPDATE_GOLDEN=1. On a mismatch, says where the first difference is.
void check_golden(const std::string& html, const std::string& file) {
    fs::path path = fs::path(test::source_dir()) / "tests" / "golden" / file;
    const char* update = std::getenv("COOPDEC_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << html;
        WARN("golden file rewritten: " << path.string());
        return;
    }
    REQUIRE(fs::exists(path));
    std::string expected = test::slurp(path);
    if (html != expected) {
        std::size_t at = 0;
        while (at < html.size() && at < expected.size() && html[at] == expected[at]) ++at;
        std::size_t line = 1 + static_cast<std::size_t>(std::count(html.begin(), html.begin() + at, '\n'));
        FAIL_CHECK("golden mismatch in " << path.string() << " at line " << line << "\n  expected: "
                                         << line_of(expected, line) << "\n  actual:   " << line_of(html, line)
                                         << "\nIf the change is intended: COOPDEC_UPDATE_GOLDEN=1 "
                                            "build/bin/coopdec-tests \"[render]\", then review git diff tests/golden");
    }
}

// The attribute value as libxml2's HTML serializer writes it: an oracle
// independent of common/escape, on purpose. The page comes out of libxslt,
// not html_escape, and the two differ (html_escape also writes ' as &#39;).
std::string attr_escaped(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

// Every id="…" of a page.
std::multiset<std::string> ids_of(const std::string& html) {
    std::multiset<std::string> ids;
    const std::string marker = " id=\"";
    for (std::size_t at = html.find(marker); at != std::string::npos; at = html.find(marker, at + 1)) {
        std::size_t start = at + marker.size();
        ids.insert(html.substr(start, html.find('"', start) - start));
    }
    return ids;
}

std::string lowercase(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// The contract between extractors and stylesheets: the page of `contents`
// renders, every unit anchor extract() gives appears exactly once as an id,
// no id appears twice, and there is no inline style or script.
// Returns the number of anchors checked.
std::size_t check_rendered_page(const std::string& contents, const std::string& name) {
    INFO(name);
    Extraction ex = extract(contents, name);
    REQUIRE(ex.ok);
    RenderResult r = render_html(contents, name, ex.record.format);
    INFO(diagnostics_of(r));
    REQUIRE(r.ok);
    CHECK(r.html.starts_with("<article class=\"doc doc-" + ex.record.type + "\""));
    for (const Unit& u : ex.record.units) {
        INFO("anchor " << u.anchor << " (" << u.label << ")");
        CHECK(test::occurrences(r.html, " id=\"" + attr_escaped(u.anchor) + "\"") == 1);
    }
    std::multiset<std::string> ids = ids_of(r.html);
    for (const std::string& id : ids) {
        INFO("id " << id);
        CHECK(ids.count(id) == 1);
    }
    std::string lower = lowercase(r.html);
    CHECK(lower.find(" style=") == std::string::npos);
    CHECK(lower.find("<script") == std::string::npos);
    return ex.record.units.size();
}

// The anchors extract() gives, in order.
std::vector<std::string> anchors_of(const std::string& contents) {
    std::vector<std::string> out;
    for (const Unit& u : extract(contents, "x.xml").record.units) out.push_back(u.anchor);
    return out;
}

// The .xml files under `dir`, recursively, sorted.
std::vector<fs::path> xml_files(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file() && entry.path().extension() == ".xml") out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

// ===== Golden pages =====

TEST_CASE("render: golden page of an Akoma Ntoso act", "[render]") {
    RenderResult r = render(fixtures::kAknAct, "loi-essai.xml", "akn");
    check_golden(r.html, "akn_act.html");
    // What the golden file must show, said once more where it matters.
    CHECK(r.html.find("<a class=\"ref\" href=\"#art_1\">article 1</a>") != std::string::npos);
    CHECK(r.html.find("<a class=\"ref\" href=\"#tit_1__chp_2\">") != std::string::npos);
    CHECK(r.html.find("<span class=\"ref ref-externe\" title=\"/akn/tg/act/loi/2019-06-26/2019-006\">") !=
          std::string::npos);
    // A target that is not on the page, and amended wording, which is no unit.
    CHECK(r.html.find("<span class=\"ref\">ailleurs</span>") != std::string::npos);
    CHECK(r.html.find("id=\"art_9\"") == std::string::npos);
    CHECK(r.html.find("<blockquote class=\"akn-quoted\">") != std::string::npos);
    check_rendered_page(fixtures::kAknAct, "loi-essai.xml");
}

TEST_CASE("render: golden page of a TEI transcript", "[render]") {
    RenderResult r = render(fixtures::kTei, "ent-essai.xml", "tei");
    check_golden(r.html, "tei_entretien.html");
    CHECK(check_rendered_page(fixtures::kTei, "ent-essai.xml") == 3);
}

TEST_CASE("render: golden page of an agreement", "[render]") {
    RenderResult r = render(fixtures::kConvention, "conv-essai.xml", "coopdec");
    check_golden(r.html, "convention.html");
    check_rendered_page(fixtures::kConvention, "conv-essai.xml");
}

TEST_CASE("render: golden page of a partnership record", "[render]") {
    RenderResult r = render(fixtures::kPartenariat, "part-essai.xml", "coopdec");
    check_golden(r.html, "partenariat.html");
    CHECK(test::occurrences(r.html, "<p class=\"divergence\">Les sources divergent") == 2);
    CHECK(r.html.find("rel=\"noopener noreferrer\"") != std::string::npos);
}

TEST_CASE("render: golden page of a study", "[render]") {
    RenderResult r = render(fixtures::kEtude, "etude-essai.xml", "coopdec");
    check_golden(r.html, "etude.html");
    check_rendered_page(fixtures::kEtude, "etude-essai.xml");
}

// ===== Extractors and stylesheets agree =====

TEST_CASE("render: anchors agree at the corners of the Akoma Ntoso rule", "[render]") {
    std::vector<std::string> expected{"preambule_1",   "paragraph_1", "article_1",        "article_1_2", "article_2",
                                      "article_1_2_2", "article_3",   "att_1__article_1", "texte_1"};
    CHECK(anchors_of(fixtures::kAknCorners) == expected);
    CHECK(check_rendered_page(fixtures::kAknCorners, "coins.xml") == expected.size());
}

TEST_CASE("render: anchors agree at the corners of the TEI rule", "[render]") {
    std::vector<std::string> expected{"a", "u_2", "u_3", "b", "u_6"};
    CHECK(anchors_of(fixtures::kTeiCorners) == expected);
    CHECK(check_rendered_page(fixtures::kTeiCorners, "coins.xml") == expected.size());
}

// ===== … and on every real file =====

TEST_CASE("render: every corpus file renders with each unit anchor once", "[render]") {
    std::size_t files = 0, anchors = 0;
    for (const fs::path& path : xml_files(fs::path(test::source_dir()) / "corpus")) {
        anchors += check_rendered_page(test::slurp(path), path.string());
        ++files;
    }
    CHECK(files >= 85);  // README: 36 records, 34 agreements, 12 transcripts, law, study, gazetteer
    CHECK(anchors > 0);
}

TEST_CASE("render: every conformance file renders with each unit anchor once", "[render]") {
    fs::path dir = fs::path(test::source_dir()) / ".." / "shared" / "conformance";
    std::size_t files = 0, anchors = 0;
    for (const fs::path& path : xml_files(dir)) {
        anchors += check_rendered_page(test::slurp(path), path.string());
        ++files;
    }
    CHECK(files == 8);
    // UK 288, EU 32, IT 7, portion 1, Togolese PDF 0, duplicate xml:id 0 (a cover page), teiCorpo 32 + 596.
    CHECK(anchors == 956);
}

TEST_CASE("render: the deliberately invalid AKN file still renders", "[render]") {
    fs::path path =
        fs::path(test::source_dir()) / ".." / "shared" / "conformance" / "akn" / "akn_edge_invalid_sameXmlId.xml";
    render(test::slurp(path), path.string(), "akn");
}

TEST_CASE("render: a document with no text but a PDF says so", "[render]") {
    fs::path path = fs::path(test::source_dir()) / ".." / "shared" / "conformance" / "akn" /
                    "akn_tg_1953_arrete_802-53-AP_commune-mixte-bassari_metadata-only.xml";
    RenderResult r = render(test::slurp(path), path.string(), "akn");
    CHECK(r.html.find("Le texte n’est disponible que sous forme de PDF : <span class=\"file\">"
                      "akn_tg_act_1953-12-01_arrete_no_802-53-ap_fra_main.pdf</span>") != std::string::npos);
    CHECK(r.html.find(".pdf\"") == std::string::npos);  // no link to a file that is not served
}

TEST_CASE("render: several threads render the same pages", "[render]") {
    std::vector<std::pair<std::string, std::string>> docs;  // contents, format
    for (const fs::path& path : xml_files(fs::path(test::source_dir()) / "corpus" / "entretiens"))
        docs.emplace_back(test::slurp(path), "tei");
    for (const fs::path& path : xml_files(fs::path(test::source_dir()) / "corpus" / "conventions"))
        docs.emplace_back(test::slurp(path), "coopdec");
    std::vector<std::string> expected;
    for (const auto& [contents, format] : docs) expected.push_back(render_html(contents, "x.xml", format).html);

    std::vector<std::vector<std::string>> got(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < got.size(); ++t)
        threads.emplace_back([&, t] {
            for (const auto& [contents, format] : docs) got[t].push_back(render_html(contents, "x.xml", format).html);
        });
    for (std::thread& t : threads) t.join();
    for (const std::vector<std::string>& pages : got) CHECK(pages == expected);
}

// The forms "(A | B)[1]" and "(A | B)[last()]" (a union under a positional
// predicate, possibly after other predicates) in the text of a stylesheet.
// libxml2 2.9's XPath optimizer evaluates them by swapping the union's
// operands inside the compiled expression (xmlXPathCompSwap, not disabled
// in threaded builds); compiled stylesheets are shared by threads, so a
// render running at the same time reads a half-swapped union. It happened:
// one page in a few hundred got a stray space.
std::vector<std::string> positional_unions(const std::string& text) {
    std::vector<std::string> found;
    for (std::size_t close = text.find(')'); close != std::string::npos; close = text.find(')', close + 1)) {
        // The group this ')' closes, and whether it has a '|' of its own.
        int depth = 0;
        bool has_union = false;
        std::size_t open = close;
        while (open-- > 0) {
            char c = text[open];
            if (c == ')' || c == ']')
                ++depth;
            else if ((c == '(' || c == '[') && depth > 0)
                --depth;
            else if (c == '(' || c == '[')
                break;
            else if (c == '|' && depth == 0)
                has_union = true;
            if (c == '"' || c == '\n') break;  // an attribute value ends
        }
        if (!has_union || open == std::string::npos || text[open] != '(') continue;
        // The predicates after it: is one of them [1] or [last()]?
        std::size_t at = close + 1;
        while (at < text.size() && text[at] == '[') {
            std::size_t end = text.find(']', at);
            if (end == std::string::npos) break;
            std::string predicate = text.substr(at, end - at + 1);
            if (predicate == "[1]" || predicate == "[last()]") found.push_back(text.substr(open, end - open + 1));
            at = end + 1;
        }
    }
    return found;
}

TEST_CASE("render: no stylesheet filters a union by position", "[render]") {
    CHECK(positional_unions("select=\"(a | b)[last()]\"") == std::vector<std::string>{"(a | b)[last()]"});
    CHECK(positional_unions("select=\"(a | b[2])[x][1]\"") == std::vector<std::string>{"(a | b[2])[x][1]"});
    CHECK(positional_unions("select=\"(a//b)[1] | c\"").empty());
    CHECK(positional_unions("select=\"concat(a, b)[1]\" test=\"x | y\"").empty());
    for (const auto& entry : fs::directory_iterator(fs::path(test::source_dir()) / "stylesheets")) {
        if (entry.path().extension() != ".xsl") continue;
        INFO(entry.path().string());
        CHECK(positional_unions(test::slurp(entry.path())) == std::vector<std::string>{});
    }
}

// ===== Errors and security =====

TEST_CASE("render: bad input and bad setup are diagnostics", "[render]") {
    RenderResult unknown = render_html(fixtures::kEtude, "etude.xml", "pdf");
    CHECK_FALSE(unknown.ok);
    REQUIRE(unknown.diagnostics.size() == 1);
    CHECK(unknown.diagnostics[0].str() == "etude.xml: format inconnu « pdf » (attendu : akn, tei ou coopdec)");

    RenderResult broken = render_html("<etude>\n  <titre>x</titre>\n</etud>", "etude.xml", "coopdec");
    CHECK_FALSE(broken.ok);
    REQUIRE_FALSE(broken.diagnostics.empty());
    CHECK(broken.diagnostics[0].str().starts_with("etude.xml:3:"));
    CHECK(broken.diagnostics[0].message.starts_with("XML mal formé : "));

    test::TempDir empty;
    RenderResult missing = render_html(fixtures::kEtude, "etude.xml", "coopdec", empty.path());
    CHECK_FALSE(missing.ok);
    REQUIRE(missing.diagnostics.size() == 1);
    CHECK(missing.diagnostics[0].str() == empty / "coopdec.xsl" + ": feuille de style introuvable");

    test::TempDir bad;
    bad.write("coopdec.xsl",
              "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
              "<xsl:template match=\"/\"><xsl:value-of select=\"((\"/></xsl:template></xsl:stylesheet>");
    RenderResult invalid = render_html(fixtures::kEtude, "etude.xml", "coopdec", bad.path());
    CHECK_FALSE(invalid.ok);
    REQUIRE_FALSE(invalid.diagnostics.empty());
    CHECK(invalid.diagnostics.back().str().starts_with(bad / "coopdec.xsl" + ": feuille de style invalide"));
}

TEST_CASE("render: entities are never expanded, DTDs never read", "[render]") {
    test::TempDir dir;
    std::string secret = dir.write("secret.txt", "SECRET-FILE-CONTENTS");
    std::string declared = std::string("<?xml version=\"1.0\"?>\n<!DOCTYPE etude [\n  <!ENTITY s SYSTEM \"file://") +
                           secret + "\">\n]>\n" + fixtures::kEtudeWithEntity;
    RenderResult refused = render_html(declared, "etude.xml", "coopdec");
    CHECK_FALSE(refused.ok);
    REQUIRE(refused.diagnostics.size() == 1);
    CHECK(refused.diagnostics[0].str() ==
          "etude.xml:2:1: DOCTYPE refusé : il déclare des entités, qui ne sont jamais développées "
          "(risque d'expansion ou de fichier externe)");

    // An external DTD declaring the entity: it must not be loaded, so the
    // reference stays unexpanded and the file's text never shows.
    std::string dtd = dir.write("evil.dtd", "<!ENTITY s SYSTEM \"file://" + secret + "\">");
    std::string external =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE etude SYSTEM \"file://" + dtd + "\">\n" + fixtures::kEtudeWithEntity;
    RenderResult r = render_html(external, "etude.xml", "coopdec");
    INFO(diagnostics_of(r));
    CHECK(r.ok);
    CHECK(r.html.find("SECRET-FILE-CONTENTS") == std::string::npos);
    CHECK(r.html.find("<p>Avant après</p>") != std::string::npos);  // the reference left out
}

TEST_CASE("render: stylesheets can neither write nor read files", "[render]") {
    test::TempDir dir;
    std::string target = dir / "written.html";
    test::TempDir writer;
    writer.write("coopdec.xsl",
                 "<xsl:stylesheet version=\"1.1\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
                 "<xsl:template match=\"/\"><xsl:document href=\"" +
                     target + "\" method=\"html\"><p>x</p></xsl:document><p>ok</p></xsl:template></xsl:stylesheet>");
    RenderResult written = render_html(fixtures::kEtude, "etude.xml", "coopdec", writer.path());
    CHECK_FALSE(written.ok);
    CHECK_FALSE(fs::exists(target));
    REQUIRE_FALSE(written.diagnostics.empty());
    CHECK(written.diagnostics.back().message.starts_with("transformation XSLT échouée : "));
    CHECK(written.diagnostics.back().message.find(target) != std::string::npos);

    // libxslt's own extension element, which xsl:document's refusal must cover too.
    test::TempDir extension;
    extension.write("coopdec.xsl",
                    "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" "
                    "xmlns:lx=\"http://xmlsoft.org/XSLT/namespace\" extension-element-prefixes=\"lx\">"
                    "<xsl:template match=\"/\"><lx:document href=\"" +
                        target + "\"><p>x</p></lx:document><p>ok</p></xsl:template></xsl:stylesheet>");
    CHECK_FALSE(render_html(fixtures::kEtude, "etude.xml", "coopdec", extension.path()).ok);
    CHECK_FALSE(fs::exists(target));

    std::string secret = dir.write("secret.xml", "<s>SECRET-FILE-CONTENTS</s>");
    test::TempDir reader;
    reader.write("coopdec.xsl",
                 "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
                 "<xsl:template match=\"/\"><p><xsl:value-of select=\"document('" +
                     secret + "')\"/></p></xsl:template></xsl:stylesheet>");
    RenderResult read = render_html(fixtures::kEtude, "etude.xml", "coopdec", reader.path());
    CHECK_FALSE(read.ok);
    CHECK(read.html.find("SECRET") == std::string::npos);
    REQUIRE_FALSE(read.diagnostics.empty());
    CHECK(read.diagnostics.back().message.find(secret) != std::string::npos);
}
