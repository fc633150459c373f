// @brief Citations and references resolved against the index.
//
// The indexer records citations as they are written (XCITE, XREF terms)
// and each legal text's number, work URI and article numbers (XACT, XWORK,
// XART); resolving here, when a page is shown, means a text added later is
// linked at once, with nothing to re-index.
#include "search/legal.h"

#include <algorithm>
#include <map>

#include "common/analysis.h"
#include "common/schema.h"
#include "search/document.h"

namespace coopdec {
namespace {

namespace sc = schema;

// Document ids whose document unit has `term`.
std::vector<std::string> docs_with(const Xapian::Database& db, const std::string& term) {
    std::vector<std::string> out;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        Xapian::Document d = db.get_document(*p);
        if (d.get_value(sc::kSlotKind) == sc::kKindDoc) out.push_back(d.get_value(sc::kSlotDoc));
    }
    return out;
}

// The anchor of the unit of `doc_id` that has `term`, or "".
std::string unit_with(const Xapian::Database& db, const std::string& doc_id, const std::string& term) {
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term),
                              Xapian::Query(std::string(sc::kPrefixDoc) + doc_id)));
    e.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet m = e.get_mset(0, 1);
    if (m.empty()) return {};
    return sc::decode_data(m.begin().get_document().get_data())[sc::kFieldAnchor];
}

// The value of the document unit's first term with `prefix`, or "".
std::string doc_term_value(const Xapian::Database& db, const std::string& doc_id, std::string_view prefix) {
    std::string t = sc::id_term(doc_id);
    auto p = db.postlist_begin(t);
    if (p == db.postlist_end(t)) return {};
    Xapian::Document d = db.get_document(*p);
    auto it = d.termlist_begin();
    it.skip_to(std::string(prefix));
    if (it != d.termlist_end() && (*it).compare(0, prefix.size(), prefix) == 0) return (*it).substr(prefix.size());
    return {};
}

std::string act_number_of(const Xapian::Database& db, const std::string& doc_id) {
    return doc_term_value(db, doc_id, sc::kPrefixAct);
}

std::string article_of(const Xapian::Document& unit) {
    const std::string prefix(sc::kPrefixArticle);
    auto it = unit.termlist_begin();
    it.skip_to(prefix);
    if (it != unit.termlist_end() && (*it).compare(0, prefix.size(), prefix) == 0) return (*it).substr(prefix.size());
    return {};
}

// The date a version holds: its expression's, else its work's.
std::string version_date(const Xapian::Database& db, const std::string& doc_id) {
    sc::Data d = stored_data(db, doc_id);
    return d[sc::kFieldVersion].empty() ? d[sc::kFieldDate] : d[sc::kFieldVersion];
}

// Among versions of texts, one per work: in force at `at`, or the latest.
std::vector<std::string> one_per_work(const Xapian::Database& db, const std::vector<std::string>& docs,
                                      const std::string& at) {
    std::map<std::string, std::pair<std::string, std::string>> best;  // work → (date, doc)
    std::vector<std::string> order;
    for (const auto& id : docs) {
        std::string work = doc_term_value(db, id, sc::kPrefixWork);
        if (work.empty()) work = "doc:" + id;
        std::string date = version_date(db, id);
        auto it = best.find(work);
        if (it == best.end()) {
            best[work] = {date, id};
            order.push_back(work);
            continue;
        }
        const std::string& held = it->second.first;
        bool in_force = at.empty() || date <= at;
        bool held_in_force = at.empty() || held <= at;
        // In force beats not in force; then the latest in force, or the
        // earliest of those not yet in force.
        if ((in_force && !held_in_force) || (in_force && held_in_force && date > held) ||
            (!in_force && !held_in_force && date < held))
            it->second = {date, id};
    }
    std::vector<std::string> out;
    for (const auto& w : order) out.push_back(best[w].second);
    return out;
}

}  // namespace

std::vector<Version> versions(const Xapian::Database& db, const std::string& doc_id) {
    std::string work = doc_term_value(db, doc_id, sc::kPrefixWork);
    if (work.empty()) return {};
    std::vector<Version> out;
    for (const auto& id : docs_with(db, sc::make_term(sc::kPrefixWork, work))) {
        sc::Data d = stored_data(db, id);
        out.push_back(Version{id, version_date(db, id), sc::doc_url(id),
                              d[sc::kFieldVersion].empty() || d[sc::kFieldVersion] == d[sc::kFieldDate]});
    }
    std::sort(out.begin(), out.end(), [](const Version& a, const Version& b) { return a.date < b.date; });
    return out;
}

std::optional<size_t> version_in_force(const std::vector<Version>& versions, const std::string& at) {
    std::optional<size_t> found;
    for (size_t i = 0; i < versions.size(); ++i)
        if (versions[i].date <= at && (!found || versions[i].date >= versions[*found].date)) found = i;
    return found;
}

bool valid_iso_date(const std::string& date) {
    if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (date[i] < '0' || date[i] > '9') return false;
    int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(5, 2)), d = std::stoi(date.substr(8, 2));
    if (m < 1 || m > 12 || d < 1) return false;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::vector<Version> work_versions(const Xapian::Database& db, const std::string& work_id) {
    if (work_id.empty()) return {};
    // A version dated otherwise than its work has the id "WORK-vDATE" (indexer/extract_akn.cc).
    const std::string prefix = sc::id_term(work_id + "-v");
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        std::string id = (*t).substr(sc::id_term("").size());
        if (id.find('#') != std::string::npos) continue;
        auto out = versions(db, id);
        // One of the work's own versions, not another work whose id happens to start so.
        for (const auto& v : out)
            if (v.doc_id == work_id + "-v" + v.date) return out;
    }
    return {};
}

std::string citation_form(const Xapian::Database& db, const std::string& doc_id, const std::string& anchor) {
    std::string number = act_number_of(db, doc_id);
    if (number.empty()) return {};
    sc::Data d = stored_data(db, doc_id);
    citation::Citation c;
    c.act_kind = "loi";
    // The number as the title writes it ("2019-006"), else as indexed.
    c.act_number = number;
    for (const auto& found : citation::find_citations(d[sc::kFieldTitle]))
        if (citation::act_key(found.act_number) == number && !found.act_kind.empty()) {
            c.act_kind = found.act_kind;
            c.act_number = found.act_number;
            break;
        }
    c.act_date = d[sc::kFieldDate].size() == 10 ? d[sc::kFieldDate] : std::string();
    if (!anchor.empty()) {
        std::string t = sc::id_term(doc_id, anchor);
        auto p = db.postlist_begin(t);
        if (p == db.postlist_end(t)) return c.label();
        Xapian::Document unit = db.get_document(*p);
        c.article = article_of(unit);
        // A unit that is no numbered article: the text's form, then its label.
        if (c.article.empty()) return c.label() + ", " + sc::decode_data(unit.get_data())[sc::kFieldLabel];
    }
    return c.label();
}

std::vector<Provision> resolve_citation(const Xapian::Database& db, const citation::Citation& c,
                                        const std::string& at) {
    std::vector<Provision> out;
    std::vector<std::string> docs;
    if (!c.act_number.empty()) {
        docs = docs_with(db, sc::make_term(sc::kPrefixAct, citation::act_key(c.act_number)));
    } else if (!c.article.empty()) {
        // An article alone: every legal text that has it.
        std::string t = sc::make_term(sc::kPrefixArticle, analysis::fold(c.article));
        for (auto p = db.postlist_begin(t); p != db.postlist_end(t); ++p) {
            std::string id = db.get_document(*p).get_value(sc::kSlotDoc);
            if (std::find(docs.begin(), docs.end(), id) == docs.end()) docs.push_back(id);
        }
    }
    for (const auto& id : one_per_work(db, docs, at)) {
        std::string anchor;
        if (!c.article.empty()) {
            anchor = unit_with(db, id, sc::make_term(sc::kPrefixArticle, analysis::fold(c.article)));
            if (anchor.empty()) continue;  // the text is here, not that article
        }
        out.push_back(Provision{id, anchor, citation_form(db, id, anchor), sc::doc_url(id, anchor)});
    }
    return out;
}

CitationReading read_citation(const Xapian::Database& db, const citation::Citation& c) {
    CitationReading r{resolve_citation(db, c), {}};
    if (!r.provisions.empty() || c.article.empty() || c.act_number.empty()) return r;
    citation::Citation act = c;
    act.article.clear();
    act.paragraph.clear();
    r.provisions = resolve_citation(db, act);
    if (r.provisions.empty()) return r;
    // "la loi n° 2007-011": the act as the query names it.
    static const std::map<std::string, std::string> kNamed = {
        {"loi", "la loi"}, {"decret", "le décret"}, {"ordonnance", "l'ordonnance"}, {"arrete", "l'arrêté"}};
    auto named = kNamed.find(c.act_kind);
    r.notice = (named != kNamed.end() ? named->second : std::string("le texte")) + " n° " + c.act_number +
               " n'a pas d'article " + c.article + " dans ce corpus";
    return r;
}

Xapian::Query citation_query(const Xapian::Database& db, const citation::Citation& c) {
    const CitationReading r = read_citation(db, c);
    std::vector<Xapian::Query> ways;
    for (const Provision& p : r.provisions) {
        ways.emplace_back(sc::id_term(p.doc_id));  // its text's document unit: the text is found
        if (!p.anchor.empty()) ways.emplace_back(sc::id_term(p.doc_id, p.anchor));
        // Who cites it: by an AKN reference, or by a citation in the text
        // (an article the act does not have: who cites that very article).
        const bool missing_article = p.anchor.empty() && !c.article.empty();
        std::string work = document_work(db, p.doc_id);
        if (!work.empty() && !missing_article)
            ways.emplace_back(sc::make_term(sc::kPrefixRef, akn::target_key({work, p.anchor})));
        std::string key = act_number_of(db, p.doc_id);
        if (key.empty()) continue;
        std::string article = p.anchor.empty() ? analysis::fold(c.article) : std::string();
        if (!p.anchor.empty()) {
            auto u = db.postlist_begin(sc::id_term(p.doc_id, p.anchor));
            if (u != db.postlist_end(sc::id_term(p.doc_id, p.anchor))) article = article_of(db.get_document(*u));
        }
        ways.emplace_back(sc::make_term(sc::kPrefixCite, article.empty() ? key : key + "#" + article));
    }
    if (ways.empty()) return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_OR, ways.begin(), ways.end());
}

std::optional<Provision> resolve_target(const Xapian::Database& db, const akn::Target& target, const std::string& at) {
    if (target.work.empty()) return std::nullopt;
    auto docs = one_per_work(db, docs_with(db, sc::make_term(sc::kPrefixWork, target.work)), at);
    if (docs.empty()) return std::nullopt;
    const std::string& id = docs.front();
    // The fragment, or the closest unit that contains it ("section-75-2-i" → "section-75").
    std::string f =
        akn::enclosing_unit(target.fragment, [&](const std::string& a) { return db.term_exists(sc::id_term(id, a)); });
    return Provision{id, f, citation_form(db, id, f), sc::doc_url(id, f)};
}

std::string document_work(const Xapian::Database& db, const std::string& doc_id) {
    return doc_term_value(db, doc_id, sc::kPrefixWork);
}

std::string document_act_number(const Xapian::Database& db, const std::string& doc_id) {
    return act_number_of(db, doc_id);
}

std::vector<Citing> cited_by(const Xapian::Database& db, const std::string& doc_id, const std::string& anchor) {
    std::vector<Xapian::Query> ways;
    std::string work = document_work(db, doc_id);
    if (!work.empty()) ways.emplace_back(sc::make_term(sc::kPrefixRef, akn::target_key({work, anchor})));
    std::string number = act_number_of(db, doc_id);
    if (!number.empty()) {
        std::string article;
        if (!anchor.empty()) {
            std::string t = sc::id_term(doc_id, anchor);
            auto p = db.postlist_begin(t);
            if (p != db.postlist_end(t)) article = article_of(db.get_document(*p));
        }
        if (anchor.empty())
            ways.emplace_back(sc::make_term(sc::kPrefixCite, number));
        else if (!article.empty())
            ways.emplace_back(sc::make_term(sc::kPrefixCite, number + "#" + article));
    }
    if (ways.empty()) return {};
    Xapian::Query q(Xapian::Query::OP_OR, ways.begin(), ways.end());
    // Not the provision itself, and not the document units: their units say it.
    q = Xapian::Query(Xapian::Query::OP_AND_NOT, q,
                      Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(sc::id_term(doc_id, anchor)),
                                    Xapian::Query(sc::kind_term(sc::kKindDoc))));
    Xapian::Enquire e(db);
    e.set_query(q);
    e.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet m = e.get_mset(0, db.get_doccount());
    // By position in their document, equal positions by document id: the
    // same order however the index is sharded. Sorted here: Xapian's remote
    // backend takes no KeyMaker.
    std::vector<std::pair<std::string, Citing>> found;
    for (auto it = m.begin(); it != m.end(); ++it) {
        Xapian::Document u = it.get_document();
        sc::Data data = sc::decode_data(u.get_data());
        std::string id = data[sc::kFieldDoc];
        sc::Data d = stored_data(db, id);
        found.emplace_back(u.get_value(sc::kSlotOrder),
                           Citing{id, d[sc::kFieldTitle], d[sc::kFieldType], data[sc::kFieldAnchor],
                                  data[sc::kFieldLabel], sc::doc_url(id, data[sc::kFieldAnchor])});
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second.doc_id < b.second.doc_id;
    });
    std::vector<Citing> out;
    for (auto& [order, c] : found) out.push_back(std::move(c));
    return out;
}

namespace {

// The \n-separated lines of a stored field, as std::getline reads them: a
// final empty line (after a trailing \n) is not one.
std::vector<std::string_view> stored_lines(std::string_view lines) {
    std::vector<std::string_view> out;
    while (!lines.empty()) {
        size_t nl = lines.find('\n');
        out.push_back(lines.substr(0, nl));
        if (nl == std::string_view::npos) break;
        lines.remove_prefix(nl + 1);
    }
    return out;
}

// The first `n` fields of a line split on kValueSep, missing ones "".
std::vector<std::string> fields(std::string_view line, size_t n) {
    std::vector<std::string> f = sc::split_values(line);
    f.resize(n);
    return f;
}

}  // namespace

LegalEvent parse_legal_event(std::string_view line) {
    std::vector<std::string> f = fields(line, 4);
    return LegalEvent{std::move(f[0]), std::move(f[1]), std::move(f[2]), std::move(f[3])};
}

std::vector<LegalEvent> parse_legal_events(std::string_view lines) {
    std::vector<LegalEvent> out;
    for (std::string_view line : stored_lines(lines))
        if (!line.empty()) out.push_back(parse_legal_event(line));
    return out;
}

LegalModification parse_legal_modification(std::string_view line) {
    std::vector<std::string> f = fields(line, 3);
    return LegalModification{std::move(f[0]), std::move(f[1]), std::move(f[2])};
}

std::vector<LegalModification> parse_legal_modifications(std::string_view lines) {
    std::vector<LegalModification> out;
    for (std::string_view line : stored_lines(lines)) out.push_back(parse_legal_modification(line));
    return out;
}

}  // namespace coopdec
