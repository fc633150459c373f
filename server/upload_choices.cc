// @brief The communes and partnership records the upload forms offer.
#include "server/upload_choices.h"

#include <algorithm>
#include <sstream>

#include <xapian.h>

#include "common/places.h"
#include "common/schema.h"
#include "search/index.h"

namespace coopdec {

bool UploadChoices::offers_commune(const std::string& id) const {
    for (const auto& [c, name] : communes)
        if (c == id) return true;
    return false;
}

bool UploadChoices::offers_record(const std::string& commune, const std::string& record, bool any_commune) const {
    for (const auto& g : records)
        if (any_commune || g.commune == commune)
            for (const auto& r : g.records)
                if (r.id == record) return true;
    return false;
}

std::vector<CommuneRecords> UploadChoices::records_for(const std::string& commune) const {
    std::vector<CommuneRecords> out;
    for (const auto& g : records)
        if (commune.empty() || g.commune == commune) out.push_back(g);
    return out;
}

std::string UploadChoices::name_of(const std::string& id) const {
    for (const auto& [c, name] : communes)
        if (c == id) return name;
    return id;
}

bool record_optional(const std::string& doc_type) { return doc_type == "etude" || doc_type == "loi"; }

UploadChoices upload_choices(const Index& index, const store::Principal& who) {
    namespace sc = schema;
    UploadChoices out;
    std::vector<std::string> gazetteers = index.metadata_of_shards(sc::kPlacesKey);
    std::vector<places::PlaceRow> rows =
        gazetteers.empty() ? std::vector<places::PlaceRow>{} : places::decode(gazetteers.front());
    const bool everyone = store::may_review(who);
    for (const auto& p : rows) {
        if (p.level != "commune") continue;
        bool mine = everyone || std::find(who.communes.begin(), who.communes.end(), p.id) != who.communes.end();
        if (mine) out.communes.emplace_back(p.id, p.name);
    }
    // A contributor's commune the gazetteer lacks is still theirs, by its id.
    if (!everyone)
        for (const auto& id : who.communes)
            if (!out.offers_commune(id)) out.communes.emplace_back(id, id);
    std::sort(out.communes.begin(), out.communes.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });

    // Every published record (a few hundred at most), with the names of
    // its communes as the index stores them: the gazetteer's names.
    struct Published {
        RecordChoice choice;
        std::vector<std::string> communes;
    };
    std::vector<Published> published;
    Xapian::Enquire enquire(index.db());
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND,
                                    Xapian::Query(sc::facet_term(*sc::find_facet("type"), sc::kTypePartnership)),
                                    Xapian::Query(sc::kind_term(sc::kKindDoc))));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet found = enquire.get_mset(0, 10000);
    for (auto it = found.begin(); it != found.end(); ++it) {
        Xapian::Document d = it.get_document();
        sc::Data data = sc::decode_data(d.get_data());
        Published p;
        p.choice.id = d.get_value(sc::kSlotDoc);
        p.choice.title = data[sc::kFieldTitle].empty() ? p.choice.id : data[sc::kFieldTitle];
        std::istringstream names(data[sc::kFieldCommunes]);
        for (std::string n; std::getline(names, n);)
            if (!n.empty()) p.communes.push_back(n);
        published.push_back(std::move(p));
    }
    std::sort(published.begin(), published.end(),
              [](const Published& a, const Published& b) { return a.choice.title < b.choice.title; });
    for (const auto& [id, name] : out.communes) {
        CommuneRecords group{id, name, {}};
        for (const auto& p : published)
            if (std::find(p.communes.begin(), p.communes.end(), name) != p.communes.end())
                group.records.push_back(p.choice);
        if (!group.records.empty()) out.records.push_back(std::move(group));
    }
    return out;
}

}  // namespace coopdec
