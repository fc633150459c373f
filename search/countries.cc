// @brief The country table: ISO 3166-1 codes, French names and adjectives,
// UN M49 regions.
//
// Sources: the codes are those of ISO 3166-1 alpha-2 (249 countries and
// territories). The French names, their articles and the adjectives follow
// the French official terminology: « arrêté du 4 novembre 1993 relatif à la
// terminologie des noms d'États et de capitales » and the lists of names of
// States, adjectives and capitals that the Commission d'enrichissement de la
// langue française published after it (Journal officiel, 2008 and later);
// the usual variants people write are among the other names (« Burkina »,
// « Hollande », « RDC », « Vietnam »). Regions are the UN Statistics
// Division's M49 geographic regions, in their French names (continent and
// sub-region). Territories with no adjective in common use have none.
#include "search/countries.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace coopdec::countries {
namespace {

// M49: sub-region, region.
#define AFN "Afrique septentrionale", "Afrique"
#define AFE "Afrique orientale", "Afrique"
#define AFC "Afrique centrale", "Afrique"
#define AFS "Afrique australe", "Afrique"
#define AFW "Afrique occidentale", "Afrique"
#define CAR "Caraïbes", "Amériques"
#define AMC "Amérique centrale", "Amériques"
#define AMS "Amérique du Sud", "Amériques"
#define AMN "Amérique septentrionale", "Amériques"
#define ASC "Asie centrale", "Asie"
#define ASE "Asie orientale", "Asie"
#define ASSE "Asie du Sud-Est", "Asie"
#define ASS "Asie du Sud", "Asie"
#define ASW "Asie occidentale", "Asie"
#define EUE "Europe orientale", "Europe"
#define EUN "Europe septentrionale", "Europe"
#define EUS "Europe méridionale", "Europe"
#define EUW "Europe occidentale", "Europe"
#define ANZ "Australie et Nouvelle-Zélande", "Océanie"
#define MEL "Mélanésie", "Océanie"
#define MIC "Micronésie", "Océanie"
#define POL "Polynésie", "Océanie"
#define NONE "", ""

// ONE ROW PER ISO 3166-1 CODE, sorted by code (find() searches it).
// code, name, article, other names, adjective m., adjective f., region.
constexpr std::array<Country, 249> kCountries{{
    {"AD", "Andorre", "", "", "andorran", "andorrane", EUS},
    {"AE", "Émirats arabes unis", "les", "Émirats", "émirien", "émirienne", ASW},
    {"AF", "Afghanistan", "l'", "", "afghan", "afghane", ASS},
    {"AG", "Antigua-et-Barbuda", "", "Antigua", "antiguais-et-barbudien", "antiguaise-et-barbudienne", CAR},
    {"AI", "Anguilla", "", "", "anguillais", "anguillaise", CAR},
    {"AL", "Albanie", "l'", "", "albanais", "albanaise", EUS},
    {"AM", "Arménie", "l'", "", "arménien", "arménienne", ASW},
    {"AO", "Angola", "l'", "", "angolais", "angolaise", AFC},
    {"AQ", "Antarctique", "l'", "Antarctide", "", "", NONE},
    {"AR", "Argentine", "l'", "", "argentin", "argentine", AMS},
    {"AS", "Samoa américaines", "les", "", "", "", POL},
    {"AT", "Autriche", "l'", "", "autrichien", "autrichienne", EUW},
    {"AU", "Australie", "l'", "", "australien", "australienne", ANZ},
    {"AW", "Aruba", "", "", "arubais", "arubaise", CAR},
    {"AX", "Îles Åland", "les", "Åland", "ålandais", "ålandaise", EUN},
    {"AZ", "Azerbaïdjan", "l'", "", "azerbaïdjanais", "azerbaïdjanaise", ASW},
    {"BA", "Bosnie-Herzégovine", "la", "Bosnie", "bosnien", "bosnienne", EUS},
    {"BB", "Barbade", "la", "", "barbadien", "barbadienne", CAR},
    {"BD", "Bangladesh", "le", "", "bangladais", "bangladaise", ASS},
    {"BE", "Belgique", "la", "", "belge", "belge", EUW},
    {"BF", "Burkina Faso", "le", "Burkina", "burkinabè", "burkinabè", AFW},
    {"BG", "Bulgarie", "la", "", "bulgare", "bulgare", EUE},
    {"BH", "Bahreïn", "", "", "bahreïnien", "bahreïnienne", ASW},
    {"BI", "Burundi", "le", "", "burundais", "burundaise", AFE},
    {"BJ", "Bénin", "le", "", "béninois", "béninoise", AFW},
    {"BL", "Saint-Barthélemy", "", "", "barthélemois", "barthélemoise", CAR},
    {"BM", "Bermudes", "les", "", "bermudien", "bermudienne", AMN},
    {"BN", "Brunei", "le", "Brunéi Darussalam|Brunei Darussalam", "brunéien", "brunéienne", ASSE},
    {"BO", "Bolivie", "la", "", "bolivien", "bolivienne", AMS},
    {"BQ", "Bonaire, Saint-Eustache et Saba", "", "Pays-Bas caribéens", "", "", CAR},
    {"BR", "Brésil", "le", "", "brésilien", "brésilienne", AMS},
    {"BS", "Bahamas", "les", "", "bahamien", "bahamienne", CAR},
    {"BT", "Bhoutan", "le", "", "bhoutanais", "bhoutanaise", ASS},
    {"BV", "Île Bouvet", "l'", "", "", "", AMS},
    {"BW", "Botswana", "le", "", "botswanais", "botswanaise", AFS},
    {"BY", "Biélorussie", "la", "Bélarus|Belarus", "biélorusse", "biélorusse", EUE},
    {"BZ", "Belize", "le", "", "bélizien", "bélizienne", AMC},
    {"CA", "Canada", "le", "", "canadien", "canadienne", AMN},
    {"CC", "Îles Cocos", "les", "Îles Cocos (Keeling)|Îles Keeling", "", "", ANZ},
    {"CD", "République démocratique du Congo", "la", "RDC|RD Congo|Congo-Kinshasa", "congolais", "congolaise", AFC},
    {"CF", "République centrafricaine", "la", "Centrafrique", "centrafricain", "centrafricaine", AFC},
    {"CG", "Congo", "le", "République du Congo|Congo-Brazzaville", "congolais", "congolaise", AFC},
    {"CH", "Suisse", "la", "Confédération suisse", "suisse", "suisse", EUW},
    {"CI", "Côte d'Ivoire", "la", "", "ivoirien", "ivoirienne", AFW},
    {"CK", "Îles Cook", "les", "", "cookien", "cookienne", POL},
    {"CL", "Chili", "le", "", "chilien", "chilienne", AMS},
    {"CM", "Cameroun", "le", "", "camerounais", "camerounaise", AFC},
    {"CN", "Chine", "la", "", "chinois", "chinoise", ASE},
    {"CO", "Colombie", "la", "", "colombien", "colombienne", AMS},
    {"CR", "Costa Rica", "le", "", "costaricien", "costaricienne", AMC},
    {"CU", "Cuba", "", "", "cubain", "cubaine", CAR},
    {"CV", "Cap-Vert", "le", "Cabo Verde", "cap-verdien", "cap-verdienne", AFW},
    {"CW", "Curaçao", "", "", "curacien", "curacienne", CAR},
    {"CX", "Île Christmas", "l'", "", "", "", ANZ},
    {"CY", "Chypre", "", "", "chypriote|cypriote", "chypriote|cypriote", ASW},
    {"CZ", "Tchéquie", "la", "République tchèque", "tchèque", "tchèque", EUE},
    {"DE", "Allemagne", "l'", "", "allemand", "allemande", EUW},
    {"DJ", "Djibouti", "", "", "djiboutien", "djiboutienne", AFE},
    {"DK", "Danemark", "le", "", "danois", "danoise", EUN},
    {"DM", "Dominique", "la", "", "dominiquais", "dominiquaise", CAR},
    {"DO", "République dominicaine", "la", "", "dominicain", "dominicaine", CAR},
    {"DZ", "Algérie", "l'", "", "algérien", "algérienne", AFN},
    {"EC", "Équateur", "l'", "", "équatorien", "équatorienne", AMS},
    {"EE", "Estonie", "l'", "", "estonien", "estonienne", EUN},
    {"EG", "Égypte", "l'", "", "égyptien", "égyptienne", AFN},
    {"EH", "Sahara occidental", "le", "", "sahraoui", "sahraouie", AFN},
    {"ER", "Érythrée", "l'", "", "érythréen", "érythréenne", AFE},
    {"ES", "Espagne", "l'", "", "espagnol", "espagnole", EUS},
    {"ET", "Éthiopie", "l'", "", "éthiopien", "éthiopienne", AFE},
    {"FI", "Finlande", "la", "", "finlandais", "finlandaise", EUN},
    {"FJ", "Fidji", "les", "Îles Fidji", "fidjien", "fidjienne", MEL},
    {"FK", "Îles Malouines", "les", "Malouines|Îles Falkland", "malouin", "malouine", AMS},
    {"FM", "Micronésie", "la", "États fédérés de Micronésie", "micronésien", "micronésienne", MIC},
    {"FO", "Îles Féroé", "les", "Féroé", "féroïen", "féroïenne", EUN},
    {"FR", "France", "la", "", "français", "française", EUW},
    {"GA", "Gabon", "le", "", "gabonais", "gabonaise", AFC},
    {"GB", "Royaume-Uni", "le", "Grande-Bretagne|Angleterre", "britannique", "britannique", EUN},
    {"GD", "Grenade", "la", "", "grenadien", "grenadienne", CAR},
    {"GE", "Géorgie", "la", "", "géorgien", "géorgienne", ASW},
    {"GF", "Guyane", "la", "Guyane française", "guyanais", "guyanaise", AMS},
    {"GG", "Guernesey", "", "", "guernesiais", "guernesiaise", EUN},
    {"GH", "Ghana", "le", "", "ghanéen", "ghanéenne", AFW},
    {"GI", "Gibraltar", "", "", "gibraltarien", "gibraltarienne", EUS},
    {"GL", "Groenland", "le", "", "groenlandais", "groenlandaise", AMN},
    {"GM", "Gambie", "la", "", "gambien", "gambienne", AFW},
    {"GN", "Guinée", "la", "Guinée-Conakry", "guinéen", "guinéenne", AFW},
    {"GP", "Guadeloupe", "la", "", "guadeloupéen", "guadeloupéenne", CAR},
    {"GQ", "Guinée équatoriale", "la", "", "équato-guinéen", "équato-guinéenne", AFC},
    {"GR", "Grèce", "la", "", "grec", "grecque", EUS},
    {"GS", "Géorgie du Sud-et-les îles Sandwich du Sud", "la", "", "", "", AMS},
    {"GT", "Guatemala", "le", "", "guatémaltèque", "guatémaltèque", AMC},
    {"GU", "Guam", "", "", "guamien", "guamienne", MIC},
    {"GW", "Guinée-Bissau", "la", "", "bissau-guinéen", "bissau-guinéenne", AFW},
    {"GY", "Guyana", "le", "", "guyanien", "guyanienne", AMS},
    {"HK", "Hong Kong", "", "", "hongkongais", "hongkongaise", ASE},
    {"HM", "Îles Heard-et-MacDonald", "les", "", "", "", ANZ},
    {"HN", "Honduras", "le", "", "hondurien", "hondurienne", AMC},
    {"HR", "Croatie", "la", "", "croate", "croate", EUS},
    {"HT", "Haïti", "", "", "haïtien", "haïtienne", CAR},
    {"HU", "Hongrie", "la", "", "hongrois", "hongroise", EUE},
    {"ID", "Indonésie", "l'", "", "indonésien", "indonésienne", ASSE},
    {"IE", "Irlande", "l'", "", "irlandais", "irlandaise", EUN},
    {"IL", "Israël", "", "", "israélien", "israélienne", ASW},
    {"IM", "Île de Man", "l'", "", "mannois", "mannoise", EUN},
    {"IN", "Inde", "l'", "", "indien", "indienne", ASS},
    {"IO", "Territoire britannique de l'océan Indien", "le", "", "", "", AFE},
    {"IQ", "Irak", "l'", "Iraq", "irakien", "irakienne", ASW},
    {"IR", "Iran", "l'", "", "iranien", "iranienne", ASS},
    {"IS", "Islande", "l'", "", "islandais", "islandaise", EUN},
    {"IT", "Italie", "l'", "", "italien", "italienne", EUS},
    {"JE", "Jersey", "", "", "jersiais", "jersiaise", EUN},
    {"JM", "Jamaïque", "la", "", "jamaïcain", "jamaïcaine", CAR},
    {"JO", "Jordanie", "la", "", "jordanien", "jordanienne", ASW},
    {"JP", "Japon", "le", "", "japonais", "japonaise", ASE},
    {"KE", "Kenya", "le", "", "kényan", "kényane", AFE},
    {"KG", "Kirghizstan", "le", "Kirghizistan", "kirghize", "kirghize", ASC},
    {"KH", "Cambodge", "le", "", "cambodgien", "cambodgienne", ASSE},
    {"KI", "Kiribati", "", "", "kiribatien", "kiribatienne", MIC},
    {"KM", "Comores", "les", "", "comorien", "comorienne", AFE},
    {"KN", "Saint-Christophe-et-Niévès", "", "Saint-Kitts-et-Nevis", "christophien", "christophienne", CAR},
    {"KP", "Corée du Nord", "la", "République populaire démocratique de Corée", "nord-coréen", "nord-coréenne", ASE},
    {"KR", "Corée du Sud", "la", "République de Corée", "sud-coréen", "sud-coréenne", ASE},
    {"KW", "Koweït", "le", "", "koweïtien", "koweïtienne", ASW},
    {"KY", "Îles Caïmans", "les", "Caïmans", "caïmanien", "caïmanienne", CAR},
    {"KZ", "Kazakhstan", "le", "", "kazakhstanais", "kazakhstanaise", ASC},
    {"LA", "Laos", "le", "", "laotien", "laotienne", ASSE},
    {"LB", "Liban", "le", "", "libanais", "libanaise", ASW},
    {"LC", "Sainte-Lucie", "", "", "saint-lucien", "saint-lucienne", CAR},
    {"LI", "Liechtenstein", "le", "", "liechtensteinois", "liechtensteinoise", EUW},
    {"LK", "Sri Lanka", "le", "", "srilankais", "srilankaise", ASS},
    {"LR", "Liberia", "le", "Libéria", "libérien", "libérienne", AFW},
    {"LS", "Lesotho", "le", "", "lésothien", "lésothienne", AFS},
    {"LT", "Lituanie", "la", "", "lituanien", "lituanienne", EUN},
    {"LU", "Luxembourg", "le", "", "luxembourgeois", "luxembourgeoise", EUW},
    {"LV", "Lettonie", "la", "", "letton", "lettone", EUN},
    {"LY", "Libye", "la", "", "libyen", "libyenne", AFN},
    {"MA", "Maroc", "le", "", "marocain", "marocaine", AFN},
    {"MC", "Monaco", "", "", "monégasque", "monégasque", EUW},
    {"MD", "Moldavie", "la", "Moldova", "moldave", "moldave", EUE},
    {"ME", "Monténégro", "le", "", "monténégrin", "monténégrine", EUS},
    {"MF", "Saint-Martin", "", "", "saint-martinois", "saint-martinoise", CAR},
    {"MG", "Madagascar", "", "", "malgache", "malgache", AFE},
    {"MH", "Îles Marshall", "les", "", "marshallais", "marshallaise", MIC},
    {"MK", "Macédoine du Nord", "la", "Macédoine", "macédonien", "macédonienne", EUS},
    {"ML", "Mali", "le", "", "malien", "malienne", AFW},
    {"MM", "Birmanie", "la", "Myanmar", "birman", "birmane", ASSE},
    {"MN", "Mongolie", "la", "", "mongol", "mongole", ASE},
    {"MO", "Macao", "", "Macau", "macanais", "macanaise", ASE},
    {"MP", "Îles Mariannes du Nord", "les", "Mariannes du Nord", "", "", MIC},
    {"MQ", "Martinique", "la", "", "martiniquais", "martiniquaise", CAR},
    {"MR", "Mauritanie", "la", "", "mauritanien", "mauritanienne", AFW},
    {"MS", "Montserrat", "", "", "montserratien", "montserratienne", CAR},
    {"MT", "Malte", "", "", "maltais", "maltaise", EUS},
    {"MU", "Maurice", "", "Île Maurice", "mauricien", "mauricienne", AFE},
    {"MV", "Maldives", "les", "", "maldivien", "maldivienne", ASS},
    {"MW", "Malawi", "le", "", "malawien", "malawienne", AFE},
    {"MX", "Mexique", "le", "", "mexicain", "mexicaine", AMC},
    {"MY", "Malaisie", "la", "Malaysia", "malaisien", "malaisienne", ASSE},
    {"MZ", "Mozambique", "le", "", "mozambicain", "mozambicaine", AFE},
    {"NA", "Namibie", "la", "", "namibien", "namibienne", AFS},
    {"NC", "Nouvelle-Calédonie", "la", "", "néo-calédonien", "néo-calédonienne", MEL},
    {"NE", "Niger", "le", "", "nigérien", "nigérienne", AFW},
    {"NF", "Île Norfolk", "l'", "", "", "", ANZ},
    {"NG", "Nigeria", "le", "Nigéria", "nigérian", "nigériane", AFW},
    {"NI", "Nicaragua", "le", "", "nicaraguayen", "nicaraguayenne", AMC},
    {"NL", "Pays-Bas", "les", "Hollande", "néerlandais", "néerlandaise", EUW},
    {"NO", "Norvège", "la", "", "norvégien", "norvégienne", EUN},
    {"NP", "Népal", "le", "", "népalais", "népalaise", ASS},
    {"NR", "Nauru", "", "", "nauruan", "nauruane", MIC},
    {"NU", "Niue", "", "Nioué", "niuéen", "niuéenne", POL},
    {"NZ", "Nouvelle-Zélande", "la", "", "néo-zélandais", "néo-zélandaise", ANZ},
    {"OM", "Oman", "", "", "omanais", "omanaise", ASW},
    {"PA", "Panama", "le", "", "panaméen", "panaméenne", AMC},
    {"PE", "Pérou", "le", "", "péruvien", "péruvienne", AMS},
    {"PF", "Polynésie française", "la", "", "polynésien", "polynésienne", POL},
    {"PG", "Papouasie-Nouvelle-Guinée", "la", "", "papouan-néo-guinéen", "papouane-néo-guinéenne", MEL},
    {"PH", "Philippines", "les", "", "philippin", "philippine", ASSE},
    {"PK", "Pakistan", "le", "", "pakistanais", "pakistanaise", ASS},
    {"PL", "Pologne", "la", "", "polonais", "polonaise", EUE},
    {"PM", "Saint-Pierre-et-Miquelon", "", "", "saint-pierrais", "saint-pierraise", AMN},
    {"PN", "Îles Pitcairn", "les", "Pitcairn", "", "", POL},
    {"PR", "Porto Rico", "", "", "portoricain", "portoricaine", CAR},
    {"PS", "Palestine", "la", "État de Palestine", "palestinien", "palestinienne", ASW},
    {"PT", "Portugal", "le", "", "portugais", "portugaise", EUS},
    {"PW", "Palaos", "les", "Palau", "palaosien", "palaosienne", MIC},
    {"PY", "Paraguay", "le", "", "paraguayen", "paraguayenne", AMS},
    {"QA", "Qatar", "le", "", "qatarien", "qatarienne", ASW},
    {"RE", "La Réunion", "", "Réunion|Île de la Réunion", "réunionnais", "réunionnaise", AFE},
    {"RO", "Roumanie", "la", "", "roumain", "roumaine", EUE},
    {"RS", "Serbie", "la", "", "serbe", "serbe", EUS},
    {"RU", "Russie", "la", "Fédération de Russie", "russe", "russe", EUE},
    {"RW", "Rwanda", "le", "", "rwandais", "rwandaise", AFE},
    {"SA", "Arabie saoudite", "l'", "", "saoudien", "saoudienne", ASW},
    {"SB", "Îles Salomon", "les", "Salomon", "salomonais", "salomonaise", MEL},
    {"SC", "Seychelles", "les", "", "seychellois", "seychelloise", AFE},
    {"SD", "Soudan", "le", "", "soudanais", "soudanaise", AFN},
    {"SE", "Suède", "la", "", "suédois", "suédoise", EUN},
    {"SG", "Singapour", "", "", "singapourien", "singapourienne", ASSE},
    {"SH", "Sainte-Hélène, Ascension et Tristan da Cunha", "", "Sainte-Hélène", "", "", AFW},
    {"SI", "Slovénie", "la", "", "slovène", "slovène", EUS},
    {"SJ", "Svalbard et Jan Mayen", "", "Svalbard", "", "", EUN},
    {"SK", "Slovaquie", "la", "", "slovaque", "slovaque", EUE},
    {"SL", "Sierra Leone", "la", "", "sierra-léonais", "sierra-léonaise", AFW},
    {"SM", "Saint-Marin", "", "", "saint-marinais", "saint-marinaise", EUS},
    {"SN", "Sénégal", "le", "", "sénégalais", "sénégalaise", AFW},
    {"SO", "Somalie", "la", "", "somalien", "somalienne", AFE},
    {"SR", "Suriname", "le", "Surinam", "surinamais", "surinamaise", AMS},
    {"SS", "Soudan du Sud", "le", "", "sud-soudanais", "sud-soudanaise", AFE},
    {"ST", "Sao Tomé-et-Principe", "", "", "santoméen", "santoméenne", AFC},
    {"SV", "Salvador", "le", "El Salvador", "salvadorien", "salvadorienne", AMC},
    {"SX", "Sint Maarten", "", "Saint-Martin (partie néerlandaise)", "", "", CAR},
    {"SY", "Syrie", "la", "", "syrien", "syrienne", ASW},
    {"SZ", "Eswatini", "l'", "Swaziland", "swazi", "swazie", AFS},
    {"TC", "Îles Turques-et-Caïques", "les", "", "", "", CAR},
    {"TD", "Tchad", "le", "", "tchadien", "tchadienne", AFC},
    {"TF", "Terres australes et antarctiques françaises", "les", "TAAF", "", "", AFE},
    {"TG", "Togo", "le", "", "togolais", "togolaise", AFW},
    {"TH", "Thaïlande", "la", "", "thaïlandais", "thaïlandaise", ASSE},
    {"TJ", "Tadjikistan", "le", "", "tadjik", "tadjike", ASC},
    {"TK", "Tokelau", "les", "", "", "", POL},
    {"TL", "Timor oriental", "le", "Timor-Leste", "est-timorais", "est-timoraise", ASSE},
    {"TM", "Turkménistan", "le", "", "turkmène", "turkmène", ASC},
    {"TN", "Tunisie", "la", "", "tunisien", "tunisienne", AFN},
    {"TO", "Tonga", "les", "", "tongien", "tongienne", POL},
    {"TR", "Turquie", "la", "Türkiye", "turc", "turque", ASW},
    {"TT", "Trinité-et-Tobago", "", "", "trinidadien", "trinidadienne", CAR},
    {"TV", "Tuvalu", "les", "", "tuvaluan", "tuvaluane", POL},
    {"TW", "Taïwan", "", "", "taïwanais", "taïwanaise", ASE},
    {"TZ", "Tanzanie", "la", "", "tanzanien", "tanzanienne", AFE},
    {"UA", "Ukraine", "l'", "", "ukrainien", "ukrainienne", EUE},
    {"UG", "Ouganda", "l'", "", "ougandais", "ougandaise", AFE},
    {"UM", "Îles mineures éloignées des États-Unis", "les", "", "", "", MIC},
    {"US", "États-Unis", "les", "États-Unis d'Amérique|USA", "américain", "américaine", AMN},
    {"UY", "Uruguay", "l'", "", "uruguayen", "uruguayenne", AMS},
    {"UZ", "Ouzbékistan", "l'", "", "ouzbek", "ouzbèke", ASC},
    {"VA", "Saint-Siège", "le", "Vatican|Cité du Vatican", "", "", EUS},
    {"VC", "Saint-Vincent-et-les-Grenadines", "", "", "vincentais", "vincentaise", CAR},
    {"VE", "Venezuela", "le", "Vénézuela", "vénézuélien", "vénézuélienne", AMS},
    {"VG", "Îles Vierges britanniques", "les", "", "", "", CAR},
    {"VI", "Îles Vierges des États-Unis", "les", "", "", "", CAR},
    {"VN", "Viêt Nam", "le", "Vietnam|Viêtnam", "vietnamien", "vietnamienne", ASSE},
    {"VU", "Vanuatu", "le", "", "vanuatais", "vanuataise", MEL},
    {"WF", "Wallis-et-Futuna", "", "", "wallisien", "wallisienne", POL},
    {"WS", "Samoa", "les", "", "samoan", "samoane", POL},
    {"YE", "Yémen", "le", "", "yéménite", "yéménite", ASW},
    {"YT", "Mayotte", "", "", "mahorais", "mahoraise", AFE},
    {"ZA", "Afrique du Sud", "l'", "", "sud-africain", "sud-africaine", AFS},
    {"ZM", "Zambie", "la", "", "zambien", "zambienne", AFE},
    {"ZW", "Zimbabwe", "le", "", "zimbabwéen", "zimbabwéenne", AFE},
}};

#undef AFN
#undef AFE
#undef AFC
#undef AFS
#undef AFW
#undef CAR
#undef AMC
#undef AMS
#undef AMN
#undef ASC
#undef ASE
#undef ASSE
#undef ASS
#undef ASW
#undef EUE
#undef EUN
#undef EUS
#undef EUW
#undef ANZ
#undef MEL
#undef MIC
#undef POL
#undef NONE

}  // namespace

std::span<const Country> all() { return kCountries; }

const Country* find(std::string_view code) {
    if (code.size() != 2) return nullptr;
    const char key[2] = {static_cast<char>(std::toupper(static_cast<unsigned char>(code[0]))),
                         static_cast<char>(std::toupper(static_cast<unsigned char>(code[1])))};
    const std::string_view k(key, 2);
    auto it = std::lower_bound(kCountries.begin(), kCountries.end(), k,
                               [](const Country& c, std::string_view v) { return c.code < v; });
    return it != kCountries.end() && it->code == k ? &*it : nullptr;
}

std::string_view french_name(std::string_view code) {
    const Country* c = find(code);
    return c ? c->name : code;
}

}  // namespace coopdec::countries
