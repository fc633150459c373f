// @brief Tests of the Akoma Ntoso extractor on inline documents.
#include <catch2/catch.hpp>
#include <string>

#include "indexer/extract.h"

using namespace coopdec;

namespace {

// A small Togolese act in the shape of the corpus: titles, chapters,
// articles, references, the demo marker.
const char* const kLoi = R"(<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act name="loi">
    <meta>
      <identification source="#coopdec">
        <FRBRWork>
          <FRBRthis value="/akn/tg/act/loi/2019-06-26/2019-006/!main"/>
          <FRBRuri value="/akn/tg/act/loi/2019-06-26/2019-006"/>
          <FRBRdate date="2019-06-26" name="adoption"/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRthis value="/akn/tg/act/loi/2019-06-26/2019-006/fra@/!main"/>
          <FRBRdate date="2019-07-01" name="publication"/>
          <FRBRlanguage language="fra"/>
        </FRBRExpression>
      </identification>
      <classification source="#coopdec"><keyword value="decentralisation" showAs="décentralisation" dictionary="#d"/></classification>
      <proprietary source="#coopdec">
        <cd:demonstration xmlns:cd="urn:x-coopdec:corpus:1" type="resume">Les articles sont des résumés.</cd:demonstration>
      </proprietary>
    </meta>
    <preface><longTitle><p>Loi n° 2019-006 relative à la <b>décentralisation</b></p></longTitle></preface>
    <body>
      <title eId="tit_1">
        <num>Titre I</num>
        <heading>Dispositions générales</heading>
        <chapter eId="tit_1__chp_1">
          <num>Chapitre 1</num>
          <heading>Principes</heading>
          <article eId="art_1">
            <num>Article 1</num>
            <heading>Objet</heading>
            <content><p>La présente loi modifie la <ref href="/akn/tg/act/loi/2007-03-13/2007-011">loi n° 2007-011</ref>.</p></content>
          </article>
          <article eId="art_2">
            <num>Article 2</num>
            <paragraph eId="art_2__para_1"><num>1.</num><content><p>Les communes
              sont libres.</p></content></paragraph>
            <paragraph eId="art_2__para_2"><num>2.</num><content><p>Voir <ref href="#art_1">l'article 1</ref>
              et <ref href="/akn/tg/act/loi/2007-03-13/2007-011">la loi</ref>.</p></content></paragraph>
          </article>
        </chapter>
      </title>
    </body>
  </act>
</akomaNtoso>)";

const Unit* find_unit(const Record& rec, const std::string& anchor) {
    for (const Unit& u : rec.units)
        if (u.anchor == anchor) return &u;
    return nullptr;
}

}  // namespace

TEST_CASE("AKN act: identification, demo, units with path, label and cites", "[akn]") {
    Extraction ex = extract(kLoi, "corpus/lois/loi-2019-006.xml");
    REQUIRE(ex.ok);
    const Record& rec = ex.record;
    CHECK(rec.id == "akn-tg-act-loi-2019-06-26-2019-006");
    CHECK(rec.type == "loi");
    CHECK(rec.format == "akn");
    CHECK(rec.akn_name == "act");
    CHECK(rec.work_uri == "/akn/tg/act/loi/2019-06-26/2019-006/!main");
    CHECK(rec.expression_uri == "/akn/tg/act/loi/2019-06-26/2019-006/fra@/!main");
    CHECK(rec.date == "2019-06-26");
    CHECK(rec.lang == "fr");
    CHECK(rec.title == "Loi n° 2019-006 relative à la décentralisation");
    CHECK(rec.summary == rec.title);
    CHECK(rec.demo);
    CHECK(rec.demo_notice == "Les articles sont des résumés.");
    CHECK(rec.themes == std::vector<std::string>{"décentralisation"});
    CHECK(rec.cites == std::vector<std::string>{"/akn/tg/act/loi/2007-03-13/2007-011", "#art_1"});
    CHECK(rec.pdf_pointer.empty());

    REQUIRE(rec.units.size() == 2);
    const Unit& a1 = rec.units[0];
    CHECK(a1.anchor == "art_1");
    CHECK(a1.kind == "article");
    CHECK(a1.label == "Article 1 – Objet");
    CHECK(a1.heading == "Objet");
    CHECK(a1.path == "Titre I Dispositions générales > Chapitre 1 Principes > Article 1");
    CHECK(a1.text == "Article 1 Objet La présente loi modifie la loi n° 2007-011.");
    CHECK(a1.cites == std::vector<std::string>{"/akn/tg/act/loi/2007-03-13/2007-011"});

    const Unit& a2 = rec.units[1];
    CHECK(a2.anchor == "art_2");
    CHECK(a2.label == "Article 2");
    CHECK(a2.heading.empty());
    CHECK(a2.text == "Article 2 1. Les communes sont libres. 2. Voir l'article 1 et la loi.");
    CHECK(a2.cites == std::vector<std::string>{"#art_1", "/akn/tg/act/loi/2007-03-13/2007-011"});
}

TEST_CASE("AKN duplicate identifiers are warnings at the second occurrence, anchors stay unique", "[akn]") {
    const char* xml = R"(<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act>
    <body>
      <article eId="art_1"><num>1</num></article>
      <article eId="art_1"><num>2</num></article>
      <article wId="w" xml:id="x"><num>3</num></article>
      <article wId="x" xml:id="w"><num>4</num></article>
      <article id="z"/><p id="z"/>
    </body>
  </act>
</akomaNtoso>)";
    Extraction ex = extract(xml, "lois/dup.xml");
    REQUIRE(ex.ok);
    CHECK(ex.errors.empty());
    // eId, wId, xml:id and id are separate namespaces: lines 6-7 are fine.
    REQUIRE(ex.warnings.size() == 2);
    CHECK(ex.warnings[0].str() ==
          "lois/dup.xml:5:7: avertissement : identifiant en double « art_1 » (déjà à la ligne 4)");
    CHECK(ex.warnings[1].str() == "lois/dup.xml:8:24: avertissement : identifiant en double « z » (déjà à la ligne 8)");
    // The first keeps the id, the next gets a suffix.
    REQUIRE(ex.record.units.size() == 5);
    CHECK(ex.record.units[0].anchor == "art_1");
    CHECK(ex.record.units[1].anchor == "art_1_2");
    CHECK(ex.record.units[1].label == "Article 2");
}

TEST_CASE("AKN: past 20 duplicate identifiers, one warning counts the others", "[akn]") {
    std::string xml = "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><act><meta><lifecycle>\n";
    for (int i = 0; i < 25; ++i) xml += "<eventRef eId=\"e_1\" GUID=\"g\"/>\n";
    xml += "</lifecycle></meta><body><article eId=\"a\"><p>texte</p></article></body></act></akomaNtoso>";
    Extraction ex = extract(xml, "lois/indigo.xml");
    REQUIRE(ex.ok);
    // 24 repeats of each of eId and GUID: 20 said, then one line for 28.
    REQUIRE(ex.warnings.size() == 21);
    CHECK(ex.warnings[0].str() ==
          "lois/indigo.xml:3:1: avertissement : identifiant en double « e_1 » (déjà à la ligne 2)");
    CHECK(ex.warnings[1].str() ==
          "lois/indigo.xml:3:1: avertissement : identifiant en double « g » (déjà à la ligne 2)");
    CHECK(ex.warnings[20].str() == "lois/indigo.xml:13:1: avertissement : et 28 autres identifiants en double");
    REQUIRE(ex.record.units.size() == 1);
    CHECK(ex.record.units[0].anchor == "a");
}

TEST_CASE("AKN with a prefix and no default namespace, sections but no articles", "[akn]") {
    const char* xml = R"(<an:akomaNtoso xmlns:an="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <an:act>
    <an:meta><an:identification><an:FRBRWork><an:FRBRuri value="http://www.legislation.gov.uk/id/ukpga/1998/29"/>
      <an:FRBRname value="1998 c. 29"/></an:FRBRWork>
      <an:FRBRExpression><an:FRBRdate date="2017-10-31"/><an:FRBRlanguage language="eng"/></an:FRBRExpression>
      </an:identification>
      <an:notes><an:note eId="c1"><an:p>Amended by <an:ref href="http://x/2008/4">2008 c. 4</an:ref></an:p></an:note></an:notes>
    </an:meta>
    <an:body>
      <an:part eId="part-I"><an:num>Part I</an:num><an:heading>Preliminary</an:heading>
        <an:section eId="section-1"><an:num>1</an:num><an:heading>Basic<an:authorialNote><an:p>s. 4</an:p></an:authorialNote></an:heading>
          <an:subsection eId="section-1-1"><an:num>1</an:num><an:content><an:p>In this Act<an:noteRef href="#c1"/>.</an:p></an:content></an:subsection>
          <an:subsection eId="section-1-2"><an:content><an:p>Text:<an:mod><an:quotedStructure>
            <an:section eId="q-1"><an:num>9</an:num><an:content><an:p>quoted</an:p></an:content></an:section>
          </an:quotedStructure></an:mod></an:p></an:content></an:subsection>
        </an:section>
      </an:part>
      <an:hcontainer name="schedules"><an:heading>SCHEDULES</an:heading>
        <an:paragraph eId="sch-1-para-1"><an:num>1</an:num><an:content><an:p>Scheduled.</an:p></an:content></an:paragraph>
      </an:hcontainer>
    </an:body>
  </an:act>
</an:akomaNtoso>)";
    Extraction ex = extract(xml, "uk.xml");
    REQUIRE(ex.ok);
    const Record& rec = ex.record;
    CHECK(rec.id == "www-legislation-gov-uk-id-ukpga-1998-29");
    CHECK(rec.lang == "en");
    CHECK(rec.date == "2017-10-31");  // no work date: the expression's
    CHECK(rec.title == "1998 c. 29");
    // The quoted section belongs to the amended text: no unit, but its text is in section 1.
    REQUIRE(rec.units.size() == 2);
    const Unit& s1 = rec.units[0];
    CHECK(s1.anchor == "section-1");
    CHECK(s1.kind == "section");
    CHECK(s1.label == "Section 1 – Basic");
    CHECK(s1.path == "Part I Preliminary > Section 1");
    CHECK(s1.text == "1 Basic s. 4 1 In this Act. Text: 9 quoted");
    // The noteRef leads to the commentary note and its reference.
    CHECK(s1.cites == std::vector<std::string>{"http://x/2008/4"});
    const Unit& p1 = rec.units[1];
    CHECK(p1.anchor == "sch-1-para-1");
    CHECK(p1.kind == "paragraph");
    CHECK(p1.label == "Paragraph 1");
    CHECK(p1.path == "SCHEDULES > Paragraph 1");
    CHECK(rec.cites == std::vector<std::string>{"http://x/2008/4"});
}

TEST_CASE("AKN documentCollection: units of the nested documents, anchors kept unique", "[akn]") {
    const char* xml = R"(<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <documentCollection name="c">
    <meta><identification><FRBRWork><FRBRthis value="/akn/eu/documentCollection/x/!main"/></FRBRWork></identification></meta>
    <preface><longTitle><p><docTitle>Proposal</docTitle></p></longTitle></preface>
    <collectionBody>
      <component eId="cmp_1"><doc name="memo"><meta/><mainBody><tblock eId="tb_1"><num>1.</num><heading>Context</heading><p>Why.</p></tblock></mainBody></doc></component>
      <component eId="cmp_2"><bill><meta/><body><article eId="art_1"><num>Article 1</num><content><p>Rule.</p></content></article></body></bill></component>
    </collectionBody>
  </documentCollection>
  <components>
    <component eId="cmp_3"><doc name="annex"><meta/><mainBody><tblock eId="tb_1"><heading>Annex</heading><p>Money.</p></tblock></mainBody></doc></component>
  </components>
</akomaNtoso>)";
    Extraction ex = extract(xml, "eu.xml");
    REQUIRE(ex.ok);
    const Record& rec = ex.record;
    CHECK(rec.akn_name == "documentCollection");
    CHECK(rec.id == "akn-eu-documentcollection-x");
    CHECK(rec.title == "Proposal");
    REQUIRE(rec.units.size() == 3);
    CHECK(rec.units[0].anchor == "tb_1");
    CHECK(rec.units[0].label == "1. – Context");
    CHECK(rec.units[1].anchor == "art_1");
    CHECK(rec.units[1].kind == "article");
    CHECK(rec.units[2].anchor == "cmp_3__tb_1");
    CHECK(rec.units[2].label == "Annex");
    CHECK(rec.units[2].text == "Annex Money.");
}

TEST_CASE("AKN body that only points to a PDF: metadata only", "[akn]") {
    const char* xml =
        R"(<an:akomaNtoso xmlns:an="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><an:act><an:meta>)"
        R"(<an:identification><an:FRBRWork><an:FRBRthis value="/akn/tg/act/1953-12-01/arrete_802/!main"/>)"
        R"(<an:FRBRdate date="1953-12-01"/></an:FRBRWork><an:FRBRExpression><an:FRBRlanguage language="fra eng"/>)"
        R"(</an:FRBRExpression></an:identification><an:publication showAs="Commune mixte de Bassari"/>)"
        R"(<an:classification><an:keyword value="Budget" showAs="Budget communal"/><an:keyword value="Recettes"/></an:classification>)"
        R"(</an:meta><an:body><an:book><an:componentRef src="/akn/tg/act/1953-12-01/arrete_802/fra@/!main.PDF"/>)"
        R"(</an:book></an:body></an:act></an:akomaNtoso>)";
    Extraction ex = extract(xml, "tg.xml");
    REQUIRE(ex.ok);
    const Record& rec = ex.record;
    CHECK(rec.units.empty());
    CHECK(rec.pdf_pointer == "/akn/tg/act/1953-12-01/arrete_802/fra@/!main.PDF");
    CHECK(rec.title == "Commune mixte de Bassari");
    CHECK(rec.lang == "fr");
    CHECK(rec.themes == std::vector<std::string>{"Budget communal", "Recettes"});
    CHECK(rec.id == "akn-tg-act-1953-12-01-arrete-802");
}

TEST_CASE("AKN without structure: one unit per body, or none, and the id from the file name", "[akn]") {
    const char* portion = R"(<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <portion><meta/><portionBody><hcontainer name="t"><heading>simple test</heading></hcontainer></portionBody></portion>
</akomaNtoso>)";
    Extraction ex = extract(portion, "akn/Empty_Portion.xml");
    REQUIRE(ex.ok);
    CHECK(ex.record.id == "empty-portion");
    CHECK(ex.record.title == "empty-portion");
    REQUIRE(ex.record.units.size() == 1);
    CHECK(ex.record.units[0].kind == "texte");
    CHECK(ex.record.units[0].anchor == "texte_1");
    CHECK(ex.record.units[0].text == "simple test");

    ex = extract(
        R"(<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><judgment><meta/><judgmentBody/></judgment></akomaNtoso>)",
        "j.xml");
    REQUIRE(ex.ok);
    CHECK(ex.record.akn_name == "judgment");
    CHECK(ex.record.units.empty());

    ex = extract(R"(<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><components/></akomaNtoso>)",
                 "n.xml");
    REQUIRE_FALSE(ex.ok);
    CHECK(ex.errors.at(0).str() == "n.xml:1:1: <akomaNtoso> sans document (act, bill, doc…)");
}

TEST_CASE("AKN preamble and debate speeches become units", "[akn]") {
    const char* xml = R"(<akomaNtoso xmlns="http://www.akomantoso.org/2.0">
  <debate><meta/><preface><p>Séance</p></preface>
    <preamble><p>Vu la Constitution ;</p></preamble>
    <debateBody><debateSection><speech by="#m"><from>Le maire</from><p>Bonjour.</p></speech>
      <speech by="#c"><from>Un conseiller</from><p>Merci.</p></speech></debateSection></debateBody>
  </debate>
</akomaNtoso>)";
    Extraction ex = extract(xml, "d.xml");
    REQUIRE(ex.ok);
    const Record& rec = ex.record;
    REQUIRE(rec.units.size() == 3);
    CHECK(rec.units[0].kind == "preambule");
    CHECK(rec.units[0].label == "Préambule");
    CHECK(rec.units[0].text == "Vu la Constitution ;");
    CHECK(rec.units[1].kind == "speech");
    CHECK(rec.units[1].label == "Le maire");
    CHECK(rec.units[1].speaker == "Le maire");
    CHECK(rec.units[1].anchor == "speech_1");
    CHECK(rec.units[2].text == "Un conseiller Merci.");
    CHECK(find_unit(rec, "speech_2") != nullptr);
}
