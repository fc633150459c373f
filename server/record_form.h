// @brief The partnership declaration form as data: its fields read from a
// POST, checked with French messages per field, written as the record's
// XML (corpus/schema/partenariat.rng), read back from a record's XML, and
// two versions compared field by field. Pure functions, no HTTP, no store.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "server/http.h"

namespace coopdec::declaration {

// Rows of each repeatable group read from a form, at most.
inline constexpr size_t kMaxRows = 60;
// Empty rows a form shows under the filled ones, and how many more each
// « Ajouter des lignes » adds.
inline constexpr int kEmptyRows = 2;
inline constexpr int kMoreRows = 3;

// Every field of a partnership record as typed (whitespace kept as typed
// until record_xml() normalises it).
struct RecordForm {
    std::string doc_id;  // "part-…"; "" for a new record not yet named
    std::string title;
    std::string notice;  // <avertissement>: a demonstration record's; "" for a real one
    struct Place {
        // "commune:kloto-1", "prefecture:anie", "region:centrale", or
        // "aucune" (neither commune nor préfecture confirmed).
        std::string key;
        std::string name;  // as the sources name it: « Kpalimé »
    };
    std::vector<Place> places;
    std::string partner, level, country;  // <partenaire> text, niveau, pays
    std::string nature, start, end, status;
    std::vector<std::string> themes;
    std::string divergences;  // one per line
    std::string description;  // paragraphs separated by an empty line
    struct Amount {
        std::string year, source, origin, fcfa;  // fcfa as typed: "1 500 000"
    };
    std::vector<Amount> amounts;
    struct Action {
        std::string title, start, end, theme, status;
    };
    std::vector<Action> actions;
    struct Person {
        std::string name, role, side, contact;
    };
    std::vector<Person> people;
    struct Source {
        std::string text, href;
    };
    std::vector<Source> sources;
    int extra_rows = kEmptyRows;  // empty rows shown in each group
};

// Field name (as in the form: "titre", "m_montant_2") → French message.
using FieldErrors = std::map<std::string, std::string>;

// The form's fields from a POST (names as form_field_names() documents):
// rows whose fields are all blank are dropped, the others keep their order.
RecordForm form_from_params(const http::Params& params);

// What the person may choose as a collectivity: the place keys offered
// (RecordForm::Place::key).
struct Choices {
    std::set<std::string> places;
};

// The problems of `form`, each under the field at fault; empty when the
// record can be written. `choices`: the collectivities allowed.
FieldErrors check_form(const RecordForm& form, const Choices& choices);

// "1 500 000", "1.500.000", "1500000 FCFA" → "1500000"; "" when it is not
// a whole number of FCFA (at most 15 digits).
std::string fcfa_digits(std::string_view typed);

// The id a new record gets: "part-" + its first commune (or "sans-commune")
// + "-" + the partner's name, slugged ("part-kloto-1-bressuire").
std::string new_record_id(const RecordForm& form);

// The record's XML, every value through xml_escape (common/escape.h).
// `form` must have passed check_form().
std::string record_xml(const RecordForm& form);

// A record's XML back into the form (the draft of an existing record);
// false, with `error` in French, when it is not a partnership record.
bool form_from_xml(std::string_view xml, RecordForm& form, std::string& error);

// One field that differs between two versions: its French label and its
// value before and after, one line per item for the lists.
struct FieldChange {
    std::string label;
    std::vector<std::string> before, after;
};
// The fields of `after` that differ from `before`, in the form's order.
std::vector<FieldChange> diff_forms(const RecordForm& before, const RecordForm& after);

// The gazetteer ids of the communes the form names ("commune:ID" keys).
std::vector<std::string> form_communes(const RecordForm& form);

}  // namespace coopdec::declaration
