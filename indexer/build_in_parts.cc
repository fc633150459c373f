// @brief The build in parts: parts written by several writer threads, given
// out in order, merged by compaction.
#include "indexer/build_in_parts.h"

#include <atomic>
#include <exception>
#include <filesystem>
#include <memory>
#include <thread>
#include <tuple>

#include <xapian.h>

#include "common/places.h"
#include "common/schema.h"
#include "indexer/compact.h"
#include "indexer/deferred_log.h"
#include "indexer/parts.h"
#include "indexer/progress.h"

namespace fs = std::filesystem;

namespace coopdec {
namespace {

namespace sc = schema;

// Parts per writer (see above).
constexpr std::size_t kPartsPerWriter = 4;

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
        log_write_failure(log, run.opt.db_path, e);
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
        log_write_failure(log, run.opt.db_path, e);
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
        log_write_failure(run.log, run.opt.db_path, e);
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
        log_write_failure(run.log, s.layout.databases[shard], e);
        if (shard > 0)
            log_line(run.log,
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
            log_line(run.log, path + ": avertissement : compactage impossible (" + c.error +
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

}  // namespace

std::string staging_folder(const std::string& db_path) {
    std::string path = fs::path(db_path).lexically_normal().string();
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    return path + ".parties";
}

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

}  // namespace coopdec
