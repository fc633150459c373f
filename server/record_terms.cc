// @brief The partnership record's closed vocabularies and their French labels.
#include "server/record_terms.h"

namespace coopdec::terms {
namespace {

constexpr Term kNatures[] = {{"jumelage", "jumelage"},
                             {"cooperation", "coopération"},
                             {"convention-cadre", "convention-cadre"},
                             {"amitie", "amitié"},
                             {"autre", "autre"}};
constexpr Term kLevels[] = {{"commune", "commune"},
                            {"intercommunalite", "intercommunalité"},
                            {"communes", "plusieurs communes"},
                            {"departement", "département"},
                            {"region", "région"},
                            {"etat-federe", "État fédéré"},
                            {"autre", "autre"}};
constexpr Term kStatuses[] = {{"actif", "actif"}, {"arrete", "arrêté"}, {"inconnu", "inconnu"}};
// The State's share is mostly the Fonds d'appui aux collectivités
// territoriales (FACT): the label says so.
constexpr Term kAmountSources[] = {
    {"commune", "Commune"}, {"partenaire", "Partenaire"}, {"etat", "État (FACT…)"}, {"autre", "Autre source"}};
constexpr Term kActionStatuses[] = {{"prevue", "prévue"},
                                    {"en-cours", "en cours"},
                                    {"achevee", "achevée"},
                                    {"abandonnee", "abandonnée"},
                                    {"inconnu", "état inconnu"}};
constexpr Term kSides[] = {{"commune", "commune togolaise"}, {"partenaire", "partenaire"}};
constexpr Term kThemes[] = {
    {"eau et assainissement", "eau et assainissement"},
    {"assainissement", "assainissement"},
    {"santé", "santé"},
    {"éducation", "éducation"},
    {"formation professionnelle", "formation professionnelle"},
    {"agriculture", "agriculture"},
    {"environnement", "environnement"},
    {"climat", "climat"},
    {"développement durable", "développement durable"},
    {"culture", "culture"},
    {"jeunesse", "jeunesse"},
    {"sport", "sport"},
    {"tourisme", "tourisme"},
    {"gouvernance locale", "gouvernance locale"},
    {"état civil", "état civil"},
    {"finances locales", "finances locales"},
    {"déchets", "déchets"},
    {"énergie", "énergie"},
    {"développement économique", "développement économique"},
    {"aménagement du territoire et infrastructures", "aménagement du territoire et infrastructures"}};

}  // namespace

std::span<const Term> natures() { return kNatures; }
std::span<const Term> partner_levels() { return kLevels; }
std::span<const Term> statuses() { return kStatuses; }
std::span<const Term> amount_sources() { return kAmountSources; }
std::span<const Term> action_statuses() { return kActionStatuses; }
std::span<const Term> sides() { return kSides; }
std::span<const Term> themes() { return kThemes; }

std::string label_of(std::span<const Term> list, std::string_view value) {
    for (const Term& t : list)
        if (t.value == value) return std::string(t.label);
    return std::string(value);
}

bool holds(std::span<const Term> list, std::string_view value) {
    for (const Term& t : list)
        if (t.value == value) return true;
    return false;
}

}  // namespace coopdec::terms
