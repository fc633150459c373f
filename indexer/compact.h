// @brief Rewrites a committed index compacted, in place, in one step for
// its readers.
//
// An index written in one run is about a third larger than it needs to be:
// glass leaves its B-tree blocks partly empty so that later changes fit.
// xapian-compact's copy packs them full; readers are faster on it too.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace coopdec {

struct CompactResult {
    bool ok = false;
    std::string error;          // why not, in French, when !ok
    std::uintmax_t before = 0;  // bytes on disk of the index, before and after
    std::uintmax_t after = 0;
};

// Writes a compacted copy of the index at `path` beside it
// (`path.compactage`), with the same documents, document ids, values and
// metadata, then puts it in its place with one atomic exchange of the two
// folders (renameat2 RENAME_EXCHANGE; two renames on a file system that
// lacks it), and removes the old folder. A reader that had the old index
// open keeps reading it until it reopens; none ever sees half of either.
//
// Precondition: the caller holds the index's writer lock (an open
// Xapian::WritableDatabase on `path` with nothing pending), so that no
// other writer changes it meanwhile. A leftover `path.compactage` (a run
// killed while compacting) is removed first. On failure `path` is left as it
// was, and so is the caller's index.
CompactResult compact_in_place(const std::string& path);

// The same for an index built in parts (indexer/parts.h): writes the
// compaction of the databases `parts`, merged in their order, beside `path`
// (`path.compactage`) and exchanges it with `path` in one step. Documents
// keep their order: those of parts[0] first, numbered from 1 without gaps
// when each part's are. Metadata is merged: a key must be in one part only
// (when not, the first part that has it gives the value). `before` is the
// bytes of the parts, `after` those of the index. The parts are left as
// they are. Same precondition and failure as compact_in_place(): on failure
// `path` is left as it was.
CompactResult merge_in_place(const std::vector<std::string>& parts, const std::string& path);

}  // namespace coopdec
