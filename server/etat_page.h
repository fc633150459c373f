// @brief /etat and /etat.csv: « État de la coopération décentralisée » of a
// year or a period (search/etat.h), as a page with its form and as CSV.
#pragma once

#include <string>

#include "search/etat.h"

namespace coopdec::pages {

// The form (de, a) alone, with `error` (French, may be empty) above it: the
// page of a bad period. `de`, `a` are echoed as typed.
std::string etat_form_page(const std::string& de, const std::string& a, const std::string& error);

// The whole page: the form, the links to the PDF, .ods and CSV of the same
// period, then etat_report: every figure as an <a href> to the
// search that yields it (/recherche?…), the South rule, the amounts and the
// « données manquantes ». A period without record says so.
std::string etat_page(const Etat& etat);

// The report without page, title or form (HTML fragment): the scope note,
// every figure as an <a href> to the search that yields it (/recherche?…,
// relative), the tables, the two maps (server/etat_maps.h), the amounts and
// the « données manquantes ». What etat_page shows and the PDF prints.
std::string etat_report(const Etat& etat);

// "l'année 2024" or "la période 2018–2024".
std::string etat_period_words(const Etat& etat);

// A row's label in the report: « Actifs », « France », « Pays du Sud »…
std::string etat_row_label(const std::string& table, const std::string& value);

// The tables as CSV: a UTF-8 BOM, `;` between cells, one section per
// table: "tableau;valeur;partenariats;recherche" rows, then the amounts
// "montants;année;source;fcfa;fiches;recherche".
std::string etat_csv(const Etat& etat, const std::string& public_url);

}  // namespace coopdec::pages
