// @brief writer_count(), parse_writers() and split_by_bytes().
#include "indexer/parts.h"

#include <cstdlib>
#include <filesystem>
#include <thread>

namespace coopdec {

std::size_t writer_count(std::size_t requested) {
    if (requested > 0) return requested;
    const std::size_t cores = std::thread::hardware_concurrency();  // 0 when unknown
    return cores < 1 ? 1 : cores < kDefaultMaxWriters ? cores : kDefaultMaxWriters;
}

std::optional<std::size_t> parse_writers(const char* value) {
    if (!value || !*value) return std::nullopt;
    char* end = nullptr;
    const long n = std::strtol(value, &end, 10);
    if (*end != '\0' || n < 1 || n > static_cast<long>(kMaxWriters)) return std::nullopt;
    return static_cast<std::size_t>(n);
}

std::vector<std::pair<std::size_t, std::size_t>> split_by_bytes(const std::vector<SourceFile>& files,
                                                                std::size_t parts) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    const std::size_t n = files.size();
    if (n == 0) return out;
    if (parts < 1) parts = 1;
    if (parts > n) parts = n;
    std::vector<std::uintmax_t> size(n);
    std::uintmax_t total = 0;
    for (std::size_t i = 0; i < n; ++i) {
        std::error_code ec;
        const std::uintmax_t s = std::filesystem::file_size(files[i].path, ec);
        size[i] = ec ? 0 : s;
        total += size[i];
    }
    // Range k ends at the first file that brings the bytes so far to k/parts
    // of the total, and always leaves at least one file to each later range.
    std::size_t first = 0;
    std::uintmax_t so_far = 0;
    for (std::size_t k = 1; k < parts; ++k) {
        const std::uintmax_t goal = total * k / parts;
        std::size_t last = first;
        do {
            so_far += size[last++];
        } while (so_far < goal && last < n - (parts - k));
        out.emplace_back(first, last);
        first = last;
    }
    out.emplace_back(first, n);
    return out;
}

}  // namespace coopdec
