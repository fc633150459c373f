// @brief The /dossier routes. A dossier is kept in the dossier store
// (server/dossier_store.h): the browser's current one is named by its edit
// key in the `dossier_cle` cookie; every change is a POST from this site's
// forms (server/router.h checks their Origin) answered by a 303. Its share
// token gives the read-only page and the exports. A dossier from an old
// link (?titre=…&e=…&a=…) still reads, read-only, and can be stored.
#include <algorithm>
#include <ctime>

#include "common/escape.h"
#include "search/dossier.h"
#include "search/search.h"
#include "server/dossier_cookie.h"
#include "server/dossier_odt.h"
#include "server/dossier_pages.h"
#include "server/dossier_store.h"
#include "server/handlers.h"
#include "server/page_parts.h"
#include "server/pages.h"
#include "server/pdf_response.h"

namespace coopdec::handlers {
namespace {

// The form's buttons: monter=N, descendre=N, retirer=N (1-based), and the
// exports, which save first.
const std::initializer_list<std::string_view> kActions = {"monter", "descendre", "retirer"};
const std::initializer_list<std::string_view> kExports = {"imprimer", "pdf", "markdown", "json", "odt"};

// A refused dossier as the handler's value: 404 or 400.
Outcome user_error(const DossierError& e) {
    if (e.status == 404) return NotFound{e.message};
    return SearchError{e.message};
}

[[noreturn]] void fail(const DossierError& e) {
    if (e.status == 404) throw NotFound{e.message};
    throw SearchError{e.message};
}

Dossier read_dossier(const http::Params& params, std::initializer_list<std::string_view> extra = {}) {
    auto d = parse_dossier(params, extra);
    if (auto* err = std::get_if<DossierError>(&d)) fail(*err);
    return std::get<Dossier>(std::move(d));
}

// A passage the index no longer holds is kept, with its note, and said to be
// missing (`keep_missing`); only a new one is refused (404).
std::vector<DossierPassage> read_passages(const Context& c, const Dossier& d, bool keep_missing = true) {
    auto p = load_passages(c.index, d, keep_missing);
    if (auto* err = std::get_if<DossierError>(&p)) fail(*err);
    return std::get<std::vector<DossierPassage>>(std::move(p));
}

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

std::string today() { return pages::today_iso(); }

http::Response see_other(const std::string& location) {
    http::Response r;
    r.status = 303;
    r.headers.emplace_back("Location", location);
    r.body = pages::layout("Dossier", "<p><a href=\"" + html_escape(location) + "\">Continuer</a></p>");
    return r;
}

// The address the exports' absolute links start with.
std::string base(const Context& c) { return public_base(c.router.config(), c.request.host); }

// The store, or the 503 to answer when the server runs without one.
DossierStore* store_or_null(const Context& c) { return c.router.dossiers(); }

http::Response no_store() {
    return error_response(503, "les dossiers ne sont pas disponibles sur ce serveur (dossier d'état non configuré)",
                          false);
}

// The position N of a form button (1..size), or a 400.
size_t position(const std::string& name, const std::string& value, size_t size) {
    size_t n = 0;
    bool digits = !value.empty() && value.size() <= 3 && value.find_first_not_of("0123456789") == std::string::npos;
    if (digits) n = std::stoul(value);
    if (n < 1 || n > size)
        throw SearchError{"« " + name + " » doit valoir un numéro de passage entre 1 et " + std::to_string(size)};
    return n - 1;
}

// Applies the one move button pressed, if any: the 1-based position the
// moved passage ends at (0 when none was pressed or it was removed from
// the end; the page then opens at the top of the list).
struct Moved {
    bool acted = false;
    size_t at = 0;
};

Moved apply_action(const http::Params& params, Dossier& d) {
    const std::pair<std::string, std::string>* action = nullptr;
    for (const auto& kv : params) {
        if (std::find(kActions.begin(), kActions.end(), kv.first) == kActions.end()) continue;
        if (action) throw SearchError{"une seule action à la fois (monter, descendre ou retirer)"};
        action = &kv;
    }
    if (!action) return {};
    auto& e = d.entries;
    size_t i = position(action->first, action->second, e.size());
    if (action->first == "retirer") {
        e.erase(e.begin() + static_cast<std::ptrdiff_t>(i));
        // The place is kept: the passage that took its place, or the one before.
        return {true, e.empty() ? 0 : std::min(i, e.size() - 1) + 1};
    }
    if (action->first == "monter") {
        if (i > 0) std::swap(e[i], e[i - 1]), --i;
    } else if (i + 1 < e.size()) {
        std::swap(e[i], e[i + 1]), ++i;
    }
    return {true, i + 1};
}

// A dossier from a form: `titre` at most once, then `e` entries in order,
// each followed by at most one `a` (its note; CR LF kept as LF). Names in
// `extra` are skipped. No size limit here: the store checks its own.
Dossier form_dossier(const http::Params& params, std::initializer_list<std::string_view> extra) {
    Dossier d;
    bool titled = false, noted = false;
    for (const auto& [name, value] : params) {
        if (std::find(extra.begin(), extra.end(), name) != extra.end()) continue;
        if (name == "titre") {
            if (titled) throw SearchError{"paramètre « titre » répété : un dossier a un seul titre"};
            titled = true;
            d.title = value;
        } else if (name == "e") {
            auto e = parse_entry_ref(value);
            if (auto* err = std::get_if<DossierError>(&e)) fail(*err);
            d.entries.push_back(std::get<DossierEntry>(std::move(e)));
            noted = false;
        } else if (name == "a") {
            if (d.entries.empty())
                throw SearchError{"note « a » sans passage avant elle : chaque note suit son passage « e »"};
            if (noted) throw SearchError{"deux notes pour le passage « " + entry_ref(d.entries.back()) + " »"};
            noted = true;
            std::string note;
            for (char ch : value)
                if (ch != '\r') note += ch;
            d.entries.back().note = std::move(note);
        } else {
            throw SearchError{"paramètre inconnu « " + name + " »"};
        }
    }
    return d;
}

// The edit key a POST acts with: the form's `cle` (the dossier page
// carries it), else the browser's cookie.
std::string edit_key_of(const Context& c) {
    if (auto k = c.request.get("cle"); k && !k->empty()) return *k;
    return cookie_value(c.request.cookie, kDossierKeyCookie);
}

// The old cookie's dossier ("titre=…&e=…"), when it still reads.
std::optional<Dossier> legacy_cookie_dossier(const Context& c) {
    std::string raw = cookie_value(c.request.cookie, kLegacyDossierCookie);
    if (raw.empty()) return std::nullopt;
    std::string path;
    http::Params params;
    if (http::parse_target("/?" + raw, path, params)) return std::nullopt;
    auto d = parse_dossier(params);
    if (!std::holds_alternative<Dossier>(d)) return std::nullopt;
    if (!std::holds_alternative<std::vector<DossierPassage>>(load_passages(c.index, std::get<Dossier>(d))))
        return std::nullopt;
    return std::get<Dossier>(std::move(d));
}

// The dossier's page in edit mode, `status` and `message` for a refusal
// that shows the form again with what was typed.
http::Response edit_page(const Context& c, const Dossier& d, const std::string& key, int status = 200,
                         const std::string& message = {}) {
    pages::DossierPageExtras extras;
    extras.public_url = base(c);
    extras.message = message;
    extras.edit_key = key;
    http::Response r;
    r.status = status;
    r.body = pages::dossier_page(d, read_passages(c, d), extras);
    return r;
}

http::Response export_response(const Context& c, const Dossier& d, std::string_view kind) {
    if (d.entries.empty())
        throw SearchError{"le dossier est vide : ajoutez des passages avec « Ajouter au dossier », puis exportez-le"};
    std::vector<DossierPassage> passages = read_passages(c, d);
    http::Response r;
    if (kind == "imprimer") {
        r.body = pages::handout_html(d, passages, today(), {}, base(c));
        return r;
    }
    if (kind == "markdown") {
        r.content_type = "text/markdown; charset=utf-8";
        r.body = pages::dossier_markdown(d, passages, today(), base(c));
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"dossier.md\"");
        return r;
    }
    if (kind == "json") {
        r.content_type = "application/json; charset=utf-8";
        r.body = pages::dossier_json(d, passages, today(), base(c));
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"dossier.json\"");
        return r;
    }
    if (kind == "odt") {
        r.content_type = "application/vnd.oasis.opendocument.text";
        r.body = pages::dossier_odt(passages, d.title, base(c), today());
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + pages::odt_file_name(d.title) + "\"");
        return r;
    }
    const auto& statics = c.router.config().statics;
    auto css = statics.find("/static/handout.css");
    // The same stylesheet as the printed page, inline: the tool fetches nothing.
    std::string html = pages::handout_html(d, passages, today(),
                                           css == statics.end() ? "@page { size: A4; }" : css->second.body, base(c));
    return pdf_response(html, "dossier.pdf", "utilisez la version à imprimer");
}

// `retour` when it is a path on this site ("/…", not "//…", no backslash or
// control character, a target parse_target reads); else "" — never a
// redirection to another site.
std::string safe_return(const std::string& retour) {
    if (retour.empty() || retour.size() > 2048 || retour[0] != '/' || (retour.size() > 1 && retour[1] == '/'))
        return {};
    for (char ch : retour) {
        auto u = static_cast<unsigned char>(ch);
        if (u < 0x21 || u == 0x7f || ch == '\\' || ch == '"' || ch == '<' || ch == '>') return {};
    }
    std::string path;
    http::Params params;
    if (http::parse_target(retour.substr(0, retour.find('#')), path, params)) return {};
    return retour;
}

}  // namespace

namespace {

Outcome answer_html(const Context& c) {
    const http::Params& params = c.request.params;
    if (!params.empty()) {
        // An old link: the dossier is the query string. Read-only, with a
        // way to store it; a form's answer goes to the canonical address.
        Dossier d = read_dossier(params, kActions);
        bool acted = apply_action(params, d).acted;
        const std::string q = pages::dossier_query(d);
        if (acted || http::encode_params(params) != q) return see_other(q.empty() ? "/dossier" : "/dossier?" + q);
        pages::DossierPageExtras extras;
        extras.public_url = base(c);
        extras.mode = pages::DossierPageExtras::Mode::legacy;
        http::Response r;
        r.body = pages::dossier_page(d, read_passages(c, d), extras);
        return r;
    }
    DossierStore* store = store_or_null(c);
    if (!store) return no_store();
    const std::string key = cookie_value(c.request.cookie, kDossierKeyCookie);
    std::string message;
    http::Response r;
    if (!key.empty()) {
        if (auto stored = store->by_edit_key(key, now())) {
            stored->dossier.share = stored->share;
            return edit_page(c, stored->dossier, key);
        }
        message = "Le dossier de ce navigateur n'existe plus sur le serveur (non ouvert depuis " +
                  std::to_string(store->limits().expiry_days) + " jours, ou supprimé) : en voici un nouveau.";
        r.headers.emplace_back("Set-Cookie", clear_cookie(kDossierKeyCookie));
    } else if (!cookie_value(c.request.cookie, kLegacyDossierCookie).empty()) {
        // The dossier an earlier version kept in the cookie: stored once,
        // then named by its key like any other.
        r.headers.emplace_back("Set-Cookie", clear_cookie(kLegacyDossierCookie));
        if (auto old = legacy_cookie_dossier(c); old && (!old->entries.empty() || !old->title.empty())) {
            auto made = store->create(*old, now());
            if (auto* n = std::get_if<NewDossier>(&made)) {
                old->share = n->share;
                http::Response page = edit_page(c, *old, n->edit_key);
                page.headers.insert(page.headers.end(), r.headers.begin(), r.headers.end());
                page.headers.emplace_back("Set-Cookie", set_cookie(kDossierKeyCookie, n->edit_key));
                return page;
            }
            message =
                "Le dossier de ce navigateur n'a pas pu être enregistré : " + std::get<DossierError>(made).message;
        } else {
            message = "Le dossier enregistré dans ce navigateur ne peut plus être lu : il a été vidé.";
        }
    }
    pages::DossierPageExtras extras;
    extras.public_url = base(c);
    extras.message = message;
    r.body = pages::dossier_page(Dossier{}, {}, extras);
    return r;
}

Outcome answer_add(const Context& c) {
    DossierStore* store = store_or_null(c);
    if (!store) return no_store();
    std::optional<std::string> ref, retour;
    for (const auto& [name, value] : c.request.params) {
        if (name == "retour") {
            retour = value;
            continue;
        }
        if (name != "e")
            return SearchError{"paramètre inconnu « " + name +
                               " » : /dossier/ajouter prend « e=DOCUMENT#ANCRE » et « retour »"};
        if (ref) return SearchError{"un seul passage à la fois : « e » est répété"};
        ref = value;
    }
    if (!ref) return SearchError{"quel passage ajouter ? /dossier/ajouter prend « e=DOCUMENT#ANCRE »"};
    auto parsed = parse_entry_ref(*ref);
    if (auto* err = std::get_if<DossierError>(&parsed)) return user_error(*err);
    DossierEntry entry = std::get<DossierEntry>(std::move(parsed));
    read_passages(c, Dossier{{}, {entry}, {}}, false);  // 404 for an unknown document or anchor

    http::Response r;
    std::string key = cookie_value(c.request.cookie, kDossierKeyCookie);
    std::optional<StoredDossier> current = key.empty() ? std::nullopt : store->by_edit_key(key, now());
    Dossier d;
    if (current) {
        d = current->dossier;
    } else if (auto old = legacy_cookie_dossier(c)) {
        d = *old;  // the old cookie's dossier goes on in the store
        r.headers.emplace_back("Set-Cookie", clear_cookie(kLegacyDossierCookie));
    }
    size_t at = d.entries.size();
    for (size_t i = 0; i < d.entries.size(); ++i)
        if (d.entries[i].doc_id == entry.doc_id && d.entries[i].anchor == entry.anchor) at = i;
    const std::string back = safe_return(retour.value_or(""));
    if (at == d.entries.size()) {
        d.entries.push_back(entry);
        std::optional<DossierError> err;
        if (current) {
            err = store->save(key, d, now());
        } else {
            auto made = store->create(d, now());
            if (auto* n = std::get_if<NewDossier>(&made)) {
                key = n->edit_key;
                r.headers.emplace_back("Set-Cookie", set_cookie(kDossierKeyCookie, key));
            } else {
                err = std::get<DossierError>(made);
            }
        }
        if (err) {
            pages::ErrorHelp help;
            if (!back.empty()) help.links.emplace_back(back, "Revenir à la page");
            help.links.emplace_back("/dossier", "Ouvrir le dossier");
            return error_response(err->status, "impossible d'ajouter ce passage : " + err->message, false, help);
        }
    }
    // Back where the button was, the passage confirmed there (a cookie read
    // once: the page's own address stays as it was).
    std::string location = "/dossier#p" + std::to_string(at + 1);
    if (!back.empty()) {
        const std::string fragment = pages::return_fragment(back, entry.doc_id, entry.anchor);
        location = back.find('#') != std::string::npos || fragment.empty() ? back : back + "#" + url_encode(fragment);
    }
    http::Response out = see_other(location);
    out.headers.insert(out.headers.end(), r.headers.begin(), r.headers.end());
    out.headers.emplace_back("Set-Cookie", set_cookie(kAddedCookie, url_encode(entry_ref(entry))));
    return out;
}

Outcome answer_save(const Context& c) {
    DossierStore* store = store_or_null(c);
    if (!store) return no_store();
    const std::string key = edit_key_of(c);
    if (key.empty() || !store->count(key))
        return error_response(403,
                              "modification refusée : ce navigateur n'a pas la clé de modification de ce dossier "
                              "(ouvrez son lien de modification)",
                              false);
    std::optional<std::string> exporter;
    for (const auto& [name, value] : c.request.params)
        if (name == "exporter") {
            if (std::find(kExports.begin(), kExports.end(), value) == kExports.end())
                return SearchError{"« exporter » vaut imprimer, pdf, markdown ou json"};
            exporter = value;
        }
    Dossier d = form_dossier(c.request.params, {"cle", "exporter", "monter", "descendre", "retirer"});
    Moved moved = apply_action(c.request.params, d);
    if (auto err = store->save(key, d, now())) {
        // Nothing typed is lost: the page again, with the text in it.
        auto stored = store->by_edit_key(key, now());
        if (stored) d.share = stored->share;
        return edit_page(c, d, key, err->status, "Le dossier n'a pas été enregistré : " + err->message + ".");
    }
    auto stored = store->by_edit_key(key, now());
    http::Response r =
        see_other(exporter   ? "/dossier/" + stored->share + (*exporter == "imprimer" ? "/imprimer" : "/" + *exporter)
                  : moved.at ? "/dossier#p" + std::to_string(moved.at)
                             : "/dossier");
    if (key != cookie_value(c.request.cookie, kDossierKeyCookie))
        r.headers.emplace_back("Set-Cookie", set_cookie(kDossierKeyCookie, key));
    return r;
}

Outcome answer_import(const Context& c) {
    DossierStore* store = store_or_null(c);
    if (!store) return no_store();
    Dossier d = form_dossier(c.request.params, {});
    auto made = store->create(d, now());
    if (auto* err = std::get_if<DossierError>(&made)) {
        if (err->status >= 429) return error_response(err->status, err->message, false);
        return user_error(*err);
    }
    const NewDossier& n = std::get<NewDossier>(made);
    http::Response r = see_other("/dossier/modifier/" + n.edit_key);
    r.headers.emplace_back("Set-Cookie", set_cookie(kDossierKeyCookie, n.edit_key));
    return r;
}

Outcome answer_new(const Context& c) {
    if (!c.request.params.empty()) return SearchError{"/dossier/nouveau ne prend aucun paramètre"};
    http::Response r = see_other("/dossier");
    r.headers.emplace_back("Set-Cookie", clear_cookie(kDossierKeyCookie));
    return r;
}

Outcome answer_edit_link(const Context& c) {
    DossierStore* store = store_or_null(c);
    if (!store) return no_store();
    if (!c.request.params.empty()) return SearchError{"un lien de modification ne prend aucun paramètre"};
    if (!store->count(c.tail))
        return NotFound{"lien de modification inconnu : ce dossier n'existe plus ou le lien est incomplet"};
    // This browser now edits that dossier.
    http::Response r = see_other("/dossier");
    r.headers.emplace_back("Set-Cookie", set_cookie(kDossierKeyCookie, c.tail));
    return r;
}

Outcome answer_shared(const Context& c) {
    DossierStore* store = store_or_null(c);
    if (!store) return no_store();
    const std::string& tail = c.tail;
    size_t slash = tail.find('/');
    const std::string share = tail.substr(0, slash);
    const std::string kind = slash == std::string::npos ? "" : tail.substr(slash + 1);
    if (!kind.empty() && std::find(kExports.begin(), kExports.end(), kind) == kExports.end())
        return NotFound{"aucune page « " + kind + " » pour un dossier (imprimer, pdf, markdown, json ou odt)"};
    if (!c.request.params.empty()) return SearchError{"le lien d'un dossier ne prend aucun paramètre"};
    auto stored = store->by_share(share, now());
    if (!stored) return NotFound{"aucun dossier à ce lien : il a expiré, ou le lien est incomplet"};
    stored->dossier.share = stored->share;
    if (!kind.empty()) return export_response(c, stored->dossier, kind);
    pages::DossierPageExtras extras;
    extras.public_url = base(c);
    extras.mode = pages::DossierPageExtras::Mode::shared;
    http::Response r;
    r.body = pages::dossier_page(stored->dossier, read_passages(c, stored->dossier), extras);
    return r;
}

}  // namespace

// Reading a dossier (read_dossier(), form_dossier(), read_passages(),
// apply_action(), export_response()) throws what it refuses: each handler
// turns it into its value here.
Outcome dossier_html(const Context& c) {
    return errors_as_values([&] { return answer_html(c); });
}

Outcome dossier_add(const Context& c) {
    return errors_as_values([&] { return answer_add(c); });
}

Outcome dossier_save(const Context& c) {
    return errors_as_values([&] { return answer_save(c); });
}

Outcome dossier_import(const Context& c) {
    return errors_as_values([&] { return answer_import(c); });
}

Outcome dossier_new(const Context& c) {
    return errors_as_values([&] { return answer_new(c); });
}

Outcome dossier_edit_link(const Context& c) {
    return errors_as_values([&] { return answer_edit_link(c); });
}

Outcome dossier_shared(const Context& c) {
    return errors_as_values([&] { return answer_shared(c); });
}

Outcome dossier_print(const Context& c) {
    return errors_as_values([&] { return export_response(c, read_dossier(c.request.params), "imprimer"); });
}
Outcome dossier_pdf(const Context& c) {
    return errors_as_values([&] { return export_response(c, read_dossier(c.request.params), "pdf"); });
}
Outcome dossier_markdown(const Context& c) {
    return errors_as_values([&] { return export_response(c, read_dossier(c.request.params), "markdown"); });
}
Outcome dossier_json(const Context& c) {
    return errors_as_values([&] { return export_response(c, read_dossier(c.request.params), "json"); });
}
Outcome dossier_odt(const Context& c) {
    return errors_as_values([&] { return export_response(c, read_dossier(c.request.params), "odt"); });
}

}  // namespace coopdec::handlers
