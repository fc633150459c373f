// @brief Tests of coopdec-import's document writers (import/write_document.h):
// the study of the seed against its corpus file, one document of each type
// validated (schema, extractor, corpus/check.sh), footnotes, refusals, escaping.
#include "import/write_document.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <functional>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "import/model.h"
#include "indexer/extract.h"
#include "indexer/schema_check.h"
#include "tests/import_texts.h"
#include "tests/test_util.h"

using namespace coopdec;
using namespace coopdec::import;
using coopdec::test::has_message;
using coopdec::test::kAgreementText;
using coopdec::test::kLawText;
using coopdec::test::kTranscriptText;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// ---- The study of the seed ----

// The lead's repair module, done by hand: each mis-decoded character of the
// seed, what it stands for, and where it is genuine and must stay.
struct Fix {
    const char* from;
    const char* to;
    const char* genuine;  // a context where `from` is right, or nullptr
};
const Fix kSeedFixes[] = {
    {"ô", "’", "Tône"},                           // apostrophe, except « Tône 1 »
    {"®", "é", nullptr},                          //
    {"¨", "à", nullptr},                          //
    {"¯", "è", nullptr},                          //
    {"°", "ê", "N°"},                             // except « N° »
    {"î", "œ", nullptr},                          // « îuvre » → « œuvre »
    {"£", "É", nullptr},                          // « £conomique »
    {"savoir-faireé", "savoir-faire…", nullptr},  // « é » standing for an ellipsis
};

void replace_all(std::string& s, const std::string& from, const std::string& to) {
    for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
        s.replace(pos, from.size(), to);
}

// The seed is shared by the team outside the repository (shared/seed/README.md).

std::string repaired_seed() {
    std::string text = read_file(test::seed_file());
    for (const Fix& f : kSeedFixes) {
        const std::string guard = "\x01";
        if (f.genuine) replace_all(text, f.genuine, guard);
        replace_all(text, f.from, f.to);
        if (f.genuine) replace_all(text, guard, f.genuine);
    }
    return text;
}

pugi::xml_node child(const pugi::xml_node& n, const char* name) { return n.child(name); }

// Every section (id, num, titre) and its p and note children, in order.
void sections_of(const pugi::xml_node& parent, std::vector<std::string>& out) {
    for (pugi::xml_node s : parent.children("section")) {
        out.push_back(std::string("section ") + s.attribute("id").value() + " num=" + s.attribute("num").value() +
                      " titre=" + child(s, "titre").text().get());
        for (pugi::xml_node c : s.children()) {
            std::string name = c.name();
            if (name == "p") out.push_back(std::string("  p: ") + c.text().get());
            if (name == "note")
                out.push_back(std::string("  note ") + c.attribute("n").value() + ": " + c.text().get());
        }
        sections_of(s, out);
        out.push_back("end " + std::string(s.attribute("id").value()));
    }
}

std::vector<std::string> sections_of(const std::string& xml) {
    pugi::xml_document doc;
    REQUIRE(doc.load_string(xml.c_str()));
    std::vector<std::string> out;
    sections_of(doc.document_element(), out);
    return out;
}

Metadata study_meta() {
    Metadata m;
    m.type = DocType::etude;
    m.id = "etude-prodegol-introduction-import";
    m.title = "État des lieux de la coopération décentralisée au Togo : introduction";
    m.authors = {"Programme Décentralisation et Gouvernance Locale (ProDeGoL), GIZ"};
    m.partnerships = {"part-ogou-1-niort"};
    m.communes = {"tone-1", "zio-1"};
    m.themes = {"gouvernance locale"};
    m.date = "2020";
    m.source = "Étude ProDeGoL, texte extrait du PDF (test).";
    return m;
}

// ---- One small document of each type ----

Metadata agreement_meta() {
    Metadata m;
    m.type = DocType::convention;
    m.id = "conv-tone-1-issy-import";
    m.title = "Convention de jumelage Tône 1 – Issy-les-Moulineaux";
    m.date = "2016-05-12";
    m.place = "Dapaong";
    m.partnerships = {"part-tone-1-issy-les-moulineaux"};
    m.themes = {"eau et assainissement"};
    m.source = "Texte dactylographié (test).";
    return m;
}

Metadata law_meta() {
    Metadata m;
    m.type = DocType::loi;
    m.id = "loi-2030-001";
    m.title = "Loi n° 2030-001 du 2 janvier 2030 relative aux exemples";
    m.date = "2030-01-02";
    m.law_number = "2030-001";
    m.themes = {"gouvernance locale"};
    m.source = "Texte saisi pour le test.";
    return m;
}

Metadata transcript_meta() {
    Metadata m;
    m.type = DocType::entretien;
    m.id = "ent-tone-1-import";
    m.title = "Entretien à la mairie de Tône 1";
    m.date = "2024-02-10";
    m.communes = {"tone-1"};
    m.partnerships = {"part-tone-1-issy-les-moulineaux"};
    m.themes = {"eau et assainissement"};
    m.source = "Enregistrement transcrit (test).";
    return m;
}

// The document is accepted by the indexer's extractor (and, for the
// project's formats, valid against corpus/schema/<root>.rng).
void require_valid(const std::string& xml, const std::string& name, const std::string& schema_root = "") {
    Extraction ex = extract(xml, name);
    std::vector<std::string> errors;
    for (const Diagnostic& d : ex.errors) errors.push_back(d.str());
    INFO(xml);
    CHECK(errors.empty());
    CHECK(ex.ok);
    if (!schema_root.empty()) {
        std::vector<std::string> invalid;
        for (const Diagnostic& d : check_schema(xml, name, schema_root)) invalid.push_back(d.str());
        CHECK(invalid.empty());
    }
}

template <typename F>
std::string refusal(F f) {
    try {
        f();
    } catch (const ImportError& e) {
        return e.what();
    }
    return "(no ImportError)";
}

}  // namespace

TEST_CASE("import: the seed study gives the sections, paragraphs and notes of the corpus file", "[import][structure]") {
    BuildOptions options;
    options.note_calls = {"2019-0061", "françaises2"};
    options.header_comment = "Produit par coopdec-import (test).";
    BuiltDocument built = build_document(study_meta(), repaired_seed(), options);
    std::string committed = read_file(test::source_dir() + "/corpus/etudes/etude-prodegol-introduction.xml");
    CHECK(sections_of(built.xml) == sections_of(committed));
    REQUIRE_FALSE(built.messages.empty());
    CHECK(built.messages[0] == "2 sections, 14 paragraphes, 2 notes");
    require_valid(built.xml, "corpus/etudes/etude-prodegol-introduction-import.xml", "etude");
}

// ---- One document of each type ----

TEST_CASE("import: an agreement with « Article premier : Objet »", "[import][structure]") {
    BuiltDocument built = build_document(agreement_meta(), kAgreementText, BuildOptions{});
    require_valid(built.xml, "corpus/conventions/conv-tone-1-issy-import.xml", "convention");
    pugi::xml_document doc;
    REQUIRE(doc.load_string(built.xml.c_str()));
    pugi::xml_node root = doc.document_element();
    CHECK(std::string(root.attribute("demo").value()) == "non");
    std::vector<std::string> clauses;
    for (pugi::xml_node c : root.children("clause")) {
        std::string line = std::string(c.attribute("id").value()) + " | " + c.attribute("num").value() + " | " +
                           c.child("titre").text().get();
        for (pugi::xml_node p : c.children("p")) line += " | " + std::string(p.text().get());
        clauses.push_back(line);
    }
    CHECK(clauses ==
          std::vector<std::string>{
              "art_1 | Article 1 | Objet | La présente convention a pour objet de définir les modalités de la "
              "coopération entre les deux collectivités.",
              "art_2 | Article 2 | Domaines de coopération | Les domaines retenus sont l’eau potable, "
              "l’assainissement et la gestion des déchets. Chaque année, un programme est arrêté. | Le comité de "
              "suivi se réunit une fois par an.",
              "art_3 | Article 3 | Durée | La convention est conclue pour cinq ans.",
          });
    std::vector<std::string> preamble;
    for (pugi::xml_node p : root.child("preambule").children("p")) preamble.push_back(p.text().get());
    CHECK(preamble == std::vector<std::string>{
                          "Convention de jumelage entre la commune de Tône 1 et la ville d’Issy-les-Moulineaux.",
                          "Vu la loi n° 2019-006 du 26 juin 2019 ; Les parties sont convenues de ce qui suit :",
                      });
    CHECK(built.messages[0] == "3 articles, 6 paragraphes (préambule compris)");
    CHECK(has_message(built.messages,
                      "ligne 6 : « Titre I – DISPOSITIONS GÉNÉRALES » ignoré (une convention n’a "
                      "pas de titre)"));
}

TEST_CASE("import: a law text with TITRE, CHAPITRE and Article in Akoma Ntoso", "[import][structure]") {
    BuildOptions options;
    options.made_on = "2030-02-01";
    BuiltDocument built = build_document(law_meta(), kLawText, options);
    require_valid(built.xml, "corpus/lois/loi-2030-001.xml");
    Extraction ex = extract(built.xml, "corpus/lois/loi-2030-001.xml");
    CHECK(ex.record.id == "akn-tg-act-loi-2030-01-02-2030-001");
    CHECK(ex.record.title == "Loi n° 2030-001 du 2 janvier 2030 relative aux exemples");
    CHECK_FALSE(ex.record.demo);
    CHECK(ex.record.date == "2030-01-02");
    CHECK(ex.record.themes == std::vector<std::string>{"gouvernance locale"});
    std::vector<std::string> units;
    for (const Unit& u : ex.record.units) units.push_back(u.anchor + " | " + u.path + " | " + u.text);
    CHECK(units ==
          std::vector<std::string>{
              "preambule_1 | Préambule | Loi n° 2030-001 du 2 janvier 2030 relative aux exemples L’Assemblée "
              "nationale a délibéré et adopté ; Le Président de la République promulgue la loi dont la teneur suit :",
              "art_1 | Titre I DISPOSITIONS GÉNÉRALES > Chapitre 1er Des principes > Article 1er | Article 1er Objet "
              "La présente loi fixe les règles de l’exemple.",
              "art_2 | Titre I DISPOSITIONS GÉNÉRALES > Chapitre 1er Des principes > Article 2 | Article 2 Les "
              "collectivités territoriales sont la commune et la région.",
              "art_3 | Titre I DISPOSITIONS GÉNÉRALES > Chapitre II DE LA COOPÉRATION > Article 3 | Article 3 "
              "Coopération décentralisée Les collectivités peuvent coopérer avec des collectivités étrangères.",
              "art_4 | Titre II DISPOSITIONS FINALES > Article 4 | Article 4 La présente loi sera exécutée comme loi "
              "de l’État.",
          });
    pugi::xml_document doc;
    REQUIRE(doc.load_string(built.xml.c_str()));
    std::vector<std::string> eids;
    for (pugi::xpath_node n : doc.select_nodes("//*[@eId]")) eids.push_back(n.node().attribute("eId").value());
    CHECK(eids == std::vector<std::string>{"coopdec", "assemblee-nationale", "longTitle_1", "title_1", "title_1__chp_1",
                                           "art_1", "art_2", "title_1__chp_2", "art_3", "title_2", "art_4"});
    CHECK(std::string(doc.select_node("//FRBRManifestation/FRBRdate").node().attribute("date").value()) ==
          "2030-02-01");
    CHECK(built.messages[0] ==
          "4 articles dans 4 divisions (titres, chapitres, sections), 5 paragraphes "
          "(préambule compris)");
}

TEST_CASE("import: a transcript with « Q : / R : » and « Mme A. : » in TEI", "[import][structure]") {
    BuiltDocument built =
        build_document(transcript_meta(), std::string(kTranscriptText) + "Mme A. : Merci.\n", BuildOptions{});
    require_valid(built.xml, "corpus/entretiens/ent-tone-1-import.xml");
    Extraction ex = extract(built.xml, "corpus/entretiens/ent-tone-1-import.xml");
    const Record& rec = ex.record;
    CHECK(rec.id == "ent-tone-1-import");
    CHECK_FALSE(rec.demo);
    CHECK(rec.date == "2024-02-10");
    CHECK(rec.communes == std::vector<std::string>{"tone-1"});
    CHECK(rec.partnerships == std::vector<std::string>{"part-tone-1-issy-les-moulineaux"});
    std::vector<std::string> units;
    for (const Unit& u : rec.units) units.push_back(u.anchor + " | " + u.label + " | " + u.text);
    CHECK(units == std::vector<std::string>{
                       "u_1 | Enquêteur (chercheur) | Pouvez-vous présenter le jumelage ?",
                       "u_2 | Répondant (autre) | Il date de 1989. Il a commencé par des échanges entre écoles.",
                       "u_3 | Enquêteur (chercheur) | Et aujourd’hui ?",
                       "u_4 | Mme K. A. (autre) | Nous travaillons sur l’eau potable.",
                       "u_5 | Le maire (maire) | Je confirme : l’eau est la priorité.",
                       "u_6 | Mme A. (autre) | Merci.",
                   });
    CHECK(built.messages[0] ==
          "6 répliques, 5 intervenants : Enquêteur (chercheur), Répondant (autre), Mme K. A. (autre), "
          "Le maire (maire), Mme A. (autre)");
    pugi::xml_document doc;
    REQUIRE(doc.load_string(built.xml.c_str()));
    CHECK(std::string(doc.select_node("//body/note[@type='preambule']").node().text().get()) ==
          "Entretien réalisé à la mairie de Tône 1.");
}

TEST_CASE("import: « Question 1 », « Q2 » and « Réponse » are the interviewer and the respondent",
          "[import][structure]") {
    BuiltDocument built =
        build_document(transcript_meta(), "Question 1 : Bonjour ?\nRéponse : Oui.\nQ2 : Et ?\n", BuildOptions{});
    require_valid(built.xml, "corpus/entretiens/ent-tone-1-import.xml");
    CHECK(built.messages[0] == "3 répliques, 2 intervenants : Enquêteur (chercheur), Répondant (autre)");
}

TEST_CASE("import: the documents of each type pass corpus/check.sh in a copy of the corpus", "[import][structure]") {
    test::TempDir dir;
    int status = 0;
    test::run_command("cp -r '" + test::source_dir() + "/corpus/.' '" + dir.path() + "'", status);
    REQUIRE(status == 0);
    BuildOptions options;
    options.note_calls = {"2019-0061", "françaises2"};
    dir.write("etudes/etude-prodegol-introduction-import.xml",
              build_document(study_meta(), repaired_seed(), options).xml);
    dir.write("conventions/conv-tone-1-issy-import.xml",
              build_document(agreement_meta(), kAgreementText, BuildOptions{}).xml);
    dir.write("lois/loi-2030-001.xml", build_document(law_meta(), kLawText, BuildOptions{}).xml);
    dir.write("entretiens/ent-tone-1-import.xml",
              build_document(transcript_meta(), kTranscriptText, BuildOptions{}).xml);
    std::string output = test::run_command("bash '" + dir.path() + "/check.sh' '" + dir.path() + "' 2>&1", status);
    INFO(output);
    CHECK(status == 0);
}

TEST_CASE("import: footnotes in a law are authorial notes, in an agreement paragraphs", "[import][structure]") {
    const char* text =
        "Article 1er : Objet\n"
        "La présente loi1 s’applique.\n"
        "Article 2\n"
        "Le texte.\n"
        "1 Voir le décret.\n";
    BuildOptions options;
    options.note_calls = {"loi1"};
    BuiltDocument law = build_document(law_meta(), text, options);
    require_valid(law.xml, "corpus/lois/loi-2030-001.xml");
    pugi::xml_document doc;
    REQUIRE(doc.load_string(law.xml.c_str()));
    pugi::xml_node p = doc.select_node("//article[@eId='art_1']/content/p").node();
    CHECK(std::string(p.first_child().value()) == "La présente loi s’applique.");
    CHECK(std::string(p.child("authorialNote").attribute("marker").value()) == "1");
    CHECK(std::string(p.child("authorialNote").child("p").text().get()) == "Voir le décret.");

    BuiltDocument agreement = build_document(agreement_meta(), text, options);
    require_valid(agreement.xml, "corpus/conventions/conv-tone-1-issy-import.xml", "convention");
    REQUIRE(doc.load_string(agreement.xml.c_str()));
    std::vector<std::string> texts;
    for (pugi::xml_node n : doc.document_element().child("clause").children("p")) texts.push_back(n.text().get());
    CHECK(texts == std::vector<std::string>{"La présente loi s’applique.", "Note 1 : Voir le décret."});
    CHECK(has_message(agreement.messages,
                      "les notes sont écrites comme paragraphes « Note N : … » (une convention n’a pas de notes)"));
}

// ---- Refusals and escaping ----

TEST_CASE("import: refusals say why in French", "[import][structure]") {
    Metadata law = law_meta();
    CHECK(refusal([&] { build_document(law, "Loi sans article.\nLe texte suit.\n", BuildOptions{}); }) ==
          "aucun article reconnu : le texte doit avoir des titres d’article en début de ligne (« Article 1 », "
          "« Article premier : Objet », « ARTICLE 2 : »…)");
    CHECK(refusal([&] { build_document(transcript_meta(), "Un récit sans répliques.\n", BuildOptions{}); }) ==
          "aucun tour de parole reconnu : chaque réplique doit commencer par « Q : », « R : » ou le nom de "
          "l’intervenant suivi de « : » (« Mme K. A. : »)");
    BuildOptions unknown;
    unknown.note_calls = {"inconnu3"};
    CHECK(refusal([&] { build_document(study_meta(), "Un texte.\n1 Une note.\n", unknown); }) ==
          "appel de note « inconnu3 » introuvable dans le texte");
    unknown.note_calls = {"texte"};
    CHECK(refusal([&] { build_document(study_meta(), "Un texte.\n", unknown); }) ==
          "appel de note « texte » : le mot ne se termine pas par un numéro de note");
    unknown.note_calls = {"texte4"};
    CHECK(refusal([&] { build_document(study_meta(), "Un texte4.\nSuite.\n1 Une note.\n", unknown); }) ==
          "appel de note « texte4 » (ligne 1) : aucune note de bas de page numérotée 4 n’est disponible");
    CHECK(refusal([&] { build_document(study_meta(), " \n\f\n", BuildOptions{}); }) ==
          "texte vide : ni titre ni paragraphe à écrire");
    Metadata no_author = study_meta();
    no_author.authors.clear();
    CHECK(refusal([&] { build_document(no_author, "Texte.\n", BuildOptions{}); }) == "étude : auteur manquant");
    law.date = "2030";
    CHECK(refusal([&] { build_document(law, kLawText, BuildOptions{}); }) ==
          "loi : date « 2030 » invalide (attendu AAAA-MM-JJ)");
    CHECK(refusal([&] {
              build_document(agreement_meta(), "Préambule.\nArticle 1\nArticle 2 : Objet\n", BuildOptions{});
          }) == "« Article 1 » (ligne 2) n’a pas de texte : une clause de convention doit en avoir un");
}

TEST_CASE("import: less-than, ampersand, quotes, CDATA end and control characters survive the XML",
          "[import][structure]") {
    const std::string nasty = "Si a < b & c > d, « \"x\" » ]]> reste du texte.";
    Metadata m = study_meta();
    m.title = "Titre <avec> & \"guillemets\"\x02";
    BuildOptions options;
    options.header_comment = "commentaire -- avec tirets -";
    BuiltDocument built = build_document(m, "INTRODUCTION\n" + nasty + "\x01\n", options);
    require_valid(built.xml, "corpus/etudes/etude-prodegol-introduction-import.xml", "etude");
    pugi::xml_document doc;
    REQUIRE(doc.load_string(built.xml.c_str(), pugi::parse_default | pugi::parse_comments));
    CHECK(std::string(doc.document_element().child("titre").text().get()) == "Titre <avec> & \"guillemets\"");
    CHECK(std::string(doc.document_element().child("section").child("p").text().get()) == nasty);
    CHECK(built.xml.back() == '\n');

    BuiltDocument turn = build_document(transcript_meta(), "Q : " + nasty + "\n", BuildOptions{});
    pugi::xml_document tei;
    REQUIRE(tei.load_string(turn.xml.c_str()));
    CHECK(std::string(tei.select_node("//u").node().text().get()) == nasty);
}
