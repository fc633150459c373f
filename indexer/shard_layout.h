// @brief Where coopdec-index writes: one database, or the N shards of a
// folder and the stub that lists them (common/shards.h).
#pragma once

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

namespace coopdec {

struct ShardLayout {
    std::vector<std::string> databases;  // each shard's folder, in order; the index itself when one
    std::string stub;                    // the stub file; "" for one database
};

// The layout of the index at `path` for `requested` shards (0: as the index
// already is). A folder with a stub written by coopdec-index keeps its
// shards, and `requested` must be 0 or their number: a document's shard
// depends on the number of shards, so changing it means a new index. A
// single database cannot become shards either. Returns the layout, or a
// French message saying why not.
std::variant<ShardLayout, std::string> shard_layout(const std::string& path, std::size_t requested);

// Writes the stub of `layout` (common/shards.h, stub_text()) unless it is
// already there as it should be: a new file renamed into place, so that a
// reader never sees half of it. Returns "" or a French message.
std::string write_stub(const ShardLayout& layout);

}  // namespace coopdec
