// @brief How a dossier's passage is named wherever it is shown (handout,
// PDF, OpenDocument, Markdown, JSON, the dossier page): its document's
// title, place and date, then the passage. Pure functions; thread-safe.
#pragma once

#include <string>

#include "search/dossier.h"

namespace coopdec::pages {

// The passage's title, plain text (the caller escapes it):
// - an utterance: « Entretien à Kpalimé, 27 septembre 2022 — J. M., agent
//   technique » (the town is what follows the last comma of the interview's
//   place, « Mairie de Kloto 1, Kpalimé »; a place without a comma is given
//   whole: « Entretien, Marché à bétail de Cinkassé 1, 2 décembre 2022 — … »);
// - a unit of a legal text: its citation form, « Loi n° 2019-006 du 26 juin
//   2019, art. 46 »;
// - any other unit: « TITLE (PLACE, DATE) — Article 3 – Engagements… »
//   (its label; its number, then « : » and its label, when the label does
//   not start with it), the parenthesis holding what is known of place and
//   date (none: no parenthesis);
// - a whole document: « TITLE (PLACE, DATE) »;
// - a passage the index no longer holds: « Passage introuvable « DOC#ANCHOR » : why ».
// Dates in French (« 1er mai 2022 »); an unreadable date is shown as stored.
std::string passage_title(const DossierPassage& p);

// The place and French date of the passage's document, « Kpalimé, 27
// septembre 2022 »: the town of a place with commas, else the place whole;
// "" when neither is known.
std::string place_and_date(const DossierPassage& p);

}  // namespace coopdec::pages
