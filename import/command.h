// @brief coopdec-import's command line and its run: file → text → repair →
// metadata → structure → checked corpus document, written or shown.
#pragma once

#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "import/model.h"

namespace coopdec::import {

struct ImportRequest {
    bool repair_only = false;  // --repair-only: repaired text on stdout, changes on stderr
    std::string input;
    Metadata meta;
    bool type_given = false;
    std::string corpus_dir;               // --corpus (default: the bundled corpus)
    std::string schema_dir;               // --schemas (default: the bundled schemas)
    std::string word_list;                // --word-list (default: wfrench's)
    std::vector<std::string> note_calls;  // --detach-note, repeatable
    bool repair = true;                   // --no-repair turns it off
    bool ask = false;                     // --ask: prompt for missing metadata even without a terminal
    bool dry_run = false;                 // --dry-run: show, write nothing
    bool force = false;                   // --force: replace an existing document
    // --report FILE: what the run found, as JSON, written whatever the
    // outcome (for the server's uploads: see write_import_report()).
    std::string report;
    bool help = false;
};

// Parses the arguments (argv[0] excluded). Throws ImportError with the
// French message for a usage error (unknown option, missing value, unknown
// type, no input file).
ImportRequest parse_import_args(const std::vector<std::string>& args);

// The usage text, in French.
extern const char* const kImportUsage;

// Asks the user for a value; nullopt at end of input. Called only for
// missing metadata, when stdin is a terminal or --ask is given.
using Ask = std::function<std::optional<std::string>(const std::string& question)>;

// Runs the import. Messages (changes, doubts, what was recognised, errors)
// go to err, the repaired text (--repair-only) or the document (--dry-run)
// to out. Returns the exit status: 0 done, 1 refused (unreadable file,
// converter missing, missing or unknown metadata, existing document without
// --force…), 2 the word list or the corpus folder cannot be found. Never
// throws.
// What --report writes, one JSON object:
//   {"ok": bool, "status": exit status, "id": "conv-x", "path": "conventions/conv-x.xml",
//    "format": "PDF" | "Word/OpenDocument" | "texte" | "",
//    "structure": ["2 sections, 14 paragraphes…", …]   (what was recognised),
//    "repairs": [{"line": 2, "column": 4, "from": "coop®ration", "to": "coopération"}, …],
//    "doubts": [{"line": 3, "column": 1, "word": "…", "message": "…"}, …]   (« à vérifier »,
//              glued footnote calls included),
//    "messages": ["…", …]   (every line written to err, in order),
//    "xml": "<?xml …"   ("" unless ok)}
// Strings are UTF-8; the file is replaced whole.
int run_import(const ImportRequest& request, const Ask& ask, bool interactive, std::FILE* out, std::FILE* err);

}  // namespace coopdec::import
