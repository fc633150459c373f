// @brief create_backup(), restore_backup(): SQLite's backup API for the
// state, recursive copies for the folders.
#include "store/backup.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <sqlite3.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <thread>

namespace fs = std::filesystem;

namespace coopdec::store {
namespace {

constexpr const char* kDatabase = "coopdec.sqlite";

// SQLite's whole database, as one snapshot, from `from` into `to`.
std::optional<std::string> copy_database(const std::string& from, const std::string& to) {
    sqlite3* src = nullptr;
    sqlite3* dst = nullptr;
    auto close_both = [&] {
        if (src) sqlite3_close(src);
        if (dst) sqlite3_close(dst);
    };
    if (sqlite3_open_v2(from.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        std::string why = src ? sqlite3_errmsg(src) : "mémoire insuffisante";
        close_both();
        return "ouverture de « " + from + " » impossible : " + why;
    }
    sqlite3_busy_timeout(src, 5000);
    if (sqlite3_open(to.c_str(), &dst) != SQLITE_OK) {
        std::string why = dst ? sqlite3_errmsg(dst) : "mémoire insuffisante";
        close_both();
        return "création de « " + to + " » impossible : " + why;
    }
    sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) {
        std::string why = sqlite3_errmsg(dst);
        close_both();
        return "copie de « " + from + " » impossible : " + why;
    }
    int rc;
    // All pages in one step: the copy is one read transaction of the
    // source, a snapshot; a writer of the server only waits as long.
    while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    sqlite3_backup_finish(b);
    std::string why = rc == SQLITE_DONE ? std::string() : sqlite3_errstr(rc);
    close_both();
    if (!why.empty()) return "copie de « " + from + " » impossible : " + why;
    return std::nullopt;
}

// `from` into `to`, recursively; the publisher's temporary files are left.
std::optional<std::string> copy_folder(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::create_directories(to, ec);
    if (ec) return "création de « " + to.string() + " » impossible : " + ec.message();
    for (auto it = fs::recursive_directory_iterator(from, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        const fs::path rel = fs::relative(it->path(), from);
        if (it->path().filename().string().rfind(".publication-", 0) == 0) continue;
        if (it->is_directory(ec)) {
            fs::create_directories(to / rel, ec);
        } else if (it->is_regular_file(ec)) {
            fs::copy_file(it->path(), to / rel, fs::copy_options::overwrite_existing, ec);
        }
        if (ec) return "copie de « " + it->path().string() + " » impossible : " + ec.message();
    }
    if (ec) return "lecture de « " + from.string() + " » impossible : " + ec.message();
    return std::nullopt;
}

bool has_entries(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec) && fs::directory_iterator(p, ec) != fs::directory_iterator();
}

std::string originals_of(const BackupPaths& p) {
    return p.originals.empty() ? (fs::path(p.state_dir) / "originals").string() : p.originals;
}

}  // namespace

std::string publication_lock_path(const std::string& state_dir) {
    return (fs::path(state_dir) / "publication.lock").string();
}

PublicationLock::PublicationLock(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) return;
    while (::flock(fd_, LOCK_EX) != 0) {
        if (errno == EINTR) continue;
        ::close(fd_);
        fd_ = -1;
        return;
    }
}

PublicationLock::~PublicationLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
}

std::optional<std::string> create_backup(const BackupPaths& from, const std::string& dest) {
    std::error_code ec;
    if (has_entries(dest)) return "la destination « " + dest + " » existe et n'est pas vide";
    const fs::path db = fs::path(from.state_dir) / kDatabase;
    if (!fs::is_regular_file(db, ec)) return "aucun état à sauvegarder : « " + db.string() + " » est introuvable";
    if (!fs::is_directory(from.corpus, ec)) return "dossier du corpus « " + from.corpus + " » introuvable";
    fs::create_directories(dest, ec);
    if (ec) return "création de « " + dest + " » impossible : " + ec.message();
    {
        PublicationLock lock(publication_lock_path(from.state_dir));
        if (!lock.ok()) return "verrou des publications « " + publication_lock_path(from.state_dir) + " » inaccessible";
        if (auto why = copy_folder(from.corpus, fs::path(dest) / "corpus")) return why;
        // Written last under a temporary name: a backup folder without
        // coopdec.sqlite is an unfinished one.
        const std::string temp = (fs::path(dest) / (std::string(kDatabase) + ".partiel")).string();
        if (auto why = copy_database(db.string(), temp)) return why;
        fs::rename(temp, fs::path(dest) / kDatabase, ec);
        if (ec) return "copie de « " + db.string() + " » impossible : " + ec.message();
    }
    const std::string originals = originals_of(from);
    if (fs::is_directory(originals, ec))
        if (auto why = copy_folder(originals, fs::path(dest) / "originals")) return why;
    ::sync();  // the copy is on disk when the command says it is done
    return std::nullopt;
}

std::optional<std::string> restore_backup(const std::string& src, const BackupPaths& to, bool force) {
    std::error_code ec;
    const fs::path db = fs::path(src) / kDatabase;
    if (!fs::is_regular_file(db, ec))
        return "« " + src + " » n'est pas une sauvegarde complète de coopdec : coopdec.sqlite introuvable";
    const fs::path target_db = fs::path(to.state_dir) / kDatabase;
    const std::string originals = originals_of(to);
    if (!force) {
        if (fs::exists(target_db, ec))
            return "« " + target_db.string() + " » existe déjà : restaurez dans un dossier vide, ou ajoutez --force";
        for (const std::string& folder : {to.corpus, originals})
            if (has_entries(folder))
                return "le dossier « " + folder +
                       " » n'est pas vide : restaurez dans un dossier vide, ou ajoutez --force";
    } else {
        for (const std::string& folder : {to.corpus, originals}) fs::remove_all(folder, ec);
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(target_db.string() + suffix, ec);
    }
    fs::create_directories(to.state_dir, ec);
    if (ec) return "création de « " + to.state_dir + " » impossible : " + ec.message();
    if (auto why = copy_database(db.string(), target_db.string())) return why;
    if (auto why = copy_folder(fs::path(src) / "corpus", to.corpus)) return why;
    if (fs::is_directory(fs::path(src) / "originals", ec))
        if (auto why = copy_folder(fs::path(src) / "originals", originals)) return why;
    ::sync();
    return std::nullopt;
}

}  // namespace coopdec::store
