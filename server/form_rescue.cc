// @brief Keeping a refused form's fields (server/form_rescue.h).
#include "server/form_rescue.h"

#include "common/escape.h"
#include "server/account_pages.h"
#include "server/authenticator.h"
#include "server/pages.h"

namespace coopdec {
namespace {

bool is_password(const std::string& name) {
    for (const char* p : kPasswordFields)
        if (name == p) return true;
    return false;
}

std::string hidden(const std::string& name, const std::string& value) {
    return "<input type=\"hidden\" name=\"" + html_escape(name) + "\" value=\"" + html_escape(value) + "\">";
}

}  // namespace

KeptForm keep_form(const std::string& action, const http::Params& params, bool files, bool unread) {
    KeptForm kept;
    kept.action = action;
    kept.files = files;
    kept.lost = unread;
    if (unread) return kept;
    size_t bytes = 0;
    for (const auto& [name, value] : params) {
        if (name == kCsrfField || is_password(name)) continue;
        // What the login form will send for it: prefix, name, value, escaped.
        bytes += 3 * (std::char_traits<char>::length(kKeptPrefix) + name.size() + value.size()) + 2;
        if (kept.fields.size() == kMaxKeptFields || bytes > kMaxKeptBytes) {
            kept.fields.clear();
            kept.lost = true;
            return kept;
        }
        kept.fields.emplace_back(name, value);
    }
    return kept;
}

std::string kept_login_fields(const KeptForm& kept) {
    if (kept.fields.empty()) return {};
    std::string out = hidden(kKeptAction, kept.action);
    if (kept.files) out += hidden(kKeptFiles, "1");
    for (const auto& [name, value] : kept.fields) out += hidden(kKeptPrefix + name, value);
    return out;
}

std::optional<KeptForm> kept_from_login(const http::Params& login_params,
                                        const std::function<std::optional<bool>(std::string_view)>& post_route) {
    KeptForm kept;
    const std::string prefix = kKeptPrefix;
    bool has_action = false;
    for (const auto& [name, value] : login_params) {
        if (name == kKeptAction && !has_action) {
            kept.action = value;
            has_action = true;
        } else if (name.rfind(prefix, 0) == 0 && name.size() > prefix.size()) {
            std::string field = name.substr(prefix.size());
            if (field != kCsrfField && !is_password(field)) kept.fields.emplace_back(std::move(field), value);
        }
    }
    if (!has_action || kept.fields.empty()) return std::nullopt;
    // Only a path of this site that a reserved form is sent to: never
    // another site, a public page, or a page that is not a form's target.
    if (kept.action.empty() || kept.action[0] != '/' || kept.action.find('?') != std::string::npos ||
        !reserved_path(kept.action))
        return std::nullopt;
    std::optional<bool> files = post_route(kept.action);
    if (!files) return std::nullopt;
    kept.files = *files;
    return kept;
}

}  // namespace coopdec

namespace coopdec::pages {

std::string resend_page(const KeptForm& kept, const std::string& csrf, const std::string& notice) {
    std::string m = "<h1>Votre formulaire n'a pas encore été envoyé</h1>";
    if (!notice.empty()) m += "<p class=\"error\" role=\"alert\">" + html_escape(notice) + "</p>";
    m += "<p>Ce que vous aviez saisi est gardé ci-dessous : vérifiez-le, puis renvoyez le formulaire.</p>";
    if (kept.files)
        m += "<p class=\"error\">Le fichier n'a pas pu être gardé : choisissez-le à nouveau avant de renvoyer le "
             "formulaire.</p>";
    // What will be sent, as typed (empty fields left out of the summary).
    std::string rows;
    for (const auto& [name, value] : kept.fields)
        if (!value.empty())
            rows += "<tr><th scope=\"row\">" + html_escape(name) + "</th><td>" + html_escape(value) + "</td></tr>";
    if (!rows.empty())
        m +=
            "<details open><summary>Champs saisis</summary><table class=\"kept-fields\">" + rows + "</table></details>";
    m += "<form method=\"post\" action=\"" + html_escape(kept.action) + "\"";
    if (kept.files) m += " enctype=\"multipart/form-data\"";
    m += ">" + hidden(kCsrfField, csrf);
    for (const auto& [name, value] : kept.fields) m += hidden(name, value);
    if (kept.files)
        m += "<p><label for=\"fichier\">Fichier</label><br><input type=\"file\" id=\"fichier\" name=\"fichier\" "
             "required></p>";
    m += "<p><button type=\"submit\">Renvoyer le formulaire</button></p></form>";
    return layout("Formulaire à renvoyer", m, {}, PageStyle::workspace);
}

}  // namespace coopdec::pages
