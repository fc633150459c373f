// @brief Request counters and a latency histogram, in Prometheus text format.
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace coopdec {

// Thread-safe: handlers of every thread record into one Metrics.
class Metrics {
public:
    // One request on `route` (a route table name, never a raw path, so that
    // the number of series stays bounded) answered with `status`.
    void record(const std::string& route, int status, double seconds);

    // The exposition text: coopdec_http_requests_total{route,status},
    // coopdec_http_request_duration_seconds (histogram), and
    // coopdec_index_documents (given by the caller, read from the index).
    std::string prometheus(size_t documents) const;

    // Connections waiting in the head gate for a complete request head.
    void set_connections_waiting(size_t n) { waiting_ = n; }
    // A connection the gate cut: `reason` is "timeout" or "evicted".
    void count_connection_cut(const std::string& reason);

    // Upper bounds of the latency buckets, in seconds.
    static constexpr std::array<double, 11> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5};

private:
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, unsigned long> requests_;
    std::array<unsigned long, kBuckets.size()> buckets_{};
    unsigned long count_ = 0;
    double sum_ = 0;
    std::atomic<size_t> waiting_{0};
    std::map<std::string, unsigned long> cut_;
};

}  // namespace coopdec
