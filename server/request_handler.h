// @brief The bridge between Poco's HTTP server and the Router: reads the
// method and target, sends the Router's response with the security headers,
// gzip when the client accepts it, records metrics and the access log.
#pragma once

#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "server/http.h"
#include "server/router.h"

namespace coopdec {

// Headers sent with every response, whatever its status. The CSP allows no
// inline style or script: pages use /static/ files only.
inline constexpr std::pair<const char*, const char*> kSecurityHeaders[] = {
    {"Content-Security-Policy",
     "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
     "frame-ancestors 'none'; base-uri 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "same-origin"},
    {"X-Frame-Options", "DENY"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
};

// True when an Accept-Encoding header value accepts gzip (and does not
// refuse it with q=0).
bool accepts_gzip(const std::string& accept_encoding);

// A request target as the access log writes it: a set-up link's token
// (/activer/TOKEN) replaced by « … », every other target as it is.
std::string loggable_target(const std::string& target);

// gzip-compresses `body`.
std::string gzip(const std::string& body);

class RequestHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    // `router` and `logger` must outlive the factory (and the server).
    RequestHandlerFactory(Router& router, Poco::Logger& logger) : router_(router), logger_(logger) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    Router& router_;
    Poco::Logger& logger_;
};

}  // namespace coopdec
