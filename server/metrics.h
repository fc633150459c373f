// @brief Request counters and a latency histogram, in Prometheus text format.
#pragma once

#include <array>
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

    // Upper bounds of the latency buckets, in seconds.
    static constexpr std::array<double, 11> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                     0.1,   0.25,   0.5,   1.0,  2.5};

private:
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, unsigned long> requests_;
    std::array<unsigned long, kBuckets.size()> buckets_{};
    unsigned long count_ = 0;
    double sum_ = 0;
};

}  // namespace coopdec
