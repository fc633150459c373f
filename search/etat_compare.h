// @brief The yearly state (search/etat.h) compared: a period against the one
// before it (partnerships begun and ended), and two periods side by side —
// no HTTP, no rendering.
//
// Ended in a period: the partnership records whose end year (<periode
// fin="…">, stored field schema::kFieldEnd) lies in it, whatever their
// status. The index has no slot, term or facet for the end year, so the
// search of such a figure names its records — type=partenariat&partnership=
// ID&partnership=ID… (ORed) — and its total equals the figure; the records
// are listed too, for their pages. A record with status « arrete » and no
// end year ended in no known period: counted apart.
#pragma once

#include <string>
#include <vector>

#include "search/etat.h"

namespace coopdec {

// One record ended in a period.
struct EtatEnded {
    std::string id, title;
    int end = 0;         // its end year
    std::string status;  // actif, arrete, inconnu (an end year ahead: still active)
};

struct EtatEndings {
    EtatFigure ended;                // records with an end year in the period
    std::vector<EtatEnded> records;  // the same records, by end year then title
    EtatFigure stopped_undated;      // status arrete without end year (any year)
};

// One figure in two periods. `first` is the earlier-named period (the
// previous period, or the first of a comparison); the difference is
// second − first.
struct EtatSide {
    std::string value;  // as EtatFigure::value; headline figures: signes, conventions, termines…
    EtatFigure first, second;
    long long difference() const { return static_cast<long long>(second.count) - static_cast<long long>(first.count); }
};

// « Depuis la période précédente »: for [from, to] of N years, the previous
// period is [from − N, from − 1].
struct EtatMovement {
    int from = 0, to = 0, previous_from = 0, previous_to = 0;
    EtatSide begun;       // records signed (start year) in each period: second is etat.partnerships
    EtatSide ended;       // records ended (end year) in each period
    EtatEndings endings;  // this period's ended records
};

struct EtatComparedTable {
    std::string name;  // as EtatTable::name
    // Every value of either period: the first period's rows in its order,
    // then the second's others. A value absent from one period counts 0
    // there, with that period's search for it (total 0) when one exists.
    std::vector<EtatSide> rows;
    bool overlapping = false;  // a record may count in several rows (either period)
};

// Amounts of one source, or of the n-th year of each period, all sources.
struct EtatAmountSide {
    std::string source;                   // by source: commune, partenaire…; by year: ""
    int year_first = 0, year_second = 0;  // by year: the n-th year of each period, 0 past its end
    unsigned long long fcfa_first = 0, fcfa_second = 0;
    EtatFigure first, second;  // the records giving them (partnership=ID… ORed)
};

struct EtatComparison {
    Etat first, second;
    EtatEndings ended_first, ended_second;
    // signes, conventions, termines, communes (no search), pays_connu, sud,
    // avec_montant — in this order.
    std::vector<EtatSide> headline;
    std::vector<EtatComparedTable> tables;  // status, region, prefecture, commune, country, continent, south, theme
    std::vector<EtatAmountSide> by_source;  // every source of either period, by name
    std::vector<EtatAmountSide> by_year;    // one row per rank, as many as the longer period has years
};

// The records of the index ended in [from, to]. Throws what search() throws.
EtatEndings partnerships_ended(const Index& index, int from, int to, SearchCache* cache = nullptr);

// The movement of `etat`'s period against the previous one.
EtatMovement state_movement(const Index& index, const Etat& etat, SearchCache* cache = nullptr);

// The two periods side by side (either order; they may overlap).
EtatComparison compare_states(const Index& index, int from1, int to1, int from2, int to2, SearchCache* cache = nullptr);

// The comparison period of ?de2=&a2=: nothing when both are empty, else as
// parse_period(de2, a2, current) whose French message it prefixes with « période de
// comparaison : » and whose parameter it names de2 or a2.
std::optional<std::pair<int, int>> parse_second_period(const std::string& de2, const std::string& a2, int current);

}  // namespace coopdec
