// @brief Running a converter (pdftotext, ocrmypdf, coopdec-import…) on an
// uploaded file as a confined child: no shell, its own process group, a
// private working folder, limits on memory, CPU time, written file size
// and wall-clock time, and an unprivileged user when the server is root.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace coopdec {

struct SandboxLimits {
    int wall_seconds = 300;               // then the whole process group is killed
    int cpu_seconds = 300;                // RLIMIT_CPU
    uint64_t address_space = 4ull << 30;  // RLIMIT_AS (LibreOffice reserves much); 0: none
    uint64_t file_size = 512ull << 20;    // RLIMIT_FSIZE: any file it writes
};

struct SandboxCommand {
    std::vector<std::string> argv;         // argv[0] looked up in PATH
    std::string work_dir;                  // its current folder; made the user's when root
    std::string stdout_path, stderr_path;  // files (created, truncated); "" → /dev/null
    // Replaces the environment: PATH, HOME=work_dir, LANG=C.UTF-8,
    // TMPDIR=work_dir and OMP_THREAD_LIMIT=1 are always set; these are added.
    std::vector<std::string> env;
    // When the server runs as root: the user the child becomes (nobody by
    // default). Ignored otherwise: the child is the server's own user.
    std::string user = "nobody";
};

struct SandboxResult {
    enum class End { exited, signaled, timed_out, cancelled, not_started } end = End::not_started;
    int code = -1;  // exit status, or the signal
    double seconds = 0;
    bool ok() const { return end == End::exited && code == 0; }
    // For the log: « code 1 », « tué par le signal 24 (limite de temps de calcul) »…
    std::string describe() const;
};

// Runs `command` and waits for it (at most limits.wall_seconds, or until
// `cancel` becomes true: both kill the process group). Whatever the
// outcome, every process of the group is killed before returning (a
// converter's leftover children too). Callable from any thread.
SandboxResult run_sandboxed(const SandboxCommand& command, const SandboxLimits& limits,
                            const std::atomic<bool>* cancel = nullptr);

}  // namespace coopdec
