// @brief What a dossier looks like: its editing page (/dossier), the
// printable handout (also the PDF's source), the Markdown and JSON exports,
// and the « Ajouter au dossier » links of search results and document pages.
// Pure functions from search/dossier.h's structs to text. Every dynamic
// string goes through common/escape.h (HTML, JSON, URL) or md_escape
// (Markdown); nothing here reads the index or the request.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "search/document.h"
#include "search/dossier.h"

namespace coopdec::pages {

// "titre=…&e=…&a=…": the dossier's canonical query string (its share link
// is "/dossier?" + this; "" for an empty, untitled dossier).
std::string dossier_query(const Dossier& d);

// The URL of `route` ("/dossier", "/dossier/imprimer"…) for dossier `d`.
std::string dossier_url(const std::string& route, const Dossier& d);

// « Ajouter au dossier » (or `text`): a link to /dossier/ajouter for the
// unit `anchor` of `doc_id` ("" = the whole document). rel="nofollow":
// robots must not fill dossiers.
std::string add_to_dossier_link(const std::string& doc_id, const std::string& anchor,
                                const std::string& text = "Ajouter au dossier");

// A document page's rendering with an « Ajouter au dossier » link on each
// of its units (after the unit's heading or speaker line, found by its
// id="ANCHOR"), and one for the whole document after the rendering's
// header. Units not found in `html` are left alone; "" stays "".
std::string add_dossier_links(const std::string& html, const DocumentView& doc);

// What the dossier page says besides the dossier itself.
struct DossierPageExtras {
    std::string public_url;     // "https://…": the share link is shown whole
    std::string previous_query; // the dossier the browser had before this link replaced it ("" = none)
    std::string message;        // a note on top (« Le dossier enregistré… »), "" = none
};

// /dossier: one GET form holding the whole dossier — its title, and for
// each passage a hidden `e`, its note in a textarea `a`, and the buttons
// monter/descendre/retirer=N — so that every action (including notes typed
// but not yet saved) is the next URL. Then the share link and the exports.
std::string dossier_page(const Dossier& d, const std::vector<DossierPassage>& passages, const DossierPageExtras& extras);

// The handout: title page (title, `date` in French, number of passages, a
// warning when some passage is from a demonstration document, and the
// table of contents), then each passage under its title (passage_title:
// document, place, date), with its citation, permalink, text as a
// quotation (<blockquote class="text">, after its citation: the print
// stylesheet keeps them on one page) and note.
// For the browser (`inline_css` empty): links /static/handout.css and offers
// « Retour au dossier » and the PDF. For the PDF (`inline_css` set): the CSS
// inline, no navigation, and no reference to any other resource (the PDF
// tool must fetch nothing). In both, each permalink is absolute, `public_url`
// (server/router.h public_base) then its path, as link and as printed text.
std::string handout_html(const Dossier& d, const std::vector<DossierPassage>& passages, const std::string& date,
                         const std::string& inline_css = {}, const std::string& public_url = {});

// The dossier in Markdown: every user-controlled or document string escaped
// with md_escape, so that a Markdown renderer shows it as text.
// Permalinks are absolute: `public_url` then their path.
std::string dossier_markdown(const Dossier& d, const std::vector<DossierPassage>& passages, const std::string& date,
                             const std::string& public_url = {});

// The dossier as a JSON object: title, date, share (the share link,
// absolute: `public_url` then its path),
// passages [{ref, document_id, anchor, kind, label, text, citation {…},
// permalink (absolute: `public_url` then its path), annotation, demo, notice}].
std::string dossier_json(const Dossier& d, const std::vector<DossierPassage>& passages, const std::string& date,
                         const std::string& public_url = {});

// A passage's citation as (French label, plain text) lines, in the order
// every export prints them: document, type, legal reference, passage or
// speaker and role, date, communes, partner, partnerships. The permalink and
// the demonstration notice are given apart.
std::vector<std::pair<std::string, std::string>> passage_citation(const DossierPassage& p);

// The warning a dossier citing demonstration documents carries on its
// first page, in every export.
std::string demo_warning();

// Markdown's special characters backslash-escaped (CommonMark: any ASCII
// punctuation may be), and a line start that would open a list, a heading
// or a quote neutralised: "<script>" → "\<script\>".
std::string md_escape(const std::string& text);

}  // namespace coopdec::pages
