// @brief The declaration and review routes (see declaration_handlers.h).
#include "server/declaration_handlers.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <ctime>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/escape.h"
#include "common/places.h"
#include "common/schema.h"
#include "indexer/extract.h"
#include "indexer/render.h"
#include "indexer/xml_read.h"
#include "search/document.h"
#include "server/declaration_pages.h"
#include "server/record_form.h"
#include "store/submissions.h"

namespace coopdec::handlers {
// Named, not anonymous: a unity build compiles this file with the other
// handlers, whose helpers have the same short names.
namespace declaration_routes {

using declaration::RecordForm;
using store::Submission;
using store::SubmissionState;

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

http::Response no_store_page(std::string body, int status = 200) {
    http::Response r;
    r.status = status;
    r.body = std::move(body);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

http::Response refused(int status, const std::string& message) { return error_response(status, message, false); }

http::Response see_other(const std::string& location) {
    http::Response r;
    r.status = 303;
    r.headers.emplace_back("Location", location);
    r.body = "Voir " + location;
    return r;
}

std::string sha256_hex(const std::string& s) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(s);
    return Poco::DigestEngine::digestToHex(engine.digest());
}

// A positive decimal id, else 0.
int64_t id_of(const std::string& text) {
    if (text.empty() || text.size() > 15 || text.find_first_not_of("0123456789") != std::string::npos) return 0;
    return std::stoll(text);
}

// The gazetteer the index holds (schema::kPlacesKey), in its order.
std::vector<places::PlaceRow> gazetteer(const Context& c) {
    std::vector<std::string> values = c.index.metadata_of_shards(schema::kPlacesKey);
    return values.empty() ? std::vector<places::PlaceRow>{} : places::decode(values.front());
}

std::string place_label(const places::PlaceRow& p) {
    std::string label = p.level == "prefecture" ? "Préfecture de " + p.name
                        : p.level == "region"   ? "Région " + p.name
                                                : p.name;
    if (!p.former.empty()) label += " (" + p.former.front() + ")";
    return label;
}

// The collectivities `who` may choose, as (key, label): a contributor's
// communes; for a validator, every commune, préfecture and région and « not
// confirmed ». `kept`: the keys of the published record, allowed too.
std::vector<pages::Option> place_options(const Context& c, const std::vector<places::PlaceRow>& rows,
                                         const std::vector<RecordForm::Place>& kept) {
    std::vector<pages::Option> out;
    auto add = [&](const std::string& key, const std::string& label) {
        for (const auto& o : out)
            if (o.first == key) return;
        out.emplace_back(key, label);
    };
    if (store::may_review(*c.user)) {
        for (const char* level : {"commune", "prefecture", "region"}) {
            std::vector<const places::PlaceRow*> of_level;
            for (const auto& p : rows)
                if (p.level == level) of_level.push_back(&p);
            std::sort(of_level.begin(), of_level.end(),
                      [](const places::PlaceRow* a, const places::PlaceRow* b) { return a->name < b->name; });
            for (const places::PlaceRow* p : of_level) add(std::string(level) + ":" + p->id, place_label(*p));
        }
        add("aucune", "Collectivité non confirmée par les sources");
    } else {
        for (const std::string& id : c.user->communes) {
            std::string label = id;
            for (const auto& p : rows)
                if (p.level == "commune" && p.id == id) label = place_label(p);
            add("commune:" + id, label);
        }
    }
    for (const auto& p : kept) add(p.key, p.name.empty() ? p.key : p.name);
    return out;
}

// The ids a record concerns, as the store keeps them: its communes, else
// the other places it names, else « inconnue ».
std::vector<std::string> concerned(const RecordForm& form) {
    std::vector<std::string> out = declaration::form_communes(form);
    if (!out.empty()) return out;
    for (const auto& p : form.places) {
        size_t colon = p.key.find(':');
        if (colon != std::string::npos) out.push_back(p.key.substr(colon + 1));
    }
    if (out.empty()) out.push_back("inconnue");
    return out;
}

// An empty name of a commune row: the commune's former name (what the
// sources call it), else its name.
void fill_names(RecordForm& form, const std::vector<places::PlaceRow>& rows) {
    for (auto& p : form.places) {
        if (!normalize_space(p.name).empty() || p.key.empty()) continue;
        size_t colon = p.key.find(':');
        if (colon == std::string::npos) continue;
        for (const auto& r : rows)
            if (r.id == p.key.substr(colon + 1)) p.name = r.former.empty() ? r.name : r.former.front();
    }
}

// The published record `doc_id`: its XML, or nothing.
std::optional<std::string> published(const Context& c, const std::string& doc_id) {
    if (!valid_document_id(doc_id)) return std::nullopt;
    return load_source(c.index, doc_id);
}

std::optional<http::Response> unavailable(const Context& c) {
    if (!c.user) return refused(401, "session terminée ou absente : connectez-vous");
    if (!c.router.submissions())
        return refused(503, "les contributions sont indisponibles sur ce serveur : réessayez plus tard");
    return std::nullopt;
}

bool may_declare(const store::Principal& who) {
    return store::may_review(who) || (who.role == store::Role::contributeur && !who.communes.empty());
}

pages::RecordFormView form_view(const Context& c, RecordForm form, const std::vector<RecordForm::Place>& kept) {
    pages::RecordFormView v;
    v.places = place_options(c, gazetteer(c), kept);
    v.form = std::move(form);
    v.csrf = c.user->csrf_token;
    return v;
}

// A page that says where a submission stands when it cannot be changed.
http::Response state_page(const Submission& s) {
    std::string m =
        "<h1>" + html_escape(s.title) + "</h1><p>Cette contribution est « " +
        html_escape(std::string(store::state_label(s.state))) +
        " » : elle n'est plus modifiable.</p><p><a href=\"/espace/contributions\">Mes contributions</a></p>";
    return no_store_page(pages::layout(s.title, m));
}

std::string kept_extra(const Context& c, int current) {
    std::string lines = c.request.get("lignes").value_or("");
    if (lines.size() == 1 || lines.size() == 2)
        if (lines.find_first_not_of("0123456789") == std::string::npos)
            return std::to_string(std::clamp(std::stoi(lines), declaration::kEmptyRows, 20));
    return std::to_string(current);
}

}  // namespace declaration_routes

Outcome declaration_new(const Context& c) {
    using namespace declaration_routes;
    if (auto r = unavailable(c)) return *r;
    if (!may_declare(*c.user))
        return refused(403,
                       "votre compte ne permet pas de déclarer de partenariat : aucune commune ne vous est confiée");
    RecordForm form;
    // A contributor of one commune has it chosen already.
    if (c.user->communes.size() == 1 && !store::may_review(*c.user))
        form.places.push_back({"commune:" + c.user->communes.front(), ""});
    fill_names(form, gazetteer(c));
    return no_store_page(pages::record_form_page(form_view(c, std::move(form), {})));
}

Outcome declaration_edit(const Context& c) {
    using namespace declaration_routes;
    if (auto r = unavailable(c)) return *r;
    auto xml = published(c, c.tail);
    if (!xml) return NotFound{"aucune fiche « " + c.tail + " » dans l'index", id_words(c.tail)};
    RecordForm form;
    std::string error;
    if (!declaration::form_from_xml(*xml, form, error))
        return NotFound{"aucune fiche de partenariat « " + c.tail + " » dans l'index", id_words(c.tail)};
    if (!store::may_work_for_any(*c.user, concerned(form)))
        return refused(403,
                       "cette fiche concerne une commune dont vous n'êtes pas responsable : vous ne pouvez pas la "
                       "modifier");
    std::vector<RecordForm::Place> kept = form.places;
    pages::RecordFormView v = form_view(c, std::move(form), kept);
    v.base = sha256_hex(*xml);
    v.existing = true;
    return no_store_page(pages::record_form_page(v));
}

Outcome declaration_draft(const Context& c) {
    using namespace declaration_routes;
    if (auto r = unavailable(c)) return *r;
    const int64_t id = id_of(c.tail);
    std::optional<Submission> s = id ? c.router.submissions()->get(id) : std::nullopt;
    if (!s || s->kind != store::SubmissionKind::record || !store::may_work_for_any(*c.user, s->communes))
        return NotFound{"aucun brouillon n° " + c.tail + " parmi vos contributions"};
    if (s->state != SubmissionState::draft && s->state != SubmissionState::rejected) return state_page(*s);
    RecordForm form;
    std::string error;
    if (!declaration::form_from_xml(s->payload, form, error)) return refused(500, "brouillon illisible : " + error);
    std::vector<RecordForm::Place> kept;
    if (auto xml = published(c, s->doc_id); xml && !s->base.empty()) {
        RecordForm before;
        if (declaration::form_from_xml(*xml, before, error)) kept = before.places;
    }
    form.extra_rows = std::stoi(kept_extra(c, form.extra_rows));
    pages::RecordFormView v = form_view(c, std::move(form), kept);
    v.submission = s->id;
    v.base = s->base;
    v.existing = !s->base.empty();
    if (s->state == SubmissionState::rejected) v.rejection = s->comment;
    if (c.request.get("enregistre")) v.notice = "Brouillon enregistré.";
    return no_store_page(pages::record_form_page(v));
}

Outcome declaration_save(const Context& c) {
    using namespace declaration_routes;
    if (auto r = unavailable(c)) return *r;
    store::SubmissionStore& store = *c.router.submissions();
    if (!may_declare(*c.user))
        return refused(403,
                       "votre compte ne permet pas de déclarer de partenariat : aucune commune ne vous est confiée");
    const std::string action = c.request.get("action").value_or("brouillon");
    RecordForm form = declaration::form_from_params(c.request.params);
    std::vector<places::PlaceRow> rows = gazetteer(c);
    fill_names(form, rows);

    // What the record replaces, and who may touch it: from the store for an
    // existing draft, from the index for a published record; never from
    // the form's hidden fields alone.
    const std::string sid_text = c.request.get("id").value_or("");
    const int64_t sid = id_of(sid_text);
    std::string base;
    std::vector<RecordForm::Place> kept;
    std::optional<RecordForm> before;
    if (!sid_text.empty()) {
        std::optional<Submission> s = sid ? store.get(sid) : std::nullopt;
        if (!s || s->kind != store::SubmissionKind::record || !store::may_work_for_any(*c.user, s->communes))
            return NotFound{"aucun brouillon n° " + sid_text + " parmi vos contributions"};
        if (s->state != SubmissionState::draft && s->state != SubmissionState::rejected)
            return refused(403, "cette contribution est « " + std::string(store::state_label(s->state)) +
                                    " » : elle n'est plus modifiable");
        form.doc_id = s->doc_id;
        base = s->base;
    } else if (!form.doc_id.empty()) {
        auto xml = published(c, form.doc_id);
        if (!xml) return NotFound{"aucune fiche « " + form.doc_id + " » dans l'index", id_words(form.doc_id)};
        RecordForm pub;
        std::string error;
        if (!declaration::form_from_xml(*xml, pub, error))
            return refused(400, "« " + form.doc_id + " » n'est pas une fiche de partenariat modifiable ici");
        if (!store::may_work_for_any(*c.user, concerned(pub)))
            return refused(403,
                           "cette fiche concerne une commune dont vous n'êtes pas responsable : vous ne pouvez pas "
                           "la modifier");
        base = sha256_hex(*xml);
        before = pub;
    }
    if (!base.empty() && !before) {
        if (auto xml = published(c, form.doc_id)) {
            RecordForm pub;
            std::string error;
            if (declaration::form_from_xml(*xml, pub, error)) before = pub;
        }
    }
    if (before) kept = before->places;

    pages::RecordFormView v = form_view(c, form, kept);
    v.submission = sid;
    v.base = base;
    v.existing = !base.empty();
    declaration::Choices choices;
    for (const auto& o : v.places) choices.places.insert(o.first);
    int status = 400;
    v.errors = declaration::check_form(form, choices);
    // A collectivity the person may not choose is a refusal, not a typo.
    for (const auto& p : form.places)
        if (!p.key.empty() && !choices.places.count(p.key)) status = 403;
    if (v.errors.empty() && !store::may_work_for_any(*c.user, concerned(form))) {
        v.errors["c_cle_0"] = "choisissez au moins une commune dont vous êtes responsable";
        status = 403;
    }
    if (v.errors.empty() && base.empty()) {
        v.form.doc_id = form.doc_id = declaration::new_record_id(form);
        if (published(c, form.doc_id))
            v.errors["partenaire"] = "une fiche publiée porte déjà l'identifiant « " + form.doc_id +
                                     " » : modifiez-la depuis sa page plutôt que d'en déclarer une nouvelle";
    }
    if (!v.errors.empty()) {
        if (action == "ajouter") v.form.extra_rows += declaration::kMoreRows;
        return no_store_page(pages::record_form_page(v), status);
    }

    const std::string xml = declaration::record_xml(form);
    if (xml.size() > store::SubmissionStore::kMaxPayloadBytes) {
        v.messages.push_back("fiche trop volumineuse (8 Mio au plus) : raccourcissez la description");
        return no_store_page(pages::record_form_page(v), 413);
    }
    const std::string path = "partenariats/" + form.doc_id + ".xml";
    Publisher* publisher = c.router.publisher();
    if (action == "soumettre" && !publisher)
        return refused(503,
                       "la vérification des fiches est indisponible : enregistrez le brouillon et réessayez plus "
                       "tard");
    if (publisher) {
        PublishOutcome checked = publisher->check({CorpusChange{path, xml, false}});
        if (!checked.ok) {
            v.messages = checked.messages;
            if (v.messages.empty()) v.messages.push_back("la fiche ne passe pas les vérifications du corpus");
            return no_store_page(pages::record_form_page(v), 400);
        }
    }

    Submission sub;
    sub.kind = store::SubmissionKind::record;
    sub.author = c.user->account_id;
    sub.communes = concerned(form);
    sub.path = path;
    sub.doc_id = form.doc_id;
    sub.title = normalize_space(form.title);
    sub.payload = xml;
    sub.base = base;
    int64_t id = sid;
    // What the store refuses is said on the form, which keeps what was typed.
    auto store_refused = [&](const store::SubmissionError& err) {
        v.messages.push_back(err.message);
        return no_store_page(pages::record_form_page(v), err.status);
    };
    if (sid) {
        if (auto err = store.amend(sid, sub, now())) return store_refused(*err);
    } else {
        auto created = store.create(sub, now());
        if (auto* err = std::get_if<store::SubmissionError>(&created)) return store_refused(*err);
        id = std::get<int64_t>(created);
    }
    if (action == "soumettre") {
        if (auto err = store.submit(id, now())) return refused(err->status, err->message);
        return see_other("/espace/contributions?soumis=" + std::to_string(id));
    }
    const int extra = action == "ajouter" ? form.extra_rows + declaration::kMoreRows : form.extra_rows;
    return see_other("/espace/fiche/" + std::to_string(id) + "?enregistre=1&lignes=" + std::to_string(extra));
}

Outcome contributions(const Context& c) {
    using namespace declaration_routes;
    if (auto r = unavailable(c)) return *r;
    if (!may_declare(*c.user))
        return refused(403, "votre compte n'a pas de contributions : aucune commune ne vous est confiée");
    store::SubmissionStore& store = *c.router.submissions();
    // A validator's own drafts; a contributor's, those of every commune
    // entrusted to them, whoever wrote them.
    std::vector<Submission> list = store::may_review(*c.user) ? store.list_by_author(c.user->account_id)
                                                              : store.list_for_communes(c.user->communes);
    const std::string notice =
        c.request.get("soumis") ? "Contribution soumise : les validateurs la relisent avant publication." : "";
    return no_store_page(pages::contributions_page(list, store::may_review(*c.user), notice));
}

std::string contributions_section_html(const Context& c) {
    using namespace declaration_routes;
    if (!c.user || !c.router.submissions() || !may_declare(*c.user)) return {};
    store::SubmissionStore& store = *c.router.submissions();
    const bool reviewer = store::may_review(*c.user);
    std::string out = pages::contributions_section(reviewer ? store.list_by_author(c.user->account_id)
                                                            : store.list_for_communes(c.user->communes));
    if (reviewer) out += "<p><a href=\"/revue\">File des contributions à valider</a></p>";
    return out;
}

Outcome review_queue(const Context& c) {
    using namespace declaration_routes;
    if (auto r = unavailable(c)) return *r;
    if (!store::may_review(*c.user)) return refused(403, "la file de validation est réservée aux validateurs");
    std::string done = c.request.get("fait").value_or("");
    std::string notice = done == "accepte"  ? "Contribution acceptée et publiée."
                         : done == "refuse" ? "Contribution refusée ; son auteur voit votre commentaire."
                                            : "";
    return no_store_page(pages::review_queue_page(c.router.submissions()->queue(), notice));
}

namespace declaration_routes {

// The review of `s`, as a validator sees it.
pages::ReviewView review_view(const Context& c, Submission s) {
    pages::ReviewView v;
    v.csrf = c.user->csrf_token;
    if (s.kind == store::SubmissionKind::record) {
        RecordForm after, before;
        std::string error;
        if (!declaration::form_from_xml(s.payload, after, error)) v.record_error = "fiche illisible : " + error;
        auto xml = published(c, s.doc_id);
        v.new_record = !xml;
        if (xml) {
            if (!declaration::form_from_xml(*xml, before, error)) v.record_error = "fiche publiée illisible : " + error;
            v.stale = !s.base.empty() && sha256_hex(*xml) != s.base;
        }
        v.changes = declaration::diff_forms(before, after);
    } else {
        // Rendered as its page will be once published (server/page_views.h).
        Extraction e = extract(s.payload, s.path);
        RenderResult r = render_html(s.payload, s.path, e.record.format.empty() ? "coopdec" : e.record.format);
        if (r.ok)
            v.rendered = r.html;
        else
            v.render_error = "Ce document ne peut pas être rendu (" +
                             (r.diagnostics.empty() ? std::string("raison inconnue") : r.diagnostics.front().str()) +
                             ").";
    }
    v.submission = std::move(s);
    return v;
}

// The submission the form names, for a validator: nothing (and `answer`
// set) when the person is not one or there is no such submission.
std::optional<Submission> reviewed(const Context& c, std::optional<Outcome>& answer) {
    if (auto r = unavailable(c)) {
        answer = *r;
        return std::nullopt;
    }
    if (!store::may_review(*c.user)) {
        answer = refused(403, "seuls les validateurs décident des contributions");
        return std::nullopt;
    }
    const std::string text = c.request.method == "POST" ? c.request.get("id").value_or("") : c.tail;
    const int64_t id = id_of(text);
    std::optional<Submission> s = id ? c.router.submissions()->get(id) : std::nullopt;
    if (!s) answer = NotFound{"aucune contribution n° " + text};
    return s;
}

// One decision at a time, so that two validators cannot publish the same
// submission twice.
std::mutex decisions;

// The submission a decision (`verb`: « acceptée », « refusée ») is about,
// when the person is a validator and it is submitted; else nothing, and
// `answer` says why.
std::optional<Submission> awaiting_decision(const Context& c, const char* verb, std::optional<Outcome>& answer) {
    std::optional<Submission> s = reviewed(c, answer);
    if (s && s->state != SubmissionState::submitted) {
        answer = refused(403, "cette contribution est « " + std::string(store::state_label(s->state)) +
                                  " » : seule une contribution soumise peut être " + verb);
        return std::nullopt;
    }
    return s;
}

}  // namespace declaration_routes

Outcome review_item(const Context& c) {
    using namespace declaration_routes;
    std::optional<Outcome> answer;
    std::optional<Submission> s = reviewed(c, answer);
    if (!s) return std::move(*answer);
    return no_store_page(pages::review_page(review_view(c, std::move(*s))));
}

Outcome review_accept(const Context& c) {
    using namespace declaration_routes;
    std::optional<Outcome> answer;
    std::optional<Submission> s = awaiting_decision(c, "acceptée", answer);
    if (!s) return std::move(*answer);
    Publisher* publisher = c.router.publisher();
    if (!publisher) return refused(503, "la publication est indisponible sur ce serveur : réessayez plus tard");
    std::lock_guard<std::mutex> lock(decisions);
    // Read again under the lock: another validator may have decided.
    s = c.router.submissions()->get(s->id);
    if (!s || s->state != SubmissionState::submitted)
        return refused(409, "un autre validateur vient de décider de cette contribution");
    const std::string summary =
        std::string(s->kind == store::SubmissionKind::record ? "Fiche acceptée : " : "Document accepté : ") + s->title +
        " (contribution n° " + std::to_string(s->id) + ")";
    PublishOutcome published_outcome = publisher->publish({CorpusChange{s->path, s->payload, false}}, *c.user, summary);
    if (!published_outcome.ok) {
        pages::ReviewView v = review_view(c, *s);
        v.messages = published_outcome.messages;
        if (v.messages.empty()) v.messages.push_back("la publication a échoué sans message");
        return no_store_page(pages::review_page(v), 409);
    }
    if (auto err = c.router.submissions()->accept(s->id, c.user->account_id, published_outcome.publication_id, now()))
        return refused(err->status, "publiée, mais la décision n'a pas été enregistrée : " + err->message);
    return see_other("/revue?fait=accepte");
}

Outcome review_reject(const Context& c) {
    using namespace declaration_routes;
    std::optional<Outcome> answer;
    std::optional<Submission> s = awaiting_decision(c, "refusée", answer);
    if (!s) return std::move(*answer);
    const std::string typed = c.request.get("commentaire").value_or("");
    const std::string comment = normalize_space(typed);
    if (comment.empty()) {
        pages::ReviewView v = review_view(c, *s);
        v.errors["commentaire"] = "dites au contributeur ce qu'il doit corriger : le commentaire est obligatoire";
        v.comment = typed;
        return no_store_page(pages::review_page(v), 400);
    }
    std::lock_guard<std::mutex> lock(decisions);
    if (auto err = c.router.submissions()->reject(s->id, c.user->account_id, typed, now()))
        return refused(err->status, err->message);
    return see_other("/revue?fait=refuse");
}

}  // namespace coopdec::handlers
