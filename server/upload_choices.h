// @brief What the upload and correction forms offer instead of typed ids:
// the communes a person may upload for, by their gazetteer names, and the
// published partnership records of those communes, read from the index.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "store/principal.h"

namespace coopdec {

class Index;

struct RecordChoice {
    std::string id;     // the record's document id: part-kloto-1-bressuire
    std::string title;  // as published
};

// The records of one commune, shown together (an <optgroup>).
struct CommuneRecords {
    std::string commune;  // gazetteer id
    std::string name;     // its name, the group's label
    std::vector<RecordChoice> records;
};

struct UploadChoices {
    // (gazetteer id, name): a contributor's own communes; every commune of
    // the gazetteer for a validator. In name order.
    std::vector<std::pair<std::string, std::string>> communes;
    // The published partnership records of those communes, one group per
    // commune that has some, in the order of `communes`.
    std::vector<CommuneRecords> records;
    bool offers_commune(const std::string& id) const;
    // True when `record` is offered with `commune`: among the records of
    // that commune (a validator: of any commune).
    bool offers_record(const std::string& commune, const std::string& record, bool any_commune) const;
    // The groups offered with `commune` ("" → all).
    std::vector<CommuneRecords> records_for(const std::string& commune) const;
    // The commune's name, or the id itself when the gazetteer lacks it.
    std::string name_of(const std::string& id) const;
};

// The choices of `who` from `index` (its gazetteer and its documents of
// type partenariat). Empty when the index has neither. Throws Xapian errors.
UploadChoices upload_choices(const Index& index, const store::Principal& who);

// Document types whose partnership record may be « aucun »: a study, a law.
bool record_optional(const std::string& doc_type);

}  // namespace coopdec
