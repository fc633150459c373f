// @brief « État de la coopération décentralisée » as a printable A4 HTML
// document, the source WeasyPrint turns into /etat.pdf. Pure.
#pragma once

#include <string>

#include "search/etat.h"
#include "search/etat_compare.h"

namespace coopdec::pages {

// A self-contained HTML document (print CSS inline, A4, page numbers in the
// footer, no fetched resource): the title with the period, « établi le »
// `date` (YYYY-MM-DD, in French; "" = none), then etat_report — figures,
// the movement since the previous period (when `movement` is given),
// tables, the two maps with their attribution, amounts, missing data.
// Every site link (href="/…") is made absolute with `public_url`, so the
// PDF's links lead to the site's searches.
std::string etat_print_html(const Etat& etat, const std::string& public_url, const std::string& date,
                            const EtatMovement* movement = nullptr);

}  // namespace coopdec::pages
