// @brief compact_in_place(): xapian-compact's copy, exchanged with the index.
#include "indexer/compact.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fcntl.h>

#include <xapian.h>

namespace fs = std::filesystem;

namespace coopdec {
namespace {

std::uintmax_t bytes_under(const fs::path& dir) {
    std::uintmax_t total = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        std::error_code size_ec;
        if (it->is_regular_file(size_ec)) {
            std::uintmax_t n = it->file_size(size_ec);
            if (!size_ec) total += n;
        }
    }
    return total;
}

// Puts the folder `fresh` at `path`, and the old `path` at `fresh` (or at
// `aside`), in one step. Falls back to two renames, with an instant where
// `path` is missing, where the file system cannot exchange (EINVAL; ENOSYS
// on an old kernel).
bool exchange(const std::string& fresh, const std::string& path, const std::string& aside, std::string& error) {
    if (renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, path.c_str(), RENAME_EXCHANGE) == 0) return true;
    if (errno != EINVAL && errno != ENOSYS) {
        error = std::strerror(errno);
        return false;
    }
    std::error_code ec;
    fs::rename(path, aside, ec);
    if (!ec) {
        fs::rename(fresh, path, ec);
        if (ec) {
            std::error_code back;
            fs::rename(aside, path, back);  // put the old index back
        }
    }
    if (ec) error = ec.message();
    return !ec;
}

// Writes `sources` compacted into a copy beside `path` and exchanges it with
// `path`. `renumber`: the documents of each source follow those of the one
// before it; otherwise they keep their ids.
CompactResult copy_and_exchange(const std::vector<std::string>& sources, const std::string& path_in, bool renumber) {
    CompactResult r;
    std::string path = fs::path(path_in).lexically_normal().string();
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    const std::string fresh = path + ".compactage";
    const std::string aside = path + ".ancien";
    std::error_code ec;
    fs::remove_all(fresh, ec);
    fs::remove_all(aside, ec);
    for (const auto& s : sources) r.before += bytes_under(s);
    try {
        Xapian::Database all;
        for (const auto& s : sources) all.add_database(Xapian::Database(s));
        all.compact(fresh, renumber ? 0 : Xapian::DBCOMPACT_NO_RENUMBER);
    } catch (const Xapian::Error& e) {
        fs::remove_all(fresh, ec);
        r.error = e.get_description();
        return r;
    }
    if (!exchange(fresh, path, aside, r.error)) {
        fs::remove_all(fresh, ec);
        return r;
    }
    fs::remove_all(fresh, ec);  // the old index, after an exchange
    fs::remove_all(aside, ec);  // or after two renames
    r.after = bytes_under(path);
    r.ok = true;
    return r;
}

}  // namespace

CompactResult compact_in_place(const std::string& path) { return copy_and_exchange({path}, path, false); }

// Renumbered: each part's documents are numbered from 1, and compaction
// puts the next part's after the last id of the one before (Xapian prunes
// only the unused ids before a part's first document).
CompactResult merge_in_place(const std::vector<std::string>& parts, const std::string& path) {
    return copy_and_exchange(parts, path, true);
}

}  // namespace coopdec
