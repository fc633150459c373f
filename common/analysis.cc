// @brief Folding, tokenizing and stemming shared by the indexer and the query
// side (contracts in analysis.h).
#include "common/analysis.h"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <map>
#include <span>
#include <unordered_map>

#include "common/stopwords.h"
#include "common/utf8.h"

namespace coopdec::analysis {

namespace {

// ---------------------------------------------------------------- folding

// U+00C0..U+00FF, folded. "" keeps the character (× and ÷ are not letters).
constexpr std::array<std::string_view, 64> kLatin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c",   // À Á Â Ã Ä Å Æ Ç
    "e", "e", "e", "e", "i", "i", "i",  "i",   // È É Ê Ë Ì Í Î Ï
    "d", "n", "o", "o", "o", "o", "o",  "",    // Ð Ñ Ò Ó Ô Õ Ö ×
    "o", "u", "u", "u", "u", "y", "th", "ss",  // Ø Ù Ú Û Ü Ý Þ ß
    "a", "a", "a", "a", "a", "a", "ae", "c",   // à á â ã ä å æ ç
    "e", "e", "e", "e", "i", "i", "i",  "i",   // è é ê ë ì í î ï
    "d", "n", "o", "o", "o", "o", "o",  "",    // ð ñ ò ó ô õ ö ÷
    "o", "u", "u", "u", "u", "y", "th", "y",   // ø ù ú û ü ý þ ÿ
};

// U+0100..U+017F (Latin Extended-A), folded: every one is a letter.
constexpr std::array<std::string_view, 128> kLatinExtA = {
    "a", "a", "a",  "a",  "a", "a", "c", "c",  // Ā ā Ă ă Ą ą Ć ć
    "c", "c", "c",  "c",  "c", "c", "d", "d",  // Ĉ ĉ Ċ ċ Č č Ď ď
    "d", "d", "e",  "e",  "e", "e", "e", "e",  // Đ đ Ē ē Ĕ ĕ Ė ė
    "e", "e", "e",  "e",  "g", "g", "g", "g",  // Ę ę Ě ě Ĝ ĝ Ğ ğ
    "g", "g", "g",  "g",  "h", "h", "h", "h",  // Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ
    "i", "i", "i",  "i",  "i", "i", "i", "i",  // Ĩ ĩ Ī ī Ĭ ĭ Į į
    "i", "i", "ij", "ij", "j", "j", "k", "k",  // İ ı Ĳ ĳ Ĵ ĵ Ķ ķ
    "k", "l", "l",  "l",  "l", "l", "l", "l",  // ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ
    "l", "l", "l",  "n",  "n", "n", "n", "n",  // ŀ Ł ł Ń ń Ņ ņ Ň
    "n", "n", "n",  "n",  "o", "o", "o", "o",  // ň ŉ Ŋ ŋ Ō ō Ŏ ŏ
    "o", "o", "oe", "oe", "r", "r", "r", "r",  // Ő ő Œ œ Ŕ ŕ Ŗ ŗ
    "r", "r", "s",  "s",  "s", "s", "s", "s",  // Ř ř Ś ś Ŝ ŝ Ş ş
    "s", "s", "t",  "t",  "t", "t", "t", "t",  // Š š Ţ ţ Ť ť Ŧ ŧ
    "u", "u", "u",  "u",  "u", "u", "u", "u",  // Ũ ũ Ū ū Ŭ ŭ Ů ů
    "u", "u", "u",  "u",  "w", "w", "y", "y",  // Ű ű Ų ų Ŵ ŵ Ŷ ŷ
    "y", "z", "z",  "z",  "z", "z", "z", "s",  // Ÿ Ź ź Ż ż Ž ž ſ
};

// Other characters with a folded form, sorted by code point.
struct Fold {
    char32_t cp;
    std::string_view folded;
};
constexpr Fold kOtherFolds[] = {
    {0x00AA, "a"},    // ª feminine ordinal
    {0x00BA, "o"},    // º masculine ordinal, as in "nº"
    {0x0186, "o"},    // Ɔ  the letters of the Ewe and Kabiyè alphabets fold to
    {0x0189, "d"},    // Ɖ  the Latin letter a French keyboard can type, as
    {0x0190, "e"},    // Ɛ  accents do
    {0x0191, "f"},    // Ƒ
    {0x0192, "f"},    // ƒ
    {0x0194, "g"},    // Ɣ
    {0x0196, "i"},    // Ɩ
    {0x01B1, "u"},    // Ʊ
    {0x01B2, "v"},    // Ʋ
    {0x01CD, "a"},    // Ǎ  vowels with a caron (tone marks)
    {0x01CE, "a"},    // ǎ
    {0x01CF, "i"},    // Ǐ
    {0x01D0, "i"},    // ǐ
    {0x01D1, "o"},    // Ǒ
    {0x01D2, "o"},    // ǒ
    {0x01D3, "u"},    // Ǔ
    {0x01D4, "u"},    // ǔ
    {0x0254, "o"},    // ɔ
    {0x0256, "d"},    // ɖ
    {0x025B, "e"},    // ɛ
    {0x0263, "g"},    // ɣ
    {0x0269, "i"},    // ɩ
    {0x028A, "u"},    // ʊ
    {0x028B, "v"},    // ʋ
    {0x02BC, "'"},    // ʼ modifier letter apostrophe
    {0x1EBC, "e"},    // Ẽ nasal vowel
    {0x1EBD, "e"},    // ẽ
    {0x2018, "'"},    // ‘ left single quotation mark, typed for an apostrophe
    {0x2019, "'"},    // ’ typographic apostrophe
    {0xFB00, "ff"},   // ﬀ  ligatures, frequent in text extracted from PDF
    {0xFB01, "fi"},   // ﬁ
    {0xFB02, "fl"},   // ﬂ
    {0xFB03, "ffi"},  // ﬃ
    {0xFB04, "ffl"},  // ﬄ
    {0xFB05, "st"},   // ﬅ
    {0xFB06, "st"},   // ﬆ
};

// What a code point is to the tokenizer.
enum class Kind { kLetter, kDigit, kApostrophe, kHyphen, kIgnorable, kSeparator };

bool in(char32_t cp, char32_t lo, char32_t hi) { return cp >= lo && cp <= hi; }

Kind kind_of(char32_t cp) {
    if (cp < 0x80) {
        if (in(cp, 'a', 'z') || in(cp, 'A', 'Z')) return Kind::kLetter;
        if (in(cp, '0', '9')) return Kind::kDigit;
        if (cp == '\'') return Kind::kApostrophe;
        if (cp == '-') return Kind::kHyphen;
        return Kind::kSeparator;
    }
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC) return Kind::kApostrophe;
    if (cp == 0x2010 || cp == 0x2011) return Kind::kHyphen;  // hyphen, non-breaking hyphen
    // Invisible inside a word: soft hyphen, combining marks (text in NFD),
    // zero-width characters, variation selectors, byte-order mark, tags.
    if (cp == 0x00AD || in(cp, 0x0300, 0x036F) || in(cp, 0x1AB0, 0x1AFF) || in(cp, 0x1DC0, 0x1DFF) ||
        in(cp, 0x20D0, 0x20FF) || in(cp, 0xFE20, 0xFE2F) || in(cp, 0x200B, 0x200D) || cp == 0x2060 ||
        in(cp, 0xFE00, 0xFE0F) || cp == 0xFEFF || in(cp, 0xE0000, 0xE007F))
        return Kind::kIgnorable;
    if (cp == 0x00AA || cp == 0x00B5 || cp == 0x00BA) return Kind::kLetter;
    // Controls, Latin-1 punctuation and symbols, × and ÷, spacing modifiers,
    // punctuation, symbols, private use, specials, emoji.
    if (in(cp, 0x0080, 0x00BF) || cp == 0x00D7 || cp == 0x00F7 || in(cp, 0x02B0, 0x02FF) || in(cp, 0x2000, 0x2BFF) ||
        in(cp, 0x2E00, 0x2E7F) || in(cp, 0x3000, 0x303F) || in(cp, 0xE000, 0xF8FF) || in(cp, 0xFE10, 0xFE1F) ||
        in(cp, 0xFE30, 0xFE6F) || in(cp, 0xFFF0, 0xFFFF) || in(cp, 0x1F000, 0x1FAFF))
        return Kind::kSeparator;
    return Kind::kLetter;  // every other script: kept whole, not case-folded
}

// Appends the folded form of one valid code point.
void append_folded(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(in(cp, 'A', 'Z') ? cp + ('a' - 'A') : cp);
        return;
    }
    std::string_view folded;
    if (in(cp, 0x00C0, 0x00FF)) {
        folded = kLatin1[cp - 0x00C0];
    } else if (in(cp, 0x0100, 0x017F)) {
        folded = kLatinExtA[cp - 0x0100];
    } else {
        auto it = std::ranges::lower_bound(kOtherFolds, cp, {}, &Fold::cp);
        if (it != std::end(kOtherFolds) && it->cp == cp) folded = it->folded;
    }
    if (!folded.empty())
        out += folded;
    else if (kind_of(cp) != Kind::kIgnorable)
        utf8::append(out, cp);
}

Kind kind_at(std::string_view text, size_t pos) {
    if (pos >= text.size()) return Kind::kSeparator;
    char32_t cp = utf8::decode(text, pos);
    return cp == utf8::kInvalid ? Kind::kSeparator : kind_of(cp);
}

// -------------------------------------------------------------- languages

// A language we know by name. `stemmer` is Xapian 1.4's name, "" for none.
struct Language {
    std::string_view iso1;   // ISO 639-1, what the rest of coopdec stores
    std::string_view iso2t;  // ISO 639-2/T (= 639-3)
    std::string_view iso2b;  // ISO 639-2/B, in older metadata ("fre", "ger")
    std::string_view stemmer;
};
constexpr Language kLanguages[] = {
    {"fr", "fra", "fre", "french"},      // French: the corpus's language
    {"en", "eng", "eng", "english"},     // English
    {"ee", "ewe", "ewe", ""},            // Ewe (Togo): no Snowball stemmer
    {"ha", "hau", "hau", ""},            // Hausa: no Snowball stemmer
    {"yo", "yor", "yor", ""},            // Yoruba: no Snowball stemmer
    {"de", "deu", "ger", "german"},      // German
    {"it", "ita", "ita", "italian"},     // Italian
    {"es", "spa", "spa", "spanish"},     // Spanish
    {"pt", "por", "por", "portuguese"},  // Portuguese
    {"nl", "nld", "dut", "dutch"},       // Dutch
    {"ar", "ara", "ara", "arabic"},      // Arabic
    {"hy", "hye", "arm", "armenian"},    // Armenian
    {"eu", "eus", "baq", "basque"},      // Basque
    {"ca", "cat", "cat", "catalan"},     // Catalan
    {"da", "dan", "dan", "danish"},      // Danish
    {"fi", "fin", "fin", "finnish"},     // Finnish
    {"hu", "hun", "hun", "hungarian"},   // Hungarian
    {"id", "ind", "ind", "indonesian"},  // Indonesian
    {"ga", "gle", "gle", "irish"},       // Irish
    {"lt", "lit", "lit", "lithuanian"},  // Lithuanian
    {"ne", "nep", "nep", "nepali"},      // Nepali
    {"no", "nor", "nor", "norwegian"},   // Norwegian
    {"nb", "nob", "nob", "norwegian"},   // Norwegian Bokmål
    {"nn", "nno", "nno", "norwegian"},   // Norwegian Nynorsk
    {"ro", "ron", "rum", "romanian"},    // Romanian
    {"ru", "rus", "rus", "russian"},     // Russian
    {"sv", "swe", "swe", "swedish"},     // Swedish
    {"ta", "tam", "tam", "tamil"},       // Tamil
    {"tr", "tur", "tur", "turkish"},     // Turkish
};

const Language* find_language(std::string_view iso1) {
    for (const auto& l : kLanguages)
        if (l.iso1 == iso1) return &l;
    return nullptr;
}

// Xapian::Stem is reference-counted without atomics and not thread-safe, so
// each thread builds its own stemmers, once per language, and keeps them.
const Xapian::Stem& stemmer_for(const Language& language) {
    thread_local std::map<std::string_view, Xapian::Stem> stemmers;
    auto it = stemmers.find(language.stemmer);
    if (it == stemmers.end())
        it = stemmers.emplace(language.stemmer, Xapian::Stem(std::string(language.stemmer))).first;
    return it->second;
}

// ------------------------------------------------------------------ French

bool is_vowel(char c) { return std::string_view("aeiouy").find(c) != std::string_view::npos; }

// Plurals and feminines that no suffix rule can undo without merging other
// words, with the form the stemmer treats like their lemma (folded, sorted
// by form). Snowball keeps a plural s after a, i, o ("mais", "avis", "mois",
// "fois" are no plurals), reads every "-aux" as "-al" (but "royaux" is the
// plural of "royal"), and knows no "-ail"/"-aux", "-eau"/"-elle" pair.
struct Irregular {
    std::string_view form, lemma;
};
constexpr Irregular kIrregular[] = {
    {"abris", "abri"},                 // -is
    {"ambassadrice", "ambassadeur"},   // the only "-drice" of a "-deur"
    {"ambassadrices", "ambassadeur"},  // -drices
    {"amis", "ami"},                   // -is
    {"baux", "bail"},                  // -ail → -aux
    {"beffrois", "beffroi"},           // -ois
    {"boyaux", "boyau"},               // -au → -aux
    {"convois", "convoi"},             // -ois
    {"coraux", "corail"},              // -ail → -aux
    {"emaux", "email"},                // -ail → -aux
    {"emplois", "emploi"},             // -ois
    {"envois", "envoi"},               // -ois
    {"essais", "essai"},               // -ais
    {"etaux", "etau"},                 // -au → -aux
    {"joyaux", "joyau"},               // -au → -aux
    {"jumeau", "jumelle"},             // -eau / -elle
    {"jumeaux", "jumelle"},            // -eaux / -elle
    {"lois", "loi"},                   // -ois
    {"maux", "mal"},                   // -al → -aux, too short for Snowball
    {"noyaux", "noyau"},               // -au → -aux
    {"octrois", "octroi"},             // -ois
    {"parois", "paroi"},               // -ois
    {"pourvois", "pourvoi"},           // -ois
    {"remplois", "remploi"},           // -ois
    {"renvois", "renvoi"},             // -ois
    {"rois", "roi"},                   // -ois
    {"soucis", "souci"},               // -is
    {"soupiraux", "soupirail"},        // -ail → -aux
    {"tournois", "tournoi"},           // -ois
    {"travaux", "travail"},            // -ail → -aux
    {"tuyaux", "tuyau"},               // -au → -aux
    {"vantaux", "vantail"},            // -ail → -aux
    {"vitraux", "vitrail"},            // -ail → -aux
    {"yeux", "oeil"},                  // oeil → yeux
};

// Words that the plural rules below would misread: singulars in "-os",
// "-oux", "-if" and the stop words "nous", "vous", "tous", "sous" (which
// would meet "nouer", "vouer", "touer"). Sorted.
constexpr std::string_view kNotPlural[] = {
    "albatros", "calvados",   "chaos", "cosmos", "doux", "enclos",  "heros",     "houx", "nous", "pathos", "propos",
    "repos",    "rhinoceros", "roux",  "sous",   "suif", "thermos", "tournedos", "tous", "toux", "vous"};

// The Snowball French stemmer was written for accented words; on folded words
// some inflections survive it, and it misses a few plurals even with accents
// (the table of pairs that must meet is tests/data/french-forms.tsv, the
// pairs that must not in tests/french_forms_test.cc):
//  - "ée"/"ées" lose the accent rule that strips them, so "decentralisee"
//    stemmed to "decentralise" but "decentralise" to "decentralis";
//  - "ière" is no longer recognised, so "premiere" gave "premier" but
//    "premier" gave "premi"; likewise "etrangere"/"etranger",
//    "conseillere"/"conseiller";
//  - a plural s after r is removed without the "-er" rule that follows, so
//    "conseillers" gave "conseiller" but "conseiller" gave "conseil" (true of
//    "dangers", "étrangers" with accents too);
//  - "-aise" is not matched like "-ais", so "togolaise" gave "togolais" but
//    "togolais" gave "togol";
//  - a plural s after a vowel is kept (to protect "plus", "refus", "mois",
//    "repos"), so "elus", "pneus", "clous", "numeros" kept their s;
//  - a plural x is only undone in "-aux" and "-eaux": "hiboux", "neveux",
//    "jeux" kept it;
//  - "-if" has no rule to meet "-ive" outside the R2 region: "actif" stayed
//    "actif" while "active" gave "activ";
//  - the masculine "-eur" has no rule while its feminine "-euse" is stripped
//    or read as "-eux", and "-trice" is only known after "a" (administratrice):
//    "travailleur"/"travailleuse", "directeur"/"directrice" stayed apart.
// Each step maps the odd form to the one the stemmer already treats like its
// siblings. Accepted costs: "inclus" no longer meets "incluse", "plus" stems
// like "plu", "suggère" no longer meets "suggérer", the "-eur" nouns no
// longer meet their verbs in "-eurer" ("demeure"/"demeurer", "fleur"/
// "fleurir"), "fumeur" meets "fumeux", and "tarif"-like words ending in
// "-rif" are left alone (tarif must keep meeting tarification).
std::string undo_french_inflection(std::string w) {
    auto ends = [&](std::string_view suffix, size_t min_size) { return w.size() >= min_size && w.ends_with(suffix); };
    // Drops the character `from_end` places before the end (0 = last).
    auto drop = [&](size_t from_end) { w.erase(w.size() - 1 - from_end, 1); };
    // Replaces the last `n` characters by `with`.
    auto replace_end = [&](size_t n, std::string_view with) {
        w.resize(w.size() - n);
        w += with;
    };

    // A handful of irregular plurals, looked up only for the endings they have
    // (most words pass none of these tests).
    if (w.size() >= 4 &&
        (w.ends_with("is") || w.ends_with("ux") || w.ends_with("au") || w.ends_with("ice") || w.ends_with("ices"))) {
        auto it = std::ranges::lower_bound(kIrregular, w, {}, &Irregular::form);
        if (it != std::end(kIrregular) && it->form == w) w = it->lemma;
    }
    // "-ée(s)": decentralisee → decentralise, decentralisees → decentralises.
    if (ends("ees", 5)) {
        drop(1);
    } else if (ends("ee", 4)) {
        drop(0);
    }
    // Feminine "-ère" of a masculine "-er": premiere, conseillere, etrangere
    // (not every "-ere": "coopere", "delibere" must keep meeting "cooperation",
    // "deliberation").
    if (ends("ieres", 6) || ends("lleres", 7) || ends("geres", 7)) {
        drop(1);
    } else if (ends("iere", 5) || ends("llere", 6) || ends("gere", 6)) {
        drop(0);
    }
    // Plural "-ers": conseillers → conseiller; "vers" is too short to touch.
    if (ends("ers", 5)) drop(0);
    // "-aise(s)": togolaise(s) → togolais; "chaise", "malaise" too short.
    if (ends("aises", 9)) {
        w.resize(w.size() - 2);
    } else if (ends("aise", 8)) {
        drop(0);
    }
    // Plural "-us" after a consonant: elus → elu; "tous", "jus" untouched.
    if (ends("us", 4) && !is_vowel(w[w.size() - 3])) drop(0);
    // Plurals of "-ou" and "-eu": hiboux, clous, pneus → hibou, clou, pneu
    // ("nous", "vous", "tous", "sous" are stop words).
    auto plural_like = [&] { return !std::ranges::binary_search(kNotPlural, w); };
    if ((ends("oux", 4) || ends("ous", 4) || ends("eus", 5)) && plural_like()) drop(0);
    // Plural "-os" of "-o": numeros, zeros, velos, euros → numero… but not
    // the singular words of kNotPlural ("dos", "gros" too short).
    if (ends("os", 5) && plural_like()) drop(0);
    // "-if(s)" → "-ive", which Snowball reads like its feminine: actif,
    // actifs → active; not "-rif" (tarif, cherif: no feminine).
    if (ends("ifs", 4) && w[w.size() - 4] != 'r' && plural_like()) {
        replace_end(2, "ve");
    } else if (ends("if", 3) && w[w.size() - 3] != 'r' && plural_like()) {
        replace_end(1, "ve");
    }
    // "-trice(s)" → "-teur": directrice → directeur, actrice → acteur.
    if (ends("trices", 8)) {
        replace_end(5, "eur");
    } else if (ends("trice", 7)) {
        replace_end(4, "eur");
    }
    // "-eur(s)", "-eure(s)" → "-euse", which Snowball strips (R2) or reads as
    // "-eux" (R1): travailleur → travaill like travailleuse, vendeur → vendeux
    // like vendeuse. "-ateur" is left to Snowball's own "-ateur"/"-atrice"
    // rule (animateur, animatrice, animation → anim); "peur", "leur" too short.
    size_t tail = ends("eurs", 6) ? 4 : ends("eures", 7) ? 5 : ends("eure", 6) ? 4 : ends("eur", 5) ? 3 : 0;
    if (tail != 0 && !std::string_view(w).substr(0, w.size() - tail).ends_with("at")) replace_end(tail, "euse");
    return w;
}

// Undoes what Snowball leaves of an "-x" plural: it reads "-eux" as the
// adjective suffix (deleted in R2, kept elsewhere), so "neveux", "jeux",
// "cheveux" kept their x while "neveu" has none, and the R1 reading of
// "-euse" ("heureuse" → "heureux") ends in the same x; an "-eur" it never
// touches ("chaleur" beside "chaleureux" → "chaleur"). Applied to the stem.
// "peux" (pouvoir) keeps its x: it is not a plural of "peu".
void undo_french_stem_residue(std::string& stem) {
    if (stem.size() >= 4 && stem.ends_with("eux") && stem != "peux") {
        stem.pop_back();
    } else if (stem.size() >= 5 && stem.ends_with("eur")) {
        stem.pop_back();
    }
}

// -------------------------------------------------------------- tokenizer

// Longer "words" are noise (base64, URLs run together) and Xapian caps terms
// at 245 bytes, prefix included.
constexpr size_t kMaxTermBytes = 64;

bool is_elision(std::string_view folded) {
    constexpr std::string_view kElisions[] = {"c", "d",  "j",     "l",      "m",      "n",     "s",
                                              "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};
    return std::ranges::find(kElisions, folded) != std::end(kElisions);
}

bool is_number(const std::string& term) { return !term.empty() && term[0] >= '0' && term[0] <= '9'; }

// True when the text between a word and the number after it is only spaces
// and dots, with exactly one degree sign ° when `degree` is set ("n° 12",
// "n°12", "art. 46", "no. 12").
bool is_number_gap(std::string_view gap, bool degree) {
    int degrees = 0;
    size_t pos = 0;
    while (pos < gap.size()) {
        char32_t cp = utf8::decode(gap, pos);
        if (cp == 0x00B0)
            ++degrees;
        else if (!(cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '.' || cp == 0x00A0 || cp == 0x2009 ||
                   cp == 0x202F))  // no-break, thin, narrow no-break spaces
            return false;
    }
    return degrees == (degree ? 1 : 0);
}

// Splits into words: letters and digits, elisions dropped, non-elision
// apostrophes joined, hyphens kept only between digits.
std::vector<Token> split_words(std::string_view text) {
    std::vector<Token> out;
    Token cur;
    bool in_word = false;
    bool joined = false;           // the word already joined an apostrophe
    Kind last = Kind::kSeparator;  // of the word's last letter or digit
    char32_t prev = 0;             // the previous code point
    auto finish = [&] {
        if (in_word && !cur.term.empty() && cur.term.size() <= kMaxTermBytes) out.push_back(std::move(cur));
        in_word = false;
    };
    size_t pos = 0;
    while (pos < text.size()) {
        size_t start = pos;
        char32_t cp = utf8::decode(text, pos);
        Kind kind = cp == utf8::kInvalid ? Kind::kSeparator : kind_of(cp);
        switch (kind) {
            case Kind::kLetter:
            case Kind::kDigit:
                // "nº2019-006": the ordinal º ends the word "no" before a digit.
                if (in_word && kind == Kind::kDigit && prev == 0x00BA) finish();
                if (!in_word) {
                    cur = Token{};
                    cur.begin = start;
                    in_word = true;
                    joined = false;
                }
                append_folded(cur.term, cp);
                cur.end = pos;
                last = kind;
                break;
            case Kind::kIgnorable:
                if (in_word) cur.end = pos;
                break;
            case Kind::kApostrophe: {
                Kind next = kind_at(text, pos);
                if (!in_word || (next != Kind::kLetter && next != Kind::kDigit)) {
                    finish();  // a quotation mark, not an apostrophe
                } else if (!joined && is_elision(cur.term)) {
                    in_word = false;  // "l'article": drop "l", start at "article"
                } else {
                    joined = true;  // "aujourd'hui" reads "aujourdhui"
                }
                break;
            }
            case Kind::kHyphen:
                if (in_word && last == Kind::kDigit && kind_at(text, pos) == Kind::kDigit)
                    cur.term += '-';  // "2019-006" stays whole
                else
                    finish();
                break;
            case Kind::kSeparator:
                finish();
                break;
        }
        prev = cp;
    }
    finish();
    return out;
}

}  // namespace

std::string fold(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    size_t pos = 0;
    while (pos < text.size()) {
        char32_t cp = utf8::decode(text, pos);
        if (cp != utf8::kInvalid) append_folded(out, cp);
    }
    return out;
}

std::vector<Token> tokenize(std::string_view text, std::string_view lang) {
    std::vector<Token> words = split_words(text);
    const std::span<const std::string_view> stop_words = detail::stop_words(normalise_lang(lang));
    // The words kept are moved down in place: a word only looks at the one
    // after it, which is not moved yet.
    size_t kept = 0;
    for (size_t i = 0; i < words.size(); ++i) {
        Token& w = words[i];
        bool before_number = i + 1 < words.size() && is_number(words[i + 1].term);
        std::string_view gap;
        if (before_number) gap = text.substr(w.end, words[i + 1].begin - w.end);
        // "n° 12", "nº 12", "no 12" only say "number": the number is the term.
        if (before_number && w.term == "no" && is_number_gap(gap, false)) continue;
        if (before_number && w.term == "n" && is_number_gap(gap, true)) continue;
        // "art. 46" is how the texts abbreviate "article 46".
        if (before_number && w.term == "art" && is_number_gap(gap, false)) w.term = "article";
        w.stop = std::binary_search(stop_words.begin(), stop_words.end(), std::string_view(w.term));
        if (kept != i) words[kept] = std::move(w);
        ++kept;
    }
    words.resize(kept);
    return words;
}

namespace {

// What stem() computes, without the cache.
std::string stem_uncached(std::string_view folded_word, std::string_view lang) {
    const Language* language = find_language(normalise_lang(lang));
    // Numbers and identifiers ("2019-006", "1er") are not words to stem.
    bool has_digit = folded_word.find_first_of("0123456789") != std::string_view::npos;
    if (language == nullptr || language->stemmer.empty() || has_digit || folded_word.empty())
        return std::string(folded_word);
    std::string word(folded_word);
    if (language->iso1 != "fr") return stemmer_for(*language)(word);
    std::string stemmed = stemmer_for(*language)(undo_french_inflection(std::move(word)));
    undo_french_stem_residue(stemmed);
    return stemmed;
}

// Words per thread before the cache starts again: a few MB. A French text
// uses a few thousand distinct words; a national corpus some 100,000.
constexpr size_t kStemCacheWords = 200000;

}  // namespace

// Stemming was half of the indexer's time and most of a snippet's (both
// re-stem the same few thousand words over and over): each thread keeps
// the stems it has made, keyed by the language tag as given and the word.
std::string stem(std::string_view folded_word, std::string_view lang) {
    thread_local std::unordered_map<std::string, std::string> cache;
    // The key is made in a buffer the thread keeps: a lookup that hits the
    // cache (nearly all of them) allocates nothing for it.
    thread_local std::string key;
    key.assign(lang).append(1, '\0').append(folded_word);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
    std::string result = stem_uncached(folded_word, lang);
    if (cache.size() >= kStemCacheWords) cache.clear();
    cache.emplace(key, result);
    return result;
}

// A French stem starts with its word's first byte, so a word whose first
// byte starts none of the stems cannot stem to one of them. Why it holds:
//  - Snowball's French stemmer only rewrites the end of a word: every suffix
//    rule applies inside RV, R1 or R2, which never hold the first letter,
//    except step 4's "-s" (which may leave the one-letter word "s" empty,
//    hence the empty stem is never screened); its prelude and postlude only
//    mark and unmark u, i, y in place (and ë, ï, which folded words lack);
//  - undo_french_inflection() and undo_french_stem_residue() change endings
//    of words of at least 3 bytes, after the first byte, except the
//    irregular plurals, looked up whole: "yeux" → "oeil" is the one whose
//    lemma starts otherwise, and is screened by its lemma's first byte;
//  - a word with a digit is its own stem.
// Other languages are not screened: every word is stemmed.
StemSet::StemSet(const std::set<std::string>& stems, std::string_view lang) : stems_(stems), lang_(lang) {
    by_first_byte_ = normalise_lang(lang) == "fr" && !stems.count(std::string());
    for (const auto& s : stems)
        if (!s.empty()) firsts_[static_cast<unsigned char>(s[0])] = true;
}

bool StemSet::has_stem_of(std::string_view folded_word) const {
    if (stems_.empty()) return false;
    if (by_first_byte_ && !folded_word.empty() && !firsts_[static_cast<unsigned char>(folded_word[0])]) {
        // The irregular plurals whose lemma starts with another byte.
        static const std::vector<Irregular> kOtherFirst = [] {
            std::vector<Irregular> out;
            for (const auto& irregular : kIrregular)
                if (irregular.form[0] != irregular.lemma[0]) out.push_back(irregular);
            return out;
        }();
        auto other = std::ranges::find(kOtherFirst, folded_word, &Irregular::form);
        if (other == kOtherFirst.end() || !firsts_[static_cast<unsigned char>(other->lemma[0])]) return false;
    }
    return stems_.count(stem(folded_word, lang_)) > 0;
}

bool has_stemmer(std::string_view lang) {
    const Language* language = find_language(normalise_lang(lang));
    return language != nullptr && !language->stemmer.empty();
}

std::string normalise_lang(std::string_view tag) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!tag.empty() && is_space(tag.front())) tag.remove_prefix(1);
    tag = tag.substr(0, tag.find_first_of("-_ \t\n\r"));  // "fr-TG", "fr_FR.UTF-8" → "fr"
    std::string primary;
    for (char c : tag) primary += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    if (primary.size() == 3) {
        for (const auto& l : kLanguages)
            if (l.iso2t == primary || l.iso2b == primary) return std::string(l.iso1);
    }
    return primary;
}

bool is_stop_word(std::string_view folded_word, std::string_view lang) {
    auto words = detail::stop_words(normalise_lang(lang));
    return std::binary_search(words.begin(), words.end(), folded_word);
}

}  // namespace coopdec::analysis
