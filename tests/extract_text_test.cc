// @brief extract_text(): formats told by their bytes, the text of real PDF,
// Word and OpenDocument files made by LibreOffice, plain text in UTF-8 or
// Windows-1252, and each refusal with its whole French message.
#include "import/extract_text.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_util.h"

using namespace coopdec;
using namespace coopdec::import;
using Catch::Matchers::StartsWith;
namespace fs = std::filesystem;

namespace {

const std::string kHeading = "Article 1";
const std::string kFirst =
    "La commune de Tône et la ville d’Aiffres s’engagent à œuvrer ensemble « pour le développement local ».";
const std::string kSecond = "Les élèves de l’école bénéficieront d’un cœur de projet : l’accès à l’eau potable.";

// The three paragraphs as a flat OpenDocument file; the second paragraph
// starts a new page, so that the PDF has two.
std::string fodt() {
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
    xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
<style:style style:name="P1" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>
</office:automatic-styles>
<office:body><office:text>
)" + ("<text:h text:outline-level=\"1\">" + kHeading + "</text:h>\n") +
           ("<text:p>" + kFirst + "</text:p>\n") + ("<text:p text:style-name=\"P1\">" + kSecond + "</text:p>\n") +
           "</office:text></office:body></office:document>\n";
}

// Not text: a PNG's signature and first chunk header, NUL bytes included.
const std::string kPng("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);

// The document converted by LibreOffice to .odt, .docx and .pdf once for
// all the test cases (a second or so per conversion), with one profile.
struct Documents {
    test::TempDir dir;
    std::string odt, docx, pdf;

    Documents() {
        std::string source = dir.write("convention.fodt", fodt());
        for (const char* to : {"odt", "docx", "pdf"}) {
            int status = 0;
            std::string said =
                test::run_command("soffice --headless --norestore -env:UserInstallation=file://" + dir.path() +
                                      "/profil --convert-to " + to + " --outdir " + dir.path() + " " + source + " 2>&1",
                                  status);
            INFO(said);
            REQUIRE(status == 0);
        }
        odt = dir / "convention.odt";
        docx = dir / "convention.docx";
        pdf = dir / "convention.pdf";
        REQUIRE((fs::exists(odt) && fs::exists(docx) && fs::exists(pdf)));
    }
};

const Documents& documents() {
    static const Documents d;
    return d;
}

// The ImportError message of extract_text(path), or a failed test case.
std::string refusal(const std::string& path, const ExtractOptions& options = {}) {
    try {
        ExtractedText t = extract_text(path, options);
        FAIL("no refusal, text: " << t.text);
    } catch (const ImportError& e) {
        return e.what();
    }
    return {};
}

std::vector<std::string> non_empty_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    return lines;
}

// The words of `text` joined by single spaces: a PDF's line breaks are its layout's.
std::string words(const std::string& text) {
    std::istringstream in(text);
    std::string out, word;
    while (in >> word) out += (out.empty() ? "" : " ") + word;
    return out;
}

bool empty_dir(const std::string& path) { return fs::is_empty(path); }

std::string bytes_of(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A PDF file with the given objects (numbered from 1; the first is the
// catalog), its cross-reference table at the offsets they land at.
std::string pdf_file(const std::vector<std::string>& objects, const std::string& trailer_extra = "") {
    std::string out = "%PDF-1.4\n";
    std::vector<size_t> offsets;
    for (size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(out.size());
        out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (size_t offset : offsets) {
        char entry[21];
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);  // exactly 20 bytes
        out += entry;
    }
    return out + "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R " + trailer_extra +
           ">>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
}

// One A4 page whose only content is a black rectangle: a scan, as far as
// text goes.
std::vector<std::string> scanned_page() {
    std::string stream = "0 0 0 rg 100 100 395 642 re f\n";
    return {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
            "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "endstream"};
}

std::string le(uint32_t v, int bytes) {
    std::string out;
    for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
    return out;
}

// A ZIP local file header for a stored (uncompressed) entry, and its data.
std::string zip_entry(const std::string& name, const std::string& data) {
    return "PK\3\4" + le(20, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(0, 4) + le(data.size(), 4) + le(data.size(), 4) +
           le(name.size(), 2) + le(0, 2) + name + data;
}

// A ZIP central directory entry: only its name matters here.
std::string zip_central(const std::string& name) {
    return "PK\1\2" + std::string(24, '\0') + le(name.size(), 2) + std::string(16, '\0') + name;
}

}  // namespace

TEST_CASE("detect_format tells PDF, Word, OpenDocument, RTF and text by their bytes", "[import][extract]") {
    const std::string ole2("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", 12);
    const std::string odt = zip_entry("mimetype", "application/vnd.oasis.opendocument.text") +
                            zip_entry("content.xml", "<office:document-content/>");
    const std::string docx =
        zip_entry("[Content_Types].xml", "<Types/>") + zip_entry("word/document.xml", "<w:document/>");
    // Only the central directory names word/document.xml (its local header is cut off).
    const std::string docx_central = zip_entry("[Content_Types].xml", "<Types/>") + zip_central("word/document.xml");
    struct Case {
        const char* what;
        std::string bytes;
        std::optional<SourceFormat> format;
    };
    const std::vector<Case> cases = {
        {"PDF", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj", SourceFormat::pdf},
        {"RTF", "{\\rtf1\\ansi\\deff0 Bonjour}", SourceFormat::word},
        {"OLE2 (.doc)", ole2, SourceFormat::word},
        {"ODT", odt, SourceFormat::word},
        {"DOCX", docx, SourceFormat::word},
        {"DOCX by its central directory", docx_central, SourceFormat::word},
        {"UTF-8 text", "Convention de partenariat\nentre Tône et Aiffres\n", SourceFormat::text},
        {"Windows-1252 text", "caf\xe9 \x92", SourceFormat::text},
        {"empty file", "", SourceFormat::text},
        {"binary with a NUL byte", kPng, std::nullopt},
        {"spreadsheet (ODS)", zip_entry("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), std::nullopt},
        {"ZIP of something else", zip_entry("photo.jpg", "\xFF\xD8\xFF"), std::nullopt},
        {"ODT mimetype with a longer type", zip_entry("mimetype", "application/vnd.oasis.opendocument.textile"),
         std::nullopt},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        CHECK(detect_format(c.bytes) == c.format);
    }
}

TEST_CASE("a Word document and an OpenDocument text come back one paragraph per line, accents and all",
          "[import][extract]") {
    const Documents& docs = documents();
    test::TempDir work;
    ExtractOptions options;
    options.work_dir = work.path();
    for (const std::string& path : {docs.odt, docs.docx}) {
        INFO(path);
        CHECK(detect_format(bytes_of(path)) == SourceFormat::word);
        ExtractedText t = extract_text(path, options);
        CHECK(t.format == SourceFormat::word);
        CHECK(t.lines_are_paragraphs);
        CHECK(t.notes.empty());
        CHECK(non_empty_lines(t.text) == std::vector<std::string>{kHeading, kFirst, kSecond});
        CHECK(t.text.find('\r') == std::string::npos);
        CHECK_FALSE(t.text.starts_with("\xEF\xBB\xBF"));
        CHECK(empty_dir(work.path()));  // the private folder is gone
    }
}

TEST_CASE("a PDF comes back with its words, its pages separated by form feeds", "[import][extract]") {
    test::TempDir work;
    ExtractOptions options;
    options.work_dir = work.path();
    ExtractedText t = extract_text(documents().pdf, options);
    CHECK(t.format == SourceFormat::pdf);
    CHECK_FALSE(t.lines_are_paragraphs);
    CHECK(t.notes.empty());
    CHECK_FALSE(t.text.ends_with('\f'));
    size_t page_break = t.text.find('\f');
    REQUIRE(page_break != std::string::npos);
    CHECK(t.text.find('\f', page_break + 1) == std::string::npos);
    CHECK(non_empty_lines(t.text).front() == kHeading);
    CHECK(words(t.text.substr(0, page_break)) == kHeading + " " + kFirst);
    CHECK(words(t.text.substr(page_break + 1)) == kSecond);
    CHECK(empty_dir(work.path()));
}

TEST_CASE("plain text is kept in UTF-8, without BOM, with Unix line ends", "[import][extract]") {
    test::TempDir dir;
    SECTION("UTF-8") {
        ExtractedText t = extract_text(dir.write("a.txt", "Convention entre Tône et Aiffres\nArticle 1 : l’eau\n"));
        CHECK(t.format == SourceFormat::text);
        CHECK_FALSE(t.lines_are_paragraphs);
        CHECK(t.notes.empty());
        CHECK(t.text == "Convention entre Tône et Aiffres\nArticle 1 : l’eau\n");
    }
    SECTION("UTF-8 with a BOM, CRLF and lone CR line ends") {
        ExtractedText t = extract_text(dir.write("b.txt", "\xEF\xBB\xBFPremière ligne\r\nDeuxième\rTroisième\r\n"));
        CHECK(t.notes.empty());
        CHECK(t.text == "Première ligne\nDeuxième\nTroisième\n");
    }
    SECTION("Windows-1252 is read as such, with a note") {
        ExtractedText t =
            extract_text(dir.write("c.txt", "\xab caf\xe9 \xbb\r\nl\x92\x9cuvre \x80 \x85 \x96 \x81\r\n"));
        CHECK(t.text == "« café »\nl’œuvre € … – \xC2\x81\n");  // 0x81, undefined, as Latin-1
        CHECK(t.notes == std::vector<std::string>{"texte lu en Windows-1252 : il n'était pas en UTF-8"});
    }
}

TEST_CASE("extract_text refuses what it cannot read, saying why in French", "[import][extract][bad-input]") {
    test::TempDir dir;
    const std::string missing = dir / "absent.pdf";
    CHECK(refusal(missing) == missing + ": fichier introuvable");

    CHECK(refusal(dir.path()) == dir.path() + ": c'est un dossier : donnez un fichier");

    std::string big = dir.write("gros.txt", std::string(2600, 'a'));
    ExtractOptions small;
    small.max_bytes = 2000;
    CHECK(refusal(big, small) == big + ": fichier trop gros (2,6 Ko) : la limite est de 2 Ko");

    std::string binary = dir.write("image.png", kPng);
    CHECK(refusal(binary) == binary +
                                 ": format non reconnu : ce n'est ni un PDF, ni un document Word (.docx, .doc), "
                                 "OpenDocument (.odt) ou RTF, ni du texte");
    std::string ods = dir.write("tableur.ods", zip_entry("mimetype", "application/vnd.oasis.opendocument.spreadsheet"));
    CHECK_THAT(refusal(ods), StartsWith(ods + ": format non reconnu"));

    std::string blank = dir.write("vide.txt", " \r\n\t\n");
    CHECK(refusal(blank) == blank + ": aucun texte dans ce fichier");

    std::string damaged = dir.write("abime.pdf", "%PDF-1.4\nce qui suit n'est pas du PDF \x01\x02\x03\n");
    CHECK_THAT(refusal(damaged),
               StartsWith(damaged + ": PDF illisible : fichier endommagé ou incomplet (pdftotext : "));

    // Encrypted with a user password: /O and /U match no password, so
    // pdftotext cannot even open it (no real encryption needed for that).
    std::vector<std::string> objects = scanned_page();
    objects.push_back("<< /Filter /Standard /V 1 /R 2 /O <" + std::string(64, '1') + "> /U <" + std::string(64, '2') +
                      "> /P -3904 >>");
    std::string id = "<" + std::string(32, '3') + ">";
    std::string encrypted = dir.write("secret.pdf", pdf_file(objects, "/Encrypt 5 0 R /ID [" + id + " " + id + "] "));
    CHECK(refusal(encrypted) == encrypted +
                                    ": PDF illisible : il est protégé par un mot de passe ; enregistrez-en "
                                    "une copie sans mot de passe, puis importez-la");

    std::string scanned = dir.write("scan.pdf", pdf_file(scanned_page()));
    CHECK(refusal(scanned) == scanned +
                                  ": ce PDF ne contient aucun texte, seulement des images (un document "
                                  "scanné ?) : faites-en d'abord la reconnaissance de caractères, par exemple "
                                  "avec ocrmypdf (paquet Debian ocrmypdf : « ocrmypdf -l fra scan.pdf "
                                  "texte.pdf »), puis importez le PDF obtenu");

    // LibreOffice says "source file could not be loaded", and exits with 0.
    std::string broken_docx = dir.write("abime.docx", zip_entry("word/document.xml", "pas du XML"));
    CHECK_THAT(refusal(broken_docx),
               StartsWith(broken_docx + ": LibreOffice n'a pas pu convertir ce document en texte (endommagé ? "
                                        "protégé par un mot de passe ?)"));
}

TEST_CASE("a missing converter names the Debian package to install", "[import][extract][bad-input]") {
    test::TempDir dir;
    ExtractOptions options;
    options.pdftotext = "coopdec-no-such-tool";
    options.soffice = "coopdec-no-such-office";
    std::string pdf = dir.write("scan.pdf", pdf_file(scanned_page()));
    CHECK(refusal(pdf, options) == pdf +
                                       ": programme « coopdec-no-such-tool » introuvable : installez le paquet "
                                       "Debian poppler-utils (apt install poppler-utils)");
    std::string rtf = dir.write("lettre.rtf", "{\\rtf1\\ansi Bonjour}");
    CHECK(refusal(rtf, options) == rtf +
                                       ": programme « coopdec-no-such-office » introuvable : installez le paquet "
                                       "Debian libreoffice-writer-nogui (apt install libreoffice-writer-nogui)");
}

TEST_CASE("a converter that does not finish in time is killed, and its folder removed",
          "[import][extract][bad-input]") {
    test::TempDir dir, work;
    std::string script = dir.write("pdftotext-bloque", "#!/bin/sh\nexec sleep 30\n");
    fs::permissions(script, fs::perms::owner_all);
    ExtractOptions options;
    options.pdftotext = script;
    options.timeout_seconds = 1;
    options.work_dir = work.path();
    std::string pdf = dir.write("scan.pdf", pdf_file(scanned_page()));
    auto start = std::chrono::steady_clock::now();
    CHECK(refusal(pdf, options) == pdf + ": « " + script + " » n'a pas fini en 1 s : conversion abandonnée");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));  // not the 30 s of its sleep
    CHECK(empty_dir(work.path()));
}
