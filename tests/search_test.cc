// @brief The search: facets, filters, passages, JSON, French matching end to end.
#include <catch2/catch.hpp>

#include "common/analysis.h"
#include "search/request.h"
#include "search/result_json.h"
#include "search/search.h"
#include "search/spelling.h"
#include "search/synonyms.h"
#include "tests/search_fixture.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace {

std::vector<std::string> ids(const SearchResult& r) {
    std::vector<std::string> out;
    for (const auto& d : r.results) out.push_back(d.id);
    std::sort(out.begin(), out.end());
    return out;
}

size_t facet_count(const SearchResult& r, const std::string& facet, const std::string& value) {
    for (const auto& f : r.facets)
        if (f.name == facet)
            for (const auto& v : f.values)
                if (v.value == value) return v.count;
    return 0;
}

}  // namespace

TEST_CASE("French queries find the documents as users type them", "[search][analysis]") {
    test::SearchFixture fx;
    struct Row {
        const char* query;
        const char* expected;  // a document id that must be among the results, or "" for none
    };
    const Row rows[] = {
        {"cooperation decentralisee", "conv-ogou-niort"},
        {"COOPÉRATION", "loi-2019-006"},
        {"collectivite", "conv-ogou-niort"},
        {"elu", "conv-ogou-niort"},
        {"etat", "conv-ogou-niort"},
        {"oeuvre", "conv-ogou-niort"},
        {"savoir-faire", "conv-ogou-niort"},
        {"savoir faire", "conv-ogou-niort"},
        {"2019-006", "conv-ogou-niort"},
        {"n° 2019-006", "conv-ogou-niort"},
        {"no 2019-006", "conv-ogou-niort"},
        {"article 46", "loi-2019-006"},
        {"art. 46", "loi-2019-006"},
        {"Atakpame", "conv-ogou-niort"},  // former town name of Ogou 1
        {"Tandjouare", "ent-tandjoare"},  // spelling variant of Tandjoaré
        {"Niort", "conv-ogou-niort"},     // partner of the linked partnership
        {"forage", "ent-tandjoare"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.query);
        auto found = ids(test::run(fx.db, row.query));
        CHECK(std::find(found.begin(), found.end(), row.expected) != found.end());
    }
    CHECK(test::run(fx.db, "2019-007").total == 0);
    CHECK(test::run(fx.db, "article 47").total == 0);
    CHECK(test::run(fx.db, "xylophone").total == 0);
}

TEST_CASE("stop words alone do not rank but still match", "[search]") {
    test::SearchFixture fx;
    // "le" and "de" are ignored next to a real word: same results as "forage".
    CHECK(ids(test::run(fx.db, "le forage de")) == ids(test::run(fx.db, "forage")));
}

TEST_CASE("totals and facet counts count documents, not units", "[search][facets]") {
    test::SearchFixture fx;
    // "forage" is in two utterances of one transcript, and in its document unit.
    auto r = test::run(fx.db, "forage");
    CHECK(r.total == 1);
    REQUIRE(r.results.size() == 1);
    CHECK(r.results[0].passages.size() == 2);
    CHECK(facet_count(r, "type", "entretien") == 1);
    // Role is a per-unit facet: counted once per document and role.
    CHECK(facet_count(r, "role", "maire") == 1);
    CHECK(facet_count(r, "role", "agent-technique") == 1);
}

TEST_CASE("an empty query lists every document and filters browse", "[search][facets]") {
    test::SearchFixture fx;
    auto all = test::run(fx.db, "");
    CHECK(all.total == 7);  // 3 partnerships, 2 agreements, 1 transcript, 1 law
    CHECK(facet_count(all, "type", "partenariat") == 3);
    CHECK(facet_count(all, "type", "convention") == 2);
    // Partnership facets are carried by linked documents.
    CHECK(facet_count(all, "commune", "Ogou 1") == 2);
    CHECK(facet_count(all, "region", "Plateaux") == 4);
    CHECK(facet_count(all, "country", "FR") == 4);
    CHECK(facet_count(all, "country", "BF") == 2);
    CHECK(facet_count(all, "theme", "eau et assainissement") == 2);

    auto conv = test::run(fx.db, "", {{"type", "convention"}});
    CHECK(ids(conv) == std::vector<std::string>{"conv-kloto-bressuire", "conv-ogou-niort"});
    // OR within a facet, AND across facets.
    auto two = test::run(fx.db, "", {{"type", "convention"}, {"type", "entretien"}});
    CHECK(two.total == 3);
    auto both = test::run(fx.db, "", {{"type", "convention"}, {"type", "entretien"}, {"country", "FR"}});
    CHECK(ids(both) == std::vector<std::string>{"conv-kloto-bressuire", "conv-ogou-niort"});
    // Facet values are matched without accents or case.
    CHECK(test::run(fx.db, "", {{"commune", "ogou 1"}}).total == 2);
    // A per-unit facet: utterances of a role.
    auto maire = test::run(fx.db, "", {{"role", "maire"}});
    CHECK(ids(maire) == std::vector<std::string>{"ent-tandjoare"});
}

TEST_CASE("year ranges and sorting by date", "[search]") {
    test::SearchFixture fx;
    auto r = test::run(fx.db, "", {{"year_from", "2000"}, {"year_to", "2019"}});
    CHECK(ids(r) == std::vector<std::string>{"conv-kloto-bressuire", "loi-2019-006", "part-tandjoare-demo"});
    auto sorted = test::run(fx.db, "", {{"type", "convention"}, {"sort", "date-asc"}});
    REQUIRE(sorted.results.size() == 2);
    CHECK(sorted.results[0].id == "conv-ogou-niort");
    auto exact = test::run(fx.db, "", {{"year", "1991"}});
    CHECK(ids(exact) == std::vector<std::string>{"part-kloto-bressuire"});
}

TEST_CASE("query language: phrases, OR, exclusion, prefix, field:value", "[search][query]") {
    test::SearchFixture fx;
    CHECK(test::run(fx.db, "\"comité de suivi\"").total == 1);
    CHECK(test::run(fx.db, "\"suivi de comité\"").total == 0);
    CHECK(ids(test::run(fx.db, "forage OR tourisme")) ==
          std::vector<std::string>{"conv-kloto-bressuire", "ent-tandjoare", "part-kloto-bressuire"});
    // Exclusion removes documents: conv-kloto-bressuire has "comité" in a
    // clause that does not say "tourisme", but the document does.
    CHECK(ids(test::run(fx.db, "comite -tourisme")) == std::vector<std::string>{"conv-ogou-niort"});
    CHECK(test::run(fx.db, "-tourisme").total == 5);
    CHECK(ids(test::run(fx.db, "touris*")) == std::vector<std::string>{"conv-kloto-bressuire", "part-kloto-bressuire"});
    CHECK(ids(test::run(fx.db, "type:convention eau")) == std::vector<std::string>{"conv-ogou-niort"});
    CHECK(test::run(fx.db, "commune:\"Kloto 1\"").total == 2);
    CHECK(test::run(fx.db, "pays:BF").total == 2);
    // Hostile or broken syntax never throws.
    for (const char* q : {"\"unclosed phrase", "OR OR OR", "- -- ---", "***", "type:", ":", "((((", "a*b*c*"}) {
        CAPTURE(q);
        CHECK_NOTHROW(test::run(fx.db, q));
    }
}

TEST_CASE("passages link to their unit and highlight the source text", "[search][snippet]") {
    test::SearchFixture fx;
    auto r = test::run(fx.db, "decentralisee");
    const ResultDocument* conv = nullptr;
    for (const auto& d : r.results)
        if (d.id == "conv-ogou-niort") conv = &d;
    REQUIRE(conv != nullptr);
    REQUIRE_FALSE(conv->passages.empty());
    CHECK(conv->passages[0].anchor == "art_1");
    CHECK(conv->passages[0].url == "/doc/conv-ogou-niort#art_1");
    CHECK(conv->passages[0].snippet.find("<mark>décentralisée</mark>") != std::string::npos);
    CHECK(conv->demo);
    CHECK(conv->url == "/doc/conv-ogou-niort");
    REQUIRE(conv->partnerships.size() == 1);
    CHECK(conv->partnerships[0].url == "/partenariat/part-ogou-niort");
    CHECK(conv->communes == std::vector<std::string>{"Ogou 1"});
}

TEST_CASE("paging counts documents", "[search]") {
    test::SearchFixture fx;
    auto p1 = test::run(fx.db, "", {{"per_page", "3"}, {"page", "1"}});
    auto p3 = test::run(fx.db, "", {{"per_page", "3"}, {"page", "3"}});
    CHECK(p1.results.size() == 3);
    CHECK(p3.results.size() == 1);
    CHECK(p3.total == 7);
}

TEST_CASE("bad requests get a French message", "[search][request]") {
    test::SearchFixture fx;
    SearchRequest req;
    struct Bad {
        const char* name;
        const char* value;
        const char* message;
    };
    const Bad bad[] = {
        {"page", "-1", "numéro de page invalide : « -1 » (entier de 1 à 100000)"},
        {"page", "0", "numéro de page invalide : « 0 » (entier de 1 à 100000)"},
        {"per_page", "100000", "nombre de résultats par page invalide : « 100000 » (entier de 1 à 100)"},
        {"year_from", "deux mille", "année invalide pour year_from : « deux mille » (attendu : 4 chiffres)"},
        {"sort", "hasard", "tri inconnu « hasard » (pertinence, date ou date-asc)"},
    };
    for (const auto& b : bad) {
        CAPTURE(b.name, b.value);
        auto err = apply_parameter(req, b.name, b.value);
        REQUIRE(err.has_value());
        CHECK(err->message == b.message);
    }
    auto unknown = apply_parameter(req, "couleur", "bleu");
    REQUIRE(unknown.has_value());
    CHECK(unknown->message.rfind("paramètre inconnu « couleur »", 0) == 0);

    SearchRequest r2;
    r2.filters["commune"] = {"Atlantis"};
    auto v = validate(fx.db, r2);
    REQUIRE(v.has_value());
    CHECK(v->message == "aucun document n'a la valeur « Atlantis » pour le filtre « commune »");
    CHECK_THROWS_AS(search(fx.db, r2), SearchError);

    SearchRequest r3;
    r3.query = std::string(3000, 'a');
    CHECK(validate(fx.db, r3)->message == "requête trop longue (3000 octets, au plus 2000)");
    SearchRequest r4;
    r4.query = "caf\xC3";
    CHECK(validate(fx.db, r4)->message == "requête mal encodée : le texte doit être en UTF-8");
    SearchRequest r5;
    r5.year_from = 2020;
    r5.year_to = 2000;
    CHECK(validate(fx.db, r5)->message == "période invalide : l'année de début (2020) est après l'année de fin (2000)");
}

TEST_CASE("the JSON object has the documented shape and escapes everything", "[search][json]") {
    test::SearchFixture fx;
    auto r = test::run(fx.db, "forage");
    r.query = "<script>alert(1)</script> forage";
    std::string j = to_json(r);
    CHECK(j.find("<script>") == std::string::npos);
    CHECK(j.rfind("{\"query\":\"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e forage\",\"total\":", 0) == 0);
    for (const char* key : {"\"results\":[", "\"facets\":{", "\"passages\":[",
                            "\"anchor\":", "\"snippet\":", "\"demo\":true", "\"type\":[", "\"value\":", "\"count\":"})
        CHECK(j.find(key) != std::string::npos);
    CHECK(error_json("mauvais \"filtre\"", 400) == "{\"error\":\"mauvais \\\"filtre\\\"\",\"status\":400}");
}

TEST_CASE("each document is stemmed in its own language", "[search][analysis]") {
    test::SearchFixture fx;
    Record act;
    act.id = "uk-act";
    act.type = "loi";
    act.format = "akn";
    act.lang = "en";
    act.title = "Data Protection Act 1998";
    act.units = {test::unit("sec_1", "section", "Section 1", "Personal data shall be processed fairly and lawfully.")};
    fx.add(act);
    fx.db.set_metadata(std::string(schema::kLanguagesKey), "fr en");
    // English stems: "processing" meets "processed"; French ones would not.
    CHECK(analysis::stem("processing", "en") == analysis::stem("processed", "en"));
    CHECK(analysis::stem("processing", "fr") != analysis::stem("processed", "fr"));
    CHECK(ids(test::run(fx.db, "processing")) == std::vector<std::string>{"uk-act"});
    // A language with no stemmer is matched on folded words.
    Record ewe;
    ewe.id = "ewe-doc";
    ewe.type = "etude";
    ewe.lang = "ee";
    ewe.title = "Dukɔ";
    ewe.units = {test::unit("s1", "section", "1", "Dukɔmeviwo")};
    fx.add(ewe);
    CHECK(ids(test::run(fx.db, "dukomeviwo")) == std::vector<std::string>{"ewe-doc"});
}

TEST_CASE("a selected facet is counted as if unselected, and the others apply", "[search][facets]") {
    test::SearchFixture fx;
    auto r = test::run(fx.db, "", {{"type", "convention"}, {"country", "FR"}});
    CHECK(r.total == 2);
    // type counts ignore type=convention but apply country=FR.
    CHECK(facet_count(r, "type", "convention") == 2);
    CHECK(facet_count(r, "type", "partenariat") == 2);
    CHECK(facet_count(r, "type", "entretien") == 0);  // the transcript's partner is in BF
    // country counts ignore country=FR but apply type=convention.
    CHECK(facet_count(r, "country", "FR") == 2);
    CHECK(facet_count(r, "country", "BF") == 0);
    for (const auto& f : r.facets)
        if (f.name == "type")
            for (const auto& v : f.values) CHECK(v.selected == (v.value == "convention"));
    // The year facet ignores the year range, not the other filters.
    auto y = test::run(fx.db, "", {{"year_from", "2000"}});
    CHECK(facet_count(y, "year", "1986") == 1);
    CHECK(y.total == 4);
}

TEST_CASE("synonyms widen the search and say so", "[search][synonyms]") {
    test::SearchFixture fx;
    Synonyms syn = Synonyms::parse("# commentaire\nforage, puits\nCT, collectivité territoriale\nseul\n");
    REQUIRE(syn.groups().size() == 2);
    SearchRequest req;
    req.query = "CT";
    auto r = search(fx.db, req, &syn);
    CHECK(r.expansions == std::vector<std::string>{"collectivité territoriale"});
    CHECK(ids(r) == std::vector<std::string>{"conv-ogou-niort"});
    CHECK(search(fx.db, req).total == 0);  // without synonyms
    // A plural matches the group's term; the term typed is not listed.
    req.query = "collectivites territoriales";
    auto back = search(fx.db, req, &syn);
    CHECK(back.expansions == std::vector<std::string>{"CT"});
    req.query = "puits";
    CHECK(ids(search(fx.db, req, &syn)) == std::vector<std::string>{"ent-tandjoare"});
    // Inside quotes, no widening.
    req.query = "\"puits\"";
    CHECK(search(fx.db, req, &syn).total == 0);
}

TEST_CASE("the synonyms file is read again when it changes", "[search][synonyms]") {
    test::TempDir dir;
    std::string path = dir.write("syn.txt", "forage, puits\n");
    SynonymsFile file(path);
    CHECK(file.current()->groups().size() == 1);
    dir.write("syn.txt", "forage, puits\nCT, collectivité territoriale\n");
    CHECK(file.current()->groups().size() == 2);
    SynonymsFile missing(dir / "none.txt");
    CHECK(missing.current()->empty());
}

TEST_CASE("nothing found: a spelling suggestion and what each filter removal gives", "[search][spelling]") {
    test::SearchFixture fx;
    auto r = test::run(fx.db, "forrage", {{"corriger", "non"}});
    CHECK(r.total == 0);
    CHECK(r.suggestion == "forage");
    CHECK(test::run(fx.db, "forage").suggestion.empty());
    CHECK(test::run(fx.db, "xqzwv").suggestion.empty());
    auto f = test::run(fx.db, "forage", {{"type", "convention"}, {"country", "BF"}});
    CHECK(f.total == 0);
    REQUIRE(f.relaxations.size() == 2);
    for (const auto& x : f.relaxations) {
        if (x.facet == "type") CHECK(x.total == 1);     // forage in BF: the transcript
        if (x.facet == "country") CHECK(x.total == 0);  // forage in conventions: none
    }
    CHECK(edit_distance("cooperation", "coperation", 2) == 1);
    CHECK(edit_distance("jumelage", "jumleage", 2) == 1);
    CHECK(edit_distance("abc", "xyz", 1) == 2);
}

TEST_CASE("facet_values lists the most frequent values, always the selected ones, and says how many it left out",
          "[search][facets]") {
    test::SearchFixture fx;
    SearchResult all = test::run(fx.db, "", {{"facet_values", "0"}});
    const FacetResult* types = nullptr;
    for (const auto& f : all.facets)
        if (f.name == "type") types = &f;
    REQUIRE(types != nullptr);
    REQUIRE(types->values.size() >= 3);
    CHECK(types->omitted == 0);
    const FacetCount& rarest = types->values.back();
    REQUIRE(rarest.count < types->values.front().count);

    SearchResult one = test::run(fx.db, "", {{"facet_values", "1"}});
    for (const auto& f : one.facets) {
        if (f.name != "type") continue;
        REQUIRE(f.values.size() == 1);
        CHECK(f.values[0].value == types->values[0].value);
        CHECK(f.values[0].count == types->values[0].count);
        CHECK(f.omitted == types->values.size() - 1);
    }
    std::string j = to_json(one);
    CHECK(j.find("\"facets_omitted\":{") != std::string::npos);
    CHECK(j.find("\"type\":" + std::to_string(types->values.size() - 1)) != std::string::npos);

    // A selected value stays listed, after the most frequent one, with its count.
    SearchResult chosen = test::run(fx.db, "", {{"facet_values", "1"}, {"type", rarest.value}});
    for (const auto& f : chosen.facets) {
        if (f.name != "type") continue;
        REQUIRE(f.values.size() == 2);
        CHECK(f.values[1].value == rarest.value);
        CHECK(f.values[1].selected);
        CHECK(f.values[1].count == rarest.count);
        CHECK(f.omitted == types->values.size() - 2);
    }
    CHECK(test::run(fx.db, "").facets.size() == all.facets.size());  // the default lists up to 100

    SearchRequest req;
    for (const char* bad : {"-1", "beaucoup", "100001"}) {
        auto err = apply_parameter(req, "facet_values", bad);
        REQUIRE(err.has_value());
        CHECK(err->message ==
              std::string("nombre de valeurs par facette invalide : « ") + bad + " » (entier de 0, toutes, à 100000)");
    }
}

TEST_CASE("a document inherits the same from a partnership record's inherited fields as from the whole record",
          "[search][facets]") {
    test::SearchFixture fx;
    Record full = test::partnership("part-x", "ogou-1", "Niort", "FR", "1958", {"santé", "culture"});
    full.collectivities.push_back(Collectivity{"Préfecture de l'Ogou", "", "ogou", "", true});
    full.summary = "Un long résumé.";
    full.units.push_back(test::unit("p1", "paragraphe", "§ 1", std::string(20000, 'x')));
    full.sources.push_back(Source{"https://example.org", "une source"});
    Record slim = inherited_fields(full);
    CHECK(slim.units.empty());
    CHECK(slim.summary.empty());
    CHECK(slim.sources.empty());

    Record doc = test::agreement("conv-x", "Convention", "1990-01-01", "part-x", {});
    PartnershipMap with_full{{"part-x", full}}, with_slim{{"part-x", slim}};
    DocContext a = resolve_context(doc, fx.gazetteer, with_full);
    DocContext b = resolve_context(doc, fx.gazetteer, with_slim);
    CHECK(a.facets == b.facets);
    CHECK(a.extra_words == b.extra_words);
    CHECK(a.commune_names == b.commune_names);
    CHECK(a.partner == b.partner);
    CHECK(a.partnership_titles == b.partnership_titles);
    CHECK(a.facets["country"] == std::vector<std::string>{"FR"});
    CHECK_FALSE(a.facets["theme"].empty());
}
