// @brief The SQLite wrapper (see sqlite.h).
#include "store/sqlite.h"

#include <sqlite3.h>

namespace coopdec::sqlite {
namespace {

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
    throw SqliteError("sqlite : " + what + " : " + (db ? sqlite3_errmsg(db) : "mémoire insuffisante"));
}

}  // namespace

Database::Database(const std::string& path, int busy_timeout_ms) {
    int rc =
        sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string message =
            "sqlite : ouverture de " + path + " : " + (db_ ? sqlite3_errmsg(db_) : "mémoire insuffisante");
        sqlite3_close(db_);
        db_ = nullptr;
        throw SqliteError(message);
    }
    sqlite3_busy_timeout(db_, busy_timeout_ms);
    try {
        // WAL: readers do not block the writer. synchronous=FULL: in WAL mode
        // NORMAL may lose the last commits on a power cut; FULL syncs the
        // log at each commit, so an acknowledged save is on disk.
        exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
    } catch (...) {
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

Database::~Database() {
    if (db_) sqlite3_close_v2(db_);
}

void Database::exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string m = message ? message : "erreur inconnue";
        sqlite3_free(message);
        throw SqliteError("sqlite : " + m + " (" + sql.substr(0, 60) + ")");
    }
}

Statement Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
        fail(db_, "préparation de « " + std::string(sql.substr(0, 60)) + " »");
    return Statement(stmt, db_);
}

int64_t Database::changes() const { return sqlite3_changes(db_); }
int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

Statement::~Statement() {
    if (stmt_) sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int pos, std::string_view text) {
    if (sqlite3_bind_text(stmt_, pos, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        fail(db_, "paramètre " + std::to_string(pos));
    return *this;
}

Statement& Statement::bind(int pos, int64_t value) {
    if (sqlite3_bind_int64(stmt_, pos, value) != SQLITE_OK) fail(db_, "paramètre " + std::to_string(pos));
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    std::string sql = sqlite3_sql(stmt_) ? sqlite3_sql(stmt_) : "";
    sqlite3_reset(stmt_);
    fail(db_, "exécution de « " + sql.substr(0, 60) + " »");
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() { sqlite3_reset(stmt_); }

std::string Statement::text(int col) const {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    int n = sqlite3_column_bytes(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
}

int64_t Statement::integer(int col) const { return sqlite3_column_int64(stmt_, col); }

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (done_) return;
    try {
        db_.exec("ROLLBACK");
    } catch (...) {
        // A failed COMMIT may already have rolled back: nothing left to undo.
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

}  // namespace coopdec::sqlite
