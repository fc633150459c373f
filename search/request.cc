// @brief name=value → SearchRequest.
#include "search/request.h"

#include <charconv>

#include "common/schema.h"

namespace coopdec {
namespace {

// A whole non-negative decimal number that fits, or nothing.
std::optional<long> parse_number(const std::string& s, long max) {
    long v = 0;
    if (s.empty() || s.size() > 12) return std::nullopt;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v < 0 || v > max) return std::nullopt;
    return v;
}

}  // namespace

std::optional<SearchError> apply_parameter(SearchRequest& req, const std::string& name, const std::string& value) {
    if (name == "q") {
        req.query = value;
        return std::nullopt;
    }
    if (name == "doc") {
        req.within = value;
        return std::nullopt;
    }
    if (name == "year_from" || name == "year_to") {
        // A year field left empty in a form filters nothing.
        if (value.empty()) return std::nullopt;
        auto y = parse_number(value, 9999);
        if (!y) {
            const char* which = name == "year_from" ? "de début" : "de fin";
            return SearchError{"année invalide pour " + name + " : « " + value + " » (attendu : 4 chiffres)",
                               std::string("année ") + which + " invalide (« " + value + " ») : l'année " + which +
                                   " doit être un nombre, par exemple 2010",
                               name};
        }
        (name == "year_from" ? req.year_from : req.year_to) = static_cast<int>(*y);
        return std::nullopt;
    }
    if (name == "page") {
        auto n = parse_number(value, 100000);
        if (!n || *n < 1)
            return SearchError{"numéro de page invalide : « " + value + " » (entier de 1 à 100000)",
                               "numéro de page invalide (« " + value +
                                   " ») : le numéro de page doit être un nombre entier à partir de 1",
                               name};
        req.page = static_cast<size_t>(*n);
        return std::nullopt;
    }
    if (name == "per_page") {
        auto n = parse_number(value, static_cast<long>(kMaxPerPage));
        if (!n || *n < 1)
            return SearchError{"nombre de résultats par page invalide : « " + value + " » (entier de 1 à " +
                                   std::to_string(kMaxPerPage) + ")",
                               "", name};
        req.per_page = static_cast<size_t>(*n);
        return std::nullopt;
    }
    if (name == "facet_values") {
        auto n = parse_number(value, static_cast<long>(kMaxFacetValues));
        if (!n)
            return SearchError{"nombre de valeurs par facette invalide : « " + value + " » (entier de 0, toutes, à " +
                                   std::to_string(kMaxFacetValues) + ")",
                               "", name};
        req.facet_values = static_cast<size_t>(*n);
        return std::nullopt;
    }
    if (name == "sort") {
        if (value == "pertinence" || value == "relevance" || value.empty())
            req.sort = SearchRequest::Sort::relevance;
        else if (value == "date")
            req.sort = SearchRequest::Sort::date_desc;
        else if (value == "date-asc")
            req.sort = SearchRequest::Sort::date_asc;
        else
            return SearchError{"tri inconnu « " + value + " » (pertinence, date ou date-asc)",
                               "tri inconnu « " + value + " » : on peut trier par pertinence ou par date", name};
        return std::nullopt;
    }
    if (name == "mots") {
        if (value == "tous")
            req.all_words = true;
        else if (value == "partiel" || value.empty())
            req.all_words = false;
        else
            return SearchError{"valeur inconnue pour mots : « " + value + " » (tous ou partiel)",
                               "choix des mots inconnu (« " + value +
                                   " ») : on peut exiger tous les mots ou accepter une partie d'entre eux",
                               name};
        return std::nullopt;
    }
    if (name == "corriger") {
        if (value == "non")
            req.correct_spelling = false;
        else if (value == "oui" || value.empty())
            req.correct_spelling = true;
        else
            return SearchError{
                "valeur inconnue pour corriger : « " + value + " » (oui ou non)",
                "choix de correction inconnu (« " + value + " ») : l'orthographe est corrigée (oui) ou non", name};
        return std::nullopt;
    }
    if (schema::find_facet(name)) {
        if (value.empty()) return std::nullopt;  // an empty select means "any"
        req.filters[name].push_back(value);
        return std::nullopt;
    }
    std::string known;
    for (const auto& f : schema::kFacets) known += std::string(f.name) + ", ";
    return SearchError{"paramètre inconnu « " + name + " » (possibles : q, " + known +
                           "year_from, year_to, doc, page, per_page, sort, facet_values, mots, corriger)",
                       "paramètre inconnu « " + name + " » : l'adresse contient un réglage que le site ne connaît pas",
                       name};
}

}  // namespace coopdec
