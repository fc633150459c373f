// @brief /apercu: the overview's charts and tables, and its handler.
#include "server/overview_page.h"

#include <algorithm>

#include "common/escape.h"
#include "server/handlers.h"
#include "server/map_page.h"
#include "server/page_parts.h"
#include "server/pages.h"

namespace coopdec::pages {
namespace {

// Drawing units of the SVG. A viewBox as wide as a small phone's screen
// (360 px) keeps the labels readable there once scaled to the column.
constexpr int kWidth = 360;
constexpr int kBarMax = 300;  // the longest bar; the count is written after it
constexpr int kRow = 36;      // a label above its bar
constexpr int kColumnsHeight = 80;
constexpr size_t kLabelChars = 52;

struct ChartText {
    const char* name;
    const char* heading;  // h2 and the SVG's title
    const char* column;   // the table's first column
};

// One row per chart of search/overview.h.
constexpr ChartText kTexts[] = {
    {"decade", "Partenariats commencés par décennie", "Décennie"},
    {"year", "Par année de début", "Année"},
    {"country", "Par pays du partenaire", "Pays"},
    {"theme", "Par thème", "Thème"},
    {"region", "Par région du Togo", "Région"},
    {"commune", "Par commune du Togo", "Commune"},
    {"status", "Actifs et arrêtés", "Statut"},
};

const ChartText& texts(const std::string& name) {
    for (const auto& t : kTexts)
        if (name == t.name) return t;
    return kTexts[0];
}

std::string label(const std::string& chart, const OverviewBar& b) {
    if (b.others) return std::to_string(b.others) + " autres";
    if (chart == "decade") return b.value + "–" + std::to_string(std::stoi(b.value) + 9);
    return value_label(chart, b.value);
}

// The bar's link, escaped for an attribute; "" when it has none.
std::string href(const OverviewBar& b) {
    if (b.search.empty()) return {};
    return html_escape("/recherche?" + http::encode_params(b.search));
}

std::string open_bar(const std::string& link) {
    return link.empty() ? "<g fill=\"#555\">" : "<a href=\"" + link + "\">";
}
std::string close_bar(const std::string& link) { return link.empty() ? "</g>" : "</a>"; }

std::string svg_open(const OverviewChart& c, int height) {
    return "<svg viewBox=\"0 0 " + std::to_string(kWidth) + " " + std::to_string(height) +
           "\" role=\"group\" aria-labelledby=\"t-" + c.name + "\" font-size=\"14\" fill=\"#0b5394\"><title id=\"t-" +
           c.name + "\">" + html_escape(texts(c.name).heading) + "</title>";
}

// Horizontal bars, a label above each: long French labels fit a phone.
std::string bars_svg(const OverviewChart& c) {
    size_t max = 1;
    for (const auto& b : c.bars) max = std::max(max, b.count);
    std::string out = svg_open(c, static_cast<int>(c.bars.size()) * kRow + 4);
    int top = 0;
    for (const auto& b : c.bars) {
        std::string link = href(b), name = label(c.name, b), y = std::to_string(top);
        int w = std::max(1, static_cast<int>(b.count * kBarMax / max));
        std::string shown = shorten(name, kLabelChars);
        // The whole label as a tooltip when the bar shows it cut.
        std::string title =
            shown == name ? "" : "<title>" + html_escape(name) + " : " + std::to_string(b.count) + "</title>";
        out += open_bar(link) + "<text y=\"" + std::to_string(top + 14) + "\">" + html_escape(shown) +
               "</text><rect y=\"" + std::to_string(top + 19) + "\" width=\"" + std::to_string(w) +
               "\" height=\"12\">" + title + "</rect><text x=\"" + std::to_string(w + 4) + "\" y=\"" +
               std::to_string(top + 30) + "\">" + std::to_string(b.count) + "</text>" + close_bar(link);
        top += kRow;
    }
    return out + "</svg>";
}

// Years as columns along time, gaps included; their figures are in the
// table and the columns' titles.
std::string columns_svg(const OverviewChart& c) {
    int first = std::stoi(c.bars.front().value), last = std::stoi(c.bars.back().value);
    double step = static_cast<double>(kWidth) / (last - first + 1);
    int width = std::max(2, static_cast<int>(step) - 1);
    size_t max = 1;
    for (const auto& b : c.bars) max = std::max(max, b.count);
    std::string out = svg_open(c, kColumnsHeight + 18);
    for (const auto& b : c.bars) {
        int h = std::max(1, static_cast<int>(b.count * kColumnsHeight / max));
        int x = static_cast<int>((std::stoi(b.value) - first) * step);
        std::string link = href(b);
        out += open_bar(link) + "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(kColumnsHeight - h) +
               "\" width=\"" + std::to_string(width) + "\" height=\"" + std::to_string(h) + "\"><title>" + b.value +
               " : " + std::to_string(b.count) + "</title></rect>" + close_bar(link);
    }
    // The first year of each decade, under the axis.
    out += "<g fill=\"#555\" font-size=\"11\">";
    for (int d = (first + 9) / 10 * 10; d <= last; d += 10)
        out += "<text x=\"" + std::to_string(std::min(static_cast<int>((d - first) * step), kWidth - 26)) + "\" y=\"" +
               std::to_string(kColumnsHeight + 14) + "\">" + std::to_string(d) + "</text>";
    return out + "</g></svg>";
}

// The years' table is long and their decades are linked above: folded,
// and without links, to keep the page light.
std::string table(const OverviewChart& c) {
    const bool years = c.name == "year";
    std::string out = years ? "<details><summary>Les chiffres par année</summary>" : "";
    out += "<table><thead><tr><th scope=\"col\">" + std::string(texts(c.name).column) +
           "</th><th scope=\"col\">Partenariats</th></tr></thead><tbody>";
    for (const auto& b : c.bars) {
        std::string link = years ? "" : href(b), name = html_escape(label(c.name, b));
        out += "<tr><td>" + (link.empty() ? name : "<a href=\"" + link + "\">" + name + "</a>") + "</td><td>" +
               std::to_string(b.count) + "</td></tr>";
    }
    return out + (years ? "</tbody></table></details>" : "</tbody></table>");
}

std::string notes(const Overview& o, const OverviewChart& c) {
    std::string out;
    if (c.name == "decade" && o.unknown_start)
        out += "Début inconnu : " + std::to_string(o.unknown_start) + " partenariat" +
               (o.unknown_start > 1 ? "s" : "") + ", dans aucune barre. ";
    if (c.overlapping) out += "Un partenariat peut compter dans plusieurs barres : elles ne s'additionnent pas. ";
    for (const auto& b : c.bars)
        if (b.others && b.search.empty())
            out +=
                "Les « autres » sont trop nombreux pour un seul lien : choisissez-les dans les filtres de la "
                "recherche. ";
    if (out.empty()) return {};
    out.pop_back();
    return "<p class=\"note\">" + out + "</p>";
}

}  // namespace

std::string overview_page(const Overview& o) {
    std::string main = "<h1>Les partenariats en un coup d'œil</h1>";
    if (o.partnerships == 0) {
        main +=
            "<p role=\"status\">Aucun partenariat dans l'index pour l'instant : les graphiques apparaîtront "
            "quand des fiches de partenariat auront été indexées.</p><p><a href=\"/\">Retour à l'accueil</a></p>";
        return layout("Aperçu des partenariats", main);
    }
    main += "<p>" + std::to_string(o.partnerships) + " partenariat" + (o.partnerships > 1 ? "s" : "") +
            " dans l'index (<a href=\"/recherche?type=partenariat\">les voir</a>, <a href=\"/carte\">sur la "
            "carte</a>). Chaque barre mène à la recherche "
            "de ses partenariats ; les chiffres sont ceux des filtres de la recherche. Pour une année ou une "
            "période : <a href=\"/etat\">l'état de la coopération décentralisée</a>.</p><div class=\"overview\">";
    for (const auto& c : o.charts) {
        main += "<section aria-labelledby=\"h-" + c.name + "\"><h2 id=\"h-" + c.name + "\">" +
                html_escape(texts(c.name).heading) + "</h2>";
        // The régions as a map (the same links and figures as bars, and a
        // table beside it): what people look for first.
        if (c.name == "region")
            main += notes(o, c) + region_map(o, "map-region", texts(c.name).heading) + "</section>";
        else
            main += (c.name == "year" ? columns_svg(c) : bars_svg(c)) + notes(o, c) + table(c) + "</section>";
    }
    main += "</div>";
    return layout("Aperçu des partenariats", main);
}

}  // namespace coopdec::pages

namespace coopdec::handlers {

Outcome overview(const Context& c) {
    // The page takes no parameter: a typo is said, not ignored.
    if (!c.request.params.empty())
        return SearchError{"paramètre inconnu « " + c.request.params.front().first +
                           " » : cette page n'en prend aucun"};
    http::Response r;
    r.body = pages::overview_page(partnership_overview(c.index, &c.router.search_cache()));
    return r;
}

}  // namespace coopdec::handlers
