// @brief The search's LRU cache of facet counts and partnership titles.
#include "search/search_cache.h"

#include "search/document.h"
#include "search/facet_table.h"
#include "search/whole_phrase.h"

namespace coopdec {
namespace {

// What an entry costs on the heap: the key (in the map and the list), the
// counts, each value's pair and its characters when they do not fit in the
// string itself, and the nodes and blocks around them, with malloc's
// rounding — roughly, on the side of too much.
size_t footprint(const std::string& key, const FacetCounts& c) {
    size_t n = 2 * key.size() + sizeof(FacetCounts) + 256;
    for (const auto& facet : c.values)
        for (const auto& [value, count] : facet)
            n += sizeof(std::pair<std::string, size_t>) + (value.size() > 15 ? value.size() + 17 : 0);
    return n;
}

}  // namespace

SearchCache::SearchCache(size_t max_bytes) : max_bytes_(max_bytes) {}

std::shared_ptr<const FacetCounts> SearchCache::counts(const Index& index, const Xapian::Query& query,
                                                       const std::function<FacetCounts()>& compute) {
    const std::optional<IndexRevision> revision = index.revision();
    if (!revision) return std::make_shared<const FacetCounts>(compute());
    // The serialised query is exact: terms, operators, value ranges and
    // synonym expansions are all in it. The revision makes a commit a new key.
    std::string key = revision->key() + '\n' + query.serialise();
    {
        std::lock_guard lock(mutex_);
        if (auto it = index_.find(key); it != index_.end()) {
            ++hits_;
            lru_.splice(lru_.begin(), lru_, it->second);
            return it->second->second;
        }
        ++misses_;
    }
    auto value = std::make_shared<const FacetCounts>(compute());
    std::lock_guard lock(mutex_);
    if (auto it = index_.find(key); it != index_.end()) return it->second->second;  // another thread was first
    size_t size = footprint(key, *value);
    if (size > max_bytes_) return value;  // would push out everything else
    lru_.emplace_front(key, value);
    index_.emplace(std::move(key), lru_.begin());
    bytes_ += size;
    while (bytes_ > max_bytes_) {
        const Entry& last = lru_.back();
        bytes_ -= footprint(last.first, *last.second);
        index_.erase(last.first);
        lru_.pop_back();
    }
    return value;
}

std::shared_ptr<const PhraseDocuments> SearchCache::phrase_documents(
    const Index& index, const std::vector<std::string>& terms,
    const std::function<std::shared_ptr<const PhraseDocuments>()>& find) {
    const std::optional<IndexRevision> current = index.revision();
    if (!current) return find();
    const std::string revision = current->key();
    std::string key;
    for (const auto& t : terms) {
        key += t;
        key += '\n';
    }
    {
        std::lock_guard lock(mutex_);
        if (revision == phrases_revision_)
            if (auto it = phrases_.find(key); it != phrases_.end()) return it->second;
    }
    std::shared_ptr<const PhraseDocuments> found = find();
    const size_t bytes = found->bytes() + key.capacity();
    if (bytes > kMaxPhraseBytes) return found;
    std::lock_guard lock(mutex_);
    // As titles: a new revision starts them again.
    if (revision != phrases_revision_ || phrase_bytes_ + bytes > kMaxPhraseBytes) {
        phrases_.clear();
        phrase_bytes_ = 0;
        phrases_revision_ = revision;
    }
    if (phrases_.emplace(std::move(key), found).second) phrase_bytes_ += bytes;
    return found;
}

std::string SearchCache::partnership_title(const Index& index, const std::string& id) {
    const std::optional<IndexRevision> current = index.revision();
    if (!current) return stored_data(index.db(), id)[schema::kFieldTitle];
    const std::string revision = current->key();
    {
        std::lock_guard lock(mutex_);
        if (revision == titles_revision_) {
            auto it = titles_.find(id);
            if (it != titles_.end()) return it->second;
        }
    }
    std::string title = stored_data(index.db(), id)[schema::kFieldTitle];
    std::lock_guard lock(mutex_);
    // Workers reopen the index before each request: after a commit they
    // all reach the new revision within a request, so a change of revision
    // starts the titles again (at worst a few are read twice meanwhile).
    if (revision != titles_revision_) {
        titles_.clear();
        titles_revision_ = revision;
    }
    titles_.emplace(id, title);
    return title;
}

std::vector<std::string> SearchCache::partnership_titles(const Index& index, const std::vector<std::string>& ids) {
    std::vector<std::string> out(ids.size());
    const std::optional<IndexRevision> current = index.revision();
    if (!current) {
        for (size_t i = 0; i < ids.size(); ++i) out[i] = stored_data(index.db(), ids[i])[schema::kFieldTitle];
        return out;
    }
    const std::string revision = current->key();
    std::vector<size_t> missed;
    {
        std::lock_guard lock(mutex_);
        for (size_t i = 0; i < ids.size(); ++i) {
            auto it = revision == titles_revision_ ? titles_.find(ids[i]) : titles_.end();
            if (it != titles_.end())
                out[i] = it->second;
            else
                missed.push_back(i);
        }
    }
    if (missed.empty()) return out;
    for (size_t i : missed) out[i] = stored_data(index.db(), ids[i])[schema::kFieldTitle];
    std::lock_guard lock(mutex_);
    // As in partnership_title(): a change of revision starts the titles again.
    if (revision != titles_revision_) {
        titles_.clear();
        titles_revision_ = revision;
    }
    for (size_t i : missed) titles_.emplace(ids[i], out[i]);
    return out;
}

std::shared_ptr<const FacetTable> SearchCache::facet_table(const Index& index) {
    // One database only. The table is numbered by docid, and over several
    // local shards Xapian 1.4 gives a match spy each shard's own docid, not
    // the combined one (checked: a spy over two shards sees 1, 9, 18… then
    // 1, 12, 23…): counts read from the table came out wrong, and
    // shards_test.cc caught it. Sharded indexes count from the summaries,
    // as remote ones do; their counts are still cached by revision.
    if (index.shard_count() != 1) return nullptr;
    const std::optional<IndexRevision> revision = index.revision();
    if (!revision) return nullptr;
    // The table of this revision, nullptr for an older one, or "read it".
    auto current = [&](bool& older) -> std::shared_ptr<const FacetTable> {
        older = false;
        if (!table_) return nullptr;
        if (table_revision_.key() == revision->key()) return table_;
        older = revision->before(table_revision_);
        return nullptr;
    };
    bool older = false;
    {
        std::lock_guard lock(mutex_);
        if (auto t = current(older); t || older) return t;
    }
    std::lock_guard reading(table_read_);
    {
        std::lock_guard lock(mutex_);  // another request may have read it meanwhile
        if (auto t = current(older); t || older) return t;
    }
    // Without mutex_: counts and titles go on.
    auto table = std::make_shared<const FacetTable>(index.db(), revision->key());
    std::lock_guard lock(mutex_);
    table_ = table;
    table_revision_ = *revision;
    ++tables_read_;
    return table;
}

SearchCache::Stats SearchCache::stats() const {
    std::lock_guard lock(mutex_);
    return Stats{hits_,        misses_,         index_.size(), bytes_, table_ ? table_->bytes() : 0,
                 tables_read_, phrases_.size(), phrase_bytes_};
}

}  // namespace coopdec
