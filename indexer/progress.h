// @brief Progress of a long indexing run on a terminal: files done/total,
// rate and time left, redrawn on one line at most a few times a second.
#pragma once

#include <chrono>
#include <cstdio>

namespace coopdec {

class Progress {
public:
    // `enabled` is usually isatty(stderr): nothing is printed otherwise.
    Progress(std::FILE* out, bool enabled) : out_(out), enabled_(enabled) {}

    void start(size_t total);
    // One more file done; redraws when enough time has passed.
    void step();
    // Clears the line (the caller then prints its summary).
    void finish();

private:
    void draw();

    std::FILE* out_;
    bool enabled_;
    size_t total_ = 0, done_ = 0;
    std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace coopdec
