// @brief extract_text(): a file's format by its bytes, then its text from
// pdftotext, LibreOffice or the file itself, as UTF-8 with "\n" line ends.
#include "import/extract_text.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <thread>

#include "common/utf8.h"
#include "textio/byte_size.h"
#include "textio/cp1252.h"
#include "textio/read_file.h"

extern char** environ;

namespace fs = std::filesystem;

namespace coopdec::import {
namespace {

[[noreturn]] void refuse(const std::string& path, const std::string& why) { throw ImportError(path + ": " + why); }

// A folder of its own for one conversion (the converter's output, its
// messages, LibreOffice's profile), removed with the object, whatever
// happened.
class PrivateDir {
public:
    PrivateDir(const std::string& parent, const std::string& file) {
        fs::path base = parent.empty() ? fs::temp_directory_path() : fs::path(parent);
        std::string templ = (base / "coopdec-import-XXXXXX").string();
        if (!mkdtemp(templ.data()))
            refuse(file,
                   "impossible de créer un dossier temporaire dans " + base.string() + " : " + std::strerror(errno));
        path_ = templ;
    }
    ~PrivateDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    PrivateDir(const PrivateDir&) = delete;
    PrivateDir& operator=(const PrivateDir&) = delete;

    std::string operator/(const std::string& rel) const { return (path_ / rel).string(); }

private:
    fs::path path_;
};

// A converter: the command to run and the Debian package that provides it.
struct Converter {
    const std::string& command;
    const char* package;
};

// Runs `args` (args[0] looked up in PATH, no shell) with stdin from
// /dev/null and stdout and stderr into the file `log`, and returns its exit
// code. Refuses `file` when the program is missing, dies from a signal, or
// is still running after `timeout_seconds`: then its process group is
// killed, LibreOffice's children with it (it is spawned as the leader of a
// group of its own for that).
int run(const Converter& tool, const std::vector<std::string>& args, const std::string& log, int timeout_seconds,
        const std::string& file) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    // glibc's posix_spawnp reports a failed exec (ENOENT for a missing
    // program) as its result, which a fork/exec would only give as an exit
    // code indistinguishable from the program's own.
    int err = posix_spawnp(&pid, args[0].c_str(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (err == ENOENT)
        refuse(file, "programme « " + tool.command + " » introuvable : installez le paquet Debian " + tool.package +
                         " (apt install " + tool.package + ")");
    if (err != 0) refuse(file, "impossible de lancer « " + tool.command + " » : " + std::strerror(err));

    // A poll of waitpid() every 20 ms: simple, and nothing next to the wait
    // of a conversion that takes a second or more.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    int status = 0;
    for (;;) {
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid) break;
        if (done < 0 && errno != EINTR)
            refuse(file, "impossible d'attendre la fin de « " + tool.command + " » : " + std::strerror(errno));
        if (std::chrono::steady_clock::now() >= deadline) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            refuse(file, "« " + tool.command + " » n'a pas fini en " + std::to_string(timeout_seconds) +
                             " s : conversion abandonnée");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (WIFSIGNALED(status))
        refuse(file, "« " + tool.command + " » s'est arrêté sur le signal " + std::to_string(WTERMSIG(status)));
    return WEXITSTATUS(status);
}

// The whole file, or nullopt when it cannot be read.
std::optional<std::string> slurp(const std::string& path) {
    std::string out;
    if (!read_file(path, out, SIZE_MAX - 1)) return std::nullopt;
    return out;
}

// The converter's last non-empty line: the most specific one (pdftotext
// says "Couldn't find trailer dictionary" before "Couldn't read xref
// table", LibreOffice warns about Java before its error).
std::string last_line(const std::string& log) {
    std::string text = slurp(log).value_or("");
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
    return text.substr(text.find_last_of('\n') + 1);  // npos + 1 == 0: a single line
}

std::string failed(const std::string& command, int code, const std::string& log) {
    std::string said = last_line(log);
    return "« " + command + " » a échoué (code " + std::to_string(code) + ")" + (said.empty() ? "" : " : " + said);
}

std::string pdf_text(const std::string& path, const ExtractOptions& o) {
    PrivateDir dir(o.work_dir, path);
    std::string out = dir / "texte.txt", log = dir / "messages";
    // An absolute path: pdftotext would take "-" for stdin, and "-x.pdf" for an option.
    std::vector<std::string> args = {o.pdftotext, "-enc", "UTF-8", "-eol", "unix", fs::absolute(path).string(), out};
    int code = run({o.pdftotext, "poppler-utils"}, args, log, o.timeout_seconds, path);
    // pdftotext's exit codes: 1 the PDF could not be opened (damaged, or a
    // password is needed to open it), 3 its permissions forbid copying text.
    if (code == 1 && last_line(log).find("Incorrect password") != std::string::npos)
        refuse(path,
               "PDF illisible : il est protégé par un mot de passe ; enregistrez-en une copie sans mot de passe, "
               "puis importez-la");
    if (code == 1) refuse(path, "PDF illisible : fichier endommagé ou incomplet (pdftotext : " + last_line(log) + ")");
    if (code == 3) refuse(path, "PDF illisible : ses droits d'accès interdisent d'en copier le texte");
    if (code != 0) refuse(path, failed(o.pdftotext, code, log));
    auto text = slurp(out);
    if (!text) refuse(path, "« " + o.pdftotext + " » n'a pas écrit de texte");
    return *text;
}

// LibreOffice's text of a Word, OpenDocument or RTF document, one
// paragraph per line.
std::string word_text(const std::string& path, const ExtractOptions& o) {
    PrivateDir dir(o.work_dir, path);
    std::string outdir = dir / "sortie", log = dir / "messages";
    // A profile of its own: with the user's, LibreOffice fails when another
    // instance runs or when HOME is read-only. mkdtemp names need no
    // escaping in the URL; the parent folder might.
    std::string profile = "file://";
    for (unsigned char c : dir / "profil") {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || std::strchr("/-._~", c)) {
            profile += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            profile += hex;
        }
    }
    std::vector<std::string> args = {o.soffice,
                                     "--headless",
                                     "--norestore",
                                     "-env:UserInstallation=" + profile,
                                     "--convert-to",
                                     "txt:Text (encoded):UTF8",
                                     "--outdir",
                                     outdir,
                                     fs::absolute(path).string()};
    int code = run({o.soffice, "libreoffice-writer-nogui"}, args, log, o.timeout_seconds, path);
    if (code != 0) refuse(path, failed(o.soffice, code, log));
    // LibreOffice exits with 0 even when it could not load the document:
    // only the output file says it converted it. The output folder is ours,
    // so its one file is the text, whatever name LibreOffice gave it.
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(outdir, ec)) {
        if (auto text = slurp(entry.path().string())) return *text;
    }
    std::string said = last_line(log);
    refuse(path, "LibreOffice n'a pas pu convertir ce document en texte (endommagé ? protégé par un mot de passe ?)" +
                     (said.empty() ? "" : " : " + said));
}

bool valid_utf8(std::string_view s) {
    for (size_t pos = 0; pos < s.size();)
        if (utf8::decode(s, pos) == utf8::kInvalid) return false;
    return true;
}

// The bytes as UTF-8 without BOM, with "\n" line ends. Bytes that are not
// valid UTF-8 are read as Windows-1252 (what Windows editors write for
// French), with a note; a converter's output is UTF-8 already.
std::string to_unix_utf8(std::string_view bytes, std::vector<std::string>& notes) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    std::string decoded;
    if (valid_utf8(bytes)) {
        decoded = bytes;
    } else {
        // The five bytes Windows-1252 leaves undefined are read as Latin-1.
        for (unsigned char c : bytes) {
            char32_t w = textio::cp1252_char(c);
            utf8::append(decoded, w != 0 ? w : c);
        }
        notes.push_back("texte lu en Windows-1252 : il n'était pas en UTF-8");
    }
    std::string out;
    out.reserve(decoded.size());
    for (size_t i = 0; i < decoded.size(); ++i) {
        if (decoded[i] != '\r') {
            out += decoded[i];
        } else if (i + 1 == decoded.size() || decoded[i + 1] != '\n') {
            out += '\n';  // a lone CR (old Mac); a CRLF's CR is dropped
        }
    }
    return out;
}

// Each line without the spaces and tabs around it. LibreOffice pads a
// paragraph with spaces where it has an empty numbering label (a .docx's
// "Heading 1" comes out as "       Article 1"); in a text of one paragraph
// per line, they mean nothing.
std::string trim_lines(std::string_view text) {
    std::string out;
    while (!text.empty()) {
        size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        size_t first = line.find_first_not_of(" \t");
        if (first != std::string_view::npos) out += line.substr(first, line.find_last_not_of(" \t") + 1 - first);
        if (end == std::string_view::npos) break;
        out += '\n';
        text.remove_prefix(end + 1);
    }
    return out;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\n\f\v") == std::string_view::npos; }

uint32_t little_endian(std::string_view b, size_t at, int bytes) {
    uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
    return v;
}

// The ZIP entry name in the header at `at`: a central directory entry
// ("PK\1\2": name length at offset 28, name at 46) or a local file header
// ("PK\3\4": name length at 26, name at 30). Cut short at the end of `b`.
std::string_view zip_entry_name(std::string_view b, size_t at) {
    bool central = b[at + 2] == '\1';
    size_t name_at = at + (central ? 46 : 30);
    if (name_at > b.size()) return {};
    return b.substr(name_at, little_endian(b, at + (central ? 28 : 26), 2));
}

// An OpenDocument text: the first entry is "mimetype", stored uncompressed
// (method 0 at offset 8), its content the media type (ODF 1.2, part 3, 3.3).
bool is_odt(std::string_view b) {
    if (b.size() < 30 || zip_entry_name(b, 0) != "mimetype" || little_endian(b, 8, 2) != 0) return false;
    size_t data = 30 + little_endian(b, 26, 2) + little_endian(b, 28, 2);
    std::string_view type = "application/vnd.oasis.opendocument.text";
    return little_endian(b, 18, 4) == type.size() && data <= b.size() && b.substr(data, type.size()) == type;
}

// A .docx: some header names word/document.xml. Compressed data may happen
// to hold "PK\3\4" too: the name read there is then garbage, and no match.
bool is_docx(std::string_view b) {
    for (size_t at = b.find("PK"); at != std::string_view::npos && at + 4 <= b.size(); at = b.find("PK", at + 1)) {
        std::string_view sig = b.substr(at, 4);
        if ((sig == "PK\3\4" || sig == "PK\1\2") && zip_entry_name(b, at) == "word/document.xml") return true;
    }
    return false;
}

}  // namespace

std::optional<SourceFormat> detect_format(std::string_view bytes) {
    if (bytes.starts_with("%PDF-")) return SourceFormat::pdf;
    if (bytes.starts_with("{\\rtf")) return SourceFormat::word;
    if (bytes.starts_with(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))) return SourceFormat::word;
    if (bytes.starts_with("PK\3\4")) {
        if (is_odt(bytes) || is_docx(bytes)) return SourceFormat::word;
        return std::nullopt;  // a spreadsheet, a presentation, an archive
    }
    if (bytes.find('\0') == std::string_view::npos) return SourceFormat::text;
    return std::nullopt;
}

ExtractedText extract_text(const std::string& path, const ExtractOptions& options) {
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found) refuse(path, "fichier introuvable");
    if (ec) refuse(path, "lecture impossible : " + ec.message());
    if (fs::is_directory(status)) refuse(path, "c'est un dossier : donnez un fichier");
    if (!fs::is_regular_file(status)) refuse(path, "ce n'est pas un fichier ordinaire");
    auto too_big = [&](std::uintmax_t size) {
        if (size > options.max_bytes)
            refuse(path, "fichier trop gros (" + format_byte_size(size) + ") : la limite est de " +
                             format_byte_size(options.max_bytes));
    };
    std::uintmax_t size = fs::file_size(path, ec);
    if (ec) refuse(path, "lecture impossible : " + ec.message());
    too_big(size);
    std::string bytes;
    if (!read_file(path, bytes, options.max_bytes))
        refuse(path, std::string("lecture impossible : ") + std::strerror(errno));
    too_big(bytes.size());  // it grew meanwhile: read_file() stopped soon after the limit

    std::optional<SourceFormat> format = detect_format(bytes);
    if (!format)
        refuse(path,
               "format non reconnu : ce n'est ni un PDF, ni un document Word (.docx, .doc), OpenDocument (.odt) "
               "ou RTF, ni du texte");
    ExtractedText out;
    out.format = *format;
    out.lines_are_paragraphs = *format == SourceFormat::word;
    switch (*format) {
        case SourceFormat::pdf:
            out.text = to_unix_utf8(pdf_text(path, options), out.notes);
            if (out.text.ends_with('\f')) out.text.pop_back();  // pdftotext ends every page with one
            // A scan: images of pages, and no text layer over them.
            if (blank(out.text))
                refuse(path,
                       "ce PDF ne contient aucun texte, seulement des images (un document scanné ?) : faites-en "
                       "d'abord la reconnaissance de caractères, par exemple avec ocrmypdf (paquet Debian "
                       "ocrmypdf : « ocrmypdf -l fra scan.pdf texte.pdf »), puis importez le PDF obtenu");
            break;
        case SourceFormat::word:
            out.text = trim_lines(to_unix_utf8(word_text(path, options), out.notes));
            break;
        case SourceFormat::text:
            out.text = to_unix_utf8(bytes, out.notes);
            break;
    }
    if (blank(out.text)) refuse(path, "aucun texte dans ce fichier");
    return out;
}

}  // namespace coopdec::import
