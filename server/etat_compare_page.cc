// @brief The yearly state compared: the previous-period section, the
// comparison page and CSV, and the comparison's handler.
#include "server/etat_compare_page.h"

#include "common/escape.h"
#include "server/etat_page.h"
#include "server/pages.h"

namespace coopdec::pages {
namespace {

constexpr char kCompareTitle[] = "État de la coopération décentralisée";

// "2015–2019", or "2024" for one year.
std::string span_words(int from, int to) {
    return from == to ? std::to_string(from) : std::to_string(from) + "–" + std::to_string(to);
}

std::string span_of(const Etat& e) { return span_words(e.from, e.to); }

// "+3", "−2" (a minus sign), "0": the difference is not a count of records,
// so it has no search and no link.
std::string signed_words(long long n, bool amount = false) {
    const unsigned long long magnitude = n < 0 ? 0ULL - static_cast<unsigned long long>(n) : n;
    const std::string digits = amount ? etat_amount(magnitude) : std::to_string(magnitude);
    return n > 0 ? "+" + digits : n < 0 ? "\u2212" + digits : "0";
}

long long amount_difference(const EtatAmountSide& a) {
    return static_cast<long long>(a.fcfa_second) - static_cast<long long>(a.fcfa_first);
}

std::string side_cells(const EtatSide& s) {
    return "<td>" + etat_count_link(s.first) + "</td><td>" + etat_count_link(s.second) + "</td><td>" +
           signed_words(s.difference()) + "</td>";
}

std::string head_row(const std::string& first_column, const std::string& first, const std::string& second) {
    return "<thead><tr><th scope=\"col\">" + first_column + "</th><th scope=\"col\">" + html_escape(first) +
           "</th><th scope=\"col\">" + html_escape(second) + "</th><th scope=\"col\">Écart</th></tr></thead>";
}

std::string headline_label(const std::string& value) {
    if (value == "signes") return "Partenariats signés (année de début)";
    if (value == "conventions") return "Conventions datées de la période";
    if (value == "termines") return "Partenariats terminés (année de fin)";
    if (value == "communes") return "Communes engagées";
    if (value == "pays_connu") return "Partenariats dont le pays du partenaire est connu";
    if (value == "sud") return "Partenariats avec un pays du Sud";
    if (value == "avec_montant") return "Fiches donnant un montant dans la période";
    return value;
}

// The South share in tenths of a percent; nothing without a known country.
std::optional<long long> south_permille(const Etat& e) {
    if (!e.known_country.count) return std::nullopt;
    return static_cast<long long>(e.south.count * 1000 / e.known_country.count);
}

std::string percent_words(std::optional<long long> permille) {
    if (!permille) return "—";
    return std::to_string((*permille + 5) / 10) + " %";
}

// A record's status in words, after its end year: « arrêté », « actif »…
std::string status_word(const std::string& status) {
    return status == "arrete" ? "arrêté" : status == "actif" ? "actif" : "inconnu";
}

std::string ended_list(const EtatEndings& e) {
    if (e.records.empty()) return "<p>Aucune fiche n'a d'année de fin dans la période.</p>";
    std::string out = "<ul class=\"etat-ended\">";
    for (const auto& r : e.records)
        out += "<li><a href=\"/partenariat/" + url_encode(r.id) + "\">" +
               html_escape(r.title.empty() ? r.id : r.title) + "</a> — fin " + std::to_string(r.end) +
               ", statut : " + status_word(r.status) + "</li>";
    return out + "</ul>";
}

constexpr char kEndedNote[] =
    "Terminés : les fiches dont l'année de fin (« période », fin) tombe dans la période, quel que soit leur "
    "statut. L'index n'a pas de filtre par année de fin : la recherche de ce chiffre nomme ses fiches.";

std::string undated_note(const EtatFigure& undated) {
    if (!undated.count) return "";
    return "<p class=\"note\">Arrêtés sans année de fin (dans aucune période) : " + etat_count_link(undated) + ".</p>";
}

std::string csv_url(const std::string& public_url, const EtatFigure& f) {
    return f.search.empty() ? std::string() : public_url + "/recherche?" + http::encode_params(f.search);
}

std::string csv_cell(const std::string& s) { return csv_escape(s, ';'); }

std::string amount_cells(int year, unsigned long long fcfa, const EtatFigure& records) {
    if (!year) return "<td></td><td></td><td></td>";
    return "<td>" + std::to_string(year) + "</td><td>" + etat_amount(fcfa) + "</td><td>" + etat_count_link(records) +
           "</td>";
}

}  // namespace

std::string etat_second_period_fields(const std::string& de2, const std::string& a2) {
    return "<fieldset class=\"etat-compare\"><legend>Comparer avec la période</legend><label>De <input "
           "name=\"de2\" inputmode=\"numeric\" size=\"4\" maxlength=\"4\" value=\"" +
           html_escape(de2) +
           "\"></label> <label>à <input name=\"a2\" inputmode=\"numeric\" size=\"4\" maxlength=\"4\" value=\"" +
           html_escape(a2) + "\"></label> <small>(facultatif)</small></fieldset>";
}

std::string etat_movement_section(const EtatMovement& m) {
    const std::string before = span_words(m.previous_from, m.previous_to), now = span_words(m.from, m.to);
    std::string out = "<section><h2>Depuis la période précédente (" + html_escape(before) + ")</h2>";
    out += "<div class=\"scroll\"><table class=\"etat-sides\">" + head_row("Partenariats", before, now) + "<tbody>";
    out += "<tr><td>Signés (année de début)</td>" + side_cells(m.begun) + "</tr>";
    out += "<tr><td>Terminés (année de fin)</td>" + side_cells(m.ended) + "</tr>";
    out += "</tbody></table></div><p class=\"note\">" + html_escape(kEndedNote) + "</p>";
    out += "<h3>Terminés en " + html_escape(now) + "</h3>" + ended_list(m.endings);
    out += undated_note(m.endings.stopped_undated);
    // The earlier period first, as in the table above: the difference reads alike.
    out += "<p><a href=\"/etat?de=" + std::to_string(m.previous_from) + "&amp;a=" + std::to_string(m.previous_to) +
           "&amp;de2=" + std::to_string(m.from) + "&amp;a2=" + std::to_string(m.to) +
           "\">Comparer tous les tableaux avec " + html_escape(before) + "</a></p>";
    return out + "</section>";
}

std::string etat_movement_csv(const EtatMovement& m, const std::string& public_url) {
    std::string out = "\r\nmouvement;periode;partenariats;recherche\r\n";
    auto row = [&](const char* what, int from, int to, const EtatFigure& f) {
        out += std::string(what) + ";" + std::to_string(from) + "-" + std::to_string(to) + ";" +
               std::to_string(f.count) + ";" + csv_cell(csv_url(public_url, f)) + "\r\n";
    };
    row("signes", m.previous_from, m.previous_to, m.begun.first);
    row("signes", m.from, m.to, m.begun.second);
    row("termines", m.previous_from, m.previous_to, m.ended.first);
    row("termines", m.from, m.to, m.ended.second);
    out += "arretes_sans_fin;;" + std::to_string(m.endings.stopped_undated.count) + ";" +
           csv_cell(csv_url(public_url, m.endings.stopped_undated)) + "\r\n";
    for (const auto& r : m.endings.records)
        out += "fiche_terminee;" + csv_cell(r.id) + ";" + std::to_string(r.end) + ";" +
               csv_cell(public_url + "/partenariat/" + url_encode(r.id)) + "\r\n";
    return out;
}

std::string etat_compare_page(const EtatComparison& c) {
    const Etat &a = c.first, &b = c.second;
    const std::string one = span_of(a), two = span_of(b);
    std::string main =
        "<h1>" + std::string(kCompareTitle) + " — " + html_escape(one) + " et " + html_escape(two) + " comparées</h1>";
    main += etat_compare_form(a, b);
    main +=
        "<p>Calculé à partir des seules fiches de partenariat de l'index (loi n° 2019-006, art. 46), pour chaque "
        "période : les partenariats <strong>signés dans la période</strong> (année de début). Chaque chiffre mène "
        "à la recherche qui le donne ; l'écart est celui de la seconde période moins la première. État de chaque "
        "période seule : <a href=\"/etat?de=" +
        std::to_string(a.from) + "&amp;a=" + std::to_string(a.to) + "\">" + html_escape(one) +
        "</a>, <a href=\"/etat?de=" + std::to_string(b.from) + "&amp;a=" + std::to_string(b.to) + "\">" +
        html_escape(two) + "</a>. <a href=\"/etat.csv?de=" + std::to_string(a.from) + "&amp;a=" + std::to_string(a.to) +
        "&amp;de2=" + std::to_string(b.from) + "&amp;a2=" + std::to_string(b.to) + "\">Comparaison en CSV</a>.</p>";

    main += "<section><h2>Chiffres principaux</h2><div class=\"scroll\"><table class=\"etat-sides\">" +
            head_row("Chiffre", one, two) + "<tbody>";
    for (const auto& s : c.headline)
        main += "<tr><td>" + html_escape(headline_label(s.value)) + "</td>" + side_cells(s) + "</tr>";
    const auto pa = south_permille(a), pb = south_permille(b);
    main += "<tr><td>Part Sud–Sud</td><td>" + percent_words(pa) + "</td><td>" + percent_words(pb) + "</td><td>" +
            (pa && pb ? signed_words(((*pb - *pa) + (*pb >= *pa ? 5 : -5)) / 10) + " points" : "—") + "</td></tr>";
    main += "</tbody></table></div><p class=\"note\">" + html_escape(kEndedNote) + "</p></section>";

    for (const auto& t : c.tables) {
        if (t.rows.empty()) continue;
        main += "<section><h2>" + html_escape(etat_table_heading(t.name)) + "</h2>";
        if (t.name == "south") main += "<p class=\"note\">" + html_escape(kSouthRule) + "</p>";
        if (t.overlapping)
            main +=
                "<p class=\"note\">Un partenariat peut compter dans plusieurs lignes : elles ne s'additionnent "
                "pas.</p>";
        main += "<div class=\"scroll\"><table class=\"etat-sides\">" +
                head_row(html_escape(etat_table_column(t.name)), one, two) + "<tbody>";
        for (const auto& r : t.rows)
            main += "<tr><td>" + html_escape(etat_row_label(t.name, r.value)) + "</td>" + side_cells(r) + "</tr>";
        main += "</tbody></table></div></section>";
    }

    main +=
        "<section><h2>Montants mobilisés (FCFA)</h2><p>Lignes de financement datées de chaque période, "
        "quelle que soit l'année de signature.</p>";
    if (c.by_source.empty()) {
        main += "<p role=\"status\">Aucun montant dans l'une ou l'autre période.</p>";
    } else {
        main +=
            "<h3>Par source</h3><div class=\"scroll\"><table class=\"etat-sides\"><thead><tr><th "
            "scope=\"col\">Source</th><th scope=\"col\">" +
            html_escape(one) + " (FCFA)</th><th scope=\"col\">Fiches</th><th scope=\"col\">" + html_escape(two) +
            " (FCFA)</th><th scope=\"col\">Fiches</th><th scope=\"col\">Écart (FCFA)</th></tr></thead><tbody>";
        for (const auto& s : c.by_source)
            main += "<tr><td>" + html_escape(s.source) + "</td><td>" + etat_amount(s.fcfa_first) + "</td><td>" +
                    etat_count_link(s.first) + "</td><td>" + etat_amount(s.fcfa_second) + "</td><td>" +
                    etat_count_link(s.second) + "</td><td>" + signed_words(amount_difference(s), true) + "</td></tr>";
        main +=
            "</tbody></table></div><h3>Par année (n-ième année de chaque période)</h3><div class=\"scroll\"><table "
            "class=\"etat-sides\"><thead><tr>"
            "<th scope=\"col\">Année</th><th scope=\"col\">Montant (FCFA)</th><th scope=\"col\">Fiches</th>"
            "<th scope=\"col\">Année</th><th scope=\"col\">Montant (FCFA)</th><th scope=\"col\">Fiches</th>"
            "<th scope=\"col\">Écart (FCFA)</th></tr></thead><tbody>";
        for (const auto& y : c.by_year)
            main += "<tr>" + amount_cells(y.year_first, y.fcfa_first, y.first) +
                    amount_cells(y.year_second, y.fcfa_second, y.second) + "<td>" +
                    signed_words(amount_difference(y), true) + "</td></tr>";
        main += "</tbody></table></div>";
    }
    main += "</section><section><h2>Partenariats terminés</h2><h3>En " + html_escape(one) + "</h3>" +
            ended_list(c.ended_first) + "<h3>En " + html_escape(two) + "</h3>" + ended_list(c.ended_second) +
            undated_note(c.ended_first.stopped_undated) + "</section>";
    return layout(kCompareTitle, main, {}, PageStyle::atlas);
}

std::string etat_compare_csv(const EtatComparison& c, const std::string& public_url) {
    std::string out = "\xEF\xBB\xBF";
    out += "tableau;valeur;partenariats_1;recherche_1;partenariats_2;recherche_2;ecart\r\n";
    auto row = [&](const std::string& table, const EtatSide& s) {
        out += csv_cell(table) + ";" + csv_cell(s.value) + ";" + std::to_string(s.first.count) + ";" +
               csv_cell(csv_url(public_url, s.first)) + ";" + std::to_string(s.second.count) + ";" +
               csv_cell(csv_url(public_url, s.second)) + ";" + std::to_string(s.difference()) + "\r\n";
    };
    auto period = [](const Etat& e) { return std::to_string(e.from) + "-" + std::to_string(e.to); };
    out += "periodes;;" + period(c.first) + ";;" + period(c.second) + ";;\r\n";
    for (const auto& s : c.headline) row("chiffres", s);
    for (const auto& t : c.tables)
        for (const auto& r : t.rows) row(t.name, r);
    out += "\r\nmontants;source;annee_1;fcfa_1;fiches_1;recherche_1;annee_2;fcfa_2;fiches_2;recherche_2;ecart_fcfa\r\n";
    auto amount = [&](const std::string& source, const std::string& y1, const std::string& y2,
                      const EtatAmountSide& s) {
        out += "montant;" + csv_cell(source) + ";" + y1 + ";" + std::to_string(s.fcfa_first) + ";" +
               std::to_string(s.first.count) + ";" + csv_cell(csv_url(public_url, s.first)) + ";" + y2 + ";" +
               std::to_string(s.fcfa_second) + ";" + std::to_string(s.second.count) + ";" +
               csv_cell(csv_url(public_url, s.second)) + ";" + std::to_string(amount_difference(s)) + "\r\n";
    };
    for (const auto& s : c.by_source) amount(s.source, "toutes", "toutes", s);
    auto year = [](int y) { return y ? std::to_string(y) : std::string(); };
    for (const auto& y : c.by_year) amount("toutes", year(y.year_first), year(y.year_second), y);
    return out;
}

}  // namespace coopdec::pages

namespace coopdec::handlers {

Outcome etat_comparison(const Context& c, std::pair<int, int> first, std::pair<int, int> second, bool csv) {
    const EtatComparison comparison =
        compare_states(c.index, first.first, first.second, second.first, second.second, &c.router.search_cache());
    http::Response r;
    if (csv) {
        r.content_type = "text/csv; charset=utf-8";
        r.body = pages::etat_compare_csv(comparison, public_base(c.router.config(), c.request.host));
        r.headers.emplace_back("Content-Disposition",
                               "attachment; filename=\"coopdec-etat-" + std::to_string(first.first) + "-" +
                                   std::to_string(first.second) + "-et-" + std::to_string(second.first) + "-" +
                                   std::to_string(second.second) + ".csv\"");
    } else {
        r.body = pages::etat_compare_page(comparison);
    }
    return r;
}

}  // namespace coopdec::handlers
