// @brief Poco request handler: one per request, built by the factory.
#include "server/request_handler.h"

#include <chrono>
#include <cstdio>
#include <sstream>

#include <Poco/DeflatingStream.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "server/uploads.h"

namespace coopdec {
namespace {

class RoutingRequestHandler : public Poco::Net::HTTPRequestHandler {
public:
    RoutingRequestHandler(Router& router, Poco::Logger& logger) : router_(router), logger_(logger) {}

    void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) override {
        auto t0 = std::chrono::steady_clock::now();
        std::string route = "none";
        http::Response r;
        // The body is built before anything is sent (a half-sent response
        // could not carry an error), and nothing escapes this handler: Poco
        // would close the connection without an answer.
        try {
            Incoming in;
            in.method = req.getMethod();
            in.target = req.getURI();
            in.cookie = req.get("Cookie", "");
            in.host = req.get("Host", "");
            in.origin = req.get("Origin", "");
            in.referer = req.get("Referer", "");
            in.content_type = req.get("Content-Type", "");
            in.client = client_address(req, router_.config().trusted_proxy);
            if (in.method == "POST" && multipart_boundary(in.content_type)) {
                // Files are read only for a person signed in, to a route
                // that takes them; otherwise the body stays unread (the
                // router refuses, the connection closes).
                if (router_.may_send_files(in))
                    router_.uploads()->receive(req.stream(), in);
                else
                    in.multipart = true;
            } else if (in.method == "POST") {
                read_body(req, in);
            }
            r = router_.handle(in, route);
        } catch (...) {
            r = error_response(500, "erreur interne du serveur", false);
            r.log_note = "exception hors du routeur : " + describe_current_exception();
        }
        try {
            send(req, resp, r);
        } catch (const std::exception& e) {
            r.log_note += std::string(" envoi interrompu : ") + e.what();
        }
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        router_.metrics().record(route, r.status, secs);
        char ms[32];
        std::snprintf(ms, sizeof ms, "%.1f", secs * 1000);
        std::string line = req.clientAddress().host().toString() + " " + req.getMethod() + " " +
                           loggable_target(req.getURI()) + " " + std::to_string(r.status) + " " +
                           std::to_string(r.body.size()) + " " + ms + "ms";
        if (!r.log_note.empty()) line += " (" + r.log_note + ")";
        if (r.status >= 500)
            logger_.error(line);
        else
            logger_.information(line);
    }

private:
    // The connection's address; behind the trusted reverse proxy, the last
    // address of its X-Forwarded-For (the one the proxy itself added: the
    // earlier ones are whatever the client sent).
    static std::string client_address(const Poco::Net::HTTPServerRequest& req, const std::string& trusted_proxy) {
        std::string peer = req.clientAddress().host().toString();
        if (trusted_proxy.empty() || peer != trusted_proxy) return peer;
        std::string forwarded = req.get("X-Forwarded-For", "");
        size_t comma = forwarded.rfind(',');
        std::string last = comma == std::string::npos ? forwarded : forwarded.substr(comma + 1);
        size_t b = last.find_first_not_of(' ');
        size_t e = last.find_last_not_of(' ');
        if (b == std::string::npos) return peer;
        last = last.substr(b, e + 1 - b);
        // An address is short and plain: anything else is not one.
        if (last.size() > 45 || last.find_first_not_of("0123456789abcdefABCDEF.:") != std::string::npos) return peer;
        return last;
    }

    // A form's body, at most http::kMaxFormBytes: one announced or sent
    // longer is not read (the connection then closes, see connection.cc).
    static void read_body(Poco::Net::HTTPServerRequest& req, Incoming& in) {
        if (req.hasContentLength() && req.getContentLength64() > static_cast<Poco::Int64>(http::kMaxFormBytes)) {
            in.body_too_large = true;
            return;
        }
        std::istream& body = req.stream();
        char buf[65536];
        while (body.read(buf, sizeof buf) || body.gcount() > 0) {
            in.body.append(buf, static_cast<size_t>(body.gcount()));
            if (in.body.size() > http::kMaxFormBytes) {
                in.body.clear();
                in.body_too_large = true;
                return;
            }
        }
    }

    void send(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp, http::Response& r) {
        for (const auto& [name, value] : kSecurityHeaders) resp.set(name, value);
        // add, not set: a response may carry several Set-Cookie.
        for (const auto& [name, value] : r.headers) resp.add(name, value);
        // A page that says it must not be kept (the account pages:
        // no-store) keeps its own Cache-Control.
        if (!resp.has("Cache-Control")) resp.set("Cache-Control", r.cacheable ? "public, max-age=3600" : "no-cache");
        resp.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(r.status));
        resp.setContentType(r.content_type);
        const std::string* body = &r.body;
        std::string compressed;
        // Small bodies are not worth the CPU.
        if (r.body.size() > 512 && accepts_gzip(req.get("Accept-Encoding", ""))) {
            compressed = gzip(r.body);
            body = &compressed;
            resp.set("Content-Encoding", "gzip");
        }
        resp.set("Vary", "Accept-Encoding");
        resp.setContentLength(static_cast<std::streamsize>(body->size()));
        if (req.getMethod() == "HEAD") {
            resp.send();
        } else {
            resp.sendBuffer(body->data(), body->size());
        }
    }

    Router& router_;
    Poco::Logger& logger_;
};

}  // namespace

std::string loggable_target(const std::string& target) {
    // A set-up link opens an account until it is used: its token is a
    // credential, and the log is read by more people than the accounts.
    const std::string secret_path = "/activer/";
    if (target.rfind(secret_path, 0) == 0) return secret_path + "…";
    return target;
}

bool accepts_gzip(const std::string& value) {
    std::istringstream in(value);
    std::string item;
    while (std::getline(in, item, ',')) {
        size_t b = item.find_first_not_of(" \t");
        if (b == std::string::npos) continue;
        item = item.substr(b);
        if (item.compare(0, 4, "gzip") != 0 && item.compare(0, 1, "*") != 0) continue;
        size_t q = item.find("q=");
        if (q != std::string::npos && std::strtod(item.c_str() + q + 2, nullptr) <= 0) return false;
        return true;
    }
    return false;
}

std::string gzip(const std::string& body) {
    std::ostringstream out;
    Poco::DeflatingOutputStream z(out, Poco::DeflatingStreamBuf::STREAM_GZIP, 6);
    z.write(body.data(), static_cast<std::streamsize>(body.size()));
    z.close();
    return out.str();
}

Poco::Net::HTTPRequestHandler* RequestHandlerFactory::createRequestHandler(const Poco::Net::HTTPServerRequest&) {
    return new RoutingRequestHandler(router_, logger_);
}

}  // namespace coopdec
