// @brief Real files from other projects (shared/conformance, see its
// README.md): each must be taken, or refused with a positioned message.
// The files are read in place, never copied into the repository.
#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "indexer/extract.h"
#include "indexer/xml_read.h"

using namespace coopdec;

namespace {

const std::string kDir = COOPDEC_SOURCE_DIR "/../shared/conformance/";

std::string read(const std::string& relative) {
    std::ifstream in(kDir + relative, std::ios::binary);
    REQUIRE(in);  // CI places shared/ next to the repository clone
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Extraction take(const std::string& relative) {
    std::string path = kDir + relative;
    Extraction ex = extract(read(relative), path);
    for (const Diagnostic& d : ex.errors) UNSCOPED_INFO(d.str());
    return ex;
}

std::map<std::string, int> kinds(const Record& rec) {
    std::map<std::string, int> out;
    for (const Unit& u : rec.units) ++out[u.kind];
    return out;
}

const Unit* unit(const Record& rec, const std::string& anchor) {
    for (const Unit& u : rec.units)
        if (u.anchor == anchor) return &u;
    return nullptr;
}

}  // namespace

TEST_CASE("conformance: UK act, parts, sections, schedules, 2,271 refs", "[conformance]") {
    const std::string file = "akn/akn_uk_pga_1998_29_parts-sections-amendments.xml";
    Extraction ex = take(file);
    REQUIRE(ex.ok);
    const Record& rec = ex.record;
    CHECK(rec.akn_name == "act");
    CHECK(rec.id == "www-legislation-gov-uk-id-ukpga-1998-29");
    CHECK(rec.title == "Data Protection Act 1998");
    CHECK(rec.summary.starts_with("An Act to make new provision for the regulation of the processing"));
    CHECK(rec.lang == "en");
    CHECK(rec.date == "1998-07-16");
    // 97 sections in the file, 2 of them quoted in amendments: 95 units.
    // The schedules are paragraphs outside any section: 190 more, and the
    // two tables of schedule 16, and the enacting formula.
    std::map<std::string, int> expected{{"section", 95}, {"paragraph", 190}, {"tblock", 2}, {"preambule", 1}};
    CHECK(kinds(rec) == expected);
    const Unit* s1 = unit(rec, "section-1");
    REQUIRE(s1);
    CHECK(s1->label == "Section 1 – Basic interpretative provisions.");
    CHECK(s1->path == "Part I Preliminary > Section 1");
    CHECK(s1->text.starts_with(
        "1 Basic interpretative provisions. 1 In this Act, unless the context otherwise requires"));
    const Unit* sch = unit(rec, "schedule-1-part-I-paragraph-1");
    REQUIRE(sch);
    CHECK(sch->path == "SCHEDULES > SCHEDULE 1 The data protection principles > Part I The principles > Paragraph 1");

    // Every one of the 2,271 ref elements (2,269 in the commentary notes of
    // meta) is cited by the document: 863 distinct hrefs.
    std::string contents = read(file);
    XmlRead xml = read_xml(contents, file);
    REQUIRE(xml.ok());
    int refs = 0;
    std::set<std::string> hrefs;
    walk(
        xml.root(),
        [&](const pugi::xml_node& n) {
            if (n.type() == pugi::node_element && local_name(n) == "ref") {
                ++refs;
                hrefs.insert(n.attribute("href").value());
            }
            return true;
        },
        [](const pugi::xml_node&) {});
    CHECK(refs == 2271);
    CHECK(rec.cites.size() == 863);
    CHECK(std::set<std::string>(rec.cites.begin(), rec.cites.end()) == hrefs);
    // Units cite what their noteRefs point to: section 1 has 20 references.
    CHECK(s1->cites.size() == 20);
    std::size_t unit_cites = 0;
    for (const Unit& u : rec.units) unit_cites += u.cites.size();
    CHECK(unit_cites == 1656);
}

TEST_CASE("conformance: EU documentCollection, 24 articles in 9 chapters", "[conformance]") {
    Extraction ex = take("akn/akn_eu_COM-2013-0619_chapters-articles-refs.xml");
    REQUIRE(ex.ok);
    const Record& rec = ex.record;
    CHECK(rec.akn_name == "documentCollection");
    CHECK(rec.id == "akn-eu-documentcollection-comproposal-ec-2013-619");
    CHECK(rec.title ==
          "Proposal for a REGULATION OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL on new psychoactive substances");
    CHECK(rec.lang == "en");
    CHECK(rec.date == "2013-09-17");
    // The bill's 24 articles; the memorandum and the financial statement
    // (components without articles) give their top-level blocks: 4 + 3.
    std::map<std::string, int> expected{{"article", 24}, {"tblock", 7}, {"preambule", 1}};
    CHECK(kinds(rec) == expected);
    std::set<std::string> chapters;
    for (const Unit& u : rec.units)
        if (u.kind == "article") chapters.insert(u.path.substr(0, u.path.find(" > ")));
    CHECK(chapters.size() == 9);
    const Unit* a1 = unit(rec, "art_1");
    REQUIRE(a1);
    CHECK(a1->path == "CHAPTER I Subject matter - Scope - Definitions > Article 1");
    CHECK(a1->cites ==
          std::vector<std::string>{"/eu/act/regulation/EP-CNL/2004/273", "/eu/act/regulation/CNL/2005/111"});
    // Both nested docs have a "tblock_1": the second is qualified by its component.
    CHECK(unit(rec, "tblock_1"));
    CHECK(unit(rec, "cmp_3__tblock_1"));
    CHECK(rec.cites.size() == 87);
    CHECK(rec.themes.size() == 6);
}

TEST_CASE("conformance: Italian bill, an: prefix everywhere", "[conformance]") {
    Extraction ex = take("akn/akn_it_senato_ddl_2013_bill-mods.xml");
    REQUIRE(ex.ok);
    const Record& rec = ex.record;
    CHECK(rec.akn_name == "bill");
    CHECK(rec.id == "akn-it-bill-ddl-2013-03-29-356");
    CHECK(rec.lang == "it");
    CHECK(rec.date == "2013-03-29");
    CHECK(rec.title.starts_with("Modifiche al testo unico di cui al decreto del Presidente della Repubblica"));
    // 8 articles in the file, 2 of them quoted by mods: 6; the attached
    // report (a doc made of paragraphs only) is one "texte" unit.
    std::map<std::string, int> expected{{"article", 6}, {"texte", 1}};
    CHECK(kinds(rec) == expected);
    const Unit* a1 = unit(rec, "art_1");
    REQUIRE(a1);
    CHECK(a1->label == "Art. 1. – (Modifiche al sistema elettorale della Camera dei deputati)");
    CHECK(a1->text.find("«Art. 1. -- 1. La Camera dei deputati è eletta") != std::string::npos);
}

TEST_CASE("conformance: Togolese 1953 arrêté, metadata and a PDF", "[conformance]") {
    Extraction ex = take("akn/akn_tg_1953_arrete_802-53-AP_commune-mixte-bassari_metadata-only.xml");
    REQUIRE(ex.ok);
    const Record& rec = ex.record;
    CHECK(rec.id == "akn-tg-act-1953-12-01-arrete-no-802-53-ap");
    CHECK(rec.title.find("Bassari") != std::string::npos);
    CHECK(rec.lang == "fr");  // "fra" in FRBRlanguage, "fre" in gawati's metadata
    CHECK(rec.date == "1953-12-01");
    CHECK(rec.units.empty());
    CHECK(rec.pdf_pointer == "/akn/tg/act/1953-12-01/arrete_no_802-53-ap/fra@/!main.pdf");
    CHECK(rec.themes.size() == 8);
    CHECK(std::find(rec.themes.begin(), rec.themes.end(), "Budget communal") != rec.themes.end());
}

TEST_CASE("conformance: AKN edge cases", "[conformance]") {
    Extraction empty = take("akn/akn_edge_emptyHierarchy.xml");
    REQUIRE(empty.ok);
    CHECK(empty.record.akn_name == "portion");
    CHECK(empty.record.lang == "en");
    REQUIRE(empty.record.units.size() == 1);
    CHECK(empty.record.units[0].text == "simple test");

    // A repeated xml:id is a warning: the file is indexed, its cover page
    // (no unit) searchable through the document's loose text.
    const std::string file = "akn/akn_edge_invalid_sameXmlId.xml";
    Extraction dup = take(file);
    REQUIRE(dup.ok);
    CHECK(dup.errors.empty());
    REQUIRE(dup.warnings.size() == 1);
    CHECK(dup.warnings[0].str() ==
          kDir + file + ":100:21: avertissement : identifiant en double « BAD_XMLID » (déjà à la ligne 96)");
    CHECK(dup.record.units.empty());
    CHECK(dup.record.loose_text.find("ECOFIN 649 RELEX 597") != std::string::npos);
    CHECK(dup.record.loose_text.find("macro-financial assistance to the Kyrgyz Republic") != std::string::npos);
}

TEST_CASE("conformance: ESLO interview, speakers on annotationBlock", "[conformance]") {
    Extraction ex = take("tei/tei_fr_ESLO1_ENT_012_interview_teicorpo.xml");
    REQUIRE(ex.ok);
    const Record& rec = ex.record;
    CHECK(rec.type == "entretien");
    CHECK(rec.id == "tei-fr-eslo1-ent-012-interview-teicorpo");
    CHECK(rec.title == "Fichier TEI obtenu à partir du fichier Transcriber ESLO1_ENT_012_C.trs");
    CHECK(rec.lang.empty());  // the file does not say
    REQUIRE(rec.participants.size() == 2);
    CHECK(rec.participants[0].id == "spk1");
    CHECK(rec.participants[0].name == "LD386");
    // 599 u; 3 have no spoken word (two empty, one only a pronunciation incident).
    REQUIRE(rec.units.size() == 596);
    std::map<std::string, int> speakers;
    for (const Unit& u : rec.units) ++speakers[u.speaker];
    CHECK(speakers.size() == 2);
    CHECK(speakers.count("LD386") == 1);
    CHECK(speakers.count("PB") == 1);
    CHECK(rec.units[0].anchor == "au0");
    CHECK(rec.units[0].speaker == "LD386");
    CHECK(rec.units[0].text ==
          "et prendre de l' omelette avec la fourchette de façon à ce que la cuisson se fasse très très "
          "rapidement de façon à obtenir une omelette parfaitement baveuse");
    CHECK(rec.units[1].speaker == "PB");
}

TEST_CASE("conformance: multi-speaker transcript with invalid header nesting", "[conformance]") {
    Extraction ex = take("tei/tei_fr_DOC_FR_2020_CHOIX_5_multispeaker_teicorpo.xml");
    REQUIRE(ex.ok);
    const Record& rec = ex.record;
    CHECK(rec.title == "Fichier TEI obtenu à partir du fichier Transcriber DOC_FR_2020_CHOIX_5.trs");
    CHECK(rec.lang == "fr");
    CHECK(rec.participants.size() == 5);
    REQUIRE(rec.units.size() == 32);  // 33 u, one empty
    std::set<std::string> speakers;
    for (const Unit& u : rec.units) speakers.insert(u.speaker);
    CHECK(speakers == std::set<std::string>{"Mélanie", "Eloise", "Rou"});
    CHECK(rec.units[0].speaker == "Mélanie");
    CHECK(rec.units[1].speaker == "Eloise");
}
