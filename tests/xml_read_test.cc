// @brief Tests of read_xml() and the DOM helpers (xml_read.h), of
// Diagnostic::str(), and of extract()'s dispatch and shared normalisations.
#include "indexer/xml_read.h"

#include <catch2/catch.hpp>
#include <string>

#include "indexer/extract.h"

using namespace coopdec;

TEST_CASE("Diagnostic::str reads like a compiler error", "[xml]") {
    CHECK(Diagnostic{"corpus/x.xml", 12, 5, "XML mal formé : texte"}.str() ==
          "corpus/x.xml:12:5: XML mal formé : texte");
    CHECK(Diagnostic{"corpus/x.xml", 0, 0, "lecture impossible"}.str() == "corpus/x.xml: lecture impossible");
    // libxml2 validity errors have a line but no column.
    CHECK(Diagnostic{"corpus/x.xml", 7, 0, "non conforme"}.str() == "corpus/x.xml:7: non conforme");
}

TEST_CASE("line_col counts lines and UTF-8 characters", "[xml]") {
    const std::string text = "ab\ncé\nx";  // 'é' is two bytes
    struct Row {
        std::ptrdiff_t offset;
        int line, column;
    };
    const Row rows[] = {
        {0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {4, 2, 2}, {6, 2, 3}, {7, 3, 1}, {8, 3, 2}, {1000, 3, 2},
    };
    for (const Row& r : rows) {
        INFO("offset " << r.offset);
        LineCol pos = line_col(text, r.offset);
        CHECK(pos.line == r.line);
        CHECK(pos.column == r.column);
    }
    CHECK(line_col(text, -1).line == 0);
}

TEST_CASE("read_xml parses a document and positions its nodes", "[xml]") {
    const std::string xml = "<?xml version=\"1.0\"?>\n<a>\n  <b x=\"1\">t</b>\n</a>";
    XmlRead read = read_xml(xml, "f.xml");
    REQUIRE(read.ok());
    pugi::xml_node b = child(read.root(), "b");
    REQUIRE(b);
    XmlSource src{xml, "f.xml"};
    CHECK(src.at(b, "ici").str() == "f.xml:3:3: ici");
    CHECK(src.at(pugi::xml_node(), "début").str() == "f.xml:1:1: début");
}

TEST_CASE("read_xml rejects malformed XML with its position", "[xml]") {
    struct Row {
        const char* xml;
        const char* message;
    };
    const Row rows[] = {
        {"<a>\n  <b>\n</a>", "x.xml:3:3: XML mal formé : balise fermante </a> sans balise ouvrante correspondante"},
        {"<a>\n<b x=1/></a>", "x.xml:2:6: XML mal formé : attribut incorrect"},
        {"", "x.xml:1:1: XML mal formé : aucun élément racine"},
        {"<a/>\n<b/>", "x.xml:2:1: XML mal formé : plusieurs éléments racine (le premier est <a>)"},
        {"<a>\n  <b x='1' x='2'/>\n</a>", "x.xml:2:3: XML mal formé : attribut « x » en double dans <b>"},
        {"<a><!-- open", "x.xml:1:12: XML mal formé : commentaire incorrect"},
    };
    for (const Row& r : rows) {
        INFO(r.xml);
        XmlRead read = read_xml(r.xml, "x.xml");
        REQUIRE_FALSE(read.ok());
        CHECK(read.error.str() == r.message);
    }
}

TEST_CASE("read_xml refuses entity declarations and never reads external entities", "[xml]") {
    const std::string laughs =
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE lolz [\n"
        " <!ENTITY lol \"lol\">\n"
        " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
        "]>\n"
        "<lolz>&lol2;</lolz>";
    XmlRead read = read_xml(laughs, "bomb.xml");
    REQUIRE_FALSE(read.ok());
    CHECK(read.error.str() ==
          "bomb.xml:2:1: DOCTYPE refusé : il déclare des entités, qui ne sont jamais développées "
          "(risque d'expansion ou de fichier externe)");

    const std::string xxe =
        "<!DOCTYPE convention [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
        "<convention xmlns=\"urn:x-coopdec:corpus:1\"><titre>&xxe;</titre></convention>";
    read = read_xml(xxe, "xxe.xml");
    REQUIRE_FALSE(read.ok());
    CHECK(read.error.str() ==
          "xxe.xml:1:1: DOCTYPE refusé : il déclare des entités, qui ne sont jamais développées "
          "(risque d'expansion ou de fichier externe)");

    // extract() goes through read_xml: same refusal, nothing of /etc/passwd.
    Extraction ex = extract(xxe, "xxe.xml");
    REQUIRE_FALSE(ex.ok);
    CHECK(ex.errors.at(0).message.starts_with("DOCTYPE refusé"));

    // A DOCTYPE without declarations is harmless; an undeclared entity stays literal.
    read = read_xml("<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a>x &nbsp; &amp; y</a>", "d.xml");
    REQUIRE(read.ok());
    CHECK(text_of(read.root()) == "x &nbsp; & y");
}

TEST_CASE("local_name and namespace_uri ignore or resolve prefixes", "[xml]") {
    const std::string xml =
        "<an:akomaNtoso xmlns:an=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">"
        "<an:act><meta xmlns=\"urn:d\"><cd:demonstration xmlns:cd=\"urn:x-coopdec:corpus:1\"/></meta></an:act>"
        "</an:akomaNtoso>";
    XmlRead read = read_xml(xml, "p.xml");
    REQUIRE(read.ok());
    pugi::xml_node root = read.root();
    CHECK(local_name(root) == "akomaNtoso");
    CHECK(namespace_uri(root) == "http://docs.oasis-open.org/legaldocml/ns/akn/3.0");
    pugi::xml_node act = child(root, "act");
    REQUIRE(act);
    CHECK(namespace_uri(act) == "http://docs.oasis-open.org/legaldocml/ns/akn/3.0");
    pugi::xml_node meta = child(act, "meta");
    CHECK(namespace_uri(meta) == "urn:d");
    pugi::xml_node demo = descendant(root, "demonstration");
    REQUIRE(demo);
    CHECK(namespace_uri(demo) == "urn:x-coopdec:corpus:1");
    CHECK(ancestor(demo, "act") == act);
    CHECK_FALSE(child(root, "meta"));

    XmlRead plain = read_xml("<a/>", "q.xml");
    CHECK(namespace_uri(plain.root()).empty());
}

TEST_CASE("text_of walks the whole subtree and separates block elements", "[xml]") {
    const std::string xml =
        "<article><num>Art. 1</num><heading>Objet\n  du   texte</heading>"
        "<p>La <b>Com</b>mune <i>est</i> <ref href=\"#x\">libre</ref>.</p><p>della<eol/>Camera</p>"
        "<note>à exclure</note><p> fin </p></article>";
    XmlRead read = read_xml(xml, "t.xml");
    REQUIRE(read.ok());
    CHECK(text_of(read.root()) == "Art. 1 Objet du texte La Commune est libre. della Camera à exclure fin");
    CHECK(text_of(read.root(), [](const pugi::xml_node& n) { return local_name(n) == "note"; }) ==
          "Art. 1 Objet du texte La Commune est libre. della Camera fin");
    CHECK(text_of(pugi::xml_node()).empty());
    CHECK(normalize_space("  a \t\n b  ") == "a b");
}

TEST_CASE("deeply nested documents do not exhaust the stack", "[xml]") {
    std::string xml;
    const int depth = 100000;
    for (int i = 0; i < depth; ++i) xml += "<d>";
    xml += "fond";
    for (int i = 0; i < depth; ++i) xml += "</d>";
    XmlRead read = read_xml(xml, "deep.xml");
    REQUIRE(read.ok());
    CHECK(text_of(read.root()) == "fond");
}

TEST_CASE("extract dispatches on the root element and its namespace", "[xml]") {
    struct Row {
        const char* xml;
        const char* message;
    };
    const Row rows[] = {
        {"<html/>",
         "u.xml:1:1: élément racine inconnu <html> (attendu : akomaNtoso, TEI, repertoire, partenariat, convention ou "
         "etude)"},
        {"<?xml version=\"1.0\"?>\n  <convention id=\"c\"/>",
         "u.xml:2:3: élément racine inconnu <convention> sans espace de noms (attendu « urn:x-coopdec:corpus:1 »)"},
        {"<TEI xmlns=\"urn:other\"/>",
         "u.xml:1:1: élément racine inconnu <TEI> dans l'espace de noms « urn:other » (attendu « "
         "http://www.tei-c.org/ns/1.0 »)"},
    };
    for (const Row& r : rows) {
        INFO(r.xml);
        Extraction ex = extract(r.xml, "u.xml");
        CHECK_FALSE(ex.ok);
        REQUIRE(ex.errors.size() == 1);
        CHECK(ex.errors[0].str() == r.message);
    }
}

TEST_CASE("shared normalisations: slug, ids, languages, dates", "[xml]") {
    CHECK(slug("/akn/tg/act/loi/2019-06-26/2019-006") == "akn-tg-act-loi-2019-06-26-2019-006");
    CHECK(slug("--A__b  C--") == "a-b-c");
    CHECK(id_from_name("../shared/conformance/tei/ESLO1_ENT_012.tei.xml") == "eslo1-ent-012-tei");
    CHECK(id_from_name("corpus\\lois\\Loi 2019.xml") == "loi-2019");

    struct Lang {
        const char* in;
        const char* out;
    };
    const Lang langs[] = {
        {"fra", "fr"},     {"fre", "fr"},    {"FR", "fr"},  {"fr-TG", "fr"}, {"eng", "en"}, {"ita", "it"},
        {"deu", "de"},     {"ger", "de"},    {"spa", "es"}, {"por", "pt"},   {"nld", "nl"}, {"dut", "nl"},
        {"fra eng", "fr"}, {" en,fr", "en"}, {"ewe", "ee"}, {"kbp", "kbp"},  {"", ""},
    };
    for (const Lang& l : langs) {
        INFO(l.in);
        CHECK(normalize_lang(l.in) == l.out);
    }

    struct Date {
        const char* in;
        const char* out;
    };
    const Date dates[] = {
        {"1998-07-16", "1998-07-16"}, {"1998-07-16T10:00:00Z", "1998-07-16"},
        {"1998-07", "1998-07"},       {"1998", "1998"},
        {" 2020 ", "2020"},           {"101129", ""},
        {"16/11/1953", ""},           {"", ""},
        {"1998-7-16", "1998"},
    };
    for (const Date& d : dates) {
        INFO(d.in);
        CHECK(normalize_date(d.in) == d.out);
    }
}
