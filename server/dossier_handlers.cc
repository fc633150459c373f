// @brief The /dossier routes: the dossier's state comes from the URL (a
// shared link) or, for « Ajouter au dossier », from the `dossier` cookie that
// remembers the browser's current dossier. Nothing is stored on the server.
#include <algorithm>
#include <ctime>

#include "common/escape.h"
#include "search/dossier.h"
#include "search/search.h"
#include "server/dossier_pages.h"
#include "server/dossier_odt.h"
#include "server/dossier_pdf.h"
#include "server/handlers.h"
#include "server/pages.h"

namespace coopdec::handlers {
namespace {

const char* kCookie = "dossier";
// About a year: a trainer prepares a workshop over weeks.
const char* kCookieAttributes = "; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly";

// The form's buttons: monter=N, descendre=N, retirer=N (1-based).
const std::initializer_list<std::string_view> kActions = {"monter", "descendre", "retirer"};

[[noreturn]] void fail(const DossierError& e) {
    if (e.status == 404) throw NotFound{e.message};
    throw SearchError{e.message};
}

Dossier read_dossier(const http::Params& params, std::initializer_list<std::string_view> extra = {}) {
    auto d = parse_dossier(params, extra);
    if (auto* err = std::get_if<DossierError>(&d)) fail(*err);
    return std::get<Dossier>(std::move(d));
}

std::vector<DossierPassage> read_passages(const Context& c, const Dossier& d) {
    auto p = load_passages(c.index, d);
    if (auto* err = std::get_if<DossierError>(&p)) fail(*err);
    return std::get<std::vector<DossierPassage>>(std::move(p));
}

// The value of the `dossier` cookie in a Cookie header ("a=1; dossier=…").
std::string cookie_value(const std::string& header) {
    size_t pos = 0;
    while (pos < header.size()) {
        size_t end = header.find(';', pos);
        if (end == std::string::npos) end = header.size();
        size_t b = header.find_first_not_of(' ', pos);
        if (b < end) {
            std::string_view pair(header.data() + b, end - b);
            const std::string name = std::string(kCookie) + "=";
            if (pair.substr(0, name.size()) == name) return std::string(pair.substr(name.size()));
        }
        pos = end + 1;
    }
    return {};
}

// The browser's current dossier, from its cookie. A cookie that no longer
// reads (edited by hand, or from another version) or names a passage the
// index no longer holds (re-indexed corpus) gives an empty dossier and the
// reason, never an error the user could not get out of.
struct CookieDossier {
    Dossier dossier;
    std::string raw;      // the cookie's value as sent
    std::string problem;  // "" when it read
};

CookieDossier cookie_dossier(const Context& c) {
    CookieDossier out;
    out.raw = cookie_value(c.request.cookie);
    if (out.raw.empty()) return out;
    std::string path;
    http::Params params;
    if (auto err = http::parse_target("/?" + out.raw, path, params)) {
        out.problem = err->message;
        return out;
    }
    auto d = parse_dossier(params);
    if (auto* err = std::get_if<DossierError>(&d)) {
        out.problem = err->message;
        return out;
    }
    auto passages = load_passages(c.index, std::get<Dossier>(d));
    if (auto* err = std::get_if<DossierError>(&passages)) {
        out.problem = err->message;
        return out;
    }
    out.dossier = std::get<Dossier>(std::move(d));
    return out;
}

std::string set_cookie(const std::string& query) {
    if (query.empty()) return std::string(kCookie) + "=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly";
    return std::string(kCookie) + "=" + query + kCookieAttributes;
}

http::Response see_other(const std::string& location) {
    http::Response r;
    r.status = 303;
    r.headers.emplace_back("Location", location);
    r.body = pages::layout("Dossier", "<p><a href=\"" + html_escape(location) + "\">Voir le dossier</a></p>");
    return r;
}

std::string today() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

// The position N of a form button (1..size), or a 400.
size_t position(const std::string& name, const std::string& value, size_t size) {
    size_t n = 0;
    bool digits = !value.empty() && value.size() <= 3 &&
                  value.find_first_not_of("0123456789") == std::string::npos;
    if (digits) n = std::stoul(value);
    if (n < 1 || n > size)
        throw SearchError{"« " + name + " » doit valoir un numéro de passage entre 1 et " + std::to_string(size)};
    return n - 1;
}

// Applies the one form button pressed, if any; true when one was.
bool apply_action(const http::Params& params, Dossier& d) {
    const std::pair<std::string, std::string>* action = nullptr;
    for (const auto& kv : params) {
        if (std::find(kActions.begin(), kActions.end(), kv.first) == kActions.end()) continue;
        if (action) throw SearchError{"une seule action à la fois (monter, descendre ou retirer)"};
        action = &kv;
    }
    if (!action) return false;
    auto& e = d.entries;
    size_t i = position(action->first, action->second, e.size());
    if (action->first == "retirer") {
        e.erase(e.begin() + static_cast<std::ptrdiff_t>(i));
    } else if (action->first == "monter") {
        if (i > 0) std::swap(e[i], e[i - 1]);
    } else if (i + 1 < e.size()) {
        std::swap(e[i], e[i + 1]);
    }
    return true;
}

// A route that takes the dossier and nothing else; an empty dossier is refused.
Dossier export_dossier(const Context& c) {
    Dossier d = read_dossier(c.request.params);
    if (d.entries.empty())
        throw SearchError{"le dossier est vide : ajoutez des passages avec « Ajouter au dossier », puis exportez-le"};
    return d;
}

// The address the exports' absolute links start with.
std::string base(const Context& c) { return public_base(c.router.config(), c.request.host); }

}  // namespace

http::Response dossier_html(const Context& c) {
    const http::Params& params = c.request.params;
    CookieDossier current = cookie_dossier(c);
    if (params.empty()) {
        // /dossier alone: the browser's current dossier, at its own address
        // (so that the address bar is the share link).
        if (current.problem.empty() && !current.raw.empty()) {
            std::string q = pages::dossier_query(current.dossier);
            if (!q.empty()) return see_other("/dossier?" + q);
        }
        pages::DossierPageExtras extras{base(c), {}, {}};
        if (!current.problem.empty())
            extras.message = "Le dossier enregistré dans ce navigateur ne peut plus être lu (" + current.problem +
                             ") : il a été vidé.";
        http::Response r;
        r.body = pages::dossier_page(Dossier{}, {}, extras);
        if (!current.raw.empty()) r.headers.emplace_back("Set-Cookie", set_cookie(""));
        return r;
    }
    Dossier d = read_dossier(params, kActions);
    bool acted = apply_action(params, d);
    const std::string q = pages::dossier_query(d);
    // A form's answer (empty notes, '+' for spaces, a button) goes to the
    // dossier's canonical address: the one to share.
    if (acted || http::encode_params(params) != q) {
        if (q.empty()) {
            http::Response r = see_other("/dossier");
            r.headers.emplace_back("Set-Cookie", set_cookie(""));
            return r;
        }
        return see_other("/dossier?" + q);
    }
    std::vector<DossierPassage> passages = read_passages(c, d);
    pages::DossierPageExtras extras{base(c), {}, {}};
    // A shared link replaces the browser's dossier: say so, with a way back.
    if (current.problem.empty() && !current.raw.empty() && current.raw != q) {
        std::string previous = pages::dossier_query(current.dossier);
        if (!previous.empty() && previous != q) extras.previous_query = previous;
    }
    http::Response r;
    r.body = pages::dossier_page(d, passages, extras);
    if (current.raw != q) r.headers.emplace_back("Set-Cookie", set_cookie(q));
    return r;
}

http::Response dossier_add(const Context& c) {
    std::optional<std::string> ref;
    for (const auto& [name, value] : c.request.params) {
        if (name != "e") throw SearchError{"paramètre inconnu « " + name + " » : /dossier/ajouter prend « e=DOCUMENT#ANCRE »"};
        if (ref) throw SearchError{"un seul passage à la fois : « e » est répété"};
        ref = value;
    }
    if (!ref) throw SearchError{"quel passage ajouter ? /dossier/ajouter prend « e=DOCUMENT#ANCRE »"};
    auto parsed = parse_entry_ref(*ref);
    if (auto* err = std::get_if<DossierError>(&parsed)) fail(*err);
    DossierEntry entry = std::get<DossierEntry>(std::move(parsed));
    read_passages(c, Dossier{{}, {entry}});  // 404 for an unknown document or anchor

    CookieDossier current = cookie_dossier(c);
    Dossier d = current.dossier;
    size_t at = d.entries.size();
    for (size_t i = 0; i < d.entries.size(); ++i)
        if (d.entries[i].doc_id == entry.doc_id && d.entries[i].anchor == entry.anchor) at = i;
    if (at == d.entries.size()) {
        d.entries.push_back(entry);
        if (auto err = check_limits(d))
            throw SearchError{"impossible d'ajouter ce passage, le dossier est plein : " + err->message};
    }
    const std::string q = pages::dossier_query(d);
    http::Response r = see_other("/dossier?" + q + "#p" + std::to_string(at + 1));
    r.headers.emplace_back("Set-Cookie", set_cookie(q));
    return r;
}

http::Response dossier_new(const Context& c) {
    if (!c.request.params.empty()) throw SearchError{"/dossier/nouveau ne prend aucun paramètre"};
    http::Response r = see_other("/dossier");
    r.headers.emplace_back("Set-Cookie", set_cookie(""));
    return r;
}

http::Response dossier_print(const Context& c) {
    Dossier d = export_dossier(c);
    http::Response r;
    r.body = pages::handout_html(d, read_passages(c, d), today(), {}, base(c));
    return r;
}

http::Response dossier_pdf(const Context& c) {
    Dossier d = export_dossier(c);
    std::vector<DossierPassage> passages = read_passages(c, d);
    const auto& statics = c.router.config().statics;
    auto css = statics.find("/static/handout.css");
    // The same stylesheet as the printed page, inline: the tool fetches nothing.
    std::string html = pages::handout_html(d, passages, today(), css == statics.end() ? "@page { size: A4; }" : css->second.body,
                                           base(c));
    PdfResult pdf = html_to_pdf(html);
    using S = PdfResult::Status;
    if (pdf.status != S::ok) {
        std::string message =
            pdf.status == S::missing_tool
                ? "la fabrication des PDF n'est pas installée sur ce serveur (paquet Debian « weasyprint ») : "
                  "utilisez la version à imprimer et « Imprimer en PDF » du navigateur"
            : pdf.status == S::busy ? "trop de PDF en préparation : réessayez dans un instant"
                                    : "le PDF n'a pas pu être fabriqué : réessayez plus tard, ou utilisez la version à imprimer";
        http::Response r = error_response(503, message, false);
        r.log_note = pdf.detail;
        return r;
    }
    http::Response r;
    r.content_type = "application/pdf";
    r.body = std::move(pdf.pdf);
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"dossier.pdf\"");
    return r;
}

http::Response dossier_markdown(const Context& c) {
    Dossier d = export_dossier(c);
    http::Response r;
    r.content_type = "text/markdown; charset=utf-8";
    r.body = pages::dossier_markdown(d, read_passages(c, d), today(), base(c));
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"dossier.md\"");
    return r;
}

http::Response dossier_json(const Context& c) {
    Dossier d = export_dossier(c);
    http::Response r;
    r.content_type = "application/json; charset=utf-8";
    r.body = pages::dossier_json(d, read_passages(c, d), today(), base(c));
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"dossier.json\"");
    return r;
}

http::Response dossier_odt(const Context& c) {
    Dossier d = export_dossier(c);
    http::Response r;
    r.content_type = "application/vnd.oasis.opendocument.text";
    r.body = pages::dossier_odt(read_passages(c, d), d.title, base(c), today());
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + pages::odt_file_name(d.title) + "\"");
    return r;
}

}  // namespace coopdec::handlers
