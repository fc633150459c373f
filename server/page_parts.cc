// @brief Pieces shared by several pages.
#include "server/page_parts.h"

#include <cstdlib>
#include <ctime>
#include <map>

#include "common/escape.h"
#include "common/schema.h"
#include "search/countries.h"

namespace coopdec::pages {

std::string year_of(const std::string& date) { return date.size() >= 4 ? date.substr(0, 4) : date; }

// The line under a title: type, demo marker, communes, partner, date.
std::string meta_line(const ResultDocument& d) {
    std::string out = "<p class=\"meta\"><span class=\"type\">" + html_escape(type_label(d.type)) + "</span>";
    if (d.demo) out += " <span class=\"demo\">Document de démonstration</span>";
    if (!d.communes.empty()) {
        out += " · ";
        for (size_t i = 0; i < d.communes.size(); ++i) out += (i ? ", " : "") + html_escape(d.communes[i]);
    }
    if (!d.partner.empty()) out += " · partenaire : " + html_escape(d.partner);
    if (!d.date.empty())
        out += " · <time datetime=\"" + html_escape(d.date) + "\">" + html_escape(french_date(d.date)) + "</time>";
    return out + "</p>";
}

std::string place_line(const ResultDocument& d) {
    std::string out = "<p class=\"meta\"><a href=\"/recherche?type=" + url_encode(d.type) + "\">" +
                      html_escape(type_label(d.type)) + "</a>";
    for (size_t i = 0; i < d.communes.size(); ++i) out += (i ? ", " : " · ") + html_escape(d.communes[i]);
    if (!d.partner.empty()) out += " · partenaire : " + html_escape(d.partner);
    return out + "</p>";
}

std::string partnership_links(const ResultDocument& d) {
    if (d.partnerships.empty()) return {};
    std::string out = "<p class=\"parts\">Partenariat" + std::string(d.partnerships.size() > 1 ? "s" : "") + " : ";
    for (size_t i = 0; i < d.partnerships.size(); ++i) {
        const auto& p = d.partnerships[i];
        out += (i ? ", " : "") + std::string("<a href=\"") + html_escape(p.url) + "\">" +
               html_escape(p.title.empty() ? p.id : p.title) + "</a>";
    }
    return out + "</p>";
}

std::string today_iso() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

std::string french_date(const std::string& iso) {
    static const char* months[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                   "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
    auto digits = [&](size_t from, size_t n) {
        for (size_t i = from; i < from + n; ++i)
            if (iso[i] < '0' || iso[i] > '9') return false;
        return true;
    };
    if (iso.size() < 7 || !digits(0, 4) || iso[4] != '-' || !digits(5, 2)) return iso;
    int m = std::atoi(iso.substr(5, 2).c_str());
    if (m < 1 || m > 12) return iso;
    std::string month_year = std::string(months[m - 1]) + " " + iso.substr(0, 4);
    if (iso.size() == 7) return month_year;
    if (iso.size() != 10 || iso[7] != '-' || !digits(8, 2)) return iso;
    int d = std::atoi(iso.substr(8, 2).c_str());
    if (d < 1 || d > 31) return iso;
    return (d == 1 ? std::string("1er") : std::to_string(d)) + " " + month_year;
}

std::string type_label(const std::string& type) {
    for (const auto& [v, l] : schema::kTypes)
        if (v == type) return std::string(l);
    return type;
}

std::string shorten(const std::string& s, size_t max) {
    size_t chars = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
        if (chars++ == max) return s.substr(0, i) + "…";
    }
    return s;
}

std::vector<std::string> non_blank_lines(const std::string& text) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") != std::string::npos) lines.push_back(std::move(line));
        start = end + 1;
    }
    return lines;
}

std::string value_label(const std::string& facet, const std::string& value) {
    // Countries: their French names (search/countries.h); other facets: one
    // row per value met in the corpus, others show as they are.
    if (facet == "country") return std::string(countries::french_name(value));
    static const std::map<std::string, std::string> languages{
        {"fr", "français"}, {"en", "anglais"},   {"it", "italien"}, {"de", "allemand"},
        {"es", "espagnol"}, {"pt", "portugais"}, {"ee", "éwé"},     {"kbp", "kabiyè"},
    };
    static const std::map<std::string, std::string> roles{
        {"maire", "Maire"},
        {"secretaire-general", "Secrétaire général"},
        {"point-focal", "Point focal coopération"},
        {"partenaire-etranger", "Partenaire étranger"},
        {"agent-technique", "Agent technique"},
        {"conseiller", "Conseiller municipal"},
        {"chercheur", "Chercheur"},
        {"autre", "Autre"},
    };
    // A partnership record's <statut> (corpus/schema): in force, stopped, or
    // not known from the sources.
    static const std::map<std::string, std::string> statuses{
        {"actif", "Actif"},
        {"arrete", "Arrêté"},
        {"inconnu", "Statut inconnu"},
    };
    const std::map<std::string, std::string>* table = facet == "lang"     ? &languages
                                                      : facet == "role"   ? &roles
                                                      : facet == "status" ? &statuses
                                                                          : nullptr;
    if (facet == "type") return type_label(value);
    if (table)
        if (auto it = table->find(value); it != table->end()) return it->second;
    return value;
}

}  // namespace coopdec::pages
