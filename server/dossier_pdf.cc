// @brief Running WeasyPrint: spawn, feed, read, bound, reap.
#include "server/dossier_pdf.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

extern char** environ;

namespace coopdec {
namespace {

std::atomic<int> running{0};

// Counts this conversion among the running ones for its lifetime.
struct Slot {
    bool taken;
    explicit Slot(int max) : taken(running.fetch_add(1) < max) {}
    ~Slot() { running.fetch_sub(1); }
};

// A private folder (0700) removed with everything in it on scope exit.
struct TempDir {
    std::string path;
    TempDir() {
        const char* base = std::getenv("TMPDIR");
        std::string tmpl = std::string(base && *base ? base : "/tmp") + "/coopdec-pdf-XXXXXX";
        std::vector<char> buf(tmpl.begin(), tmpl.end());
        buf.push_back('\0');
        if (mkdtemp(buf.data())) path = buf.data();
    }
    ~TempDir() {
        std::error_code ec;
        if (!path.empty()) std::filesystem::remove_all(path, ec);
    }
};

struct Pipe {
    int fd[2] = {-1, -1};
    bool open() { return pipe2(fd, O_CLOEXEC) == 0; }
    void close_end(int i) {
        if (fd[i] >= 0) ::close(fd[i]);
        fd[i] = -1;
    }
    ~Pipe() {
        close_end(0);
        close_end(1);
    }
};

// The last non-empty line of the tool's error output: what the log keeps.
std::string last_line(const std::string& s) {
    size_t end = s.find_last_not_of("\n ");
    if (end == std::string::npos) return {};
    size_t start = s.rfind('\n', end);
    return s.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

}  // namespace

PdfResult html_to_pdf(const std::string& html, const PdfOptions& opt) {
    PdfResult r;
    Slot slot(opt.max_running);
    if (!slot.taken) {
        r.status = PdfResult::Status::busy;
        return r;
    }
    TempDir dir;
    if (dir.path.empty()) {
        r.detail = std::string("mkdtemp: ") + std::strerror(errno);
        return r;
    }
    Pipe in, out, err;
    if (!in.open() || !out.open() || !err.open()) {
        r.detail = std::string("pipe2: ") + std::strerror(errno);
        return r;
    }

    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in.fd[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out.fd[1], 1);
    posix_spawn_file_actions_adddup2(&fa, err.fd[1], 2);
    posix_spawn_file_actions_addchdir_np(&fa, dir.path.c_str());
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // Its own process group, so that a timeout kills whatever it started;
    // default signal dispositions and an empty mask whatever the server set.
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGINT);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    // --base-url: relative references resolve inside the empty folder;
    // --encoding: the HTML comes on stdin, without a file name to guess from.
    std::vector<std::string> args{opt.program, "--quiet",    "--encoding",   "utf-8", "--media-type",
                                  "print",     "--base-url", dir.path + "/", "-",     "-"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    int rc = posix_spawnp(&pid, opt.program.c_str(), &fa, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        r.status = rc == ENOENT ? PdfResult::Status::missing_tool : PdfResult::Status::failed;
        r.detail = opt.program + ": " + std::strerror(rc);
        return r;
    }
    in.close_end(0);
    out.close_end(1);
    err.close_end(1);
    fcntl(in.fd[1], F_SETFL, O_NONBLOCK);

    // Feed stdin and drain stdout and stderr together: a tool that writes
    // before it has read everything would otherwise block us both.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(opt.timeout_ms);
    size_t written = 0;
    std::string errors;
    bool killed = false;
    if (html.empty()) in.close_end(1);
    char buf[65536];
    while (out.fd[0] >= 0 || err.fd[0] >= 0) {
        int left = static_cast<int>(
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count());
        if (left <= 0) {
            r.status = PdfResult::Status::timeout;
            killed = true;
            break;
        }
        pollfd p[3] = {{in.fd[1], POLLOUT, 0}, {out.fd[0], POLLIN, 0}, {err.fd[0], POLLIN, 0}};
        int n = poll(p, 3, left);
        if (n < 0 && errno != EINTR) break;
        if (n <= 0) continue;
        if (in.fd[1] >= 0 && (p[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t w = write(in.fd[1], html.data() + written, html.size() - written);
            if (w > 0) written += static_cast<size_t>(w);
            if ((w < 0 && errno != EAGAIN && errno != EINTR) || written == html.size()) in.close_end(1);
        }
        for (int i : {1, 2}) {
            int& fd = i == 1 ? out.fd[0] : err.fd[0];
            if (fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            ssize_t got = read(fd, buf, sizeof buf);
            if (got > 0) {
                if (i == 1)
                    r.pdf.append(buf, static_cast<size_t>(got));
                else if (errors.size() < 65536)
                    errors.append(buf, static_cast<size_t>(got));
            } else if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
                ::close(fd);
                fd = -1;
            }
        }
        if (r.pdf.size() > opt.max_bytes) {
            r.status = PdfResult::Status::too_large;
            killed = true;
            break;
        }
    }
    if (killed) kill(-pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (killed) {
        r.pdf.clear();
        r.detail = opt.program + (r.status == PdfResult::Status::timeout ? " : délai dépassé" : " : PDF trop gros");
        return r;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || r.pdf.compare(0, 5, "%PDF-") != 0) {
        r.status = PdfResult::Status::failed;
        r.detail = opt.program + " : " +
                   (WIFEXITED(status) ? "code " + std::to_string(WEXITSTATUS(status)) : "signal") + " " +
                   last_line(errors);
        r.pdf.clear();
        return r;
    }
    r.status = PdfResult::Status::ok;
    return r;
}

}  // namespace coopdec
