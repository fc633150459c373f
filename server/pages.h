// @brief The HTML pages of the web interface, in French: pure functions from
// result structs to markup. Every dynamic string goes through html_escape;
// the only unescaped HTML is what coopdec itself produced (snippets, the
// XSLT rendering of a document's stored source, server/page_views.h).
#pragma once

#include <string>
#include <vector>

#include "search/document.h"
#include "search/search.h"
#include "search/snippet.h"
#include "server/http.h"

namespace coopdec {
class Names;
}

namespace coopdec::pages {

// The stylesheets a page loads: /static/coopdec.css always, and one more
// for the pages that need rules the readers' light pages do not.
enum class PageStyle {
    reader,     // coopdec.css alone: search, documents, /apercu…
    workspace,  // + espace.css: a reserved page (accounts, declarations, review,
                // uploads) and a document's history
    atlas,      // + atlas.css: /carte, /etat, the pages of the régions,
                // communes, partners and countries
};

// A whole page: head, header with the search box (pre-filled with `query`),
// `main_html` in <main id="contenu">, footer; `style` chooses the stylesheets.
std::string layout(const std::string& title, const std::string& main_html, const std::string& query = {},
                   PageStyle style = PageStyle::reader);

// The search page (also the home page when `home`): results grouped by
// document, facets, active filters, paging, and what to try when nothing was
// found. `params` are the request's own parameters, from which every link
// (toggle a facet value, remove a filter, next page) is built, with the
// filter values typed as names replaced by the values they were read as
// (result.filter_readings). `names` (may be null) gives the suggestions of
// the facet boxes their labels and other names. `notice` (plain text, ""
// for none) is said above the results (« La page 999 n'existe pas… »).
std::string search_page(const SearchResult& result, const http::Params& params, bool home, const Names* names = nullptr,
                        const std::string& notice = {});

// A document page: its metadata, its partnerships, its rendering (words of
// `highlight` marked), a link to its source XML.
std::string document_page(const DocumentView& doc, const Highlight& highlight, const std::string& query);

// The page of a document's rendering with its links: `links` go right after
// the rendering's own header (title, demonstration notice); a page with no
// rendering gets a header of its own.
std::string with_page_header(const std::string& rendered, const ResultDocument& d, const std::string& links);

// A partnership page (server/partnership_page.cc): the record's facts, each
// a link to its search (communes, partner, country, themes), its status in
// words, the records it names by their titles, its documents on one
// chronology, oldest first, dates in French.
std::string partnership_page(const PartnershipView& view);

// What an error page offers besides the way home: the request's search,
// kept in the header's box, and links to go on from there.
struct ErrorHelp {
    std::string query;                                       // the request's q ("" when none)
    std::vector<std::pair<std::string, std::string>> links;  // (href, text), unescaped, shown first
};

// An error page: the status's title, a French explanation in the user's
// words, the links of `help`, then « Retour à l'accueil ».
std::string error_page(int status, const std::string& message, const ErrorHelp& help = {});

}  // namespace coopdec::pages
