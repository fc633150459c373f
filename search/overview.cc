// @brief The partnership overview (see overview.h for the contract).
#include "search/overview.h"

#include <algorithm>
#include <map>

#include "common/schema.h"
#include "search/request.h"

namespace coopdec {
namespace {

namespace sc = schema;

using Params = std::vector<std::pair<std::string, std::string>>;

const Params kRecords{{"type", sc::kTypePartnership}};

Params with(Params p, const std::string& name, const std::string& value) {
    p.emplace_back(name, value);
    return p;
}

// A 4-digit year, or -1.
int year_value(const std::string& v) {
    if (v.size() != 4 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) return -1;
    return std::stoi(v);
}

// The top values of `facet` as bars, the rest gathered in one « autres »
// bar counted by the search of all of them (ORed): a record that has
// several of them counts once, as on the search page.
OverviewChart facet_chart(const Index& index, SearchCache* cache, const SearchResult& base, const std::string& facet,
                          size_t top) {
    OverviewChart chart;
    chart.name = facet;
    const FacetResult* f = facet_named(base, facet);
    if (!f) return chart;
    // By count, then by value: the order does not depend on the index's.
    std::vector<FacetCount> values = f->values;
    std::stable_sort(values.begin(), values.end(), [](const FacetCount& a, const FacetCount& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    chart.values = values.size();
    size_t sum = 0;
    for (const auto& v : values) sum += v.count;
    chart.overlapping = sum > base.total;
    // « 1 autre » would hide a value for nothing: it gets its own bar.
    size_t shown = values.size() <= top + 1 ? values.size() : top;
    for (size_t i = 0; i < shown; ++i)
        chart.bars.push_back(OverviewBar{values[i].value, values[i].count, with(kRecords, facet, values[i].value), 0});
    if (shown < values.size()) {
        OverviewBar other;
        other.others = values.size() - shown;
        other.search = kRecords;
        size_t bytes = 0;
        for (size_t i = shown; i < values.size(); ++i) {
            other.search.emplace_back(facet, values[i].value);
            bytes += facet.size() + 2 + 3 * values[i].value.size();
        }
        other.count = search(index, counting_request(other.search), nullptr, cache).total;
        if (bytes > kOverviewMaxLinkBytes) other.search.clear();
        chart.bars.push_back(std::move(other));
    }
    return chart;
}

// The records by status, in the schema's order (in force, stopped, not
// known), then any other value: a facet, so each bar is a search.
OverviewChart status_chart(const SearchResult& base) {
    OverviewChart chart;
    chart.name = "status";
    const FacetResult* f = facet_named(base, "status");
    if (!f) return chart;
    std::vector<FacetCount> values = f->values;
    auto rank = [](const std::string& v) { return v == "actif" ? 0 : v == "arrete" ? 1 : v == "inconnu" ? 2 : 3; };
    std::stable_sort(values.begin(), values.end(), [&](const FacetCount& a, const FacetCount& b) {
        return rank(a.value) != rank(b.value) ? rank(a.value) < rank(b.value) : a.value < b.value;
    });
    for (const auto& v : values)
        chart.bars.push_back(OverviewBar{v.value, v.count, with(kRecords, "status", v.value), 0});
    chart.values = chart.bars.size();
    return chart;
}

}  // namespace

Overview partnership_overview(const Index& index, SearchCache* cache, size_t top) {
    const Xapian::Database& db = index.db();
    Overview out;
    // No record: validate() would refuse type=partenariat as an unknown value.
    if (db.get_termfreq(sc::facet_term(*sc::find_facet("type"), sc::kTypePartnership)) == 0) return out;
    const SearchResult base = search(index, counting_request(kRecords), nullptr, cache);
    out.partnerships = base.total;
    if (base.total == 0) return out;

    // Years: a record's year is its start year (indexer/document.cc), the
    // same in the year facet and in the slot year_from/year_to filter on.
    std::map<int, size_t> years, decades;
    size_t dated = 0;
    if (const FacetResult* f = facet_named(base, "year")) {
        for (const auto& v : f->values) {
            int y = year_value(v.value);
            if (y < 0) continue;
            years[y] += v.count;
            decades[y / 10 * 10] += v.count;
            dated += v.count;
        }
    }
    out.unknown_start = base.total - std::min(dated, base.total);
    OverviewChart decade{"decade", {}, decades.size(), false};
    for (const auto& [d, n] : decades)
        decade.bars.push_back(
            OverviewBar{std::to_string(d), n,
                        with(with(kRecords, "year_from", std::to_string(d)), "year_to", std::to_string(d + 9)), 0});
    OverviewChart year{"year", {}, years.size(), false};
    for (const auto& [y, n] : years)
        year.bars.push_back(OverviewBar{std::to_string(y), n, with(kRecords, "year", std::to_string(y)), 0});

    std::vector<OverviewChart> charts;
    charts.push_back(std::move(decade));
    if (!years.empty() && years.size() <= kOverviewMaxYears &&
        years.rbegin()->first - years.begin()->first < kOverviewMaxYearSpan)
        charts.push_back(std::move(year));
    for (const char* facet : {"country", "theme", "region", "commune"})
        charts.push_back(facet_chart(index, cache, base, facet, top));
    charts.push_back(status_chart(base));
    for (auto& c : charts)
        if (!c.bars.empty()) out.charts.push_back(std::move(c));
    return out;
}

SearchRequest counting_request(const std::vector<std::pair<std::string, std::string>>& params) {
    SearchRequest r;
    for (const auto& [name, value] : params)
        if (auto err = apply_parameter(r, name, value)) throw *err;
    // Every facet value is listed, so that the charts see the values past
    // the 100 the page lists.
    r.per_page = 1;
    r.passages = 0;
    r.facet_values = 0;
    return r;
}

const FacetResult* facet_named(const SearchResult& r, const std::string& name) {
    for (const auto& f : r.facets)
        if (f.name == name) return &f;
    return nullptr;
}

}  // namespace coopdec
