// @brief Drafts, submissions and decisions in SQLite.
#include "store/submissions.h"

#include <array>

namespace coopdec::store {
namespace {

// One row per submission; the communes it concerns in a table of their own
// so that a contributor's list is an indexed lookup, not a scan of text.
const char* const kSchema =
    "CREATE TABLE IF NOT EXISTS submissions ("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL,"
    "  state TEXT NOT NULL,"
    "  author INTEGER NOT NULL,"
    "  path TEXT NOT NULL,"
    "  doc_id TEXT NOT NULL DEFAULT '',"
    "  title TEXT NOT NULL DEFAULT '',"
    "  payload TEXT NOT NULL DEFAULT '',"
    "  base TEXT NOT NULL DEFAULT '',"
    "  upload INTEGER NOT NULL DEFAULT 0,"
    "  comment TEXT NOT NULL DEFAULT '',"
    "  reviewer INTEGER NOT NULL DEFAULT 0,"
    "  created INTEGER NOT NULL,"
    "  updated INTEGER NOT NULL,"
    "  decided INTEGER NOT NULL DEFAULT 0,"
    "  publication INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX IF NOT EXISTS submissions_state ON submissions(state, id);"
    "CREATE INDEX IF NOT EXISTS submissions_author ON submissions(author, id);"
    "CREATE TABLE IF NOT EXISTS submission_communes ("
    "  submission INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,"
    "  commune TEXT NOT NULL,"
    "  PRIMARY KEY (submission, commune));"
    "CREATE INDEX IF NOT EXISTS submission_communes_commune ON submission_communes(commune, submission);";

// Every column but the payload, in the order read_row() reads them.
const char* const kColumns =
    "id, kind, state, author, path, doc_id, title, base, upload, comment, reviewer, created, updated, decided, "
    "publication";

struct Names {
    SubmissionState state;
    const char* stored;
    const char* label;
};
constexpr std::array<Names, 4> kStates = {{
    {SubmissionState::draft, "brouillon", "Brouillon"},
    {SubmissionState::submitted, "soumis", "Soumis"},
    {SubmissionState::accepted, "accepte", "Accepté"},
    {SubmissionState::rejected, "refuse", "Refusé"},
}};

size_t utf8_chars(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

bool has_control(std::string_view s) {
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7F) return true;
    return false;
}

// A path under the corpus folder: relative, made of plain names (letters,
// digits, '.', '-', '_'), no empty, "." or ".." part. The publisher checks
// the folder too; a path that could leave the corpus never gets stored.
bool plain_relative_path(std::string_view path) {
    if (path.empty() || path.size() > 255 || path.front() == '/') return false;
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        std::string_view part = path.substr(start, end - start);
        if (part.empty() || part == "." || part == "..") return false;
        for (char c : part) {
            bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                         c == '-' || c == '_';
            if (!plain) return false;
        }
        start = end + 1;
    }
    return true;
}

std::optional<SubmissionError> check_fields(const Submission& s) {
    if (!plain_relative_path(s.path))
        return SubmissionError{400, "chemin de fichier refusé : « " + s.path + " » n'est pas un chemin du corpus"};
    if (s.communes.empty() || s.communes.size() > 20)
        return SubmissionError{400, "une contribution concerne de 1 à 20 communes"};
    for (const std::string& c : s.communes)
        if (c.empty() || c.size() > 100 || has_control(c)) return SubmissionError{400, "commune illisible"};
    if (utf8_chars(s.title) > SubmissionStore::kMaxTitleChars || has_control(s.title))
        return SubmissionError{400, "titre trop long (au plus " + std::to_string(SubmissionStore::kMaxTitleChars) +
                                        " caractères) ou illisible"};
    if (s.payload.size() > SubmissionStore::kMaxPayloadBytes)
        return SubmissionError{413, "contribution trop volumineuse (au plus " +
                                        std::to_string(SubmissionStore::kMaxPayloadBytes >> 20) + " Mio)"};
    if (s.doc_id.size() > 200 || has_control(s.doc_id)) return SubmissionError{400, "identifiant illisible"};
    return std::nullopt;
}

Submission read_row(const sqlite::Statement& q) {
    Submission s;
    s.id = q.integer(0);
    s.kind = kind_from_name(q.text(1)).value_or(SubmissionKind::record);
    s.state = state_from_name(q.text(2)).value_or(SubmissionState::draft);
    s.author = q.integer(3);
    s.path = q.text(4);
    s.doc_id = q.text(5);
    s.title = q.text(6);
    s.base = q.text(7);
    s.upload = q.integer(8);
    s.comment = q.text(9);
    s.reviewer = q.integer(10);
    s.created = q.integer(11);
    s.updated = q.integer(12);
    s.decided = q.integer(13);
    s.publication = q.integer(14);
    return s;
}

std::vector<std::string> communes_of(sqlite::Database& db, int64_t id) {
    std::vector<std::string> out;
    sqlite::Statement q = db.prepare("SELECT commune FROM submission_communes WHERE submission = ? ORDER BY rowid");
    q.bind(1, id);
    while (q.step()) out.push_back(q.text(0));
    return out;
}

void write_communes(sqlite::Database& db, int64_t id, const std::vector<std::string>& communes) {
    sqlite::Statement del = db.prepare("DELETE FROM submission_communes WHERE submission = ?");
    del.bind(1, id).run();
    sqlite::Statement ins = db.prepare("INSERT OR IGNORE INTO submission_communes (submission, commune) VALUES (?, ?)");
    for (const std::string& c : communes) {
        ins.reset();
        ins.bind(1, id).bind(2, c).run();
    }
}

std::vector<Submission> list(sqlite::Database& db, sqlite::Statement& q) {
    std::vector<Submission> out;
    while (q.step()) out.push_back(read_row(q));
    for (Submission& s : out) s.communes = communes_of(db, s.id);
    return out;
}

SubmissionError not_found(int64_t id) { return SubmissionError{404, "aucune contribution n° " + std::to_string(id)}; }

}  // namespace

std::string_view kind_name(SubmissionKind kind) { return kind == SubmissionKind::record ? "fiche" : "document"; }

std::optional<SubmissionKind> kind_from_name(std::string_view name) {
    if (name == "fiche") return SubmissionKind::record;
    if (name == "document") return SubmissionKind::document;
    return std::nullopt;
}

std::string_view state_name(SubmissionState state) {
    for (const Names& n : kStates)
        if (n.state == state) return n.stored;
    return "brouillon";
}

std::optional<SubmissionState> state_from_name(std::string_view name) {
    for (const Names& n : kStates)
        if (name == n.stored) return n.state;
    return std::nullopt;
}

std::string_view state_label(SubmissionState state) {
    for (const Names& n : kStates)
        if (n.state == state) return n.label;
    return "Brouillon";
}

SubmissionStore::SubmissionStore(const std::string& folder) : db_(folder + "/coopdec.sqlite") { db_.exec(kSchema); }

std::variant<int64_t, SubmissionError> SubmissionStore::create(const Submission& s, int64_t now) {
    if (auto err = check_fields(s)) return *err;
    std::lock_guard<std::mutex> lock(mutex_);
    sqlite::Transaction t(db_);
    sqlite::Statement q = db_.prepare(
        "INSERT INTO submissions (kind, state, author, path, doc_id, title, payload, base, upload, created, updated) "
        "VALUES (?, 'brouillon', ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, kind_name(s.kind))
        .bind(2, s.author)
        .bind(3, s.path)
        .bind(4, s.doc_id)
        .bind(5, s.title)
        .bind(6, s.payload)
        .bind(7, s.base)
        .bind(8, s.upload)
        .bind(9, now)
        .bind(10, now)
        .run();
    int64_t id = db_.last_insert_rowid();
    write_communes(db_, id, s.communes);
    t.commit();
    return id;
}

std::optional<SubmissionError> SubmissionStore::amend(int64_t id, const Submission& s, int64_t now) {
    if (auto err = check_fields(s)) return err;
    std::lock_guard<std::mutex> lock(mutex_);
    sqlite::Transaction t(db_);
    sqlite::Statement st = db_.prepare("SELECT state FROM submissions WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return not_found(id);
    SubmissionState state = state_from_name(st.text(0)).value_or(SubmissionState::accepted);
    if (state != SubmissionState::draft && state != SubmissionState::rejected)
        return SubmissionError{403, "cette contribution est « " + std::string(state_label(state)) +
                                        " » : elle ne peut plus être modifiée"};
    sqlite::Statement q = db_.prepare(
        "UPDATE submissions SET state = 'brouillon', path = ?, doc_id = ?, title = ?, payload = ?, base = ?, "
        "updated = ? WHERE id = ?");
    q.bind(1, s.path).bind(2, s.doc_id).bind(3, s.title).bind(4, s.payload).bind(5, s.base).bind(6, now).bind(7, id);
    q.run();
    write_communes(db_, id, s.communes);
    t.commit();
    return std::nullopt;
}

namespace {

// Moves `id` from `from` to `to` in one statement; says why when it cannot.
std::optional<SubmissionError> move(sqlite::Database& db, int64_t id, SubmissionState from, SubmissionState to,
                                    const std::string& set_extra, const std::vector<int64_t>& extra_ints,
                                    const std::string& extra_text, int64_t now) {
    sqlite::Transaction t(db);
    sqlite::Statement st = db.prepare("SELECT state FROM submissions WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return not_found(id);
    SubmissionState state = state_from_name(st.text(0)).value_or(SubmissionState::accepted);
    if (state != from)
        return SubmissionError{403, "cette contribution est « " + std::string(state_label(state)) +
                                        " » : l'action demandée ne s'applique qu'à une contribution « " +
                                        std::string(state_label(from)) + " »"};
    sqlite::Statement q = db.prepare("UPDATE submissions SET state = ?, updated = ?" + set_extra + " WHERE id = ?");
    q.bind(1, state_name(to));
    q.bind(2, now);
    int pos = 3;
    for (int64_t v : extra_ints) q.bind(pos++, v);
    if (!extra_text.empty()) q.bind(pos++, extra_text);
    q.bind(pos, id).run();
    t.commit();
    return std::nullopt;
}

}  // namespace

std::optional<SubmissionError> SubmissionStore::submit(int64_t id, int64_t now) {
    std::lock_guard<std::mutex> lock(mutex_);
    return move(db_, id, SubmissionState::draft, SubmissionState::submitted, ", comment = ''", {}, {}, now);
}

std::optional<SubmissionError> SubmissionStore::accept(int64_t id, int64_t reviewer, int64_t publication, int64_t now) {
    std::lock_guard<std::mutex> lock(mutex_);
    return move(db_, id, SubmissionState::submitted, SubmissionState::accepted,
                ", reviewer = ?, publication = ?, decided = ?, comment = ''", {reviewer, publication, now}, {}, now);
}

std::optional<SubmissionError> SubmissionStore::reject(int64_t id, int64_t reviewer, const std::string& comment,
                                                       int64_t now) {
    std::string trimmed = comment;
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\n' || trimmed.back() == '\r'))
        trimmed.pop_back();
    if (trimmed.find_first_not_of(" \t\r\n") == std::string::npos)
        return SubmissionError{400, "un refus dit pourquoi : le commentaire est obligatoire"};
    if (utf8_chars(trimmed) > 5000) return SubmissionError{400, "commentaire trop long (au plus 5000 caractères)"};
    std::lock_guard<std::mutex> lock(mutex_);
    return move(db_, id, SubmissionState::submitted, SubmissionState::rejected,
                ", reviewer = ?, decided = ?, comment = ?", {reviewer, now}, trimmed, now);
}

std::optional<SubmissionError> SubmissionStore::discard(int64_t id) {
    std::lock_guard<std::mutex> lock(mutex_);
    sqlite::Transaction t(db_);
    sqlite::Statement st = db_.prepare("SELECT state FROM submissions WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return not_found(id);
    SubmissionState state = state_from_name(st.text(0)).value_or(SubmissionState::accepted);
    if (state != SubmissionState::draft && state != SubmissionState::rejected)
        return SubmissionError{403, "seul un brouillon ou une contribution refusée peut être abandonné"};
    sqlite::Statement q = db_.prepare("DELETE FROM submissions WHERE id = ?");
    q.bind(1, id).run();
    t.commit();
    return std::nullopt;
}

std::optional<Submission> SubmissionStore::get(int64_t id) {
    std::lock_guard<std::mutex> lock(mutex_);
    sqlite::Statement q = db_.prepare(std::string("SELECT ") + kColumns + ", payload FROM submissions WHERE id = ?");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    Submission s = read_row(q);
    s.payload = q.text(15);
    s.communes = communes_of(db_, id);
    return s;
}

std::vector<Submission> SubmissionStore::list_for_communes(const std::vector<std::string>& communes) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string marks;
    for (size_t i = 0; i < communes.size(); ++i) marks += i ? ", ?" : "?";
    if (marks.empty()) return {};
    sqlite::Statement q = db_.prepare(std::string("SELECT ") + kColumns +
                                      " FROM submissions WHERE id IN (SELECT submission FROM submission_communes "
                                      "WHERE commune IN (" +
                                      marks + ")) ORDER BY id DESC");
    for (size_t i = 0; i < communes.size(); ++i) q.bind(static_cast<int>(i + 1), communes[i]);
    return list(db_, q);
}

std::vector<Submission> SubmissionStore::list_by_author(int64_t author) {
    std::lock_guard<std::mutex> lock(mutex_);
    sqlite::Statement q =
        db_.prepare(std::string("SELECT ") + kColumns + " FROM submissions WHERE author = ? ORDER BY id DESC");
    q.bind(1, author);
    return list(db_, q);
}

std::vector<Submission> SubmissionStore::queue() {
    std::lock_guard<std::mutex> lock(mutex_);
    sqlite::Statement q =
        db_.prepare(std::string("SELECT ") + kColumns + " FROM submissions WHERE state = 'soumis' ORDER BY id ASC");
    return list(db_, q);
}

}  // namespace coopdec::store
