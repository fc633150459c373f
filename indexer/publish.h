// @brief The one way into the index: publishes a set of files — the whole
// corpus, a folder, or one document — in one commit per shard.
//
// The phases, in order (each a function over plain structs):
//   scan     (indexer/plan.h)    walk the inputs, hash every file, read the
//                                gazetteer and the partnership records;
//   plan     (indexer/plan.h)    what the index remembers, what disappeared,
//                                which file owns which document id;
//   prepare  (indexer/prepare.h) read, validate, extract, build the Xapian
//                                documents, pack the source — on a second thread;
//   write                        replace each changed file's units, source
//                                and signature; delete what disappeared;
//   commit                       one commit per shard;
//   compact  (indexer/compact.h) when asked, or when the run created the index.
// A run that starts from an empty index writes with several writers
// instead: its files in contiguous parts, each prepared and written into a
// database of its own beside the index, then merged in order by compaction
// into the index (see publish.cc); the index is the one a single writer
// builds, term for term, and the messages come in the same order.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "indexer/corpus.h"

namespace coopdec {

// Publishes `targets` (files or folders; empty: every input) with the corpus
// of `options.inputs` as their context: the gazetteer and the partnership
// records are read from the whole corpus, so a document published alone is
// indexed exactly as a run over the whole corpus indexes it (same terms,
// same data, same signature). Files under the targets that are gone are
// removed; the rest of the index is left as it is. A target outside the
// corpus is published with the corpus's context. Every target is read and
// hashed; every other file of the corpus only as far as its root element,
// unless it is the gazetteer or a partnership record: publishing one
// document costs the corpus's records and a glance at each other file,
// not a read of the corpus.
//
// Locking: Xapian allows one writer per database. Every shard is opened and
// locked before any file is read; when another writer holds a lock the call
// does not wait: it returns at once with `fatal` set and « DB: index
// verrouillé : un autre coopdec-index l'écrit déjà » on `log`. Callable from
// any thread; two calls on the same index from one process are refused the
// same way (one of them gets the lock).
//
// Atomicity: one transaction per shard, committed once at the end. A
// killed or failed run publishes nothing of itself (when the commit of a
// later shard fails, the shards committed before it stay committed, and the
// message says so: running again finishes the work).
//
// What readers see: the index as it was until the commit, then as it is
// after it (each document lives in one shard, so it changes in one step).
// A reader that opened the index before the commit keeps its revision until
// it reopens. An index with no committed run reads as empty (search/index.h).
//
// Returns the summary of the run (see index_corpus() for its messages);
// an exception other than Xapian's write failures (an allocation failure,
// an exception of the preparing thread) propagates, after every shard's
// pending changes are cancelled and its lock released.
IndexSummary publish(const IndexOptions& options, const std::vector<std::string>& targets, std::FILE* log);

}  // namespace coopdec
