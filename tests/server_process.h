// @brief Starts the real coopdec-server on an ephemeral port for HTTP tests,
// and talks to it with Poco's HTTP client.
#pragma once

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

extern char** environ;

namespace coopdec::test {

struct HttpAnswer {
    int status = 0;
    std::map<std::string, std::string> headers;  // the last value of each
    std::vector<std::string> set_cookies;        // every Set-Cookie, in order
    std::string body;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

// A TCP connection to 127.0.0.1:`port`; the caller closes the descriptor.
inline int connect_loopback(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        close(fd);
        throw std::runtime_error("connect 127.0.0.1:" + std::to_string(port));
    }
    return fd;
}

// The server process. Waits (bounded, by poll on its stdout) for the line
// that gives its port; never sleeps.
class ServerProcess {
public:
    // `log` receives the server's stderr (its access log).
    // Without --state-dir, the dossiers go to a folder of its own, removed
    // with it (a test that restarts on the same state passes --state-dir).
    explicit ServerProcess(std::vector<std::string> args, const std::string& log = "/dev/null") {
        if (std::find(args.begin(), args.end(), "--state-dir") == args.end()) {
            char tmpl[] = "/tmp/coopdec-state-XXXXXX";
            if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp");
            own_state_ = tmpl;
            args.push_back("--state-dir");
            args.push_back(own_state_);
        }
        int out[2];
        if (pipe(out) != 0) throw std::runtime_error("pipe");
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_adddup2(&fa, out[1], 1);
        posix_spawn_file_actions_addclose(&fa, out[0]);
        posix_spawn_file_actions_addopen(&fa, 2, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        std::string bin = std::string(COOPDEC_BIN_DIR) + "/coopdec-server";
        args.insert(args.begin(), bin);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        if (posix_spawn(&pid_, bin.c_str(), &fa, nullptr, argv.data(), environ) != 0)
            throw std::runtime_error("posix_spawn coopdec-server");
        posix_spawn_file_actions_destroy(&fa);
        close(out[1]);
        out_ = out[0];
        std::string line = read_line(20000);
        // "… à l'écoute sur http://HOST:PORT/": the port after the last ':'.
        const std::string marker = "à l'écoute sur http://";
        size_t at = line.find(marker);
        size_t colon = line.rfind(':');
        if (at == std::string::npos || colon < at) {
            // No destructor runs for a throwing constructor: end the child here.
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
            close(out_);
            throw std::runtime_error("coopdec-server did not start: " + line);
        }
        port_ = std::stoi(line.substr(colon + 1));
    }
    ~ServerProcess() {
        if (pid_ > 0) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        if (out_ >= 0) close(out_);
        if (!own_state_.empty()) {
            std::error_code ec;
            std::filesystem::remove_all(own_state_, ec);
        }
    }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    int port() const { return port_; }

    // SIGTERM, then the exit status; what it printed on the way out in `said`.
    int terminate(std::string& said) {
        kill(pid_, SIGTERM);
        said = read_line(20000);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    HttpAnswer request(const std::string& method, const std::string& target,
                       std::map<std::string, std::string> headers = {}) const {
        return send(method, target, headers, nullptr);
    }

    // A form posted as a browser does from this server's own page
    // (Origin: http://127.0.0.1:PORT), unless `headers` set another Origin.
    HttpAnswer post(const std::string& target, const std::string& body,
                    std::map<std::string, std::string> headers = {}) const {
        headers.emplace("Origin", "http://127.0.0.1:" + std::to_string(port_));
        headers.emplace("Content-Type", "application/x-www-form-urlencoded");
        return send("POST", target, headers, &body);
    }
    pid_t pid() const { return pid_; }

    HttpAnswer get(const std::string& target, std::map<std::string, std::string> headers = {}) const {
        return request("GET", target, std::move(headers));
    }

private:
    // One request (with `body` when not null) and its whole answer.
    HttpAnswer send(const std::string& method, const std::string& target,
                    const std::map<std::string, std::string>& headers, const std::string* body) const {
        Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port_));
        session.setTimeout(Poco::Timespan(60, 0));
        Poco::Net::HTTPRequest req(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
        for (const auto& [k, v] : headers) req.set(k, v);
        if (body) {
            req.setContentLength(static_cast<std::streamsize>(body->size()));
            session.sendRequest(req) << *body;
        } else {
            session.sendRequest(req);
        }
        Poco::Net::HTTPResponse resp;
        std::istream& in = session.receiveResponse(resp);
        HttpAnswer a;
        a.status = resp.getStatus();
        for (const auto& [k, v] : resp) {
            a.headers[k] = v;
            if (Poco::icompare(k, "Set-Cookie") == 0) a.set_cookies.push_back(v);
        }
        if (method != "HEAD") Poco::StreamCopier::copyToString(in, a.body);
        return a;
    }

    std::string own_state_;  // the state folder made for this process, "" when given
    // One line of the server's stdout, waiting at most `ms` in all.
    std::string read_line(int ms) {
        std::string line;
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        char c;
        while (true) {
            int left = static_cast<int>(
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())
                    .count());
            if (left <= 0) return line;
            pollfd p{out_, POLLIN, 0};
            if (poll(&p, 1, left) <= 0) return line;
            ssize_t n = read(out_, &c, 1);
            if (n <= 0 || c == '\n') return line;
            line += c;
        }
    }

    pid_t pid_ = -1;
    int out_ = -1;
    int port_ = 0;
};

}  // namespace coopdec::test
