// @brief Indexes a corpus into a Xapian database: walks the inputs, skips
// unchanged files, replaces changed ones, removes deleted ones, commits.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace coopdec {

struct IndexOptions {
    std::string db_path;              // created when missing
    std::vector<std::string> inputs;  // files or folders (walked recursively for *.xml)
    std::string schema_dir;           // RELAX NG schemas of the project formats
    std::string stylesheet_dir;       // XSLT stylesheets rendering each document ("" = compiled-in default)
    bool progress = false;            // draw a progress line on `log`
    size_t commit_every = 5000;       // units between intermediate commits
};

struct IndexSummary {
    size_t files = 0;      // XML files found under the inputs
    size_t documents = 0;  // documents (re)indexed in this run
    size_t units = 0;      // Xapian documents written in this run (units + document units)
    size_t skipped = 0;    // unchanged files not read again
    size_t removed = 0;    // files gone from the inputs whose units were deleted
    size_t errors = 0;     // files reported and not (re)indexed
    size_t warnings = 0;   // problems reported on files that were indexed all the same
    size_t total_documents = 0;  // documents in the index after the run
    double seconds = 0;
    bool fatal = false;    // the index could not be opened, or the commit failed
};

// Runs one indexing pass. Every problem goes to `log` as "path:line:col:
// message" (or "path: message"); a bad file never stops the run and never
// costs what the index already had for it. Nothing is visible to readers
// until a commit, and the run commits every `commit_every` units and at the
// end, so a killed run leaves the index as of its last commit.
// Returns the summary; `fatal` is set (and nothing is written) when the
// database cannot be opened (locked, read-only, another schema) or the final
// commit fails.
IndexSummary index_corpus(const IndexOptions& options, std::FILE* log);

}  // namespace coopdec
