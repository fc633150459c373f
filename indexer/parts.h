// @brief How a run that builds a whole index splits its files among
// several writers: how many writers, and which contiguous files each takes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "indexer/source_file.h"

namespace coopdec {

// The most writers coopdec-index runs unless told otherwise: a writer is
// one core's work (it prepares and writes its own files), and a run on
// more than two cores is rarely the indexer's alone.
inline constexpr std::size_t kDefaultMaxWriters = 2;

// The most writers COOPDEC_INDEX_WRITERS may ask for.
inline constexpr std::size_t kMaxWriters = 16;

// The number of writers of a build when `requested` is 0 (automatic): the
// cores the system reports, at most kDefaultMaxWriters, at least 1.
// Otherwise `requested`.
std::size_t writer_count(std::size_t requested);

// COOPDEC_INDEX_WRITERS's value: 1 to kMaxWriters writers. nullopt for
// anything else (the caller says why, in French).
std::optional<std::size_t> parse_writers(const char* value);

// `files` cut into at most `parts` (≥ 1) contiguous, non-empty ranges
// [first, last), in order, covering every file, each holding about the same
// number of bytes (each file's size on the file system; a file whose size
// cannot be had counts as empty). Fewer ranges when there are fewer files;
// none when there is no file.
std::vector<std::pair<std::size_t, std::size_t>> split_by_bytes(const std::vector<SourceFile>& files,
                                                                std::size_t parts);

}  // namespace coopdec
