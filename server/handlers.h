// @brief One function per route. Each gets the parsed request, the part of
// the path after the route's prefix, and this thread's view of the index.
// Each returns its Outcome: the response, or the user error as a value.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

#include <xapian.h>

#include "search/search.h"
#include "server/http.h"
#include "server/router.h"
#include "store/principal.h"

namespace coopdec::handlers {

// An id or path that names nothing: 404 with this French message.
// `words`: what the page offers to search instead (the id's words), "" for none.
struct NotFound {
    NotFound(std::string message_, std::string words_ = {}) : message(std::move(message_)), words(std::move(words_)) {}

    std::string message;
    std::string words;
};

// What a handler answers: its response, or an expected user error as a
// value that the router turns into its 4xx page (JSON under /api/):
// - SearchError: 400, what the request asks is wrong (search/search.h);
// - NotFound: 404, an id or a path that names nothing.
// An exception that leaves a handler is unexpected: a 500, logged.
using Outcome = std::variant<http::Response, SearchError, NotFound>;

// Runs `make` (returning an http::Response or an Outcome) and gives back
// its answer, or the SearchError or NotFound it threw as a value: the edge
// where a handler meets code that reports user errors by throwing —
// search(), the reading by speaker of server/transcript_page.h, the
// dossier's readers (server/dossier_handlers.cc).
template <class Make>
Outcome errors_as_values(Make&& make) {
    try {
        return Outcome(make());
    } catch (const SearchError& e) {
        return e;
    } catch (const NotFound& e) {
        return e;
    }
}

// The words of an id or a path, to search for: "loi-2007-011" → "loi 2007 011".
std::string id_words(const std::string& id);

struct Context {
    const Index& index;          // every shard (search/index.h)
    const Xapian::Database& db;  // index.db(): the shards combined
    Router& router;
    const http::Request& request;
    const std::string& tail;  // the path after the route prefix
    // The person signed in (store/principal.h), nullptr for a reader
    // without an account. Every handler of a reserved page checks it
    // against the object it touches (store::may_work_for…).
    const store::Principal* user = nullptr;
    // The request as read (its uploaded files, server/router.h Incoming);
    // nullptr in tests that build a Context by hand.
    const Incoming* incoming = nullptr;
};

Outcome home(const Context& c);
Outcome search_html(const Context& c);
Outcome search_json(const Context& c);
Outcome document_html(const Context& c);  // /doc/ID and /doc/ID/source.xml
Outcome document_json(const Context& c);
Outcome partnership_html(const Context& c);
Outcome partnership_json(const Context& c);
Outcome opensearch(const Context& c);
Outcome healthz(const Context& c);
Outcome metrics(const Context& c);
Outcome static_file(const Context& c);
// /recherche?…&format=csv|json (server/export.h): every result of `request`
// up to the cap; an unknown format is a SearchError (400). collect_export()
// throws what search() refuses.
Outcome search_export(const Context& c, const SearchRequest& request);
Outcome overview(const Context& c);  // /apercu (server/overview_page.h)
Outcome etat(const Context& c);      // /etat?de=AAAA&a=AAAA (server/etat_page.h)
Outcome etat_csv(const Context& c);  // /etat.csv?de=AAAA&a=AAAA
Outcome etat_pdf(const Context& c);  // /etat.pdf?de=AAAA&a=AAAA: printable A4 (WeasyPrint)
Outcome etat_ods(const Context& c);  // /etat.ods?de=AAAA&a=AAAA: OpenDocument spreadsheet
Outcome map(const Context& c);       // /carte (server/map_page.h)
// The atlas (server/atlas_pages.h).
Outcome communes_html(const Context& c);  // /communes
Outcome commune_html(const Context& c);   // /commune/ID
Outcome partner_html(const Context& c);   // /partenaire/ID
Outcome country_html(const Context& c);   // /pays/CODE
Outcome region_html(const Context& c);    // /region/ID
// The workshop dossier (server/dossier_handlers.cc): kept in the
// dossier store (Router::dossiers()), the browser's named by the
// `dossier_cle` cookie; an old link's (?titre=…&e=…&a=…) read from the URL.
Outcome dossier_html(const Context& c);       // GET /dossier
Outcome dossier_add(const Context& c);        // POST /dossier/ajouter
Outcome dossier_save(const Context& c);       // POST /dossier/enregistrer
Outcome dossier_import(const Context& c);     // POST /dossier/importer
Outcome dossier_new(const Context& c);        // POST /dossier/nouveau
Outcome dossier_edit_link(const Context& c);  // GET /dossier/modifier/KEY
Outcome dossier_shared(const Context& c);     // GET /dossier/SHARE[/imprimer|/pdf|/markdown|/json]
Outcome dossier_print(const Context& c);      // GET /dossier/imprimer?e=… (an old link)
Outcome dossier_pdf(const Context& c);        // GET /dossier/pdf?e=…
Outcome dossier_markdown(const Context& c);   // GET /dossier/markdown?e=…
Outcome dossier_json(const Context& c);       // GET /dossier/json?e=…
Outcome dossier_odt(const Context& c);        // GET /dossier/odt?e=…
// Accounts (server/account_handlers.cc), on Router::accounts(): 503 when
// none. The /espace and /admin ones run behind the router's gate (a
// session, its CSRF token on POST); the /admin ones answer 403 to anyone
// but an administrator (store::may_administer). Every answer is no-store.
Outcome login_form(const Context& c);       // GET /connexion?retour=PATH
Outcome login(const Context& c);            // POST /connexion: identifiant, mot_de_passe, retour, csrf
Outcome activate_form(const Context& c);    // GET /activer/TOKEN
Outcome activate(const Context& c);         // POST /activer/TOKEN: mot_de_passe, confirmation, csrf
Outcome space(const Context& c);            // GET /espace: « Mon espace »
Outcome account_form(const Context& c);     // GET /espace/compte
Outcome change_password(const Context& c);  // POST /espace/compte: actuel, mot_de_passe, confirmation
Outcome logout(const Context& c);           // POST /espace/deconnexion
// The router's gate refusing a form (server/form_rescue.h): without a live
// session, 401 and the login form carrying the form's fields; with a stale
// CSRF token, 403 and the fields in a form with the current token.
Outcome session_lost(const Context& c);
Outcome stale_form(const Context& c);
Outcome admin_home(const Context& c);      // GET /admin: 303 to /admin/comptes
Outcome admin_accounts(const Context& c);  // GET /admin/comptes
Outcome admin_create(const Context& c);    // POST /admin/comptes: identifiant, nom, role, commune…
Outcome admin_role(const Context& c);      // POST /admin/comptes/role: identifiant, role, commune…
Outcome admin_state(const Context& c);     // POST /admin/comptes/etat: identifiant, etat=desactiver|activer
Outcome admin_link(const Context& c);      // POST /admin/comptes/lien: identifiant
Outcome admin_journal(const Context& c);   // GET /admin/journal?avant=ID
// Uploads (server/upload_handlers.cc; Router::uploads()).
Outcome upload_form(const Context& c);    // GET /espace/depot
Outcome upload_send(const Context& c);    // POST /espace/depot/envoi (multipart)
Outcome upload_fix(const Context& c);     // POST /espace/depot/corriger
Outcome upload_submit(const Context& c);  // POST /espace/depot/soumettre
Outcome upload_job(const Context& c);     // GET /espace/travaux/ID

}  // namespace coopdec::handlers
