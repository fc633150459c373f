// @brief Exact facet counts of a match: every match visited, on one
// database, on local shards or on shards served by xapian-tcpsrv.
#pragma once

#include <xapian.h>

#include "search/search_cache.h"

namespace coopdec {

class FacetTable;

// The exact counts of `q`, a query of the search's match (search.cc,
// build_match()). A document matches when one of its units does; its
// document unit holds the words of all of them (indexer/document.cc), a
// phrase reaches it through the units that say it (search/whole_phrase.h),
// and the parsed query has no negation (the exclusions are whole documents),
// so the document matches exactly when its document unit does: documents and
// their facets are counted on document units alone, a tenth of the units.
// Units are visited only for the per-unit facets — the units that carry
// one — or when a per-unit facet filters the match itself (`unit_level`).
// With `table` (of db's revision, one database), document units are counted
// from it rather than from their stored summaries. `remote`: a shard of
// `db` is remote, and the counts come through Xapian's own match spy.
// Throws what Xapian throws.
FacetCounts count_matches(const Xapian::Database& db, const Xapian::Query& q, bool unit_level, const FacetTable* table,
                          bool remote);

}  // namespace coopdec
