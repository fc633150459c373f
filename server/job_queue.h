// @brief The uploads' jobs, kept in SQLite (STATE_DIR/coopdec.sqlite, table
// upload_jobs): a bounded queue that survives a restart. A job is one
// uploaded original (STATE_DIR/originals/SHA256) on its way to a corpus
// document: queued → running → done | failed; a correction of its
// metadata queues it again (its OCR is kept, so only the cheap stages run).
//
// Thread-safety: one connection under a mutex; every method may be called
// from any thread. Each change is one statement or one transaction,
// durable when it returns.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "server/http.h"
#include "store/sqlite.h"

namespace coopdec {

enum class JobState { queued, running, done, failed };

// "en_attente", "en_cours", "termine", "echec": how they are stored.
const char* job_state_name(JobState state);
// « En attente », « En cours », « Terminé », « Échec ».
const char* job_state_label(JobState state);

struct Job {
    int64_t id = 0;
    int64_t account = 0;        // who uploaded it
    std::string commune;        // the gazetteer id it is for (authorization: may_work_for)
    std::string original;       // SHA-256 of the original: STATE_DIR/originals/<original>
    std::string media_type;     // what the bytes are (upload_media_type)
    std::string original_name;  // the client's file name, sanitised (metadata only)
    uint64_t size = 0;          // the original's bytes
    http::Params meta;          // the metadata asked for: type, titre, date, partenariat…
    JobState state = JobState::queued;
    std::string stage;  // French, what it is doing or did last
    int pages_done = 0, pages_total = 0;
    int64_t created = 0, started = 0, finished = 0;  // seconds since the epoch, 0 not yet
    std::vector<std::string> messages;               // French, for the contributor
    std::string result_xml;                          // the corpus document, when done
    std::string report;                              // coopdec-import --report's JSON, when any
    int64_t submission = 0;                          // the submission made from it, 0 none
};

struct QueueLimits {
    size_t max_queued = 20;      // jobs waiting or running, all accounts
    size_t max_per_account = 3;  // of one account
};

// A refusal to queue: 503 (the queue is full) or 429 (this account has
// enough waiting), with a French message.
struct QueueFull {
    int status = 503;
    std::string message;
};

class JobQueue {
public:
    // Opens (creating) `folder`/coopdec.sqlite and the table; jobs a killed
    // server left running are queued again (recovered() says how many).
    // Throws sqlite::SqliteError.
    explicit JobQueue(const std::string& folder, QueueLimits limits = {});

    const QueueLimits& limits() const { return limits_; }
    size_t recovered() const { return recovered_; }

    // Queues `job` (its id, state and progress fields ignored) unless the
    // queue or its account's share is full. Returns the new id.
    std::variant<int64_t, QueueFull> enqueue(const Job& job, int64_t now);
    std::optional<Job> get(int64_t id);
    // The jobs of `account`, or for any of `communes`, newest first
    // (without their XML and report).
    std::vector<Job> list(int64_t account, const std::vector<std::string>& communes, size_t max = 50);
    // The oldest queued job, now running; nothing when none waits.
    std::optional<Job> claim(int64_t now);
    void progress(int64_t id, const std::string& stage, int pages_done, int pages_total);
    // running → done (with the document) or failed; `messages` replaces the job's.
    void finish(int64_t id, bool ok, const std::vector<std::string>& messages, const std::string& xml,
                const std::string& report, int64_t now);
    // A done or failed job with new metadata, queued again (not counted
    // against the bounds: its original is already here). False when it is
    // queued or running.
    bool requeue(int64_t id, const http::Params& meta, int64_t now);
    void set_submission(int64_t id, int64_t submission);
    // The bytes of the distinct originals `account` has uploaded.
    uint64_t bytes_of(int64_t account);

private:
    Job row(sqlite::Statement& st);

    QueueLimits limits_;
    size_t recovered_ = 0;
    std::mutex mutex_;
    sqlite::Database db_;
};

}  // namespace coopdec
