// @brief The partnership record's annual state (amounts, actions, people)
// in the schema and the extractor, and the declaration form: fields →
// record XML valid against the schema, every field escaped, checks with
// French messages per field, XML → form, and the field-by-field diff.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <set>

#include "indexer/extract.h"
#include "indexer/schema_check.h"
#include "server/record_form.h"
#include "server/record_terms.h"
#include "tests/test_util.h"

using namespace coopdec;
using namespace coopdec::declaration;

namespace record_form_test {

const std::string kRecordWithState = R"(<?xml version="1.0" encoding="UTF-8"?>
<partenariat xmlns="urn:x-coopdec:corpus:1" id="part-test-etat" xml:lang="fr" demo="oui">
  <titre>Partenariat d’essai</titre>
  <avertissement>Fiche d’essai.</avertissement>
  <collectivites><collectivite commune="kloto-1">Kpalimé</collectivite></collectivites>
  <partenaire niveau="commune" pays="FR">Essai-sur-Loire</partenaire>
  <nature>jumelage</nature>
  <periode debut="2015" fin=""/>
  <statut>actif</statut>
  <financements>
    <montant annee="2023" source="commune">1500000</montant>
    <montant annee="2023" source="etat" origine="FACT">2000000</montant>
    <montant annee="2024" source="partenaire">750000</montant>
  </financements>
  <actions>
    <action debut="2019" fin="2021" theme="santé" statut="achevee">Construction du dispensaire de Kpimé</action>
    <action statut="en-cours">Formation des agents d’état civil</action>
  </actions>
  <responsables>
    <responsable cote="commune" fonction="Point focal" contact="+228 90 00 00 00">A. K.</responsable>
    <responsable cote="partenaire" fonction="Chargée de mission">B. M.</responsable>
  </responsables>
  <sources><source>Fiche d’essai</source></sources>
</partenariat>
)";

std::vector<std::string> messages(const std::vector<Diagnostic>& ds) {
    std::vector<std::string> out;
    for (const auto& d : ds) out.push_back(d.str());
    return out;
}

SchemaChecker& checker() {
    static SchemaChecker c(test::source_dir() + "/corpus/schema");
    return c;
}

// A complete form as a browser sends it, `value` in every free-text field.
http::Params filled_form(const std::string& value) {
    return {{"titre", value},
            {"avertissement", value},
            {"c_cle_0", "commune:kloto-1"},
            {"c_nom_0", value},
            {"partenaire", value},
            {"niveau", "commune"},
            {"pays", "FR"},
            {"nature", "jumelage"},
            {"debut", "2015"},
            {"fin", ""},
            {"statut", "actif"},
            {"theme", "santé"},
            {"theme", "culture"},
            {"divergences", value},
            {"description", value + "\n\n" + value},
            {"m_annee_0", "2023"},
            {"m_source_0", "autre"},
            {"m_origine_0", value},
            {"m_montant_0", "1 500 000"},
            {"a_titre_0", value},
            {"a_debut_0", "2019"},
            {"a_fin_0", "2021"},
            {"a_theme_0", "santé"},
            {"a_statut_0", "achevee"},
            {"r_nom_0", value},
            {"r_fonction_0", value},
            {"r_cote_0", "commune"},
            {"r_contact_0", value},
            {"s_texte_0", value},
            {"s_url_0", "https://example.org/a?b=1&c=2"},
            // Empty rows, as the form shows them, with their selects set.
            {"m_annee_1", ""},
            {"m_source_1", "commune"},
            {"a_titre_1", ""},
            {"a_statut_1", "inconnu"}};
}

Choices kloto() { return Choices{{"commune:kloto-1"}}; }

}  // namespace record_form_test

using namespace record_form_test;

TEST_CASE("The schema accepts the annual state of a record and every bundled record still validates",
          "[record_form][schema]") {
    CHECK(messages(checker().check(kRecordWithState, "etat.xml", "partenariat")).empty());
    // A value outside the schema is refused: an amount with a decimal comma,
    // an unknown source, an action without status, a person without side.
    for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{{">1500000<", ">1500000,50<"},
                                                                            {"source=\"commune\"", "source=\"mairie\""},
                                                                            {" statut=\"en-cours\"", ""},
                                                                            {"cote=\"partenaire\" ", ""}}) {
        std::string bad = kRecordWithState;
        bad.replace(bad.find(from), from.size(), to);
        REQUIRE(bad != kRecordWithState);
        INFO(from);
        CHECK_FALSE(checker().check(bad, "etat.xml", "partenariat").empty());
    }
    size_t n = 0;
    for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() + "/corpus/partenariats")) {
        INFO(entry.path().string());
        CHECK(messages(checker().check(test::slurp(entry.path()), entry.path().string(), "partenariat")).empty());
        ++n;
    }
    CHECK(n >= 36);
}

TEST_CASE("The extractor reads amounts, actions and people of a record", "[record_form][extract]") {
    Extraction e = extract(kRecordWithState, "etat.xml");
    REQUIRE(e.ok);
    const Record& r = e.record;
    REQUIRE(r.amounts.size() == 3);
    CHECK(r.amounts[1].year == "2023");
    CHECK(r.amounts[1].source == "etat");
    CHECK(r.amounts[1].origin == "FACT");
    CHECK(r.amounts[1].fcfa == "2000000");
    REQUIRE(r.actions.size() == 2);
    CHECK(r.actions[0].title == "Construction du dispensaire de Kpimé");
    CHECK(r.actions[0].start == "2019");
    CHECK(r.actions[0].end == "2021");
    CHECK(r.actions[0].theme == "santé");
    CHECK(r.actions[0].status == "achevee");
    CHECK(r.actions[1].start.empty());
    REQUIRE(r.people.size() == 2);
    CHECK(r.people[0].name == "A. K.");
    CHECK(r.people[0].role == "Point focal");
    CHECK(r.people[0].side == "commune");
    CHECK(r.people[0].contact == "+228 90 00 00 00");
    CHECK(r.people[1].contact.empty());

    // What the schema lets through but a page cannot show is an error.
    Extraction bad =
        extract(std::regex_replace(kRecordWithState, std::regex(">750000<"), ">sept cent mille<"), "b.xml");
    CHECK_FALSE(bad.ok);
    REQUIRE(bad.errors.size() == 1);
    CHECK(bad.errors[0].message == "<montant> : « sept cent mille » n'est pas un montant en FCFA (chiffres seuls)");
    // A bundled record has none of them: no amount is ever invented.
    Extraction bundled = extract(test::slurp(test::source_dir() + "/corpus/partenariats/part-kloto-1-bressuire.xml"),
                                 "part-kloto-1-bressuire.xml");
    REQUIRE(bundled.ok);
    CHECK(bundled.record.amounts.empty());
    CHECK(bundled.record.actions.empty());
    CHECK(bundled.record.people.empty());
}

TEST_CASE("The form's vocabularies are the schema's", "[record_form]") {
    auto values_of = [](const std::string& rng, const std::string& define) {
        std::string text = test::slurp(test::source_dir() + "/corpus/schema/" + rng);
        size_t at = text.find(define);
        REQUIRE(at != std::string::npos);
        size_t end = text.find("</choice>", at);
        std::set<std::string> out;
        std::regex value("<value>([^<]*)</value>");
        std::string part = text.substr(at, end - at);
        for (std::sregex_iterator it(part.begin(), part.end(), value), e; it != e; ++it) out.insert((*it)[1].str());
        return out;
    };
    auto values = [](std::span<const terms::Term> list) {
        std::set<std::string> out;
        for (const auto& t : list) out.insert(std::string(t.value));
        return out;
    };
    CHECK(values(terms::themes()) == values_of("common.rng", "name=\"theme.value\""));
    CHECK(values(terms::natures()) == values_of("partenariat.rng", "element name=\"nature\""));
    CHECK(values(terms::statuses()) == values_of("partenariat.rng", "element name=\"statut\""));
    CHECK(values(terms::partner_levels()) == values_of("partenariat.rng", "attribute name=\"niveau\""));
    CHECK(values(terms::amount_sources()) == values_of("partenariat.rng", "attribute name=\"source\""));
    CHECK(values(terms::action_statuses()) == values_of("partenariat.rng", "attribute name=\"statut\""));
    CHECK(values(terms::sides()) == values_of("partenariat.rng", "attribute name=\"cote\""));
}

TEST_CASE("Form fields become a valid record with HTML and formula characters escaped in every field",
          "[record_form]") {
    for (const std::string& hostile :
         {std::string("<script>alert('x')</script> & \"guillemets\""),
          std::string("=HYPERLINK(\"http://x\";\"clic\") +1 -2 @3"), std::string("]]> <!-- --> &amp; &#60; l’État")}) {
        INFO(hostile);
        RecordForm f = form_from_params(filled_form(hostile));
        REQUIRE(check_form(f, kloto()).empty());
        CHECK(f.amounts.size() == 1);  // the empty rows are dropped
        CHECK(f.actions.size() == 1);
        f.doc_id = new_record_id(f);
        const std::string xml = record_xml(f);
        CHECK(xml.find("<script") == std::string::npos);
        CHECK(xml.find("<!--") == std::string::npos);
        CHECK(messages(checker().check(xml, "form.xml", "partenariat")).empty());
        Extraction e = extract(xml, "form.xml");
        REQUIRE(e.ok);
        const Record& r = e.record;
        CHECK(r.title == hostile);
        CHECK(r.demo_notice == hostile);
        CHECK(r.collectivities.at(0).name == hostile);
        CHECK(r.collectivities.at(0).commune == "kloto-1");
        CHECK(r.partner == hostile);
        CHECK(r.divergences == std::vector<std::string>{hostile});
        CHECK(r.summary == hostile + " " + hostile);
        CHECK(r.amounts.at(0).origin == hostile);
        CHECK(r.amounts.at(0).fcfa == "1500000");
        CHECK(r.actions.at(0).title == hostile);
        CHECK(r.people.at(0).name == hostile);
        CHECK(r.people.at(0).role == hostile);
        CHECK(r.people.at(0).contact == hostile);
        CHECK(r.sources.at(0).text == hostile);
        CHECK(r.sources.at(0).href == "https://example.org/a?b=1&c=2");
        CHECK(r.themes == std::vector<std::string>{"santé", "culture"});
        // And back into the form: nothing differs.
        RecordForm back;
        std::string error;
        REQUIRE(form_from_xml(xml, back, error));
        CHECK(diff_forms(f, back).empty());
        CHECK(record_xml(back) == xml);
    }
}

TEST_CASE("The form's checks give a French message next to each field at fault", "[record_form]") {
    struct Row {
        std::string field, value, error_field, message;
    };
    const Row rows[] = {
        {"titre", " ", "titre", "donnez un titre à la fiche, ex. « Jumelage Kloto 1 (Kpalimé) – Bressuire »"},
        {"c_cle_0", "commune:ogou-1", "c_cle_0", "vous ne pouvez pas déclarer de partenariat pour cette collectivité"},
        {"pays", "XX", "pays", "choisissez le pays du partenaire"},
        {"nature", "mariage", "nature", "choisissez la nature du partenariat dans la liste"},
        {"debut", "91", "debut", "« 91 » n'est pas une année (quatre chiffres entre 1900 et 2099, ex. 2023)"},
        {"fin", "2001", "fin", "l'année de fin précède l'année de début"},
        {"theme", "football", "theme", "thème « football » hors de la liste"},
        {"m_montant_0", "1,5 million", "m_montant_0",
         "« 1,5 million » n'est pas un montant en FCFA (chiffres, ex. 1 500 000)"},
        {"m_origine_0", "", "m_origine_0", "nommez cette autre source"},
        {"m_annee_0", "", "m_annee_0", "indiquez l'année (quatre chiffres, ex. 2023)"},
        {"a_statut_0", "", "a_statut_0", "choisissez l'état de l'action dans la liste"},
        {"r_cote_0", "les deux", "r_cote_0", "choisissez le côté (commune ou partenaire) dans la liste"},
        {"r_fonction_0", "", "r_fonction_0", "indiquez sa fonction, ex. « Point focal »"},
        {"s_url_0", "javascript:alert(1)", "s_url_0", "adresse web invalide (elle commence par https:// ou http://)"},
    };
    for (const Row& row : rows) {
        INFO(row.field << " = " << row.value);
        http::Params params = filled_form("Valeur");
        bool replaced = false;
        for (auto& [name, value] : params)
            if (name == row.field && !replaced) {
                value = row.value;
                replaced = true;
            }
        if (!replaced) params.emplace_back(row.field, row.value);
        FieldErrors errors = check_form(form_from_params(params), kloto());
        REQUIRE(errors.size() == 1);
        CHECK(errors.begin()->first == row.error_field);
        CHECK(errors.begin()->second == row.message);
    }
    FieldErrors empty = check_form(form_from_params({}), kloto());
    CHECK(empty.count("titre"));
    CHECK(empty.at("c_cle_0") == "choisissez au moins une collectivité togolaise");
    CHECK(empty.at("s_texte_0") == "citez au moins une source (document, page web, délibération…)");
}

TEST_CASE("Amounts in FCFA are read as people type them", "[record_form]") {
    CHECK(fcfa_digits("1500000") == "1500000");
    CHECK(fcfa_digits(" 1 500 000 ") == "1500000");
    CHECK(fcfa_digits("1.500.000") == "1500000");
    CHECK(fcfa_digits("1\u00a0500\u00a0000 FCFA") == "1500000");
    CHECK(fcfa_digits("1\u202f500") == "1500");
    CHECK(fcfa_digits("0") == "0");
    for (const char* bad : {"", "abc", "1,5", "-100", "12e6", "1234567890123456", "1 500 €"}) {
        INFO(bad);
        CHECK(fcfa_digits(bad).empty());
    }
}

TEST_CASE("A new record is named by its commune and its partner", "[record_form]") {
    RecordForm f;
    f.places = {{"commune:kloto-1", "Kpalimé"}};
    f.partner = "Saint-Étienne-du-Rouvray";
    CHECK(new_record_id(f) == "part-kloto-1-saint-etienne-du-rouvray");
    f.places = {{"prefecture:anie", "Anié"}};
    f.partner = "<Coulon>";
    CHECK(new_record_id(f) == "part-sans-commune-coulon");
}

TEST_CASE("Two versions of a record are compared field by field", "[record_form][diff]") {
    const std::string published = test::slurp(test::source_dir() + "/corpus/partenariats/part-kloto-1-bressuire.xml");
    RecordForm before, after;
    std::string error;
    REQUIRE(form_from_xml(published, before, error));
    // Read back unchanged: no difference, and the same file as published
    // (but for layout).
    REQUIRE(form_from_xml(record_xml(before), after, error));
    CHECK(diff_forms(before, after).empty());

    after.title = "Jumelage Kpalimé – Bressuire";
    after.status = "actif";
    after.amounts.push_back({"2024", "partenaire", "", "2 000 000"});
    std::vector<FieldChange> changes = diff_forms(before, after);
    REQUIRE(changes.size() == 3);
    CHECK(changes[0].label == "Titre");
    CHECK(changes[0].before == std::vector<std::string>{"Jumelage Kloto 1 (Kpalimé) – Bressuire"});
    CHECK(changes[0].after == std::vector<std::string>{"Jumelage Kpalimé – Bressuire"});
    CHECK(changes[1].label == "Statut");
    CHECK(changes[1].before == std::vector<std::string>{"inconnu"});
    CHECK(changes[1].after == std::vector<std::string>{"actif"});
    CHECK(changes[2].label == "Montants mobilisés");
    CHECK(changes[2].before.empty());
    CHECK(changes[2].after == std::vector<std::string>{"2024 · Partenaire · 2000000 FCFA"});

    // A new record: every field it fills, against an empty one.
    CHECK(diff_forms(RecordForm{}, before).size() == 11);
    CHECK_FALSE(form_from_xml("<convention xmlns=\"urn:x-coopdec:corpus:1\"/>", after, error));
    CHECK(error == "ce document n'est pas une fiche de partenariat");
}
