// @brief Session and form cookies, and the session authenticator (see session_auth.h).
#include "server/session_auth.h"

#include "server/dossier_cookie.h"
#include "server/router.h"
#include "store/account_service.h"

namespace coopdec {

const char* session_cookie_name(bool secure) { return secure ? kSecureSessionCookie : kSessionCookie; }
const char* form_cookie_name(bool secure) { return secure ? kSecureFormCookie : kFormCookie; }

bool secure_cookies(const std::string& public_url) { return public_url.rfind("https://", 0) == 0; }

std::string session_set_cookie(const std::string& id, bool secure) {
    // Lax, not Strict: a link to /espace followed from a mail or another
    // site must find the person signed in; every state change is a POST,
    // which Lax never sends cross-site, and carries the CSRF token anyway.
    return std::string(session_cookie_name(secure)) + "=" + id + "; Path=/; HttpOnly; SameSite=Lax" +
           (secure ? "; Secure" : "");
}

std::string session_clear_cookie(bool secure) {
    return std::string(session_cookie_name(secure)) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" +
           (secure ? "; Secure" : "");
}

std::string form_set_cookie(const std::string& token, bool secure) {
    return std::string(form_cookie_name(secure)) + "=" + token + "; Path=/; Max-Age=3600; HttpOnly; SameSite=Strict" +
           (secure ? "; Secure" : "");
}

std::string session_id_of(const std::string& cookie_header, bool secure) {
    return cookie_value(cookie_header, session_cookie_name(secure));
}

std::optional<store::Principal> SessionAuthenticator::who(const Incoming& in) {
    std::string id = session_id_of(in.cookie, secure_);
    if (id.empty()) return std::nullopt;
    return accounts_.resolve(id);
}

}  // namespace coopdec
