// @brief Partial matching: the queries that list documents holding only some
// of the query's clauses, ranked by how many and how rare, and what each
// shown document lacks.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/query_parser.h"

namespace coopdec {

// What a clause held is worth in the ranking of partial matches: each held
// clause adds kClauseBonus plus kRarityBonus × its idf (capped at
// kMaxIdf), so that holding one clause more always outranks holding rarer
// ones (kRarityBonus × kMaxIdf × 8 clauses < kClauseBonus), and BM25 — tens
// at most — orders documents that hold the same clauses.
inline constexpr double kClauseBonus = 100000.0;
inline constexpr double kRarityBonus = 100.0;
inline constexpr double kMaxIdf = 20.0;

// The most clauses a partial search weighs. Its union costs in proportion to
// them (200 words: about a second at 20,000 documents), and beyond
// kClauseBonus / (kRarityBonus × kMaxIdf) = 50 clauses the rarity bonuses
// could outweigh one clause held more.
inline constexpr std::size_t kMaxPartialClauses = 32;

// The clauses a partial search weighs: all of them up to
// kMaxPartialClauses; beyond, every required clause and the rarest others
// (by the idf of ranked_union() below, ties in query order) up to that
// number, in query order.
std::vector<Clause> weighed_clauses(const Xapian::Database& db, const std::vector<Clause>& clauses);

// The documents a partial search lists: every required clause when there is
// one (what +word and "phrase" mean), else any clause. Unweighted: for
// counting.
Xapian::Query union_of(const std::vector<Clause>& clauses);

// The same match as union_of(), weighted for ranking: each clause held adds
// its bonus (above) to its BM25 weight. The idf of a clause is that of its
// rarest term's complement — log(N / termfreq) of its most frequent term —
// over `db`'s units, the same for every layout of shards.
Xapian::Query ranked_union(const Xapian::Database& db, const std::vector<Clause>& clauses);

// How many clauses a match of ranked_union() holds, read from its weight.
inline size_t clauses_held(double weight) { return static_cast<size_t>(weight / kClauseBonus); }

// For each of `doc_ids`, the texts of the clauses its document unit does not
// match (in query order); documents that hold every clause are absent.
// One query per clause, over those documents only.
std::map<std::string, std::vector<std::string>> missing_clauses(const Xapian::Database& db,
                                                                const std::vector<Clause>& clauses,
                                                                const std::vector<std::string>& doc_ids);

}  // namespace coopdec
