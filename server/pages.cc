// @brief Page layout, document, partnership and error pages.
#include "server/pages.h"

#include <map>

#include "common/escape.h"
#include "common/schema.h"
#include "server/page_parts.h"

namespace coopdec::pages {
namespace {

const char* status_title(int status) {
    switch (status) {
        case 400: return "Requête invalide";
        case 404: return "Page introuvable";
        case 405: return "Méthode non autorisée";
        case 414: return "Adresse trop longue";
        case 503: return "Service indisponible";
        default: return status >= 500 ? "Erreur du serveur" : "Erreur";
    }
}

}  // namespace

std::string layout(const std::string& title, const std::string& main_html, const std::string& query) {
    std::string out;
    out.reserve(main_html.size() + 1500);
    out += "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           "<title>";
    out += html_escape(title);
    out += " — coopdec</title><link rel=\"stylesheet\" href=\"/static/coopdec.css\">"
           "<link rel=\"search\" type=\"application/opensearchdescription+xml\" href=\"/opensearch.xml\" "
           "title=\"coopdec\"></head><body>"
           "<a class=\"skip\" href=\"#contenu\">Aller au contenu</a>"
           "<header class=\"site\"><a class=\"brand\" href=\"/\">coopdec</a>"
           "<form class=\"search\" role=\"search\" action=\"/recherche\" method=\"get\">"
           "<label for=\"q\">Rechercher dans les textes, conventions et entretiens</label>"
           "<input id=\"q\" name=\"q\" type=\"search\" value=\"";
    out += html_escape(query);
    out += "\"><button type=\"submit\">Rechercher</button></form></header><main id=\"contenu\">";
    out += main_html;
    out += "</main><footer class=\"site\"><p>coopdec — base documentaire de la coopération décentralisée "
           "au Togo. Corpus de démonstration : les documents marqués « Document de démonstration » "
           "ont été rédigés pour l'exemple ; les articles de loi sont des résumés, pas le texte officiel.</p>"
           "<p><a href=\"/api/search\">API JSON</a> · <a href=\"/recherche\">Tous les documents</a></p>"
           "</footer></body></html>\n";
    return out;
}

std::string error_page(int status, const std::string& message) {
    std::string main = "<h1>" + html_escape(status_title(status)) + "</h1><p class=\"error\" role=\"alert\">" +
                       html_escape(message) + "</p><p><a href=\"/\">Retour à l'accueil</a></p>";
    return layout(status_title(status), main);
}

std::string document_page(const DocumentView& doc, const Highlight& highlight, const std::string& query) {
    const ResultDocument& d = doc.info;
    std::string main = "<article class=\"document\"><header><p class=\"crumbs\"><a href=\"/recherche?type=" +
                       url_encode(d.type) + "\">" + html_escape(type_label(d.type)) + "</a></p><h1>" +
                       html_escape(d.title) + "</h1>" + meta_line(d);
    if (d.demo)
        main += "<p class=\"demo-notice\" role=\"note\"><strong>Document de démonstration</strong> — " +
                html_escape(d.notice) + "</p>";
    main += partnership_links(d);
    if (!query.empty())
        main += "<p class=\"from-search\">Termes recherchés surlignés : « " + html_escape(query) +
                " » · <a href=\"/recherche?q=" + url_encode(query) + "\">retour aux résultats</a></p>";
    if (doc.has_source)
        main += "<p class=\"source\"><a href=\"/doc/" + html_escape(d.id) +
                "/source.xml\" download>Télécharger le XML source</a></p>";
    main += "</header>";
    if (!doc.html.empty()) {
        main += highlight_html(doc.html, highlight, doc.lang);
    } else {
        // No rendering (an index made without stylesheets): list the units.
        main += "<ol class=\"units\">";
        for (const auto& u : doc.units)
            main += "<li id=\"" + html_escape(u.anchor) + "\"><a href=\"" + html_escape(u.url) + "\">" +
                    html_escape(u.label) + "</a></li>";
        main += "</ol>";
    }
    main += "</article>";
    return layout(d.title, main, query);
}

std::string partnership_page(const PartnershipView& v) {
    const ResultDocument& d = v.record.info;
    std::string main = "<article class=\"partnership\"><header><p class=\"crumbs\"><a href=\"/recherche?type=partenariat\">"
                       "Partenariats</a></p><h1>" + html_escape(d.title) + "</h1>" + meta_line(d);
    if (d.demo)
        main += "<p class=\"demo-notice\" role=\"note\"><strong>Document de démonstration</strong> — " +
                html_escape(d.notice) + "</p>";
    main += "</header>";
    main += v.record.html.empty() ? std::string() : v.record.html;

    main += "<section class=\"timeline\" aria-labelledby=\"chrono\"><h2 id=\"chrono\">Documents liés ("
            + std::to_string(v.documents.size()) + ")</h2>";
    if (v.documents.empty()) {
        main += "<p>Aucun document n'est encore lié à ce partenariat.</p>";
    } else {
        // Grouped by type, each group along time (the view is sorted by date).
        std::map<std::string, std::vector<const ResultDocument*>> by_type;
        for (const auto& doc : v.documents) by_type[doc.type].push_back(&doc);
        for (const auto& [type, docs] : by_type) {
            main += "<h3>" + html_escape(type_label(type)) + " (" + std::to_string(docs.size()) + ")</h3><ol class=\"chrono\">";
            for (const auto* doc : docs) {
                main += "<li><span class=\"when\">" + html_escape(doc->date.empty() ? "date inconnue" : year_of(doc->date)) +
                        "</span> <a href=\"" + html_escape(doc->url) + "\">" + html_escape(doc->title) + "</a>";
                if (doc->demo) main += " <span class=\"demo\">Démonstration</span>";
                main += "</li>";
            }
            main += "</ol>";
        }
    }
    main += "<p><a href=\"/recherche?partnership=" + url_encode(d.id) + "\">Rechercher dans ces documents</a></p>";
    main += "</section></article>";
    return layout(d.title, main);
}

}  // namespace coopdec::pages
