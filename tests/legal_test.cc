// @brief The legal framework: AKN references, citations resolved against
// the index, « Cité par », the legal-basis facet, links on pages, and the
// real-world check on the conformance acts.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "common/akn_ref.h"
#include "indexer/extract.h"
#include "indexer/render.h"
#include "search/legal.h"
#include "search/request.h"
#include "search/search.h"
#include "server/law_page.h"
#include "tests/search_fixture.h"
#include "tests/test_util.h"

using namespace coopdec;

TEST_CASE("AKN hrefs are read as work and fragment", "[legal][akn]") {
    struct Row {
        const char* href;
        const char* work;
        const char* fragment;
    };
    const std::string own = "/akn/tg/act/loi/2019-06-26/2019-006";
    const Row rows[] = {
        {"#art_9", "/akn/tg/act/loi/2019-06-26/2019-006", "art_9"},
        {"~art_12__para_1", "/akn/tg/act/loi/2019-06-26/2019-006", "art_12__para_1"},
        {"/akn/tg/act/loi/2007-03-13/2007-011", "/akn/tg/act/loi/2007-03-13/2007-011", ""},
        {"/akn/tg/act/loi/2007-03-13/2007-011/!main#art_2", "/akn/tg/act/loi/2007-03-13/2007-011", "art_2"},
        {"/akn/tg/act/loi/2007-03-13/2007-011/fra@2019-06-26/!main~art_2", "/akn/tg/act/loi/2007-03-13/2007-011",
         "art_2"},
        {"/akn/tg/act/loi/2019-06-26/2019-006/section/5", "/akn/tg/act/loi/2019-06-26/2019-006", "section-5"},
        {"http://www.legislation.gov.uk/id/ukpga/2000/36", "http://www.legislation.gov.uk/id/ukpga/2000/36", ""},
        {"", "", ""},
    };
    for (const auto& r : rows) {
        CAPTURE(r.href);
        akn::Target t = akn::parse_href(r.href, own);
        CHECK(t.work == r.work);
        CHECK(t.fragment == r.fragment);
    }
    CHECK(akn::work_of("http://www.legislation.gov.uk/ukpga/1998/29/data.akn") ==
          "http://www.legislation.gov.uk/ukpga/1998/29");
    CHECK(akn::work_of("/akn/tg/act/loi/2019-06-26/2019-006/!main") == "/akn/tg/act/loi/2019-06-26/2019-006");
    CHECK(akn::target_key({"/w", "art_1"}) == "/w#art_1");
}

namespace {

// The fixture with a law that has an act number, a work URI, an internal
// ref, and an agreement that cites it.
struct LegalFixture : test::SearchFixture {
    LegalFixture() {
        Record law;
        law.id = "loi-test";
        law.type = "loi";
        law.format = "akn";
        law.lang = "fr";
        law.title = "Loi n° 2030-001 du 2 janvier 2030 sur les essais";
        law.date = "2030-01-02";
        law.act_number = "2030-001";
        law.work_uri = "/akn/tg/act/loi/2030-01-02/2030-001/!main";
        Unit a1 =
            test::unit("art_1", "article", "Article 1 – Objet", "Article 1 Objet Résumé : la loi règle les essais.");
        Unit a2 = test::unit("art_2", "article", "Article 2 – Renvoi", "Article 2 Renvoi Résumé : voir l'article 1.");
        a2.cites = {"#art_1"};
        law.units = {a1, a2};
        add(law);
        Record conv;
        conv.id = "conv-essai";
        conv.type = "convention";
        conv.format = "coopdec";
        conv.lang = "fr";
        conv.title = "Convention d'essai";
        conv.date = "2031-05-01";
        conv.partnerships = {"part-ogou-niort"};
        conv.units = {test::unit("art_1", "clause", "Article 1",
                                 "Conformément à l'article 1 de la loi n° 2030-001, les parties coopèrent."),
                      test::unit("art_2", "clause", "Article 2", "L'article 1 de la présente convention s'applique.")};
        add(conv);
        db.commit();
    }
};

}  // namespace

TEST_CASE("a query citing a provision is read as such and leads with it", "[legal][search]") {
    LegalFixture fx;
    SearchRequest req;
    req.query = "article 1 de la loi 2030-001";
    auto r = search(fx.db, req);
    REQUIRE(r.reading.size() == 1);
    CHECK(r.reading[0].label == "Loi n° 2030-001 du 2 janvier 2030, art. 1");
    CHECK(r.reading[0].url == "/doc/loi-test#art_1");
    REQUIRE_FALSE(r.results.empty());
    CHECK(r.results[0].id == "loi-test");
    CHECK(r.results[0].passages.at(0).anchor == "art_1");

    req.query = "loi n° 2030-001";
    auto act = search(fx.db, req);
    REQUIRE(act.reading.size() == 1);
    CHECK(act.reading[0].label == "Loi n° 2030-001 du 2 janvier 2030");
    // A citation of a text the index does not hold is no reading.
    req.query = "loi n° 1999-999";
    CHECK(search(fx.db, req).reading.empty());
    req.query = "cooperation";
    CHECK(search(fx.db, req).reading.empty());
}

TEST_CASE("« Cité par »: references and citations, both ways", "[legal]") {
    LegalFixture fx;
    auto by = cited_by(fx.db, "loi-test", "art_1");
    // The law's own article 2 (an AKN ref, and "l'article 1" in its text) and
    // the agreement's clause 1; not the agreement's clause 2, which cites itself.
    REQUIRE(by.size() == 2);
    CHECK(by[0].doc_id != by[1].doc_id);
    bool from_law = false, from_agreement = false;
    for (const auto& c : by) {
        from_law = from_law || (c.doc_id == "loi-test" && c.anchor == "art_2");
        from_agreement =
            from_agreement || (c.doc_id == "conv-essai" && c.anchor == "art_1" && c.doc_type == "convention");
    }
    CHECK(from_law);
    CHECK(from_agreement);
    CHECK(cited_by(fx.db, "loi-test", "art_2").empty());
    CHECK(citation_form(fx.db, "loi-test", "art_2") == "Loi n° 2030-001 du 2 janvier 2030, art. 2");
    CHECK(citation_form(fx.db, "conv-essai").empty());
    auto p = resolve_target(fx.db, akn::parse_href("/akn/tg/act/loi/2030-01-02/2030-001#art_2__para_1", ""));
    REQUIRE(p.has_value());
    CHECK(p->url == "/doc/loi-test#art_2");  // narrowed to the unit
    CHECK_FALSE(resolve_target(fx.db, akn::parse_href("/akn/fr/act/loi/1992-02-06/92-125", "")).has_value());
}

TEST_CASE("agreements have a legal-basis facet, and a search can stay within one text", "[legal][facets]") {
    LegalFixture fx;
    SearchRequest req;
    auto all = search(fx.db, req);
    bool found = false;
    for (const auto& f : all.facets)
        if (f.name == "legal_basis")
            for (const auto& v : f.values) found = found || (v.value == "Loi n° 2030-001, art. 1" && v.count == 1);
    CHECK(found);
    req.filters["legal_basis"] = {"loi n° 2030-001, art. 1"};
    auto basis = search(fx.db, req);
    REQUIRE(basis.total == 1);
    CHECK(basis.results[0].id == "conv-essai");

    SearchRequest within;
    REQUIRE_FALSE(apply_parameter(within, "doc", "loi-test").has_value());
    within.query = "article";
    auto w = search(fx.db, within);
    REQUIRE(w.total == 1);
    CHECK(w.results[0].id == "loi-test");
    within.within = "inconnu";
    CHECK_THROWS_AS(search(fx.db, within), SearchError);
}

TEST_CASE("pages link what resolves and only that", "[legal][html]") {
    auto resolve = [](const citation::Citation& c) -> std::optional<std::string> {
        if (c.act_number == "2019-006") return "/doc/loi#art_" + c.article;
        return std::nullopt;
    };
    CHECK(pages::link_citations("<p>Selon l'article 46 de la loi n° 2019-006, et la loi n° 92-125.</p>", resolve) ==
          "<p>Selon <a class=\"cite\" href=\"/doc/loi#art_46\">l'article 46 de la loi n° 2019-006</a>, et la loi n° "
          "92-125.</p>");
    // Never inside a link or a heading.
    CHECK(
        pages::link_citations("<h3>Article 46 de la loi n° 2019-006</h3><a href=\"x\">loi n° 2019-006</a>", resolve) ==
        "<h3>Article 46 de la loi n° 2019-006</h3><a href=\"x\">loi n° 2019-006</a>");
    auto refs = [](const std::string& href) -> std::optional<std::string> {
        if (href == "/akn/a") return "/doc/a";
        return std::nullopt;
    };
    CHECK(pages::link_references("<span class=\"ref ref-externe\" title=\"/akn/a\">A</span> "
                                 "<span class=\"ref ref-externe\" title=\"/akn/b\">B</span>",
                                 refs) ==
          "<a class=\"ref\" href=\"/doc/a\">A</a> <span class=\"ref ref-externe\" title=\"hors corpus : "
          "/akn/b\">B</span>");
    std::map<std::string, pages::ArticleNotes> notes;
    notes["art_1"] =
        pages::ArticleNotes{"Loi n° 1, art. 1",
                            {Citing{"c", "Convention", "convention", "art_2", "Article 2", "/doc/c#art_2"}},
                            {},
                            "/doc/l#art_1",
                            false,
                            {},
                            {}};
    std::string html = pages::add_article_notes("<section id=\"art_1\"><h3>Article 1</h3><p>x</p></section>", notes);
    CHECK(html ==
          "<section id=\"art_1\"><h3>Article 1</h3><div class=\"notes\"><p class=\"cite-as\">Citer : <cite>Loi n° 1, "
          "art. 1</cite> · <a href=\"/doc/l#art_1\">lien permanent</a></p>"
          "<details class=\"cited-by\"><summary>Cité par 1 passage, dont 1 convention</summary><ul><li>"
          "<a href=\"/doc/c#art_2\">Convention — Article 2</a></li></ul></details></div><p>x</p></section>");
}

TEST_CASE("real-world check: the references of the conformance acts", "[legal][conformance]") {
    // Each act indexed alone: its references to itself resolve; those to
    // other acts cannot, as no other act of theirs is in the corpus.
    struct Row {
        const char* file;
        size_t refs, own, resolved;
    };
    const Row rows[] = {
        // 2,271 <ref> elements; 1,656 distinct (unit, href) pairs; 171 name
        // the act itself; the rest name 60-odd other UK acts and SIs.
        {"akn_uk_pga_1998_29_parts-sections-amendments.xml", 1656, 171, 171},
        {"akn_eu_COM-2013-0619_chapters-articles-refs.xml", 103, 21, 21},
    };
    for (const auto& row : rows) {
        CAPTURE(row.file);
        std::ifstream in(test::source_dir() + "/../shared/conformance/akn/" + row.file);
        std::stringstream ss;
        ss << in.rdbuf();
        Extraction ex = extract(ss.str(), row.file);
        REQUIRE(ex.ok);
        test::SearchFixture fx;
        fx.add(ex.record);
        const std::string own = akn::work_of(ex.record.work_uri);
        size_t refs = 0, own_refs = 0, resolved = 0, to_unit = 0;
        for (const auto& u : ex.record.units) {
            for (const auto& href : u.cites) {
                ++refs;
                akn::Target t = akn::parse_href(href, own);
                if (t.work == own) ++own_refs;
                auto p = resolve_target(fx.db, t);
                if (p) {
                    ++resolved;
                    if (!p->anchor.empty()) ++to_unit;
                }
            }
        }
        WARN(row.file << ": " << refs << " references (distinct per unit), " << own_refs << " to the act itself, "
                      << resolved << " resolved (" << to_unit << " to a unit)");
        CHECK(refs == row.refs);
        CHECK(own_refs == row.own);
        CHECK(resolved == row.resolved);  // every reference to the act itself resolves, none to an absent act
    }
}

TEST_CASE("amendment history: lifecycle and passive modifications are read", "[legal][akn]") {
    std::ifstream in(test::source_dir() + "/corpus/lois/loi-2007-011.xml");
    std::stringstream ss;
    ss << in.rdbuf();
    Extraction ex = extract(ss.str(), "loi-2007-011.xml");
    REQUIRE(ex.ok);
    const Record& r = ex.record;
    CHECK(r.act_number == "2007-011");
    REQUIRE(r.lifecycle.size() == 3);
    CHECK(r.lifecycle[0].date == "2007-03-13");
    CHECK(r.lifecycle[0].type == "generation");
    CHECK(r.lifecycle[2].source_href == "/akn/tg/act/loi/2019-06-26/2019-006");
    CHECK(r.lifecycle[2].source_label == "Loi n° 2019-006 du 26 juin 2019");
    REQUIRE(r.amendments.size() == 1);
    CHECK(r.amendments[0].anchor == "art_2");
    CHECK(r.amendments[0].type == "substitution");
    CHECK(r.amendments[0].date == "2019-06-26");
    CHECK(r.amendments[0].source_href == "/akn/tg/act/loi/2019-06-26/2019-006");

    std::string h = pages::history_html({{"2007-03-13", "generation", "Loi n° 2007-011", ""},
                                         {"2019-06-26", "amendment", "Loi n° 2019-006", "/doc/l"},
                                         {"2018-01-31", "amendment", "Loi n° 2018-003", ""}},
                                        "2019-06-26", "2007-03-13");
    CHECK(h.find("Version consolidée en vigueur au 26 juin 2019") != std::string::npos);
    CHECK(h.find("13 mars 2007</time> — texte d&#39;origine</li>") != std::string::npos);
    CHECK(h.find("modifié par <a href=\"/doc/l\">Loi n° 2019-006</a>") != std::string::npos);
    CHECK(h.find("Loi n° 2018-003 <span class=\"ref-externe\">(hors corpus)</span>") != std::string::npos);
    CHECK(pages::history_html({}, "", "").empty());
}

TEST_CASE("versions: expressions of one work, the one in force at a date", "[legal][versions]") {
    LegalFixture fx;
    Record v2;
    v2.id = "loi-test-v2035-01-01";
    v2.type = "loi";
    v2.format = "akn";
    v2.lang = "fr";
    v2.title = "Loi n° 2030-001 du 2 janvier 2030 sur les essais";
    v2.date = "2030-01-02";
    v2.version_date = "2035-01-01";
    v2.act_number = "2030-001";
    v2.work_uri = "/akn/tg/act/loi/2030-01-02/2030-001";
    v2.expression_uri = "/akn/tg/act/loi/2030-01-02/2030-001/fra@2035-01-01";
    v2.units = {test::unit("art_1", "article", "Article 1 – Objet",
                           "Article 1 Objet Résumé : la loi règle les essais et leurs suites.")};
    fx.add(v2);

    auto vs = versions(fx.db, "loi-test");
    REQUIRE(vs.size() == 2);
    CHECK(vs[0].doc_id == "loi-test");
    CHECK(vs[0].date == "2030-01-02");
    CHECK(vs[1].doc_id == "loi-test-v2035-01-01");
    CHECK(versions(fx.db, "conv-essai").empty());

    citation::Citation c;
    c.act_kind = "loi";
    c.act_number = "2030-001";
    c.article = "1";
    // Without a date: the latest version; at an agreement's signature date: the one then in force.
    auto latest = resolve_citation(fx.db, c);
    REQUIRE(latest.size() == 1);
    CHECK(latest[0].url == "/doc/loi-test-v2035-01-01#art_1");
    auto in_2031 = resolve_citation(fx.db, c, "2031-05-01");
    REQUIRE(in_2031.size() == 1);
    CHECK(in_2031[0].url == "/doc/loi-test#art_1");
    auto before = resolve_citation(fx.db, c, "2020-01-01");  // before any version: the first
    REQUIRE(before.size() == 1);
    CHECK(before[0].url == "/doc/loi-test#art_1");
    auto ref = resolve_target(fx.db, akn::parse_href("/akn/tg/act/loi/2030-01-02/2030-001#art_1", ""), "2036-01-01");
    REQUIRE(ref.has_value());
    CHECK(ref->doc_id == "loi-test-v2035-01-01");

    std::string html = pages::versions_html(vs, "loi-test");
    CHECK(html ==
          "<p class=\"versions\">Versions : <strong aria-current=\"page\">2 janvier 2030 — texte d’origine (cette "
          "version)</strong> · "
          "<a href=\"/doc/loi-test-v2035-01-01\">1er janvier 2035 — version consolidée (la plus récente)</a></p>");
    CHECK(pages::versions_html({}, "loi-test").empty());
}

TEST_CASE("an expression dated in its URI gets an id of its own", "[legal][akn]") {
    const char* xml = R"(<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="loi"><meta>
<identification source="#x"><FRBRWork><FRBRthis value="/akn/tg/act/loi/2007-03-13/2007-011/!main"/>
<FRBRuri value="/akn/tg/act/loi/2007-03-13/2007-011"/><FRBRdate date="2007-03-13" name="loi"/><FRBRauthor href="#x"/>
<FRBRcountry value="tg"/><FRBRnumber value="2007-011"/></FRBRWork><FRBRExpression>
<FRBRthis value="/akn/tg/act/loi/2007-03-13/2007-011/fra@2019-06-26/!main"/><FRBRuri value="/akn/tg/act/loi/2007-03-13/2007-011/fra@2019-06-26"/>
<FRBRdate date="2019-06-26" name="consolidation"/><FRBRauthor href="#x"/><FRBRlanguage language="fra"/></FRBRExpression>
<FRBRManifestation><FRBRthis value="x"/><FRBRuri value="x"/><FRBRdate date="2026-01-01" name="x"/><FRBRauthor href="#x"/></FRBRManifestation>
</identification></meta><body><article eId="art_1"><num>Article 1</num><content><p>Texte.</p></content></article></body></act></akomaNtoso>)";
    Extraction ex = extract(xml, "v.xml");
    REQUIRE(ex.ok);
    CHECK(ex.record.version_date == "2019-06-26");
    CHECK(ex.record.id == "akn-tg-act-loi-2007-03-13-2007-011-v2019-06-26");
}

TEST_CASE("every conformance act renders with a working table of contents", "[legal][render][conformance]") {
    for (const char* file :
         {"akn_uk_pga_1998_29_parts-sections-amendments.xml", "akn_eu_COM-2013-0619_chapters-articles-refs.xml",
          "akn_it_senato_ddl_2013_bill-mods.xml"}) {
        CAPTURE(file);
        std::ifstream in(test::source_dir() + "/../shared/conformance/akn/" + file);
        std::stringstream ss;
        ss << in.rdbuf();
        RenderResult page = render_html(ss.str(), file, "akn");
        REQUIRE(page.ok);
        size_t toc = page.html.find("<nav class=\"toc\"");
        REQUIRE(toc != std::string::npos);
        size_t end = page.html.find("</nav>", toc);
        std::string nav = page.html.substr(toc, end - toc);
        size_t links = 0;
        for (size_t at = nav.find("href=\"#"); at != std::string::npos; at = nav.find("href=\"#", at + 1)) {
            std::string id = nav.substr(at + 7, nav.find('"', at + 7) - at - 7);
            CAPTURE(id);
            CHECK(page.html.find("id=\"" + id + "\"") != std::string::npos);  // every entry lands somewhere
            ++links;
        }
        CHECK(links > 5);
    }
}

TEST_CASE("a fragment narrows to the unit that contains it", "[legal][akn]") {
    auto is_unit = [](const std::string& a) { return a == "section-75" || a == "art_12"; };
    CHECK(akn::enclosing_unit("section-75-2-i", is_unit) == "section-75");
    CHECK(akn::enclosing_unit("art_12__para_1", is_unit) == "art_12");
    CHECK(akn::enclosing_unit("art_12", is_unit) == "art_12");
    CHECK(akn::enclosing_unit("schedule-7", is_unit).empty());
    CHECK(akn::enclosing_unit("", is_unit).empty());
}

TEST_CASE("an act numbered without its year takes it from the work URI", "[legal][akn]") {
    CHECK(akn::numbered_act("6", "/akn/tg/act/2019/6/!main") == "2019-6");                      // Laws.Africa
    CHECK(akn::numbered_act("006", "/akn/tg/act/loi/2019-06-26/006") == "2019-006");            // a dated work
    CHECK(akn::numbered_act("2019-006", "/akn/tg/act/loi/2019-06-26/2019-006") == "2019-006");  // has its year
    CHECK(akn::numbered_act("6", "/akn/tg/act/loi/6") == "6");                                  // no year to take
    CHECK(akn::numbered_act("air-pollution", "/akn/za/act/by-law/2003/air-pollution") == "air-pollution");
    CHECK(akn::numbered_act("", "") == "");
}

TEST_CASE("stored legal lines are read as typed events and modifications", "[legal][versions]") {
    // "date\x1ftype\x1fhref\x1flabel": a lifecycle line, or an amended unit's.
    LegalEvent e = parse_legal_event(
        "2019-06-26\x1f"
        "amendment\x1f/akn/tg/act/loi/2019-06-26/2019-006\x1fLoi n° 2019-006");
    CHECK(e.date == "2019-06-26");
    CHECK(e.type == "amendment");
    CHECK(e.href == "/akn/tg/act/loi/2019-06-26/2019-006");
    CHECK(e.label == "Loi n° 2019-006");
    // Missing fields read as "".
    e = parse_legal_event("2007-03-13\x1fgeneration");
    CHECK(e.date == "2007-03-13");
    CHECK(e.type == "generation");
    CHECK(e.href.empty());
    CHECK(e.label.empty());

    // A lifecycle field: one event per line, empty lines skipped.
    std::vector<LegalEvent> events = parse_legal_events(
        "2007-03-13\x1fgeneration\x1f#a\x1f\n\n2019-06-26\x1f"
        "amendment\x1f#b\x1fL\n");
    REQUIRE(events.size() == 2);
    CHECK(events[0].date == "2007-03-13");
    CHECK(events[0].href == "#a");
    CHECK(events[1].type == "amendment");
    CHECK(events[1].label == "L");
    CHECK(parse_legal_events("").empty());

    // "anchor\x1ftype\x1fdestination": a modifies line; "" anchor = the text as a whole.
    LegalModification m =
        parse_legal_modification("art_1\x1fsubstitution\x1f/akn/tg/act/loi/2007-03-13/2007-011/!main#art_46");
    CHECK(m.anchor == "art_1");
    CHECK(m.type == "substitution");
    CHECK(m.destination == "/akn/tg/act/loi/2007-03-13/2007-011/!main#art_46");
    std::vector<LegalModification> mods = parse_legal_modifications("\x1frepeal\x1f/akn/x\n\nart_2\x1finsertion");
    REQUIRE(mods.size() == 3);
    CHECK(mods[0].anchor.empty());
    CHECK(mods[0].type == "repeal");
    CHECK(mods[0].destination == "/akn/x");
    CHECK(mods[1].type.empty());  // the empty line, kept: it has no destination
    CHECK(mods[2].anchor == "art_2");
    CHECK(mods[2].destination.empty());
}
