// @brief The JSON form of a search result: the object `coopdec-search --json`
// prints and the server's /api/search returns.
#pragma once

#include <string>

#include "search/document.h"
#include "search/search.h"

namespace coopdec {

// {"query", "total", "page", "per_page", "within_passages" (with doc=ID only:
// the document's matching passages, that page and per_page page), "results": [{"id", "type", "title",
// "url", "demo", "notice", "date", "communes", "partner", "partnerships":
// [{"id","title","url"}], "passages": [{"anchor", "kind", "label", "path",
// "speaker", "role", "url", "snippet"}]}], "facets": {"<facet>": [{"value",
// "label", "count", "selected"}]}, "expansions": [synonyms added],
// "suggestion": corrected query or "", "reading": [{"label", "url"}] (the
// provisions the query cites), "filters_read": [{"facet", "typed", "values":
// [{"value", "label"}]}] (filter values typed as names, search/filter_names.h),
// "atlas": [{"kind", "id", "label", "url"}] (the atlas's pages the query
// names, search/atlas_names.h: kind "commune", "partenaire", "pays" or
// "communes"), "relaxations": [{"facet", "value", "total"}]}. Every string goes through json_escape;
// snippets are HTML fragments (escaped text and <mark>).
std::string to_json(const SearchResult& result);

// /api/doc/ID: {"id", "type", "title", "url", "demo", "notice", "date",
// "lang", "communes", "partner", "partnerships", "themes", "summary",
// "source_url" ("" when the source is not kept), "units": [{"anchor", "kind",
// "label", "path", "url"}]}.
std::string to_json(const DocumentView& doc);

// /api/partnership/ID: {"id", "title", "url", "demo", "notice", "communes",
// "partner": {"name", "level", "country"}, "nature", "start", "end",
// "status", "themes", "divergences", "sources": [{"href", "text"}],
// "documents": [{"id", "type", "title", "url", "date", "demo"}] (oldest first)}.
std::string to_json(const PartnershipView& view);

// {"error": message, "status": status}
std::string error_json(const std::string& message, int status);

}  // namespace coopdec
