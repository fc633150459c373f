// @brief Magic numbers, ZIP directories and client names.
#include "server/upload_checks.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>

#include "common/escape.h"

namespace coopdec {
namespace {

bool starts(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string sniff_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool contains_ci(std::string_view hay, std::string_view needle) {
    return sniff_lower(hay).find(needle) != std::string::npos;
}

// Markup a browser would render as a page: what a « text » must not be.
bool looks_like_html(std::string_view head) {
    std::string h = sniff_lower(head.substr(0, 4096));
    for (const char* tag : {"<!doctype html", "<html", "<script", "<body", "<iframe", "<svg", "<head"})
        if (h.find(tag) != std::string::npos) return true;
    return false;
}

uint32_t u32(std::string_view b, size_t at) {
    return static_cast<uint32_t>(static_cast<unsigned char>(b[at])) |
           static_cast<uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
           static_cast<uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
           static_cast<uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}
uint16_t u16(std::string_view b, size_t at) {
    return static_cast<uint16_t>(static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8);
}

// The offset of a ZIP's end-of-central-directory record, searched from the end.
std::optional<size_t> zip_end_record(std::string_view bytes) {
    if (bytes.size() < 22) return std::nullopt;
    size_t lowest = bytes.size() > 65557 ? bytes.size() - 65557 : 0;
    for (size_t i = bytes.size() - 22 + 1; i-- > lowest;)
        if (bytes.compare(i, 4, "PK\x05\x06") == 0) return i;
    return std::nullopt;
}

UploadRefusal refusal(int status, std::string message) { return UploadRefusal{status, std::move(message)}; }

// Family of formats a renamed file may belong to without being refused.
int family(UploadFormat f) {
    switch (f) {
        case UploadFormat::pdf:
            return 0;
        case UploadFormat::docx:
        case UploadFormat::odt:
        case UploadFormat::doc:
        case UploadFormat::rtf:
            return 1;
        case UploadFormat::text:
        case UploadFormat::xml:
            return 2;
    }
    return -1;
}

}  // namespace

const char* upload_extension(UploadFormat f) {
    static const char* const kExt[] = {"pdf", "docx", "odt", "doc", "rtf", "txt", "xml"};
    return kExt[static_cast<int>(f)];
}

const char* upload_format_label(UploadFormat f) {
    static const char* const kLabel[] = {"PDF",   "Word (.docx)", "OpenDocument (.odt)", "Word (.doc)", "RTF",
                                         "texte", "XML"};
    return kLabel[static_cast<int>(f)];
}

const char* upload_media_type(UploadFormat f) {
    static const char* const kType[] = {"application/pdf",
                                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                        "application/vnd.oasis.opendocument.text",
                                        "application/msword",
                                        "application/rtf",
                                        "text/plain",
                                        "application/xml"};
    return kType[static_cast<int>(f)];
}

std::variant<UploadFormat, UploadRefusal> sniff_upload(std::string_view head, std::string_view tail) {
    if (head.empty()) return refusal(400, "le fichier est vide");
    if (starts(head, "%PDF-")) {
        // One file, one reading: a PDF that a ZIP reader or a browser would
        // also accept is refused (a polyglot hides one content in another).
        if (zip_end_record(tail) || contains_ci(tail, "<html") || looks_like_html(head))
            return refusal(415,
                           "fichier ambigu : ce PDF contient aussi une archive ZIP ou une page HTML ; "
                           "enregistrez-le de nouveau comme PDF depuis son logiciel");
        return UploadFormat::pdf;
    }
    if (starts(head, "PK\x03\x04")) {
        if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos)
            return refusal(415, "fichier ambigu : cette archive contient un en-tête PDF dans ses premiers octets");
        // The first entry: name length at 26, extra length at 28, name at 30.
        if (head.size() >= 30) {
            size_t name_len = u16(head, 26), extra = u16(head, 28);
            std::string_view name = head.substr(30, name_len);
            if (name == "mimetype" && head.size() >= 30 + name_len + extra + 39 &&
                head.substr(30 + name_len + extra, 39) == "application/vnd.oasis.opendocument.text")
                return UploadFormat::odt;
        }
        if (head.find("word/document.xml") != std::string_view::npos ||
            tail.find("word/document.xml") != std::string_view::npos)
            return UploadFormat::docx;
        return refusal(415,
                       "archive ZIP refusée : seuls les documents Word (.docx) et OpenDocument texte (.odt) "
                       "sont acceptés");
    }
    // A photo of the pages, as a phone takes it: said in its own words.
    if (starts(head, "\xFF\xD8\xFF") || starts(head, "\x89PNG") ||
        (head.size() > 12 && head.substr(4, 4) == "ftyp" &&
         (head.substr(8, 4) == "heic" || head.substr(8, 4) == "heix" || head.substr(8, 4) == "mif1")))
        return refusal(415,
                       "une photo n'est pas acceptée : faites des pages un PDF (sur un téléphone : « Numériser un "
                       "document »), puis envoyez le PDF");
    if (starts(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return UploadFormat::doc;
    if (starts(head, "{\\rtf")) return UploadFormat::rtf;
    if (head.find('\0') != std::string_view::npos)
        return refusal(415,
                       "format non reconnu : seuls les PDF, documents Word (.docx, .doc), OpenDocument (.odt), "
                       "RTF, textes et XML sont acceptés");
    std::string_view body = head;
    if (starts(body, "\xEF\xBB\xBF")) body.remove_prefix(3);
    while (!body.empty() &&
           (body.front() == ' ' || body.front() == '\t' || body.front() == '\r' || body.front() == '\n'))
        body.remove_prefix(1);
    if (looks_like_html(head))
        return refusal(415,
                       "une page HTML n'est pas un document accepté : envoyez le PDF, le document Word ou le texte");
    if (starts(body, "<?xml") ||
        (starts(body, "<") && body.size() > 1 && std::isalpha(static_cast<unsigned char>(body[1]))))
        return UploadFormat::xml;
    for (unsigned char c : head.substr(0, 65536))
        if (c < 0x09 || (c > 0x0d && c < 0x20 && c != 0x1b))
            return refusal(415, "format non reconnu : ce fichier n'est ni un texte ni un document accepté");
    return UploadFormat::text;
}

std::optional<UploadFormat> declared_format(std::string_view client_name, std::string_view content_type) {
    std::string name = sniff_lower(client_name);
    size_t dot = name.rfind('.');
    std::string ext = dot == std::string::npos ? "" : name.substr(dot + 1);
    static const std::pair<const char*, UploadFormat> kByExt[] = {
        {"pdf", UploadFormat::pdf}, {"docx", UploadFormat::docx}, {"odt", UploadFormat::odt},
        {"doc", UploadFormat::doc}, {"rtf", UploadFormat::rtf},   {"txt", UploadFormat::text},
        {"xml", UploadFormat::xml},
    };
    for (const auto& [e, f] : kByExt)
        if (ext == e) return f;
    std::string type = sniff_lower(content_type.substr(0, content_type.find(';')));
    if (type == "application/pdf") return UploadFormat::pdf;
    if (type == "application/msword") return UploadFormat::doc;
    if (type == "application/rtf" || type == "text/rtf") return UploadFormat::rtf;
    if (type == "text/plain") return UploadFormat::text;
    if (type == "application/xml" || type == "text/xml") return UploadFormat::xml;
    if (type == "text/html") return UploadFormat::text;  // compared below: HTML is never accepted
    return std::nullopt;
}

std::optional<UploadRefusal> check_declared(std::optional<UploadFormat> declared, UploadFormat actual) {
    if (!declared || family(*declared) == family(actual)) return std::nullopt;
    return refusal(415, std::string("le fichier s'annonce comme ") + upload_format_label(*declared) +
                            " mais son contenu est " + upload_format_label(actual) +
                            " : vérifiez que vous envoyez le bon fichier");
}

std::optional<UploadRefusal> check_zip(std::string_view bytes, const ZipLimits& limits) {
    auto end = zip_end_record(bytes);
    if (!end) return refusal(415, "document Word ou OpenDocument illisible : archive ZIP incomplète");
    size_t e = *end;
    uint16_t entries = u16(bytes, e + 10);
    uint32_t dir_size = u32(bytes, e + 12), dir_offset = u32(bytes, e + 16);
    if (entries == 0xFFFF || dir_size == 0xFFFFFFFF || dir_offset == 0xFFFFFFFF)
        return refusal(415, "document refusé : archive ZIP64, inutile pour un document texte");
    if (entries > limits.max_entries)
        return refusal(415, "document refusé : son archive compte " + std::to_string(entries) + " éléments");
    if (static_cast<uint64_t>(dir_offset) + dir_size > e)
        return refusal(415, "document Word ou OpenDocument illisible : répertoire de l'archive incohérent");
    uint64_t total = 0, compressed_total = 0;
    size_t at = dir_offset;
    const std::string bomb = "document refusé : une fois décompressé il serait démesuré (bombe de décompression ?)";
    for (uint16_t i = 0; i < entries; ++i) {
        if (at + 46 > e || bytes.compare(at, 4, "PK\x01\x02") != 0)
            return refusal(415, "document Word ou OpenDocument illisible : répertoire de l'archive incohérent");
        uint16_t flags = u16(bytes, at + 8);
        uint32_t csize = u32(bytes, at + 20), usize = u32(bytes, at + 24);
        uint16_t name_len = u16(bytes, at + 28), extra = u16(bytes, at + 30), comment = u16(bytes, at + 32);
        uint32_t local = u32(bytes, at + 42);
        if (flags & 1) return refusal(415, "document refusé : il est chiffré (protégé par un mot de passe)");
        if (csize == 0xFFFFFFFF || usize == 0xFFFFFFFF || local == 0xFFFFFFFF)
            return refusal(415, "document refusé : archive ZIP64, inutile pour un document texte");
        // The local header must agree (unless sizes follow the data, bit 3).
        if (static_cast<uint64_t>(local) + 30 > e || bytes.compare(local, 4, "PK\x03\x04") != 0)
            return refusal(415, "document Word ou OpenDocument illisible : répertoire de l'archive incohérent");
        if (!(u16(bytes, local + 6) & 8) && (u32(bytes, local + 18) != csize || u32(bytes, local + 22) != usize))
            return refusal(415, "document refusé : les tailles déclarées de son archive se contredisent");
        total += usize;
        compressed_total += csize;
        if (total > limits.max_total_bytes) return refusal(413, bomb);
        if (usize > (1u << 20) && usize / std::max<uint64_t>(csize, 1) > limits.max_ratio) return refusal(413, bomb);
        at += 46 + name_len + extra + comment;
    }
    if (total > (8u << 20) && total / std::max<uint64_t>(compressed_total, 1) > limits.max_ratio)
        return refusal(413, bomb);
    return std::nullopt;
}

std::optional<UploadRefusal> check_zip_file(const std::string& path, const ZipLimits& limits) {
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return check_zip(bytes, limits);
}

std::string sanitize_client_name(std::string_view name) {
    size_t slash = name.find_last_of("/\\");
    if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
    std::string out;
    for (char c : name) {
        unsigned char u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) continue;
        if (std::string_view("<>\"'`|=;:*?$&{}").find(c) != std::string_view::npos) continue;
        out += c;
    }
    size_t b = out.find_first_not_of(". +-@\t");
    out = b == std::string::npos ? "" : out.substr(b);
    while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
    if (out.size() > 120) {
        out.resize(120);
        // Never half a character.
        while (!out.empty() && !valid_utf8(out)) out.pop_back();
    }
    if (!valid_utf8(out)) out.clear();
    return out.empty() ? "document" : out;
}

}  // namespace coopdec
