// @brief The JSON form of a search result: the object `coopdec-search --json`
// prints and the server's /api/search returns.
#pragma once

#include <string>

#include "search/search.h"

namespace coopdec {

// {"query", "total", "page", "per_page", "results": [{"id", "type", "title",
// "url", "demo", "notice", "date", "communes", "partner", "partnerships":
// [{"id","title","url"}], "passages": [{"anchor", "kind", "label", "path",
// "speaker", "role", "url", "snippet"}]}], "facets": {"<facet>": [{"value",
// "label", "count", "selected"}]}, "expansions": [synonyms added],
// "suggestion": corrected query or "", "relaxations": [{"facet", "value",
// "total"}]}. Every string goes through json_escape;
// snippets are HTML fragments (escaped text and <mark>).
std::string to_json(const SearchResult& result);

// {"error": message, "status": status}
std::string error_json(const std::string& message, int status);

}  // namespace coopdec
