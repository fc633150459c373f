// @brief /apercu, the partnerships at a glance: bar charts drawn on the
// server as inline SVG (no JavaScript, no image to fetch), each bar a link to
// the search of its partnerships, and the same figures in HTML tables.
#pragma once

#include <string>

#include "search/overview.h"

namespace coopdec::pages {

// The whole page. Each chart is an <svg role="group"> whose <title> names it (its bars are links),
// followed by a table of the same figures (for screen readers, and to copy).
// A bar is an <a href> to its search when it has one (Overview's
// OverviewBar::search), a <g> otherwise: horizontal bars hold a <text>
// label, a <rect> and a <text> count (the <rect> holds a <title> "label :
// count" when the label is cut); the years' columns a <rect> with its
// <title> "year : count". The years' table is folded in a <details>, without
// links. The régions are a map (server/map_page.h region_map:
// each area an <a><path> titled "label : count", its table and credits). With no partnership record, a page that says
// so. Every dynamic string goes through html_escape, every URL parameter through url_encode: the SVG is well-formed
// XML.
std::string overview_page(const Overview& overview);

}  // namespace coopdec::pages
