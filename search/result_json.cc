// @brief Search result → JSON text.
#include "search/result_json.h"

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
        out_ += json_escape(s);
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

std::string to_json(const SearchResult& r) {
    Json j;
    j.open('{');
    j.field("query", r.query).field("total", r.total).field("page", r.page).field("per_page", r.per_page);
    j.key("results").open('[');
    for (const auto& d : r.results) {
        j.open('{');
        j.field("id", d.id).field("type", d.type).field("title", d.title).field("url", d.url);
        j.field("demo", d.demo).field("notice", d.notice).field("date", d.date).field("partner", d.partner);
        j.key("communes").open('[');
        for (const auto& c : d.communes) j.item(c);
        j.close(']');
        j.key("partnerships").open('[');
        for (const auto& p : d.partnerships) j.open('{').field("id", p.id).field("title", p.title).field("url", p.url).close('}');
        j.close(']');
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
            j.open('{').field("value", v.value).field("label", v.label).field("count", v.count).field("selected", v.selected).close('}');
        j.close(']');
    }
    j.close('}');
    j.key("expansions").open('[');
    for (const auto& e : r.expansions) j.item(e);
    j.close(']');
    j.field("suggestion", r.suggestion);
    j.key("relaxations").open('[');
    for (const auto& x : r.relaxations)
        j.open('{').field("facet", x.facet).field("value", x.value).field("total", x.total).close('}');
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
