// @brief A form the reserved pages' gate refused (no live session, a stale
// CSRF token), kept so that nothing typed is lost: its fields carried
// through the login form as hidden inputs, then shown again in a form with
// the session's current token and a « Renvoyer le formulaire » button.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "server/http.h"

namespace coopdec {

struct KeptForm {
    std::string action;   // the reserved POST path it was sent to
    http::Params fields;  // as sent, without the csrf field
    bool files = false;   // a multipart body: its files are never kept
    bool lost = false;    // its text fields could not be kept (a body left unread, or too large)
};

// The login form's fields that carry a kept form: the action, and each
// field's name behind the prefix.
inline constexpr const char* kKeptAction = "renvoi_adresse";
inline constexpr const char* kKeptFiles = "renvoi_fichiers";
inline constexpr const char* kKeptPrefix = "renvoi.";

// At most this many fields and bytes (url-encoded, prefix included) are
// kept: with the login's own fields they stay within http::kMaxFormParams
// and http::kMaxFormBytes, so the login form that carries them is readable.
inline constexpr size_t kMaxKeptFields = http::kMaxFormParams - 16;
inline constexpr const char* kPasswordFields[] = {"mot_de_passe", "actuel", "confirmation"};
inline constexpr size_t kMaxKeptBytes = http::kMaxFormBytes - (64u << 10);

// The form a POST to `action` sent (`params`: its fields, csrf among them),
// within the limits above; `lost` when beyond them or `unread`. Password
// fields (kPasswordFields) are never kept: no page ever shows a password.
KeptForm keep_form(const std::string& action, const http::Params& params, bool files, bool unread);

// Hidden inputs carrying `kept` inside the login form ("" when nothing is
// worth carrying: no field besides csrf).
std::string kept_login_fields(const KeptForm& kept);

// The form the login form carried, when its action is a reserved POST
// route (`post_route(path)`: nullopt for none, else whether it takes
// files); anything else is dropped (nullopt).
std::optional<KeptForm> kept_from_login(const http::Params& login_params,
                                        const std::function<std::optional<bool>(std::string_view)>& post_route);

}  // namespace coopdec

namespace coopdec::pages {

// « Votre formulaire n'a pas encore été envoyé »: `notice` (why), what was
// typed (a summary), and a form to `kept.action` holding the same fields
// with `csrf` and a « Renvoyer le formulaire » button; a form that carried
// files gets a file input (last: a multipart body's fields come first) and
// says to choose the file again.
std::string resend_page(const KeptForm& kept, const std::string& csrf, const std::string& notice);

}  // namespace coopdec::pages
