// @brief The phrase matched on document units through their units.
#include "search/whole_phrase.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>

#include "common/schema.h"
#include "search/facet_table.h"

namespace coopdec {
namespace {

namespace sc = schema;

Xapian::Query phrase_of(const std::vector<std::string>& terms) {
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                         static_cast<Xapian::termcount>(terms.size()));
}

// The docids of a match; with `hashes`, each with its document id's hash
// (kSlotDoc, FacetTable::id_hash()) instead: 16 bytes a match, where the
// ids themselves would weigh several times that.
class Matched : public Xapian::MatchSpy {
public:
    explicit Matched(bool hashes) : with_hashes_(hashes) {}
    void operator()(const Xapian::Document& doc, double) override {
        if (with_hashes_)
            by_hash.emplace_back(FacetTable::id_hash(doc.get_value(sc::kSlotDoc)), doc.get_docid());
        else
            docids.push_back(doc.get_docid());
    }
    std::vector<Xapian::docid> docids;
    std::vector<std::pair<std::uint64_t, Xapian::docid>> by_hash;  // hash, docid

private:
    bool with_hashes_;
};

// Every match of `query` in `db` (one local database) through `spy`.
void match_all_of(const Xapian::Database& db, const Xapian::Query& query, Matched& spy) {
    Xapian::Enquire e(db);
    e.set_query(query);
    e.set_weighting_scheme(Xapian::BoolWeight());
    e.add_matchspy(&spy);
    e.get_mset(0, 0, db.get_doccount());
}

// Where a phrase holds, in the shard Xapian runs the query on: a sorted
// list of docids, walked forward. A match costs a step or a binary search,
// whatever the size of the index.
class SaidIn : public Xapian::PostingSource {
public:
    explicit SaidIn(std::shared_ptr<const PhraseDocuments> documents) : documents_(std::move(documents)) {}

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
            own_ = said_in(db, documents_->terms);
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
    SaidIn* clone() const override { return new SaidIn(documents_); }
    // A name and a serialisation, so that the search cache can key a query
    // holding it (never unserialised: remote shards get id terms instead).
    std::string name() const override { return "coopdec.SaidIn"; }
    std::string serialise() const override { return documents_->key; }
    std::string get_description() const override { return "SaidIn(" + std::to_string(size()) + " units)"; }

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
    e.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, phrase_of(terms), Xapian::Query(sc::kind_term(sc::kKindDoc))));
    e.set_weighting_scheme(Xapian::BoolWeight());
    e.add_matchspy(&spy);
    e.get_mset(0, 0, db.get_doccount());
    std::vector<std::string> ids;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) ids.push_back(*it);  // sorted
    return ids;
}

std::vector<Xapian::docid> said_in(const Xapian::Database& db, const std::vector<std::string>& terms,
                                   std::size_t* documents, const FacetTable* table) {
    const Xapian::Query doc_units(sc::kind_term(sc::kKindDoc));
    // The units that say it, grouped by their document id's hash.
    Matched units(true);
    match_all_of(db, Xapian::Query(Xapian::Query::OP_AND_NOT, phrase_of(terms), doc_units), units);
    std::vector<std::pair<std::uint64_t, Xapian::docid>>& by_hash = units.by_hash;
    std::sort(by_hash.begin(), by_hash.end());
    std::vector<std::uint64_t> hashes;
    for (const auto& [hash, unit] : by_hash)
        if (hashes.empty() || hashes.back() != hash) hashes.push_back(hash);
    // Their document units: from the table, else by their id terms (the
    // ids read again from the units, only for the hashes it lacks).
    const std::vector<Xapian::docid> found =
        table ? table->document_units(hashes) : std::vector<Xapian::docid>(hashes.size(), 0);
    std::vector<Xapian::docid> out;
    out.reserve(hashes.size() + by_hash.size());
    std::size_t count = 0;
    auto run = by_hash.begin();
    for (size_t i = 0; i < hashes.size(); ++i) {
        auto end = run;
        while (end != by_hash.end() && end->first == hashes[i]) ++end;
        if (found[i] != 0) {
            out.push_back(found[i]);
            ++count;
        } else {
            std::set<std::string> ids;
            for (auto u = run; u != end; ++u) ids.insert(db.get_document(u->second).get_value(sc::kSlotDoc));
            count += ids.size();
            for (const auto& id : ids) {
                // The id term without an anchor is the document unit's alone (schema.h, id_term()).
                const std::string term = sc::id_term(id);
                if (auto p = db.postlist_begin(term); p != db.postlist_end(term)) out.push_back(*p);
            }
        }
        run = end;
    }
    if (documents) *documents = count;
    // The document units that say it in their own text: their positions
    // are those of that text alone.
    Matched own(false);
    match_all_of(db, Xapian::Query(Xapian::Query::OP_FILTER, phrase_of(terms), doc_units), own);
    for (const auto& [hash, unit] : by_hash) out.push_back(unit);
    by_hash = {};
    out.insert(out.end(), own.docids.begin(), own.docids.end());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    out.shrink_to_fit();
    return out;
}

std::size_t PhraseDocuments::bytes() const {
    std::size_t n = sizeof(*this) + key.capacity();
    for (const auto& t : terms) n += sizeof(t) + t.capacity();
    for (const auto& id : ids) n += sizeof(id) + id.capacity();
    for (const auto& d : shard_docids) n += sizeof(d) + d.capacity() * sizeof(Xapian::docid);
    for (const auto& u : shard_uuids) n += sizeof(u) + u.capacity();
    return n;
}

std::shared_ptr<const PhraseDocuments> phrase_documents(const Index& index, const std::vector<std::string>& terms,
                                                        const FacetTable* table) {
    auto out = std::make_shared<PhraseDocuments>();
    out->terms = terms;
    if (index.has_remote()) {
        out->ids = ids_saying(index.db(), terms);
        out->count = out->ids.size();
        return out;
    }
    // The revision the shards read (an open database reads one revision
    // until it is reopened): the one the documents were found at.
    try {
        if (const std::optional<IndexRevision> revision = index.revision()) out->key = revision->key();
    } catch (const Xapian::UnimplementedError&) {
        // A backend without revisions (in memory): no cache can key by it.
    }
    for (const auto& t : terms) {
        out->key += '\n';
        out->key += t;
    }
    // Each shard alone, with its own docids: a document and its units live
    // in one shard.
    const size_t n = index.shard_count();
    out->shard_docids.resize(n);
    for (size_t i = 0; i < n; ++i) {
        std::size_t documents = 0;
        out->shard_docids[i] = said_in(index.shard(i), terms, &documents, n == 1 ? table : nullptr);
        out->count += documents;
    }
    if (n > 1) out->shard_uuids = index.shard_uuids();
    return out;
}

Xapian::Query whole_document_phrase(const std::vector<std::string>& terms, std::shared_ptr<const PhraseDocuments> ids) {
    const Xapian::Query phrase = phrase_of(terms);
    if (ids->ids.empty() && ids->shard_docids.empty()) return phrase;  // nothing found: no index to read it in
    // Where the phrase holds: on a local index, the docids found; with a
    // remote shard, the units that say it or the document units of the
    // documents it names.
    Xapian::Query said;
    if (!ids->ids.empty()) {
        std::vector<Xapian::Query> id_terms;
        for (const auto& id : ids->ids) id_terms.emplace_back(sc::id_term(id));
        said = Xapian::Query(Xapian::Query::OP_OR, phrase,
                             Xapian::Query(Xapian::Query::OP_OR, id_terms.begin(), id_terms.end()));
    } else {
        said = Xapian::Query((new SaidIn(std::move(ids)))->release());
    }
    // The terms weigh, as in OP_PHRASE (an AND of its terms, positions
    // checked); where the phrase holds is a boolean filter, weighing nothing.
    return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end()),
                         said);
}

}  // namespace coopdec
