// @brief SchemaChecker: libxml2 RelaxNG validation with a cache of compiled
// schemas and errors collected as Diagnostics.
#include "indexer/schema_check.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <mutex>

#include "indexer/xml_read.h"

#ifndef COOPDEC_SCHEMA_DIR
#define COOPDEC_SCHEMA_DIR "corpus/schema"
#endif

namespace coopdec {

// A compiled schema, or why it could not be compiled. Outside the
// anonymous namespace: SchemaChecker::Impl, a class of the header, holds it.
struct CompiledSchema {
    xmlRelaxNGPtr schema = nullptr;
    std::vector<Diagnostic> errors;
};

namespace {

constexpr std::array<std::string_view, 4> kSchemaRoots = {"repertoire", "partenariat", "convention", "etude"};

// Where libxml2 reports errors while one step runs.
struct SchemaMessages {
    std::string path;    // shown in diagnostics
    std::string prefix;  // "non conforme au schéma : "...
    std::vector<Diagnostic> diagnostics;
};

std::string trimmed(const char* message) {
    std::string s = message ? message : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

// libxml2 2.12 made the error argument const; accept both.
#if LIBXML_VERSION >= 21200
void collect(void* data, const xmlError* error) {
#else
void collect(void* data, xmlErrorPtr error) {
#endif
    if (!data || !error || error->level < XML_ERR_ERROR) return;
    auto* c = static_cast<SchemaMessages*>(data);
    // Parser errors carry the column in int2; validity errors have none.
    int column = error->domain == XML_FROM_PARSER ? error->int2 : 0;
    c->diagnostics.push_back(Diagnostic{c->path, error->line, column, c->prefix + trimmed(error->message)});
}

// Routes libxml2's per-thread structured error handler (used while parsing a
// document) to a collector for the lifetime of this object.
class SchemaErrorScope {
public:
    explicit SchemaErrorScope(SchemaMessages& c) { xmlSetStructuredErrorFunc(&c, collect); }
    ~SchemaErrorScope() { xmlSetStructuredErrorFunc(nullptr, nullptr); }
    SchemaErrorScope(const SchemaErrorScope&) = delete;
    SchemaErrorScope& operator=(const SchemaErrorScope&) = delete;
};

CompiledSchema compile_schema(const std::string& path) {
    CompiledSchema out;
    if (!std::filesystem::is_regular_file(path)) {
        out.errors.push_back(Diagnostic{path, 0, 0, "schéma introuvable"});
        return out;
    }
    SchemaMessages c{path, "schéma invalide : ", {}};
    SchemaErrorScope scope(c);
    xmlRelaxNGParserCtxtPtr parser = xmlRelaxNGNewParserCtxt(path.c_str());
    xmlRelaxNGSetParserStructuredErrors(parser, collect, &c);
    out.schema = xmlRelaxNGParse(parser);
    xmlRelaxNGFreeParserCtxt(parser);
    if (!out.schema) {
        out.errors = std::move(c.diagnostics);
        if (out.errors.empty()) out.errors.push_back(Diagnostic{path, 0, 0, "schéma invalide"});
    }
    return out;
}

}  // namespace

std::string default_schema_dir() { return COOPDEC_SCHEMA_DIR; }

struct SchemaChecker::Impl {
    std::string dir;
    std::mutex mutex;
    std::map<std::string, CompiledSchema> cache;  // by root name

    ~Impl() {
        for (auto& [root, compiled] : cache)
            if (compiled.schema) xmlRelaxNGFree(compiled.schema);
    }
};

SchemaChecker::SchemaChecker(std::string schema_dir) : impl_(std::make_unique<Impl>()) {
    impl_->dir = schema_dir.empty() ? default_schema_dir() : std::move(schema_dir);
    xmlInitParser();
}

SchemaChecker::~SchemaChecker() = default;

const std::string& SchemaChecker::schema_dir() const { return impl_->dir; }

std::vector<Diagnostic> SchemaChecker::check(std::string_view contents, const std::string& name,
                                             const std::string& root) {
    // The root name becomes a file name: only the four known ones are taken.
    if (std::find(kSchemaRoots.begin(), kSchemaRoots.end(), root) == kSchemaRoots.end())
        return {Diagnostic{name, 0, 0, "aucun schéma pour <" + root + ">"}};

    std::lock_guard<std::mutex> lock(impl_->mutex);
    auto it = impl_->cache.find(root);
    if (it == impl_->cache.end())
        it = impl_->cache.emplace(root, compile_schema((std::filesystem::path(impl_->dir) / (root + ".rng")).string()))
                 .first;
    const CompiledSchema& compiled = it->second;
    if (!compiled.schema) return compiled.errors;

    // No XML_PARSE_NOENT (entities stay unexpanded), no DTDLOAD/DTDATTR
    // (nothing external is read), NONET (no network whatever happens).
    int options = XML_PARSE_NONET | XML_PARSE_BIG_LINES;
#if LIBXML_VERSION >= 21300
    options |= XML_PARSE_NO_XXE;
#endif
    // Checked on the text, before libxml2 sees it: libxml2 would refuse a
    // billion laughs with its own "entity reference loop" errors, but
    // read_xml()'s message is the one users should see, and no entity must
    // be parsed at all.
    if (std::size_t at = entity_doctype(contents); at != std::string_view::npos) {
        LineCol pos = line_col(contents, static_cast<std::ptrdiff_t>(at));
        return {Diagnostic{name, pos.line, pos.column,
                           "DOCTYPE refusé : il déclare des entités, qui ne sont jamais développées "
                           "(risque d'expansion ou de fichier externe)"}};
    }
    SchemaMessages parse_errors{name, "XML mal formé : ", {}};
    xmlDocPtr doc = nullptr;
    {
        SchemaErrorScope scope(parse_errors);
        doc = xmlReadMemory(contents.data(), static_cast<int>(contents.size()), name.c_str(), nullptr, options);
    }
    if (!doc) {
        if (parse_errors.diagnostics.empty())
            parse_errors.diagnostics.push_back(Diagnostic{name, 0, 0, "XML mal formé"});
        return parse_errors.diagnostics;
    }

    SchemaMessages validity{name, "non conforme au schéma : ", {}};
    xmlRelaxNGValidCtxtPtr valid = xmlRelaxNGNewValidCtxt(compiled.schema);
    xmlRelaxNGSetValidStructuredErrors(valid, collect, &validity);
    int result = xmlRelaxNGValidateDoc(valid, doc);
    xmlRelaxNGFreeValidCtxt(valid);
    xmlFreeDoc(doc);
    if (result != 0 && validity.diagnostics.empty())
        validity.diagnostics.push_back(Diagnostic{name, 0, 0, "non conforme au schéma"});
    return validity.diagnostics;
}

std::vector<Diagnostic> check_schema(std::string_view contents, const std::string& name, const std::string& root,
                                     const std::string& schema_dir) {
    // Checkers are created once and kept: a schema compiled for one file
    // serves every other file of the run. The map only grows (one entry per
    // directory), so a reference taken under the lock stays valid.
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<SchemaChecker>> checkers;
    SchemaChecker* checker = nullptr;
    {
        std::lock_guard<std::mutex> lock(mutex);
        std::string dir = schema_dir.empty() ? default_schema_dir() : schema_dir;
        auto& slot = checkers[dir];
        if (!slot) slot = std::make_unique<SchemaChecker>(dir);
        checker = slot.get();
    }
    return checker->check(contents, name, root);
}

}  // namespace coopdec
