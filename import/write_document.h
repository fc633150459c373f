// @brief The last stage of coopdec-import before validation: text and
// metadata → a complete corpus document (recognise the structure with
// structure.h, then write the XML of the type: coopdec <etude> or
// <convention>, Akoma Ntoso 3.0 for a law, TEI P5 for a transcript).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "import/model.h"

namespace coopdec::import {

struct BuildOptions {
    // true for Word/ODT text (one paragraph per line); false: wrapped lines (PDF, text).
    bool lines_are_paragraphs = false;
    // Words the user confirmed as "word + glued footnote number" (e.g. "2019-0061", "françaises2").
    std::vector<std::string> note_calls;
    // Written as an XML comment before the root element (how the file was
    // produced); may be empty. "--" is written "- -" (not allowed in a comment).
    std::string header_comment;
    // The day the file is made, YYYY-MM-DD: the date of a law's AKN
    // manifestation (FRBRManifestation/FRBRdate). "" = the law's own date.
    std::string made_on;
};

struct BuiltDocument {
    std::string xml;                    // the complete document, UTF-8, ends with "\n"
    std::vector<std::string> messages;  // French, for the user: what was recognised ("2 sections,
                                        // 14 paragraphes, 2 notes") and doubts
};

// Builds the corpus document of meta.type from text. Every imported document
// is a real one: demo="non" (coopdec), no demonstration marker (AKN, TEI).
//
// Metadata used (required ones are checked and refused with ImportError):
//   etude       title, authors (1+), source; optional date, partnerships, themes, communes
//   convention  title, date, partnerships (1+); optional place, themes, source
//   loi         title, date (YYYY-MM-DD), law_number; optional themes, source
//   entretien   title, partnerships (1+); optional date, communes (the first
//               is the place), themes, source
// meta.id is written as is (the caller checks it is a free, valid id).
//
// Throws ImportError (French) when the text gives nothing to write (no
// « Article » heading in an agreement or a legal text, no turn in a
// transcript, an article of an agreement with no text at all), when a
// note call is not found in the text or has no footnote of its number, or
// when required metadata is missing or malformed (a law's number or date).
// Pure: no I/O.
BuiltDocument build_document(const Metadata& meta, std::string_view text, const BuildOptions& options);

}  // namespace coopdec::import
