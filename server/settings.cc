// @brief The settings table and the checks every value goes through.
#include "server/settings.h"

#include <charconv>

#include "search/index.h"

#ifndef COOPDEC_STYLESHEET_DIR
#define COOPDEC_STYLESHEET_DIR "stylesheets"
#endif
#ifndef COOPDEC_SYNONYMS_FILE
#define COOPDEC_SYNONYMS_FILE "corpus/synonymes.txt"
#endif

namespace coopdec {

const std::vector<Setting>& server_settings() {
    // ONE ROW PER SETTING. The README's option list and
    // server/coopdec-server.properties follow this table (a test checks
    // that both name every key). Bounds: what a machine can give, and what
    // Poco accepts (a pool of 0 threads, a port over 65535 would wrap).
    static const std::vector<Setting> table = {
        {"db", "d", "coopdec.db", "DOSSIER", SettingType::text, 0, 0, "",
         "dossier de l'index, ou fichier de ses fragments (obligatoire)"},
        {"port", "p", "coopdec.port", "PORT", SettingType::integer, 0, 65535, "8080",
         "port d'écoute, 0 pour un port libre"},
        {"bind", "b", "coopdec.bind", "ADRESSE", SettingType::text, 0, 0, "127.0.0.1", "adresse d'écoute"},
        {"public-url", "", "coopdec.public_url", "URL", SettingType::url, 0, 0, "",
         "adresse publique des liens absolus des exports, https://… (par défaut l'hôte de la requête)"},
        {"synonyms", "s", "coopdec.synonyms", "FICHIER", SettingType::text, 0, 0, COOPDEC_SYNONYMS_FILE,
         "fichier des synonymes, relu quand il change"},
        {"stylesheets", "", "coopdec.stylesheets", "DOSSIER", SettingType::text, 0, 0, COOPDEC_STYLESHEET_DIR,
         "dossier des feuilles de style"},
        {"threads", "t", "coopdec.threads", "N", SettingType::integer, 1, 256, "16", "fils de traitement"},
        {"max-queued", "", "coopdec.max_queued", "N", SettingType::integer, 1, 100000, "256",
         "requêtes complètes en attente d'un fil, au plus"},
        {"timeout", "", "coopdec.timeout_seconds", "N", SettingType::integer, 1, 3600, "10",
         "secondes pour envoyer une requête ou lire la réponse"},
        {"max-connections", "", "coopdec.max_connections", "N", SettingType::integer, 1, 100000, "1000",
         "connexions en attente de requête, au plus"},
        {"shard-timeout", "", "coopdec.shard_timeout_ms", "MS", SettingType::integer, 100, 600000,
         std::to_string(kDefaultRemoteTimeoutMs), "millisecondes laissées à un fragment distant pour répondre"},
        {"state-dir", "", "coopdec.state_dir", "DOSSIER", SettingType::text, 0, 0, "",
         "dossier de l'état durable : les dossiers d'atelier et les comptes, coopdec.sqlite (par défaut "
         "/var/lib/coopdec/state "
         "pour root, sinon $XDG_STATE_HOME/coopdec ou ~/.local/state/coopdec)"},
        {"upload-max-mib", "", "coopdec.upload_max_mib", "MIO", SettingType::integer, 1, 1024, "50",
         "taille maximale d'un fichier déposé, en Mio"},
        {"upload-account-mib", "", "coopdec.upload_account_mib", "MIO", SettingType::integer, 1, 1000000, "500",
         "place totale des fichiers déposés par un compte, en Mio"},
        {"upload-queue", "", "coopdec.upload_queue", "N", SettingType::integer, 1, 10000, "20",
         "documents déposés en attente de traitement, au plus (3 par compte)"},
        {"upload-workers", "", "coopdec.upload_workers", "N", SettingType::integer, 0, 16, "1",
         "fils qui traitent les documents déposés (OCR, conversion) ; 0 : aucun"},
        {"corpus", "", "coopdec.corpus_dir", "DOSSIER", SettingType::text, 0, 0, "",
         "dossier du corpus où les contributions acceptées sont publiées (sans lui : aucune publication)"},
        {"user", "u", "coopdec.user", "NOM", SettingType::text, 0, 0, "nobody",
         "utilisateur à prendre quand le serveur est lancé en root"},
        // Accounts (store/account_service.h): sessions, set-up links, login throttling.
        {"session-idle", "", "coopdec.session_idle_minutes", "MINUTES", SettingType::integer, 1, 1440, "30",
         "minutes sans requête au bout desquelles une session prend fin"},
        {"session-lifetime", "", "coopdec.session_lifetime_hours", "HEURES", SettingType::integer, 1, 168, "12",
         "heures au bout desquelles une session prend fin, active ou non"},
        {"setup-link-hours", "", "coopdec.setup_link_hours", "HEURES", SettingType::integer, 1, 720, "72",
         "heures de validité d'un lien d'activation de compte (à usage unique)"},
        {"login-max-failures", "", "coopdec.login_max_failures", "N", SettingType::integer, 3, 100, "5",
         "échecs de connexion d'un identifiant avant l'attente"},
        {"login-max-failures-address", "", "coopdec.login_max_failures_address", "N", SettingType::integer, 5, 100000,
         "50", "échecs de connexion d'une adresse avant l'attente"},
        {"login-window", "", "coopdec.login_window_minutes", "MINUTES", SettingType::integer, 1, 1440, "15",
         "fenêtre de comptage des échecs de connexion, et attente au-delà de la limite"},
        {"trusted-proxy", "", "coopdec.trusted_proxy", "ADRESSE", SettingType::text, 0, 0, "",
         "adresse du relais inverse dont l'en-tête X-Forwarded-For donne l'adresse du client (par défaut : aucun)"},
    };
    return table;
}

const Setting* setting_by_option(const std::string& option) {
    for (const Setting& s : server_settings())
        if (option == s.option) return &s;
    return nullptr;
}

const Setting* setting_by_key(const std::string& key) {
    for (const Setting& s : server_settings())
        if (key == s.key) return &s;
    return nullptr;
}

namespace {

// Digits only, with an optional '-' and blanks around them: "8e3" or
// "0x1F" are not numbers here, and neither is a value past what a long
// long holds.
std::optional<long long> whole_number(const std::string& text) {
    size_t b = text.find_first_not_of(" \t");
    if (b == std::string::npos) return std::nullopt;
    std::string value = text.substr(b, text.find_last_not_of(" \t") + 1 - b);
    long long n = 0;
    const char* end = value.data() + value.size();
    auto [p, ec] = std::from_chars(value.data(), end, n);
    if (ec != std::errc() || p != end) return std::nullopt;
    return n;
}

}  // namespace

std::optional<std::string> setting_problem(const Setting& s, const std::string& value) {
    switch (s.type) {
        case SettingType::text:
            return std::nullopt;
        case SettingType::integer: {
            auto n = whole_number(value);
            if (!n || *n < s.min || *n > s.max)
                return "un nombre entier de " + std::to_string(s.min) + " à " + std::to_string(s.max) + " est attendu";
            return std::nullopt;
        }
        case SettingType::url:
            // It starts every absolute link of the exports: an address, nothing
            // a page or a spreadsheet could read otherwise.
            if (value.empty()) return std::nullopt;
            if ((value.rfind("http://", 0) != 0 && value.rfind("https://", 0) != 0) ||
                value.find_first_of(" \t\r\n\"'<>`\\") != std::string::npos)
                return std::string(
                    "une adresse http:// ou https:// est attendue, par exemple https://coopdec.example.org");
            return std::nullopt;
    }
    return std::nullopt;
}

std::string option_origin(const Setting& s) { return std::string("l'option --") + s.option; }

std::string property_origin(const Setting& s, const std::string& file) {
    return std::string("la propriété ") + s.key + " du fichier « " + file + " »";
}

std::string setting_refusal(const Setting& s, const std::string& value, const std::string& origin) {
    auto problem = setting_problem(s, value);
    return "valeur « " + value + " » refusée pour " + origin + " : " + problem.value_or("valeur acceptée");
}

std::string setting_details(const Setting& s) {
    std::string out = std::string("propriété ") + s.key;
    if (s.type == SettingType::integer)
        out += " ; un nombre entier de " + std::to_string(s.min) + " à " + std::to_string(s.max);
    if (!s.fallback.empty()) out += " ; par défaut : " + s.fallback;
    return out;
}

std::string settings_help() {
    std::string out;
    for (const Setting& s : server_settings()) {
        std::string names = *s.short_name ? std::string("-") + s.short_name + ", " : std::string("    ");
        out += "  " + names + "--" + s.option + " " + s.argument + "\n";
        out += "        " + std::string(s.help) + "\n";
        out += "        " + setting_details(s) + "\n";
    }
    return out;
}

long long setting_number(const std::string& value) { return whole_number(value).value_or(0); }

}  // namespace coopdec
