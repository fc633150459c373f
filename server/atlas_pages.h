// @brief The atlas's pages: /communes (every commune by région and
// préfecture), /region/ID, /commune/ID, /partenaire/ID and /pays/CODE, and
// their handlers. Plain HTML with the site's CSS, no JavaScript; the maps
// are inline SVG (server/maps.h) with their credits.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/places.h"
#include "search/atlas.h"
#include "server/maps.h"

namespace coopdec::pages {

// A commune's page: région (a link to its page) and préfecture, a small
// map of Togo's préfectures with its own in orange (class="here", titled
// « Préfecture … »; for a préfecture of 2019, the area it was cut from),
// its other names, its
// partnerships (a table: partner, country, nature, since, status), the
// amounts mobilised by year, the provisions its agreements cite, its
// documents on one chronology, and « Données manquantes »: per record, what
// it lacks (status, start, amount) with a link « Mettre à jour cette fiche ».
std::string commune_page(const atlas::CommuneView& view);

// A partner's page: name, level, country, its Togolese partners.
std::string partner_page(const atlas::PartnerView& view);

// A country's page: the world map with the country in orange, a link to
// the search of its `records` partnership records (/recherche?type=
// partenariat&country=CODE, whose total `records` must be) when it has any,
// its partners and their Togolese partners.
std::string country_page(const atlas::CountryView& view, size_t records);

// A région's page: its counts, a map of its préfectures alone (zoomed),
// each shaded by `per_prefecture` (by préfecture id: the count and the
// search whose total it is) beside their table, the credits; its
// préfectures and communes (links to their pages, with their number of
// records); the table of its partnership records (communes, partner,
// country, since, status, record).
std::string region_page(const atlas::RegionView& view, const std::map<std::string, maps::AreaValue>& per_prefecture);

// /communes: the gazetteer's communes under their région and préfecture,
// with their count of partnership records (`records`).
std::string communes_page(const std::vector<places::PlaceRow>& gazetteer, const std::vector<atlas::Record>& records);

}  // namespace coopdec::pages
