// @brief Xapian's own network services for the tests, on loopback:
// xapian-tcpsrv serving one shard, xapian-replicate-server serving masters.
// Each runs in a process group of its own (both fork a child per
// connection, and SIGTERM to them kills their group): stop() ends the whole
// group, as a machine that goes down would.
#pragma once

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace coopdec::test {

// A port free on 127.0.0.1 now (the kernel's pick for port 0). Another
// process may take it before us: the services below retry on a new one.
inline int free_loopback_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("bind");
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    close(fd);
    return ntohs(addr.sin_port);
}

// True once something accepts connections on 127.0.0.1:`port`, within
// `ms`. A refused connection is answered at once: the wait is on the
// condition, with a pause of 10 ms between tries.
inline bool wait_listening(int port, int ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < deadline) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bool up = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        close(fd);
        if (up) return true;
        poll(nullptr, 0, 10);
    }
    return false;
}

// A program in a process group of its own, its stdout on a pipe.
class GroupProcess {
public:
    explicit GroupProcess(std::vector<std::string> args) {
        int out[2];
        if (pipe(out) != 0) throw std::runtime_error("pipe");
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_adddup2(&fa, out[1], 1);
        posix_spawn_file_actions_addclose(&fa, out[0]);
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
        posix_spawnattr_t attr;
        posix_spawnattr_init(&attr);
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
        posix_spawnattr_setpgroup(&attr, 0);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        int rc = posix_spawnp(&pid_, args[0].c_str(), &fa, &attr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&fa);
        posix_spawnattr_destroy(&attr);
        close(out[1]);
        out_ = out[0];
        if (rc != 0) {
            close(out_);
            throw std::runtime_error("cannot start " + args[0]);
        }
    }
    ~GroupProcess() { stop(); }
    GroupProcess(const GroupProcess&) = delete;
    GroupProcess& operator=(const GroupProcess&) = delete;

    // Reads stdout until a line containing `text` (true), the end of the
    // output or `ms` (false).
    bool wait_for_line(const std::string& text, int ms) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        std::string line;
        char c;
        for (;;) {
            int left = static_cast<int>(
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())
                    .count());
            if (left <= 0) return false;
            pollfd p{out_, POLLIN, 0};
            if (poll(&p, 1, left) <= 0) return false;
            if (read(out_, &c, 1) <= 0) return false;
            if (c != '\n') {
                line += c;
                continue;
            }
            if (line.find(text) != std::string::npos) return true;
            line.clear();
        }
    }

    // Sends `sig` to the whole group (the server and its children).
    void signal_group(int sig) {
        if (pid_ > 0) kill(-pid_, sig);
    }

    // Ends the group and reaps the leader.
    void stop() {
        if (pid_ <= 0) return;
        kill(-pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        pid_ = -1;
        if (out_ >= 0) close(out_);
        out_ = -1;
    }

    bool running() const { return pid_ > 0; }

private:
    pid_t pid_ = -1;
    int out_ = -1;
};

// xapian-tcpsrv serving the database at `path` on 127.0.0.1. Ready when
// constructed: it has said « Listening... ».
class ShardServer {
public:
    explicit ShardServer(std::string path, int port = 0) : path_(std::move(path)) { start(port); }

    int port() const { return port_; }
    std::string stub_line() const { return "remote 127.0.0.1:" + std::to_string(port_); }

    // The shard stops: the server and every connection it serves.
    void stop() { process_.reset(); }
    // It hangs: alive, connections open, answering nothing.
    void pause() { process_->signal_group(SIGSTOP); }
    void resume() { process_->signal_group(SIGCONT); }
    // It comes back on the same port.
    void restart() { start(port_); }

private:
    void start(int port) {
        for (int attempt = 0; attempt < 20; ++attempt) {
            int p = port ? port : free_loopback_port();
            process_ = std::make_unique<GroupProcess>(std::vector<std::string>{
                "xapian-tcpsrv", "--interface", "127.0.0.1", "--port", std::to_string(p), path_});
            if (process_->wait_for_line("Listening...", 20000)) {
                port_ = p;
                return;
            }
            process_.reset();  // the port was taken meanwhile (or, same port, not yet released)
        }
        throw std::runtime_error("xapian-tcpsrv did not start on " + path_);
    }

    std::string path_;
    int port_ = 0;
    std::unique_ptr<GroupProcess> process_;
};

// xapian-replicate-server serving the databases under `masters` (each
// replicated by its name there) on 127.0.0.1. It says nothing when ready:
// ready once it accepts connections.
class ReplicationServer {
public:
    explicit ReplicationServer(const std::string& masters) {
        for (int attempt = 0; attempt < 20; ++attempt) {
            int p = free_loopback_port();
            process_ = std::make_unique<GroupProcess>(std::vector<std::string>{
                "xapian-replicate-server", "--interface", "127.0.0.1", "--port", std::to_string(p), masters});
            if (wait_listening(p, 20000)) {
                port_ = p;
                return;
            }
            process_.reset();
        }
        throw std::runtime_error("xapian-replicate-server did not start on " + masters);
    }
    int port() const { return port_; }

private:
    int port_ = 0;
    std::unique_ptr<GroupProcess> process_;
};

}  // namespace coopdec::test
