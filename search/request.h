// @brief Builds a SearchRequest from name=value parameters, the same way for
// the command line (--filter name=value) and for URLs (?name=value).
#pragma once

#include <optional>
#include <string>

#include "search/search.h"

namespace coopdec {

// Applies one parameter: a facet name (schema::kFacets), year_from, year_to,
// q, page, per_page, sort (pertinence|date|date-asc; relevance accepted),
// doc (search within one document), mots (tous: every word required;
// partiel, the default: partial matches too), corriger (non: never answer
// with the spelling correction; oui, the default).
// Returns a French message for an unknown name or a malformed value (its
// `parameter` is `name`; its user message names no parameter: search.h); the
// request is unchanged then. Values of the index (does this commune exist?)
// are checked later by validate().
std::optional<SearchError> apply_parameter(SearchRequest& request, const std::string& name, const std::string& value);

}  // namespace coopdec
