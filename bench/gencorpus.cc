// @brief coopdec-gencorpus: writes a synthetic corpus in coopdec's own XML
// formats (partnership records, agreements, TEI interviews, studies, Akoma
// Ntoso legal texts), every document marked as synthetic, for load tests
// and benchmarks.
//
// The output is a self-contained corpus: the real gazetteer
// (repertoire/togo.xml) and the RELAX NG schemas are copied into it, so that
// `coopdec-index --db IDX DIR` and `corpus/check.sh DIR` take it as it is.
//
// Determinism: one sequential planning pass (document types, partnerships,
// legal texts, dates, facets, unit counts) driven by the seed, then each
// document's text from its own generator seeded by (seed, document number).
// The output depends on the seed and the size only, not on --threads.
//
// Realism: facets drawn like the real data (communes of the gazetteer, the
// ProDeGoL ones more often; partner countries with France dominant; themes of
// the controlled list; years 1985-2026), French text assembled from a word
// bank of the domain with accents, elisions (’ or ' per document, œ or oe),
// amounts in the currency of the time and legal citations the indexer reads
// (« l’article 46 de la loi n° 2019-006 », « article 4 du décret n° 2003-512 »
// citing the synthetic texts of the same corpus).
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <pugixml.hpp>

#ifndef COOPDEC_SOURCE_DIR
#define COOPDEC_SOURCE_DIR "."
#endif

namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------------------
// Random numbers: xoshiro256** seeded by splitmix64. Our own, because the
// standard distributions differ between library implementations.

uint64_t splitmix(uint64_t& x) {
    uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

class Rng {
public:
    explicit Rng(uint64_t seed) {
        for (auto& v : s_) v = splitmix(seed);
    }
    uint64_t next() {
        const uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    // Uniform in [0, n), n > 0.
    uint32_t below(uint32_t n) { return static_cast<uint32_t>(((next() >> 32) * n) >> 32); }
    // Uniform in [lo, hi].
    int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<uint32_t>(hi - lo + 1))); }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return unit() < p; }
    template <class T, size_t N>
    const T& pick(const T (&a)[N]) {
        return a[below(N)];
    }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[below(static_cast<uint32_t>(v.size()))];
    }
    // An index drawn with the given weights.
    template <size_t N>
    size_t weighted(const int (&w)[N]) {
        int total = 0;
        for (int x : w) total += x;
        int r = static_cast<int>(below(static_cast<uint32_t>(total)));
        for (size_t i = 0; i < N; ++i) {
            if (r < w[i]) return i;
            r -= w[i];
        }
        return N - 1;
    }

private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t s_[4];
};

// ---------------------------------------------------------------------------
// Controlled lists and word bank.

// The theme list of corpus/schema/common.rng, with what the text says of each.
struct Theme {
    const char* value;                 // controlled value
    int weight;                        // how often partnerships have it
    const char* domain;                // « dans le domaine de … »
    const char* matter;                // « en matière … »
    std::vector<const char*> objects;  // things that are built, bought, set up
    std::vector<const char*> actions;  // infinitive phrases
};

const std::vector<Theme> kThemes = {
    {"eau et assainissement",
     14,
     "l’eau potable et l’assainissement",
     "d’eau potable et d’assainissement",
     {"trois forages équipés de pompes à motricité humaine", "un château d’eau de 50 m³", "douze bornes-fontaines",
      "le réseau d’adduction d’eau potable", "des latrines publiques à double fosse",
      "un comité de gestion des points d’eau", "des puits busés dans les villages de {lieu} et de {lieu}"},
     {"réhabiliter les forages en panne", "étendre le réseau d’eau potable aux quartiers périphériques",
      "former les fontainiers à l’entretien des pompes",
      "mettre en place un service public de l’eau géré par la commune",
      "sensibiliser les ménages au traitement de l’eau à domicile", "construire un château d’eau à {lieu}"}},
    {"assainissement",
     3,
     "l’assainissement",
     "d’assainissement",
     {"des caniveaux de drainage des eaux pluviales", "une station de traitement des boues de vidange",
      "des latrines scolaires", "un plan communal d’assainissement"},
     {"curer les caniveaux avant la saison des pluies", "construire des latrines dans les écoles de {lieu}",
      "organiser la vidange des fosses septiques", "réduire la défécation à l’air libre"}},
    {"santé",
     11,
     "la santé",
     "de santé",
     {"une unité de soins périphérique", "une maternité", "des moustiquaires imprégnées", "une ambulance",
      "un dépôt pharmaceutique communautaire", "un dispensaire à {lieu}"},
     {"équiper le centre de santé de {lieu}", "former les agents de santé communautaire",
      "organiser des campagnes de vaccination", "améliorer le suivi des femmes enceintes",
      "lutter contre le paludisme"}},
    {"éducation",
     11,
     "l’éducation",
     "d’éducation",
     {"un module de trois salles de classe", "une bibliothèque scolaire", "des tables-bancs", "des kits scolaires",
      "une cantine scolaire", "une école primaire à {lieu}"},
     {"construire des salles de classe à {lieu}", "équiper les écoles primaires en tables-bancs",
      "soutenir la scolarisation des filles", "créer des cantines scolaires",
      "développer la correspondance entre élèves des deux communes"}},
    {"formation professionnelle",
     5,
     "la formation professionnelle",
     "de formation professionnelle",
     {"un centre de formation aux métiers", "des ateliers de couture et de menuiserie", "des bourses d’apprentissage"},
     {"former des jeunes aux métiers du bâtiment", "accompagner l’insertion des apprentis",
      "organiser des stages croisés d’agents municipaux"}},
    {"agriculture",
     7,
     "l’agriculture",
     "d’agriculture",
     {"des magasins de stockage", "des semences améliorées", "un périmètre maraîcher irrigué",
      "une unité de transformation du manioc", "des coopératives de producteurs"},
     {"appuyer les groupements de maraîchers", "aménager des bas-fonds rizicoles à {lieu}",
      "promouvoir la transformation locale du soja", "faciliter l’accès des femmes au crédit agricole"}},
    {"environnement",
     6,
     "l’environnement",
     "d’environnement",
     {"des pépinières communales", "un plan de reboisement", "des foyers améliorés", "une forêt communautaire"},
     {"reboiser les berges des cours d’eau", "lutter contre les feux de brousse",
      "protéger la forêt communautaire de {lieu}", "planter des arbres dans les écoles"}},
    {"climat",
     4,
     "l’adaptation au changement climatique",
     "d’adaptation au changement climatique",
     {"un plan climat communal", "des systèmes d’alerte précoce", "des ouvrages de protection contre les inondations"},
     {"adapter les cultures aux variations des pluies", "réduire la vulnérabilité aux inondations",
      "mesurer les émissions liées à l’éclairage public"}},
    {"développement durable",
     3,
     "le développement durable",
     "de développement durable",
     {"un agenda 21 local", "une charte du développement durable"},
     {"intégrer les objectifs de développement durable dans le plan de développement communal",
      "associer les habitants aux choix d’aménagement durable"}},
    {"culture",
     7,
     "la culture",
     "de culture",
     {"une maison des jeunes et de la culture", "un festival des arts", "des résidences d’artistes",
      "une bibliothèque municipale"},
     {"organiser des échanges culturels", "valoriser le patrimoine immatériel",
      "accueillir des troupes de danse traditionnelle"}},
    {"jeunesse",
     6,
     "la jeunesse",
     "de jeunesse",
     {"un centre de loisirs", "des chantiers de jeunes", "un conseil communal des jeunes"},
     {"organiser des chantiers internationaux de jeunes", "soutenir les associations de jeunes de {lieu}",
      "favoriser la mobilité des jeunes entre les deux communes"}},
    {"sport",
     3,
     "le sport",
     "de sport",
     {"un terrain de football", "des équipements sportifs", "un tournoi inter-écoles"},
     {"réhabiliter le stade municipal", "organiser des rencontres sportives de jeunes"}},
    {"tourisme",
     3,
     "le tourisme",
     "de tourisme",
     {"un office du tourisme", "des circuits de randonnée", "un site touristique aménagé"},
     {"promouvoir le tourisme solidaire", "former des guides locaux", "aménager les cascades de {lieu}"}},
    {"gouvernance locale",
     6,
     "la gouvernance locale",
     "de gouvernance locale",
     {"le plan de développement communal", "un budget participatif", "des séances de redevabilité"},
     {"renforcer les capacités des élus", "associer la population aux décisions du conseil municipal",
      "organiser des audiences publiques de reddition des comptes"}},
    {"état civil",
     4,
     "l’état civil",
     "d’état civil",
     {"les registres d’état civil", "un centre secondaire d’état civil à {lieu}",
      "un logiciel de gestion de l’état civil", "des actes de naissance sécurisés"},
     {"numériser les registres d’état civil", "organiser des audiences foraines de jugements supplétifs",
      "former les officiers d’état civil", "améliorer l’enregistrement des naissances"}},
    {"finances locales",
     3,
     "les finances locales",
     "de finances locales",
     {"le fichier des contribuables", "la taxe de marché", "le budget communal"},
     {"améliorer le recouvrement des recettes propres", "recenser les contribuables",
      "moderniser la chaîne fiscale locale"}},
    {"déchets",
     4,
     "la gestion des déchets",
     "de gestion des déchets",
     {"une décharge contrôlée", "des points de regroupement des ordures", "des tricycles de collecte",
      "une unité de compostage"},
     {"organiser la pré-collecte des déchets ménagers", "valoriser les déchets plastiques",
      "fermer les dépotoirs sauvages de {lieu}"}},
    {"énergie",
     4,
     "l’énergie",
     "d’énergie",
     {"des lampadaires solaires", "un mini-réseau solaire à {lieu}", "des kits photovoltaïques"},
     {"électrifier les centres de santé par l’énergie solaire", "installer l’éclairage public solaire",
      "réduire les dépenses d’énergie de la mairie"}},
    {"développement économique",
     4,
     "le développement économique",
     "de développement économique",
     {"un marché moderne", "une gare routière", "des activités génératrices de revenus", "une zone artisanale"},
     {"construire un hangar au marché de {lieu}", "appuyer les petites et moyennes entreprises",
      "soutenir les activités génératrices de revenus des femmes"}},
    {"aménagement du territoire et infrastructures",
     5,
     "l’aménagement du territoire et les infrastructures",
     "d’aménagement du territoire et d’infrastructures",
     {"des pistes rurales", "un pont sur la rivière de {lieu}", "un schéma directeur d’aménagement urbain",
      "la voirie urbaine", "l’adressage des rues"},
     {"réhabiliter les pistes rurales", "élaborer le schéma directeur d’aménagement", "réaliser l’adressage des rues",
      "construire un dalot à {lieu}"}},
};

struct Country {
    const char* code;
    int weight;
    const char* in;            // « en France »
    const char* adjective;     // « la partie française »
    const char* currency;      // since 2002 (or always, when no old one)
    const char* old_currency;  // before 2002, or nullptr
};

// France dominant, then Germany, Belgium, Canada, Italy; South–South partners.
const Country kCountries[] = {
    {"FR", 50, "en France", "française", "euros", "francs français"},
    {"DE", 10, "en Allemagne", "allemande", "euros", "deutsche Mark"},
    {"BE", 8, "en Belgique", "belge", "euros", "francs belges"},
    {"CA", 6, "au Canada", "canadienne", "dollars canadiens", nullptr},
    {"IT", 5, "en Italie", "italienne", "euros", "lires"},
    {"BF", 4, "au Burkina Faso", "burkinabè", "francs CFA", nullptr},
    {"BJ", 3, "au Bénin", "béninoise", "francs CFA", nullptr},
    {"SN", 3, "au Sénégal", "sénégalaise", "francs CFA", nullptr},
    {"CI", 2, "en Côte d’Ivoire", "ivoirienne", "francs CFA", nullptr},
    {"MA", 2, "au Maroc", "marocaine", "dirhams", nullptr},
    {"CH", 2, "en Suisse", "suisse", "francs suisses", nullptr},
    {"LU", 1, "au Luxembourg", "luxembourgeoise", "euros", "francs luxembourgeois"},
    {"NE", 1, "au Niger", "nigérienne", "francs CFA", nullptr},
    {"GH", 1, "au Ghana", "ghanéenne", "cedis", nullptr},
    {"ES", 1, "en Espagne", "espagnole", "euros", "pesetas"},
    {"NL", 1, "aux Pays-Bas", "néerlandaise", "euros", "florins"},
};
int country_weights[std::size(kCountries)];

// Invented place names, by country: first part + second part (+ suffix).
struct NameParts {
    std::vector<const char*> a, b, suffix;
};

const NameParts& name_parts(std::string_view code) {
    static const NameParts fr{{"Cor", "Sau", "Ver", "Mau", "Lan", "Bre", "Pel", "Quin", "Tar", "Vil", "Fon", "Mar",
                               "Beau", "Mont", "Roche", "Val"},
                              {"gnac", "ville", "deuil", "zelles", "vrière", "mont", "ssac", "court", "rieux", "lac",
                               "nay", "zac", "fleury", "clair"},
                              {"", "", "", "-sur-Vienne", "-en-Bresse", "-sur-Sèvre", "-les-Bains", "-le-Vieux",
                               "-sur-Loire", "-d’Argence", "-en-Gâtine"}};
    static const NameParts de{
        {"Ober", "Unter", "Alt", "Neu", "Wester", "Oster", "Sonnen", "Lin", "Kirch", "Hohen", "Fal", "Ber"},
        {"heim", "berg", "dorf", "hausen", "feld", "bach", "hügel", "stadt", "au", "ingen"},
        {"", "", "", "", " am Main", " an der Lahn"}};
    static const NameParts be{{"Wa", "Ber", "Flo", "Ste", "Ma", "Hou", "Lou", "Ge", "Cha", "Bra"},
                              {"remont", "loz", "reffe", "mbreux", "nsart", "thier", "sière", "mbloux", "lenne"},
                              {"", "", "", "-Sud", "-sur-Meuse"}};
    static const NameParts ca{{"Saint-Ours", "Lac-", "Rivière-", "Mont-", "Pointe-", "Sainte-Ad", "Val-"},
                              {"Beaulieu", "Vermillon", "aux-Outardes", "Brûlé", "des-Cèdres", "èle"},
                              {"", "", "-de-Lanaudière", "-du-Lac"}};
    static const NameParts it{{"San Vito", "Santa Lucia", "Castel", "Monte", "Villa", "Valtorre", "Borgo"},
                              {"", " Terzo", "nuovo", "fiore", " Alto", "rosa"},
                              {"", " al Piano", " di Sopra", " Marittima"}};
    static const NameParts af{{"Kou", "Tan", "Dia", "Ba", "Sé", "Ti", "Ou", "Za", "Ko", "Nia", "Da", "Gou", "Tenk"},
                              {"dgo", "kpassa", "gou", "nou", "rane", "mbéla", "lé", "bou", "kro", "doudgo", "mbel"},
                              {"", "", "", "-Est", "-Ville"}};
    static const NameParts ma{{"Aït Tam", "Aït Ou", "Aït Bah", "Tafra", "Imi N"},
                              {"lil", "rir", "a", "out", "tanout"},
                              {"", " Nord", " Sud"}};
    static const NameParts ch{{"Ver", "Mon", "Cha", "Bel", "Gran", "Lau", "Ro"},
                              {"nier", "treux", "mpex", "lerive", "dson", "mont"},
                              {"", "", "-sur-Lac"}};
    static const NameParts lu{
        {"Bet", "Dif", "Mer", "Kay", "Hes", "Wal"}, {"tange", "dange", "schange", "ange", "ferdange"}, {""}};
    static const NameParts es{{"San Ro", "Villa", "Puebla de Ar", "Torre", "Val"},
                              {"mán", "franca", "gueda", "dembo", "lejo"},
                              {"", " del Río", " de la Sierra"}};
    static const NameParts nl{
        {"Zuid", "Noord", "Oost", "Wester", "Hooge"}, {"veen", "dam", "wijk", "horst", "meer"}, {""}};
    if (code == "FR") return fr;
    if (code == "DE") return de;
    if (code == "BE") return be;
    if (code == "CA") return ca;
    if (code == "IT") return it;
    if (code == "MA") return ma;
    if (code == "CH") return ch;
    if (code == "LU") return lu;
    if (code == "ES") return es;
    if (code == "NL") return nl;
    return af;
}

// Togolese places that are not communes: villages and quarters.
const char* const kVillageA[] = {"Ko", "Adé", "Ga",  "Tsi", "Ka", "Ma",   "Lo", "Bé",  "Dji",
                                 "To", "Ago", "Kpé", "Ha",  "Wo", "Atti", "Sa", "Nya", "Dé"};
const char* const kVillageB[] = {"vé",  "ta",    "gnohou", "kopé", "mé",  "dji", "koura", "ssé",
                                 "glé", "tokpa", "nou",    "mbo",  "dzi", "kpo", "gbé"};

const char* const kActors[] = {"le comité de jumelage",
                               "les services techniques municipaux",
                               "le point focal de la coopération",
                               "les associations de quartier",
                               "les comités de développement de quartier",
                               "les comités villageois de développement",
                               "le secrétaire général de la mairie",
                               "les chefs traditionnels",
                               "les élus du conseil municipal",
                               "les organisations de la société civile",
                               "le receveur municipal",
                               "les groupements de femmes"};
const char* const kPublics[] = {"les femmes",
                                "les jeunes déscolarisés",
                                "les élèves des écoles primaires",
                                "les agents de l’état civil",
                                "les élus municipaux",
                                "les sages-femmes",
                                "les producteurs maraîchers",
                                "les artisans",
                                "les ménages les plus pauvres",
                                "les personnes handicapées",
                                "les enseignants",
                                "les commerçantes du marché"};
const char* const kNumberWords[] = {"deux", "trois", "quatre", "cinq", "six", "sept", "huit", "dix", "douze", "quinze"};
const char* const kMonths[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                               "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
const char* const kDurations[] = {"deux ans", "trois ans", "quatre ans", "cinq ans", "six ans", "dix ans"};

// --- Agreements: one pool of sentences per kind of clause. ---
enum ClauseKind {
    kObjet,
    kDomaines,
    kEngTogo,
    kEngPartner,
    kFinancement,
    kMaitrise,
    kComite,
    kSuivi,
    kCommunication,
    kDuree,
    kModification,
    kResiliation,
    kDifferends,
    kVigueur,
    kClauseKinds
};

const char* const kClauseTitles[kClauseKinds] = {"Objet",
                                                 "Domaines de coopération",
                                                 "Engagements de {commune}",
                                                 "Engagements de {partenaire}",
                                                 "Financement",
                                                 "Maîtrise d’ouvrage",
                                                 "Comité de suivi",
                                                 "Suivi et évaluation",
                                                 "Communication et visibilité",
                                                 "Durée",
                                                 "Modification",
                                                 "Résiliation",
                                                 "Règlement des différends",
                                                 "Entrée en vigueur"};

const std::vector<std::vector<const char*>> kClauseSentences = {
    {"La présente convention a pour objet de définir les modalités de la coopération entre {commune} et {partenaire} "
     "dans le domaine de {domaine}.",
     "La présente convention organise les relations d’amitié et de coopération décentralisée entre les deux "
     "collectivités, dans le respect des lois de chacune.",
     "Les parties conviennent d’unir leurs efforts pour {action} au bénéfice de la population de {ville}.",
     "Dans les articles qui suivent, la présente convention est désignée par les mots « la présente convention »."},
    {"Les actions prioritaires portent notamment sur {domaine} et sur {domaine}.",
     "Les parties retiennent comme premier chantier de {action}, puis de {action}.",
     "D’autres domaines peuvent être ajoutés d’un commun accord, après avis du comité de suivi.",
     "Une attention particulière est portée à {public} dans toutes les actions de la coopération."},
    {"{Commune} met à disposition le terrain nécessaire à la réalisation de {objet}.",
     "La commune assure l’entretien des équipements réalisés et inscrit chaque année à son budget les crédits "
     "correspondants.",
     "La commune désigne un point focal chargé du suivi quotidien des activités et de la liaison avec {partenaire}.",
     "La commune mobilise {acteur} pour {action}.",
     "La commune apporte une contribution de {montant_fcfa} au titre de sa participation aux investissements."},
    {"{Partenaire} s’engage à mobiliser une contribution de {montant} pour {action}.",
     "{Partenaire} apporte son expertise technique, notamment par l’accueil d’agents de {commune} pour des stages de "
     "{nb} semaines.",
     "La partie {adj} recherche auprès des bailleurs de fonds les cofinancements nécessaires à la réalisation de "
     "{objet}.",
     "La partie {adj} associe {acteur} de sa collectivité à la préparation des missions d’échange."},
    {"Le coût total du programme est estimé à {montant_fcfa}, dont {pct} à la charge de {commune}.",
     "Les fonds sont versés sur un compte ouvert au nom de la commune auprès du Trésor public.",
     "Les dépenses sont exécutées selon les règles de la comptabilité publique en vigueur au Togo.",
     "Un rapport financier est transmis à chaque partie au plus tard le 31 mars de l’année suivante.",
     "La contribution de {partenaire} s’élève à {montant} pour la période {periode}."},
    {"La maîtrise d’ouvrage des travaux est assurée par {commune}, qui peut déléguer la maîtrise d’œuvre à un bureau "
     "d’études agréé.",
     "Les marchés sont passés conformément au code des marchés publics et aux procédures de la commune.",
     "La réception des ouvrages est prononcée en présence des représentants des deux parties.",
     "Le choix de l’emplacement de {objet} associe {acteur}."},
    {"Il est institué un comité de suivi paritaire composé de {n} représentants de chaque partie, dont au moins un "
     "élu.",
     "Le comité se réunit au moins une fois par an, alternativement à {ville} et à {pnom}, ou par visioconférence.",
     "Le comité arrête le programme annuel d’activités, examine les rapports techniques et financiers et propose les "
     "ajustements nécessaires.",
     "Ses décisions sont prises par consensus ; un compte rendu est établi à l’issue de chaque réunion."},
    {"Un rapport d’exécution technique et financier est présenté chaque année au conseil municipal.",
     "Une évaluation à mi-parcours est réalisée par un consultant indépendant au cours de l’année {annee}.",
     "Les indicateurs de suivi portent notamment sur le nombre de bénéficiaires, soit {benef} attendus."},
    {"Les parties font connaître la coopération auprès de leurs populations, notamment par la presse locale et les "
     "radios communautaires.",
     "Les ouvrages réalisés portent une plaque mentionnant le soutien de {partenaire}.",
     "Une journée de l’amitié entre {ville} et {pnom} est organisée chaque année."},
    {"La présente convention est conclue pour une durée de {duree}, renouvelable par tacite reconduction.",
     "La convention peut être prolongée par avenant, après évaluation des actions réalisées."},
    {"La présente convention peut être modifiée par voie d’avenant, à l’initiative de l’une ou l’autre des parties.",
     "Le projet d’avenant est examiné par le comité de suivi avant d’être soumis aux organes délibérants."},
    {"Chacune des parties peut mettre fin à la présente convention par lettre recommandée, moyennant un préavis de six "
     "mois.",
     "La résiliation ne remet pas en cause les actions engagées, qui sont menées à leur terme."},
    {"Les différends nés de l’application de la présente convention sont réglés à l’amiable par le comité de suivi.",
     "À défaut d’accord, les parties recourent à la médiation d’une personnalité choisie d’un commun accord."},
    {"La présente convention entre en vigueur à la date de sa signature par les deux parties.",
     "Conformément à {cit}, elle est transmise à l’autorité de tutelle dès sa signature.",
     "La présente convention a été approuvée par délibération du conseil municipal de {ville} du {date}."},
};

// Sentences any agreement clause may carry, about its themes.
const char* const kAgreementTheme[] = {
    "Les parties conviennent de {action} au cours de la période {periode}.",
    "Le programme prévoit notamment {objet} et {objet}.",
    "La définition des besoins et le suivi des réalisations associent {acteur}.",
    "Les actions visent en priorité {public}, soit {benef}.",
    "Conformément à {cit}, la commune exerce ses compétences {en_matiere}.",
    "Une mission d’échange réunit chaque année les techniciens des deux collectivités pour {action}.",
    "La mise en œuvre des actions tient compte du plan de développement communal de {ville}.",
};

// --- Interviews. ---
const char* const kQuestions[] = {
    "Comment le partenariat avec {pnom} est-il né ?",
    "Quels sont les principaux résultats dans le domaine de {domaine} ?",
    "Qui décide des priorités de la coopération ?",
    "Comment la population a-t-elle été associée au projet de {objet} ?",
    "Quelles difficultés avez-vous rencontrées ?",
    "Le comité de jumelage fonctionne-t-il encore ?",
    "La réforme de 2019 a-t-elle changé quelque chose pour la coopération décentralisée ?",
    "Combien la commune apporte-t-elle sur son propre budget ?",
    "Qui entretient les équipements une fois les travaux terminés ?",
    "Que pensez-vous de la maîtrise d’ouvrage communale ?",
    "Quelles sont vos attentes pour les prochaines années ?",
    "Avez-vous des échanges avec d’autres communes de la région ?",
    "Comment se passent les missions d’échange ?",
    "Les femmes sont-elles associées aux décisions ?",
    "Que reste-t-il des premières réalisations ?",
};
const char* const kOralOpeners[] = {"Bon, ",
                                    "Vous savez, ",
                                    "En fait, ",
                                    "Disons que ",
                                    "Franchement, ",
                                    "Au début, ",
                                    "",
                                    "",
                                    "",
                                    "Oui, ",
                                    "C’est une bonne question. "};
const char* const kAnswers[] = {
    "le jumelage a commencé par des échanges de lettres entre les écoles, puis les élus de {pnom} sont venus à {ville} "
    "en {annee}.",
    "nous avons pu {action}, et aujourd’hui {benef} en profitent.",
    "le plus difficile, c’est l’entretien : quand une pompe tombe en panne, il faut attendre des semaines pour la "
    "pièce.",
    "la commune met {montant_fcfa} chaque année, ce n’est pas beaucoup mais c’est notre part.",
    "avec la loi de 2019, les communes ont des conseils élus, et le maire peut signer des conventions avec l’accord du "
    "conseil.",
    "on nous dit que, selon {cit}, la coopération doit être déclarée au ministère ; nous envoyons un rapport chaque "
    "année.",
    "on réunit {acteur} tous les trimestres, mais les réunions dépendent beaucoup des personnes.",
    "le partenaire ne décide pas seul : nous préparons le programme ensemble, en comité, à {ville} ou par "
    "visioconférence.",
    "il faudrait maintenant {action} ; c’est ce que demandent {public}.",
    "les jeunes de {pnom} viennent en été pour des chantiers, ils ont travaillé avec nous sur {objet}.",
    "les femmes du marché ont été consultées avant le choix de l’emplacement, sinon personne ne l’aurait utilisé.",
    "la maîtrise d’ouvrage communale, c’est une fierté, mais il nous manque des techniciens.",
    "les changements d’interlocuteurs après chaque élection ralentissent tout ; il faut que les documents restent.",
    "nous avons aussi des relations avec des communes du Bénin et du Burkina Faso, c’est une coopération sud-sud.",
    "sans la coopération, nous n’aurions jamais eu {objet} dans le quartier de {lieu}.",
    "au début, c’était surtout des échanges entre écoles et des envois de matériel ; maintenant, nous faisons des "
    "projets ensemble.",
    "les habitants de {lieu} ont creusé eux-mêmes les tranchées, c’était leur contribution.",
    "le comité de suivi ne s’est pas réuni depuis {annee}, il faut le relancer.",
    "nous avons appris à monter des dossiers pour les bailleurs, c’est un vrai changement.",
    "ce qui manque, ce sont les moyens de fonctionnement : on construit, mais il faut payer le gardien, l’électricité, "
    "les réparations.",
    "les partenaires de {pnom} nous ont aidés à {action}, mais c’est la commune qui décide.",
};
const char* const kIncidents[] = {
    "Rires.", "Un téléphone sonne.", "Coupure de courant ; l’entretien reprend quelques minutes plus tard.",
    "Passage d’une moto devant la mairie.", "Une personne entre pour saluer les participants."};

// --- Studies. ---
const char* const kStudySectionTitles[] = {"Contexte",
                                           "Méthodologie",
                                           "Historique du partenariat avec {pnom}",
                                           "Réalisations dans le domaine de {domaine}",
                                           "Difficultés rencontrées",
                                           "Financement de la coopération",
                                           "Cadre juridique de la coopération décentralisée",
                                           "Rôle des acteurs locaux",
                                           "Recommandations",
                                           "Perspectives",
                                           "Conclusion",
                                           "Analyse des entretiens",
                                           "La maîtrise d’ouvrage communale",
                                           "Place de {public} dans les projets"};
const char* const kStudySentences[] = {
    "La coopération décentralisée est un mode de partenariat entre collectivités territoriales de pays différents.",
    "L’étude s’appuie sur {nb} entretiens menés à {ville} et sur l’analyse des conventions signées depuis {annee}.",
    "Selon {cit}, les collectivités territoriales peuvent coopérer entre elles et avec des collectivités étrangères.",
    "{pct} des personnes interrogées estiment que le partenariat a permis de {action}.",
    "Les réalisations les plus citées sont {objet} et {objet}.",
    "La dépendance au financement extérieur reste forte : la part de la commune ne dépasse pas {pct} du budget des "
    "projets.",
    "Les comités de jumelage jouent un rôle de relais, mais leur activité varie selon les mandats.",
    "La maîtrise d’ouvrage communale progresse depuis l’installation des conseils municipaux élus en 2019.",
    "Il est recommandé de {action} et de mieux associer {public} aux décisions.",
    "Le suivi des conventions souffre de l’absence d’archives : plusieurs textes n’ont pu être retrouvés.",
    "La coopération avec {partenaire} {en_pays} illustre cette évolution.",
    "Les montants mobilisés atteignent {montant_fcfa} sur la période {periode}.",
    "Selon {acteur}, les échanges se sont poursuivis malgré les changements d’équipes.",
    "Les entretiens montrent que {public} restent peu associés à la préparation des projets.",
    "Entre {annee} et {annee}, {commune} a signé plusieurs avenants avec {partenaire}.",
    "Le coût d’entretien de {objet} n’a pas toujours été prévu au budget communal.",
    "Les missions d’échange ont permis aux agents municipaux de {action}.",
    "La Faîtière des communes du Togo encourage la mutualisation des expériences de coopération.",
    "Le rapport du ministère sur la coopération décentralisée recense les conventions actives et les montants "
    "mobilisés.",
    "Plusieurs interlocuteurs soulignent le rôle du comité de jumelage de {pnom}.",
    "La commune a consacré {pct} de ses recettes propres au cofinancement des projets en {annee}.",
    "Les projets relatifs à {domaine} sont les plus fréquents dans l’échantillon étudié.",
    "La coopération sud-sud progresse, notamment avec des communes du Bénin, du Burkina Faso et du Ghana.",
};
const char* const kStudyNotes[] = {"Entretien avec le point focal de la coopération, {date}.",
                                   "Voir le rapport annuel de la commune de {ville} pour {annee}.",
                                   "Chiffres communiqués par la direction des services techniques de {ville}."};
const char* const kStudyAuthors[] = {
    "Cabinet d’études Horizon Local (fictif)", "Équipe de recherche sur la coopération décentralisée (fictive)",
    "Observatoire des collectivités territoriales (fictif)", "Bureau d’appui aux communes (fictif)",
    "Centre d’études sur la gouvernance locale (fictif)"};

// --- Legal texts. ---
const char* const kLegalHeadings[] = {"Objet",
                                      "Champ d’application",
                                      "Définitions",
                                      "Compétences des communes {en_matiere}",
                                      "Conventions de coopération décentralisée",
                                      "Approbation des conventions",
                                      "Transmission au représentant de l’État",
                                      "Rapport annuel",
                                      "Dispositions financières",
                                      "Contrôle de légalité",
                                      "Dispositions transitoires",
                                      "Exécution",
                                      "Comité national de suivi",
                                      "Registre des conventions",
                                      "Fonds d’appui aux collectivités territoriales"};
const char* const kLegalSentences[] = {
    "Les communes exercent les compétences qui leur sont transférées {en_matiere}.",
    "Les collectivités territoriales peuvent conclure des conventions de coopération avec des collectivités "
    "territoriales étrangères, dans le respect des engagements internationaux de l’État.",
    "La convention est soumise à la délibération du conseil municipal avant sa signature par le maire.",
    "Le maire transmet la convention signée au représentant de l’État dans un délai de {nb} jours.",
    "Le ministre chargé de la décentralisation tient un registre des conventions de coopération décentralisée.",
    "Les ressources mobilisées au titre de la coopération décentralisée sont inscrites au budget de la collectivité.",
    "Les modalités d’application du présent article sont précisées par arrêté du ministre chargé de la "
    "décentralisation.",
    "Aucune convention ne peut être passée entre une collectivité territoriale et un État étranger.",
    "Le transfert des compétences s’accompagne du transfert des ressources correspondantes.",
    "Les communes peuvent se regrouper pour {action}.",
    "Le présent texte s’applique sans préjudice de {cit}.",
    "Le fonds d’appui finance en priorité les communes les moins dotées, notamment pour {action}.",
    "Le conseil municipal délibère sur toute convention de coopération décentralisée engageant les finances de la "
    "commune.",
    "Le représentant de l’État peut déférer au tribunal administratif toute convention qu’il estime contraire à la "
    "loi.",
    "Le rapport annuel sur la coopération décentralisée est présenté au conseil national de suivi de la "
    "décentralisation.",
    "Les conventions précisent l’objet des actions, leur durée, les engagements financiers des parties et les "
    "modalités de suivi.",
    "Les collectivités territoriales informent le ministre chargé des affaires étrangères des conventions qu’elles "
    "concluent.",
    "Les agents mis à disposition au titre de la coopération conservent leur statut d’origine.",
    "Les biens acquis dans le cadre de la coopération décentralisée sont inscrits au patrimoine de la commune.",
    "Sont abrogées toutes dispositions antérieures contraires au présent texte.",
};

// ---------------------------------------------------------------------------
// Text helpers.

// Appends `s` XML-escaped (text and attribute values alike).
void append_escaped(std::string& out, std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        size_t special = s.find_first_of("&<>\"", i);
        out.append(s.substr(i, special == std::string_view::npos ? std::string_view::npos : special - i));
        if (special == std::string_view::npos) break;
        switch (s[special]) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            default:
                out += "&quot;";
        }
        i = special + 1;
    }
}

// First letter in capitals: ASCII, and the accented capitals French starts sentences with.
void capitalize_first(std::string& s) {
    if (s.empty()) return;
    unsigned char c = static_cast<unsigned char>(s[0]);
    if (c >= 'a' && c <= 'z') {
        s[0] = static_cast<char>(c - 'a' + 'A');
    } else if (c == 0xC3 && s.size() > 1) {
        unsigned char d = static_cast<unsigned char>(s[1]);
        if (d >= 0xA0 && d <= 0xBE && d != 0xB7) s[1] = static_cast<char>(d - 0x20);  // é → É, à → À...
    }
}

bool starts_with_vowel(std::string_view s) {
    if (s.empty()) return false;
    if (std::strchr("AEIOUaeiou", s[0])) return true;
    return s.starts_with("É") || s.starts_with("é") || s.starts_with("Î") || s.starts_with("Â");
}

// « de Kpalimé », « d’Atakpamé ».
std::string de(std::string_view name) { return (starts_with_vowel(name) ? "d’" : "de ") + std::string(name); }

// "1 234 567".
std::string grouped(uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
        out += digits[i];
    }
    return out;
}

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

struct Date {
    int y = 2000, m = 1, d = 1;
    int key() const { return y * 10000 + m * 100 + d; }
    std::string iso() const { return std::to_string(y) + "-" + two(m) + "-" + two(d); }
    std::string french() const {
        return (d == 1 ? std::string("1er") : std::to_string(d)) + " " + kMonths[m - 1] + " " + std::to_string(y);
    }
};

Date random_date(Rng& rng, int year) { return Date{year, rng.range(1, 12), rng.range(1, 28)}; }

// ---------------------------------------------------------------------------
// The gazetteer (read from togo.xml).

struct Commune {
    std::string id, name, town;  // "kloto-1", "Kloto 1", "Kpalimé" (former name, chef-lieu, or the name)
    std::string prefecture_id, prefecture, region_id, region;
    bool prodegol = false;
};

struct Gazetteer {
    std::vector<Commune> communes;
    std::vector<int> weights;  // ProDeGoL communes and Lomé's appear more often
    int total_weight = 0;
    std::vector<std::pair<std::string, std::string>> regions;  // id, name
};

bool load_gazetteer(const std::string& path, Gazetteer& gaz, std::string& error) {
    pugi::xml_document doc;
    pugi::xml_parse_result r = doc.load_file(path.c_str());
    if (!r) {
        error = path + " : répertoire des communes illisible (" + r.description() + ")";
        return false;
    }
    for (pugi::xml_node region : doc.document_element().children("region")) {
        gaz.regions.emplace_back(region.attribute("id").value(), region.attribute("nom").value());
        for (pugi::xml_node pref : region.children("prefecture")) {
            for (pugi::xml_node c : pref.children("commune")) {
                Commune com;
                com.id = c.attribute("id").value();
                com.name = c.attribute("nom").value();
                com.prefecture_id = pref.attribute("id").value();
                com.prefecture = pref.attribute("nom").value();
                com.region_id = region.attribute("id").value();
                com.region = region.attribute("nom").value();
                com.prodegol = std::string_view(c.attribute("prodegol").value()) == "oui";
                for (pugi::xml_node a : c.children("alias"))
                    if (std::string_view(a.attribute("type").value()) == "ancien-nom") com.town = a.text().get();
                // « Kloto 1 » is the chef-lieu's commune; others keep their own name.
                if (com.town.empty())
                    com.town = com.name.ends_with(" 1") ? pref.attribute("chefLieu").value() : com.name;
                int w = com.prodegol ? 5 : 1;
                if (com.id.starts_with("golfe") || com.id.starts_with("agoe")) w = 2;
                gaz.weights.push_back(w);
                gaz.total_weight += w;
                gaz.communes.push_back(std::move(com));
            }
        }
    }
    if (gaz.communes.empty()) {
        error = path + " : aucune commune dans le répertoire";
        return false;
    }
    return true;
}

size_t pick_commune(Rng& rng, const Gazetteer& gaz) {
    int r = static_cast<int>(rng.below(static_cast<uint32_t>(gaz.total_weight)));
    for (size_t i = 0; i < gaz.weights.size(); ++i) {
        if (r < gaz.weights[i]) return i;
        r -= gaz.weights[i];
    }
    return gaz.weights.size() - 1;
}

// « la région des Savanes », « la région de la Kara ».
std::string region_phrase(std::string_view name) {
    if (name == "Savanes" || name == "Plateaux") return "la région des " + std::string(name);
    if (name == "Kara") return "la région de la Kara";
    return "la région " + std::string(name);
}

// ---------------------------------------------------------------------------
// The plan: what every document is, decided before any text is written.

enum class Type { partenariat, convention, entretien, etude, loi };
const char* const kTypeDirs[] = {"partenariats", "conventions", "entretiens", "etudes", "lois"};
const char* const kTypeLabels[] = {"partenariats", "conventions", "entretiens", "études", "textes juridiques"};

struct Partnership {
    std::string id, title;
    std::vector<size_t> communes;        // gazetteer indexes; empty for a région-level partnership
    std::string region_id, region_name;  // when the Togolese side is a région
    std::string partner, partner_prose;  // "Corgnac-sur-Vienne", "la commune de Corgnac-sur-Vienne"
    std::string partner_short;           // how the text names it: "Corgnac-sur-Vienne", "le département de …"
    std::string level;                   // niveau
    size_t country = 0;                  // index into kCountries
    const char* nature = "jumelage";
    int start = 2000, end = 0;  // end 0: ongoing
    const char* status = "actif";
    std::vector<int> themes;
};

struct LegalText {
    std::string kind;    // loi, decret, arrete
    std::string number;  // "2003-512"
    Date date;
    int articles = 0;
    std::string work;  // /akn/tg/act/decret/2003-05-12/2003-512
    std::string id;    // the indexer's id: slug of the work URI
    std::string file;  // decret-2003-512
    int theme = 0;
};

struct DocPlan {
    Type type = Type::convention;
    uint32_t ordinal = 0;   // among documents of its type (file bucket)
    uint32_t words = 600;   // text budget
    uint32_t units = 0;     // articles, clauses, utterances, sections (+ preamble)
    int partnership = -1;   // main partnership (index), -1 none
    int partnership2 = -1;  // a second one (studies, some agreements)
    int legal = -1;         // index into Plan::legal
    Date date;
    std::vector<int> themes;
};

struct Plan {
    std::vector<DocPlan> docs;
    std::vector<Partnership> partnerships;
    std::vector<LegalText> legal;
    std::vector<size_t> legal_by_date;  // indexes into legal, oldest first
    uint64_t units = 0;
    uint64_t type_count[5] = {};
};

// Lowercase ASCII slug; the accented letters of French folded ("é" → "e").
std::string slug_ascii(std::string_view in) {
    static const std::pair<std::string_view, char> kFold[] = {
        {"é", 'e'}, {"è", 'e'}, {"ê", 'e'}, {"ë", 'e'}, {"à", 'a'}, {"â", 'a'}, {"î", 'i'},
        {"ï", 'i'}, {"ô", 'o'}, {"û", 'u'}, {"ù", 'u'}, {"ç", 'c'}, {"É", 'e'}};
    std::string s;
    for (size_t i = 0; i < in.size(); ++i) {
        bool folded = false;
        for (const auto& [from, to] : kFold)
            if (in.substr(i).starts_with(from)) {
                s += to;
                i += from.size() - 1;
                folded = true;
                break;
            }
        if (!folded) s += in[i];
    }
    std::string out;
    for (char c : s) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out += c;
        else if (c >= 'A' && c <= 'Z')
            out += static_cast<char>(c - 'A' + 'a');
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

std::vector<int> pick_themes(Rng& rng, int count) {
    static int weights[32];
    static int total = [] {
        int t = 0;
        for (size_t i = 0; i < kThemes.size(); ++i) t += (weights[i] = kThemes[i].weight);
        return t;
    }();
    std::vector<int> out;
    for (int tries = 0; static_cast<int>(out.size()) < count && tries < 50; ++tries) {
        int r = static_cast<int>(rng.below(static_cast<uint32_t>(total)));
        int i = 0;
        while (r >= weights[i]) r -= weights[i++];
        if (std::find(out.begin(), out.end(), i) == out.end()) out.push_back(i);
    }
    return out;
}

std::string invented_name(Rng& rng, size_t country) {
    const NameParts& p = name_parts(kCountries[country].code);
    std::string name = std::string(rng.pick(p.a)) + rng.pick(p.b) + rng.pick(p.suffix);
    return name;
}

void plan_partnership(Rng& rng, const Gazetteer& gaz, Plan& plan, uint32_t ordinal) {
    Partnership p;
    p.country = rng.weighted(country_weights);
    const std::string_view code = kCountries[p.country].code;
    std::string name = invented_name(rng, p.country);
    static const int level_w[] = {70, 8, 3, 6, 8, 3, 2};
    static const char* const levels[] = {"commune", "intercommunalite", "communes", "departement",
                                         "region",  "etat-federe",      "autre"};
    size_t lv = rng.weighted(level_w);
    if (lv == 5 && code != "DE" && code != "CA" && code != "BE") lv = 0;
    p.level = levels[lv];
    switch (lv) {
        case 0:
            p.partner = name;
            p.partner_prose = "la commune " + de(name);
            break;
        case 1:
            p.partner = "Communauté de communes " + de(name);
            p.partner_prose = "la communauté de communes " + de(name);
            break;
        case 2:
            p.partner = "Communes du canton " + de(name);
            p.partner_prose = "les communes du canton " + de(name);
            break;
        case 3:
            p.partner = (code == "FR" ? "Département " : "Province ") + de(name);
            p.partner_prose = (code == "FR" ? "le département " : "la province ") + de(name);
            break;
        case 4:
            p.partner = "Région " + name;
            p.partner_prose = "la région " + name;
            break;
        case 5:
            p.partner = (code == "DE" ? "Land " : code == "BE" ? "Communauté " : "Province ") + de(name);
            p.partner_prose = (code == "DE" ? "le Land " : code == "BE" ? "la Communauté " : "la province ") + de(name);
            break;
        default:
            p.partner = "Syndicat intercommunal " + de(name);
            p.partner_prose = "le syndicat intercommunal " + de(name);
    }

    p.partner_short = lv == 0 ? p.partner : p.partner_prose;
    std::string togo_side;
    double r = rng.unit();
    if (r < 0.02) {
        const auto& [rid, rname] = rng.pick(gaz.regions);
        p.region_id = rid;
        p.region_name = rname;
        togo_side = region_phrase(rname).substr(3);
        capitalize_first(togo_side);
    } else {
        size_t c = pick_commune(rng, gaz);
        p.communes.push_back(c);
        if (r > 0.95) {  // two communes of one préfecture, together
            for (size_t i = 0; i < gaz.communes.size(); ++i)
                if (i != c && gaz.communes[i].prefecture_id == gaz.communes[c].prefecture_id) {
                    p.communes.push_back(i);
                    break;
                }
        }
        const Commune& com = gaz.communes[c];
        togo_side = com.name + (com.town != com.name ? " (" + com.town + ")" : "");
        if (p.communes.size() > 1) togo_side += " et " + gaz.communes[p.communes[1]].name;
    }

    static const int nature_w[] = {45, 30, 10, 10, 5};
    static const char* const natures[] = {"jumelage", "cooperation", "convention-cadre", "amitie", "autre"};
    static const char* const nature_titles[] = {"Jumelage", "Coopération", "Convention-cadre", "Amitié", "Partenariat"};
    size_t nat = rng.weighted(nature_w);
    p.nature = natures[nat];
    // More partnerships began lately than in the 1980s.
    p.start = 1985 + static_cast<int>(39.0 * std::pow(rng.unit(), 0.8));
    if (rng.chance(0.18)) {
        p.end = std::min(2026, p.start + rng.range(3, 20));
        p.status = "arrete";
    } else {
        p.status = rng.chance(0.65) ? "actif" : "inconnu";
    }
    p.themes = pick_themes(rng, rng.range(1, 4));
    p.title = std::string(nature_titles[nat]) + " " + togo_side + " – " + p.partner;
    std::string side_slug = p.communes.empty() ? p.region_id : gaz.communes[p.communes[0]].id;
    char num[16];
    std::snprintf(num, sizeof num, "%06u", ordinal);
    p.id = "part-syn-" + std::string(num) + "-" + side_slug;
    plan.partnerships.push_back(std::move(p));
}

void plan_legal(Rng& rng, Plan& plan, std::vector<int>& per_year) {
    LegalText t;
    static const int kind_w[] = {20, 50, 30};
    static const char* const kinds[] = {"loi", "decret", "arrete"};
    t.kind = kinds[rng.weighted(kind_w)];
    t.date = random_date(rng, rng.range(1985, 2026));
    // Numbers from 500 on, one sequence per year for all kinds: unique, and
    // never one of the real texts' numbers.
    t.number = std::to_string(t.date.y) + "-" + std::to_string(500 + per_year[t.date.y - 1985]++);
    t.work = "/akn/tg/act/" + t.kind + "/" + t.date.iso() + "/" + t.number;
    t.id = slug_ascii(t.work);
    t.file = t.kind + "-" + t.number;
    t.theme = pick_themes(rng, 1)[0];
    plan.legal.push_back(std::move(t));
}

// A document's word budget: the type's mean times a spread factor (0.45-2.0, mean ≈ 1).
uint32_t word_budget(Rng& rng, double mean) {
    double f = 0.45 + 1.1 * (rng.unit() + rng.unit()) / 2.0 + (rng.chance(0.08) ? 0.5 * rng.unit() : 0.0);
    return static_cast<uint32_t>(mean * f);
}

uint32_t clamp_units(double v, uint32_t lo, uint32_t hi) { return std::clamp(static_cast<uint32_t>(v + 0.5), lo, hi); }

// Picks a partnership, the first ones more often (they have had time to gather documents).
int pick_partnership(Rng& rng, const Plan& plan) {
    double u = rng.unit();
    return static_cast<int>(static_cast<double>(plan.partnerships.size()) * u * u);
}

Plan make_plan(uint64_t seed, const Gazetteer& gaz, uint64_t max_docs, uint64_t max_units) {
    Plan plan;
    Rng rng(seed ^ 0x636F6F70646563ULL);  // "coopdec"
    std::vector<int> per_year(2026 - 1985 + 1, 0);
    // Partnership records: 15 % of the first 300 documents (as in the bundled
    // corpus), then fewer and fewer, so that a large corpus has a few
    // partnerships per commune (about 350 for 12,000 documents, 750 for
    // 100,000), each with more documents, rather than thousands.
    static const int other_w[] = {38, 22, 15, 10};  // convention, entretien, etude, loi
    while ((max_docs && plan.docs.size() < max_docs) || (max_units && plan.units < max_units)) {
        DocPlan d;
        const double i = static_cast<double>(plan.docs.size());
        const double p_partnership = i < 300 ? 0.15 : 0.15 * std::pow(300.0 / i, 0.7);
        d.type = rng.chance(p_partnership) ? Type::partenariat : static_cast<Type>(1 + rng.weighted(other_w));
        if (plan.partnerships.empty() && d.type != Type::loi) d.type = Type::partenariat;
        d.ordinal = static_cast<uint32_t>(plan.type_count[static_cast<int>(d.type)]++);
        switch (d.type) {
            case Type::partenariat: {
                plan_partnership(rng, gaz, plan, d.ordinal);
                d.partnership = static_cast<int>(plan.partnerships.size() - 1);
                const Partnership& p = plan.partnerships.back();
                d.date = Date{p.start, 1, 1};
                d.themes = p.themes;
                d.words = word_budget(rng, 210);
                d.units = 0;  // a record is one document, no unit of its own
                break;
            }
            case Type::convention: {
                d.partnership = pick_partnership(rng, plan);
                const Partnership& p = plan.partnerships[d.partnership];
                int last = p.end ? p.end : 2026;
                d.date = random_date(rng, rng.range(p.start, std::max(p.start, last)));
                d.themes = p.themes;
                if (d.themes.size() > 1 && rng.chance(0.5))
                    d.themes.resize(rng.range(1, static_cast<int>(d.themes.size())));
                d.words = word_budget(rng, 520);
                d.units = clamp_units(d.words / 85.0, 4, 14);
                break;
            }
            case Type::entretien: {
                d.partnership = pick_partnership(rng, plan);
                const Partnership& p = plan.partnerships[d.partnership];
                d.date = random_date(rng, rng.range(std::max(p.start, 1995), 2026));
                d.themes = p.themes;
                d.words = word_budget(rng, 560);
                d.units = clamp_units(d.words / 42.0, 8, 40);
                break;
            }
            case Type::etude: {
                d.partnership = pick_partnership(rng, plan);
                if (rng.chance(0.4)) d.partnership2 = pick_partnership(rng, plan);
                if (d.partnership2 == d.partnership) d.partnership2 = -1;
                const Partnership& p = plan.partnerships[d.partnership];
                d.date = random_date(rng, rng.range(std::max(p.start, 1990), 2026));
                d.themes = pick_themes(rng, rng.range(1, 3));
                d.words = word_budget(rng, 650);
                d.units = clamp_units(d.words / 120.0, 3, 14);
                break;
            }
            case Type::loi: {
                plan_legal(rng, plan, per_year);
                d.legal = static_cast<int>(plan.legal.size() - 1);
                LegalText& t = plan.legal.back();
                d.date = t.date;
                d.themes = {t.theme};
                d.words = word_budget(rng, 490);
                t.articles = static_cast<int>(clamp_units(d.words / 50.0, 5, 30));
                d.units = static_cast<uint32_t>(t.articles) + 1;  // + the preamble
                break;
            }
        }
        plan.units += d.units;
        plan.docs.push_back(std::move(d));
    }
    plan.legal_by_date.resize(plan.legal.size());
    for (size_t i = 0; i < plan.legal.size(); ++i) plan.legal_by_date[i] = i;
    std::stable_sort(plan.legal_by_date.begin(), plan.legal_by_date.end(),
                     [&](size_t a, size_t b) { return plan.legal[a].date.key() < plan.legal[b].date.key(); });
    return plan;
}

// ---------------------------------------------------------------------------
// Writing one document.

struct Options {
    std::string out;
    uint64_t documents = 0, units = 0, seed = 1;
    unsigned threads = 0;
    std::string gazetteer = COOPDEC_SOURCE_DIR "/corpus/repertoire/togo.xml";
    std::string schemas = COOPDEC_SOURCE_DIR "/corpus/schema";
    bool quiet = false;
};

struct Totals {
    uint64_t words = 0, bytes = 0, units = 0;
};

// The text generator of one document: its own random numbers, its context
// (commune, partner, themes, date) and its typing habits.
class DocWriter {
public:
    DocWriter(const Plan& plan, const Gazetteer& gaz, const Options& opt, size_t index)
        : plan_(plan),
          gaz_(gaz),
          opt_(opt),
          index_(index),
          d_(plan.docs[index]),
          rng_(opt.seed * 0x9E3779B97F4A7C15ULL + index * 0xD1B54A32D192ED03ULL + 1) {
        straight_ = rng_.chance(0.2);
        oe_ = rng_.chance(0.15);
        if (d_.partnership >= 0) p_ = &plan.partnerships[d_.partnership];
        if (p_ && !p_->communes.empty()) c_ = &gaz.communes[p_->communes[0]];
        if (!c_) c_ = &gaz.communes[pick_commune(rng_, gaz)];
        theme_ = d_.themes.empty() ? 0 : d_.themes[0];
    }

    // The XML of the document; `units` and `words` as written.
    std::string xml(uint64_t& units, uint64_t& words);
    std::string path() const;

private:
    // Text building.
    void expand(std::string& out, std::string_view tpl);
    void fill(std::string& out, std::string_view slot);
    // One sentence from `tpl`, styled, appended with a space before; returns its words.
    uint32_t sentence(std::string& out, std::string_view tpl);
    template <size_t N>
    uint32_t sentence_from(std::string& out, const char* const (&pool)[N]) {
        return sentence(out, fresh(pool, N));
    }
    // A template of `pool` not among the last few used, and not about the
    // 2019 reform in a text written before it.
    const char* fresh(const char* const* pool, size_t n) {
        const char* t = pool[0];
        for (int tries = 0; tries < 8; ++tries) {
            t = pool[rng_.below(static_cast<uint32_t>(n))];
            bool recent = std::find(std::begin(recent_), std::end(recent_), t) != std::end(recent_);
            bool anachronic = d_.date.y < 2020 && std::strstr(t, "2019");
            if (!recent && !anachronic) break;
        }
        recent_[recent_next_++ % std::size(recent_)] = t;
        return t;
    }
    // An index in [0, n) other than `last` when there is a choice; remembered in `last`.
    size_t distinct(size_t n, int& last) {
        size_t i = rng_.below(static_cast<uint32_t>(n));
        if (n > 1 && static_cast<int>(i) == last) i = (i + 1 + rng_.below(static_cast<uint32_t>(n - 1))) % n;
        last = static_cast<int>(i);
        return i;
    }
    std::string text(std::string_view tpl) {
        std::string s;
        expand(s, tpl);
        style(s);
        return s;
    }
    void style(std::string& s) const;
    void next_theme() {
        if (!d_.themes.empty()) theme_ = d_.themes[rng_.below(static_cast<uint32_t>(d_.themes.size()))];
    }
    std::string citation();
    // Citations concentrate, as in real texts: the oldest of the `older`
    // texts (the founding ones) and their first articles most often.
    const LegalText& cited_text(size_t older) {
        const double u = rng_.unit();
        return plan_.legal[plan_.legal_by_date[static_cast<size_t>(static_cast<double>(older) * u * u * u)]];
    }
    int cited_article(const LegalText& t) {
        const double u = rng_.unit();
        return 1 + static_cast<int>(static_cast<double>(t.articles) * u * u);
    }
    std::string amount(bool fcfa);
    std::string village();
    std::string notice(const char* what) const;
    std::string source_text() const;

    std::string partenariat();
    std::string convention();
    std::string entretien();
    std::string etude();
    std::string loi();

    const Plan& plan_;
    const Gazetteer& gaz_;
    const Options& opt_;
    size_t index_;
    const DocPlan& d_;
    Rng rng_;
    const Partnership* p_ = nullptr;
    const Commune* c_ = nullptr;
    int theme_ = 0;
    bool straight_ = false, oe_ = false;
    uint64_t words_ = 0;
    const char* recent_[6] = {};  // the templates used last
    size_t recent_next_ = 0;
    int last_object_ = -1, last_action_ = -1;  // within the current sentence
};

std::string DocWriter::path() const {
    const int t = static_cast<int>(d_.type);
    char bucket[16];
    std::snprintf(bucket, sizeof bucket, "%03u", d_.ordinal / 1000);
    std::string name;
    char num[16];
    std::snprintf(num, sizeof num, "%06u", d_.ordinal);
    switch (d_.type) {
        case Type::partenariat:
            name = p_->id;
            break;
        case Type::convention:
            name = "conv-syn-" + std::string(num) + "-" + c_->id + "-" + std::to_string(d_.date.y);
            break;
        case Type::entretien:
            name = "ent-syn-" + std::string(num) + "-" + c_->id + "-" + std::to_string(d_.date.y);
            break;
        case Type::etude:
            name = "etude-syn-" + std::string(num);
            break;
        case Type::loi:
            name = plan_.legal[d_.legal].file;
            break;
    }
    return opt_.out + "/" + kTypeDirs[t] + "/" + bucket + "/" + name + ".xml";
}

// French contractions and elisions the templates cannot know in advance
// (« de le département » → « du département », « de organiser » →
// « d’organiser »), then the document's typing habits (' for ’, oe for œ).
void contract(std::string& s) {
    // One pass; only a space followed by "d", "à" or "q" can start a rule.
    static const std::pair<std::string_view, std::string_view> kRules[] = {
        {" de le ", " du "}, {" à le ", " au "}, {" de les ", " des "}, {" à les ", " aux "}, {" de des ", " de "}};
    std::string out;
    out.reserve(s.size());
    const std::string_view v(s);
    for (size_t i = 0; i < v.size();) {
        if (v[i] == ' ' && i + 1 < v.size() && (v[i + 1] == 'd' || v[i + 1] == 'q' || v[i + 1] == '\xC3')) {
            std::string_view rest = v.substr(i);
            bool done = false;
            for (const auto& [from, to] : kRules)
                if (rest.starts_with(from)) {
                    // « de des activités » → « d’activités »
                    out += to == " de " && starts_with_vowel(rest.substr(from.size())) ? " d’" : to;
                    i += from.size();
                    done = true;
                    break;
                }
            if (done) continue;
            for (std::string_view word : {" de ", " que "}) {
                if (!rest.starts_with(word)) continue;
                std::string_view next = rest.substr(word.size());
                if (starts_with_vowel(next) || next.starts_with("è") || next.starts_with("ê") ||
                    next.starts_with("ô")) {
                    out += word == " de " ? " d’" : " qu’";
                    i += word.size();
                    done = true;
                }
                break;
            }
            if (done) continue;
        }
        out += v[i++];
    }
    s.swap(out);
}

void DocWriter::style(std::string& s) const {
    contract(s);
    if (!straight_ && !oe_) return;
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (straight_ && s.compare(i, 3, "’") == 0) {
            out += '\'';
            i += 2;
        } else if (oe_ && s.compare(i, 2, "œ") == 0) {
            out += "oe";
            i += 1;
        } else {
            out += s[i];
        }
    }
    s.swap(out);
}

std::string DocWriter::village() {
    std::string v = std::string(rng_.pick(kVillageA)) + rng_.pick(kVillageB);
    return v;
}

// An amount in the partner's currency of the time, or in FCFA.
std::string DocWriter::amount(bool fcfa) {
    const Country* k = p_ ? &kCountries[p_->country] : nullptr;
    if (fcfa || !k) return grouped(static_cast<uint64_t>(rng_.range(2, 400)) * 250000) + " francs CFA";
    const char* cur = (k->old_currency && d_.date.y < 2002) ? k->old_currency : k->currency;
    uint64_t n = std::string_view(cur) == "francs CFA" ? static_cast<uint64_t>(rng_.range(2, 200)) * 500000
                                                       : static_cast<uint64_t>(rng_.range(3, 300)) * 1000;
    return grouped(n) + " " + cur;
}

// A legal citation the document could make at its date: the real laws of the
// time, the French legal basis for French partners, or an earlier synthetic
// text of this corpus (with one of its articles).
std::string DocWriter::citation() {
    const int y = d_.date.y;
    const int key = d_.date.key();
    size_t older = std::lower_bound(plan_.legal_by_date.begin(), plan_.legal_by_date.end(), key,
                                    [&](size_t i, int k) { return plan_.legal[i].date.key() < k; }) -
                   plan_.legal_by_date.begin();
    // Agreements, interviews and studies cite the decentralisation laws
    // mostly; legal texts cite each other more.
    if (older > 0 && rng_.chance(d_.type == Type::loi ? 0.4 : 0.15)) {
        const LegalText& t = cited_text(older);
        std::string kind = t.kind == "loi" ? "la loi" : t.kind == "decret" ? "le décret" : "l’arrêté interministériel";
        std::string act = kind + " n° " + t.number + " du " + t.date.french();
        if (rng_.chance(0.7)) {
            std::string of = t.kind == "loi"      ? "de la loi"
                             : t.kind == "decret" ? "du décret"
                                                  : "de l’arrêté interministériel";
            return "l’article " + std::to_string(cited_article(t)) + " " + of + " n° " + t.number;
        }
        return act;
    }
    if (p_ && std::string_view(kCountries[p_->country].code) == "FR" && y >= 1992 && rng_.chance(0.3)) {
        return y >= 1996
                   ? "l’article L. 1115-1 du code général des collectivités territoriales"
                   : "la loi n° 92-125 du 6 février 1992 relative à l’administration territoriale de la République";
    }
    if (y >= 2019) {
        static const char* const arts[] = {"9", "46", "46", "9", "2", "12", "8"};
        switch (rng_.below(4)) {
            case 0:
                return "la loi n° 2019-006 du 26 juin 2019";
            case 1:
                return "l’article " + std::string(rng_.pick(arts)) + " de la loi n° 2019-006";
            case 2:
                return "l’article " + std::string(rng_.pick(arts)) + " de la loi n° 2019-006 du 26 juin 2019";
            default:
                return "l’article 2 de la loi n° 2007-011 du 13 mars 2007";
        }
    }
    if (y >= 2007) return rng_.chance(0.5) ? "la loi n° 2007-011 du 13 mars 2007" : "l’article 9 de la loi n° 2007-011";
    if (y >= 1998) return "la loi n° 98-006 du 11 février 1998";
    return "la Constitution";
}

void DocWriter::fill(std::string& out, std::string_view slot) {
    const Theme& th = kThemes[theme_];
    const Country* k = p_ ? &kCountries[p_->country] : nullptr;
    auto put = [&](std::string_view s) {
        if (s.find('{') != std::string_view::npos)
            expand(out, s);
        else
            out += s;
    };
    if (slot == "commune")
        put("la commune " + de(c_->town));
    else if (slot == "cnom")
        put(c_->name);
    else if (slot == "ville")
        put(c_->town);
    else if (slot == "partenaire")
        put(p_ ? p_->partner_prose : "la collectivité partenaire");
    else if (slot == "pnom")
        put(p_ ? p_->partner_short : "la collectivité partenaire");
    else if (slot == "en_pays")
        put(k ? k->in : "à l’étranger");
    else if (slot == "adj")
        put(k ? k->adjective : "étrangère");
    else if (slot == "domaine")
        put(th.domain);
    else if (slot == "en_matiere")
        put(std::string("en matière ") + th.matter);
    else if (slot == "objet")
        put(th.objects[distinct(th.objects.size(), last_object_)]);
    else if (slot == "action")
        put(th.actions[distinct(th.actions.size(), last_action_)]);
    else if (slot == "montant")
        put(amount(false));
    else if (slot == "montant_fcfa")
        put(amount(true));
    else if (slot == "n")
        put(rng_.pick(kNumberWords));
    else if (slot == "nb")
        put(std::to_string(rng_.range(2, 60)));
    else if (slot == "pct")
        put(std::to_string(rng_.range(5, 95)) + " %");
    else if (slot == "annee")
        put(std::to_string(std::clamp(d_.date.y + rng_.range(-6, 3), 1985, 2026)));
    else if (slot == "date")
        put(random_date(rng_, std::clamp(d_.date.y - rng_.range(0, 1), 1985, 2026)).french());
    else if (slot == "cit")
        put(citation());
    else if (slot == "acteur")
        put(rng_.pick(kActors));
    else if (slot == "public")
        put(rng_.pick(kPublics));
    else if (slot == "lieu")
        put(village());
    else if (slot == "benef")
        put("près de " + grouped(static_cast<uint64_t>(rng_.range(3, 250)) * 100) + " habitants");
    else if (slot == "duree")
        put(rng_.pick(kDurations));
    else if (slot == "periode") {
        int a = std::clamp(d_.date.y + rng_.range(-3, 1), 1985, 2026);
        put(std::to_string(a) + "-" + std::to_string(a + rng_.range(2, 4)));
    } else
        out += slot;  // unknown slot: shows in the output, caught by review
}

void DocWriter::expand(std::string& out, std::string_view tpl) {
    size_t i = 0;
    while (i < tpl.size()) {
        size_t open = tpl.find('{', i);
        if (open == std::string_view::npos) {
            out.append(tpl.substr(i));
            break;
        }
        out.append(tpl.substr(i, open - i));
        size_t close = tpl.find('}', open);
        std::string_view slot = tpl.substr(open + 1, close - open - 1);
        if (!slot.empty() && slot[0] >= 'A' && slot[0] <= 'Z') {
            std::string lower(slot);
            lower[0] = static_cast<char>(lower[0] - 'A' + 'a');
            std::string tmp;
            fill(tmp, lower);
            capitalize_first(tmp);
            out += tmp;
        } else {
            fill(out, slot);
        }
        i = close + 1;
    }
}

uint32_t DocWriter::sentence(std::string& out, std::string_view tpl) {
    last_object_ = last_action_ = -1;
    std::string s;
    expand(s, tpl);
    capitalize_first(s);
    style(s);
    if (!out.empty() && out.back() != '>') out += ' ';
    append_escaped(out, s);
    uint32_t n = 1;
    for (char c : s) n += c == ' ';
    words_ += n;
    return n;
}

// `what` names the document and agrees with it: « Fiche fictive générée ».
std::string DocWriter::notice(const char* what) const {
    return std::string(what) + " automatiquement par coopdec-gencorpus (graine " + std::to_string(opt_.seed) +
           ") pour les tests de charge : document synthétique, rien n’y est réel.";
}

std::string DocWriter::source_text() const {
    return "Document synthétique n° " + std::to_string(index_ + 1) + " généré par coopdec-gencorpus (graine " +
           std::to_string(opt_.seed) + ") : aucune source réelle.";
}

void append_element(std::string& out, const char* name, std::string_view text) {
    out += '<';
    out += name;
    out += '>';
    append_escaped(out, text);
    out += "</";
    out += name;
    out += '>';
}

void append_themes(std::string& out, const std::vector<int>& themes) {
    if (themes.empty()) return;
    out += "  <themes>";
    for (int t : themes) append_element(out, "theme", kThemes[t].value);
    out += "</themes>\n";
}

const char* const kCdHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

std::string DocWriter::partenariat() {
    const Partnership& p = *p_;
    std::string o = kCdHead;
    o += "<partenariat xmlns=\"urn:x-coopdec:corpus:1\" id=\"" + p.id + "\" xml:lang=\"fr\" demo=\"oui\">\n  ";
    append_element(o, "titre", p.title);
    o += "\n  ";
    append_element(o, "avertissement", notice("Fiche fictive générée"));
    o += "\n  <collectivites>\n";
    if (p.communes.empty()) {
        o += "    <collectivite region=\"" + p.region_id + "\">";
        std::string name = region_phrase(p.region_name).substr(3);
        capitalize_first(name);
        append_escaped(o, name);
        o += "</collectivite>\n";
    }
    for (size_t c : p.communes) {
        const Commune& com = gaz_.communes[c];
        o += "    <collectivite commune=\"" + com.id + "\">";
        append_escaped(o, com.town != com.name ? com.name + " (" + com.town + ")" : com.name);
        o += "</collectivite>\n";
    }
    o += "  </collectivites>\n  <partenaire niveau=\"" + p.level + "\" pays=\"" + kCountries[p.country].code + "\">";
    append_escaped(o, p.partner);
    o += "</partenaire>\n  <nature>" + std::string(p.nature) + "</nature>\n";
    o +=
        "  <periode debut=\"" + std::to_string(p.start) + "\" fin=\"" + (p.end ? std::to_string(p.end) : "") + "\"/>\n";
    o += "  <statut>" + std::string(p.status) + "</statut>\n";
    append_themes(o, p.themes);
    if (rng_.chance(0.05)) {
        o += "  ";
        append_element(
            o, "divergence",
            text("Les sources divergent sur la date : " + std::to_string(p.start) + " selon la fiche, " +
                 std::to_string(std::min(2026, p.start + rng_.range(1, 5))) + " selon la première convention."));
        o += "\n";
    }
    o += "  <description>\n";
    uint32_t budget = d_.words;
    uint32_t done = 0;
    static const char* const kOpen[] = {
        "Le partenariat entre {commune} et {partenaire} {en_pays} a commencé en {annee} par des échanges entre écoles.",
        "{Commune} et {partenaire} coopèrent dans le domaine de {domaine}.",
        "Ce partenariat, fondé sur l’amitié entre les populations de {ville} et de {pnom}, s’est structuré autour d’un "
        "comité de jumelage."};
    static const char* const kMore[] = {
        "Les principales réalisations sont {objet} et {objet}.",
        "Les deux collectivités ont pu {action}.",
        "Sur place, le suivi des actions associe {acteur}.",
        "Les échanges concernent aussi {public}.",
        "Le financement repose sur les contributions des deux collectivités, soit {montant} pour la partie {adj}.",
        "Une convention a été signée le {date}, conformément à {cit}.",
        "Des missions d’échange ont lieu presque chaque année, à {ville} comme à {pnom}.",
        "Le comité de jumelage de {ville} compte une trentaine de membres bénévoles.",
        "Les priorités sont revues tous les trois ans par un comité mixte.",
        "Les premières actions ont porté sur {objet}, puis sur {objet}."};
    while (done < budget) {
        next_theme();
        o += "    <p>";
        done += sentence(o, done == 0 ? rng_.pick(kOpen) : fresh(kMore, std::size(kMore)));
        for (int s = rng_.range(1, 4); s > 0 && done < budget; --s) done += sentence_from(o, kMore);
        o += "</p>\n";
    }
    o += "  </description>\n  <sources><source>";
    append_escaped(o, source_text());
    o += "</source></sources>\n</partenariat>\n";
    return o;
}

std::string DocWriter::convention() {
    const Partnership& p = *p_;
    std::string o = kCdHead;
    char num[16];
    std::snprintf(num, sizeof num, "%06u", d_.ordinal);
    std::string id = "conv-syn-" + std::string(num) + "-" + c_->id + "-" + std::to_string(d_.date.y);
    o += "<convention xmlns=\"urn:x-coopdec:corpus:1\" id=\"" + id + "\" xml:lang=\"fr\" demo=\"oui\">\n  ";
    static const char* const kKinds[] = {"Convention de jumelage",
                                         "Convention de coopération décentralisée",
                                         "Convention-cadre de partenariat",
                                         "Protocole d’accord",
                                         "Charte d’amitié",
                                         "Convention spécifique relative à {objet}"};
    std::string title = text(rng_.pick(kKinds));
    if (rng_.chance(0.1)) title = "Avenant n° " + std::to_string(rng_.range(1, 4)) + " à la " + title;
    title += " entre la commune " + de(c_->town) + " et " + p.partner_prose;
    capitalize_first(title);
    append_element(o, "titre", title);
    o += "\n  ";
    append_element(o, "avertissement", notice("Texte de convention fictif généré"));
    o += "\n  <partenariats><partenariat ref=\"" + p.id + "\"/></partenariats>\n";
    o += "  <date>" + d_.date.iso() + "</date>\n  ";
    append_element(o, "lieu", rng_.chance(0.6) ? c_->town : p.partner);
    o += "\n";
    if (rng_.chance(0.7)) append_themes(o, d_.themes);
    const bool special_delegation = d_.date.y >= 2001 && d_.date.y < 2019;
    const std::string_view code = kCountries[p.country].code;
    const char* partner_role = p.level != "commune" ? "president"
                               : code == "BE"       ? "bourgmestre"
                               : code == "IT"       ? "sindaco"
                               : code == "DE"       ? "buergermeister"
                                                    : "maire";
    o += "  <signataires>\n    <signataire role=\"";
    o += special_delegation ? "president-delegation-speciale" : "maire";
    o += "\" collectivite=\"";
    append_escaped(o, c_->name);
    o += "\">";
    append_escaped(o, text(special_delegation ? "Le Président de la délégation spéciale de la commune " + de(c_->town)
                                              : "Le Maire de la commune " + de(c_->town)));
    o += "</signataire>\n    <signataire role=\"" + std::string(partner_role) + "\" collectivite=\"";
    append_escaped(o, p.partner);
    o += "\">";
    std::string who = std::string(p.level == "commune" ? (code == "BE" ? "Le Bourgmestre de " : "Le Maire de ")
                                                       : "Le Président de ") +
                      p.partner_prose;
    append_escaped(o, text(who));
    o += "</signataire>\n  </signataires>\n  <preambule>\n    <p>";
    sentence(o, "Vu {cit} ;");
    o += "</p>\n    <p>";
    sentence(o, "Vu la délibération du conseil municipal de {ville} du {date} ;");
    o += "</p>\n    <p>";
    sentence(o,
             "Considérant la volonté commune de {commune} et de {partenaire} de renforcer leurs liens d’amitié et de "
             "coopération ;");
    o += "</p>\n  </preambule>\n";

    // Which clauses: always the object; the others drawn, kept in the usual order.
    const uint32_t n = d_.units;
    std::vector<int> kinds{kObjet};
    std::vector<int> rest;
    for (int k = 1; k < kClauseKinds; ++k) rest.push_back(k);
    for (size_t i = rest.size(); i > 1; --i) std::swap(rest[i - 1], rest[rng_.below(static_cast<uint32_t>(i))]);
    // Engagements and the follow-up committee first when there is room.
    std::stable_partition(rest.begin(), rest.end(),
                          [](int k) { return k == kEngTogo || k == kEngPartner || k == kComite; });
    for (uint32_t i = 0; kinds.size() < std::min<size_t>(n, kClauseKinds); ++i) kinds.push_back(rest[i]);
    std::sort(kinds.begin(), kinds.end());
    while (kinds.size() < n) kinds.push_back(kDomaines);  // more than 14: further « domaines » clauses
    std::sort(kinds.begin(), kinds.end());

    const uint32_t per_clause = std::max<uint32_t>(20, d_.words / n);
    for (size_t i = 0; i < kinds.size(); ++i) {
        next_theme();
        const int k = kinds[i];
        const std::string art = std::to_string(i + 1);
        o += "  <clause id=\"art_" + art + "\" num=\"Article " + art + "\">\n    <titre>";
        std::string t = text(kClauseTitles[k]);
        capitalize_first(t);
        append_escaped(o, t);
        o += "</titre>\n";
        const auto& pool = kClauseSentences[k];
        uint32_t target = per_clause / 2 + rng_.below(per_clause) + 1, done = 0;
        size_t next = 0;
        while (done < target) {
            o += "    <p>";
            for (int s = rng_.range(1, 3); s > 0 && done < target; --s) {
                if (next < pool.size() && (next == 0 || rng_.chance(0.6)))
                    done += sentence(o, pool[next++]);
                else
                    done += sentence_from(o, kAgreementTheme);
            }
            o += "</p>\n";
        }
        o += "  </clause>\n";
    }
    o += "</convention>\n";
    return o;
}

std::string DocWriter::entretien() {
    const Partnership& p = *p_;
    std::string o = kCdHead;
    char num[16];
    std::snprintf(num, sizeof num, "%06u", d_.ordinal);
    std::string id = "ent-syn-" + std::string(num) + "-" + c_->id + "-" + std::to_string(d_.date.y);
    static const char* const kTitles[] = {
        "Entretien à {ville} ({cnom}) sur le partenariat avec {pnom}",
        "Entretien avec le point focal de {cnom} sur {domaine}",
        "Entretien collectif à la mairie de {ville} : {domaine} et coopération avec {pnom}"};
    std::string title = text(rng_.pick(kTitles));
    o += "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xml:id=\"" + id +
         "\" xml:lang=\"fr\">\n  <teiHeader>\n    <fileDesc>\n";
    o += "      <titleStmt><title>";
    append_escaped(o, title);
    o += "</title></titleStmt>\n      <publicationStmt><p>Corpus synthétique coopdec ; document non "
         "publié.</p></publicationStmt>\n";
    o += "      <notesStmt><note type=\"demonstration\">";
    append_escaped(o, notice("Entretien fictif généré"));
    o += "</note></notesStmt>\n      <sourceDesc>\n        <recordingStmt><recording type=\"audio\" dur=\"PT" +
         std::to_string(rng_.range(25, 95)) + "M\"><date when=\"" + d_.date.iso() +
         "\"/></recording></recordingStmt>\n";
    o += "      </sourceDesc>\n    </fileDesc>\n    <profileDesc>\n      <textClass>\n        <keywords "
         "scheme=\"coopdec:partenariat\">\n";
    o += "          <term key=\"" + p.id + "\">";
    append_escaped(o, p.title);
    o += "</term>\n        </keywords>\n        <keywords scheme=\"coopdec:theme\">\n";
    for (int t : d_.themes) {
        o += "          ";
        append_element(o, "term", kThemes[t].value);
        o += "\n";
    }
    o += "        </keywords>\n      </textClass>\n      <particDesc>\n        <listPerson>\n";
    struct Person {
        const char* id;
        const char* role;
        bool local;
    };
    static const Person kPeople[] = {{"m1", "maire", true},
                                     {"sg", "secretaire-general", true},
                                     {"pf", "point-focal", true},
                                     {"pe", "partenaire-etranger", false},
                                     {"at", "agent-technique", true},
                                     {"cm", "conseiller", true},
                                     {"au", "autre", true}};
    std::vector<const Person*> speakers;
    static const Person researcher{"ch", "chercheur", false};
    speakers.push_back(&researcher);
    std::vector<int> order{0, 1, 2, 3, 4, 5, 6};
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng_.below(static_cast<uint32_t>(i))]);
    for (int i = 0, n = rng_.range(2, 5); i < n; ++i) speakers.push_back(&kPeople[order[i]]);
    static const char* const kInitials = "ABDEGKMNSTY";
    for (const Person* s : speakers) {
        std::string name =
            std::string(1, kInitials[rng_.below(11)]) + ". " + std::string(1, kInitials[rng_.below(11)]) + ".";
        o += "          <person xml:id=\"" + std::string(s->id) + "\" role=\"" + s->role + "\"><persName>" + name +
             "</persName>";
        if (s->local) {
            o += "<affiliation key=\"" + c_->id + "\">";
            append_escaped(o, "Commune " + de(c_->name));
        } else {
            o += "<affiliation>";
            append_escaped(o, s == &researcher
                                  ? std::string("Équipe d’étude sur la coopération décentralisée (fictive)")
                                  : p.partner);
        }
        o += "</affiliation></person>\n";
    }
    o += "        </listPerson>\n      </particDesc>\n      <settingDesc>\n        <setting><placeName key=\"" +
         c_->id + "\">";
    append_escaped(o, text("Mairie de " + c_->name + ", " + c_->town));
    o += "</placeName><date when=\"" + d_.date.iso() + "\">" + d_.date.french() + "</date></setting>\n";
    o += "      </settingDesc>\n    </profileDesc>\n  </teiHeader>\n  <text>\n    <body>\n";
    const uint32_t n = d_.units;
    const uint32_t per_answer = std::max<uint32_t>(12, static_cast<uint32_t>(d_.words * 1.6 / n));
    for (uint32_t u = 1; u <= n; ++u) {
        const bool question = u % 2 == 1;
        const Person* who =
            question ? &researcher : speakers[1 + rng_.below(static_cast<uint32_t>(speakers.size() - 1))];
        o += "      <u who=\"#" + std::string(who->id) + "\" xml:id=\"u_" + std::to_string(u) + "\">";
        next_theme();
        if (question) {
            sentence_from(o, kQuestions);
        } else {
            uint32_t target = per_answer / 2 + rng_.below(per_answer) + 1, done = 0;
            while (done < target) {
                done += sentence(o, std::string(rng_.pick(kOralOpeners)) + fresh(kAnswers, std::size(kAnswers)));
                if (done < target && rng_.chance(0.1)) o += " <pause/>";
            }
        }
        o += "</u>\n";
        if (rng_.chance(0.04)) {
            o += "      <incident><desc>";
            append_escaped(o, text(rng_.pick(kIncidents)));
            o += "</desc></incident>\n";
        }
    }
    o += "    </body>\n  </text>\n</TEI>\n";
    return o;
}

std::string DocWriter::etude() {
    const Partnership& p = *p_;
    std::string o = kCdHead;
    char num[16];
    std::snprintf(num, sizeof num, "%06u", d_.ordinal);
    static const char* const kTitles[] = {"Étude de capitalisation du partenariat entre {cnom} et {pnom}",
                                          "Évaluation des actions de coopération décentralisée à {ville} : {domaine}",
                                          "Diagnostic de {domaine} dans la préfecture de {pref}",
                                          "Note d’analyse : {domaine} et coopération décentralisée",
                                          "État des lieux de la coopération décentralisée dans {region}"};
    std::string tpl = rng_.pick(kTitles);
    // Two slots only studies use.
    for (auto [slot, value] :
         {std::pair<std::string, std::string>{"{pref}", c_->prefecture}, {"{region}", region_phrase(c_->region)}})
        if (size_t at = tpl.find(slot); at != std::string::npos) tpl.replace(at, slot.size(), value);
    std::string title = text(tpl);
    capitalize_first(title);
    o += "<etude xmlns=\"urn:x-coopdec:corpus:1\" id=\"etude-syn-" + std::string(num) +
         "\" xml:lang=\"fr\" demo=\"oui\">\n  ";
    append_element(o, "titre", title);
    o += "\n  ";
    append_element(o, "avertissement", notice("Étude fictive générée"));
    o += "\n  ";
    append_element(o, "auteur", rng_.pick(kStudyAuthors));
    o += "\n  <date>" + std::to_string(d_.date.y) + "</date>\n  <partenariats><partenariat ref=\"" + p.id + "\"/>";
    if (d_.partnership2 >= 0) o += "<partenariat ref=\"" + plan_.partnerships[d_.partnership2].id + "\"/>";
    o += "</partenariats>\n";
    append_themes(o, d_.themes);
    o += "  <communes>";
    std::vector<std::string> communes{c_->id};
    for (int i = rng_.range(0, 4); i > 0; --i) {
        const std::string& id = gaz_.communes[pick_commune(rng_, gaz_)].id;
        if (std::find(communes.begin(), communes.end(), id) == communes.end()) communes.push_back(id);
    }
    for (const auto& id : communes) o += "<commune ref=\"" + id + "\"/>";
    o += "</communes>\n  <sources><source>";
    append_escaped(o, source_text());
    o += "</source></sources>\n";

    // Sections: top-level ones, some followed by sub-sections (nested after their own paragraphs).
    const uint32_t n = d_.units;
    const uint32_t per_section = std::max<uint32_t>(25, d_.words / n);
    int top = 0, sub = 0, notes = 0;
    bool open = false;
    for (uint32_t s = 0; s < n; ++s) {
        const bool nested = open && s > 0 && rng_.chance(0.4);
        if (!nested) {
            if (open) o += "  </section>\n";
            ++top;
            sub = 0;
        } else {
            ++sub;
        }
        std::string id = "sec_" + std::to_string(top) + (nested ? "_" + std::to_string(sub) : "");
        std::string numtxt = std::to_string(top) + (nested ? "." + std::to_string(sub) : "");
        o += nested ? "    <section" : "  <section";
        o += " id=\"" + id + "\" num=\"" + numtxt + "\">\n";
        next_theme();
        std::string t = text(fresh(kStudySectionTitles, std::size(kStudySectionTitles)));
        capitalize_first(t);
        o += nested ? "      " : "    ";
        append_element(o, "titre", t);
        o += "\n";
        uint32_t target = per_section / 2 + rng_.below(per_section) + 1, done = 0;
        while (done < target) {
            o += nested ? "      <p>" : "    <p>";
            for (int k = rng_.range(2, 5); k > 0 && done < target; --k) done += sentence_from(o, kStudySentences);
            o += "</p>\n";
            if (rng_.chance(0.08)) {
                o += nested ? "      <note n=\"" : "    <note n=\"";
                o += std::to_string(++notes) + "\">";
                sentence_from(o, kStudyNotes);
                o += "</note>\n";
            }
        }
        if (nested) o += "    </section>\n";
        open = true;
    }
    if (open) o += "  </section>\n";
    o += "</etude>\n";
    return o;
}

std::string DocWriter::loi() {
    const LegalText& t = plan_.legal[d_.legal];
    std::string o = kCdHead;
    const std::string kind_label = t.kind == "loi" ? "Loi" : t.kind == "decret" ? "Décret" : "Arrêté interministériel";
    static const char* const kSubjects[] = {
        "portant transfert aux communes des compétences {en_matiere}",
        "fixant les modalités de la coopération décentralisée des collectivités territoriales",
        "relatif au fonds d’appui aux collectivités territoriales",
        "portant organisation du registre des conventions de coopération décentralisée",
        "fixant les conditions d’approbation des conventions de coopération dans le domaine de {domaine}"};
    const std::string subject = text(rng_.pick(kSubjects));
    const std::string author = t.kind == "loi"      ? "assemblee-nationale"
                               : t.kind == "decret" ? "presidence"
                                                    : "ministere";
    const std::string author_label = t.kind == "loi"      ? "Assemblée nationale du Togo (texte fictif)"
                                     : t.kind == "decret" ? "Présidence de la République (texte fictif)"
                                                          : "Ministère chargé de la décentralisation (texte fictif)";
    const std::string expr = t.work + "/fra@";
    o += "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">\n  <act name=\"" + t.kind +
         "\">\n    <meta>\n";
    o += "      <identification source=\"#coopdec\">\n        <FRBRWork>\n";
    o += "          <FRBRthis value=\"" + t.work + "/!main\"/>\n          <FRBRuri value=\"" + t.work + "\"/>\n";
    o += "          <FRBRdate date=\"" + t.date.iso() + "\" name=\"" + t.kind + "\"/>\n";
    o += "          <FRBRauthor href=\"#" + author + "\"/>\n          <FRBRcountry value=\"tg\"/>\n";
    o += "          <FRBRnumber value=\"" + t.number + "\"/>\n          <FRBRname value=\"" + t.kind +
         "\"/>\n        </FRBRWork>\n";
    o += "        <FRBRExpression>\n          <FRBRthis value=\"" + expr + "/!main\"/>\n          <FRBRuri value=\"" +
         expr + "\"/>\n";
    o += "          <FRBRdate date=\"" + t.date.iso() + "\" name=\"" + t.kind +
         "\"/>\n          <FRBRauthor href=\"#coopdec\"/>\n";
    o += "          <FRBRlanguage language=\"fra\"/>\n        </FRBRExpression>\n        <FRBRManifestation>\n";
    o += "          <FRBRthis value=\"" + expr + "/!main.xml\"/>\n          <FRBRuri value=\"" + expr + ".akn\"/>\n";
    o += "          <FRBRdate date=\"2026-01-01\" name=\"generation\"/>\n          <FRBRauthor href=\"#coopdec\"/>\n";
    o += "        </FRBRManifestation>\n      </identification>\n      <classification source=\"#coopdec\">\n";
    for (int th : d_.themes) {
        o += "        <keyword value=\"" + slug_ascii(kThemes[th].value) + "\" showAs=\"";
        append_escaped(o, kThemes[th].value);
        o += "\" dictionary=\"#coopdec\"/>\n";
    }
    o += "      </classification>\n      <references source=\"#coopdec\">\n";
    o += "        <TLCOrganization eId=\"coopdec\" href=\"/ontology/organization/coopdec\" showAs=\"Projet coopdec "
         "(corpus synthétique)\"/>\n";
    o += "        <TLCOrganization eId=\"" + author + "\" href=\"/ontology/organization/tg/" + author + "\" showAs=\"";
    append_escaped(o, author_label);
    o += "\"/>\n      </references>\n      <proprietary source=\"#coopdec\">\n";
    o += "        <cd:demonstration xmlns:cd=\"urn:x-coopdec:corpus:1\" type=\"synthetique\">";
    append_escaped(o, notice("Texte juridique fictif (numéro, date et contenu inventés) généré"));
    o += "</cd:demonstration>\n      </proprietary>\n    </meta>\n    <preface>\n      <longTitle "
         "eId=\"longTitle_1\">\n";
    o += "        <p><docType>" + kind_label + "</docType> n° <docNumber>" + t.number +
         "</docNumber> du <docDate date=\"" + t.date.iso() + "\">" + t.date.french() + "</docDate> ";
    append_escaped(o, subject);
    o += "</p>\n      </longTitle>\n    </preface>\n    <preamble>\n      <p>";
    sentence(
        o, t.kind == "loi" ? "L’Assemblée nationale a délibéré et adopté ; le Président de la République promulgue la "
                             "loi dont la teneur suit."
           : t.kind == "decret"
               ? "Le Président de la République, sur le rapport du ministre chargé de la décentralisation, vu la "
                 "Constitution, vu {cit}, le conseil des ministres entendu, décrète :"
               : "Le ministre chargé de la décentralisation et le ministre chargé des finances, vu {cit}, arrêtent :");
    o += "</p>\n    </preamble>\n    <body>\n";

    const int n = t.articles;
    const int chapters = std::clamp(n / 6, 1, 5);
    const uint32_t per_article = std::max<uint32_t>(12, d_.words / static_cast<uint32_t>(n));
    static const char* const kRomans[] = {"I", "II", "III", "IV", "V"};
    static const char* const kChapterTitles[] = {"Dispositions générales", "De la coopération décentralisée",
                                                 "Des compétences transférées", "Dispositions financières",
                                                 "Dispositions transitoires et finales"};
    int art = 0;  // the last article written
    for (int c = 0; c < chapters; ++c) {
        o += "      <chapter eId=\"chp_" + std::to_string(c + 1) + "\">\n        <num>Chapitre " + kRomans[c] +
             "</num>\n        <heading>" + kChapterTitles[c] + "</heading>\n";
        const int last = c == chapters - 1 ? n : (n * (c + 1)) / chapters;
        while (art < last) {
            ++art;
            next_theme();
            const std::string a = std::to_string(art);
            std::string h = text(fresh(kLegalHeadings, std::size(kLegalHeadings)));
            capitalize_first(h);
            o += "        <article eId=\"art_" + a + "\">\n          <num>Article " + a + "</num>\n          <heading>";
            append_escaped(o, h);
            o += "</heading>\n          <content>\n";
            uint32_t target = per_article / 2 + rng_.below(per_article) + 1, done = 0;
            while (done < target) {
                o += "            <p>";
                for (int k = rng_.range(1, 3); k > 0 && done < target; --k) done += sentence_from(o, kLegalSentences);
                // References: to another article of this text, to an earlier synthetic text, to the 2019 law.
                if (art > 1 && rng_.chance(0.25)) {
                    const int to = rng_.range(1, art - 1);
                    o += " Les dispositions de l’<ref href=\"#art_" + std::to_string(to) + "\">article " +
                         std::to_string(to) + "</ref> sont applicables.";
                    words_ += 6;
                } else if (rng_.chance(0.12)) {
                    const int key = t.date.key();
                    size_t older = std::lower_bound(plan_.legal_by_date.begin(), plan_.legal_by_date.end(), key,
                                                    [&](size_t i, int k) { return plan_.legal[i].date.key() < k; }) -
                                   plan_.legal_by_date.begin();
                    if (older > 0) {
                        const LegalText& other = cited_text(older);
                        const int to = cited_article(other);
                        std::string of = other.kind == "loi"      ? "de la loi"
                                         : other.kind == "decret" ? "du décret"
                                                                  : "de l’arrêté interministériel";
                        std::string ref = "article " + std::to_string(to) + " " + of + " n° " + other.number;
                        o += " Voir l’<ref href=\"" + other.work + "#art_" + std::to_string(to) + "\">";
                        append_escaped(o, text(ref));
                        o += "</ref>.";
                        words_ += 7;
                    } else if (t.date.y > 2019) {
                        o += " Voir l’<ref href=\"/akn/tg/act/loi/2019-06-26/2019-006#art_46\">article 46 de la loi n° "
                             "2019-006</ref>.";
                        words_ += 8;
                    }
                }
                o += "</p>\n";
            }
            o += "          </content>\n        </article>\n";
        }
        o += "      </chapter>\n";
    }
    o += "    </body>\n  </act>\n</akomaNtoso>\n";
    return o;
}

std::string DocWriter::xml(uint64_t& units, uint64_t& words) {
    words_ = 0;
    std::string out;
    switch (d_.type) {
        case Type::partenariat:
            out = partenariat();
            break;
        case Type::convention:
            out = convention();
            break;
        case Type::entretien:
            out = entretien();
            break;
        case Type::etude:
            out = etude();
            break;
        case Type::loi:
            out = loi();
            break;
    }
    units = d_.units;
    words = words_;
    return out;
}

// ---------------------------------------------------------------------------

bool write_file(const std::string& path, std::string_view data) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return false;
    bool ok = std::fwrite(data.data(), 1, data.size(), f) == data.size();
    return std::fclose(f) == 0 && ok;
}

bool copy_file(const std::string& from, const std::string& to, std::string& error) {
    std::error_code ec;
    fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
    if (ec) error = from + " → " + to + " : " + ec.message();
    return !ec;
}

const char kUsage[] =
    "usage : coopdec-gencorpus --out DOSSIER (--documents N | --units N) [--seed S] [--threads N]\n"
    "                          [--gazetteer togo.xml] [--schemas DOSSIER] [--quiet]\n"
    "Écrit dans DOSSIER (vide ou inexistant) un corpus synthétique aux formats de coopdec :\n"
    "fiches de partenariat, conventions, entretiens TEI, études et textes Akoma Ntoso, tous\n"
    "marqués comme synthétiques, plus une copie du répertoire des communes et des schémas.\n"
    "  --documents N  nombre de documents à écrire\n"
    "  --units N      ou : autant de documents qu'il faut pour atteindre N unités\n"
    "                 (articles, clauses, énoncés, sections : ce que coopdec-index découpe)\n"
    "  --seed S       graine (défaut 1) : même graine et même taille, même corpus\n"
    "  --threads N    fils d'écriture (défaut : nombre de cœurs ; sans effet sur le contenu)\n"
    "Statut de sortie : 0 corpus écrit, 1 erreur d'écriture, 2 usage incorrect.\n";

bool parse_number(const char* s, uint64_t& out) {
    char* end = nullptr;
    errno = 0;
    unsigned long long v = std::strtoull(s, &end, 10);
    if (errno || !end || *end || end == s || s[0] == '-') return false;
    out = v;
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
        uint64_t n = 0;
        if (a == "--help" || a == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        } else if (a == "--quiet" || a == "-q") {
            opt.quiet = true;
        } else if (a == "--out" || a == "--gazetteer" || a == "--schemas") {
            const char* v = value();
            if (!v) {
                std::fprintf(stderr, "coopdec-gencorpus : %s attend une valeur\n%s", argv[i], kUsage);
                return 2;
            }
            (a == "--out" ? opt.out : a == "--gazetteer" ? opt.gazetteer : opt.schemas) = v;
        } else if (a == "--documents" || a == "--units" || a == "--seed" || a == "--threads") {
            const char* v = value();
            if (!v || !parse_number(v, n)) {
                std::fprintf(stderr, "coopdec-gencorpus : %s attend un entier positif\n%s", std::string(a).c_str(),
                             kUsage);
                return 2;
            }
            if (a == "--documents")
                opt.documents = n;
            else if (a == "--units")
                opt.units = n;
            else if (a == "--seed")
                opt.seed = n;
            else
                opt.threads = static_cast<unsigned>(std::min<uint64_t>(n, 256));
        } else {
            std::fprintf(stderr, "coopdec-gencorpus : option inconnue « %s »\n%s", argv[i], kUsage);
            return 2;
        }
    }
    if (opt.out.empty() || (opt.documents == 0) == (opt.units == 0)) {
        std::fputs("coopdec-gencorpus : il faut --out et exactement un de --documents N ou --units N (N > 0)\n",
                   stderr);
        std::fputs(kUsage, stderr);
        return 2;
    }
    std::error_code ec;
    if (fs::exists(opt.out, ec) && !fs::is_empty(opt.out, ec)) {
        std::fprintf(stderr, "coopdec-gencorpus : %s n'est pas vide : choisissez un dossier vide ou inexistant\n",
                     opt.out.c_str());
        return 2;
    }
    if (opt.threads == 0) opt.threads = std::max(1u, std::thread::hardware_concurrency());

    const auto t0 = std::chrono::steady_clock::now();
    for (size_t i = 0; i < std::size(kCountries); ++i) country_weights[i] = kCountries[i].weight;
    Gazetteer gaz;
    std::string error;
    if (!load_gazetteer(opt.gazetteer, gaz, error)) {
        std::fprintf(stderr, "coopdec-gencorpus : %s\n", error.c_str());
        return 2;
    }
    const Plan plan = make_plan(opt.seed, gaz, opt.documents, opt.units);

    // Folders first (one per type and thousand files), then the reference data.
    for (int t = 0; t < 5; ++t)
        for (uint64_t b = 0; b * 1000 < plan.type_count[t]; ++b) {
            char bucket[16];
            std::snprintf(bucket, sizeof bucket, "%03u", static_cast<unsigned>(b));
            fs::create_directories(opt.out + "/" + kTypeDirs[t] + "/" + bucket, ec);
            if (ec) {
                std::fprintf(stderr, "coopdec-gencorpus : %s : %s\n", opt.out.c_str(), ec.message().c_str());
                return 1;
            }
        }
    fs::create_directories(opt.out + "/repertoire", ec);
    fs::create_directories(opt.out + "/schema", ec);
    if (ec || !copy_file(opt.gazetteer, opt.out + "/repertoire/togo.xml", error)) {
        std::fprintf(stderr, "coopdec-gencorpus : %s\n", ec ? ec.message().c_str() : error.c_str());
        return 1;
    }
    for (const auto& entry : fs::directory_iterator(opt.schemas, ec)) {
        if (entry.path().extension() != ".rng") continue;
        if (!copy_file(entry.path().string(), opt.out + "/schema/" + entry.path().filename().string(), error)) {
            std::fprintf(stderr, "coopdec-gencorpus : %s\n", error.c_str());
            return 1;
        }
    }
    if (ec) {
        std::fprintf(stderr, "coopdec-gencorpus : %s : %s\n", opt.schemas.c_str(), ec.message().c_str());
        return 1;
    }
    std::ostringstream readme;
    readme << "# Corpus synthétique coopdec\n\nGénéré par `coopdec-gencorpus --seed " << opt.seed
           << "` : " << plan.docs.size() << " documents, " << plan.units
           << " unités.\nTout y est fictif (partenaires, conventions, entretiens, études, textes juridiques) et\n"
              "chaque document le dit (`demo=\"oui\"` et `<avertissement>`, note TEI `demonstration`,\n"
              "`cd:demonstration` Akoma Ntoso). Seuls `repertoire/togo.xml` (le répertoire réel des\n"
              "communes) et `schema/` sont des copies du corpus de coopdec.\n";
    if (!write_file(opt.out + "/README.md", readme.str())) {
        std::fprintf(stderr, "coopdec-gencorpus : %s/README.md : écriture impossible\n", opt.out.c_str());
        return 1;
    }

    // The documents, in parallel: each from its own generator.
    std::atomic<size_t> next{0};
    std::atomic<bool> failed{false};
    std::vector<Totals> totals(opt.threads);
    std::vector<std::string> errors(opt.threads);
    auto work = [&](unsigned w) {
        for (size_t i; !failed && (i = next.fetch_add(1)) < plan.docs.size();) {
            DocWriter doc(plan, gaz, opt, i);
            uint64_t units = 0, words = 0;
            std::string xml = doc.xml(units, words);
            std::string path = doc.path();
            if (!write_file(path, xml)) {
                errors[w] = path + " : écriture impossible : " + std::strerror(errno);
                failed = true;
                return;
            }
            totals[w].units += units;
            totals[w].words += words;
            totals[w].bytes += xml.size();
        }
    };
    std::vector<std::thread> pool;
    for (unsigned w = 0; w < opt.threads; ++w) pool.emplace_back(work, w);
    for (auto& th : pool) th.join();
    for (const auto& e : errors)
        if (!e.empty()) {
            std::fprintf(stderr, "coopdec-gencorpus : %s\n", e.c_str());
            return 1;
        }
    Totals sum;
    for (const auto& t : totals) {
        sum.units += t.units;
        sum.words += t.words;
        sum.bytes += t.bytes;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!opt.quiet) {
        const size_t n = plan.docs.size();
        std::printf("coopdec-gencorpus : %zu documents écrits dans %s (", n, opt.out.c_str());
        for (int t = 0; t < 5; ++t)
            std::printf("%s%llu %s", t ? ", " : "", static_cast<unsigned long long>(plan.type_count[t]),
                        kTypeLabels[t]);
        std::printf(")\n");
        std::printf(
            "unités : %llu (articles, clauses, énoncés, sections, préambules) ; "
            "coopdec-index en comptera %llu avec une entrée par document\n",
            static_cast<unsigned long long>(sum.units), static_cast<unsigned long long>(sum.units + n));
        std::printf("mots : %llu (%llu par document en moyenne) ; %.1f Mo ; graine %llu ; %.2f s\n",
                    static_cast<unsigned long long>(sum.words), static_cast<unsigned long long>(sum.words / n),
                    static_cast<double>(sum.bytes) / 1e6, static_cast<unsigned long long>(opt.seed), seconds);
    }
    return 0;
}
