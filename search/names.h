// @brief The names users type for facet values: countries (names and
// adjectives, search/countries.h), Togo's places (names, former names,
// variants, chefs-lieux: the places metadata of the index) and partners
// (the partnership records' partner names). The query parser recognises
// them in the free text; the facet boxes take them for values.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "search/atlas_names.h"
#include "search/index.h"

namespace coopdec {

// One facet value a name stands for.
struct NamedValue {
    std::string facet;  // a facet name of schema::kFacets: "country", "commune", "prefecture", "region", "partnership"
    std::string value;  // the facet value to filter on: "BE", "Kloto 1", "part-kloto-1-bressuire"
    std::string label;  // what to show: "Belgique", "Kloto 1 (Kpalimé)", "Bressuire (France)"
    bool operator==(const NamedValue&) const = default;
};

// Immutable once built: any number of threads may read one at once.
class Names {
public:
    // Built from an index (places metadata, partnership records) and the
    // built-in country table. Cheap per request: the table of an index's
    // revision is built once and shared (the latest revision's is kept). An
    // index with a remote shard has no revision: its table is kept 60 s per
    // list of shards, so that a re-index shows within a minute. An index
    // whose shards have no UUID (in memory) is read at every call. Thread-safe.
    // Throws what Xapian throws.
    static std::shared_ptr<const Names> load(const Index& index);

    // The same, from one database and the places metadata value, uncached.
    static std::shared_ptr<const Names> build(const Xapian::Database& db, std::string_view places_metadata);

    // The longest name starting at words[at] (folded words as analysis::tokenize
    // gives them, stop words included; compared on French stems, so "belges" =
    // "belge", "allemandes" = "allemand(e)"): its length in words (0: none),
    // `readings` filled with every facet value it may stand for (an ambiguous
    // name — Kara: the town of Kozah 1 and the région — gives several). Stop
    // words alone never make a name. Only values the index holds are returned.
    // A word meets a name's word when their stems are equal and the word is
    // that word or that word inflected (+s, +x, +e, +es): « francs » is not
    // « France » although both stem to "franc".
    size_t match(const std::vector<std::string>& words, size_t at, std::vector<NamedValue>& readings) const;

    // A value typed in facet `facet`'s box ("Kpalimé", "kloto 1", "France",
    // "Bressuire", "part-…"): the values it names, empty when none. A place
    // typed in a wider place's box names the place that holds it (a commune's
    // name in the préfecture box: its préfecture).
    std::vector<NamedValue> resolve(std::string_view facet, std::string_view typed) const;

    // The `n` values of `facet` closest to `typed` (accent- and case-insensitive
    // edit distance on labels and aliases; a name that starts with what was
    // typed comes first), best first. Empty for a facet this table does not know.
    std::vector<NamedValue> closest(std::string_view facet, std::string_view typed, size_t n) const;

    // The display label of a facet value ("BE" → "Belgique"; "" when unknown).
    std::string label(std::string_view facet, std::string_view value) const;

    // Every name of a facet value, its label first, then its other names
    // ("Kloto 1" → "Kloto 1 (Kpalimé)", "Kloto 1", "Kpalimé"); empty when unknown.
    std::vector<std::string> names_of(std::string_view facet, std::string_view value) const;

    // True when `folded_word` is a word of some name (spelling must not
    // "correct" it); and every such word. Stop words are not name words. Every
    // country counts, held by the index or not.
    bool is_name_word(std::string_view folded_word) const;
    const std::set<std::string>& name_words() const { return words_; }

    // The atlas's pages named by these places, partners and countries.
    const atlas::Finder& atlas() const { return atlas_; }

private:
    struct Known {
        NamedValue value;
        std::vector<std::string> names;  // as written: label, value, other names
        std::vector<std::string> norms;  // the same, normalised (folded words joined by one space)
        std::string parent_facet;        // places: the facet and value of the enclosing place
        std::string parent;
        bool held = false;  // the index has documents with this value
    };
    struct Entry {
        std::vector<std::string> words;  // folded
        std::vector<std::string> stems;  // their French stems
        size_t known;                    // index in known_
    };

    // `spoken`: names recognised in free text too; `written`: only taken in a
    // facet box (codes, ids, titles).
    void add(const std::string& facet, const std::string& value, const std::string& label,
             const std::vector<std::string>& spoken, const std::vector<std::string>& written, bool held,
             std::string parent_facet = {}, std::string parent = {});
    const Known* find(std::string_view facet, std::string_view value) const;

    std::vector<Known> known_;
    std::vector<Entry> entries_;
    std::unordered_map<std::string, std::vector<size_t>> by_first_stem_;           // → entries_
    std::map<std::pair<std::string, std::string>, size_t, std::less<>> by_value_;  // (facet, folded value) → known_
    std::set<std::string> words_;
    atlas::Finder atlas_;
};

}  // namespace coopdec
