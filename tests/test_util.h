// @brief Helpers shared by the tests: temporary folders and files.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <stdexcept>
#include <string>

namespace coopdec::test {

// A fresh folder under the system's temp dir, removed with the object.
class TempDir {
public:
    TempDir() {
        std::string templ = (std::filesystem::temp_directory_path() / "coopdec-test-XXXXXX").string();
        if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
        path_ = templ;
        // Readable by the unprivileged user a server started as root turns
        // into (coopdec-server --user, nobody by default).
        std::filesystem::permissions(path_, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                                std::filesystem::perms::group_exec |
                                                std::filesystem::perms::others_read |
                                                std::filesystem::perms::others_exec);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string path() const { return path_.string(); }
    std::string operator/(const std::string& rel) const { return (path_ / rel).string(); }

    // Writes `contents` to `rel` (creating folders) and returns its path.
    std::string write(const std::string& rel, const std::string& contents) const {
        auto p = path_ / rel;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << contents;
        return p.string();
    }

private:
    std::filesystem::path path_;
};

inline std::string source_dir() { return COOPDEC_SOURCE_DIR; }

// The study's introduction as extracted from its PDF, mis-decoded
// characters included (../shared/seed/ beside the repository).
inline std::string seed_file() { return source_dir() + "/../shared/seed/000_f01667c1f19d4dff.txt"; }

// `s` as one word of a POSIX shell command line.
inline std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// Runs a shell command, returns what it wrote (stdout, and stderr when the
// command redirects it) and sets `exit_status`.
inline std::string run_command(const std::string& command, int& exit_status) {
    std::FILE* p = popen(command.c_str(), "r");
    if (!p) throw std::runtime_error("popen failed: " + command);
    std::string out;
    char buf[1024];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    int status = pclose(p);
    exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

// What was written to `f` (a std::tmpfile() given as a log), from its
// start; closes it.
inline std::string read_and_close(std::FILE* f) {
    std::rewind(f);
    std::string out;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    std::fclose(f);
    return out;
}

// Whether `part` occurs in `s`.
inline bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// How many times `part` occurs in `s`, without overlaps.
inline size_t occurrences(const std::string& s, const std::string& part) {
    size_t n = 0;
    for (size_t at = s.find(part); at != std::string::npos; at = s.find(part, at + part.size())) ++n;
    return n;
}

// `s` with each run of white space (pdftotext's line and page breaks
// included) as one space, and none at either end.
inline std::string squeeze(const std::string& s) {
    std::string out;
    for (char c : s) {
        bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// The bytes of a file; empty when it cannot be read.
inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The folder `dir`/corpus, holding copies of `files` (paths under the
// bundled corpus/, copied under their file names): a part of the corpus.
inline std::string copy_corpus_files(const TempDir& dir, std::initializer_list<const char*> files) {
    std::string corpus = dir / "corpus";
    std::filesystem::create_directories(corpus);
    for (const char* f : files)
        std::filesystem::copy_file(source_dir() + "/corpus/" + f,
                                   corpus + "/" + std::filesystem::path(f).filename().string());
    return corpus;
}

// A program of this build (bin/NAME), quoted for a shell command line.
inline std::string bin(const std::string& name) { return shell_quote(std::string(COOPDEC_BIN_DIR) + "/" + name); }

}  // namespace coopdec::test
