// @brief The browser's side of a session: the session cookie (its name,
// its attributes), the login form's own anti-forgery cookie, and the
// Authenticator the router asks who is signed in (server/authenticator.h).
#pragma once

#include <optional>
#include <string>

#include "server/authenticator.h"
#include "server/http.h"
#include "store/principal.h"

namespace coopdec {

namespace store {
class AccountService;
}

// The session cookie: « __Host-coopdec_session » when the site is served
// over https (the browser then sends it only over https, to this host, for
// every path), « coopdec_session » over plain http (local use, tests).
inline constexpr const char* kSessionCookie = "coopdec_session";
inline constexpr const char* kSecureSessionCookie = "__Host-coopdec_session";
const char* session_cookie_name(bool secure);

// The login and set-up forms' anti-forgery cookie (double submit: the form's
// `csrf` field must equal it). Before a session exists there is no session
// token to check; this one binds the form to the browser that loaded it.
inline constexpr const char* kFormCookie = "coopdec_formulaire";
inline constexpr const char* kSecureFormCookie = "__Host-coopdec_formulaire";
const char* form_cookie_name(bool secure);

// True when `public_url` is https://…: cookies are then Secure.
bool secure_cookies(const std::string& public_url);

// Set-Cookie values. The session's: HttpOnly, SameSite=Lax, Path=/, Secure
// when `secure`; no Max-Age (the server ends it: idle and absolute expiry).
std::string session_set_cookie(const std::string& id, bool secure);
std::string session_clear_cookie(bool secure);
// The form cookie: HttpOnly, SameSite=Strict, Path=/, Secure when `secure`, one hour.
std::string form_set_cookie(const std::string& token, bool secure);

// The session id the request's Cookie header carries ("" when none).
std::string session_id_of(const std::string& cookie_header, bool secure);

class SessionAuthenticator : public Authenticator {
public:
    // `accounts` must outlive it. `secure`: secure_cookies(public URL).
    SessionAuthenticator(store::AccountService& accounts, bool secure) : accounts_(accounts), secure_(secure) {}
    std::optional<store::Principal> who(const Incoming& in) override;

private:
    store::AccountService& accounts_;
    bool secure_;
};

}  // namespace coopdec
