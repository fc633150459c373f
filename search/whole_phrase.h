// @brief Phrases over whole documents: a document unit holds its units' words
// without their positions (indexer/document.cc), so a phrase said in a unit
// reaches its document unit through the unit.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/index.h"

namespace coopdec {

// The documents one of whose units says the phrase of `terms` (folded,
// unstemmed, in order, at least two).
struct PhraseDocuments {
    std::vector<std::string> ids;  // their ids, sorted
    std::string serialised;        // the same, one a line: what a query holding them serialises to
    // Their document units in each local shard of the index, in stub order:
    // that shard's docids, sorted. Empty when the index has a remote shard.
    std::vector<std::vector<Xapian::docid>> shard_docids;
    // Each shard's UUID, when there are several: how a shard is told apart
    // where Xapian runs the query on it (PostingSource::init).
    std::vector<std::string> shard_uuids;
};

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
// `remote`: a shard is served by xapian-tcpsrv, which runs Xapian's own
// posting sources only: the documents are then named by their id terms
// (slower with many).
Xapian::Query whole_document_phrase(const std::vector<std::string>& terms,
                                    std::shared_ptr<const PhraseDocuments> documents, bool remote);

}  // namespace coopdec
