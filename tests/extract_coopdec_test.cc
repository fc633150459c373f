// @brief Tests of the project-format extractor (repertoire, partenariat,
// convention, etude) and of the RelaxNG schema check.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "indexer/extract.h"
#include "indexer/schema_check.h"

using namespace coopdec;

namespace {

const char* const kConvention =
    R"(<convention xmlns="urn:x-coopdec:corpus:1" id="conv-ogou-1-niort-1986" xml:lang="fr" demo="oui">
  <titre>Convention de jumelage entre Atakpamé et Niort</titre>
  <avertissement>Texte rédigé pour la démonstration.</avertissement>
  <partenariats><partenariat ref="part-ogou-1-niort"/></partenariats>
  <date>1986-05-12</date>
  <lieu>Niort</lieu>
  <themes><theme>eau et assainissement</theme></themes>
  <signataires><signataire role="maire" collectivite="Ogou 1">Kossi A.</signataire><signataire>Jean B.</signataire></signataires>
  <sources><source href="https://example.org/archives">Archives municipales</source></sources>
  <preambule><p>Considérant l'amitié</p><p>entre les deux villes,</p></preambule>
  <clause id="art_1" num="Article 1"><titre>Objet</titre><p>La présente convention</p><p>fixe le cadre.</p></clause>
  <clause id="art_2" num="Article 2"><titre>Durée</titre><p>Illimitée.</p></clause>
</convention>)";

const char* const kPartenariat =
    R"(<partenariat xmlns="urn:x-coopdec:corpus:1" id="part-ogou-1-niort" xml:lang="fr" demo="non">
  <titre>Jumelage Ogou 1 (Atakpamé) – Niort</titre>
  <collectivites>
    <collectivite commune="ogou-1">Atakpamé</collectivite>
    <collectivite prefecture="anie" verifie="non">Anié</collectivite>
  </collectivites>
  <partenaire niveau="commune" pays="FR">Niort</partenaire>
  <nature>jumelage</nature>
  <periode debut="1958" fin=""/>
  <statut>actif</statut>
  <themes><theme>eau et assainissement</theme><theme>santé</theme></themes>
  <divergence>Les sources divergent sur la date.</divergence>
  <description><p>Un des plus anciens jumelages.</p></description>
  <sources><source>Étude ProDeGoL, tableau 1</source></sources>
</partenariat>)";

const char* const kEtude = R"(<etude xmlns="urn:x-coopdec:corpus:1" id="etude-intro" xml:lang="fr" demo="non">
  <titre>État des lieux</titre>
  <auteur>ProDeGoL</auteur>
  <auteur>GIZ</auteur>
  <date>2020</date>
  <communes><commune ref="zio-1"/></communes>
  <sources><source>Rapport</source></sources>
  <section id="sec_1" num="1"><titre>Contexte</titre><p>Le Togo</p><note n="1">suite.</note>
    <section id="sec_1_1" num="1.1"><titre>Décentralisation</titre><p>Depuis 2019.</p></section>
  </section>
  <section id="sec_2"><titre>Conclusion</titre><p>Fin.</p></section>
</etude>)";

const char* const kRepertoire =
    R"(<repertoire xmlns="urn:x-coopdec:corpus:1" id="repertoire-togo" xml:lang="fr" demo="non">
  <titre>Répertoire du Togo</titre>
  <region id="savanes" nom="Savanes">
    <prefecture id="tone" nom="Tône" chefLieu="Dapaong">
      <alias>Tone</alias>
      <commune id="tone-1" nom="Tône 1" prodegol="oui"><alias type="ancien-nom">Dapaong</alias><alias type="variante">Tone 1</alias></commune>
      <commune id="tone-2" nom="Tône 2" prodegol="non"/>
    </prefecture>
  </region>
</repertoire>)";

std::vector<std::string> messages(const Extraction& ex) {
    std::vector<std::string> out;
    for (const Diagnostic& d : ex.errors) out.push_back(d.str());
    return out;
}

// A fresh directory for schema files, removed at the end of the test.
struct SchemaDir {
    std::filesystem::path path;
    SchemaDir() {
        path = std::filesystem::temp_directory_path() / ("coopdec-schema-" + std::to_string(::getpid()));
        std::filesystem::create_directories(path);
    }
    ~SchemaDir() { std::filesystem::remove_all(path); }
    void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
};

}  // namespace

TEST_CASE("convention: clauses, preamble, links", "[coopdec]") {
    Extraction ex = extract(kConvention, "corpus/conventions/conv.xml");
    REQUIRE(messages(ex).empty());
    REQUIRE(ex.ok);
    const Record& rec = ex.record;
    CHECK(rec.id == "conv-ogou-1-niort-1986");
    CHECK(rec.type == "convention");
    CHECK(rec.format == "coopdec");
    CHECK(rec.title == "Convention de jumelage entre Atakpamé et Niort");
    CHECK(rec.lang == "fr");
    CHECK(rec.date == "1986-05-12");
    CHECK(rec.demo);
    CHECK(rec.demo_notice == "Texte rédigé pour la démonstration.");
    CHECK(rec.partnerships == std::vector<std::string>{"part-ogou-1-niort"});
    CHECK(rec.themes == std::vector<std::string>{"eau et assainissement"});
    CHECK(rec.place == "Niort");
    CHECK(rec.signatories == std::vector<std::string>{"Kossi A. (maire, Ogou 1)", "Jean B."});
    REQUIRE(rec.sources.size() == 1);
    CHECK(rec.sources[0].href == "https://example.org/archives");
    CHECK(rec.sources[0].text == "Archives municipales");
    CHECK(rec.summary == "Considérant l'amitié entre les deux villes,");
    REQUIRE(rec.units.size() == 2);
    CHECK(rec.units[0].anchor == "art_1");
    CHECK(rec.units[0].kind == "clause");
    CHECK(rec.units[0].label == "Article 1 – Objet");
    CHECK(rec.units[0].heading == "Objet");
    CHECK(rec.units[0].path == "Article 1");
    CHECK(rec.units[0].text == "Article 1 Objet La présente convention fixe le cadre.");
}

TEST_CASE("partenariat: collectivities, partner, period", "[coopdec]") {
    Extraction ex = extract(kPartenariat, "p.xml");
    REQUIRE(messages(ex).empty());
    const Record& rec = ex.record;
    CHECK(rec.type == "partenariat");
    CHECK_FALSE(rec.demo);
    REQUIRE(rec.collectivities.size() == 2);
    CHECK(rec.collectivities[0].name == "Atakpamé");
    CHECK(rec.collectivities[0].commune == "ogou-1");
    CHECK(rec.collectivities[0].verified);
    CHECK(rec.collectivities[1].prefecture == "anie");
    CHECK_FALSE(rec.collectivities[1].verified);
    CHECK(rec.communes == std::vector<std::string>{"ogou-1"});
    CHECK(rec.partner == "Niort");
    CHECK(rec.partner_level == "commune");
    CHECK(rec.partner_country == "FR");
    CHECK(rec.nature == "jumelage");
    CHECK(rec.start_year == "1958");
    CHECK(rec.end_year.empty());
    CHECK(rec.date == "1958");
    CHECK(rec.status == "actif");
    CHECK(rec.themes == std::vector<std::string>{"eau et assainissement", "santé"});
    CHECK(rec.divergences == std::vector<std::string>{"Les sources divergent sur la date."});
    CHECK(rec.summary == "Un des plus anciens jumelages.");
    CHECK(rec.units.empty());
}

TEST_CASE("etude: nested sections, each with its own text", "[coopdec]") {
    Extraction ex = extract(kEtude, "e.xml");
    REQUIRE(messages(ex).empty());
    const Record& rec = ex.record;
    CHECK(rec.author == "ProDeGoL; GIZ");
    CHECK(rec.date == "2020");
    CHECK(rec.communes == std::vector<std::string>{"zio-1"});
    REQUIRE(rec.units.size() == 3);
    CHECK(rec.units[0].anchor == "sec_1");
    CHECK(rec.units[0].label == "1 – Contexte");
    CHECK(rec.units[0].text == "1 Contexte Le Togo suite.");
    CHECK(rec.units[1].anchor == "sec_1_1");
    CHECK(rec.units[1].path == "1 Contexte > 1.1 Décentralisation");
    CHECK(rec.units[1].text == "1.1 Décentralisation Depuis 2019.");
    CHECK(rec.units[2].label == "Conclusion");
    CHECK(rec.units[2].path == "Conclusion");
}

TEST_CASE("repertoire: regions, prefectures, communes with parents and aliases", "[coopdec]") {
    Extraction ex = extract(kRepertoire, "r.xml");
    REQUIRE(messages(ex).empty());
    const Record& rec = ex.record;
    CHECK(rec.type == "repertoire");
    REQUIRE(rec.places.size() == 4);
    CHECK(rec.places[0].id == "savanes");
    CHECK(rec.places[0].level == "region");
    CHECK(rec.places[0].parent.empty());
    CHECK(rec.places[1].id == "tone");
    CHECK(rec.places[1].level == "prefecture");
    CHECK(rec.places[1].parent == "savanes");
    CHECK(rec.places[1].aliases == std::vector<std::string>{"Tone"});
    CHECK(rec.places[2].name == "Tône 1");
    CHECK(rec.places[2].parent == "tone");
    CHECK(rec.places[2].aliases == std::vector<std::string>{"Dapaong", "Tone 1"});
    CHECK(rec.places[3].level == "commune");
}

TEST_CASE("project formats: what the record cannot do without is refused", "[coopdec]") {
    struct Row {
        const char* name;
        const char* xml;
        std::vector<std::string> errors;
    };
    const std::vector<Row> rows = {
        {"corpus/conventions/x.xml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- sans titre -->\n"
         "<convention xmlns=\"urn:x-coopdec:corpus:1\" id=\"c\" xml:lang=\"fr\" demo=\"non\">\n"
         "  <partenariats><partenariat ref=\"p\"/></partenariats>\n"
         "  <clause id=\"a1\" num=\"Article 1\"><titre>Objet</titre><p>x</p></clause>\n</convention>",
         {"corpus/conventions/x.xml:3:1: <convention> sans <titre>"}},
        {"x.xml",
         "<convention xmlns=\"urn:x-coopdec:corpus:1\" id=\"c\" demo=\"oui\">\n  <titre>  </titre>\n"
         "  <clause num=\"Article 1\"><p>x</p></clause>\n</convention>",
         {"x.xml:2:3: <titre> vide dans <convention>", "x.xml:1:1: <convention> demo=\"oui\" sans <avertissement>",
          "x.xml:1:1: <convention> sans <partenariat ref>", "x.xml:3:3: <clause> sans attribut id"}},
        {"x.xml",
         "<convention xmlns=\"urn:x-coopdec:corpus:1\" id=\"Conv_1\" demo=\"yes\"><titre>T</titre>\n"
         "  <partenariats><partenariat/></partenariats><date>12/05/1986</date>\n"
         "  <clause id=\"art_1\" num=\"1\"><titre>A</titre></clause>\n"
         "  <clause id=\"art_1\" num=\"2\"><titre>B</titre></clause>\n</convention>",
         {"x.xml:1:1: <convention> : identifiant « Conv_1 » invalide (attendu [a-z0-9][a-z0-9-]*)",
          "x.xml:1:1: <convention> : attribut demo « yes » invalide (attendu oui ou non)",
          "x.xml:2:17: <partenariat> sans attribut ref",
          "x.xml:2:46: <date> invalide « 12/05/1986 » (attendu AAAA-MM-JJ ou AAAA)",
          "x.xml:4:3: identifiant en double « art_1 » (déjà à la ligne 3)"}},
        {"x.xml",
         "<convention xmlns=\"urn:x-coopdec:corpus:1\" demo=\"non\"><titre>T</titre>\n"
         "<partenariats><partenariat ref=\"p\"/></partenariats></convention>",
         {"x.xml:1:1: <convention> sans attribut id", "x.xml:1:1: <convention> sans <clause>"}},
        {"x.xml",
         "<partenariat xmlns=\"urn:x-coopdec:corpus:1\" id=\"p\" demo=\"non\"><titre>T</titre>\n"
         "  <collectivites><collectivite commune=\"ogou-1\"/></collectivites>\n"
         "  <partenaire niveau=\"commune\" pays=\"Fra\">Niort</partenaire>\n"
         "  <periode debut=\"19xx\"/>\n</partenariat>",
         {"x.xml:2:18: <collectivite> vide",
          "x.xml:3:3: <partenaire> : code pays « Fra » invalide (attendu ISO 3166-1 alpha-2 en majuscules, ex. FR)",
          "x.xml:4:3: <periode> : année « 19xx » invalide (attendu AAAA)"}},
        {"x.xml",
         "<partenariat xmlns=\"urn:x-coopdec:corpus:1\" id=\"p\"><titre>T</titre></partenariat>",
         {"x.xml:1:1: <partenariat> sans <collectivites>/<collectivite>",
          "x.xml:1:1: <partenariat> sans <partenaire>"}},
        {"x.xml",
         "<etude xmlns=\"urn:x-coopdec:corpus:1\" id=\"e\"><titre>T</titre>\n"
         "  <section id=\"Sec 1\" num=\"1\"><titre>A</titre></section>\n</etude>",
         {"x.xml:2:3: <section> : identifiant « Sec 1 » invalide (attendu [a-z][a-z0-9_-]*)"}},
        {"x.xml",
         "<etude xmlns=\"urn:x-coopdec:corpus:1\" id=\"e\"><titre>T</titre></etude>",
         {"x.xml:1:1: <etude> sans <section>"}},
        {"x.xml",
         "<repertoire xmlns=\"urn:x-coopdec:corpus:1\" id=\"r\"><titre>T</titre>\n"
         "  <region id=\"savanes\" nom=\"Savanes\"><prefecture id=\"tone\">\n"
         "    <commune id=\"tone\" nom=\"Tône 1\"/></prefecture></region>\n</repertoire>",
         {"x.xml:2:38: <prefecture> sans attribut nom",
          "x.xml:3:5: identifiant en double « tone » (déjà à la ligne 2)"}},
        {"x.xml",
         "<repertoire xmlns=\"urn:x-coopdec:corpus:1\" id=\"r\"><titre>T</titre></repertoire>",
         {"x.xml:1:1: <repertoire> sans <region>"}},
    };
    for (const Row& r : rows) {
        INFO(r.xml);
        Extraction ex = extract(r.xml, r.name);
        CHECK_FALSE(ex.ok);
        CHECK(messages(ex) == r.errors);
    }
}

TEST_CASE("schema check with an inline schema", "[coopdec]") {
    SchemaDir dir;
    dir.write("convention.rng", R"(<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="urn:x-coopdec:corpus:1">
  <start><element name="convention"><attribute name="id"/><element name="titre"><text/></element></element></start>
</grammar>)");
    dir.write("etude.rng", "<grammar xmlns=\"http://relaxng.org/ns/structure/1.0\"><start>");
    SchemaChecker checker(dir.path.string());
    CHECK(checker.schema_dir() == dir.path.string());

    const std::string valid = "<convention xmlns=\"urn:x-coopdec:corpus:1\" id=\"c\"><titre>T</titre></convention>";
    CHECK(checker.check(valid, "ok.xml", "convention").empty());
    CHECK(checker.check(valid, "ok.xml", "convention").empty());  // cached schema

    const std::string invalid =
        "<convention xmlns=\"urn:x-coopdec:corpus:1\" id=\"c\">\n  <titre>T</titre>\n  <lieu/>\n</convention>";
    std::vector<Diagnostic> d = checker.check(invalid, "bad.xml", "convention");
    REQUIRE_FALSE(d.empty());
    CHECK(d[0].str() == "bad.xml:3: non conforme au schéma : Did not expect element lieu there");

    d = checker.check("<convention xmlns=\"urn:x-coopdec:corpus:1\" id=\"c\">\n<titre>", "broken.xml", "convention");
    REQUIRE_FALSE(d.empty());
    CHECK(d[0].str().starts_with("broken.xml:2:8: XML mal formé : "));

    d = checker.check(valid, "x.xml", "akomaNtoso");
    REQUIRE(d.size() == 1);
    CHECK(d[0].str() == "x.xml: aucun schéma pour <akomaNtoso>");

    d = checker.check(valid, "x.xml", "partenariat");
    REQUIRE(d.size() == 1);
    CHECK(d[0].str() == (dir.path / "partenariat.rng").string() + ": schéma introuvable");

    d = checker.check(valid, "x.xml", "etude");
    REQUIRE_FALSE(d.empty());
    CHECK(d[0].str().starts_with((dir.path / "etude.rng").string() + ":"));
    CHECK(d[0].message.starts_with("schéma invalide"));
}

TEST_CASE("schema check refuses entity declarations and reads nothing external", "[coopdec]") {
    SchemaDir dir;
    dir.write("secret.txt", "SECRET-CONTENTS");
    dir.write("convention.rng", R"(<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="urn:x-coopdec:corpus:1">
  <start><element name="convention"><element name="titre"><text/></element></element></start>
</grammar>)");
    SchemaChecker checker(dir.path.string());
    const std::string refused =
        "1:1: DOCTYPE refusé : il déclare des entités, qui ne sont jamais développées "
        "(risque d'expansion ou de fichier externe)";

    const std::string laughs =
        "<!DOCTYPE convention [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
        "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
        "<convention xmlns=\"urn:x-coopdec:corpus:1\"><titre>&d;&d;&d;&d;</titre></convention>";
    std::vector<Diagnostic> d = checker.check(laughs, "bomb.xml", "convention");
    REQUIRE(d.size() == 1);
    CHECK(d[0].str() == "bomb.xml:" + refused);

    const std::string xxe = "<!DOCTYPE convention [<!ENTITY x SYSTEM \"file://" + (dir.path / "secret.txt").string() +
                            "\">]><convention xmlns=\"urn:x-coopdec:corpus:1\"><titre>&x;</titre></convention>";
    d = checker.check(xxe, "xxe.xml", "convention");
    REQUIRE(d.size() == 1);
    CHECK(d[0].str() == "xxe.xml:" + refused);
    CHECK(d[0].message.find("SECRET") == std::string::npos);
}

TEST_CASE("the inline fixtures conform to the project's schemas", "[coopdec]") {
    const std::string schemas = COOPDEC_SOURCE_DIR "/corpus/schema";
    struct Row {
        const char* xml;
        const char* root;
    };
    const Row rows[] = {
        {kConvention, "convention"},
        {kPartenariat, "partenariat"},
        {kEtude, "etude"},
        {kRepertoire, "repertoire"},
    };
    for (const Row& r : rows) {
        INFO(r.root);
        std::vector<Diagnostic> d = check_schema(r.xml, "f.xml", r.root, schemas);
        for (const Diagnostic& e : d) UNSCOPED_INFO(e.str());
        CHECK(d.empty());
    }
    // Something only the schema knows: the controlled list of themes.
    std::string off_list = kPartenariat;
    const std::string sante = "<theme>santé";
    off_list.replace(off_list.find(sante), sante.size(), "<theme>pêche");
    std::vector<Diagnostic> d = check_schema(off_list, "f.xml", "partenariat", schemas);
    REQUIRE_FALSE(d.empty());
    CHECK(d[0].str().starts_with("f.xml:11: non conforme au schéma : "));
}
