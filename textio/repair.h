// @brief Repair of mis-decoded French text, decided word by word: a word that
// is not French but reads as French once its garbled characters are read
// back (textio/mojibake.h) is changed; every other word stays as it is.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "textio/lexicon.h"

namespace coopdec::textio {

// A place in the text: line and column from 1, the column in characters.
struct TextPosition {
    int line = 0, column = 0;
};

// A change the repair made.
struct RepairChange {
    TextPosition at;
    std::string from, to;  // the word before and after
    std::string family;    // MojibakeFamily::description
};

// A word a person should look at: it holds garbled-looking characters (that
// French words do not hold, « ® ») but no reading made of known words; the
// repair left it as it was.
struct RepairDoubt {
    TextPosition at;
    std::string word;
    std::string message;  // French, ends without a period
};

struct RepairResult {
    std::string text;  // the repaired text (the input when nothing changed)
    std::vector<RepairChange> changes;
    std::vector<RepairDoubt> doubts;
};

struct RepairOptions {
    // The words of the text's own document, left out of the corpus
    // vocabulary (a garbled document must not vouch for itself); may be null.
    const std::unordered_set<std::string>* own_words = nullptr;
};

// Repairs text word by word. A word is changed only when (1) it is not a
// known word as it is, (2) it holds characters that a mis-decoding family
// produces, and (3) reading some of them back gives a word made of known
// words (elisions and hyphenated parts checked one by one; numbers are
// known); of such readings the one with the fewest changes wins, then the
// family listed first. Words already correct stay (« Tône » when the corpus
// knows it, « contrôle », « N° 12 », « où »). Never throws for any input;
// bytes that are not UTF-8 are left as they are.
RepairResult repair_text(std::string_view text, const Lexicon& lexicon, const RepairOptions& options = {});

// True when word (a core, no surrounding punctuation) reads as French: a
// known word or number, « N° », or known parts after an elision (« l' », « qu' »,
// « jusqu' »… before a vowel or h) or between hyphens.
bool reads_as_french(std::string_view word, const Lexicon& lexicon,
                     const std::unordered_set<std::string>* own = nullptr);

// « FILE:3:12: « v®ritable » → « véritable » (family) » and
// « FILE:45:28: à vérifier : message », one line each, for reports. (Glued
// footnote numbers are the structure's business: suggest_note_calls().)
std::string format_change(const std::string& file, const RepairChange& change);
std::string format_doubt(const std::string& file, const RepairDoubt& doubt);

}  // namespace coopdec::textio
