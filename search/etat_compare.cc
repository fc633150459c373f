// @brief The yearly state compared (see etat_compare.h for the contract).
#include "search/etat_compare.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/schema.h"
#include "search/document.h"
#include "search/overview.h"

namespace coopdec {
namespace {

namespace sc = schema;

// The year of "2024" or "2024-06-30"; nothing for anything else.
std::optional<int> year_of_field(const std::string& s) {
    if (s.size() < 4 || !std::all_of(s.begin(), s.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::stoi(s.substr(0, 4));
}

EtatParams every_partnership() { return {{"type", sc::kTypePartnership}}; }

// `search` with its period (year_from, year_to) replaced by [from, to].
EtatParams moved_to_period(const EtatParams& search, int from, int to) {
    EtatParams out;
    for (const auto& p : search)
        if (p.first == "year_from")
            out.emplace_back(p.first, std::to_string(from));
        else if (p.first == "year_to")
            out.emplace_back(p.first, std::to_string(to));
        else
            out.push_back(p);
    return out;
}

size_t total_of(const Index& index, SearchCache* cache, const EtatParams& params) {
    return search(index, counting_request(params), nullptr, cache).total;
}

// A row present in one period only: the other period's figure is the same
// search moved to that period, run (it gives 0 for a facet value the period
// lacks, and stays exact whatever the row).
EtatFigure moved_figure(const Index& index, SearchCache* cache, const EtatFigure& present, int from, int to) {
    EtatFigure f{present.value, 0, {}};
    if (present.search.empty()) return f;
    f.search = moved_to_period(present.search, from, to);
    f.count = total_of(index, cache, f.search);
    return f;
}

EtatComparedTable compared_table(const Index& index, SearchCache* cache, const EtatTable& a, const EtatTable& b,
                                 const Etat& first, const Etat& second) {
    EtatComparedTable out{a.name, {}, a.overlapping || b.overlapping};
    std::set<std::string> seen;
    for (const auto& r : a.rows) {
        seen.insert(r.value);
        auto other =
            std::find_if(b.rows.begin(), b.rows.end(), [&](const EtatFigure& f) { return f.value == r.value; });
        out.rows.push_back(
            {r.value, r, other != b.rows.end() ? *other : moved_figure(index, cache, r, second.from, second.to)});
    }
    for (const auto& r : b.rows)
        if (!seen.count(r.value)) out.rows.push_back({r.value, moved_figure(index, cache, r, first.from, first.to), r});
    // Status keeps its order (actif, arrete, inconnu) and South–South its
    // two rows; the others put the values of most records, both periods
    // together, first.
    auto rank = [](const std::string& v) { return v == "actif" ? 0 : v == "arrete" ? 1 : v == "inconnu" ? 2 : 3; };
    if (out.name == "status")
        std::stable_sort(out.rows.begin(), out.rows.end(),
                         [&](const EtatSide& x, const EtatSide& y) { return rank(x.value) < rank(y.value); });
    else if (out.name != "south")
        std::stable_sort(out.rows.begin(), out.rows.end(), [](const EtatSide& x, const EtatSide& y) {
            return x.first.count + x.second.count > y.first.count + y.second.count;
        });
    return out;
}

// The partnership ids a figure's search names (partnership=ID…).
void add_ids(const EtatFigure& f, std::set<std::string>& ids) {
    for (const auto& [name, value] : f.search)
        if (name == "partnership") ids.insert(value);
}

EtatFigure records_figure(const Index& index, SearchCache* cache, const std::set<std::string>& ids) {
    return etat_values_figure(index, cache, every_partnership(), "partnership",
                              std::vector<std::string>(ids.begin(), ids.end()), "");
}

void fill_amount(const Index& index, SearchCache* cache, const Etat& e, int year, const std::string& source,
                 unsigned long long& fcfa, EtatFigure& records) {
    std::set<std::string> ids;
    for (const auto& a : e.amounts)
        if ((year == 0 || a.year == year) && (source.empty() || a.source == source)) {
            fcfa += a.fcfa;
            add_ids(a.records, ids);
        }
    records = records_figure(index, cache, ids);
}

}  // namespace

EtatEndings partnerships_ended(const Index& index, int from, int to, SearchCache* cache) {
    const Xapian::Database& db = index.db();
    EtatEndings out;
    out.ended = EtatFigure{"termines", 0, {}};
    out.stopped_undated = EtatFigure{"arretes_sans_fin", 0, {}};
    if (db.get_termfreq(sc::facet_term(*sc::find_facet("type"), sc::kTypePartnership)) == 0) return out;
    const SearchResult every = search(index, counting_request(every_partnership()), nullptr, cache);
    std::vector<std::string> ids;
    if (const FacetResult* f = facet_named(every, "partnership"))
        for (const auto& v : f->values) ids.push_back(v.value);
    std::vector<std::string> ended, undated;
    for (const auto& entry : stored_data_of(db, ids)) {
        const sc::Data& d = entry.second;
        auto field = [&](const char* k) {
            auto it = d.find(k);
            return it == d.end() ? std::string() : it->second;
        };
        const std::string status = field(sc::kFieldStatus);
        auto end = year_of_field(field(sc::kFieldEnd));
        if (!end) {
            if (status == "arrete") undated.push_back(entry.first);
            continue;
        }
        if (*end < from || *end > to) continue;
        ended.push_back(entry.first);
        out.records.push_back({entry.first, field(sc::kFieldTitle), *end, status});
    }
    std::sort(out.records.begin(), out.records.end(), [](const EtatEnded& x, const EtatEnded& y) {
        return x.end != y.end ? x.end < y.end : x.title != y.title ? x.title < y.title : x.id < y.id;
    });
    out.ended = etat_values_figure(index, cache, every_partnership(), "partnership", ended, "termines");
    out.stopped_undated =
        etat_values_figure(index, cache, every_partnership(), "partnership", undated, "arretes_sans_fin");
    return out;
}

EtatMovement state_movement(const Index& index, const Etat& etat, SearchCache* cache) {
    EtatMovement m;
    m.from = etat.from;
    m.to = etat.to;
    const int years = etat.to - etat.from + 1;
    m.previous_from = etat.from - years;
    m.previous_to = etat.from - 1;
    EtatFigure before{"", 0, moved_to_period(etat.partnerships.search, m.previous_from, m.previous_to)};
    // No partnership in the index: the search would be refused (unknown type).
    if (etat.all_records.count) before.count = total_of(index, cache, before.search);
    m.begun = {"signes", before, etat.partnerships};
    m.endings = partnerships_ended(index, etat.from, etat.to, cache);
    m.ended = {"termines", partnerships_ended(index, m.previous_from, m.previous_to, cache).ended, m.endings.ended};
    return m;
}

EtatComparison compare_states(const Index& index, int from1, int to1, int from2, int to2, SearchCache* cache) {
    EtatComparison c;
    c.first = decentralised_state(index, from1, to1, cache);
    c.second = decentralised_state(index, from2, to2, cache);
    c.ended_first = partnerships_ended(index, from1, to1, cache);
    c.ended_second = partnerships_ended(index, from2, to2, cache);
    const Etat &a = c.first, &b = c.second;
    c.headline = {
        {"signes", a.partnerships, b.partnerships},
        {"conventions", a.agreements, b.agreements},
        {"termines", c.ended_first.ended, c.ended_second.ended},
        {"communes", EtatFigure{"communes", a.communes, {}}, EtatFigure{"communes", b.communes, {}}},
        {"pays_connu", a.known_country, b.known_country},
        {"sud", a.south, b.south},
        {"avec_montant", a.with_amount, b.with_amount},
    };
    for (size_t i = 0; i < a.tables.size() && i < b.tables.size(); ++i)
        c.tables.push_back(compared_table(index, cache, a.tables[i], b.tables[i], a, b));

    std::set<std::string> sources;
    for (const auto* e : {&a, &b})
        for (const auto& am : e->amounts) sources.insert(am.source);
    for (const auto& s : sources) {
        EtatAmountSide row;
        row.source = s;
        fill_amount(index, cache, a, 0, s, row.fcfa_first, row.first);
        fill_amount(index, cache, b, 0, s, row.fcfa_second, row.second);
        c.by_source.push_back(std::move(row));
    }
    const int years = std::max(to1 - from1, to2 - from2) + 1;
    for (int n = 0; n < years; ++n) {
        EtatAmountSide row;
        if (from1 + n <= to1) {
            row.year_first = from1 + n;
            fill_amount(index, cache, a, row.year_first, "", row.fcfa_first, row.first);
        }
        if (from2 + n <= to2) {
            row.year_second = from2 + n;
            fill_amount(index, cache, b, row.year_second, "", row.fcfa_second, row.second);
        }
        c.by_year.push_back(std::move(row));
    }
    return c;
}

std::optional<std::pair<int, int>> parse_second_period(const std::string& de2, const std::string& a2, int current) {
    if (de2.empty() && a2.empty()) return std::nullopt;
    try {
        return parse_period(de2, a2, current);
    } catch (const SearchError& e) {
        const std::string prefix = "période de comparaison : ";
        throw SearchError{prefix + e.message, prefix + e.for_user(), e.parameter + "2"};
    }
}

}  // namespace coopdec
