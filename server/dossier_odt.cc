// @brief The dossier as an OpenDocument text: four XML parts and a zip.
#include "server/dossier_odt.h"

#include "common/analysis.h"
#include "common/escape.h"
#include "server/dossier_pages.h"
#include "server/odf_package.h"
#include "server/page_parts.h"
#include "server/passage_title.h"

namespace coopdec::pages {
namespace {

const char* const kMimeType = "application/vnd.oasis.opendocument.text";

// The namespaces every part declares (ODF 1.2, part 1, §1.3).
const char* const kNamespaces =
    " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
    " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
    " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""
    " xmlns:xlink=\"http://www.w3.org/1999/xlink\""
    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
    " xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""
    " office:version=\"1.2\"";

// Text for element content and attribute values. XML 1.0 cannot hold
// control characters but tab, LF and CR: they are dropped, then the one
// escaper of the project makes the rest safe.
std::string x(const std::string& text) {
    std::string clean;
    clean.reserve(text.size());
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 || c == '\t' || c == '\n' || c == '\r') clean += c;
    }
    return html_escape(clean);
}

// One paragraph of style `style` per non-blank line of `text`.
std::string paragraphs(const std::string& text, const std::string& style) {
    std::string out;
    for (const std::string& line : non_blank_lines(text))
        out += "<text:p text:style-name=\"" + style + "\">" + x(line) + "</text:p>";
    return out;
}

std::string p(const std::string& style, const std::string& inner) {
    return "<text:p text:style-name=\"" + style + "\">" + inner + "</text:p>";
}

std::string link(const std::string& href, const std::string& text) {
    return "<text:a xlink:type=\"simple\" xlink:href=\"" + x(href) + "\">" + x(text) + "</text:a>";
}

std::string content_xml(const std::vector<DossierPassage>& passages, const std::string& title,
                        const std::string& public_url, const std::string& date) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content";
    out += kNamespaces;
    out += "><office:body><office:text>";
    out += p("Title", x(title));
    std::string sub = "Dossier de formation coopdec";
    if (!date.empty()) sub += ", établi le " + french_date(date);
    sub += " : " + std::to_string(passages.size()) + (passages.size() > 1 ? " passages." : " passage.");
    out += p("Subtitle", x(sub));
    bool demo = false;
    for (const auto& ps : passages) demo = demo || ps.demo;
    if (demo) out += p("Demo", "<text:span text:style-name=\"Strong\">Attention</text:span> — " + x(demo_warning()));

    // The contents: each title, a link to the bookmark its heading carries.
    out += "<text:h text:style-name=\"Heading_20_1\" text:outline-level=\"1\">Sommaire</text:h>";
    for (size_t i = 0; i < passages.size(); ++i) {
        const std::string n = std::to_string(i + 1);
        out += p("Contents", x(n + ". ") + link("#passage-" + n, passage_title(passages[i])));
    }

    for (size_t i = 0; i < passages.size(); ++i) {
        const DossierPassage& ps = passages[i];
        const std::string n = std::to_string(i + 1);
        out += "<text:h text:style-name=\"Heading_20_2\" text:outline-level=\"2\"><text:bookmark text:name=\"passage-" +
               n + "\"/>" + x(n + ". " + passage_title(ps)) + "</text:h>";
        if (ps.demo)
            out += p("Demo", "<text:span text:style-name=\"Strong\">Document de démonstration</text:span>" +
                                 (ps.notice.empty() ? std::string() : " — " + x(ps.notice)));
        out += paragraphs(ps.text, "Quotations");
        for (const auto& [label, value] : passage_citation(ps))
            out += p("Source", "<text:span text:style-name=\"Strong\">" + x(label) + "</text:span> : " + x(value));
        const std::string href = public_url + ps.permalink;
        out += p("Source", "<text:span text:style-name=\"Strong\">Lien permanent</text:span> : " + link(href, href));
        if (!ps.entry.note.empty()) {
            out += p("Note_20_heading", "Note du formateur");
            out += paragraphs(ps.entry.note, "Note");
        }
    }
    out += "</office:text></office:body></office:document-content>\n";
    return out;
}

// The styles a trainer finds in Writer's list under these names: Title,
// Heading 1/2, Quotations (Writer's own), and ours.
std::string styles_xml() {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-styles";
    out += kNamespaces;
    out +=
        "><office:font-face-decls/><office:styles>"
        "<style:default-style style:family=\"paragraph\"><style:paragraph-properties fo:margin-bottom=\"0.2cm\"/>"
        "<style:text-properties fo:font-size=\"11pt\" fo:language=\"fr\" fo:country=\"FR\"/></style:default-style>"
        "<style:style style:name=\"Standard\" style:family=\"paragraph\"/>"
        "<style:style style:name=\"Title\" style:display-name=\"Title\" style:family=\"paragraph\" "
        "style:parent-style-name=\"Standard\">"
        "<style:paragraph-properties fo:margin-top=\"2cm\" fo:margin-bottom=\"0.4cm\"/>"
        "<style:text-properties fo:font-size=\"22pt\" fo:font-weight=\"bold\"/></style:style>"
        "<style:style style:name=\"Subtitle\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">"
        "<style:paragraph-properties fo:margin-bottom=\"0.6cm\"/><style:text-properties "
        "fo:color=\"#555555\"/></style:style>"
        "<style:style style:name=\"Heading_20_1\" style:display-name=\"Heading 1\" style:family=\"paragraph\" "
        "style:parent-style-name=\"Standard\" style:default-outline-level=\"1\">"
        "<style:paragraph-properties fo:margin-top=\"0.6cm\" fo:keep-with-next=\"always\"/>"
        "<style:text-properties fo:font-size=\"16pt\" fo:font-weight=\"bold\"/></style:style>"
        "<style:style style:name=\"Heading_20_2\" style:display-name=\"Heading 2\" style:family=\"paragraph\" "
        "style:parent-style-name=\"Standard\" style:default-outline-level=\"2\">"
        "<style:paragraph-properties fo:margin-top=\"0.8cm\" fo:keep-with-next=\"always\"/>"
        "<style:text-properties fo:font-size=\"13pt\" fo:font-weight=\"bold\" fo:color=\"#083b6b\"/></style:style>"
        "<style:style style:name=\"Contents\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">"
        "<style:paragraph-properties fo:margin-left=\"0.5cm\" fo:margin-bottom=\"0.1cm\"/></style:style>"
        "<style:style style:name=\"Quotations\" style:display-name=\"Quotations\" style:family=\"paragraph\" "
        "style:parent-style-name=\"Standard\"><style:paragraph-properties fo:margin-left=\"1cm\" "
        "fo:margin-right=\"1cm\" "
        "fo:orphans=\"3\" fo:widows=\"3\"/><style:text-properties fo:font-style=\"italic\"/></style:style>"
        "<style:style style:name=\"Source\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">"
        "<style:paragraph-properties fo:margin-left=\"1cm\" fo:margin-bottom=\"0.05cm\"/>"
        "<style:text-properties fo:font-size=\"9pt\"/></style:style>"
        "<style:style style:name=\"Note_20_heading\" style:display-name=\"Note heading\" style:family=\"paragraph\" "
        "style:parent-style-name=\"Standard\"><style:paragraph-properties fo:margin-top=\"0.3cm\" "
        "fo:keep-with-next=\"always\"/>"
        "<style:text-properties fo:font-weight=\"bold\"/></style:style>"
        "<style:style style:name=\"Note\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">"
        "<style:paragraph-properties fo:margin-left=\"0.5cm\" fo:background-color=\"#f3f7fb\"/></style:style>"
        "<style:style style:name=\"Demo\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">"
        "<style:paragraph-properties fo:border-left=\"0.1cm solid #8a4b00\" fo:padding-left=\"0.2cm\"/></style:style>"
        "<style:style style:name=\"Strong\" style:family=\"text\"><style:text-properties "
        "fo:font-weight=\"bold\"/></style:style>"
        "</office:styles><office:automatic-styles>"
        "<style:page-layout style:name=\"A4\"><style:page-layout-properties fo:page-width=\"21cm\" "
        "fo:page-height=\"29.7cm\" "
        "fo:margin-top=\"2cm\" fo:margin-bottom=\"2cm\" fo:margin-left=\"2cm\" "
        "fo:margin-right=\"2cm\"/></style:page-layout>"
        "</office:automatic-styles><office:master-styles>"
        "<style:master-page style:name=\"Standard\" style:page-layout-name=\"A4\"/>"
        "</office:master-styles></office:document-styles>\n";
    return out;
}

std::string meta_xml(const std::string& title, const std::string& date) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta";
    out += kNamespaces;
    out += "><office:meta><meta:generator>coopdec</meta:generator><dc:title>" + x(title) +
           "</dc:title><dc:language>fr</dc:language>";
    if (date.size() == 10) out += "<meta:creation-date>" + x(date) + "T00:00:00</meta:creation-date>";
    return out + "</office:meta></office:document-meta>\n";
}

}  // namespace

std::string dossier_odt(const std::vector<DossierPassage>& passages, const std::string& title,
                        const std::string& public_url, const std::string& date) {
    const std::string shown = title.empty() ? "Dossier de formation" : title;
    return odf_package(kMimeType, {{"content.xml", content_xml(passages, shown, public_url, date)},
                                   {"styles.xml", styles_xml()},
                                   {"meta.xml", meta_xml(shown, date)}});
}

std::string odt_file_name(const std::string& title) {
    std::string slug;
    for (char c : analysis::fold(title)) {
        bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (keep)
            slug += c;
        else if (!slug.empty() && slug.back() != '-')
            slug += '-';
        if (slug.size() >= 60) break;
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    if (slug.empty()) return "dossier.odt";
    return (slug.compare(0, 7, "dossier") == 0 ? slug : "dossier-" + slug) + ".odt";
}

}  // namespace coopdec::pages
