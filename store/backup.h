// @brief A consistent copy of what the server keeps — its SQLite state,
// the corpus folder, the originals of the uploads — taken while it runs,
// and put back into new folders.
//
// A backup folder holds:
//   coopdec.sqlite   the state (accounts, dossiers, submissions, history),
//                    copied by SQLite's online backup API: one consistent
//                    snapshot, whatever the server writes meanwhile;
//   corpus/          the corpus folder, as published;
//   originals/       the uploads' original files (STATE_DIR/originals),
//                    when there are some.
// The corpus and the history are copied under the publication lock (see
// publication_lock()): no publication runs between the two copies, so the
// copy's history describes exactly the copy's corpus. The index is not
// copied: it is rebuilt from the corpus (coopdec-index) after a restore.
#pragma once

#include <optional>
#include <string>

namespace coopdec::store {

// The file every publication holds locked (flock, exclusive) from its
// first write to its end, and a backup while it copies: STATE_DIR/publication.lock.
std::string publication_lock_path(const std::string& state_dir);

// An exclusive flock on `path` (created when missing), held while the
// object lives; waits for the holder to release it. `ok()` false when the
// file cannot be opened (then nothing is held).
class PublicationLock {
public:
    explicit PublicationLock(const std::string& path);
    ~PublicationLock();
    PublicationLock(const PublicationLock&) = delete;
    PublicationLock& operator=(const PublicationLock&) = delete;
    bool ok() const { return fd_ >= 0; }

private:
    int fd_ = -1;
};

struct BackupPaths {
    std::string state_dir;  // holds coopdec.sqlite
    std::string corpus;     // the corpus folder
    std::string originals;  // "" = STATE_DIR/originals
};

// Copies into `dest` (created; must be missing or empty). nullopt on
// success, else the French reason (and `dest` may hold a partial copy, which
// restore() refuses: it has no coopdec.sqlite until the very end).
std::optional<std::string> create_backup(const BackupPaths& from, const std::string& dest);

// Copies the backup at `src` into `to` (folders created). Refuses, with a
// French reason, a target that already holds a coopdec.sqlite or a
// non-empty corpus or originals folder, unless `force` (their contents are
// then replaced). nullopt on success.
std::optional<std::string> restore_backup(const std::string& src, const BackupPaths& to, bool force);

}  // namespace coopdec::store
