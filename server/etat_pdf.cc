// @brief The report's print document: A4 stylesheet, header, report.
#include "server/etat_pdf.h"

#include "common/escape.h"
#include "server/etat_page.h"
#include "server/page_parts.h"

namespace coopdec::pages {
namespace {

// A4 portrait; the footer numbers the pages; a map, its table and a short
// table are kept on one page; link colours print as text.
const char* const kPrintCss =
    "@page { size: A4; margin: 18mm 16mm 20mm 16mm;"
    " @bottom-center { content: \"État de la coopération décentralisée — page \" counter(page) \" / \" "
    "counter(pages); font: 8pt sans-serif; color: #555; } }"
    "body { font: 10pt/1.35 sans-serif; color: #000; }"
    "h1 { font-size: 17pt; margin: 0 0 2mm; }"
    "h2 { font-size: 12.5pt; margin: 6mm 0 2mm; break-after: avoid; }"
    "p.date { color: #444; margin-top: 0; }"
    "a { color: inherit; text-decoration: none; }"
    "table { border-collapse: collapse; margin: 2mm 0 4mm; break-inside: auto; }"
    "th, td { border: 0.5pt solid #999; padding: 1mm 2.5mm; text-align: left; }"
    "thead { display: table-header-group; }"
    "tr { break-inside: avoid; }"
    ".note { font-size: 8.5pt; color: #333; }"
    "section.etat-map { break-inside: avoid; }"
    "section.etat-map table { font-size: 8.5pt; }"
    "svg.map { display: block; width: 100%; height: auto; max-height: 120mm; }";

// Site-relative references as absolute URLs of `public_url`.
std::string absolute_links(std::string html, const std::string& public_url) {
    const std::string from = "href=\"/", to = "href=\"" + html_escape(public_url) + "/";
    for (size_t at = html.find(from); at != std::string::npos; at = html.find(from, at + to.size()))
        html.replace(at, from.size(), to);
    return html;
}

}  // namespace

std::string etat_print_html(const Etat& e, const std::string& public_url, const std::string& date,
                            const EtatMovement* movement) {
    const std::string title = "État de la coopération décentralisée — " + etat_period_words(e);
    std::string out = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>" + html_escape(title) +
                      "</title><style>" + kPrintCss + "</style></head><body><h1>" + html_escape(title) + "</h1>";
    out += "<p class=\"date\">Loi n° 2019-006, art. 46 — établi par coopdec";
    if (!date.empty()) out += " le " + html_escape(french_date(date));
    out += ".</p>";
    out += absolute_links(etat_report(e, movement), public_url);
    return out + "</body></html>\n";
}

}  // namespace coopdec::pages
