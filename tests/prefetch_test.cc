// @brief Prefetch: results in order, a bounded look-ahead, errors handed to
// the right caller, and an early stop.
#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>

#include "indexer/prefetch.h"

using coopdec::Prefetch;

TEST_CASE("Prefetch hands the results out in the order of the jobs", "[prefetch]") {
    Prefetch<std::string> p(200, 3, [](std::size_t i) {
        // Uneven jobs: the order must not depend on their speed.
        std::string s(i % 7 == 0 ? 100000 : 1, 'x');
        return std::to_string(i) + ":" + std::to_string(s.size());
    });
    for (std::size_t i = 0; i < 200; ++i) CHECK(p.next() == std::to_string(i) + ":" + (i % 7 == 0 ? "100000" : "1"));
}

TEST_CASE("Prefetch never runs more than its depth ahead of the consumer", "[prefetch]") {
    std::atomic<std::size_t> taken{0};
    std::atomic<std::size_t> worst{0};  // the largest lead seen by a job
    const std::size_t depth = 4;
    // Jobs started, and a wait for the first `depth` of them: the producer
    // runs ahead by itself, before anything is taken (whether it gets ahead
    // later depends on the scheduler, and is not asserted).
    std::mutex m;
    std::condition_variable started;
    std::size_t made = 0;
    {
        Prefetch<std::size_t> p(100, depth, [&](std::size_t i) {
            std::size_t lead = i - taken.load();  // results made and not yet taken, this one excluded
            if (lead > worst) worst = lead;
            {
                std::lock_guard<std::mutex> lock(m);
                ++made;
            }
            started.notify_all();
            return i;
        });
        {
            std::unique_lock<std::mutex> lock(m);
            started.wait(lock, [&] { return made >= depth; });
        }
        for (std::size_t i = 0; i < 100; ++i) {
            CHECK(p.next() == i);
            ++taken;
        }
    }
    CHECK(worst <= depth);
    CHECK(worst >= depth - 1);  // the first `depth` jobs ran with nothing taken
}

TEST_CASE("A job's exception reaches the caller of its own next(), and the jobs after it still run", "[prefetch]") {
    Prefetch<int> p(5, 2, [](std::size_t i) -> int {
        if (i == 2) throw std::runtime_error("job 2 failed");
        return static_cast<int>(i) * 10;
    });
    CHECK(p.next() == 0);
    CHECK(p.next() == 10);
    CHECK_THROWS_WITH(p.next(), "job 2 failed");
    CHECK(p.next() == 30);
    CHECK(p.next() == 40);
}

TEST_CASE("Destroying a Prefetch stops its jobs early", "[prefetch]") {
    std::atomic<std::size_t> ran{0};
    {
        Prefetch<int> p(100000, 2, [&](std::size_t) {
            ++ran;
            return 1;
        });
        CHECK(p.next() == 1);
    }
    // One taken, at most `depth` waiting, one in progress when told to stop.
    CHECK(ran <= 1 + 2 + 1);
}
