// @brief Contributions on their way to the corpus: drafts, submissions and
// the validators' decisions, kept in SQLite (store/sqlite.h) with the
// other durable state of the server (STATE_DIR/coopdec.sqlite).
//
// A submission is one corpus file as it would be published: a partnership
// record made from the declaration form, or a document made from an upload
// (its original kept by the uploads). Its life:
//   draft ──submit──▶ submitted ──accept──▶ accepted (published)
//     ▲                   │
//     └──── amend ◀── rejected (with the validator's comment)
// Only a draft or a rejected submission can be changed (by its author, or
// by a validator); amending a rejected one makes it a draft again. The
// decision, its author and time, and the comment stay with it.
//
// Authorization is the caller's (store/principal.h): this store keeps the
// communes each submission concerns so that handlers can check them
// (may_work_for_any), and lists by commune for the same reason.
//
// Thread-safety: one connection under a mutex; every method may be called
// from any thread. Each change is one transaction, durable when it returns.
#pragma once
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "store/sqlite.h"

namespace coopdec::store {

enum class SubmissionKind { record, document };
enum class SubmissionState { draft, submitted, accepted, rejected };

// "fiche", "document" / "brouillon", "soumis", "accepte", "refuse": how they
// are stored; nullopt for anything else.
std::string_view kind_name(SubmissionKind kind);
std::optional<SubmissionKind> kind_from_name(std::string_view name);
std::string_view state_name(SubmissionState state);
std::optional<SubmissionState> state_from_name(std::string_view name);
// For people: « Brouillon », « Soumis », « Accepté », « Refusé ».
std::string_view state_label(SubmissionState state);

struct Submission {
    int64_t id = 0;
    SubmissionKind kind = SubmissionKind::record;
    SubmissionState state = SubmissionState::draft;
    int64_t author = 0;                             // account id
    std::vector<std::string> communes;              // gazetteer ids it concerns (at least one)
    std::string path;                               // corpus path it writes: "partenariats/part-x.xml"
    std::string doc_id;                             // the corpus id it creates or replaces
    std::string title;                              // as listed in queues
    std::string payload;                            // the file's content, as it will be published
    std::string base;                               // what it was drafted from: the published
                                                    // file's SHA-256 ("" for a new one)
    int64_t upload = 0;                             // the upload it comes from (documents), 0 none
    std::string comment;                            // the validator's, on a rejection
    int64_t reviewer = 0;                           // account id of the last decision, 0 none
    int64_t created = 0, updated = 0, decided = 0;  // seconds since the epoch
    int64_t publication = 0;                        // the history's entry once accepted
};

// What a change refused: 400 (bad value), 403 (not allowed in this state),
// 404 (no such submission), with a French message.
struct SubmissionError {
    int status = 400;
    std::string message;
};

class SubmissionStore {
public:
    // Opens (creating) `folder`/coopdec.sqlite and its tables. Throws
    // sqlite::SqliteError.
    explicit SubmissionStore(const std::string& folder);

    // Limits: a payload of at most kMaxPayloadBytes, a title of at most
    // kMaxTitleChars, 1 to 20 communes, a relative path without "..".
    static constexpr size_t kMaxPayloadBytes = 8u << 20;
    static constexpr size_t kMaxTitleChars = 300;

    // A new draft by `s.author` (id, state, times and decision fields of `s`
    // are ignored). Returns its id, or the error.
    std::variant<int64_t, SubmissionError> create(const Submission& s, int64_t now);
    // Replaces a draft's or a rejected submission's title, communes, path,
    // doc_id, payload and base (a rejected one becomes a draft again).
    std::optional<SubmissionError> amend(int64_t id, const Submission& s, int64_t now);
    // draft → submitted.
    std::optional<SubmissionError> submit(int64_t id, int64_t now);
    // submitted → accepted, with the history's entry of its publication.
    std::optional<SubmissionError> accept(int64_t id, int64_t reviewer, int64_t publication, int64_t now);
    // submitted → rejected, with a non-empty comment.
    std::optional<SubmissionError> reject(int64_t id, int64_t reviewer, const std::string& comment, int64_t now);
    // A draft or a rejected submission its author gives up: deleted.
    std::optional<SubmissionError> discard(int64_t id);

    std::optional<Submission> get(int64_t id);
    // Those concerning any of `communes` (newest first); payloads left empty.
    std::vector<Submission> list_for_communes(const std::vector<std::string>& communes);
    // Those by `author` (newest first); payloads left empty.
    std::vector<Submission> list_by_author(int64_t author);
    // The validators' queue: every submitted one, oldest first; payloads empty.
    std::vector<Submission> queue();

private:
    std::mutex mutex_;
    sqlite::Database db_;
};

}  // namespace coopdec::store
