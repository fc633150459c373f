// Sharded and replicated indexes: coopdec-index --shards, stub files, the
// same results from shards (local, and remote through xapian-tcpsrv on
// loopback) as from one database, a shard that stops, a replica that
// follows its master.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include <xapian.h>

#include "common/schema.h"
#include "common/shards.h"
#include "common/stored_blob.h"
#include "search/document.h"
#include "search/index.h"
#include "search/result_json.h"
#include "search/search.h"
#include "search/search_cache.h"
#include "search/whole_phrase.h"
#include "server/page_views.h"
#include "tests/server_process.h"
#include "tests/test_util.h"
#include "tests/xapian_services.h"

using namespace coopdec;
namespace fs = std::filesystem;

// Xapian's errors are no std::exception: said by their description.
CATCH_TRANSLATE_EXCEPTION(const Xapian::Error& e) { return e.get_description(); }

namespace {

// coopdec-index with `args`; its exit status, its output in `said`.
int run_shard_indexer(const std::vector<std::string>& args, std::string& said) {
    std::string cmd =
        test::bin("coopdec-index") + " --schemas " + test::shell_quote(test::source_dir() + "/corpus/schema");
    for (const auto& a : args) cmd += " " + test::shell_quote(a);
    int status = 0;
    said = test::run_command(cmd + " 2>&1", status);
    return status;
}

void index_or_fail(const std::vector<std::string>& args) {
    std::string said;
    INFO(said);
    REQUIRE(run_shard_indexer(args, said) == 0);
}

// Re-indexes `corpus` into the master index `master` keeping changesets
// (XAPIAN_MAX_CHANGESETS), so that its replicas get increments.
void reindex_master(const std::string& master, const std::string& corpus) {
    // In the child's environment only: set here, it would change every
    // later index this process writes.
    int status = 0;
    std::string said = test::run_command("XAPIAN_MAX_CHANGESETS=10 " + test::bin("coopdec-index") + " --schemas " +
                                             test::shell_quote(test::source_dir() + "/corpus/schema") + " --db " +
                                             test::shell_quote(master) + " " + test::shell_quote(corpus) + " 2>&1",
                                         status);
    INFO(said);
    REQUIRE(status == 0);
}

// The fixed query set: words, phrases, facets (document-level and per
// unit), every sort, browsing, later pages, a cited provision, nothing found.
std::vector<SearchRequest> shard_query_set() {
    std::vector<SearchRequest> out;
    auto add = [&](std::string q, std::map<std::string, std::vector<std::string>> filters = {},
                   SearchRequest::Sort sort = SearchRequest::Sort::relevance, size_t page = 1) {
        SearchRequest r;
        r.query = std::move(q);
        r.filters = std::move(filters);
        r.sort = sort;
        r.page = page;
        r.facet_values = 0;
        out.push_back(r);
    };
    using S = SearchRequest::Sort;
    add("commune");
    add("commune", {}, S::relevance, 2);
    add("commune", {}, S::date_desc, 3);
    add("cooperation decentralisee");
    add("\"eau potable\"");
    add("jumelage", {{"country", {"FR"}}});
    add("", {});
    add("", {}, S::date_asc, 2);
    add("", {{"type", {"partenariat"}}}, S::date_desc);
    add("", {{"type", {"convention", "entretien"}}});
    add("maire", {{"role", {"maire"}}});
    add("", {{"role", {"maire"}}});
    add("article 46 de la loi 2019-006");
    add("formation", {}, S::date_asc);
    add("santé OR éducation", {{"type", {"convention"}}}, S::date_desc);
    add("zzzzintrouvable");
    return out;
}

// Everything a search answers, as JSON (ids, order, passages and their
// snippets, every facet value and count).
std::string shard_answer(const Index& index, const SearchRequest& r, SearchCache* cache = nullptr) {
    return to_json(search(index, r, nullptr, cache));
}

}  // namespace

TEST_CASE("a document goes to the shard of its id, the same on every run", "[shards]") {
    // FNV-1a 64 of the id, modulo the number of shards: fixed values, so that
    // a change of the function (which would move every document) fails here.
    CHECK(shards::shard_of("", 7) == 14695981039346656037ull % 7);
    CHECK(shards::shard_of("a", 1000) == 0xaf63dc4c8601ec8cull % 1000);
    CHECK(shards::shard_of("loi-2019-006", 1) == 0);
    std::set<size_t> used;
    for (int i = 0; i < 200; ++i) used.insert(shards::shard_of("doc-" + std::to_string(i), 4));
    CHECK(used.size() == 4);
    CHECK(shards::folder_name(3) == "shard-3");
    CHECK(shards::stub_text(2).find("auto shard-0\nauto shard-1\n") != std::string::npos);
}

TEST_CASE("stub files are read as Xapian reads them, and what coopdec refuses is said with its line", "[shards]") {
    test::TempDir dir;
    std::string stub = dir.write("conf/stub",
                                 "# trois fragments\n\nauto shard-0\nglass /srv/idx/shard-1\n"
                                 "remote 10.0.0.7:33333\nremote [::1]:4000\n");
    auto e = shards::read_stub(stub);
    REQUIRE(e.size() == 4);
    CHECK(e[0].kind == shards::StubEntry::Kind::local);
    CHECK(e[0].path == dir / "conf/shard-0");  // relative to the stub's folder
    CHECK(e[0].line == 3);
    CHECK(e[1].path == "/srv/idx/shard-1");
    CHECK(e[2].kind == shards::StubEntry::Kind::remote);
    CHECK(e[2].host == "10.0.0.7");
    CHECK(e[2].port == 33333);
    CHECK(e[2].name() == "10.0.0.7:33333");
    CHECK(e[3].host == "::1");
    CHECK(e[3].name() == "[::1]:4000");

    auto refusal = [&](const std::string& text) {
        std::string path = dir.write("bad", text);
        try {
            shards::read_stub(path);
        } catch (const std::runtime_error& x) {
            return std::string(x.what());
        }
        return std::string("(accepted)");
    };
    std::string tcp = refusal("auto a\nremote :tcp 127.0.0.1:4000\n");
    CHECK(test::contains(tcp, dir / "bad:2:"));
    CHECK(test::contains(tcp, "écrivez « remote HÔTE:PORT »"));
    CHECK(test::contains(refusal("remote 127.0.0.1:99999\n"), "un port de 1 à 65535"));
    CHECK(test::contains(refusal("remote 127.0.0.1\n"), "HÔTE:PORT"));
    CHECK(test::contains(refusal("chert /x\n"), "bad:1: ligne non comprise"));
    CHECK(test::contains(refusal("auto\n"), "chemin manquant"));

    // A single-file database (xapian-compact --single-file) is a file too,
    // and no stub.
    index_or_fail({"--db", dir / "one", test::copy_corpus_files(dir, {"partenariats/part-amou-1-aiffres.xml"})});
    int compacted = 0;
    std::string out = test::run_command("xapian-compact --single-file " + test::shell_quote(dir / "one") + " " +
                                            test::shell_quote(dir / "one.glass") + " 2>&1",
                                        compacted);
    INFO(out);
    REQUIRE(compacted == 0);
    SearchRequest aiffres;
    aiffres.query = "aiffres";
    CHECK(search(Index::open(dir / "one.glass"), aiffres).total == 1);

    // The server and coopdec-search say it too, and name the file.
    std::string said;
    int status = 0;
    said = test::run_command(test::bin("coopdec-search") + " --db " + test::shell_quote(dir / "bad") + " eau 2>&1",
                             status);
    CHECK(status == 2);
    CHECK(test::contains(said, "chemin manquant"));
}

TEST_CASE("coopdec-index --shards writes every document whole in the shard of its id, and a stub", "[shards][index]") {
    test::TempDir dir;
    const std::string db = dir / "idx";
    index_or_fail({"--shards", "3", "--db", db, test::source_dir() + "/corpus"});
    CHECK(test::slurp(db + "/stub") == shards::stub_text(3));
    size_t documents = 0;
    std::set<std::string> seen;
    for (size_t s = 0; s < 3; ++s) {
        Xapian::Database shard(db + "/" + shards::folder_name(s));
        CHECK(shard.get_metadata(std::string(schema::kSchemaKey)) == schema::kSchemaVersion);
        CHECK_FALSE(shard.get_metadata(std::string(schema::kLanguagesKey)).empty());
        for (auto p = shard.postlist_begin(""); p != shard.postlist_end(""); ++p) {
            Xapian::Document d = shard.get_document(*p);
            const std::string id = d.get_value(schema::kSlotDoc);
            INFO(id);
            CHECK(shards::shard_of(id, 3) == s);  // every unit where its document is
            if (d.get_value(schema::kSlotKind) == "doc") {
                ++documents;
                CHECK(seen.insert(id).second);
                // The document's views are in its shard.
                CHECK_FALSE(
                    stored_blob::unpack(shard.get_metadata(std::string(schema::kSourceKeyPrefix) + id)).empty());
            }
        }
    }
    CHECK(documents == 85);

    std::string said;
    // A second run finds everything unchanged; a third may not change the count.
    REQUIRE(run_shard_indexer({"--db", db, test::source_dir() + "/corpus"}, said) == 0);
    CHECK(test::contains(said, "0 documents indexés"));
    CHECK(run_shard_indexer({"--shards", "2", "--db", db, test::source_dir() + "/corpus"}, said) == 2);
    CHECK(test::contains(said, "index en 3 fragments, pas 2"));
    // One database cannot become shards.
    index_or_fail({"--db", dir / "one", test::copy_corpus_files(dir, {"partenariats/part-amou-1-aiffres.xml"})});
    CHECK(run_shard_indexer({"--shards", "2", "--db", dir / "one", dir / "corpus"}, said) == 2);
    CHECK(test::contains(said, "index d'un seul tenant"));
    CHECK(run_shard_indexer({"--shards", "0", "--db", dir / "x", dir / "corpus"}, said) == 2);
    CHECK(test::contains(said, "--shards attend un nombre de fragments de 1 à 256"));
}

TEST_CASE("a file gone from the corpus leaves its shard with its views", "[shards][index]") {
    test::TempDir dir;
    const std::string corpus =
        test::copy_corpus_files(dir, {"partenariats/part-amou-1-aiffres.xml", "repertoire/togo.xml"});
    const std::string db = dir / "idx";
    index_or_fail({"--shards", "4", "--db", db, corpus});
    Index before = Index::open(db);
    REQUIRE(before.db().get_termfreq(schema::id_term("part-amou-1-aiffres")) == 1);
    fs::remove(dir / "corpus/part-amou-1-aiffres.xml");
    index_or_fail({"--db", db, corpus});
    Index after = Index::open(db);
    CHECK(after.db().get_termfreq(schema::id_term("part-amou-1-aiffres")) == 0);
    CHECK_FALSE(load_source(after, "part-amou-1-aiffres"));
    for (size_t s = 0; s < 4; ++s) {
        Xapian::Database shard(db + "/" + shards::folder_name(s));
        CHECK(shard.get_metadata(std::string(schema::kSourceKeyPrefix) + "part-amou-1-aiffres").empty());
    }
}

TEST_CASE("shards give the same results as one database: local, remote through xapian-tcpsrv, and mixed",
          "[shards][search]") {
    test::TempDir dir;
    const std::string corpus = test::source_dir() + "/corpus";
    index_or_fail({"--db", dir / "one", corpus});
    index_or_fail({"--shards", "3", "--db", dir / "three", corpus});
    test::ShardServer s0(dir / "three/shard-0"), s1(dir / "three/shard-1"), s2(dir / "three/shard-2");
    const std::string remote =
        dir.write("remote.stub", s0.stub_line() + "\n" + s1.stub_line() + "\n" + s2.stub_line() + "\n");
    const std::string mixed =
        dir.write("mixed.stub", s0.stub_line() + "\nauto three/shard-1\n" + s2.stub_line() + "\n");

    Index one = Index::open(dir / "one");
    Index local = Index::open(dir / "three");
    Index far = Index::open(remote);
    Index both = Index::open(mixed);
    CHECK(local.shard_count() == 3);
    CHECK_FALSE(local.has_remote());
    CHECK(far.has_remote());
    CHECK_FALSE(far.revision());  // nothing to key a cache by: nothing cached
    SearchCache cache;
    for (const SearchRequest& r : shard_query_set()) {
        INFO("query « " << r.query << " », page " << r.page);
        const std::string expected = shard_answer(one, r);
        CHECK(expected.size() > 100);
        CHECK(shard_answer(local, r) == expected);
        CHECK(shard_answer(local, r, &cache) == expected);
        CHECK(shard_answer(local, r, &cache) == expected);  // from the cache
        CHECK(shard_answer(far, r) == expected);
        CHECK(shard_answer(far, r, &cache) == expected);
        CHECK(shard_answer(both, r) == expected);
    }
    CHECK(cache.stats().tables_read == 0);  // one database only (search_cache.h)
    CHECK(cache.stats().hits > 0);

    // A phrase's document units, found in each shard by its UUID; or read
    // from the shard itself when the UUIDs do not tell the shards apart
    // (shards copied from one database).
    {
        const std::vector<std::string> terms{"eau", "potable"};
        auto found = phrase_documents(local, terms);
        REQUIRE(found->count > 1);
        CHECK(found->ids.empty());                                        // local shards: docids only
        CHECK(phrase_documents(far, terms)->ids.size() == found->count);  // remote: the ids name them
        REQUIRE(found->shard_docids.size() == 3);
        REQUIRE(found->shard_uuids == local.shard_uuids());
        // Each shard's docids: where the phrase holds in that shard alone.
        for (size_t i = 0; i < 3; ++i) CHECK(found->shard_docids[i] == said_in(local.shard(i), terms));
        auto same_uuid = std::make_shared<PhraseDocuments>(*found);
        same_uuid->shard_uuids.assign(3, found->shard_uuids[0]);
        auto matched = [&](const Index& index, std::shared_ptr<const PhraseDocuments> documents) {
            Xapian::Enquire e(index.db());
            e.set_query(whole_document_phrase(terms, std::move(documents)));
            e.set_weighting_scheme(Xapian::BoolWeight());
            std::multiset<std::string> out;  // a document id per matching unit
            Xapian::MSet m = e.get_mset(0, index.db().get_doccount());
            for (auto it = m.begin(); it != m.end(); ++it) out.insert(it.get_document().get_value(schema::kSlotDoc));
            return out;
        };
        const auto expected = matched(one, phrase_documents(one, terms));
        CHECK(expected.size() > found->count);  // units and their document units
        CHECK(matched(local, found) == expected);
        CHECK(matched(local, same_uuid) == expected);
    }

    // Documents, their sources (kept in their own shard), the pages
    // rendered from them, and partnerships.
    for (const char* id :
         {"akn-tg-act-loi-2019-06-26-2019-006", "part-amou-1-aiffres", "conv-tchamba-1-ait-tamlil-nord-2023"}) {
        INFO(id);
        auto expected = load_document(one, id);
        REQUIRE(expected);
        const std::string page = PageViews().page(one, *expected);
        CHECK_FALSE(page.empty());
        for (const Index* index : {&local, &far, &both}) {
            auto got = load_document(*index, id);
            REQUIRE(got);
            CHECK(PageViews().page(*index, *got) == page);
            CHECK(got->has_source);
            CHECK(load_source(*index, id) == load_source(one, id));
            CHECK(got->units.size() == expected->units.size());
        }
    }
    auto story = load_partnership(one, "part-amou-1-aiffres");
    REQUIRE(story);
    for (const Index* index : {&local, &far}) {
        auto got = load_partnership(*index, "part-amou-1-aiffres");
        REQUIRE(got);
        REQUIRE(got->documents.size() == story->documents.size());
        for (size_t i = 0; i < story->documents.size(); ++i) CHECK(got->documents[i].id == story->documents[i].id);
    }

    // The same through the server, on every page of the API and the HTML.
    test::ServerProcess single({"--db", dir / "one", "--port", "0"});
    test::ServerProcess sharded({"--db", remote, "--port", "0"});
    for (const char* target :
         {"/api/search?q=commune&facet_values=0", "/api/search?type=partenariat&sort=date&page=2",
          "/api/search?q=maire&role=maire", "/api/doc/akn-tg-act-loi-2019-06-26-2019-006",
          "/api/partnership/part-amou-1-aiffres", "/doc/akn-tg-act-loi-2019-06-26-2019-006/source.xml",
          "/doc/akn-tg-act-loi-2019-06-26-2019-006", "/apercu"}) {
        INFO(target);
        test::HttpAnswer a = single.get(target), b = sharded.get(target);
        CHECK(a.status == 200);
        CHECK(b.status == a.status);
        CHECK(b.body == a.body);
    }
}

TEST_CASE("a remote shard that stops or hangs gets a bounded 503, and the server recovers when it is back",
          "[shards][server]") {
    test::TempDir dir;
    index_or_fail({"--shards", "2", "--db", dir / "two", test::source_dir() + "/corpus"});
    test::ShardServer s0(dir / "two/shard-0"), s1(dir / "two/shard-1");
    const std::string stub = dir.write("remote.stub", s0.stub_line() + "\n" + s1.stub_line() + "\n");
    test::ServerProcess server({"--db", stub, "--port", "0", "--shard-timeout", "1000", "--threads", "1"},
                               dir / "server.log");
    const std::string expected = server.get("/api/search?q=commune").body;
    REQUIRE(server.get("/api/search?q=commune").status == 200);

    SECTION("it stops, then comes back on its port") {
        s1.stop();
        test::HttpAnswer a = server.get("/recherche?q=commune");
        INFO(a.body);
        CHECK(a.status == 503);
        CHECK(test::contains(a.body, "une partie de l&#39;index ne répond pas"));
        CHECK(a.header("Retry-After") == "5");
        test::HttpAnswer j = server.get("/api/search?q=eau");
        CHECK(j.status == 503);
        CHECK(test::contains(j.body, "\"error\""));
        CHECK(server.get("/healthz").status == 503);             // a load balancer takes it out
        CHECK(server.get("/static/coopdec.css").status == 200);  // what needs no index still works
        s1.restart();
        test::HttpAnswer back = server.get("/api/search?q=commune");
        CHECK(back.status == 200);
        CHECK(back.body == expected);
    }
    SECTION("it hangs: the request ends at the timeout, not with the shard") {
        s0.pause();
        test::HttpAnswer a = server.get("/api/search?q=commune");
        CHECK(a.status == 503);
        s0.resume();
        test::HttpAnswer back = server.get("/api/search?q=commune");
        CHECK(back.status == 200);
        CHECK(back.body == expected);
    }
    // The log names the shard (HOST:PORT) for the operator; the page does not.
    const std::string log = test::slurp(dir / "server.log");
    INFO(log);
    CHECK((test::contains(log, s0.stub_line().substr(7)) || test::contains(log, s1.stub_line().substr(7))));
}

TEST_CASE("a replica follows its master through xapian-replicate, and its server with it", "[shards][replication]") {
    test::TempDir dir;
    const std::string corpus = test::copy_corpus_files(
        dir, {"repertoire/togo.xml", "partenariats/part-amou-1-aiffres.xml", "partenariats/part-ogou-1-niort.xml"});
    fs::create_directories(dir / "masters");
    const std::string master = dir / "masters/coopdec";
    index_or_fail({"--db", master, corpus});
    test::ReplicationServer replication(dir / "masters");
    auto replicate = [&]() {
        int status = 0;
        std::string said = test::run_command("xapian-replicate -h 127.0.0.1 -p " + std::to_string(replication.port()) +
                                                 " -m coopdec -o -r 0 " + test::shell_quote(dir / "replica") + " 2>&1",
                                             status);
        INFO(said);
        REQUIRE(status == 0);
    };
    replicate();
    test::ServerProcess server({"--db", dir / "replica", "--port", "0"});
    auto total = [&](const std::string& q) {
        test::HttpAnswer a = server.get("/api/search?q=" + q);
        REQUIRE(a.status == 200);
        return a.body;
    };
    CHECK(test::contains(total("aiffres"), "\"total\":1"));
    CHECK(test::contains(total("bressuire"), "\"total\":0"));

    // The master re-indexes, with changesets kept for its replicas; the
    // replica's server answers meanwhile, from the replica.
    fs::copy_file(test::source_dir() + "/corpus/partenariats/part-kloto-1-bressuire.xml",
                  dir / "corpus/part-kloto-1-bressuire.xml");
    reindex_master(master, corpus);
    CHECK(test::contains(total("bressuire"), "\"total\":0"));  // not replicated yet
    replicate();
    CHECK(test::contains(total("bressuire"), "\"total\":1"));  // the same server process, the new revision

    // A compaction makes a new database: the replica gets a whole copy in a
    // new folder, and the server follows it too.
    fs::remove(dir / "corpus/part-amou-1-aiffres.xml");
    index_or_fail({"--compact", "--db", master, corpus});
    replicate();
    CHECK(test::contains(total("aiffres"), "\"total\":0"));
    CHECK(test::contains(total("bressuire"), "\"total\":1"));
}

TEST_CASE("a sharded index is replicated shard by shard, its stub beside them", "[shards][replication]") {
    test::TempDir dir;
    const std::string corpus = test::copy_corpus_files(
        dir, {"repertoire/togo.xml", "partenariats/part-amou-1-aiffres.xml", "partenariats/part-ogou-1-niort.xml",
              "conventions/conv-amou-1-aiffres-2006.xml"});
    fs::create_directories(dir / "masters");
    const std::string master = dir / "masters/idx";
    index_or_fail({"--shards", "2", "--db", master, corpus});
    test::ReplicationServer replication(dir / "masters");
    fs::create_directories(dir / "replica");  // xapian-replicate makes the shard's folder, not its parent
    auto replicate = [&]() {
        for (const char* shard : {"shard-0", "shard-1"}) {
            int status = 0;
            std::string said = test::run_command(
                "xapian-replicate -h 127.0.0.1 -p " + std::to_string(replication.port()) + " -m idx/" + shard +
                    " -o -r 0 " + test::shell_quote(dir / "replica/" + shard) + " 2>&1",
                status);
            INFO(said);
            REQUIRE(status == 0);
        }
    };
    replicate();
    fs::copy_file(master + "/stub", dir / "replica/stub");
    test::ServerProcess server({"--db", dir / "replica", "--port", "0"});
    test::ServerProcess reference({"--db", master, "--port", "0"});
    auto same = [&](const std::string& target) {
        INFO(target);
        test::HttpAnswer a = server.get(target), b = reference.get(target);
        CHECK(a.status == 200);
        CHECK(a.body == b.body);
        return a.body;
    };
    CHECK(test::contains(same("/api/search?q=aiffres"), "\"total\":"));
    same("/api/doc/part-amou-1-aiffres");
    CHECK(test::contains(same("/api/search?q=bressuire"), "\"total\":0"));

    fs::copy_file(test::source_dir() + "/corpus/partenariats/part-kloto-1-bressuire.xml",
                  dir / "corpus/part-kloto-1-bressuire.xml");
    reindex_master(master, corpus);
    replicate();
    CHECK(test::contains(same("/api/search?q=bressuire"), "\"total\":1"));
}
