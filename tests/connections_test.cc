// @brief Connection handling: the head gate against slow clients, keep-alive
// and pipelining through it, root privileges given up, and error answers that
// reveal nothing of the machine.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "server/head_gate.h"
#include "tests/server_process.h"
#include "tests/temp_index.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace {

void send_all(int fd, const std::string& data) {
    size_t sent = 0;
    while (sent < data.size()) {
        ssize_t n = send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        REQUIRE(n > 0);
        sent += static_cast<size_t>(n);
    }
}

// Reads until `count` complete responses (each with a Content-Length) have
// arrived or the connection closes; bounded by `seconds`.
std::vector<std::string> read_responses(int fd, size_t count, int seconds) {
    std::vector<std::string> out;
    std::string data;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    char buf[8192];
    while (out.size() < count) {
        size_t head = data.find("\r\n\r\n");
        if (head != std::string::npos) {
            size_t cl = data.find("Content-Length: ");
            if (cl != std::string::npos && cl < head) {
                size_t len = std::stoul(data.substr(cl + 16));
                if (data.size() >= head + 4 + len) {
                    out.push_back(data.substr(0, head + 4 + len));
                    data.erase(0, head + 4 + len);
                    continue;
                }
            }
        }
        int left = static_cast<int>(
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count());
        pollfd p{fd, POLLIN, 0};
        if (left <= 0 || poll(&p, 1, left) <= 0) break;
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        data.append(buf, static_cast<size_t>(n));
    }
    return out;
}

// What the server answers on a connection it cuts: waits (bounded) until
// it is closed, returns what came first ("" for a silent close).
std::string until_closed(int fd, int seconds, bool& closed) {
    std::string data;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    char buf[4096];
    closed = false;
    for (;;) {
        int left = static_cast<int>(
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count());
        pollfd p{fd, POLLIN, 0};
        if (left <= 0 || poll(&p, 1, left) <= 0) return data;
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0) {
            closed = true;
            return data;
        }
        data.append(buf, static_cast<size_t>(n));
    }
}

test::TempIndex& shared_index() {
    static test::TempIndex index;
    return index;
}

long metric(const std::string& text, const std::string& name) {
    size_t at = text.find("\n" + name + " ");
    if (at == std::string::npos) return -1;
    return std::stol(text.substr(at + name.size() + 2));
}

}  // namespace

TEST_CASE("head_end finds the blank line that closes a request head", "[server][gate]") {
    CHECK(head_end("GET / HTTP/1.1\r\nHost: x\r\n\r\n") == 27);
    CHECK(head_end("GET / HTTP/1.1\nHost: x\n\n") == 24);              // bare LF
    CHECK(head_end("\r\nGET / HTTP/1.1\r\n\r\nrest") == 20);           // blank lines before are skipped
    CHECK(head_end("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /b") == 27);  // pipelined: the first head only
    CHECK(head_end("GET / HTTP/1.1\r\nHost: x\r\n") == std::string_view::npos);
    CHECK(head_end("GET / HTTP/1.1\r\nHost: x\r\n\r") == std::string_view::npos);
    CHECK(head_end("") == std::string_view::npos);
    CHECK(head_end("\r\n\r\n") == std::string_view::npos);  // nothing but blank lines: still waiting
}

TEST_CASE("could_be_request rejects what cannot start a request line", "[server][gate]") {
    CHECK(could_be_request(""));
    CHECK(could_be_request("GE"));
    CHECK(could_be_request("GET /"));
    CHECK(could_be_request("\r\nPOST / HTTP/1.1"));
    CHECK(could_be_request("M-SEARCH * HTTP/1.1"));
    CHECK_FALSE(could_be_request(std::string("\x16\x03\x01\x02\x00", 5)));  // a TLS handshake
    CHECK_FALSE(could_be_request(" GET /"));                                // no method
    CHECK_FALSE(could_be_request("GET\t/"));
    CHECK_FALSE(could_be_request(std::string(21, 'A')));  // no method is that long
    CHECK_FALSE(could_be_request("G\xc3\xa9T /"));
}

TEST_CASE("slow clients do not starve the others, and each is cut off in bounded time", "[server][gate][slowloris]") {
    // 300 clients each send a request line, then one header byte per second
    // and never finish; meanwhile a normal client must be served. The gate
    // holds at most 64 of them (--max-connections) and cuts each after 2 s.
    constexpr int kSlow = 300;
    test::ServerProcess server(
        {"--db", shared_index().db, "--port", "0", "--threads", "4", "--timeout", "2", "--max-connections", "64"});
    const int port = server.port();
    std::vector<int> slow;
    for (int i = 0; i < kSlow; ++i) {
        slow.push_back(test::connect_loopback(port));
        send_all(slow.back(), "GET /recherche?q=eau HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    }
    std::mutex m;
    std::condition_variable cv;
    bool done = false;
    std::thread trickle([&] {
        // The slow clients' own pace: one byte per second each.
        std::unique_lock<std::mutex> lock(m);
        while (!cv.wait_for(lock, std::chrono::seconds(1), [&] { return done; }))
            for (int fd : slow) (void)!send(fd, "X", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
    });

    int ok = 0;
    for (int i = 0; i < 40; ++i) ok += server.get("/recherche?q=eau&page=" + std::to_string(1 + i % 3)).status == 200;
    const std::string metrics = server.get("/metrics").body;
    {
        std::lock_guard<std::mutex> lock(m);
        done = true;
    }
    cv.notify_all();
    trickle.join();
    CHECK(ok == 40);
    // Bounded connections: never more than 64 waiting; the rest were evicted.
    CHECK(metric(metrics, "coopdec_connections_waiting") <= 64);
    CHECK(test::contains(metrics, "coopdec_connections_cut_total{reason=\"evicted\"}"));

    // Bounded time: every slow connection is closed by the server, with a
    // 408 when it is the deadline that cut it.
    int closed = 0, timed_out = 0;
    for (int fd : slow) {
        bool was_closed = false;
        std::string said = until_closed(fd, 15, was_closed);
        closed += was_closed;
        timed_out += test::contains(said, "HTTP/1.1 408");
        close(fd);
    }
    CHECK(closed == kSlow);
    CHECK(timed_out > 0);
    CHECK(server.get("/healthz").status == 200);
}

TEST_CASE("keep-alive and pipelined requests go through the gate", "[server][gate]") {
    test::ServerProcess server({"--db", shared_index().db, "--port", "0"});
    int fd = test::connect_loopback(server.port());
    // Three requests in one write: three answers, in order, on one connection.
    send_all(fd,
             "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
             "GET /recherche?q=eau HTTP/1.1\r\nHost: x\r\n\r\n"
             "GET /absent HTTP/1.1\r\nHost: x\r\n\r\n");
    auto answers = read_responses(fd, 3, 10);
    REQUIRE(answers.size() == 3);
    CHECK(answers[0].rfind("HTTP/1.1 200", 0) == 0);
    CHECK(answers[1].rfind("HTTP/1.1 200", 0) == 0);
    CHECK(test::contains(answers[1], "Content-Type: text/html"));
    CHECK(answers[2].rfind("HTTP/1.1 404", 0) == 0);
    // The same connection serves more, one at a time.
    for (int i = 0; i < 5; ++i) {
        send_all(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        auto more = read_responses(fd, 1, 10);
        REQUIRE(more.size() == 1);
        CHECK(more[0].rfind("HTTP/1.1 200", 0) == 0);
    }
    close(fd);
}

TEST_CASE("answers from the gate carry the security headers", "[server][gate][hardening]") {
    test::ServerProcess server({"--db", shared_index().db, "--port", "0", "--timeout", "1"});
    for (const std::string& raw : {std::string("\x16\x03\x01\x02\x00 not http\r\n\r\n"),  // 400 at once
                                   std::string("GET / HTTP/1.1\r\nHost: x\r\nX-" + std::string(40000, 'a'))}) {  // 431
        int fd = test::connect_loopback(server.port());
        send_all(fd, raw);
        bool closed = false;
        std::string said = until_closed(fd, 10, closed);
        close(fd);
        CAPTURE(said.substr(0, 40));
        CHECK((said.rfind("HTTP/1.1 400", 0) == 0 || said.rfind("HTTP/1.1 431", 0) == 0));
        CHECK(test::contains(said, "Content-Security-Policy: default-src 'none'"));
        CHECK(test::contains(said, "X-Content-Type-Options: nosniff"));
        CHECK(closed);
    }
    // A request that never ends: 408 after the timeout, with the headers too.
    int fd = test::connect_loopback(server.port());
    send_all(fd, "GET / HTTP/1.1\r\n");
    bool closed = false;
    std::string said = until_closed(fd, 10, closed);
    close(fd);
    CHECK(said.rfind("HTTP/1.1 408", 0) == 0);
    CHECK(test::contains(said, "Content-Security-Policy: default-src 'none'"));
    CHECK(test::contains(said, "requête trop lente"));
}

TEST_CASE("a server started as root gives root up", "[server][hardening][root]") {
    if (geteuid() != 0) {
        WARN("not root: the drop of privileges is not exercised here");
        return;
    }
    test::ServerProcess server({"--db", shared_index().db, "--port", "0"});
    std::ifstream status("/proc/" + std::to_string(server.pid()) + "/status");
    std::string line, uid, gid;
    while (std::getline(status, line)) {
        if (line.rfind("Uid:", 0) == 0) uid = line;
        if (line.rfind("Gid:", 0) == 0) gid = line;
    }
    // Real, effective, saved and file-system ids: none is root's.
    CHECK(uid == "Uid:\t65534\t65534\t65534\t65534");
    CHECK(gid == "Gid:\t65534\t65534\t65534\t65534");
    CHECK(server.get("/recherche?q=eau").status == 200);

    auto refused = [](const std::string& args) {
        int status = 0;
        std::string out =
            test::run_command(std::string(COOPDEC_BIN_DIR) + "/coopdec-server --port 0 " + args + " 2>&1", status);
        CHECK(status == 77);
        return out;
    };
    CHECK(test::contains(refused("--db '" + shared_index().db + "' --user root"), "refus de fonctionner en root"));
    CHECK(test::contains(refused("--db '" + shared_index().db + "' --user personne-inconnue"),
                         "utilisateur inconnu : personne-inconnue"));
    // An index the unprivileged user cannot read is refused at start, clearly.
    test::TempDir hidden;
    std::filesystem::permissions(hidden.path(), std::filesystem::perms::owner_all);
    std::filesystem::copy(shared_index().db, hidden / "db");
    CHECK(test::contains(refused("--db '" + (hidden / "db") + "'"),
                         "l'index doit être lisible par l'utilisateur nobody"));
}

TEST_CASE("error answers reveal no path, library message or stack", "[server][hardening]") {
    test::TempDir dir;
    std::filesystem::copy(shared_index().db, dir / "db");
    test::ServerProcess server({"--db", dir / "db", "--port", "0"});
    REQUIRE(server.get("/recherche?q=eau").status == 200);
    std::filesystem::remove_all(dir / "db");  // the index disappears under the server
    const std::string where = dir.path();
    for (const char* target : {"/recherche?q=eau", "/api/search?q=eau", "/doc/loi-2019-006", "/metrics"}) {
        auto a = server.get(target);
        CAPTURE(target, a.status, a.body);
        CHECK(a.status == 503);
        for (const std::string& leak : {where, std::string("/tmp"), std::string("Xapian"), std::string("xapian"),
                                        std::string("Couldn't"), std::string("No such file"), std::string("errno"),
                                        std::string("exception"), std::string("what()"), std::string("::")})
            CHECK_FALSE(test::contains(a.body, leak));
        CHECK(test::contains(a.body, "index"));
    }
    CHECK(server.get("/healthz").status != 500);
}

TEST_CASE("the server listens on 127.0.0.1 unless told otherwise", "[server][hardening]") {
    // The listening sockets of the port, as the kernel lists them
    // (/proc/net/tcp: local address and port in hex, state 0A = LISTEN).
    auto listeners = [](int port) {
        std::vector<std::string> out;
        char hex[8];
        std::snprintf(hex, sizeof hex, ":%04X", port);
        std::ifstream tcp("/proc/net/tcp");
        std::string line;
        while (std::getline(tcp, line)) {
            std::istringstream in(line);
            std::string slot, local, remote, state;
            in >> slot >> local >> remote >> state;
            if (state == "0A" && local.size() > 5 && local.substr(local.size() - 5) == hex)
                out.push_back(local.substr(0, local.size() - 5));
        }
        return out;
    };
    test::ServerProcess local({"--db", shared_index().db, "--port", "0"});
    CHECK(listeners(local.port()) == std::vector<std::string>{"0100007F"});  // 127.0.0.1
    test::ServerProcess everywhere({"--db", shared_index().db, "--port", "0", "--bind", "0.0.0.0"});
    CHECK(listeners(everywhere.port()) == std::vector<std::string>{"00000000"});
}
