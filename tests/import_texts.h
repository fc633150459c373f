// @brief Texts shared by the tests of coopdec-import's structure recognition
// (structure_test.cc) and of its document writers (write_document_test.cc).
#pragma once

#include <string>
#include <vector>

namespace coopdec::test {

inline bool has_message(const std::vector<std::string>& messages, const std::string& wanted) {
    for (const std::string& m : messages)
        if (m == wanted) return true;
    return false;
}

// An agreement, a law and a transcript as their text comes out of a file.
inline const char* const kAgreementText =
    "Convention de jumelage entre la commune de Tône 1 et la ville d’Issy-les-Moulineaux.\n"
    "\n"
    "Vu la loi n° 2019-006 du 26 juin 2019 ;\n"
    "Les parties sont convenues de ce qui suit :\n"
    "\n"
    "TITRE I – DISPOSITIONS GÉNÉRALES\n"
    "\n"
    "Article premier : Objet\n"
    "La présente convention a pour objet de définir les modalités de la\n"
    "coopération entre les deux collectivités.\n"
    "\n"
    "ARTICLE 2 : Domaines de coopération\n"
    "Les domaines retenus sont l’eau potable, l’assainissement et la gestion\n"
    "des déchets. Chaque année, un programme est arrêté.\n"
    "Le comité de suivi se réunit une fois par an.\n"
    "\n"
    "Art. 3 – Durée\n"
    "La convention est conclue pour cinq ans.\n";

inline const char* const kLawText =
    "Loi n° 2030-001 du 2 janvier 2030 relative aux exemples\n"
    "\n"
    "L’Assemblée nationale a délibéré et adopté ;\n"
    "Le Président de la République promulgue la loi dont la teneur suit :\n"
    "\n"
    "TITRE I – DISPOSITIONS GÉNÉRALES\n"
    "\n"
    "CHAPITRE 1er : Des principes\n"
    "\n"
    "Article 1er : Objet\n"
    "La présente loi fixe les règles de l’exemple.\n"
    "\n"
    "Article 2 : Les collectivités territoriales sont la commune et la\n"
    "région.\n"
    "\n"
    "CHAPITRE II\n"
    "DE LA COOPÉRATION\n"
    "\n"
    "Article 3\n"
    "Coopération décentralisée\n"
    "Les collectivités peuvent coopérer avec des collectivités étrangères.\n"
    "\n"
    "TITRE II : DISPOSITIONS FINALES\n"
    "\n"
    "Article 4 : La présente loi sera exécutée comme loi de l’État.\n";

inline const char* const kTranscriptText =
    "Entretien réalisé à la mairie de Tône 1.\n"
    "\n"
    "Q : Pouvez-vous présenter le jumelage ?\n"
    "R : Il date de 1989. Il a commencé\n"
    "par des échanges entre écoles.\n"
    "Q : Et aujourd’hui ?\n"
    "Mme K. A. : Nous travaillons sur l’eau potable.\n"
    "Le maire : Je confirme : l’eau est la priorité.\n";

}  // namespace coopdec::test
