// @brief The roles' names and the authorization rules of store/principal.h.
#include <catch2/catch.hpp>

#include "server/authenticator.h"
#include "store/principal.h"

using namespace coopdec::store;

namespace {
Principal someone(Role role, std::vector<std::string> communes = {}) {
    Principal p;
    p.account_id = 7;
    p.login = "x";
    p.role = role;
    p.communes = std::move(communes);
    return p;
}
}  // namespace

TEST_CASE("Roles are stored and typed by their French names", "[principal]") {
    for (Role r : {Role::contributeur, Role::validateur, Role::administrateur})
        CHECK(role_from_name(role_name(r)) == r);
    CHECK(role_name(Role::validateur) == "validateur");
    CHECK(role_label(Role::administrateur) == "Administrateur");
    CHECK_FALSE(role_from_name("Validateur"));
    CHECK_FALSE(role_from_name(""));
    CHECK_FALSE(role_from_name("admin"));
}

TEST_CASE("A contributor works for its own communes only", "[principal]") {
    Principal kloto = someone(Role::contributeur, {"kloto-1", "kloto-2"});
    CHECK(may_work_for(kloto, "kloto-1"));
    CHECK(may_work_for(kloto, "kloto-2"));
    CHECK_FALSE(may_work_for(kloto, "kloto-3"));
    CHECK_FALSE(may_work_for(kloto, ""));
    CHECK_FALSE(may_work_for(kloto, "KLOTO-1"));
    CHECK(may_work_for_any(kloto, {"agoe-nyive-2", "kloto-1"}));
    CHECK_FALSE(may_work_for_any(kloto, {"agoe-nyive-2"}));
    CHECK_FALSE(may_work_for_any(kloto, {}));
    CHECK_FALSE(may_review(kloto));
    CHECK_FALSE(may_administer(kloto));
}

TEST_CASE("A validator reviews everything, an administrator only administers", "[principal]") {
    Principal v = someone(Role::validateur);
    CHECK(may_work_for(v, "kloto-1"));
    CHECK(may_work_for_any(v, {"golfe-4"}));
    CHECK(may_review(v));
    CHECK_FALSE(may_administer(v));
    // Communes bound to an administrator's account give it nothing.
    Principal a = someone(Role::administrateur, {"kloto-1"});
    CHECK_FALSE(may_work_for(a, "kloto-1"));
    CHECK_FALSE(may_review(a));
    CHECK(may_administer(a));
}

TEST_CASE("Reserved paths and the CSRF comparison of the router's gate", "[principal]") {
    using coopdec::reserved_path;
    using coopdec::same_secret;
    for (const char* p : {"/espace", "/espace/", "/espace/fiche/3", "/revue", "/revue/12", "/admin", "/admin/comptes"})
        CHECK(reserved_path(p));
    for (const char* p : {"/", "/recherche", "/doc/x", "/espaces", "/revues/x", "/administration", "/dossier",
                          "/connexion", "/activer/abc", "/static/espace.css", ""})
        CHECK_FALSE(reserved_path(p));
    CHECK(same_secret("abc", "abc"));
    CHECK_FALSE(same_secret("abc", "abd"));
    CHECK_FALSE(same_secret("abc", "ab"));
    CHECK_FALSE(same_secret("", "a"));
    CHECK(same_secret("", ""));
}
