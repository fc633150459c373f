// @brief Facet counting: the match spies and the passes over a match.
#include "search/facet_count.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/schema.h"
#include "search/facet_table.h"

namespace coopdec {
namespace {

namespace sc = schema;

// Counts documents and facet values while Xapian visits every match. It
// runs once per match, the search's inner loop: one value read per match
// (kSlotFacets), values counted as views in hash maps, no allocation for a
// value seen before.
class FacetSpy : public Xapian::MatchSpy {
public:
    enum class Mode {
        documents,    // every match is a document unit: documents and document-level facets
        units,        // matches are units: a document and its facets once, whichever of its
                      // units matched; per-unit facets (the role) once per (document, value)
        unit_facets,  // matches are units: only the per-unit facets, as in `units`
    };
    explicit FacetSpy(Mode mode) : mode_(mode) {}

    void operator()(const Xapian::Document& doc, double) override { add(doc.get_value(sc::kSlotFacets), 1); }

    // A match's facet summary (kSlotFacets), seen `n` times: by n matches
    // in Mode::documents; in the other modes, where each (document, value)
    // counts once, n does not matter.
    void add(std::string_view summary, size_t n) {
        std::string_view rest = summary;
        std::string_view id = sc::take_field(rest, sc::kFacetSep);
        bool first = true;
        if (mode_ == Mode::documents)
            documents_ += n;
        else if (mode_ == Mode::units)
            first = docs_.emplace(id).second;
        for (size_t f = 0; f < sc::kFacets.size() && !rest.empty(); ++f) {
            std::string_view joined = sc::take_field(rest, sc::kFacetSep);
            const bool per_unit = sc::kFacets[f].per_unit;
            if (per_unit ? mode_ == Mode::documents : (mode_ == Mode::unit_facets || !first)) continue;
            while (!joined.empty()) {
                std::string_view v = sc::take_field(joined, sc::kValueSep);
                if (v.empty()) continue;
                if (per_unit) {
                    std::string pair(id);
                    pair += '\0';
                    pair += std::to_string(f);
                    pair += '\0';
                    pair += v;
                    if (!unit_pairs_.insert(std::move(pair)).second) continue;
                }
                const size_t add = mode_ == Mode::documents ? n : 1;
                auto& counts = counts_[f];
                auto it = counts.find(v);
                if (it == counts.end())
                    counts.emplace(std::string(v), add);
                else
                    it->second += add;
            }
        }
    }

    // The counts, each facet's sorted by value.
    FacetCounts result() const {
        FacetCounts out;
        out.documents = mode_ == Mode::documents ? documents_ : docs_.size();
        for (size_t f = 0; f < sc::kFacets.size(); ++f) {
            out.values[f].assign(counts_[f].begin(), counts_[f].end());
            std::sort(out.values[f].begin(), out.values[f].end());
        }
        return out;
    }

private:
    // Lookups by string_view without building a std::string.
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using Set = std::unordered_set<std::string, Hash, std::equal_to<>>;

    const Mode mode_;
    size_t documents_ = 0;
    Set docs_, unit_pairs_;
    std::array<std::unordered_map<std::string, size_t, Hash, std::equal_to<>>, sc::kFacets.size()> counts_;
};

// Counts documents and their document-level facets from a FacetTable, on
// a match of document units: the same counts as FacetSpy in
// Mode::documents, without reading anything per match.
class TableSpy : public Xapian::MatchSpy {
public:
    explicit TableSpy(const FacetTable& table) : table_(table) {
        for (size_t f = 0; f < sc::kFacets.size(); ++f) counts_[f].assign(table.values(f).size(), 0);
    }

    void operator()(const Xapian::Document& doc, double) override {
        ++documents_;
        table_.for_each_value(doc.get_docid(), [this](size_t f, std::uint32_t id) { ++counts_[f][id]; });
    }

    // The counts, each facet's sorted by value (the table's order).
    FacetCounts result() const {
        FacetCounts out;
        out.documents = documents_;
        for (size_t f = 0; f < sc::kFacets.size(); ++f)
            for (size_t id = 0; id < counts_[f].size(); ++id)
                if (counts_[f][id] > 0) out.values[f].emplace_back(table_.values(f)[id], counts_[f][id]);
        return out;
    }

private:
    const FacetTable& table_;
    size_t documents_ = 0;
    std::array<std::vector<size_t>, sc::kFacets.size()> counts_;
};

// Every match of `q`, shown to `spy`; its counts.
template <class Spy>
FacetCounts visit(const Xapian::Database& db, const Xapian::Query& q, Spy&& spy) {
    Xapian::Enquire e(db);
    e.set_query(q);
    e.set_weighting_scheme(Xapian::BoolWeight());
    e.add_matchspy(&spy);
    e.get_mset(0, 0, db.get_doccount());
    return spy.result();
}

// visit() over shards served by xapian-tcpsrv, with the same counts.
// Xapian runs a match spy on each remote shard's server and merges what the
// servers send back, but a server knows only Xapian's own spies: FacetSpy
// cannot go there. ValueCountMatchSpy on the summary slot brings back every
// distinct summary with its number of matches, and FacetSpy reads them here
// as it would have read the matches. The price: each matching summary
// crosses the network (bench/shards.cc measures it).
FacetCounts visit_remote(const Xapian::Database& db, const Xapian::Query& q, FacetSpy::Mode mode) {
    Xapian::ValueCountMatchSpy values(sc::kSlotFacets);
    Xapian::Enquire e(db);
    e.set_query(q);
    e.set_weighting_scheme(Xapian::BoolWeight());
    e.add_matchspy(&values);
    e.get_mset(0, 0, db.get_doccount());
    FacetSpy facets(mode);
    for (auto it = values.values_begin(); it != values.values_end(); ++it) facets.add(*it, it.get_termfreq());
    FacetCounts out = facets.result();
    // Matches without a summary count too, as FacetSpy counts them.
    if (mode == FacetSpy::Mode::documents) out.documents = values.get_total();
    return out;
}

}  // namespace

FacetCounts count_matches(const Xapian::Database& db, const Xapian::Query& q, bool unit_level, const FacetTable* table,
                          bool remote) {
    auto by_summary = [&](const Xapian::Query& query, FacetSpy::Mode mode) {
        return remote ? visit_remote(db, query, mode) : visit(db, query, FacetSpy(mode));
    };
    if (unit_level) return by_summary(q, FacetSpy::Mode::units);
    const Xapian::Query documents(Xapian::Query::OP_FILTER, q, Xapian::Query(sc::kind_term(sc::kKindDoc)));
    FacetCounts counts =
        table && !remote ? visit(db, documents, TableSpy(*table)) : by_summary(documents, FacetSpy::Mode::documents);
    std::vector<Xapian::Query> carriers;
    for (const auto& f : sc::kFacets)
        if (f.per_unit) carriers.emplace_back(Xapian::Query::OP_WILDCARD, std::string(f.prefix));
    if (carriers.empty()) return counts;
    FacetCounts per_unit =
        by_summary(Xapian::Query(Xapian::Query::OP_FILTER, q,
                                 Xapian::Query(Xapian::Query::OP_OR, carriers.begin(), carriers.end())),
                   FacetSpy::Mode::unit_facets);
    for (size_t f = 0; f < sc::kFacets.size(); ++f)
        if (sc::kFacets[f].per_unit) counts.values[f] = std::move(per_unit.values[f]);
    return counts;
}

}  // namespace coopdec
