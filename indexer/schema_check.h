// @brief RelaxNG validation of the project's formats (repertoire,
// partenariat, convention, etude) against corpus/schema/<root>.rng, with
// libxml2.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/record.h"

namespace coopdec {

// The schema directory compiled in (COOPDEC_SCHEMA_DIR: the source tree's
// corpus/schema).
std::string default_schema_dir();

// Validates documents and keeps each schema compiled after its first use.
//
// Thread safety: check() may be called from several threads; calls are
// serialised by an internal mutex (libxml2 validation contexts are not
// shared, and the cache is guarded). One checker per run is the intended use.
//
// Safety: documents are parsed with no network access, no DTD loading, no
// entity substitution (and XML_PARSE_NO_XXE where libxml2 has it); a
// document whose DOCTYPE declares entities is refused, as read_xml() does.
class SchemaChecker {
public:
    // `schema_dir`: where <root>.rng files are; "" = default_schema_dir().
    // Nothing is read until the first check().
    explicit SchemaChecker(std::string schema_dir = {});
    ~SchemaChecker();
    SchemaChecker(const SchemaChecker&) = delete;
    SchemaChecker& operator=(const SchemaChecker&) = delete;

    const std::string& schema_dir() const;

    // Validates `contents` (shown as `name` in diagnostics) against
    // <schema_dir>/<root>.rng, `root` being the root element's local name.
    // Returns no diagnostic when the document is valid. Otherwise:
    //   "name:line:col: XML mal formé : <libxml2 message>"   (not well-formed)
    //   "name:line: non conforme au schéma : <libxml2 message>"
    //       (libxml2 gives validity errors a line but no column; the column
    //        is left out rather than shown as 0)
    //   "name:line:col: DOCTYPE refusé : ..."                  (entity declarations)
    //   "name: aucun schéma pour <root>"      (root is not a project format)
    //   "<schema>: schéma introuvable"  or  "<schema>:line: schéma invalide : ..."
    //       (the schema itself is missing or broken; the error is cached
    //        and repeated for every document of that type)
    std::vector<Diagnostic> check(std::string_view contents, const std::string& name, const std::string& root);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// SchemaChecker::check() with one checker per schema directory, shared by
// the whole process (created on first use, guarded by a mutex, never freed
// before exit), so each schema is compiled once per run.
// `schema_dir` "" = default_schema_dir(). Thread-safe.
std::vector<Diagnostic> check_schema(std::string_view contents, const std::string& name, const std::string& root,
                                     const std::string& schema_dir = {});

}  // namespace coopdec
