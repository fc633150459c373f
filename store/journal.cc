// @brief The append-only journal (see journal.h).
#include "store/journal.h"

namespace coopdec::store {
namespace {

// The triggers make the table append-only at the database's level: a bug
// in the server, or a hand on the sqlite3 tool, cannot rewrite the past.
const char* kJournalSchema =
    "CREATE TABLE IF NOT EXISTS journal ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  at INTEGER NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  event TEXT NOT NULL,"
    "  subject TEXT NOT NULL,"
    "  address TEXT NOT NULL,"
    "  detail TEXT NOT NULL);"
    "CREATE TRIGGER IF NOT EXISTS journal_no_update BEFORE UPDATE ON journal"
    "  BEGIN SELECT RAISE(ABORT, 'le journal ne se modifie pas'); END;"
    "CREATE TRIGGER IF NOT EXISTS journal_no_delete BEFORE DELETE ON journal"
    "  BEGIN SELECT RAISE(ABORT, 'le journal ne s''efface pas'); END;";

}  // namespace

Journal::Journal(sqlite::Database& db) : db_(db) { db_.exec(kJournalSchema); }

void Journal::record(int64_t at, const std::string& actor, const std::string& event, const std::string& subject,
                     const std::string& address, const std::string& detail) {
    db_.prepare("INSERT INTO journal(at, actor, event, subject, address, detail) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, at)
        .bind(2, actor)
        .bind(3, event)
        .bind(4, subject)
        .bind(5, address)
        .bind(6, detail)
        .run();
}

std::vector<JournalEntry> Journal::recent(size_t limit, int64_t before) {
    auto st = db_.prepare(
        "SELECT id, at, actor, event, subject, address, detail FROM journal WHERE (? = 0 OR id < ?) "
        "ORDER BY id DESC LIMIT ?");
    st.bind(1, before).bind(2, before).bind(3, static_cast<int64_t>(limit));
    std::vector<JournalEntry> out;
    while (st.step())
        out.push_back(
            JournalEntry{st.integer(0), st.integer(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6)});
    return out;
}

}  // namespace coopdec::store
