// @brief « État de la coopération décentralisée » as an OpenDocument
// spreadsheet (.ods), for the ministry's own tables in LibreOffice Calc or
// Excel. Pure: the report in, the file's bytes out.
#pragma once

#include <string>

#include "search/etat.h"

namespace coopdec::pages {

inline constexpr const char* kOdsMediaType = "application/vnd.oasis.opendocument.spreadsheet";

// The .ods file (server/odf_package.h: `mimetype` first, stored, then the
// manifest and content.xml). Sheets, in order:
//  - « Résumé »: indicator, value, search — Période (text "2018–2024"),
//    Première année, Dernière année, Communes engagées, Partenariats signés
//    dans la période, Conventions datées de la période, Partenariats avec un
//    pays du Sud, Partenariats dont le pays est connu, Part Sud–Sud (%)
//    (one decimal; empty without a known country), Montants mobilisés
//    (FCFA), Fiches donnant un montant, Partenariats de l'index (toutes
//    années), then one row per status of the index;
//  - one sheet per table of etat.tables (Statut, Régions, Communes, Pays,
//    Continents, Sud–Sud, Thèmes): valeur, libellé, partenariats, recherche;
//  - « Montants »: année, source, montant (FCFA), fiches, recherche.
// The figures are those of the CSV (etat_csv). Every number is a numeric
// cell (office:value-type="float"); every text goes through xml_escape; a
// search is an absolute URL (`public_url` + /recherche?…), a link.
// Never throws (std::bad_alloc aside).
std::string etat_ods(const Etat& etat, const std::string& public_url);

}  // namespace coopdec::pages
