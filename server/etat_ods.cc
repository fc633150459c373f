// @brief The report's spreadsheet: content.xml, one table per sheet.
#include "server/etat_ods.h"

#include <cstdio>
#include <functional>

#include "common/escape.h"
#include "server/etat_page.h"
#include "server/http.h"
#include "server/odf_package.h"

namespace coopdec::pages {
namespace {

const char* const kNamespaces =
    " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
    " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
    " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
    " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""
    " xmlns:xlink=\"http://www.w3.org/1999/xlink\""
    " office:version=\"1.2\"";

// A sheet's name for each table of the report (Calc: at most 31
// characters, none of []*?:/\).
struct SheetName {
    const char* table;
    const char* sheet;
};
constexpr SheetName kSheets[] = {
    {"status", "Statut"},           // actif, arrete, inconnu
    {"region", "Régions"},          // the five régions
    {"prefecture", "Préfectures"},  // the 39 préfectures
    {"commune", "Communes"},        // communes engaged
    {"country", "Pays"},            // partner countries
    {"continent", "Continents"},    // UN M49 regions
    {"south", "Sud–Sud"},           // sud, nord
    {"theme", "Thèmes"},            // themes
};

std::string sheet_name(const std::string& table) {
    for (const auto& s : kSheets)
        if (table == s.table) return s.sheet;
    return table;
}

// One spreadsheet's rows, cell by cell.
class Sheet {
public:
    explicit Sheet(const std::string& name, size_t columns) {
        xml_ = "<table:table table:name=\"" + xml_escape(name) + "\">";
        for (size_t i = 0; i < columns; ++i)
            xml_ += std::string("<table:table-column table:style-name=\"") + (i ? "co2" : "co1") + "\"/>";
    }
    Sheet& row() {
        close_row();
        xml_ += "<table:table-row>";
        open_ = true;
        return *this;
    }
    Sheet& heading(const std::string& text) {
        xml_ += "<table:table-cell table:style-name=\"head\" office:value-type=\"string\"><text:p>" + xml_escape(text) +
                "</text:p></table:table-cell>";
        return *this;
    }
    Sheet& text(const std::string& text) {
        xml_ += "<table:table-cell office:value-type=\"string\"><text:p>" + xml_escape(text) +
                "</text:p></table:table-cell>";
        return *this;
    }
    // `shown` is what the cell displays; `value` what Calc computes with.
    Sheet& number(const std::string& value, const std::string& shown) {
        xml_ += "<table:table-cell office:value-type=\"float\" office:value=\"" + xml_escape(value) + "\"><text:p>" +
                xml_escape(shown) + "</text:p></table:table-cell>";
        return *this;
    }
    Sheet& number(unsigned long long n) { return number(std::to_string(n), std::to_string(n)); }
    Sheet& link(const std::string& url) {
        if (url.empty()) return empty();
        xml_ += "<table:table-cell office:value-type=\"string\"><text:p><text:a xlink:type=\"simple\" xlink:href=\"" +
                xml_escape(url) + "\">" + xml_escape(url) + "</text:a></text:p></table:table-cell>";
        return *this;
    }
    Sheet& empty() {
        xml_ += "<table:table-cell/>";
        return *this;
    }
    std::string done() {
        close_row();
        return xml_ + "</table:table>";
    }

private:
    void close_row() {
        if (open_) xml_ += "</table:table-row>";
        open_ = false;
    }
    std::string xml_;
    bool open_ = false;
};

std::string summary(const Etat& e, const std::function<std::string(const EtatFigure&)>& url) {
    Sheet s("Résumé", 3);
    s.row().heading("Indicateur").heading("Valeur").heading("Recherche");
    s.row().text("Période").text(std::to_string(e.from) + "–" + std::to_string(e.to)).empty();
    s.row().text("Première année").number(static_cast<unsigned long long>(e.from)).empty();
    s.row().text("Dernière année").number(static_cast<unsigned long long>(e.to)).empty();
    s.row().text("Communes engagées").number(e.communes).empty();
    s.row().text("Partenariats signés dans la période").number(e.partnerships.count).link(url(e.partnerships));
    s.row().text("Conventions datées de la période").number(e.agreements.count).link(url(e.agreements));
    s.row().text("Partenariats avec un pays du Sud").number(e.south.count).link(url(e.south));
    s.row().text("Partenariats dont le pays est connu").number(e.known_country.count).link(url(e.known_country));
    s.row().text("Part Sud–Sud (%)");
    if (e.known_country.count) {
        char share[32];
        std::snprintf(share, sizeof share, "%.1f",
                      static_cast<double>(e.south.count) * 100.0 / static_cast<double>(e.known_country.count));
        s.number(share, share);
    } else {
        s.empty();
    }
    s.empty();
    unsigned long long total = 0;
    for (const auto& a : e.amounts) total += a.fcfa;
    s.row().text("Montants mobilisés (FCFA)").number(total).empty();
    s.row().text("Fiches donnant un montant").number(e.with_amount.count).link(url(e.with_amount));
    s.row().text("Partenariats de l'index (toutes années)").number(e.all_records.count).link(url(e.all_records));
    for (const auto& st : e.all_status)
        s.row().text("Partenariats de l'index : " + etat_row_label("status", st.value)).number(st.count).link(url(st));
    return s.done();
}

std::string content_xml(const Etat& e, const std::string& public_url) {
    auto url = [&](const EtatFigure& f) {
        return f.search.empty() ? std::string() : public_url + "/recherche?" + http::encode_params(f.search);
    };
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content";
    out += kNamespaces;
    // Styles: the first column wide, the others narrower, headings bold.
    out +=
        "><office:automatic-styles>"
        "<style:style style:name=\"co1\" style:family=\"table-column\"><style:table-column-properties "
        "style:column-width=\"7cm\"/></style:style>"
        "<style:style style:name=\"co2\" style:family=\"table-column\"><style:table-column-properties "
        "style:column-width=\"3.5cm\"/></style:style>"
        "<style:style style:name=\"head\" style:family=\"table-cell\"><style:text-properties "
        "fo:font-weight=\"bold\"/></style:style>"
        "</office:automatic-styles><office:body><office:spreadsheet>";
    out += summary(e, url);
    for (const auto& t : e.tables) {
        Sheet s(sheet_name(t.name), 4);
        s.row().heading("Valeur").heading("Libellé").heading("Partenariats").heading("Recherche");
        for (const auto& r : t.rows)
            s.row().text(r.value).text(etat_row_label(t.name, r.value)).number(r.count).link(url(r));
        out += s.done();
    }
    Sheet m("Montants", 5);
    m.row().heading("Année").heading("Source").heading("Montant (FCFA)").heading("Fiches").heading("Recherche");
    for (const auto& a : e.amounts)
        m.row()
            .number(static_cast<unsigned long long>(a.year))
            .text(a.source)
            .number(a.fcfa)
            .number(a.records.count)
            .link(url(a.records));
    out += m.done();
    return out + "</office:spreadsheet></office:body></office:document-content>\n";
}

}  // namespace

std::string etat_ods(const Etat& e, const std::string& public_url) {
    return odf_package(kOdsMediaType, {{"content.xml", content_xml(e, public_url)}});
}

}  // namespace coopdec::pages
