// @brief /etat and /etat.csv: « État de la coopération décentralisée » of a
// year or a period (search/etat.h), as a page with its form and as CSV.
#pragma once

#include <string>

#include "search/etat.h"
#include "search/etat_compare.h"

namespace coopdec::pages {

// The form (de, a, and the comparison period de2, a2) alone, with `error`
// (French, may be empty) above it: the page of a bad period. Every field is
// echoed as typed.
std::string etat_form_page(const std::string& de, const std::string& a, const std::string& error,
                           const std::string& de2 = "", const std::string& a2 = "");

// The whole report: the form, then every figure as an <a href> to the
// search that yields it (/recherche?…), the movement since the previous
// period when `movement` is given (server/etat_compare_page.h), the South
// rule, the amounts and the « données manquantes ». A period without record
// says so.
std::string etat_page(const Etat& etat, const EtatMovement* movement = nullptr);

// The pieces of the report that the comparison page (server/etat_compare_page.h)
// shows alike: the form filled with both periods; a row's label (« Actifs »,
// « France », « Pays du Sud »…); a table's heading and first column; a
// figure as the link to its search (its number alone when it has none); an
// amount in FCFA with narrow spaces between thousands.
std::string etat_compare_form(const Etat& first, const Etat& second);
std::string etat_row_label(const std::string& table, const std::string& value);
std::string etat_table_heading(const std::string& table);
std::string etat_table_column(const std::string& table);
std::string etat_count_link(const EtatFigure& figure);
std::string etat_amount(unsigned long long fcfa);

// The tables as CSV: a UTF-8 BOM, `;` between cells, one section per
// table: "tableau;valeur;partenariats;recherche" rows, then the amounts
// "montants;année;source;fcfa;fiches;recherche".
std::string etat_csv(const Etat& etat, const std::string& public_url);

}  // namespace coopdec::pages
