// @brief The browser's side of the stored dossier: the cookies that name it
// (its edit key; the old whole-dossier cookie, read once to import it; the
// one-shot « ajouté » confirmation) and what every HTML page shows of it —
// « Dossier (N) » in the header, the confirmation where the passage was
// added.
#pragma once

#include <optional>
#include <string>

#include "server/http.h"

namespace coopdec {

class DossierStore;

// The cookie holding the edit key of the browser's current dossier.
inline constexpr const char* kDossierKeyCookie = "dossier_cle";
// The cookie of the dossiers that lived in the URL ("titre=…&e=…"): read,
// imported into the store, then cleared.
inline constexpr const char* kLegacyDossierCookie = "dossier";
// Set by « Ajouter au dossier » for the page it returns to: the reference
// of the passage added; shown once, then cleared.
inline constexpr const char* kAddedCookie = "dossier_ajout";

// The value of cookie `name` in a Cookie header ("a=1; dossier_cle=…"), "" when absent.
std::string cookie_value(const std::string& header, const std::string& name);

// A Set-Cookie value: HttpOnly, SameSite=Lax, Path=/, kept a year
// (`value` must be cookie-safe: hex, or url_encode'd). clear_cookie: removes it.
std::string set_cookie(const std::string& name, const std::string& value);
std::string clear_cookie(const std::string& name);

// The header's link, as pages::layout writes it, and as shown with a count.
std::string dossier_link_html(std::optional<size_t> count);

// Puts the browser's dossier in an HTML page: its passage count in the
// header link (one indexed lookup by the cookie's key; no dossier → the
// plain link), and, when the kAddedCookie is set, « Ajouté au dossier »
// after that passage's add form and at the top of the page, clearing the
// cookie. `store` may be nullptr (no count).
void decorate_with_dossier(http::Response& r, DossierStore* store, const std::string& cookie_header);

}  // namespace coopdec
