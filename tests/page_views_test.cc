// @brief PageViews (server/page_views.h): a document's page rendered from the
// source the index keeps, kept until its source changes or its bytes are
// needed, a failure kept too; and the document page that lists the units
// when the page cannot be rendered.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "indexer/corpus.h"
#include "indexer/render.h"
#include "search/document.h"
#include "search/index.h"
#include "search/synonyms.h"
#include "server/metrics.h"
#include "server/page_views.h"
#include "server/router.h"
#include "tests/temp_index.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace {

const char* const kPagesAgreement = "conv-kloto-1-bressuire-1991";
const char* const kPagesLaw = "akn-tg-act-loi-2019-06-26-2019-006";

std::string pages_corpus(const test::TempDir& dir) {
    return test::copy_corpus_files(dir, {"lois/loi-2019-006.xml", "conventions/conv-kloto-1-bressuire-1991.xml",
                                         "partenariats/part-kloto-1-bressuire.xml", "repertoire/togo.xml"});
}

DocumentView view_of(const Index& index, const std::string& id) {
    auto doc = load_document(index, id);
    REQUIRE(doc);
    return *doc;
}

// GET `target` from a router over the index at `db` whose pages are
// rendered with the stylesheets of `stylesheets` ("" = the default).
http::Response get_page(const test::TempDir& dir, const std::string& db, const std::string& target,
                        const std::string& stylesheets = {}) {
    SynonymsFile synonyms(dir / "aucun.txt");
    Metrics metrics;
    ServerConfig config;
    config.db_path = db;
    config.stylesheet_dir = stylesheets;
    Router router(config, synonyms, metrics);
    std::string route;
    return router.handle("GET", target, route);
}

void reindex_pages(const std::string& db, const std::string& corpus) {
    IndexOptions opt;
    opt.db_path = db;
    opt.inputs = {corpus};
    opt.schema_dir = test::source_dir() + "/corpus/schema";
    std::FILE* log = std::tmpfile();
    REQUIRE(index_corpus(opt, log).errors == 0);
    std::fclose(log);
}

}  // namespace

TEST_CASE("a page is rendered from the stored source, kept, and rendered anew when its source changes",
          "[page-views][document]") {
    test::TempDir dir;
    const std::string corpus = pages_corpus(dir);
    test::TempIndex idx(corpus);
    PageViews pages;
    std::string first;
    {
        Index index = Index::open(idx.db);
        DocumentView doc = view_of(index, kPagesAgreement);
        CHECK(doc.data[schema::kFieldFormat] == "coopdec");
        first = pages.page(index, doc);
        const std::string file = test::slurp(corpus + "/conv-kloto-1-bressuire-1991.xml");
        CHECK(first == render_html(file, "x.xml", "coopdec").html);
        CHECK(test::contains(first, "Convention de jumelage entre la commune de Kpalimé"));
        CHECK(pages.pages_kept() == 1);
        CHECK(pages.page(index, doc) == first);
        CHECK(pages.pages_kept() == 1);  // read again, not rendered again
        CHECK(pages.bytes_kept() > first.size());
        // Each format has its stylesheet: the law is Akoma Ntoso.
        DocumentView law = view_of(index, kPagesLaw);
        CHECK(law.data[schema::kFieldFormat] == "akn");
        CHECK(test::contains(pages.page(index, law), "<article class=\"doc doc-loi\""));
        CHECK(pages.pages_kept() == 2);
    }
    // The agreement changes: the index's next revision has another source,
    // and the page follows it; the law, unchanged, keeps its page.
    const std::string path = corpus + "/conv-kloto-1-bressuire-1991.xml";
    std::string file = test::slurp(path);
    const std::string old_title = "Convention de jumelage entre la commune de Kpalimé";
    REQUIRE(file.find(old_title) != std::string::npos);
    file.replace(file.find(old_title), old_title.size(), "Convention revue entre la commune de Kpalimé");
    std::ofstream(path, std::ios::binary | std::ios::trunc) << file;
    reindex_pages(idx.db, corpus);
    Index index = Index::open(idx.db);
    const std::string second = pages.page(index, view_of(index, kPagesAgreement));
    CHECK(second != first);
    CHECK(test::contains(second, "Convention revue entre la commune de Kpalimé"));
    CHECK(pages.pages_kept() == 3);
    pages.page(index, view_of(index, kPagesLaw));
    CHECK(pages.pages_kept() == 3);
}

TEST_CASE("the pages kept stay within their bound, the least recently read going first", "[page-views]") {
    test::TempDir dir;
    test::TempIndex idx(pages_corpus(dir));
    Index index = Index::open(idx.db);
    const DocumentView a = view_of(index, kPagesAgreement), b = view_of(index, kPagesLaw),
                       c = view_of(index, "part-kloto-1-bressuire");
    // What each page counts for, alone.
    auto cost = [&](const DocumentView& doc) {
        PageViews one;
        one.page(index, doc);
        return one.bytes_kept();
    };
    const std::size_t cost_a = cost(a), cost_b = cost(b), cost_c = cost(c);
    REQUIRE(cost_a != cost_b);
    REQUIRE(cost_c != cost_b);

    // A page over the bound is served, not kept: it would push out the rest.
    PageViews tight({}, cost_a - 1);
    CHECK(tight.page(index, a) == PageViews().page(index, a));
    CHECK(tight.pages_kept() == 0);
    CHECK(tight.bytes_kept() == 0);

    // Room for a and either other page, not for three: the third page read
    // pushes out the one read least recently.
    const std::size_t bound = cost_a + std::max(cost_b, cost_c);
    PageViews pages({}, bound);
    pages.page(index, a);
    pages.page(index, b);
    CHECK(pages.pages_kept() == 2);
    CHECK(pages.bytes_kept() == cost_a + cost_b);
    pages.page(index, a);  // b is now the least recently read
    pages.page(index, c);
    CHECK(pages.pages_kept() == 2);
    CHECK(pages.bytes_kept() == cost_a + cost_c);  // b went, a stayed
    CHECK(pages.bytes_kept() <= bound);
    pages.page(index, a);  // kept: read, not rendered and kept again
    CHECK(pages.bytes_kept() == cost_a + cost_c);
}

TEST_CASE("a page that cannot be rendered lists the document's units, and its failure is kept",
          "[page-views][server][document]") {
    test::TempDir dir;
    test::TempIndex idx(pages_corpus(dir));
    Index index = Index::open(idx.db);
    // A folder without stylesheets: every rendering fails.
    const std::string empty = dir / "sans-feuilles";
    std::filesystem::create_directories(empty);
    PageViews pages(empty);
    CHECK(pages.page(index, view_of(index, kPagesLaw)).empty());
    CHECK(pages.pages_kept() == 1);  // the failure, so as not to pay it again
    CHECK(pages.page(index, view_of(index, kPagesLaw)).empty());
    CHECK(pages.pages_kept() == 1);

    http::Response r = get_page(dir, idx.db, std::string("/doc/") + kPagesLaw, empty);
    CHECK(r.status == 200);
    CHECK(test::contains(r.body, "<ol class=\"units\">"));
    CHECK(test::contains(r.body, "href=\"/doc/" + std::string(kPagesLaw) + "#art_46\""));
    // With the stylesheets, the same page is the rendering.
    r = get_page(dir, idx.db, std::string("/doc/") + kPagesLaw);
    CHECK(r.status == 200);
    CHECK_FALSE(test::contains(r.body, "<ol class=\"units\">"));
    CHECK(test::contains(r.body, "<article class=\"doc doc-loi\""));
}

TEST_CASE("a partnership page links the records its rendered description names", "[page-views][server][partnership]") {
    test::TempDir dir;
    const std::string corpus =
        test::copy_corpus_files(dir, {"partenariats/part-kloto-1-mamoudzou.xml",
                                      "partenariats/part-agoe-nyive-2-mamoudzou.xml", "repertoire/togo.xml"});
    test::TempIndex idx(corpus);
    // « Même convention que la fiche part-agoe-nyive-2-mamoudzou » in the
    // description: the id becomes a link titled with that record's title.
    http::Response r = get_page(dir, idx.db, "/partenariat/part-kloto-1-mamoudzou");
    REQUIRE(r.status == 200);
    CHECK(test::contains(r.body,
                         "Même convention que la fiche <a href=\"/partenariat/part-agoe-nyive-2-mamoudzou\">"
                         "Jumelage Agoè-Nyivé 2 – Mamoudzou (Mayotte)</a>"));
    CHECK_FALSE(test::contains(r.body, "une fiche absente de l'index"));

    // Without the other record, the id is said to be missing.
    std::filesystem::remove(corpus + "/part-agoe-nyive-2-mamoudzou.xml");
    reindex_pages(idx.db, corpus);
    r = get_page(dir, idx.db, "/partenariat/part-kloto-1-mamoudzou");
    REQUIRE(r.status == 200);
    CHECK(test::contains(r.body, "Même convention que la fiche une fiche absente de l'index"));
}
