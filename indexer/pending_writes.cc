// @brief PendingWrites: merges value-slot changes and commits pending
// postings as the run writes.
#include "indexer/pending_writes.h"

#include "common/schema.h"

namespace coopdec {

void PendingWrites::add(std::size_t units, std::size_t postings) {
    unmerged_units_ += units;
    postings_ += postings;
    if (may_commit_ && postings_ >= kPendingPostings) {
        // A commit writes the postings, positions and value changes alike.
        for (auto& db : dbs_) db.commit();
        ++commits_;
        postings_ = 0;
        unmerged_units_ = 0;
        return;
    }
    if (unmerged_units_ < kValueMergeUnits) return;
    // Opening a value stream merges the slot changes into the tables
    // without committing (see the header); any slot does it.
    for (auto& db : dbs_) (void)db.valuestream_begin(schema::kSlotDoc);
    unmerged_units_ = 0;
}

}  // namespace coopdec
