// @brief The route table and error handling.
#include "server/router.h"

#include <cxxabi.h>
#include <cstdlib>
#include <memory>
#include <typeinfo>
#include <variant>

#include <xapian.h>

#include "common/escape.h"
#include "search/result_json.h"
#include "search/search.h"
#include "server/account_pages.h"
#include "server/declaration_handlers.h"
#include "server/dossier_cookie.h"
#include "server/form_rescue.h"
#include "server/handlers.h"
#include "server/history_page.h"
#include "server/pages.h"

namespace coopdec {
namespace {

using Handler = handlers::Outcome (*)(const handlers::Context&);

// ONE ROW PER ROUTE. `prefix` routes take the rest of the path as their
// argument (a document id...); others match the path exactly. `index`:
// the handler reads the index. The README's list of pages and API follows
// this table.
struct Route {
    const char* name;  // metrics label
    const char* path;
    bool prefix;
    bool json;  // errors answered in JSON
    bool index;
    Handler handler;
    bool post = false;   // takes POST (a state change) instead of GET and HEAD
    bool files = false;  // takes a multipart/form-data body with files (POST)
};

const Route kRoutes[] = {
    {"home", "/", false, false, true, handlers::home},                        // search box and browsing
    {"search", "/recherche", false, false, true, handlers::search_html},      // search page
    {"api_search", "/api/search", false, true, true, handlers::search_json},  // the coopdec-search --json object
    {"doc", "/doc/", true, false, true, handlers::document_html},             // document page, /source.xml
    {"api_doc", "/api/doc/", true, true, true, handlers::document_json},      // document metadata and units
    {"partnership", "/partenariat/", true, false, true, handlers::partnership_html},  // partnership record and timeline
    {"api_partnership", "/api/partnership/", true, true, true, handlers::partnership_json},
    {"opensearch", "/opensearch.xml", false, false, false, handlers::opensearch},  // browsers' search engine
    {"overview", "/apercu", false, false, true, handlers::overview},               // partnerships at a glance
    {"etat", "/etat", false, false, true, handlers::etat},                         // state of the cooperation (art. 46)
    {"etat_csv", "/etat.csv", false, false, true, handlers::etat_csv},             // its tables, CSV
    {"etat_pdf", "/etat.pdf", false, false, true, handlers::etat_pdf},             // printable A4, with its maps
    {"etat_ods", "/etat.ods", false, false, true, handlers::etat_ods},             // its tables, spreadsheet (ODF)
    {"map", "/carte", false, false, true, handlers::map},                          // partnerships on three maps
    {"communes", "/communes", false, false, true, handlers::communes_html},        // every commune, by région
    {"commune", "/commune/", true, false, true, handlers::commune_html},           // a commune's page
    {"region", "/region/", true, false, true, handlers::region_html},              // a région's page
    {"partner", "/partenaire/", true, false, true, handlers::partner_html},        // a foreign partner's page
    {"country", "/pays/", true, false, true, handlers::country_html},              // a partner country's page
    {"healthz", "/healthz", false, false, true, handlers::healthz},                // liveness: the index answers
    {"metrics", "/metrics", false, false, true, handlers::metrics},                // Prometheus
    // The workshop dossier (server/dossier_handlers.cc). Exact /dossier/…
    // paths come before the /dossier/SHARE prefix.
    {"dossier", "/dossier", false, false, true,
     handlers::dossier_html},  // the browser's dossier (cookie); ?e=… an old link, read-only
    {"dossier_add", "/dossier/ajouter", false, false, true, handlers::dossier_add,
     true},  // e, retour: 303 back to retour
    {"dossier_save", "/dossier/enregistrer", false, false, true, handlers::dossier_save,
     true},  // the dossier's form: save, move, print…
    {"dossier_import", "/dossier/importer", false, false, true, handlers::dossier_import,
     true},  // an old link's dossier, stored
    {"dossier_new", "/dossier/nouveau", false, false, false, handlers::dossier_new,
     true},  // forget the browser's dossier (cookie)
    {"dossier_edit", "/dossier/modifier/", true, false, false,
     handlers::dossier_edit_link},  // KEY: this browser edits that dossier
    {"dossier_print", "/dossier/imprimer", false, false, true,
     handlers::dossier_print},                                                   // ?e=…: an old link's A4 handout
    {"dossier_pdf", "/dossier/pdf", false, false, true, handlers::dossier_pdf},  // ?e=…: its PDF (WeasyPrint)
    {"dossier_markdown", "/dossier/markdown", false, false, true, handlers::dossier_markdown},
    {"dossier_json", "/dossier/json", false, true, true, handlers::dossier_json},
    {"dossier_odt", "/dossier/odt", false, false, true,
     handlers::dossier_odt},  // OpenDocument text, for Writer or Word
    {"dossier_shared", "/dossier/", true, false, true,
     handlers::dossier_shared},  // SHARE[/imprimer|/pdf|/markdown|/json]: read-only
    // Accounts (server/account_handlers.cc). /espace and /admin are
    // reserved (server/authenticator.h): the router's gate wants a session,
    // and the session's CSRF token on every POST; /connexion and /activer
    // check their own form cookie. Each path's GET row comes before its POST row.
    {"login", "/connexion", false, false, false, handlers::login_form},        // the login form, ?retour=PATH
    {"login_post", "/connexion", false, false, false, handlers::login, true},  // → session, 303 to retour
    {"activate", "/activer/", true, false, false, handlers::activate_form},    // TOKEN: choose a password
    {"activate_post", "/activer/", true, false, false, handlers::activate, true},
    {"space", "/espace", false, false, false, handlers::space},                  // « Mon espace »
    {"account", "/espace/compte", false, false, false, handlers::account_form},  // change one's password
    {"account_post", "/espace/compte", false, false, false, handlers::change_password, true},
    {"logout", "/espace/deconnexion", false, false, false, handlers::logout, true},
    {"admin", "/admin", false, false, false, handlers::admin_home},                           // → /admin/comptes
    {"admin_accounts", "/admin/comptes", false, false, true, handlers::admin_accounts},       // list, forms (gazetteer)
    {"admin_create", "/admin/comptes", false, false, true, handlers::admin_create, true},     // new account + link
    {"admin_role", "/admin/comptes/role", false, false, true, handlers::admin_role, true},    // role and communes
    {"admin_state", "/admin/comptes/etat", false, false, true, handlers::admin_state, true},  // disable, enable
    {"admin_link", "/admin/comptes/lien", false, false, true, handlers::admin_link, true},    // new set-up link
    {"admin_journal", "/admin/journal", false, false, false, handlers::admin_journal},        // ?avant=ID
    // Declarations and their review (server/declaration_handlers.h), under
    // the reserved /espace and /revue: exact paths before their prefixes.
    {"record_new", "/espace/fiche/nouvelle", false, false, true, handlers::declaration_new},  // an empty record form
    {"record_save", "/espace/fiche/enregistrer", false, false, true, handlers::declaration_save,
     true},  // the form: action=brouillon|ajouter|soumettre
    {"record_edit", "/espace/fiche/modifier/", true, false, true,
     handlers::declaration_edit},  // DOC_ID: a draft of a published record
    {"record_draft", "/espace/fiche/", true, false, true, handlers::declaration_draft},  // ID: a draft, a rejected one
    {"contributions", "/espace/contributions", false, false, false,
     handlers::contributions},                                                // my communes' drafts and submissions
    {"review_queue", "/revue", false, false, false, handlers::review_queue},  // validators: submitted, oldest first
    {"review_accept", "/revue/accepter", false, false, true, handlers::review_accept, true},  // id: publish it
    {"review_reject", "/revue/refuser", false, false, true, handlers::review_reject,
     true},  // id, commentaire (required)
    // Publications (server/history_page.h): a document's history, public;
    // a validator's restore of an earlier version (before the /revue/ID prefix).
    {"history", "/historique/", true, false, true, handlers::history_html},  // DOC_ID: versions and their diffs
    {"restore", "/revue/restaurer", false, false, false, handlers::restore_version,
     true},  // publication, path: published again as a new version
    {"review_item", "/revue/", true, false, true, handlers::review_item},  // ID: changes or rendering, decision
    // Uploads (server/upload_handlers.cc): reserved to people signed in; the
    // index gives the communes and partnership records their forms offer.
    {"upload_form", "/espace/depot", false, false, true, handlers::upload_form},  // the form, one's jobs
    {"upload_send", "/espace/depot/envoi", false, false, true, handlers::upload_send, true,
     true},  // multipart: the file and its metadata → 303 to its job
    {"upload_fix", "/espace/depot/corriger", false, false, true, handlers::upload_fix,
     true},  // travail=ID and new metadata: the cheap stages again
    {"upload_submit", "/espace/depot/soumettre", false, false, false, handlers::upload_submit,
     true},  // travail=ID: a submission of kind document, submitted
    {"upload_job", "/espace/travaux/", true, false, true,
     handlers::upload_job},  // ID: progress and result; ID/original: the file as sent
    {"static", "/static/", true, false, false, handlers::static_file},  // CSS, from memory
};

}  // namespace

bool reserved_path(std::string_view path) {
    for (std::string_view p : {"/espace", "/revue", "/admin"})
        if (path.substr(0, p.size()) == p && (path.size() == p.size() || path[p.size()] == '/')) return true;
    return false;
}

bool same_secret(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

std::vector<std::string> route_paths() {
    std::vector<std::string> out;
    for (const Route& r : kRoutes) out.emplace_back(r.path);
    return out;
}

std::vector<RouteRow> route_rows() {
    std::vector<RouteRow> out;
    for (const Route& r : kRoutes) out.push_back({r.path, r.prefix, r.post, r.files});
    return out;
}

namespace {

// The row of `path`: the first that matches. Two rows may share a path,
// one for GET and HEAD and one for POST (a form and where it is sent): of
// the rows with the first one's path, the one that takes `method`; with
// none, the first (which answers 405).
const Route* match(const std::string& path, const std::string& method, std::string& tail) {
    const Route* first = nullptr;
    for (const Route& r : kRoutes) {
        std::string_view p(r.path);
        if (r.prefix) {
            if (path.size() > p.size() && path.compare(0, p.size(), p) == 0) {
                tail = path.substr(p.size());
                first = &r;
                break;
            }
        } else if (path == p) {
            tail.clear();
            first = &r;
            break;
        }
    }
    if (!first || first->post == (method == "POST")) return first;
    for (const Route& r : kRoutes)
        if (r.prefix == first->prefix && std::string_view(r.path) == first->path && r.post == (method == "POST"))
            return &r;
    return first;
}

const Index& no_index() {
    static const Index none{Xapian::Database()};
    return none;
}

// This thread's reader, reopened before each request so that it sees the
// indexer's last commit — and only whole commits.
// An index that cannot be opened is the operator's problem, not the user's:
// a 503, with the detail for the log only.
struct IndexUnavailable {
    std::string detail;
    bool shard = false;  // a remote shard, not the whole index
    bool empty = false;  // no run committed yet: said as it is (IndexEmpty)
};

thread_local std::unique_ptr<Index> this_thread_index;
thread_local std::string this_thread_path;

const Index& reader(const ServerConfig& config) {
    std::unique_ptr<Index>& index = this_thread_index;
    if (index && this_thread_path == config.db_path) {
        try {
            index->reopen();
            return *index;
        } catch (const Xapian::Error&) {
            // Opened anew, below, when reopening is not enough:
            // - a remote shard that went away: its connection is dead for
            //   good; a new one works once the shard is back;
            // - a replica that xapian-replicate copied whole: it switched the
            //   replica's stub to a new folder, and reopen() keeps looking
            //   for the old one (DatabaseNotFoundError).
            index.reset();
        }
    }
    try {
        index = std::make_unique<Index>(Index::open(config.db_path, config.shard_timeout_ms));
    } catch (const ShardUnreachable& e) {
        throw IndexUnavailable{e.message, true};
    } catch (const IndexEmpty& e) {
        throw IndexUnavailable{e.message, false, true};
    } catch (const SearchError& e) {
        throw IndexUnavailable{e.message};
    }
    this_thread_path = config.db_path;
    return *index;
}

// After a remote shard failed during a request: the next request connects anew.
void forget_reader() { this_thread_index.reset(); }

}  // namespace

std::optional<bool> reserved_post_route(std::string_view path) {
    if (!reserved_path(path)) return std::nullopt;
    std::string tail;
    const Route* route = match(std::string(path), "POST", tail);
    if (!route || !route->post) return std::nullopt;
    return route->files;
}

namespace {

// A remote shard that stopped, or did not answer within
// coopdec.shard_timeout_ms: partial results would be wrong results, so
// none. The log names the shard; the page does not.
http::Response shard_unavailable(bool json) {
    http::Response r =
        error_response(503, "une partie de l'index ne répond pas : réessayez dans quelques instants", json);
    r.headers.emplace_back("Retry-After", "5");
    return r;
}

}  // namespace

http::Response error_response(int status, const std::string& message, bool json, const pages::ErrorHelp& help) {
    http::Response r;
    r.status = status;
    if (json) {
        r.content_type = "application/json; charset=utf-8";
        r.body = error_json(message, status);
    } else {
        r.body = pages::error_page(status, message, help);
    }
    return r;
}

std::string public_base(const ServerConfig& config, const std::string& host) {
    if (!config.public_url.empty()) return config.public_url;
    // A Host header is whatever the client sent: only a plain host[:port]
    // may start a link that another reader of the export will follow.
    if (http::sane_host(host)) return "http://" + host;
    return config.local_url;
}

namespace {

// The request's search, kept in the error page's box. A query the search
// refused as too long stays out of it: the box would send it again.
pages::ErrorHelp help_for(const http::Request& req) {
    pages::ErrorHelp help;
    if (auto q = req.get("q"); q && q->size() <= kMaxQueryBytes) help.query = *q;
    return help;
}

// The same address without `name`: what the user asked, minus what could
// not be read.
std::string without_parameter(const http::Request& req, const std::string& name) {
    http::Params kept;
    for (const auto& kv : req.params)
        if (kv.first != name) kept.push_back(kv);
    std::string query = http::encode_params(kept);
    return query.empty() ? req.path : req.path + "?" + query;
}

http::Response search_error(const SearchError& e, const http::Request& req, bool json) {
    if (json) return error_response(400, e.message, true);
    pages::ErrorHelp help = help_for(req);
    if (!e.parameter.empty() && req.get(e.parameter))
        help.links.emplace_back(without_parameter(req, e.parameter), "Relancer la recherche sans ce paramètre");
    return error_response(400, e.for_user(), false, help);
}

http::Response not_found(const std::string& message, const std::string& words, const http::Request& req, bool json) {
    if (json) return error_response(404, message, true);
    pages::ErrorHelp help = help_for(req);
    if (!words.empty())
        help.links.emplace_back("/recherche?q=" + url_encode(words), "Chercher « " + words + " » dans les documents");
    return error_response(404, message, false, help);
}

}  // namespace

Router::Router(ServerConfig config, SynonymsFile& synonyms, Metrics& metrics, DossierStore* dossiers)
    : config_(std::move(config)),
      synonyms_(synonyms),
      metrics_(metrics),
      pages_(config_.stylesheet_dir),
      dossiers_(dossiers) {}

http::Response Router::handle(const std::string& method, const std::string& target, std::string& route_name,
                              const std::string& cookie, const std::string& host) {
    Incoming in;
    in.method = method;
    in.target = target;
    in.cookie = cookie;
    in.host = host;
    return handle(in, route_name);
}

namespace {

// "https://host:port" of an absolute URL: up to the first '/' after "//".
std::string origin_of(const std::string& url) {
    size_t scheme = url.find("://");
    if (scheme == std::string::npos) return {};
    size_t slash = url.find('/', scheme + 3);
    return url.substr(0, slash);
}

}  // namespace

bool same_origin(const std::string& origin, const std::string& referer, const std::string& host,
                 const std::string& public_url) {
    std::string from = origin.empty() || origin == "null" ? origin_of(referer) : origin;
    if (from.empty()) return false;
    if (!public_url.empty() && from == origin_of(public_url)) return true;
    return http::sane_host(host) && (from == "http://" + host || from == "https://" + host);
}

bool Router::may_send_files(const Incoming& in) {
    std::string path, tail;
    http::Params params;
    if (http::parse_target(in.target, path, params)) return false;
    const Route* route = match(path, in.method, tail);
    return route && route->files && uploads_ && auth_ &&
           same_origin(in.origin, in.referer, in.host, config_.public_url) && auth_->who(in);
}

http::Response Router::handle(const Incoming& in, std::string& route_name) {
    std::optional<store::Principal> user = auth_ ? auth_->who(in) : std::nullopt;
    http::Response r = route(in, user, route_name);
    if (r.content_type.rfind("text/html", 0) == 0) {
        decorate_with_dossier(r, dossiers_, in.cookie);
        decorate_with_account(r, user ? &*user : nullptr);
    }
    // What a reserved page shows is one person's: never kept by a browser
    // or a proxy (ASVS 8.2.1), its redirects and refusals included.
    std::string path;
    http::Params ignored;
    bool has_cache_control = false;
    for (const auto& h : r.headers) has_cache_control = has_cache_control || h.first == "Cache-Control";
    if (!has_cache_control && !http::parse_target(in.target, path, ignored) && reserved_path(path))
        r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

http::Response Router::route(const Incoming& in, const std::optional<store::Principal>& user, std::string& route_name) {
    const std::string& method = in.method;
    const std::string& target = in.target;
    route_name = "none";
    http::Request req;
    req.method = method;
    req.cookie = in.cookie;
    req.host = in.host;
    req.origin = in.origin;
    req.referer = in.referer;
    req.client = in.client;
    bool json = target.compare(0, 5, "/api/") == 0;
    if (auto err = http::parse_target(target, req.path, req.params))
        return error_response(err->status, err->message, json);

    std::string tail;
    const Route* route = match(req.path, method, tail);
    if (!route)
        return not_found("aucune page à l'adresse « " + req.path + " »", handlers::id_words(req.path), req, json);
    route_name = route->name;
    json = route->json;
    if (route->post && method != "POST") {
        http::Response r = error_response(
            405, "méthode « " + method + " » non autorisée : cette adresse reçoit un formulaire (POST)", json);
        r.headers.emplace_back("Allow", "POST");
        return r;
    }
    if (!route->post && method != "GET" && method != "HEAD") {
        http::Response r =
            error_response(405, "méthode « " + method + " » non autorisée : seules GET et HEAD le sont", json);
        r.headers.emplace_back("Allow", "GET, HEAD");
        return r;
    }
    if (route->post) {
        // A state change: only from this site's own forms, in the form
        // encoding, within the size a dossier needs.
        if (in.body_too_large)
            return error_response(413,
                                  "formulaire trop volumineux (au plus " + std::to_string(http::kMaxFormBytes >> 20) +
                                      " Mio) : raccourcissez les notes",
                                  json);
        if (!same_origin(in.origin, in.referer, in.host, config_.public_url))
            return error_response(403, "formulaire refusé : il ne vient pas d'une page de ce site (en-tête Origin)",
                                  json);
        std::string type = in.content_type.substr(0, in.content_type.find(';'));
        while (!type.empty() && type.back() == ' ') type.pop_back();
        if (in.multipart && !route->files)
            return error_response(415, "formulaire illisible : cette adresse ne reçoit pas de fichier", json);
        if (in.multipart) {
            // Its fields were read with its files (Uploads::receive): they
            // join the parameters before the gate checks the CSRF token.
            req.params.insert(req.params.end(), in.fields.begin(), in.fields.end());
        } else {
            if (!in.body.empty() && type != "application/x-www-form-urlencoded")
                return error_response(
                    415, "formulaire illisible : seul le type application/x-www-form-urlencoded est accepté", json);
            http::Params form;
            if (auto err = http::parse_form(in.body, form)) return error_response(err->status, err->message, json);
            req.params.insert(req.params.end(), form.begin(), form.end());
        }
    }

    // The reserved pages' gate (server/authenticator.h).
    if (reserved_path(req.path)) {
        if (!user && !route->post) {
            http::Response r;
            r.status = 303;
            r.headers.emplace_back("Location", "/connexion?retour=" + url_encode(target));
            r.body = "Connexion requise";
            return r;
        }
        // A refused form keeps what was typed (server/form_rescue.h): the
        // 401 is the login form carrying its fields, the 403 the same
        // fields in a form with the session's current token.
        const handlers::Context gate{no_index(), no_index().db(), *this, req, tail, user ? &*user : nullptr, &in};
        if (!user) {
            if (json || !accounts_)
                return error_response(401, "session terminée ou absente : connectez-vous, puis renvoyez le formulaire",
                                      json);
            return std::get<http::Response>(handlers::session_lost(gate));
        }
        if (route->post) {
            std::optional<std::string> token = req.get(kCsrfField);
            if (!token || !same_secret(*token, user->csrf_token)) {
                if (json)
                    return error_response(
                        403,
                        "formulaire refusé : il est trop ancien ou ne vient pas de votre session ; rechargez la page",
                        json);
                return std::get<http::Response>(handlers::stale_form(gate));
            }
        }
    }

    // A reader that raced with a commit retries once on a fresh revision.
    for (int attempt = 0;; ++attempt) {
        try {
            const Index& index = route->index ? reader(config_) : no_index();
            handlers::Context ctx{index, index.db(), *this, req, tail, user ? &*user : nullptr, &in};
            handlers::Outcome outcome = route->handler(ctx);
            if (const auto* e = std::get_if<SearchError>(&outcome)) return search_error(*e, req, json);
            if (const auto* e = std::get_if<handlers::NotFound>(&outcome))
                return not_found(e->message, e->words, req, json);
            return std::get<http::Response>(std::move(outcome));
        } catch (const IndexUnavailable& e) {
            http::Response r = e.shard   ? shard_unavailable(json)
                               : e.empty ? error_response(503, kIndexEmpty, json)
                                         : error_response(503, "l'index est indisponible : réessayez plus tard", json);
            r.log_note = e.detail;
            return r;
        } catch (const Xapian::NetworkError& e) {
            // A shard on another machine that stopped, or that did not answer
            // within coopdec.shard_timeout_ms: partial results would be wrong
            // results, so none. The shard is named in the log only.
            forget_reader();
            http::Response r = shard_unavailable(json);
            r.log_note = e.get_description();
            return r;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == 0) continue;
            return error_response(503, "l'index est en cours de mise à jour : réessayez dans un instant", json);
        } catch (const Xapian::Error& e) {
            http::Response r = error_response(503, "l'index est momentanément illisible : réessayez plus tard", json);
            r.log_note = e.get_description();
            return r;
        } catch (...) {
            // A fault of ours: the user learns nothing of it, the log all
            // that can be told.
            http::Response r = error_response(500, "erreur interne du serveur", json);
            r.log_note = describe_current_exception();
            return r;
        }
    }
}

std::string describe_current_exception() {
    auto type_name = [](const char* mangled) {
        int status = 0;
        std::unique_ptr<char, void (*)(void*)> name(abi::__cxa_demangle(mangled, nullptr, nullptr, &status), std::free);
        return std::string(status == 0 && name ? name.get() : mangled);
    };
    try {
        throw;
    } catch (const Xapian::Error& e) {
        return std::string("Xapian::") + e.get_type() + " : " + e.get_msg();
    } catch (const std::exception& e) {
        return type_name(typeid(e).name()) + " : " + e.what();
    } catch (const SearchError& e) {
        return "SearchError : " + e.message;
    } catch (const handlers::NotFound& e) {
        return "NotFound : " + e.message;
    } catch (...) {
        const std::type_info* t = abi::__cxa_current_exception_type();
        return t ? "exception de type " + type_name(t->name()) : std::string("exception de type inconnu");
    }
}

}  // namespace coopdec
