// @brief Hostile HTTP over raw sockets: malformed and abusive requests get a
// 4xx (or a closed connection for what is not HTTP at all), never a 5xx or
// a hang, and the server answers normally afterwards.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "server/router.h"
#include "tests/server_process.h"
#include "tests/temp_index.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace {

// Sends `raw` on a fresh connection and returns the status of the answer
// (0 when the server closed without one). Bounded: 10 s at most.
int raw_status(int port, const std::string& raw) {
    int fd = test::connect_loopback(port);
    size_t sent = 0;
    while (sent < raw.size()) {
        ssize_t n = send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;  // the server may close early on a huge request: fine
        sent += static_cast<size_t>(n);
    }
    shutdown(fd, SHUT_WR);
    std::string answer;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    char buf[4096];
    while (answer.find("\r\n") == std::string::npos) {
        int left = static_cast<int>(
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count());
        pollfd p{fd, POLLIN, 0};
        if (left <= 0 || poll(&p, 1, left) <= 0) {
            close(fd);
            FAIL("no answer within 10 s (hang)");
        }
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        answer.append(buf, static_cast<size_t>(n));
    }
    close(fd);
    if (answer.compare(0, 9, "HTTP/1.1 ") != 0 && answer.compare(0, 9, "HTTP/1.0 ") != 0) return 0;
    return std::stoi(answer.substr(9, 3));
}

std::string get(const std::string& target, const std::string& headers = "") {
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + "\r\n";
}

}  // namespace

TEST_CASE("hostile requests get a 4xx, never a 5xx or a hang", "[server][hostile]") {
    test::TempIndex index;
    test::ServerProcess server({"--db", index.db, "--port", "0"});
    const int port = server.port();

    std::string many_facets = "/recherche?q=eau";
    for (int i = 0; i < 3000; ++i) many_facets += "&commune=Kloto+1";
    std::string nested = "/recherche?q=" + std::string(500, '(') + "eau" + std::string(500, ')');
    struct Row {
        const char* what;
        std::string raw;
        bool may_succeed = false;  // harmless once read: a 200 is a right answer too
    };
    const Row rows[] = {
        {"a header of 100 KB", get("/", "X-Grand: " + std::string(100 * 1024, 'a') + "\r\n")},
        {"thousands of headers", get("/",
                                     [] {
                                         std::string h;
                                         for (int i = 0; i < 2000; ++i) h += "X-H" + std::to_string(i) + ": v\r\n";
                                         return h;
                                     }())},
        {"a URI of 64 KB", get("/recherche?q=" + std::string(64 * 1024, 'a'))},
        {"a NUL in the target", get(std::string("/recherche?q=a") + '\0' + "b")},
        {"an escaped NUL", get("/doc/%00")},
        {"invalid UTF-8 in the path", get("/doc/%C3%28")},
        {"a bad %-escape", get("/recherche?q=%G1")},
        {"traversal, plain", get("/static/../../etc/passwd")},
        {"traversal, encoded", get("/static/%2e%2e/%2e%2e/etc/passwd")},
        {"traversal, double-encoded", get("/doc/%252e%252e%252fetc%252fpasswd")},
        {"traversal on the API", get("/api/doc/..%2f..%2fetc%2fpasswd")},
        {"traversal on partnerships", get("/partenariat/..%2F..%2Fcorpus")},
        {"a backslash", get("/static/..\\..\\etc\\passwd")},
        {"a huge page number", get("/recherche?page=99999999999999999999")},
        {"a huge per_page", get("/api/search?per_page=1000000")},
        {"thousands of facet parameters", get(many_facets)},
        {"deeply nested query syntax", get(nested), true},
        {"a body on GET", "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello", true},
        {"a huge declared body",
         "POST /recherche HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\nConnection: close\r\n\r\nabc"},
        {"PUT", "PUT / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
        {"DELETE", "DELETE /doc/loi-2019-006 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
        {"PATCH", "PATCH /api/search HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
        {"OPTIONS", "OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
        {"TRACE", "TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
        {"CONNECT", "CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
        {"an absolute URI", get("http://evil.example/doc/x")},
        {"no HTTP version", "GET /\r\n\r\n"},
        {"garbage", std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11)},
    };
    for (const auto& row : rows) {
        CAPTURE(row.what);
        int status = raw_status(port, row.raw);
        CAPTURE(status);
        // 0: the server closed a connection that was not HTTP at all.
        CHECK((status == 0 || (status >= 400 && status < 500) || (row.may_succeed && status == 200)));
    }
    // Wildcards that would expand to the whole lexicon are bounded.
    CHECK(server.get("/recherche?q=a*+b*+c*+d*+e*").status == 200);
    // Still alive and answering normally.
    CHECK(server.get("/healthz").status == 200);
    CHECK(server.get("/recherche?q=eau").status == 200);
}

TEST_CASE("path traversal on every route, in every encoding, reaches no file", "[server][hostile]") {
    test::TempIndex index(test::source_dir() + "/corpus/lois");
    test::ServerProcess server({"--db", index.db, "--port", "0"});
    // Each form climbs to /etc/passwd; some also aim at the index itself.
    const std::string forms[] = {
        "../../../../etc/passwd",
        "..%2f..%2f..%2f..%2fetc%2fpasswd",
        "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "%252e%252e%252f%252e%252e%252fetc%252fpasswd",
        "..\\..\\..\\etc\\passwd",
        "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
        "....//....//etc/passwd",
        "/etc/passwd",
        "%2fetc%2fpasswd",
        "..%00/etc/passwd",
        "..;/..;/etc/passwd",
        "%2e%2e%5c%2e%2e%5cetc%5cpasswd",
        "../db/iamglass",
        "..%2fdb%2fiamglass",
    };
    int requests = 0;
    for (const std::string& route : route_paths()) {
        for (const std::string& form : forms) {
            std::string target = route + (route.back() == '/' ? "" : "/") + form;
            for (const std::string& t : {target, route + "?q=" + form + "&doc=" + form}) {
                CAPTURE(t);
                auto a = server.get(t);
                ++requests;
                CHECK(a.status < 500);
                CHECK(a.body.find("root:x:0:0") == std::string::npos);    // /etc/passwd
                CHECK(a.body.find("Xapian Glass") == std::string::npos);  // the index's own files (iamglass)
            }
        }
    }
    CHECK(requests == static_cast<int>(route_paths().size() * std::size(forms) * 2));
    CHECK(server.get("/healthz").status == 200);
}
