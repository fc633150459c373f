// @brief The world's countries and territories as French speakers name them:
// ISO 3166-1 alpha-2 code, French name with its article and other names,
// adjective (demonym) in the masculine and feminine singular, and the UN M49
// region. Read by the names table (search/names.h) and the pages' labels.
#pragma once

#include <span>
#include <string_view>

namespace coopdec::countries {

struct Country {
    std::string_view code;       // ISO 3166-1 alpha-2: "CI"
    std::string_view name;       // the French name as shown: "Côte d'Ivoire"
    std::string_view article;    // "le", "la", "les", "l'" or "" (Israël, Cuba): « le Maroc »
    std::string_view other;      // other names users write, '|'-separated ("Burkina"), may be empty
    std::string_view masculine;  // adjective, masculine singular ("ivoirien"); '|' between variants; may be empty
    std::string_view feminine;   // adjective, feminine singular ("ivoirienne"); may be empty
    std::string_view region;     // UN M49 sub-region in French ("Afrique occidentale"); "" for Antarctica
    std::string_view continent;  // UN M49 region in French ("Afrique"); "" for Antarctica
};

// Every country and territory of ISO 3166-1, by code. Static data.
std::span<const Country> all();

// The country with this code (any case), or nullptr.
const Country* find(std::string_view code);

// The French name of `code` ("BE" → "Belgique"), or `code` itself when unknown.
std::string_view french_name(std::string_view code);

}  // namespace coopdec::countries
