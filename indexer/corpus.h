// @brief Indexes a corpus into a Xapian database: walks the inputs, skips
// unchanged files, replaces changed ones, removes deleted ones, commits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "indexer/extract.h"

namespace coopdec {

// What happened to one file, or to the run, as it happens (see `on_event`).
enum class IndexEvent {
    indexed,     // the file's units were (re)written
    unchanged,   // the file was skipped: same signature as in the index
    failed,      // the file was reported and left as the index had it
    removed,     // the file is gone from the inputs: its units were deleted
    committing,  // every change is written; the one commit that publishes them starts
    compacting,  // committed; the index is being rewritten compacted (see `compact`)
};

struct IndexOptions {
    std::string db_path;  // created when missing
    // 0: the index at db_path as it is (one database, or the shards of a
    // folder with a stub). N: db_path/shard-0 … shard-(N-1), each document
    // in the shard of its id (common/shards.h), and db_path/stub listing
    // them; an existing index must have N shards (shard_layout()).
    std::size_t shards = 0;
    std::vector<std::string> inputs;  // files or folders (walked recursively for *.xml)
    std::string schema_dir;           // RELAX NG schemas of the project formats
    bool progress = false;            // draw a progress line on `log`
    bool rebuild = false;             // re-index every file, even those whose signature is unchanged
    // Rewrite the index compacted after the commit (compact_in_place()),
    // as a run that creates the index always does. About a third smaller and
    // faster to read; costs a copy of the index, in time and in disk space
    // while it runs. A failed compaction is a warning: the commit stands.
    bool compact = false;
    // The largest file taken (coopdec-index --max-size). A larger one is
    // refused by its size on the file system, before it is read ("path:1:1:
    // fichier trop volumineux : …", see too_large()), like any bad file:
    // reported, counted in `errors`, what the index had of it kept. Files of
    // the project's formats stay limited to kMaxProjectDocumentBytes too.
    std::size_t max_bytes = kMaxDocumentBytes;
    // Called on the calling thread after each file (in the walk's order) and
    // once before the final commit, with the file's path as found ("" for
    // `committing` and `compacting`). Optional.
    std::function<void(IndexEvent, const std::string& path)> on_event;
    // Writers of a run that builds the whole index (see publish.h): 0 for
    // the cores of the system, at most 2 (writer_count(), indexer/parts.h);
    // 1 for one writer, as any other run has. coopdec-index reads it from
    // COOPDEC_INDEX_WRITERS.
    std::size_t writers = 0;
};

struct IndexSummary {
    size_t files = 0;                 // XML files found under the inputs
    size_t documents = 0;             // documents (re)indexed in this run
    size_t units = 0;                 // Xapian documents written in this run (units + document units)
    size_t skipped = 0;               // unchanged files not read again
    size_t removed = 0;               // files gone from the inputs whose units were deleted
    size_t errors = 0;                // files reported and not (re)indexed
    size_t warnings = 0;              // problems reported on files that were indexed all the same
    size_t total_documents = 0;       // documents in the index after the run
    bool compacted = false;           // the index was rewritten compacted
    std::uintmax_t bytes_before = 0;  // its size on disk before and after, when compacted
    std::uintmax_t bytes_after = 0;
    double seconds = 0;
    size_t writers = 1;  // threads that wrote: several when the run built the whole index in parts
    bool fatal = false;  // the index could not be opened, or the commit failed
};

// Runs one indexing pass over the whole corpus: publish(options, {}, log)
// (indexer/publish.h, which gives the phases and the locking). Every problem goes to `log` as "path:line:col:
// message" (or "path: message"); a bad file never stops the run and never
// costs what the index already had for it.
//
// A run is atomic for readers: all its changes (units, stored views, file
// signatures, languages, schema version) are published by ONE commit at the
// end (one per shard, one after the other: each document, in one shard,
// changes in one step). A reader sees the index as it was before the run, then as it is after
// it, never in between; a run that is killed, or fails, leaves the index
// exactly as it was, and the next run redoes its work.
// Returns the summary; `fatal` is set, with one message naming the index on
// `log`, and nothing is published when the database cannot be opened
// (locked, read-only, another schema) or written (disk full...).
IndexSummary index_corpus(const IndexOptions& options, std::FILE* log);

}  // namespace coopdec
