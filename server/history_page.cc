// @brief The history page and the restore form's handler.
//
// The history is public: what was published, and by whom, is the published
// record of a public document. Only the restore form is a validator's.
#include "server/history_page.h"

#include <ctime>

#include "common/escape.h"
#include "common/schema.h"
#include "server/line_diff.h"
#include "server/page_parts.h"
#include "server/pages.h"

namespace coopdec {
namespace {

// Lines of context kept around each change; longer runs of unchanged
// lines are folded into « … N lignes inchangées … ».
constexpr std::size_t kContext = 3;

std::string diff_html(const std::optional<std::string>& before, const std::string& after, bool removed) {
    if (removed) return "<p class=\"diff-note\">Fichier retiré du corpus.</p>";
    std::vector<DiffLine> lines = diff_lines(before ? *before : std::string(), after);
    // Which unchanged lines are near a change.
    std::vector<bool> keep(lines.size(), false);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].kind == DiffLine::Kind::same) continue;
        std::size_t from = i >= kContext ? i - kContext : 0;
        for (std::size_t j = from; j < std::min(lines.size(), i + kContext + 1); ++j) keep[j] = true;
    }
    std::string out = before ? "" : "<p class=\"diff-note\">Nouveau fichier.</p>";
    out += "<pre class=\"diff\">";
    std::size_t folded = 0;
    auto fold = [&] {
        if (folded == 0) return;
        out += "<span class=\"diff-fold\">… " + std::to_string(folded) +
               (folded == 1 ? " ligne inchangée" : " lignes inchangées") + " …</span>\n";
        folded = 0;
    };
    bool changed = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const DiffLine& l = lines[i];
        if (l.kind == DiffLine::Kind::same && !keep[i]) {
            ++folded;
            continue;
        }
        fold();
        switch (l.kind) {
            case DiffLine::Kind::same:
                out += "<span class=\"diff-same\">  " + html_escape(l.text) + "</span>\n";
                break;
            case DiffLine::Kind::removed:
                changed = true;
                out += "<del class=\"diff-del\">- " + html_escape(l.text) + "</del>\n";
                break;
            case DiffLine::Kind::added:
                changed = true;
                out += "<ins class=\"diff-ins\">+ " + html_escape(l.text) + "</ins>\n";
                break;
        }
    }
    fold();
    out += "</pre>";
    if (!changed) return "<p class=\"diff-note\">Contenu inchangé.</p>";
    return out;
}

}  // namespace

std::string french_date_time(int64_t seconds) {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    localtime_r(&t, &tm);
    char iso[16], hm[8];
    std::strftime(iso, sizeof iso, "%Y-%m-%d", &tm);
    std::strftime(hm, sizeof hm, "%H:%M", &tm);
    return pages::french_date(iso) + " à " + hm;
}

std::string history_page(const std::string& doc_id, const std::vector<store::Publication>& publications,
                         const std::string& restore_csrf) {
    const std::string id = html_escape(doc_id);
    std::string main = "<h1>Historique de « " + id + " »</h1><p><a href=\"/doc/" + url_encode(doc_id) +
                       "\">Retour au document</a></p>";
    if (publications.empty())
        main += "<p>Aucune publication depuis le serveur : le document est tel que le corpus l'a fourni.</p>";
    else
        main += "<ol class=\"publications\" reversed>";
    for (std::size_t i = 0; i < publications.size(); ++i) {
        const store::Publication& p = publications[i];
        main += "<li class=\"publication\"><h2>" + html_escape(french_date_time(p.at)) + " — " +
                html_escape(p.login.empty() ? std::string("serveur") : p.login) + "</h2><p class=\"summary\">" +
                html_escape(p.summary) + "</p>";
        for (const auto& f : p.files) {
            main += "<h3><code>" + html_escape(f.path) + "</code></h3>" + diff_html(f.previous, f.content, f.removed);
            // The newest version is the one published: nothing to restore.
            if (!restore_csrf.empty() && i > 0 && !f.removed)
                main += "<form method=\"post\" action=\"/revue/restaurer\"><input type=\"hidden\" name=\"" +
                        std::string(kCsrfField) + "\" value=\"" + html_escape(restore_csrf) +
                        "\"><input type=\"hidden\" name=\"publication\" value=\"" + std::to_string(p.id) +
                        "\"><input type=\"hidden\" name=\"path\" value=\"" + html_escape(f.path) +
                        "\"><button>Restaurer cette version</button></form>";
        }
        main += "</li>";
    }
    if (!publications.empty()) main += "</ol>";
    return pages::layout("Historique de " + doc_id, main, {}, pages::PageStyle::workspace);
}

namespace handlers {

Outcome history_html(const Context& c) {
    store::History* history = c.router.history();
    if (!history) {
        http::Response r;
        r.status = 503;
        r.body = pages::error_page(503, "historique indisponible : aucun dossier de corpus configuré");
        return r;
    }
    std::vector<store::Publication> list = history->for_document(c.tail);
    if (list.empty() && !c.db.term_exists(schema::id_term(c.tail)))
        return NotFound{"aucun document « " + c.tail + " » dans l'index", id_words(c.tail)};
    const bool validator = c.user && store::may_review(*c.user);
    http::Response r;
    r.body = history_page(c.tail, list, validator ? c.user->csrf_token : std::string());
    return r;
}

Outcome restore_version(const Context& c) {
    auto refuse = [](int status, const std::string& message) {
        http::Response r;
        r.status = status;
        r.body = pages::error_page(status, message);
        return r;
    };
    if (!c.user || !store::may_review(*c.user))
        return refuse(403, "restauration refusée : seul un validateur peut restaurer une version");
    store::History* history = c.router.history();
    Publisher* publisher = c.router.publisher();
    if (!history || !publisher) return refuse(503, kNoCorpusMessage);
    const std::string number = c.request.get("publication").value_or("");
    const std::string path = c.request.get("path").value_or("");
    int64_t id = 0;
    for (char ch : number) {
        if (ch < '0' || ch > '9' || id > 1000000000000LL) return refuse(400, "numéro de publication invalide");
        id = id * 10 + (ch - '0');
    }
    auto publication = number.empty() ? std::nullopt : history->get(id);
    auto file = publication && publication->done ? history->file_at(id, path) : std::nullopt;
    if (!file) return NotFound{"aucune version de « " + path + " » dans la publication n° " + number};
    if (file->removed) return refuse(422, "cette version retirait le fichier : il n'y a rien à restaurer");
    PublishOutcome done = publisher->publish({CorpusChange{path, file->content, false}}, *c.user,
                                             "Version du " + french_date_time(publication->at) + " restaurée");
    if (!done.ok) {
        std::string message = "restauration impossible :";
        for (const auto& m : done.messages) message += " " + m;
        return refuse(422, message);
    }
    http::Response r;
    r.status = 303;
    r.headers.emplace_back("Location", "/historique/" + url_encode(file->doc_id));
    r.body = "Version restaurée";
    return r;
}

}  // namespace handlers
}  // namespace coopdec
