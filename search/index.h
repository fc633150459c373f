// @brief The index as its readers open it: one Xapian database, or a stub
// file listing shards, on this machine or served by xapian-tcpsrv.
//
// Xapian searches shards itself: a Database made of several (add_database)
// runs a query on each and merges the matches with the statistics of all
// of them, so that weights, sorting and collapsing are those of one
// database. Two things it does not do in 1.4 are why this class exists:
// - a combined database reads metadata from its FIRST shard only, and the
//   indexer keeps a document's stored views (its HTML, its source XML) as
//   metadata of the shard that holds the document;
// - Database::get_revision() works only on one local database, and the
//   search cache keys its entries by revision.
// So the shards are opened one by one, in the order of the stub, and
// combined here: a document unit's combined docid then says which shard
// holds it (Xapian interleaves the shards' docids), and each shard's
// revision can be read.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/shards.h"

namespace coopdec {

// How long a remote shard may take to connect or to answer, in ms, before
// the request fails with a NetworkError (a 503 for the server's users).
inline constexpr unsigned kDefaultRemoteTimeoutMs = 5000;

// The revision of every shard, when all are local.
struct IndexRevision {
    std::string uuids;              // each shard's UUID, in order
    std::vector<Xapian::rev> revs;  // each shard's revision, in order
    std::string key() const;        // "UUIDS/REV,REV…": what a cache entry is valid for
    // True when `other` is a later state of the same shards: every revision
    // at least this one's, one of them later.
    bool before(const IndexRevision& other) const;
};

class Index {
public:
    // Opens `path`: a database folder, a stub file, or a folder holding a
    // stub named kStubName (what coopdec-index --shards writes). Remote
    // shards are connected with `remote_timeout_ms` for connecting and for
    // each answer. Every shard must be at this program's schema version.
    // Throws SearchError with a French message naming the shard at fault;
    // IndexEmpty (search/search.h) when a shard holds no committed run.
    static Index open(const std::string& path, unsigned remote_timeout_ms = kDefaultRemoteTimeoutMs);

    // A database already open is an index of one shard (an index built in
    // process, the tests'). Implicit, as that is all it means. A Database
    // that Xapian opened from a stub of several shards must not be passed:
    // its documents' views would be read from its first shard only.
    Index(Xapian::Database db);  // NOLINT(google-explicit-constructor)

    // Every shard, combined in stub order: what searches run on.
    const Xapian::Database& db() const { return all_; }

    std::size_t shard_count() const { return shards_.size(); }
    // Shard `i` (< shard_count()) alone, as the stub lists it: its own docids.
    const Xapian::Database& shard(std::size_t i) const { return shards_.at(i); }
    bool has_remote() const { return has_remote_; }
    // Every shard's name, for messages: "a, b, c".
    std::string shard_names() const;

    // Metadata `key` of the shard that holds document `id`: where the
    // indexer put its views. "" when no such document or key.
    std::string document_metadata(const std::string& id, std::string_view key) const;

    // Each shard's UUID, in order ("" for a shard without one: remote, in memory).
    std::vector<std::string> shard_uuids() const;

    // Metadata `key` of every shard, in order ("" for a shard without it).
    std::vector<std::string> metadata_of_shards(std::string_view key) const;

    // The revision of every shard; nothing when a shard is remote (Xapian
    // 1.4 does not give a remote database's revision): results are then
    // not cached.
    std::optional<IndexRevision> revision() const;

    // Sees the last commit of every shard. Throws what Xapian throws (a
    // NetworkError for a remote shard that is gone).
    void reopen();

private:
    Index() = default;
    void combine();

    std::vector<Xapian::Database> shards_;
    std::vector<std::string> names_;
    Xapian::Database all_;
    bool has_remote_ = false;
};

}  // namespace coopdec
