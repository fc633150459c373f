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
#include "search/facet_table.h"
#include "search/request.h"
#include "search/search.h"
#include "search/search_cache.h"
#include "search/whole_phrase.h"
#include "tests/fault/child.h"
#include "tests/fault/corpus_versions.h"
#include "tests/search_fixture.h"
#include "tests/test_util.h"

using namespace coopdec;
using test::TempDir;

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

void index_into(const std::string& db, const std::string& corpus, std::size_t shards = 0) {
    IndexOptions opt;
    opt.db_path = db;
    opt.shards = shards;
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
std::set<std::string> all_results(const Index& db, SearchRequest req, SearchCache* cache) {
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
size_t check_counts(const Index& db, const std::string& q, const Params& params, SearchCache* cache) {
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

// The search's counts with the cache (from its FacetTable) and without (from
// each document's stored summary), for every query of query_set(): the same
// total and the same values with the same counts, all of them listed.
void check_table_counts(const Index& db, bool skip_bundled_values) {
    SearchCache cache;
    for (const auto& [q, params] : query_set()) {
        if (skip_bundled_values && q.empty() && !params.empty()) continue;
        Params all = params;
        all.emplace_back("facet_values", "0");
        INFO("q=« " << q << " », " << params.size() << " filtres");
        SearchResult plain = search(db, request(q, all), nullptr, nullptr);
        SearchResult tabled = search(db, request(q, all), nullptr, &cache);
        CHECK(tabled.total == plain.total);
        REQUIRE(tabled.facets.size() == plain.facets.size());
        for (size_t f = 0; f < plain.facets.size(); ++f) {
            INFO("facette " << plain.facets[f].name);
            REQUIRE(tabled.facets[f].values.size() == plain.facets[f].values.size());
            for (size_t v = 0; v < plain.facets[f].values.size(); ++v) {
                CHECK(tabled.facets[f].values[v].value == plain.facets[f].values[v].value);
                CHECK(tabled.facets[f].values[v].count == plain.facets[f].values[v].count);
            }
        }
    }
    CHECK(cache.stats().tables_read == 1);
    CHECK(cache.stats().table_bytes > 0);
}

}  // namespace

TEST_CASE("facet counts and totals keep their promises on the bundled corpus", "[search][facets]") {
    TempDir dir;
    index_into(dir / "db", test::source_dir() + "/corpus");
    Index db = Index::open(dir / "db");
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

TEST_CASE("browsing by date lists every document by date, then id, page after page", "[search][facets]") {
    TempDir dir;
    // In one database, and in three shards (whose docids interleave).
    const std::size_t shards = GENERATE(0, 3);
    index_into(dir / "db", test::source_dir() + "/corpus", shards);
    Index index = Index::open(dir / "db");
    const Xapian::Database& db = index.db();
    // Ties abound: the partnership records are dated by their year.
    const std::vector<std::pair<std::string, std::string>> filters = {
        {"", ""}, {"type", "partenariat"}, {"country", "FR"}, {"region", "Plateaux"}, {"type", "convention"}};
    for (const auto& [facet, value] : filters) {
        Xapian::Query match(schema::kind_term(schema::kKindDoc));
        if (!facet.empty())
            match = Xapian::Query(Xapian::Query::OP_FILTER, match,
                                  Xapian::Query(schema::facet_term(*schema::find_facet(facet), value)));
        Xapian::Enquire e(db);
        e.set_query(match);
        std::vector<std::pair<std::string, std::string>> dated;  // date, id
        Xapian::MSet all = e.get_mset(0, db.get_doccount());
        for (auto it = all.begin(); it != all.end(); ++it)
            dated.emplace_back(it.get_document().get_value(schema::kSlotDate),
                               it.get_document().get_value(schema::kSlotDoc));
        REQUIRE(dated.size() > 3);
        for (const char* sort : {"date", "date-asc"}) {
            CAPTURE(shards, facet, value, sort);
            const bool newest_first = std::string(sort) == "date";
            auto expected = dated;
            std::sort(expected.begin(), expected.end(), [&](const auto& a, const auto& b) {
                if (a.first != b.first) return newest_first ? a.first > b.first : a.first < b.first;
                return a.second < b.second;
            });
            std::vector<std::string> want, got;
            for (const auto& [date, id] : expected) want.push_back(id);
            Params params{{"sort", sort}, {"per_page", "7"}};
            if (!facet.empty()) params.emplace_back(facet, value);
            SearchRequest req = request("", params);
            for (req.page = 1;; ++req.page) {
                SearchResult r = search(index, req);
                for (const auto& d : r.results) got.push_back(d.id);
                if (r.results.size() < req.per_page) break;
            }
            CHECK(got == want);
        }
    }
}

TEST_CASE("facet counts keep their promises on a generated corpus with every document type", "[search][facets]") {
    TempDir dir;
    std::string out, err;
    REQUIRE(test::run(std::string(COOPDEC_BIN_DIR) + "/coopdec-gencorpus",
                      {"--out", dir / "c", "--documents", "150", "--seed", "3", "--quiet"}, out, err) == 0);
    index_into(dir / "db", dir / "c");
    Index db = Index::open(dir / "db");
    REQUIRE(db.db().get_termfreq(std::string(schema::kPrefixKind) + "enonce") > 0);  // transcripts: the role facet
    for (const auto& [q, params] : query_set()) {
        if (q.empty() && !params.empty()) continue;  // values of the bundled corpus
        check_counts(db, q, params, nullptr);
    }
    check_table_counts(db, true);
}

TEST_CASE("counts from the facet table equal counts from the stored summaries, value for value", "[search][facets]") {
    TempDir dir;
    index_into(dir / "db", test::source_dir() + "/corpus");
    check_table_counts(Index::open(dir / "db"), false);
}

TEST_CASE("the facet table numbers each facet's values in sorted order, knows only document units, finds them by id",
          "[search][facets]") {
    TempDir dir;
    index_into(dir / "db", test::source_dir() + "/corpus");
    Index index = Index::open(dir / "db");
    const Xapian::Database& db = index.db();
    FacetTable table(db, index.revision()->key());
    CHECK(table.revision() == index.revision()->key());
    size_t documents = 0;
    for (size_t f = 0; f < schema::kFacets.size(); ++f) {
        const auto& vs = table.values(f);
        CHECK(std::is_sorted(vs.begin(), vs.end()));
        CHECK(std::adjacent_find(vs.begin(), vs.end()) == vs.end());
        if (schema::kFacets[f].per_unit) CHECK(vs.empty());  // units carry the role, not document units
    }
    const std::string kind_doc = std::string(schema::kPrefixKind) + "doc";
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        bool is_doc = false, known = false;
        Xapian::Document d = db.get_document(*p);
        auto t = d.termlist_begin();
        t.skip_to(kind_doc);
        is_doc = t != d.termlist_end() && *t == kind_doc;
        std::vector<std::string> theirs;
        known = table.for_each_value(*p, [&](size_t f, std::uint32_t id) {
            theirs.push_back(std::string(schema::kFacets[f].name) + "=" + table.values(f)[id]);
        });
        CHECK(known == is_doc);
        if (!is_doc) continue;
        ++documents;
        // The values of its summary, facet by facet, in order.
        std::vector<std::string> summary;
        std::vector<std::string> fields;
        std::string s = d.get_value(schema::kSlotFacets);
        size_t at = 0;
        while (true) {
            size_t sep = s.find(schema::kFacetSep, at);
            fields.push_back(s.substr(at, sep == std::string::npos ? std::string::npos : sep - at));
            if (sep == std::string::npos) break;
            at = sep + 1;
        }
        for (size_t f = 0; f < schema::kFacets.size() && f + 1 < fields.size(); ++f)
            if (!schema::kFacets[f].per_unit)
                for (const auto& v : schema::split_values(fields[f + 1]))
                    if (!v.empty()) summary.push_back(std::string(schema::kFacets[f].name) + "=" + v);
        CHECK(theirs == summary);
    }
    CHECK(documents == db.get_termfreq(kind_doc));
    CHECK_FALSE(table.for_each_value(db.get_lastdocid() + 1, [](size_t, std::uint32_t) {}));

    // Every document unit found by its id's hash.
    std::vector<std::pair<std::uint64_t, Xapian::docid>> expected;
    for (auto p = db.postlist_begin(kind_doc); p != db.postlist_end(kind_doc); ++p)
        expected.emplace_back(FacetTable::id_hash(db.get_document(*p).get_value(schema::kSlotDoc)), *p);
    REQUIRE(expected.size() > 40);
    // Unknown ids among them: 0, the caller asks the index.
    for (const char* unknown : {"pas-un-document", "", "akn-tg-act-loi-2019-06-26-2019-006#art_46"})
        expected.emplace_back(FacetTable::id_hash(unknown), 0);
    std::sort(expected.begin(), expected.end());
    std::vector<std::uint64_t> hashes;
    std::vector<Xapian::docid> docids;
    for (const auto& [h, d] : expected) {
        hashes.push_back(h);
        docids.push_back(d);
    }
    CHECK(table.document_units(hashes) == docids);
    CHECK(table.document_units({}).empty());
    // The ids hash apart (FNV-1a): a distinct hash per id.
    CHECK(FacetTable::id_hash("a") != FacetTable::id_hash("b"));
    CHECK(FacetTable::id_hash("conv-kloto-bressuire") == FacetTable::id_hash(std::string("conv-kloto-bressuire")));
    // A phrase's documents: the same with the table as by their id terms.
    for (std::vector<std::string> terms :
         {std::vector<std::string>{"cooperation", "decentralisee"}, std::vector<std::string>{"eau", "potable"},
          std::vector<std::string>{"comite", "de", "suivi"}, std::vector<std::string>{"article", "46"}}) {
        CAPTURE(terms);
        size_t by_table = 0, by_terms = 0;
        const auto with = said_in(db, terms, &by_table, &table);
        CHECK_FALSE(with.empty());
        CHECK(with == said_in(db, terms, &by_terms));
        CHECK(by_table == by_terms);
    }
}

TEST_CASE("the facet table is read once per revision, and a request on an older one counts without it",
          "[search][facets]") {
    TempDir dir;
    index_into(dir / "db", test::source_dir() + "/corpus");
    SearchCache cache;
    Index old_reader = Index::open(dir / "db");
    Index reader = Index::open(dir / "db");
    auto first = cache.facet_table(reader);
    REQUIRE(first != nullptr);
    CHECK(cache.facet_table(reader) == first);
    CHECK(cache.stats().tables_read == 1);
    std::set<std::string> found = all_results(reader, request("eau", {}), nullptr);
    REQUIRE_FALSE(found.empty());
    {
        Xapian::WritableDatabase w(dir / "db");
        for (const auto& id : found) w.delete_document(std::string(schema::kPrefixDoc) + id);
        w.commit();
    }
    reader.reopen();
    auto second = cache.facet_table(reader);
    REQUIRE(second != nullptr);
    CHECK(second != first);
    CHECK(cache.stats().tables_read == 2);
    CHECK(cache.facet_table(old_reader) == nullptr);  // older than the table: counted the slow way
    // ...and counted right all the same.
    SearchRequest eau = request("eau", {});
    CHECK(search(old_reader, eau, nullptr, &cache).total == found.size());
    CHECK(search(reader, eau, nullptr, &cache).total == 0);
}

TEST_CASE("the cache never answers for another revision of the index", "[search][facets]") {
    TempDir dir;
    index_into(dir / "db", test::source_dir() + "/corpus");
    SearchCache cache;
    Index reader = Index::open(dir / "db");
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
    Index db = Index::open(dir / "db");
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

TEST_CASE("the phrase cache keeps within its bytes and keeps docids only for a local index", "[search][facets]") {
    TempDir dir;
    index_into(dir / "db", test::source_dir() + "/corpus");
    Index db = Index::open(dir / "db");
    SearchCache cache;
    size_t finds = 0;
    auto ask = [&](const std::vector<std::string>& terms, size_t docids) {
        return cache.phrase_documents(db, terms, [&] {
            ++finds;
            auto d = std::make_shared<PhraseDocuments>();
            d->terms = terms;
            d->count = docids;
            d->shard_docids.assign(1, std::vector<Xapian::docid>(docids, 1));
            return std::shared_ptr<const PhraseDocuments>(d);
        });
    };
    // A quarter of the bound each: three are kept, the fifth empties the cache.
    const size_t quarter = SearchCache::kMaxPhraseBytes / 4 / sizeof(Xapian::docid) - 1024;
    for (const char* w : {"a", "b", "c", "d"}) ask({w, "x"}, quarter);
    CHECK(finds == 4);
    CHECK(cache.stats().phrases == 4);
    CHECK(cache.stats().phrase_bytes <= SearchCache::kMaxPhraseBytes);
    ask({"d", "x"}, quarter);
    CHECK(finds == 4);  // remembered
    ask({"e", "x"}, quarter);
    CHECK(finds == 5);
    CHECK(cache.stats().phrases == 1);
    CHECK(cache.stats().phrase_bytes > quarter * sizeof(Xapian::docid));
    // Larger than the bound: found each time, never kept.
    ask({"f", "x"}, SearchCache::kMaxPhraseBytes);
    ask({"f", "x"}, SearchCache::kMaxPhraseBytes);
    CHECK(finds == 7);
    CHECK(cache.stats().phrases == 1);

    // What a real phrase keeps: its docids, no ids, a key naming the
    // revision and the phrase.
    auto real = phrase_documents(db, {"cooperation", "decentralisee"});
    REQUIRE(real->count > 1);
    CHECK(real->ids.empty());
    CHECK(real->shard_docids.at(0).size() > real->count);  // the units that say it and their document units
    CHECK(real->key == db.revision()->key() + "\ncooperation\ndecentralisee");
    CHECK(real->bytes() < 1024 + real->shard_docids.at(0).size() * sizeof(Xapian::docid));
}

TEST_CASE("a word found only in a unit's label or heading counts its document", "[search][facets]") {
    // The document unit must hold what its units hold, labels and headings
    // included, or the count (on document units) misses what the results
    // (on units) show.
    test::SearchFixture fx;
    Unit u = test::unit("art_7", "clause", "Article 7", "Les parties plantent des arbres.");
    u.heading = "Reboisement des berges";
    fx.add(test::agreement(
        "conv-reboisement", "Convention de coopération", "2012-02-01", "part-ogou-niort",
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

TEST_CASE("partnership titles read together equal those read one by one, cached or not", "[search][facets]") {
    TempDir dir;
    index_into(dir / "db", test::source_dir() + "/corpus");
    Index db = Index::open(dir / "db");
    std::vector<std::string> ids = {"nulle-part"};  // no record: ""
    for (const auto& d : search(db, request("", {{"type", "partenariat"}, {"per_page", "100"}})).results)
        ids.push_back(d.id);
    REQUIRE(ids.size() > 10);
    SearchCache one, together;
    std::vector<std::string> expected;
    for (const auto& id : ids) expected.push_back(one.partnership_title(db, id));
    CHECK(expected[0].empty());
    CHECK_FALSE(expected[1].empty());
    CHECK(together.partnership_titles(db, ids) == expected);  // read
    CHECK(together.partnership_titles(db, ids) == expected);  // remembered
    const std::vector<std::string> some(ids.begin() + 3, ids.begin() + 6);
    CHECK(together.partnership_titles(db, some) ==
          std::vector<std::string>(expected.begin() + 3, expected.begin() + 6));
    CHECK(together.partnership_titles(db, {}).empty());
}
