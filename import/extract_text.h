// @brief The first stage of an import: the plain text of a PDF, Word,
// OpenDocument, RTF or plain-text file, or a French refusal that says why not.
//
// PDF goes through pdftotext (poppler-utils), Word/ODT/RTF through
// LibreOffice (libreoffice-writer-nogui), both run without a shell in a
// private temporary folder, removed afterwards whatever happens.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/model.h"

namespace coopdec::import {

// What a file is, by its content (detect_format()), not by its name.
enum class SourceFormat {
    pdf,   // converted by pdftotext
    word,  // .docx, .doc, .odt, .rtf: converted by LibreOffice
    text,  // plain text, UTF-8 or Windows-1252
};

struct ExtractOptions {
    // A converter still running after this long is killed, with its whole
    // process group (LibreOffice starts children), and the import refused.
    int timeout_seconds = 120;
    // The converters' command names, looked up in PATH (or paths): tests
    // point them at a missing program or at a script that never ends.
    std::string pdftotext = "pdftotext";
    std::string soffice = "soffice";
    // A larger file is refused before it is read (64 Mo, decimal like the
    // "Mo" of the messages).
    std::uintmax_t max_bytes = 64'000'000;
    // Where the private temporary folder of a conversion is made; empty:
    // the system's (TMPDIR, else /tmp).
    std::string work_dir;
};

struct ExtractedText {
    // Valid UTF-8, "\n" line ends, no BOM; a PDF's pages are separated by
    // "\f" (none after the last page).
    std::string text;
    SourceFormat format = SourceFormat::text;
    // True for Word/ODT/RTF: LibreOffice writes one paragraph per line (here
    // without the spaces and tabs around it).
    // False for PDF and plain text, whose lines are wrapped.
    bool lines_are_paragraphs = false;
    // French remarks for the user on how the text was read, e.g.
    // "texte lu en Windows-1252 : il n'était pas en UTF-8".
    std::vector<std::string> notes;
};

// Reads the file at `path` and returns its text. Throws ImportError, whose
// what() is a French sentence starting with "PATH: ", when the file is
// missing, a folder, unreadable or over options.max_bytes; when its format
// is not one of SourceFormat; when a converter is missing (the message
// names the Debian package to install), fails, or is still running after
// options.timeout_seconds; when a PDF is damaged or encrypted ("PDF
// illisible …"); when a PDF has no text at all (a scan: the message
// suggests OCR with ocrmypdf first); when the text is empty. Runs the
// converters as child processes: callable from any thread, but it waits
// (at most about timeout_seconds) for them.
ExtractedText extract_text(const std::string& path, const ExtractOptions& options = {});

// The format of a file from its bytes (all of them, or at least its first
// few kilobytes): "%PDF-" → pdf; "{\rtf" → word; OLE2 (D0 CF 11 E0 A1 B1
// 1A E1, an old .doc) → word; a ZIP ("PK\3\4") → word when it is a .docx
// (an entry named word/document.xml) or an .odt (a first entry "mimetype"
// holding application/vnd.oasis.opendocument.text), nullopt for any other
// ZIP; otherwise text when there is no NUL byte, nullopt when there is one.
// Entry names are found by scanning the bytes for ZIP headers, without
// unpacking anything: with only a prefix of a .docx, word/document.xml may
// lie beyond it. Pure function.
std::optional<SourceFormat> detect_format(std::string_view bytes);

}  // namespace coopdec::import
