// @brief Markup of the upload form and of a job's page.
#include "server/upload_pages.h"

#include "common/escape.h"
#include "server/pages.h"
#include "server/uploads.h"

namespace coopdec::pages {
namespace {

std::string esc(const std::string& s) { return html_escape(s); }

std::string typed(const http::Params& p, const std::string& name) {
    for (const auto& [k, v] : p)
        if (k == name) return v;
    return {};
}

std::string text_input(const http::Params& p, const char* name, const char* label, const char* hint = "") {
    std::string id(name);
    std::string out = "<p><label for=\"" + id + "\">" + label + "</label><br><input type=\"text\" id=\"" + id +
                      "\" name=\"" + id + "\" value=\"" + esc(typed(p, name)) + "\" maxlength=\"300\"" +
                      (*hint ? " aria-describedby=\"" + id + "-aide\">" : std::string(">"));
    if (*hint) out += "<br><small id=\"" + id + "-aide\">" + std::string(hint) + "</small>";
    return out + "</p>\n";
}

// The partnership record, chosen among the published ones (grouped by
// commune), or « — aucun — » for a study or a law.
std::string record_select(const http::Params& p, const std::vector<CommuneRecords>& groups) {
    const std::string chosen = typed(p, "partenariat");
    std::string out =
        "<p><label for=\"partenariat\">Fiche de partenariat</label><br><select id=\"partenariat\" "
        "name=\"partenariat\" aria-describedby=\"partenariat-aide\"><option value=\"\">— aucun —</option>";
    for (const auto& g : groups) {
        out += "<optgroup label=\"" + esc(g.name) + "\">";
        for (const auto& r : g.records)
            out += "<option value=\"" + esc(r.id) + "\"" + (r.id == chosen ? " selected" : "") + ">" + esc(r.title) +
                   "</option>";
        out += "</optgroup>";
    }
    out +=
        "</select><br><small id=\"partenariat-aide\">la fiche publiée du partenariat dont parle le document ; "
        "« — aucun — » seulement pour une étude ou une loi</small></p>\n";
    return out;
}

// The metadata fields, shared by the upload form and the correction form.
std::string metadata_fields(const http::Params& p, const std::vector<CommuneRecords>& records) {
    std::string out = "<p><label for=\"type\">Type de document</label><br><select id=\"type\" name=\"type\">";
    for (const auto& [value, label] : kUploadDocTypes)
        out += "<option value=\"" + esc(value) + "\"" + (typed(p, "type") == value ? " selected" : "") + ">" +
               esc(label) + "</option>";
    out += "</select></p>\n";
    out += text_input(p, "titre", "Titre");
    out += text_input(p, "date", "Date", "AAAA-MM-JJ (obligatoire pour une convention ou une loi)");
    out += record_select(p, records);
    out += text_input(p, "auteur", "Auteur", "pour une étude");
    out += text_input(p, "numero", "Numéro de la loi", "par ex. 2019-006");
    out += text_input(p, "identifiant", "Identifiant du document (facultatif)", "minuscules, chiffres et tirets");
    return out;
}

std::string list(const std::vector<std::string>& items) {
    std::string out = "<ul>\n";
    for (const auto& i : items) out += "<li>" + esc(i) + "</li>\n";
    return out + "</ul>\n";
}

std::string job_line(const Job& j) {
    return "<li><a href=\"/espace/travaux/" + std::to_string(j.id) + "\">" + esc(typed(j.meta, "titre")) + "</a> — " +
           esc(j.original_name) + " — " + job_state_label(j.state) + "</li>\n";
}

}  // namespace

std::string upload_form_page(const UploadFormView& v) {
    std::string m = "<h1>Déposer un document</h1>\n";
    if (!v.message.empty()) m += "<p class=\"error\" role=\"alert\">" + esc(v.message) + "</p>\n";
    m += "<p>PDF (texte ou scanné), Word (.docx, .doc), OpenDocument (.odt), RTF, texte ou XML du corpus ; au plus " +
         std::to_string(v.max_file_mib) +
         " Mio. Un document scanné est lu par reconnaissance de caractères : comptez quelques secondes par page.</p>\n";
    m += "<form class=\"upload\" method=\"post\" action=\"/espace/depot/envoi\" enctype=\"multipart/form-data\">\n";
    m += "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(v.csrf) + "\">\n";
    m += "<p><label for=\"commune\">Commune</label><br><select id=\"commune\" name=\"commune\">";
    for (const auto& [id, name] : v.choices.communes)
        m += "<option value=\"" + esc(id) + "\"" + (typed(v.typed, "commune") == id ? " selected" : "") + ">" +
             esc(name) + "</option>";
    m += "</select></p>\n" + metadata_fields(v.typed, v.choices.records);
    // The file comes last: its fields are read before it.
    m += "<p><label for=\"fichier\">Fichier</label><br><input type=\"file\" id=\"fichier\" name=\"fichier\" "
         "accept=\".pdf,.docx,.doc,.odt,.rtf,.txt,.xml\" required></p>\n";
    m += "<p><button type=\"submit\">Envoyer</button></p>\n</form>\n";
    if (!v.jobs.empty()) {
        m += "<h2>Documents déposés</h2>\n<ul>\n";
        for (const auto& j : v.jobs) m += job_line(j);
        m += "</ul>\n";
    }
    return layout("Déposer un document", m, {}, PageStyle::workspace);
}

std::string job_page(const JobView& v) {
    const Job& j = v.job;
    std::string m = "<h1>" + esc(typed(j.meta, "titre").empty() ? j.original_name : typed(j.meta, "titre")) + "</h1>\n";
    if (!v.notice.empty()) m += "<p class=\"notice\" role=\"status\">" + esc(v.notice) + "</p>\n";
    m += "<p>Fichier « <a href=\"/espace/travaux/" + std::to_string(j.id) + "/original\">" + esc(j.original_name) +
         "</a> » pour la commune " + esc(v.commune_name.empty() ? j.commune : v.commune_name) + " : <strong>" +
         job_state_label(j.state) + "</strong>";
    if (j.state == JobState::queued || j.state == JobState::running) m += " — " + esc(j.stage);
    m += "</p>\n";
    if (j.state == JobState::running && j.pages_total > 0) {
        m += "<p><progress max=\"" + std::to_string(j.pages_total) + "\" value=\"" + std::to_string(j.pages_done) +
             "\"></progress> " + std::to_string(j.pages_done) + " page(s) sur " + std::to_string(j.pages_total);
        long left = estimate_seconds_left(v.elapsed, j.pages_done, j.pages_total);
        if (left >= 0)
            m += " ; environ " + std::to_string(left / 60) + " min " + std::to_string(left % 60) + " s restantes";
        m += "</p>\n";
    }
    if (j.state == JobState::queued || j.state == JobState::running)
        m += "<p>Cette page se met à jour toute seule.</p>\n";
    if (!v.structure.empty() || !v.units.empty()) {
        m += "<h2>Ce qui a été reconnu</h2>\n" + list(v.structure);
        if (!v.units.empty()) m += list(v.units);
    }
    if (!v.repairs.empty()) m += "<h2>Réparations faites</h2>\n" + list(v.repairs);
    if (!v.doubts.empty()) m += "<h2>À vérifier</h2>\n" + list(v.doubts);
    if (!j.messages.empty()) m += "<h2>Messages</h2>\n" + list(j.messages);
    if (v.can_submit)
        m += "<form method=\"post\" action=\"/espace/depot/soumettre\"><input type=\"hidden\" name=\"csrf\" value=\"" +
             esc(v.csrf) + "\"><input type=\"hidden\" name=\"travail\" value=\"" + std::to_string(j.id) +
             "\"><p><button type=\"submit\">Soumettre</button> aux validateurs</p></form>\n";
    if (j.submission) m += "<p>Soumis pour validation (contribution n° " + std::to_string(j.submission) + ").</p>\n";
    if ((j.state == JobState::done || j.state == JobState::failed) && !j.submission) {
        m += "<h2 id=\"corriger\">Corriger les métadonnées</h2>\n";
        if (!v.message.empty()) m += "<p class=\"error\" role=\"alert\">" + esc(v.message) + "</p>\n";
        m += "<form class=\"upload\" method=\"post\" action=\"/espace/depot/corriger\">\n"
             "<input type=\"hidden\" name=\"csrf\" value=\"" +
             esc(v.csrf) + "\"><input type=\"hidden\" name=\"travail\" value=\"" + std::to_string(j.id) + "\">\n";
        m += metadata_fields(v.typed.empty() ? j.meta : v.typed, v.records);
        m += "<p><button type=\"submit\">Relancer avec ces métadonnées</button></p>\n</form>\n";
    }
    if (!j.result_xml.empty())
        m += "<h2>Document produit</h2>\n<pre class=\"produced\">" + esc(j.result_xml) + "</pre>\n";
    m += "<p><a href=\"/espace/depot\">Déposer un autre document</a></p>\n";
    std::string page = layout("Document déposé", m, {}, PageStyle::workspace);
    if (j.state == JobState::queued || j.state == JobState::running) {
        // Refreshed without JavaScript while it runs.
        size_t head = page.find("</head>");
        if (head != std::string::npos) page.insert(head, "<meta http-equiv=\"refresh\" content=\"3\">\n");
    }
    return page;
}

}  // namespace coopdec::pages
