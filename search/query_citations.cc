// @brief A query's citations resolved, cut out of its words, and their match.
#include "search/query_citations.h"

#include "common/citation.h"
#include "common/schema.h"

namespace coopdec {

QueryCitations read_query_citations(const Xapian::Database& db, std::string_view query) {
    QueryCitations out;
    std::vector<Xapian::Query> cited, matches;
    // Called once per candidate, in query order: a candidate is a citation
    // when it names something here (so "2019-006" alone is the law only in
    // an index that has it; "partenariat 2019-2024" stays words).
    auto accept = [&](const citation::Citation& c) {
        CitationReading r = read_citation(db, c);
        if (r.provisions.empty()) return false;
        for (const Provision& p : r.provisions) {
            cited.emplace_back(schema::id_term(p.doc_id));
            if (!p.anchor.empty()) cited.emplace_back(schema::id_term(p.doc_id, p.anchor));
            out.provisions.push_back(p);
        }
        if (!r.notice.empty()) out.notices.push_back(r.notice);
        matches.push_back(citation_query(db, c));
        return true;
    };
    out.rest = citation::read_query(query, accept).rest;
    if (!cited.empty()) out.cited = Xapian::Query(Xapian::Query::OP_OR, cited.begin(), cited.end());
    if (!matches.empty()) out.matches = Xapian::Query(Xapian::Query::OP_OR, matches.begin(), matches.end());
    return out;
}

Xapian::Query with_citations(const Xapian::Query& rest_words, const QueryCitations& c) {
    if (c.matches.empty()) return rest_words;
    if (rest_words.empty()) return c.matches;
    return Xapian::Query(Xapian::Query::OP_OR, c.cited, Xapian::Query(Xapian::Query::OP_AND, c.matches, rest_words));
}

Clause citation_clause(const QueryCitations& cited) {
    std::vector<Xapian::Query> alts;
    if (!cited.cited.empty()) alts.push_back(cited.cited);
    if (!cited.matches.empty()) alts.push_back(cited.matches);
    if (alts.empty()) return {};
    Clause c;
    c.query = alts.size() == 1 ? alts[0] : Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end());
    for (const Provision& p : cited.provisions) c.text += (c.text.empty() ? "" : " ; ") + p.label;
    c.required = true;
    return c;
}

}  // namespace coopdec
