// @brief What the search remembers between requests: the exact facet counts
// of a match, and the titles of partnership records, per index revision.
//
// Exact counts visit every match; the same counts are asked for again and
// again (the home page, a commune's agreements, the words users type). With
// a cache, a repeated search visits only the matches it shows. Nothing can be
// stale: every entry is keyed by the UUID and revision of every shard of the
// index (IndexRevision), so a commit of the indexer makes a new key and the
// old entries age out. An index with a remote shard has no revision to key
// by (search/index.h): nothing is cached for it, every call computes.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

#include "common/schema.h"
#include "search/index.h"

namespace coopdec {

class FacetTable;
struct PhraseDocuments;

// Every match of one query, counted by document: how many documents, and
// for each facet of schema::kFacets its values with their document counts
// (sorted by value).
struct FacetCounts {
    size_t documents = 0;
    std::array<std::vector<std::pair<std::string, size_t>>, schema::kFacets.size()> values;
};

class SearchCache {
public:
    // At most `max_bytes` of entries (an estimate of their heap size); the
    // least recently used go first.
    explicit SearchCache(size_t max_bytes = 8u << 20);

    // The counts of `query` on `index`: from the cache, or from `compute`
    // (called without the lock held; two threads may compute the same entry
    // at once, and the result is the same).
    std::shared_ptr<const FacetCounts> counts(const Index& index, const Xapian::Query& query,
                                              const std::function<FacetCounts()>& compute);

    // The title of the partnership record `id` ("" when none), remembered
    // for the current revision.
    std::string partnership_title(const Index& index, const std::string& id);

    // partnership_title() of each of `ids`, in order: the revision is read
    // and the lock taken once for all of them (a facet lists up to a hundred).
    std::vector<std::string> partnership_titles(const Index& index, const std::vector<std::string>& ids);

    // The documents one of whose units says the phrase `terms`
    // (search/whole_phrase.h), remembered for the current revision, at most
    // kMaxPhraseBytes of them (PhraseDocuments::bytes()): the oldest
    // revision's or, when full, all go; one larger than that is not kept.
    // `find` when not remembered.
    std::shared_ptr<const PhraseDocuments> phrase_documents(
        const Index& index, const std::vector<std::string>& terms,
        const std::function<std::shared_ptr<const PhraseDocuments>()>& find);
    // A common phrase at 100,000 documents holds in some 200,000 units and
    // document units, 800 KB of docids; the 26 phrases of the peers' 200
    // queries take 7.2 MB (bench/RESULTS.md).
    static constexpr size_t kMaxPhraseBytes = 8u << 20;
    // The facet table (search/facet_table.h) of `index`'s revision, read on
    // first use; meanwhile, the other requests that need it wait. nullptr
    // for a revision older than the table's (a request that began before
    // the indexer's last commit), and for an index of several shards: it
    // counts without the table. The table of the latest revision only is kept.
    std::shared_ptr<const FacetTable> facet_table(const Index& index);

    // For /metrics and the tests.
    struct Stats {
        size_t hits = 0, misses = 0, entries = 0, bytes = 0;
        size_t table_bytes = 0, tables_read = 0;
        size_t phrases = 0, phrase_bytes = 0;  // remembered phrases and their bytes
    };
    Stats stats() const;

private:
    using Entry = std::pair<std::string, std::shared_ptr<const FacetCounts>>;

    const size_t max_bytes_;
    mutable std::mutex mutex_;
    std::list<Entry> lru_;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> index_;
    size_t bytes_ = 0, hits_ = 0, misses_ = 0;
    std::string titles_revision_;
    std::unordered_map<std::string, std::string> titles_;
    std::string phrases_revision_;
    std::unordered_map<std::string, std::shared_ptr<const PhraseDocuments>> phrases_;
    size_t phrase_bytes_ = 0;
    std::mutex table_read_;  // held while a table is read: one reader at a time
    std::shared_ptr<const FacetTable> table_;
    IndexRevision table_revision_;
    size_t tables_read_ = 0;
};

}  // namespace coopdec
