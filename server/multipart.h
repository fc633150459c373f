// @brief A multipart/form-data body read as it arrives: text fields into
// parameters, file parts streamed to a private temporary file (never held
// whole in memory), with limits on every part.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/http.h"

namespace coopdec {

// A file the server made and owns until someone keeps it: removed when the
// last owner goes, unless release()d (after a rename put it elsewhere).
class TempFile {
public:
    explicit TempFile(std::string path) : path_(std::move(path)) {}
    ~TempFile();
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }
    void release() { released_ = true; }

private:
    std::string path_;
    std::atomic<bool> released_{false};
};

// One file part of a form, on disk, fsynced.
struct ReceivedFile {
    std::string field;          // the form field's name
    std::string client_name;    // the filename the browser sent, as sent (metadata only, never a path)
    std::string declared_type;  // the part's Content-Type, "" when none
    uint64_t size = 0;
    std::string sha256;  // of the contents, 64 lowercase hex digits
    std::shared_ptr<TempFile> file;
};

struct MultipartLimits {
    uint64_t max_file_bytes = 50u << 20;  // per file part
    size_t max_field_bytes = 64u << 10;   // per text field
    size_t max_fields = 64;               // text fields
    size_t max_files = 1;                 // file parts
    size_t max_head_bytes = 8u << 10;     // the headers of one part
};

// The boundary of a "multipart/form-data; boundary=…" Content-Type (quoted
// or not, 1 to 70 characters); nullopt for another type or no boundary.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// Reads one body, fed in chunks of any size. After an error (a refusal:
// 413 for a part over its limit, 400 for a malformed body) feed() returns
// false and nothing more is read; the text fields read before the error
// are kept (a form whose file is too large is shown again with them).
// A file part's bytes go to a new file in `temp_dir` (mode 0600), removed
// when the reader fails or when its ReceivedFile is dropped. Not
// thread-safe: one reader per request.
class MultipartReader {
public:
    MultipartReader(std::string boundary, std::string temp_dir, MultipartLimits limits = {});
    ~MultipartReader();
    MultipartReader(const MultipartReader&) = delete;
    MultipartReader& operator=(const MultipartReader&) = delete;

    bool feed(std::string_view chunk);
    // At the end of the body: the closing boundary must have been read (400
    // otherwise); the files are flushed and fsynced. Returns the error, if any.
    std::optional<http::TargetError> finish();

    const http::Params& fields() const { return fields_; }
    std::vector<ReceivedFile>& files() { return files_; }
    const std::optional<http::TargetError>& error() const { return error_; }

private:
    enum class State { preamble, head, body, done };
    bool fail(int status, std::string message);
    bool start_part(std::string_view head);
    bool emit(std::string_view bytes);
    bool end_part();

    std::string delimiter_;  // "\r\n--" + boundary
    std::string temp_dir_;
    MultipartLimits limits_;
    State state_ = State::preamble;
    std::string buffer_;
    http::Params fields_;
    std::vector<ReceivedFile> files_;
    std::optional<http::TargetError> error_;
    // The part being read.
    std::string name_, filename_, type_, value_;
    bool is_file_ = false;
    int fd_ = -1;
    struct Hash;
    std::unique_ptr<Hash> hash_;
};

// Parses a whole body at once (tests, small forms): the reader's result.
struct MultipartBody {
    http::Params fields;
    std::vector<ReceivedFile> files;
    std::optional<http::TargetError> error;
};
MultipartBody parse_multipart(std::string_view body, const std::string& boundary, const std::string& temp_dir,
                              MultipartLimits limits = {});

}  // namespace coopdec
