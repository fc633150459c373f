// @brief Route handlers: request → search or lookup → rendered response.
#include "server/handlers.h"

#include "common/escape.h"
#include "common/schema.h"
#include "search/document.h"
#include "search/names.h"
#include "search/query_parser.h"
#include "search/request.h"
#include "search/result_json.h"
#include "search/search.h"
#include "search/transcript.h"
#include "server/dossier_pages.h"
#include "server/law_page.h"  // date_form
#include "server/law_versions.h"
#include "server/pages.h"
#include "server/transcript_page.h"

namespace coopdec::handlers {
namespace {

// The request's parameters into `s`; a parameter that is not a search
// parameter is a 400, so that a typo is not silently ignored.
std::optional<SearchError> read_search_request(const http::Request& req, SearchRequest& s) {
    for (const auto& [name, value] : req.params) {
        // Reserved for exports (server/export.h): the separator with a format only.
        if (name == "format" || (name == "separateur" && req.get("format"))) continue;
        if (auto err = apply_parameter(s, name, value)) return err;
    }
    return std::nullopt;
}

http::Response html(std::string body) {
    http::Response r;
    r.body = std::move(body);
    return r;
}

http::Response json(std::string body) {
    http::Response r;
    r.content_type = "application/json; charset=utf-8";
    r.body = std::move(body);
    return r;
}

SearchResult run_search(const Context& c, const SearchRequest& s) {
    return search(c.index, s, c.router.synonyms().current().get(), &c.router.search_cache());
}

}  // namespace

std::string id_words(const std::string& id) {
    // Ids and paths join their words with these; anything else is kept
    // (escaped where it is shown, encoded in the link).
    std::string out;
    for (char ch : id) {
        bool sep = ch == '-' || ch == '_' || ch == '.' || ch == '/' || ch == '+';
        if (sep) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += ch;
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (out.size() > 200) out.clear();  // no search out of a long path
    return out;
}

// Two passages per document on a page keep it under 30 KB on a slow
// connection; the JSON API gives three.
constexpr size_t kPagePassages = 2;

namespace {

// The search page (and the home page). A page past the last, from an old
// link or a hand-edited address, shows the last page with a notice rather
// than an empty page whose « Précédente » leads to another empty one; the
// JSON API keeps answering the empty page it was asked for.
Outcome search_page_response(const Context& c, bool home) {
    SearchRequest s;
    if (auto err = read_search_request(c.request, s)) return *err;
    if (c.request.get("format")) return search_export(c, s);  // server/export.h
    s.passages = kPagePassages;
    s.drop_unknown_values = true;  // the page says what it left out, and keeps the search
    SearchResult r = run_search(c, s);
    http::Params params = c.request.params;
    std::string notice;
    // Inside one document (doc=ID) the pages are its passages.
    const size_t count = r.within ? r.within_passages : r.total;
    const size_t last = r.per_page ? (count + r.per_page - 1) / r.per_page : 0;
    if (last > 0 && r.page > last) {
        notice =
            "La page " + std::to_string(r.page) + " n'existe pas : voici la dernière (" + std::to_string(last) + ").";
        s.page = last;
        r = run_search(c, s);
        for (auto& [name, value] : params)
            if (name == "page") value = std::to_string(last);
    }
    add_turn_context(c.db, r);  // the turns around an utterance (search/transcript.h)
    return html(pages::search_page(r, params, home, Names::load(c.index).get(), notice));
}

}  // namespace

// search() and the exports throw what they refuse: converted here.
Outcome home(const Context& c) {
    return errors_as_values([&] { return search_page_response(c, true); });
}

Outcome search_html(const Context& c) {
    return errors_as_values([&] { return search_page_response(c, false); });
}

Outcome search_json(const Context& c) {
    SearchRequest s;
    if (auto err = read_search_request(c.request, s)) return *err;
    return errors_as_values([&] { return json(to_json(run_search(c, s))); });
}

namespace {

Outcome document_answer(const Context& c) {
    std::string id = c.tail;
    const std::string source_suffix = "/source.xml";
    if (id.size() > source_suffix.size() &&
        id.compare(id.size() - source_suffix.size(), source_suffix.size(), source_suffix) == 0) {
        id.resize(id.size() - source_suffix.size());
        auto xml = load_source(c.index, id);
        if (!xml) return NotFound{"aucun document « " + id + " » dans l'index", id_words(id)};
        http::Response r;
        r.content_type = "application/xml; charset=utf-8";
        r.body = std::move(*xml);
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + id + ".xml\"");
        return r;
    }
    // A legal text's versions (server/law_versions.h).
    LawPageChoice chosen = choose_version(c, id);
    if (chosen.answer) return std::move(*chosen.answer);
    auto& doc = chosen.doc;
    std::string q = c.request.get("q").value_or("");
    if (doc->info.type == schema::kTypePartnership) {
        // A partnership record is read on its own page, with its documents:
        // one address per record, old links and bookmarks led there.
        http::Response r;
        r.status = 301;
        r.headers.emplace_back("Location", schema::partnership_url(id) + (q.empty() ? "" : "?q=" + url_encode(q)));
        r.body =
            pages::layout("Page déplacée", "<h1>Page déplacée</h1><p>Cette fiche de partenariat se lit sur <a href=\"" +
                                               html_escape(schema::partnership_url(id)) + "\">sa page</a>.</p>");
        return r;
    }
    doc->html = c.router.page_views().page(c.index, *doc);
    add_legal_links(c.db, *doc);
    if (!doc->citation.empty())
        doc->history_html = chosen.version_html + doc->history_html +
                            pages::date_form(schema::doc_url(id), c.request.get("date").value_or(""));
    if (q.size() > kMaxQueryBytes) return SearchError{"requête trop longue"};
    // « Ajouter au dossier » returns to this page (server/dossier_pages.h).
    doc->html = pages::add_dossier_links(doc->html, *doc, "/doc/" + id + (q.empty() ? "" : "?q=" + url_encode(q)));
    Highlight hl;
    if (!q.empty()) {
        std::vector<std::string> langs{doc->lang.empty() ? "fr" : doc->lang};
        ParsedQuery pq = parse_query(q, langs);
        hl = Highlight{pq.words, pq.stems, pq.prefixes};
    }
    // A transcript read by speaker or role, and its speakers as links
    // (server/transcript_page.h).
    if (auto reading = parse_reading(c.request.params))
        return html(pages::transcript_page(*doc, load_turns(c.db, id), *reading, hl, q));
    if (doc->info.type == schema::kTypeInterview && !doc->html.empty())
        doc->html = pages::insert_before_transcript(doc->html, pages::speakers_nav(id, load_turns(c.db, id)));
    return html(pages::document_page(*doc, hl, q));
}

}  // namespace

// A transcript read by speaker (parse_reading(), transcript_page()) throws
// what it refuses.
Outcome document_html(const Context& c) {
    return errors_as_values([&] { return document_answer(c); });
}

Outcome document_json(const Context& c) {
    auto doc = load_document(c.index, c.tail);
    if (!doc) return NotFound{"aucun document « " + c.tail + " » dans l'index"};
    return json(to_json(*doc));
}

Outcome partnership_html(const Context& c) {
    auto v = load_partnership(c.index, c.tail);
    if (!v) return NotFound{"aucun partenariat « " + c.tail + " » dans l'index", id_words(c.tail)};
    v->record.html = c.router.page_views().page(c.index, v->record);
    return html(pages::partnership_page(*v));
}

Outcome partnership_json(const Context& c) {
    auto v = load_partnership(c.index, c.tail);
    if (!v) return NotFound{"aucun partenariat « " + c.tail + " » dans l'index"};
    return json(to_json(*v));
}

Outcome opensearch(const Context& c) {
    const std::string base = html_escape(public_base(c.router.config(), c.request.host));
    http::Response r;
    r.content_type = "application/opensearchdescription+xml; charset=utf-8";
    r.body =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">"
        "<ShortName>coopdec</ShortName>"
        "<Description>Coopération décentralisée au Togo : lois, conventions, entretiens</Description>"
        "<InputEncoding>UTF-8</InputEncoding><Language>fr</Language>"
        "<Url type=\"text/html\" method=\"get\" template=\"" +
        base +
        "/recherche?q={searchTerms}\"/>"
        "<Url type=\"application/json\" method=\"get\" template=\"" +
        base +
        "/api/search?q={searchTerms}\"/>"
        "</OpenSearchDescription>\n";
    return r;
}

Outcome healthz(const Context& c) {
    http::Response r;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "ok " + std::to_string(c.db.get_termfreq(schema::kind_term(schema::kKindDoc))) + " documents\n";
    return r;
}

namespace {

// One Prometheus gauge or counter: its help, its type and its value.
std::string prometheus_line(const std::string& name, const char* type, const char* help, size_t value) {
    return "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n" + name + " " + std::to_string(value) +
           "\n";
}

}  // namespace

Outcome metrics(const Context& c) {
    http::Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = c.router.metrics().prometheus(c.db.get_termfreq(schema::kind_term(schema::kKindDoc)));
    SearchCache::Stats s = c.router.search_cache().stats();
    r.body +=
        "# HELP coopdec_facet_cache_lookups_total Searches whose exact counts were in the cache (hit) or not (miss).\n"
        "# TYPE coopdec_facet_cache_lookups_total counter\n"
        "coopdec_facet_cache_lookups_total{result=\"hit\"} " +
        std::to_string(s.hits) +
        "\n"
        "coopdec_facet_cache_lookups_total{result=\"miss\"} " +
        std::to_string(s.misses) + "\n";
    r.body += prometheus_line("coopdec_facet_cache_bytes", "gauge", "Estimated size of the cached counts.", s.bytes);
    r.body += prometheus_line("coopdec_facet_table_bytes", "gauge",
                              "Size of the facet table of the current revision (search/facet_table.h).", s.table_bytes);
    r.body += prometheus_line("coopdec_phrase_cache_phrases", "gauge",
                              "Phrases whose documents are remembered for the current revision.", s.phrases);
    r.body += prometheus_line("coopdec_phrase_cache_bytes", "gauge",
                              "Estimated size of the remembered phrases' documents.", s.phrase_bytes);
    r.body += prometheus_line("coopdec_facet_tables_read_total", "counter",
                              "Facet tables read, one per revision of the index searched.", s.tables_read);
    r.body += prometheus_line("coopdec_publication_context_files", "gauge",
                              "Corpus files whose context a publication has in memory.",
                              c.router.publisher() ? c.router.publisher()->context_files() : 0);
    return r;
}

Outcome static_file(const Context& c) {
    const auto& statics = c.router.config().statics;
    auto it = statics.find("/static/" + c.tail);
    if (it == statics.end()) return NotFound{"aucun fichier « /static/" + c.tail + " »"};
    http::Response r;
    r.content_type = it->second.content_type;
    r.body = it->second.body;
    r.cacheable = true;
    return r;
}

}  // namespace coopdec::handlers
