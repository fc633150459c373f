// @brief The French forms table: inflected forms from the dictionaries that
// must stem like their lemma, and different words that must not.
#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "common/analysis.h"

namespace {

using coopdec::analysis::fold;
using coopdec::analysis::stem;
using coopdec::analysis::tokenize;

// The French stems of a word's parts, as the indexer makes them: folded,
// hyphenated compounds split ("chefs-lieux" → "chef", "lieu").
std::vector<std::string> stems(std::string_view word) {
    std::vector<std::string> out;
    for (const auto& t : tokenize(word, "fr")) out.push_back(stem(t.term, "fr"));
    return out;
}

struct Pair {
    std::string lemma, form;
    int line = 0;
};

// tests/data/french-forms.tsv: LEMMA<TAB>FORM lines, # comments.
std::vector<Pair> read_pairs() {
    std::ifstream in(COOPDEC_SOURCE_DIR "/tests/data/french-forms.tsv");
    std::vector<Pair> out;
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (line.empty() || line[0] == '#') continue;
        size_t tab = line.find('\t');
        REQUIRE(tab != std::string::npos);
        out.push_back({line.substr(0, tab), line.substr(tab + 1), n});
    }
    return out;
}

}  // namespace

TEST_CASE("French forms meet their lemma: the dictionary table", "[french-forms][analysis]") {
    const std::vector<Pair> pairs = read_pairs();
    REQUIRE(pairs.size() >= 200);
    for (const Pair& p : pairs) {
        INFO("french-forms.tsv:" << p.line << ": " << p.lemma << " / " << p.form);
        const auto lemma = stems(p.lemma);
        REQUIRE(!lemma.empty());
        CHECK(stems(p.form) == lemma);
        // Typed without accents: the folded spelling is what users type.
        CHECK(stems(fold(p.form)) == lemma);
        // A word of one piece: the stem of the folded word itself.
        if (p.form.find('-') == std::string::npos) CHECK(stem(fold(p.form), "fr") == stem(fold(p.lemma), "fr"));
    }
}

TEST_CASE("French forms typed without accents meet the accented lemma", "[french-forms][analysis]") {
    struct Row {
        std::string_view typed, lemma;
    };
    const Row rows[] = {
        {"etrangere", "étranger"},
        {"etrangeres", "étranger"},
        {"regionaux", "régional"},
        {"hopitaux", "hôpital"},
        {"deleguee", "délégué"},
        {"creees", "créé"},
        {"elues", "élu"},
        {"numeros", "numéro"},
        {"epieux", "épieu"},
        {"emaux", "émail"},
        {"legislatives", "législatif"},
        {"redactrice", "rédacteur"},
        {"electrices", "électeur"},
        {"superieure", "supérieur"},
        {"ghaneenne", "ghanéen"},
        {"interieures", "intérieur"},
    };
    for (const Row& r : rows) {
        INFO(r.typed << " / " << r.lemma);
        CHECK(stem(r.typed, "fr") == stem(fold(r.lemma), "fr"));
    }
}

TEST_CASE("French compounds meet word by word, and joined when only the last word varies", "[french-forms][analysis]") {
    CHECK(stems("chefs-lieux") == stems("chef-lieu"));
    CHECK(stems("grands-pères") == stems("grand-père"));
    CHECK(stems("arcs-en-ciel") == stems("arc-en-ciel"));
    CHECK(stems("sous-préfets") == stems("sous-préfet"));
    // Written as one word, a compound is one word: its last part's
    // inflection is undone like any word's ("chefslieux" keeps the inner s).
    CHECK(stem("avantprojets", "fr") == stem("avantprojet", "fr"));
    CHECK(stem("sousprefets", "fr") == stem("sousprefet", "fr"));
    CHECK(stem("sousprefete", "fr") == stem("sousprefet", "fr"));
}

TEST_CASE("Different French words stay apart", "[french-forms][analysis]") {
    // Each pair is what a naive plural or feminine rule would merge.
    struct Row {
        std::string_view a, b, why;
    };
    const Row rows[] = {
        {"mois", "moi", "an s after oi is not always a plural (month, me)"},
        {"fois", "foi", "time, faith"},
        {"doux", "doué", "an -oux adjective, not the plural of an -ou noun"},
        {"roux", "roue", "an -oux adjective, not a plural"},
        {"nous", "noue", "a pronoun in -ous, not the plural of an -ou noun"},
        {"vous", "voue", "a pronoun in -ous, not a plural"},
        {"peux", "peu", "a verb in -eux (pouvoir), not a plural of peu"},
        {"peur", "peu", "a short -eur noun keeps its r"},
        {"heure", "heureux", "the -eure noun and the -eux adjective"},
        {"secteur", "secte", "the -eur rule leaves a stem of its own"},
        {"actif", "acte", "the -if rule keeps the adjective apart from the noun"},
        {"cours", "course", "a singular in -rs and its feminine-looking neighbour"},
    };
    for (const Row& r : rows) {
        INFO(r.a << " / " << r.b << ": " << r.why);
        CHECK(stem(fold(r.a), "fr") != stem(fold(r.b), "fr"));
    }
}

TEST_CASE("French word families stay together under the inflection rules", "[french-forms][analysis]") {
    // The rules must not cut a word from the family Snowball gives it.
    const std::vector<std::vector<std::string_view>> groups = {
        {"tarif", "tarifs", "tarification"},       // "-rif" is left alone
        {"repos", "reposer"},                      // a singular "-os"
        {"animateur", "animatrice", "animation"},  // Snowball's own "-ateur"
        {"administrateur", "administratrice", "administration"},
        {"chaleur", "chaleureux", "chaleureuse"},  // "-eur" / "-eux"
        {"heureux", "heureuse", "heureuses"},
        {"actif", "active", "activer"},
    };
    for (const auto& group : groups) {
        const std::string first = stem(fold(group[0]), "fr");
        for (std::string_view w : group) {
            INFO(group[0] << " / " << w);
            CHECK(stem(fold(w), "fr") == first);
        }
    }
}
