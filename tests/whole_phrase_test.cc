// @brief Document units without their units' positions: phrases found as
// when they had them, the same wdf, lengths and BM25 weights.
#include <catch2/catch.hpp>

#include "common/analysis.h"
#include "common/schema.h"
#include "search/request.h"
#include "search/search.h"
#include "search/whole_phrase.h"
#include "tests/search_fixture.h"

using namespace coopdec;

namespace {

namespace sc = schema;

Xapian::Document document_unit(const Xapian::Database& db, const std::string& id) {
    auto p = db.postlist_begin(sc::id_term(id));
    REQUIRE(p != db.postlist_end(sc::id_term(id)));
    return db.get_document(*p);
}

Xapian::termcount wdf_of(const Xapian::Document& d, const std::string& term) {
    auto t = d.termlist_begin();
    t.skip_to(term);
    return t != d.termlist_end() && *t == term ? t.get_wdf() : 0;
}

size_t positions_of(const Xapian::Document& d, const std::string& term) {
    auto t = d.termlist_begin();
    t.skip_to(term);
    if (t == d.termlist_end() || *t != term) return 0;
    return t.positionlist_count();
}

// The index as it was when each document unit repeated its units'
// positions: a copy of `db` where every document unit gets, for each word of
// its units (label and text, as stored: a heading is not stored apart, the
// label holds it: "Article 46 – De la coopération"), a position —
// and no wdf more (add_posting's increment 0), so that the copy differs
// from `db` by positions only.
void add_unit_positions(const Xapian::Database& db, Xapian::WritableDatabase& out) {
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        Xapian::Document d = db.get_document(*p);
        if (d.get_value(sc::kSlotKind) == sc::kKindDoc) {
            const std::string id = d.get_value(sc::kSlotDoc);
            const std::string lang = sc::decode_data(d.get_data())[sc::kFieldLang];
            Xapian::Enquire e(db);
            e.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(std::string(sc::kPrefixDoc) + id),
                                      Xapian::Query(sc::kind_term(sc::kKindDoc))));
            e.set_weighting_scheme(Xapian::BoolWeight());
            Xapian::MSet m = e.get_mset(0, db.get_doccount());
            Xapian::termpos pos = 100000;
            for (auto u = m.begin(); u != m.end(); ++u) {
                sc::Data data = sc::decode_data(u.get_document().get_data());
                std::vector<std::string> fields{data[sc::kFieldLabel], data[sc::kFieldText]};
                for (const auto& text : fields) {
                    for (const auto& tok : analysis::tokenize(text, lang))
                        if (!tok.term.empty() && tok.term.size() <= sc::kMaxTermBytes)
                            d.add_posting(tok.term, ++pos, 0);
                    pos += 100;
                }
            }
        }
        out.replace_document(*p, d);
    }
    // The fixture's metadata (the in-memory backend lists no keys).
    for (std::string_view k : {sc::kSchemaKey, sc::kLanguagesKey})
        out.set_metadata(std::string(k), db.get_metadata(std::string(k)));
}

// What a user sees of an answer: ids in order, passages, totals, facets.
std::string shown(const SearchResult& r) {
    std::string out = std::to_string(r.total) + "/" + std::to_string(r.complete) + "\n";
    for (const auto& d : r.results) {
        out += d.id + ":";
        for (const auto& p : d.passages) out += " " + p.anchor;
        out += "\n";
    }
    for (const auto& f : r.facets)
        for (const auto& v : f.values) out += f.name + "=" + v.value + " " + std::to_string(v.count) + "\n";
    return out;
}

}  // namespace

TEST_CASE("the document unit has its units' words with their wdf, without their positions", "[positions]") {
    test::SearchFixture fx;
    Xapian::Document whole = document_unit(fx.db, "conv-kloto-bressuire");
    // "Un comité de suivi se réunit chaque année." is clause art_2's only.
    CHECK(wdf_of(whole, "suivi") == 1);
    CHECK(positions_of(whole, "suivi") == 0);
    CHECK(wdf_of(whole, "comite") == 1);
    CHECK(positions_of(whole, "comite") == 0);
    // Two labels, "Article 1" and "Article 2", weigh 2 each, as in the units.
    CHECK(wdf_of(whole, "article") == 4);
    CHECK(positions_of(whole, "article") == 0);
    // The title's words keep their positions: a phrase of the title is the
    // document unit's own.
    CHECK(positions_of(whole, "convention") == 1);
    CHECK(positions_of(whole, "cooperation") == 1);
    // The unit has its positions.
    auto p = fx.db.postlist_begin(sc::id_term("conv-kloto-bressuire", "art_2"));
    Xapian::Document clause = fx.db.get_document(*p);
    CHECK(positions_of(clause, "suivi") == 1);
    // Its length is the sum of the wdf, as with positions.
    Xapian::termcount sum = 0;
    for (auto t = whole.termlist_begin(); t != whole.termlist_end(); ++t) sum += t.get_wdf();
    CHECK(fx.db.get_doclength(whole.get_docid()) == sum);
}

TEST_CASE("a phrase said in one unit is counted and found as when document units had its positions",
          "[positions][search]") {
    test::SearchFixture fx;
    Xapian::WritableDatabase before(std::string(), Xapian::DB_BACKEND_INMEMORY);
    add_unit_positions(fx.db, before);
    // The copy is the former layout: the phrase is in the document unit.
    CHECK(positions_of(document_unit(before, "conv-kloto-bressuire"), "suivi") == 1);

    const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> queries = {
        {"\"comité de suivi\"", {}},
        {"\"suivi de comité\"", {}},
        {"\"eau potable\"", {}},
        {"\"eau potable\" assainissement", {}},
        {"\"eau potable\" -tourisme", {}},
        {"eau -\"comité de suivi\"", {}},
        {"comite -\"comité de suivi\"", {}},
        {"article 46", {}},
        {"article 46 cooperation", {}},
        {"\"coopération décentralisée\"", {}},
        {"\"coopération décentralisée\"", {{"type", "loi"}}},
        {"\"coopération décentralisée\"", {{"per_page", "1"}, {"page", "2"}}},
        {"\"coopération décentralisée\"", {{"sort", "date"}}},
        {"\"convention de coopération\"", {}},
        {"\"bressuire promotion\"", {}},
        {"\"local un comité\"", {}},
        {"\"le forage\"", {{"role", "agent-technique"}}},
        {"\"comité de suivi\" OR forage", {}},
        {"\"eau potable\" tourisme", {}},
        {"eau forage", {}},
        {"cooperation", {}},
        {"\"coopération décentralisée\"", {{"doc", "loi-2019-006"}}},
    };
    for (const auto& [q, params] : queries) {
        CAPTURE(q, params.size());
        CHECK(shown(test::run(fx.db, q, params)) == shown(test::run(before, q, params)));
    }
    // The phrase of one clause finds its document: counted, listed, its
    // clause as passage.
    SearchResult r = test::run(fx.db, "\"comité de suivi\"");
    REQUIRE(r.total == 1);
    CHECK(r.results[0].id == "conv-kloto-bressuire");
    REQUIRE_FALSE(r.results[0].passages.empty());
    CHECK(r.results[0].passages[0].anchor == "art_2");
    // Excluded by a phrase its clause says.
    CHECK(test::run(fx.db, "comite -\"comité de suivi\"").total == 1);
    // A phrase across two clauses is no phrase.
    CHECK(test::run(fx.db, "\"local un comité\"").total == 0);
}

TEST_CASE("weights on document units are those of the former layout", "[positions]") {
    test::SearchFixture fx;
    Xapian::WritableDatabase before(std::string(), Xapian::DB_BACKEND_INMEMORY);
    add_unit_positions(fx.db, before);
    auto weights = [](const Xapian::Database& db, const Xapian::Query& q) {
        Xapian::Enquire e(db);
        e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(sc::kind_term(sc::kKindDoc))));
        std::map<Xapian::docid, double> out;
        Xapian::MSet m = e.get_mset(0, db.get_doccount());
        for (auto it = m.begin(); it != m.end(); ++it) out[*it] = it.get_weight();
        return out;
    };
    auto all_weights = [](const Xapian::Database& db, const Xapian::Query& q) {
        Xapian::Enquire e(db);
        e.set_query(q);
        std::map<Xapian::docid, double> out;
        Xapian::MSet m = e.get_mset(0, db.get_doccount());
        for (auto it = m.begin(); it != m.end(); ++it) out[*it] = it.get_weight();
        return out;
    };
    for (const char* w : {"Zeau", "Zcomit", "cooperation", "article"}) {
        CAPTURE(w);
        auto now = weights(fx.db, Xapian::Query(w));
        CHECK_FALSE(now.empty());
        CHECK(now == weights(before, Xapian::Query(w)));
    }
    // A phrase: matched on document units through their units, weighted as
    // OP_PHRASE weighs it where the document unit has the positions.
    for (std::vector<std::string> terms :
         {std::vector<std::string>{"comite", "de", "suivi"}, std::vector<std::string>{"cooperation", "decentralisee"},
          std::vector<std::string>{"eau", "potable"}}) {
        CAPTURE(terms);
        const Xapian::Query phrase(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), terms.size());
        auto was = weights(before, phrase);
        CHECK_FALSE(was.empty());
        CHECK(weights(fx.db, phrase).size() < was.size());  // the plain phrase misses them now
        auto documents = phrase_documents(fx.db, terms);
        CHECK(documents->ids.empty());  // a local index: docids only
        CHECK(weights(fx.db, whole_document_phrase(terms, documents)) == was);
        // On every Xapian document, units included: what OP_PHRASE gives
        // where every unit and document unit has its positions.
        CHECK(all_weights(fx.db, whole_document_phrase(terms, documents)) == all_weights(before, phrase));
        CHECK(documents->shard_docids.at(0).size() == all_weights(before, phrase).size());
        // Named by their ids, as for an index with a remote shard.
        auto named = std::make_shared<PhraseDocuments>(*documents);
        named->ids = ids_saying(fx.db, terms);
        named->shard_docids.clear();
        CHECK(named->ids.size() == documents->count);
        CHECK(weights(fx.db, whole_document_phrase(terms, named)) == was);
    }
}
