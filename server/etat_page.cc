// @brief /etat and /etat.csv: the report's page, its CSV, and their handlers.
#include "server/etat_page.h"

#include <chrono>

#include "common/escape.h"
#include "search/countries.h"
#include "server/etat_compare_page.h"
#include "server/etat_maps.h"
#include "server/etat_ods.h"
#include "server/etat_pdf.h"
#include "server/handlers.h"
#include "server/page_parts.h"
#include "server/pages.h"
#include "server/pdf_response.h"

namespace coopdec::pages {
namespace {

struct EtatTableText {
    const char* name;
    const char* heading;
    const char* column;
};

constexpr EtatTableText kTableTexts[] = {
    {"status", "Statut des partenariats", "Statut"}, {"region", "Par région du Togo", "Région"},
    {"prefecture", "Par préfecture", "Préfecture"},  {"commune", "Communes engagées", "Commune"},
    {"country", "Par pays du partenaire", "Pays"},   {"continent", "Par continent du partenaire", "Continent (M49)"},
    {"south", "Coopération Sud–Sud", "Partenaire"},  {"theme", "Par thème", "Thème"},
};

const EtatTableText& table_texts(const std::string& name) {
    for (const auto& t : kTableTexts)
        if (name == t.name) return t;
    return kTableTexts[0];
}

std::string row_label(const std::string& table, const std::string& value) {
    if (table == "continent") return value;
    if (table == "south") return value == "sud" ? "Pays du Sud" : "Pays du Nord";
    if (table == "status")
        return value == "actif"     ? "Actifs"
               : value == "arrete"  ? "Arrêtés"
               : value == "inconnu" ? "Statut inconnu"
                                    : value;
    return value_label(table, value);
}

std::string figure_link(const EtatFigure& f, const std::string& text) {
    if (f.search.empty()) return html_escape(text);
    return "<a href=\"" + html_escape("/recherche?" + http::encode_params(f.search)) + "\">" + html_escape(text) +
           "</a>";
}

std::string count_link(const EtatFigure& f) { return figure_link(f, std::to_string(f.count)); }

std::string period_words(const Etat& e) {
    return e.from == e.to ? "l'année " + std::to_string(e.from)
                          : "la période " + std::to_string(e.from) + "–" + std::to_string(e.to);
}

std::string period_form(const std::string& de, const std::string& a, const std::string& de2 = "",
                        const std::string& a2 = "") {
    return "<form method=\"get\" action=\"/etat\" class=\"etat-form\"><label>De <input name=\"de\" "
           "inputmode=\"numeric\" size=\"4\" maxlength=\"4\" value=\"" +
           html_escape(de) +
           "\"></label> <label>à <input name=\"a\" inputmode=\"numeric\" size=\"4\" maxlength=\"4\" value=\"" +
           html_escape(a) + "\"></label> " + etat_second_period_fields(de2, a2) +
           " <button type=\"submit\">Afficher l'état</button></form>";
}

std::string french_amount(unsigned long long n) {
    std::string s = std::to_string(n), out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (i && (s.size() - i) % 3 == 0) out += "\u202f";
        out += s[i];
    }
    return out;
}

// Amounts of demonstration records are fictitious: the line says so.
std::string demo_mark(const EtatAmount& a) {
    if (a.demo == 0) return {};
    return a.demo == a.records.count
               ? " <span class=\"demo\">montant de démonstration</span>"
               : " <span class=\"demo\">dont " + std::to_string(a.demo) + " fiche(s) de démonstration</span>";
}

constexpr char kEtatTitle[] = "État de la coopération décentralisée";

}  // namespace

std::string etat_form_page(const std::string& de, const std::string& a, const std::string& error,
                           const std::string& de2, const std::string& a2) {
    std::string main = "<h1>" + std::string(kEtatTitle) + "</h1>";
    if (!error.empty()) main += "<p role=\"alert\" class=\"error\">" + html_escape(error) + "</p>";
    main += period_form(de, a, de2, a2);
    return layout(kEtatTitle, main, {}, PageStyle::atlas);
}

std::string etat_compare_form(const Etat& first, const Etat& second) {
    return period_form(std::to_string(first.from), std::to_string(first.to), std::to_string(second.from),
                       std::to_string(second.to));
}

std::string etat_row_label(const std::string& table, const std::string& value) { return row_label(table, value); }

std::string etat_period_words(const Etat& e) { return period_words(e); }

std::string etat_table_heading(const std::string& table) { return table_texts(table).heading; }

std::string etat_table_column(const std::string& table) { return table_texts(table).column; }

std::string etat_count_link(const EtatFigure& f) { return count_link(f); }

std::string etat_amount(unsigned long long fcfa) { return french_amount(fcfa); }

std::string etat_page(const Etat& e, const EtatMovement* movement) {
    std::string main = "<h1>" + std::string(kEtatTitle) + " — " + html_escape(period_words(e)) + "</h1>";
    main += period_form(std::to_string(e.from), std::to_string(e.to));
    const std::string period = "?de=" + std::to_string(e.from) + "&amp;a=" + std::to_string(e.to);
    main += "<p class=\"etat-exports\">Télécharger : <a href=\"/etat.pdf" + period +
            "\">PDF</a> · <a href=\"/etat.ods" + period + "\">Tableur (.ods)</a> · <a href=\"/etat.csv" + period +
            "\">CSV</a></p>";
    return layout(kEtatTitle, main + etat_report(e, movement), {}, PageStyle::atlas);
}

std::string etat_report(const Etat& e, const EtatMovement* movement) {
    std::string main =
        "<p>Calculé à partir des seules fiches de partenariat de l'index (loi n° 2019-006, art. 46). Sont comptés "
        "les partenariats <strong>signés dans la période</strong> (année de début). Chaque chiffre mène à la "
        "recherche qui le donne.</p>";
    if (e.partnerships.count == 0) {
        main += "<p role=\"status\">Aucun partenariat signé dans " + html_escape(period_words(e)) +
                " d'après les fiches de l'index.</p>";
    } else {
        main += "<p>Partenariats et accords signés : " + count_link(e.partnerships) +
                " ; communes engagées : <a href=\"#etat-commune\">" + std::to_string(e.communes) +
                "</a> (liste ci-dessous).</p>";
    }
    main += "<p>Conventions datées de " + html_escape(period_words(e)) + " dans l'index : " + count_link(e.agreements) +
            ".</p>";
    if (e.all_records.count) {
        main += "<p>Tous les partenariats de l'index, quelle que soit leur année : " + count_link(e.all_records);
        for (const auto& s : e.all_status)
            main += " ; " + html_escape(row_label("status", s.value)) + " : " + count_link(s);
        main += ".</p>";
    }
    if (movement) main += etat_movement_section(*movement);
    for (const auto& t : e.tables) {
        if (t.rows.empty()) continue;
        main += "<section><h2 id=\"etat-" + t.name + "\">" + std::string(table_texts(t.name).heading) + "</h2>";
        if (t.name == "south") {
            if (e.known_country.count)
                main += "<p>Part Sud–Sud : " + count_link(e.south) + " sur " + count_link(e.known_country) +
                        " partenariats dont le pays est connu, soit " +
                        std::to_string((e.south.count * 1000 / e.known_country.count + 5) / 10) + " %.</p>";
            main += "<p class=\"note\">" + html_escape(kSouthRule) + "</p>";
        }
        if (t.overlapping)
            main +=
                "<p class=\"note\">Un partenariat peut compter dans plusieurs lignes : elles ne s'additionnent "
                "pas.</p>";
        main += "<table><thead><tr><th scope=\"col\">" + std::string(table_texts(t.name).column) +
                "</th><th scope=\"col\">Partenariats</th></tr></thead><tbody>";
        for (const auto& r : t.rows)
            main += "<tr><td>" + html_escape(row_label(t.name, r.value)) + "</td><td>" + count_link(r) + "</td></tr>";
        main += "</tbody></table></section>";
    }
    main += etat_maps(e);
    main += "<section><h2>Montants mobilisés (FCFA)</h2>";
    main += "<p>Lignes de financement datées de " + html_escape(period_words(e)) +
            ", quelle que soit l'année de signature. Fiches donnant un montant dans la période : " +
            count_link(e.with_amount) + " ; dans l'index, toutes années : " + std::to_string(e.amount_records) +
            ".</p>";
    if (e.amounts.empty()) {
        main += "<p role=\"status\">Aucun montant pour cette période.</p>";
    } else {
        main +=
            "<table><thead><tr><th scope=\"col\">Année</th><th scope=\"col\">Source</th><th "
            "scope=\"col\">Montant (FCFA)</th><th scope=\"col\">Fiches</th></tr></thead><tbody>";
        for (const auto& a : e.amounts)
            main += "<tr><td>" + std::to_string(a.year) + "</td><td>" + html_escape(a.source) + "</td><td>" +
                    french_amount(a.fcfa) + demo_mark(a) + "</td><td>" + count_link(a.records) + "</td></tr>";
        main += "</tbody></table>";
    }
    main += "</section><section><h2>Données manquantes</h2>";
    if (e.missing.empty()) {
        main += "<p>Aucune donnée manquante.</p>";
    } else {
        main += "<table><thead><tr><th scope=\"col\">Fiche</th><th scope=\"col\">Manque</th></tr></thead><tbody>";
        for (const auto& m : e.missing)
            main += "<tr><td><a href=\"/partenariat/" + url_encode(m.id) + "\">" +
                    html_escape(m.title.empty() ? m.id : m.title) + "</a></td><td>" + html_escape(m.what) +
                    "</td></tr>";
        main += "</tbody></table>";
    }
    return main + "</section>";
}

std::string etat_csv(const Etat& e, const std::string& public_url) {
    std::string out = "\xEF\xBB\xBF";
    auto cell = [](const std::string& s) { return csv_escape(s, ';'); };
    auto url = [&](const EtatFigure& f) {
        return f.search.empty() ? std::string() : public_url + "/recherche?" + http::encode_params(f.search);
    };
    out += "tableau;valeur;partenariats;recherche\r\n";
    out += "signes;" + cell(std::to_string(e.from) + "-" + std::to_string(e.to)) + ";" +
           std::to_string(e.partnerships.count) + ";" + cell(url(e.partnerships)) + "\r\n";
    out += "conventions;" + cell(std::to_string(e.from) + "-" + std::to_string(e.to)) + ";" +
           std::to_string(e.agreements.count) + ";" + cell(url(e.agreements)) + "\r\n";
    for (const auto& r : e.all_status)
        out += "index_status;" + cell(r.value) + ";" + std::to_string(r.count) + ";" + cell(url(r)) + "\r\n";
    for (const auto& t : e.tables)
        for (const auto& r : t.rows)
            out += cell(t.name) + ";" + cell(r.value) + ";" + std::to_string(r.count) + ";" + cell(url(r)) + "\r\n";
    out += "\r\nmontants;annee;source;fcfa;fiches;recherche;fiches_demonstration\r\n";
    for (const auto& a : e.amounts)
        out += "montant;" + std::to_string(a.year) + ";" + cell(a.source) + ";" + std::to_string(a.fcfa) + ";" +
               std::to_string(a.records.count) + ";" + cell(url(a.records)) + ";" + std::to_string(a.demo) + "\r\n";
    return out;
}

}  // namespace coopdec::pages

namespace coopdec::handlers {
namespace {

int current_year() {
    auto now = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
    return static_cast<int>(now.year());
}

enum class Output { page, csv, pdf, ods };

// The period of ?de=&a=, or the 400 page that keeps the form (CSV: the
// plain 400 error page).
Outcome with_period(const Context& c, Output output) {
    const bool csv = output == Output::csv;
    for (const auto& [name, value] : c.request.params)
        if (name != "de" && name != "a" && name != "de2" && name != "a2")
            return SearchError{"paramètre inconnu « " + name + " » : cette page prend de, a, de2 et a2"};
    const std::string de = c.request.get("de").value_or(""), a = c.request.get("a").value_or("");
    const std::string de2 = c.request.get("de2").value_or(""), a2 = c.request.get("a2").value_or("");
    std::pair<int, int> period;
    std::optional<std::pair<int, int>> second;
    try {
        period = parse_period(de, a, current_year());
        second = parse_second_period(de2, a2, current_year());
    } catch (const SearchError& e) {
        if (csv) return e;
        http::Response r;
        r.status = 400;
        r.body = pages::etat_form_page(de, a, e.for_user(), de2, a2);
        return r;
    }
    if (second) return etat_comparison(c, period, *second, csv);
    const Etat etat = decentralised_state(c.index, period.first, period.second, &c.router.search_cache());
    const EtatMovement movement = state_movement(c.index, etat, &c.router.search_cache());
    const std::string base = public_base(c.router.config(), c.request.host);
    const std::string file = "coopdec-etat-" + std::to_string(etat.from) + "-" + std::to_string(etat.to);
    if (output == Output::pdf)
        return pdf_response(pages::etat_print_html(etat, base, pages::today_iso(), &movement), file + ".pdf",
                            "ouvrez la page de l'état (/etat)");
    http::Response r;
    if (output == Output::ods) {
        r.content_type = std::string(pages::kOdsMediaType);
        r.body = pages::etat_ods(etat, base);
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + ".ods\"");
    } else if (csv) {
        r.content_type = "text/csv; charset=utf-8";
        r.body = pages::etat_csv(etat, base) + pages::etat_movement_csv(movement, base);
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + ".csv\"");
    } else {
        r.body = pages::etat_page(etat, &movement);
    }
    return r;
}

}  // namespace

Outcome etat(const Context& c) { return with_period(c, Output::page); }
Outcome etat_csv(const Context& c) { return with_period(c, Output::csv); }
Outcome etat_pdf(const Context& c) { return with_period(c, Output::pdf); }
Outcome etat_ods(const Context& c) { return with_period(c, Output::ods); }

}  // namespace coopdec::handlers
