// @brief Terminal progress line.
#include "indexer/progress.h"

namespace coopdec {

void Progress::start(size_t total) {
    total_ = total;
    done_ = 0;
    start_ = last_draw_ = std::chrono::steady_clock::now();
}

void Progress::step() {
    ++done_;
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    // Redrawing on every file would cost more than indexing a small one.
    if (now - last_draw_ < std::chrono::milliseconds(200) && done_ != total_) return;
    last_draw_ = now;
    draw();
}

void Progress::draw() {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    double rate = secs > 0 ? done_ / secs : 0;
    double left = rate > 0 ? (total_ - done_) / rate : 0;
    std::fprintf(out_, "\r\033[K%zu/%zu fichiers, %.0f fichiers/s, reste %.0f s", done_, total_, rate, left);
    std::fflush(out_);
}

void Progress::finish() {
    if (!enabled_) return;
    std::fprintf(out_, "\r\033[K");
    std::fflush(out_);
}

}  // namespace coopdec
