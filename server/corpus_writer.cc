// @brief write_durably(), remove_durably(): POSIX calls, each result
// checked, so that a failed write never replaces the previous file.
#include "server/corpus_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace coopdec {
namespace {

std::string reason(const std::string& what, const std::string& path, int err) {
    return what + " « " + path + " » impossible : " + std::strerror(err);
}

// The rename (or the unlink) is durable only once the folder's entry is:
// fsync of the folder itself.
std::optional<std::string> sync_folder(const std::string& folder) {
    int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return reason("ouverture du dossier", folder, errno);
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0) return reason("synchronisation du dossier", folder, err);
    return std::nullopt;
}

}  // namespace

std::optional<std::string> write_durably(const std::string& dir, const std::string& rel, const std::string& content) {
    const fs::path target = fs::path(dir) / rel;
    const std::string folder = target.parent_path().string();
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) return "création du dossier « " + folder + " » impossible : " + ec.message();
    std::string temp = folder + "/.publication-XXXXXX";
    int fd = ::mkstemp(temp.data());
    if (fd < 0) return reason("création d'un fichier temporaire dans", folder, errno);
    auto fail = [&](const std::string& what) {
        int err = errno;
        ::close(fd);
        ::unlink(temp.c_str());
        return reason(what, target.string(), err);
    };
    // The corpus is read by other users (coopdec-index run by an operator):
    // the mode of a file written by hand, not mkstemp's 0600.
    if (::fchmod(fd, 0644) != 0) return fail("droits du fichier");
    for (std::size_t done = 0; done < content.size();) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return fail("écriture de");
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) return fail("synchronisation de");
    if (::close(fd) != 0) {
        int err = errno;
        ::unlink(temp.c_str());
        return reason("écriture de", target.string(), err);
    }
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        int err = errno;
        ::unlink(temp.c_str());
        return reason("remplacement de", target.string(), err);
    }
    return sync_folder(folder);
}

std::optional<std::string> remove_durably(const std::string& dir, const std::string& rel) {
    const fs::path target = fs::path(dir) / rel;
    if (::unlink(target.c_str()) != 0 && errno != ENOENT) return reason("suppression de", target.string(), errno);
    std::error_code ec;
    if (!fs::is_directory(target.parent_path(), ec)) return std::nullopt;
    return sync_folder(target.parent_path().string());
}

std::optional<std::string> read_corpus_file(const std::string& dir, const std::string& rel) {
    std::ifstream in(fs::path(dir) / rel, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream body;
    body << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return body.str();
}

}  // namespace coopdec
