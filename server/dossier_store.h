// @brief Workshop dossiers kept on the server, in SQLite (store/sqlite.h):
// each has a share token (read-only link: /dossier/SHARE) and an edit key
// (the link that edits it, remembered by the browser's cookie). Only a
// SHA-256 hash of the edit key is stored: the database alone edits nothing.
// Limits per dossier and on the store as a whole; dossiers not opened for
// `expiry_days` are deleted at the next creation (and by purge()).
//
// Thread-safety: one connection, used under a mutex — every method may be
// called from any worker thread. A request does one or two short
// statements (a save is one transaction), so the lock is held briefly;
// WAL keeps outside readers (backups, the sqlite3 tool) from blocking it.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <variant>

#include "search/dossier.h"
#include "store/sqlite.h"

namespace coopdec {

// The database file inside the state folder.
inline constexpr const char* kStateFile = "coopdec.sqlite";

inline constexpr size_t kMaxStoredTitleChars = 200;

struct StoreLimits {
    size_t max_entries = 200;       // passages per dossier
    size_t max_note_chars = 10000;  // characters (not bytes) per note
    size_t max_title_chars = kMaxStoredTitleChars;
    size_t max_dossier_bytes = 4u << 20;  // title, references and notes, UTF-8
    size_t max_dossiers = 100000;         // in the whole store
    size_t max_created_per_hour = 1000;   // new dossiers, whole server
    int64_t expiry_days = 365;            // not opened for this long: deleted
};

struct StoredDossier {
    std::string share;  // the share token
    Dossier dossier;
    int64_t created = 0, used = 0;  // seconds since the epoch
};

struct NewDossier {
    std::string share;     // for /dossier/SHARE
    std::string edit_key;  // for /dossier/modifier/KEY and the cookie; not stored
};

// A token of 128 random bits from the kernel's CSPRNG (getrandom(2)), as 32
// lowercase hex digits. Throws std::runtime_error when no randomness is
// available (never a weaker token).
std::string random_token();

// True for 32 lowercase hex digits (what random_token makes): anything else
// is refused before reaching the database.
bool valid_token(const std::string& token);

// The limits `d` breaks, as a 400 (413 for size) with a French message that
// names the passage at fault and the limit, or nothing. Also refused:
// a repeated passage, a control character in the title or a note, an
// invalid reference (parse_entry_ref).
std::optional<DossierError> check_stored_limits(const Dossier& d, const StoreLimits& limits);

class DossierStore {
public:
    // Opens (creating) `folder`/coopdec.sqlite and its tables; throws
    // sqlite::SqliteError when the file cannot be opened or written.
    explicit DossierStore(const std::string& folder, StoreLimits limits = {});

    const StoreLimits& limits() const { return limits_; }

    // Stores `d` as a new dossier at time `now` (seconds). Refused: the
    // limits (400/413), too many dossiers created in the last hour (429),
    // the store full (503). Expired dossiers are purged first.
    std::variant<NewDossier, DossierError> create(const Dossier& d, int64_t now);

    // The dossier with this share token / edit key, or nothing; marks it
    // opened (at most one write a day per dossier).
    std::optional<StoredDossier> by_share(const std::string& share, int64_t now);
    std::optional<StoredDossier> by_edit_key(const std::string& edit_key, int64_t now);

    // Replaces the dossier of `edit_key` by `d`, in one transaction: either
    // all of it is saved or nothing is. 403 for an unknown key, 400/413 for
    // the limits.
    std::optional<DossierError> save(const std::string& edit_key, const Dossier& d, int64_t now);

    // The number of passages of the dossier of `edit_key` (one indexed
    // lookup, no write), or nothing for an unknown key.
    std::optional<size_t> count(const std::string& edit_key);

    // Deletes the dossiers not opened since `now` - expiry_days; how many.
    size_t purge(int64_t now);
    size_t size();

private:
    std::optional<StoredDossier> load(const char* column, const std::string& value, int64_t now);
    void write_entries(int64_t id, const Dossier& d);

    StoreLimits limits_;
    std::mutex mutex_;
    sqlite::Database db_;
};

}  // namespace coopdec
