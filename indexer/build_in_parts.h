// @brief A first build written by several writers: each writes parts of
// the corpus into databases of its own, merged in order by compaction.
//
// A run that starts from an empty index
// (nothing indexed yet: a first run, or a first run that was killed) cuts
// its files into contiguous parts of about the same bytes, a few per
// writer; each writer thread takes the next part not yet taken, prepares
// AND writes its files into the part's own databases (one per shard) in the
// staging folder beside the index; then the parts are merged in order by
// Xapian's compaction into the compacted copy that is exchanged with the
// index, as compact_in_place() does for a run with one writer. Writing is
// what bounds a run with one writer (one WritableDatabase at a time); here
// each core writes. Several parts per writer, because the cost of a byte
// differs between formats (a transcript makes many more units than a
// partnership record): a writer that is done with its parts takes the
// next, so no writer waits long for another. Contiguous parts merged in
// order give every document the id one writer gives it, so the index is
// the same, term for term. A run over an existing index keeps one writer:
// a file that fails keeps what the index had of it, and documents keep
// their ids, which a copy built from the files alone would not do.
//
// What the user sees stays in the order of the files: each part's lines
// and events are kept (DeferredLog), and given out, part after part, once
// the parts before it are given out. A document id claimed in a part by a
// file when a file of an earlier part already claimed it is found then:
// that part is written again, on this thread, with every claim before it
// known, so the refusal is said exactly as one writer says it. Memory:
// each writer holds one file's documents and at most about kPendingPostings
// of Xapian's pending postings (indexer/pending_writes.h); what waits is the
// parts' messages, nothing of their documents.
#pragma once

#include <cstddef>
#include <string>

#include "indexer/write_run.h"

namespace coopdec {

// The staging folder of a run built in parts, beside the index `db_path`
// (same file system, so that the merged copy is exchanged, not copied).
std::string staging_folder(const std::string& db_path);

// The write, commit and compaction phases of a build with `writers` (≥ 2)
// writers, into run.shards (open, each in its transaction). The staging
// folder is removed at the end, whatever happened. False, having written
// nothing, when the staging folder cannot be used; otherwise run.sum says
// how it went (fatal: the index is as it was).
bool build_in_parts(Run& run, std::size_t writers);

}  // namespace coopdec
