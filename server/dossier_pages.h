// @brief What a dossier looks like: its editing page (/dossier), the
// printable handout (also the PDF's source), the Markdown and JSON exports,
// and the « Ajouter au dossier » links of search results and document pages.
// Pure functions from search/dossier.h's structs to text. Every dynamic
// string goes through common/escape.h (HTML, JSON, URL, Markdown)
// (Markdown); nothing here reads the index or the request.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "search/document.h"
#include "search/dossier.h"

namespace coopdec::pages {

// "titre=…&e=…&a=…": the dossier's canonical query string (an old link's
// dossier is "/dossier?" + this; "" for an empty, untitled dossier).
std::string dossier_query(const Dossier& d);

// The URL of `route` ("/dossier", "/dossier/imprimer"…) for dossier `d`:
// a stored dossier's under its share token ("/dossier/SHARE/imprimer"), an
// old link's with its query string ("/dossier/imprimer?e=…").
std::string dossier_url(const std::string& route, const Dossier& d);

// « Ajouter au dossier » (or `text`) for the unit `anchor` of `doc_id`
// ("" = the whole document): a button `e` = "DOCID#ANCHOR" of the page's
// add form — inside it (`in_form`), or anywhere on the page (form="ajout").
std::string add_to_dossier_button(const std::string& doc_id, const std::string& anchor,
                                  const std::string& text = "Ajouter au dossier", bool in_form = true);

// The page's add form (id "ajout") around `inner`: a POST to
// /dossier/ajouter carrying `retour` = `page`, the page's own relative URL.
// The server adds the passage's fragment (return_fragment), so the answer
// lands on it.
std::string add_to_dossier_form(const std::string& page, const std::string& inner = {});

// The fragment the page at `retour` shows passage `doc_id`#`anchor` at:
// a document page (/doc/…) its unit's id ("" for the whole document), a
// results page its entry's id, result_anchor().
std::string return_fragment(const std::string& retour, const std::string& doc_id, const std::string& anchor);

// The id a results page gives a passage's entry: "r" and 6 hex digits, a
// hash of "DOCID#ANCHOR" (or "DOCID").
std::string result_anchor(const std::string& doc_id, const std::string& anchor);

// A document page's rendering with an « Ajouter au dossier » button on
// each of its units (after the unit's heading or speaker line, found by its
// id="ANCHOR"), one for the whole document after the rendering's header,
// and the add form returning to `page` (the page's relative URL). Units not
// found in `html` are left alone; "" stays "".
std::string add_dossier_links(const std::string& html, const DocumentView& doc, const std::string& page);

// What the dossier page says besides the dossier itself.
struct DossierPageExtras {
    std::string public_url;  // "https://…": the links are shown whole
    std::string message;     // a note on top (a refusal, « Le dossier enregistré… »), "" = none
    // edit: the browser's dossier, one POST form (notes, moves, exports);
    // shared: read-only, from its share link; legacy: an old link's
    // dossier, read-only, with « Enregistrer ce dossier ».
    enum class Mode { edit, shared, legacy } mode = Mode::edit;
    std::string edit_key;  // edit: the form's `cle` and the edit link ("" = none yet)
};

// /dossier and /dossier/SHARE. In edit mode, one POST form to
// /dossier/enregistrer holding the whole dossier — its title, and for each
// passage a hidden `e`, its note in a textarea `a`, the buttons
// monter/descendre/retirer=N and exporter=imprimer|pdf|markdown|json — so
// that every button saves what was typed first.
std::string dossier_page(const Dossier& d, const std::vector<DossierPassage>& passages,
                         const DossierPageExtras& extras);

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

}  // namespace coopdec::pages
