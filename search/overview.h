// @brief The partnership records of the index at a glance: how many started
// per decade and per year, by partner country, theme, région and commune,
// and by status — the figures of /apercu, with no HTTP and no rendering.
//
// Every figure is a facet count of ONE search, the search page's own
// (type=partenariat, every value listed), so the overview agrees with the
// facet counts of /recherche by construction; each bar carries the
// parameters of the search that lists exactly its records.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "search/search.h"

namespace coopdec {

// Values shown per chart; the rest are gathered in one bar, « autres ».
inline constexpr size_t kOverviewTop = 8;
// An « autres » bar links to the search of all its values (ORed) while
// their parameters stay under this many bytes once %-encoded (an estimate:
// 3 bytes per byte of value); past it the bar has no link.
inline constexpr size_t kOverviewMaxLinkBytes = 1500;
// The per-year chart is drawn when the years span at most this many, and
// at most kOverviewMaxYears of them have a record: a column each, and a row
// in the table, on a page that must stay light (about 150 bytes a year).
inline constexpr int kOverviewMaxYearSpan = 80;
inline constexpr size_t kOverviewMaxYears = 40;

struct OverviewBar {
    std::string value;  // the facet value ("FR", "Kloto 1"); decade: its first year ("1990"); status: "actif"
    size_t count = 0;   // partnership records
    // Parameters of the search whose total is `count` (type=partenariat
    // first); empty when no search gives these records (an « autres » of
    // too many values).
    std::vector<std::pair<std::string, std::string>> search;
    size_t others = 0;  // > 0: the « autres » bar, gathering this many values
};

struct OverviewChart {
    // "decade", "year", "country", "theme", "region", "commune", "status";
    // for the facet charts, also the facet's name (schema::kFacets).
    std::string name;
    std::vector<OverviewBar> bars;  // most records first (decade and year: in time order)
    size_t values = 0;              // distinct values the facet has among the records
    // True when a record may count in several bars (several communes or
    // themes): the bars do not add up to the number of records.
    bool overlapping = false;
};

struct Overview {
    size_t partnerships = 0;   // partnership records in the index
    size_t unknown_start = 0;  // records without a start year: in no decade or year bar
    // In this order: decade, year (when the years span at most
    // kOverviewMaxYearSpan, kOverviewMaxYears of them at most), country,
    // theme, region, commune, status.
    // A chart with no bar is left out. Empty when there is no record.
    std::vector<OverviewChart> charts;
};

// Computes the overview of `db`'s partnership records (its current
// revision). An index without any record gives partnerships == 0 and no
// chart, not an error. `cache` (may be null; thread-safe) is the server's
// facet cache, shared with the search page. Throws what search() throws
// (Xapian::Error on index failures). `db` is used by this thread only.
Overview partnership_overview(const Index& index, SearchCache* cache = nullptr, size_t top = kOverviewTop);

// What the overview and the yearly state (search/etat.h) count with: the
// request the search page builds from `params`, reduced to one result, no
// passage and every facet value (throws the SearchError of a bad
// parameter); and a result's facet by name (nullptr when absent).
SearchRequest counting_request(const std::vector<std::pair<std::string, std::string>>& params);
const FacetResult* facet_named(const SearchResult& r, const std::string& name);

}  // namespace coopdec
