// @brief The two maps of « État de la coopération décentralisée »: Togo's
// régions and the partner countries, shaded by the period's partnership
// records, each with its table and its data's attribution.
#pragma once

#include <string>

#include "search/etat.h"

namespace coopdec::pages {

// Two <section class="etat-map">: the régions map (the "region" table's
// rows) then the world map (the "country" table's rows), each the SVG of
// maps::draw, the table of the same figures (each area linked to its
// search, /recherche?…), a note naming the counted areas the map cannot
// draw, and maps::attribution. "" when the period has no partnership record.
std::string etat_maps(const Etat& etat);

}  // namespace coopdec::pages
