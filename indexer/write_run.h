// @brief One indexing run's writes: the shards it holds open for writing,
// what the run reads and changes, and one prepared file taken to the index.
// Shared by the run with one writer (indexer/publish.cc) and the build in
// parts (indexer/build_in_parts.h); not a public interface.
#pragma once

#include <cstddef>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/shards.h"
#include "indexer/corpus.h"
#include "indexer/pending_writes.h"
#include "indexer/plan.h"
#include "indexer/prepare.h"
#include "indexer/shard_layout.h"
#include "indexer/source_file.h"

namespace coopdec {

// One line on the run's log.
void log_line(std::FILE* log, const std::string& message);

// One message for every failed write: it names the index and says that the
// previous state is intact (nothing of the run was committed).
void log_write_failure(std::FILE* log, const std::string& db_path, const Xapian::Error& e);

// The shards of the index, open for writing, each in its transaction.
struct Shards {
    ShardLayout layout;
    std::vector<Xapian::WritableDatabase> dbs;
    std::size_t committed = 0;  // shards committed so far, in order
    bool closed = false;

    // A document, its units, views and file signature all go to one shard.
    std::size_t of(const std::string& id) const { return shards::shard_of(id, dbs.size()); }
};

// Everything the write phase reads and changes.
struct Run {
    const IndexOptions& opt;
    std::FILE* log;
    Shards& shards;
    const Scan& scan;
    const IndexedFiles& state;
    Plan& plan;
    IndexSummary& sum;
    PendingWrites pending;            // of `shards`
    std::set<std::string> languages;  // of the index after the run

    void event(IndexEvent e, const std::string& path) const {
        if (opt.on_event) opt.on_event(e, path);
    }
};

// Deletes what `db` holds of the file `key` (whose document is `doc_id`,
// empty for none): its units, views and state. Throws what Xapian throws.
void forget_file(Xapian::WritableDatabase& db, const std::string& key, const std::string& doc_id);

// Takes one prepared file to the index: a refusal or an unchanged file is
// counted and said; a ready file's id is claimed (a clash is an error said
// on the log, the file skipped), then its units, views and file state
// replace what the index had of it, in the shard of its document. False
// when the run must stop: a write failed (said on the log, run.sum.fatal
// is the caller's to set).
bool apply(Run& run, const SourceFile& f, const Prepared& p);

}  // namespace coopdec
