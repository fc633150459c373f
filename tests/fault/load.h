// @brief Continuous load on a running coopdec-server: client threads that
// request a fixed list of targets round and round, with no pause, and check
// each answer against the bodies the test allows: those allowed when the
// request was sent or when its answer came (a request sent before a commit
// may be answered from the state before it).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/server_process.h"

namespace coopdec::test {

class Load {
public:
    // `allowed`: for each target, the bodies a consistent index may answer
    // (the state before the run and the state after it). Starts at once.
    Load(const ServerProcess& server, const std::map<std::string, std::set<std::string>>& allowed, size_t threads)
        : server_(server) {
        for (const auto& [target, bodies] : allowed) {
            targets_.push_back(target);
            allowed_[target] = std::make_shared<const Bodies>(bodies);
        }
        for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this, i] { loop(i); });
    }
    ~Load() { stop(); }
    Load(const Load&) = delete;
    Load& operator=(const Load&) = delete;

    // Replaces the bodies allowed for `target` (between two runs).
    void allow(const std::string& target, std::set<std::string> bodies) {
        std::lock_guard<std::mutex> lock(mutex_);
        allowed_[target] = std::make_shared<const Bodies>(std::move(bodies));
    }

    // Waits until every thread has had `n` more answers: proof that the
    // clients were running during what the test just did.
    void wait_answers(size_t n) {
        size_t target = answers_.load() + n * threads_.size();
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (answers_.load() < target && std::chrono::steady_clock::now() < deadline) {
            std::unique_lock<std::mutex> lock(mutex_);
            answered_.wait_until(lock, deadline);
        }
    }

    void stop() {
        stopping_ = true;
        for (auto& t : threads_)
            if (t.joinable()) t.join();
    }

    size_t answers() const { return answers_.load(); }
    // Every answer that was not 200 with an allowed body: target, status,
    // start of the body (at most the first 20).
    std::vector<std::string> failures() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return failures_;
    }
    size_t failure_count() const { return failure_count_.load(); }

private:
    using Bodies = std::set<std::string>;

    std::shared_ptr<const Bodies> allowed_now(const std::string& target) {
        std::lock_guard<std::mutex> lock(mutex_);
        return allowed_.at(target);
    }

    // The body around its first difference with the closest allowed one.
    static std::string where_different(const std::string& body, const Bodies& allowed) {
        size_t best = 0;
        std::string closest;
        for (const auto& b : allowed) {
            size_t i = 0;
            while (i < body.size() && i < b.size() && body[i] == b[i]) ++i;
            if (i >= best) best = i, closest = b;
        }
        size_t from = best > 80 ? best - 80 : 0;
        return "octet " + std::to_string(best) + " : « " + body.substr(from, 240) + " » au lieu de « " +
               closest.substr(from, 240) + " »";
    }

    void loop(size_t first) {
        for (size_t i = first; !stopping_; ++i) {
            const std::string& target = targets_[i % targets_.size()];
            std::string problem;
            try {
                std::shared_ptr<const Bodies> at_send = allowed_now(target);
                HttpAnswer a = server_.get(target);
                std::shared_ptr<const Bodies> at_answer = allowed_now(target);
                if (a.status != 200)
                    problem = "statut " + std::to_string(a.status) + " : " + a.body.substr(0, 300);
                else if (!at_send->count(a.body) && !at_answer->count(a.body))
                    problem = "réponse d'un index à moitié mis à jour : " + where_different(a.body, *at_send);
            } catch (const std::exception& e) {
                problem = std::string("pas de réponse : ") + e.what();
            } catch (...) {
                problem = "pas de réponse";
            }
            std::lock_guard<std::mutex> lock(mutex_);
            if (!problem.empty()) {
                ++failure_count_;
                if (failures_.size() < 20) failures_.push_back(target + " → " + problem);
            }
            ++answers_;
            answered_.notify_all();
        }
    }

    const ServerProcess& server_;
    std::vector<std::string> targets_;
    mutable std::mutex mutex_;
    std::condition_variable answered_;
    std::map<std::string, std::shared_ptr<const Bodies>> allowed_;
    std::vector<std::string> failures_;
    std::atomic<size_t> answers_{0}, failure_count_{0};
    std::atomic<bool> stopping_{false};
    std::vector<std::thread> threads_;
};

}  // namespace coopdec::test
