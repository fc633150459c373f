// @brief Exports of a search's results, /recherche?…&format=csv|json: every
// matching document up to kExportCap, in the order of the results page, with
// the page's query and filters — as CSV for spreadsheets or as JSON.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "search/search.h"
#include "server/http.h"

namespace coopdec {

// At most this many documents per export; the export says when it was cut
// (Export::truncated, the X-Coopdec-Truncated header, the JSON's
// "truncated"). The README's web-interface section states it.
inline constexpr size_t kExportCap = 1000;

struct ExportRow {
    ResultDocument doc;               // without passages
    std::vector<std::string> themes;  // the document's themes (inherited ones included), as the theme facet has them
};

struct Export {
    std::string query;
    size_t total = 0;        // matching documents: the results page's count
    bool truncated = false;  // total > rows.size(): the cap was reached
    std::vector<ExportRow> rows;
};

// Runs `request` (its filters, query and sort; its page and per_page are
// ignored) from its first result, kMaxPerPage at a time, until `cap` rows or
// the last result. Every page is read from the same revision of `db` (the
// caller's reader is not reopened in between), so rows are neither doubled
// nor skipped. `synonyms` and `cache` may be null, as for search(). Throws
// what search() throws (SearchError for a request the index cannot answer).
Export collect_export(const Index& index, SearchRequest request, const Synonyms* synonyms, SearchCache* cache,
                      size_t cap = kExportCap);

// CSV in UTF-8 with a byte-order mark (so that spreadsheet software reads
// the accents right), fields separated by `separator` (';' by default, what
// a spreadsheet in a French locale expects; ',' on request), CRLF line ends,
// a header row, then one row per document: id, type, titre, date, communes,
// partenaire, partenariats (ids), themes, url (absolute: `public_url` then
// "/doc/ID"), demonstration ("oui"/"non"). Several values in one cell are
// joined by " ; ". Every cell goes through csv_escape with `separator`
// (formula injection included), so the file is RFC 4180 with that separator.
std::string export_csv(const Export& e, char separator = ';', const std::string& public_url = {});

// {"query", "total", "exported", "cap", "truncated", "results": [{"id",
// "type", "title", "url", "date", "communes", "partner", "partnerships":
// [{"id", "title", "url"}], "themes", "demo"}]}: the rows of /api/search's
// results without their passages, all of them up to the cap; every "url"
// absolute (`public_url` then its path). Every string goes through
// json_escape.
std::string export_json(const Export& e, size_t cap = kExportCap, const std::string& public_url = {});

// The line of the results page that offers the exports of the search given
// by `params` (« Exporter : CSV · JSON »), saying when `total` is past the
// cap; "" when there is nothing to export.
std::string export_links(size_t total, const http::Params& params);

}  // namespace coopdec
