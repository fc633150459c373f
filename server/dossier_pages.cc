// @brief The dossier's page, handout, exports, and « Ajouter au dossier » links.
#include "server/dossier_pages.h"

#include "common/escape.h"
#include "server/dossier_store.h"
#include "server/http.h"
#include "server/page_parts.h"
#include "server/pages.h"
#include "server/passage_title.h"

namespace coopdec::pages {
namespace {

// One line of a passage's citation: a French label and its plain text.
struct Field {
    std::string label, value;
};

std::string joined(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
    return out;
}

std::string partnership_titles(const DossierPassage& p) {
    std::vector<std::string> titles;
    for (const auto& [id, title] : p.partnerships) titles.push_back(title.empty() ? id : title);
    return joined(titles);
}

// How a passage is named in headings and the table of contents: its
// document's title, place and date, then the passage (server/passage_title.h).
std::string heading(const DossierPassage& p) { return passage_title(p); }

// The citation of a passage, in the order the handout, the Markdown and the
// dossier page print it. The permalink and the demonstration notice are
// given apart (a link, a marked warning).
std::vector<Field> citation_fields(const DossierPassage& p) {
    std::vector<Field> out;
    out.push_back({"Document", p.doc_title});
    out.push_back({"Type", type_label(p.doc_type)});
    if (!p.citation.empty()) out.push_back({"Référence", p.citation});
    if (!p.entry.anchor.empty()) {
        if (!p.speaker.empty()) {
            out.push_back({"Intervenant", p.speaker});
            if (!p.role.empty()) out.push_back({"Rôle", value_label("role", p.role)});
        } else {
            out.push_back({"Passage", p.path.empty() ? p.label : p.path});
        }
    }
    if (!p.date.empty()) out.push_back({"Date", french_date(p.date)});
    if (!p.communes.empty()) out.push_back({p.communes.size() > 1 ? "Communes" : "Commune", joined(p.communes)});
    if (!p.partner.empty()) out.push_back({"Partenaire", p.partner});
    if (!p.partnerships.empty())
        out.push_back({p.partnerships.size() > 1 ? "Partenariats" : "Partenariat", partnership_titles(p)});
    return out;
}

std::string count_text(size_t n) { return std::to_string(n) + (n > 1 ? " passages" : " passage"); }

std::string title_or_default(const Dossier& d) { return d.title.empty() ? "Dossier de formation" : d.title; }

// Plain text as paragraphs: one <p> per non-blank line.
std::string paragraphs(const std::string& text) {
    std::string out;
    for (const std::string& line : non_blank_lines(text)) out += "<p>" + html_escape(line) + "</p>";
    return out;
}

bool any_demo(const std::vector<DossierPassage>& passages) {
    for (const auto& p : passages)
        if (p.demo) return true;
    return false;
}

const char* kDemoWarning =
    "Ce dossier cite des documents de démonstration, rédigés pour l'exemple : ils ne sont pas des textes réels.";

}  // namespace

std::vector<std::pair<std::string, std::string>> passage_citation(const DossierPassage& p) {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto& f : citation_fields(p)) out.emplace_back(std::move(f.label), std::move(f.value));
    return out;
}

std::string demo_warning() { return kDemoWarning; }

std::string dossier_query(const Dossier& d) { return http::encode_params(dossier_params(d)); }

std::string dossier_url(const std::string& route, const Dossier& d) {
    if (!d.share.empty()) {
        // A stored dossier: /dossier/SHARE, /dossier/SHARE/imprimer…
        const std::string base = "/dossier";
        return base + "/" + d.share + (route.size() > base.size() ? route.substr(base.size()) : "");
    }
    std::string q = dossier_query(d);
    return q.empty() ? route : route + "?" + q;
}

std::string add_to_dossier_button(const std::string& doc_id, const std::string& anchor, const std::string& text,
                                  bool in_form) {
    std::string ref = anchor.empty() ? doc_id : doc_id + "#" + anchor;
    return std::string("<button ") + (in_form ? "" : "form=\"ajout\" ") + "name=\"e\" value=\"" + html_escape(ref) +
           "\">" + html_escape(text) + "</button>";
}

std::string add_to_dossier_form(const std::string& page, const std::string& inner) {
    return "<form id=\"ajout\" method=\"post\" action=\"/dossier/ajouter\"><input type=\"hidden\" name=\"retour\" "
           "value=\"" +
           html_escape(page) + "\">" + inner + "</form>";
}

std::string result_anchor(const std::string& doc_id, const std::string& anchor) {
    // Short (a page lists dozens of passages, and weighs under 30 KB): "r"
    // and 24 bits of FNV-1a of the reference, the same on the page and in
    // the server's redirect (two passages of one page sharing one: about
    // one page in 40,000, and the answer then lands on the other).
    const std::string ref = anchor.empty() ? doc_id : doc_id + "#" + anchor;
    uint32_t h = 2166136261u;
    for (unsigned char ch : ref) h = (h ^ ch) * 16777619u;
    static const char* hex = "0123456789abcdef";
    std::string out = "r";
    for (int shift = 20; shift >= 0; shift -= 4) out += hex[(h >> shift) & 15];
    return out;
}

std::string return_fragment(const std::string& retour, const std::string& doc_id, const std::string& anchor) {
    if (retour.rfind("/doc/", 0) == 0) return anchor;
    return result_anchor(doc_id, anchor);
}

std::string add_dossier_links(const std::string& html, const DocumentView& doc, const std::string& page) {
    if (html.empty()) return html;
    std::string out = html;
    for (const auto& u : doc.units) {
        if (u.anchor.empty()) continue;
        const std::string attr = "id=\"" + html_escape(u.anchor) + "\"";
        size_t at = out.find(attr);
        if (at == std::string::npos) continue;
        size_t open_end = out.find('>', at);
        if (open_end == std::string::npos) continue;
        // After the unit's heading (articles, clauses) or speaker line
        // (utterances) when it comes before the next unit; else right inside it.
        size_t next_unit = out.find(" id=\"", at + attr.size());
        size_t close = std::min(out.find("</h", open_end), out.find("</p>", open_end));
        size_t insert_at = open_end + 1;
        if (close != std::string::npos && (next_unit == std::string::npos || close < next_unit)) {
            size_t gt = out.find('>', close);
            if (gt != std::string::npos) insert_at = gt + 1;
        }
        out.insert(insert_at, "<p class=\"to-dossier\">" +
                                  add_to_dossier_button(doc.info.id, u.anchor, "Ajouter au dossier", false) + "</p>");
    }
    // The whole document: right after the rendering's own header.
    const std::string end = "</header>";
    if (size_t h = out.find(end); h != std::string::npos)
        out.insert(h + end.size(),
                   "<p class=\"to-dossier\">" +
                       add_to_dossier_button(doc.info.id, "", "Ajouter tout le document au dossier", false) + "</p>");
    return out + add_to_dossier_form(page);
}

namespace {

// The share link, edit link and exports of a stored dossier; a link's
// dossier offers to be stored.
std::string links_section(const Dossier& d, const DossierPageExtras& extras, bool form_buttons) {
    std::string out =
        "<section class=\"share\" aria-labelledby=\"share-title\"><h2 id=\"share-title\">Partager, imprimer, "
        "exporter</h2>";
    if (!d.share.empty()) {
        const std::string share = extras.public_url + dossier_url("/dossier", d);
        out +=
            "<p>Lien de lecture (à partager : il montre le dossier, l'imprime et l'exporte, sans pouvoir le modifier) "
            ": "
            "<a href=\"" +
            html_escape(dossier_url("/dossier", d)) + "\">" + html_escape(share) + "</a></p>";
        if (!extras.edit_key.empty()) {
            const std::string edit = "/dossier/modifier/" + extras.edit_key;
            out +=
                "<p>Lien de modification (gardez-le pour vous ou pour les co-formateurs : il permet de modifier ce "
                "dossier "
                "depuis un autre navigateur) : <a href=\"" +
                html_escape(edit) + "\">" + html_escape(extras.public_url + edit) + "</a></p>";
        }
    }
    if (form_buttons) {
        // Buttons of the notes' form: the notes are saved first, then the export opens.
        out +=
            "<p class=\"exports\"><button name=\"exporter\" value=\"imprimer\">Imprimer (A4)</button> "
            "<button name=\"exporter\" value=\"pdf\">PDF</button> "
            "<button name=\"exporter\" value=\"markdown\">Markdown</button> "
            "<button name=\"exporter\" value=\"json\">JSON</button> "
            "<button name=\"exporter\" value=\"odt\">OpenDocument (.odt)</button></p>";
    } else {
        out += "<ul><li><a href=\"" + html_escape(dossier_url("/dossier/imprimer", d)) +
               "\">Version à imprimer (A4)</a></li>"
               "<li><a href=\"" +
               html_escape(dossier_url("/dossier/pdf", d)) +
               "\">PDF</a></li>"
               "<li><a href=\"" +
               html_escape(dossier_url("/dossier/markdown", d)) +
               "\">Markdown</a></li>"
               "<li><a href=\"" +
               html_escape(dossier_url("/dossier/json", d)) +
               "\">JSON</a></li>"
               "<li><a href=\"" +
               html_escape(dossier_url("/dossier/odt", d)) + "\">OpenDocument (.odt)</a></li></ul>";
    }
    return out + "</section>";
}

std::string passage_summary(const DossierPassage& p) {
    std::string out =
        "<h3><a href=\"" + html_escape(p.permalink) + "\">" + html_escape(heading(p)) + "</a></h3><p class=\"meta\">";
    if (!p.entry.anchor.empty()) out += html_escape(p.doc_title) + " · ";
    out += html_escape(type_label(p.doc_type));
    if (p.demo) out += " <span class=\"demo\">Document de démonstration</span>";
    if (!p.date.empty()) out += " · " + html_escape(french_date(p.date));
    return out + "</p><p>" + html_escape(shorten(p.text, 240)) + "</p>";
}

}  // namespace

std::string dossier_page(const Dossier& d, const std::vector<DossierPassage>& passages,
                         const DossierPageExtras& extras) {
    using Mode = DossierPageExtras::Mode;
    std::string main = "<h1>" + html_escape(title_or_default(d)) + "</h1>";
    if (!extras.message.empty()) main += "<p class=\"error\" role=\"alert\">" + html_escape(extras.message) + "</p>";
    if (extras.mode == Mode::edit) {
        main +=
            "<p>Un dossier réunit des passages (articles, clauses, interventions, documents entiers) pour un atelier. "
            "Ajoutez-en avec les boutons « Ajouter au dossier » des résultats de recherche et des pages de documents. "
            "Il est conservé sur le serveur ; ce navigateur s'en souvient.</p>";
        // One form: every button submits the whole dossier, so a note typed
        // but not saved survives a move, a print or an export. The first
        // submit button is the one Enter triggers: « Enregistrer », never a move.
        main += "<form class=\"dossier\" action=\"/dossier/enregistrer\" method=\"post\">";
        if (!extras.edit_key.empty())
            main += "<input type=\"hidden\" name=\"cle\" value=\"" + html_escape(extras.edit_key) + "\">";
        main += "<p><label for=\"titre\">Titre du dossier</label> <input id=\"titre\" name=\"titre\" maxlength=\"" +
                std::to_string(kMaxStoredTitleChars) + "\" value=\"" + html_escape(d.title) +
                "\"> <button type=\"submit\">Enregistrer</button></p>";
    } else if (extras.mode == Mode::legacy) {
        main +=
            "<p>Ce dossier vient d'un lien qui le contient tout entier. Enregistrez-le pour le garder sur le serveur, "
            "le modifier et le partager par un lien court.</p>"
            "<form class=\"import\" action=\"/dossier/importer\" method=\"post\">";
        for (const auto& [name, value] : dossier_params(d))
            main += "<input type=\"hidden\" name=\"" + html_escape(name) + "\" value=\"" + html_escape(value) + "\">";
        main += "<button type=\"submit\">Enregistrer ce dossier</button></form>";
    } else {
        main += "<p>Ce dossier se lit ici ; son lien ne permet pas de le modifier.</p>";
    }
    const bool edit = extras.mode == Mode::edit;
    if (passages.empty()) {
        main += "<p class=\"none\">Le dossier est vide.</p>";
    } else {
        main += "<h2>" + html_escape(count_text(passages.size())) + "</h2><ol class=\"dossier\">";
        for (size_t i = 0; i < passages.size(); ++i) {
            const DossierPassage& p = passages[i];
            const std::string n = std::to_string(i + 1);
            main += "<li id=\"p" + n + "\">";
            if (edit) main += "<input type=\"hidden\" name=\"e\" value=\"" + html_escape(entry_ref(p.entry)) + "\">";
            main += passage_summary(p);
            if (!edit) {
                if (!p.entry.note.empty())
                    main += "<div class=\"note\"><p><strong>Note du formateur</strong></p>" + paragraphs(p.entry.note) +
                            "</div>";
                main += "</li>";
                continue;
            }
            main += "<p><label for=\"a" + n + "\">Note pour le passage " + n + "</label><br><textarea id=\"a" + n +
                    "\" name=\"a\" rows=\"4\" cols=\"28\">" + html_escape(p.entry.note) +
                    "</textarea></p><p class=\"moves\">";
            if (i > 0)
                main += "<button name=\"monter\" value=\"" + n + "\">Monter<span class=\"vh\"> le passage " + n +
                        "</span></button> ";
            if (i + 1 < passages.size())
                main += "<button name=\"descendre\" value=\"" + n + "\">Descendre<span class=\"vh\"> le passage " + n +
                        "</span></button> ";
            main += "<button name=\"retirer\" value=\"" + n + "\">Retirer<span class=\"vh\"> le passage " + n +
                    "</span></button></p></li>";
        }
        main += "</ol>";
        if (edit) main += "<p><button type=\"submit\">Enregistrer les notes</button></p>";
    }
    const bool any = !passages.empty() || !d.title.empty();
    if (edit) {
        if (any) main += links_section(d, extras, true);
        main += "</form>";
        if (!d.share.empty())
            main +=
                "<form class=\"new\" action=\"/dossier/nouveau\" method=\"post\"><p><button type=\"submit\">Commencer "
                "un "
                "nouveau dossier</button> (celui-ci reste accessible par ses liens)</p></form>";
    } else if (any && extras.mode == Mode::shared) {
        main += links_section(d, extras, false);
    }
    return layout(title_or_default(d), main);
}

std::string handout_html(const Dossier& d, const std::vector<DossierPassage>& passages, const std::string& date,
                         const std::string& inline_css, const std::string& public_url) {
    const bool pdf = !inline_css.empty();
    const std::string title = title_or_default(d);
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" +
        html_escape(title) + " — coopdec</title>";
    // The CSS is coopdec's own file, never user input; "</" cannot close
    // the element early because the stylesheet holds none.
    out += pdf ? "<style>" + inline_css + "</style>" : "<link rel=\"stylesheet\" href=\"/static/handout.css\">";
    out += "</head><body>";
    if (!pdf)
        out += "<nav class=\"screen\" aria-label=\"Dossier\"><a href=\"" + html_escape(dossier_url("/dossier", d)) +
               "\"><span aria-hidden=\"true\">←</span> Retour au dossier</a> · <a href=\"" +
               html_escape(dossier_url("/dossier/pdf", d)) +
               "\">Télécharger le PDF</a> · Imprimez cette page depuis le navigateur (format A4).</nav>";
    out += "<main><section class=\"title-page\"><p class=\"kicker\">Dossier de formation — coopdec</p><h1>" +
           html_escape(title) + "</h1><p class=\"date\">Établi le " + html_escape(french_date(date)) +
           "</p><p class=\"count\">" + html_escape(count_text(passages.size())) + "</p>";
    if (any_demo(passages))
        out += "<p class=\"demo-notice\"><strong>Attention</strong> — " + html_escape(kDemoWarning) + "</p>";
    // The contents share the title page: one page that says what the
    // handout holds, not a half-empty page of its own.
    out += "<nav class=\"toc\" aria-labelledby=\"toc-title\"><h2 id=\"toc-title\">Sommaire</h2><ol>";
    for (size_t i = 0; i < passages.size(); ++i)
        out +=
            "<li><a href=\"#passage-" + std::to_string(i + 1) + "\">" + html_escape(heading(passages[i])) + "</a></li>";
    out += "</ol></nav></section>";

    for (size_t i = 0; i < passages.size(); ++i) {
        const auto& p = passages[i];
        // A whole document or a long passage starts a page of its own in print.
        const bool long_passage = p.entry.anchor.empty() || p.text.size() > 2000;
        out += "<article class=\"passage" + std::string(long_passage ? " long" : "") + "\" id=\"passage-" +
               std::to_string(i + 1) + "\"><h2><span class=\"num\">" + std::to_string(i + 1) + ".</span> " +
               html_escape(heading(p)) + "</h2>";
        if (p.demo)
            out += "<p class=\"demo-notice\"><strong>Document de démonstration</strong>" +
                   (p.notice.empty() ? std::string() : " — " + html_escape(p.notice)) + "</p>";
        out += "<dl class=\"citation\">";
        for (const auto& f : citation_fields(p))
            out += "<dt>" + html_escape(f.label) + "</dt><dd>" + html_escape(f.value) + "</dd>";
        // The permalink is printed whole: on paper it is the way back.
        const std::string href = public_url + p.permalink;
        out += "<dt>Lien permanent</dt><dd><a class=\"permalink\" href=\"" + html_escape(href) + "\">" +
               html_escape(href) + "</a></dd></dl>";
        // The quote follows its source line: the print stylesheet keeps them on one page.
        out += "<blockquote class=\"text\">" + paragraphs(p.text) + "</blockquote>";
        if (!p.entry.note.empty())
            out += "<aside class=\"note\"><h3>Note du formateur</h3>" + paragraphs(p.entry.note) + "</aside>";
        out += "</article>";
    }
    out += "</main></body></html>\n";
    return out;
}

std::string dossier_markdown(const Dossier& d, const std::vector<DossierPassage>& passages, const std::string& date,
                             const std::string& public_url) {
    std::string out = "# " + md_escape(title_or_default(d)) + "\n\nDossier de formation coopdec, établi le " +
                      md_escape(french_date(date)) + " : " + count_text(passages.size()) + ".\n\n";
    if (any_demo(passages)) out += "**Attention** : " + md_escape(kDemoWarning) + "\n\n";
    out += "## Sommaire\n\n";
    for (size_t i = 0; i < passages.size(); ++i) {
        const auto& p = passages[i];
        out += std::to_string(i + 1) + ". " + md_escape(heading(p)) + "\n";
    }
    for (size_t i = 0; i < passages.size(); ++i) {
        const auto& p = passages[i];
        out += "\n## " + std::to_string(i + 1) + "\\. " + md_escape(heading(p)) + "\n\n";
        if (p.demo)
            out += "**Document de démonstration**" + (p.notice.empty() ? std::string() : " — " + md_escape(p.notice)) +
                   "\n\n";
        for (const auto& f : citation_fields(p)) out += "- " + md_escape(f.label) + " : " + md_escape(f.value) + "\n";
        // A code span keeps the link readable as it is (no backslashes);
        // an anchor holding a backtick, which would end it, is escaped instead.
        const std::string link = public_url + p.permalink;
        const bool code = link.find('`') == std::string::npos;
        out += "- Lien permanent : " + (code ? "`" + link + "`" : md_escape(link)) + "\n\n";
        // Paragraphs stay paragraphs: one blank line between lines of text.
        size_t start = 0;
        while (start <= p.text.size()) {
            size_t end = p.text.find('\n', start);
            if (end == std::string::npos) end = p.text.size();
            std::string line = p.text.substr(start, end - start);
            if (line.find_first_not_of(" \t") != std::string::npos) out += md_escape(line) + "\n\n";
            start = end + 1;
        }
        if (!p.entry.note.empty()) {
            out += "> **Note du formateur**\n>\n";
            size_t s = 0;
            while (s <= p.entry.note.size()) {
                size_t e = p.entry.note.find('\n', s);
                if (e == std::string::npos) e = p.entry.note.size();
                out += "> " + md_escape(p.entry.note.substr(s, e - s)) + "\n";
                s = e + 1;
            }
        }
    }
    return out;
}

std::string dossier_json(const Dossier& d, const std::vector<DossierPassage>& passages, const std::string& date,
                         const std::string& public_url) {
    auto str = [](const std::string& s) { return "\"" + json_escape(s) + "\""; };
    std::string out = "{\"title\":" + str(d.title) + ",\"date\":" + str(date) +
                      ",\"share\":" + str(public_url + dossier_url("/dossier", d)) +
                      ",\"count\":" + std::to_string(passages.size()) + ",\"passages\":[";
    for (size_t i = 0; i < passages.size(); ++i) {
        const auto& p = passages[i];
        if (i) out += ",";
        out += "{\"ref\":" + str(entry_ref(p.entry)) + ",\"document_id\":" + str(p.entry.doc_id) +
               ",\"anchor\":" + str(p.entry.anchor) + ",\"kind\":" + str(p.kind) + ",\"label\":" + str(heading(p)) +
               ",\"text\":" + str(p.text) + ",\"citation\":{\"document_title\":" + str(p.doc_title) +
               ",\"type\":" + str(p.doc_type) + ",\"legal\":" + str(p.citation) + ",\"unit_label\":" + str(p.label) +
               ",\"path\":" + str(p.path) + ",\"speaker\":" + str(p.speaker) + ",\"role\":" + str(p.role) +
               ",\"date\":" + str(p.date) + ",\"partner\":" + str(p.partner) + ",\"communes\":[";
        for (size_t j = 0; j < p.communes.size(); ++j) out += (j ? "," : "") + str(p.communes[j]);
        out += "],\"partnerships\":[";
        for (size_t j = 0; j < p.partnerships.size(); ++j)
            out += std::string(j ? "," : "") + "{\"id\":" + str(p.partnerships[j].first) +
                   ",\"title\":" + str(p.partnerships[j].second) + "}";
        out += "]},\"permalink\":" + str(public_url + p.permalink) + ",\"annotation\":" + str(p.entry.note) +
               ",\"demo\":" + (p.demo ? "true" : "false") + ",\"notice\":" + str(p.notice) +
               (p.missing.empty() ? std::string() : ",\"missing\":" + str(p.missing)) + "}";
    }
    return out + "]}\n";
}

}  // namespace coopdec::pages
