// @brief Structure recognition for coopdec-import: plain text in, plain
// structs out (paragraphs, headings, footnotes, speaker turns), each with its
// source line. No XML, no I/O; the writers (write_document.h) turn these
// structs into corpus documents.
//
// The text is what extract_text() gives once repaired: UTF-8 lines, pages
// separated by form feeds ("\f"). Line numbers are 1-based and count "\n"
// (a form feed does not start a line); pages are 1-based.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace coopdec::import {

// How to read the text.
struct StructureOptions {
    // true: every non-blank line is a paragraph (Word/ODT text). false: lines
    // are wrapped (PDF, plain text) and paragraphs are rebuilt from them.
    bool lines_are_paragraphs = false;
    // Words the user confirmed as "word + glued footnote number" ("2019-0061",
    // "françaises2"). Never guessed: suggest_note_calls() only proposes.
    std::vector<std::string> note_calls;
};

// A footnote: a numbered line (and up to 3 continuation lines) in the run at
// the foot of a page, before a form feed or the end of the text.
struct Footnote {
    int number = 0;    // as printed
    std::string text;  // without its number
    int line = 0;      // source line of its number
    int page = 1;
};

// One block of body text, in reading order: a paragraph, or a footnote put
// into the flow (right after the paragraph of its confirmed call, else at the
// end of the unit — section, article, turn — where its page ended).
struct Block {
    enum class Kind { paragraph, note };
    Kind kind = Kind::paragraph;
    std::string text;     // whitespace-normalised, never empty
    int line = 0;         // first source line
    int note = 0;         // Kind::note: the footnote's number
    bool called = false;  // Kind::note: placed after its confirmed call
};

// The lines of the body (footnotes taken out) and the footnotes.
struct Layout {
    struct Line {
        std::string text;  // trimmed, spaces collapsed, never empty
        int line = 0;
        int page = 1;
    };
    std::vector<Line> lines;
    std::vector<Footnote> footnotes;
    std::vector<std::string> messages;  // French: what was taken out besides footnotes (page numbers)
};

// Splits the text into pages and non-blank lines and takes out each page's
// footnotes, rule lines ("____") and, when there are several pages, page
// numbers alone on a page's first or last line (rules in structure.cc).
// Control characters other than tab and form feed, and invalid UTF-8 bytes,
// are dropped; tabs and no-break spaces become spaces. Pure.
Layout lay_out(std::string_view text);

// The text's paragraphs and footnotes, with no heading recognised (the
// paragraph rules of structure.cc; calls detached as in every recogniser).
// Throws ImportError (French) when a note call is not found in the text or
// has no footnote of its number.
std::vector<Block> paragraphs(std::string_view text, const StructureOptions& options);

// A word that may carry a glued footnote number: its last digits are the
// number of a footnote of the same page ("françaises2", "2019-0061").
struct NoteCallCandidate {
    std::string word;  // as in the text, to put in StructureOptions::note_calls once confirmed
    int note = 0;      // the footnote it would call (the shortest matching digits)
    int line = 0;
};
// Proposes note calls for the user to confirm: words of the body with a
// letter or a hyphen (not plain numbers: « 1958 », « 1.2 ») whose final
// digits are the number of a footnote of their page. In text order. Pure.
std::vector<NoteCallCandidate> suggest_note_calls(std::string_view text);

// ---- Study (etude) ----

struct StudySection {
    std::string num;    // "1.1", "2"; "" for an unnumbered section ("INTRODUCTION")
    std::string title;  // "Introduction" (capitals turned to a capital + lowercase)
    int line = 0;       // line of the heading; 0 for the section of the text before any heading
    std::vector<Block> blocks;
    std::vector<StudySection> sections;  // "1.1" inside "1"
};

struct Study {
    std::vector<StudySection> sections;
    std::vector<std::string> messages;  // French: doubts, notes without a confirmed call
};

// Headings: a short line in capitals with no final period (an optional roman
// number first: "II. RÉSULTATS"), or "1.1 Title" / "2 Title" (numbers of one
// or two digits with dots, a capitalised title, no final period, at most 120
// characters); in wrapped text a heading must start a paragraph and not be
// followed by a lowercase line, and a numbered one must not follow a line
// ending with ":" (a list). Text before any heading goes into a first
// section titled `document_title`. Throws ImportError as paragraphs() does,
// and when the text is empty.
Study recognise_study(std::string_view text, std::string_view document_title, const StructureOptions& options);

// ---- Agreement (convention) and legal text (loi) ----

// A division of a legal text: a heading and what follows it.
struct Division {
    enum class Kind { title, chapter, section, article };
    Kind kind = Kind::article;
    std::string num;      // as printed, keyword normalised: "Article 1er", "Titre II", "Chapitre premier"
    std::string number;   // for identifiers: arabic, suffix kept: "1", "2", "3bis", "5-1";
                          // "" when the printed number is not one ("Titre préliminaire")
    std::string heading;  // after ":", "–", "-" or "." on its line, or the next short line; may be empty
    int line = 0;
    // Articles: their text. Titles, chapters, sections: the text between
    // their heading and their first division (usually none).
    std::vector<Block> blocks;
    std::vector<Division> children;  // titles hold chapters..., never articles' children
};

// An agreement: the preamble and its articles (never nested). TITRE and
// Chapitre lines are dropped (the format has no place for them), with a message.
struct Agreement {
    std::vector<Block> preamble;  // text before the first article
    std::vector<Division> articles;
    std::vector<std::string> messages;
};
// Headings: "Article 1", "Article premier", "Article 1er", "ARTICLE 2 :",
// "Art. 3 –", "Article 4 bis", with an optional heading on the same line after
// ":", "–", "-" or "." (a short text with no final punctuation not continued
// on the next line; otherwise it is the start of the article's text) or on
// the next short line. Throws ImportError when there is no article heading.
Agreement recognise_agreement(std::string_view text, const StructureOptions& options);

// A legal text: TITRE > CHAPITRE > Section > Article, any level may be missing.
struct Law {
    std::vector<Block> preamble;  // text before the first heading
    std::vector<Division> body;
    std::vector<std::string> messages;
};
// Headings as for agreements, plus "TITRE I", "TITRE PREMIER",
// "CHAPITRE 1er", "Chapitre II : heading", "Section 1 : heading" (a
// heading in capitals may follow the number without a separator).
// Throws ImportError when there is no article heading.
Law recognise_law(std::string_view text, const StructureOptions& options);

// ---- Transcript (entretien) ----

struct Turn {
    std::string speaker;  // the label as written: "Q", "Mme K. A.", "Le maire"
    int line = 0;
    std::vector<Block> blocks;  // what was said (paragraphs) and notes
};

struct Transcript {
    std::vector<Block> before;  // text before the first turn
    std::vector<Turn> turns;
    std::vector<std::string> messages;
};
// A turn starts at a line "LABEL : text" or "LABEL: text" (text may be on the
// next lines) and runs to the next label. A label is at most 40 characters
// and 5 words, starts with a capital, and has no punctuation but "." after
// initials or short abbreviations ("Mme K. A.", "M. B."), apostrophes and
// hyphens. Throws ImportError when there is no turn.
Transcript recognise_transcript(std::string_view text, const StructureOptions& options);

}  // namespace coopdec::import
