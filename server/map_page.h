// @brief /carte: the partnerships on two maps drawn on the server (Togo's
// regions, the partners' countries), each shaded area a link to its search,
// with a table of the same figures beside each map, and the data's credits.
#pragma once

#include <string>

#include "search/overview.h"

namespace coopdec::pages {

// The whole page from the overview's "region", "prefecture" and "country"
// charts (every value of the search page's facets, each bar with the
// parameters of its search). Each map is a
// <section aria-labelledby="h-map-…"> holding its <svg> (server/maps.h),
// its table and its attribution line. With no partnership record, a page
// that says so and holds no map. Two links choose the records counted:
// « Toutes les fiches » (/carte) or « Fiches actives » (/carte?fiches=actives,
// `active`: the charts are then of the records with status=actif, each
// bar's search holding status=actif); under the région map, a link to each
// région's page (/region/ID).
std::string map_page(const Overview& overview, bool active = false);

// The région map of `overview`'s "region" chart as /carte draws it: its
// <svg> (element ids prefixed `id`, titled `title`), its table (« Région »,
// count, each row a link as its area) and the data's credits, for a page
// that shows it among other figures (/apercu).
std::string region_map(const Overview& overview, const std::string& id, const std::string& title);

}  // namespace coopdec::pages
