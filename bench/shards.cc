// @brief coopdec-bench-shards: the latency and throughput of one fixed query
// set on several indexes of the same corpus — one database or shards, local
// or served by xapian-tcpsrv — to measure what sharding and the remote
// protocol cost (bench/shards.sh runs it on 1, 2 and 4 shards).
//
// Every search runs without a SearchCache: each one computes its exact facet
// counts, as a search on an index with a remote shard always does
// (search/search_cache.h). Before timing, every index must give the same
// total and the same facet counts for every query as the first one: the
// figures compare the same work, and the run doubles as a check that
// sharding changes no answer.
//
// Timing. The rounds are interleaved: round r runs the query set on every
// index in turn, starting from index r mod n, so that a slower moment of a
// shared machine, and whatever slows the first index of a round, fall on
// every index alike (exactly so when R is a multiple of the number of
// indexes). Single-thread rounds first: each search timed alone, one after
// another. Then the multi-thread rounds: T threads, each with its own Index
// (a Xapian Database is not thread-safe), each running the whole query set
// from a different starting query; throughput is the searches of all
// threads over the wall time of the round.
#include <algorithm>
#include <barrier>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <xapian.h>

#include "search/index.h"
#include "search/request.h"
#include "search/search.h"

namespace {

const char kUsage[] =
    "usage : coopdec-bench-shards --index [ÉTIQUETTE=]INDEX [--index …] [--rounds R] [--threads T]\n"
    "                             [--facet-values N]\n"
    "Mesure la latence et le débit d'un jeu fixe de requêtes (mots, phrases, filtres de\n"
    "facettes, tri par date, parcours sans mots, page 3) sur chaque INDEX, sans cache :\n"
    "chaque recherche calcule ses comptes exacts, comme sur un index distant.\n"
    "INDEX : le dossier d'un index, ou un fichier stub listant ses fragments\n"
    "(« auto CHEMIN », « remote HÔTE:PORT » servi par xapian-tcpsrv).\n"
    "  --index [ÉTIQUETTE=]INDEX  un index à mesurer (répétable ; le premier sert de\n"
    "                 référence aux rapports) ; ÉTIQUETTE le nomme dans le tableau\n"
    "  --rounds R     passes du jeu de requêtes par index (défaut 10)\n"
    "  --threads T    fils du second débit mesuré, chacun avec son propre index ouvert\n"
    "                 (défaut 2)\n"
    "  --facet-values N  valeurs listées par facette dans chaque réponse (défaut 100,\n"
    "                 comme le serveur ; 0 : toutes) ; le titre de chaque partenariat listé\n"
    "                 est lu dans l'index\n"
    "Avant de mesurer, vérifie que chaque index trouve, pour chaque requête, le même\n"
    "total et les mêmes comptes de facettes que le premier.\n"
    "Écrit deux tableaux Markdown sur la sortie standard, l'avancement sur l'erreur.\n"
    "Statut : 0 mesuré, 1 index en désaccord ou recherche en échec, 2 usage incorrect.\n";

using Clock = std::chrono::steady_clock;

// One query of the set: URL parameters, applied as the server applies them.
using Params = std::vector<std::pair<std::string, std::string>>;

// The query set: every path of search() a user takes. Filter values are
// those of coopdec-gencorpus's corpora (any seed, any size above a few
// hundred documents).
const std::vector<Params> kQueries = {
    {{"q", "forage"}},                                                     // one word
    {{"q", "eau potable"}},                                                // two words
    {{"q", "conseil municipal commune"}},                                  // three frequent words
    {{"q", "\"château d’eau\""}},                                          // a phrase
    {{"q", "\"coopération décentralisée\""}},                              // a frequent phrase
    {{"q", "santé"}, {"region", "Kara"}},                                  // words and a facet filter
    {{"q", "commune"}, {"theme", "santé"}, {"country", "FR"}},             // two facets
    {{"q", "déchets"}, {"sort", "date"}},                                  // newest first
    {{"q", "convention"}, {"type", "convention"}, {"year_from", "2010"}},  // a type and a year range
    {{"q", ""}},                                                           // browsing everything
    {{"q", ""}, {"theme", "agriculture"}, {"sort", "date"}},               // browsing a theme by date
    {{"q", "partenariat"}, {"page", "3"}},                                 // a page 3
    {{"q", "maire"}, {"role", "maire"}},                                   // a per-unit facet: units counted
};

// What the table shows of a query: its parameters, q first.
std::string describe(const Params& params) {
    std::string out;
    for (const auto& [name, value] : params) {
        if (!out.empty()) out += ' ';
        out += name == "q" ? (value.empty() ? std::string("(browse)") : value) : name + "=" + value;
    }
    return out;
}

coopdec::SearchRequest make_request(const Params& params, size_t facet_values) {
    coopdec::SearchRequest req;
    req.facet_values = facet_values;
    for (const auto& [name, value] : params)
        if (auto err = coopdec::apply_parameter(req, name, value))
            throw coopdec::SearchError{"requête « " + describe(params) + " » : " + err->message};
    return req;
}

struct Target {
    std::string label, path;
    std::vector<coopdec::Index> handles;        // one per thread; [0] for the single-thread pass
    std::vector<double> ms;                     // every single-thread search, in ms
    std::vector<std::vector<double>> query_ms;  // the same, per query
    double single_seconds = 0;                  // wall time of the single-thread pass
    double multi_seconds = 0;                   // wall time of the multi-thread rounds
    size_t multi_searches = 0;
};

// What two indexes must agree on: the total and every facet count.
std::string fingerprint(const coopdec::SearchResult& r) {
    std::string out = std::to_string(r.total);
    for (const auto& f : r.facets) {
        out += '|' + f.name;
        for (const auto& c : f.values) out += ' ' + c.value + '=' + std::to_string(c.count);
        out += " +" + std::to_string(f.omitted);
    }
    return out;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    // Nearest rank.
    size_t rank = static_cast<size_t>(p * static_cast<double>(v.size()) + 0.999999);
    return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// One round of the multi-thread pass on `t`: every thread runs the whole
// set, thread i from query i·|set|/T on. Returns the wall time in s.
double threaded_round(Target& t, const std::vector<coopdec::SearchRequest>& requests) {
    const size_t n = t.handles.size();
    std::barrier start(static_cast<std::ptrdiff_t>(n + 1));
    std::vector<std::string> errors(n);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < n; ++i) {
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            try {
                for (size_t k = 0; k < requests.size(); ++k)
                    coopdec::search(t.handles[i], requests[(k + i * requests.size() / n) % requests.size()]);
            } catch (const coopdec::SearchError& e) {
                errors[i] = e.message;
            } catch (const Xapian::Error& e) {
                errors[i] = e.get_description();
            }
        });
    }
    start.arrive_and_wait();
    const auto t0 = Clock::now();
    for (auto& th : threads) th.join();
    const double s = since(t0);
    for (const auto& e : errors)
        if (!e.empty()) throw coopdec::SearchError{"« " + t.label + " », fil de mesure : " + e};
    return s;
}

int run(std::vector<Target>& targets, size_t rounds, size_t thread_count, size_t facet_values) {
    std::vector<coopdec::SearchRequest> requests;
    for (const auto& p : kQueries) requests.push_back(make_request(p, facet_values));

    for (auto& t : targets) {
        std::fprintf(stderr, "ouverture de « %s » (%s), %zu fois\n", t.label.c_str(), t.path.c_str(), thread_count);
        for (size_t i = 0; i < thread_count; ++i) t.handles.push_back(coopdec::Index::open(t.path));
        t.query_ms.resize(requests.size());
    }

    // The check, which is also the warm-up of each index's first handle.
    std::fprintf(stderr, "vérification : mêmes totaux et mêmes comptes sur chaque index\n");
    std::vector<size_t> totals;
    for (size_t q = 0; q < requests.size(); ++q) {
        std::string expected;
        for (size_t i = 0; i < targets.size(); ++i) {
            coopdec::SearchResult r = coopdec::search(targets[i].handles[0], requests[q]);
            std::string got = fingerprint(r);
            if (i == 0) {
                expected = got;
                totals.push_back(r.total);
                if (r.total == 0)
                    std::fprintf(stderr, "attention : « %s » ne trouve aucun document sur « %s »\n",
                                 describe(kQueries[q]).c_str(), targets[0].label.c_str());
            } else if (got != expected) {
                std::fprintf(stderr, "coopdec-bench-shards : « %s » : « %s » trouve %zu document(s), « %s » %zu%s\n",
                             describe(kQueries[q]).c_str(), targets[i].label.c_str(), r.total, targets[0].label.c_str(),
                             totals[q], r.total == totals[q] ? ", mais leurs comptes de facettes diffèrent" : "");
                return 1;
            }
        }
    }
    // The single-thread rounds, then the multi-thread ones: switching from
    // threads back to one thread slowed the next few searches by up to 40 %
    // (whichever index came first in the round paid it).
    for (size_t round = 0; round < rounds; ++round) {
        std::fprintf(stderr, "un fil : passe %zu/%zu\n", round + 1, rounds);
        for (size_t k = 0; k < targets.size(); ++k) {
            Target& t = targets[(round + k) % targets.size()];
            const auto t0 = Clock::now();
            for (size_t q = 0; q < requests.size(); ++q) {
                const auto s0 = Clock::now();
                coopdec::search(t.handles[0], requests[q]);
                const double ms = since(s0) * 1000;
                t.ms.push_back(ms);
                t.query_ms[q].push_back(ms);
            }
            t.single_seconds += since(t0);
        }
    }
    // The other handles' warm-up.
    for (auto& t : targets) threaded_round(t, requests);
    for (size_t round = 0; round < rounds; ++round) {
        std::fprintf(stderr, "%zu fils : passe %zu/%zu\n", thread_count, round + 1, rounds);
        for (size_t k = 0; k < targets.size(); ++k) {
            Target& t = targets[(round + k) % targets.size()];
            t.multi_seconds += threaded_round(t, requests);
            t.multi_searches += requests.size() * t.handles.size();
        }
    }

    // The figures, and their ratios to the first index's.
    struct Row {
        double median, p95, single_rate, multi_rate;
    };
    std::vector<Row> rows;
    for (const auto& t : targets)
        rows.push_back({percentile(t.ms, 0.5), percentile(t.ms, 0.95),
                        static_cast<double>(t.ms.size()) / t.single_seconds,
                        static_cast<double>(t.multi_searches) / t.multi_seconds});
    const char* threads_word = thread_count == 1 ? "thread" : "threads";
    std::printf(
        "| index | shards | median ms | p95 ms | searches/s, 1 thread | searches/s, %zu %s "
        "| median × first | 1 thread × first | %zu %s × first |\n",
        thread_count, threads_word, thread_count, threads_word);
    std::printf("|---|---|---|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < targets.size(); ++i) {
        const Row& r = rows[i];
        const Row& f = rows[0];
        std::printf("| %s | %zu | %.2f | %.2f | %.1f | %.1f | %.2f | %.2f | %.2f |\n", targets[i].label.c_str(),
                    targets[i].handles[0].shard_count(), r.median, r.p95, r.single_rate, r.multi_rate,
                    r.median / f.median, r.single_rate / f.single_rate, r.multi_rate / f.multi_rate);
    }

    std::printf("\n| query | documents |");
    for (const auto& t : targets) std::printf(" %s ms |", t.label.c_str());
    std::printf("\n|---|---|");
    for (size_t i = 0; i < targets.size(); ++i) std::printf("---|");
    std::printf("\n");
    for (size_t q = 0; q < requests.size(); ++q) {
        std::printf("| `%s` | %zu |", describe(kQueries[q]).c_str(), totals[q]);
        for (const auto& t : targets) std::printf(" %.2f |", percentile(t.query_ms[q], 0.5));
        std::printf("\n");
    }
    return 0;
}

bool parse_count(const char* s, size_t& out, size_t min) {
    char* end = nullptr;
    unsigned long long v = std::strtoull(s, &end, 10);
    if (!*s || *end || s[0] == '-' || v < min || v > 100000) return false;
    out = static_cast<size_t>(v);
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<Target> targets;
    size_t rounds = 10, threads = 2, facet_values = coopdec::kDefaultFacetValues;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        const char* v = i + 1 < argc ? argv[i + 1] : nullptr;
        if (a == "--help" || a == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        } else if (a == "--index" && v) {
            std::string spec = argv[++i];
            size_t eq = spec.find('=');
            Target t;
            t.label = eq == std::string::npos ? spec : spec.substr(0, eq);
            t.path = eq == std::string::npos ? spec : spec.substr(eq + 1);
            if (t.label.empty() || t.path.empty()) {
                std::fprintf(stderr, "coopdec-bench-shards : --index attend [ÉTIQUETTE=]INDEX, pas « %s »\n%s",
                             spec.c_str(), kUsage);
                return 2;
            }
            targets.push_back(std::move(t));
        } else if ((a == "--rounds" || a == "--threads" || a == "--facet-values") && v) {
            size_t& n = a == "--rounds" ? rounds : a == "--threads" ? threads : facet_values;
            const size_t min = a == "--facet-values" ? 0 : 1;
            if (!parse_count(argv[++i], n, min)) {
                std::fprintf(stderr, "coopdec-bench-shards : %s attend un entier de %zu à 100000, pas « %s »\n%s",
                             a.c_str(), min, argv[i], kUsage);
                return 2;
            }
        } else {
            std::fprintf(stderr, "coopdec-bench-shards : option inconnue ou sans valeur « %s »\n%s", a.c_str(), kUsage);
            return 2;
        }
    }
    if (targets.empty()) {
        std::fprintf(stderr, "coopdec-bench-shards : il faut au moins un --index\n%s", kUsage);
        return 2;
    }
    try {
        return run(targets, rounds, threads, facet_values);
    } catch (const coopdec::SearchError& e) {
        std::fprintf(stderr, "coopdec-bench-shards : %s\n", e.message.c_str());
    } catch (const Xapian::NetworkError& e) {
        std::fprintf(stderr, "coopdec-bench-shards : un fragment distant ne répond pas : %s\n",
                     e.get_description().c_str());
    } catch (const Xapian::Error& e) {
        std::fprintf(stderr, "coopdec-bench-shards : erreur de l'index : %s\n", e.get_description().c_str());
    }
    return 1;
}
