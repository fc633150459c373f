// @brief Scan and plan: the phases of a run that read the inputs and the
// index, and decide, before anything is written.
//
// The scan hashes every file it publishes: a file's signature covers its
// own bytes, the gazetteer and the partnership records it links to, so that
// a changed partnership record re-indexes the documents that carry its
// facets. The other files of the corpus are read only as far as their root
// element, and in full when they are the gazetteer or a record. Only the gazetteer and the partnership records are
// extracted here, because every other document inherits facets from them;
// the other files are extracted when they are prepared (indexer/prepare.h).
#include "indexer/plan.h"

#include <filesystem>
#include <fstream>
#include <system_error>

#include "common/schema.h"
#include "indexer/context_cache.h"
#include "indexer/extract.h"

namespace fs = std::filesystem;

namespace coopdec {
namespace {

namespace sc = schema;

bool under(const std::string& path, const std::vector<std::string>& roots) {
    for (const auto& r : roots) {
        if (path == r) return true;
        if (path.size() > r.size() && path.compare(0, r.size(), r) == 0 && path[r.size()] == '/') return true;
    }
    return false;
}

std::string absolute_path(const std::string& path) { return fs::absolute(path).lexically_normal().string(); }

// The root element's name from the first bytes of the file at `path`, or
// "" when they do not show it whole (a long prolog, a name cut at the end
// of the bytes read) or the file cannot be read.
std::string root_from_start(const std::string& path) {
    constexpr std::size_t kStart = 4096;
    std::ifstream in(path, std::ios::binary);
    std::string start(kStart, '\0');
    in.read(start.data(), static_cast<std::streamsize>(kStart));
    start.resize(static_cast<std::size_t>(in.gcount()));
    if (start.size() < kStart) return peek_root(start);  // the whole file
    std::string root = peek_root(start);
    // A name running to the end of the bytes read may be cut.
    const std::size_t at = start.rfind('<');
    if (at != std::string::npos && start.find_first_of(" \t\r\n/>", at) == std::string::npos) return {};
    return root;
}

// Adds what `entry`'s file gives to the context: the gazetteer's places, or
// a record's inherited fields and hash.
void give_context(const ContextEntry& entry, CorpusContext& context) {
    if (!entry.has_record) return;
    if (entry.record.type == sc::kTypeGazetteer) {
        context.gazetteer.add(entry.record);
        context.gazetteer_hash = content_hash(context.gazetteer_hash + entry.hash);
    } else if (entry.record.type == sc::kTypePartnership) {
        context.partnership_hashes[entry.record.id] = entry.hash;
        context.partnerships[entry.record.id] = entry.record;
    }
}

// What a file of root `root` holding `text` gives to the context: the
// gazetteer whole, a record's inherited fields, or nothing.
ContextEntry entry_of(const std::string& text, const SourceFile& f, const IndexOptions& options) {
    ContextEntry entry{{}, f.root, f.hash, false, {}};
    if (f.root != "repertoire" && f.root != "partenariat") return entry;
    Extraction ex = extract(text, f.path, options.max_bytes);
    if (ex.ok && ex.record.type == sc::kTypeGazetteer) {
        entry.has_record = true;
        entry.record = std::move(ex.record);
    } else if (ex.ok && ex.record.type == sc::kTypePartnership) {
        entry.has_record = true;
        // What linked documents inherit, not the record's text: the record
        // is read again when it is prepared, to index it.
        entry.record = inherited_fields(ex.record);
    }
    // Errors are reported when the file is prepared, once.
    return entry;
}

// Reads one target's size, hash and root element; a gazetteer or a
// partnership record is extracted into `context`. False when it cannot be
// read.
bool hash_file(SourceFile& f, const IndexOptions& options, CorpusContext& context) {
    // The size first, from the file system: a file over the limit is never
    // read (reading a file of several GB whole, only to refuse it, would
    // take that much memory). When the size cannot be had, the read below
    // says why.
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(f.path, ec);
    if (!ec && size > options.max_bytes) {
        f.refusal = too_large(f.path, size, options.max_bytes);
        return true;
    }
    std::string text;
    if (!read_file(f.path, text, options.max_bytes)) return false;
    f.hash = content_hash(text);
    f.root = peek_root(text);
    give_context(entry_of(text, f, options), context);
    return true;
}

// What a file that is not a target gives to the context, from the cache
// while the file is unchanged. Otherwise the file is read as far as its
// root element, and in full only when it is the gazetteer or a record:
// publishing one document reads the records of a large corpus, not all its
// text. A file that cannot be read gives nothing (it is reported when it
// is published itself).
void add_context_of(const std::string& path, const IndexOptions& options, CorpusContext& context) {
    const std::optional<FileIdentity> identity = identity_of(path);
    if (!identity) return;
    if (auto known = context_cache().find(path, *identity)) {
        give_context(*known, context);
        return;
    }
    const std::string root = root_from_start(path);
    if (!root.empty() && root != "repertoire" && root != "partenariat") {
        context_cache().put(path, ContextEntry{*identity, root, {}, false, {}});
        return;
    }
    SourceFile f;
    f.path = path;
    if (identity->size > options.max_bytes) return;
    std::string text;
    if (!read_file(path, text, options.max_bytes)) return;
    f.hash = content_hash(text);
    f.root = peek_root(text);
    ContextEntry entry = entry_of(text, f, options);
    entry.identity = *identity;
    give_context(entry, context);
    context_cache().put(path, std::move(entry));
}

}  // namespace

Scan walk_inputs(const IndexOptions& options, const std::vector<std::string>& targets, std::FILE* log,
                 IndexSummary& sum) {
    Scan s;
    const std::vector<std::string>& roots = targets.empty() ? options.inputs : targets;
    if (targets.empty() || targets == options.inputs) {
        s.corpus_paths = walk(options.inputs, log, sum.errors);
        s.target_paths = s.corpus_paths;
    } else {
        // Only the targets' problems are the run's: the rest of the corpus
        // gives its context, and says its problems when it is published.
        std::size_t elsewhere = 0;
        s.corpus_paths = walk(options.inputs, nullptr, elsewhere);
        s.target_paths = walk(targets, log, sum.errors);
    }
    sum.files = s.target_paths.size();
    for (const auto& r : roots) s.roots.push_back(absolute_path(r));
    // Every walked target counts as present, even one that could not be
    // read: a passing read error must not delete what the index has of it.
    // Only what lies under the targets can be gone (plan()), and the corpus's
    // files under them are the targets' own.
    for (const auto& p : s.target_paths) s.present.insert(file_key(absolute_path(p)));
    return s;
}

void read_corpus(Scan& s, const IndexOptions& options, std::FILE* log, IndexSummary& sum,
                 const std::function<void(const std::string& path)>& on_failed) {
    std::set<std::string> targets;
    for (const auto& p : s.target_paths) targets.insert(p);
    auto visit = [&](const std::string& p, bool is_target) {
        if (!is_target) {
            add_context_of(p, options, s.context);
            return;
        }
        SourceFile f;
        f.path = p;
        f.abs = absolute_path(p);
        f.key = file_key(f.abs);
        if (!hash_file(f, options, s.context)) {
            std::fprintf(log, "%s: lecture impossible\n", p.c_str());
            ++sum.errors;
            on_failed(p);
            return;
        }
        if (is_target) s.files.push_back(std::move(f));
    };
    for (const auto& p : s.corpus_paths) visit(p, targets.count(p) > 0);
    // Targets outside the corpus: published with the corpus's context.
    std::set<std::string> corpus(s.corpus_paths.begin(), s.corpus_paths.end());
    for (const auto& p : s.target_paths)
        if (!corpus.count(p)) visit(p, true);
}

void warm_context(const IndexOptions& options, const std::atomic<bool>* stop) {
    std::size_t unreadable = 0;
    CorpusContext unused;
    for (const auto& p : walk(options.inputs, nullptr, unreadable)) {
        if (stop && stop->load()) return;
        // A file the publication will report when it is published.
        try {
            add_context_of(p, options, unused);
        } catch (const std::exception&) {
        }
    }
}

void read_indexed_files(Xapian::WritableDatabase& db, std::size_t shard, IndexedFiles& state) {
    for (auto it = db.metadata_keys_begin(std::string(sc::kFileKeyPrefix));
         it != db.metadata_keys_end(std::string(sc::kFileKeyPrefix)); ++it) {
        std::string key = (*it).substr(sc::kFileKeyPrefix.size());
        FileState st = decode_state(db.get_metadata(*it));
        auto& where = state.held[key];
        where.emplace_back(shard, st.doc_id);
        if (where.size() > 1) st.signature.clear();  // in two shards: indexed again, cleaned everywhere
        state.known[key] = std::move(st);
    }
    // Every shard lists the languages of all (see commit_shards()).
    std::string langs = db.get_metadata(std::string(sc::kLanguagesKey));
    for (std::size_t i = 0; i < langs.size();) {
        std::size_t end = langs.find(' ', i);
        if (end == std::string::npos) end = langs.size();
        if (end > i) state.languages.insert(langs.substr(i, end - i));
        i = end + 1;
    }
    state.created = state.created && db.get_lastdocid() == 0 && state.known.empty();
}

Plan plan(const Scan& s, const IndexedFiles& state) {
    Plan p;
    for (const auto& [key, st] : state.known) {
        const bool gone = !s.present.count(key) && under(st.path, s.roots);
        if (gone)
            p.gone.push_back(key);
        else
            p.owner.emplace(st.doc_id, key);
    }
    return p;
}

}  // namespace coopdec
