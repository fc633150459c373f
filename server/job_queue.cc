// @brief The upload_jobs table and its transitions.
#include "server/job_queue.h"

#include "server/dossier_store.h"

namespace coopdec {
namespace {

const char* const kSchema =
    "CREATE TABLE IF NOT EXISTS upload_jobs ("
    "  id INTEGER PRIMARY KEY,"
    "  account INTEGER NOT NULL,"
    "  commune TEXT NOT NULL,"
    "  original TEXT NOT NULL,"  // SHA-256, the file's name under originals/
    "  media_type TEXT NOT NULL,"
    "  original_name TEXT NOT NULL,"  // sanitised client name
    "  size INTEGER NOT NULL,"
    "  meta TEXT NOT NULL,"   // the requested metadata, form-encoded
    "  state TEXT NOT NULL,"  // job_state_name
    "  stage TEXT NOT NULL DEFAULT '',"
    "  pages_done INTEGER NOT NULL DEFAULT 0,"
    "  pages_total INTEGER NOT NULL DEFAULT 0,"
    "  created INTEGER NOT NULL,"
    "  started INTEGER NOT NULL DEFAULT 0,"
    "  finished INTEGER NOT NULL DEFAULT 0,"
    "  messages TEXT NOT NULL DEFAULT '',"  // one per line
    "  result_xml TEXT NOT NULL DEFAULT '',"
    "  report TEXT NOT NULL DEFAULT '',"
    "  submission INTEGER NOT NULL DEFAULT 0"
    ");"
    "CREATE INDEX IF NOT EXISTS upload_jobs_state ON upload_jobs(state, id);"
    "CREATE INDEX IF NOT EXISTS upload_jobs_account ON upload_jobs(account);";

const char* const kColumns =
    "id, account, commune, original, media_type, original_name, size, meta, state, stage, pages_done, "
    "pages_total, created, started, finished, messages, result_xml, report, submission";

std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) {
        std::string one = l;
        for (char& c : one)
            if (c == '\n' || c == '\r') c = ' ';
        out += (out.empty() ? "" : "\n") + one;
    }
    return out;
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        out.push_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

JobState state_from(const std::string& name) {
    for (JobState s : {JobState::queued, JobState::running, JobState::done, JobState::failed})
        if (name == job_state_name(s)) return s;
    return JobState::failed;
}

}  // namespace

const char* job_state_name(JobState s) {
    static const char* const kNames[] = {"en_attente", "en_cours", "termine", "echec"};
    return kNames[static_cast<int>(s)];
}

const char* job_state_label(JobState s) {
    static const char* const kLabels[] = {"En attente", "En cours", "Terminé", "Échec"};
    return kLabels[static_cast<int>(s)];
}

JobQueue::JobQueue(const std::string& folder, QueueLimits limits) : limits_(limits), db_(folder + "/" + kStateFile) {
    db_.exec(kSchema);
    // A server killed during a job: the job starts over (its work folder
    // was private and temporary; the original is safe).
    db_.prepare(
           "UPDATE upload_jobs SET state = 'en_attente', stage = 'reprise après un redémarrage', "
           "pages_done = 0 WHERE state = 'en_cours'")
        .run();
    recovered_ = static_cast<size_t>(db_.changes());
}

Job JobQueue::row(sqlite::Statement& st) {
    Job j;
    j.id = st.integer(0);
    j.account = st.integer(1);
    j.commune = st.text(2);
    j.original = st.text(3);
    j.media_type = st.text(4);
    j.original_name = st.text(5);
    j.size = static_cast<uint64_t>(st.integer(6));
    http::parse_form(st.text(7), j.meta);
    j.state = state_from(st.text(8));
    j.stage = st.text(9);
    j.pages_done = static_cast<int>(st.integer(10));
    j.pages_total = static_cast<int>(st.integer(11));
    j.created = st.integer(12);
    j.started = st.integer(13);
    j.finished = st.integer(14);
    j.messages = split_lines(st.text(15));
    j.result_xml = st.text(16);
    j.report = st.text(17);
    j.submission = st.integer(18);
    return j;
}

std::variant<int64_t, QueueFull> JobQueue::enqueue(const Job& job, int64_t now) {
    std::lock_guard<std::mutex> lock(mutex_);
    sqlite::Transaction tx(db_);
    auto count = [&](const char* sql, int64_t account) {
        auto st = db_.prepare(sql);
        if (account) st.bind(1, account);
        st.step();
        return static_cast<size_t>(st.integer(0));
    };
    if (count("SELECT count(*) FROM upload_jobs WHERE state IN ('en_attente', 'en_cours')", 0) >= limits_.max_queued)
        return QueueFull{503, "le serveur a déjà " + std::to_string(limits_.max_queued) +
                                  " documents à traiter : réessayez dans quelques minutes"};
    if (count("SELECT count(*) FROM upload_jobs WHERE state IN ('en_attente', 'en_cours') AND account = ?",
              job.account) >= limits_.max_per_account)
        return QueueFull{429, "vous avez déjà " + std::to_string(limits_.max_per_account) +
                                  " documents en cours de traitement : attendez qu'ils soient terminés"};
    db_.prepare(
           "INSERT INTO upload_jobs (account, commune, original, media_type, original_name, size, meta, state, "
           "stage, created) VALUES (?, ?, ?, ?, ?, ?, ?, 'en_attente', 'en attente de traitement', ?)")
        .bind(1, job.account)
        .bind(2, job.commune)
        .bind(3, job.original)
        .bind(4, job.media_type)
        .bind(5, job.original_name)
        .bind(6, static_cast<int64_t>(job.size))
        .bind(7, http::encode_params(job.meta))
        .bind(8, now)
        .run();
    int64_t id = db_.last_insert_rowid();
    tx.commit();
    return id;
}

std::optional<Job> JobQueue::get(int64_t id) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM upload_jobs WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return row(st);
}

std::vector<Job> JobQueue::list(int64_t account, const std::vector<std::string>& communes, size_t max) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string sql = std::string("SELECT ") + kColumns + " FROM upload_jobs WHERE account = ?";
    for (size_t i = 0; i < communes.size(); ++i) sql += " OR commune = ?";
    sql += " ORDER BY id DESC LIMIT ?";
    auto st = db_.prepare(sql);
    int pos = 1;
    st.bind(pos++, account);
    for (const auto& c : communes) st.bind(pos++, c);
    st.bind(pos, static_cast<int64_t>(max));
    std::vector<Job> out;
    while (st.step()) {
        out.push_back(row(st));
        out.back().result_xml.clear();
        out.back().report.clear();
    }
    return out;
}

std::optional<Job> JobQueue::claim(int64_t now) {
    std::lock_guard<std::mutex> lock(mutex_);
    sqlite::Transaction tx(db_);
    auto st = db_.prepare(std::string("SELECT ") + kColumns +
                          " FROM upload_jobs WHERE state = 'en_attente' ORDER BY id LIMIT 1");
    if (!st.step()) return std::nullopt;
    Job j = row(st);
    db_.prepare("UPDATE upload_jobs SET state = 'en_cours', started = ?, finished = 0 WHERE id = ?")
        .bind(1, now)
        .bind(2, j.id)
        .run();
    tx.commit();
    j.state = JobState::running;
    j.started = now;
    return j;
}

void JobQueue::progress(int64_t id, const std::string& stage, int pages_done, int pages_total) {
    std::lock_guard<std::mutex> lock(mutex_);
    db_.prepare("UPDATE upload_jobs SET stage = ?, pages_done = ?, pages_total = ? WHERE id = ?")
        .bind(1, stage)
        .bind(2, static_cast<int64_t>(pages_done))
        .bind(3, static_cast<int64_t>(pages_total))
        .bind(4, id)
        .run();
}

void JobQueue::finish(int64_t id, bool ok, const std::vector<std::string>& messages, const std::string& xml,
                      const std::string& report, int64_t now) {
    std::lock_guard<std::mutex> lock(mutex_);
    db_.prepare(
           "UPDATE upload_jobs SET state = ?, stage = ?, messages = ?, result_xml = ?, report = ?, finished = ? "
           "WHERE id = ?")
        .bind(1, job_state_name(ok ? JobState::done : JobState::failed))
        .bind(2, ok ? "terminé" : "échec")
        .bind(3, join_lines(messages))
        .bind(4, xml)
        .bind(5, report)
        .bind(6, now)
        .bind(7, id)
        .run();
}

bool JobQueue::requeue(int64_t id, const http::Params& meta, int64_t now) {
    std::lock_guard<std::mutex> lock(mutex_);
    db_.prepare(
           "UPDATE upload_jobs SET state = 'en_attente', stage = 'nouvelles métadonnées : en attente', "
           "meta = ?, created = ?, started = 0, finished = 0 "
           "WHERE id = ? AND state IN ('termine', 'echec')")
        .bind(1, http::encode_params(meta))
        .bind(2, now)
        .bind(3, id)
        .run();
    return db_.changes() == 1;
}

void JobQueue::set_submission(int64_t id, int64_t submission) {
    std::lock_guard<std::mutex> lock(mutex_);
    db_.prepare("UPDATE upload_jobs SET submission = ? WHERE id = ?").bind(1, submission).bind(2, id).run();
}

uint64_t JobQueue::bytes_of(int64_t account) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto st = db_.prepare(
        "SELECT coalesce(sum(size), 0) FROM (SELECT DISTINCT original, size FROM upload_jobs WHERE account = ?)");
    st.bind(1, account);
    st.step();
    return static_cast<uint64_t>(st.integer(0));
}

}  // namespace coopdec
