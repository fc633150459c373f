// @brief The atlas: Togo's communes, the foreign partners and their
// countries as the index knows them (gazetteer metadata, partnership
// records, documents), for the pages /commune/ID, /region/ID,
// /partenaire/ID, /pays/CODE and /communes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/places.h"
#include "search/index.h"
#include "search/search.h"

namespace coopdec::atlas {

// One partnership record as the atlas shows it (its stored fields).
struct Record {
    std::string id, title;
    std::string partner, partner_level, country;  // partner's name, level (schema values), ISO code
    std::string nature, start, end, status;       // schema values; "" when the record has none
    std::vector<std::string> communes;            // the Togolese communes' names
    std::vector<std::string> commune_ids;         // the gazetteer id of each ("" when it names none: no page)
    std::vector<std::string> amounts;             // "year\x1fsource\x1forigin\x1ffcfa" lines (schema.h)
    bool demo = false;                            // a demonstration record: its facts and amounts are fictitious
    bool divergent = false;                       // its sources disagree (<divergence>), on its dates or else
};

// "bressuire-fr": a partner's id, from its name and country code: the name
// folded (accents off, lower case), every run of other characters than
// [a-z0-9] a "-", then "-" and the code in lower case. Stable while the
// records spell the partner the same way. Pure.
std::string partner_id(std::string_view name, std::string_view country);

// "Kloto 1" → "kloto-1": the gazetteer's ids are their names so folded. Pure.
std::string slug(std::string_view name);

// The gazetteer the index holds (schema::kPlacesKey), in its order; empty
// when the index has none.
std::vector<places::PlaceRow> gazetteer(const Index& index);

// Every partnership record of the index, by id.
std::vector<Record> records(const Index& index);

struct CommuneView {
    places::PlaceRow commune;
    std::string prefecture, region;         // names
    std::string prefecture_id, region_id;   // the gazetteer's ids ("kloto", "plateaux")
    std::vector<Record> partnerships;       // its records, by start then id
    std::vector<ResultDocument> documents;  // its other documents, oldest first (undated last)
    std::vector<std::string> legal_bases;   // provisions its agreements cite ("Loi n° 2019-006, art. 46")
};

// The commune `id` of the gazetteer, or nothing when there is none.
std::optional<CommuneView> load_commune(const Index& index, const std::string& id);

struct RegionView {
    places::PlaceRow region;
    // Its préfectures in the gazetteer's order, each with its communes.
    std::vector<std::pair<places::PlaceRow, std::vector<places::PlaceRow>>> prefectures;
    // The records the index places in the région (its "region" facet, as
    // /recherche?type=partenariat&region=NAME counts them), by start then id.
    std::vector<Record> partnerships;
};

// The région `id` of the gazetteer ("savanes"…), or nothing when there is none.
std::optional<RegionView> load_region(const Index& index, const std::string& id);

struct PartnerView {
    std::string id, name, level, country;
    std::vector<Record> partnerships;  // with Togolese communes, by start then id
};

// The partner `id` (partner_id()), or nothing when no record names it.
std::optional<PartnerView> load_partner(const Index& index, const std::string& id);

struct CountryView {
    std::string code, name;             // "FR", "France"
    std::vector<PartnerView> partners;  // by name
};

// The country `code` (ISO 3166-1 alpha-2, any case): nothing when the
// code is not one; a known country without partner has none.
std::optional<CountryView> load_country(const Index& index, const std::string& code);

}  // namespace coopdec::atlas
