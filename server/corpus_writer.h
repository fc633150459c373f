// @brief Durable changes to the corpus folder: a file written whole or not
// at all, and kept across a crash or a power cut once the call returns.
#pragma once

#include <optional>
#include <string>

namespace coopdec {

// Writes `content` to `dir`/`rel` (creating its missing folders): a
// temporary file in the same folder, written, fsync'ed, renamed over the
// target, then the folder fsync'ed. A reader (coopdec-index) sees the old
// file or the new one, never a part. nullopt on success, else the French
// reason naming the file; the target is then as it was (the temporary file
// removed). `rel` must already be checked (indexer/check.h).
std::optional<std::string> write_durably(const std::string& dir, const std::string& rel, const std::string& content);

// Removes `dir`/`rel` and fsyncs its folder; a file already gone is no
// error. nullopt on success, else the French reason.
std::optional<std::string> remove_durably(const std::string& dir, const std::string& rel);

// The content of `dir`/`rel`, or nullopt when there is no such file (or it
// cannot be read).
std::optional<std::string> read_corpus_file(const std::string& dir, const std::string& rel);

}  // namespace coopdec
