// @brief Who sent a request: the seam between the router and the accounts.
// The router asks its Authenticator for the person signed in (its session
// cookie resolved) and applies one gate to the reserved pages:
// - a reserved path (reserved_path()) without a person signed in: a GET is
//   sent to the login page (303 /connexion?retour=…), a POST gets a 401;
// - a POST to a reserved path must carry the session's CSRF token in its
//   `csrf` field (compared in constant time), besides the Origin check that
//   every POST passes: else a 403.
// What each person may do with each object is the handlers' check
// (store/principal.h), never the gate's.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "store/principal.h"

namespace coopdec {

struct Incoming;

class Authenticator {
public:
    virtual ~Authenticator() = default;
    // The person whose live session the request's cookie names; nullopt for
    // none, an unknown, expired or killed session, or a disabled account.
    // Thread-safe: called by every worker.
    virtual std::optional<store::Principal> who(const Incoming& in) = 0;
};

// The pages reserved to people signed in: /espace (contributors' and
// validators' work, one's own account, logout), /revue (the validators'
// queue), /admin (accounts, journal). Everything else is public.
bool reserved_path(std::string_view path);

// The form field every POST to a reserved path carries.
inline constexpr const char* kCsrfField = "csrf";

// a == b in a time that depends on their lengths only.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace coopdec
