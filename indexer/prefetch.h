// @brief Runs a sequence of independent jobs ahead of their consumer, on
// another thread, and hands their results out in order.
//
// The indexer's second pass has two halves of about the same weight: reading,
// parsing, validating, extracting and building a file's Xapian documents,
// which needs nothing but the file and read-only tables; and writing them,
// which only one thread may do. Prefetch runs the first half of file i+1
// while the caller writes file i, so that both cores work.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace coopdec {

template <class T>
class Prefetch {
public:
    // Calls produce(0) … produce(n - 1), in that order, on one background
    // thread, never more than `depth` (≥ 1) results ahead of next(). `produce`
    // must not touch what the caller changes meanwhile. An exception thrown
    // by produce(i) is kept and rethrown by the i-th next(); the jobs after
    // it still run.
    Prefetch(std::size_t n, std::size_t depth, std::function<T(std::size_t)> produce)
        : n_(n), depth_(depth < 1 ? 1 : depth), produce_(std::move(produce)), worker_([this] { run(); }) {}

    // Stops the producer after the job it is running, and waits for it.
    ~Prefetch() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        room_.notify_all();
        worker_.join();
    }

    Prefetch(const Prefetch&) = delete;
    Prefetch& operator=(const Prefetch&) = delete;

    // The next result in order, once it is ready. Precondition: fewer than
    // n calls so far.
    T next() {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return !done_.empty(); });
        Slot slot = std::move(done_.front());
        done_.pop_front();
        lock.unlock();
        room_.notify_one();
        if (slot.error) std::rethrow_exception(slot.error);
        return std::move(*slot.value);
    }

private:
    struct Slot {
        std::optional<T> value;
        std::exception_ptr error;
    };

    void run() {
        for (std::size_t i = 0; i < n_; ++i) {
            {
                std::unique_lock lock(mutex_);
                room_.wait(lock, [this] { return stopping_ || done_.size() < depth_; });
                if (stopping_) return;
            }
            Slot slot;
            try {
                slot.value.emplace(produce_(i));
            } catch (...) {
                slot.error = std::current_exception();
            }
            {
                std::lock_guard lock(mutex_);
                done_.push_back(std::move(slot));
            }
            ready_.notify_one();
        }
    }

    const std::size_t n_, depth_;
    std::function<T(std::size_t)> produce_;
    std::mutex mutex_;
    std::condition_variable ready_;  // a result was added
    std::condition_variable room_;   // a result was taken, or stopping
    std::deque<Slot> done_;          // produced, not yet taken, in order
    bool stopping_ = false;
    std::thread worker_;  // last: it starts once everything above exists
};

}  // namespace coopdec
