// @brief The publication history of a document as readers see it
// (GET /historique/DOC_ID), and the validators' restore of an earlier
// version (POST /revue/restaurer).
#pragma once

#include <cstdint>
#include <string>

#include "server/handlers.h"
#include "store/history.h"

namespace coopdec {

// Every publication of `doc_id` (newest first): when, by whom (login),
// why, and for each file the line diff from its previous version (escaped,
// without JavaScript). `restore_csrf`: when not empty (a validator reads
// the page), each version gets a « Restaurer cette version » form that
// posts to /revue/restaurer with this token.
std::string history_page(const std::string& doc_id, const std::vector<store::Publication>& publications,
                         const std::string& restore_csrf);

// "7 décembre 2026 à 05:12", local time, from seconds since the epoch.
std::string french_date_time(int64_t seconds);

namespace handlers {
// GET /historique/DOC_ID: public, read-only. 404 when the document is
// neither in the index nor in the history; 503 when the server keeps no
// history (started without --corpus).
Outcome history_html(const Context& c);
// POST /revue/restaurer (publication, path): a validator publishes the
// content `path` had after that publication again, as a new publication
// « Version du … restaurée »; 303 to the document's history on success.
// 403 for anyone else, 404 for an unknown version, 422 when the check
// refuses it (the corpus changed since), 503 without --corpus.
Outcome restore_version(const Context& c);
}  // namespace handlers

}  // namespace coopdec
