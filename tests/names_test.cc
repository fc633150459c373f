// @brief The names table: countries, places and partners as people type
// them; facet boxes that take them, on the pages, the API and the CLI.
#include <catch2/catch.hpp>

#include <algorithm>

#include "common/analysis.h"
#include "common/places.h"
#include "common/schema.h"
#include "search/countries.h"
#include "search/filter_names.h"
#include "search/index.h"
#include "search/names.h"
#include "search/search.h"
#include "tests/bundled_server.h"
#include "tests/temp_index.h"

using namespace coopdec;

namespace names_test {

// The names table of the bundled corpus's index.
const Names& bundled_names() {
    static Index index = Index::open(test::bundled().db);
    static std::shared_ptr<const Names> names = Names::load(index);
    return *names;
}

std::vector<std::string> folded_words(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& t : analysis::tokenize(text, "fr")) out.push_back(t.term);
    return out;
}

// The readings of the name that starts `text`, as "facet=value", and its length.
std::pair<size_t, std::vector<std::string>> read_name(const std::string& text) {
    std::vector<NamedValue> readings;
    size_t n = bundled_names().match(folded_words(text), 0, readings);
    std::vector<std::string> out;
    for (const auto& r : readings) out.push_back(r.facet + "=" + r.value);
    std::sort(out.begin(), out.end());
    return {n, out};
}

std::vector<std::string> values_of(const std::vector<NamedValue>& v) {
    std::vector<std::string> out;
    for (const auto& x : v) out.push_back(x.value);
    return out;
}

size_t total_of(const std::string& target) {
    auto a = test::bundled_server().get(target);
    REQUIRE(a.status == 200);
    return test::parse_json(a.body)->getValue<size_t>("total");
}

}  // namespace names_test

using namespace names_test;

TEST_CASE("the country table: every ISO code once, French names, adjectives and M49 regions", "[names][countries]") {
    CHECK(countries::all().size() == 249);
    CHECK(std::is_sorted(countries::all().begin(), countries::all().end(),
                         [](const auto& a, const auto& b) { return a.code < b.code; }));
    struct Row {
        const char *code, *name, *masculine, *feminine, *region, *continent;
    };
    // Togo's partners, and a few that are easy to get wrong.
    const Row rows[] = {
        {"FR", "France", "français", "française", "Europe occidentale", "Europe"},
        {"DE", "Allemagne", "allemand", "allemande", "Europe occidentale", "Europe"},
        {"BE", "Belgique", "belge", "belge", "Europe occidentale", "Europe"},
        {"IT", "Italie", "italien", "italienne", "Europe méridionale", "Europe"},
        {"MA", "Maroc", "marocain", "marocaine", "Afrique septentrionale", "Afrique"},
        {"SN", "Sénégal", "sénégalais", "sénégalaise", "Afrique occidentale", "Afrique"},
        {"BF", "Burkina Faso", "burkinabè", "burkinabè", "Afrique occidentale", "Afrique"},
        {"CI", "Côte d'Ivoire", "ivoirien", "ivoirienne", "Afrique occidentale", "Afrique"},
        {"BJ", "Bénin", "béninois", "béninoise", "Afrique occidentale", "Afrique"},
        {"NE", "Niger", "nigérien", "nigérienne", "Afrique occidentale", "Afrique"},
        {"NG", "Nigeria", "nigérian", "nigériane", "Afrique occidentale", "Afrique"},
        {"GH", "Ghana", "ghanéen", "ghanéenne", "Afrique occidentale", "Afrique"},
        {"CA", "Canada", "canadien", "canadienne", "Amérique septentrionale", "Amériques"},
        {"US", "États-Unis", "américain", "américaine", "Amérique septentrionale", "Amériques"},
        {"CH", "Suisse", "suisse", "suisse", "Europe occidentale", "Europe"},
        {"LU", "Luxembourg", "luxembourgeois", "luxembourgeoise", "Europe occidentale", "Europe"},
        {"NL", "Pays-Bas", "néerlandais", "néerlandaise", "Europe occidentale", "Europe"},
        {"GB", "Royaume-Uni", "britannique", "britannique", "Europe septentrionale", "Europe"},
        {"MX", "Mexique", "mexicain", "mexicaine", "Amérique centrale", "Amériques"},
        {"TG", "Togo", "togolais", "togolaise", "Afrique occidentale", "Afrique"},
    };
    for (const Row& r : rows) {
        CAPTURE(r.code);
        const countries::Country* c = countries::find(r.code);
        REQUIRE(c != nullptr);
        CHECK(c->name == r.name);
        CHECK(c->masculine == r.masculine);
        CHECK(c->feminine == r.feminine);
        CHECK(c->region == r.region);
        CHECK(c->continent == r.continent);
    }
    CHECK(countries::find("ma") == countries::find("MA"));  // any case
    CHECK(countries::find("XX") == nullptr);
    CHECK(countries::find("FRA") == nullptr);
    CHECK(countries::french_name("BE") == "Belgique");
    CHECK(countries::french_name("ZZ") == "ZZ");
}

TEST_CASE("country names and adjectives in every gender and number stand for the country", "[names][countries]") {
    struct Row {
        const char* text;
        size_t length;
        const char* reading;
    };
    const Row rows[] = {
        {"Maroc", 1, "country=MA"},         {"le Maroc", 2, "country=MA"},      {"Allemagne", 1, "country=DE"},
        {"l'Allemagne", 1, "country=DE"},   {"allemand", 1, "country=DE"},      {"allemande", 1, "country=DE"},
        {"allemands", 1, "country=DE"},     {"allemandes", 1, "country=DE"},    {"belge", 1, "country=BE"},
        {"belges", 1, "country=BE"},        {"béninois", 1, "country=BJ"},      {"beninoises", 1, "country=BJ"},
        {"Côte d'Ivoire", 2, "country=CI"}, {"cote d'ivoire", 2, "country=CI"}, {"la Côte d’Ivoire", 3, "country=CI"},
        {"ivoirien", 1, "country=CI"},      {"ivoiriennes", 1, "country=CI"},   {"Burkina Faso", 2, "country=BF"},
        {"Burkina", 1, "country=BF"},       {"burkinabe", 1, "country=BF"},     {"sénégalaises", 1, "country=SN"},
        {"italiens", 1, "country=IT"},      {"canadiennes", 1, "country=CA"},   {"la France", 2, "country=FR"},
        {"françaises", 1, "country=FR"},    {"francais", 1, "country=FR"},      {"marocaines", 1, "country=MA"},
    };
    for (const Row& r : rows) {
        CAPTURE(r.text);
        auto [n, readings] = read_name(r.text);
        CHECK(n == r.length);
        CHECK(readings == std::vector<std::string>{r.reading});
    }
    // Only what the index holds: the bundled corpus has no Swiss, Ghanaian
    // or American partner. « francs » is not « France », stop words make no name.
    for (const char* text : {"Suisse", "ghanéens", "américaine", "Pays-Bas", "francs CFA", "le", "la les des"}) {
        CAPTURE(text);
        CHECK(read_name(text).first == 0);
    }
    // A name starts where it is asked for: « partenaires belges » at its second word.
    std::vector<NamedValue> readings;
    const auto words = folded_words("partenaires belges");
    CHECK(bundled_names().match(words, 0, readings) == 0);
    CHECK(bundled_names().match(words, 1, readings) == 1);
    REQUIRE(readings.size() == 1);
    CHECK(readings[0] == NamedValue{"country", "BE", "Belgique"});
    CHECK(bundled_names().match(words, 2, readings) == 0);  // past the end
    CHECK(bundled_names().label("country", "BE") == "Belgique");
    CHECK(bundled_names().is_name_word("maroc"));
    CHECK(bundled_names().is_name_word("suisse"));  // every country, held or not
    CHECK(bundled_names().is_name_word("kpalime"));
    CHECK(bundled_names().is_name_word("bressuire"));
    CHECK_FALSE(bundled_names().is_name_word("eau"));
    CHECK_FALSE(bundled_names().is_name_word("le"));
}

TEST_CASE("places: communes by their towns' names, préfectures and régions, with or without accents",
          "[names][places]") {
    struct Row {
        const char* text;
        size_t length;
        std::vector<std::string> readings;
    };
    const Row rows[] = {
        {"Kpalimé", 1, {"commune=Kloto 1"}},
        {"kpalime", 1, {"commune=Kloto 1"}},
        {"Sokodé", 1, {"commune=Tchaoudjo 1"}},
        {"Dapaong", 1, {"commune=Tône 1"}},
        {"Atakpamé", 1, {"commune=Ogou 1"}},
        {"Kloto 1", 2, {"commune=Kloto 1"}},
        {"tone 1", 2, {"commune=Tône 1"}},
        {"Kloto", 1, {"prefecture=Kloto"}},
        {"Tône", 1, {"prefecture=Tône"}},
        {"Savanes", 1, {"region=Savanes"}},
        {"Kara", 1, {"commune=Kozah 1", "region=Kara"}},  // the town and the région
    };
    for (const Row& r : rows) {
        CAPTURE(r.text);
        auto [n, readings] = read_name(r.text);
        CHECK(n == r.length);
        CHECK(readings == r.readings);
    }
    const Names& names = bundled_names();
    CHECK(names.label("commune", "Kloto 1") == "Kloto 1 (Kpalimé)");
    CHECK(names.label("commune", "Atlantide").empty());
    // The facet boxes.
    CHECK(values_of(names.resolve("commune", "Kpalimé")) == std::vector<std::string>{"Kloto 1"});
    CHECK(values_of(names.resolve("commune", "kloto 1")) == std::vector<std::string>{"Kloto 1"});
    CHECK(values_of(names.resolve("commune", "Kloto 1 (Kpalimé)")) == std::vector<std::string>{"Kloto 1"});
    CHECK(values_of(names.resolve("commune", "Kara")) == std::vector<std::string>{"Kozah 1"});
    CHECK(values_of(names.resolve("region", "Kara")) == std::vector<std::string>{"Kara"});
    CHECK(values_of(names.resolve("prefecture", "Kpalimé")) ==
          std::vector<std::string>{"Kloto"});  // the town's préfecture
    CHECK(values_of(names.resolve("region", "Sokodé")) == std::vector<std::string>{"Centrale"});
    CHECK(names.resolve("commune", "France").empty());  // a country is no commune
    CHECK(names.resolve("commune", "Atlantide").empty());
    CHECK(names.resolve("commune", "").empty());
    // The closest values: accents and case aside, the town names count.
    CHECK(values_of(names.closest("commune", "Kpalme", 1)) == std::vector<std::string>{"Kloto 1"});
    CHECK(values_of(names.closest("commune", "KLOTO", 1)) == std::vector<std::string>{"Kloto 1"});
    CHECK(values_of(names.closest("country", "Marok", 1)) == std::vector<std::string>{"MA"});
    CHECK(names.closest("commune", "xyz", 3).size() == 3);
    CHECK(names.closest("theme", "eau", 3).empty());  // a facet the table does not know
}

TEST_CASE("a run that reads no gazetteer keeps the index's places, and names still read", "[names][places]") {
    test::TempIndex idx;
    const std::string before = Index::open(idx.db).metadata_of_shards(schema::kPlacesKey).at(0);
    REQUIRE_FALSE(before.empty());
    // One agreement indexed again on its own, as a commune's staff would.
    IndexOptions opt;
    opt.db_path = idx.db;
    opt.inputs = {test::source_dir() + "/corpus/conventions/conv-kloto-1-bressuire-1991.xml"};
    opt.schema_dir = test::source_dir() + "/corpus/schema";
    opt.rebuild = true;
    std::FILE* log = std::tmpfile();
    REQUIRE(index_corpus(opt, log).errors == 0);
    std::fclose(log);
    Index index = Index::open(idx.db);
    CHECK(index.metadata_of_shards(schema::kPlacesKey).at(0) == before);
    std::vector<NamedValue> readings;
    CHECK(Names::load(index)->match({"kpalime"}, 0, readings) == 1);
}

TEST_CASE("the places metadata: written by the indexer, read back line by line", "[names][places]") {
    Index index = Index::open(test::bundled().db);
    std::vector<places::PlaceRow> rows = places::decode(index.metadata_of_shards(schema::kPlacesKey).at(0));
    CHECK(rows.size() == 5 + 39 + 117);  // régions, préfectures, communes of the 2019 reform
    auto find = [&](const std::string& id) {
        auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.id == id; });
        REQUIRE(it != rows.end());
        return *it;
    };
    places::PlaceRow kloto1 = find("kloto-1");
    CHECK(kloto1.level == "commune");
    CHECK(kloto1.name == "Kloto 1");
    CHECK(kloto1.parent == "kloto");
    CHECK(kloto1.former == std::vector<std::string>{"Kpalimé"});
    // Lomé, chef-lieu of the préfecture of Golfe, is borne by none of its communes.
    places::PlaceRow golfe = find("golfe");
    CHECK(std::count(golfe.aliases.begin(), golfe.aliases.end(), "Lomé") == 1);
    places::PlaceRow kozah = find("kozah");
    CHECK(std::count(kozah.aliases.begin(), kozah.aliases.end(), "Kara") == 0);  // Kozah 1 bears it
    // Round trip, separators inside names made harmless, bad lines skipped.
    std::vector<places::PlaceRow> odd{{"a", "commune", "A\tB", "p", {"x\ny", "z"}, {"z"}}};
    std::string encoded = places::encode(odd);
    auto back = places::decode(encoded + "junk\nb\tville\tB\t\n");
    REQUIRE(back.size() == 1);
    CHECK(back[0].name == "A B");
    CHECK(back[0].aliases == std::vector<std::string>{"x y", "z"});
    CHECK(back[0].former == std::vector<std::string>{"z"});
}

TEST_CASE("partners: a partner's name stands for its partnerships", "[names][partners]") {
    const Names& names = bundled_names();
    CHECK(read_name("Bressuire") ==
          std::pair<size_t, std::vector<std::string>>{1, {"partnership=part-kloto-1-bressuire"}});
    CHECK(read_name("Issy-les-Moulineaux").first == 3);
    CHECK(read_name("Mamoudzou").second ==
          std::vector<std::string>{"partnership=part-agoe-nyive-2-mamoudzou", "partnership=part-kloto-1-mamoudzou"});
    CHECK(read_name("Koumbel").second == std::vector<std::string>{"partnership=part-demo-dankpen-1-koumbel"});
    CHECK(names.label("partnership", "part-kloto-1-bressuire") == "Bressuire (France)");
    CHECK(values_of(names.resolve("partnership", "Bressuire")) == std::vector<std::string>{"part-kloto-1-bressuire"});
    CHECK(values_of(names.resolve("partnership", "niort")) == std::vector<std::string>{"part-ogou-1-niort"});
    CHECK(values_of(names.resolve("partnership", "Bressuire (France)")) ==
          std::vector<std::string>{"part-kloto-1-bressuire"});
    CHECK(values_of(names.resolve("country", "maroc")) == std::vector<std::string>{"MA"});
    CHECK(values_of(names.resolve("country", "fr")) == std::vector<std::string>{"FR"});
    CHECK(values_of(names.resolve("country", "allemandes")) == std::vector<std::string>{"DE"});
    CHECK(names.resolve("country", "Suisse").empty());  // no Swiss partner in the index
}

TEST_CASE("partners: every record is read, however many there are", "[names][partners]") {
    namespace sc = schema;
    // More records than Names::build() reads at once: the later windows too.
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const sc::Facet& type = *sc::find_facet("type");
    constexpr int kRecords = 9000;
    for (int i = 0; i < kRecords; ++i) {
        const std::string id = "part-essai-" + std::to_string(i);
        Xapian::Document d;
        d.add_boolean_term(sc::kind_term(sc::kKindDoc));
        d.add_boolean_term(sc::facet_term(type, sc::kTypePartnership));
        d.add_boolean_term(sc::facet_term(*sc::find_facet("partnership"), id));
        d.add_value(sc::kSlotDoc, id);
        d.set_data(sc::encode_data({{sc::kFieldDoc, id},
                                    {sc::kFieldPartnerName, "Ville" + std::to_string(i)},
                                    {sc::kFieldPartnerCountry, "FR"}}));
        db.add_document(d);
    }
    auto names = Names::build(db, "");
    for (int i : {0, 4095, 4096, 8191, 8192, kRecords - 1}) {
        CAPTURE(i);
        CHECK(names->label("partnership", "part-essai-" + std::to_string(i)) ==
              "Ville" + std::to_string(i) + " (France)");
    }
}

TEST_CASE("the names table is read once per revision of the index", "[names]") {
    Index index = Index::open(test::bundled().db);
    CHECK(Names::load(index) == Names::load(index));
}

TEST_CASE("facet boxes take names: the page reads them and keeps the search", "[names][http][facets]") {
    const auto& server = test::bundled_server();
    // A town's name is its commune.
    CHECK(total_of("/api/search?commune=Kpalim%C3%A9") == total_of("/api/search?commune=Kloto%201"));
    CHECK(total_of("/api/search?commune=Kloto+1") > 0);
    CHECK(total_of("/api/search?country=France") == total_of("/api/search?country=FR"));
    CHECK(total_of("/api/search?country=maroc") == total_of("/api/search?country=MA"));
    CHECK(total_of("/api/search?partnership=Bressuire") == total_of("/api/search?partnership=part-kloto-1-bressuire"));
    auto json = test::parse_json(server.get("/api/search?commune=Kpalim%C3%A9").body);
    auto read = json->getArray("filters_read");
    REQUIRE(read->size() == 1);
    CHECK(read->getObject(0)->getValue<std::string>("typed") == "Kpalimé");
    CHECK(read->getObject(0)->getArray("values")->getObject(0)->getValue<std::string>("value") == "Kloto 1");

    auto page = server.get("/recherche?q=eau&commune=Kpalim%C3%A9");
    REQUIRE(page.status == 200);
    CHECK(test::contains(page.body, "Filtre lu comme : Commune « Kpalimé » : Kloto 1 (Kpalimé)"));
    auto plain = server.get("/recherche?q=eau&commune=Kloto+1");
    auto heading = [](const std::string& body) { return body.substr(body.find("id=\"res-title\""), 60); };
    CHECK(heading(page.body) == heading(plain.body));
    // The links go on from the value read: removing the filter removes it.
    CHECK(test::contains(page.body, "href=\"?q=eau&amp;commune=Kloto%201"));

    auto country = server.get("/recherche?country=France");
    CHECK(country.status == 200);
    CHECK(test::contains(country.body, "Pays du partenaire « France » : France"));
    auto partner = server.get("/recherche?partnership=Bressuire");
    CHECK(partner.status == 200);
    CHECK(test::contains(partner.body, "Partenariat « Bressuire » : Bressuire (France)"));
}

TEST_CASE("an unknown facet value keeps the search and offers the close values", "[names][http][facets]") {
    const auto& server = test::bundled_server();
    auto page = server.get("/recherche?q=eau&commune=Kpalme");
    REQUIRE(page.status == 200);
    CHECK(test::contains(page.body,
                         "Aucune commune « Kpalme » ; valeurs proches : <a href=\"?q=eau&amp;commune=Kloto%201\">Kloto "
                         "1 (Kpalimé)</a>"));
    CHECK(test::contains(page.body, "value=\"eau\""));  // the query box is still filled
    // The search ran without the value: the same total as without it.
    auto without = server.get("/recherche?q=eau");
    auto heading = [](const std::string& body) { return body.substr(body.find("id=\"res-title\""), 60); };
    CHECK(heading(page.body) == heading(without.body));
    auto empty_box = server.get("/recherche?q=eau&commune=");  // a box sent empty
    CHECK(empty_box.status == 200);
    CHECK_FALSE(test::contains(empty_box.body, "Aucune commune"));

    // The API and exports still refuse it, naming the close values.
    auto api = server.get("/api/search?commune=Kpalme");
    CHECK(api.status == 400);
    CHECK(test::contains(
        api.body,
        "aucun document n'a la valeur « Kpalme » pour le filtre « commune » ; valeurs proches : Kloto 1 (Kpalimé)"));
    CHECK(server.get("/recherche?commune=Kpalme&format=csv").status == 400);
    auto theme = server.get("/api/search?theme=tourism");
    CHECK(theme.status == 400);
    CHECK(test::contains(theme.body, "valeurs proches : tourisme"));
}

TEST_CASE("the facet boxes suggest labels, towns' names and countries' French names", "[names][http][facets]") {
    auto page = test::bundled_server().get("/recherche");
    REQUIRE(page.status == 200);
    const std::string& body = page.body;
    size_t list = body.find("<datalist id=\"l-commune\">");
    REQUIRE(list != std::string::npos);
    const std::string communes = body.substr(list, body.find("</datalist>", list) - list);
    // Some commune past the links is suggested with its town's name, once:
    // browsers suggest on any part of an option, so the label holds it.
    CHECK((test::contains(communes, "(Kpalimé)\">") || test::contains(communes, "(Sokodé)\">") ||
           test::contains(communes, "(Atakpamé)\">") || test::contains(communes, "(Dapaong)\">")));
    for (const char* town : {"Kpalimé", "Sokodé", "Atakpamé", "Dapaong"})
        CHECK_FALSE(test::contains(communes, "<option value=\"" + std::string(town) + "\">"));
    // Countries by their French names, links and suggestions alike.
    CHECK(test::contains(body, ">France <small>"));
    CHECK_FALSE(test::contains(body, ">FR <small>"));
    CHECK(page.body.size() < 60 * 1024);
}
