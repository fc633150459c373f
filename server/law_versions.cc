// @brief The legal side of a document page: references and citations as
// links (dated from agreements), the links between amended and amending
// provisions, and which version of a legal text a request opens.
#include "server/law_versions.h"

#include <ctime>
#include <map>

#include "common/escape.h"
#include "common/schema.h"
#include "search/legal.h"
#include "server/law_page.h"
#include "server/page_parts.h"
#include "server/pages.h"

namespace coopdec::handlers {
namespace {

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

}  // namespace

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
    for (const LegalModification& m : parse_legal_modifications(doc.data[schema::kFieldModifies]))
        if (!m.destination.empty()) modifies[m.anchor].push_back(related(db, m.destination, own_work, ""));
    // A lifecycle or amendment line → an entry, linked when the other text is here.
    auto entry = [&](const LegalEvent& ev) {
        pages::HistoryEntry e{ev.date, ev.type, ev.label, ""};
        if (auto p = resolve_target(db, akn::parse_href(ev.href, own_work))) e.url = p->url;
        if (e.label.empty() && !ev.href.empty()) e.label = ev.href;
        return e;
    };
    std::vector<pages::HistoryEntry> lifecycle;
    for (const LegalEvent& ev : parse_legal_events(doc.data[schema::kFieldLifecycle])) lifecycle.push_back(entry(ev));
    doc.history_html = pages::versions_html(versions(db, doc.info.id), doc.info.id) +
                       pages::history_html(lifecycle, doc.data[schema::kFieldVersion], doc.info.date) +
                       pages::modifies_html(modifies[""]);
    std::map<std::string, pages::ArticleNotes> notes;
    for (const auto& u : doc.units) {
        pages::ArticleNotes n{citation_form(db, doc.info.id, u.anchor),
                              cited_by(db, doc.info.id, u.anchor),
                              {},
                              u.url,
                              u.summary,
                              {},
                              {}};
        n.summary = u.summary;
        for (const auto& line : u.amended) {
            const LegalEvent ev = parse_legal_event(line);
            n.amended.push_back(entry(ev));
            // A new wording: where it comes from, in the amending text.
            if (ev.type == "substitution" || ev.type == "insertion")
                n.wording_from.push_back(related(db, ev.href, own_work, ev.label));
        }
        if (auto m = modifies.find(u.anchor); m != modifies.end() && !u.anchor.empty()) n.modifies = m->second;
        notes[u.anchor] = std::move(n);
    }
    doc.html = pages::add_article_notes(doc.html, notes);
}

namespace {

// A date parameter that names no day: 400, the date as typed, and the page without it.
http::Response bad_date(const std::string& id, const std::string& name, const std::string& value) {
    http::Response r;
    r.status = 400;
    const std::string page = schema::doc_url(id);
    r.body = pages::layout(
        "Date non valide",
        "<h1>Date non valide</h1><p class=\"error\">La date « " + html_escape(value) + " » (paramètre " +
            html_escape(name) +
            ") n'est pas une date du calendrier : écrivez-la AAAA-MM-JJ, par exemple 2015-01-01.</p>" +
            pages::date_form(page, value) + "<p><a href=\"" + html_escape(page) + "\">Voir le texte sans date</a></p>");
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
        return r.url.empty() ? html_escape(r.prose)
                             : "<a href=\"" + html_escape(r.url) + "\">" + html_escape(r.prose) + "</a>";
    };
    std::vector<std::string> changes;
    std::string what = "le texte";
    for (const auto& u : latest->units) {
        if (u.anchor != cited_art || cited_art.empty()) continue;
        for (const auto& line : u.amended) {
            const LegalEvent ev = parse_legal_event(line);
            if (ev.date > cited_on)
                changes.push_back("le " + html_escape(pages::french_date(ev.date)) + " par " +
                                  other(ev.href, ev.label));
        }
        if (!changes.empty()) what = pages::provision_prose(citation_form(c.db, latest->info.id, u.anchor));
        // "l'article 46 de la loi …" → "l'article 46": the law is the page's.
        if (size_t de = what.find(" de "); de != std::string::npos && !changes.empty()) what = what.substr(0, de);
    }
    if (changes.empty()) {
        for (const LegalEvent& ev : parse_legal_events(latest->data[schema::kFieldLifecycle]))
            if (ev.type != "generation" && ev.date > cited_on)
                changes.push_back("le " + html_escape(pages::french_date(ev.date)) + " par " +
                                  other(ev.href, ev.label));
    }
    if (in_force && changes.empty()) return {};
    std::string out = "<p class=\"notice anachronisme\" role=\"note\">Ce lien vient d'un document du " +
                      html_escape(pages::french_date(cited_on)) + " ; ";
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
    std::string main =
        "<h1>" + html_escape(title) + "</h1><p class=\"notice\">Aucune version de ce texte en vigueur le " +
        html_escape(pages::french_date(date)) + " n'est dans le corpus : la plus ancienne qu'il contient date du " +
        html_escape(pages::french_date(vs.front().date)) + ".</p>" + pages::versions_html(vs, "") +
        pages::date_form(action, date);
    http::Response r;
    r.body = pages::layout(title, main);
    return r;
}

}  // namespace

LawPageChoice choose_version(const Context& c, const std::string& id) {
    LawPageChoice out;
    const std::string date = c.request.get("date").value_or("");
    const std::string cited_on = c.request.get("cite_le").value_or("");
    const std::string cited_art = c.request.get("cite_art").value_or("");
    if (!date.empty() && !valid_iso_date(date)) {
        out.answer = bad_date(id, "date", date);
        return out;
    }
    if (!cited_on.empty() && !valid_iso_date(cited_on)) {
        out.answer = bad_date(id, "cite_le", cited_on);
        return out;
    }
    auto& doc = out.doc;
    doc = load_document(c.index, id);
    std::vector<Version> vs = doc ? versions(c.db, id) : work_versions(c.db, id);
    if (!doc && vs.empty()) {
        out.answer = NotFound{"aucun document « " + id + " » dans l'index", id_words(id)};
        return out;
    }
    if (vs.empty()) return out;
    if (doc && date.empty() && cited_on.empty()) {
        // A version opened by its own address stays that version (its
        // permalinks are cited); when it is no longer in force, it says so.
        std::optional<size_t> today = version_in_force(vs, pages::today_iso());
        if (today && vs[*today].doc_id != id) out.version_html = pages::superseded_line(vs[*today]);
        return out;
    }
    const std::string at = !date.empty() ? date : !cited_on.empty() ? cited_on : pages::today_iso();
    std::optional<size_t> in_force = version_in_force(vs, at);
    if (!in_force && !date.empty()) {
        auto any = load_document(c.index, vs.back().doc_id);
        out.answer = no_version_page(any ? any->info.title : id, schema::doc_url(id), vs, date);
        return out;
    }
    // A dated link to a text not yet in force then: its first version, with
    // the notice; a work whose versions are all to come: the latest.
    size_t shown = in_force ? *in_force : (!cited_on.empty() ? 0 : vs.size() - 1);
    if (!doc || vs[shown].doc_id != id) doc = load_document(c.index, vs[shown].doc_id);
    if (!doc) {
        out.answer = NotFound{"aucun document « " + id + " » dans l'index", id_words(id)};
        return out;
    }
    out.version_html = pages::version_line(vs[shown], date.empty() && cited_on.empty() ? std::string() : at);
    if (!cited_on.empty()) out.version_html = citing_notice(c, vs, in_force, cited_on, cited_art) + out.version_html;
    return out;
}

}  // namespace coopdec::handlers
