// @brief The history of publications into the corpus: who published what,
// when, why, and each file's new and previous content; kept in SQLite
// (STATE_DIR/coopdec.sqlite) with the rest of the server's durable state.
//
// A publication is recorded in two steps: begin() stores it as pending,
// with every file's new content, BEFORE any file is written; finish() marks
// it done once the index has committed it. A publication still pending at
// the next start is finished then from what begin() stored (the publisher
// rewrites its files and publishes them again: both steps are idempotent),
// so a crash at any point leaves corpus, index and history consistent once
// the server is up again. Only done publications are listed as history.
//
// Thread-safety: one connection under a mutex; every method may be called
// from any thread. Each change is one transaction, durable when it returns.
// Failures throw sqlite::SqliteError.
#pragma once
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite.h"

namespace coopdec::store {

// One file of a publication.
struct PublishedFile {
    std::string path;     // under the corpus folder: "partenariats/part-x.xml"
    std::string doc_id;   // the document it holds (after; before, when removed)
    std::string content;  // the new content ("" when removed)
    bool removed = false;
    std::optional<std::string> previous;  // the content it replaced; nullopt: a new file
};

struct Publication {
    int64_t id = 0;
    int64_t account = 0;  // who published: account id (0: the server itself)
    std::string login;    // and login, as it was then
    int64_t at = 0;       // seconds since the epoch
    std::string summary;  // « Fiche acceptée : … », « Version du … restaurée »
    bool done = false;    // false: pending (begin() without finish())
    std::vector<PublishedFile> files;
};

class History {
public:
    // Opens (creating) `folder`/coopdec.sqlite and the history's tables.
    explicit History(const std::string& folder);

    // Records a pending publication with its files; returns its id. `at`:
    // seconds since the epoch (0: now).
    int64_t begin(int64_t account, const std::string& login, const std::string& summary,
                  const std::vector<PublishedFile>& files, int64_t at = 0);
    // Marks it done: it joins the history. No effect on an unknown id.
    void finish(int64_t id);
    // Every pending publication, oldest first, with its files.
    std::vector<Publication> pending();

    // Done publications that wrote a file holding `doc_id`, newest first,
    // with only those files.
    std::vector<Publication> for_document(const std::string& doc_id);
    // Done publications that wrote `path`, newest first, with only that file.
    std::vector<Publication> for_path(const std::string& path);
    // One publication, done or pending, with all its files; nullopt: none.
    std::optional<Publication> get(int64_t id);
    // The file `path` as publication `id` wrote it; nullopt: not in it.
    std::optional<PublishedFile> file_at(int64_t id, const std::string& path);

private:
    std::vector<Publication> list(const std::string& where, const std::string& value);
    std::vector<PublishedFile> files_of(int64_t id, const std::string& where, const std::string& value);

    std::mutex mutex_;
    sqlite::Database db_;
};

}  // namespace coopdec::store
