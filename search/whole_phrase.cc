// @brief The phrase matched on document units through their units.
#include "search/whole_phrase.h"

#include <algorithm>
#include <memory>
#include <unordered_set>

#include "common/schema.h"

namespace coopdec {
namespace {

namespace sc = schema;

// The documents (units of every kind) whose document id (kSlotDoc) is one of
// `ids`. Read along the slot's value stream, skipping as the query skips: a
// few thousand ids cost one hash lookup per document unit visited, where as
// many id terms would cost as many posting lists opened on every pass.
class DocumentsIn : public Xapian::ValuePostingSource {
public:
    explicit DocumentsIn(std::shared_ptr<const PhraseDocuments> documents)
        : Xapian::ValuePostingSource(sc::kSlotDoc), documents_(std::move(documents)) {}

    void init(const Xapian::Database& db) override {
        Xapian::ValuePostingSource::init(db);
        set_termfreq_min(0);  // documents outside `ids_` are skipped
        set_termfreq_est(
            std::min<Xapian::doccount>(get_termfreq_max(), static_cast<Xapian::doccount>(documents_->ids.size())));
    }
    void next(double min_wt) override {
        Xapian::ValuePostingSource::next(min_wt);
        settle();
    }
    void skip_to(Xapian::docid did, double min_wt) override {
        Xapian::ValuePostingSource::skip_to(did, min_wt);
        settle();
    }
    bool check(Xapian::docid did, double min_wt) override {
        skip_to(did, min_wt);
        return true;
    }
    DocumentsIn* clone() const override { return new DocumentsIn(documents_); }
    // A name and a serialisation, so that the search cache can key a query
    // holding it (never unserialised: remote shards get id terms instead).
    std::string name() const override { return "coopdec.DocumentsIn"; }
    std::string serialise() const override { return documents_->serialised; }
    std::string get_description() const override {
        return "DocumentsIn(" + std::to_string(documents_->ids.size()) + " documents)";
    }

private:
    void settle() {
        while (!at_end() && documents_->ids.count(get_value()) == 0) Xapian::ValuePostingSource::next(0.0);
    }

    std::shared_ptr<const PhraseDocuments> documents_;
};

}  // namespace

std::shared_ptr<const PhraseDocuments> phrase_documents(const Xapian::Database& db,
                                                        const std::vector<std::string>& terms) {
    // Xapian's own spy: remote shards run it too.
    Xapian::ValueCountMatchSpy spy(sc::kSlotDoc);
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT,
                              Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                                            static_cast<Xapian::termcount>(terms.size())),
                              Xapian::Query(sc::kind_term(sc::kKindDoc))));
    e.set_weighting_scheme(Xapian::BoolWeight());
    e.add_matchspy(&spy);
    e.get_mset(0, 0, db.get_doccount());
    auto out = std::make_shared<PhraseDocuments>();
    // The spy lists its values sorted.
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
        out->ids.insert(*it);
        out->serialised += *it;
        out->serialised += '\n';
    }
    return out;
}

Xapian::Query whole_document_phrase(const std::vector<std::string>& terms, std::shared_ptr<const PhraseDocuments> ids,
                                    bool remote) {
    const Xapian::Query phrase(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                               static_cast<Xapian::termcount>(terms.size()));
    if (ids->ids.empty()) return phrase;
    const Xapian::Query doc_units(sc::kind_term(sc::kKindDoc));
    // Their document units.
    Xapian::Query documents;
    if (remote) {
        // The id term without an anchor is the document unit's alone (schema.h, id_term()).
        std::vector<Xapian::Query> id_terms;
        for (const auto& id : ids->ids) id_terms.emplace_back(sc::id_term(id));
        documents = Xapian::Query(Xapian::Query::OP_OR, id_terms.begin(), id_terms.end());
    } else {
        auto* source = new DocumentsIn(std::move(ids));
        documents = Xapian::Query(Xapian::Query::OP_FILTER, doc_units, Xapian::Query(source->release()));
    }
    const Xapian::Query said(Xapian::Query::OP_OR, phrase, documents);
    // The terms weigh, as in OP_PHRASE (an AND of its terms, positions
    // checked); where the phrase holds is a boolean filter, weighing nothing:
    // on a unit it is the phrase itself.
    return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end()),
                         said);
}

}  // namespace coopdec
