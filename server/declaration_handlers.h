// @brief The routes of declarations and their review (server/router.cc):
// the partnership record form, the contributor's contributions, the
// validators' queue, accepting and rejecting.
//
// Every object is checked against the person signed in
// (store/principal.h), whatever id or form field a request carries:
// - a submission the person may not work for (may_work_for_any on its
//   communes) is answered 404, as if it did not exist;
// - what the person may see but not do is a 403: modifying a published
//   record of another commune, declaring as an administrator, changing a
//   submitted or accepted contribution, any /revue page without the
//   validateur role, a record whose communes the person does not answer for;
// - the id of an existing draft is read from the store, never its doc id,
//   path or base from the form.
// Router::submissions() null: 503; Router::publisher() null: submitting and
// accepting answer 503 (saving a draft does not need it).
#pragma once

#include "server/handlers.h"

namespace coopdec::handlers {

Outcome declaration_new(const Context& c);    // GET /espace/fiche/nouvelle
Outcome declaration_edit(const Context& c);   // GET /espace/fiche/modifier/DOC_ID: a published record's draft
Outcome declaration_draft(const Context& c);  // GET /espace/fiche/ID: a draft, or a rejected one to amend
Outcome declaration_save(const Context& c);   // POST /espace/fiche/enregistrer: action=brouillon|ajouter|soumettre
Outcome contributions(const Context& c);      // GET /espace/contributions
Outcome review_queue(const Context& c);       // GET /revue
Outcome review_item(const Context& c);        // GET /revue/ID
Outcome review_accept(const Context& c);      // POST /revue/accepter: id
Outcome review_reject(const Context& c);      // POST /revue/refuser: id, commentaire

// The « Mes contributions » section for the /espace home page, for the
// person signed in (pages::contributions_section, plus the link to the
// queue for a validator): "" for nobody, an administrator, or without a
// store. The home page adds it with one line.
std::string contributions_section_html(const Context& c);

}  // namespace coopdec::handlers
