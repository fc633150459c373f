// @brief The publication history in SQLite (see history.h).
#include "store/history.h"

#include <ctime>

namespace coopdec::store {
namespace {

// `state`: 'pending' from begin() to finish(), then 'done'. `previous` is
// NULL for a file that did not exist before the publication.
const char* const kHistorySchema =
    "CREATE TABLE IF NOT EXISTS publications ("
    "  id INTEGER PRIMARY KEY,"
    "  account INTEGER NOT NULL,"
    "  login TEXT NOT NULL,"
    "  at INTEGER NOT NULL,"
    "  summary TEXT NOT NULL,"
    "  state TEXT NOT NULL CHECK (state IN ('pending', 'done')));"
    "CREATE INDEX IF NOT EXISTS publications_state ON publications(state);"
    "CREATE TABLE IF NOT EXISTS publication_files ("
    "  publication INTEGER NOT NULL REFERENCES publications(id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  path TEXT NOT NULL,"
    "  doc_id TEXT NOT NULL,"
    "  content TEXT NOT NULL,"
    "  removed INTEGER NOT NULL,"
    "  previous TEXT,"
    "  PRIMARY KEY (publication, position));"
    "CREATE INDEX IF NOT EXISTS publication_files_doc ON publication_files(doc_id);"
    "CREATE INDEX IF NOT EXISTS publication_files_path ON publication_files(path);";

}  // namespace

History::History(const std::string& folder) : db_(folder + "/coopdec.sqlite") { db_.exec(kHistorySchema); }

int64_t History::begin(int64_t account, const std::string& login, const std::string& summary,
                       const std::vector<PublishedFile>& files, int64_t at) {
    std::lock_guard<std::mutex> lock(mutex_);
    sqlite::Transaction tx(db_);
    db_.prepare("INSERT INTO publications (account, login, at, summary, state) VALUES (?, ?, ?, ?, 'pending')")
        .bind(1, account)
        .bind(2, login)
        .bind(3, at != 0 ? at : static_cast<int64_t>(std::time(nullptr)))
        .bind(4, summary)
        .run();
    const int64_t id = db_.last_insert_rowid();
    int64_t position = 0;
    for (const auto& f : files) {
        // The previous content is bound only when there is one: NULL says
        // « a new file », which an empty file is not.
        auto st = db_.prepare(f.previous ? "INSERT INTO publication_files VALUES (?, ?, ?, ?, ?, ?, ?)"
                                         : "INSERT INTO publication_files VALUES (?, ?, ?, ?, ?, ?, NULL)");
        st.bind(1, id).bind(2, position++).bind(3, f.path).bind(4, f.doc_id).bind(5, f.content);
        st.bind(6, static_cast<int64_t>(f.removed ? 1 : 0));
        if (f.previous) st.bind(7, *f.previous);
        st.run();
    }
    tx.commit();
    return id;
}

void History::finish(int64_t id) {
    std::lock_guard<std::mutex> lock(mutex_);
    db_.prepare("UPDATE publications SET state = 'done' WHERE id = ?").bind(1, id).run();
}

std::vector<PublishedFile> History::files_of(int64_t id, const std::string& where, const std::string& value) {
    auto st = db_.prepare(
        "SELECT path, doc_id, content, removed, previous IS NOT NULL, coalesce(previous, '') FROM publication_files "
        "WHERE publication = ?" +
        where + " ORDER BY position");
    st.bind(1, id);
    if (!where.empty()) st.bind(2, value);
    std::vector<PublishedFile> out;
    while (st.step()) {
        PublishedFile f;
        f.path = st.text(0);
        f.doc_id = st.text(1);
        f.content = st.text(2);
        f.removed = st.integer(3) != 0;
        if (st.integer(4) != 0) f.previous = st.text(5);
        out.push_back(std::move(f));
    }
    return out;
}

std::vector<Publication> History::list(const std::string& where, const std::string& value) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string sql = "SELECT id, account, login, at, summary, state = 'done' FROM publications WHERE ";
    if (where.empty())
        sql += "state = 'pending' ORDER BY id";
    else
        sql += "state = 'done' AND id IN (SELECT publication FROM publication_files WHERE " + where +
               " = ?) ORDER BY id DESC";
    auto st = db_.prepare(sql);
    if (!where.empty()) st.bind(1, value);
    std::vector<Publication> out;
    while (st.step()) {
        Publication p;
        p.id = st.integer(0);
        p.account = st.integer(1);
        p.login = st.text(2);
        p.at = st.integer(3);
        p.summary = st.text(4);
        p.done = st.integer(5) != 0;
        out.push_back(std::move(p));
    }
    for (auto& p : out) p.files = files_of(p.id, where.empty() ? "" : " AND " + where + " = ?", value);
    return out;
}

std::vector<Publication> History::pending() { return list("", ""); }

std::vector<Publication> History::for_document(const std::string& doc_id) { return list("doc_id", doc_id); }

std::vector<Publication> History::for_path(const std::string& path) { return list("path", path); }

std::optional<Publication> History::get(int64_t id) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto st = db_.prepare("SELECT account, login, at, summary, state = 'done' FROM publications WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    Publication p;
    p.id = id;
    p.account = st.integer(0);
    p.login = st.text(1);
    p.at = st.integer(2);
    p.summary = st.text(3);
    p.done = st.integer(4) != 0;
    p.files = files_of(id, "", "");
    return p;
}

std::optional<PublishedFile> History::file_at(int64_t id, const std::string& path) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<PublishedFile> files = files_of(id, " AND path = ?", path);
    if (files.empty()) return std::nullopt;
    return files.front();
}

}  // namespace coopdec::store
