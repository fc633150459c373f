// @brief The partnership record's closed vocabularies, each value with its
// French label: what the declaration form offers, what the partnership
// page says. Keep in step with corpus/schema/partenariat.rng and
// common.rng (tests/record_form_test.cc compares them).
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace coopdec::terms {

struct Term {
    std::string_view value;  // as the record writes it: "en-cours"
    std::string_view label;  // as a person reads it: « en cours »
};

std::span<const Term> natures();          // <nature>
std::span<const Term> partner_levels();   // <partenaire niveau>
std::span<const Term> statuses();         // <statut>
std::span<const Term> amount_sources();   // <montant source>
std::span<const Term> action_statuses();  // <action statut>
std::span<const Term> sides();            // <responsable cote>
std::span<const Term> themes();           // <theme>: value and label are the same words

// The label of `value` in `list`; `value` itself when the list lacks it.
std::string label_of(std::span<const Term> list, std::string_view value);
// True when `list` holds `value`.
bool holds(std::span<const Term> list, std::string_view value);

}  // namespace coopdec::terms
