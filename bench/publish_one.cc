// @brief coopdec-bench-publish: how long one changed document takes to
// reach the readers of a large index, through the publication the server
// runs when a validator accepts a document (indexer/publish.h).
//
// Usage: coopdec-bench-publish --db INDEX --corpus DIR --file PATH [--runs K]
//
// PATH is a file of DIR holding a "</p>". Each run writes PATH with one more
// word of its own before that "</p>" (« motbanc<run> »), publishes that file
// alone with the corpus DIR as its context, then reopens a reader that was
// open on the index before the run (as the server holds it) and looks the
// word up. It prints, per run and as medians: the publication's time (read
// of the corpus context, indexing, commit) and the time until the reader
// finds the word. The file's first content is published again at the end,
// so the corpus and the index are as they were.
//
// Exit status: 0 done, 1 a publication failed or the word was not found,
// 2 wrong usage or unreadable file.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/publish.h"
#include "search/index.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

bool write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    return static_cast<bool>(out.flush());
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

struct Options {
    std::string db, corpus, file;
    int runs = 5;
};

bool parse(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (i + 1 >= argc) return false;
        std::string v = argv[++i];
        if (a == "--db")
            o.db = v;
        else if (a == "--corpus")
            o.corpus = v;
        else if (a == "--file")
            o.file = v;
        else if (a == "--runs")
            o.runs = std::max(1, std::atoi(v.c_str()));
        else
            return false;
    }
    return !o.db.empty() && !o.corpus.empty() && !o.file.empty();
}

// Publishes `path` alone into the index; false (and the log on stderr) when
// the run failed or reported the file.
bool publish_file(const Options& o, const std::string& path) {
    coopdec::IndexOptions opt;
    opt.db_path = o.db;
    opt.inputs = {o.corpus};
    char* buffer = nullptr;
    size_t size = 0;
    std::FILE* log = open_memstream(&buffer, &size);
    coopdec::IndexSummary sum = coopdec::publish(opt, {path}, log);
    std::fclose(log);
    const bool ok = !sum.fatal && sum.errors == 0 && sum.documents == 1;
    if (!ok)
        std::fprintf(stderr, "coopdec-bench-publish : publication refusée :\n%.*s", static_cast<int>(size), buffer);
    std::free(buffer);
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parse(argc, argv, o)) {
        std::fprintf(stderr, "usage : coopdec-bench-publish --db INDEX --corpus DOSSIER --file CHEMIN [--runs K]\n");
        return 2;
    }
    std::ifstream in(o.file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string original = ss.str();
    const size_t at = original.find("</p>");
    if (!in || at == std::string::npos) {
        std::fprintf(stderr, "coopdec-bench-publish : %s illisible ou sans « </p> »\n", o.file.c_str());
        return 2;
    }
    try {
        coopdec::Index reader = coopdec::Index::open(o.db);
        std::printf("index : %u unités ; fichier publié : %s\n", reader.db().get_doccount(), o.file.c_str());
        std::vector<double> published, visible;
        int status = 0;
        for (int run = 1; run <= o.runs && status == 0; ++run) {
            const std::string word = "motbanc" + std::to_string(run);
            std::string changed = original;
            changed.insert(at, " " + word);
            if (!write_file(o.file, changed)) return 2;
            const auto start = Clock::now();
            if (!publish_file(o, o.file)) {
                status = 1;
                break;
            }
            published.push_back(ms_since(start));
            reader.reopen();
            const bool found = reader.db().get_termfreq(word) > 0;
            visible.push_back(ms_since(start));
            if (!found) {
                std::fprintf(stderr, "coopdec-bench-publish : « %s » introuvable après la publication\n", word.c_str());
                status = 1;
            }
            std::printf("publication %d : publiée en %.1f ms, visible en %.1f ms\n", run, published.back(),
                        visible.back());
        }
        write_file(o.file, original);
        if (!publish_file(o, o.file)) status = 1;
        if (status == 0)
            std::printf("médiane : publiée en %.1f ms, visible en %.1f ms (max %.1f ms) sur %zu publications\n",
                        median(published), median(visible), *std::max_element(visible.begin(), visible.end()),
                        visible.size());
        return status;
    } catch (const Xapian::Error& e) {
        write_file(o.file, original);
        std::fprintf(stderr, "coopdec-bench-publish : %s\n", e.get_description().c_str());
        return 1;
    }
}
