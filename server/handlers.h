// @brief One function per route. Each gets the parsed request, the part of
// the path after the route's prefix, and this thread's view of the index.
// They throw SearchError for user errors and NotFound for unknown ids; the
// router turns both into 4xx answers.
#pragma once

#include <stdexcept>
#include <string>

#include <xapian.h>

#include "server/http.h"
#include "server/router.h"

namespace coopdec::handlers {

// An id or path that names nothing: 404 with this French message.
struct NotFound {
    std::string message;
};

struct Context {
    const Xapian::Database& db;
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

}  // namespace coopdec::handlers
