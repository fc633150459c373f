// @brief Phrases over whole documents: a document unit holds its units' words
// without their positions (indexer/document.cc), so a phrase said in a unit
// reaches its document unit through the unit.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/index.h"

namespace coopdec {

// The documents one of whose units says the phrase of `terms` (folded,
// unstemmed, in order, at least two), at one revision of the index.
struct PhraseDocuments {
    std::vector<std::string> terms;  // the phrase
    std::size_t count = 0;           // how many documents
    // What a query holding them serialises to (the search cache's key): the
    // phrase and the revision of the index they were read at, which together
    // decide the documents. Empty for an index with a remote shard.
    std::string key;
    // Their ids, sorted: only for an index with a remote shard, whose
    // documents a query names by their id terms; empty otherwise.
    std::vector<std::string> ids;
    // Their document units in each local shard of the index, in stub order:
    // that shard's docids, sorted. Empty when the index has a remote shard.
    std::vector<std::vector<Xapian::docid>> shard_docids;
    // Each shard's UUID, when there are several: how a shard is told apart
    // where Xapian runs the query on it (PostingSource::init).
    std::vector<std::string> shard_uuids;

    // Heap bytes held, about (for the search cache's bound).
    std::size_t bytes() const;
};

// The ids, sorted, of the documents one of whose units in `db` says the
// phrase of `terms`. Throws what Xapian throws.
std::vector<std::string> ids_saying(const Xapian::Database& db, const std::vector<std::string>& terms);

// One pass over the units that hold the phrase, then one lookup of each
// document's id term. Throws what Xapian throws.
std::shared_ptr<const PhraseDocuments> phrase_documents(const Index& index, const std::vector<std::string>& terms);

// The phrase of `terms` for the search's match, `documents` being
// phrase_documents() of it. On a unit: what OP_PHRASE matches, with its
// weight. On a document unit: a match when the phrase is in the document
// unit's own positioned text (title, summary, metadata, loose text) or in
// one of the document's units — where OP_PHRASE matched when the document
// unit kept every unit's positions — weighing what OP_PHRASE weighs (the sum
// of its terms' BM25 weights, whose wdf the document unit keeps).
// Documents with `ids` (an index with a remote shard: xapian-tcpsrv runs
// Xapian's own posting sources only) are named by their id terms, slower
// with many; the others by their docids in each shard.
Xapian::Query whole_document_phrase(const std::vector<std::string>& terms,
                                    std::shared_ptr<const PhraseDocuments> documents);

}  // namespace coopdec
