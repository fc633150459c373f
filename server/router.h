// @brief The route table and the request → response step, without sockets:
// validation of the target and the method, dispatch to a handler, errors
// turned into French 4xx pages (or JSON under /api/), never a crash.
// An HTML error page keeps the request's search in the header's box, says
// what was wrong in the user's words (SearchError::for_user(): no parameter
// names; the JSON keeps the precise SearchError::message), offers the same
// address without the parameter at fault, and for an unknown id a search
// of its words.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "search/index.h"
#include "search/search_cache.h"
#include "search/synonyms.h"
#include "server/authenticator.h"
#include "server/http.h"
#include "server/metrics.h"
#include "server/multipart.h"
#include "server/page_views.h"
#include "server/pages.h"
#include "server/publisher.h"

namespace coopdec {

namespace store {
class AccountService;
}

// A file served from memory under /static/: read once at start, so no
// request path ever reaches the file system.
struct StaticFile {
    std::string content_type;
    std::string body;
};

namespace store {
class SubmissionStore;  // store/submissions.h
}

struct ServerConfig {
    std::string db_path;  // a database folder, a stub file, or a folder with a stub (search/index.h)
    unsigned shard_timeout_ms = kDefaultRemoteTimeoutMs;  // for each answer of a remote shard
    // The address every absolute link starts with (exports, handout, share
    // link, OpenSearch): --public-url when given; "" → http:// and the
    // request's Host when it is a sane host[:port], else `local_url`.
    std::string public_url;
    std::string local_url = "http://127.0.0.1:8080";  // http://BIND:PORT
    std::map<std::string, StaticFile> statics;        // "/static/coopdec.css" → file
    std::string stylesheet_dir;  // the XSLT stylesheets rendering the pages ("" = compiled-in default)
    // The reverse proxy whose X-Forwarded-For names the client ("" for none).
    std::string trusted_proxy;
};

class DossierStore;
class Uploads;
namespace store {
class History;
}

// One request as the socket layer read it. `body`: a POST's body (at most
// http::kMaxFormBytes; `body_too_large` when the client announced or sent
// more, which is refused with a 413 without reading the rest).
struct Incoming {
    std::string method, target;
    std::string cookie, host, origin, referer, content_type;  // headers, "" when absent
    std::string client;  // the client's address (the connection's, or a trusted proxy's X-Forwarded-For)
    std::string body;
    bool body_too_large = false;
    // A multipart/form-data body (server/uploads.h Uploads::receive): its
    // text fields join the parameters like a form's; its files wait in
    // the state folder for the route's handler; `upload_error` the
    // refusal met while reading (the fields read before it are kept).
    bool multipart = false;
    http::Params fields;
    std::vector<ReceivedFile> files;
    std::optional<http::TargetError> upload_error;
};

// True when a POST comes from this site's own pages: its Origin (or, when
// a browser sent none, its Referer) is `public_url`'s origin or
// http(s)://HOST for the request's Host. Another site's page cannot make a
// browser post into a dossier: browsers set Origin themselves.
bool same_origin(const std::string& origin, const std::string& referer, const std::string& host,
                 const std::string& public_url);

// The paths of the route table, prefixes ending in '/' (for the tests that
// must cover every route).
std::vector<std::string> route_paths();

// The route table's rows, for the tests that must cover every route (every
// POST under a reserved prefix refuses a missing CSRF token…).
struct RouteRow {
    std::string path;
    bool prefix = false;
    bool post = false;
    bool files = false;
};
std::vector<RouteRow> route_rows();

// The reserved POST route that `path` names (a prefix route's path with its
// argument): nullopt for none; else whether it takes files.
std::optional<bool> reserved_post_route(std::string_view path);

class Router {
public:
    // `synonyms` and `metrics` must outlive the router.
    // `dossiers`: the dossier store (server/dossier_store.h); nullptr
    // makes the stored-dossier routes answer 503. All must outlive the router.
    Router(ServerConfig config, SynonymsFile& synonyms, Metrics& metrics, DossierStore* dossiers = nullptr);

    // Answers one request. `route` is set to the matched route's name (for
    // metrics and logs). Never throws: user errors give a 4xx, an index that
    // cannot be read a 503, anything unexpected a 500 without details.
    // Thread-safe: each thread reads the index through its own Database.
    // `cookie`, `host`: the request's Cookie and Host headers ("" when none).
    http::Response handle(const std::string& method, const std::string& target, std::string& route,
                          const std::string& cookie = {}, const std::string& host = {});
    // The same for any method: a POST's form body joins the parameters
    // (after the query's), once its Content-Type, size and Origin passed.
    // HTML answers get the header's « Dossier (N) » link and, once, the
    // « ajouté au dossier » confirmation (server/dossier_cookie.h).
    http::Response handle(const Incoming& in, std::string& route);

    const ServerConfig& config() const { return config_; }
    SynonymsFile& synonyms() { return synonyms_; }
    Metrics& metrics() { return metrics_; }
    // Shared by every worker (thread-safe): facet counts per index revision.
    SearchCache& search_cache() { return cache_; }
    // Shared by every worker (thread-safe): documents' pages, rendered from
    // their sources with config().stylesheet_dir.
    PageViews& page_views() { return pages_; }
    DossierStore* dossiers() { return dossiers_; }
    // Set once, before the server answers its first request.
    void set_dossiers(DossierStore* store) { dossiers_ = store; }
    // Drafts, submissions and decisions (store/submissions.h); nullptr: the
    // declaration and review pages answer 503. Set once, before the first
    // request; must outlive the router.
    void set_submissions(store::SubmissionStore* submissions) { submissions_ = submissions; }
    store::SubmissionStore* submissions() { return submissions_; }
    // Who sent each request (server/authenticator.h); nullptr: nobody is
    // ever signed in, and every reserved page sends to the login page.
    // Set once, before the server answers its first request; must outlive
    // the router.
    void set_authenticator(Authenticator* auth) { auth_ = auth; }
    // The accounts (store/account_service.h) the account pages act on;
    // nullptr: those pages answer 503. Set once, before the first request.
    void set_accounts(store::AccountService* accounts) { accounts_ = accounts; }
    store::AccountService* accounts() { return accounts_; }
    // Where accepted contributions go (server/publisher.h); nullptr: the
    // review pages answer 503. Set once, before the first request.
    void set_publisher(Publisher* publisher) { publisher_ = publisher; }
    Publisher* publisher() { return publisher_; }
    // The uploads (server/uploads.h); nullptr: the upload pages answer 503.
    // Set once, before the first request.
    void set_uploads(Uploads* uploads) { uploads_ = uploads; }
    Uploads* uploads() { return uploads_; }
    // True when `in` comes from a person signed in, from this site's pages,
    // to a route that takes files: only then is a multipart body read.
    bool may_send_files(const Incoming& in);
    // The publication history (store/history.h) that /historique/ reads;
    // nullptr: those pages answer 503. Set once, before the first request.
    void set_history(store::History* history) { history_ = history; }
    store::History* history() { return history_; }

private:
    http::Response route(const Incoming& in, const std::optional<store::Principal>& user, std::string& route);

    ServerConfig config_;
    SynonymsFile& synonyms_;
    Metrics& metrics_;
    SearchCache cache_;
    PageViews pages_;
    DossierStore* dossiers_;
    store::SubmissionStore* submissions_ = nullptr;
    Authenticator* auth_ = nullptr;
    store::AccountService* accounts_ = nullptr;
    Publisher* publisher_ = nullptr;
    Uploads* uploads_ = nullptr;
    store::History* history_ = nullptr;
};

// The address absolute links start with, without a final '/':
// config.public_url when set, else "http://" + `host` when http::sane_host,
// else config.local_url.
std::string public_base(const ServerConfig& config, const std::string& host);

// Inside a catch block: the exception being handled, for the log — its
// type (demangled) and, where it has one, its message. Never for the user.
std::string describe_current_exception();

// An error answer in the form the route speaks: JSON under /api/, HTML elsewhere
// (with `help`: the request's search kept in the box, links to go on).
http::Response error_response(int status, const std::string& message, bool json, const pages::ErrorHelp& help = {});

}  // namespace coopdec
