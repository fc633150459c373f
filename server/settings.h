// @brief The server's settings as one table (option, property, type, range,
// default, help) that the command line, the properties file and --help read.
//
// Contract: a value is checked against its row wherever it comes from, and
// refused with the same French reason; the caller names where it came from
// (« l'option --port », « la propriété coopdec.port du fichier « F » »).
// A new setting is a new row: it is then an option, a property, checked,
// and listed by --help.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace coopdec {

enum class SettingType {
    text,     // any value (a path, an address, a user name)
    integer,  // a whole number within [min, max]
    url,      // "" or an http:// or https:// address without spaces or quotes
};

struct Setting {
    const char* option;      // "port": --port on the command line
    const char* short_name;  // "p": -p, "" for none
    const char* key;         // "coopdec.port" in the properties file
    const char* argument;    // "PORT", as --help shows it
    SettingType type;
    long long min, max;    // for SettingType::integer
    std::string fallback;  // the default, as text; "" when there is none
    const char* help;      // French, one line
};

// Every setting, in --help's order.
const std::vector<Setting>& server_settings();

// The row for --option or for a property key; nullptr when none.
const Setting* setting_by_option(const std::string& option);
const Setting* setting_by_key(const std::string& key);

// nullopt when `value` suits `s`, else the French reason, without the
// origin: « un nombre entier de 0 à 65535 est attendu ».
std::optional<std::string> setting_problem(const Setting& s, const std::string& value);

// The whole refusal: « valeur « 70000 » refusée pour ORIGIN : REASON ».
// `origin`: « l'option --port » or « la propriété coopdec.port du fichier « F » ».
std::string setting_refusal(const Setting& s, const std::string& value, const std::string& origin);
std::string option_origin(const Setting& s);
std::string property_origin(const Setting& s, const std::string& file);

// How a row reads in --help: « propriété coopdec.port ; un nombre entier de
// 0 à 65535 ; par défaut : 8080 ».
std::string setting_details(const Setting& s);

// The options part of --help, one entry per row: « -p, --port PORT », the
// help, then setting_details() on the next line.
std::string settings_help();

// A validated whole number (setting_problem() returned nullopt for it).
long long setting_number(const std::string& value);

}  // namespace coopdec
