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

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <set>
#include <thread>
#include <tuple>

#include <unistd.h>

#include <xapian.h>

#include "common/places.h"
#include "common/schema.h"
#include "common/shards.h"
#include "indexer/compact.h"
#include "indexer/deferred_log.h"
#include "indexer/failure.h"
#include "indexer/parts.h"
#include "indexer/pending_writes.h"
#include "indexer/plan.h"
#include "indexer/prefetch.h"
#include "indexer/prepare.h"
#include "indexer/progress.h"
#include "indexer/shard_layout.h"

namespace fs = std::filesystem;

namespace coopdec {
namespace {

namespace sc = schema;

void report(std::FILE* log, const std::string& message) { std::fprintf(log, "%s\n", message.c_str()); }

// One message for every failed write: it names the index and says that the
// previous state is intact (nothing of the run was committed).
void report_write_failure(std::FILE* log, const std::string& db_path, const Xapian::Error& e) {
    std::fprintf(log,
                 "%s: écriture de l'index impossible (%s) : l'index est laissé tel qu'il était avant cette exécution\n",
                 db_path.c_str(), describe_failure(e).c_str());
}

// Opens the index for writing and starts the run's transaction, or says why
// not in one line naming the index (and returns false, having written nothing).
bool open_for_writing(const std::string& path, Xapian::WritableDatabase& db, std::FILE* log) {
    // Xapian reports a folder it may not write as a lock it cannot take:
    // ask first, so that the message says what the operator must fix.
    std::error_code ec;
    if (fs::exists(path, ec) && access(path.c_str(), W_OK) != 0) {
        int err = errno;
        report(log, path + ": index en lecture seule (" + system_reason(std::strerror(err)) +
                        ") : l'index est laissé tel qu'il était");
        return false;
    }
    try {
        // No DB_RETRY_LOCK: a lock held by another writer is said at once.
        db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
        std::string version = db.get_metadata(std::string(sc::kSchemaKey));
        if (!version.empty() && version != sc::kSchemaVersion) {
            report(log, path + ": index au schéma " + version + ", ce programme écrit le schéma " +
                            std::string(sc::kSchemaVersion) + " : reconstruisez-le dans un nouveau dossier");
            return false;
        }
        db.begin_transaction();
        return true;
    } catch (const Xapian::DatabaseLockError& e) {
        // FlintLock's wording for a lock held by another writer; any other
        // lock failure (a lock file it may not open...) is said as it is.
        if (e.get_msg().find("already locked") != std::string::npos)
            report(log, path + ": index verrouillé : un autre coopdec-index l'écrit déjà");
        else
            report(log, path + ": index impossible à verrouiller pour l'écrire : " + e.get_msg());
        return false;
    } catch (const Xapian::Error& e) {
        report(log, path + ": ouverture de l'index impossible : " + describe_failure(e));
        return false;
    }
}

// The shards of the index, open for writing, each in its transaction.
struct Shards {
    ShardLayout layout;
    std::vector<Xapian::WritableDatabase> dbs;
    std::size_t committed = 0;  // shards committed so far, in order
    bool closed = false;

    // A document, its units, views and file signature all go to one shard.
    std::size_t of(const std::string& id) const { return shards::shard_of(id, dbs.size()); }
};

// One database, or N shards (see shard_layout()). Every shard is opened,
// locked and checked before anything is read. False, said on `log`, when
// one cannot be.
bool open_shards(const IndexOptions& opt, Shards& s, std::FILE* log) {
    auto layout_or = shard_layout(opt.db_path, opt.shards);
    if (const std::string* why = std::get_if<std::string>(&layout_or)) {
        report(log, *why);
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
        report(log, why);
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

// Everything the write phase reads and changes.
struct Run {
    const IndexOptions& opt;
    std::FILE* log;
    Shards& shards;
    const Scan& scan;
    const IndexedFiles& state;
    Plan& plan;
    IndexSummary& sum;
    PendingWrites pending;            // of `shards`
    std::set<std::string> languages;  // of the index after the run

    void event(IndexEvent e, const std::string& path) const {
        if (opt.on_event) opt.on_event(e, path);
    }
};

// What the server shows of a document besides its units: its source XML
// (downloadable) and its HTML rendering, packed (common/stored_blob.h) by
// prepare(). Kept in the index's metadata so that they change in the same
// commit as the units.
void store_views(Xapian::WritableDatabase& db, const std::string& id, const Prepared& p) {
    db.set_metadata(std::string(sc::kSourceKeyPrefix) + id, p.source_view);
    db.set_metadata(std::string(sc::kHtmlKeyPrefix) + id, p.html_view);
}

void forget_document(Xapian::WritableDatabase& db, const std::string& id) {
    if (id.empty()) return;
    db.set_metadata(std::string(sc::kSourceKeyPrefix) + id, "");
    db.set_metadata(std::string(sc::kHtmlKeyPrefix) + id, "");
}

// Deletes what shard `shard` holds of the file `key`: units, views, state.
void forget_file(Xapian::WritableDatabase& db, const std::string& key, const std::string& doc_id) {
    db.delete_document(std::string(sc::kPrefixFile) + key);
    forget_document(db, doc_id);
    db.set_metadata(std::string(sc::kFileKeyPrefix) + key, "");
}

// False, said on the log, when another file already owns the document's id.
bool claim_id(Run& run, const SourceFile& f, const std::string& id) {
    auto [it, inserted] = run.plan.owner.emplace(id, f.key);
    if (inserted || it->second == f.key) return true;
    // find(), not []: prepare() reads `known` on the other thread.
    auto k = run.state.known.find(it->second);
    std::string other = k != run.state.known.end() ? k->second.path : it->second;
    for (const auto& g : run.scan.files)
        if (g.key == it->second) other = g.path;
    report(run.log, f.path + ": identifiant de document « " + id + " » déjà utilisé par " + other);
    return false;
}

// Replaces what the index has of one prepared file. False, said on the log,
// when a write failed (the run then stops and publishes nothing).
bool write_file(Run& run, const SourceFile& f, const Prepared& p) {
    const Record& rec = p.record;
    auto old = run.state.known.find(f.key);
    // The gazetteer has no units, only its file state: it goes by its file key.
    const std::size_t target = run.shards.of(rec.id.empty() ? f.key : rec.id);
    std::size_t at = target;  // the shard being written, for the message
    try {
        Xapian::WritableDatabase& db = run.shards.dbs[target];
        db.delete_document(std::string(sc::kPrefixFile) + f.key);
        if (old != run.state.known.end() && old->second.doc_id != rec.id) forget_document(db, old->second.doc_id);
        // What another shard holds of this file (its document changed id,
        // so shard): gone from there in this run.
        if (auto h = run.state.held.find(f.key); h != run.state.held.end()) {
            for (const auto& [shard, doc_id] : h->second) {
                if (shard == target) continue;
                at = shard;
                forget_file(run.shards.dbs[shard], f.key, doc_id);
            }
            at = target;
        }
        std::size_t postings = 0;
        for (const auto& u : p.units) {
            db.replace_document(u.id_term, u.document);
            postings += postings_of(u.document);
        }
        if (!p.units.empty()) store_views(db, rec.id, p);
        FileState st{p.sig, rec.id, dependency_signature(rec.partnerships, run.scan.context.partnership_hashes), f.abs};
        db.set_metadata(std::string(sc::kFileKeyPrefix) + f.key, encode_state(st));
        run.pending.add(p.units.size() + 1, postings);  // +1: the deletion of the file's previous units
    } catch (const Xapian::Error& e) {
        report_write_failure(run.log, run.shards.layout.databases[at], e);
        return false;
    }
    return true;
}

// Takes one prepared file to the index, or reports why not. False when the
// run must stop (a failed write).
bool apply(Run& run, const SourceFile& f, const Prepared& p) {
    switch (p.step) {
        case Prepared::Step::refused:
        case Prepared::Step::unreadable:
        case Prepared::Step::invalid:
            for (const auto& line : p.messages) report(run.log, line);
            ++run.sum.errors;
            run.event(IndexEvent::failed, f.path);
            return true;  // the units indexed from an earlier version stay
        case Prepared::Step::unchanged:
            ++run.sum.skipped;
            run.event(IndexEvent::unchanged, f.path);
            return true;
        case Prepared::Step::ready:
            break;
    }
    if (!claim_id(run, f, p.record.id)) {
        ++run.sum.errors;
        run.event(IndexEvent::failed, f.path);
        return true;
    }
    for (const auto& line : p.messages) report(run.log, line);
    run.sum.warnings += p.warnings;
    if (!write_file(run, f, p)) {
        run.sum.fatal = true;
        return false;
    }
    run.languages.insert(analysis_lang(p.record));  // what its words were stemmed in
    if (!p.units.empty()) ++run.sum.documents;      // the gazetteer is no document
    run.sum.units += p.units.size();
    run.event(IndexEvent::indexed, f.path);
    return true;
}

// Files made ready ahead of the writer: enough to ride over one slow file,
// few enough that their documents and views weigh little (at most 8 times the
// largest file, with its rendering and units).
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
            report_write_failure(run.log, run.shards.layout.databases[at], e);
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
            report_write_failure(run.log, s.layout.databases[s.committed], e);
            if (s.committed > 0)
                report(run.log,
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
            report(run.log, path + ": avertissement : compactage impossible (" + c.error +
                                ") : l'index enregistré reste valide, non compacté");
            ++run.sum.warnings;
        }
    }
}

// The whole index built in parts. A run that starts from an empty index
// (nothing indexed yet: a first run, or a first run that was killed) cuts
// its files into contiguous parts of about the same bytes, a few per
// writer; each writer thread takes the next part not yet taken, prepares
// AND writes its files into the part's own databases (one per shard) in the
// staging folder beside the index; then the parts are merged in order by
// Xapian's compaction into the compacted copy that is exchanged with the
// index, as compact_in_place() does for a run with one writer. Writing is
// what bounds a run with one writer (one WritableDatabase at a time); here
// each core writes. Several parts per writer, because the cost of a byte
// differs between formats (a transcript makes many more units than a
// partnership record): a writer that is done with its parts takes the
// next, so no writer waits long for another. Contiguous parts merged in
// order give every document the id one writer gives it, so the index is
// the same, term for term. A run over an existing index keeps one writer:
// a file that fails keeps what the index had of it, and documents keep
// their ids, which a copy built from the files alone would not do.
//
// What the user sees stays in the order of the files: each part's lines
// and events are kept (DeferredLog), and given out, part after part, once
// the parts before it are given out. A document id claimed in a part by a
// file when a file of an earlier part already claimed it is found then:
// that part is written again, on this thread, with every claim before it
// known, so the refusal is said exactly as one writer says it. Memory:
// each writer holds one file's documents and at most about kPendingPostings
// of Xapian's pending postings (indexer/pending_writes.h); what waits is the
// parts' messages, nothing of their documents.

// Parts per writer (see above).
constexpr std::size_t kPartsPerWriter = 4;

// The staging folder of a run built in parts, beside the index (same file
// system, so that the merged copy is exchanged, not copied).
std::string staging_folder(const std::string& db_path) {
    std::string path = fs::path(db_path).lexically_normal().string();
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    return path + ".parties";
}

// One part of a build: its files, its databases, what it claimed, counted
// and said.
struct Part {
    std::size_t first = 0, last = 0;  // its files in scan.files, [first, last)
    std::string folder;               // its databases' folder, in the staging folder
    std::vector<std::string> paths;   // its database of each shard
    Shards shards;                    // the index's names (for messages), its own databases
    Plan plan;                        // document id → file key, of its files
    IndexSummary sum;
    std::set<std::string> languages;
    IndexOptions opt;  // the run's, its events kept in `said`
    DeferredLog said;
    std::exception_ptr error;       // what its writer threw
    bool stopped = false;           // left unfinished: a later part failed (written again when given out)
    std::atomic<bool> done{false};  // written, its databases committed and closed
};

// Creates (again) the part's databases, empty. False, said on `log`, when
// one cannot be.
bool open_part(Part& part, const Run& run, std::FILE* log) {
    part.shards.dbs.clear();
    part.paths.clear();
    std::error_code ec;
    fs::create_directories(part.folder, ec);  // Xapian creates a database's folder, not its parents
    try {
        for (std::size_t s = 0; s < part.shards.layout.databases.size(); ++s) {
            part.paths.push_back(part.folder + "/" + shards::folder_name(s));
            part.shards.dbs.emplace_back(part.paths.back(), Xapian::DB_CREATE_OR_OVERWRITE);
        }
    } catch (const Xapian::Error& e) {
        report_write_failure(log, run.opt.db_path, e);
        return false;
    }
    return true;
}

// Commits and closes the part's databases. False, said on `log`, when a
// write fails.
bool close_part(Part& part, const Run& run, std::FILE* log) {
    try {
        for (auto& db : part.shards.dbs) {
            db.commit();
            db.close();
        }
    } catch (const Xapian::Error& e) {
        report_write_failure(log, run.opt.db_path, e);
        return false;
    }
    return true;
}

enum class PartEnd { written, failed, stopped };

// Writes one part, in file order, with `r` (its claims, counts and log).
// `failed`: a write failed (said on r.log); `stopped`: `stop` was set first.
PartEnd write_part(Run& r, const PrepareInputs& in, Part& part, const std::atomic<bool>& stop) {
    if (!open_part(part, r, r.log)) return PartEnd::failed;
    const std::vector<SourceFile>& files = r.scan.files;
    for (std::size_t i = part.first; i < part.last; ++i) {
        if (stop) return PartEnd::stopped;
        if (!apply(r, files[i], prepare(files[i], in))) return PartEnd::failed;
    }
    return close_part(part, r, r.log) ? PartEnd::written : PartEnd::failed;
}

// True when a file of `part` claimed a document id that a file before it
// holds.
bool claims_conflict(const Part& part, const Plan& before) {
    for (const auto& [id, key] : part.plan.owner) {
        auto it = before.owner.find(id);
        if (it != before.owner.end() && it->second != key) return true;
    }
    return false;
}

void add_counts(IndexSummary& to, const IndexSummary& from) {
    to.documents += from.documents;
    to.units += from.units;
    to.skipped += from.skipped;
    to.errors += from.errors;
    to.warnings += from.warnings;
}

// The parts of a build and how far they are: taken by the writers, given
// out to the user.
struct Build {
    Run& run;
    const PrepareInputs& in;
    std::vector<std::unique_ptr<Part>> parts;
    std::atomic<std::size_t> next{0};  // the next part to take
    std::atomic<bool> stop{false};     // a part failed: the writers take no more
    std::size_t settled = 0;           // parts given out so far (this thread)
    Progress progress;
};

// A writer: takes the next part and writes it, until none is left. A part
// that fails stops the others. `settles`: gives out what is done after each
// part (the calling thread's writer only).
void writer(Build& b, bool settles);

// Gives out the parts that are done, in order, from the first not given
// out yet, and takes their claims and counts into the run's; a part whose
// claims clash with those before it, or that a later part's failure left
// unfinished, is written again here, so that what is said is what one
// writer says. Stops at a part that failed (its messages given out: the
// run's failure).
void settle(Build& b) {
    Run& run = b.run;
    for (; b.settled < b.parts.size() && !run.sum.fatal; ++b.settled) {
        Part& part = *b.parts[b.settled];
        if (!part.done) return;
        if (part.error) std::rethrow_exception(part.error);
        for (std::size_t i = part.first; i < part.last; ++i) b.progress.step();
        if (part.stopped || (!part.sum.fatal && claims_conflict(part, run.plan))) {
            Run r{run.opt,   run.log,  part.shards, run.scan,
                  run.state, run.plan, run.sum,     PendingWrites(part.shards.dbs, true),
                  {}};
            const std::atomic<bool> never{false};
            if (write_part(r, b.in, part, never) != PartEnd::written) run.sum.fatal = true;
            run.languages.insert(r.languages.begin(), r.languages.end());
            continue;
        }
        part.said.replay(run.log, run.opt.on_event);
        run.plan.owner.insert(part.plan.owner.begin(), part.plan.owner.end());
        add_counts(run.sum, part.sum);
        if (part.sum.fatal) run.sum.fatal = true;
        run.languages.insert(part.languages.begin(), part.languages.end());
    }
}

void writer(Build& b, bool settles) {
    for (std::size_t p; !b.stop && (p = b.next++) < b.parts.size();) {
        Part& part = *b.parts[p];
        try {
            Run r{part.opt,    part.said.file(), part.shards, b.run.scan,
                  b.run.state, part.plan,        part.sum,    PendingWrites(part.shards.dbs, true),
                  {}};
            const PartEnd end = write_part(r, b.in, part, b.stop);
            if (end == PartEnd::failed) {
                part.sum.fatal = true;
                b.stop = true;
            }
            part.stopped = end == PartEnd::stopped;
            part.languages = std::move(r.languages);
        } catch (...) {
            part.error = std::current_exception();
            b.stop = true;
        }
        part.done = true;
        if (settles) settle(b);
    }
}

// Joins the writers' threads however the phase ends.
struct Joiner {
    std::vector<std::thread>& threads;
    std::atomic<bool>& stop;
    ~Joiner() {
        if (std::uncaught_exceptions() > 0) stop = true;  // this thread threw: the others need not finish
        for (auto& t : threads)
            if (t.joinable()) t.join();
    }
};

// Writes every part with `writers` writers, this thread one of them, and
// gives out what they said, in order.
void write_parts(Build& b, std::size_t writers) {
    {
        std::vector<std::thread> threads;
        Joiner joiner{threads, b.stop};
        for (std::size_t w = 1; w < writers; ++w) threads.emplace_back([&b] { writer(b, false); });
        writer(b, true);
    }
    settle(b);
}

// The run-wide metadata (languages, places, schema version), once per
// shard: in the first part's databases, so that the merge finds each key
// once. commit_shards() sets the same keys for a run with one writer.
bool set_run_metadata(Run& run, Part& first) {
    std::string langs;
    for (const auto& x : run.languages) langs += (langs.empty() ? "" : " ") + x;
    const Gazetteer& gazetteer = run.scan.context.gazetteer;
    const std::string places = places::encode(gazetteer.rows());
    try {
        for (const auto& path : first.paths) {
            Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
            if (!langs.empty()) db.set_metadata(std::string(sc::kLanguagesKey), langs);
            if (!gazetteer.rows().empty()) db.set_metadata(std::string(sc::kPlacesKey), places);
            db.set_metadata(std::string(sc::kSchemaKey), std::string(sc::kSchemaVersion));
            db.commit();
        }
    } catch (const Xapian::Error& e) {
        report_write_failure(run.log, run.opt.db_path, e);
        return false;
    }
    return true;
}

// When the merged copy cannot be written (no space for it...): the parts'
// documents and metadata copied into the run's own database of shard
// `shard`, with the ids they would have had, in its transaction, then
// committed, as a run with one writer commits before it compacts. False,
// said on the log, when that fails too.
bool copy_parts(Run& run, std::size_t shard, const std::vector<std::string>& sources) {
    Shards& s = run.shards;
    Xapian::WritableDatabase& db = s.dbs[shard];
    std::vector<Xapian::WritableDatabase> one{db};
    PendingWrites pending(one, false);
    try {
        Xapian::docid offset = 0;
        for (const auto& path : sources) {
            Xapian::Database part(path);
            for (auto it = part.postlist_begin(""); it != part.postlist_end(""); ++it) {
                db.replace_document(offset + *it, part.get_document(*it));
                pending.add(1, 0);
            }
            for (auto k = part.metadata_keys_begin(); k != part.metadata_keys_end(); ++k)
                db.set_metadata(*k, part.get_metadata(*k));
            offset += part.get_lastdocid();
        }
        db.commit_transaction();
        run.sum.total_documents += db.get_termfreq(sc::kind_term(sc::kKindDoc));
    } catch (const Xapian::Error& e) {
        report_write_failure(run.log, s.layout.databases[shard], e);
        if (shard > 0)
            report(run.log,
                   run.opt.db_path + ": les " + std::to_string(shard) +
                       " premiers fragments ont été enregistrés : relancez l'indexation, elle refera le reste");
        run.sum.fatal = true;
        return false;
    }
    return true;
}

// Merges the parts, shard by shard, into the index (merge_in_place()). The
// run's own databases, empty, only hold the locks: their transactions are
// cancelled once the merged copy is in place; when it cannot be written,
// the parts are copied into them instead (copy_parts()), a warning.
void merge_parts(Run& run, const std::vector<std::unique_ptr<Part>>& parts) {
    run.event(IndexEvent::committing, "");
    if (!set_run_metadata(run, *parts[0])) {
        run.sum.fatal = true;
        return;
    }
    Shards& s = run.shards;
    run.event(IndexEvent::compacting, "");
    for (s.committed = 0; s.committed < s.dbs.size(); ++s.committed) {
        const std::string& path = s.layout.databases[s.committed];
        std::vector<std::string> sources;
        for (const auto& part : parts) sources.push_back(part->paths[s.committed]);
        CompactResult c = merge_in_place(sources, path);
        if (!c.ok) {
            report(run.log, path + ": avertissement : compactage impossible (" + c.error +
                                ") : l'index enregistré reste valide, non compacté");
            ++run.sum.warnings;
            if (!copy_parts(run, s.committed, sources)) return;
            continue;
        }
        try {
            s.dbs[s.committed].cancel_transaction();  // empty: it only held the lock
        } catch (const Xapian::Error&) {
        }
        run.sum.compacted = true;
        run.sum.bytes_before += c.before;
        run.sum.bytes_after += c.after;
        run.sum.total_documents += Xapian::Database(path).get_termfreq(sc::kind_term(sc::kKindDoc));
    }
}

// True when a part's database can be written in the staging folder (its
// name fits, the folder is writable...): tried before anything is written,
// so that a run that cannot build in parts writes with one writer instead,
// and says what compact_shards() says of a compaction that fails.
bool staging_usable(const std::string& staging) {
    std::error_code ec;
    fs::create_directories(staging, ec);
    try {
        Xapian::WritableDatabase(staging + "/essai", Xapian::DB_CREATE_OR_OVERWRITE).close();
    } catch (const Xapian::Error&) {
        return false;
    }
    fs::remove_all(staging + "/essai", ec);
    return !ec;
}

// The write, commit and compaction phases of a build with `writers` (≥ 2)
// writers. The staging folder is removed at the end, whatever happened.
// False, having written nothing, when the staging folder cannot be used.
bool build_in_parts(Run& run, std::size_t writers) {
    const std::string staging = staging_folder(run.opt.db_path);
    struct Cleanup {
        const std::string& folder;
        ~Cleanup() {
            std::error_code ec;
            fs::remove_all(folder, ec);
        }
    } cleanup{staging};
    if (!staging_usable(staging)) return false;
    const PrepareInputs inputs{run.opt, run.state.known, run.scan.context, base_signature(run.scan.context)};
    Build b{run, inputs, {}, {0}, {false}, 0, Progress(run.log, run.opt.progress)};
    const auto ranges = split_by_bytes(run.scan.files, writers * kPartsPerWriter);
    for (std::size_t p = 0; p < ranges.size(); ++p) {
        auto part = std::make_unique<Part>();
        std::tie(part->first, part->last) = ranges[p];
        part->folder = staging + "/partie-" + std::to_string(p);
        part->shards.layout = run.shards.layout;
        part->opt = run.opt;
        part->opt.on_event = [d = &part->said](IndexEvent e, const std::string& path) { d->event(e, path); };
        b.parts.push_back(std::move(part));
    }
    b.progress.start(run.scan.files.size());
    write_parts(b, writers);
    b.progress.finish();
    if (!run.sum.fatal) merge_parts(run, b.parts);
    return true;
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
            report(log, shards.layout.databases[i] + ": lecture de l'index impossible : " + describe_failure(e));
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
