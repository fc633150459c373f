// @brief The prepare phase: one file read, validated, extracted and turned
// into Xapian documents, ready for the writer.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "indexer/corpus.h"
#include "indexer/document.h"
#include "indexer/plan.h"
#include "indexer/source_file.h"

namespace coopdec {

// What prepare() reads and never changes: the prepare() of the next files
// may read it on another thread while the writer works.
struct PrepareInputs {
    const IndexOptions& options;
    const std::map<std::string, FileState>& known;  // file key → state, from the index
    const CorpusContext& context;
    const std::string base_sig;  // schema version and gazetteer, in every signature
};

// One file made ready to write. Every message is a whole line for the log,
// in the order the run gives them.
struct Prepared {
    enum class Step {
        refused,     // over the size limit, unread (messages: why)
        unchanged,   // same signature as in the index: nothing to do
        unreadable,  // could not be read (messages: why)
        invalid,     // not well-formed, not valid... (messages: the diagnostics)
        ready,       // units built (messages: warnings, `warnings` of them)
    };
    Step step = Step::ready;
    std::vector<std::string> messages;
    std::size_t warnings = 0;
    std::string sig;   // the file's signature once indexed
    std::string text;  // its bytes
    Record record;
    std::vector<UnitDocument> units;
    // Its bytes as the index stores them (common/stored_blob.h), packed here
    // rather than by the writer, the busier thread; "" without units. The
    // server renders the page from them (server/page_views.h).
    std::string source_view;
};

// The signature base of a run: the schema version and the gazetteer read.
std::string base_signature(const CorpusContext& context);

// Everything done for a file before writing it: the signature check,
// reading, extraction, validation, the Xapian documents, the packed source.
// Reads only `in` and the file, so it can run on another thread than the
// writer. Never throws for a bad file: the step and messages say it.
Prepared prepare(const SourceFile& file, const PrepareInputs& in);

}  // namespace coopdec
