// @brief The indexing pass: walk, compare signatures, extract, replace, commit.
//
// Two passes over the files. The first reads only the gazetteer and the
// partnership records, because every other document inherits facets from
// them. The second (re)indexes what changed. A file's signature covers its
// own bytes, the gazetteer and the partnership records it links to, so that
// a changed partnership record re-indexes the documents that carry its facets.
//
// The whole second pass is one Xapian transaction, committed once at the end:
// readers (the server reopens before each request) go from the previous
// state to the new one in one step, and a run that is killed or fails leaves
// the previous state untouched, signatures included, so the next run redoes
// exactly what this one did not publish. Memory stays bounded all the same:
// inside a transaction, glass still writes the pending postings to the
// tables every XAPIAN_FLUSH_THRESHOLD changes (10,000 by default, 2,000 as
// coopdec-index sets it); it only
// holds back the new revision, which readers see at commit_transaction().
// One exception, measured: glass keeps the changes to value slots in memory
// until the commit (GlassValueManager::merge_changes() runs at commit, not at
// the flush threshold), about 1 KB per unit written; a long transaction
// would grow without bound. Glass merges them into the tables, without
// committing, when a value stream is opened on the writable database
// (GlassWritableDatabase::open_value_list: "flush (but don't commit - there
// may be a transaction in progress)"), so the run opens one every
// kValueMergeUnits units (see merge_values()).
// The price: a killed run loses all its work, and until the commit the
// blocks of the previous revision cannot be reused, so the index may take up
// to twice the size of what the run rewrites.
#include "indexer/corpus.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <unistd.h>

#include <xapian.h>

#include "common/schema.h"
#include "common/shards.h"
#include "indexer/compact.h"
#include "indexer/failure.h"
#include "indexer/document.h"
#include "indexer/extract.h"
#include "common/places.h"
#include "indexer/gazetteer.h"
#include "indexer/progress.h"
#include "indexer/prefetch.h"
#include "indexer/render.h"
#include "indexer/schema_check.h"
#include "indexer/shard_layout.h"
#include "indexer/source_file.h"

namespace fs = std::filesystem;

namespace coopdec {
namespace {

namespace sc = schema;

void report(std::FILE* log, const std::string& message) {
    std::fprintf(log, "%s\n", message.c_str());
}

// What the server shows of a document besides its units: its source XML
// (downloadable) and its HTML rendering. Kept in the index's metadata so
// that they change in the same commit as the units.
void store_views(Xapian::WritableDatabase& db, const std::string& id, const std::string& source,
                 const std::string& html) {
    db.set_metadata(std::string(sc::kSourceKeyPrefix) + id, source);
    db.set_metadata(std::string(sc::kHtmlKeyPrefix) + id, html);
}

void forget_document(Xapian::WritableDatabase& db, const std::string& id) {
    if (id.empty()) return;
    db.set_metadata(std::string(sc::kSourceKeyPrefix) + id, "");
    db.set_metadata(std::string(sc::kHtmlKeyPrefix) + id, "");
}

// One message for every failed write: it names the index and says that the
// previous state is intact (nothing of the run was committed).
void report_write_failure(std::FILE* log, const std::string& db_path, const Xapian::Error& e) {
    std::fprintf(log, "%s: écriture de l'index impossible (%s) : l'index est laissé tel qu'il était avant cette exécution\n",
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

// Units between two merges of the pending value-slot changes: a few MB of them
// at most, and a merge rewrites little (the last chunk of each slot).
constexpr size_t kValueMergeUnits = 1000;

// Writes the pending value-slot changes into the tables, inside the run's
// transaction, so that they do not pile up in memory until the commit (see
// the top of this file). Readers see nothing of it.
void merge_values(Xapian::WritableDatabase& db) {
    (void)db.valuestream_begin(sc::kSlotDoc);
}

// Counts the units a run changes and calls merge_values() on every shard
// every kValueMergeUnits of them (a shard without pending changes costs
// nothing).
class ValueMerger {
public:
    explicit ValueMerger(std::vector<Xapian::WritableDatabase>& dbs) : dbs_(dbs) {}

    // `units` more units written or deleted; merges when enough have piled
    // up. Throws what Xapian throws on a failed write.
    void add(size_t units) {
        unmerged_ += units;
        if (unmerged_ < kValueMergeUnits) return;
        for (auto& db : dbs_) merge_values(db);
        unmerged_ = 0;
    }

private:
    std::vector<Xapian::WritableDatabase>& dbs_;
    size_t unmerged_ = 0;  // units changed since the last merge
};

bool under(const std::string& path, const std::vector<std::string>& roots) {
    for (const auto& r : roots) {
        if (path == r) return true;
        if (path.size() > r.size() && path.compare(0, r.size(), r) == 0 && path[r.size()] == '/') return true;
    }
    return false;
}

// What pass 2 reads and never changes: the prepare() of the next files may
// read it on another thread while the writer works.
struct PassInputs {
    const IndexOptions& opt;
    const std::map<std::string, FileState>& known;                 // file key → state
    const std::map<std::string, std::string>& partnership_hashes;  // id → content hash
    const PartnershipMap& partnerships;
    const Gazetteer& gazetteer;
    const std::string base_sig;  // schema version and gazetteer, in every signature
};

// One file of pass 2, made ready to write. Every message is a whole line for
// the log, in the order the run used to give them.
struct Prepared {
    enum class Step {
        refused,     // over the size limit, unread (messages: why)
        unchanged,   // same signature as in the index: nothing to do
        unreadable,  // could not be read (messages: why)
        invalid,     // not well-formed, not valid... (messages: the diagnostics)
        ready,       // units built (messages: warnings, `warnings` of them)
    };
    Step step = Step::ready;
    std::vector<std::string> messages;
    std::size_t warnings = 0;
    std::string sig;   // the file's signature once indexed
    std::string text;  // its bytes, stored as its source view
    Record record;
    std::vector<UnitDocument> units;
    std::string html;  // its rendering; "" when it could not be rendered
};

// Files made ready ahead of the writer: enough to ride over one slow file,
// few enough that their documents and views weigh little (at most 8 times the
// largest file, with its rendering and units).
constexpr std::size_t kPrefetchDepth = 8;

// Everything pass 2 does for a file before writing it: the signature check,
// reading, extraction, validation, the Xapian documents, the rendering. Reads
// only `in` and the file, so it can run on another thread than the writer.
Prepared prepare(const SourceFile& f, const PassInputs& in) {
    Prepared p;
    // Refused by its size in pass 1, unread. Even a file indexed under a
    // larger limit is reported rather than skipped as unchanged: its
    // signature cannot be checked without reading it. Its units stay.
    if (f.refusal) {
        p.step = Prepared::Step::refused;
        p.messages.push_back(f.refusal->str());
        return p;
    }
    p.sig = f.hash + ':' + in.base_sig;
    auto old = in.known.find(f.key);
    if (!in.opt.rebuild && old != in.known.end() && old->second.signature == p.sig &&
        refresh_deps(old->second.deps, in.partnership_hashes) == old->second.deps) {
        p.step = Prepared::Step::unchanged;
        return p;
    }
    if (!read_file(f.path, p.text, in.opt.max_bytes)) {
        p.step = Prepared::Step::unreadable;
        p.messages.push_back(f.path + ": lecture impossible");
        return p;
    }
    Extraction ex = extract(p.text, f.path, in.opt.max_bytes);
    if (ex.ok && ex.record.format == "coopdec") {
        std::vector<Diagnostic> invalid = check_schema(p.text, f.path, ex.record.type, in.opt.schema_dir);
        if (!invalid.empty()) {
            ex.ok = false;
            ex.errors = std::move(invalid);
        }
    }
    if (!ex.ok) {
        p.step = Prepared::Step::invalid;
        for (const auto& d : ex.errors) p.messages.push_back(d.str());
        if (ex.errors.empty()) p.messages.push_back(f.path + ": document illisible");
        return p;
    }
    for (const auto& d : ex.warnings) p.messages.push_back(d.str());
    p.warnings += ex.warnings.size();
    p.record = std::move(ex.record);
    const Record& rec = p.record;
    for (const auto& id : rec.partnerships) {
        if (!in.partnerships.count(id)) {
            p.messages.push_back(f.path + ": avertissement : partenariat inconnu « " + id + " »");
            ++p.warnings;
        }
    }
    for (const auto& c : rec.communes) {
        if (!in.gazetteer.find(c)) {
            p.messages.push_back(f.path + ": avertissement : commune inconnue du répertoire « " + c + " »");
            ++p.warnings;
        }
    }
    DocContext ctx = resolve_context(rec, in.gazetteer, in.partnerships);
    p.units = build_documents(rec, ctx, f.key);
    // A document that cannot be rendered is still searchable; its page then
    // lists its units. Said as a warning.
    if (!p.units.empty()) {
        RenderResult rendered = render_html(p.text, f.path, rec.format, in.opt.stylesheet_dir);
        if (rendered.ok) {
            p.html = std::move(rendered.html);
        } else {
            for (const auto& d : rendered.diagnostics) p.messages.push_back(d.str() + " (avertissement : page non rendue)");
            ++p.warnings;
        }
    }
    return p;
}

}  // namespace

IndexSummary index_corpus(const IndexOptions& opt, std::FILE* log) {
    auto t0 = std::chrono::steady_clock::now();
    IndexSummary sum;

    std::vector<std::string> paths = walk(opt.inputs, log, sum.errors);
    sum.files = paths.size();
    auto event = [&](IndexEvent e, const std::string& path) {
        if (opt.on_event) opt.on_event(e, path);
    };

    // One database, or N shards (see shard_layout()). Every shard is opened,
    // locked and checked before anything is read.
    auto layout_or = shard_layout(opt.db_path, opt.shards);
    if (const std::string* why = std::get_if<std::string>(&layout_or)) {
        report(log, *why);
        sum.fatal = true;
        return sum;
    }
    const ShardLayout layout = std::get<ShardLayout>(layout_or);
    if (!layout.stub.empty()) {
        std::error_code ec;
        fs::create_directories(opt.db_path, ec);  // Xapian creates the shard's folder, not its parent
    }
    std::vector<Xapian::WritableDatabase> dbs(layout.databases.size());
    for (size_t i = 0; i < dbs.size(); ++i) {
        if (!open_for_writing(layout.databases[i], dbs[i], log)) {
            sum.fatal = true;
            return sum;  // the shards opened so far cancel their empty transactions as they close
        }
    }
    if (std::string why = write_stub(layout); !why.empty()) {
        report(log, why);
        sum.fatal = true;
        return sum;
    }
    // A document, its units, views and file signature all go to one shard.
    auto shard_of = [&](const std::string& id) { return shards::shard_of(id, dbs.size()); };

    // Pass 1: hash every file; extract the gazetteer and partnership records.
    std::vector<SourceFile> files;
    Gazetteer gazetteer;
    PartnershipMap partnerships;
    std::map<std::string, std::string> partnership_hashes;  // id → content hash
    std::string gazetteer_hash;
    for (const auto& p : paths) {
        SourceFile f;
        f.path = p;
        f.abs = fs::absolute(p).lexically_normal().string();
        f.key = file_key(f.abs);
        // The size first, from the file system: a file over the limit is
        // never read (reading a file of several GB whole, only to refuse it,
        // would take that much memory). When the size cannot be had, the
        // read below says why.
        std::error_code ec;
        const std::uintmax_t size = fs::file_size(p, ec);
        if (!ec && size > opt.max_bytes) {
            f.refusal = too_large(p, size, opt.max_bytes);
            files.push_back(std::move(f));
            continue;
        }
        std::string text;
        if (!read_file(p, text, opt.max_bytes)) {
            report(log, p + ": lecture impossible");
            ++sum.errors;
            event(IndexEvent::failed, p);
            continue;
        }
        f.hash = content_hash(text);
        f.root = peek_root(text);
        if (f.root == "repertoire" || f.root == "partenariat") {
            Extraction ex = extract(text, p, opt.max_bytes);
            if (ex.ok && ex.record.type == sc::kTypeGazetteer) {
                gazetteer.add(ex.record);
                gazetteer_hash = content_hash(gazetteer_hash + f.hash);
            } else if (ex.ok && ex.record.type == sc::kTypePartnership) {
                partnership_hashes[ex.record.id] = f.hash;
                // What linked documents inherit, not the record's text:
                // pass 2 reads the record again to index it.
                partnerships[ex.record.id] = inherited_fields(ex.record);
            }
            // Errors are reported in pass 2, once.
        }
        files.push_back(std::move(f));
    }

    std::vector<std::string> roots;
    for (const auto& in : opt.inputs) roots.push_back(fs::absolute(in).lexically_normal().string());

    // Known files from the previous runs, and the document ids they own.
    std::map<std::string, FileState> known;  // file key → state
    // Where each known file's state is: (shard, its document id there). One
    // shard, but for a file whose document changed id, and so shard, in a
    // run killed between the commits of its two shards: both are cleaned.
    std::map<std::string, std::vector<std::pair<size_t, std::string>>> held;
    std::string langs;
    bool created = true;  // the index had nothing before this run: it is compacted after it
    for (size_t i = 0; i < dbs.size(); ++i) {
        Xapian::WritableDatabase& db = dbs[i];
        try {
            for (auto it = db.metadata_keys_begin(std::string(sc::kFileKeyPrefix));
                 it != db.metadata_keys_end(std::string(sc::kFileKeyPrefix)); ++it) {
                std::string key = (*it).substr(sc::kFileKeyPrefix.size());
                FileState st = decode_state(db.get_metadata(*it));
                auto& where = held[key];
                where.emplace_back(i, st.doc_id);
                if (where.size() > 1) st.signature.clear();  // in two shards: indexed again, cleaned everywhere
                known[key] = std::move(st);
            }
            // Every shard lists the languages of all (see the commit below).
            std::istringstream in(db.get_metadata(std::string(sc::kLanguagesKey)));
            for (std::string l; in >> l;)
                if ((" " + langs + " ").find(" " + l + " ") == std::string::npos) langs += (langs.empty() ? "" : " ") + l;
            created = created && db.get_lastdocid() == 0;
        } catch (const Xapian::Error& e) {
            report(log, layout.databases[i] + ": lecture de l'index impossible : " + describe_failure(e));
            sum.fatal = true;
            return sum;
        }
    }
    created = created && known.empty();
    std::map<std::string, std::string> owner;  // doc id → file key, for duplicate ids
    // Every walked path counts as present, even one that could not be read:
    // a passing read error must not delete what the index has of it.
    std::set<std::string> present;
    for (const auto& p : paths) {
        present.insert(file_key(fs::absolute(p).lexically_normal().string()));
    }
    for (const auto& [key, st] : known)
        if (present.count(key) || !under(st.path, roots)) owner.emplace(st.doc_id, key);

    std::set<std::string> lang_set;
    {
        std::istringstream in(langs);
        std::string l;
        while (in >> l) lang_set.insert(l);
    }

    const std::string base_sig = std::string(sc::kSchemaVersion) + ':' + content_hash(gazetteer_hash);
    ValueMerger merger(dbs);

    // Pass 2: (re)index what changed. The next files are made ready on
    // another thread while this one writes (see prepare() and Prefetch).
    const PassInputs inputs{opt, known, partnership_hashes, partnerships, gazetteer, base_sig};
    Progress progress(log, opt.progress);
    {  // the scope of the preparing thread: it stops at the end of the pass
    Prefetch<Prepared> ready(files.size(), kPrefetchDepth,
                             [&](std::size_t i) { return prepare(files[i], inputs); });
    progress.start(files.size());
    for (const auto& f : files) {
        progress.step();
        Prepared p = ready.next();
        switch (p.step) {
        case Prepared::Step::refused:
        case Prepared::Step::unreadable:
        case Prepared::Step::invalid:
            for (const auto& line : p.messages) report(log, line);
            ++sum.errors;
            event(IndexEvent::failed, f.path);
            continue;  // the units indexed from an earlier version stay
        case Prepared::Step::unchanged:
            ++sum.skipped;
            event(IndexEvent::unchanged, f.path);
            continue;
        case Prepared::Step::ready:
            break;
        }
        const Record& rec = p.record;
        auto [it, inserted] = owner.emplace(rec.id, f.key);
        if (!inserted && it->second != f.key) {
            // find(), not []: prepare() reads `known` on the other thread.
            auto k = known.find(it->second);
            std::string other = k != known.end() ? k->second.path : it->second;
            for (const auto& g : files)
                if (g.key == it->second) other = g.path;
            report(log, f.path + ": identifiant de document « " + rec.id + " » déjà utilisé par " + other);
            ++sum.errors;
            event(IndexEvent::failed, f.path);
            continue;
        }
        for (const auto& line : p.messages) report(log, line);
        sum.warnings += p.warnings;
        auto old = known.find(f.key);
        std::vector<UnitDocument>& units = p.units;
        const std::string& text = p.text;
        const std::string& html = p.html;
        const std::string& sig = p.sig;
        // The gazetteer has no units, only its file state: it goes by its
        // file key.
        const size_t target = shard_of(rec.id.empty() ? f.key : rec.id);
        size_t at = target;  // the shard being written, for the message
        try {
            Xapian::WritableDatabase& db = dbs[target];
            db.delete_document(std::string(sc::kPrefixFile) + f.key);
            if (old != known.end() && old->second.doc_id != rec.id) forget_document(db, old->second.doc_id);
            // What another shard holds of this file (its document changed
            // id, so shard): gone from there in this run.
            if (auto h = held.find(f.key); h != held.end()) {
                for (const auto& [shard, doc_id] : h->second) {
                    if (shard == target) continue;
                    at = shard;
                    dbs[shard].delete_document(std::string(sc::kPrefixFile) + f.key);
                    forget_document(dbs[shard], doc_id);
                    dbs[shard].set_metadata(std::string(sc::kFileKeyPrefix) + f.key, "");
                }
                at = target;
            }
            for (auto& u : units) db.replace_document(u.id_term, u.document);
            if (!units.empty()) store_views(db, rec.id, text, html);
            FileState st{sig, rec.id, dependency_signature(rec.partnerships, partnership_hashes), f.abs};
            db.set_metadata(std::string(sc::kFileKeyPrefix) + f.key, encode_state(st));
            merger.add(units.size() + 1);  // +1: the deletion of the file's previous units
        } catch (const Xapian::Error& e) {
            report_write_failure(log, layout.databases[at], e);
            sum.fatal = true;
            break;
        }
        lang_set.insert(analysis_lang(rec));  // what its words were stemmed in
        if (!units.empty()) ++sum.documents;  // the gazetteer is no document
        sum.units += units.size();
        event(IndexEvent::indexed, f.path);
    }
    }
    progress.finish();

    // Files that were indexed under these inputs and are gone now.
    if (!sum.fatal) {
        for (const auto& [key, st] : known) {
            if (present.count(key) || !under(st.path, roots)) continue;
            size_t at = 0;
            try {
                for (const auto& [shard, doc_id] : held[key]) {
                    at = shard;
                    dbs[shard].delete_document(std::string(sc::kPrefixFile) + key);
                    forget_document(dbs[shard], doc_id);
                    dbs[shard].set_metadata(std::string(sc::kFileKeyPrefix) + key, "");
                }
                ++sum.removed;
                merger.add(10);  // a file's units, about; deleting them changes their values too
            } catch (const Xapian::Error& e) {
                report_write_failure(log, layout.databases[at], e);
                sum.fatal = true;
                break;
            }
            event(IndexEvent::removed, st.path);
        }
    }

    // The one commit of the run, per shard: units, views, signatures and
    // languages together. Each shard is published in one step, and each
    // document lives in one shard, so a reader sees every document either
    // as it was or as it is; across shards, the commits follow each other.
    size_t committed = 0;
    if (!sum.fatal) {
        std::string l;
        for (const auto& x : lang_set) l += (l.empty() ? "" : " ") + x;
        const std::string places = places::encode(gazetteer.rows());
        event(IndexEvent::committing, "");
        for (; committed < dbs.size(); ++committed) {
            Xapian::WritableDatabase& db = dbs[committed];
            try {
                if (db.get_metadata(std::string(sc::kLanguagesKey)) != l) db.set_metadata(std::string(sc::kLanguagesKey), l);
                // The places of this run's gazetteer, the one its documents
                // were indexed with, in every shard: the query side reads the
                // names users type from any of them (search/names.h). A run
                // that read no gazetteer (one agreement, a sub-folder) keeps
                // the places the index has.
                if (!gazetteer.rows().empty() && db.get_metadata(std::string(sc::kPlacesKey)) != places)
                    db.set_metadata(std::string(sc::kPlacesKey), places);
                if (db.get_metadata(std::string(sc::kSchemaKey)) != sc::kSchemaVersion)
                    db.set_metadata(std::string(sc::kSchemaKey), std::string(sc::kSchemaVersion));
                db.commit_transaction();
                sum.total_documents += db.get_termfreq(sc::kind_term(sc::kKindDoc));
            } catch (const Xapian::Error& e) {
                report_write_failure(log, layout.databases[committed], e);
                if (committed > 0)
                    report(log, opt.db_path + ": les " + std::to_string(committed) +
                                    " premiers fragments ont été enregistrés : relancez l'indexation, elle refera le reste");
                sum.fatal = true;
                break;
            }
        }
    }
    // Compacted while the shard still holds its writer lock: no other run can
    // change it between the copy and the exchange.
    if (!sum.fatal && (opt.compact || created)) {
        event(IndexEvent::compacting, "");
        for (const std::string& path : layout.databases) {
            CompactResult c = compact_in_place(path);
            if (c.ok) {
                sum.compacted = true;
                sum.bytes_before += c.before;
                sum.bytes_after += c.after;
            } else {
                report(log, path + ": avertissement : compactage impossible (" + c.error +
                                ") : l'index enregistré reste valide, non compacté");
                ++sum.warnings;
            }
        }
    }
    for (size_t i = committed; i < dbs.size(); ++i) {
        try {
            // After a failure, nothing of the run reaches the disk's committed
            // revision: cancelling drops what is pending.
            dbs[i].cancel_transaction();
        } catch (const Xapian::Error&) {
            // The database is unusable: its committed revision is the one before the run.
        }
    }
    for (auto& db : dbs) {
        try {
            db.close();  // releases the lock
        } catch (const Xapian::Error&) {
        }
    }
    sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return sum;
}

}  // namespace coopdec
