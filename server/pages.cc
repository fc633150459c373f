// @brief Page layout, document and error pages.
#include "server/pages.h"

#include "server/account_pages.h"
#include "server/dossier_cookie.h"

#include "common/escape.h"
#include "common/schema.h"
#include "server/page_parts.h"

namespace coopdec::pages {
namespace {

const char* status_title(int status) {
    switch (status) {
        case 400:
            return "Requête invalide";
        case 404:
            return "Page introuvable";
        case 405:
            return "Méthode non autorisée";
        case 414:
            return "Adresse trop longue";
        case 503:
            return "Service indisponible";
        default:
            return status >= 500 ? "Erreur du serveur" : "Erreur";
    }
}

}  // namespace

std::string layout(const std::string& title, const std::string& main_html, const std::string& query, PageStyle style) {
    std::string out;
    out.reserve(main_html.size() + 1500);
    out +=
        "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>";
    out += html_escape(title);
    out += " — coopdec</title><link rel=\"stylesheet\" href=\"/static/coopdec.css\">";
    if (style == PageStyle::workspace) out += "<link rel=\"stylesheet\" href=\"/static/espace.css\">";
    if (style == PageStyle::atlas) out += "<link rel=\"stylesheet\" href=\"/static/atlas.css\">";
    out +=
        "<link rel=\"search\" type=\"application/opensearchdescription+xml\" href=\"/opensearch.xml\" "
        "title=\"coopdec\"></head><body>"
        "<a class=\"skip\" href=\"#contenu\">Aller au contenu</a>"
        "<header class=\"site\"><a class=\"brand\" href=\"/\">coopdec</a>"
        "<form class=\"search\" role=\"search\" action=\"/recherche\" method=\"get\">"
        "<label for=\"q\">Rechercher dans les textes, conventions et entretiens</label>"
        "<input id=\"q\" name=\"q\" type=\"search\" value=\"";
    out += html_escape(query);
    out += "\"><button type=\"submit\">Rechercher</button></form>";
    out += dossier_link_html(std::nullopt);  // the router writes its count (server/dossier_cookie.h)
    out += account_link_html(nullptr);       // the router writes who is signed in (server/account_pages.h)
    out += "</header><main id=\"contenu\">";
    out += main_html;
    out +=
        "</main><footer class=\"site\"><p>coopdec — la coopération décentralisée au Togo. Corpus de "
        "démonstration : les documents marqués comme tels ont été rédigés pour l'exemple ; les articles de "
        "loi sont des résumés, pas le texte officiel.</p><p><a href=\"/apercu\">Les partenariats en un coup d'œil</a> "
        "· <a href=\"/communes\">Les communes du Togo</a> · <a href=\"/api/search\">API "
        "JSON</a></p></footer></body></html>\n";
    return out;
}

std::string error_page(int status, const std::string& message, const ErrorHelp& help) {
    std::string main = "<h1>" + html_escape(status_title(status)) + "</h1><p class=\"error\" role=\"alert\">" +
                       html_escape(message) + "</p><ul class=\"error-links\">";
    for (const auto& [href, text] : help.links)
        main += "<li><a href=\"" + html_escape(href) + "\">" + html_escape(text) + "</a></li>";
    main += "<li><a href=\"/\">Retour à l'accueil</a></li></ul>";
    return layout(status_title(status), main, help.query);
}

// The page rendered from the source (server/page_views.h) opens with its
// own header (title, date, demonstration notice): the page's links go right
// after it, and a page with no rendering gets a header of its own.
std::string with_page_header(const std::string& rendered, const ResultDocument& d, const std::string& links) {
    const std::string end = "</header>";
    size_t at = rendered.find(end);
    if (!rendered.empty() && at != std::string::npos)
        return rendered.substr(0, at + end.size()) + links + rendered.substr(at + end.size());
    std::string head = "<header><h1>" + html_escape(d.title) + "</h1>";
    if (d.demo)
        head += "<p class=\"demo-notice\" role=\"note\"><strong>Document de démonstration</strong> — " +
                html_escape(d.notice) + "</p>";
    return head + "</header>" + links + rendered;
}

std::string document_page(const DocumentView& doc, const Highlight& highlight, const std::string& query) {
    const ResultDocument& d = doc.info;
    std::string links = "<div class=\"doc-links\">" + place_line(d) + partnership_links(d);
    if (!query.empty())
        links += "<p class=\"from-search\">Termes recherchés surlignés : « " + html_escape(query) +
                 " » · <a href=\"/recherche?q=" + url_encode(query) + "\">retour aux résultats</a></p>";
    if (!doc.citation.empty())
        links +=
            doc.citation_of_summary
                ? "<p class=\"cite-as\">Citer le résumé : <cite>" + html_escape(doc.citation) + " (résumé)</cite></p>"
                : "<p class=\"cite-as\">Citer ce texte : <cite>" + html_escape(doc.citation) + "</cite></p>";
    links += doc.history_html;  // built by the caller from the index
    if (doc.has_source)
        links += "<p class=\"source\"><a href=\"/doc/" + html_escape(d.id) +
                 "/source.xml\" download>Télécharger le XML source</a></p>";
    links += "<p class=\"history-link\"><a href=\"/historique/" + url_encode(d.id) + "\">Historique</a></p>";
    if (doc.units.size() > 1)
        links +=
            "<form class=\"within\" action=\"/recherche\" role=\"search\"><input type=\"hidden\" name=\"doc\" "
            "value=\"" +
            html_escape(d.id) +
            "\"><label>Rechercher dans ce texte <input name=\"q\" type=\"search\"></label> "
            "<button>Chercher</button></form>";
    links += "</div>";
    std::string body;
    if (!doc.html.empty()) {
        body = highlight_html(doc.html, highlight, doc.lang);
    } else {
        // No rendering (a stylesheet failed, or no source kept): list the units.
        body = "<ol class=\"units\">";
        for (const auto& u : doc.units)
            body += "<li id=\"" + html_escape(u.anchor) + "\"><a href=\"" + html_escape(u.url) + "\">" +
                    html_escape(u.label) + "</a></li>";
        body += "</ol>";
    }
    std::string main = with_page_header(body, d, links);
    return layout(d.title, main, query);
}

}  // namespace coopdec::pages
