// @brief What an uploaded file is, by its bytes, and whether it may go any
// further: the format from magic numbers (never from the name or the
// browser's type), refusal of a file whose declared type its bytes
// contradict or that reads as two formats at once, a ZIP's declared sizes
// checked before LibreOffice sees it (decompression bombs), and the
// client's file name made harmless metadata. Pure functions on bytes and
// names, except check_zip_file (reads the file).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace coopdec {

enum class UploadFormat { pdf, docx, odt, doc, rtf, text, xml };

// "pdf", "docx", "odt", "doc", "rtf", "txt", "xml": the extension the
// server gives its working copy (converters look at it).
const char* upload_extension(UploadFormat format);
// « PDF », « Word (.docx) »…: for people.
const char* upload_format_label(UploadFormat format);
// The media type stored with the job: "application/pdf"…
const char* upload_media_type(UploadFormat format);

// A refusal: HTTP status (400, 413, 415) and a French sentence.
struct UploadRefusal {
    int status = 415;
    std::string message;
};

// What the bytes are. `head`: the file's first bytes (at least 64 KiB when
// the file is that long), `tail`: its last 64 KiB (or all of it). PDF:
// "%PDF-" at offset 0 exactly. DOCX/ODT: a ZIP whose entries name
// word/document.xml or whose first entry is "mimetype" with the ODT text
// type; DOC: OLE2; RTF: "{\rtf". XML: "<?xml" or a first element, after an
// optional BOM and blanks, in valid UTF-8. Text: valid UTF-8 (or no byte
// under 0x09 and no NUL, as Windows-1252) with no markup that a browser
// would read as HTML. Refused: anything else (HTML, images, executables,
// other archives), and a polyglot — a PDF that also carries a ZIP's end
// record or an HTML document, a ZIP with a PDF header inside its first
// bytes — with a French message.
std::variant<UploadFormat, UploadRefusal> sniff_upload(std::string_view head, std::string_view tail);

// The format the client claimed (its file name's extension, else its
// Content-Type), or nullopt when it claimed nothing we know.
std::optional<UploadFormat> declared_format(std::string_view client_name, std::string_view content_type);

// A declared format the bytes contradict: « le fichier s'annonce comme un
// PDF mais n'en est pas un (son contenu est du HTML) »… nullopt when they
// agree or when nothing was declared. .doc/.docx/.odt/.rtf are one family
// (a renamed Word file is common), as are .txt and .xml.
std::optional<UploadRefusal> check_declared(std::optional<UploadFormat> declared, UploadFormat actual);

struct ZipLimits {
    uint64_t max_total_bytes = 200u << 20;  // all entries uncompressed
    uint64_t max_ratio = 100;               // uncompressed / compressed, per entry and in all
    size_t max_entries = 5000;
};

// Reads a ZIP's central directory (the end record in the last 64 KiB +
// 22 bytes) and refuses, before any decompression, what declares more
// than the limits, an encrypted entry, ZIP64, or a directory that does
// not match the local headers' sizes. Declared sizes can lie: the
// conversion's sandbox (file size, memory, time) stops what they hide.
std::optional<UploadRefusal> check_zip(std::string_view bytes, const ZipLimits& limits = {});
// The same on a file (read whole: the callers' files are at most the
// upload limit).
std::optional<UploadRefusal> check_zip_file(const std::string& path, const ZipLimits& limits = {});

// The client's file name as harmless metadata: the last component after
// any '/' or '\', control characters and « < > " ' ` | = » and leading
// dots, '+', '-', '@' removed (no path, no markup, no spreadsheet
// formula), at most 120 bytes of valid UTF-8; "document" when nothing is
// left. Never used to name a file on disk.
std::string sanitize_client_name(std::string_view name);

}  // namespace coopdec
