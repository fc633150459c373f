// @brief The declaration and review pages (see declaration_pages.h).
#include "server/declaration_pages.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <span>

#include "common/escape.h"
#include "common/schema.h"
#include "search/countries.h"
#include "server/page_parts.h"
#include "server/pages.h"
#include "server/record_terms.h"

namespace coopdec::pages {
// Named, not anonymous: a unity build compiles this file with the other
// pages, whose helpers have the same short names.
namespace declaration_html {

using declaration::FieldErrors;
using declaration::RecordForm;

std::string esc(const std::string& s) { return html_escape(s); }

// The message of `name`, next to its field, and the attributes that tie
// them together for a screen reader.
struct FieldState {
    std::string attrs, message;
};
FieldState state_of(const FieldErrors& errors, const std::string& name) {
    auto it = errors.find(name);
    if (it == errors.end()) return {};
    return {" aria-invalid=\"true\" aria-describedby=\"" + name + "-err\"",
            "<span class=\"field-error\" id=\"" + name + "-err\">" + esc(it->second) + "</span>"};
}

std::string input(const std::string& name, const std::string& label, const std::string& value,
                  const FieldErrors& errors, const std::string& extra = {}) {
    FieldState s = state_of(errors, name);
    return "<p class=\"field\"><label for=\"" + name + "\">" + esc(label) + "</label> <input type=\"text\" id=\"" +
           name + "\" name=\"" + name + "\" value=\"" + esc(value) + "\"" + extra + s.attrs + ">" + s.message + "</p>";
}

std::string textarea(const std::string& name, const std::string& label, const std::string& value,
                     const FieldErrors& errors, const std::string& hint = {}) {
    FieldState s = state_of(errors, name);
    return "<p class=\"field\"><label for=\"" + name + "\">" + esc(label) + "</label>" +
           (hint.empty() ? "" : " <span class=\"hint\">" + esc(hint) + "</span>") + "<textarea id=\"" + name +
           "\" name=\"" + name + "\" rows=\"4\"" + s.attrs + ">" + esc(value) + "</textarea>" + s.message + "</p>";
}

// A <select>; a current value outside `options` is kept as a choice, so
// that nothing typed is lost (check_form says what is wrong with it).
std::string select(const std::string& name, const std::string& label, std::vector<Option> options,
                   const std::string& current, const FieldErrors& errors, const std::string& empty_label) {
    bool found = current.empty();
    for (const Option& o : options) found = found || o.first == current;
    if (!found) options.emplace_back(current, current);
    FieldState s = state_of(errors, name);
    std::string out = "<p class=\"field\"><label for=\"" + name + "\">" + esc(label) + "</label> <select id=\"" + name +
                      "\" name=\"" + name + "\"" + s.attrs + ">";
    if (!empty_label.empty()) out += "<option value=\"\">" + esc(empty_label) + "</option>";
    for (const Option& o : options)
        out += "<option value=\"" + esc(o.first) + "\"" + (o.first == current ? " selected" : "") + ">" +
               esc(o.second) + "</option>";
    return out + "</select>" + s.message + "</p>";
}

std::vector<Option> options_of(std::span<const terms::Term> list) {
    std::vector<Option> out;
    for (const terms::Term& t : list) out.emplace_back(std::string(t.value), std::string(t.label));
    return out;
}

std::vector<Option> country_options() {
    std::vector<Option> out;
    for (const countries::Country& c : countries::all())
        out.emplace_back(std::string(c.code), std::string(c.name) + " (" + std::string(c.code) + ")");
    std::sort(out.begin(), out.end(), [](const Option& a, const Option& b) { return a.second < b.second; });
    return out;
}

std::string hidden(const std::string& name, const std::string& value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + esc(value) + "\">";
}

// Rows of a repeatable group: the filled ones, then `extra` empty ones.
template <class Row, class Render>
std::string rows(const std::vector<Row>& filled, int extra, Render&& render) {
    std::string out;
    for (size_t i = 0; i < filled.size() + static_cast<size_t>(extra) && i < declaration::kMaxRows; ++i)
        out += render(std::to_string(i), std::to_string(i + 1), i < filled.size() ? filled[i] : Row{});
    return out;
}

std::string date_of(int64_t seconds) {
    if (seconds <= 0) return "—";
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100,
                  tm.tm_mday % 100);
    return french_date(buf);
}

std::string communes_of(const store::Submission& s) {
    std::string out;
    for (size_t i = 0; i < s.communes.size(); ++i) out += (i ? ", " : "") + s.communes[i];
    return out;
}

std::string kind_words(store::SubmissionKind k) {
    return k == store::SubmissionKind::record ? "Fiche de partenariat" : "Document";
}

}  // namespace declaration_html

std::string record_form_page(const RecordFormView& v) {
    using namespace declaration_html;
    const RecordForm& f = v.form;
    const FieldErrors& e = v.errors;
    std::string heading = v.submission ? "Brouillon n° " + std::to_string(v.submission)
                          : v.existing ? "Modifier la fiche « " + f.title + " »"
                                       : "Déclarer un partenariat";
    std::string m = "<h1>" + esc(heading) + "</h1>";
    m += "<p><a href=\"/espace/contributions\">Mes contributions</a></p>";
    if (!v.notice.empty()) m += "<p class=\"notice\" role=\"status\">" + esc(v.notice) + "</p>";
    if (!v.rejection.empty())
        m += "<div class=\"notice\"><p>Refusée par le validateur, avec ce commentaire :</p><blockquote>" +
             esc(v.rejection) + "</blockquote><p>Corrigez la fiche, puis soumettez-la à nouveau.</p></div>";
    if (!e.empty() || !v.messages.empty()) {
        m += "<div class=\"error\" role=\"alert\"><p>La fiche n'est pas enregistrée : ";
        m += e.empty()
                 ? std::string("voici pourquoi.")
                 : std::to_string(e.size()) + (e.size() > 1 ? " champs sont à corriger" : " champ est à corriger") +
                       " (messages à côté de chacun).";
        m += "</p>";
        if (!v.messages.empty()) {
            m += "<ul>";
            for (const auto& msg : v.messages) m += "<li>" + esc(msg) + "</li>";
            m += "</ul>";
        }
        m += "</div>";
    }
    m += "<form class=\"declaration\" method=\"post\" action=\"/espace/fiche/enregistrer\">";
    m += hidden("csrf", v.csrf) + hidden("id", v.submission ? std::to_string(v.submission) : "") +
         hidden("doc", f.doc_id) + hidden("base", v.base) + hidden("extra", std::to_string(f.extra_rows));
    m += "<fieldset><legend>La fiche</legend>";
    if (!f.doc_id.empty()) m += "<p>Identifiant : <code>" + esc(f.doc_id) + "</code></p>";
    m += input("titre", "Titre", f.title, e, " required maxlength=\"300\"");
    m += textarea("avertissement", "Avertissement (fiche de démonstration seulement ; vide pour une fiche réelle)",
                  f.notice, e);
    m += "</fieldset>";

    m += "<fieldset><legend>Collectivités togolaises</legend>";
    m += rows(f.places, f.extra_rows, [&](const std::string& i, const std::string& n, const RecordForm::Place& p) {
        return "<fieldset class=\"row\"><legend>Collectivité " + n + "</legend>" +
               select("c_cle_" + i, "Collectivité", v.places, p.key, e, "— choisir —") +
               input("c_nom_" + i, "Nom dans les sources (ex. ancien nom de la ville)", p.name, e) + "</fieldset>";
    });
    m += "</fieldset>";

    m += "<fieldset><legend>Partenaire étranger</legend>";
    m += input("partenaire", "Nom du partenaire", f.partner, e, " required");
    m += select("niveau", "Niveau", options_of(terms::partner_levels()), f.level, e, "— choisir —");
    m += select("pays", "Pays", country_options(), f.country, e, "— choisir —");
    m += "</fieldset>";

    m += "<fieldset><legend>Le partenariat</legend>";
    m += select("nature", "Nature", options_of(terms::natures()), f.nature, e, "— choisir —");
    m += input("debut", "Année de début", f.start, e, " inputmode=\"numeric\" maxlength=\"4\"");
    m += input("fin", "Année de fin (vide s'il continue)", f.end, e, " inputmode=\"numeric\" maxlength=\"4\"");
    m += select("statut", "Statut", options_of(terms::statuses()), f.status, e, "— choisir —");
    m += "</fieldset>";

    FieldState ts = state_of(e, "theme");
    // A group takes no aria-invalid: its message is tied to it alone.
    m += std::string("<fieldset") + (ts.message.empty() ? "" : " aria-describedby=\"theme-err\"") +
         "><legend>Thèmes</legend><ul class=\"choices\">";
    size_t k = 0;
    for (const terms::Term& t : terms::themes()) {
        bool on = std::find(f.themes.begin(), f.themes.end(), t.value) != f.themes.end();
        std::string id = "theme-" + std::to_string(k++);
        m += "<li><input type=\"checkbox\" name=\"theme\" id=\"" + id + "\" value=\"" + esc(std::string(t.value)) +
             "\"" + (on ? " checked" : "") + "> <label for=\"" + id + "\">" + esc(std::string(t.label)) +
             "</label></li>";
    }
    m += "</ul>" + ts.message + "</fieldset>";

    m += "<fieldset><legend>Description</legend>";
    m += textarea("description", "Description", f.description, e, "un paragraphe par bloc, séparés par une ligne vide");
    m += textarea("divergences", "Divergences des sources", f.divergences, e, "une par ligne");
    m += "</fieldset>";

    m += "<fieldset><legend>Montants mobilisés (en FCFA)</legend>";
    m += rows(f.amounts, f.extra_rows, [&](const std::string& i, const std::string& n, const RecordForm::Amount& a) {
        return "<fieldset class=\"row\"><legend>Montant " + n + "</legend>" +
               input("m_annee_" + i, "Année", a.year, e, " inputmode=\"numeric\" maxlength=\"4\"") +
               select("m_source_" + i, "Source", options_of(terms::amount_sources()), a.source, e, "— choisir —") +
               input("m_origine_" + i, "Précision sur la source (ex. FACT, AIMF)", a.origin, e) +
               input("m_montant_" + i, "Montant en FCFA", a.fcfa, e, " inputmode=\"numeric\"") + "</fieldset>";
    });
    m += "</fieldset>";

    m += "<fieldset><legend>Actions et projets</legend>";
    std::vector<Option> theme_options = options_of(terms::themes());
    m += rows(f.actions, f.extra_rows, [&](const std::string& i, const std::string& n, const RecordForm::Action& a) {
        return "<fieldset class=\"row\"><legend>Action " + n + "</legend>" +
               input("a_titre_" + i, "Intitulé", a.title, e) +
               input("a_debut_" + i, "Année de début", a.start, e, " inputmode=\"numeric\" maxlength=\"4\"") +
               input("a_fin_" + i, "Année de fin", a.end, e, " inputmode=\"numeric\" maxlength=\"4\"") +
               select("a_theme_" + i, "Thème", theme_options, a.theme, e, "— aucun —") +
               select("a_statut_" + i, "État", options_of(terms::action_statuses()), a.status, e, "— choisir —") +
               "</fieldset>";
    });
    m += "</fieldset>";

    m += "<fieldset><legend>Responsables</legend>";
    m += rows(f.people, f.extra_rows, [&](const std::string& i, const std::string& n, const RecordForm::Person& p) {
        return "<fieldset class=\"row\"><legend>Personne " + n + "</legend>" + input("r_nom_" + i, "Nom", p.name, e) +
               input("r_fonction_" + i, "Fonction (ex. point focal, maire)", p.role, e) +
               select("r_cote_" + i, "Côté", options_of(terms::sides()), p.side, e, "— choisir —") +
               input("r_contact_" + i, "Contact (facultatif : courriel ou téléphone)", p.contact, e) + "</fieldset>";
    });
    m += "</fieldset>";

    m += "<fieldset><legend>Sources</legend>";
    m += rows(f.sources, f.extra_rows, [&](const std::string& i, const std::string& n, const RecordForm::Source& s) {
        return "<fieldset class=\"row\"><legend>Source " + n + "</legend>" +
               input("s_texte_" + i, "Source (document, page, délibération…)", s.text, e) +
               input("s_url_" + i, "Adresse web (facultatif)", s.href, e, " inputmode=\"url\"") + "</fieldset>";
    });
    m += "</fieldset>";

    m += "<p class=\"actions\"><button type=\"submit\" name=\"action\" value=\"brouillon\">Enregistrer le "
         "brouillon</button> <button type=\"submit\" name=\"action\" value=\"ajouter\">Ajouter des lignes</button> "
         "<button type=\"submit\" name=\"action\" value=\"soumettre\">Soumettre</button></p>";
    m += "<p class=\"hint\">« Ajouter des lignes » enregistre le brouillon et ajoute des lignes vides à chaque liste. "
         "« Soumettre » envoie la fiche aux validateurs.</p>";
    m += "</form>";
    return layout(heading, m, {}, PageStyle::workspace);
}

std::string contributions_section(const std::vector<store::Submission>& list) {
    using namespace declaration_html;
    std::string out =
        "<section class=\"contributions\" aria-labelledby=\"contributions\"><h2 id=\"contributions\">Mes "
        "contributions</h2><p><a href=\"/espace/fiche/nouvelle\">Déclarer un partenariat</a></p>";
    if (list.empty()) return out + "<p>Aucune contribution pour vos communes.</p></section>";
    out +=
        "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">Contribution</th><th "
        "scope=\"col\">Communes</th><th "
        "scope=\"col\">État</th><th scope=\"col\">Mise à jour</th><th scope=\"col\">Suite</th></tr></thead><tbody>";
    for (const store::Submission& s : list) {
        const std::string id = std::to_string(s.id);
        std::string next;
        const bool record = s.kind == store::SubmissionKind::record;
        // A document is taken up again on its upload's page (the uploads' routes).
        const std::string edit = record     ? "/espace/fiche/" + id
                                 : s.upload ? "/espace/travaux/" + std::to_string(s.upload)
                                            : std::string("/espace/depot");
        switch (s.state) {
            case store::SubmissionState::draft:
                next = "<a href=\"" + esc(edit) + "\">Reprendre le brouillon</a>";
                break;
            case store::SubmissionState::submitted:
                next = "En attente de validation";
                break;
            case store::SubmissionState::accepted:
                next = record ? "<a href=\"" + esc(schema::partnership_url(s.doc_id)) + "\">Voir la fiche publiée</a>"
                              : "<a href=\"/doc/" + esc(s.doc_id) + "\">Voir le document publié</a>";
                break;
            case store::SubmissionState::rejected:
                next = "<p>Commentaire du validateur :</p><blockquote>" + esc(s.comment) + "</blockquote><a href=\"" +
                       esc(edit) + "\">Modifier et soumettre à nouveau</a>";
                break;
        }
        out += "<tr><td>" + esc(kind_words(s.kind)) + " : " + esc(s.title) + "</td><td>" + esc(communes_of(s)) +
               "</td><td class=\"state\">" + esc(std::string(store::state_label(s.state))) + "</td><td>" +
               esc(date_of(s.updated)) + "</td><td>" + next + "</td></tr>";
    }
    return out + "</tbody></table></div></section>";
}

std::string contributions_page(const std::vector<store::Submission>& list, bool reviewer, const std::string& notice) {
    using namespace declaration_html;
    std::string m = "<h1>Mes contributions</h1>";
    if (!notice.empty()) m += "<p class=\"notice\" role=\"status\">" + esc(notice) + "</p>";
    if (reviewer) m += "<p><a href=\"/revue\">File des contributions à valider</a></p>";
    m += contributions_section(list);
    return layout("Mes contributions", m, {}, PageStyle::workspace);
}

std::string review_queue_page(const std::vector<store::Submission>& queue, const std::string& notice) {
    using namespace declaration_html;
    std::string m = "<h1>Contributions à valider</h1>";
    if (!notice.empty()) m += "<p class=\"notice\" role=\"status\">" + esc(notice) + "</p>";
    if (queue.empty())
        return layout("Contributions à valider", m + "<p>Aucune contribution n'attend de décision.</p>", {},
                      PageStyle::workspace);
    m += "<p>De la plus ancienne à la plus récente.</p><div class=\"scroll\" tabindex=\"0\"><table><thead><tr><th "
         "scope=\"col\">N°</th><th "
         "scope=\"col\">Contribution</th><th scope=\"col\">Communes</th><th scope=\"col\">Soumise le</th></tr></thead>"
         "<tbody>";
    for (const store::Submission& s : queue)
        m += "<tr><td>" + std::to_string(s.id) + "</td><td><a href=\"/revue/" + std::to_string(s.id) + "\">" +
             esc(kind_words(s.kind)) + " : " + esc(s.title) + "</a></td><td>" + esc(communes_of(s)) + "</td><td>" +
             esc(date_of(s.updated)) + "</td></tr>";
    return layout("Contributions à valider", m + "</tbody></table></div>", {}, PageStyle::workspace);
}

std::string review_page(const ReviewView& v) {
    using namespace declaration_html;
    const store::Submission& s = v.submission;
    const std::string id = std::to_string(s.id);
    std::string m = "<h1>" + esc(kind_words(s.kind)) + " : " + esc(s.title) + "</h1>";
    m += "<p><a href=\"/revue\">Retour à la file</a></p>";
    m += "<dl class=\"doc-meta\"><dt>Soumission</dt><dd>n° " + id + " (compte n° " + std::to_string(s.author) +
         ")</dd><dt>État</dt><dd>" + esc(std::string(store::state_label(s.state))) + "</dd><dt>Communes</dt><dd>" +
         esc(communes_of(s)) + "</dd><dt>Fichier</dt><dd><code>" + esc(s.path) + "</code></dd></dl>";
    if (!v.messages.empty()) {
        m += "<div class=\"error\" role=\"alert\"><p>La publication est refusée ; la contribution reste soumise "
             ":</p><ul>";
        for (const auto& msg : v.messages) m += "<li>" + esc(msg) + "</li>";
        m += "</ul></div>";
    }
    if (v.stale)
        m += "<p class=\"notice\">La fiche publiée a changé depuis que ce brouillon a été commencé : les différences "
             "ci-dessous sont calculées contre la version publiée aujourd'hui.</p>";
    if (s.kind == store::SubmissionKind::record) {
        m += "<section aria-labelledby=\"changes\"><h2 id=\"changes\">" +
             std::string(v.new_record ? "Nouvelle fiche" : "Modifications, champ par champ") + "</h2>";
        if (!v.record_error.empty()) m += "<p class=\"error\">" + esc(v.record_error) + "</p>";
        if (v.changes.empty() && v.record_error.empty())
            m += "<p>Aucune différence avec la fiche publiée.</p>";
        else if (!v.changes.empty()) {
            m += "<div class=\"scroll\" tabindex=\"0\"><table class=\"field-changes\"><thead><tr><th "
                 "scope=\"col\">Champ</th>";
            if (!v.new_record) m += "<th scope=\"col\">Publié</th>";
            m += "<th scope=\"col\">Proposé</th></tr></thead><tbody>";
            auto cell = [](const std::vector<std::string>& lines) {
                if (lines.empty()) return std::string("<td class=\"empty\">(vide)</td>");
                std::string c = "<td>";
                for (size_t i = 0; i < lines.size(); ++i) c += (i ? "<br>" : "") + esc(lines[i]);
                return c + "</td>";
            };
            for (const auto& c : v.changes) {
                m += "<tr><th scope=\"row\">" + esc(c.label) + "</th>";
                if (!v.new_record) m += cell(c.before);
                m += cell(c.after) + "</tr>";
            }
            m += "</tbody></table></div>";
        }
        m += "</section>";
    } else {
        m += "<section aria-labelledby=\"rendu\"><h2 id=\"rendu\">Le document tel qu'il sera publié</h2>";
        if (s.upload)
            m += "<p><a href=\"/espace/travaux/" + std::to_string(s.upload) +
                 "/original\">Télécharger le fichier original</a></p>";
        if (!v.rendered.empty())
            m += "<div class=\"rendered\">" + v.rendered + "</div>";
        else
            m += "<p>" + esc(v.render_error.empty() ? "Rendu indisponible." : v.render_error) +
                 " Le XML à publier :</p><pre class=\"xml\">" + esc(s.payload) + "</pre>";
        m += "</section>";
    }
    if (s.state == store::SubmissionState::submitted) {
        m += "<section aria-labelledby=\"decision\"><h2 id=\"decision\">Décision</h2>";
        m += "<form method=\"post\" action=\"/revue/accepter\">" + hidden("csrf", v.csrf) + hidden("id", id) +
             "<p><button type=\"submit\">Accepter et publier</button></p></form>";
        FieldState cs = state_of(v.errors, "commentaire");
        m += "<form method=\"post\" action=\"/revue/refuser\">" + hidden("csrf", v.csrf) + hidden("id", id) +
             "<p class=\"field\"><label for=\"commentaire\">Commentaire pour le contributeur (obligatoire pour "
             "refuser)</label><textarea id=\"commentaire\" name=\"commentaire\" rows=\"4\" required" +
             cs.attrs + ">" + esc(v.comment) + "</textarea>" + cs.message +
             "</p><p><button type=\"submit\">Refuser</button></p></form></section>";
    }
    return layout(s.title, m, {}, PageStyle::workspace);
}

}  // namespace coopdec::pages
