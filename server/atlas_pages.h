// @brief The atlas's pages: /communes (every commune by région and
// préfecture), /commune/ID, /partenaire/ID and /pays/CODE, and their
// handlers. Plain HTML with the site's CSS, no JavaScript.
#pragma once

#include <string>
#include <vector>

#include "common/places.h"
#include "search/atlas.h"

namespace coopdec::pages {

// A commune's page: région and préfecture, its other names, its
// partnerships (a table: partner, country, nature, since, status), the
// amounts mobilised by year, the provisions its agreements cite, its
// documents on one chronology, and « Données manquantes »: per record, what
// it lacks (status, start, amount) with a link « Mettre à jour cette fiche ».
std::string commune_page(const atlas::CommuneView& view);

// A partner's page: name, level, country, its Togolese partners.
std::string partner_page(const atlas::PartnerView& view);

// A country's page: its partners and their Togolese partners.
std::string country_page(const atlas::CountryView& view);

// /communes: the gazetteer's communes under their région and préfecture,
// with their count of partnership records (`records`).
std::string communes_page(const std::vector<places::PlaceRow>& gazetteer, const std::vector<atlas::Record>& records);

}  // namespace coopdec::pages
