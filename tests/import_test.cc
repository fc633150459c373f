// @brief coopdec-import end to end: the real binary on the seed, on a PDF
// agreement it then indexes and finds, its refusals; coopdec-index
// --check-encoding.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/test_util.h"

using coopdec::test::run_command;
using coopdec::test::shell_quote;
using coopdec::test::TempDir;
namespace test = coopdec::test;

namespace {

const std::string kSource = COOPDEC_SOURCE_DIR;

struct CommandRun {
    int status = -1;
    std::string out, err;
};

// Runs a command line; stdout and stderr apart.
CommandRun run(const std::string& command, const TempDir& dir) {
    CommandRun r;
    std::string err_file = dir / "stderr.txt";
    r.out = run_command(command + " 2>" + shell_quote(err_file), r.status);
    std::ifstream in(err_file);
    std::stringstream s;
    s << in.rdbuf();
    r.err = s.str();
    return r;
}

// Converts dir/name with LibreOffice (its own profile in dir) to `format`
// ("pdf", "docx"), beside it; returns the new file's path.
std::string libreoffice_convert(const TempDir& dir, const std::string& name, const std::string& format) {
    int status = 0;
    std::string profile = "file://" + (dir / "profil-libreoffice");
    run_command("soffice --headless --norestore -env:UserInstallation=" + shell_quote(profile) + " --convert-to " +
                    format + " --outdir " + shell_quote(dir.path()) + " " + shell_quote(dir / name) +
                    " >/dev/null 2>&1",
                status);
    std::string out = dir / (std::filesystem::path(name).stem().string() + "." + format);
    REQUIRE(std::filesystem::exists(out));
    return out;
}

// A copy of the bundled corpus to write into.
std::string corpus_copy(const TempDir& dir) {
    std::string to = dir / "corpus";
    std::filesystem::copy(kSource + "/corpus", to, std::filesystem::copy_options::recursive);
    return to;
}

}  // namespace

TEST_CASE("coopdec-import --repair-only prints the repaired seed and reports each change", "[import][cli]") {
    TempDir dir;
    CommandRun r = run(test::bin("coopdec-import") + " --repair-only " + shell_quote(test::seed_file()), dir);
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("Elle constitue aujourd’hui un véritable levier") != std::string::npos);
    CHECK(r.out.find("v®ritable") == std::string::npos);
    CHECK(r.err.find(test::seed_file() +
                     ":10:31: « v®ritable » → « véritable » (police PDF : code Mac Roman décalé de 0x20, "
                     "lu en Latin-1)\n") != std::string::npos);
    // Glued footnote numbers are flagged for review, not changed.
    CHECK(r.err.find(test::seed_file() +
                     ":77: à vérifier : appel de note collé au mot ? « 2019-0061 » se lirait « 2019-006 » "
                     "suivi de la note 1 ; si c'est bien le cas : --detach-note 2019-0061\n") != std::string::npos);
    CHECK(r.err.find(test::seed_file() +
                     ":103: à vérifier : appel de note collé au mot ? « françaises2 » se lirait « françaises "
                     "» suivi de la note 2 ; si c'est bien le cas : --detach-note françaises2\n") != std::string::npos);
    CHECK(r.out.find("loi N° 2019-0061 a considérablement") != std::string::npos);
    CHECK(r.err.find("coopdec-import : 79 mots réparés, 2 points à vérifier\n") != std::string::npos);
}

TEST_CASE("the study in the corpus is what corpus/import-study.sh makes from the seed, byte for byte",
          "[import][cli]") {
    TempDir dir;
    std::string corpus = corpus_copy(dir);
    std::filesystem::remove(corpus + "/etudes/etude-prodegol-introduction.xml");
    CommandRun r = run("COOPDEC_BIN_DIR=" + shell_quote(COOPDEC_BIN_DIR) + " bash " +
                           shell_quote(kSource + "/corpus/import-study.sh") + " " + shell_quote(corpus),
                       dir);
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(test::slurp(corpus + "/etudes/etude-prodegol-introduction.xml") ==
          test::slurp(kSource + "/corpus/etudes/etude-prodegol-introduction.xml"));
}

TEST_CASE("a PDF agreement becomes a searchable document with one command", "[import][cli]") {
    TempDir dir;
    std::string corpus = corpus_copy(dir);
    dir.write("accord.txt",
              "Convention de coopération entre Tône 1 et Issy-les-Moulineaux\n"
              "Les parties conviennent de ce qui suit.\n"
              "Article premier : Objet\n"
              "La présente convention organise la réhabilitation des forages de Nanergou.\n"
              "Article 2 : Durée\n"
              "Elle est conclue pour trois ans à compter de sa signature.\n");
    std::string pdf = libreoffice_convert(dir, "accord.txt", "pdf");

    CommandRun r = run(test::bin("coopdec-import") + " " + shell_quote(pdf) +
                           " --type convention --title 'Convention sur les forages de Nanergou' --date 2024-03-01"
                           " --partnership part-tone-1-issy-les-moulineaux --theme 'eau et assainissement' --corpus " +
                           shell_quote(corpus),
                       dir);
    INFO(r.err);
    REQUIRE(r.status == 0);
    std::string written = corpus + "/conventions/conv-accord.xml";
    CHECK(r.err.find("écrit " + written) != std::string::npos);
    std::string xml = test::slurp(written);
    CHECK(xml.find("<clause id=\"art_1\" num=\"Article 1\">") != std::string::npos);
    CHECK(xml.find("réhabilitation des forages de Nanergou") != std::string::npos);
    CHECK(xml.find("demo=\"non\"") != std::string::npos);

    // The corpus still passes its checks, and the agreement is found.
    CommandRun check = run("bash " + shell_quote(kSource + "/corpus/check.sh") + " " + shell_quote(corpus), dir);
    INFO(check.out);
    CHECK(check.status == 0);
    std::string db = dir / "index";
    CommandRun index =
        run(test::bin("coopdec-index") + " --quiet --db " + shell_quote(db) + " " + shell_quote(corpus), dir);
    REQUIRE(index.status == 0);
    CommandRun found = run(test::bin("coopdec-search") + " --db " + shell_quote(db) + " --json forages Nanergou", dir);
    CHECK(found.out.find("\"conv-accord\"") != std::string::npos);
    CHECK(found.out.find("Convention sur les forages de Nanergou") != std::string::npos);
}

TEST_CASE("coopdec-import refuses with a clear message and writes nothing", "[import][cli]") {
    TempDir dir;
    std::string corpus = corpus_copy(dir);
    std::string text = dir.write("texte.txt", "Article 1 : Objet\nLa commune et son partenaire coopèrent.\n");
    auto import = [&](const std::string& args) {
        return run(test::bin("coopdec-import") + " " + shell_quote(text) + " --corpus " + shell_quote(corpus) + " " +
                       args + " </dev/null",
                   dir);
    };

    CommandRun unknown_type = import("--type brochure --title T");
    CHECK(unknown_type.status == 2);
    CHECK(unknown_type.err.rfind("coopdec-import : type inconnu « brochure » : convention, entretien, etude ou loi\n",
                                 0) == 0);

    CommandRun missing = import("--type convention --title T");
    CHECK(missing.status == 1);
    CHECK(missing.err.find("coopdec-import : métadonnées manquantes pour un document de type convention : --date, "
                           "--partnership (ou --ask pour qu'elles soient demandées)\n") != std::string::npos);

    CommandRun bad_commune = import(
        "--type convention --title T --date 2020-01-01 --partnership part-tone-1-issy-les-moulineaux"
        " --commune atlantide-1");
    CHECK(bad_commune.status == 1);
    CHECK(bad_commune.err.find("commune inconnue « atlantide-1 »") != std::string::npos);

    CommandRun bad_date =
        import("--type convention --title T --date 2020-13-01 --partnership part-tone-1-issy-les-moulineaux");
    CHECK(bad_date.status == 1);
    CHECK(bad_date.err.find("date invalide « 2020-13-01 » : attendu AAAA-MM-JJ\n") != std::string::npos);

    CommandRun missing_file =
        run(test::bin("coopdec-import") + " " + shell_quote(dir / "absent.pdf") + " --type loi", dir);
    CHECK(missing_file.status == 1);
    CHECK(missing_file.err.find(dir / "absent.pdf") != std::string::npos);

    CommandRun no_corpus = run(test::bin("coopdec-import") + " " + shell_quote(text) + " --corpus " +
                                   shell_quote(dir / "nulle-part") + " --type etude --title T --author A",
                               dir);
    CHECK(no_corpus.status == 2);
    CHECK(no_corpus.err == "coopdec-import : corpus introuvable : " + (dir / "nulle-part") + " (--corpus DOSSIER)\n");

    CHECK_FALSE(std::filesystem::exists(corpus + "/conventions/conv-texte.xml"));

    // Written once; a second time only with --force.
    const std::string ok =
        "--type convention --title T --date 2020-01-01 --partnership part-tone-1-issy-les-moulineaux";
    REQUIRE(import(ok).status == 0);
    CommandRun again = import(ok);
    CHECK(again.status == 1);
    CHECK(again.err.find("conventions/conv-texte.xml existe déjà : --force pour le remplacer\n") != std::string::npos);
    CHECK(import(ok + " --force").status == 0);

    // An id taken by a document of another type.
    CommandRun taken = import("--type etude --title T --author A --id conv-texte");
    CHECK(taken.status == 1);
    CHECK(taken.err.find("l'identifiant « conv-texte » est déjà celui de") != std::string::npos);
}

TEST_CASE("coopdec-import --dry-run shows the changes and the document and writes nothing", "[import][cli]") {
    TempDir dir;
    std::string corpus = corpus_copy(dir);
    std::string text = dir.write("v.txt", "Article 1 : Objet\nLa coop®ration d®centralis®e entre les deux communes.\n");
    CommandRun r =
        run(test::bin("coopdec-import") + " " + shell_quote(text) + " --corpus " + shell_quote(corpus) +
                " --type convention --title T --date 2020-01-01 --partnership part-tone-1-issy-les-moulineaux"
                " --dry-run",
            dir);
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.err.find(":2:4: « coop®ration » → « coopération »") != std::string::npos);
    CHECK(r.out.find("La coopération décentralisée entre les deux communes.") != std::string::npos);
    CHECK(r.err.find("--dry-run : rien n'est écrit ; le document irait dans " + corpus + "/conventions/conv-v.xml\n") !=
          std::string::npos);
    CHECK_FALSE(std::filesystem::exists(corpus + "/conventions/conv-v.xml"));
}

TEST_CASE("coopdec-import --report writes what the run found as JSON", "[import][cli]") {
    TempDir dir;
    std::string corpus = corpus_copy(dir);
    std::string text = dir.write("v.txt", "Article 1 : Objet\nLa coop®ration d®centralis®e entre les deux communes.\n");
    std::string report = dir / "rapport.json";
    CommandRun r =
        run(test::bin("coopdec-import") + " " + shell_quote(text) + " --corpus " + shell_quote(corpus) +
                " --type convention --title T --date 2020-01-01 --partnership part-tone-1-issy-les-moulineaux"
                " --dry-run --report " +
                shell_quote(report),
            dir);
    INFO(r.err);
    REQUIRE(r.status == 0);
    std::string json = test::slurp(report);
    CHECK(json.find("\"ok\": true") != std::string::npos);
    CHECK(json.find("\"path\": \"conventions/conv-v.xml\"") != std::string::npos);
    CHECK(json.find("\"structure\": [\"1 article, 1 paragraphe\"]") != std::string::npos);
    CHECK(json.find("{\"line\": 2, \"column\": 4, \"from\": \"coop®ration\", \"to\": \"coopération\"}") !=
          std::string::npos);
    CHECK(json.find("La coopération décentralisée entre les deux communes.") != std::string::npos);
    // The messages still reach stderr.
    CHECK(r.err.find("1 article, 1 paragraphe") != std::string::npos);

    // A refusal writes a report too, with the reason and no document.
    CommandRun refused =
        run(test::bin("coopdec-import") + " " + shell_quote(text) + " --corpus " + shell_quote(corpus) +
                " --type convention --title T --dry-run --report " + shell_quote(report),
            dir);
    CHECK(refused.status == 1);
    json = test::slurp(report);
    CHECK(json.find("\"ok\": false") != std::string::npos);
    CHECK(json.find("métadonnées manquantes") != std::string::npos);
    CHECK(json.find("\"xml\": \"\"") != std::string::npos);
}

TEST_CASE("coopdec-import --ask asks for the missing metadata", "[import][cli]") {
    TempDir dir;
    std::string corpus = corpus_copy(dir);
    std::string text = dir.write("q.txt", "Q : Depuis quand le jumelage existe-t-il ?\nR : Depuis 1989.\n");
    dir.write("answers.txt", "Entretien sur le jumelage\n\npart-tone-1-issy-les-moulineaux\n");
    CommandRun r = run(test::bin("coopdec-import") + " " + shell_quote(text) + " --corpus " + shell_quote(corpus) +
                           " --type entretien --date 2021-03-16 --ask < " + shell_quote(dir / "answers.txt"),
                       dir);
    INFO(r.err);
    REQUIRE(r.status == 0);
    // An empty answer is asked again.
    CHECK(r.err.find("Titre du document : Partenariat(s) (identifiants séparés par des virgules, ex. "
                     "part-tone-1-issy-les-moulineaux) : Partenariat(s)") != std::string::npos);
    std::string xml = test::slurp(corpus + "/entretiens/ent-q.xml");
    CHECK(xml.find("<title>Entretien sur le jumelage</title>") != std::string::npos);
    CHECK(xml.find("<term key=\"part-tone-1-issy-les-moulineaux\"") != std::string::npos);
    CHECK(xml.find("2021-03-16") != std::string::npos);

    // On a terminal it asks without --ask (util-linux's script gives the
    // command a terminal; the answers come through it).
    dir.write("terminal.txt", "Entretien au terminal\npart-tone-1-issy-les-moulineaux\n");
    std::string inner = test::bin("coopdec-import") + " " + shell_quote(text) + " --corpus " + shell_quote(corpus) +
                        " --type entretien --id ent-terminal";
    CommandRun terminal =
        run("script -qec " + shell_quote(inner) + " /dev/null < " + shell_quote(dir / "terminal.txt"), dir);
    INFO(terminal.out);
    CHECK(terminal.status == 0);
    CHECK(test::slurp(corpus + "/entretiens/ent-terminal.xml").find("<title>Entretien au terminal</title>") !=
          std::string::npos);

    // Answers run out: refused, with what is missing.
    CommandRun short_answers = run(test::bin("coopdec-import") + " " + shell_quote(text) + " --corpus " +
                                       shell_quote(corpus) + " --type entretien --ask --force </dev/null",
                                   dir);
    CHECK(short_answers.status == 1);
    CHECK(
        short_answers.err.find("métadonnées manquantes pour un document de type entretien : --title, --partnership") !=
        std::string::npos);
}

TEST_CASE("coopdec-index --check-encoding reports garbled documents with their place", "[import][cli]") {
    TempDir dir;
    std::string corpus = corpus_copy(dir);
    std::string db = dir / "index";
    CommandRun clean =
        run(test::bin("coopdec-index") + " --check-encoding --db " + shell_quote(db) + " " + shell_quote(corpus), dir);
    INFO(clean.err);
    CHECK(clean.status == 0);
    CHECK(clean.out.find("vérification de l'encodage : 86 fichiers, 0 mal décodé en apparence\n") != std::string::npos);

    // The seed's text, pasted as it came out of the PDF.
    std::string seed = test::slurp(test::seed_file());
    std::string garbled =
        dir.write("corpus/etudes/etude-collee.xml",
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<etude xmlns=\"urn:x-coopdec:corpus:1\" id=\"etude-collee\" xml:lang=\"fr\" demo=\"non\">\n"
                  "  <titre>Texte collé</titre><auteur>X</auteur><sources><source>PDF</source></sources>\n"
                  "  <section id=\"sec_1\"><titre>Introduction</titre><p>" +
                      seed.substr(seed.find("Elle constitue"), 120) + "</p></section>\n</etude>\n");
    CommandRun found =
        run(test::bin("coopdec-index") + " --check-encoding --db " + shell_quote(db) + " " + shell_quote(corpus), dir);
    CHECK(found.status == 1);
    CHECK(found.err.find(garbled + ":4:68: texte mal décodé ? « aujourdôhui » se lirait « aujourd’hui » (police PDF : "
                                   "code Mac Roman décalé de 0x20, lu en Latin-1)\n") != std::string::npos);
    CHECK(found.out.find("87 fichiers, 1 mal décodé en apparence\n") != std::string::npos);
    // Indexed all the same.
    CommandRun search = run(test::bin("coopdec-search") + " --db " + shell_quote(db) + " --json 'Texte collé'", dir);
    CHECK(search.out.find("\"etude-collee\"") != std::string::npos);
    // Without the option, nothing is checked.
    CommandRun plain =
        run(test::bin("coopdec-index") + " --rebuild --db " + shell_quote(db) + " " + shell_quote(corpus), dir);
    CHECK(plain.status == 0);
    CHECK(plain.err.find("mal décodé") == std::string::npos);
}

TEST_CASE("a Word legal text becomes an Akoma Ntoso law with its titles, chapters and articles", "[import][cli]") {
    TempDir dir;
    std::string corpus = corpus_copy(dir);
    dir.write("loi.txt",
              "TITRE PREMIER : DISPOSITIONS GÉNÉRALES\n"
              "CHAPITRE 1er : De la coopération décentralisée\n"
              "Article premier : Objet\n"
              "Les collectivités territoriales peuvent conclure des conventions avec des collectivités étrangères.\n"
              "Article 2 : Contrôle\n"
              "Les conventions sont transmises au représentant de l’État.\n");
    std::string docx = libreoffice_convert(dir, "loi.txt", "docx");
    CommandRun r =
        run(test::bin("coopdec-import") + " " + shell_quote(docx) +
                " --type loi --id loi-2099-001 --number 2099-001 --date 2099-01-15"
                " --title 'Loi n° 2099-001 relative à la coopération décentralisée (texte de test)' --corpus " +
                shell_quote(corpus),
            dir);
    INFO(r.err);
    REQUIRE(r.status == 0);
    std::string xml = test::slurp(corpus + "/lois/loi-2099-001.xml");
    CHECK(xml.find("<FRBRuri value=\"/akn/tg/act/loi/2099-01-15/2099-001\" />") != std::string::npos);
    CHECK(xml.find("<title eId=\"title_1\">") != std::string::npos);
    CHECK(xml.find("eId=\"title_1__chp_1\"") != std::string::npos);
    CHECK(xml.find("<article eId=\"art_1\">") != std::string::npos);
    CHECK(xml.find("<article eId=\"art_2\">") != std::string::npos);
    CHECK(xml.find("cd:demonstration") == std::string::npos);  // an imported text is no demonstration

    std::string db = dir / "index";
    REQUIRE(
        run(test::bin("coopdec-index") + " --quiet --db " + shell_quote(db) + " " + shell_quote(corpus), dir).status ==
        0);
    // A law's id in the index comes from its work URI, as for the bundled laws.
    CommandRun found =
        run(test::bin("coopdec-search") + " --db " + shell_quote(db) + " --json --filter type=loi representant", dir);
    CHECK(found.out.find("\"akn-tg-act-loi-2099-01-15-2099-001\"") != std::string::npos);
}
