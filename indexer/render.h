// @brief render_html(): one XML document → the HTML fragment of its page,
// with the XSLT 1.0 stylesheets of stylesheets/ (libxslt): the server renders
// each document's page from its stored source (server/page_views.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indexer/record.h"

namespace coopdec {

// What rendering gives: the fragment, or the diagnostics that stopped it.
struct RenderResult {
    bool ok = false;
    // UTF-8 HTML5 fragment: one <article class="doc doc-TYPE"> element, no
    // <html>/<body>, no style attribute, no script. Every unit's element
    // carries id="ANCHOR", ANCHOR being the Unit::anchor extract() gives.
    // Empty when !ok.
    std::string html;
    // "name:line:col: message" (French for our own messages; libxml2 and
    // libxslt messages are passed on as they come). Set when !ok; may also
    // hold warnings (xsl:message) when ok.
    std::vector<Diagnostic> diagnostics;
};

// The default work limit of render_html(), in XPath operations: about 8 s
// of an optimised build, 20 times what the largest real document met (the
// UK act of the conformance files, 1 MB, 289 units: 4.8 million) takes; an
// act of 2,000 articles in one body takes 55 million.
inline constexpr unsigned long kMaxXPathOperations = 100000000;

// The stylesheet directory compiled in (COOPDEC_STYLESHEET_DIR: the source
// tree's stylesheets/).
std::string default_stylesheet_dir();

// Renders `contents` (an XML document, shown as `name` in diagnostics) with
// <stylesheet_dir>/<format>.xsl, `format` being Record::format: "akn",
// "tei" or "coopdec". `stylesheet_dir` "" = default_stylesheet_dir().
//
// Failures (!ok, diagnostics say why, nothing written to stderr):
//   "name:line:col: XML mal formé : <libxml2 message>"
//   "name:line:col: DOCTYPE refusé : …"   (the DOCTYPE declares entities)
//   "name: format inconnu « x » (attendu : akn, tei ou coopdec)"
//   "<stylesheet>: feuille de style introuvable" / "…: feuille de style
//       invalide : …"  (cached: repeated for every document of that format)
//   "name: transformation XSLT échouée : <libxslt message>"
//   "name: rendu interrompu : document trop lourd pour les feuilles de style
//       (plus de N opérations XPath)"   (see max_xpath_operations)
//
// Safety: the document is parsed with no network access, no DTD loading, no
// entity substitution (XML_PARSE_NO_XXE too where libxml2 has it), and a
// DOCTYPE declaring entities is refused before parsing, as read_xml() does.
// Transforms run under libxslt security preferences that forbid reading
// and writing files, creating directories and any network access: a
// stylesheet's document(), xsl:document or extension elements that write
// fail with a diagnostic. Stylesheets and their xsl:include are read once,
// when compiled, not by the transform.
//
// Thread safety: may be called from several threads at once. Each
// stylesheet is compiled on first use under a mutex and kept for the life
// of the process, shared by every thread; each call has its own parsed
// document and transform context. libxslt's process-wide error handler is
// installed once and routes messages to the calling thread's diagnostics. Sharing a compiled stylesheet is safe only
// if its XPath never filters a union by position ("(a | b)[1]"): libxml2
// 2.9 then rewrites the shared compiled expression while evaluating it;
// tests/render_test.cc refuses that form in every stylesheet.
//
// Work: a transform may take at most `max_xpath_operations` XPath steps
// (libxml2's count, over the whole transform), so that its time is bounded
// whatever the document: some expressions of the stylesheets grow with the
// square of the number of units (4,000 articles in one body: 26 s), and a
// hostile document would hold a server's thread for hours. Past the limit
// the page is not rendered (the server lists the document's units, and
// keeps that failure: server/page_views.h). 0: no limit.
RenderResult render_html(std::string_view contents, const std::string& name, const std::string& format,
                         const std::string& stylesheet_dir = {},
                         unsigned long max_xpath_operations = kMaxXPathOperations);

}  // namespace coopdec
