// @brief Documents and partnership records read back from the index.
#include "search/document.h"

#include <algorithm>
#include <sstream>

#include "common/stored_blob.h"
#include "search/atlas.h"
#include "search/atlas_names.h"

namespace coopdec {
namespace {

namespace sc = schema;

std::vector<std::string> lines(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    std::string l;
    while (std::getline(in, l))
        if (!l.empty()) out.push_back(l);
    return out;
}

std::string source_key(const std::string& id) { return std::string(sc::kSourceKeyPrefix) + id; }

}  // namespace

std::string packed_source(const Index& index, const std::string& id) {
    return index.document_metadata(id, source_key(id));
}

std::string unpack_source(const std::string& id, std::string_view packed) {
    // A value the codec refuses is a damaged index, said as Xapian says its
    // own damage: the server answers 503 « l'index est momentanément
    // illisible », the why in its log.
    try {
        return stored_blob::unpack(packed);
    } catch (const stored_blob::Error& e) {
        throw Xapian::DatabaseCorruptError(std::string(e.what()) + " (métadonnée « " + source_key(id) + " »)");
    }
}

sc::Data stored_data(const Xapian::Database& db, const std::string& id) {
    std::string term = sc::id_term(id);
    Xapian::PostingIterator p = db.postlist_begin(term);
    if (p == db.postlist_end(term)) return {};
    return sc::decode_data(db.get_document(*p).get_data());
}

std::map<std::string, sc::Data> stored_data_of(const Xapian::Database& db, const std::vector<std::string>& ids) {
    std::map<std::string, sc::Data> out;
    if (ids.empty()) return out;
    std::vector<Xapian::Query> terms;
    for (const auto& id : ids) terms.emplace_back(sc::id_term(id));
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    e.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet m = e.get_mset(0, static_cast<Xapian::doccount>(ids.size()));
    m.fetch();  // the documents asked for together, where the backend can
    for (auto it = m.begin(); it != m.end(); ++it) {
        Xapian::Document d = it.get_document();
        out.emplace(d.get_value(sc::kSlotDoc), sc::decode_data(d.get_data()));
    }
    return out;
}

ResultDocument summary_of(const std::string& id, const sc::Data& d) {
    auto get = [&](const char* k) {
        auto it = d.find(k);
        return it == d.end() ? std::string() : it->second;
    };
    ResultDocument r;
    r.id = id;
    r.type = get(sc::kFieldType);
    r.title = get(sc::kFieldTitle);
    r.url = sc::page_url(id, r.type);
    r.date = get(sc::kFieldDate);
    r.partner = get(sc::kFieldPartner);
    r.demo = get(sc::kFieldDemo) == "1";
    r.notice = get(sc::kFieldNotice);
    r.communes = lines(get(sc::kFieldCommunes));
    for (const auto& l : lines(get(sc::kFieldPartnerships))) {
        size_t sep = l.find(sc::kValueSep);
        PartnershipRef p{l.substr(0, sep), sep == std::string::npos ? "" : l.substr(sep + 1), ""};
        p.url = sc::partnership_url(p.id);
        r.partnerships.push_back(p);
    }
    return r;
}

bool valid_document_id(std::string_view id) {
    if (id.empty() || id.size() > 200) return false;
    for (size_t i = 0; i < id.size(); ++i) {
        char c = id[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0);
        if (!ok) return false;
    }
    return true;
}

std::optional<DocumentView> load_document(const Index& index, const std::string& id) {
    if (!valid_document_id(id)) return std::nullopt;
    const Xapian::Database& db = index.db();
    DocumentView v;
    v.data = stored_data(db, id);
    if (v.data.empty()) return std::nullopt;
    v.info = summary_of(id, v.data);
    v.lang = v.data[sc::kFieldLang];
    v.summary = v.data[sc::kFieldSummary];
    v.themes = lines(v.data[sc::kFieldThemes]);
    // Packed or not, a view is there when its value is not empty
    // (stored_blob.h): the source is not inflated to know it.
    v.has_source = !packed_source(index, id).empty();

    // The units, in document order (kSlotOrder), without the document unit.
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(std::string(sc::kPrefixDoc) + id),
                              Xapian::Query(sc::kind_term(sc::kKindDoc))));
    e.set_weighting_scheme(Xapian::BoolWeight());
    e.set_sort_by_value(sc::kSlotOrder, false);
    Xapian::MSet m = e.get_mset(0, db.get_doccount());
    for (auto it = m.begin(); it != m.end(); ++it) {
        sc::Data u = sc::decode_data(it.get_document().get_data());
        // A unit's text starts with its num and heading, which its label
        // holds (with " – " between): « Résumé : » right after them.
        size_t mark = u[sc::kFieldText].find("R\xc3\xa9sum\xc3\xa9 :");  // « Résumé : »
        bool summary = mark != std::string::npos && mark <= u[sc::kFieldLabel].size() + 4;
        v.units.push_back(UnitInfo{u[sc::kFieldAnchor], u[sc::kFieldKind], u[sc::kFieldLabel], u[sc::kFieldPath],
                                   sc::doc_url(id, u[sc::kFieldAnchor]), lines(u[sc::kFieldAmended]), summary});
    }
    return v;
}

std::optional<std::string> load_source(const Index& index, const std::string& id) {
    if (!valid_document_id(id)) return std::nullopt;
    std::string xml = unpack_source(id, packed_source(index, id));
    if (xml.empty()) return std::nullopt;
    return xml;
}

std::vector<std::string> record_ids_in(std::string_view text) {
    std::vector<std::string> out;
    auto id_char = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; };
    for (size_t at = text.find("part-"); at != std::string_view::npos; at = text.find("part-", at + 1)) {
        if (at > 0 && id_char(text[at - 1])) continue;  // inside another word ("depart-…")
        size_t end = at;
        while (end < text.size() && id_char(text[end])) ++end;
        while (end > at && text[end - 1] == '-') --end;
        std::string id(text.substr(at, end - at));
        if (id.size() > 5 && valid_document_id(id) && std::find(out.begin(), out.end(), id) == out.end())
            out.push_back(id);
    }
    return out;
}

std::optional<PartnershipView> load_partnership(const Index& index, const std::string& id) {
    auto record = load_document(index, id);
    const Xapian::Database& db = index.db();
    if (!record || record->info.type != sc::kTypePartnership) return std::nullopt;
    PartnershipView v{std::move(*record), {}, {}, {}};
    const sc::Facet* facet = sc::find_facet("partnership");
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(sc::kind_term(sc::kKindDoc)),
                              Xapian::Query(sc::facet_term(*facet, id))));
    e.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet m = e.get_mset(0, db.get_doccount());
    for (auto it = m.begin(); it != m.end(); ++it) {
        std::string doc_id = it.get_document().get_value(sc::kSlotDoc);
        if (doc_id == id) continue;
        v.documents.push_back(summary_of(doc_id, sc::decode_data(it.get_document().get_data())));
    }
    // By date, equal dates by document id: the same order however the index
    // is sharded. Sorted here: Xapian's remote backend takes no KeyMaker.
    std::sort(v.documents.begin(), v.documents.end(), [](const ResultDocument& a, const ResultDocument& b) {
        return a.date != b.date ? a.date < b.date : a.id < b.id;
    });
    const atlas::Finder places(atlas::gazetteer(index), {});
    for (const std::string& c : v.record.info.communes) v.commune_ids.push_back(places.commune_id(c));
    // The ids its page can show are in its source (the page is rendered
    // from it: server/page_views.h) and in its divergences.
    std::vector<std::string> named =
        record_ids_in(load_source(index, id).value_or("") + "\n" + v.record.data[sc::kFieldDivergences]);
    named.erase(std::remove(named.begin(), named.end(), id), named.end());
    for (auto& [other, data] : stored_data_of(db, named))
        if (data[sc::kFieldType] == sc::kTypePartnership) v.references[other] = data[sc::kFieldTitle];
    return v;
}

}  // namespace coopdec
