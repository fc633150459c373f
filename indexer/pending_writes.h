// @brief Bounds what a run's writable databases hold in memory between two
// writes to their tables.
//
// Glass holds two kinds of changes in memory:
// - postings and positions, written to the tables every
//   XAPIAN_FLUSH_THRESHOLD changed documents. A count of documents, not of
//   words: 2,000 units of a few words weigh little, 2,000 partnership
//   records of 700 words each (one unit apiece) weigh tens of MB per writer.
// - value-slot changes, merged only at a commit or when a value stream is
//   opened on the writable database (GlassWritableDatabase::open_value_list:
//   "flush (but don't commit - there may be a transaction in progress)"),
//   about 1 KB per unit.
// PendingWrites counts both as the run writes and, past a bound, writes
// them out.
#pragma once
#include <cstddef>
#include <vector>

#include <xapian.h>

namespace coopdec {

// Units between two merges of the pending value-slot changes: a few MB of
// them at most, and a merge rewrites little (the last chunk of each slot).
constexpr std::size_t kValueMergeUnits = 1000;

// Postings (one term of one unit, with its positions) between two commits of
// databases that may commit: about 25 MB of Xapian's pending changes.
constexpr std::size_t kPendingPostings = 150'000;

class PendingWrites {
public:
    // `dbs` outlive this object. `may_commit`: the databases are in no
    // transaction (a part of a build, indexer/parts.h), so their pending
    // postings may be committed whenever; in a transaction they wait for
    // Xapian's own threshold, since glass offers no flush without a commit.
    PendingWrites(std::vector<Xapian::WritableDatabase>& dbs, bool may_commit) : dbs_(dbs), may_commit_(may_commit) {}

    // `units` more units written or deleted, `postings` more postings added
    // by them. Merges the value-slot changes of every database every
    // kValueMergeUnits units; commits every database once kPendingPostings
    // postings have piled up, when it may. Throws what Xapian throws on a
    // failed write.
    void add(std::size_t units, std::size_t postings);

    std::size_t commits() const { return commits_; }  // made by add()

private:
    std::vector<Xapian::WritableDatabase>& dbs_;
    bool may_commit_;
    std::size_t unmerged_units_ = 0;  // since the last merge or commit
    std::size_t postings_ = 0;        // since the last commit
    std::size_t commits_ = 0;
};

// The postings a unit adds: one per distinct term.
inline std::size_t postings_of(const Xapian::Document& unit) { return unit.termlist_count(); }

}  // namespace coopdec
