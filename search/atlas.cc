// @brief The atlas's views read from the index (see atlas.h for the contract).
#include "search/atlas.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "common/analysis.h"
#include "common/schema.h"
#include "search/atlas_names.h"
#include "search/countries.h"
#include "search/document.h"

namespace coopdec::atlas {
namespace {

namespace sc = schema;

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string l; std::getline(in, l);)
        if (!l.empty()) out.push_back(l);
    return out;
}

std::string field(const sc::Data& d, const char* key) {
    auto it = d.find(key);
    return it == d.end() ? std::string() : it->second;
}

Record record_of(const std::string& id, const sc::Data& d, const Finder& places) {
    Record r;
    r.id = id;
    r.title = field(d, sc::kFieldTitle);
    r.partner = field(d, sc::kFieldPartnerName);
    if (r.partner.empty()) r.partner = field(d, sc::kFieldPartner);
    r.partner_level = field(d, sc::kFieldPartnerLevel);
    r.country = field(d, sc::kFieldPartnerCountry);
    r.nature = field(d, sc::kFieldNature);
    r.start = field(d, sc::kFieldStart);
    r.end = field(d, sc::kFieldEnd);
    r.status = field(d, sc::kFieldStatus);
    r.communes = lines_of(field(d, sc::kFieldCommunes));
    for (const std::string& c : r.communes) r.commune_ids.push_back(places.commune_id(c));
    r.amounts = lines_of(field(d, sc::kFieldAmounts));
    r.demo = field(d, sc::kFieldDemo) == "1";
    r.divergent = !field(d, sc::kFieldDivergences).empty();
    return r;
}

// Undated records last, then by id: the same order however the index is sharded.
void sort_records(std::vector<Record>& rs) {
    std::sort(rs.begin(), rs.end(), [](const Record& a, const Record& b) {
        if (a.start.empty() != b.start.empty()) return b.start.empty();
        return a.start != b.start ? a.start < b.start : a.id < b.id;
    });
}

// The document units matching `filter`, every one.
Xapian::MSet documents_where(const Xapian::Database& db, const Xapian::Query& filter) {
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(sc::kind_term(sc::kKindDoc)), filter));
    e.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet m = e.get_mset(0, std::max<Xapian::doccount>(1, db.get_doccount()));
    m.fetch();
    return m;
}

}  // namespace

std::string slug(std::string_view name) {
    std::string folded = analysis::fold(name), out;
    for (char c : folded) {
        bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (word)
            out += c;
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

std::string partner_id(std::string_view name, std::string_view country) {
    std::string code = slug(country);
    std::string out = slug(name);
    return code.empty() ? out : out + "-" + code;
}

std::vector<places::PlaceRow> gazetteer(const Index& index) {
    for (const std::string& v : index.metadata_of_shards(sc::kPlacesKey))
        if (!v.empty()) return places::decode(v);
    return {};
}

std::vector<Record> records(const Index& index) {
    const Xapian::Database& db = index.db();
    Xapian::MSet m = documents_where(db, Xapian::Query(sc::facet_term(*sc::find_facet("type"), sc::kTypePartnership)));
    const Finder places(gazetteer(index), {});
    std::vector<Record> out;
    for (auto it = m.begin(); it != m.end(); ++it) {
        Xapian::Document doc = it.get_document();
        out.push_back(record_of(doc.get_value(sc::kSlotDoc), sc::decode_data(doc.get_data()), places));
    }
    std::sort(out.begin(), out.end(), [](const Record& a, const Record& b) { return a.id < b.id; });
    return out;
}

std::optional<CommuneView> load_commune(const Index& index, const std::string& id) {
    std::vector<places::PlaceRow> rows = gazetteer(index);
    std::map<std::string, const places::PlaceRow*> by_id;
    for (const auto& r : rows) by_id[r.id] = &r;
    auto it = by_id.find(id);
    if (it == by_id.end() || it->second->level != "commune") return std::nullopt;
    CommuneView v;
    v.commune = *it->second;
    const Finder places(rows, {});
    // Up the tree: the préfecture, then its région.
    for (std::string up = v.commune.parent; !up.empty();) {
        auto p = by_id.find(up);
        if (p == by_id.end()) break;
        if (p->second->level == "prefecture") v.prefecture = p->second->name, v.prefecture_id = p->second->id;
        if (p->second->level == "region") v.region = p->second->name, v.region_id = p->second->id;
        up = p->second->parent;
    }

    const Xapian::Database& db = index.db();
    const sc::Facet& commune = *sc::find_facet("commune");
    const sc::Facet& basis = *sc::find_facet("legal_basis");
    Xapian::MSet m = documents_where(db, Xapian::Query(sc::facet_term(commune, v.commune.name)));
    for (auto d = m.begin(); d != m.end(); ++d) {
        Xapian::Document doc = d.get_document();
        std::string doc_id = doc.get_value(sc::kSlotDoc);
        sc::Data data = sc::decode_data(doc.get_data());
        if (field(data, sc::kFieldType) == sc::kTypePartnership) {
            v.partnerships.push_back(record_of(doc_id, data, places));
            continue;
        }
        v.documents.push_back(summary_of(doc_id, data));
        // The provisions its agreements cite: the legal_basis facet's values.
        if (field(data, sc::kFieldType) != sc::kTypeAgreement) continue;
        for (const std::string& b : sc::split_values(doc.get_value(basis.slot)))
            if (!b.empty() && std::find(v.legal_bases.begin(), v.legal_bases.end(), b) == v.legal_bases.end())
                v.legal_bases.push_back(b);
    }
    sort_records(v.partnerships);
    std::sort(v.documents.begin(), v.documents.end(), [](const ResultDocument& a, const ResultDocument& b) {
        if (a.date.empty() != b.date.empty()) return b.date.empty();
        return a.date != b.date ? a.date < b.date : a.id < b.id;
    });
    std::sort(v.legal_bases.begin(), v.legal_bases.end());
    return v;
}

std::optional<RegionView> load_region(const Index& index, const std::string& id) {
    std::vector<places::PlaceRow> rows = gazetteer(index);
    auto it = std::find_if(rows.begin(), rows.end(),
                           [&](const places::PlaceRow& r) { return r.id == id && r.level == "region"; });
    if (it == rows.end()) return std::nullopt;
    RegionView v;
    v.region = *it;
    for (const auto& r : rows)
        if (r.level == "prefecture" && r.parent == id) v.prefectures.push_back({r, {}});
    for (const auto& r : rows) {
        if (r.level != "commune") continue;
        for (auto& [pref, communes] : v.prefectures)
            if (r.parent == pref.id) communes.push_back(r);
    }
    const Xapian::Query filter(Xapian::Query::OP_AND,
                               Xapian::Query(sc::facet_term(*sc::find_facet("type"), sc::kTypePartnership)),
                               Xapian::Query(sc::facet_term(*sc::find_facet("region"), v.region.name)));
    const Finder places(rows, {});
    Xapian::MSet m = documents_where(index.db(), filter);
    for (auto d = m.begin(); d != m.end(); ++d) {
        Xapian::Document doc = d.get_document();
        v.partnerships.push_back(record_of(doc.get_value(sc::kSlotDoc), sc::decode_data(doc.get_data()), places));
    }
    sort_records(v.partnerships);
    return v;
}

std::optional<PartnerView> load_partner(const Index& index, const std::string& id) {
    if (!valid_document_id(id)) return std::nullopt;
    std::optional<PartnerView> v;
    for (Record& r : records(index)) {
        if (r.partner.empty() || partner_id(r.partner, r.country) != id) continue;
        if (!v) v = PartnerView{id, r.partner, r.partner_level, r.country, {}};
        if (v->level.empty()) v->level = r.partner_level;
        v->partnerships.push_back(std::move(r));
    }
    if (v) sort_records(v->partnerships);
    return v;
}

std::optional<CountryView> load_country(const Index& index, const std::string& code) {
    const countries::Country* c = code.size() == 2 ? countries::find(code) : nullptr;
    if (!c) return std::nullopt;
    CountryView v{std::string(c->code), std::string(countries::french_name(c->code)), {}};
    std::map<std::string, PartnerView> partners;
    for (Record& r : records(index)) {
        if (r.partner.empty() || r.country != v.code) continue;
        std::string pid = partner_id(r.partner, r.country);
        auto [p, fresh] = partners.try_emplace(pid, PartnerView{pid, r.partner, r.partner_level, r.country, {}});
        p->second.partnerships.push_back(std::move(r));
    }
    for (auto& [pid, p] : partners) {
        sort_records(p.partnerships);
        v.partners.push_back(std::move(p));
    }
    std::sort(v.partners.begin(), v.partners.end(), [](const PartnerView& a, const PartnerView& b) {
        std::string fa = analysis::fold(a.name), fb = analysis::fold(b.name);
        return fa != fb ? fa < fb : a.id < b.id;
    });
    return v;
}

}  // namespace coopdec::atlas
