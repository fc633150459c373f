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
#include <string>
#include <vector>

#include "search/index.h"
#include "search/search_cache.h"
#include "search/synonyms.h"
#include "server/http.h"
#include "server/metrics.h"
#include "server/pages.h"

namespace coopdec {

// A file served from memory under /static/: read once at start, so no
// request path ever reaches the file system.
struct StaticFile {
    std::string content_type;
    std::string body;
};

struct ServerConfig {
    std::string db_path;  // a database folder, a stub file, or a folder with a stub (search/index.h)
    unsigned shard_timeout_ms = kDefaultRemoteTimeoutMs;  // for each answer of a remote shard
    // The address every absolute link starts with (exports, handout, share
    // link, OpenSearch): --public-url when given; "" → http:// and the
    // request's Host when it is a sane host[:port], else `local_url`.
    std::string public_url;
    std::string local_url = "http://127.0.0.1:8080";  // http://BIND:PORT
    std::map<std::string, StaticFile> statics;          // "/static/coopdec.css" → file
};

// The paths of the route table, prefixes ending in '/' (for the tests that
// must cover every route).
std::vector<std::string> route_paths();

class Router {
public:
    // `synonyms` and `metrics` must outlive the router.
    Router(ServerConfig config, SynonymsFile& synonyms, Metrics& metrics);

    // Answers one request. `route` is set to the matched route's name (for
    // metrics and logs). Never throws: user errors give a 4xx, an index that
    // cannot be read a 503, anything unexpected a 500 without details.
    // Thread-safe: each thread reads the index through its own Database.
    // `cookie`, `host`: the request's Cookie and Host headers ("" when none).
    http::Response handle(const std::string& method, const std::string& target, std::string& route,
                          const std::string& cookie = {}, const std::string& host = {});

    const ServerConfig& config() const { return config_; }
    SynonymsFile& synonyms() { return synonyms_; }
    Metrics& metrics() { return metrics_; }
    // Shared by every worker (thread-safe): facet counts per index revision.
    SearchCache& search_cache() { return cache_; }

private:
    ServerConfig config_;
    SynonymsFile& synonyms_;
    Metrics& metrics_;
    SearchCache cache_;
};

// The address absolute links start with, without a final '/':
// config.public_url when set, else "http://" + `host` when http::sane_host,
// else config.local_url.
std::string public_base(const ServerConfig& config, const std::string& host);

// An error answer in the form the route speaks: JSON under /api/, HTML elsewhere
// (with `help`: the request's search kept in the box, links to go on).
http::Response error_response(int status, const std::string& message, bool json, const pages::ErrorHelp& help = {});

}  // namespace coopdec
