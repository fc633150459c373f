// @brief The context cache: entries by absolute path, checked by identity.
#include "indexer/context_cache.h"

#include <sys/stat.h>

#include <chrono>

namespace coopdec {

std::optional<FileIdentity> identity_of(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    FileIdentity id;
    id.device = static_cast<std::uint64_t>(st.st_dev);
    id.inode = static_cast<std::uint64_t>(st.st_ino);
    id.size = static_cast<std::uint64_t>(st.st_size);
    id.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    id.ctime_ns = static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
    return id;
}

std::shared_ptr<const ContextEntry> ContextCache::find(const std::string& path, const FileIdentity& now) const {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(path);
    if (it == entries_.end() || !(it->second->identity == now)) return nullptr;
    return it->second;
}

void ContextCache::put(const std::string& path, ContextEntry entry) {
    // A file changed in the last seconds may change again within the file
    // system's clock tick (a few milliseconds) with the same size, and keep
    // the identity it has now: it is read again next time rather than
    // trusted.
    const auto now_ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    std::lock_guard lock(mutex_);
    const std::int64_t settled = now_ns - settle_.count();
    if (entry.identity.mtime_ns > settled || entry.identity.ctime_ns > settled) return;
    entries_[path] = std::make_shared<const ContextEntry>(std::move(entry));
}

void ContextCache::clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
}

std::size_t ContextCache::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

void ContextCache::set_settle(std::chrono::nanoseconds settle) {
    std::lock_guard lock(mutex_);
    settle_ = settle;
}

ContextCache& context_cache() {
    static ContextCache cache;
    return cache;
}

}  // namespace coopdec
