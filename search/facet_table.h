// @brief Every document's facet values as small integers, read once per
// revision of the index, so that counting a match is an array lookup.
//
// Exact counts visit every matching document. Reading and splitting each
// one's facet summary (schema::kSlotFacets) was most of a search's time on
// a large corpus (a B-tree lookup and a parse per match). The table holds the
// same values for every document unit, each facet's values numbered in
// their sorted order: a match costs a few increments. It also finds a
// document's unit by a hash of its id, for the phrases (search/whole_phrase.h):
// a lookup in memory instead of a B-tree descent for each document.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/schema.h"

namespace coopdec {

class FacetTable {
public:
    // Reads the facet summary of every document unit of `db` (its current
    // revision, `revision` as IndexRevision::key() says it; every shard of
    // a local sharded index, by combined docid): one pass over the XKIND:doc
    // postings and the summary values. Per-unit facets (the role) are not in it: document units do not
    // carry them. Throws what Xapian throws.
    FacetTable(const Xapian::Database& db, std::string revision);

    // The revision it was read from.
    const std::string& revision() const { return revision_; }

    // Calls add(facet, value id) for each document-level facet value of the
    // document unit `did`, in the order of its summary. Returns false, having
    // called nothing, when `did` is not a document unit of that revision.
    template <class F>
    bool for_each_value(Xapian::docid did, F&& add) const {
        if (did >= row_.size() || row_[did] == 0) return false;
        const std::uint32_t* cell = cells_.data() + (row_[did] - 1);
        for (std::size_t f = 0; f < schema::kFacets.size(); ++f) {
            std::uint32_t n = *cell++;
            for (std::uint32_t i = 0; i < n; ++i) add(f, *cell++);
        }
        return true;
    }

    // A document id's hash, as the table keys document units by it.
    static std::uint64_t id_hash(std::string_view id);

    // The document unit of the document whose id hashes to `hash`
    // (id_hash()), or 0: no document unit of that revision has it, or the
    // ids of several share it (ask the index for the id term then). An id
    // that no document unit has but whose hash is one's is taken for it:
    // the caller asks for the ids of units, and every unit's document has
    // its document unit (indexer/document.cc). Sorted `hashes` are looked up
    // in one walk: out[i] is the document unit of hashes[i].
    std::vector<Xapian::docid> document_units(const std::vector<std::uint64_t>& hashes) const;

    // The values of facet `f`, sorted (byte order); a value id indexes it.
    const std::vector<std::string>& values(std::size_t f) const { return values_[f]; }

    // Heap bytes held, about (for /metrics).
    std::size_t bytes() const;

private:
    std::string revision_;
    std::vector<std::uint32_t> row_;    // docid → 1 + offset of its row in cells_, 0 = not a document unit
    std::vector<std::uint32_t> cells_;  // per row, per facet: the count n, then n value ids
    std::array<std::vector<std::string>, schema::kFacets.size()> values_;
    // Every document unit by its id's hash, sorted by hash (parallel
    // arrays: 12 bytes a document); a hash that several ids share is not in.
    std::vector<std::uint64_t> id_hashes_;
    std::vector<Xapian::docid> id_docids_;
};

}  // namespace coopdec
