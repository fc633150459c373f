// @brief A transcript read by speaker or role, its speakers' links, and the
// turns around an utterance in search results.
//
// The page is built from the turns the index stores (search/transcript.h
// says why not from the stored rendering). It keeps the rendering's anchors
// (u_N…) on its own turns, so that /doc/ID?locuteur=X#u_5 and /doc/ID#u_5
// land on the same moment, and every link is a plain GET: no JavaScript.
#include "server/transcript_page.h"

#include "common/escape.h"
#include "common/schema.h"
#include "search/transcript.h"
#include "server/handlers.h"
#include "server/page_parts.h"
#include "server/pages.h"

namespace coopdec {
namespace {

// Characters of a neighbouring turn shown: under a search result, where the
// page has a weight budget, and on the transcript page.
constexpr size_t kResultExcerpt = 60;
constexpr size_t kPageExcerpt = 240;

// At most `max` characters of a user's value, for an error message.
std::string shown_value(const std::string& value, size_t max = 60) {
    size_t chars = 0;
    for (size_t i = 0; i < value.size(); ++i) {
        if ((static_cast<unsigned char>(value[i]) & 0xC0) == 0x80) continue;
        if (chars++ == max) return value.substr(0, i) + "…";
    }
    return value;
}

std::string speaker_name(const std::string& name) { return name.empty() ? "Intervenant inconnu" : name; }

std::string role_text(const std::string& role) {
    return role.empty() ? std::string() : pages::value_label("role", role);
}

// "/doc/ID?locuteur=…&role=…&contexte=1&q=…", HTML-escaped, with `fragment`.
std::string reading_href(const std::string& doc_id, const TranscriptReading& r, const std::string& query,
                         const std::string& fragment = {}) {
    http::Params p;
    if (!r.who.empty()) p.emplace_back("locuteur", r.who);
    if (!r.role.empty()) p.emplace_back("role", r.role);
    if (r.context) p.emplace_back("contexte", "1");
    if (!query.empty()) p.emplace_back("q", query);
    std::string url = "/doc/" + doc_id;
    std::string qs = http::encode_params(p);
    if (!qs.empty()) url += "?" + qs;
    if (!fragment.empty()) url += "#" + fragment;
    return html_escape(url);
}

// The whole transcript at `anchor`, with the query to highlight.
std::string moment_href(const std::string& doc_id, const std::string& anchor, const std::string& query) {
    std::string url = "/doc/" + doc_id + (query.empty() ? "" : "?q=" + url_encode(query));
    if (!anchor.empty()) url += "#" + anchor;
    return html_escape(url);
}

// One neighbouring turn on the transcript page: who, an excerpt, a link to
// it in the whole transcript.
std::string neighbour_line(const std::string& doc_id, const Turn& t, bool before, const std::string& query) {
    std::string text = before ? excerpt_end(t.text, kPageExcerpt) : excerpt_start(t.text, kPageExcerpt);
    return std::string("<p class=\"ctx\"><span class=\"vh\">") + (before ? "Juste avant, " : "Juste après, ") +
           "</span><a href=\"" + moment_href(doc_id, t.anchor, query) + "\">" + html_escape(speaker_name(t.speaker)) +
           "</a> : " + html_escape(text) + "</p>";
}

// A passage's neighbour under a search result: lighter (no link: the hit
// itself links to that moment), shorter, and no words for screen readers
// saying before or after (the order says it): a page of twenty passages
// carries forty of these within the page's weight budget.
std::string result_neighbour(const std::optional<Turn>& t, bool before) {
    if (!t) return {};
    std::string text = before ? excerpt_end(t->text, kResultExcerpt) : excerpt_start(t->text, kResultExcerpt);
    return "<p class=\"ctx\"><b>" + html_escape(speaker_name(t->speaker)) + "</b> " + html_escape(text) + "</p>";
}

}  // namespace

std::optional<TranscriptReading> parse_reading(const http::Params& params) {
    TranscriptReading r;
    bool any = false, context_seen = false;
    auto value_of = [](const std::string& name, const std::string& value, bool seen) {
        if (seen) throw SearchError{"le paramètre « " + name + " » n'est accepté qu'une fois"};
        if (value.empty()) throw SearchError{"le paramètre « " + name + " » est vide"};
        if (value.size() > kMaxReadingValue)
            throw SearchError{"valeur de « " + name + " » trop longue (" + std::to_string(kMaxReadingValue) +
                              " octets au plus)"};
        for (unsigned char ch : value)
            if (ch < 0x20 || ch == 0x7f) throw SearchError{"caractère de contrôle dans « " + name + " »"};
        return value;
    };
    bool who_seen = false, role_seen = false;
    for (const auto& [name, value] : params) {
        if (name == "locuteur") {
            r.who = value_of(name, value, who_seen);
            who_seen = any = true;
        } else if (name == "role") {
            r.role = value_of(name, value, role_seen);
            role_seen = any = true;
        } else if (name == "contexte") {
            if (context_seen) throw SearchError{"le paramètre « contexte » n'est accepté qu'une fois"};
            if (value != "1") throw SearchError{"« contexte » vaut 1 (afficher le contexte de chaque intervention)"};
            r.context = context_seen = true;
        }
    }
    if (context_seen && !any)
        throw SearchError{
            "« contexte » s'emploie avec « locuteur » ou « role » : la transcription complète "
            "montre déjà chaque intervention dans son contexte"};
    if (!any) return std::nullopt;
    return r;
}

namespace pages {

std::string speakers_nav(const std::string& doc_id, const std::vector<Turn>& turns, const TranscriptReading* current) {
    if (turns.empty()) return {};
    const std::string query;  // the lists change the reading, not the highlighted words
    auto count = [](size_t n) { return std::to_string(n) + (n > 1 ? " interventions" : " intervention"); };
    std::string out =
        "<nav class=\"speakers\" aria-labelledby=\"par-intervenant\"><h2 id=\"par-intervenant\">"
        "Lire par intervenant</h2><ul>";
    for (const Speaker& s : speakers_of(turns)) {
        out += "<li>";
        std::string label = html_escape(speaker_name(s.name));
        if (s.who.empty()) {
            out += label;  // nothing to ask for: no ?locuteur= names it
        } else {
            TranscriptReading r{s.who, "", current && current->context};
            bool here = current && current->who == s.who && current->role.empty();
            out += "<a href=\"" + reading_href(doc_id, r, query) + "\"" + (here ? " aria-current=\"page\"" : "") + ">" +
                   label + "</a>";
        }
        if (!s.role.empty()) out += " <span class=\"role\">(" + html_escape(role_text(s.role)) + ")</span>";
        out += " : " + count(s.turns) + "</li>";
    }
    out += "</ul>";
    auto roles = roles_of(turns);
    if (!roles.empty()) {
        out += "<p>Par rôle : ";
        for (size_t i = 0; i < roles.size(); ++i) {
            TranscriptReading r{"", roles[i].first, current && current->context};
            bool here = current && current->who.empty() && current->role == roles[i].first;
            out += std::string(i ? " · " : "") + "<a href=\"" + reading_href(doc_id, r, query) + "\"" +
                   (here ? " aria-current=\"page\"" : "") + ">" + html_escape(role_text(roles[i].first)) + "</a> (" +
                   std::to_string(roles[i].second) + ")";
        }
        out += "</p>";
    }
    return out + "</nav>";
}

std::string insert_before_transcript(const std::string& rendered, const std::string& block) {
    size_t at = rendered.find("<div class=\"transcript\"");
    if (at == std::string::npos) return rendered + block;
    return rendered.substr(0, at) + block + rendered.substr(at);
}

std::string transcript_page(const DocumentView& doc, const std::vector<Turn>& turns, const TranscriptReading& reading,
                            const Highlight& highlight, const std::string& query) {
    const ResultDocument& d = doc.info;
    if (d.type != schema::kTypeInterview)
        throw SearchError{"« locuteur », « role » et « contexte » ne s'appliquent qu'aux entretiens : « " + d.id +
                          " » n'en est pas un"};
    std::vector<size_t> shown = select_turns(turns, reading.who, reading.role);
    if (shown.empty()) {
        if (!reading.who.empty() && select_turns(turns, reading.who, "").empty())
            throw handlers::NotFound{"aucun intervenant « " + shown_value(reading.who) + " » dans cet entretien"};
        if (!reading.role.empty() && select_turns(turns, "", reading.role).empty())
            throw handlers::NotFound{"aucun intervenant de rôle « " + shown_value(reading.role) +
                                     " » dans cet entretien"};
        throw handlers::NotFound{"« " + shown_value(reading.who) + " » ne parle pas en tant que « " +
                                 shown_value(reading.role) + " » dans cet entretien"};
    }

    // Whom the page is about, in words: a speaker (with the role of the
    // speaker's first turn shown), else a role.
    const Turn& first = turns[shown.front()];
    std::string whom = reading.who.empty() ? "du rôle « " + role_text(reading.role) + " »"
                                           : "de " + speaker_name(first.speaker) +
                                                 (first.role.empty() ? "" : " (" + role_text(first.role) + ")");
    std::string main =
        "<header class=\"doc-header\"><p class=\"doc-type\">Entretien · lecture par intervenant</p><h1>" +
        html_escape(d.title) + "</h1>";
    if (!d.date.empty()) main += "<p class=\"doc-date\">" + html_escape(french_date(d.date)) + "</p>";
    if (d.demo)
        main += "<p class=\"demo-notice\" role=\"note\"><strong>Document de démonstration</strong> — " +
                html_escape(d.notice) + "</p>";
    main += "</header><div class=\"doc-links\"><p><a href=\"" + moment_href(d.id, "", query) +
            "\">Toute la transcription</a></p>";
    if (!query.empty())
        main += "<p class=\"from-search\">Termes recherchés surlignés : « " + html_escape(query) + " »</p>";
    main += "</div>" + speakers_nav(d.id, turns, &reading);

    main += "<section class=\"reading\" aria-labelledby=\"lecture\"><h2 id=\"lecture\">Interventions " +
            html_escape(whom) + " : " + std::to_string(shown.size()) + " sur " + std::to_string(turns.size()) + "</h2>";
    TranscriptReading toggled = reading;
    toggled.context = !reading.context;
    main += "<p class=\"ctx-toggle\"><a href=\"" + reading_href(d.id, toggled, query) + "\">" +
            (reading.context ? "Masquer le contexte" : "Afficher le contexte de chaque intervention (tours voisins)") +
            "</a></p><div class=\"transcript\"";
    if (!doc.lang.empty()) main += " lang=\"" + html_escape(doc.lang) + "\"";
    main += ">";
    for (size_t i : shown) {
        const Turn& t = turns[i];
        main += "<div class=\"u\" id=\"" + html_escape(t.anchor) + "\">";
        if (reading.context && i > 0) main += neighbour_line(d.id, turns[i - 1], true, query);
        main += "<p class=\"speaker\"><span class=\"name\">" + html_escape(speaker_name(t.speaker)) + "</span>";
        if (!t.role.empty()) main += " <span class=\"role\">(" + html_escape(role_text(t.role)) + ")</span>";
        main += " · <a href=\"" + moment_href(d.id, t.anchor, query) + "\">dans l'entretien</a>";
        if (!reading.context)
            main += " · <a href=\"" + reading_href(d.id, toggled, query, t.anchor) + "\">contexte</a>";
        main += "</p><p>" + highlight_html(html_escape(t.text), highlight, doc.lang) + "</p>";
        if (reading.context && i + 1 < turns.size()) main += neighbour_line(d.id, turns[i + 1], false, query);
        main += "</div>";
    }
    main += "</div></section>";
    return layout(d.title + " — interventions " + whom, main, query);
}

std::string turn_before_html(const Passage& p) { return result_neighbour(p.before, true); }
std::string turn_after_html(const Passage& p) { return result_neighbour(p.after, false); }

}  // namespace pages
}  // namespace coopdec
