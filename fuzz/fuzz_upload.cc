// @brief libFuzzer target: an uploaded body and file as the server receives
// them → the multipart reader (server/multipart.h), fed in chunks whose
// sizes come from the input, must give the same fields and file as when fed
// whole; the file's bytes → sniff_upload, check_zip and the client name's
// sanitising (server/upload_checks.h) never crash, and a sanitised name is
// always valid UTF-8 with no path, markup or control character in it.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/escape.h"
#include "server/multipart.h"
#include "server/upload_checks.h"

namespace {

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "coopdec fuzz: invariant broken: %s\n", what.c_str());
    std::abort();
}

const std::string& temp_dir() {
    static const std::string dir = [] {
        char templ[] = "/tmp/coopdec-fuzz-upload-XXXXXX";
        if (!mkdtemp(templ)) fail("mkdtemp");
        return std::string(templ);
    }();
    return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    // The first byte picks the chunk size; the rest is the body.
    size_t chunk = input.empty() ? 1 : static_cast<unsigned char>(input[0]) % 31 + 1;
    std::string_view body = input.empty() ? input : input.substr(1);
    const std::string boundary = "XyZ";
    coopdec::MultipartLimits limits;
    limits.max_file_bytes = 4096;
    coopdec::MultipartBody whole = coopdec::parse_multipart(body, boundary, temp_dir(), limits);
    coopdec::MultipartReader reader(boundary, temp_dir(), limits);
    for (size_t i = 0; i < body.size() && reader.feed(body.substr(i, chunk)); i += chunk) {
    }
    auto error = reader.finish();
    if (error.has_value() != whole.error.has_value()) fail("chunked and whole readings disagree on an error");
    if (!error && reader.fields() != whole.fields) fail("chunked and whole readings give other fields");
    if (!error && reader.files().size() != whole.files.size()) fail("chunked and whole readings give other files");
    for (const auto& f : whole.files)
        if (f.size > limits.max_file_bytes) fail("a file over its limit was kept");

    (void)coopdec::sniff_upload(body, body);
    (void)coopdec::check_zip(body);
    std::string name = coopdec::sanitize_client_name(body.substr(0, 300));
    if (!coopdec::valid_utf8(name)) fail("a sanitised name is not UTF-8");
    if (name.find_first_of("/\\<>\"'`|=") != std::string::npos) fail("a sanitised name keeps a path or markup");
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7f) fail("a sanitised name keeps a control character");
    return 0;
}
