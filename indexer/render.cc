// @brief render_html(): libxml2 parsing, a cache of compiled XSLT
// stylesheets, and libxslt transforms under security preferences that
// forbid file and network access, errors collected as Diagnostics.
#include "indexer/render.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include <algorithm>
#include <array>
#include <cstdarg>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <mutex>

#include "indexer/xml_read.h"

#ifndef COOPDEC_STYLESHEET_DIR
#define COOPDEC_STYLESHEET_DIR "stylesheets"
#endif

namespace coopdec {

namespace {

constexpr std::array<std::string_view, 3> kFormats = {"akn", "tei", "coopdec"};

// Where libxml2 and libxslt report while one step runs on this thread.
// libxslt writes a message in pieces ("runtime error: file … line 9\n",
// then the reason): they are kept as one text, one line per message.
struct XsltMessages {
    std::string path;    // shown in structured (libxml2) diagnostics
    std::string prefix;  // "XML mal formé : "...
    std::vector<Diagnostic> diagnostics;
    std::string text;  // libxslt's unstructured messages
};

thread_local XsltMessages* t_collector = nullptr;

// libxslt's generic error handler is process-wide: it is installed once
// and routes to the calling thread's collector (or drops the message when
// this thread is not rendering), so nothing reaches stderr and threads do
// not write into each other's diagnostics.
void generic_error(void* data, const char* format, ...) {
    auto* c = data ? static_cast<XsltMessages*>(data) : t_collector;
    if (!c || !format) return;
    va_list args;
    va_start(args, format);
    va_list copy;
    va_copy(copy, args);
    int size = std::vsnprintf(nullptr, 0, format, copy);
    va_end(copy);
    if (size > 0) {
        std::string piece(static_cast<std::size_t>(size) + 1, '\0');
        std::vsnprintf(piece.data(), piece.size(), format, args);
        piece.pop_back();
        c->text += piece;
    }
    va_end(args);
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

// "line one\nline two\n" → "line one ; line two".
std::string one_line(const std::string& text) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = trimmed(text.substr(start, end - start));
        if (!line.empty()) out += (out.empty() ? "" : " ; ") + line;
        start = end + 1;
    }
    return out;
}

#if LIBXML_VERSION >= 21200
void structured_error(void* data, const xmlError* error) {
#else
void structured_error(void* data, xmlErrorPtr error) {
#endif
    if (!data || !error || error->level < XML_ERR_ERROR) return;
    auto* c = static_cast<XsltMessages*>(data);
    int column = error->domain == XML_FROM_PARSER ? error->int2 : 0;
    c->diagnostics.push_back(
        Diagnostic{c->path, error->line, column, c->prefix + trimmed(error->message ? error->message : "")});
}

// Routes this thread's libxml2 handlers and libxslt's router to a collector
// for the lifetime of this object.
class XsltErrorScope {
public:
    explicit XsltErrorScope(XsltMessages& c) {
        xmlSetStructuredErrorFunc(&c, structured_error);
        xmlSetGenericErrorFunc(&c, generic_error);
        t_collector = &c;
    }
    ~XsltErrorScope() {
        t_collector = nullptr;
        xmlSetGenericErrorFunc(nullptr, nullptr);
        xmlSetStructuredErrorFunc(nullptr, nullptr);
    }
    XsltErrorScope(const XsltErrorScope&) = delete;
    XsltErrorScope& operator=(const XsltErrorScope&) = delete;
};

// The process-wide setup, once: parser, libxslt's error router, and the
// security preferences every transform context gets. Reading files is
// forbidden too: a document page needs nothing but the document, and the
// stylesheets (with their xsl:include) are read at compile time, which
// these context preferences do not govern.
xsltSecurityPrefsPtr security_prefs() {
    static xsltSecurityPrefsPtr prefs = [] {
        xmlInitParser();
        xsltSetGenericErrorFunc(nullptr, generic_error);
        xsltSecurityPrefsPtr p = xsltNewSecurityPrefs();
        for (xsltSecurityOption option :
             {XSLT_SECPREF_READ_FILE, XSLT_SECPREF_WRITE_FILE, XSLT_SECPREF_CREATE_DIRECTORY, XSLT_SECPREF_READ_NETWORK,
              XSLT_SECPREF_WRITE_NETWORK})
            xsltSetSecurityPrefs(p, option, xsltSecurityForbid);
        return p;
    }();
    return prefs;
}

struct StylesheetDeleter {
    void operator()(xsltStylesheet* s) const { xsltFreeStylesheet(s); }
};

struct Compiled {
    std::unique_ptr<xsltStylesheet, StylesheetDeleter> style;
    std::vector<Diagnostic> errors;  // why it could not be compiled
};

Compiled compile_stylesheet(const std::string& path) {
    Compiled out;
    if (!std::filesystem::is_regular_file(path)) {
        out.errors.push_back(Diagnostic{path, 0, 0, "feuille de style introuvable"});
        return out;
    }
    XsltMessages c{path, "feuille de style invalide : ", {}, {}};
    {
        XsltErrorScope scope(c);
        out.style.reset(xsltParseStylesheetFile(reinterpret_cast<const xmlChar*>(path.c_str())));
    }
    // libxslt may return a stylesheet that recorded errors: refuse it too.
    if (!out.style || out.style->errors > 0 || !c.diagnostics.empty()) {
        out.style.reset();
        out.errors = std::move(c.diagnostics);
        std::string text = one_line(c.text);
        if (!text.empty() || out.errors.empty())
            out.errors.push_back(
                Diagnostic{path, 0, 0, "feuille de style invalide" + (text.empty() ? "" : " : " + text)});
    }
    return out;
}

// The compiled stylesheet for `path`, compiled on first use and kept for
// the life of the process; or the errors that prevented it. The map only
// grows, so a reference taken under the lock stays valid.
const Compiled& stylesheet(const std::string& path) {
    static std::mutex mutex;
    static std::map<std::string, Compiled> cache;
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(path);
    if (it == cache.end()) it = cache.emplace(path, compile_stylesheet(path)).first;
    return it->second;
}

struct DocDeleter {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

struct ContextDeleter {
    void operator()(xsltTransformContext* c) const { xsltFreeTransformContext(c); }
};

RenderResult failed(std::vector<Diagnostic> diagnostics) {
    RenderResult out;
    out.diagnostics = std::move(diagnostics);
    return out;
}

// The document read by libxml2, nothing external read and no entity
// expanded; null, with the reasons in `errors`, when it cannot be.
DocPtr parse_for_render(std::string_view contents, const std::string& name, std::vector<Diagnostic>& errors) {
    // libxml2 takes the length as an int.
    if (contents.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        errors.push_back(Diagnostic{name, 0, 0, "document trop volumineux pour être rendu"});
        return nullptr;
    }
    if (std::size_t at = entity_doctype(contents); at != std::string_view::npos) {
        LineCol pos = line_col(contents, static_cast<std::ptrdiff_t>(at));
        errors.push_back(Diagnostic{name, pos.line, pos.column,
                                    "DOCTYPE refusé : il déclare des entités, qui ne sont jamais développées "
                                    "(risque d'expansion ou de fichier externe)"});
        return nullptr;
    }
    // No XML_PARSE_NOENT (entities stay unexpanded), no DTDLOAD/DTDATTR
    // (nothing external is read), NONET (no network whatever happens).
    int options = XML_PARSE_NONET | XML_PARSE_BIG_LINES;
#if LIBXML_VERSION >= 21300
    options |= XML_PARSE_NO_XXE;
#endif
    XsltMessages parse{name, "XML mal formé : ", {}, {}};
    DocPtr doc;
    {
        XsltErrorScope scope(parse);
        doc.reset(xmlReadMemory(contents.data(), static_cast<int>(contents.size()), name.c_str(), nullptr, options));
    }
    if (!doc) {
        if (parse.diagnostics.empty()) parse.diagnostics.push_back(Diagnostic{name, 0, 0, "XML mal formé"});
        errors = std::move(parse.diagnostics);
    }
    return doc;
}

// `style` applied to `doc` under `prefs`, stopped after
// `max_xpath_operations` XPath operations (0: no limit). The HTML, or why
// there is none; libxslt's messages are diagnostics either way.
RenderResult apply_stylesheet(xsltStylesheetPtr style, xmlDocPtr doc, xsltSecurityPrefsPtr prefs,
                              const std::string& name, unsigned long max_xpath_operations) {
    XsltMessages transform{name, "transformation XSLT échouée : ", {}, {}};
    RenderResult out;
    {
        XsltErrorScope scope(transform);
        std::unique_ptr<xsltTransformContext, ContextDeleter> ctxt(xsltNewTransformContext(style, doc));
        if (!ctxt) return failed({Diagnostic{name, 0, 0, "transformation XSLT impossible (mémoire insuffisante)"}});
        xsltSetCtxtSecurityPrefs(prefs, ctxt.get());
        xsltSetTransformErrorFunc(ctxt.get(), &transform, generic_error);
        // libxml2 counts the operations of every XPath evaluation made
        // through this context (libxslt makes them all there) and fails
        // the one that passes the limit; libxslt then stops.
        xmlXPathContextPtr xpath = ctxt->xpathCtxt;
        if (xpath) {
            xpath->opLimit = max_xpath_operations;
            xpath->opCount = 0;
        }
        DocPtr result(xsltApplyStylesheetUser(style, doc, nullptr, nullptr, nullptr, ctxt.get()));
        if (xpath && max_xpath_operations != 0 && xpath->opCount >= max_xpath_operations) {
            // The messages libxslt gave on the way out say nothing useful.
            return failed({Diagnostic{name, 0, 0,
                                      "rendu interrompu : document trop lourd pour les feuilles de style (plus de " +
                                          std::to_string(max_xpath_operations) + " opérations XPath)"}});
        }
        out.ok = result && ctxt->state == XSLT_STATE_OK && transform.diagnostics.empty();
        if (out.ok) {
            xmlChar* buffer = nullptr;
            int size = 0;
            if (xsltSaveResultToString(&buffer, &size, result.get(), style) == 0 && buffer) {
                out.html.assign(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(size));
                xmlFree(buffer);
            } else {
                out.ok = false;
            }
        }
    }
    out.diagnostics = std::move(transform.diagnostics);
    std::string text = one_line(transform.text);
    if (!out.ok) {
        out.html.clear();
        out.diagnostics.push_back(
            Diagnostic{name, 0, 0, "transformation XSLT échouée" + (text.empty() ? "" : " : " + text)});
    } else if (!text.empty()) {
        out.diagnostics.push_back(Diagnostic{name, 0, 0, "message XSLT : " + text});
    }
    return out;
}

}  // namespace

std::string default_stylesheet_dir() { return COOPDEC_STYLESHEET_DIR; }

RenderResult render_html(std::string_view contents, const std::string& name, const std::string& format,
                         const std::string& stylesheet_dir, unsigned long max_xpath_operations) {
    // The format becomes a file name: only the known ones are taken.
    if (std::find(kFormats.begin(), kFormats.end(), format) == kFormats.end())
        return failed({Diagnostic{name, 0, 0, "format inconnu « " + format + " » (attendu : akn, tei ou coopdec)"}});
    xsltSecurityPrefsPtr prefs = security_prefs();
    std::string dir = stylesheet_dir.empty() ? default_stylesheet_dir() : stylesheet_dir;
    const Compiled& compiled = stylesheet((std::filesystem::path(dir) / (format + ".xsl")).string());
    if (!compiled.style) return failed(compiled.errors);
    std::vector<Diagnostic> errors;
    DocPtr doc = parse_for_render(contents, name, errors);
    if (!doc) return failed(std::move(errors));
    return apply_stylesheet(compiled.style.get(), doc.get(), prefs, name, max_xpath_operations);
}

}  // namespace coopdec
