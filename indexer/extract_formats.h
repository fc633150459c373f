// @brief The per-format extractors behind extract(). Private to indexer/:
// callers use extract(), which parses and dispatches.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/record.h"
#include "indexer/xml_read.h"

namespace coopdec {

inline constexpr std::string_view kCoopdecNamespace = "urn:x-coopdec:corpus:1";
inline constexpr std::string_view kTeiNamespace = "http://www.tei-c.org/ns/1.0";

// Akoma Ntoso 3.0 (http://docs.oasis-open.org/legaldocml/ns/akn/3.0, and its
// committee drafts ".../3.0/CSDnn"), and AKN 2.0 (http://www.akomantoso.org/2.0).
bool is_akn_namespace(std::string_view uri);

// Each takes the root element of a parsed document (already dispatched on)
// and where it came from; same contract as extract(): ok with a record, or
// !ok with diagnostics positioned in src.
Extraction extract_akn(const pugi::xml_node& root, const XmlSource& src);
Extraction extract_tei(const pugi::xml_node& root, const XmlSource& src);
Extraction extract_coopdec(const pugi::xml_node& root, const XmlSource& src);

// Appends `value` to `list` unless empty or already there (order kept).
void add_unique(std::vector<std::string>& list, std::string value);

// A failed extraction carrying one diagnostic.
Extraction failure(Diagnostic error);

}  // namespace coopdec
