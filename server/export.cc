// @brief Exports of search results: collection, CSV, JSON, links.
#include "server/export.h"

#include <sstream>

#include "common/escape.h"
#include "search/document.h"
#include "search/synonyms.h"
#include "server/handlers.h"

namespace coopdec {
namespace {

std::vector<std::string> lines(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string l; std::getline(in, l);)
        if (!l.empty()) out.push_back(l);
    return out;
}

std::string cell_list(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : " ; ") + v;
    return out;
}

std::string json_string(std::string_view s) { return "\"" + json_escape(s) + "\""; }

std::string string_array(const std::vector<std::string>& values) {
    std::string out = "[";
    for (size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + json_string(values[i]);
    return out + "]";
}

// "1000" → "1 000" (a no-break space between thousands, as French writes them).
std::string french_number(size_t n) {
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += "\u00A0";
        out += digits[i];
    }
    return out;
}

}  // namespace

Export collect_export(const Index& index, SearchRequest request, const Synonyms* synonyms, SearchCache* cache,
                      size_t cap) {
    // The largest page search() takes; no passages (they are not exported)
    // and one value per facet (the counts are not exported either).
    request.per_page = kMaxPerPage;
    request.passages = 0;
    request.facet_values = 1;
    Export out;
    for (size_t page = 1; out.rows.size() < cap; ++page) {
        request.page = page;
        SearchResult r = search(index, request, synonyms, cache);
        out.query = r.query;
        out.total = r.total;
        for (auto& d : r.results) {
            if (out.rows.size() == cap) break;
            // The themes are not in the results: the document unit has them
            // (inherited ones included), as the theme facet counts them.
            std::vector<std::string> themes = lines(stored_data(index.db(), d.id)[schema::kFieldThemes]);
            ExportRow row{std::move(d), std::move(themes)};
            row.doc.passages.clear();
            out.rows.push_back(std::move(row));
        }
        if (r.results.size() < request.per_page || out.rows.size() >= out.total) break;
    }
    out.truncated = out.total > out.rows.size();
    return out;
}

std::string export_csv(const Export& e, char separator, const std::string& public_url) {
    std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark: spreadsheets then read the accents right
    static const char* const kColumns[] = {"id",         "type",         "titre",  "date", "communes",
                                           "partenaire", "partenariats", "themes", "url",  "demonstration"};
    for (const char* c : kColumns) out += (c == kColumns[0] ? "" : std::string(1, separator)) + c;
    out += "\r\n";
    for (const ExportRow& row : e.rows) {
        const ResultDocument& d = row.doc;
        std::vector<std::string> parts;
        for (const auto& p : d.partnerships) parts.push_back(p.id);
        const std::string cells[] = {d.id,
                                     d.type,
                                     d.title,
                                     d.date,
                                     cell_list(d.communes),
                                     d.partner,
                                     cell_list(parts),
                                     cell_list(row.themes),
                                     public_url + d.url,
                                     d.demo ? "oui" : "non"};
        bool first = true;
        for (const auto& c : cells) {
            if (!first) out += separator;
            out += csv_escape(c, separator);
            first = false;
        }
        out += "\r\n";
    }
    return out;
}

std::string export_json(const Export& e, size_t cap, const std::string& public_url) {
    std::string out = "{\"query\":" + json_string(e.query) + ",\"total\":" + std::to_string(e.total) +
                      ",\"exported\":" + std::to_string(e.rows.size()) + ",\"cap\":" + std::to_string(cap) +
                      ",\"truncated\":" + (e.truncated ? "true" : "false") + ",\"results\":[";
    for (size_t i = 0; i < e.rows.size(); ++i) {
        const ResultDocument& d = e.rows[i].doc;
        out += i ? ",{" : "{";
        out += "\"id\":" + json_string(d.id) + ",\"type\":" + json_string(d.type) +
               ",\"title\":" + json_string(d.title) + ",\"url\":" + json_string(public_url + d.url) +
               ",\"date\":" + json_string(d.date) + ",\"communes\":" + string_array(d.communes) +
               ",\"partner\":" + json_string(d.partner) + ",\"partnerships\":[";
        for (size_t j = 0; j < d.partnerships.size(); ++j) {
            const auto& p = d.partnerships[j];
            out += (j ? ",{" : "{") + std::string("\"id\":") + json_string(p.id) +
                   ",\"title\":" + json_string(p.title) + ",\"url\":" + json_string(public_url + p.url) + "}";
        }
        out += "],\"themes\":" + string_array(e.rows[i].themes) + ",\"demo\":" + (d.demo ? "true" : "false") + "}";
    }
    return out + "]}\n";
}

std::string export_links(size_t total, const http::Params& params) {
    if (total == 0) return {};
    // The export starts at the first result whatever the page shown.
    http::Params p;
    for (const auto& kv : params)
        if (kv.first != "page" && kv.first != "per_page" && kv.first != "format") p.push_back(kv);
    auto link = [&](const char* format, const char* text) {
        http::Params q = p;
        q.emplace_back("format", format);
        return "<a href=\"" + html_escape("/recherche?" + http::encode_params(q)) + "\">" + text + "</a>";
    };
    std::string out = "<p class=\"export\">Exporter : " + link("csv", "CSV") + " · " + link("json", "JSON");
    if (total > kExportCap) out += " (les " + french_number(kExportCap) + " premiers)";
    return out + "</p>";
}

namespace handlers {

Outcome search_export(const Context& c, const SearchRequest& request) {
    std::string format = c.request.get("format").value_or("");
    if (format.empty())
        return SearchError{"format d'export vide : les formats possibles sont csv et json", "", "format"};
    if (format != "csv" && format != "json")
        return SearchError{"format d'export inconnu « " + format + " » : les formats possibles sont csv et json", "",
                           "format"};
    // The CSV's separator: ';' unless asked otherwise (a spreadsheet in a
    // French locale reads ',' as one column).
    char separator = ';';
    if (auto s = c.request.get("separateur")) {
        if (*s == "virgule" || *s == ",")
            separator = ',';
        else if (*s != "point-virgule" && *s != ";")
            return SearchError{
                "séparateur inconnu « " + *s + " » : les séparateurs possibles sont point-virgule (;) et virgule (,)",
                "", "separateur"};
    }
    // One set of synonyms for every page of the export.
    std::shared_ptr<const Synonyms> synonyms = c.router.synonyms().current();
    Export e = collect_export(c.index, request, synonyms.get(), &c.router.search_cache());
    const std::string base = public_base(c.router.config(), c.request.host);
    http::Response r;
    if (format == "csv") {
        r.content_type = "text/csv; charset=utf-8";
        r.body = export_csv(e, separator, base);
    } else {
        r.content_type = "application/json; charset=utf-8";
        r.body = export_json(e, kExportCap, base);
    }
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"coopdec-recherche." + format + "\"");
    r.headers.emplace_back("X-Total-Count", std::to_string(e.total));
    r.headers.emplace_back("X-Coopdec-Exported", std::to_string(e.rows.size()));
    r.headers.emplace_back("X-Coopdec-Truncated", e.truncated ? "true" : "false");
    return r;
}

}  // namespace handlers
}  // namespace coopdec
