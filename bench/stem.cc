// @brief coopdec-bench-stem: time of folding and stemming every word of a word
// list in French, each pass on a fresh thread (so with an empty stem cache).
//
// Usage: coopdec-bench-stem [WORDLIST] [PASSES]
//   WORDLIST: one word a line (default /usr/share/dict/french, Debian's wfrench)
//   PASSES:   passes over the list (default 5); the best and median are printed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "common/analysis.h"

int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : "/usr/share/dict/french";
    const int passes = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    std::ifstream in(path);
    if (!in) {
        std::cerr << "coopdec-bench-stem: impossible de lire " << path << "\n";
        return 1;
    }
    std::vector<std::string> words;
    for (std::string w; std::getline(in, w);)
        if (!w.empty()) words.push_back(w);
    std::vector<double> ms;
    size_t checksum = 0;
    for (int p = 0; p < passes; ++p) {
        // thread_local stemmers and cache: a new thread starts cold.
        std::thread t([&] {
            auto start = std::chrono::steady_clock::now();
            size_t sum = 0;
            for (const auto& w : words) sum += coopdec::analysis::stem(coopdec::analysis::fold(w), "fr").size();
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
            checksum = sum;
        });
        t.join();
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%zu words, %d passes: best %.1f ms, median %.1f ms (%.0f ns/word; stem bytes %zu)\n", words.size(),
                passes, ms.front(), ms[ms.size() / 2], ms.front() * 1e6 / static_cast<double>(words.size()), checksum);
    return 0;
}
