// @brief Tests of coopdec-import's structure recognition (import/structure.h)
// on string literals: paragraphs, footnotes and note calls, the headings of
// studies, agreements and laws, transcript turns.
#include "import/structure.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "import/model.h"
#include "tests/import_texts.h"

using namespace coopdec::import;
using coopdec::test::has_message;
using coopdec::test::kLawText;
using coopdec::test::kTranscriptText;

namespace {

// "p: text" / "note 1: text" per block, to compare lists with a readable diff.
std::vector<std::string> shown(const std::vector<Block>& blocks) {
    std::vector<std::string> out;
    for (const Block& b : blocks)
        out.push_back(b.kind == Block::Kind::note
                          ? "note " + std::to_string(b.note) + (b.called ? "" : " (fin)") + ": " + b.text
                          : "p: " + b.text);
    return out;
}

StructureOptions wrapped(std::vector<std::string> calls = {}) { return StructureOptions{false, std::move(calls)}; }
StructureOptions by_line() { return StructureOptions{true, {}}; }

}  // namespace

// ---- Paragraphs, footnotes, note calls ----

TEST_CASE("structure: blank lines between wrapped lines do not split a paragraph", "[import][structure]") {
    CHECK(shown(paragraphs("La coopération est\n\nun mode de\n\n  collaboration   entre  communes.\n", wrapped())) ==
          std::vector<std::string>{"p: La coopération est un mode de collaboration entre communes."});
}

TEST_CASE("structure: a line ending a sentence before a capital ends the paragraph", "[import][structure]") {
    CHECK(shown(paragraphs("Première phrase, qui se\npoursuit.\n\nÀ la ligne suivante.\nEncore une\n"
                           "ligne. Et une phrase finie au milieu d’une\nligne.\n",
                           wrapped())) == std::vector<std::string>{
                                              "p: Première phrase, qui se poursuit.",
                                              "p: À la ligne suivante.",
                                              "p: Encore une ligne. Et une phrase finie au milieu d’une ligne.",
                                          });
    // A period before a lowercase line, or no period before a capital: one paragraph.
    CHECK(shown(paragraphs("la loi n° 2019.\nelle a été votée et\nLomé l’a promulguée.\n", wrapped())) ==
          std::vector<std::string>{"p: la loi n° 2019. elle a été votée et Lomé l’a promulguée."});
}

TEST_CASE("structure: a hyphen at a line end is kept, without a space", "[import][structure]") {
    CHECK(shown(paragraphs("des échanges (savoir-\nfaire) entre collectivités locales -\ndont la commune.\n",
                           wrapped())) ==
          std::vector<std::string>{"p: des échanges (savoir-faire) entre collectivités locales - dont la commune."});
}

TEST_CASE("structure: with lines_are_paragraphs each non-blank line is a paragraph", "[import][structure]") {
    CHECK(shown(paragraphs("Un paragraphe sans point\n\ndeux, en minuscules\nTrois.\n", by_line())) ==
          std::vector<std::string>{"p: Un paragraphe sans point", "p: deux, en minuscules", "p: Trois."});
}

TEST_CASE("structure: footnotes at the foot of each page, page numbers and rules left out", "[import][structure]") {
    Layout layout = lay_out(
        "Le texte de la page un.\n\n________\n1 Première note.\n2 Deuxième note, qui continue\nsur une ligne.\n3\n"
        "\f4\nLa page deux.\n1 Note de la page deux.\n");
    std::vector<std::string> lines;
    for (const Layout::Line& l : layout.lines)
        lines.push_back(std::to_string(l.line) + "/" + std::to_string(l.page) + " " + l.text);
    CHECK(lines == std::vector<std::string>{"1/1 Le texte de la page un.", "9/2 La page deux."});
    REQUIRE(layout.footnotes.size() == 3);
    CHECK(layout.footnotes[0].number == 1);
    CHECK(layout.footnotes[0].line == 4);
    CHECK(layout.footnotes[1].text == "Deuxième note, qui continue sur une ligne.");
    CHECK(layout.footnotes[2].page == 2);
    CHECK(layout.footnotes[2].text == "Note de la page deux.");
    CHECK(layout.messages ==
          std::vector<std::string>{"2 numéros de page retirés (ligne seule en haut ou en bas de page)"});
}

TEST_CASE("structure: numbered lines that are not consecutive, or with no body above, stay body",
          "[import][structure]") {
    Layout layout = lay_out("Texte.\n1 Un.\n3 Trois.\n");
    CHECK(layout.footnotes.size() == 1);  // only the run "3 Trois." at the very end
    CHECK(layout.lines.size() == 2);
    Layout toc = lay_out("1 Contexte\n2 Méthode\n");
    CHECK(toc.footnotes.size() == 1);
    CHECK(toc.lines.size() == 1);  // at least one body line above a run
}

TEST_CASE("structure: confirmed note calls are detached and their note follows the paragraph", "[import][structure]") {
    const char* text =
        "En 2019, la loi N° 2019-0061 a changé la carte.\n"
        "Des communes françaises2. Une phrase.\n"
        "Un autre paragraphe.\n"
        "1 Voir 1.2 Le cadre légal\n"
        "2 La coopération France-Togo, 2010\n";
    CHECK(shown(paragraphs(text, wrapped({"2019-0061", "françaises2"}))) ==
          std::vector<std::string>{
              "p: En 2019, la loi N° 2019-006 a changé la carte.",
              "note 1: Voir 1.2 Le cadre légal",
              "p: Des communes françaises. Une phrase.",
              "note 2: La coopération France-Togo, 2010",
              "p: Un autre paragraphe.",
          });
    // Unconfirmed: the words stay, the notes go at the end (and the study says so).
    CHECK(shown(paragraphs(text, wrapped())) == std::vector<std::string>{
                                                    "p: En 2019, la loi N° 2019-0061 a changé la carte.",
                                                    "p: Des communes françaises2. Une phrase.",
                                                    "p: Un autre paragraphe.",
                                                    "note 1 (fin): Voir 1.2 Le cadre légal",
                                                    "note 2 (fin): La coopération France-Togo, 2010",
                                                });
    std::vector<NoteCallCandidate> candidates = suggest_note_calls(text);
    REQUIRE(candidates.size() == 2);
    CHECK(candidates[0].word == "2019-0061");
    CHECK(candidates[0].note == 1);
    CHECK(candidates[1].word == "françaises2");
    CHECK(candidates[1].line == 2);
}

TEST_CASE("structure: a paragraph runs across a page break, its page's note goes to the end of the section",
          "[import][structure]") {
    Study s = recognise_study(
        "INTRODUCTION\nUn texte qui passe de la\n1 Une note sans appel.\n\fpage un à la page deux.\n"
        "Un second paragraphe.\nCONCLUSION\nFin.\n",
        "Titre", wrapped());
    REQUIRE(s.sections.size() == 2);
    CHECK(shown(s.sections[0].blocks) == std::vector<std::string>{
                                             "p: Un texte qui passe de la page un à la page deux.",
                                             "p: Un second paragraphe.",
                                             "note 1 (fin): Une note sans appel.",
                                         });
    CHECK(shown(s.sections[1].blocks) == std::vector<std::string>{"p: Fin."});
    CHECK(s.messages == std::vector<std::string>{
                            "note 1 (ligne 3) : aucun appel confirmé, placée à la fin de la section où elle apparaît"});
}

// ---- Headings ----

TEST_CASE("structure: study headings in capitals and numbered, with nesting", "[import][structure]") {
    Study s = recognise_study(
        "Un texte avant tout titre.\n"
        "INTRODUCTION\n"
        "Le début.\n"
        "1 Le contexte\n"
        "Texte 1.\n"
        "1.1 La décentralisation\n"
        "Texte 1.1, qui cite\n"
        "5 Régions et 39 Préfectures\n"
        "de la loi. Puis mis en œuvre par la\n"
        "GIZ\n"
        "avec l’UE.\n"
        "2. Les résultats\n"
        "Texte 2.\n"
        "3.1 Sans parent\n"
        "II. CONCLUSION GÉNÉRALE AU TOGO\n"
        "Fin.\n",
        "Titre du document", wrapped());
    std::vector<std::string> tree;
    std::function<void(const std::vector<StudySection>&, std::string)> walk = [&](const auto& list,
                                                                                  std::string indent) {
        for (const StudySection& sec : list) {
            tree.push_back(indent + "[" + sec.num + "] " + sec.title + " (" + std::to_string(sec.blocks.size()) + ")");
            walk(sec.sections, indent + "  ");
        }
    };
    walk(s.sections, "");
    CHECK(tree == std::vector<std::string>{
                      "[] Titre du document (1)",
                      "[] Introduction (1)",
                      "[1] Le contexte (1)",
                      "  [1.1] La décentralisation (1)",
                      "[2] Les résultats (1)",
                      "[3.1] Sans parent (0)",
                      "[II] Conclusion générale au togo (1)",
                  });
    CHECK(s.sections[2].sections[0].blocks[0].text ==
          "Texte 1.1, qui cite 5 Régions et 39 Préfectures de la loi. Puis mis en œuvre par la GIZ avec l’UE.");
    CHECK(has_message(s.messages,
                      "ligne 15 : titre en capitales « CONCLUSION GÉNÉRALE AU TOGO » écrit « Conclusion "
                      "générale au togo » (vérifier les noms propres)"));
}

TEST_CASE("structure: a numbered list after a colon is not a study heading", "[import][structure]") {
    Study s = recognise_study(
        "INTRODUCTION\nLes objectifs sont les suivants :\n1. Renforcer les capacités\n"
        "2. Améliorer la gouvernance\n",
        "Titre", wrapped());
    REQUIRE(s.sections.size() == 1);
    CHECK(shown(s.sections[0].blocks) ==
          std::vector<std::string>{
              "p: Les objectifs sont les suivants : 1. Renforcer les capacités 2. Améliorer la gouvernance"});
}

TEST_CASE("structure: agreement articles, headings on the same or the next line", "[import][structure]") {
    Agreement a = recognise_agreement(
        "Préambule.\n"
        "Article premier : Objet\nTexte un.\n"
        "ARTICLE 2 :\nTexte deux.\n"
        "Art. 3 – Durée\nTexte trois.\n"
        "Article 4 bis\nFinancement\nTexte quatre.\n"
        "Article 5 : Les parties se réunissent chaque année pour\nfaire le point.\n"
        "Article 6. Le texte entier tient sur la ligne.\n"
        "Article 5 de la loi, rien.\n",
        wrapped());
    std::vector<std::string> seen;
    for (const Division& d : a.articles) {
        std::string line = d.num + " | " + d.number + " | " + d.heading;
        for (const Block& b : d.blocks) line += " | " + b.text;
        seen.push_back(line);
    }
    CHECK(seen == std::vector<std::string>{
                      "Article premier | 1 | Objet | Texte un.",
                      "Article 2 | 2 |  | Texte deux.",
                      "Article 3 | 3 | Durée | Texte trois.",
                      "Article 4 bis | 4bis | Financement | Texte quatre.",
                      "Article 5 | 5 |  | Les parties se réunissent chaque année pour faire le point.",
                      "Article 6 | 6 |  | Le texte entier tient sur la ligne. | Article 5 de la loi, rien.",
                  });
    CHECK(shown(a.preamble) == std::vector<std::string>{"p: Préambule."});
}

TEST_CASE("structure: law hierarchy of titles, chapters, sections and articles", "[import][structure]") {
    Law law = recognise_law(kLawText, wrapped());
    std::vector<std::string> tree;
    std::function<void(const std::vector<Division>&, std::string)> walk = [&](const auto& list, std::string indent) {
        for (const Division& d : list) {
            tree.push_back(indent + d.num + " [" + d.number + "] " + d.heading);
            walk(d.children, indent + "  ");
        }
    };
    walk(law.body, "");
    CHECK(tree == std::vector<std::string>{
                      "Titre I [1] DISPOSITIONS GÉNÉRALES",
                      "  Chapitre 1er [1] Des principes",
                      "    Article 1er [1] Objet",
                      "    Article 2 [2] ",
                      "  Chapitre II [2] DE LA COOPÉRATION",
                      "    Article 3 [3] Coopération décentralisée",
                      "Titre II [2] DISPOSITIONS FINALES",
                      "  Article 4 [4] ",
                  });
    CHECK(shown(law.body[0].children[0].children[1].blocks) ==
          std::vector<std::string>{"p: Les collectivités territoriales sont la commune et la région."});
    CHECK(shown(law.preamble).size() == 1);
}

TEST_CASE("structure: transcript turns with Q and R and with names", "[import][structure]") {
    Transcript t = recognise_transcript(std::string(kTranscriptText) + "Date : 12 mars\n", wrapped());
    std::vector<std::string> turns;
    for (const auto& turn : t.turns) turns.push_back(turn.speaker + " | " + shown(turn.blocks).at(0));
    CHECK(turns == std::vector<std::string>{
                       "Q | p: Pouvez-vous présenter le jumelage ?",
                       "R | p: Il date de 1989. Il a commencé par des échanges entre écoles.",
                       "Q | p: Et aujourd’hui ?",
                       "Mme K. A. | p: Nous travaillons sur l’eau potable.",
                       "Le maire | p: Je confirme : l’eau est la priorité.",
                   });
    // « Date : » is a header word, not a speaker: the line goes with the last turn.
    CHECK(shown(t.turns.back().blocks).back() == "p: Date : 12 mars");
    CHECK(shown(t.before) == std::vector<std::string>{"p: Entretien réalisé à la mairie de Tône 1."});
    CHECK(has_message(t.messages, "ligne 7 : « Mme K. A. » ne parle qu’une fois : est-ce bien un intervenant ?"));
}

// ---- The study of the seed, against the committed file ----
