// @brief The account pages' markup (see account_pages.h).
#include "server/account_pages.h"

#include <ctime>

#include "common/escape.h"
#include "server/authenticator.h"
#include "server/pages.h"

namespace coopdec::pages {
namespace {

std::string notice_html(const Notice& n) {
    if (n.text.empty()) return {};
    return n.error ? "<p class=\"error\" role=\"alert\">" + html_escape(n.text) + "</p>"
                   : "<p class=\"added\" role=\"status\">" + html_escape(n.text) + "</p>";
}

std::string communes_text(const std::vector<std::string>& communes) {
    std::string out;
    for (const auto& c : communes) out += (out.empty() ? "" : ", ") + c;
    return out;
}

std::string role_options(store::Role selected) {
    std::string out;
    for (store::Role r : {store::Role::contributeur, store::Role::validateur, store::Role::administrateur}) {
        out += "<option value=\"" + std::string(store::role_name(r)) + "\"";
        if (r == selected) out += " selected";
        out += ">" + std::string(store::role_label(r)) + "</option>";
    }
    return out;
}

std::string commune_options(const std::vector<CommuneChoice>& communes, const std::vector<std::string>& selected) {
    std::string out;
    for (const auto& c : communes) {
        out += "<option value=\"" + html_escape(c.id) + "\"";
        for (const auto& s : selected)
            if (s == c.id) out += " selected";
        out += ">" + html_escape(c.name) + "</option>";
    }
    return out;
}

std::string state_text(const store::Account& a) {
    if (a.disabled) return "désactivé";
    if (!a.has_password) return "en attente d'activation";
    return "actif";
}

}  // namespace

std::string account_link_html(const store::Principal* who) {
    if (!who) return "<a class=\"account-link\" href=\"/connexion\">Connexion</a>";
    return "<span class=\"account-link\">" + html_escape(who->name) + " · <a href=\"/espace\">Mon espace</a></span>";
}

std::string form_open(const std::string& action, const std::string& csrf, const std::string& css_class) {
    std::string out = "<form method=\"post\" action=\"" + html_escape(action) + "\"";
    if (!css_class.empty()) out += " class=\"" + html_escape(css_class) + "\"";
    return out + "><input type=\"hidden\" name=\"" + kCsrfField + "\" value=\"" + html_escape(csrf) + "\">";
}

std::string login_page(const std::string& retour, const std::string& login, const Notice& notice,
                       const std::string& csrf, const std::string& kept_fields) {
    std::string main = "<h1>Connexion</h1>" + notice_html(notice) + form_open("/connexion", csrf, "account-form") +
                       "<input type=\"hidden\" name=\"retour\" value=\"" + html_escape(retour) + "\">" + kept_fields +
                       "<p><label for=\"identifiant\">Identifiant</label> <input id=\"identifiant\" "
                       "name=\"identifiant\" autocomplete=\"username\" required value=\"" +
                       html_escape(login) +
                       "\"></p>"
                       "<p><label for=\"mot_de_passe\">Mot de passe</label> <input id=\"mot_de_passe\" "
                       "name=\"mot_de_passe\" type=\"password\" autocomplete=\"current-password\" required></p>"
                       "<p><button type=\"submit\">Se connecter</button></p></form>"
                       "<p>Les comptes sont ouverts par un administrateur, qui vous remet un lien "
                       "d'activation. Mot de passe oublié : demandez-lui un nouveau lien.</p>";
    return layout("Connexion", main, {}, PageStyle::workspace);
}

std::string activate_page(const std::string& token, const store::Account& account, const Notice& notice,
                          const std::string& csrf) {
    std::string main =
        "<h1>Activer votre compte</h1><p>Compte « " + html_escape(account.login) + " » (" + html_escape(account.name) +
        ", " + html_escape(std::string(store::role_label(account.role))) +
        "). Choisissez votre mot de passe : 12 caractères au moins, une phrase de plusieurs mots convient "
        "bien.</p>" +
        notice_html(notice) + form_open("/activer/" + token, csrf, "account-form") +
        "<input type=\"hidden\" name=\"identifiant\" autocomplete=\"username\" value=\"" + html_escape(account.login) +
        "\"><p><label for=\"mot_de_passe\">Mot de passe</label> <input id=\"mot_de_passe\" name=\"mot_de_passe\" "
        "type=\"password\" autocomplete=\"new-password\" minlength=\"12\" maxlength=\"128\" required></p>"
        "<p><label for=\"confirmation\">Le même, à nouveau</label> <input id=\"confirmation\" name=\"confirmation\" "
        "type=\"password\" autocomplete=\"new-password\" required></p>"
        "<p><button type=\"submit\">Enregistrer le mot de passe</button></p></form>";
    return layout("Activer votre compte", main, {}, PageStyle::workspace);
}

std::string activate_result_page(const Notice& notice) {
    std::string main = "<h1>Activer votre compte</h1>" + notice_html(notice) +
                       "<p><a href=\"/connexion\">Se connecter</a> · <a href=\"/\">Retour à l'accueil</a></p>";
    return layout("Activer votre compte", main, {}, PageStyle::workspace);
}

std::string space_page(const store::Principal& who, const std::vector<std::pair<std::string, std::string>>& sections) {
    std::string main = "<h1>Mon espace</h1><p>Connecté(e) : <strong>" + html_escape(who.name) + "</strong> (" +
                       html_escape(who.login) + ") — " + html_escape(std::string(store::role_label(who.role)));
    if (!who.communes.empty()) main += " pour " + html_escape(communes_text(who.communes));
    main += "</p>";
    std::vector<std::pair<std::string, std::string>> links;
    if (store::may_review(who)) links.emplace_back("/revue", "Les soumissions à examiner");
    if (store::may_administer(who)) {
        links.emplace_back("/admin/comptes", "Les comptes");
        links.emplace_back("/admin/journal", "Le journal");
    }
    links.emplace_back("/espace/compte", "Changer mon mot de passe");
    main += "<ul class=\"space-links\">";
    for (const auto& [href, text] : links)
        main += "<li><a href=\"" + html_escape(href) + "\">" + html_escape(text) + "</a></li>";
    main += "</ul>";
    for (const auto& [title, html] : sections)
        main += title.empty() ? html : "<section><h2>" + html_escape(title) + "</h2>" + html + "</section>";
    main += form_open("/espace/deconnexion", who.csrf_token) + "<button type=\"submit\">Se déconnecter</button></form>";
    return layout("Mon espace", main, {}, PageStyle::workspace);
}

std::string account_page(const store::Principal& who, const Notice& notice) {
    std::string main =
        "<h1>Changer mon mot de passe</h1>" + notice_html(notice) +
        form_open("/espace/compte", who.csrf_token, "account-form") +
        "<input type=\"hidden\" name=\"identifiant\" autocomplete=\"username\" value=\"" + html_escape(who.login) +
        "\"><p><label for=\"actuel\">Mot de passe actuel</label> <input id=\"actuel\" name=\"actuel\" "
        "type=\"password\" autocomplete=\"current-password\" required></p>"
        "<p><label for=\"mot_de_passe\">Nouveau mot de passe (12 caractères au moins)</label> <input "
        "id=\"mot_de_passe\" name=\"mot_de_passe\" type=\"password\" autocomplete=\"new-password\" minlength=\"12\" "
        "maxlength=\"128\" required></p>"
        "<p><label for=\"confirmation\">Le même, à nouveau</label> <input id=\"confirmation\" name=\"confirmation\" "
        "type=\"password\" autocomplete=\"new-password\" required></p>"
        "<p><button type=\"submit\">Changer le mot de passe</button></p></form>"
        "<p>Vos autres sessions (autres navigateurs, autres appareils) prendront fin.</p>"
        "<p><a href=\"/espace\">Retour à mon espace</a></p>";
    return layout("Changer mon mot de passe", main, {}, PageStyle::workspace);
}

std::string admin_accounts_page(const store::Principal& who, const std::vector<store::Account>& accounts,
                                const std::vector<CommuneChoice>& communes, const Notice& notice,
                                const std::string& link) {
    std::string main = "<h1>Comptes</h1>" + notice_html(notice);
    if (!link.empty())
        main +=
            "<p class=\"setup-link\">Lien d'activation, à usage unique, à remettre à la personne (il ne sera "
            "plus affiché) : <code>" +
            html_escape(link) + "</code></p>";
    main +=
        "<p><a href=\"/admin/journal\">Le journal</a></p><div class=\"scroll\" tabindex=\"0\"><table "
        "class=\"accounts\"><thead><tr>"
        "<th scope=\"col\">Identifiant</th><th scope=\"col\">Nom</th><th scope=\"col\">Rôle</th>"
        "<th scope=\"col\">Communes</th><th scope=\"col\">État</th><th scope=\"col\">Dernière connexion</th>"
        "<th scope=\"col\">Actions</th></tr></thead><tbody>";
    for (const auto& a : accounts) {
        const std::string login = html_escape(a.login);
        main += "<tr><td>" + login + "</td><td>" + html_escape(a.name) + "</td><td>" +
                html_escape(std::string(store::role_label(a.role))) + "</td><td>" +
                html_escape(communes_text(a.communes)) + "</td><td>" + html_escape(state_text(a)) + "</td><td>" +
                html_escape(utc_time(a.last_login)) + "</td><td>";
        const std::string hidden = "<input type=\"hidden\" name=\"identifiant\" value=\"" + login + "\">";
        if (a.login != who.login) {
            main += "<details><summary>Rôle</summary>" + form_open("/admin/comptes/role", who.csrf_token) + hidden +
                    "<label>Rôle <select name=\"role\">" + role_options(a.role) +
                    "</select></label> <label>Communes (contributeur) <select name=\"commune\" multiple "
                    "size=\"6\">" +
                    commune_options(communes, a.communes) +
                    "</select></label> <button type=\"submit\">Changer</button></form></details>";
            main += form_open("/admin/comptes/etat", who.csrf_token, "inline") + hidden +
                    "<input type=\"hidden\" name=\"etat\" value=\"" + (a.disabled ? "activer" : "desactiver") +
                    "\"><button type=\"submit\">" + (a.disabled ? "Réactiver" : "Désactiver") + "</button></form>";
        }
        main += form_open("/admin/comptes/lien", who.csrf_token, "inline") + hidden +
                "<button type=\"submit\">Nouveau lien d'activation</button></form></td></tr>";
    }
    main += "</tbody></table></div><h2>Créer un compte</h2>" +
            form_open("/admin/comptes", who.csrf_token, "account-form") +
            "<p><label for=\"nouvel_identifiant\">Identifiant</label> <input id=\"nouvel_identifiant\" "
            "name=\"identifiant\" required pattern=\"[a-z][a-z0-9._\\-]{2,63}\"> (lettres minuscules, chiffres, "
            "« . », « - », « _ »)</p>"
            "<p><label for=\"nom\">Nom</label> <input id=\"nom\" name=\"nom\" required maxlength=\"100\"></p>"
            "<p><label for=\"role\">Rôle</label> <select id=\"role\" name=\"role\">" +
            role_options(store::Role::contributeur) +
            "</select></p><p><label for=\"communes\">Communes (un contributeur en a une au moins)</label> "
            "<select id=\"communes\" name=\"commune\" multiple size=\"8\">" +
            commune_options(communes, {}) +
            "</select></p><p><button type=\"submit\">Créer le compte et son lien d'activation</button></p></form>";
    return layout("Comptes", main, {}, PageStyle::workspace);
}

std::string journal_page(const std::vector<store::JournalEntry>& entries, int64_t older) {
    std::string main =
        "<h1>Journal des comptes</h1><p>Connexions, échecs, déconnexions, comptes et rôles changés, liens "
        "d'activation créés et utilisés. Le journal ne se modifie ni ne s'efface.</p>"
        "<div class=\"scroll\" tabindex=\"0\"><table class=\"journal\"><thead><tr><th scope=\"col\">Date</th><th "
        "scope=\"col\">Événement</th>"
        "<th scope=\"col\">Compte</th><th scope=\"col\">Par</th><th scope=\"col\">Adresse</th>"
        "<th scope=\"col\">Détail</th></tr></thead><tbody>";
    for (const auto& e : entries)
        main += "<tr><td>" + html_escape(utc_time(e.at)) + "</td><td>" + html_escape(e.event) + "</td><td>" +
                html_escape(e.subject) + "</td><td>" + html_escape(e.actor) + "</td><td>" + html_escape(e.address) +
                "</td><td>" + html_escape(e.detail) + "</td></tr>";
    main += "</tbody></table></div>";
    if (entries.empty()) main += "<p>Aucune entrée.</p>";
    if (older > 0)
        main += "<p><a href=\"/admin/journal?avant=" + std::to_string(older) + "\">Entrées plus anciennes</a></p>";
    main += "<p><a href=\"/admin/comptes\">Les comptes</a></p>";
    return layout("Journal des comptes", main, {}, PageStyle::workspace);
}

std::string utc_time(int64_t seconds) {
    if (seconds == 0) return "jamais";
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
    return buf;
}

}  // namespace coopdec::pages

namespace coopdec {

void decorate_with_account(http::Response& r, const store::Principal* who) {
    if (!who) return;
    const std::string plain = pages::account_link_html(nullptr);
    size_t at = r.body.find(plain);
    if (at != std::string::npos) r.body.replace(at, plain.size(), pages::account_link_html(who));
}

}  // namespace coopdec
