// @brief The index schema's helpers: stored data, facet terms, ids.
#include <catch2/catch.hpp>

#include <set>

#include "common/schema.h"

using namespace coopdec;

TEST_CASE("stored data survives any text", "[schema]") {
    schema::Data d{{"text", "deux\tlignes\navec \\ et \\n"}, {"title", "Titre « é »"}, {"empty", ""}};
    CHECK(schema::decode_data(schema::encode_data(d)) == d);
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
