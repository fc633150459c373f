// @brief The atlas's pages named in text (see atlas_names.h for the contract).
#include "search/atlas_names.h"

#include <algorithm>
#include <set>

#include "common/analysis.h"
#include "search/atlas.h"
#include "search/countries.h"

namespace coopdec::atlas {
namespace {

// What a partner's name may start with before the name people use.
constexpr std::string_view kPartnerKinds[] = {
    "Commune de ", "Commune d'",       "Commune d’",      "Commune du ",     "Ville de ",  "Ville d'",
    "Ville d’",    "Municipalité de ", "Municipalité d'", "Municipalité d’", "Comune di ", "Gemeinde ",
    "Stadt ",      "Province du ",     "Province de ",    "Région ",         "Landkreis ", "Land ",
};

// Groups of communes are named by what follows (« Communauté de communes de
// la Côte Roannaise » is the Côte Roannaise); the articles after it are
// dropped with the other leading stop words (words()).
constexpr std::string_view kGroupKinds[] = {"Communauté de communes ", "Communauté d'agglomération ",
                                            "Communauté d’agglomération ", "Communauté urbaine "};

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.size() > prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// The folded words of a name, without its leading stop words (« des
// Hauts-Bassins-Est » is met as « hauts bassins est »); empty when it has
// only stop words, or is only a number: such a name would name too much.
std::vector<std::string> words(std::string_view name) {
    std::vector<std::string> out;
    bool content = false;
    for (const auto& t : analysis::tokenize(name, "fr")) {
        if (out.empty() && t.stop) continue;
        out.push_back(t.term);
        content = content ||
                  (!t.stop && !std::all_of(t.term.begin(), t.term.end(), [](char c) { return c >= '0' && c <= '9'; }));
    }
    if (!content) out.clear();
    return out;
}

std::string joined(const std::vector<std::string>& ws) {
    std::string out;
    for (const auto& w : ws) out += (out.empty() ? "" : " ") + w;
    return out;
}

bool is_number(const std::string& w) {
    return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "Kloto 1 (Kpalimé)": the name and its former names.
std::string commune_label(const places::PlaceRow& r) {
    std::string label = r.name;
    if (r.former.empty()) return label;
    label += " (";
    for (size_t i = 0; i < r.former.size(); ++i) label += (i ? ", " : "") + r.former[i];
    return label + ")";
}

Link commune_link(const places::PlaceRow& r) { return Link{"commune", r.id, commune_label(r), "/commune/" + r.id}; }

// The words of the query that may name a page: a word excluded by « -mot »
// (a "-" at the start of a query word) is a gap no name spans.
std::vector<std::string> query_words(std::string_view query) {
    std::vector<std::string> out;
    for (const auto& t : analysis::tokenize(query, "fr")) {
        const bool excluded = t.begin > 0 && query[t.begin - 1] == '-' &&
                              (t.begin == 1 || query[t.begin - 2] == ' ' || query[t.begin - 2] == '(');
        out.push_back(excluded ? std::string() : t.term);
    }
    return out;
}

}  // namespace

std::vector<std::string> spoken_partner_names(const std::string& name) {
    std::vector<std::string> spoken{name};
    std::string shorter = name.substr(0, name.find(" ("));  // "Mamoudzou (Mayotte)" → "Mamoudzou"
    if (!shorter.empty() && shorter != name) spoken.push_back(shorter);
    // "Commune de Koumbel" is Koumbel to those who speak of it.
    for (std::string_view kind : kPartnerKinds)
        if (starts_with(shorter, kind)) spoken.push_back(shorter.substr(kind.size()));
    return spoken;
}

Finder::Finder(const std::vector<places::PlaceRow>& gazetteer, const std::vector<PartnerName>& partners) {
    // Communes: their names and aliases; the names of their families.
    std::map<std::string, std::vector<const places::PlaceRow*>> families;  // family's words → communes, in order
    std::map<std::string, std::string> family_names;                       // family's words → "Golfe"
    std::map<std::string, std::set<std::string>> by_alias;                 // normalised alias → ids
    for (const places::PlaceRow& r : gazetteer) {
        if (r.level != "commune") continue;
        targets_.push_back({commune_link(r)});
        add_phrase(r.name, targets_.size() - 1);
        for (const auto& a : r.aliases) {
            add_phrase(a, targets_.size() - 1);
            by_alias[joined(words(a))].insert(r.id);
        }
        commune_ids_.emplace(joined(words(r.name)), r.id);
        std::vector<std::string> ws = words(r.name);
        if (ws.size() >= 2 && is_number(ws.back())) {
            ws.pop_back();
            families[joined(ws)].push_back(&r);
            family_names.emplace(joined(ws), r.name.substr(0, r.name.find_last_of(' ')));
        }
    }
    // An alias is taken for a commune's name when it is no name and names one commune.
    for (const auto& [alias, ids] : by_alias)
        if (ids.size() == 1 && !alias.empty()) commune_ids_.emplace(alias, *ids.begin());
    for (const auto& [key, members] : families) {
        std::vector<Link> links;
        for (size_t i = 0; i < members.size() && i < kMaxFamily; ++i) links.push_back(commune_link(*members[i]));
        if (members.size() > kMaxFamily)
            links.push_back(Link{"communes", "",
                                 "Les " + std::to_string(members.size()) + " communes « " + family_names[key] + " »",
                                 "/communes"});
        targets_.push_back(std::move(links));
        add_phrase(family_names[key], targets_.size() - 1);
        // The préfecture of that name: its other names (« Lomé », the chef-lieu
        // of Golfe) name the family too, unless they name a commune.
        for (const places::PlaceRow& r : gazetteer)
            if (r.level == "prefecture" && joined(words(r.name)) == key)
                for (const auto& a : r.aliases)
                    if (!commune_ids_.count(joined(words(a))) && !by_alias.count(joined(words(a))))
                        add_phrase(a, targets_.size() - 1);
    }

    // Partners, each once, and their countries.
    std::set<std::string> seen, codes;
    for (const PartnerName& p : partners) {
        if (p.name.empty()) continue;
        const std::string id = partner_id(p.name, p.country);
        if (!seen.insert(id).second) continue;
        if (!p.country.empty() && countries::find(p.country)) codes.insert(p.country);
        std::string label = p.name;
        if (!p.country.empty()) label += " (" + std::string(countries::french_name(p.country)) + ")";
        targets_.push_back({Link{"partenaire", id, label, "/partenaire/" + id}});
        for (const std::string& s : spoken_partner_names(p.name)) {
            add_phrase(s, targets_.size() - 1);
            for (std::string_view kind : kGroupKinds)
                if (starts_with(s, kind)) add_phrase(s.substr(kind.size()), targets_.size() - 1);
        }
    }
    for (const std::string& code : codes) {
        const countries::Country* c = countries::find(code);
        targets_.push_back({Link{"pays", std::string(c->code), std::string(c->name), "/pays/" + std::string(c->code)}});
        add_phrase(c->name, targets_.size() - 1);
        for (std::string_view other = c->other; !other.empty();) {
            const size_t bar = other.find('|');
            add_phrase(other.substr(0, bar), targets_.size() - 1);
            other = bar == std::string_view::npos ? std::string_view() : other.substr(bar + 1);
        }
    }
}

void Finder::add_phrase(std::string_view name, size_t target) {
    std::vector<std::string> ws = words(name);
    if (ws.empty()) return;
    for (size_t p : by_first_[ws.front()])
        if (phrases_[p].words == ws && phrases_[p].target == target) return;
    by_first_[ws.front()].push_back(phrases_.size());
    phrases_.push_back(Phrase{std::move(ws), target});
}

std::vector<Link> Finder::find(std::string_view query) const {
    const std::vector<std::string> qw = query_words(query);
    std::vector<Link> out;
    for (size_t at = 0; at < qw.size() && out.size() < kMaxLinks;) {
        auto first = by_first_.find(qw[at]);
        size_t best = 0;
        std::vector<size_t> found;  // targets of the longest names at `at`
        if (first != by_first_.end()) {
            for (size_t p : first->second) {
                const Phrase& ph = phrases_[p];
                const size_t len = ph.words.size();
                if (len < best || at + len > qw.size() ||
                    !std::equal(ph.words.begin(), ph.words.end(), qw.begin() + at))
                    continue;
                if (len > best) found.clear();
                best = len;
                if (std::find(found.begin(), found.end(), ph.target) == found.end()) found.push_back(ph.target);
            }
        }
        std::sort(found.begin(), found.end());  // gazetteer order, then partners, then countries
        for (size_t t : found)
            for (const Link& l : targets_[t])
                if (out.size() < kMaxLinks && std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
        at += best ? best : 1;
    }
    return out;
}

std::string Finder::commune_id(std::string_view name) const {
    auto it = commune_ids_.find(joined(words(name)));
    return it == commune_ids_.end() ? std::string() : it->second;
}

}  // namespace coopdec::atlas
