// @brief FacetTable: the facet summaries of every document unit, numbered.
#include "search/facet_table.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>
#include <utility>

namespace coopdec {

namespace sc = schema;

FacetTable::FacetTable(const Xapian::Database& db, std::string revision) : revision_(std::move(revision)) {
    row_.assign(static_cast<size_t>(db.get_lastdocid()) + 1, 0);
    // Ids in the order first seen, renumbered in sorted order at the end.
    std::array<std::unordered_map<std::string, std::uint32_t>, sc::kFacets.size()> seen;
    const std::string kind_doc = sc::kind_term(sc::kKindDoc);
    // A row is a count per facet and its values: about 21 cells on the
    // peers' corpus, 24 on the bundled one. Reserved ahead, so that the
    // table does not grow by doubling to twice what it holds.
    cells_.reserve(static_cast<size_t>(db.get_termfreq(kind_doc)) * (sc::kFacets.size() + 12));
    std::vector<std::pair<std::uint64_t, Xapian::docid>> by_hash;
    Xapian::ValueIterator v = db.valuestream_begin(sc::kSlotFacets);
    const Xapian::ValueIterator end = db.valuestream_end(sc::kSlotFacets);
    for (auto p = db.postlist_begin(kind_doc); p != db.postlist_end(kind_doc); ++p) {
        const Xapian::docid did = *p;
        if (v == end) break;
        v.skip_to(did);
        if (v == end) break;
        if (v.get_docid() != did) continue;  // a document unit without a summary: counted, no values
        const std::string summary = *v;
        std::string_view rest = summary;
        by_hash.emplace_back(id_hash(sc::take_field(rest, sc::kFacetSep)), did);
        row_[did] = static_cast<std::uint32_t>(cells_.size() + 1);
        for (size_t f = 0; f < sc::kFacets.size(); ++f) {
            std::string_view joined = sc::take_field(rest, sc::kFacetSep);
            size_t count_at = cells_.size();
            cells_.push_back(0);
            if (sc::kFacets[f].per_unit) continue;
            while (!joined.empty()) {
                std::string_view value = sc::take_field(joined, sc::kValueSep);
                if (value.empty()) continue;
                auto [it, added] = seen[f].try_emplace(std::string(value), static_cast<std::uint32_t>(seen[f].size()));
                cells_.push_back(it->second);
                ++cells_[count_at];
            }
        }
    }
    // Hashes shared by several ids are left out: their ids are looked up.
    std::sort(by_hash.begin(), by_hash.end());
    id_hashes_.reserve(by_hash.size());
    id_docids_.reserve(by_hash.size());
    for (size_t i = 0; i < by_hash.size();) {
        size_t j = i + 1;
        while (j < by_hash.size() && by_hash[j].first == by_hash[i].first) ++j;
        if (j == i + 1) {
            id_hashes_.push_back(by_hash[i].first);
            id_docids_.push_back(by_hash[i].second);
        }
        i = j;
    }
    // Document units without a summary still count as documents.
    for (auto p = db.postlist_begin(kind_doc); p != db.postlist_end(kind_doc); ++p) {
        if (row_[*p] != 0) continue;
        row_[*p] = static_cast<std::uint32_t>(cells_.size() + 1);
        cells_.insert(cells_.end(), sc::kFacets.size(), 0);
    }
    if (cells_.capacity() > cells_.size() + cells_.size() / 8) cells_.shrink_to_fit();
    // Each facet's values sorted, and every row's ids renumbered to match:
    // the counts then come out sorted by value, as FacetCounts has them.
    std::array<std::vector<std::uint32_t>, sc::kFacets.size()> renumber;
    for (size_t f = 0; f < sc::kFacets.size(); ++f) {
        std::vector<const std::string*> by_id(seen[f].size());
        for (const auto& [value, id] : seen[f]) by_id[id] = &value;
        std::vector<std::uint32_t> order(by_id.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](auto a, auto b) { return *by_id[a] < *by_id[b]; });
        renumber[f].resize(order.size());
        values_[f].reserve(order.size());
        for (std::uint32_t i = 0; i < order.size(); ++i) {
            renumber[f][order[i]] = i;
            values_[f].push_back(*by_id[order[i]]);
        }
    }
    for (std::uint32_t row : row_) {
        if (row == 0) continue;
        std::uint32_t* cell = cells_.data() + (row - 1);
        for (size_t f = 0; f < sc::kFacets.size(); ++f) {
            std::uint32_t n = *cell++;
            for (std::uint32_t i = 0; i < n; ++i, ++cell) *cell = renumber[f][*cell];
        }
    }
}

std::uint64_t FacetTable::id_hash(std::string_view id) {
    // FNV-1a, 64 bits: the same on every platform, and as good as any for
    // telling ids apart (a shared hash only costs a lookup).
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : id) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

std::vector<Xapian::docid> FacetTable::document_units(const std::vector<std::uint64_t>& hashes) const {
    std::vector<Xapian::docid> out(hashes.size(), 0);
    size_t at = 0;
    for (size_t i = 0; i < hashes.size(); ++i) {
        at = static_cast<size_t>(
            std::lower_bound(id_hashes_.begin() + static_cast<std::ptrdiff_t>(at), id_hashes_.end(), hashes[i]) -
            id_hashes_.begin());
        if (at < id_hashes_.size() && id_hashes_[at] == hashes[i]) out[i] = id_docids_[at];
    }
    return out;
}

std::size_t FacetTable::bytes() const {
    std::size_t n = sizeof(*this) + row_.capacity() * 4 + cells_.capacity() * 4 + id_hashes_.capacity() * 8 +
                    id_docids_.capacity() * 4;
    for (const auto& vs : values_)
        for (const auto& v : vs) n += sizeof(std::string) + (v.size() > 15 ? v.size() + 1 : 0);
    return n;
}

}  // namespace coopdec
