// @brief Documents sent from a phone or a PC into coopdec: receiving the
// file (streamed, limited, fsynced, stored under its SHA-256 in
// STATE_DIR/originals/), queuing a job (server/job_queue.h), and the
// workers that run it — text layer or OCR (ocrmypdf -l fra, page by page),
// then coopdec-import --dry-run --report as a sandboxed child
// (server/sandbox.h) — so that the contributor sees what was recognised
// and submits the document for review.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <istream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "server/job_queue.h"
#include "server/multipart.h"
#include "server/sandbox.h"
#include "server/upload_checks.h"
#include "store/principal.h"

namespace coopdec {

namespace store {
class SubmissionStore;
}
struct Incoming;

struct UploadSettings {
    std::string state_dir;                      // originals/, envois/ (temporary), travaux/ inside it
    uint64_t max_file_bytes = 50u << 20;        // per file
    uint64_t max_account_bytes = 500ull << 20;  // all of one account's originals
    QueueLimits queue;
    int workers = 1;
    // coopdec-import's path; "" → beside the running server (/proc/self/exe).
    std::string import_command;
    std::string corpus_dir;  // --corpus for references; "" → coopdec-import's default
    std::string schema_dir;  // for XML uploads; "" → the indexer's default
    std::string sandbox_user = "nobody";
    SandboxLimits limits;               // each converter run
    int ocr_page_seconds = 180;         // wall time per page of OCR
    int max_ocr_pages = 300;            // a longer scan is refused before its OCR
    std::string ocrmypdf = "ocrmypdf";  // the OCR command (tests may point it elsewhere)
};

// The document types a contributor picks, as the form sends them:
// "convention", "avenant" (an amendment: imported as a convention),
// "entretien", "etude", "loi". The label for people: kDocTypes[i].second.
extern const std::vector<std::pair<std::string, std::string>> kUploadDocTypes;

class Uploads {
public:
    // Makes the folders and opens the queue (jobs left running are queued
    // again). Throws sqlite::SqliteError or std::filesystem::filesystem_error.
    explicit Uploads(UploadSettings settings);
    ~Uploads();
    Uploads(const Uploads&) = delete;
    Uploads& operator=(const Uploads&) = delete;

    // Starts the workers (settings.workers threads). stop() (or the
    // destructor) ends them, killing a converter in progress; its job is
    // queued again at the next start.
    void start();
    void stop();

    const UploadSettings& settings() const { return settings_; }
    JobQueue& queue() { return queue_; }
    // Where « Soumettre » puts a document; nullptr → 503. Set before start.
    void set_submissions(store::SubmissionStore* s) { submissions_ = s; }
    store::SubmissionStore* submissions() { return submissions_; }

    // Reads a multipart/form-data body from `body` into `in` (fields,
    // files, or the refusal in in.upload_error). Reads at most the file
    // limit and the fields: a body past that is not read further.
    void receive(std::istream& body, Incoming& in);

    // Checks a received file (empty, type by its bytes against the declared
    // one, polyglot, ZIP bomb, the account's quota), moves it durably into
    // originals/ and queues its job for `commune` with `meta`. Returns the
    // job id, or the refusal (the file is then dropped). A full queue is a
    // QueueFull (503/429).
    std::variant<int64_t, UploadRefusal, QueueFull> accept(const ReceivedFile& file, const store::Principal& who,
                                                           const std::string& commune, const http::Params& meta,
                                                           int64_t now);

    // Wakes a worker: a job was queued (accept) or queued again (a correction).
    void wake();

    // Runs the oldest queued job now, on this thread; false when none
    // waits. What each worker does in a loop (tests call it directly).
    // A job is marked finished only once its private folder under
    // travaux/ is removed.
    bool run_one();

    std::string originals_dir() const { return settings_.state_dir + "/originals"; }

private:
    struct Run;
    void work();
    void process(Job& job);
    // The steps of process(), each on the job's private folder.
    SandboxResult tool(Run& run, std::vector<std::string> argv, const std::string& out_file, int wall);
    void check_xml(Run& run);
    int scanned_pages(Run& run);  // a PDF's page count when it is a scan, else 0
    void ocr(Run& run, int pages);
    std::vector<std::string> import_command(const Run& run) const;
    void convert(Run& run, int pages);

    UploadSettings settings_;
    JobQueue queue_;
    store::SubmissionStore* submissions_ = nullptr;
    std::atomic<bool> stopping_{false};
    std::mutex wake_mutex_;
    std::condition_variable wake_;
    bool pending_ = true;  // under wake_mutex_: jobs may wait (true at start: those of a restart)
    std::vector<std::thread> workers_;
};

// The estimated seconds left of an OCR from the pages done so far
// (`elapsed` seconds for `done` of `total`); -1 when nothing is done yet.
long estimate_seconds_left(long elapsed, int done, int total);

}  // namespace coopdec
