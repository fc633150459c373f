// @brief What the indexer and the readers agree on about shards: where a
// document goes, how the shards of a folder are named, and the stub file
// that lists them (Xapian 1.4's format, read by Xapian's own tools too).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace coopdec::shards {

// The file listing the shards, in a folder written by coopdec-index --shards.
inline constexpr std::string_view kStubName = "stub";

// The folder of shard `i` in such a folder: "shard-0", "shard-1"…
std::string folder_name(std::size_t i);

// The shard of the document `id` among `n`: FNV-1a (64 bits) of the id,
// modulo n. Stable: the same id goes to the same shard on every run, every
// machine and every version; all the units of a document go with it.
std::size_t shard_of(std::string_view id, std::size_t n);

// The stub coopdec-index writes for `n` shards: a comment, then
// « auto shard-K » per shard (relative: the folder can be moved or copied).
std::string stub_text(std::size_t n);

// One line of a stub file that names a database.
struct StubEntry {
    enum class Kind { local, remote } kind = Kind::local;
    std::string path;  // local: the database, a relative path resolved against the stub's folder
    std::string host;  // remote: as written, without the brackets of an IPv6 address
    unsigned port = 0;
    unsigned line = 0;
    std::string name() const;  // the path, or "HOST:PORT"
};

// Reads a stub file as Xapian 1.4 does: « auto PATH », « glass PATH »,
// « remote HOST:PORT » (a database served by xapian-tcpsrv), blank lines
// and lines starting with « # ». Throws std::runtime_error with a French
// message "FILE:LINE: why" for anything else — « remote :PROGRAM ARGS »
// among them: Xapian would run that program, and a search server starts no
// program a file names (so « remote :tcp … » is refused too, with the form
// to write instead).
std::vector<StubEntry> read_stub(const std::string& stub_path);

}  // namespace coopdec::shards
