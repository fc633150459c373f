// @brief Reading back an OpenDocument package in tests: its entries with
// Poco's zip reader, the first-bytes checks ODF readers make, and whether a
// command the test would run is installed.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <iterator>
#include <sstream>
#include <string>

#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include "tests/test_util.h"

namespace coopdec::test {

// True when `name` runs from PATH.
inline bool has_command(const std::string& name) {
    int status = 0;
    run_command("command -v " + name + " >/dev/null 2>&1", status);
    return status == 0;
}

// One entry of a zip, read with Poco's reader; fails the test when absent.
inline std::string zip_entry(const std::string& zip, const std::string& name) {
    std::istringstream in(zip);
    Poco::Zip::ZipArchive archive(in);
    auto header = archive.findHeader(name);
    REQUIRE(header != archive.headerEnd());
    std::istringstream again(zip);
    Poco::Zip::ZipInputStream entry(again, header->second);
    return std::string(std::istreambuf_iterator<char>(entry), {});
}

inline uint16_t le16(const std::string& b, size_t at) {
    return static_cast<uint16_t>(static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8);
}

// The checks an ODF reader makes on a package's first bytes (ODF 1.2 part 3,
// §3.3): a local file header for `mimetype`, stored, no extra field, then
// the media type itself.
inline void check_mimetype_first(const std::string& package, const std::string& media_type) {
    REQUIRE(package.size() > 80);
    CHECK(package.compare(0, 4, "PK\x03\x04") == 0);
    CHECK(le16(package, 8) == 0);  // compression method: stored
    const uint16_t name_len = le16(package, 26), extra_len = le16(package, 28);
    CHECK(package.substr(30, name_len) == "mimetype");
    CHECK(extra_len == 0);
    CHECK(package.substr(30 + name_len + extra_len, media_type.size()) == media_type);
}

}  // namespace coopdec::test
