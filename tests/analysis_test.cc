// @brief Tests of the shared text analysis: folding, tokenizing, stop words,
// language tags, and the French analysis table that proves what a query finds.
#include "common/analysis.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "common/stopwords.h"
#include "tests/test_util.h"

namespace {

using coopdec::analysis::fold;
using coopdec::analysis::has_stemmer;
using coopdec::analysis::is_stop_word;
using coopdec::analysis::normalise_lang;
using coopdec::analysis::stem;
using coopdec::analysis::Token;
using coopdec::analysis::tokenize;

std::vector<std::string> terms(std::string_view text, std::string_view lang = "fr") {
    std::vector<std::string> out;
    for (const Token& t : tokenize(text, lang)) out.push_back(t.term);
    return out;
}

// What the indexer and the query parser do with the analysis: true when every
// non-stop word of the query, stemmed, is among the stemmed words of the text
// (false for a query with no such word).
bool matches(std::string_view query, std::string_view text, std::string_view lang = "fr") {
    std::set<std::string> stems;
    for (const Token& t : tokenize(text, lang)) stems.insert(stem(t.term, lang));
    bool any = false;
    for (const Token& t : tokenize(query, lang)) {
        if (t.stop) continue;
        if (stems.count(stem(t.term, lang)) == 0) return false;
        any = true;
    }
    return any;
}

}  // namespace

TEST_CASE("fold lower-cases, removes accents, expands ligatures", "[analysis]") {
    struct Row {
        std::string_view in, out;
    };
    const Row rows[] = {
        {"", ""},
        {"Décentralisée", "decentralisee"},  // accents
        {"ÉLUS", "elus"},                    // accented capital
        {"À Ç È É Ê Ë Î Ï Ô Ù Û Ü Ÿ", "a c e e e e i i o u u u y"},
        {"à â ä ç è é ê ë î ï ô ö ù û ü ÿ", "a a a c e e e e i i o o u u u y"},
        {"œuvre Œuvre ŒUVRE", "oeuvre oeuvre oeuvre"},           // œ ligature
        {"cæcum Æ", "caecum ae"},                                // æ ligature
        {"Straße", "strasse"},                                   // ß
        {"Łódź Dvořák İzmir Ñandú", "lodz dvorak izmir nandu"},  // Latin Extended-A, Latin-1
        {"ﬁnancement", "financement"},                           // PDF ligature ﬁ
        {"l’État l‘x lʼx l'x", "l'etat l'x l'x l'x"},            // apostrophes ’ ‘ ʼ → '
        {"nº n°", "no n°"},                                      // º is a letter (o), ° a sign
        {"coope\u0301ration", "cooperation"},                    // NFD: combining accent dropped
        {"coo\u00ADpération", "cooperation"},                    // soft hyphen dropped
        {"Eʋegbe Ɖ ŋkɔ ɛ", "evegbe d nko e"},                    // Ewe/Kabiyè letters
        {"2×3÷1", "2×3÷1"},                                      // symbols kept
        {"Αθήνα", "Αθήνα"},                                      // other scripts kept as they are
        {"a\xFFz", "az"},                                        // invalid byte dropped
        {"a\xC3", "a"},                                          // truncated sequence
        {"\xC0\xAFx", "x"},                                      // overlong "/"
        {"\xED\xA0\x80x", "x"},                                  // surrogate
        {"\xF4\x90\x80\x80x", "x"},                              // above U+10FFFF
    };
    for (const Row& r : rows) {
        INFO(r.in);
        CHECK(fold(r.in) == r.out);
    }
}

TEST_CASE("tokenize splits words, elisions, hyphens and identifiers", "[analysis]") {
    using V = std::vector<std::string>;
    struct Row {
        std::string_view text;
        V terms;
    };
    const Row rows[] = {
        {"", V{}},
        {" ,;: « » ", V{}},
        {"La Coopération décentralisée", V{"la", "cooperation", "decentralisee"}},
        // Elisions, with ' and ’, are dropped.
        {"l'article", V{"article"}},
        {"L’Article", V{"article"}},
        {"d'un j'ai n'est s'engager c'est m'a t'es", V{"un", "ai", "est", "engager", "est", "a", "es"}},
        {"qu'il jusqu'à lorsqu'elle puisqu'on quoiqu'il", V{"il", "a", "elle", "on", "il"}},
        {"qu’il jusqu’à lorsqu’elle puisqu’on", V{"il", "a", "elle", "on"}},
        {"l'État", V{"etat"}},
        // An apostrophe that is not an elision joins: "aujourd'hui" is one
        // word, found whether typed "aujourd'hui", "aujourd’hui" or "aujourdhui".
        {"aujourd'hui", V{"aujourdhui"}},
        {"d’aujourd’hui", V{"aujourdhui"}},
        {"aujourdhui", V{"aujourdhui"}},
        {"presqu'île", V{"presquile"}},
        // An apostrophe not between letters is a quotation mark.
        {"l' article", V{"l", "article"}},
        {"'citation'", V{"citation"}},
        // Hyphens split words, except between digits.
        {"savoir-faire", V{"savoir", "faire"}},
        {"Saint‑Louis Saint‐Louis", V{"saint", "louis", "saint", "louis"}},  // U+2011, U+2010
        {"2019-006", V{"2019-006"}},
        {"2019 - 006", V{"2019", "006"}},
        {"COVID-19", V{"covid", "19"}},
        {"2019-006-PR", V{"2019-006", "pr"}},
        {"2019-", V{"2019"}},
        // "n°", "nº", "no" before a number only say "number".
        {"loi n° 2019-006", V{"loi", "2019-006"}},
        {"loi no 2019-006", V{"loi", "2019-006"}},
        {"loi N° 2019-006", V{"loi", "2019-006"}},
        {"loi nº 2019-006", V{"loi", "2019-006"}},
        {"loi n°2019-006", V{"loi", "2019-006"}},
        {"loi N°2019-006", V{"loi", "2019-006"}},
        {"loi n ° 2019-006", V{"loi", "2019-006"}},
        {"loi nº2019-006", V{"loi", "2019-006"}},
        {"No2019", V{"no2019"}},  // only º ends a word
        {"loi No. 12", V{"loi", "12"}},
        {"loi n°\u00A012", V{"loi", "12"}},          // no-break space
        {"n° de dossier", V{"n", "de", "dossier"}},  // not before a number
        {"no comment", V{"no", "comment"}},
        {"n°, 12", V{"n", "12"}},  // a comma is not "n° 12"
        // "art." before a number is "article".
        {"art. 46", V{"article", "46"}},
        {"Art 46", V{"article", "46"}},
        {"Art.46", V{"article", "46"}},
        {"article 46", V{"article", "46"}},
        {"l'art moderne", V{"art", "moderne"}},
        {"art, 46", V{"art", "46"}},
        {"12 bis", V{"12", "bis"}},
        {"1er janvier", V{"1er", "janvier"}},
        // Slashes and dots separate: "802-53/A.P." is found by "802-53".
        {"décret n° 802-53/A.P.", V{"decret", "802-53", "a", "p"}},
        {"12/03/2019", V{"12", "03", "2019"}},
        // Invalid UTF-8 separates words.
        {"ab\xFFyz", V{"ab", "yz"}},
        {"€100 😀ok", V{"100", "ok"}},
        {std::string_view("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa x"),
         V{"x"}},  // > 64 bytes
    };
    for (const Row& r : rows) {
        INFO(r.text);
        CHECK(terms(r.text) == r.terms);
    }
}

TEST_CASE("tokenize gives byte offsets of the original spelling", "[analysis]") {
    struct Row {
        std::string_view text;
        std::vector<std::pair<std::string, std::string>> tokens;  // term, source slice
    };
    const Row rows[] = {
        {"l’État décentralisé", {{"etat", "État"}, {"decentralise", "décentralisé"}}},
        {"aujourd’hui", {{"aujourdhui", "aujourd’hui"}}},
        {"n° 2019-006", {{"2019-006", "2019-006"}}},
        {"Art. 46", {{"article", "Art"}, {"46", "46"}}},
        {"coope\u0301ration", {{"cooperation", "coope\u0301ration"}}},
        {"savoir-faire", {{"savoir", "savoir"}, {"faire", "faire"}}},
        {"ŒUVRE", {{"oeuvre", "ŒUVRE"}}},
    };
    for (const Row& r : rows) {
        INFO(r.text);
        auto toks = tokenize(r.text);
        REQUIRE(toks.size() == r.tokens.size());
        for (size_t i = 0; i < toks.size(); ++i) {
            CHECK(toks[i].term == r.tokens[i].first);
            REQUIRE(toks[i].begin <= toks[i].end);
            REQUIRE(toks[i].end <= r.text.size());
            CHECK(r.text.substr(toks[i].begin, toks[i].end - toks[i].begin) == r.tokens[i].second);
        }
    }
}

TEST_CASE("stop words", "[analysis]") {
    for (std::string_view w : {"le", "de", "la", "les", "des", "et", "a", "ete", "l", "d", "qu", "ils"}) {
        INFO(w);
        CHECK(is_stop_word(w, "fr"));
        CHECK(is_stop_word(w, "fra"));
    }
    for (std::string_view w : {"collectivite", "article", "commune", "etat", "no", "n°"}) {
        INFO(w);
        CHECK_FALSE(is_stop_word(w, "fr"));
    }
    CHECK(is_stop_word("the", "en"));
    CHECK(is_stop_word("dont", "en-GB"));
    CHECK_FALSE(is_stop_word("the", "fr"));
    CHECK_FALSE(is_stop_word("le", "en"));
    CHECK_FALSE(is_stop_word("le", "ee"));
    CHECK_FALSE(is_stop_word("le", ""));

    std::vector<bool> flags;
    for (const Token& t : tokenize("Les élus de la commune et l'État", "fr")) flags.push_back(t.stop);
    CHECK(flags == std::vector<bool>{true, false, true, true, false, true, false});
    CHECK_FALSE(tokenize("the", "fr")[0].stop);
    CHECK(tokenize("the", "en")[0].stop);
}

TEST_CASE("stop-word lists are stored folded", "[analysis]") {
    for (std::string_view lang : {"fr", "en"}) {
        auto words = coopdec::analysis::detail::stop_words(lang);
        CHECK(words.size() > 100);
        for (std::string_view w : words) {
            INFO(w);
            CHECK(fold(w) == w);
        }
    }
}

TEST_CASE("normalise_lang maps tags to ISO 639-1", "[analysis]") {
    struct Row {
        std::string_view tag, iso;
    };
    const Row rows[] = {
        {"fr", "fr"},          {"fra", "fr"},   {"fre", "fr"}, {"fr-TG", "fr"}, {"FR", "fr"},
        {"fr_FR.UTF-8", "fr"}, {" fr ", "fr"},  {"eng", "en"}, {"en-GB", "en"}, {"ita", "it"},
        {"de", "de"},          {"ger", "de"},   {"deu", "de"}, {"ewe", "ee"},  // Ewe has an ISO 639-1 code
        {"ee", "ee"},          {"kbp", "kbp"},                                 // Kabiyè has none: kept, lower-cased
        {"KBP-TG", "kbp"},     {"xx-YY", "xx"}, {"", ""},
    };
    for (const Row& r : rows) {
        INFO(r.tag);
        CHECK(normalise_lang(r.tag) == r.iso);
    }
}

TEST_CASE("has_stemmer and the no-stemmer fallback", "[analysis]") {
    for (std::string_view l : {"fr", "fra", "fr-TG", "en", "eng", "it", "de", "es", "pt", "nl"}) {
        INFO(l);
        CHECK(has_stemmer(l));
    }
    for (std::string_view l : {"ee", "ewe", "kbp", "", "xx"}) {
        INFO(l);
        CHECK_FALSE(has_stemmer(l));
    }
    CHECK(stem("evegbe", "ee") == "evegbe");
    CHECK(stem("evegbe", "ewe") == "evegbe");
    CHECK(stem("maisons", "") == "maisons");
    CHECK(stem("2019-006", "fr") == "2019-006");  // identifiers are not stemmed
    CHECK(stem("1er", "fr") == "1er");
    CHECK(stem("", "fr").empty());
    CHECK(stem("cooperations", "en") == stem("cooperation", "en"));
}

TEST_CASE("stem may be called from several threads at once", "[analysis]") {
    // Each thread gets its own Xapian::Stem; run under -fsanitize=thread to
    // see a shared one.
    const std::string expected_fr = stem("decentralisees", "fr");
    const std::string expected_en = stem("cooperations", "en");
    std::vector<int> ok(4, 0);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < ok.size(); ++i) {
        threads.emplace_back([&, i] {
            bool good = true;
            for (int n = 0; n < 2000; ++n)
                good = good && stem("decentralisees", "fr") == expected_fr && stem("cooperations", "en") == expected_en;
            ok[i] = good;
        });
    }
    for (auto& t : threads) t.join();
    CHECK(ok == std::vector<int>(4, 1));
}

TEST_CASE("French stems conflate gender and number of folded words", "[analysis]") {
    // Every form of a row must stem alike once folded (the stem is applied to
    // the folded word, as the indexer and the query parser do).
    const std::vector<std::vector<std::string_view>> groups = {
        {"collectivite", "collectivites", "collectivité", "collectivités"},
        {"elu", "elus", "elue", "elues", "élu", "élus", "élue", "élues"},
        {"decentralise", "decentralisee", "decentralises", "decentralisees", "décentralisée", "décentralisés"},
        {"cooperation", "cooperations", "coopération", "coopérations"},
        {"etat", "etats", "État", "états"},
        {"partenariat", "partenariats"},
        {"commune", "communes"},
        {"communal", "communale", "communaux", "communales"},
        {"jumelage", "jumelages"},
        {"convention", "conventions"},
        {"territorial", "territoriale", "territoriaux", "territoriales"},
        {"premier", "premiere", "premiers", "premières"},
        {"etranger", "étrangère", "étrangers", "étrangères"},
        {"conseiller", "conseillère", "conseillers", "conseillères"},
        {"togolais", "togolaise", "togolaises"},
        {"obtenu", "obtenus", "obtenue", "obtenues"},
        {"annee", "annees", "année", "années"},
        {"cree", "creee", "crees", "creees", "créé", "créée"},
        {"citoyen", "citoyenne", "citoyens", "citoyennes"},
        {"officiel", "officielle", "officiels", "officielles"},
        {"oeuvre", "œuvre", "oeuvres"},
    };
    for (const auto& group : groups) {
        std::string first = stem(fold(group[0]), "fr");
        for (std::string_view w : group) {
            INFO(group[0] << " / " << w);
            CHECK(stem(fold(w), "fr") == first);
        }
    }
    // Distinct words stay distinct.
    CHECK(stem("etat", "fr") != stem(fold("été"), "fr"));
    CHECK(stem("commune", "fr") != stem("communal", "fr"));  // Snowball keeps these apart
    CHECK(stem("vers", "fr") == "ver");                      // short words untouched by the plural rule
}

TEST_CASE("THE FRENCH ANALYSIS TABLE: what a query finds", "[analysis]") {
    struct Row {
        std::string_view query, text;
        bool match;
    };
    const Row rows[] = {
        {"article", "l'article premier", true},
        {"decentralisee", "la coopération décentralisée", true},
        {"cooperation", "la coopération décentralisée", true},
        {"COOPERATION", "coopération", true},  // case
        {"etat", "les services de l'État", true},
        {"etats", "l’État", true},
        {"elus", "les élus locaux", true},
        {"elu", "les élus", true},
        {"elue", "un élu", true},  // feminine
        {"élues", "l'élu", true},
        {"elus", "une élue", true},
        {"decentralise", "décentralisées", true},
        {"décentralisées", "decentralise", true},
        {"oeuvre", "la mise en œuvre", true},
        {"œuvre", "la mise en oeuvre", true},
        {"caecum", "le cæcum", true},
        {"cæcum", "le caecum", true},
        {"ex aequo", "classés ex æquo", true},
        {"collectivite", "les collectivités territoriales", true},
        {"collectivités", "une collectivite", true},
        {"collectivites territoriales", "collectivité territoriale", true},
        {"partenariat", "des partenariats", true},
        {"communes", "la commune de Lomé", true},
        {"lome", "la commune de Lomé", true},
        {"jumelage", "les jumelages", true},
        {"conventions", "la convention", true},
        {"togolais", "la République togolaise", true},
        {"conseillers municipaux", "la conseillère municipale", true},
        {"affaires etrangeres", "Ministère des Affaires étrangères", true},
        {"savoir-faire", "le savoir-faire local", true},
        {"savoir faire", "le savoir-faire", true},
        {"aujourd'hui", "aujourd’hui", true},
        {"aujourdhui", "d'aujourd'hui", true},
        {"2019-006", "loi n° 2019-006 du 26 juin 2019", true},
        {"n° 2019-006", "loi n°2019-006", true},
        {"no 2019-006", "loi n°2019-006", true},
        {"N° 2019-006", "loi n°2019-006", true},
        {"nº 2019-006", "loi N° 2019-006", true},
        {"2019-006", "loi nº2019-006", true},
        {"article 46", "l'article 46", true},
        {"article 46", "art. 46", true},
        {"art. 46", "Article 46", true},
        {"Art 46", "l’article 46", true},
        {"802-53", "décret n° 802-53/A.P.", true},
        {"le maire et les élus", "Les élus et le maire", true},
        {"ewe", "langue : Ewe", true},
        // Inflections Snowball misses (tests/data/french-forms.tsv has the
        // whole table).
        {"actives", "un rôle actif", true},                      // -if / -ive
        {"administratives", "le contrôle administratif", true},  //
        {"chefs-lieux", "le chef-lieu de la préfecture", true},  // compound plural
        {"chef-lieu", "les chefs-lieux", true},                  //
        {"neveux", "son neveu", true},                           // -eu / -eux
        {"enjeux", "un enjeu majeur", true},                     //
        {"milieux", "en milieu rural", true},                    //
        {"hiboux", "un hibou", true},                            // -ou / -oux
        {"travaux", "le travail", true},                         // -ail / -aux
        {"regionaux", "le conseil régional", true},              // -al / -aux
        {"bureaux", "le bureau", true},                          // -eau / -eaux
        {"directrice", "le directeur", true},                    // -teur / -trice
        {"travailleuses", "les travailleurs", true},             // -eur / -euse
        {"superieure", "l'autorité supérieur", true},            // -eur / -eure
        {"heureux", "heureuse", true},                           // -x / -se
        {"ivoirienne", "ivoirien", true},                        // -en / -enne
        {"lois", "la loi", true},                                // -ois
        {"emplois", "un emploi", true},                          //
        {"numeros", "le numéro", true},                          // -os
        {"euros", "1000 euro", true},                            //
        {"etrangere", "un étranger", true},                      // without accents
        // Must not match.
        {"2019-007", "loi n° 2019-006", false},
        {"2019", "loi n° 2019-006", false},  // an identifier is one term
        {"006", "loi n° 2019-006", false},
        {"etat", "en été", false},
        {"article 47", "article 46", false},
        {"elus", "elles", false},
        {"decentralisee", "centralisée", false},
        {"les", "les élus", false},  // only stop words: nothing to find
        {"savoir-faire", "le savoir", false},
        {"mois", "moi", false},           // not every s after oi is a plural
        {"fois", "la foi", false},        //
        {"heureux", "une heure", false},  // -eux and -eure
        {"peur", "peu", false},           // a short -eur keeps its r
        {"doux", "il est doué", false},   // -oux adjective, not a plural
    };
    for (const Row& r : rows) {
        INFO("query « " << r.query << " », text « " << r.text << " »");
        CHECK(matches(r.query, r.text) == r.match);
    }
}

TEST_CASE("StemSet answers as stem() does, for every word of the bundled corpus", "[analysis][snippet]") {
    // The words of the corpus, and of the forms whose stem is unusual.
    std::set<std::string> words = {"yeux",       "oeil",          "s", "y",   "yaourt", "2019-006", "1er", "travaux",
                                   "directrice", "ambassadrices", "x", "eux", "ee"};
    for (const auto& f : std::filesystem::recursive_directory_iterator(coopdec::test::source_dir() + "/corpus")) {
        if (!f.is_regular_file()) continue;
        std::ifstream in(f.path(), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        for (const Token& t : tokenize(text.str(), "fr")) words.insert(t.term);
    }
    REQUIRE(words.size() > 3000);
    for (const std::string& w : words)  // the screen's premise, word by word
        if (w != "yeux") CHECK((stem(w, "fr").empty() || stem(w, "fr")[0] == w[0]));

    // Sets of stems of every first letter, and the empty stem of "s".
    std::vector<std::set<std::string>> sets(4);
    size_t n = 0;
    for (const std::string& w : words) {
        sets[n % 3].insert(stem(w, "fr"));
        ++n;
    }
    sets[0].insert(stem("oeil", "fr"));
    sets[3] = {stem("oeil", "fr"), stem("s", "fr"), stem("cooperation", "fr")};
    for (const auto& lang : {"fr", "fra", "en", "ee"}) {
        for (size_t k = 0; k < sets.size(); ++k) {
            CAPTURE(lang, k);
            const coopdec::analysis::StemSet screen(sets[k], lang);
            size_t yes = 0;
            for (const std::string& w : words) {
                const bool want = sets[k].count(stem(w, lang)) > 0;
                if (screen.has_stem_of(w) != want) FAIL("« " << w << " »");
                yes += want;
            }
            CHECK(yes > 0);
            CHECK(yes < words.size());
        }
    }
    const std::set<std::string> eye = {stem("oeil", "fr")};
    CHECK(coopdec::analysis::StemSet(eye, "fr").has_stem_of("yeux"));  // the irregular plural, screened by its lemma
    const std::set<std::string> none;
    CHECK_FALSE(coopdec::analysis::StemSet(none, "fr").has_stem_of("oeil"));
}
