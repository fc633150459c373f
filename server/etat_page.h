// @brief /etat and /etat.csv: « État de la coopération décentralisée » of a
// year or a period (search/etat.h), as a page with its form and as CSV.
#pragma once

#include <string>

#include "search/etat.h"

namespace coopdec::pages {

// The form (de, a) alone, with `error` (French, may be empty) above it: the
// page of a bad period. `de`, `a` are echoed as typed.
std::string etat_form_page(const std::string& de, const std::string& a, const std::string& error);

// The whole report: the form, then every figure as an <a href> to the
// search that yields it (/recherche?…), the South rule, the amounts and the
// « données manquantes ». A period without record says so.
std::string etat_page(const Etat& etat);

// The tables as CSV: a UTF-8 BOM, `;` between cells, one section per
// table: "tableau;valeur;partenariats;recherche" rows, then the amounts
// "montants;année;source;fcfa;fiches;recherche".
std::string etat_csv(const Etat& etat, const std::string& public_url);

}  // namespace coopdec::pages
