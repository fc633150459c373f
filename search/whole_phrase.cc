// @brief The phrase matched on document units through their units.
#include "search/whole_phrase.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "common/schema.h"

namespace coopdec {
namespace {

namespace sc = schema;

// The docids, sorted, of the document units of `ids` in `db`.
std::vector<Xapian::docid> document_units(const Xapian::Database& db, const std::vector<std::string>& ids) {
    std::vector<Xapian::docid> out;
    out.reserve(ids.size());
    for (const auto& id : ids) {
        // The id term without an anchor is the document unit's alone (schema.h, id_term()).
        const std::string term = sc::id_term(id);
        if (auto p = db.postlist_begin(term); p != db.postlist_end(term)) out.push_back(*p);
    }
    std::sort(out.begin(), out.end());
    return out;
}

// The document units of a phrase's documents, in the shard Xapian runs the
// query on: a sorted list of docids, walked forward. A match costs a step
// or a binary search, whatever the size of the index.
class DocumentsIn : public Xapian::PostingSource {
public:
    explicit DocumentsIn(std::shared_ptr<const PhraseDocuments> documents) : documents_(std::move(documents)) {}

    // Xapian calls init() once per shard, with that shard alone and the
    // shard's own docids (1.4 names the shard no other way than by its UUID).
    void init(const Xapian::Database& db) override {
        const auto& per_shard = documents_->shard_docids;
        docids_ = nullptr;
        if (per_shard.size() == 1) {
            docids_ = &per_shard[0];
        } else if (!per_shard.empty()) {
            const std::string uuid = db.get_uuid();
            const auto& uuids = documents_->shard_uuids;
            auto it = std::find(uuids.begin(), uuids.end(), uuid);
            // Two shards copied from one database share a UUID: find their
            // documents in the shard itself rather than guess.
            if (!uuid.empty() && it != uuids.end() && std::count(uuids.begin(), uuids.end(), uuid) == 1)
                docids_ = &per_shard[static_cast<size_t>(it - uuids.begin())];
        }
        if (!docids_) {
            own_ = document_units(db, ids_saying(db, documents_->terms));
            docids_ = &own_;
        }
        pos_ = docids_->begin();
        started_ = false;
    }
    Xapian::doccount get_termfreq_min() const override { return size(); }
    Xapian::doccount get_termfreq_est() const override { return size(); }
    Xapian::doccount get_termfreq_max() const override { return size(); }
    void next(double) override {
        if (started_) ++pos_;
        started_ = true;
    }
    void skip_to(Xapian::docid did, double) override {
        started_ = true;
        if (pos_ != docids_->end() && *pos_ < did) pos_ = std::lower_bound(pos_, docids_->cend(), did);
    }
    bool check(Xapian::docid did, double min_wt) override {
        skip_to(did, min_wt);
        return true;
    }
    bool at_end() const override { return started_ && pos_ == docids_->end(); }
    Xapian::docid get_docid() const override { return *pos_; }
    DocumentsIn* clone() const override { return new DocumentsIn(documents_); }
    // A name and a serialisation, so that the search cache can key a query
    // holding it (never unserialised: remote shards get id terms instead).
    std::string name() const override { return "coopdec.DocumentsIn"; }
    std::string serialise() const override { return documents_->key; }
    std::string get_description() const override {
        return "DocumentsIn(" + std::to_string(documents_->count) + " documents)";
    }

private:
    Xapian::doccount size() const { return static_cast<Xapian::doccount>(docids_ ? docids_->size() : 0); }

    std::shared_ptr<const PhraseDocuments> documents_;
    const std::vector<Xapian::docid>* docids_ = nullptr;
    std::vector<Xapian::docid> own_;
    std::vector<Xapian::docid>::const_iterator pos_;
    bool started_ = false;
};

}  // namespace

std::vector<std::string> ids_saying(const Xapian::Database& db, const std::vector<std::string>& terms) {
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
    std::vector<std::string> ids;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) ids.push_back(*it);  // sorted
    return ids;
}

std::size_t PhraseDocuments::bytes() const {
    std::size_t n = sizeof(*this) + key.capacity();
    for (const auto& t : terms) n += sizeof(t) + t.capacity();
    for (const auto& id : ids) n += sizeof(id) + id.capacity();
    for (const auto& d : shard_docids) n += sizeof(d) + d.capacity() * sizeof(Xapian::docid);
    for (const auto& u : shard_uuids) n += sizeof(u) + u.capacity();
    return n;
}

std::shared_ptr<const PhraseDocuments> phrase_documents(const Index& index, const std::vector<std::string>& terms) {
    const Xapian::Database& db = index.db();
    auto out = std::make_shared<PhraseDocuments>();
    out->terms = terms;
    std::vector<std::string> ids = ids_saying(db, terms);
    out->count = ids.size();
    if (index.has_remote()) {
        out->ids = std::move(ids);
        return out;
    }
    // The revision `db` reads (an open database reads one revision until it
    // is reopened): the one the documents were found at.
    try {
        if (const std::optional<IndexRevision> revision = index.revision()) out->key = revision->key();
    } catch (const Xapian::UnimplementedError&) {
        // A backend without revisions (in memory): no cache can key by it.
    }
    for (const auto& t : terms) {
        out->key += '\n';
        out->key += t;
    }
    if (ids.empty()) return out;
    // Xapian numbers the documents of n shards in turn: combined docid d is
    // docid (d - 1) / n + 1 of shard (d - 1) % n (search/index.h).
    const size_t n = index.shard_count();
    out->shard_docids.resize(n);
    for (Xapian::docid d : document_units(db, ids))
        out->shard_docids[(d - 1) % n].push_back(static_cast<Xapian::docid>((d - 1) / n + 1));
    for (auto& d : out->shard_docids) d.shrink_to_fit();
    if (n > 1) out->shard_uuids = index.shard_uuids();
    return out;
}

Xapian::Query whole_document_phrase(const std::vector<std::string>& terms, std::shared_ptr<const PhraseDocuments> ids) {
    const Xapian::Query phrase(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                               static_cast<Xapian::termcount>(terms.size()));
    if (ids->count == 0) return phrase;
    // Their document units.
    Xapian::Query documents;
    if (!ids->ids.empty()) {
        std::vector<Xapian::Query> id_terms;
        for (const auto& id : ids->ids) id_terms.emplace_back(sc::id_term(id));
        documents = Xapian::Query(Xapian::Query::OP_OR, id_terms.begin(), id_terms.end());
    } else {
        documents = Xapian::Query((new DocumentsIn(std::move(ids)))->release());
    }
    const Xapian::Query said(Xapian::Query::OP_OR, phrase, documents);
    // The terms weigh, as in OP_PHRASE (an AND of its terms, positions
    // checked); where the phrase holds is a boolean filter, weighing nothing:
    // on a unit it is the phrase itself.
    return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end()),
                         said);
}

}  // namespace coopdec
