// @brief Exact counts, checked against what they promise: the total is the
// number of documents one can page through, and a facet value counted n
// gives n documents when it is chosen. The search counts documents on their
// document units (search/search.cc) and caches counts per index revision
// (search/search_cache.h); both would break these equalities if a unit could
// match where its document unit does not, or if a cached count outlived a
// commit.
#include <catch2/catch.hpp>

#include <cstdio>
#include <set>

#include "common/schema.h"
#include "indexer/corpus.h"
#include "search/request.h"
#include "search/search.h"
#include "search/search_cache.h"
#include "tests/fault/child.h"
#include "tests/fault/corpus_versions.h"
#include "tests/search_fixture.h"
#include "tests/test_util.h"

using namespace coopdec;
using test::TempDir;

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

void index_into(const std::string& db, const std::string& corpus) {
    IndexOptions opt;
    opt.db_path = db;
    opt.inputs = {corpus};
    opt.schema_dir = test::source_dir() + "/corpus/schema";
    std::FILE* log = std::tmpfile();
    IndexSummary s = index_corpus(opt, log);
    std::fclose(log);
    REQUIRE_FALSE(s.fatal);
}

SearchRequest request(const std::string& q, const Params& params) {
    SearchRequest req;
    req.query = q;
    for (const auto& [k, v] : params) REQUIRE_FALSE(apply_parameter(req, k, v).has_value());
    return req;
}

// Every document of the results, page after page.
std::set<std::string> all_results(const Xapian::Database& db, SearchRequest req, SearchCache* cache) {
    std::set<std::string> ids;
    req.per_page = kMaxPerPage;
    req.passages = 0;
    for (req.page = 1;; ++req.page) {
        SearchResult r = search(db, req, nullptr, cache);
        for (const auto& d : r.results) ids.insert(d.id);
        if (r.results.size() < req.per_page) break;
    }
    return ids;
}

// Checks the promises of one search; `cache` may be null. Returns the
// number of checks made.
size_t check_counts(const Xapian::Database& db, const std::string& q, const Params& params, SearchCache* cache) {
    SearchRequest req = request(q, params);
    SearchResult r = search(db, req, nullptr, cache);
    INFO("q=« " << q << " », " << params.size() << " filtres");
    CHECK(r.total == all_results(db, req, cache).size());
    size_t checks = 1;
    for (const auto& f : r.facets) {
        bool selected = std::any_of(f.values.begin(), f.values.end(), [](const auto& v) { return v.selected; });
        if (selected || f.name == "year") continue;  // OR-counts and ranges: other tests
        size_t shown = 0;
        for (const auto& v : f.values) {
            // The most frequent: enough to catch a wrong count (fewer under
            // the sanitizers, where each search is about ten times slower).
            if (++shown > (test::kSanitized ? 3 : 8)) break;
            Params more = params;
            more.emplace_back(f.name, v.value);
            INFO(f.name << " = « " << v.value << " » compté " << v.count);
            CHECK(search(db, request(q, more), nullptr, cache).total == v.count);
            ++checks;
        }
    }
    return checks;
}

const std::vector<std::pair<std::string, Params>>& query_set() {
    static const std::vector<std::pair<std::string, Params>> qs{
        {"", {}},
        {"eau", {}},
        {"cooperation decentralisee", {}},
        {"\"comité de suivi\"", {}},
        {"jumel*", {}},
        {"article 46", {}},
        {"eau OR assainissement", {}},
        {"jumelage -culture", {}},
        {"maire", {}},
        {"commune", {{"type", "entretien"}}},
        {"commune", {{"role", "maire"}}},
        {"", {{"role", "maire"}}},
        {"", {{"type", "convention"}}},
    };
    return qs;
}

}  // namespace

TEST_CASE("facet counts and totals keep their promises on the bundled corpus", "[search][facets]") {
    TempDir dir;
    index_into(dir / "db", test::source_dir() + "/corpus");
    Xapian::Database db = open_index(dir / "db");
    SearchCache cache;
    size_t checks = 0;
    for (const auto& [q, params] : query_set()) {
        checks += check_counts(db, q, params, nullptr);
        checks += check_counts(db, q, params, &cache);  // counted, and kept
        checks += check_counts(db, q, params, &cache);  // answered from the cache
    }
    CHECK(cache.stats().hits > 0);
    WARN(checks << " counts checked");
}

TEST_CASE("facet counts keep their promises on a generated corpus with every document type", "[search][facets]") {
    TempDir dir;
    std::string out, err;
    REQUIRE(test::run(std::string(COOPDEC_BIN_DIR) + "/coopdec-gencorpus",
                      {"--out", dir / "c", "--documents", "150", "--seed", "3", "--quiet"}, out, err) == 0);
    index_into(dir / "db", dir / "c");
    Xapian::Database db = open_index(dir / "db");
    REQUIRE(db.get_termfreq(std::string(schema::kPrefixKind) + "enonce") > 0);  // transcripts: the role facet
    for (const auto& [q, params] : query_set()) {
        if (q.empty() && !params.empty()) continue;  // values of the bundled corpus
        check_counts(db, q, params, nullptr);
    }
}

TEST_CASE("the cache never answers for another revision of the index", "[search][facets]") {
    TempDir dir;
    index_into(dir / "db", test::source_dir() + "/corpus");
    SearchCache cache;
    Xapian::Database reader = open_index(dir / "db");
    size_t before = search(reader, request("eau", {}), nullptr, &cache).total;
    REQUIRE(before > 0);
    {
        // A commit that removes every document found: a new revision.
        std::set<std::string> found = all_results(reader, request("eau", {}), nullptr);
        Xapian::WritableDatabase w(dir / "db");
        for (const auto& id : found) w.delete_document(std::string(schema::kPrefixDoc) + id);
        w.commit();
    }
    reader.reopen();
    CHECK(search(reader, request("eau", {}), nullptr, &cache).total == 0);
    CHECK(search(reader, request("eau", {}), nullptr, nullptr).total == 0);
}

TEST_CASE("the cache keeps within its size, dropping the least recently used", "[search][facets]") {
    TempDir dir;
    index_into(dir / "db", test::source_dir() + "/corpus");
    Xapian::Database db = open_index(dir / "db");
    SearchCache probe;
    search(db, request("", {}), nullptr, &probe);  // every value of every facet: the largest entry
    const size_t cap = probe.stats().bytes * 2;
    SearchCache small(cap);
    for (const char* q : {"", "eau", "commune", "jumelage", "maire", "loi", "article", "convention", "santé", "école"})
        search(db, request(q, {}), nullptr, &small);
    auto s = small.stats();
    CHECK(s.misses == 10);  // one count per search, none of them cached yet
    CHECK(s.bytes <= cap);
    CHECK(s.entries > 0);
    CHECK(s.entries < s.misses);  // some were dropped
    // The most recent stays: asked again, it is a hit.
    search(db, request("école", {}), nullptr, &small);
    CHECK(small.stats().hits == 1);
}

TEST_CASE("a word found only in a unit's label or heading counts its document", "[search][facets]") {
    // The document unit must hold what its units hold, labels and headings
    // included, or the count (on document units) misses what the results
    // (on units) show.
    test::SearchFixture fx;
    Unit u = test::unit("art_7", "clause", "Article 7", "Les parties plantent des arbres.");
    u.heading = "Reboisement des berges";
    fx.add(test::agreement("conv-reboisement", "Convention de coopération", "2012-02-01", "part-ogou-niort",
                           {test::unit("art_6", "clause", "Article 6 – Pépinières", "Les parties créent des jardins."), u}));
    for (const char* q : {"pepinieres", "reboisement", "\"reboisement des berges\""}) {
        INFO(q);
        SearchResult res = search(fx.db, request(q, {}));
        REQUIRE(res.results.size() == 1);
        CHECK(res.total == 1);
        for (const auto& f : res.facets)
            if (f.name == "type") CHECK((f.values.size() == 1 && f.values[0].count == 1));
    }
}
