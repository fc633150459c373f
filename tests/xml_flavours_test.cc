// @brief Real-world XML flavours through the real indexing path (files →
// coopdec-index's index_corpus → a temporary index → search): an
// Indigo-style Akoma Ntoso act with repeated ids, an AKN debate, teiCorpo
// outputs old and new; each word found only in one kind of text is
// searchable, annotation tiers are not counted twice, pages keep every
// unit anchor once.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/schema.h"
#include "indexer/corpus.h"
#include "indexer/extract.h"
#include "indexer/render.h"
#include "search/index.h"
#include "search/search.h"
#include "tests/temp_index.h"
#include "tests/test_util.h"

using namespace coopdec;
namespace sc = coopdec::schema;

namespace {

// An act as Laws.Africa's Indigo exports it: eIds repeated in meta
// (lifecycle events, references), a GUID repeated, and two sections that
// share an eId in the body.
const char kIndigoAct[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act contains="originalVersion" name="act">
    <meta>
      <identification source="#cobalt">
        <FRBRWork>
          <FRBRthis value="/akn/tg/act/by-law/2020/7/!main"/>
          <FRBRuri value="/akn/tg/act/by-law/2020/7"/>
          <FRBRdate date="2020-03-01" name="Generation"/>
          <FRBRnumber value="7"/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRthis value="/akn/tg/act/by-law/2020/7/fra@/!main"/>
          <FRBRlanguage language="fra"/>
        </FRBRExpression>
      </identification>
      <lifecycle source="#cobalt">
        <eventRef date="2020-03-01" eId="e_1" source="#original" type="generation"/>
        <eventRef date="2021-05-10" eId="e_1" source="#amendment" type="amendment"/>
      </lifecycle>
      <references source="#cobalt">
        <TLCOrganization eId="cobalt" GUID="g-1" href="https://example.org/cobalt" showAs="cobalt"/>
        <TLCOrganization eId="cobalt" GUID="g-1" href="https://example.org/cobalt" showAs="cobalt"/>
      </references>
    </meta>
    <preface>
      <longTitle><p>Arrêté communal sur les marchés</p></longTitle>
      <p>Publié au recueil des actes de la commune de Tchamba.</p>
    </preface>
    <body>
      <section eId="sec_1"><num>1.</num><heading>Étals</heading>
        <content><p>Les étals de karité sont numérotés.</p></content></section>
      <section eId="sec_1"><num>2.</num><heading>Taxes</heading>
        <content><p>La taxe des porteuses de fagots est perçue chaque semaine.</p></content></section>
    </body>
  </act>
</akomaNtoso>
)";

// A debate: loose p, other with and without id, narrative, summary and
// scene, speeches, a question and its answer.
const char kDebate[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <debate name="hansard">
    <meta>
      <identification source="#an">
        <FRBRWork><FRBRthis value="/akn/tg/debate/2022-04-05/1/!main"/><FRBRdate date="2022-04-05" name="session"/></FRBRWork>
        <FRBRExpression><FRBRthis value="/akn/tg/debate/2022-04-05/1/fra@/!main"/><FRBRlanguage language="fra"/></FRBRExpression>
      </identification>
    </meta>
    <preface><p>Assemblée nationale, séance du mardi.</p></preface>
    <debateBody>
      <debateSection eId="dbsect_1" name="ordre">
        <heading>Ordre du jour</heading>
        <p>Le président salue la délégation de Mango.</p>
        <other eId="dbsect_1__other_1"><p>Ordre du jour : les ponceaux de la route nationale.</p></other>
        <other><p>Communiqué sur les caniveaux bouchés.</p></other>
        <narrative>La séance est suspendue pour la transhumance.</narrative>
        <summary eId="dbsect_1__summary_1">Résumé du point sur la jachère.</summary>
        <scene>Applaudissements nourris des galeries.</scene>
        <speech eId="dbsect_1__speech_1" by="#koffi"><from>M. Koffi</from><p>Je parle des latrines publiques.</p></speech>
        <question eId="dbsect_1__question_1" by="#ama"><from>Mme Ama</from><p>Où en sont les citernes ?</p></question>
        <answer eId="dbsect_1__answer_1" by="#ministre"><from>Le ministre</from><p>Les citernes de Dapaong sont livrées.</p></answer>
      </debateSection>
    </debateBody>
  </debate>
</akomaNtoso>
)";

// Older teiCorpo: annotationBloc, ids on @id, a u holding its text, two
// tiers: a translation and a copy of the utterance.
const char kTeiCorpoOld[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="fr">
  <teiHeader>
    <fileDesc><titleStmt><title>Entretien ancien teiCorpo</title></titleStmt></fileDesc>
    <profileDesc><particDesc><listPerson>
      <person id="LOC1"><persName>Yawa</persName></person>
    </listPerson></particDesc></profileDesc>
  </teiHeader>
  <text>
    <body>
      <annotationBloc id="ab1" who="LOC1" start="#T1" end="#T2">
        <u>nous avons creusé le puits du quartier</u>
        <spanGrp type="traduction"><span>we dug the wellspring of the district</span></spanGrp>
        <spanGrp type="copie"><span>nous avons creusé le puits du quartier</span></spanGrp>
      </annotationBloc>
    </body>
  </text>
</TEI>
)";

// Current teiCorpo: annotationBlock, ids on @xml:id, u holding several seg,
// a phonetic tier, a u with its own id, a heading outside utterances.
const char kTeiCorpoNew[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="fr">
  <teiHeader>
    <fileDesc><titleStmt><title>Entretien teiCorpo récent</title></titleStmt></fileDesc>
    <profileDesc><particDesc><listPerson>
      <person><altGrp><alt type="spk1"/></altGrp><persName>Kodjo</persName></person>
      <person xml:id="spk2"><persName>Afi</persName></person>
    </listPerson></particDesc></profileDesc>
  </teiHeader>
  <text>
    <body>
      <div type="Situation"><head>Visite du hangar</head>
      <annotationBlock xml:id="au7" who="spk1" start="#T1" end="#T2">
        <u><seg>bonjour madame</seg><seg>parlons du marché de Sokodé</seg></u>
        <spanGrp type="pho"><span>bonjur madam</span><span>parlon</span></spanGrp>
      </annotationBlock>
      <annotationBlock xml:id="au8" who="#spk2" start="#T2" end="#T3">
        <u xml:id="u_afi">les pirogues arrivent <spanGrp type="ref"><span>pirogues pirogues</span></spanGrp></u>
      </annotationBlock>
      </div>
    </body>
  </text>
</TEI>
)";

struct Indexed {
    test::TempDir dir;
    std::string db = dir / "db";
    std::string file;  // the fixture's path
    IndexSummary summary;
    std::string log;

    Indexed(const std::string& name, const std::string& xml) {
        file = dir.write("c/" + name, xml);
        IndexOptions opt;
        opt.db_path = db;
        opt.inputs = {dir / "c"};
        opt.schema_dir = test::source_dir() + "/corpus/schema";
        std::FILE* out = std::tmpfile();
        summary = index_corpus(opt, out);
        log = test::read_and_close(out);
    }

    SearchResult find(const std::string& query) const {
        Index index = Index::open(db);
        SearchRequest req;
        req.query = query;
        return search(index, req);
    }

    // The anchor of the best passage for `query` ("" for the document itself).
    std::string passage(const std::string& query) const {
        SearchResult r = find(query);
        if (r.results.empty() || r.results[0].passages.empty()) return "";
        return r.results[0].passages[0].anchor;
    }

    // How often `term` is indexed in the unit `anchor` of `doc` ("" = the
    // document unit); 0 when absent.
    Xapian::termcount wdf(const std::string& doc, const std::string& anchor, const std::string& term) const {
        Xapian::Database d(db);
        std::string id = anchor.empty() ? sc::id_term(doc) : sc::id_term(doc, anchor);
        Xapian::PostingIterator p = d.postlist_begin(id);
        REQUIRE(p != d.postlist_end(id));
        Xapian::TermIterator t = d.termlist_begin(*p);
        t.skip_to(term);
        return t != d.termlist_end(*p) && *t == term ? t.get_wdf() : 0;
    }

    // The stored text of unit `anchor` of `doc`.
    std::string unit_text(const std::string& doc, const std::string& anchor) const {
        Xapian::Database d(db);
        std::string id = sc::id_term(doc, anchor);
        Xapian::PostingIterator p = d.postlist_begin(id);
        REQUIRE(p != d.postlist_end(id));
        sc::Data data = sc::decode_data(d.get_document(*p).get_data());
        return data["text"];
    }
};

// Every unit anchor of the fixture is an id of its page, once.
void check_page(const std::string& xml, const std::string& format) {
    Extraction ex = extract(xml, "x.xml");
    REQUIRE(ex.ok);
    RenderResult page = render_html(xml, "x.xml", format);
    for (const auto& d : page.diagnostics) UNSCOPED_INFO(d.str());
    REQUIRE(page.ok);
    for (const Unit& u : ex.record.units) {
        INFO(u.anchor);
        std::string id = "id=\"" + u.anchor + "\"";
        size_t at = page.html.find(id);
        CHECK(at != std::string::npos);
        CHECK(page.html.find(id, at + 1) == std::string::npos);
    }
}

}  // namespace

TEST_CASE("an Indigo act with repeated ids is indexed, each repeat a warning", "[xml-flavours][akn]") {
    Indexed ix("indigo.xml", kIndigoAct);
    INFO(ix.log);
    CHECK(ix.summary.errors == 0);
    CHECK(ix.summary.documents == 1);
    CHECK(ix.summary.warnings == 4);
    const std::string& f = ix.file;
    CHECK(ix.log == f + ":19:9: avertissement : identifiant en double « e_1 » (déjà à la ligne 18)\n" + f +
                        ":23:9: avertissement : identifiant en double « cobalt » (déjà à la ligne 22)\n" + f +
                        ":23:9: avertissement : identifiant en double « g-1 » (déjà à la ligne 22)\n" + f +
                        ":33:7: avertissement : identifiant en double « sec_1 » (déjà à la ligne 31)\n");
    // The first section keeps its eId, the second gets a suffix; both texts found.
    CHECK(ix.passage("karite") == "sec_1");
    CHECK(ix.passage("fagots") == "sec_1_2");
    // The preface's paragraph is in no unit: found through the document.
    SearchResult preface = ix.find("Tchamba");
    REQUIRE(preface.total == 1);
    CHECK(preface.results[0].id == "akn-tg-act-by-law-2020-7");
    check_page(kIndigoAct, "akn");
}

TEST_CASE("every text of an AKN debate is searchable, parts with an id are units", "[xml-flavours][akn]") {
    Indexed ix("debat.xml", kDebate);
    INFO(ix.log);
    CHECK(ix.summary.errors == 0);
    CHECK(ix.summary.warnings == 0);
    const std::string doc = "akn-tg-debate-2022-04-05-1";
    // Units: the parts with an id, and speeches, questions, answers.
    CHECK(ix.passage("ponceaux") == "dbsect_1__other_1");
    CHECK(ix.passage("jachere") == "dbsect_1__summary_1");
    CHECK(ix.passage("latrines") == "dbsect_1__speech_1");
    CHECK(ix.passage("Koffi") == "dbsect_1__speech_1");
    CHECK(ix.passage("Dapaong") == "dbsect_1__answer_1");
    // Loose text (no unit takes it): the document is found all the same.
    for (const char* word : {"Mango", "caniveaux", "transhumance", "galeries", "mardi"}) {
        INFO(word);
        SearchResult r = ix.find(word);
        REQUIRE(r.total == 1);
        CHECK(r.results[0].id == doc);
        CHECK(ix.wdf(doc, "", word == std::string("Mango") ? "mango" : word) == 1);
    }
    // Said once: the question's and the answer's word counts twice, not more.
    CHECK(ix.wdf(doc, "", "citernes") == 2);
    Extraction ex = extract(kDebate, "debat.xml");
    REQUIRE(ex.ok);
    std::vector<std::string> kinds;
    for (const Unit& u : ex.record.units) kinds.push_back(u.kind + " " + u.label);
    CHECK(kinds == std::vector<std::string>{"other Passage", "summary Résumé", "speech M. Koffi", "question Mme Ama",
                                            "answer Le ministre"});
    check_page(kDebate, "akn");
}

TEST_CASE("older teiCorpo: annotationBloc, @id, u with text, tiers counted once", "[xml-flavours][tei]") {
    Indexed ix("ancien-teicorpo.xml", kTeiCorpoOld);
    INFO(ix.log);
    CHECK(ix.summary.errors == 0);
    CHECK(ix.summary.warnings == 0);
    const std::string doc = "ancien-teicorpo";
    CHECK(ix.passage("puits") == "ab1");  // the block's @id
    SearchResult said = ix.find("puits");
    REQUIRE(said.total == 1);
    REQUIRE_FALSE(said.results[0].passages.empty());
    CHECK(said.results[0].passages[0].speaker == "Yawa");  // person/@id
    // The copy tier adds nothing: the word said once weighs once.
    CHECK(ix.wdf(doc, "ab1", "puits") == 1);
    CHECK(ix.wdf(doc, "", "puits") == 1);
    // The translation is searchable, on the document only, not as said words.
    SearchResult tier = ix.find("wellspring");
    REQUIRE(tier.total == 1);
    CHECK(tier.results[0].id == doc);
    CHECK(ix.wdf(doc, "", "wellspring") == 1);
    CHECK(ix.wdf(doc, "ab1", "wellspring") == 0);
    CHECK(ix.unit_text(doc, "ab1") == "nous avons creusé le puits du quartier");
    check_page(kTeiCorpoOld, "tei");
}

TEST_CASE("current teiCorpo: annotationBlock, @xml:id, u with seg, tiers inside u", "[xml-flavours][tei]") {
    Indexed ix("recent.xml", kTeiCorpoNew);
    INFO(ix.log);
    CHECK(ix.summary.errors == 0);
    CHECK(ix.summary.warnings == 0);
    const std::string doc = "recent";
    CHECK(ix.passage("Sokode") == "au7");      // the block's @xml:id
    CHECK(ix.passage("pirogues") == "u_afi");  // the u's own
    // seg elements are separate words.
    CHECK(ix.unit_text(doc, "au7") == "bonjour madame parlons du marché de Sokodé");
    CHECK(ix.find("\"madame parlons\"").total == 1);
    // A tier inside the u is not its text; its repeats add nothing.
    CHECK(ix.unit_text(doc, "u_afi") == "les pirogues arrivent");
    CHECK(ix.wdf(doc, "u_afi", "pirogues") == 1);
    CHECK(ix.wdf(doc, "", "pirogues") == 1);
    // The phonetic tier's words and the heading are searchable.
    CHECK(ix.wdf(doc, "", "parlon") == 1);
    CHECK(ix.wdf(doc, "au7", "parlon") == 0);
    CHECK(ix.find("parlon").total == 1);
    SearchResult head = ix.find("hangar");
    REQUIRE(head.total == 1);
    CHECK(head.results[0].id == doc);
    SearchResult said = ix.find("Sokode");
    REQUIRE(said.total == 1);
    CHECK(said.results[0].passages[0].speaker == "Kodjo");  // altGrp/alt/@type
    check_page(kTeiCorpoNew, "tei");
}

TEST_CASE("conformance: the words of the teiCorpo utterances are found", "[xml-flavours][conformance][tei]") {
    test::TempIndex ix(test::source_dir() + "/../shared/conformance/tei");
    // ESLO: u holding text directly in annotationBlock.
    Index index = Index::open(ix.db);
    SearchRequest req;
    req.query = "omelette baveuse";
    SearchResult eslo = search(index, req);
    REQUIRE(eslo.total == 1);
    CHECK(eslo.results[0].id == "tei-fr-eslo1-ent-012-interview-teicorpo");
    REQUIRE_FALSE(eslo.results[0].passages.empty());
    CHECK(eslo.results[0].passages[0].anchor == "au0");
    // DOC_FR_2020: u holding seg.
    req.query = "thriller";
    SearchResult choix = search(index, req);
    REQUIRE(choix.total == 1);
    CHECK(choix.results[0].id == "tei-fr-doc-fr-2020-choix-5-multispeaker-teicorpo");
    REQUIRE_FALSE(choix.results[0].passages.empty());
    CHECK(choix.results[0].passages[0].anchor == "au0");
}
