// @brief The Publisher (server/publisher.h) of a corpus folder and its
// index: checks with the indexer's checks, writes the files durably,
// publishes them through indexer/publish.h, and keeps the history
// (store/history.h), so that a crash at any step is finished at the next
// start.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "server/publisher.h"
#include "store/history.h"

namespace coopdec {

struct PublisherOptions {
    std::string corpus_dir;  // the corpus folder coopdec-index reads (--corpus)
    std::string db_path;     // the index the server serves (--db)
    std::string schema_dir;  // RELAX NG schemas; "" = the indexer's default
    // How long a publication waits for another writer (a coopdec-index run)
    // to release the index, retrying with a growing pause (0.1 s … 2 s).
    std::chrono::milliseconds patience{60000};
    // The publication lock (store/backup.h: STATE_DIR/publication.lock),
    // held from a publication's first write to its end so that a backup
    // copies corpus and history between two publications; "" = none.
    std::string lock_file;
    // Called at each step of a publication, on the publishing thread:
    // "vérifiée" (checked, nothing written), "enregistrée" (pending in the history), "écrite" (files in the
    // corpus), "verrouillée" (the index is locked: waiting), "indexée"
    // (committed), "terminée" (done in the history). The crash tests stop
    // a process there. Optional.
    std::function<void(const std::string& step)> on_step;
};

class IndexPublisher : public Publisher {
public:
    // `history` must outlive the publisher. Nothing is read until the
    // first call.
    IndexPublisher(PublisherOptions options, store::History& history);

    // See server/publisher.h. Paths are checked by corpus_path_problem()
    // (indexer/check.h); messages are French, file:line:col where the XML
    // is at fault.
    PublishOutcome check(const std::vector<CorpusChange>& changes) override;
    // The steps, in order: the pending publications finished (see
    // finish_pending()); check(); the history's pending entry, with every
    // file's new and previous content; each file written durably
    // (server/corpus_writer.h); the index published for those files,
    // waiting up to `patience` for a lock held elsewhere; the entry marked
    // done. When the index stays locked or cannot be written, the answer is
    // a failure that says so, the files stay written and the entry pending:
    // the next publication or the next start finishes it. One publication
    // at a time in the process (the others wait on a mutex).
    PublishOutcome publish(const std::vector<CorpusChange>& changes, const store::Principal& who,
                           const std::string& summary) override;
    // Finishes every pending publication of the history: rewrites its files
    // from the stored contents, publishes them, marks it done. Called at
    // server start, before the first request. Returns what failed (French;
    // empty: nothing is pending any more).
    std::vector<std::string> finish_pending();
    // Reads the corpus's context into the process's cache (warm_context(),
    // indexer/plan.h), so that the first publication is as fast as the next
    // ones. Called on a thread of its own at server start; concurrent
    // publications are not held up by it. Returns early once `stop` is true.
    void warm(const std::atomic<bool>& stop) const;
    // The files of the process's context cache (indexer/context_cache.h).
    std::size_t context_files() const override;

    const PublisherOptions& options() const { return options_; }

private:
    std::vector<std::string> finish_pending_locked();
    // Writes the files of `files` into the corpus. Empty, or the reason.
    std::vector<std::string> write_files(const std::vector<store::PublishedFile>& files);
    // indexer::publish() for those files, retried while the index is
    // locked elsewhere, within `patience`. Empty on success, else why.
    std::vector<std::string> index_files(const std::vector<store::PublishedFile>& files);
    void step(const std::string& name) const;

    PublisherOptions options_;
    store::History& history_;
    std::mutex mutex_;  // one publication at a time
};

}  // namespace coopdec
