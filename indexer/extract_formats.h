// @brief The per-format extractors behind extract(). Private to indexer/:
// callers use extract(), which parses and dispatches.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/schema.h"
#include "indexer/record.h"
#include "indexer/xml_read.h"

namespace coopdec {

// Each takes the root element of a parsed document (already dispatched on)
// and where it came from; same contract as extract(): ok with a record, or
// !ok with diagnostics positioned in src.
Extraction extract_akn(const pugi::xml_node& root, const XmlSource& src);
Extraction extract_tei(const pugi::xml_node& root, const XmlSource& src);
Extraction extract_coopdec(const pugi::xml_node& root, const XmlSource& src);

// Appends to `list` the values it does not hold yet, empty ones skipped, in
// first-seen order, in constant time per value. (It replaces add_unique(),
// whose scan of the list made a list as long as the input wants quadratic:
// 100,000 <commune ref> took 30 s to extract; tests/hostile_xml_test.cc.)
// `list` must outlive this object and grow only through it while it lives.
class Distinct {
public:
    explicit Distinct(std::vector<std::string>& list) : list_(list), seen_(list.begin(), list.end()) {}
    void add(std::string value) {
        if (value.empty() || !seen_.insert(value).second) return;
        list_.push_back(std::move(value));
    }

private:
    std::vector<std::string>& list_;
    std::unordered_set<std::string> seen_;
};

// A failed extraction carrying one diagnostic.
Extraction failure(Diagnostic error);

}  // namespace coopdec
