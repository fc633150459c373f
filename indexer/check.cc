// @brief check_changes(): the corpus read once, the change applied in
// memory, every file extracted, then the ids and references compared before
// and after the change.
//
// The references are compared before and after, rather than only after, so
// that a change is refused for what it breaks, never for what was already
// broken elsewhere in the corpus (the indexer only warns about those).
#include "indexer/check.h"

#include <filesystem>
#include <set>

#include "indexer/extract.h"
#include "indexer/gazetteer.h"
#include "indexer/schema_check.h"
#include "indexer/source_file.h"

namespace fs = std::filesystem;

namespace coopdec {
namespace {

// What one file of the corpus says of itself, as far as the checks go.
struct Facts {
    bool ok = false;  // extracted
    std::string id;
    std::string type;
    std::vector<std::string> partnerships, communes;
};

Facts facts_of(const Extraction& ex) {
    Facts f;
    f.ok = ex.ok;
    if (!ex.ok) return f;
    f.id = ex.record.id;
    f.type = ex.record.type;
    f.partnerships = ex.record.partnerships;
    f.communes = ex.record.communes;
    return f;
}

// Every file of one state of the corpus, by corpus path, and what resolves
// the references: the partnership ids and the gazetteer.
struct CorpusState {
    std::map<std::string, Facts> files;
    std::set<std::string> partnerships;
    Gazetteer gazetteer;
};

// The unresolved references of the file at `path`, as messages.
std::vector<std::string> unresolved(const std::string& path, const Facts& f, const CorpusState& s) {
    std::vector<std::string> out;
    for (const auto& id : f.partnerships)
        if (!s.partnerships.count(id))
            out.push_back(path + ": partenariat inconnu « " + id +
                          " » : aucune fiche de partenariat ne porte cet identifiant");
    for (const auto& c : f.communes)
        if (!s.gazetteer.find(c)) out.push_back(path + ": commune inconnue du répertoire « " + c + " »");
    return out;
}

bool component_ok(const std::string& part) { return !part.empty() && part != "." && part != ".."; }

}  // namespace

const std::vector<std::string>& corpus_folders() {
    static const std::vector<std::string> folders = {"conventions/", "entretiens/", "etudes/", "lois/",
                                                     "partenariats/"};
    return folders;
}

std::optional<std::string> corpus_path_problem(const std::string& path) {
    const std::string shown = "chemin « " + path + " » refusé : ";
    if (path.empty()) return "chemin vide refusé : un fichier du corpus est attendu";
    if (path.size() > 255) return shown + "trop long (255 caractères au plus)";
    if (path[0] == '/') return shown + "un chemin absolu n'est pas un chemin du corpus";
    for (unsigned char c : path)
        if (c < 0x20 || c == 0x7f || c == '\\') return shown + "caractère interdit";
    std::size_t start = 0;
    while (true) {
        std::size_t slash = path.find('/', start);
        std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (!component_ok(part)) return shown + "composant vide, « . » ou « .. » interdit";
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    bool known = false;
    for (const auto& f : corpus_folders())
        if (path.compare(0, f.size(), f) == 0 && path.size() > f.size()) known = true;
    if (!known) {
        std::string list;
        for (const auto& f : corpus_folders()) list += (list.empty() ? "" : ", ") + f;
        return shown + "le fichier doit être dans l'un des dossiers du corpus (" + list + ")";
    }
    if (path.size() < 5 || path.compare(path.size() - 4, 4, ".xml") != 0)
        return shown + "un fichier XML (.xml) est attendu";
    return std::nullopt;
}

namespace {

// The changes by path, once each path passed corpus_path_problem().
using Changed = std::map<std::string, const ChangedFile*>;

void add_facts(CorpusState& s, const std::string& rel, const Facts& f) {
    s.files[rel] = f;
    if (f.ok && f.type == "partenariat") s.partnerships.insert(f.id);
}

// The corpus before the change, and after it but for the changed files:
// every file by its path relative to the folder. A removed file's id goes
// to `out.ids`.
void read_states(const std::string& corpus_dir, const Changed& changed, CorpusState& before, CorpusState& after,
                 ChangeCheck& out) {
    std::size_t walk_errors = 0;
    const std::string root = fs::path(corpus_dir).lexically_normal().string();
    std::string prefix = root;
    if (!prefix.empty() && prefix.back() != '/') prefix += '/';
    for (const auto& abs : walk({root}, nullptr, walk_errors)) {
        std::string rel = abs.compare(0, prefix.size(), prefix) == 0 ? abs.substr(prefix.size()) : abs;
        std::string text;
        if (!read_file(abs, text, kMaxDocumentBytes)) continue;
        Extraction ex = extract(text, rel);
        Facts f = facts_of(ex);
        const auto change = changed.find(rel);
        if (ex.ok && ex.record.type == "repertoire") {
            before.gazetteer.add(ex.record);
            if (change == changed.end()) after.gazetteer.add(ex.record);
        }
        add_facts(before, rel, f);
        if (change == changed.end())
            add_facts(after, rel, f);
        else if (change->second->remove)
            out.ids[rel] = f.id;
    }
}

// The changed files, extracted and validated as the indexer does, into
// `after`; their problems into `out.errors`.
void add_changed(const Changed& changed, const std::string& schema_dir, const CorpusState& before, CorpusState& after,
                 ChangeCheck& out) {
    for (const auto& [rel, c] : changed) {
        if (c->remove) {
            if (!before.files.count(rel)) out.errors.push_back(rel + ": fichier absent du corpus : rien à retirer");
            continue;
        }
        Extraction ex = extract(c->content, rel, kMaxDocumentBytes);
        if (ex.ok && ex.record.format == "coopdec") {
            std::vector<Diagnostic> invalid = check_schema(c->content, rel, ex.record.type, schema_dir);
            if (!invalid.empty()) {
                ex.ok = false;
                ex.errors = std::move(invalid);
            }
        }
        if (!ex.ok) {
            for (const auto& d : ex.errors) out.errors.push_back(d.str());
            if (ex.errors.empty()) out.errors.push_back(rel + ": document illisible");
            continue;
        }
        if (ex.record.type == "repertoire") after.gazetteer.add(ex.record);
        out.ids[rel] = ex.record.id;
        add_facts(after, rel, facts_of(ex));
    }
}

// A changed file's id held by another file after the change.
void check_ids(const Changed& changed, const CorpusState& after, ChangeCheck& out) {
    std::map<std::string, std::vector<std::string>> holders;
    for (const auto& [rel, f] : after.files)
        if (f.ok) holders[f.id].push_back(rel);
    for (const auto& [rel, c] : changed) {
        if (c->remove) continue;
        const std::string& id = out.ids[rel];
        for (const auto& other : holders[id])
            if (other != rel)
                out.errors.push_back(rel + ": identifiant de document « " + id + " » déjà utilisé par " + other);
    }
}

// The changed files' unresolved references, and those another file loses.
void check_references(const Changed& changed, const CorpusState& before, const CorpusState& after, ChangeCheck& out) {
    for (const auto& [rel, f] : after.files) {
        if (!f.ok) continue;
        std::vector<std::string> now = unresolved(rel, f, after);
        if (now.empty()) continue;
        if (changed.count(rel)) {
            out.errors.insert(out.errors.end(), now.begin(), now.end());
            continue;
        }
        std::vector<std::string> was = unresolved(rel, f, before);
        std::set<std::string> known(was.begin(), was.end());
        for (const auto& m : now)
            if (!known.count(m)) out.errors.push_back(m + " (référence rompue par cette publication)");
    }
}

}  // namespace

ChangeCheck check_changes(const std::string& corpus_dir, const std::vector<ChangedFile>& changes,
                          const std::string& schema_dir) {
    ChangeCheck out;
    Changed changed;
    for (const auto& c : changes) {
        if (auto why = corpus_path_problem(c.path)) {
            out.errors.push_back(*why);
            continue;
        }
        if (!changed.emplace(c.path, &c).second)
            out.errors.push_back(c.path + ": fichier nommé deux fois dans la publication");
    }
    if (!out.errors.empty()) return out;
    CorpusState before, after;
    read_states(corpus_dir, changed, before, after, out);
    add_changed(changed, schema_dir, before, after, out);
    if (!out.errors.empty()) return out;
    check_ids(changed, after, out);
    check_references(changed, before, after, out);
    return out;
}

}  // namespace coopdec
