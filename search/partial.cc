// @brief Partial matching: union, coordination bonus, what is missing.
//
// Xapian 1.4 has no "minimum should match" nor coordination factor: BM25
// alone would rank a document that says « eau » fifty times above one that
// holds all four words once. A fixed weight per held clause (a posting source
// ANDed with the clause: AND adds its subqueries' weights) makes the number
// of clauses held, then their rarity, dominate; BM25 only breaks ties. The
// sources are Xapian's own, so remote shards (xapian-tcpsrv) run them too.
#include "search/partial.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>
#include <utility>

#include "common/schema.h"

namespace coopdec {
namespace {

namespace sc = schema;

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& qs) {
    if (qs.empty()) return Xapian::Query();
    if (qs.size() == 1) return qs[0];
    return Xapian::Query(op, qs.begin(), qs.end());
}

double clause_idf(const Xapian::Database& db, const Xapian::Query& q) {
    Xapian::doccount most = 0;
    for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t)
        most = std::max(most, db.get_termfreq(*t));
    const double n = std::max<double>(1, db.get_doccount());
    if (most == 0) return kMaxIdf;  // a clause of no term (a wildcard), or of terms no unit has
    return std::clamp(std::log(n / most), 0.0, kMaxIdf);
}

// True when the clause has terms and no unit holds any of them.
bool absent(const Xapian::Database& db, const Xapian::Query& q) {
    bool any = false;
    for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
        if (db.term_exists(*t)) return false;
        any = true;
    }
    return any;
}

}  // namespace

std::vector<Clause> weighed_clauses(const Xapian::Database& db, const std::vector<Clause>& clauses) {
    if (clauses.size() <= kMaxPartialClauses) return clauses;
    // (absent, -idf, position): clauses some unit holds first (a word no unit
    // has would count as the rarest, and can never be held), the rarest
    // first, then in query order.
    std::vector<std::tuple<bool, double, size_t>> optional;
    size_t required = 0;
    for (size_t i = 0; i < clauses.size(); ++i) {
        if (clauses[i].required)
            ++required;
        else
            optional.emplace_back(absent(db, clauses[i].query), -clause_idf(db, clauses[i].query), i);
    }
    std::sort(optional.begin(), optional.end());
    std::vector<bool> kept(clauses.size());
    for (size_t i = 0; i < clauses.size(); ++i) kept[i] = clauses[i].required;
    const size_t room = kMaxPartialClauses > required ? kMaxPartialClauses - required : 0;
    for (size_t k = 0; k < std::min(room, optional.size()); ++k) kept[std::get<2>(optional[k])] = true;
    std::vector<Clause> out;
    for (size_t i = 0; i < clauses.size(); ++i)
        if (kept[i]) out.push_back(clauses[i]);
    return out;
}

Xapian::Query union_of(const std::vector<Clause>& clauses) {
    std::vector<Xapian::Query> required, any;
    for (const Clause& c : clauses) {
        (c.required ? required : any).push_back(c.query);
    }
    if (!required.empty()) return combine(Xapian::Query::OP_AND, required);
    return combine(Xapian::Query::OP_OR, any);
}

Xapian::Query ranked_union(const Xapian::Database& db, const std::vector<Clause>& clauses) {
    std::vector<Xapian::Query> required, optional;
    for (const Clause& c : clauses) {
        const double bonus = kClauseBonus + kRarityBonus * clause_idf(db, c.query);
        auto* fixed = new Xapian::FixedWeightPostingSource(bonus);
        Xapian::Query held(Xapian::Query::OP_AND, c.query, Xapian::Query(fixed->release()));
        (c.required ? required : optional).push_back(held);
    }
    Xapian::Query opt = combine(Xapian::Query::OP_OR, optional);
    if (required.empty()) return opt;
    Xapian::Query req = combine(Xapian::Query::OP_AND, required);
    return opt.empty() ? req : Xapian::Query(Xapian::Query::OP_AND_MAYBE, req, opt);
}

std::map<std::string, std::vector<std::string>> missing_clauses(const Xapian::Database& db,
                                                                const std::vector<Clause>& clauses,
                                                                const std::vector<std::string>& doc_ids) {
    std::map<std::string, std::vector<std::string>> out;
    if (doc_ids.empty() || clauses.size() < 2) return out;
    std::vector<Xapian::Query> ids;
    for (const std::string& id : doc_ids) ids.emplace_back(std::string(sc::kPrefixDoc) + id);
    const Xapian::Query shown(Xapian::Query::OP_AND, combine(Xapian::Query::OP_OR, ids),
                              Xapian::Query(sc::kind_term(sc::kKindDoc)));
    std::vector<std::set<std::string>> holding(clauses.size());
    Xapian::Enquire e(db);
    e.set_weighting_scheme(Xapian::BoolWeight());
    for (size_t c = 0; c < clauses.size(); ++c) {
        e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, clauses[c].query, shown));
        Xapian::MSet m = e.get_mset(0, static_cast<Xapian::doccount>(doc_ids.size()));
        for (auto it = m.begin(); it != m.end(); ++it) holding[c].insert(it.get_document().get_value(sc::kSlotDoc));
    }
    for (const std::string& id : doc_ids)
        for (size_t c = 0; c < clauses.size(); ++c)
            if (!holding[c].count(id)) out[id].push_back(clauses[c].text);
    return out;
}

}  // namespace coopdec
