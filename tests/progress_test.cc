// @brief The progress line: drawn on a terminal, silent otherwise.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "indexer/progress.h"

using namespace coopdec;

namespace {

std::string contents(std::FILE* f) {
    std::rewind(f);
    std::string s;
    char buf[512];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
    return s;
}

}  // namespace

TEST_CASE("progress is silent when not drawn on a terminal", "[progress]") {
    std::FILE* f = std::tmpfile();
    Progress p(f, false);
    p.start(3);
    p.step();
    p.step();
    p.step();
    p.finish();
    CHECK(contents(f).empty());
    std::fclose(f);
}

TEST_CASE("progress shows files done, total, rate and time left", "[progress]") {
    std::FILE* f = std::tmpfile();
    Progress p(f, true);
    p.start(2);
    p.step();
    p.step();  // the last file is always drawn
    p.finish();
    std::string s = contents(f);
    CHECK(s.find("2/2 fichiers, ") != std::string::npos);
    CHECK(s.find(" fichiers/s, reste ") != std::string::npos);
    CHECK(s.substr(s.size() - 4) == "\r\033[K");  // the line is cleared for the summary
    std::fclose(f);
}
