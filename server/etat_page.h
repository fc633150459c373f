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

// The whole page: the form, the links to the PDF, .ods and CSV of the same
// period, then etat_report, with the movement since the previous period
// when `movement` is given (server/etat_compare_page.h) before the tables.
std::string etat_page(const Etat& etat, const EtatMovement* movement = nullptr);

// The pieces of the report that the comparison page (server/etat_compare_page.h)
// shows alike: the form filled with both periods; a table's heading and
// first column; a figure as the link to its search (its number alone when
// it has none); an amount in FCFA with narrow spaces between thousands.
std::string etat_compare_form(const Etat& first, const Etat& second);
std::string etat_table_heading(const std::string& table);
std::string etat_table_column(const std::string& table);
std::string etat_count_link(const EtatFigure& figure);
std::string etat_amount(unsigned long long fcfa);

// The report without page, title or form (HTML fragment): the scope note,
// every figure as an <a href> to the search that yields it (/recherche?…,
// relative), the movement since the previous period when `movement` is
// given, the tables, the two maps (server/etat_maps.h), the amounts and
// the « données manquantes ». What etat_page shows and the PDF prints.
std::string etat_report(const Etat& etat, const EtatMovement* movement = nullptr);

// "l'année 2024" or "la période 2018–2024".
std::string etat_period_words(const Etat& etat);

// A row's label in the report: « Actifs », « France », « Pays du Sud »…
std::string etat_row_label(const std::string& table, const std::string& value);

// The tables as CSV: a UTF-8 BOM, `;` between cells, one section per
// table: "tableau;valeur;partenariats;recherche" rows, then the amounts
// "montants;année;source;fcfa;fiches;recherche".
std::string etat_csv(const Etat& etat, const std::string& public_url);

}  // namespace coopdec::pages
