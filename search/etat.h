// @brief « État de la coopération décentralisée » (loi n° 2019-006, art. 46):
// the figures of one year or period computed from the partnership records of
// the index, each with the search that yields it — no HTTP, no rendering.
//
// Scope (stated on the page): the partnership records whose start year (the
// year facet, the year_from/year_to slot) lies in [from, to] — « signés dans
// la période ». Every count is a facet count of that one search, so the link
// of a figure (type=partenariat&year_from=…&year_to=… plus the figure's
// facet values, ORed within one facet) gives a total equal to the figure.
// Amounts are the <financements> lines (schema::kFieldAmounts) of ALL
// records whose year lies in the period: money mobilised in the period for
// partnerships signed earlier counts too.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "search/search.h"

namespace coopdec {

using EtatParams = std::vector<std::pair<std::string, std::string>>;

struct EtatFigure {
    std::string value;  // the facet value ("FR", "Kloto 1", "actif"), a continent, "sud"…
    size_t count = 0;   // partnership records
    EtatParams search;  // the search whose total is `count` (type=partenariat first)
};

struct EtatTable {
    // "status", "region", "prefecture", "commune", "country", "continent", "south", "theme"
    std::string name;
    std::vector<EtatFigure> rows;  // most records first (status: actif, arrete, inconnu)
    bool overlapping = false;      // a record may count in several rows
};

struct EtatAmount {
    int year = 0;
    std::string source;  // commune, partenaire, etat, autre
    unsigned long long fcfa = 0;
    EtatFigure records;  // the records giving these amounts (count: records)
    size_t demo = 0;     // how many of them are demonstration records (fictitious amounts)
};

struct EtatMissing {
    std::string id, title;
    std::string what;  // French: « pays du partenaire », « année de début »…
};

struct Etat {
    int from = 0, to = 0;
    EtatFigure partnerships;  // records signed in the period
    // Agreements (documents of type convention) dated in the period: their
    // search is type=convention&year_from=…&year_to=….
    EtatFigure agreements;
    // Every record of the index, whatever its year, and by status (actif,
    // arrete, inconnu): what is in force when the report is drawn up.
    EtatFigure all_records;
    std::vector<EtatFigure> all_status;
    size_t communes = 0;  // distinct communes among them (the commune table's rows)
    // status, region, prefecture, commune, country, continent, south, theme (empty ones kept)
    std::vector<EtatTable> tables;
    EtatFigure south;                 // records with a partner country of the South (south rule)
    EtatFigure known_country;         // records with a partner country
    std::vector<EtatAmount> amounts;  // by year then source, in the period
    EtatFigure with_amount;           // records with at least one amount in the period
    size_t amount_records = 0;        // records of the index (any year) with any amount line
    std::vector<EtatMissing> missing;
};

// The rule that classes a partner country as « Sud », in French, with its
// source (shown in the report and the README).
extern const char* const kSouthRule;

// True when the ISO 3166-1 code `code` is a country of the South by
// kSouthRule (search/countries.h keeps the UN M49 regions).
bool is_south(std::string_view code);

// Parses the period: `de` and `a` are 4-digit years (either may be empty:
// one year; both empty: `current`). Throws SearchError (French) on a
// malformed year, a period that ends before it starts, or one past 200 years.
std::pair<int, int> parse_period(const std::string& de, const std::string& a, int current);

// The records of `base` with any of `values` of `facet` (ORed: the total
// counts a record once), labelled `label`: one counting search. No value:
// count 0 and no search (no search yields « none of them »).
EtatFigure etat_values_figure(const Index& index, SearchCache* cache, const EtatParams& base, const std::string& facet,
                              const std::vector<std::string>& values, const std::string& label);

// Computes the state of [from, to] on `index`. An index or a period without
// record gives partnerships.count == 0 and empty tables, not an error.
// Throws what search() throws.
Etat decentralised_state(const Index& index, int from, int to, SearchCache* cache = nullptr);

}  // namespace coopdec
