// @brief The search: parse, filter, match with documents collapsed, count
// facets exactly, pick each document's best passages.
#include "search/search.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "common/analysis.h"
#include "common/citation.h"
#include "common/escape.h"
#include "common/schema.h"
#include "search/countries.h"
#include "search/document.h"
#include "search/facet_count.h"
#include "search/facet_table.h"
#include "search/filter_names.h"
#include "search/legal.h"
#include "search/names.h"
#include "search/partial.h"
#include "search/query_citations.h"
#include "search/query_parser.h"
#include "search/search_cache.h"
#include "search/snippet.h"
#include "search/spelling.h"
#include "search/synonyms.h"
#include "search/whole_phrase.h"

namespace coopdec {
namespace {

// Every document. Not Xapian::Query::MatchAll: that shared static's
// reference count is not thread-safe (xapian/query.h), and the server's
// workers search concurrently — a crash under load. The empty term is the
// same query, built per call.
Xapian::Query match_all() { return Xapian::Query(std::string()); }

namespace sc = schema;

// The languages of every shard's documents.
std::vector<std::string> index_languages(const Index& index) {
    std::vector<std::string> langs;
    for (const std::string& listed : index.metadata_of_shards(sc::kLanguagesKey)) {
        std::istringstream in(listed);
        std::string l;
        while (in >> l)
            if (std::find(langs.begin(), langs.end(), l) == langs.end()) langs.push_back(l);
    }
    // French first: the users' language.
    auto fr = std::find(langs.begin(), langs.end(), "fr");
    if (fr != langs.end())
        std::rotate(langs.begin(), fr, fr + 1);
    else
        langs.insert(langs.begin(), "fr");
    return langs;
}

using Filters = std::map<std::string, std::vector<std::string>>;

struct Years {
    std::optional<int> from, to;
    std::string label() const {
        return (from ? std::to_string(*from) : std::string()) + "–" + (to ? std::to_string(*to) : std::string());
    }
};

Xapian::Query and_all(const std::vector<Xapian::Query>& qs) {
    if (qs.empty()) return Xapian::Query();
    if (qs.size() == 1) return qs[0];
    return Xapian::Query(Xapian::Query::OP_AND, qs.begin(), qs.end());
}

// The boolean filter of every facet selection: OR within a facet, AND across.
Xapian::Query filter_query(const Filters& filters, const Years& years) {
    std::vector<Xapian::Query> parts;
    for (const auto& [name, values] : filters) {
        const sc::Facet* f = sc::find_facet(name);
        if (!f || values.empty()) continue;
        std::vector<Xapian::Query> alts;
        for (const auto& v : values) alts.emplace_back(sc::facet_term(*f, v));
        parts.push_back(alts.size() == 1 ? alts[0] : Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end()));
    }
    if (years.from || years.to) {
        std::string lo = Xapian::sortable_serialise(years.from.value_or(-100000));
        std::string hi = Xapian::sortable_serialise(years.to.value_or(100000));
        parts.emplace_back(Xapian::Query::OP_VALUE_RANGE, sc::kSlotYear, lo, hi);
    }
    return and_all(parts);
}

bool has_unit_facet(const Filters& filters) {
    for (const auto& [name, values] : filters) {
        const sc::Facet* f = sc::find_facet(name);
        if (f && f->per_unit && !values.empty()) return true;
    }
    return false;
}

// The whole match: words (or every document when browsing), filters, and
// the documents an exclusion removed.
Xapian::Query build_match(const Xapian::Query& words, const Filters& filters, const Years& years,
                          const Xapian::Query& excluded) {
    Xapian::Query base = words;
    if (base.empty()) {
        // Browsing: one entry per document, unless a filter only units carry
        // (the speaker's role) asks for units.
        base = has_unit_facet(filters) ? match_all() : Xapian::Query(sc::kind_term(sc::kKindDoc));
    }
    Xapian::Query filter = filter_query(filters, years);
    Xapian::Query q = filter.empty() ? base : Xapian::Query(Xapian::Query::OP_FILTER, base, filter);
    if (!excluded.empty()) q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, excluded);
    return q;
}

// The counts of `q`: from `cache` when it has them (and then kept there).
std::shared_ptr<const FacetCounts> counted(const Index& index, const Xapian::Query& q, bool unit_level,
                                           SearchCache* cache) {
    auto compute = [&] {
        std::shared_ptr<const FacetTable> table = cache && !unit_level ? cache->facet_table(index) : nullptr;
        return count_matches(index.db(), q, unit_level, table.get(), index.has_remote());
    };
    if (!cache) return std::make_shared<const FacetCounts>(compute());
    return cache->counts(index, q, compute);
}

// A facet's values as listed: sorted by count (stable: equal counts keep
// the order of `counted`), the first `limit` of them (all when `limit` is
// 0) then the selected ones among the rest, in that order; `selected` holds
// folded values. `omitted` is set to how many were left out. A facet may
// have thousands of values and lists a hundred: the order is made on
// pointers, and only the values listed are copied (and, with nothing
// selected, none is folded).
std::vector<FacetCount> listed_values(const std::vector<std::pair<std::string, size_t>>& counted,
                                      const std::set<std::string>& selected, size_t limit, size_t& omitted) {
    using Value = const std::pair<std::string, size_t>*;
    std::vector<Value> order;
    order.reserve(counted.size());
    for (const auto& v : counted) order.push_back(&v);
    std::stable_sort(order.begin(), order.end(), [](Value a, Value b) { return a->second > b->second; });
    auto is_selected = [&](Value v) { return !selected.empty() && selected.count(analysis::fold(v->first)) > 0; };
    const size_t first = limit == 0 ? order.size() : std::min(limit, order.size());
    std::vector<FacetCount> out;
    out.reserve(first);
    for (size_t i = 0; i < first; ++i)
        out.push_back(FacetCount{order[i]->first, order[i]->first, order[i]->second, is_selected(order[i])});
    omitted = 0;
    for (size_t i = first; i < order.size(); ++i) {
        if (is_selected(order[i]))
            out.push_back(FacetCount{order[i]->first, order[i]->first, order[i]->second, true});
        else
            ++omitted;
    }
    return out;
}

std::string type_label(std::string_view type) {
    for (const auto& [v, l] : sc::kTypes)
        if (v == type) return std::string(l);
    return std::string(type);
}

Filters merged_filters(const SearchRequest& req, const ParsedQuery& pq) {
    auto all = req.filters;
    for (const auto& [k, vs] : pq.filters)
        for (const auto& v : vs) all[k].push_back(v);
    return all;
}

// The documents in which `exclusion` matches anywhere, as a query on their
// ids. The document unit holds all of a document's words (and a phrase
// reaches it through its units, search/whole_phrase.h), so matching it is
// enough; a unit-level AND_NOT would keep a document's other units.
Xapian::Query excluded_documents(const Xapian::Database& db, const Xapian::Query& exclusion) {
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, exclusion, Xapian::Query(sc::kind_term(sc::kKindDoc))));
    e.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet m = e.get_mset(0, db.get_doccount());
    std::vector<Xapian::Query> ids;
    for (auto it = m.begin(); it != m.end(); ++it)
        ids.emplace_back(std::string(sc::kPrefixDoc) + it.get_document().get_value(sc::kSlotDoc));
    if (ids.empty()) return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end());
}

// The document ids of [offset, offset + size) of `enquire`'s match, sorted
// by date then relevance and collapsed on the document. Xapian orders equal
// dates of equal weight by docid, and docids depend on how the index is
// sharded (Xapian interleaves the shards'); here such ties go by document
// id, so that every layout of the same documents gives the same pages. The
// window read around the page is widened until no tie group crosses its
// edges at the page, then sorted.
std::vector<std::string> page_by_date(Xapian::Enquire& enquire, Xapian::doccount offset, Xapian::doccount size) {
    struct Item {
        std::string date, id;
        double weight;
    };
    Xapian::doccount before = offset > 0 ? 1 : 0, after = 1;
    for (;;) {
        const Xapian::doccount lo = offset - before;
        Xapian::MSet m = enquire.get_mset(lo, before + size + after);
        std::vector<Item> items;
        for (auto it = m.begin(); it != m.end(); ++it)
            items.push_back({it.get_sort_key(), it.get_collapse_key(), it.get_weight()});
        const size_t first = before, last = before + size - 1;  // the page's first and last, in `items`
        if (first >= items.size()) return {};
        auto tie = [&](size_t a, size_t b) {
            return items[a].date == items[b].date && items[a].weight == items[b].weight;
        };
        const bool open_before = lo > 0 && tie(0, first);
        const bool ended = items.size() < static_cast<size_t>(before + size + after);
        const size_t shown_last = std::min(last, items.size() - 1);
        const bool open_after = !ended && tie(items.size() - 1, shown_last);
        if (open_before || open_after) {
            if (open_before) before = std::min<Xapian::doccount>(offset, before * 4);
            if (open_after) after *= 4;
            continue;
        }
        // Within each run of equal (date, weight), by document id.
        for (size_t i = 0; i < items.size();) {
            size_t j = i + 1;
            while (j < items.size() && tie(i, j)) ++j;
            std::sort(items.begin() + static_cast<std::ptrdiff_t>(i), items.begin() + static_cast<std::ptrdiff_t>(j),
                      [](const Item& a, const Item& b) { return a.id < b.id; });
            i = j;
        }
        std::vector<std::string> out;
        for (size_t i = first; i <= shown_last; ++i) out.push_back(std::move(items[i].id));
        return out;
    }
}

}  // namespace

std::optional<SearchError> validate(const Xapian::Database& db, const SearchRequest& req) {
    if (req.query.size() > kMaxQueryBytes)
        return SearchError{"requête trop longue (" + std::to_string(req.query.size()) + " octets, au plus " +
                               std::to_string(kMaxQueryBytes) + ")",
                           "", "q"};
    if (!valid_utf8(req.query)) return SearchError{"requête mal encodée : le texte doit être en UTF-8", "", "q"};
    if (req.page < 1) return SearchError{"numéro de page invalide : la première page est 1", "", "page"};
    if (req.per_page < 1 || req.per_page > kMaxPerPage)
        return SearchError{"nombre de résultats par page invalide : entre 1 et " + std::to_string(kMaxPerPage), "",
                           "per_page"};
    if (req.page > 100000) return SearchError{"numéro de page trop grand", "", "page"};
    if (!req.within.empty() && (!valid_document_id(req.within) || !db.term_exists(sc::id_term(req.within))))
        return SearchError{"aucun document « " + req.within + " » dans l'index : impossible d'y chercher", "", "doc"};
    // Either year may be the wrong one: the page offers the search without the end.
    if (req.year_from && req.year_to && *req.year_from > *req.year_to)
        return SearchError{"période invalide : l'année de début (" + std::to_string(*req.year_from) +
                               ") est après l'année de fin (" + std::to_string(*req.year_to) + ")",
                           "", "year_to"};
    for (const auto& [name, values] : req.filters) {
        const sc::Facet* f = sc::find_facet(name);
        if (!f) {
            std::string known;
            for (const auto& k : sc::kFacets) known += (known.empty() ? "" : ", ") + std::string(k.name);
            return SearchError{
                "filtre inconnu « " + name + " » (filtres possibles : " + known + ", year_from, year_to)",
                "filtre inconnu « " + name + " » : le site ne connaît pas ce filtre", name};
        }
        for (const auto& v : values) {
            if (!valid_utf8(v))
                return SearchError{"valeur de filtre mal encodée : le texte doit être en UTF-8", "", name};
            if (db.get_termfreq(sc::facet_term(*f, v)) == 0)
                return SearchError{
                    "aucun document n'a la valeur « " + v + " » pour le filtre « " + name + " »",
                    "aucun document n'a la valeur « " + v + " » pour le filtre « " + std::string(f->label) + " »",
                    name};
        }
    }
    return std::nullopt;
}

SearchResult search(const Index& index, const SearchRequest& request, const Synonyms* synonyms, SearchCache* cache) {
    const Xapian::Database& db = index.db();
    // Filter values typed as names become the values they name (search/filter_names.h).
    SearchRequest req = request;
    std::vector<FilterReading> filter_readings = resolve_filters(index, req);
    if (auto err = validate(db, req)) throw *err;
    std::vector<std::string> langs = index_languages(index);
    std::shared_ptr<const Names> names = Names::load(index);
    // A query that cites a provision of the index: the citation is read
    // apart (search/query_citations.h), the other words are parsed.
    const QueryCitations cited = read_query_citations(db, req.query);
    // Phrases reach document units through their units (search/whole_phrase.h);
    // the documents a phrase's units name are kept per revision.
    const PhraseScope phrases{[&](const std::vector<std::string>& terms) {
        // The facet table finds the documents' units without a lookup each.
        auto find = [&] {
            const std::shared_ptr<const FacetTable> table = cache ? cache->facet_table(index) : nullptr;
            return phrase_documents(index, terms, table.get());
        };
        return whole_document_phrase(terms, cache ? cache->phrase_documents(index, terms, find) : find());
    }};
    ParsedQuery pq = parse_query(cited.provisions.empty() ? std::string_view(req.query) : cited.rest, langs, synonyms,
                                 names.get(), &phrases);
    // Every clause held, with the citations combined with the other words
    // (query_citations.h): the strict reading. Under partial matching the
    // citation is a required clause: every result cites or is the provision.
    const Xapian::Query strict_words = with_citations(pq.query, cited);
    if (Clause c = citation_clause(cited); !c.query.empty()) pq.clauses.insert(pq.clauses.begin(), std::move(c));
    for (const auto& [name, values] : pq.filters) {
        const sc::Facet* f = sc::find_facet(name);
        for (const auto& v : values)
            if (db.get_termfreq(sc::facet_term(*f, v)) == 0)
                throw SearchError{"aucun document n'a la valeur « " + v + " » pour « " + name + ": » dans la requête"};
    }
    const auto filters = merged_filters(req, pq);
    const Years years{req.year_from, req.year_to};
    Xapian::Query excluded;
    if (!pq.exclusion.empty()) excluded = excluded_documents(db, pq.exclusion);
    Xapian::Query within;
    if (!req.within.empty()) within = Xapian::Query(std::string(sc::kPrefixDoc) + req.within);
    auto match_of = [&](const Xapian::Query& words, const Filters& fs, const Years& ys) {
        Xapian::Query q = build_match(words, fs, ys, excluded);
        return within.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, within);
    };

    // A query that cites a provision of the index leads with it.
    std::vector<Reading> reading;
    std::map<std::string, std::string> leading;  // doc id → anchor of the cited provision
    for (const auto& p : cited.provisions) {
        reading.push_back(Reading{p.label, p.url});
        leading.emplace(p.doc_id, p.anchor);
    }
    const bool unit_level = has_unit_facet(filters);
    // Every clause held: the strict match, counted first. Partial matching
    // lists the documents holding some clauses only while few hold them all
    // (kPartialBelow), and never for one clause or under « tous les mots ».
    size_t optional_clauses = 0;
    for (const Clause& c : pq.clauses) optional_clauses += c.required ? 0 : 1;
    const bool may_be_partial = !req.all_words && pq.clauses.size() >= 2 && optional_clauses > 0;
    std::shared_ptr<const FacetCounts> strict_counts =
        counted(index, match_of(strict_words, filters, years), unit_level, cache);
    const bool partial = may_be_partial && strict_counts->documents < kPartialBelow;
    // A long query is matched partially on its rarest clauses (partial.h).
    const std::vector<Clause> weighed = partial ? weighed_clauses(db, pq.clauses) : std::vector<Clause>{};
    const Xapian::Query words = partial ? union_of(weighed) : strict_words;
    auto match_query = [&](const Filters& fs, const Years& ys) { return match_of(words, fs, ys); };
    const Xapian::Query counted_query = match_query(filters, years);
    // Ranking: the clauses held (partial), then BM25; the cited provisions'
    // documents before all. Words close together need no positional query:
    // each article, clause or utterance is a unit of its own, and a document
    // ranks by its best unit, so words in one passage outrank words spread
    // over the document (whose own unit is long: BM25 weighs it down). A
    // NEAR bonus cost a quarter of the median latency for nothing more.
    const Xapian::Query ranked_words = partial ? ranked_union(db, weighed) : strict_words;
    Xapian::Query main_query = match_query(filters, years);
    if (!ranked_words.empty()) main_query = match_of(ranked_words, filters, years);
    if (!leading.empty()) {
        auto* boost = new Xapian::ValueMapPostingSource(sc::kSlotDoc);
        for (const auto& [id, anchor] : leading) boost->add_mapping(id, kClauseBonus * 100);
        main_query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, main_query, Xapian::Query(boost->release()));
    }

    Xapian::Enquire enquire(db);
    enquire.set_query(main_query);
    enquire.set_collapse_key(sc::kSlotDoc);
    bool browsing = words.empty();
    // Inside one document, the pages are its passages: the document is on each.
    const bool inside = !req.within.empty();
    const Xapian::doccount offset = inside ? 0 : static_cast<Xapian::doccount>((req.page - 1) * req.per_page);
    const Xapian::doccount size = inside ? 1 : static_cast<Xapian::doccount>(req.per_page);
    // The page only: the exact total and facet counts come from their own
    // pass, so Xapian may stop as soon as it knows the page.
    std::vector<std::string> shown;  // the page's documents, in order
    if (req.sort == SearchRequest::Sort::relevance && !browsing) {
        // Equal weights by document id: the same order however the index
        // is sharded (Xapian's own last resort, the docid, is not).
        enquire.set_sort_by_relevance_then_value(sc::kSlotDoc, false);
        Xapian::MSet mset = enquire.get_mset(offset, size);
        for (auto it = mset.begin(); it != mset.end(); ++it) shown.push_back(it.get_collapse_key());
    } else if (browsing && !unit_level && leading.empty() && !index.has_remote()) {
        // Browsing document units: every weight is 0 (their kind term and
        // the filters are boolean), so page_by_date()'s order — date, then
        // document id — is one key, and the page one match. page_by_date()
        // would widen its window over every document of a shared date (a
        // partnership record is dated by its year): a match per widening.
        // xapian-tcpsrv takes no KeyMaker: an index with a remote shard
        // pages as page_by_date() does.
        auto* by_date_then_id = new Xapian::MultiValueKeyMaker;
        by_date_then_id->add_value(sc::kSlotDate, req.sort != SearchRequest::Sort::date_asc);
        by_date_then_id->add_value(sc::kSlotDoc);
        enquire.set_sort_by_key(by_date_then_id->release(), false);
        Xapian::MSet mset = enquire.get_mset(offset, size);
        for (auto it = mset.begin(); it != mset.end(); ++it) shown.push_back(it.get_collapse_key());
    } else {
        enquire.set_sort_by_value_then_relevance(sc::kSlotDate, req.sort != SearchRequest::Sort::date_asc);
        shown = page_by_date(enquire, offset, size);
    }
    std::shared_ptr<const FacetCounts> counts =
        partial ? counted(index, counted_query, unit_level, cache) : strict_counts;
    Xapian::Query filter = filter_query(filters, years);

    SearchResult res;
    res.query = req.query;
    res.page = req.page;
    res.per_page = req.per_page;
    res.total = counts->documents;
    res.complete = strict_counts->documents;
    res.within = inside;
    if (inside) res.within_title = stored_data_of(db, {req.within})[req.within][sc::kFieldTitle];

    Highlight hl{pq.words, pq.stems, pq.prefixes};
    Xapian::Query unit_filter =
        Xapian::Query(Xapian::Query::OP_AND_NOT, match_all(), Xapian::Query(sc::kind_term(sc::kKindDoc)));
    // Each shown document's best units for the same query and filters: one
    // search for the whole page, at most `passages` units per document
    // (collapsed on the document), rather than one search per document.
    std::map<std::string, std::vector<Xapian::Document>> best;
    // Inside one document: every matching unit, ranked, the page's share of them.
    const size_t per_document = inside ? req.per_page : req.passages;
    if (!browsing && per_document > 0 && !shown.empty()) {
        std::vector<Xapian::Query> docs;
        for (const auto& id : shown) docs.emplace_back(std::string(sc::kPrefixDoc) + id);
        Xapian::Query within(Xapian::Query::OP_FILTER, ranked_words,
                             Xapian::Query(Xapian::Query::OP_AND,
                                           Xapian::Query(Xapian::Query::OP_OR, docs.begin(), docs.end()), unit_filter));
        if (!filter.empty()) within = Xapian::Query(Xapian::Query::OP_FILTER, within, filter);
        Xapian::Enquire pe(db);
        pe.set_query(within);
        Xapian::MSet pm;
        if (inside) {
            // Units in one document are few: the count is exact.
            pe.set_sort_by_relevance_then_value(sc::kSlotOrder, false);
            pm = pe.get_mset(static_cast<Xapian::doccount>((req.page - 1) * req.per_page),
                             static_cast<Xapian::doccount>(req.per_page), db.get_doccount());
            res.within_passages = pm.get_matches_estimated();
        } else {
            pe.set_collapse_key(sc::kSlotDoc, static_cast<Xapian::doccount>(req.passages));
            pm = pe.get_mset(0, static_cast<Xapian::doccount>(req.passages * shown.size()));
        }
        // Under partial matching, a document's passages are the units that
        // hold as many clauses as its best unit does (clauses_held()): a
        // unit with one word of two is no passage where another has both.
        std::map<std::string, size_t> most;
        for (Xapian::MSetIterator p = pm.begin(); p != pm.end(); ++p) {
            Xapian::Document u = p.get_document();
            std::string id = u.get_value(sc::kSlotDoc);
            if (partial && !inside) {
                const size_t held = clauses_held(p.get_weight());
                auto [m, first] = most.emplace(id, held);
                if (!first && held < m->second) continue;
            }
            best[id].push_back(std::move(u));
        }
    }
    std::map<std::string, sc::Data> shown_data = stored_data_of(db, shown);
    std::map<std::string, std::vector<std::string>> missing;
    if (partial && res.complete < res.total) missing = missing_clauses(db, pq.clauses, shown);
    for (const auto& [id, anchor] : leading) missing.erase(id);  // what was cited is whole by definition
    for (const std::string& id : shown) {
        sc::Data& d = shown_data[id];
        ResultDocument r = summary_of(id, d);
        if (auto m = missing.find(id); m != missing.end()) r.missing = std::move(m->second);
        std::string lang = d[sc::kFieldLang];

        if (!browsing && per_document > 0) {
            std::vector<Xapian::Document> units;
            // The provision the query cites comes first (inside a document,
            // the passages keep their ranked order, so that pages add up).
            if (auto lead = leading.find(id); !inside && lead != leading.end() && !lead->second.empty()) {
                auto p = db.postlist_begin(sc::id_term(id, lead->second));
                if (p != db.postlist_end(sc::id_term(id, lead->second))) units.push_back(db.get_document(*p));
            }
            for (Xapian::Document& u : best[id]) {
                if (units.size() >= per_document) break;
                if (!units.empty() && units[0].get_docid() == u.get_docid()) continue;
                units.push_back(std::move(u));
            }
            for (const auto& unit_doc : units) {
                sc::Data u = sc::decode_data(unit_doc.get_data());
                Passage ps{u[sc::kFieldAnchor],
                           u[sc::kFieldKind],
                           u[sc::kFieldLabel],
                           u[sc::kFieldPath],
                           u[sc::kFieldSpeaker],
                           u[sc::kFieldRole],
                           sc::page_url(id, r.type, u[sc::kFieldAnchor]),
                           make_snippet(u[sc::kFieldText], hl, lang)};
                r.passages.push_back(std::move(ps));
            }
            if (r.passages.empty() && !(inside && req.page > 1))
                r.passages.push_back(
                    Passage{"", sc::kKindDoc, r.title, "", "", "", r.url, make_snippet(d[sc::kFieldText], hl, lang)});
        }
        res.results.push_back(std::move(r));
    }

    for (size_t f = 0; f < sc::kFacets.size(); ++f) {
        const sc::Facet& facet = sc::kFacets[f];
        FacetResult fr{std::string(facet.name), std::string(facet.label), {}};
        std::set<std::string> selected;
        auto own = filters.find(fr.name);
        if (own != filters.end())
            for (const auto& v : own->second) selected.insert(analysis::fold(v));
        // A facet with a selection is counted as if it had none, so that its
        // other values show what choosing them too (OR) would add.
        std::shared_ptr<const FacetCounts> own_counts = counts;
        bool is_year = fr.name == "year";
        if ((own != filters.end() && !own->second.empty()) || (is_year && (years.from || years.to))) {
            Filters others = filters;
            others.erase(fr.name);
            own_counts = counted(index, match_query(others, is_year ? Years{} : years), has_unit_facet(others), cache);
        }
        fr.values = listed_values(own_counts->values[f], selected, req.facet_values, fr.omitted);
        // Labels for the listed values only: a partnership's title is a
        // read, remembered by the cache for this revision, or made in one
        // query for all of them (search/document.h, stored_data_of()).
        if (fr.name == "type")
            for (FacetCount& c : fr.values) c.label = type_label(c.value);
        if (fr.name == "country")
            for (FacetCount& c : fr.values) c.label = std::string(countries::french_name(c.value));
        if (fr.name == "partnership") {
            const bool cached = cache && index.revision();
            std::vector<std::string> ids;
            for (const FacetCount& c : fr.values) ids.push_back(c.value);
            std::vector<std::string> titles;
            if (cached) {
                titles = cache->partnership_titles(index, ids);
            } else {
                std::map<std::string, sc::Data> records = stored_data_of(db, ids);
                for (const std::string& id : ids) titles.push_back(records[id][sc::kFieldTitle]);
            }
            for (size_t i = 0; i < fr.values.size(); ++i)
                if (!titles[i].empty()) fr.values[i].label = titles[i];
        }
        if (fr.name == "year")
            std::sort(fr.values.begin(), fr.values.end(),
                      [](const auto& a, const auto& b) { return a.value > b.value; });
        res.facets.push_back(std::move(fr));
    }

    if (res.total == 0) {
        // Nothing found: what removing each active filter would give.
        for (const auto& [name, values] : req.filters) {
            for (const auto& v : values) {
                Filters fewer = filters;
                auto& vs = fewer[name];
                vs.erase(std::find(vs.begin(), vs.end(), v));
                if (vs.empty()) fewer.erase(name);
                res.relaxations.push_back(
                    {name, v, counted(index, match_query(fewer, years), has_unit_facet(fewer), cache)->documents});
            }
        }
        if (years.from || years.to) {
            res.relaxations.push_back({"year_from/year_to", years.label(),
                                       counted(index, match_query(filters, Years{}), unit_level, cache)->documents});
        }
    }
    res.expansions = pq.expansions;
    res.reading = std::move(reading);
    res.names = std::move(pq.names);
    // The atlas's pages the query names: shown beside the results, they change none.
    if (req.within.empty()) res.atlas = names->atlas().find(req.query);

    // No document holds every word: a word may be misspelt. Its correction
    // is suggested; when the query as typed finds nothing whole and the
    // correction does, the correction's results are shown instead.
    if (res.complete == 0 && !pq.plain_words.empty()) {
        Correction fixed = corrected_query(db, req.query, names.get());
        if (fixed.confident && req.correct_spelling && fixed.text.size() <= kMaxQueryBytes) {
            SearchRequest again = req;
            again.query = fixed.text;
            again.correct_spelling = false;
            try {
                SearchResult alt = search(index, again, synonyms, cache);
                if (alt.complete > 0 || (res.total == 0 && alt.total > 0)) {
                    alt.corrected_from = req.query;
                    return alt;
                }
            } catch (const SearchError&) {
                // A corrected word that reads as a value no document has
                // (« type:convetion » → a filter): keep the query as typed.
            }
        }
        res.suggestion = fixed.text;
    }
    res.filter_readings = std::move(filter_readings);
    res.reading_notices = cited.notices;
    return res;
}

}  // namespace coopdec
