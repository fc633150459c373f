// @brief The scene shared by the crash and live re-indexing tests: a corpus
// folder indexed at v1, the same folder turned into v2 (every file changed),
// and the reference — what one uninterrupted run from v1 to v2 gives, on a
// copy of the v1 index — with both states and both sets of answers.
#pragma once

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/fault/child.h"
#include "tests/fault/corpus_versions.h"
#include "tests/fault/index_state.h"
#include "tests/server_process.h"
#include "tests/test_util.h"

namespace coopdec::test {

inline std::string indexer() { return std::string(COOPDEC_BIN_DIR) + "/coopdec-index"; }

// Xapian flushes its pending postings every 10,000 changes (its default), as
// many times as a large run needs; the bounded tests make it every 50, so
// that a run of the bundled corpus flushes a dozen times: without the run's
// transaction, each flush would be a commit readers see (and the tests fail).
// Every 20 for the smaller corpus of a sanitized build (fault_corpus()), for
// as many flushes.
inline constexpr size_t kSmallFlush = kSanitized ? 20 : 50;
inline constexpr size_t kDefaultFlush = 0;  // Xapian's own threshold

// The environment of an indexer run: `more`, and the flush threshold.
inline std::vector<std::string> index_env(size_t flush_threshold, std::vector<std::string> more = {}) {
    if (flush_threshold) more.push_back("XAPIAN_FLUSH_THRESHOLD=" + std::to_string(flush_threshold));
    return more;
}

// The test-only shim (tests/fault/shim.c) preloaded, with its settings:
// "NAME=value" entries among COOPDEC_FAULT_DIR, _BUDGET, _COUNT, _PEAK. Under
// AddressSanitizer, it is allowed to come before the sanitizer's runtime.
inline std::vector<std::string> with_shim(std::vector<std::string> settings) {
    const char* asan = std::getenv("ASAN_OPTIONS");
    settings.push_back(std::string("LD_PRELOAD=") + COOPDEC_FAULT_SHIM);
    settings.push_back(std::string("ASAN_OPTIONS=") + (asan ? std::string(asan) + ":" : "") +
                       "verify_asan_link_order=0");
    return settings;
}

// A disk that fills up under `dir` after `budget` bytes ("": never, only
// counting, the count written to the file `count`).
inline std::vector<std::string> shim_env(const std::string& dir, const std::string& budget,
                                         const std::string& count = "") {
    std::vector<std::string> env{"COOPDEC_FAULT_DIR=" + std::filesystem::canonical(dir).string()};
    if (!budget.empty()) env.push_back("COOPDEC_FAULT_BUDGET=" + budget);
    if (!count.empty()) env.push_back("COOPDEC_FAULT_COUNT=" + count);
    return with_shim(env);
}

// The fixed query set: coopdec-search arguments, and the same search on the
// server. Filters, phrases, citations, wildcards, sorting, paging, browsing.
inline std::vector<Query> query_set() {
    return {
        {{kMarker}, std::string("/api/search?q=") + kMarker},  // v2 only
        {{}, "/api/search"},                                   // browse: every document
        {{"--filter", "type=convention", "eau"}, "/api/search?q=eau&type=convention"},
        {{"--filter", "commune=Kloto 1", "--sort", "date"}, "/api/search?commune=Kloto+1&sort=date"},
        {{"--filter", "year_from=2000", "--filter", "year_to=2015", "santé"},
         "/api/search?q=sant%C3%A9&year_from=2000&year_to=2015"},
        {{"\"comité de suivi\""}, "/api/search?q=%22comit%C3%A9+de+suivi%22"},
        {{"art. 46"}, "/api/search?q=art.+46"},
        {{"--filter", "type=entretien", "--filter", "type=partenariat", "jumelage"},
         "/api/search?q=jumelage&type=entretien&type=partenariat"},
        {{"--filter", "country=FR", "--per-page", "50", "coopération"},
         "/api/search?q=coop%C3%A9ration&country=FR&per_page=50"},
        {{"--page", "2", "jumel*"}, "/api/search?q=jumel*&page=2"},
        {{"--filter", "theme=santé", "--sort", "date-asc"}, "/api/search?theme=sant%C3%A9&sort=date-asc"},
    };
}

// The server's targets under load: the query set, the health check, one
// agreement's data (in both versions) and one HTML results page.
inline std::vector<std::string> load_targets(const Corpus& v1) {
    std::vector<std::string> out;
    for (const auto& q : query_set()) out.push_back(q.target);
    out.push_back("/healthz");
    out.push_back("/api/doc/" + root_id(v1.at(agreements(v1).at(0))));
    out.push_back("/recherche?q=eau+potable");
    return out;
}

// The bodies a server on `db` answers to `targets` (a server started for it).
inline std::map<std::string, std::string> bodies(const std::string& db, const std::vector<std::string>& targets) {
    ServerProcess server({"--db", db, "--port", "0"});
    std::map<std::string, std::string> out;
    for (const auto& t : targets) {
        HttpAnswer a = server.get(t);
        if (a.status != 200) throw std::runtime_error(t + " : statut " + std::to_string(a.status) + " " + a.body);
        out[t] = a.body;
    }
    return out;
}

// Lines of text.
inline std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
        out.push_back(text.substr(start, nl - start));
    return out;
}

// Folders readable by the unprivileged user some tests run programs as.
inline void open_up(const std::string& path) {
    std::filesystem::permissions(path, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                           std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                                           std::filesystem::perms::others_exec);
}

struct Scenario {
    size_t flush_threshold;  // for every indexer run of the scenario
    TempDir dir;
    std::string corpus = dir / "corpus", db = dir / "db", ref = dir / "ref";
    Corpus v1, v2;
    IndexState s1, s2;                 // db at v1; ref after the uninterrupted run
    std::vector<std::string> a1, a2;   // the query set's answers on each
    std::vector<std::string> events;   // the reference run's --verbose lines
    unsigned long long ref_bytes = 0;  // bytes the reference run wrote (with count_writes)

    Scenario(Corpus version1, size_t flush, bool count_writes = false)
        : flush_threshold(flush), v1(std::move(version1)), v2(make_v2(v1)) {
        open_up(dir.path());
        write_corpus(corpus, v1);
        std::string out, err;
        int status = run(indexer(), {"--db", db, "--quiet", corpus}, out, err, env());
        if (status != 0) throw std::runtime_error("v1 : statut " + std::to_string(status) + "\n" + err);
        s1 = read_state(db);
        a1 = answers(db, query_set());
        std::filesystem::copy(db, ref, std::filesystem::copy_options::recursive);

        write_corpus(corpus, v2);
        std::string count = dir / "written";
        Child c(indexer(), {"--db", ref, "--verbose", "--quiet", corpus},
                count_writes ? env(shim_env(ref, "", count)) : env());
        status = c.wait();
        if (status != 0) throw std::runtime_error("v2 : statut " + std::to_string(status) + "\n" + c.err);
        events = lines(c.rest);
        if (count_writes) ref_bytes = std::stoull(read_text(count));
        s2 = read_state(ref);
        a2 = answers(ref, query_set());
    }

    // The environment of the scenario's indexer runs.
    std::vector<std::string> env(std::vector<std::string> more = {}) const {
        return index_env(flush_threshold, std::move(more));
    }

    static std::string read_text(const std::string& path) {
        std::ifstream in(path);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }
};

}  // namespace coopdec::test
