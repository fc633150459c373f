// @brief French and English stop words, stored folded (as fold() writes them)
// in sorted constexpr arrays: no initialisation at run time, nothing to race on.
#include "common/stopwords.h"

#include <algorithm>

namespace coopdec::analysis::detail {

namespace {

// The Snowball French list (snowballstem.org/algorithms/french/stop.txt),
// folded: "à" is "a", "été" is "ete", "même" is "meme"; "êtes" and "étés" both
// fold to "etes", "fut" and "fût" to "fut". Snowball leaves out some of the
// commonest function words; we add "cet", "cette", "elles", "ils", "les",
// "leurs" so that « les élus » and « des élus » query alike.
constexpr std::string_view kFrench[] = {
    "a",        "ai",      "aie",     "aient",    "aies",     "ait",      "as",      "au",     "aura",   "aurai",
    "auraient", "aurais",  "aurait",  "auras",    "aurez",    "auriez",   "aurions", "aurons", "auront", "aux",
    "avaient",  "avais",   "avait",   "avec",     "avez",     "aviez",    "avions",  "avons",  "ayant",  "ayante",
    "ayantes",  "ayants",  "ayez",    "ayons",    "c",        "ce",       "ces",     "cet",    "cette",  "d",
    "dans",     "de",      "des",     "du",       "elle",     "elles",    "en",      "es",     "est",    "et",
    "etaient",  "etais",   "etait",   "etant",    "etante",   "etantes",  "etants",  "ete",    "etee",   "etees",
    "etes",     "etiez",   "etions",  "eu",       "eue",      "eues",     "eumes",   "eurent", "eus",    "eusse",
    "eussent",  "eusses",  "eussiez", "eussions", "eut",      "eutes",    "eux",     "fumes",  "furent", "fus",
    "fusse",    "fussent", "fusses",  "fussiez",  "fussions", "fut",      "futes",   "il",     "ils",    "j",
    "je",       "l",       "la",      "le",       "les",      "leur",     "leurs",   "lui",    "m",      "ma",
    "mais",     "me",      "meme",    "mes",      "moi",      "mon",      "n",       "ne",     "nos",    "notre",
    "nous",     "on",      "ont",     "ou",       "par",      "pas",      "pour",    "qu",     "que",    "qui",
    "s",        "sa",      "se",      "sera",     "serai",    "seraient", "serais",  "serait", "seras",  "serez",
    "seriez",   "serions", "serons",  "seront",   "ses",      "soient",   "sois",    "soit",   "sommes", "son",
    "sont",     "soyez",   "soyons",  "suis",     "sur",      "t",        "ta",      "te",     "tes",    "toi",
    "ton",      "tu",      "un",      "une",      "vos",      "votre",    "vous",    "y",
};

// The Snowball English list (snowballstem.org/algorithms/english/stop.txt).
// The tokenizer joins the two sides of a non-elision apostrophe ("don't" is
// "dont"), so contractions are stored that way; those that would then read as
// another word ("he'll" "hell", "I'd" "id", "I'll" "ill", "let's" "lets",
// "she'd" "shed", "she'll" "shell", "we'd" "wed", "we'll" "well") are left out.
constexpr std::string_view kEnglish[] = {
    "a",      "about",    "above",      "after",      "again",   "against", "all",     "am",     "an",      "and",
    "any",    "are",      "arent",      "as",         "at",      "be",      "because", "been",   "before",  "being",
    "below",  "between",  "both",       "but",        "by",      "cannot",  "cant",    "could",  "couldnt", "did",
    "didnt",  "do",       "does",       "doesnt",     "doing",   "dont",    "down",    "during", "each",    "few",
    "for",    "from",     "further",    "had",        "hadnt",   "has",     "hasnt",   "have",   "havent",  "having",
    "he",     "hed",      "her",        "here",       "heres",   "hers",    "herself", "hes",    "him",     "himself",
    "his",    "how",      "hows",       "i",          "if",      "im",      "in",      "into",   "is",      "isnt",
    "it",     "its",      "itself",     "ive",        "me",      "more",    "most",    "mustnt", "my",      "myself",
    "no",     "nor",      "not",        "of",         "off",     "on",      "once",    "only",   "or",      "other",
    "ought",  "our",      "ours",       "ourselves",  "out",     "over",    "own",     "same",   "shant",   "she",
    "shes",   "should",   "shouldnt",   "so",         "some",    "such",    "than",    "that",   "thats",   "the",
    "their",  "theirs",   "them",       "themselves", "then",    "there",   "theres",  "these",  "they",    "theyd",
    "theyll", "theyre",   "theyve",     "this",       "those",   "through", "to",      "too",    "under",   "until",
    "up",     "very",     "was",        "wasnt",      "we",      "were",    "werent",  "weve",   "what",    "whats",
    "when",   "whens",    "where",      "wheres",     "which",   "while",   "who",     "whom",   "whos",    "why",
    "whys",   "with",     "wont",       "would",      "wouldnt", "you",     "youd",    "youll",  "your",    "youre",
    "yours",  "yourself", "yourselves", "youve",
};

// binary_search needs sorted lists: checked when compiling, not at run time.
static_assert(std::ranges::is_sorted(kFrench) && std::ranges::adjacent_find(kFrench) == std::end(kFrench));
static_assert(std::ranges::is_sorted(kEnglish) && std::ranges::adjacent_find(kEnglish) == std::end(kEnglish));

}  // namespace

std::span<const std::string_view> stop_words(std::string_view iso_lang) {
    if (iso_lang == "fr") return kFrench;
    if (iso_lang == "en") return kEnglish;
    return {};
}

}  // namespace coopdec::analysis::detail
