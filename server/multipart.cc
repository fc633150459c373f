// @brief The multipart/form-data reader: a small state machine over a
// bounded buffer.
#include "server/multipart.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include "common/escape.h"

namespace coopdec {

TempFile::~TempFile() {
    if (!released_) ::unlink(path_.c_str());
}

struct MultipartReader::Hash {
    Poco::SHA2Engine engine{Poco::SHA2Engine::SHA_256};
};

namespace {

std::string part_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string_view part_trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// The value of `key` among a header's "; key=value" parameters (quoted
// values unquoted, \" and \\ unescaped); nullopt when absent.
std::optional<std::string> header_param(std::string_view header, std::string_view key) {
    size_t i = header.find(';');
    while (i != std::string_view::npos && i < header.size()) {
        ++i;
        size_t eq = header.find('=', i);
        if (eq == std::string_view::npos) return std::nullopt;
        std::string name = part_lower(part_trim(header.substr(i, eq - i)));
        size_t v = eq + 1;
        while (v < header.size() && header[v] == ' ') ++v;
        std::string value;
        size_t next;
        if (v < header.size() && header[v] == '"') {
            size_t j = v + 1;
            for (; j < header.size() && header[j] != '"'; ++j) {
                if (header[j] == '\\' && j + 1 < header.size()) ++j;
                value += header[j];
            }
            next = header.find(';', j);
        } else {
            next = header.find(';', v);
            value = std::string(part_trim(header.substr(v, next == std::string_view::npos ? next : next - v)));
        }
        if (name == key) return value;
        i = next;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
    size_t semi = content_type.find(';');
    if (part_lower(part_trim(content_type.substr(0, semi))) != "multipart/form-data") return std::nullopt;
    auto b = header_param(content_type, "boundary");
    if (!b || b->empty() || b->size() > 70) return std::nullopt;
    for (char c : *b)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) return std::nullopt;
    return b;
}

MultipartReader::MultipartReader(std::string boundary, std::string temp_dir, MultipartLimits limits)
    : delimiter_("\r\n--" + boundary), temp_dir_(std::move(temp_dir)), limits_(limits) {
    // The body's first boundary has no line end before it: one is lent.
    buffer_ = "\r\n";
}

MultipartReader::~MultipartReader() {
    if (fd_ >= 0) ::close(fd_);
    // A part left half-written belongs to nobody: its TempFile goes with
    // the failed reader when files_ holds it.
}

bool MultipartReader::fail(int status, std::string message) {
    if (!error_) error_ = http::TargetError{status, std::move(message)};
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    files_.clear();  // their TempFiles remove the files
    state_ = State::done;
    buffer_.clear();
    return false;
}

bool MultipartReader::start_part(std::string_view head) {
    name_.clear();
    filename_.clear();
    type_.clear();
    value_.clear();
    is_file_ = false;
    bool disposition = false;
    size_t pos = 0;
    while (pos < head.size()) {
        size_t end = head.find("\r\n", pos);
        if (end == std::string_view::npos) end = head.size();
        std::string_view line = head.substr(pos, end - pos);
        pos = end + 2;
        size_t colon = line.find(':');
        if (colon == std::string_view::npos) return fail(400, "formulaire illisible : en-tête de partie mal formé");
        std::string name = part_lower(part_trim(line.substr(0, colon)));
        std::string_view value = part_trim(line.substr(colon + 1));
        if (name == "content-disposition") {
            if (part_lower(part_trim(value.substr(0, value.find(';')))) != "form-data")
                return fail(400, "formulaire illisible : partie sans « form-data »");
            auto n = header_param(value, "name");
            if (!n || n->empty()) return fail(400, "formulaire illisible : partie sans nom de champ");
            name_ = *n;
            disposition = true;
            if (auto f = header_param(value, "filename")) {
                is_file_ = true;
                filename_ = *f;
            }
        } else if (name == "content-type") {
            type_ = std::string(value.substr(0, 200));
        }
    }
    if (!disposition) return fail(400, "formulaire illisible : partie sans Content-Disposition");
    if (!valid_utf8(name_) || !valid_utf8(filename_))
        return fail(400, "formulaire illisible : nom de champ ou de fichier hors UTF-8");
    if (is_file_) {
        if (files_.size() >= limits_.max_files) return fail(400, "un seul fichier par envoi");
        std::string templ = temp_dir_ + "/envoi-XXXXXX";
        fd_ = ::mkstemp(templ.data());
        if (fd_ < 0) return fail(503, "réception impossible pour le moment : réessayez plus tard");
        ReceivedFile f;
        f.field = name_;
        f.client_name = filename_;
        f.declared_type = type_;
        f.file = std::make_shared<TempFile>(templ);
        files_.push_back(std::move(f));
        hash_ = std::make_unique<Hash>();
    } else if (fields_.size() >= limits_.max_fields) {
        return fail(400, "formulaire illisible : trop de champs");
    }
    return true;
}

bool MultipartReader::emit(std::string_view bytes) {
    if (bytes.empty()) return true;
    if (!is_file_) {
        if (value_.size() + bytes.size() > limits_.max_field_bytes)
            return fail(413, "champ « " + name_ + " » trop long (au plus " +
                                 std::to_string(limits_.max_field_bytes >> 10) + " Kio)");
        value_.append(bytes);
        return true;
    }
    ReceivedFile& f = files_.back();
    if (f.size + bytes.size() > limits_.max_file_bytes)
        return fail(413, "fichier trop volumineux : au plus " + std::to_string(limits_.max_file_bytes >> 20) +
                             " Mio par fichier");
    hash_->engine.update(bytes.data(), bytes.size());
    f.size += bytes.size();
    while (!bytes.empty()) {
        ssize_t n = ::write(fd_, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return fail(503, "réception impossible : plus de place sur le serveur ; réessayez plus tard");
        bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

bool MultipartReader::end_part() {
    if (!is_file_) {
        if (!valid_utf8(value_)) return fail(400, "formulaire illisible : champ « " + name_ + " » hors UTF-8");
        fields_.emplace_back(name_, std::move(value_));
        value_.clear();
        return true;
    }
    ReceivedFile& f = files_.back();
    f.sha256 = Poco::DigestEngine::digestToHex(hash_->engine.digest());
    // Durable before anyone is told it arrived.
    if (::fsync(fd_) != 0) return fail(503, "réception impossible : le disque du serveur refuse l'écriture");
    ::close(fd_);
    fd_ = -1;
    // A file input left empty: browsers send a part with no name and no bytes.
    if (f.client_name.empty() && f.size == 0) files_.pop_back();
    return true;
}

bool MultipartReader::feed(std::string_view chunk) {
    if (state_ == State::done) return !error_;  // the epilogue, ignored
    buffer_.append(chunk);
    for (;;) {
        switch (state_) {
            case State::preamble:
            case State::body: {
                size_t at = buffer_.find(delimiter_);
                if (at == std::string::npos) {
                    if (state_ == State::body) {
                        // What cannot be the start of a delimiter goes out now.
                        size_t keep = std::min(buffer_.size(), delimiter_.size() + 1);
                        size_t out = buffer_.size() - keep;
                        if (out > 0) {
                            if (!emit(std::string_view(buffer_.data(), out))) return false;
                            buffer_.erase(0, out);
                        }
                    } else if (buffer_.size() > limits_.max_head_bytes) {
                        return fail(400, "formulaire illisible : délimiteur introuvable");
                    }
                    return true;
                }
                // The delimiter must be followed by "--" or a line end.
                if (buffer_.size() < at + delimiter_.size() + 2) return true;
                // Read before the buffer moves: "--" closes the body.
                const std::string after = buffer_.substr(at + delimiter_.size(), 2);
                if (after != "--" && after != "\r\n") return fail(400, "formulaire illisible : délimiteur mal formé");
                if (state_ == State::body) {
                    if (!emit(std::string_view(buffer_.data(), at))) return false;
                    if (!end_part()) return false;
                }
                buffer_.erase(0, at + delimiter_.size() + 2);
                if (after == "--") {
                    state_ = State::done;
                    buffer_.clear();
                    return true;
                }
                state_ = State::head;
                break;
            }
            case State::head: {
                size_t end = buffer_.compare(0, 2, "\r\n") == 0 ? 0 : buffer_.find("\r\n\r\n");
                if (end == std::string::npos) {
                    if (buffer_.size() > limits_.max_head_bytes)
                        return fail(400, "formulaire illisible : en-têtes de partie trop longs");
                    return true;
                }
                if (end > limits_.max_head_bytes)
                    return fail(400, "formulaire illisible : en-têtes de partie trop longs");
                if (!start_part(std::string_view(buffer_.data(), end))) return false;
                // The part's data starts here: its own delimiter's line
                // end is kept ("\r\n--" starts the delimiter).
                buffer_.erase(0, end == 0 ? 2 : end + 4);
                state_ = State::body;
                break;
            }
            case State::done:
                return true;
        }
    }
}

std::optional<http::TargetError> MultipartReader::finish() {
    if (error_) return error_;
    if (state_ != State::done) {
        fail(400, "formulaire incomplet : l'envoi a été interrompu");
        return error_;
    }
    return std::nullopt;
}

MultipartBody parse_multipart(std::string_view body, const std::string& boundary, const std::string& temp_dir,
                              MultipartLimits limits) {
    MultipartReader reader(boundary, temp_dir, limits);
    MultipartBody out;
    reader.feed(body);
    out.error = reader.finish();
    out.fields = reader.fields();
    out.files = std::move(reader.files());
    return out;
}

}  // namespace coopdec
