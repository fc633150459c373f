// @brief Tests of the TEI P5 transcript extractor on inline documents.
#include <catch2/catch.hpp>
#include <string>

#include "indexer/extract.h"
#include "indexer/render.h"

using namespace coopdec;

namespace {

// A transcript in the corpus shape (corpus/FORMAT-DRAFT.md).
const char* const kEntretien = R"(<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="ent-tone-1-2021" xml:lang="fra">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Entretien à la mairie de Tône 1</title></titleStmt>
      <publicationStmt><date when="2022-01-01"/></publicationStmt>
      <notesStmt><note type="demonstration">Entretien fictif, écrit pour la démonstration.</note></notesStmt>
    </fileDesc>
    <profileDesc>
      <particDesc><listPerson>
        <person xml:id="m" role="maire"><persName>Y. L.</persName><affiliation key="tone-1"/></person>
        <person xml:id="ch" role="chercheur"><persName>A. M.</persName></person>
        <person xml:id="pf" role="point-focal"><persName>B. S.</persName><affiliation key="tone-2"/></person>
      </listPerson></particDesc>
      <settingDesc><setting><placeName key="tone-1">Mairie de Tône 1, Dapaong</placeName><date when="2021-03-16"/></setting></settingDesc>
      <textClass>
        <keywords scheme="coopdec:partenariat"><term key="part-tone-1-issy-les-moulineaux">Tône 1 – Issy</term></keywords>
        <keywords scheme="coopdec:theme"><term>eau et assainissement</term><term>santé</term></keywords>
      </textClass>
    </profileDesc>
  </teiHeader>
  <text>
    <body>
      <u who="#ch" xml:id="u_1">Merci de nous
        recevoir.</u>
      <u who="#m" xml:id="u_2">Des écoles… <pause/> La mairie <incident><desc>téléphone</desc></incident> pilote.<note>hors micro</note></u>
      <incident><desc>Un agent entre.</desc></incident>
      <u who="#at">Avec l'<hi>AIMF</hi>, <vocal><desc>rire</desc></vocal> clairement.</u>
      <u who="#pf"><pause/><vocal type="toux"/></u>
      <u who="#pf" xml:id="u_5"><seg>Tout</seg><seg>écrire.</seg></u>
    </body>
  </text>
</TEI>)";

}  // namespace

TEST_CASE("TEI transcript: header, participants, utterances", "[tei]") {
    Extraction ex = extract(kEntretien, "corpus/entretiens/ent-tone-1-2021.xml");
    REQUIRE(ex.ok);
    const Record& rec = ex.record;
    CHECK(rec.id == "ent-tone-1-2021");
    CHECK(rec.type == "entretien");
    CHECK(rec.format == "tei");
    CHECK(rec.title == "Entretien à la mairie de Tône 1");
    CHECK(rec.lang == "fr");
    CHECK(rec.date == "2021-03-16");  // the setting's date wins over publication
    CHECK(rec.demo);
    CHECK(rec.demo_notice == "Entretien fictif, écrit pour la démonstration.");
    CHECK(rec.partnerships == std::vector<std::string>{"part-tone-1-issy-les-moulineaux"});
    CHECK(rec.themes == std::vector<std::string>{"eau et assainissement", "santé"});
    CHECK(rec.place == "Mairie de Tône 1, Dapaong");
    CHECK(rec.communes == std::vector<std::string>{"tone-1", "tone-2"});
    REQUIRE(rec.participants.size() == 3);
    CHECK(rec.participants[0].id == "m");
    CHECK(rec.participants[0].name == "Y. L.");
    CHECK(rec.participants[0].role == "maire");
    CHECK(rec.participants[0].commune == "tone-1");

    // The fourth u has no word (pause and a cough only): no unit.
    REQUIRE(rec.units.size() == 4);
    const Unit& u1 = rec.units[0];
    CHECK(u1.anchor == "u_1");
    CHECK(u1.kind == "enonce");
    CHECK(u1.speaker == "A. M.");
    CHECK(u1.role == "chercheur");
    CHECK(u1.label == "A. M. (chercheur)");
    CHECK(u1.text == "Merci de nous recevoir.");

    // Pauses shown as "…", incidents as "[desc]", notes left out.
    CHECK(rec.units[1].text == "Des écoles… … La mairie [téléphone] pilote.");
    CHECK(rec.units[1].label == "Y. L. (maire)");

    // No xml:id: generated from the u's position; unknown speaker kept as is.
    const Unit& u3 = rec.units[2];
    CHECK(u3.anchor == "u_3");
    CHECK(u3.speaker == "at");
    CHECK(u3.role.empty());
    CHECK(u3.label == "at");
    CHECK(u3.text == "Avec l'AIMF, [rire] clairement.");

    CHECK(rec.units[3].anchor == "u_5");
    CHECK(rec.units[3].text == "Tout écrire.");
}

TEST_CASE("TEI as teiCorpo writes it: speaker on annotationBlock, ids in altGrp", "[tei]") {
    const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?><TEI xmlns="http://www.tei-c.org/ns/1.0">
<teiHeader><fileDesc><titleStmt><publicationStmt><distributor>d</distributor></publicationStmt>
  <title/><title>Fichier TEI obtenu</title></titleStmt></fileDesc>
  <profileDesc><particDesc><listPerson>
    <person age="40"><altGrp><alt type="spk1"/></altGrp><persName>LD386</persName></person>
    <person><altGrp><alt type="spk2"/></altGrp></person>
  </listPerson></particDesc>
  <creation><date>1969</date></creation></profileDesc></teiHeader>
<text xml:lang="fr"><body><div><head><note type="start">#T0</note></head>
  <annotationBlock who="spk1" xml:id="au0"><u><seg/><anchor synch="#T2"/><seg>et prendre de l' omelette </seg></u></annotationBlock>
  <annotationBlock who="#spk2" xml:id="au1"><u><seg><incident type="pronounce"><desc>pi</desc></incident></seg></u></annotationBlock>
  <annotationBlock who="spk2" xml:id="au2"><u><seg>oui </seg></u><u><seg>bon</seg></u></annotationBlock>
</div></body></text></TEI>)";
    Extraction ex = extract(xml, "tei/ESLO1_ENT_012.xml");
    REQUIRE(ex.ok);
    const Record& rec = ex.record;
    CHECK(rec.id == "eslo1-ent-012");
    CHECK(rec.title == "Fichier TEI obtenu");
    CHECK(rec.lang == "fr");
    CHECK(rec.date == "1969");
    REQUIRE(rec.participants.size() == 2);
    CHECK(rec.participants[1].id == "spk2");
    CHECK(rec.participants[1].name == "spk2");  // no persName: the id
    REQUIRE(rec.units.size() == 3);
    CHECK(rec.units[0].anchor == "au0");
    CHECK(rec.units[0].speaker == "LD386");
    CHECK(rec.units[0].label == "LD386");
    CHECK(rec.units[0].text == "et prendre de l' omelette");
    // Two u in one block: the second gets a generated anchor.
    CHECK(rec.units[1].anchor == "au2");
    CHECK(rec.units[1].speaker == "spk2");
    CHECK(rec.units[2].anchor == "u_4");
    CHECK(rec.units[2].text == "bon");
}

TEST_CASE("TEI without title, language or date", "[tei]") {
    Extraction ex =
        extract(R"(<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body/></text></TEI>)", "x/Bare.xml");
    REQUIRE(ex.ok);
    CHECK(ex.record.id == "bare");
    CHECK(ex.record.title == "bare");
    CHECK(ex.record.lang.empty());
    CHECK(ex.record.date.empty());
    CHECK_FALSE(ex.record.demo);
    CHECK(ex.record.units.empty());
}

TEST_CASE("a generated utterance anchor never repeats an earlier one", "[tei]") {
    // Regression: <u xml:id="u_2"> then an id-less utterance at position 2
    // gave two units "u_2".
    const char* xml = R"(<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="ent-x"><teiHeader><fileDesc><titleStmt>
<title>Essai</title></titleStmt></fileDesc></teiHeader><text><body>
<u xml:id="u_2" who="#a">Premier tour.</u><u who="#a">Deuxième tour.</u><u who="#a">Troisième tour.</u>
</body></text></TEI>)";
    coopdec::Extraction ex = coopdec::extract(xml, "x.xml");
    REQUIRE(ex.ok);
    std::vector<std::string> anchors;
    for (const auto& u : ex.record.units) anchors.push_back(u.anchor);
    CHECK(anchors == std::vector<std::string>{"u_2", "u_2_2", "u_3"});
    // The stylesheet anchors the page the same way.
    coopdec::RenderResult page = coopdec::render_html(xml, "x.xml", "tei");
    REQUIRE(page.ok);
    for (const auto& a : anchors) CHECK(page.html.find("id=\"" + a + "\"") != std::string::npos);
}
