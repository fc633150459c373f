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

class FacetTable;

// Where the phrase of `terms` (folded, unstemmed, in order, at least two)
// holds, at one revision of the index: the documents one of whose units
// says it, and the Xapian documents the phrase matches once those are known.
struct PhraseDocuments {
    std::vector<std::string> terms;  // the phrase
    std::size_t count = 0;           // how many documents one of whose units says it
    // What a query holding them serialises to (the search cache's key): the
    // phrase and the revision of the index they were read at, which together
    // decide the documents. Empty for an index with a remote shard.
    std::string key;
    // Their ids, sorted: only for an index with a remote shard, whose
    // documents a query names by their id terms; empty otherwise.
    std::vector<std::string> ids;
    // In each local shard of the index, in stub order, that shard's docids,
    // sorted, of said_in(). Empty when the index has a remote shard.
    std::vector<std::vector<Xapian::docid>> shard_docids;
    // Each shard's UUID, when there are several: how a shard is told apart
    // where Xapian runs the query on it (PostingSource::init).
    std::vector<std::string> shard_uuids;

    // Heap bytes held, about (for the search cache's bound).
    std::size_t bytes() const;
};

// The docids, sorted, of the Xapian documents of `db` (one database, not a
// combination of shards) where the phrase of `terms` holds: each unit that
// says it; each document unit that says it in its own positioned text
// (title, summary, metadata, loose text); each document unit one of whose
// units says it. `documents`, when given, is set to how many documents one
// of whose units says it. One positional pass over the units, one over the
// document units; each document's unit found in `table` (the facet table
// of `db`'s revision, when given) or by its id term. Throws what Xapian
// throws.
std::vector<Xapian::docid> said_in(const Xapian::Database& db, const std::vector<std::string>& terms,
                                   std::size_t* documents = nullptr, const FacetTable* table = nullptr);

// The ids, sorted, of the documents one of whose units in `db` says the
// phrase of `terms`. Throws what Xapian throws.
std::vector<std::string> ids_saying(const Xapian::Database& db, const std::vector<std::string>& terms);

// said_in() of each local shard of `index`, or ids_saying() of an index
// with a remote shard. `table`: the facet table of `index`'s revision, or
// nullptr (it serves an index of one shard only). Throws what Xapian throws.
std::shared_ptr<const PhraseDocuments> phrase_documents(const Index& index, const std::vector<std::string>& terms,
                                                        const FacetTable* table = nullptr);

// The phrase of `terms` for the search's match, `documents` being
// phrase_documents() of it. On a unit: what OP_PHRASE matches, with its
// weight. On a document unit: a match when the phrase is in the document
// unit's own positioned text (title, summary, metadata, loose text) or in
// one of the document's units — where OP_PHRASE matched when the document
// unit kept every unit's positions — weighing what OP_PHRASE weighs (the sum
// of its terms' BM25 weights, whose wdf the document unit keeps). On a local
// index, no position is read: the match is the AND of the terms, filtered
// by the docids of said_in(), one step or binary search a candidate.
// Documents with `ids` (an index with a remote shard: xapian-tcpsrv runs
// Xapian's own posting sources only) are named by their id terms, slower
// with many, and the phrase is checked on the units.
Xapian::Query whole_document_phrase(const std::vector<std::string>& terms,
                                    std::shared_ptr<const PhraseDocuments> documents);

}  // namespace coopdec
