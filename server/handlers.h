// @brief One function per route. Each gets the parsed request, the part of
// the path after the route's prefix, and this thread's view of the index.
// They throw SearchError for user errors and NotFound for unknown ids; the
// router turns both into 4xx answers.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include <xapian.h>

#include "search/search.h"
#include "server/http.h"
#include "server/router.h"

namespace coopdec::handlers {

// An id or path that names nothing: 404 with this French message.
// `words`: what the page offers to search instead (the id's words), "" for none.
struct NotFound {
    NotFound(std::string message_, std::string words_ = {}) : message(std::move(message_)), words(std::move(words_)) {}

    std::string message;
    std::string words;
};

// The words of an id or a path, to search for: "loi-2007-011" → "loi 2007 011".
std::string id_words(const std::string& id);

struct Context {
    const Index& index;       // every shard (search/index.h)
    const Xapian::Database& db;  // index.db(): the shards combined
    Router& router;
    const http::Request& request;
    const std::string& tail;  // the path after the route prefix
};

http::Response home(const Context& c);
http::Response search_html(const Context& c);
http::Response search_json(const Context& c);
http::Response document_html(const Context& c);   // /doc/ID and /doc/ID/source.xml
http::Response document_json(const Context& c);
http::Response partnership_html(const Context& c);
http::Response partnership_json(const Context& c);
http::Response opensearch(const Context& c);
http::Response healthz(const Context& c);
http::Response metrics(const Context& c);
http::Response static_file(const Context& c);
// /recherche?…&format=csv|json (server/export.h): every result of `request`
// up to the cap; an unknown format is a SearchError (400).
http::Response search_export(const Context& c, const SearchRequest& request);
http::Response overview(const Context& c);  // /apercu (server/overview_page.h)
// The workshop dossier (server/dossier_handlers.cc): kept in the
// dossier store (Router::dossiers()), the browser's named by the
// `dossier_cle` cookie; an old link's (?titre=…&e=…&a=…) read from the URL.
http::Response dossier_html(const Context& c);        // GET /dossier
http::Response dossier_add(const Context& c);         // POST /dossier/ajouter
http::Response dossier_save(const Context& c);        // POST /dossier/enregistrer
http::Response dossier_import(const Context& c);      // POST /dossier/importer
http::Response dossier_new(const Context& c);         // POST /dossier/nouveau
http::Response dossier_edit_link(const Context& c);   // GET /dossier/modifier/KEY
http::Response dossier_shared(const Context& c);      // GET /dossier/SHARE[/imprimer|/pdf|/markdown|/json]
http::Response dossier_print(const Context& c);       // GET /dossier/imprimer?e=… (an old link)
http::Response dossier_pdf(const Context& c);         // GET /dossier/pdf?e=…
http::Response dossier_markdown(const Context& c);    // GET /dossier/markdown?e=…
http::Response dossier_json(const Context& c);        // GET /dossier/json?e=…
http::Response dossier_odt(const Context& c);         // GET /dossier/odt?e=…

}  // namespace coopdec::handlers
