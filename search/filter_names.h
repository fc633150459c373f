// @brief Filter values as people type them: a value that is not a value of
// its facet is read through the names table (search/names.h) before the
// search runs, the same way for the CLI, the JSON API and the pages.
#pragma once

#include <vector>

#include "search/names.h"
#include "search/search.h"

namespace coopdec {

// How many close values an unknown filter value is answered with.
inline constexpr size_t kCloseValues = 5;

// Rewrites request.filters: a value that no document has becomes the values
// names.resolve() gives for it (in place, duplicates dropped). A value that
// names nothing either throws SearchError (« aucun document n'a la valeur
// « X » pour le filtre « commune » ; valeurs proches : … ») or, when
// request.drop_unknown_values, is removed. Returns what it did, one entry per
// value read or removed, in the order of the filters; an empty value (a box
// sent empty) is removed without a word when unknown values are dropped.
// Values of unknown facets and badly encoded ones are left for validate() to
// refuse. The names table of `index` is loaded only when a value needs it.
std::vector<FilterReading> resolve_filters(const Index& index, SearchRequest& request);

// The closest values of facet `facet` to `typed`, (value, label), best
// first: from the names table for the facets it knows, else from the
// index's values of the facet (folded, as the index keeps them).
std::vector<std::pair<std::string, std::string>> close_values(const Xapian::Database& db, const Names& names,
                                                              std::string_view facet, std::string_view typed, size_t n);

}  // namespace coopdec
