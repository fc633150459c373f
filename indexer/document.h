// @brief Turns one extracted Record into the Xapian documents of its
// searchable units: one for the document as a whole, one per unit.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/gazetteer.h"
#include "indexer/record.h"

namespace coopdec {

// Partnership records by id: a document linked to one inherits its facets
// (communes, country, themes…).
using PartnershipMap = std::map<std::string, Record, std::less<>>;

// What a document carries besides its own text: facet values (display form)
// and words that make it findable under other names (aliases, partners).
struct DocContext {
    std::map<std::string, std::vector<std::string>> facets;               // facet name → display values
    std::vector<std::string> extra_words;                                 // indexed without positions on every unit
    std::vector<std::string> commune_names;                               // for display
    std::string partner;                                                  // "Niort (FR)" for display
    std::vector<std::pair<std::string, std::string>> partnership_titles;  // id, title
};

// What a document inherits from a partnership record it links to, and
// nothing else: the fields resolve_context() reads of the records in a
// PartnershipMap (id, title, collectivities, partner, country, themes).
// A run keeps every partnership record for its whole length; without its
// text and units, a record weighs a few hundred bytes instead of tens of
// kilobytes.
Record inherited_fields(const Record& partnership);

// Resolves the facets of `record` from its own fields, the gazetteer and the
// partnership records it links to. Unknown ids are skipped here; the corpus
// reports them.
DocContext resolve_context(const Record& record, const Gazetteer& gazetteer, const PartnershipMap& partnerships);

// The language a record's text is analysed in (stems, stop words) and
// stored as the units' "lang": its own, else French, the language of the
// corpus and of the users' queries (a teiCorpo file often says none), so
// that its words are found by French queries. The "lang" facet keeps only
// what the file says.
std::string analysis_lang(const Record& record);

// One Xapian document and its unique-id term.
struct UnitDocument {
    std::string id_term;
    Xapian::Document document;
};

// Builds the document unit and one unit per Record::units entry, with the
// terms, values and data described in common/schema.h. `file_key` tags every
// unit so that a changed or removed file can be replaced as a whole.
// A gazetteer ("repertoire") gives no document: it only feeds the others.
std::vector<UnitDocument> build_documents(const Record& record, const DocContext& context, const std::string& file_key);

}  // namespace coopdec
