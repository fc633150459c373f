// @brief The dossier's cookies and its mark on every page (see dossier_cookie.h).
#include "server/dossier_cookie.h"

#include "common/escape.h"
#include "server/dossier_store.h"

namespace coopdec {

std::string cookie_value(const std::string& header, const std::string& name) {
    size_t pos = 0;
    const std::string prefix = name + "=";
    while (pos < header.size()) {
        size_t end = header.find(';', pos);
        if (end == std::string::npos) end = header.size();
        size_t b = header.find_first_not_of(' ', pos);
        if (b < end) {
            std::string_view pair(header.data() + b, end - b);
            if (pair.substr(0, prefix.size()) == prefix) return std::string(pair.substr(prefix.size()));
        }
        pos = end + 1;
    }
    return {};
}

std::string set_cookie(const std::string& name, const std::string& value) {
    // A year: a trainer prepares a workshop over weeks.
    return name + "=" + value + "; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly";
}

std::string clear_cookie(const std::string& name) { return name + "=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly"; }

std::string dossier_link_html(std::optional<size_t> count) {
    std::string text = count ? "Dossier (" + std::to_string(*count) + ")" : "Dossier";
    return "<a class=\"dossier-link\" href=\"/dossier\">" + text + "</a>";
}

void decorate_with_dossier(http::Response& r, DossierStore* store, const std::string& cookie_header) {
    const std::string plain = dossier_link_html(std::nullopt);
    size_t link = r.body.find(plain);
    if (link == std::string::npos) return;  // not a page with the site's header
    const std::string key = cookie_value(cookie_header, kDossierKeyCookie);
    if (store && !key.empty()) {
        if (auto n = store->count(key)) r.body.replace(link, plain.size(), dossier_link_html(*n));
    }
    const std::string added = cookie_value(cookie_header, kAddedCookie);
    if (added.empty()) return;
    r.headers.emplace_back("Set-Cookie", clear_cookie(kAddedCookie));
    const std::string top =
        "<p class=\"added\" role=\"status\">Passage ajouté au <a href=\"/dossier\">dossier</a>.</p>";
    const std::string here = " <strong class=\"added\">Ajouté</strong>";
    // Next to the passage's own button (the page was scrolled there), and at the top.
    http::Params decoded;
    std::string ref;
    if (!http::parse_form("e=" + added, decoded) && decoded.size() == 1) ref = decoded[0].second;
    const std::string field = "name=\"e\" value=\"" + html_escape(ref) + "\"";
    if (size_t at = ref.empty() ? std::string::npos : r.body.find(field); at != std::string::npos) {
        size_t end = r.body.find("</button>", at);
        if (end != std::string::npos) r.body.insert(end + 9, here);
    }
    const std::string main = "<main id=\"contenu\">";
    if (size_t at = r.body.find(main); at != std::string::npos) r.body.insert(at + main.size(), top);
}

}  // namespace coopdec
