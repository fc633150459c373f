// @brief The state of decentralised cooperation (see etat.h for the contract).
#include "search/etat.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <sstream>

#include "common/schema.h"
#include "search/countries.h"
#include "search/document.h"
#include "search/overview.h"
#include "search/request.h"

namespace coopdec {

const char* const kSouthRule =
    "Un partenaire est « du Sud » quand son pays est, dans la classification M49 de la Division de statistique "
    "des Nations unies (régions et sous-régions, tenue dans search/countries.cc), en Afrique, en Amérique "
    "latine et Caraïbes (Amérique centrale, Amérique du Sud, Caraïbes), en Asie ou en Océanie, sauf le Japon, "
    "la Corée du Sud, Israël, l'Australie et la Nouvelle-Zélande ; l'Europe et l'Amérique septentrionale sont "
    "« du Nord ». La part Sud–Sud est le nombre de partenariats avec un partenaire du Sud divisé par le "
    "nombre de partenariats dont le pays du partenaire est connu.";

bool is_south(std::string_view code) {
    const countries::Country* c = countries::find(code);
    if (!c) return false;
    for (const char* north : {"JP", "KR", "IL", "AU", "NZ"})
        if (c->code == north) return false;
    if (c->continent == "Afrique" || c->continent == "Asie" || c->continent == "Océanie") return true;
    return c->region == "Amérique centrale" || c->region == "Amérique du Sud" || c->region == "Caraïbes";
}

namespace {

namespace sc = schema;

EtatParams plus(EtatParams p, const std::string& name, const std::string& value) {
    p.emplace_back(name, value);
    return p;
}

std::vector<FacetCount> sorted_values(const SearchResult& r, const std::string& facet) {
    const FacetResult* f = facet_named(r, facet);
    if (!f) return {};
    std::vector<FacetCount> v = f->values;
    std::stable_sort(v.begin(), v.end(), [](const FacetCount& a, const FacetCount& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    return v;
}

std::vector<std::string> amount_lines(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string l; std::getline(in, l);)
        if (!l.empty()) out.push_back(l);
    return out;
}

std::vector<std::string> line_fields(const std::string& line) {
    std::vector<std::string> out(1);
    for (char ch : line)
        if (ch == sc::kValueSep)
            out.emplace_back();
        else
            out.back() += ch;
    return out;
}

std::optional<int> four_digits(const std::string& s) {
    if (s.size() != 4 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::stoi(s);
}

}  // namespace

// Several values of one facet, ORed: the search's total counts a record once.
EtatFigure etat_values_figure(const Index& index, SearchCache* cache, const EtatParams& base, const std::string& facet,
                              const std::vector<std::string>& values, const std::string& label) {
    EtatFigure f{label, 0, base};
    // No value: no search gives « none of them », so no link.
    if (values.empty()) {
        f.search.clear();
        return f;
    }
    for (const auto& v : values) f.search.emplace_back(facet, v);
    f.count = search(index, counting_request(f.search), nullptr, cache).total;
    return f;
}

std::pair<int, int> parse_period(const std::string& de, const std::string& a, int current) {
    auto year = [](const std::string& v, const char* which) {
        auto y = four_digits(v);
        if (!y || *y < 1000)
            throw SearchError{"année " + std::string(which) + " invalide : « " + v + " » (attendu : 4 chiffres)",
                              "année " + std::string(which) + " invalide (« " + v +
                                  " ») : écrivez une année en 4 chiffres, par exemple 2024",
                              which[0] == 'd' && which[1] == 'e' ? "de" : "a"};
        return *y;
    };
    if (de.empty() && a.empty()) return {current, current};
    int from = de.empty() ? year(a, "de fin") : year(de, "de début");
    int to = a.empty() ? from : year(a, "de fin");
    if (to < from)
        throw SearchError{"période inversée : " + std::to_string(from) + " > " + std::to_string(to),
                          "la période finit (" + std::to_string(to) + ") avant de commencer (" + std::to_string(from) +
                              ") : l'année de fin doit suivre l'année de début",
                          "a"};
    if (to - from >= 200)
        throw SearchError{"période de plus de 200 ans",
                          "la période dépasse 200 ans : choisissez une période plus courte", "a"};
    return {from, to};
}

Etat decentralised_state(const Index& index, int from, int to, SearchCache* cache) {
    const Xapian::Database& db = index.db();
    Etat out;
    out.from = from;
    out.to = to;
    const EtatParams all{{"type", sc::kTypePartnership}};
    const EtatParams base = plus(plus(all, "year_from", std::to_string(from)), "year_to", std::to_string(to));
    out.partnerships = EtatFigure{"", 0, base};
    out.known_country = EtatFigure{"connu", 0, base};
    out.south = EtatFigure{"sud", 0, base};
    out.with_amount = EtatFigure{"", 0, all};
    const EtatParams agreements =
        plus(plus(EtatParams{{"type", sc::kTypeAgreement}}, "year_from", std::to_string(from)), "year_to",
             std::to_string(to));
    out.agreements = EtatFigure{"", 0, agreements};
    out.all_records = EtatFigure{"", 0, all};
    // A type absent from the index: validate() would refuse it as an unknown value.
    auto has_type = [&](const char* type) {
        return db.get_termfreq(sc::facet_term(*sc::find_facet("type"), type)) > 0;
    };
    if (has_type(sc::kTypeAgreement))
        out.agreements.count = search(index, counting_request(agreements), nullptr, cache).total;
    if (!has_type(sc::kTypePartnership)) return out;

    const SearchResult period = search(index, counting_request(base), nullptr, cache);
    out.partnerships.count = period.total;

    // The facet tables of the period's records.
    auto table = [&](const std::string& facet) {
        EtatTable t{facet, {}, false};
        size_t sum = 0;
        for (const auto& v : sorted_values(period, facet)) {
            t.rows.push_back(EtatFigure{v.value, v.count, plus(base, facet, v.value)});
            sum += v.count;
        }
        t.overlapping = sum > period.total;
        return t;
    };
    EtatTable status = table("status");
    auto rank = [](const std::string& v) { return v == "actif" ? 0 : v == "arrete" ? 1 : v == "inconnu" ? 2 : 3; };
    std::stable_sort(status.rows.begin(), status.rows.end(),
                     [&](const EtatFigure& x, const EtatFigure& y) { return rank(x.value) < rank(y.value); });
    EtatTable country = table("country");
    EtatTable commune = table("commune");
    out.communes = commune.rows.size();

    // Continents and South–South: the countries' records ORed.
    std::map<std::string, std::vector<std::string>> by_continent;
    std::vector<std::string> known, south, north;
    for (const auto& r : country.rows) {
        const countries::Country* c = countries::find(r.value);
        by_continent[c && !c->continent.empty() ? std::string(c->continent) : "Inconnu"].push_back(r.value);
        known.push_back(r.value);
        (is_south(r.value) ? south : north).push_back(r.value);
    }
    EtatTable continent{"continent", {}, false};
    for (const auto& [name, codes] : by_continent)
        continent.rows.push_back(etat_values_figure(index, cache, base, "country", codes, name));
    std::stable_sort(continent.rows.begin(), continent.rows.end(),
                     [](const EtatFigure& x, const EtatFigure& y) { return x.count > y.count; });
    out.known_country = etat_values_figure(index, cache, base, "country", known, "connu");
    out.south = etat_values_figure(index, cache, base, "country", south, "sud");
    EtatTable ss{"south", {out.south, etat_values_figure(index, cache, base, "country", north, "nord")}, false};

    out.tables.push_back(std::move(status));
    out.tables.push_back(table("region"));
    out.tables.push_back(table("prefecture"));
    out.tables.push_back(std::move(commune));
    out.tables.push_back(std::move(country));
    out.tables.push_back(std::move(continent));
    out.tables.push_back(std::move(ss));
    out.tables.push_back(table("theme"));

    // Every record of the index, for the amounts and the missing data.
    const SearchResult every = search(index, counting_request(all), nullptr, cache);
    out.all_records.count = every.total;
    for (const auto& v : sorted_values(every, "status"))
        out.all_status.push_back(EtatFigure{v.value, v.count, plus(all, "status", v.value)});
    std::stable_sort(out.all_status.begin(), out.all_status.end(),
                     [&](const EtatFigure& x, const EtatFigure& y) { return rank(x.value) < rank(y.value); });
    std::vector<std::string> ids;
    for (const auto& v : sorted_values(every, "partnership")) ids.push_back(v.value);
    std::set<std::string> in_period;
    for (const auto& v : sorted_values(period, "partnership")) in_period.insert(v.value);
    std::map<std::string, sc::Data> data = stored_data_of(db, ids);

    std::map<std::pair<int, std::string>, std::pair<unsigned long long, std::set<std::string>>> sums;
    std::set<std::string> with_amount, demo;
    for (const auto& entry : data) {
        // Named references, not a structured binding: C++20 as clang 14
        // implements it cannot capture a binding in a lambda.
        const std::string& id = entry.first;
        const sc::Data& d = entry.second;
        auto field = [&](const char* k) {
            auto it = d.find(k);
            return it == d.end() ? std::string() : it->second;
        };
        const std::string title = field(sc::kFieldTitle);
        if (field(sc::kFieldDemo) == "1") demo.insert(id);
        bool any = false;
        for (const auto& line : amount_lines(field(sc::kFieldAmounts))) {
            auto f = line_fields(line);
            if (f.size() < 4) continue;
            any = true;
            auto y = four_digits(f[0].substr(0, std::min<size_t>(4, f[0].size())));
            unsigned long long fcfa = 0;
            auto [p, ec] = std::from_chars(f[3].data(), f[3].data() + f[3].size(), fcfa);
            if (!y || ec != std::errc() || *y < from || *y > to) continue;
            auto& s = sums[{*y, f[1]}];
            s.first += fcfa;
            s.second.insert(id);
            with_amount.insert(id);
        }
        if (any) ++out.amount_records;
        if (field(sc::kFieldStart).empty() || !four_digits(field(sc::kFieldStart).substr(0, 4)))
            out.missing.push_back({id, title, "année de début (la fiche n'entre dans aucune période)"});
        if (!in_period.count(id)) continue;
        if (field(sc::kFieldPartnerCountry).empty()) out.missing.push_back({id, title, "pays du partenaire"});
        if (field(sc::kFieldThemes).empty()) out.missing.push_back({id, title, "thèmes"});
        if (field(sc::kFieldStatus).empty() || field(sc::kFieldStatus) == "inconnu")
            out.missing.push_back({id, title, "statut (inconnu)"});
        if (!any) out.missing.push_back({id, title, "financements (aucun montant)"});
    }
    for (auto& [key, s] : sums) {
        EtatAmount a{key.first, key.second, s.first,
                     etat_values_figure(index, cache, all, "partnership",
                                        std::vector<std::string>(s.second.begin(), s.second.end()), ""),
                     0};
        for (const auto& id : s.second) a.demo += demo.count(id);
        out.amounts.push_back(std::move(a));
    }
    out.with_amount = etat_values_figure(index, cache, all, "partnership",
                                         std::vector<std::string>(with_amount.begin(), with_amount.end()), "");
    std::stable_sort(out.missing.begin(), out.missing.end(),
                     [](const EtatMissing& x, const EtatMissing& y) { return x.what < y.what; });
    return out;
}

}  // namespace coopdec
