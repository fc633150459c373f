// @brief The index schema's helpers: stored data, facet terms, ids.
#include <catch2/catch.hpp>

#include <random>
#include <set>

#include "common/schema.h"

using namespace coopdec;

TEST_CASE("stored data survives any text", "[schema]") {
    schema::Data d{{"text", "deux\tlignes\navec \\ et \\n"}, {"title", "Titre « é »"}};
    CHECK(schema::decode_data(schema::encode_data(d)) == d);
    // An empty field is not stored: read back as absent, which every
    // reader takes as empty.
    schema::Data with_empty = d;
    with_empty["empty"] = "";
    CHECK(schema::encode_data(with_empty) == schema::encode_data(d));
    CHECK(schema::decode_data(schema::encode_data(with_empty)) == d);
}

TEST_CASE("stored data decodes escapes first, last, side by side and a lone last backslash", "[schema]") {
    const schema::Data d = schema::decode_data(
        "a\t\\nx\\\\\\t\n"  // an escaped n, then an escaped backslash and an escaped tab
        "b\t\\\\\n"         // only an escaped backslash
        "c\tend\\\n"        // a lone backslash last: kept as it is
        "no tab here\n"
        "d\t\\q\n"       // an escaped ordinary character is that character
        "a\tsecond\n");  // a repeated key: the first one stays
    CHECK(d == schema::Data{{"a", "\nx\\\t"}, {"b", "\\"}, {"c", "end\\"}, {"d", "q"}});
}

TEST_CASE("stored data survives random text made of the characters it escapes", "[schema]") {
    const char alphabet[] = {'a', '\\', '\n', '\t', 'n', 't', ' ', '\xC3', '\xA9'};
    std::mt19937 rng(5);
    std::uniform_int_distribution<size_t> pick(0, std::size(alphabet) - 1), length(0, 20);
    for (int n = 0; n < 5000; ++n) {
        schema::Data d;
        for (const char* key : {"text", "title", "x"}) {
            std::string v;
            for (size_t k = length(rng); k > 0; --k) v += alphabet[pick(rng)];
            d[key] = v;
        }
        schema::Data stored = d;  // an empty field is not stored: read back, it is absent
        std::erase_if(stored, [](const auto& field) { return field.second.empty(); });
        REQUIRE(schema::decode_data(schema::encode_data(d)) == stored);
    }
}

TEST_CASE("facets are defined once, with distinct names, prefixes and slots", "[schema]") {
    std::set<std::string_view> names, prefixes;
    std::set<unsigned> slots;
    for (const auto& f : schema::kFacets) {
        names.insert(f.name);
        prefixes.insert(f.prefix);
        slots.insert(f.slot);
        CHECK(f.prefix.back() == ':');
        CHECK(f.slot >= schema::kSlotFacetFirst);
        CHECK(schema::find_facet(f.name) == &f);
    }
    CHECK(names.size() == schema::kFacets.size());
    CHECK(prefixes.size() == schema::kFacets.size());
    CHECK(slots.size() == schema::kFacets.size());
    CHECK(schema::find_facet("couleur") == nullptr);
}

TEST_CASE("facet terms are folded and fit Xapian's limit", "[schema]") {
    const auto* commune = schema::find_facet("commune");
    REQUIRE(commune);
    CHECK(schema::facet_term(*commune, "Tône 1") == "XCOMMUNE:tone 1");
    CHECK(schema::facet_term(*commune, "TONE 1") == "XCOMMUNE:tone 1");
    std::string long_value(500, 'a');
    CHECK(schema::facet_term(*commune, long_value).size() <= schema::kMaxTermBytes);
    CHECK(schema::id_term("conv-x", "art_2") == "Qconv-x#art_2");
    CHECK(schema::id_term("conv-x") == "Qconv-x");
    CHECK(schema::split_values(schema::join_values({"a", "b c", ""})) == std::vector<std::string>{"a", "b c", ""});
    CHECK(schema::split_values("").empty());
}

TEST_CASE("the schema's names keep their on-disk values", "[schema]") {
    // Stored fields, unit kinds and types are read back from existing
    // indexes: a changed value is a new schema version.
    const std::pair<std::string_view, std::string_view> names[] = {
        {schema::kFieldDoc, "doc"},
        {schema::kFieldAnchor, "anchor"},
        {schema::kFieldKind, "kind"},
        {schema::kFieldText, "text"},
        {schema::kFieldLabel, "label"},
        {schema::kFieldPath, "path"},
        {schema::kFieldSpeaker, "speaker"},
        {schema::kFieldWho, "who"},
        {schema::kFieldRole, "role"},
        {schema::kFieldAmended, "amended"},
        {schema::kFieldTitle, "title"},
        {schema::kFieldType, "type"},
        {schema::kFieldDemo, "demo"},
        {schema::kFieldNotice, "notice"},
        {schema::kFieldDate, "date"},
        {schema::kFieldLang, "lang"},
        {schema::kFieldPlace, "place"},
        {schema::kFieldCommunes, "communes"},
        {schema::kFieldPartner, "partner"},
        {schema::kFieldPartnerships, "partnerships"},
        {schema::kFieldThemes, "themes"},
        {schema::kFieldSummary, "summary"},
        {schema::kFieldLifecycle, "lifecycle"},
        {schema::kFieldModifies, "modifies"},
        {schema::kFieldVersion, "version"},
        {schema::kFieldPartnerName, "partner_name"},
        {schema::kFieldPartnerLevel, "partner_level"},
        {schema::kFieldPartnerCountry, "partner_country"},
        {schema::kFieldNature, "nature"},
        {schema::kFieldStart, "start"},
        {schema::kFieldEnd, "end"},
        {schema::kFieldStatus, "status"},
        {schema::kFieldDivergences, "divergences"},
        {schema::kFieldSources, "sources"},
        {schema::kKindDoc, "doc"},
        {schema::kKindUtterance, "enonce"},
        {schema::kKindClause, "clause"},
        {schema::kKindSection, "section"},
        {schema::kTypeLaw, "loi"},
        {schema::kTypeAgreement, "convention"},
        {schema::kTypeInterview, "entretien"},
        {schema::kTypePartnership, "partenariat"},
        {schema::kTypeStudy, "etude"},
        {schema::kTypeGazetteer, "repertoire"},
        {schema::kCoopdecNamespace, "urn:x-coopdec:corpus:1"},
        {schema::kTeiNamespace, "http://www.tei-c.org/ns/1.0"},
        {schema::kAknNamespace, "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"},
    };
    for (const auto& [name, value] : names) CHECK(name == value);
    CHECK(schema::kind_term(schema::kKindDoc) == "XKIND:doc");
    CHECK(schema::kind_term("article") == "XKIND:article");
}

TEST_CASE("Akoma Ntoso namespaces are recognised, 3.0 drafts and 2.0 included", "[schema][akn]") {
    CHECK(schema::is_akn_namespace("http://docs.oasis-open.org/legaldocml/ns/akn/3.0"));
    CHECK(schema::is_akn_namespace("http://docs.oasis-open.org/legaldocml/ns/akn/3.0/CSD13"));
    CHECK(schema::is_akn_namespace("http://www.akomantoso.org/2.0"));
    CHECK_FALSE(schema::is_akn_namespace("http://www.tei-c.org/ns/1.0"));
    CHECK_FALSE(schema::is_akn_namespace("urn:x-coopdec:corpus:1"));
    CHECK_FALSE(schema::is_akn_namespace(""));
}
