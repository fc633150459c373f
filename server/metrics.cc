// @brief Prometheus metrics.
#include "server/metrics.h"

#include <cstdio>

namespace coopdec {

void Metrics::record(const std::string& route, int status, double seconds) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++requests_[{route, status}];
    for (size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i]) ++buckets_[i];
    ++count_;
    sum_ += seconds;
}

void Metrics::count_connection_cut(const std::string& reason) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++cut_[reason];
}

std::string Metrics::prometheus(size_t documents) const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string out;
    out += "# HELP coopdec_http_requests_total HTTP requests answered, by route and status.\n";
    out += "# TYPE coopdec_http_requests_total counter\n";
    for (const auto& [key, n] : requests_)
        out += "coopdec_http_requests_total{route=\"" + key.first + "\",status=\"" + std::to_string(key.second) +
               "\"} " + std::to_string(n) + "\n";
    out += "# HELP coopdec_http_request_duration_seconds Time to answer a request.\n";
    out += "# TYPE coopdec_http_request_duration_seconds histogram\n";
    char le[32];
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        std::snprintf(le, sizeof le, "%g", kBuckets[i]);
        out += "coopdec_http_request_duration_seconds_bucket{le=\"" + std::string(le) + "\"} " +
               std::to_string(buckets_[i]) + "\n";
    }
    out += "coopdec_http_request_duration_seconds_bucket{le=\"+Inf\"} " + std::to_string(count_) + "\n";
    char sum[64];
    std::snprintf(sum, sizeof sum, "%.6f", sum_);
    out += "coopdec_http_request_duration_seconds_sum " + std::string(sum) + "\n";
    out += "coopdec_http_request_duration_seconds_count " + std::to_string(count_) + "\n";
    out += "# HELP coopdec_index_documents Documents in the index.\n";
    out += "# TYPE coopdec_index_documents gauge\n";
    out += "coopdec_index_documents " + std::to_string(documents) + "\n";
    out += "# HELP coopdec_connections_waiting Connections waiting for a complete request head.\n";
    out += "# TYPE coopdec_connections_waiting gauge\n";
    out += "coopdec_connections_waiting " + std::to_string(waiting_.load()) + "\n";
    out += "# HELP coopdec_connections_cut_total Connections closed for a slow head or to make room.\n";
    out += "# TYPE coopdec_connections_cut_total counter\n";
    for (const auto& [reason, n] : cut_)
        out += "coopdec_connections_cut_total{reason=\"" + reason + "\"} " + std::to_string(n) + "\n";
    return out;
}

}  // namespace coopdec
