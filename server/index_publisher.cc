// @brief IndexPublisher: check, record as pending, write, index, mark done.
//
// The pending entry is recorded before any file is written and holds every
// new content, so a process killed at any later step leaves what the next
// start needs to redo the whole publication: rewriting a file with the
// content it already has and publishing an unchanged file are both no-ops
// (the index skips a file whose signature it has). Until the entry is done,
// the history does not list it.
#include "server/index_publisher.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "indexer/check.h"
#include "indexer/context_cache.h"
#include "indexer/plan.h"
#include "indexer/publish.h"
#include "server/corpus_writer.h"
#include "store/backup.h"

namespace fs = std::filesystem;

namespace coopdec {
namespace {

// The indexer's word for a lock held by another writer (indexer/publish.h).
constexpr const char* kLocked = "index verrouillé";

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string::npos) nl = text.size();
        if (nl > start) out.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return out;
}

// The indexer's options for the corpus and the index of `o`.
IndexOptions index_options(const PublisherOptions& o) {
    IndexOptions opt;
    opt.db_path = o.db_path;
    opt.inputs = {o.corpus_dir};
    opt.schema_dir = o.schema_dir;
    return opt;
}

}  // namespace

IndexPublisher::IndexPublisher(PublisherOptions options, store::History& history)
    : options_(std::move(options)), history_(history) {}

void IndexPublisher::step(const std::string& name) const {
    if (options_.on_step) options_.on_step(name);
}

PublishOutcome IndexPublisher::check(const std::vector<CorpusChange>& changes) {
    PublishOutcome out;
    if (changes.empty()) {
        out.messages.push_back("publication vide : aucun fichier à publier");
        return out;
    }
    std::vector<ChangedFile> files;
    for (const auto& c : changes) files.push_back(ChangedFile{c.path, c.content, c.remove});
    ChangeCheck checked = check_changes(options_.corpus_dir, files, options_.schema_dir);
    out.messages = std::move(checked.errors);
    out.ok = out.messages.empty();
    return out;
}

std::vector<std::string> IndexPublisher::write_files(const std::vector<store::PublishedFile>& files) {
    for (const auto& f : files) {
        auto failed = f.removed ? remove_durably(options_.corpus_dir, f.path)
                                : write_durably(options_.corpus_dir, f.path, f.content);
        if (failed) return {*failed};
    }
    return {};
}

std::size_t IndexPublisher::context_files() const { return context_cache().size(); }

void IndexPublisher::warm(const std::atomic<bool>& stop) const { warm_context(index_options(options_), &stop); }

std::vector<std::string> IndexPublisher::index_files(const std::vector<store::PublishedFile>& files) {
    const IndexOptions opt = index_options(options_);
    std::vector<std::string> targets;
    std::size_t removed = 0;
    for (const auto& f : files) {
        targets.push_back((fs::path(options_.corpus_dir) / f.path).string());
        removed += f.removed ? 1 : 0;
    }

    const auto start = std::chrono::steady_clock::now();
    std::chrono::milliseconds pause(100);
    while (true) {
        char* buffer = nullptr;
        std::size_t size = 0;
        std::FILE* log = open_memstream(&buffer, &size);
        if (!log) return {"publication impossible : mémoire insuffisante"};
        IndexSummary sum;
        std::string failure;
        try {
            sum = coopdec::publish(opt, targets, log);
        } catch (const std::exception& e) {
            sum.fatal = true;
            failure = e.what();
        } catch (...) {
            sum.fatal = true;
            failure = "erreur inattendue de l'indexation";
        }
        std::fclose(log);
        std::string text(buffer, size);
        std::free(buffer);
        if (!sum.fatal && sum.errors <= removed) return {};  // a removed file's « introuvable » is expected
        if (!sum.fatal) {
            // Checked files the index refused: an index built from another
            // folder (its files claim the same ids) is the likely cause.
            std::vector<std::string> out = lines_of(text);
            out.push_back(
                "indexation incomplète : vérifiez que --corpus est le dossier à partir duquel l'index a été "
                "construit ; la publication sera reprise au prochain démarrage du serveur");
            return out;
        }
        if (!failure.empty()) return {"indexation impossible : " + failure};
        const bool locked = text.find(kLocked) != std::string::npos;
        const auto waited = std::chrono::steady_clock::now() - start;
        if (!locked) {
            std::vector<std::string> out = lines_of(text);
            out.push_back(
                "indexation impossible : les fichiers sont écrits dans le corpus, l'index sera mis à jour "
                "au prochain démarrage du serveur");
            return out;
        }
        if (waited + pause > options_.patience) {
            const long seconds = static_cast<long>((options_.patience.count() + 999) / 1000);  // "1 s", never "0 s"
            return {"index verrouillé depuis " + std::to_string(seconds) +
                    " s par une autre indexation (coopdec-index) : les fichiers sont écrits dans le corpus, "
                    "l'index sera mis à jour à la prochaine publication ou au prochain démarrage du serveur"};
        }
        step("verrouillée");
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(2000));
    }
}

std::vector<std::string> IndexPublisher::finish_pending_locked() {
    std::optional<store::PublicationLock> held;
    if (!options_.lock_file.empty()) held.emplace(options_.lock_file);
    for (const store::Publication& p : history_.pending()) {
        std::vector<std::string> failed = write_files(p.files);
        if (failed.empty()) failed = index_files(p.files);
        if (!failed.empty()) {
            failed.insert(failed.begin(),
                          "publication n° " + std::to_string(p.id) + " (« " + p.summary + " ») inachevée :");
            return failed;
        }
        history_.finish(p.id);
    }
    return {};
}

std::vector<std::string> IndexPublisher::finish_pending() {
    std::lock_guard<std::mutex> lock(mutex_);
    return finish_pending_locked();
}

PublishOutcome IndexPublisher::publish(const std::vector<CorpusChange>& changes, const store::Principal& who,
                                       const std::string& summary) {
    std::lock_guard<std::mutex> lock(mutex_);
    PublishOutcome out;
    // An earlier publication left pending (the index was locked too long,
    // or the process died) goes first: its files are older than these.
    if (std::vector<std::string> failed = finish_pending_locked(); !failed.empty()) {
        out.messages = std::move(failed);
        return out;
    }
    std::vector<ChangedFile> files;
    for (const auto& c : changes) files.push_back(ChangedFile{c.path, c.content, c.remove});
    if (changes.empty()) {
        out.messages.push_back("publication vide : aucun fichier à publier");
        return out;
    }
    ChangeCheck checked = check_changes(options_.corpus_dir, files, options_.schema_dir);
    if (!checked.errors.empty()) {
        out.messages = std::move(checked.errors);
        return out;
    }
    step("vérifiée");
    std::vector<store::PublishedFile> record;
    for (const auto& c : changes) {
        store::PublishedFile f;
        f.path = c.path;
        f.doc_id = checked.ids[c.path];
        f.removed = c.remove;
        if (!c.remove) f.content = c.content;
        f.previous = read_corpus_file(options_.corpus_dir, c.path);
        record.push_back(std::move(f));
    }
    std::optional<store::PublicationLock> held;
    if (!options_.lock_file.empty()) held.emplace(options_.lock_file);
    const int64_t id = history_.begin(who.account_id, who.login, summary, record);
    step("enregistrée");
    std::vector<std::string> failed = write_files(record);
    if (!failed.empty()) {
        out.messages = std::move(failed);
        out.messages.push_back("publication inachevée : elle sera reprise au prochain démarrage du serveur");
        return out;
    }
    step("écrite");
    failed = index_files(record);
    if (!failed.empty()) {
        out.messages = std::move(failed);
        return out;
    }
    step("indexée");
    history_.finish(id);
    step("terminée");
    out.ok = true;
    out.publication_id = id;
    return out;
}

}  // namespace coopdec
