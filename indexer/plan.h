// @brief The first phases of a run, before anything is written: scan the
// inputs (every file's identity and hash, the gazetteer and the partnership
// records), read what the index remembers, and plan what changed and what
// disappeared.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "indexer/corpus.h"
#include "indexer/document.h"
#include "indexer/gazetteer.h"
#include "indexer/source_file.h"

namespace coopdec {

// What every document of a run inherits from the corpus, read in the scan:
// the places of the gazetteer and the partnership records' facets.
struct CorpusContext {
    Gazetteer gazetteer;
    PartnershipMap partnerships;
    std::map<std::string, std::string> partnership_hashes;  // record id → content hash
    std::string gazetteer_hash;                             // "" when no gazetteer was read
};

// The scan of the inputs: the files to publish and the corpus around them.
struct Scan {
    std::vector<std::string> corpus_paths;  // every file walked under the corpus, in the walk's order
    std::vector<std::string> target_paths;  // the files to publish, in the walk's order
    std::set<std::string> present;          // file keys of every target walked, even unreadable ones
    std::vector<std::string> roots;         // absolute paths of the targets: what disappeared under them is removed
    std::vector<SourceFile> files;          // the target files read (see read_corpus()), in the walk's order
    CorpusContext context;
};

// Walks the corpus (`options.inputs`: files or folders) and the `targets`
// (files or folders to publish; empty: the whole corpus), reading nothing
// but folders. What cannot be walked is said on `log` and counted in
// `sum.errors`; `sum.files` is the number of target files.
Scan walk_inputs(const IndexOptions& options, const std::vector<std::string>& targets, std::FILE* log,
                 IndexSummary& sum);

// Hashes every target file into `scan.files`, and reads the gazetteer and
// the partnership records in full into `scan.context`; a file that is not a
// target is read only as far as its root element when that is neither. A file over
// `options.max_bytes` is not read (its SourceFile carries the refusal). A
// target that cannot be read is reported on `log` ("path: lecture
// impossible"), counted in `sum.errors` and given to `on_failed`.
void read_corpus(Scan& scan, const IndexOptions& options, std::FILE* log, IndexSummary& sum,
                 const std::function<void(const std::string& path)>& on_failed);

// Reads what every file of the corpus (`options.inputs`) gives to the
// context into the process's cache (indexer/context_cache.h), as
// read_corpus() does for the files it does not publish: the first
// publication of a process then reads only what changed since. Says
// nothing; a file that cannot be read is skipped. Stops at the next file
// once `stop` (when given) is true. Thread-safe.
void warm_context(const IndexOptions& options, const std::atomic<bool>* stop = nullptr);

// What the index remembers of the files of earlier runs.
struct IndexedFiles {
    std::map<std::string, FileState> known;  // file key → state
    // Where each known file's state is: (shard, its document id there). One
    // shard, but for a file whose document changed id, and so shard, in a
    // run killed between the commits of its two shards: both are cleaned.
    std::map<std::string, std::vector<std::pair<std::size_t, std::string>>> held;
    std::set<std::string> languages;  // the analysis languages of the documents indexed
    bool created = true;              // the index held nothing before this run
};

// Adds what shard `shard` remembers to `state`. Throws Xapian::Error; the
// caller names the shard.
void read_indexed_files(Xapian::WritableDatabase& db, std::size_t shard, IndexedFiles& state);

// What the run will change besides the files it (re)indexes.
struct Plan {
    // Document id → file key of the file that owns it: a file that claims
    // an id another file holds is refused.
    std::map<std::string, std::string> owner;
    std::vector<std::string> gone;  // keys of known files under the targets that disappeared, in key order
};

Plan plan(const Scan& scan, const IndexedFiles& state);

}  // namespace coopdec
