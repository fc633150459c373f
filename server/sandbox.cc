// @brief fork, limits, exec; a pidfd (or short naps) to wait with a deadline.
#include "server/sandbox.h"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace coopdec {

std::string SandboxResult::describe() const {
    switch (end) {
        case End::exited:
            return "code " + std::to_string(code);
        case End::signaled: {
            std::string why = code == SIGXCPU                      ? " (limite de temps de calcul)"
                              : code == SIGXFSZ                    ? " (limite de taille de fichier)"
                              : code == SIGKILL                    ? " (tué)"
                              : code == SIGSEGV || code == SIGABRT ? " (mémoire ?)"
                                                                   : "";
            return "tué par le signal " + std::to_string(code) + why;
        }
        case End::timed_out:
            return "arrêté : trop long";
        case End::cancelled:
            return "arrêté : le serveur s'arrête";
        case End::not_started:
            return "non lancé";
    }
    return {};
}

namespace {

// `slack` above the soft limit for the hard one: CPU time past the soft
// limit is SIGXCPU (said as such), past the hard one SIGKILL.
void limit(int resource, uint64_t value, uint64_t slack = 0) {
    rlimit r{static_cast<rlim_t>(value), static_cast<rlim_t>(value + slack)};
    setrlimit(resource, &r);
}

}  // namespace

namespace {

// Everything the child needs, made before fork: after it, in a threaded
// server, only async-signal-safe calls are allowed.
struct Prepared {
    std::vector<std::string> env;
    std::vector<char*> argv, envp;
    std::string program;  // execve wants a path (execvpe is not async-signal-safe everywhere)
    std::string out, err;
    bool become = false;  // switch to uid/gid (the server is root)
    uid_t uid = 0;
    gid_t gid = 0;
    pid_t parent = 0;  // the server: the child dies with it
};

// False when the child must not run: root with no unprivileged user to become.
bool prepare(const SandboxCommand& command, Prepared& p) {
    p.env = {"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=" + command.work_dir, "TMPDIR=" + command.work_dir,
             "LANG=C.UTF-8", "OMP_THREAD_LIMIT=1"};
    p.env.insert(p.env.end(), command.env.begin(), command.env.end());
    for (const auto& a : command.argv) p.argv.push_back(const_cast<char*>(a.c_str()));
    p.argv.push_back(nullptr);
    for (const auto& e : p.env) p.envp.push_back(const_cast<char*>(e.c_str()));
    p.envp.push_back(nullptr);
    p.out = command.stdout_path.empty() ? "/dev/null" : command.stdout_path;
    p.err = command.stderr_path.empty() ? "/dev/null" : command.stderr_path;
    p.program = command.argv[0];
    if (p.program.find('/') == std::string::npos)
        for (const char* dir : {"/usr/local/bin/", "/usr/bin/", "/bin/"})
            if (access((dir + p.program).c_str(), X_OK) == 0) {
                p.program = dir + p.program;
                break;
            }
    p.become = geteuid() == 0 && !command.user.empty() && command.user != "root";
    if (!p.become) return true;
    std::vector<char> buf(16384);
    passwd pw{};
    passwd* found = nullptr;
    if (getpwnam_r(command.user.c_str(), &pw, buf.data(), buf.size(), &found) != 0 || !found || !found->pw_uid)
        return false;
    p.uid = found->pw_uid;
    p.gid = found->pw_gid;
    // Its folder and what is in it are the child's to read and write. A
    // failure shows as the child's own refusal to read or write.
    std::error_code ec;
    if (chown(command.work_dir.c_str(), p.uid, p.gid) != 0) ec.clear();
    for (const auto& entry : std::filesystem::recursive_directory_iterator(command.work_dir, ec))
        if (lchown(entry.path().c_str(), p.uid, p.gid) != 0) ec.clear();
    for (const std::string* f : {&p.out, &p.err})
        if (*f != "/dev/null") {
            int fd = open(f->c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
            if (fd >= 0) {
                if (fchown(fd, p.uid, p.gid) != 0) ec.clear();
                close(fd);
            }
        }
    return true;
}

// In the child, after fork: async-signal-safe calls only; never returns.
[[noreturn]] void become_child(const Prepared& p, const std::string& work_dir, const SandboxLimits& limits) {
    setpgid(0, 0);
    if (p.become && (setgroups(0, nullptr) != 0 || setgid(p.gid) != 0 || setuid(p.uid) != 0)) _exit(126);
    // A server killed outright (kill -9, a crash) takes its converter with
    // it: no orphan keeps writing under the state folder the next start
    // cleans. Set after setuid, which clears it; a parent already gone
    // (ppid changed) is the same case.
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != p.parent) _exit(126);
    if (chdir(work_dir.c_str()) != 0) _exit(126);
    int in_fd = open("/dev/null", O_RDONLY);
    int out_fd = open(p.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err_fd = open(p.err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in_fd < 0 || out_fd < 0 || err_fd < 0) _exit(126);
    dup2(in_fd, 0);
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    if (limits.address_space) limit(RLIMIT_AS, limits.address_space);
    limit(RLIMIT_CPU, static_cast<uint64_t>(limits.cpu_seconds), 5);
    limit(RLIMIT_FSIZE, limits.file_size);
    limit(RLIMIT_CORE, 0);
    // Descriptors the server holds (sockets, the database) stay behind.
    for (int fd = 3; fd < 1024; ++fd) close(fd);
    execve(p.program.c_str(), p.argv.data(), p.envp.data());
    _exit(127);
}

// Waits for `pid` until `deadline` or `cancel`, then kills its group.
// Woken by a pidfd when the child ends (else every 20 ms), every 200 ms
// at most to look at `cancel`.
SandboxResult wait_for(pid_t pid, std::chrono::steady_clock::time_point deadline, const std::atomic<bool>* cancel) {
    SandboxResult result;
    int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
    int status = 0;
    for (;;) {
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid) break;
        if (done < 0 && errno != EINTR) break;
        auto now = std::chrono::steady_clock::now();
        bool cancelled = cancel && cancel->load();
        if (now >= deadline || cancelled) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            result.end = cancelled ? SandboxResult::End::cancelled : SandboxResult::End::timed_out;
            break;
        }
        int wait_ms = static_cast<int>(std::min<long long>(
            200, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count() + 1));
        if (pidfd >= 0) {
            pollfd pfd{pidfd, POLLIN, 0};
            poll(&pfd, 1, wait_ms);
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(std::min(wait_ms, 20)));
        }
    }
    if (pidfd >= 0) close(pidfd);
    // What the converter left running (LibreOffice's helpers) goes too.
    kill(-pid, SIGKILL);
    if (result.end == SandboxResult::End::not_started) {
        if (WIFEXITED(status)) {
            result.end = SandboxResult::End::exited;
            result.code = WEXITSTATUS(status);
        } else if (WIFSIGNALED(status)) {
            result.end = SandboxResult::End::signaled;
            result.code = WTERMSIG(status);
        }
    }
    return result;
}

}  // namespace

SandboxResult run_sandboxed(const SandboxCommand& command, const SandboxLimits& limits,
                            const std::atomic<bool>* cancel) {
    Prepared p;
    if (command.argv.empty() || !prepare(command, p)) return {};
    p.parent = getpid();
    auto t0 = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid < 0) return {};
    if (pid == 0) become_child(p, command.work_dir, limits);
    setpgid(pid, pid);  // also from here: no race with a kill of the group
    SandboxResult result = wait_for(pid, t0 + std::chrono::seconds(limits.wall_seconds), cancel);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return result;
}

}  // namespace coopdec
