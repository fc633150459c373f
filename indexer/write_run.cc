// @brief One prepared file taken to the index: its id claimed, its units,
// views and file state written to its document's shard.
#include "indexer/write_run.h"

#include "common/schema.h"
#include "indexer/failure.h"

namespace coopdec {

namespace sc = schema;

void log_line(std::FILE* log, const std::string& message) { std::fprintf(log, "%s\n", message.c_str()); }

void log_write_failure(std::FILE* log, const std::string& db_path, const Xapian::Error& e) {
    std::fprintf(log,
                 "%s: écriture de l'index impossible (%s) : l'index est laissé tel qu'il était avant cette exécution\n",
                 db_path.c_str(), describe_failure(e).c_str());
}

namespace {

// What the server shows of a document besides its units: its source XML,
// downloadable and rendered into its page when asked, packed
// (common/stored_blob.h) by prepare(). Kept in the index's metadata so that
// it changes in the same commit as the units.
void store_source(Xapian::WritableDatabase& db, const std::string& id, const Prepared& p) {
    db.set_metadata(std::string(sc::kSourceKeyPrefix) + id, p.source_view);
}

void forget_document(Xapian::WritableDatabase& db, const std::string& id) {
    if (id.empty()) return;
    db.set_metadata(std::string(sc::kSourceKeyPrefix) + id, "");
}

}  // namespace

void forget_file(Xapian::WritableDatabase& db, const std::string& key, const std::string& doc_id) {
    db.delete_document(std::string(sc::kPrefixFile) + key);
    forget_document(db, doc_id);
    db.set_metadata(std::string(sc::kFileKeyPrefix) + key, "");
}

namespace {

// False, said on the log, when another file already owns the document's id.
bool claim_id(Run& run, const SourceFile& f, const std::string& id) {
    auto [it, inserted] = run.plan.owner.emplace(id, f.key);
    if (inserted || it->second == f.key) return true;
    // find(), not []: prepare() reads `known` on the other thread.
    auto k = run.state.known.find(it->second);
    std::string other = k != run.state.known.end() ? k->second.path : it->second;
    for (const auto& g : run.scan.files)
        if (g.key == it->second) other = g.path;
    log_line(run.log, f.path + ": identifiant de document « " + id + " » déjà utilisé par " + other);
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
        if (!p.units.empty()) store_source(db, rec.id, p);
        FileState st{p.sig, rec.id, dependency_signature(rec.partnerships, run.scan.context.partnership_hashes), f.abs};
        db.set_metadata(std::string(sc::kFileKeyPrefix) + f.key, encode_state(st));
        run.pending.add(p.units.size() + 1, postings);  // +1: the deletion of the file's previous units
    } catch (const Xapian::Error& e) {
        log_write_failure(run.log, run.shards.layout.databases[at], e);
        return false;
    }
    return true;
}

}  // namespace

bool apply(Run& run, const SourceFile& f, const Prepared& p) {
    switch (p.step) {
        case Prepared::Step::refused:
        case Prepared::Step::unreadable:
        case Prepared::Step::invalid:
            for (const auto& line : p.messages) log_line(run.log, line);
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
    for (const auto& line : p.messages) log_line(run.log, line);
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

}  // namespace coopdec
