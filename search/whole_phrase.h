// @brief Phrases over whole documents: a document unit holds its units' words
// without their positions (indexer/document.cc), so a phrase said in a unit
// reaches its document unit through the unit.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace coopdec {

// The phrase of `terms` (folded, unstemmed, in order, at least two) for
// the search's match over `db`. On a unit: what OP_PHRASE matches, with its
// weight. On a document unit: a match when the phrase is in the document
// unit's own positioned text (title, summary, metadata, loose text) or in
// one of the document's units — where OP_PHRASE matched when the document
// unit kept every unit's positions — weighing what OP_PHRASE weighs (the sum
// of its terms' BM25 weights, whose wdf the document unit keeps).
// One pass over the units that hold the phrase. `remote`: a shard of `db` is
// served by xapian-tcpsrv, which runs Xapian's own posting sources only: the
// documents are then named by their id terms (slower with many). Throws
// what Xapian throws.
Xapian::Query whole_document_phrase(const Xapian::Database& db, const std::vector<std::string>& terms, bool remote);

}  // namespace coopdec
