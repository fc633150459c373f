// @brief Search result → JSON text.
#include "search/result_json.h"

#include <algorithm>

#include "common/escape.h"

namespace coopdec {
namespace {

// A small writer: keys and values always go through json_escape.
class Json {
public:
    Json& raw(std::string_view s) {
        out_ += s;
        return *this;
    }
    Json& str(std::string_view s) {
        out_ += '"';
        append_json_escaped(out_, s);
        out_ += '"';
        return *this;
    }
    Json& key(std::string_view k) {
        comma();
        str(k);
        out_ += ':';
        fresh_ = true;
        return *this;
    }
    Json& open(char c) {
        comma();
        out_ += c;
        fresh_ = true;
        return *this;
    }
    Json& close(char c) {
        out_ += c;
        fresh_ = false;
        return *this;
    }
    Json& field(std::string_view k, std::string_view v) {
        key(k);
        str(v);
        fresh_ = false;
        return *this;
    }
    Json& field(std::string_view k, size_t v) {
        key(k);
        out_ += std::to_string(v);
        fresh_ = false;
        return *this;
    }
    Json& field(std::string_view k, bool v) {
        key(k);
        out_ += v ? "true" : "false";
        fresh_ = false;
        return *this;
    }
    Json& item(std::string_view v) {
        comma();
        str(v);
        fresh_ = false;
        return *this;
    }
    std::string take() { return std::move(out_); }

private:
    void comma() {
        if (!fresh_ && !out_.empty()) out_ += ',';
        fresh_ = false;
    }
    std::string out_;
    bool fresh_ = true;
};

}  // namespace

namespace {

std::vector<std::string> split_lines(const std::string& s) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos < s.size()) {
        size_t nl = s.find('\n', pos);
        if (nl == std::string::npos) nl = s.size();
        if (nl > pos) out.push_back(s.substr(pos, nl - pos));
        pos = nl + 1;
    }
    return out;
}

void string_array(Json& j, std::string_view key, const std::vector<std::string>& values) {
    j.key(key).open('[');
    for (const auto& v : values) j.item(v);
    j.close(']');
}

// The fields every document summary has.
void summary_fields(Json& j, const ResultDocument& d) {
    j.field("id", d.id).field("type", d.type).field("title", d.title).field("url", d.url);
    j.field("demo", d.demo).field("notice", d.notice).field("date", d.date);
}

void partnership_refs(Json& j, const ResultDocument& d) {
    j.key("partnerships").open('[');
    for (const auto& p : d.partnerships)
        j.open('{').field("id", p.id).field("title", p.title).field("url", p.url).close('}');
    j.close(']');
}

std::string get(const schema::Data& d, const char* key) {
    auto it = d.find(key);
    return it == d.end() ? std::string() : it->second;
}

}  // namespace

std::string to_json(const SearchResult& r) {
    Json j;
    j.open('{');
    j.field("query", r.query)
        .field("total", r.total)
        .field("complete", r.complete)
        .field("page", r.page)
        .field("per_page", r.per_page);
    j.field("corrected_from", r.corrected_from);
    // Inside one document (doc=ID): its matching passages, paged by per_page.
    if (r.within) j.field("within_passages", r.within_passages);
    j.key("results").open('[');
    for (const auto& d : r.results) {
        j.open('{');
        summary_fields(j, d);
        j.field("partner", d.partner);
        string_array(j, "communes", d.communes);
        partnership_refs(j, d);
        string_array(j, "missing", d.missing);
        j.key("passages").open('[');
        for (const auto& p : d.passages) {
            j.open('{');
            j.field("anchor", p.anchor).field("kind", p.kind).field("label", p.label).field("path", p.path);
            j.field("speaker", p.speaker).field("role", p.role).field("url", p.url).field("snippet", p.snippet);
            j.close('}');
        }
        j.close(']');
        j.close('}');
    }
    j.close(']');
    j.key("facets").open('{');
    for (const auto& f : r.facets) {
        j.key(f.name).open('[');
        for (const auto& v : f.values)
            j.open('{')
                .field("value", v.value)
                .field("label", v.label)
                .field("count", v.count)
                .field("selected", v.selected)
                .close('}');
        j.close(']');
    }
    j.close('}');
    j.key("facets_omitted").open('{');
    for (const auto& f : r.facets)
        if (f.omitted > 0) j.field(f.name, f.omitted);
    j.close('}');
    j.key("expansions").open('[');
    for (const auto& e : r.expansions) j.item(e);
    j.close(']');
    j.field("suggestion", r.suggestion);
    j.key("reading").open('[');
    for (const auto& x : r.reading) j.open('{').field("label", x.label).field("url", x.url).close('}');
    j.close(']');
    j.key("names").open('[');
    for (const auto& n : r.names) {
        j.open('{').field("text", n.text).key("values").open('[');
        for (const auto& v : n.values)
            j.open('{').field("facet", v.facet).field("value", v.value).field("label", v.label).close('}');
        j.close(']').close('}');
    }
    j.close(']');
    j.key("atlas").open('[');
    for (const auto& l : r.atlas)
        j.open('{').field("kind", l.kind).field("id", l.id).field("label", l.label).field("url", l.url).close('}');
    j.close(']');
    j.key("filters_read").open('[');
    for (const auto& x : r.filter_readings) {
        j.open('{').field("facet", x.facet).field("typed", x.typed).key("values").open('[');
        for (const auto& [value, label] : x.values) j.open('{').field("value", value).field("label", label).close('}');
        j.close(']').close('}');
    }
    j.close(']');
    j.key("reading_notices").open('[');
    for (const auto& n : r.reading_notices) j.item(n);
    j.close(']');
    j.key("relaxations").open('[');
    for (const auto& x : r.relaxations)
        j.open('{').field("facet", x.facet).field("value", x.value).field("total", x.total).close('}');
    j.close(']');
    j.close('}');
    return j.take();
}

std::string to_json(const DocumentView& doc) {
    Json j;
    j.open('{');
    summary_fields(j, doc.info);
    j.field("lang", doc.lang);
    string_array(j, "communes", doc.info.communes);
    j.field("partner", doc.info.partner);
    partnership_refs(j, doc.info);
    string_array(j, "themes", doc.themes);
    j.field("summary", doc.summary);
    j.field("source_url", doc.has_source ? doc.info.url + "/source.xml" : std::string());
    j.key("units").open('[');
    for (const auto& u : doc.units)
        j.open('{')
            .field("anchor", u.anchor)
            .field("kind", u.kind)
            .field("label", u.label)
            .field("path", u.path)
            .field("url", u.url)
            .close('}');
    j.close(']');
    j.close('}');
    return j.take();
}

std::string to_json(const PartnershipView& v) {
    const schema::Data& d = v.record.data;
    Json j;
    j.open('{');
    j.field("id", v.record.info.id)
        .field("title", v.record.info.title)
        .field("url", schema::partnership_url(v.record.info.id));
    j.field("demo", v.record.info.demo).field("notice", v.record.info.notice);
    string_array(j, "communes", v.record.info.communes);
    j.key("partner")
        .open('{')
        .field("name", get(d, schema::kFieldPartnerName))
        .field("level", get(d, schema::kFieldPartnerLevel))
        .field("country", get(d, schema::kFieldPartnerCountry))
        .close('}');
    j.field("nature", get(d, schema::kFieldNature))
        .field("start", get(d, schema::kFieldStart))
        .field("end", get(d, schema::kFieldEnd));
    j.field("status", get(d, schema::kFieldStatus));
    string_array(j, "themes", v.record.themes);
    string_array(j, "divergences", split_lines(get(d, schema::kFieldDivergences)));
    j.key("sources").open('[');
    for (const auto& line : split_lines(get(d, schema::kFieldSources))) {
        size_t sep = line.find(schema::kValueSep);
        j.open('{')
            .field("href", line.substr(0, sep))
            .field("text", sep == std::string::npos ? "" : line.substr(sep + 1))
            .close('}');
    }
    j.close(']');
    // The annual state (schema.h: kFieldAmounts, kFieldActions, kFieldPeople),
    // one object per row, in the record's order; amounts in FCFA as numbers.
    auto cells = [](const std::string& line, size_t n) {
        std::vector<std::string> out;
        size_t from = 0;
        for (size_t sep; (sep = line.find(schema::kValueSep, from)) != std::string::npos; from = sep + 1)
            out.push_back(line.substr(from, sep - from));
        out.push_back(line.substr(from));
        out.resize(std::max(out.size(), n));
        return out;
    };
    j.key("amounts").open('[');
    for (const auto& line : split_lines(get(d, schema::kFieldAmounts))) {
        std::vector<std::string> c = cells(line, 4);
        if (c[3].empty() || c[3].size() > 15 || c[3].find_first_not_of("0123456789") != std::string::npos) continue;
        j.open('{')
            .field("year", c[0])
            .field("source", c[1])
            .field("origin", c[2])
            .field("fcfa", static_cast<size_t>(std::stoull(c[3])))
            .close('}');
    }
    j.close(']');
    j.key("actions").open('[');
    for (const auto& line : split_lines(get(d, schema::kFieldActions))) {
        std::vector<std::string> c = cells(line, 5);
        j.open('{')
            .field("title", c[0])
            .field("start", c[1])
            .field("end", c[2])
            .field("theme", c[3])
            .field("status", c[4])
            .close('}');
    }
    j.close(']');
    j.key("people").open('[');
    for (const auto& line : split_lines(get(d, schema::kFieldPeople))) {
        std::vector<std::string> c = cells(line, 4);
        j.open('{').field("name", c[0]).field("role", c[1]).field("side", c[2]).field("contact", c[3]).close('}');
    }
    j.close(']');
    j.key("documents").open('[');
    for (const auto& doc : v.documents) {
        j.open('{');
        summary_fields(j, doc);
        j.close('}');
    }
    j.close(']');
    j.close('}');
    return j.take();
}

std::string error_json(const std::string& message, int status) {
    Json j;
    j.open('{').field("error", message).field("status", static_cast<size_t>(status)).close('}');
    return j.take();
}

}  // namespace coopdec
