// @brief The indexer's opt-in check (coopdec-index --check-encoding): which
// corpus documents still hold text that looks mis-decoded.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "textio/repair.h"

namespace coopdec {

// The text of an XML document with its markup (tags, comments, processing
// instructions, CDATA markers) blanked out, one space for each of its
// characters: line and column (in characters) in the result are line and
// column in the file.
std::string text_without_markup(std::string_view xml);

// What the check found in one file: the changes the repair would make, and
// the words that look garbled with no reading (RepairDoubt).
struct GarbleReport {
    std::string file;
    std::vector<textio::RepairChange> changes;
    std::vector<textio::RepairDoubt> doubts;
};

// Checks every file of files (XML documents), each against the dictionary
// of lexicon plus the vocabulary of the other files (a document's own words
// never vouch for it). Returns the files where something was found, in the
// order of files. Files that cannot be read are skipped (the indexer reports
// them). `lexicon` is copied; the caller's is left as it was.
std::vector<GarbleReport> check_garbled(const std::vector<std::string>& files, textio::Lexicon lexicon);

// « FILE:L:C: texte mal décodé ? « v®ritable » se lirait « véritable » (family) »
std::string format_finding(const std::string& file, const textio::RepairChange& change);

}  // namespace coopdec
