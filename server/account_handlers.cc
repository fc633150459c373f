// @brief The account pages' handlers: sign in and out, set-up links, one's
// own password, the administrators' accounts and journal (see handlers.h).
// Rules and storage are store/account_service.h's; here, HTTP: forms,
// cookies, redirects, statuses.
#include <algorithm>
#include <charconv>

#include "common/places.h"
#include "common/schema.h"
#include "server/account_pages.h"
#include "server/declaration_handlers.h"
#include "server/dossier_cookie.h"
#include "server/form_rescue.h"
#include "server/handlers.h"
#include "server/session_auth.h"
#include "store/account_service.h"
#include "store/secret.h"

namespace coopdec::handlers {
namespace {

// Kept by no browser nor proxy: passwords are typed here, links shown once.
http::Response private_page(int status, std::string body) {
    http::Response r;
    r.status = status;
    r.body = std::move(body);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

http::Response account_redirect(const std::string& location) {
    http::Response r;
    r.status = 303;
    r.headers.emplace_back("Location", location);
    r.headers.emplace_back("Cache-Control", "no-store");
    r.body = "Voir " + location;
    return r;
}

http::Response accounts_unavailable() {
    return error_response(503, "les comptes sont indisponibles sur ce serveur : réessayez plus tard", false);
}

bool secure_site(const Context& c) { return secure_cookies(c.router.config().public_url); }

std::string form_field(const Context& c, const char* name) { return c.request.get(name).value_or(std::string()); }

std::vector<std::string> form_fields(const Context& c, const char* name) {
    std::vector<std::string> out;
    for (const auto& [k, v] : c.request.params)
        if (k == name && !v.empty()) out.push_back(v);
    return out;
}

// Where a login sends back to: a path of this site, never another site
// (no "//host", no "/\host", no scheme), else « Mon espace ».
std::string account_return_path(const std::string& retour) {
    if (retour.size() < 1 || retour.size() > 2000 || retour[0] != '/') return "/espace";
    if (retour.size() > 1 && (retour[1] == '/' || retour[1] == '\\')) return "/espace";
    // Back to the login page would send a signed-in person round in circles.
    if (retour.rfind("/connexion", 0) == 0) return "/espace";
    for (char ch : retour)
        if (static_cast<unsigned char>(ch) < 0x20 || ch == '\\' || ch == 0x7f) return "/espace";
    return retour;
}

// The login and set-up forms' token: the browser's form cookie when it
// holds one, else a new one; (re)set with the page.
std::string form_token(const Context& c, http::Response* set_on) {
    std::string token = cookie_value(c.request.cookie, form_cookie_name(secure_site(c)));
    if (!store::valid_secret(token)) token = store::random_secret(32);
    // Set again each time the form is shown: its hour starts anew.
    if (set_on) set_on->headers.emplace_back("Set-Cookie", form_set_cookie(token, secure_site(c)));
    return token;
}

// A POST of the login or set-up form: its csrf field equals the form cookie.
bool form_token_matches(const Context& c) {
    std::string cookie = cookie_value(c.request.cookie, form_cookie_name(secure_site(c)));
    std::string sent = form_field(c, kCsrfField);
    return store::valid_secret(cookie) && same_secret(sent, cookie);
}

const char* kFormExpired = "formulaire expiré ou venu d'ailleurs : il a été rechargé, veuillez recommencer";

http::Response login_answer(const Context& c, int status, const std::string& retour, const std::string& login,
                            const pages::Notice& notice, const std::optional<KeptForm>& kept = std::nullopt) {
    http::Response r = private_page(status, {});
    std::string token = form_token(c, &r);
    r.body = pages::login_page(retour, login, notice, token, kept ? kept_login_fields(*kept) : std::string());
    return r;
}

// The form a login form carries (server/form_rescue.h), its action checked
// against the route table.
std::optional<KeptForm> carried_form(const Context& c) {
    return kept_from_login(c.request.params, [](std::string_view path) { return reserved_post_route(path); });
}

// The path of the page a refused form came from, when it is a reserved
// page of this site: where a login leads when the form itself cannot be
// carried (a file upload).
std::string referring_page(const Context& c) {
    const std::string& referer = c.request.referer;
    size_t scheme = referer.find("://");
    if (scheme == std::string::npos) return "/espace";
    size_t slash = referer.find('/', scheme + 3);
    if (slash == std::string::npos ||
        !same_origin(referer.substr(0, slash), {}, c.request.host, c.router.config().public_url))
        return "/espace";
    std::string path = referer.substr(slash);
    return reserved_path(path.substr(0, path.find('?'))) ? account_return_path(path) : std::string("/espace");
}

}  // namespace

Outcome login_form(const Context& c) {
    if (!c.router.accounts()) return accounts_unavailable();
    const std::string retour = account_return_path(form_field(c, "retour"));
    if (c.user) return account_redirect(retour);
    return login_answer(c, 200, retour, {}, {});
}

Outcome login(const Context& c) {
    store::AccountService* accounts = c.router.accounts();
    if (!accounts) return accounts_unavailable();
    const std::string retour = account_return_path(form_field(c, "retour"));
    const std::string login = form_field(c, "identifiant");
    // A refused form travels with every answer, until the person is signed in.
    const std::optional<KeptForm> kept = carried_form(c);
    if (!form_token_matches(c)) return login_answer(c, 403, retour, login, {kFormExpired}, kept);
    const bool secure = secure_site(c);
    auto result = accounts->login(login, form_field(c, "mot_de_passe"), c.request.client,
                                  session_id_of(c.request.cookie, secure));
    if (auto* refused = std::get_if<store::Refusal>(&result))
        return login_answer(c, refused->status, retour, login, {refused->message}, kept);
    const auto& signed_in = std::get<store::SignedIn>(result);
    http::Response r =
        kept ? private_page(200, pages::resend_page(*kept, signed_in.session.csrf, {})) : account_redirect(retour);
    r.headers.emplace_back("Set-Cookie", session_set_cookie(signed_in.session.id, secure));
    return r;
}

Outcome session_lost(const Context& c) {
    const Incoming* in = c.incoming;
    const bool multipart = in && in->multipart;
    // A multipart body is read only for a person signed in: here its text
    // fields were never read, and its file never is.
    const bool unread = multipart && in->fields.empty();
    KeptForm kept = keep_form(c.request.path, c.request.params, multipart, unread);
    std::string said = "session terminée ou absente : connectez-vous, puis renvoyez le formulaire.";
    if (multipart)
        said += kept.fields.empty() ? " Le fichier et les champs du formulaire n'ont pas pu être gardés : après la "
                                      "connexion, choisissez à nouveau le fichier et saisissez les champs."
                                    : " Le fichier n'a pas pu être gardé : après la connexion, choisissez-le à "
                                      "nouveau ; les autres champs sont gardés.";
    else if (kept.lost)
        said += " Le formulaire est trop volumineux pour être gardé : saisissez-le à nouveau après la connexion.";
    else if (kept.fields.size() > 0)
        said += " Ce que vous avez saisi est gardé : vous le retrouverez après la connexion, prêt à renvoyer.";
    const std::string retour = kept.fields.empty() ? referring_page(c) : std::string("/espace");
    std::optional<KeptForm> carried;
    if (!kept.fields.empty()) carried = kept;
    return login_answer(c, 401, retour, {}, {said}, carried);
}

Outcome stale_form(const Context& c) {
    const Incoming* in = c.incoming;
    const bool multipart = in && in->multipart;
    KeptForm kept = keep_form(c.request.path, c.request.params, multipart, false);
    const std::string said =
        "formulaire refusé : il est trop ancien ou ne vient pas de votre session (une connexion dans un autre "
        "onglet, une page restée ouverte)";
    if (kept.fields.empty() || !c.user) return error_response(403, said + " ; rechargez la page", false);
    return private_page(403, pages::resend_page(kept, c.user->csrf_token, said));
}

Outcome activate_form(const Context& c) {
    store::AccountService* accounts = c.router.accounts();
    if (!accounts) return accounts_unavailable();
    auto opened = accounts->setup_link_account(c.tail);
    if (auto* refused = std::get_if<store::Refusal>(&opened))
        return private_page(refused->status, pages::activate_result_page({refused->message}));
    http::Response r = private_page(200, {});
    r.body = pages::activate_page(c.tail, std::get<store::Account>(opened), {}, form_token(c, &r));
    return r;
}

Outcome activate(const Context& c) {
    store::AccountService* accounts = c.router.accounts();
    if (!accounts) return accounts_unavailable();
    auto opened = accounts->setup_link_account(c.tail);
    if (auto* refused = std::get_if<store::Refusal>(&opened))
        return private_page(refused->status, pages::activate_result_page({refused->message}));
    const store::Account& account = std::get<store::Account>(opened);
    auto again = [&](int status, const std::string& message) {
        http::Response r = private_page(status, {});
        r.body = pages::activate_page(c.tail, account, {message}, form_token(c, &r));
        return r;
    };
    if (!form_token_matches(c)) return again(403, kFormExpired);
    if (auto refused =
            accounts->activate(c.tail, form_field(c, "mot_de_passe"), form_field(c, "confirmation"), c.request.client))
        return again(refused->status, refused->message);
    return private_page(
        200, pages::activate_result_page(
                 {"Mot de passe enregistré pour « " + account.login + " » : vous pouvez vous connecter.", false}));
}

Outcome space(const Context& c) {
    if (!c.user) return accounts_unavailable();  // the gate lets no one through without a session
    std::vector<std::pair<std::string, std::string>> sections;
    if (std::string mine = contributions_section_html(c); !mine.empty()) sections.emplace_back("", std::move(mine));
    return private_page(200, pages::space_page(*c.user, sections));
}

Outcome account_form(const Context& c) {
    if (!c.user) return accounts_unavailable();
    return private_page(200, pages::account_page(*c.user, {}));
}

Outcome change_password(const Context& c) {
    store::AccountService* accounts = c.router.accounts();
    if (!accounts || !c.user) return accounts_unavailable();
    auto refused =
        accounts->change_password(*c.user, session_id_of(c.request.cookie, secure_site(c)), form_field(c, "actuel"),
                                  form_field(c, "mot_de_passe"), form_field(c, "confirmation"), c.request.client);
    if (refused) return private_page(refused->status, pages::account_page(*c.user, {refused->message}));
    return private_page(
        200, pages::account_page(*c.user, {"Mot de passe changé ; vos autres sessions ont pris fin.", false}));
}

Outcome logout(const Context& c) {
    store::AccountService* accounts = c.router.accounts();
    if (!accounts) return accounts_unavailable();
    const bool secure = secure_site(c);
    accounts->logout(session_id_of(c.request.cookie, secure), c.request.client);
    http::Response r = account_redirect("/");
    r.headers.emplace_back("Set-Cookie", session_clear_cookie(secure));
    return r;
}

namespace {

const char* kAdminsOnly = "cette page est réservée aux administrateurs";

// The gazetteer's communes, from the index (common/places.h): the ones an
// administrator may bind a contributor to.
std::vector<pages::CommuneChoice> gazetteer_communes(const Context& c) {
    std::vector<pages::CommuneChoice> out;
    for (const auto& p : places::decode(c.db.get_metadata(std::string(schema::kPlacesKey))))
        if (p.level == "commune") out.push_back({p.id, p.name});
    return out;
}

// The communes of the form, each checked against the gazetteer; the first
// unknown one, if any, in `unknown`.
std::vector<std::string> chosen_communes(const Context& c, const std::vector<pages::CommuneChoice>& gazetteer,
                                         std::string& unknown) {
    std::vector<std::string> out;
    for (const auto& id : form_fields(c, "commune")) {
        bool known = false;
        for (const auto& g : gazetteer) known = known || g.id == id;
        if (!known && unknown.empty()) unknown = id;
        if (known && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    }
    return out;
}

// A role and its communes as the administrator's form gives them: the
// role known, every commune of the gazetteer; else the refusal to show.
struct RoleChoice {
    std::optional<store::Role> role;
    std::vector<std::string> communes;
    std::string refusal;
};

RoleChoice role_choice(const Context& c) {
    RoleChoice out;
    out.role = store::role_from_name(form_field(c, "role"));
    if (!out.role) {
        out.refusal = "rôle inconnu « " + form_field(c, "role") + " »";
        return out;
    }
    std::string unknown;
    out.communes = chosen_communes(c, gazetteer_communes(c), unknown);
    if (!unknown.empty()) out.refusal = "commune inconnue du répertoire : « " + unknown + " »";
    return out;
}

// The accounts page, with what just happened.
Outcome accounts_answer(const Context& c, int status, const pages::Notice& notice, const std::string& link = {}) {
    return private_page(status, pages::admin_accounts_page(*c.user, c.router.accounts()->accounts(),
                                                           gazetteer_communes(c), notice, link));
}

std::string link_url(const Context& c, const std::string& token) {
    return public_base(c.router.config(), c.request.host) + store::setup_link_path(token);
}

}  // namespace

Outcome admin_home(const Context& c) {
    if (!c.user || !store::may_administer(*c.user)) return error_response(403, kAdminsOnly, false);
    return account_redirect("/admin/comptes");
}

Outcome admin_accounts(const Context& c) {
    if (!c.router.accounts() || !c.user) return accounts_unavailable();
    if (!store::may_administer(*c.user)) return error_response(403, kAdminsOnly, false);
    return accounts_answer(c, 200, {});
}

Outcome admin_create(const Context& c) {
    store::AccountService* accounts = c.router.accounts();
    if (!accounts || !c.user) return accounts_unavailable();
    if (!store::may_administer(*c.user)) return error_response(403, kAdminsOnly, false);
    RoleChoice chosen = role_choice(c);
    if (!chosen.refusal.empty()) return accounts_answer(c, 400, {chosen.refusal});
    const store::Role role = *chosen.role;
    const std::vector<std::string>& communes = chosen.communes;
    auto made = accounts->create_account(c.user->login, c.request.client, form_field(c, "identifiant"),
                                         form_field(c, "nom"), role, communes);
    if (auto* refused = std::get_if<store::Refusal>(&made))
        return accounts_answer(c, refused->status, {refused->message});
    const auto& link = std::get<store::SetupLink>(made);
    return accounts_answer(c, 200, {"Compte « " + link.login + " » créé.", false}, link_url(c, link.token));
}

Outcome admin_role(const Context& c) {
    store::AccountService* accounts = c.router.accounts();
    if (!accounts || !c.user) return accounts_unavailable();
    if (!store::may_administer(*c.user)) return error_response(403, kAdminsOnly, false);
    RoleChoice chosen = role_choice(c);
    if (!chosen.refusal.empty()) return accounts_answer(c, 400, {chosen.refusal});
    const store::Role role = *chosen.role;
    const std::vector<std::string>& communes = chosen.communes;
    const std::string login = form_field(c, "identifiant");
    if (auto refused = accounts->set_role(c.user->login, c.request.client, login, role, communes))
        return accounts_answer(c, refused->status, {refused->message});
    return accounts_answer(c, 200, {"Rôle de « " + login + " » changé ; ses sessions ont pris fin.", false});
}

Outcome admin_state(const Context& c) {
    store::AccountService* accounts = c.router.accounts();
    if (!accounts || !c.user) return accounts_unavailable();
    if (!store::may_administer(*c.user)) return error_response(403, kAdminsOnly, false);
    const std::string etat = form_field(c, "etat");
    if (etat != "desactiver" && etat != "activer")
        return error_response(400, "état inconnu « " + etat + " » : desactiver ou activer", false);
    const std::string login = form_field(c, "identifiant");
    const bool disable = etat == "desactiver";
    if (auto refused = accounts->set_disabled(c.user->login, c.request.client, login, disable))
        return error_response(refused->status, refused->message, false);
    return account_redirect("/admin/comptes");
}

Outcome admin_link(const Context& c) {
    store::AccountService* accounts = c.router.accounts();
    if (!accounts || !c.user) return accounts_unavailable();
    if (!store::may_administer(*c.user)) return error_response(403, kAdminsOnly, false);
    auto made = accounts->reset(c.user->login, c.request.client, form_field(c, "identifiant"));
    if (auto* refused = std::get_if<store::Refusal>(&made))
        return error_response(refused->status, refused->message, false);
    const auto& link = std::get<store::SetupLink>(made);
    return accounts_answer(
        c, 200,
        {"Nouveau lien pour « " + link.login + " » : son mot de passe est effacé, ses sessions ont pris fin.", false},
        link_url(c, link.token));
}

Outcome admin_journal(const Context& c) {
    store::AccountService* accounts = c.router.accounts();
    if (!accounts || !c.user) return accounts_unavailable();
    if (!store::may_administer(*c.user)) return error_response(403, kAdminsOnly, false);
    int64_t before = 0;
    if (auto avant = c.request.get("avant")) {
        auto [p, ec] = std::from_chars(avant->data(), avant->data() + avant->size(), before);
        if (ec != std::errc() || p != avant->data() + avant->size() || before < 0)
            return SearchError{"entrée de journal invalide pour avant : « " + *avant + " »",
                               "ce numéro d'entrée du journal n'existe pas", "avant"};
    }
    constexpr size_t kPage = 100;
    auto entries = accounts->journal(kPage, before);
    int64_t older = entries.size() == kPage ? entries.back().id : 0;
    return private_page(200, pages::journal_page(entries, older));
}

}  // namespace coopdec::handlers
