// @brief What the files of the corpus give to the others (the gazetteer's
// places, the partnership records' inherited fields), remembered between
// publications of one process, per file, while the file is unchanged.
//
// A publication of one document needs the context of the whole corpus
// (indexer/plan.h): without this, each would read and extract every record
// again, seconds at 100,000 documents. A file counts as unchanged while its
// device, inode, size, modification time and status-change time (which no
// program can set back) are those it had when it was read.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "indexer/record.h"

namespace coopdec {

// The identity of a file's contents as the file system gives it.
struct FileIdentity {
    std::uint64_t device = 0, inode = 0, size = 0;
    std::int64_t mtime_ns = 0, ctime_ns = 0;
    bool operator==(const FileIdentity&) const = default;
};

// The identity of the file at `path`, or nothing when it cannot be had.
std::optional<FileIdentity> identity_of(const std::string& path);

// What one file gives to the context.
struct ContextEntry {
    FileIdentity identity;
    std::string root;  // its root element's local name, "" when unknown
    std::string hash;  // content_hash() of its bytes: gazetteer and records only
    bool has_record = false;
    Record record;  // the gazetteer whole, or a record's inherited_fields()
};

// Thread-safe; an entry found stays valid when it is replaced.
class ContextCache {
public:
    // The entry of `path` when its identity is still `now`.
    std::shared_ptr<const ContextEntry> find(const std::string& path, const FileIdentity& now) const;
    // Keeps `entry`, unless its file changed less than the settle time ago
    // (a change within the file system's clock tick, a few milliseconds,
    // with the same size, would not show in its identity).
    void put(const std::string& path, ContextEntry entry);
    void clear();
    // How many files it holds.
    std::size_t size() const;
    // How long a file must have been left unchanged to be kept (2 s; the
    // tests set 0 to make the cache keep what they have just written).
    void set_settle(std::chrono::nanoseconds settle);

private:
    mutable std::mutex mutex_;
    std::chrono::nanoseconds settle_{std::chrono::seconds(2)};
    std::unordered_map<std::string, std::shared_ptr<const ContextEntry>> entries_;
};

// The process's cache, shared by every publication.
ContextCache& context_cache();

}  // namespace coopdec
