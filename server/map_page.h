// @brief /carte: the partnerships on two maps drawn on the server (Togo's
// regions, the partners' countries), each shaded area a link to its search,
// with a table of the same figures beside each map, and the data's credits.
#pragma once

#include <string>

#include "search/overview.h"

namespace coopdec::pages {

// The whole page from the overview's "region", "prefecture" and "country"
// charts (every value as a bar: partnership_overview with no « autres »,
// and the search page's prefecture facet as a chart named "prefecture"). Each map is a
// <section aria-labelledby="h-map-…"> holding its <svg> (server/maps.h),
// its table and its attribution line. With no partnership record, a page
// that says so and holds no map.
std::string map_page(const Overview& overview);

}  // namespace coopdec::pages
