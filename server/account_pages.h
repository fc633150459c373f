// @brief The account pages, in French, as pure functions: the header's
// « Connexion » / « Mon espace », the login form, the set-up link's form,
// « Mon espace », the password form, the administrators' accounts page and
// journal. Every form carries the hidden `csrf` field; every dynamic string
// goes through html_escape.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "server/http.h"
#include "store/accounts.h"
#include "store/journal.h"
#include "store/principal.h"

namespace coopdec::pages {

// The header's link as pages::layout writes it (nobody signed in), and as
// the router rewrites it for `who`: the person's name and « Mon espace ».
std::string account_link_html(const store::Principal* who);

// A state change's form: POST to `action`, the hidden csrf field first.
std::string form_open(const std::string& action, const std::string& csrf, const std::string& css_class = {});

// Messages shown above a form: an error (role="alert") or a confirmation (role="status").
struct Notice {
    std::string text;
    bool error = true;
};

// /connexion: identifiant (kept as typed after a refusal), mot de passe;
// `retour` travels in a hidden field; so does `kept_fields`, a refused
// form's fields (server/form_rescue.h kept_login_fields), when not "".
std::string login_page(const std::string& retour, const std::string& login, const Notice& notice,
                       const std::string& csrf, const std::string& kept_fields = {});

// /activer/TOKEN: the password to choose, twice, for `account`.
std::string activate_page(const std::string& token, const store::Account& account, const Notice& notice,
                          const std::string& csrf);
// What a set-up link says when it opens nothing, or once it was used.
std::string activate_result_page(const Notice& notice);

// « Mon espace »: who is signed in, role, communes, the links the role
// gives, the password and logout forms. `sections` (title, HTML) are the
// parts other pages add (drafts, submissions, the review queue…); a
// section without a title is HTML that brings its own <section> and heading.
std::string space_page(const store::Principal& who,
                       const std::vector<std::pair<std::string, std::string>>& sections = {});

// /espace/compte: current password, new one twice.
std::string account_page(const store::Principal& who, const Notice& notice);

// A commune of the gazetteer, for the administrators' choices.
struct CommuneChoice {
    std::string id;    // "kloto-1"
    std::string name;  // "Kloto 1"
};

// /admin/comptes: every account (role, communes, state, last login) with its
// forms (role and communes, disable or enable, new set-up link), and the
// form that creates one. `link`: a set-up link just made, shown once ("" for none).
std::string admin_accounts_page(const store::Principal& who, const std::vector<store::Account>& accounts,
                                const std::vector<CommuneChoice>& communes, const Notice& notice,
                                const std::string& link = {});

// /admin/journal: the entries, newest first; `older` the ?avant= of the next page (0: none).
std::string journal_page(const std::vector<store::JournalEntry>& entries, int64_t older);

// "2026-12-07 14:05 UTC"; « jamais » for 0.
std::string utc_time(int64_t seconds);

}  // namespace coopdec::pages

namespace coopdec {
// Puts `who` (nullptr: nobody) in an HTML page's header (see account_link_html).
void decorate_with_account(http::Response& r, const store::Principal* who);
}  // namespace coopdec
