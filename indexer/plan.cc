// @brief Scan and plan: the phases of a run that read the inputs and the
// index, and decide, before anything is written.
//
// The scan reads every file of the corpus once, to hash it: a file's
// signature covers its own bytes, the gazetteer and the partnership records
// it links to, so that a changed partnership record re-indexes the documents
// that carry its facets. Only the gazetteer and the partnership records are
// extracted here, because every other document inherits facets from them;
// the other files are extracted when they are prepared (indexer/prepare.h).
#include "indexer/plan.h"

#include <filesystem>
#include <system_error>

#include "common/schema.h"
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

// Reads one walked file's size, hash and root element; a gazetteer or a
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
    if (f.root == "repertoire" || f.root == "partenariat") {
        Extraction ex = extract(text, f.path, options.max_bytes);
        if (ex.ok && ex.record.type == sc::kTypeGazetteer) {
            context.gazetteer.add(ex.record);
            context.gazetteer_hash = content_hash(context.gazetteer_hash + f.hash);
        } else if (ex.ok && ex.record.type == sc::kTypePartnership) {
            context.partnership_hashes[ex.record.id] = f.hash;
            // What linked documents inherit, not the record's text: the
            // record is read again when it is prepared, to index it.
            context.partnerships[ex.record.id] = inherited_fields(ex.record);
        }
        // Errors are reported when the file is prepared, once.
    }
    return true;
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
    // Every walked path counts as present, even one that could not be read:
    // a passing read error must not delete what the index has of it.
    for (const auto* list : {&s.corpus_paths, &s.target_paths})
        for (const auto& p : *list) s.present.insert(file_key(absolute_path(p)));
    return s;
}

void read_corpus(Scan& s, const IndexOptions& options, std::FILE* log, IndexSummary& sum,
                 const std::function<void(const std::string& path)>& on_failed) {
    std::set<std::string> targets;
    for (const auto& p : s.target_paths) targets.insert(p);
    auto visit = [&](const std::string& p, bool is_target) {
        SourceFile f;
        f.path = p;
        f.abs = absolute_path(p);
        f.key = file_key(f.abs);
        if (!hash_file(f, options, s.context)) {
            if (!is_target) return;  // said when it is published itself
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
