// @brief Inline documents of render_test.cc: one small document per format,
// each exercising what its stylesheet must show (their pages are the golden
// files of tests/golden/).
#pragma once

namespace coopdec::fixtures {

// An act: title > chapters > articles, internal refs (to an article, to a
// chapter, to nothing), an external ref, an authorial note, an amendment
// quoting an article that carries an eId of its own, an article without
// eId (anchor "article_1"), paragraphs and points.
inline constexpr const char* kAknAct = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act name="loi">
    <meta>
      <identification source="#coopdec">
        <FRBRWork>
          <FRBRthis value="/akn/tg/act/loi/2020-01-15/2020-001/!main"/>
          <FRBRuri value="/akn/tg/act/loi/2020-01-15/2020-001"/>
          <FRBRdate date="2020-01-15" name="loi"/>
          <FRBRauthor href="#an"/>
          <FRBRcountry value="tg"/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRthis value="/akn/tg/act/loi/2020-01-15/2020-001/fra@/!main"/>
          <FRBRuri value="/akn/tg/act/loi/2020-01-15/2020-001/fra@"/>
          <FRBRdate date="2020-01-15" name="loi"/>
          <FRBRauthor href="#an"/>
          <FRBRlanguage language="fra"/>
        </FRBRExpression>
      </identification>
      <proprietary source="#coopdec">
        <cd:demonstration xmlns:cd="urn:x-coopdec:corpus:1">Texte inventé pour les tests.</cd:demonstration>
      </proprietary>
    </meta>
    <preface>
      <longTitle>
        <p>Loi n° 2020-001 relative aux essais, modifiant la <ref href="/akn/tg/act/loi/2019-06-26/2019-006">loi n° 2019-006</ref></p>
      </longTitle>
    </preface>
    <body>
      <title eId="tit_1">
        <num>Titre 1</num>
        <heading>Dispositions générales</heading>
        <chapter eId="tit_1__chp_1">
          <num>Chapitre 1</num>
          <heading>Principes</heading>
          <article eId="art_1">
            <num>Article 1</num>
            <heading>Objet</heading>
            <content>
              <p>La présente loi s’applique aux <i>essais</i>.<authorialNote marker="1"><p>Note de l’auteur.</p></authorialNote></p>
            </content>
          </article>
          <article eId="art_2">
            <num>Article 2</num>
            <heading>Renvois</heading>
            <content>
              <p>Voir l’<ref href="#art_1">article 1</ref> et le <ref href="#tit_1__chp_2">chapitre 2</ref>.</p>
            </content>
          </article>
        </chapter>
        <chapter eId="tit_1__chp_2">
          <num>Chapitre 2</num>
          <heading>Modifications</heading>
          <article eId="art_3">
            <num>Article 3</num>
            <content>
              <p>L’article 9 de la loi n° 2019-006 est ainsi rédigé : <mod><quotedStructure><article eId="art_9"><num>Article 9</num><content><p>Nouveau texte.</p></content></article></quotedStructure></mod></p>
            </content>
          </article>
          <article>
            <num>Article 4</num>
            <heading>Sans identifiant</heading>
            <paragraph>
              <num>1.</num>
              <content><p>Premier alinéa.</p></content>
            </paragraph>
            <paragraph>
              <num>2.</num>
              <list>
                <intro><p>Les points :</p></intro>
                <point><num>a)</num><content><p>un ;</p></content></point>
                <point><num>b)</num><content><p>deux.</p></content></point>
              </list>
            </paragraph>
          </article>
          <article eId="art_5">
            <num>Article 5</num>
            <heading>Entrée en vigueur</heading>
            <content><p>Dès sa publication.</p></content>
          </article>
          <article eId="art_6">
            <num>Article 6</num>
            <content><p>Voir <ref href="#inexistant">ailleurs</ref>.</p></content>
          </article>
        </chapter>
      </title>
    </body>
  </act>
</akomaNtoso>
)xml";

// Four utterances: one with its own id, one anchored by its annotationBlock,
// one silent (a pause only: no unit, but it counts for N), one anchored
// "u_4"; a pause, incidents and notes, inside and between utterances.
inline constexpr const char* kTei = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="ent-essai-2024" xml:lang="fr">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Entretien d’essai à Tsévié</title></titleStmt>
      <publicationStmt><p>Non publié.</p></publicationStmt>
      <notesStmt><note type="demonstration">Entretien inventé pour les tests.</note></notesStmt>
      <sourceDesc><p>Aucune source.</p></sourceDesc>
    </fileDesc>
    <profileDesc>
      <textClass>
        <keywords scheme="coopdec:partenariat"><term key="part-zio-1-parthenay">Zio 1 – Parthenay</term></keywords>
        <keywords scheme="coopdec:theme"><term>santé</term><term>éducation</term></keywords>
      </textClass>
      <particDesc>
        <listPerson>
          <person xml:id="m" role="maire"><persName>A. B.</persName><affiliation key="zio-1">Commune de Zio 1</affiliation></person>
          <person xml:id="ch" role="chercheur"><persName>C. D.</persName></person>
        </listPerson>
      </particDesc>
      <settingDesc>
        <setting><placeName key="zio-1">Mairie de Tsévié</placeName><date when="2024-03-01">1er mars 2024</date></setting>
      </settingDesc>
    </profileDesc>
  </teiHeader>
  <text>
    <body>
      <u who="#ch" xml:id="q1">Bonjour. <pause/> Pouvez-vous vous présenter ?</u>
      <annotationBlock who="#m" xml:id="ab2"><u>Je suis maire <incident><desc>rires</desc></incident> depuis 2019.<note>Hésitation.</note></u></annotationBlock>
      <incident><desc>Une porte claque.</desc></incident>
      <u who="#ch"><pause/></u>
      <u who="#m">Merci &amp; au revoir.</u>
      <note>Fin de l’enregistrement.</note>
    </body>
  </text>
</TEI>
)xml";

inline constexpr const char* kConvention = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<convention xmlns="urn:x-coopdec:corpus:1" id="conv-essai-2003" xml:lang="fr" demo="oui">
  <titre>Convention de coopération entre Tsévié et Parthenay</titre>
  <avertissement>Texte rédigé pour la démonstration : ce n'est pas le texte d'une convention réelle.</avertissement>
  <partenariats><partenariat ref="part-zio-1-parthenay"/><partenariat ref="part-demo-essai"/></partenariats>
  <date>2003-06-01</date>
  <lieu>Parthenay</lieu>
  <themes><theme>santé</theme><theme>éducation</theme></themes>
  <signataires>
    <signataire role="maire" collectivite="Zio 1">Le Maire de Tsévié</signataire>
    <signataire role="president-delegation-speciale">Le Président de la délégation spéciale</signataire>
    <signataire>Le témoin</signataire>
  </signataires>
  <sources><source href="https://example.org/convention?a=1&amp;b=2">Archives &lt;municipales&gt;</source></sources>
  <preambule>
    <p>Vu la loi n° 2007-011 du 13 mars 2007 ;</p>
    <p>Considérant l’amitié entre les deux villes ;</p>
  </preambule>
  <clause id="art_1" num="Article 1">
    <titre>Objet</titre>
    <p>La présente convention a pour objet la coopération.</p>
  </clause>
  <clause id="art_2" num="Article 2">
    <titre>Comité de suivi</titre>
    <p>Un comité de suivi est institué.</p>
    <p>Il se réunit chaque année.</p>
  </clause>
</convention>
)xml";

// Two divergences, one saying it already; an unconfirmed collectivity;
// sources with and without URL (and one that is not http).
inline constexpr const char* kPartenariat = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<partenariat xmlns="urn:x-coopdec:corpus:1" id="part-essai" xml:lang="fr" demo="non">
  <titre>Jumelage Essai 1 – Ville d’essai</titre>
  <collectivites>
    <collectivite commune="zio-1">Tsévié</collectivite>
    <collectivite verifie="non">Canton d’essai</collectivite>
  </collectivites>
  <partenaire niveau="intercommunalite" pays="FR">Communauté de communes d’essai</partenaire>
  <nature>cooperation</nature>
  <periode debut="1993" fin="2013"/>
  <statut>arrete</statut>
  <themes><theme>eau et assainissement</theme></themes>
  <divergence>Les sources divergent sur la date : 1993 ou 2003.</divergence>
  <divergence>La fin du partenariat est datée de 2013 par une seule source.</divergence>
  <description>
    <p>Partenariat d’essai.</p>
  </description>
  <sources>
    <source>Étude ProDeGoL, tableau 1</source>
    <source href="https://example.org/jumelage">Article de presse</source>
    <source href="javascript:alert(1)">Lien douteux</source>
  </sources>
</partenariat>
)xml";

// Nested sections with footnotes.
inline constexpr const char* kEtude = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<etude xmlns="urn:x-coopdec:corpus:1" id="etude-essai" xml:lang="fr" demo="non">
  <titre>Étude d’essai</titre>
  <auteur>Équipe A</auteur>
  <auteur>Équipe B</auteur>
  <date>2020-11</date>
  <partenariats><partenariat ref="part-essai"/></partenariats>
  <sources><source>Rapport d’essai</source></sources>
  <section id="sec_1" num="1">
    <titre>Contexte</titre>
    <p>Premier paragraphe.</p>
    <note n="1">Voir la section 1.1.</note>
    <section id="sec_1_1" num="1.1">
      <titre>Détails</titre>
      <p>Un détail.</p>
    </section>
  </section>
  <section id="sec_2">
    <titre>Conclusion</titre>
    <p>Fin.</p>
  </section>
</etude>
)xml";

// A study whose paragraph refers to an entity `s` (its declaration is
// prepended by the tests).
inline constexpr const char* kEtudeWithEntity =
    R"xml(<etude xmlns="urn:x-coopdec:corpus:1" id="etude-essai" xml:lang="fr" demo="non">
  <titre>Étude d’essai</titre>
  <auteur>Équipe A</auteur>
  <sources><source>Rapport d’essai</source></sources>
  <section id="sec_1"><titre>Contexte</titre><p>Avant &s; après</p></section>
</etude>
)xml";

// The extractor's anchor rule at its corners (extract_akn.cc), with the
// "an:" prefix: a preamble; nested blocks (the outermost is the unit); a
// block holding the id a generated article anchor would take; a block
// holding articles (they are the units); generated anchors colliding with
// that id and with a later explicit one ("article_1_2", "article_1_2_2");
// amended wording (not a unit); an attachment whose empty preamble still
// takes "preambule_2", whose generated anchor continues the file-wide
// count, and whose id taken in the main document is qualified by the
// attachment's id; an attachment with no structure ("texte_1").
inline constexpr const char* kAknCorners = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<an:akomaNtoso xmlns:an="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <an:doc name="recueil">
    <an:meta/>
    <an:preamble><an:p>Préambule du recueil.</an:p></an:preamble>
    <an:mainBody>
      <an:paragraph>
        <an:num>1</an:num>
        <an:p>Premier bloc.</an:p>
        <an:paragraph><an:num>1.1</an:num><an:p>Bloc dans le bloc.</an:p></an:paragraph>
      </an:paragraph>
      <an:paragraph eId="article_1"><an:p>Un bloc qui porte l’identifiant qu’aurait un article.</an:p></an:paragraph>
      <an:tblock>
        <an:heading>Bloc d’articles</an:heading>
        <an:article><an:num>Article A</an:num><an:content><an:p>Premier article sans identifiant.</an:p></an:content></an:article>
        <an:article><an:num>Article B</an:num><an:content><an:p>Second article sans identifiant.</an:p></an:content></an:article>
      </an:tblock>
      <an:article eId="article_1_2">
        <an:num>Article C</an:num>
        <an:content><an:p>Il est ajouté : <an:mod><an:quotedStructure><an:article eId="art_x"><an:num>Article X</an:num><an:content><an:p>Texte cité.</an:p></an:content></an:article></an:quotedStructure></an:mod></an:p></an:content>
      </an:article>
    </an:mainBody>
    <an:attachments>
      <an:attachment eId="att_1">
        <an:doc name="annexe">
          <an:meta/>
          <an:preamble/>
          <an:mainBody>
            <an:article><an:num>1</an:num><an:content><an:p>Article de l’annexe.</an:p></an:content></an:article>
            <an:article eId="article_1"><an:num>2</an:num><an:content><an:p>Identifiant déjà pris dans le recueil.</an:p></an:content></an:article>
          </an:mainBody>
        </an:doc>
      </an:attachment>
      <an:attachment>
        <an:doc name="annexe sans structure">
          <an:mainBody><an:p>Un texte sans article ni bloc.</an:p></an:mainBody>
        </an:doc>
      </an:attachment>
    </an:attachments>
  </an:doc>
</an:akomaNtoso>
)xml";

// The same for TEI (extract_tei.cc): a repeated id falls back to u_N, so
// does an id that u_N already took; an annotationBlock's id; a silent
// utterance that still counts for N.
inline constexpr const char* kTeiCorners = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Cas limites</title></titleStmt></fileDesc></teiHeader>
  <text>
    <body>
      <u xml:id="a" who="#x">Un.</u>
      <u xml:id="a" who="#x">Deux.</u>
      <u xml:id="u_2" who="#x">Trois.</u>
      <annotationBlock xml:id="b" who="#y"><u>Quatre.</u></annotationBlock>
      <u who="#y"><incident><desc>silence</desc></incident></u>
      <div><u who="#y">Six.</u></div>
    </body>
  </text>
</TEI>
)xml";

}  // namespace coopdec::fixtures
