// @brief The atlas's pages named in text: which communes, partners and
// partner countries a query names (« Dans l'atlas » on the search page), and
// which gazetteer commune a record's commune name stands for.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/places.h"

namespace coopdec::atlas {

// A link to an atlas page.
struct Link {
    std::string kind;   // "commune", "partenaire", "pays", or "communes" (the list of every commune)
    std::string id;     // the page's id: "kloto-1", "bressuire-fr", "FR"; "" for "communes"
    std::string label;  // "Kloto 1 (Kpalimé)", "Bressuire (France)", "France", "Les 7 communes « Golfe »"
    std::string url;    // "/commune/kloto-1", "/partenaire/bressuire-fr", "/pays/FR", "/communes"
    bool operator==(const Link&) const = default;
};

// A partner as the partnership records name it: name and ISO country code ("" when unknown).
struct PartnerName {
    std::string name, country;
};

// At most this many links for one query, and this many communes of one
// numbered family (« golfe » → Golfe 1…Golfe 5, then the list of communes).
inline constexpr size_t kMaxLinks = 8;
inline constexpr size_t kMaxFamily = 5;

// The names people use for a partner: its name, the name before a
// parenthesis (« Mamoudzou (Mayotte) » → « Mamoudzou »), and that without
// the kind of government it starts with (« Commune de Koumbel » → « Koumbel »).
// Pure.
std::vector<std::string> spoken_partner_names(const std::string& name);

// Immutable once built: any number of threads may read one at once.
class Finder {
public:
    Finder() = default;
    // `gazetteer`: the places (only communes are kept); `partners`: every
    // partner of the records (repeats allowed). The countries offered are
    // the partners' countries.
    Finder(const std::vector<places::PlaceRow>& gazetteer, const std::vector<PartnerName>& partners);

    // The atlas pages `query` names, in query order, without repeats, at most
    // kMaxLinks. A name is met on whole folded words (accents, case, hyphens
    // and apostrophes do not matter: « agoe-nyive 2 » = « Agoè-Nyivé 2 »), the
    // longest name at each word first; a word that merely contains a name, a
    // name of stop words only and a word excluded by « -mot » name nothing.
    // Names: a commune's name and aliases (former names), a partner's
    // spoken_partner_names(), a partner country's French name and other names
    // (not its adjectives). The name of a family of numbered communes without
    // its number (« golfe » for Golfe 1…7), and the other names of the
    // préfecture so named that name no commune (« Lomé »), name the family's first kMaxFamily
    // communes, and, when it has more, the list of communes. Pure.
    std::vector<Link> find(std::string_view query) const;

    // The gazetteer id of the commune a record names (« Tône 1 », « tone 1 »,
    // « Kpalimé » → its commune), "" when none: its name first, else an alias
    // that names one commune only.
    std::string commune_id(std::string_view name) const;

private:
    struct Phrase {
        std::vector<std::string> words;  // folded
        size_t target;                   // into targets_
    };
    void add_phrase(std::string_view name, size_t target);

    std::vector<std::vector<Link>> targets_;                         // what each name leads to
    std::vector<Phrase> phrases_;                                    // every name
    std::unordered_map<std::string, std::vector<size_t>> by_first_;  // first word → phrases_
    std::map<std::string, std::string> commune_ids_;                 // normalised name or alias → id
};

}  // namespace coopdec::atlas
