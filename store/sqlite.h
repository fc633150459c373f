// @brief A small RAII wrapper over SQLite for coopdec's own durable state
// (dossiers; accounts later): one connection, prepared statements,
// transactions. Failures throw SqliteError (a std::runtime_error).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace coopdec::sqlite {

// What SQLite said, with the operation that failed. Messages are for the
// log: a handler answers the user in French without them.
struct SqliteError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Statement;

// One connection. Opened with WAL journalling and synchronous=FULL (a
// commit that returned is on disk, even after kill -9 or a power cut),
// foreign keys on, and a busy timeout so that a second connection (another
// process, the sqlite3 tool) waits instead of failing at once. Not
// thread-safe: one thread at a time (the caller holds a mutex or owns one
// connection per thread).
class Database {
public:
    // Opens (creating when missing) the file at `path`. Throws SqliteError.
    explicit Database(const std::string& path, int busy_timeout_ms = 5000);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Runs one or more statements without results (schema, pragmas).
    void exec(const std::string& sql);
    Statement prepare(std::string_view sql);
    // Rows changed by the last INSERT, UPDATE or DELETE.
    int64_t changes() const;
    int64_t last_insert_rowid() const;
    sqlite3* handle() { return db_; }

private:
    sqlite3* db_ = nullptr;
};

// A prepared statement. bind() positions start at 1; step() returns true
// while a row is available; column() positions start at 0. reset() makes
// it ready to run again (its bindings are kept until rebound).
class Statement {
public:
    Statement(Statement&& other) noexcept : stmt_(other.stmt_), db_(other.db_) { other.stmt_ = nullptr; }
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    ~Statement();

    Statement& bind(int pos, std::string_view text);
    Statement& bind(int pos, int64_t value);
    bool step();
    // Runs a statement that returns no row.
    void run();
    void reset();
    std::string text(int col) const;
    int64_t integer(int col) const;

private:
    friend class Database;
    Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
    sqlite3_stmt* stmt_;
    sqlite3* db_;
};

// BEGIN IMMEDIATE (the write lock is taken at once: no deadlock between two
// writers that both read first); commit() makes it durable; a transaction
// left without commit() — an exception on the way — is rolled back.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

}  // namespace coopdec::sqlite
