// @brief The phrase matched on document units through their units.
#include "search/whole_phrase.h"

#include "common/schema.h"

namespace coopdec {

namespace sc = schema;

Xapian::Query whole_document_phrase(const Xapian::Database& db, const std::vector<std::string>& terms) {
    const Xapian::Query phrase(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                               static_cast<Xapian::termcount>(terms.size()));
    // The documents one of whose units says the phrase, once each.
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, phrase, Xapian::Query(sc::kind_term(sc::kKindDoc))));
    e.set_weighting_scheme(Xapian::BoolWeight());
    e.set_collapse_key(sc::kSlotDoc);
    Xapian::MSet m = e.get_mset(0, db.get_doccount());
    if (m.empty()) return phrase;
    // Their document units: the id term without an anchor is the document
    // unit's alone (schema.h, id_term()).
    std::vector<Xapian::Query> documents;
    documents.reserve(m.size());
    for (auto it = m.begin(); it != m.end(); ++it) documents.emplace_back(sc::id_term(it.get_collapse_key()));
    const Xapian::Query said(Xapian::Query::OP_OR, phrase,
                             Xapian::Query(Xapian::Query::OP_OR, documents.begin(), documents.end()));
    // The terms weigh, as in OP_PHRASE (an AND of its terms, positions
    // checked); where the phrase holds is a boolean filter, weighing nothing:
    // on a unit it is the phrase itself, the ids being no unit's.
    return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end()),
                         said);
}

}  // namespace coopdec
