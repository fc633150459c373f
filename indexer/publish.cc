// @brief publish(): opens the shards, runs the phases, commits once per
// shard, compacts.
//
// The whole write phase is one Xapian transaction per shard, committed once
// at the end: readers (the server reopens before each request) go from the
// previous state to the new one in one step, and a run that is killed or
// fails leaves the previous state untouched, signatures included, so the
// next run redoes exactly what this one did not publish. Memory stays
// bounded all the same: inside a transaction, glass still writes the
// pending postings to the tables every XAPIAN_FLUSH_THRESHOLD changes
// (10,000 by default, 2,000 as coopdec-index sets it); it only holds back
// the new revision, which readers see at commit_transaction().
// One exception, measured: glass keeps the changes to value slots in memory
// until the commit (GlassValueManager::merge_changes() runs at commit, not at
// the flush threshold), about 1 KB per unit written; a long transaction
// would grow without bound. Glass merges them into the tables, without
// committing, when a value stream is opened on the writable database, so
// the run opens one every kValueMergeUnits units (indexer/pending_writes.h).
// The price: a killed run loses all its work, and until the commit the
// blocks of the previous revision cannot be reused, so the index may take up
// to twice the size of what the run rewrites.
#include "indexer/publish.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include <unistd.h>

#include <xapian.h>

#include "common/places.h"
#include "common/schema.h"
#include "indexer/build_in_parts.h"
#include "indexer/compact.h"
#include "indexer/failure.h"
#include "indexer/parts.h"
#include "indexer/prefetch.h"
#include "indexer/progress.h"
#include "indexer/write_run.h"

namespace fs = std::filesystem;

namespace coopdec {
namespace {

namespace sc = schema;

// Opens the index for writing and starts the run's transaction, or says why
// not in one line naming the index (and returns false, having written nothing).
bool open_for_writing(const std::string& path, Xapian::WritableDatabase& db, std::FILE* log) {
    // Xapian reports a folder it may not write as a lock it cannot take:
    // ask first, so that the message says what the operator must fix.
    std::error_code ec;
    if (fs::exists(path, ec) && access(path.c_str(), W_OK) != 0) {
        int err = errno;
        log_line(log, path + ": index en lecture seule (" + system_reason(std::strerror(err)) +
                          ") : l'index est laissé tel qu'il était");
        return false;
    }
    try {
        // No DB_RETRY_LOCK: a lock held by another writer is said at once.
        db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
        std::string version = db.get_metadata(std::string(sc::kSchemaKey));
        if (!version.empty() && version != sc::kSchemaVersion) {
            log_line(log, path + ": index au schéma " + version + ", ce programme écrit le schéma " +
                              std::string(sc::kSchemaVersion) + " : reconstruisez-le dans un nouveau dossier");
            return false;
        }
        db.begin_transaction();
        return true;
    } catch (const Xapian::DatabaseLockError& e) {
        // FlintLock's wording for a lock held by another writer; any other
        // lock failure (a lock file it may not open...) is said as it is.
        if (e.get_msg().find("already locked") != std::string::npos)
            log_line(log, path + ": index verrouillé : un autre coopdec-index l'écrit déjà");
        else
            log_line(log, path + ": index impossible à verrouiller pour l'écrire : " + e.get_msg());
        return false;
    } catch (const Xapian::Error& e) {
        log_line(log, path + ": ouverture de l'index impossible : " + describe_failure(e));
        return false;
    }
}

// One database, or N shards (see shard_layout()). Every shard is opened,
// locked and checked before anything is read. False, said on `log`, when
// one cannot be.
bool open_shards(const IndexOptions& opt, Shards& s, std::FILE* log) {
    auto layout_or = shard_layout(opt.db_path, opt.shards);
    if (const std::string* why = std::get_if<std::string>(&layout_or)) {
        log_line(log, *why);
        return false;
    }
    s.layout = std::get<ShardLayout>(layout_or);
    if (!s.layout.stub.empty()) {
        std::error_code ec;
        fs::create_directories(opt.db_path, ec);  // Xapian creates the shard's folder, not its parent
    }
    s.dbs.resize(s.layout.databases.size());
    for (std::size_t i = 0; i < s.dbs.size(); ++i)
        if (!open_for_writing(s.layout.databases[i], s.dbs[i], log))
            return false;  // the shards opened so far cancel their empty transactions as they close
    if (std::string why = write_stub(s.layout); !why.empty()) {
        log_line(log, why);
        return false;
    }
    return true;
}

// Cancels what the shards not yet committed hold, and releases every lock;
// once.
void close_shards(Shards& s) {
    if (s.closed) return;
    s.closed = true;
    for (std::size_t i = s.committed; i < s.dbs.size(); ++i) {
        try {
            // After a failure, nothing of the run reaches the disk's committed
            // revision: cancelling drops what is pending.
            s.dbs[i].cancel_transaction();
        } catch (const Xapian::Error&) {
            // The database is unusable: its committed revision is the one before the run.
        }
    }
    for (auto& db : s.dbs) {
        try {
            db.close();  // releases the lock
        } catch (const Xapian::Error&) {
        }
    }
}

// Closes the shards however the run ends, an exception included.
struct ShardsCloser {
    Shards& shards;
    ~ShardsCloser() { close_shards(shards); }
};

// Files made ready ahead of the writer: enough to ride over one slow file,
// few enough that their documents and views weigh little (at most 8 times the
// largest file, with its packed source and units).
constexpr std::size_t kPrefetchDepth = 8;

// The prepare and write phases: the next files are made ready on another
// thread while this one writes (see prepare() and Prefetch).
void write_files(Run& run) {
    const PrepareInputs inputs{run.opt, run.state.known, run.scan.context, base_signature(run.scan.context)};
    const std::vector<SourceFile>& files = run.scan.files;
    Progress progress(run.log, run.opt.progress);
    {  // the scope of the preparing thread: it stops at the end of the phase
        Prefetch<Prepared> ready(files.size(), kPrefetchDepth,
                                 [&](std::size_t i) { return prepare(files[i], inputs); });
        progress.start(files.size());
        for (const auto& f : files) {
            progress.step();
            if (!apply(run, f, ready.next())) break;
        }
    }
    progress.finish();
}

// Deletes the files that were indexed under the targets and are gone now.
void remove_gone(Run& run) {
    for (const std::string& key : run.plan.gone) {
        std::size_t at = 0;
        try {
            for (const auto& [shard, doc_id] : run.state.held.at(key)) {
                at = shard;
                forget_file(run.shards.dbs[shard], key, doc_id);
            }
            ++run.sum.removed;
            run.pending.add(10, 0);  // a file's units, about; deleting them changes their values too
        } catch (const Xapian::Error& e) {
            log_write_failure(run.log, run.shards.layout.databases[at], e);
            run.sum.fatal = true;
            return;
        }
        run.event(IndexEvent::removed, run.state.known.at(key).path);
    }
}

// The one commit of the run, per shard: units, views, signatures and
// languages together. Each shard is published in one step, and each
// document lives in one shard, so a reader sees every document either
// as it was or as it is; across shards, the commits follow each other.
void commit_shards(Run& run) {
    std::string langs;
    for (const auto& x : run.languages) langs += (langs.empty() ? "" : " ") + x;
    const Gazetteer& gazetteer = run.scan.context.gazetteer;
    const std::string places = places::encode(gazetteer.rows());
    run.event(IndexEvent::committing, "");
    Shards& s = run.shards;
    for (; s.committed < s.dbs.size(); ++s.committed) {
        Xapian::WritableDatabase& db = s.dbs[s.committed];
        try {
            if (db.get_metadata(std::string(sc::kLanguagesKey)) != langs)
                db.set_metadata(std::string(sc::kLanguagesKey), langs);
            // The places of this run's gazetteer, the one its documents were
            // indexed with, in every shard: the query side reads the names
            // users type from any of them (search/names.h). A run that read
            // no gazetteer (one agreement, a sub-folder) keeps the places the
            // index has.
            if (!gazetteer.rows().empty() && db.get_metadata(std::string(sc::kPlacesKey)) != places)
                db.set_metadata(std::string(sc::kPlacesKey), places);
            if (db.get_metadata(std::string(sc::kSchemaKey)) != sc::kSchemaVersion)
                db.set_metadata(std::string(sc::kSchemaKey), std::string(sc::kSchemaVersion));
            db.commit_transaction();
            run.sum.total_documents += db.get_termfreq(sc::kind_term(sc::kKindDoc));
        } catch (const Xapian::Error& e) {
            log_write_failure(run.log, s.layout.databases[s.committed], e);
            if (s.committed > 0)
                log_line(run.log,
                         run.opt.db_path + ": les " + std::to_string(s.committed) +
                             " premiers fragments ont été enregistrés : relancez l'indexation, elle refera le reste");
            run.sum.fatal = true;
            return;
        }
    }
}

// Compacted while each shard still holds its writer lock: no other run can
// change it between the copy and the exchange. A failure is a warning.
void compact_shards(Run& run) {
    run.event(IndexEvent::compacting, "");
    for (const std::string& path : run.shards.layout.databases) {
        CompactResult c = compact_in_place(path);
        if (c.ok) {
            run.sum.compacted = true;
            run.sum.bytes_before += c.before;
            run.sum.bytes_after += c.after;
        } else {
            log_line(run.log, path + ": avertissement : compactage impossible (" + c.error +
                                  ") : l'index enregistré reste valide, non compacté");
            ++run.sum.warnings;
        }
    }
}

// The writers of this run: several only when it builds the whole index
// (see above), never more than its files.
std::size_t writers_of(const IndexOptions& opt, const IndexedFiles& state, const Scan& scan) {
    if (!state.created) return 1;
    return std::min(writer_count(opt.writers), scan.files.size());
}

}  // namespace

IndexSummary publish(const IndexOptions& opt, const std::vector<std::string>& targets, std::FILE* log) {
    const auto t0 = std::chrono::steady_clock::now();
    IndexSummary sum;
    Scan scan = walk_inputs(opt, targets, log, sum);
    Shards shards;
    ShardsCloser closer{shards};
    if (!open_shards(opt, shards, log)) {
        sum.fatal = true;
        return sum;
    }
    read_corpus(scan, opt, log, sum, [&](const std::string& path) {
        if (opt.on_event) opt.on_event(IndexEvent::failed, path);
    });
    IndexedFiles state;
    for (std::size_t i = 0; i < shards.dbs.size(); ++i) {
        try {
            read_indexed_files(shards.dbs[i], i, state);
        } catch (const Xapian::Error& e) {
            log_line(log, shards.layout.databases[i] + ": lecture de l'index impossible : " + describe_failure(e));
            sum.fatal = true;
            return sum;
        }
    }
    Plan changes = plan(scan, state);
    Run run{opt, log, shards, scan, state, changes, sum, PendingWrites(shards.dbs, false), state.languages};
    // What a killed build in parts left beside the index: this run holds
    // the locks, no other is using it.
    std::error_code ec;
    fs::remove_all(staging_folder(opt.db_path), ec);
    if (std::size_t writers = writers_of(opt, state, scan); writers > 1) {
        sum.writers = writers;
        if (!build_in_parts(run, writers)) {
            sum.writers = 1;
            writers = 1;
        }
    }
    if (sum.writers == 1) {
        write_files(run);
        if (!sum.fatal) remove_gone(run);
        if (!sum.fatal) commit_shards(run);
        if (!sum.fatal && (opt.compact || state.created)) compact_shards(run);
    }
    close_shards(shards);
    sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return sum;
}

}  // namespace coopdec
