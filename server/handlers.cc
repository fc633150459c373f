// @brief Route handlers: request → search or lookup → rendered response.
#include "server/handlers.h"

#include <ctime>
#include <sstream>

#include "common/escape.h"
#include "common/schema.h"
#include "search/document.h"
#include "search/legal.h"
#include "search/names.h"
#include "server/law_page.h"
#include "server/page_parts.h"
#include "search/query_parser.h"
#include "search/request.h"
#include "search/result_json.h"
#include "search/search.h"
#include "server/pages.h"
#include "server/dossier_pages.h"
#include "search/transcript.h"
#include "server/transcript_page.h"

namespace coopdec::handlers {
namespace {

// The request's parameters as a SearchRequest; a parameter that is not a
// search parameter is a 400, so that a typo is not silently ignored.
SearchRequest search_request(const http::Request& req) {
    SearchRequest s;
    for (const auto& [name, value] : req.params) {
        // Reserved for exports (server/export.h): the separator with a format only.
        if (name == "format" || (name == "separateur" && req.get("format"))) continue;
        if (auto err = apply_parameter(s, name, value)) throw *err;
    }
    return s;
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

// References and citations become links to the provisions the index
// holds; a legal text's articles get their citation form and « Cité par ».
// A link from a dated document that is no legal text (an agreement, a
// record, a transcript) to a provision: the version in force at that date,
// and the date and article carried (?cite_le=…&cite_art=…) so that the
// target page says when the text shown is not the one the document cited.
std::string dated_link(const Provision& p, const std::string& date) {
    if (date.size() != 10 || !valid_iso_date(date)) return p.url;
    std::string url = schema::doc_url(p.doc_id) + "?cite_le=" + date;
    if (!p.anchor.empty()) url += "&cite_art=" + url_encode(p.anchor) + "#" + p.anchor;
    return url;
}

// The provision `href` (a modification's source or destination) names, as
// prose and a link: the latest version, the text itself when it is ours.
pages::Related related(const Xapian::Database& db, const std::string& href, const std::string& own_work,
                       const std::string& fallback_label) {
    pages::Related r;
    if (auto p = resolve_target(db, akn::parse_href(href, own_work))) {
        r.prose = pages::provision_prose(p->label);
        r.url = p->url;
    } else {
        r.prose = fallback_label.empty() ? href : pages::provision_prose(fallback_label);
    }
    return r;
}

void add_legal_links(const Xapian::Database& db, DocumentView& doc) {
    if (doc.html.empty()) return;
    const std::string own_work = document_work(db, doc.info.id);
    const std::string own_number = document_act_number(db, doc.info.id);
    const std::string signed_on = own_number.empty() ? doc.info.date : std::string();
    doc.html = pages::link_references(doc.html, [&](const std::string& href) -> std::optional<std::string> {
        auto p = resolve_target(db, akn::parse_href(href, own_work), signed_on);
        if (!p) return std::nullopt;
        return own_number.empty() ? dated_link(*p, signed_on) : p->url;
    });
    doc.html = pages::link_citations(doc.html, [&](citation::Citation cite) -> std::optional<std::string> {
        // In a legal text, an article cited alone is one of its own.
        if (cite.act_number.empty() && cite.act_kind.empty()) {
            if (own_number.empty()) return std::nullopt;
            cite.act_number = own_number;
        }
        // An agreement's citations open the version in force when it was signed.
        auto found = resolve_citation(db, cite, signed_on);
        if (found.empty()) return std::nullopt;
        return own_number.empty() ? dated_link(found.front(), signed_on) : found.front().url;
    });
    if (own_number.empty()) return;
    doc.citation = citation_form(db, doc.info.id);
    bool all_summaries = !doc.units.empty();
    for (const auto& u : doc.units) all_summaries = all_summaries && u.summary;
    doc.citation_of_summary = all_summaries;
    // The modifications this text makes to others (activeModifications):
    // "anchor\x1ftype\x1fdestination" lines; "" anchor for the text as a whole.
    std::map<std::string, std::vector<pages::Related>> modifies;
    std::istringstream mods(doc.data["modifies"]);
    for (std::string line; std::getline(mods, line);) {
        std::vector<std::string> f = schema::split_values(line);
        f.resize(3);
        if (!f[2].empty()) modifies[f[0]].push_back(related(db, f[2], own_work, ""));
    }
    // "date\x1ftype\x1fhref\x1flabel" → an entry, linked when the other text is here.
    auto entry = [&](const std::string& line) {
        std::vector<std::string> f = schema::split_values(line);
        f.resize(4);
        pages::HistoryEntry e{f[0], f[1], f[3], ""};
        if (auto p = resolve_target(db, akn::parse_href(f[2], own_work))) e.url = p->url;
        if (e.label.empty() && !f[2].empty()) e.label = f[2];
        return e;
    };
    std::vector<pages::HistoryEntry> lifecycle;
    std::istringstream events(doc.data["lifecycle"]);
    for (std::string line; std::getline(events, line);)
        if (!line.empty()) lifecycle.push_back(entry(line));
    doc.history_html = pages::versions_html(versions(db, doc.info.id), doc.info.id) +
                       pages::history_html(lifecycle, doc.data["version"], doc.info.date) + pages::modifies_html(modifies[""]);
    std::map<std::string, pages::ArticleNotes> notes;
    for (const auto& u : doc.units) {
        pages::ArticleNotes n{citation_form(db, doc.info.id, u.anchor), cited_by(db, doc.info.id, u.anchor), {}, u.url, u.summary, {}, {}};
        n.summary = u.summary;
        for (const auto& line : u.amended) {
            n.amended.push_back(entry(line));
            // A new wording: where it comes from, in the amending text.
            std::vector<std::string> f = schema::split_values(line);
            f.resize(4);
            if (f[1] == "substitution" || f[1] == "insertion") n.wording_from.push_back(related(db, f[2], own_work, f[3]));
        }
        if (auto m = modifies.find(u.anchor); m != modifies.end() && !u.anchor.empty()) n.modifies = m->second;
        notes[u.anchor] = std::move(n);
    }
    doc.html = pages::add_article_notes(doc.html, notes);
}

std::string today_iso() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[11];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

// A date parameter that names no day: 400, the date as typed, and the page without it.
http::Response bad_date(const std::string& id, const std::string& name, const std::string& value) {
    http::Response r;
    r.status = 400;
    const std::string page = schema::doc_url(id);
    r.body = pages::layout("Date non valide",
                           "<h1>Date non valide</h1><p class=\"error\">La date « " + html_escape(value) +
                               " » (paramètre " + html_escape(name) +
                               ") n'est pas une date du calendrier : écrivez-la AAAA-MM-JJ, par exemple 2015-01-01.</p>" +
                               pages::date_form(page, value) + "<p><a href=\"" + html_escape(page) +
                               "\">Voir le texte sans date</a></p>");
    return r;
}

// What a dated link from another document (?cite_le=D&cite_art=A) must
// know: « Ce lien vient d'un document du … ; l'article 46 a été modifié le
// … par … : le texte affiché n'est pas celui que ce document citait ». The
// changes are read from the latest version (its units' passive
// modifications, else its lifecycle); "" when nothing is to be said.
std::string citing_notice(const Context& c, const std::vector<Version>& vs, const std::optional<size_t>& in_force,
                          const std::string& cited_on, const std::string& cited_art) {
    if (vs.empty()) return {};
    auto latest = load_document(c.index, vs.back().doc_id);
    if (!latest) return {};
    const std::string own_work = document_work(c.db, latest->info.id);
    auto other = [&](const std::string& href, const std::string& label) {
        pages::Related r = related(c.db, href, own_work, label);
        return r.url.empty() ? html_escape(r.prose) : "<a href=\"" + html_escape(r.url) + "\">" + html_escape(r.prose) + "</a>";
    };
    std::vector<std::string> changes;
    std::string what = "le texte";
    for (const auto& u : latest->units) {
        if (u.anchor != cited_art || cited_art.empty()) continue;
        for (const auto& line : u.amended) {
            std::vector<std::string> f = schema::split_values(line);
            f.resize(4);
            if (f[0] > cited_on) changes.push_back("le " + html_escape(pages::french_date(f[0])) + " par " + other(f[2], f[3]));
        }
        if (!changes.empty()) what = pages::provision_prose(citation_form(c.db, latest->info.id, u.anchor));
        // "l'article 46 de la loi …" → "l'article 46": the law is the page's.
        if (size_t de = what.find(" de "); de != std::string::npos && !changes.empty()) what = what.substr(0, de);
    }
    if (changes.empty()) {
        std::istringstream events(latest->data["lifecycle"]);
        for (std::string line; std::getline(events, line);) {
            std::vector<std::string> f = schema::split_values(line);
            f.resize(4);
            if (f[1] != "generation" && f[0] > cited_on)
                changes.push_back("le " + html_escape(pages::french_date(f[0])) + " par " + other(f[2], f[3]));
        }
    }
    if (in_force && changes.empty()) return {};
    std::string out = "<p class=\"notice anachronisme\" role=\"note\">Ce lien vient d'un document du " + html_escape(pages::french_date(cited_on)) + " ; ";
    if (!in_force) out += "le corpus ne contient aucune version de ce texte en vigueur à cette date ; ";
    if (!changes.empty()) {
        out += html_escape(what) + " a été modifié ";
        for (size_t i = 0; i < changes.size(); ++i) out += (i ? ", " : "") + changes[i];
    }
    out += in_force ? " : le texte affiché est celui en vigueur à cette date, pas la version actuelle.</p>"
                    : " : le texte affiché n'est pas celui que ce document citait.</p>";
    return out;
}

// ?date= when no version held was in force at that date: said plainly,
// with the versions held; never another version shown instead.
http::Response no_version_page(const std::string& title, const std::string& action, const std::vector<Version>& vs,
                               const std::string& date) {
    std::string main = "<h1>" + html_escape(title) + "</h1><p class=\"notice\">Aucune version de ce texte en vigueur le " +
                       html_escape(pages::french_date(date)) + " n'est dans le corpus : la plus ancienne qu'il contient date du " +
                       html_escape(pages::french_date(vs.front().date)) + ".</p>" + pages::versions_html(vs, "") +
                       pages::date_form(action, date);
    return html(pages::layout(title, main));
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
http::Response search_page_response(const Context& c, bool home) {
    SearchRequest s = search_request(c.request);
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
        notice = "La page " + std::to_string(r.page) + " n'existe pas : voici la dernière (" + std::to_string(last) + ").";
        s.page = last;
        r = run_search(c, s);
        for (auto& [name, value] : params)
            if (name == "page") value = std::to_string(last);
    }
    add_turn_context(c.db, r);  // the turns around an utterance (search/transcript.h)
    return html(pages::search_page(r, params, home, Names::load(c.index).get(), notice));
}

}  // namespace

http::Response home(const Context& c) { return search_page_response(c, true); }

http::Response search_html(const Context& c) { return search_page_response(c, false); }

http::Response search_json(const Context& c) {
    SearchRequest s = search_request(c.request);
    return json(to_json(run_search(c, s)));
}

http::Response document_html(const Context& c) {
    std::string id = c.tail;
    const std::string source_suffix = "/source.xml";
    if (id.size() > source_suffix.size() && id.compare(id.size() - source_suffix.size(), source_suffix.size(), source_suffix) == 0) {
        id.resize(id.size() - source_suffix.size());
        auto xml = load_source(c.index, id);
        if (!xml) throw NotFound{"aucun document « " + id + " » dans l'index", id_words(id)};
        http::Response r;
        r.content_type = "application/xml; charset=utf-8";
        r.body = std::move(*xml);
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + id + ".xml\"");
        return r;
    }
    // A legal text's versions: ?date= (or a dated link's ?cite_le=) opens
    // the one in force at that date; a work's address, the one in force today.
    const std::string date = c.request.get("date").value_or("");
    const std::string cited_on = c.request.get("cite_le").value_or("");
    const std::string cited_art = c.request.get("cite_art").value_or("");
    if (!date.empty() && !valid_iso_date(date)) return bad_date(id, "date", date);
    if (!cited_on.empty() && !valid_iso_date(cited_on)) return bad_date(id, "cite_le", cited_on);
    auto doc = load_document(c.index, id);
    std::vector<Version> vs = doc ? versions(c.db, id) : work_versions(c.db, id);
    if (!doc && vs.empty()) throw NotFound{"aucun document « " + id + " » dans l'index", id_words(id)};
    std::string version_html;
    if (!vs.empty() && (!doc || !date.empty() || !cited_on.empty())) {
        const std::string at = !date.empty() ? date : !cited_on.empty() ? cited_on : today_iso();
        std::optional<size_t> in_force = version_in_force(vs, at);
        if (!in_force && !date.empty()) {
            auto any = load_document(c.index, vs.back().doc_id);
            return no_version_page(any ? any->info.title : id, schema::doc_url(id), vs, date);
        }
        // A dated link to a text not yet in force then: the first version, with the notice.
        size_t shown = in_force ? *in_force : (!cited_on.empty() ? 0 : vs.size() - 1);
        if (!doc || vs[shown].doc_id != id) doc = load_document(c.index, vs[shown].doc_id);
        if (!doc) throw NotFound{"aucun document « " + id + " » dans l'index", id_words(id)};
        version_html = pages::version_line(vs[shown], date.empty() && cited_on.empty() ? std::string() : at);
        if (!cited_on.empty()) version_html = citing_notice(c, vs, in_force, cited_on, cited_art) + version_html;
    }
    std::string q = c.request.get("q").value_or("");
    if (doc->info.type == "partenariat") {
        // A partnership record is read on its own page, with its documents:
        // one address per record, old links and bookmarks led there.
        http::Response r;
        r.status = 301;
        r.headers.emplace_back("Location", schema::partnership_url(id) + (q.empty() ? "" : "?q=" + url_encode(q)));
        r.body = pages::layout("Page déplacée", "<h1>Page déplacée</h1><p>Cette fiche de partenariat se lit sur <a href=\"" +
                                                    html_escape(schema::partnership_url(id)) + "\">sa page</a>.</p>");
        return r;
    }
    add_legal_links(c.db, *doc);
    if (!doc->citation.empty())
        doc->history_html = version_html + doc->history_html + pages::date_form(schema::doc_url(id), date);
    doc->html = pages::add_dossier_links(doc->html, *doc);  // « Ajouter au dossier » (server/dossier_pages.h)
    if (q.size() > kMaxQueryBytes) throw SearchError{"requête trop longue"};
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
    if (doc->info.type == "entretien" && !doc->html.empty())
        doc->html = pages::insert_before_transcript(doc->html, pages::speakers_nav(id, load_turns(c.db, id)));
    return html(pages::document_page(*doc, hl, q));
}

http::Response document_json(const Context& c) {
    auto doc = load_document(c.index, c.tail);
    if (!doc) throw NotFound{"aucun document « " + c.tail + " » dans l'index"};
    return json(to_json(*doc));
}

http::Response partnership_html(const Context& c) {
    auto v = load_partnership(c.index, c.tail);
    if (!v) throw NotFound{"aucun partenariat « " + c.tail + " » dans l'index", id_words(c.tail)};
    return html(pages::partnership_page(*v));
}

http::Response partnership_json(const Context& c) {
    auto v = load_partnership(c.index, c.tail);
    if (!v) throw NotFound{"aucun partenariat « " + c.tail + " » dans l'index"};
    return json(to_json(*v));
}

http::Response opensearch(const Context& c) {
    const std::string base = html_escape(public_base(c.router.config(), c.request.host));
    http::Response r;
    r.content_type = "application/opensearchdescription+xml; charset=utf-8";
    r.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">"
             "<ShortName>coopdec</ShortName>"
             "<Description>Coopération décentralisée au Togo : lois, conventions, entretiens</Description>"
             "<InputEncoding>UTF-8</InputEncoding><Language>fr</Language>"
             "<Url type=\"text/html\" method=\"get\" template=\"" + base + "/recherche?q={searchTerms}\"/>"
             "<Url type=\"application/json\" method=\"get\" template=\"" + base + "/api/search?q={searchTerms}\"/>"
             "</OpenSearchDescription>\n";
    return r;
}

http::Response healthz(const Context& c) {
    http::Response r;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "ok " + std::to_string(c.db.get_termfreq(std::string(schema::kPrefixKind) + "doc")) + " documents\n";
    return r;
}

http::Response metrics(const Context& c) {
    http::Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = c.router.metrics().prometheus(c.db.get_termfreq(std::string(schema::kPrefixKind) + "doc"));
    SearchCache::Stats s = c.router.search_cache().stats();
    r.body += "# HELP coopdec_facet_cache_lookups_total Searches whose exact counts were in the cache (hit) or not (miss).\n"
              "# TYPE coopdec_facet_cache_lookups_total counter\n"
              "coopdec_facet_cache_lookups_total{result=\"hit\"} " + std::to_string(s.hits) + "\n"
              "coopdec_facet_cache_lookups_total{result=\"miss\"} " + std::to_string(s.misses) + "\n"
              "# HELP coopdec_facet_cache_bytes Estimated size of the cached counts.\n"
              "# TYPE coopdec_facet_cache_bytes gauge\n"
              "coopdec_facet_cache_bytes " + std::to_string(s.bytes) + "\n"
              "# HELP coopdec_facet_table_bytes Size of the facet table of the current revision (search/facet_table.h).\n"
              "# TYPE coopdec_facet_table_bytes gauge\n"
              "coopdec_facet_table_bytes " + std::to_string(s.table_bytes) + "\n"
              "# HELP coopdec_facet_tables_read_total Facet tables read, one per revision of the index searched.\n"
              "# TYPE coopdec_facet_tables_read_total counter\n"
              "coopdec_facet_tables_read_total " + std::to_string(s.tables_read) + "\n";
    return r;
}

http::Response static_file(const Context& c) {
    const auto& statics = c.router.config().statics;
    auto it = statics.find("/static/" + c.tail);
    if (it == statics.end()) throw NotFound{"aucun fichier « /static/" + c.tail + " »"};
    http::Response r;
    r.content_type = it->second.content_type;
    r.body = it->second.body;
    r.cacheable = true;
    return r;
}

}  // namespace coopdec::handlers
