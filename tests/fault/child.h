// @brief A child process for the fault tests (coopdec-index, coopdec-search,
// a generator): its stdout read line by line as it comes, by poll with a
// deadline, never by sleeping; SIGKILL at any line; exit status and stderr at
// the end. (Not its peak memory: a child of posix_spawn inherits the test
// process's resident set in its rusage; see tests/fault/shim.c.)
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace coopdec::test {

class Child {
public:
    // Runs `program` (a path) with `args`; `env` adds or overrides
    // "NAME=value" entries of this process's environment.
    Child(const std::string& program, std::vector<std::string> args, const std::vector<std::string>& env = {}) {
        int out[2];
        if (pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe2");
        err_ = std::tmpfile();
        if (!err_) throw std::runtime_error("tmpfile");
        fcntl(fileno(err_), F_SETFD, FD_CLOEXEC);  // only this child gets it, as its fd 2
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_adddup2(&fa, out[1], 1);
        posix_spawn_file_actions_adddup2(&fa, fileno(err_), 2);
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);

        std::vector<std::string> environment;
        for (char** e = environ; *e; ++e) {
            std::string entry = *e;
            bool overridden = false;
            for (const auto& o : env)
                if (entry.compare(0, o.find('=') + 1, o, 0, o.find('=') + 1) == 0) overridden = true;
            if (!overridden) environment.push_back(entry);
        }
        environment.insert(environment.end(), env.begin(), env.end());
        std::vector<char*> envp;
        for (auto& e : environment) envp.push_back(e.data());
        envp.push_back(nullptr);

        args.insert(args.begin(), program);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        int rc = posix_spawn(&pid_, program.c_str(), &fa, nullptr, argv.data(), envp.data());
        posix_spawn_file_actions_destroy(&fa);
        close(out[1]);
        out_ = out[0];
        if (rc != 0) {
            close(out_);
            std::fclose(err_);
            throw std::runtime_error("posix_spawn " + program);
        }
    }
    ~Child() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        if (out_ >= 0) close(out_);
        if (err_) std::fclose(err_);
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    pid_t pid() const { return pid_; }

    // The next line of stdout (without its '\n'); nothing at end of output
    // or when `timeout` has passed.
    std::optional<std::string> read_line(std::chrono::milliseconds timeout = std::chrono::seconds(120)) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        while (true) {
            size_t nl = buffer_.find('\n');
            if (nl != std::string::npos) {
                std::string line = buffer_.substr(0, nl);
                buffer_.erase(0, nl + 1);
                return line;
            }
            auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) return std::nullopt;
            pollfd p{out_, POLLIN, 0};
            int n = poll(&p, 1, static_cast<int>(left.count()));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return std::nullopt;
            char chunk[4096];
            ssize_t got = read(out_, chunk, sizeof chunk);
            if (got < 0 && errno == EINTR) continue;
            if (got <= 0) return std::nullopt;
            buffer_.append(chunk, static_cast<size_t>(got));
        }
    }

    void kill(int sig = SIGKILL) { ::kill(pid_, sig); }

    // Waits for the end (reading what is left of stdout into `rest`).
    // Returns the exit status, or 128 + the signal that ended it.
    int wait() {
        while (auto line = read_line()) rest += *line + '\n';
        rest += buffer_;
        buffer_.clear();
        int status = 0;
        if (waitpid(pid_, &status, 0) < 0) throw std::runtime_error("waitpid");
        pid_ = -1;
        std::rewind(err_);
        char chunk[4096];
        size_t n;
        while ((n = std::fread(chunk, 1, sizeof chunk, err_)) > 0) err.append(chunk, n);
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

    std::string rest;  // stdout not read by read_line(), after wait()
    std::string err;   // all of stderr, after wait()

private:
    pid_t pid_ = -1;
    int out_ = -1;
    std::FILE* err_ = nullptr;
    std::string buffer_;
};

// Runs to the end; `out` gets all of stdout.
inline int run(const std::string& program, const std::vector<std::string>& args, std::string& out, std::string& err,
               const std::vector<std::string>& env = {}) {
    Child c(program, args, env);
    int status = c.wait();
    out = c.rest;
    err = c.err;
    return status;
}

}  // namespace coopdec::test
