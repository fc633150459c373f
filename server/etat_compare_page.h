// @brief The yearly state compared (search/etat_compare.h): the section
// « Depuis la période précédente » of /etat, and /etat?de=…&a=…&de2=…&a2=…,
// two periods side by side, as a page and as CSV.
#pragma once

#include <string>
#include <utility>

#include "search/etat_compare.h"
#include "server/handlers.h"

namespace coopdec::pages {

// The form's optional « Comparer avec la période » pair (de2, a2), echoed
// as typed.
std::string etat_second_period_fields(const std::string& de2, const std::string& a2);

// The section of the report: records signed and ended in the previous
// period and in this one, each a link to its search, with the difference;
// the ended records, each a link to its page; the « arrêtés » without end year.
std::string etat_movement_section(const EtatMovement& movement);

// The same as a CSV section to append to pages::etat_csv: a blank line, then
// "mouvement;periode;partenariats;recherche" rows (signes, termines per
// period, arretes_sans_fin), then one "fiche_terminee;id;annee_fin;page" row per
// ended record.
std::string etat_movement_csv(const EtatMovement& movement, const std::string& public_url);

// The comparison page: the form with both periods, then the headline
// figures, every table, the South share and the amounts (by source, by n-th
// year of each period) with both periods in adjacent columns, each figure
// an <a href> to its own search, and the difference (second − first); the
// records ended in each period.
std::string etat_compare_page(const EtatComparison& comparison);

// The comparison as CSV (UTF-8 BOM, `;`): "tableau;valeur;partenariats_1;
// recherche_1;partenariats_2;recherche_2;ecart" rows (the headline first,
// as tableau « chiffres »), then the amounts: "montants;source;annee_1;fcfa_1;fiches_1;
// recherche_1;annee_2;fcfa_2;fiches_2;recherche_2;ecart_fcfa" (source
// « toutes » for the rows by year, annee « toutes » for the rows by source).
std::string etat_compare_csv(const EtatComparison& comparison, const std::string& public_url);

}  // namespace coopdec::pages

namespace coopdec::handlers {

// /etat and /etat.csv with a second period: the comparison of `first` and
// `second` (already validated) as the page or the CSV.
Outcome etat_comparison(const Context& c, std::pair<int, int> first, std::pair<int, int> second, bool csv);

}  // namespace coopdec::handlers
