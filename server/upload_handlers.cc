// @brief The upload routes: the form, receiving a file, a job's page and
// its original, its correction and its submission. Every job is checked against the person
// signed in (store::may_work_for its commune): another commune's job is
// a 404, whatever id is typed.
#include <charconv>
#include <chrono>
#include <fstream>
#include <iterator>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "common/escape.h"
#include "indexer/extract.h"
#include "server/handlers.h"
#include "server/upload_choices.h"
#include "server/upload_pages.h"
#include "server/uploads.h"
#include "store/submissions.h"

namespace coopdec::handlers {
namespace {

int64_t page_clock() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The metadata fields a form sends, as typed.
const char* const kMetaFields[] = {"type", "titre", "date", "partenariat", "auteur", "numero", "identifiant"};

http::Params metadata(const http::Request& req) {
    http::Params out;
    for (const char* f : kMetaFields)
        if (auto v = req.get(f)) out.emplace_back(f, *v);
    return out;
}

std::string meta_field(const http::Params& p, const std::string& name) {
    for (const auto& [k, v] : p)
        if (k == name) return v;
    return {};
}

// What is wrong with the metadata, in French; "" when nothing.
std::string metadata_problem(const http::Params& meta) {
    bool known = false;
    for (const auto& [v, label] : kUploadDocTypes) known |= meta_field(meta, "type") == v;
    if (!known) return "choisissez le type du document";
    if (meta_field(meta, "titre").empty()) return "le titre est obligatoire";
    for (const auto& [k, v] : meta) {
        if (v.size() > 300) return "le champ « " + k + " » est trop long (au plus 300 caractères)";
        for (unsigned char c : v)
            if (c < 0x20) return "le champ « " + k + " » contient un caractère de contrôle";
    }
    return {};
}

http::Response page(int status, std::string body) {
    http::Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

http::Response unavailable() {
    return error_response(503, "le dépôt de documents n'est pas disponible sur ce serveur", false);
}

// The communes whose jobs a person's list shows: a contributor's own; a
// validator sees their own uploads only there.
std::vector<std::string> mine(const store::Principal& who) {
    return who.role == store::Role::contributeur ? who.communes : std::vector<std::string>{};
}

// What is wrong with the partnership record chosen for `commune`, in
// French; "" when it is one of those offered (or « aucun » where allowed).
std::string record_problem(const Context& c, const UploadChoices& choices, const std::string& commune,
                           const http::Params& meta) {
    const std::string record = meta_field(meta, "partenariat");
    if (record.empty())
        return record_optional(meta_field(meta, "type"))
                   ? std::string()
                   : "choisissez la fiche de partenariat du document (« — aucun — » seulement pour une étude ou une "
                     "loi)";
    if (!choices.offers_record(commune, record, store::may_review(*c.user)))
        return "la fiche de partenariat choisie n'est pas une fiche publiée de la commune " + choices.name_of(commune) +
               " : choisissez-en une dans la liste";
    return {};
}

// The form again, with what was typed and why it was refused.
http::Response form_again(const Context& c, int status, const std::string& message) {
    pages::UploadFormView v;
    v.csrf = c.user->csrf_token;
    v.choices = upload_choices(c.index, *c.user);
    v.typed = metadata(c.request);
    if (auto commune = c.request.get("commune")) v.typed.emplace_back("commune", *commune);
    v.message = message;
    Uploads* uploads = c.router.uploads();
    if (uploads) {
        v.max_file_mib = uploads->settings().max_file_bytes >> 20;
        v.jobs = uploads->queue().list(c.user->account_id, mine(*c.user), 20);
    }
    http::Response r = page(status, pages::upload_form_page(v));
    if (status == 503 || status == 429) r.headers.emplace_back("Retry-After", "60");
    return r;
}

std::optional<int64_t> job_id(const std::string& text) {
    int64_t id = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || p != text.data() + text.size() || id <= 0) return std::nullopt;
    return id;
}

// The job `text` names, if the person may see it: otherwise nothing, the
// same answer as for an id that does not exist.
std::optional<Job> visible_job(const Context& c, const std::string& text) {
    auto id = job_id(text);
    if (!id || !c.user) return std::nullopt;
    auto job = c.router.uploads()->queue().get(*id);
    if (!job || !store::may_work_for(*c.user, job->commune)) return std::nullopt;
    return job;
}

const NotFound kNoJob("aucun document déposé à ce numéro parmi ceux de vos communes");

// The corpus folder of a document type, for the submission's path.
std::string folder_of(const std::string& type) {
    if (type == "convention") return "conventions";
    if (type == "entretien") return "entretiens";
    if (type == "etude") return "etudes";
    if (type == "loi") return "lois";
    return {};
}

std::vector<std::string> json_lines(const Poco::JSON::Object::Ptr& report, const char* key, bool repair) {
    std::vector<std::string> out;
    auto items = report->getArray(key);
    for (size_t i = 0; items && i < items->size(); ++i) {
        auto o = items->getObject(static_cast<unsigned>(i));
        if (!o) continue;
        std::string at = "ligne " + std::to_string(o->optValue<int>("line", 0));
        if (repair)
            out.push_back(at + " : « " + o->optValue<std::string>("from", "") + " » → « " +
                          o->optValue<std::string>("to", "") + " »");
        else
            out.push_back(at + " : « " + o->optValue<std::string>("word", "") + " » — " +
                          o->optValue<std::string>("message", ""));
    }
    return out;
}

// A Content-Disposition for `name` (already sanitised: no quote, no
// control character): an ASCII filename for old clients, and the exact
// UTF-8 name as RFC 5987's filename* (RFC 6266) when it is not ASCII.
std::string attachment(const std::string& name) {
    std::string ascii;
    bool plain = true;
    for (size_t i = 0; i < name.size(); ++i) {
        auto b = static_cast<unsigned char>(name[i]);
        if (b < 0x80) {
            ascii += b == '\\' || b == '"' ? '_' : static_cast<char>(b);
            continue;
        }
        plain = false;
        // One '_' for a whole UTF-8 sequence.
        if ((b & 0xC0) != 0x80) ascii += '_';
    }
    std::string out = "attachment; filename=\"" + ascii + "\"";
    if (plain) return out;
    static const char kHex[] = "0123456789ABCDEF";
    std::string encoded;
    for (unsigned char b : name) {
        if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') ||
            std::string_view("!#$&+-.^_`|~").find(static_cast<char>(b)) != std::string_view::npos) {
            encoded += static_cast<char>(b);
        } else {
            encoded += '%';
            encoded += kHex[b >> 4];
            encoded += kHex[b & 15];
        }
    }
    return out + "; filename*=UTF-8''" + encoded;
}

// The original of a job the person may see: its bytes, named by the job's
// row (STATE_DIR/originals/SHA-256), never by anything in the request.
Outcome upload_original(const Context& c, const std::string& id) {
    auto job = visible_job(c, id);
    if (!job) return kNoJob;
    bool hex = job->original.size() == 64 && job->original.find_first_not_of("0123456789abcdef") == std::string::npos;
    std::ifstream in(c.router.uploads()->originals_dir() + "/" + job->original, std::ios::binary);
    if (!hex || !in) return error_response(410, "le fichier original de ce document n'est plus conservé", false);
    http::Response r;
    r.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    r.content_type = job->media_type.empty() ? "application/octet-stream" : job->media_type;
    r.headers.emplace_back("Content-Disposition", attachment(job->original_name));
    // Private: only its commune's contributors and the validators read it.
    r.headers.emplace_back("Cache-Control", "private, no-store");
    return r;
}

// A job's page: its progress, what was recognised, its correction form.
pages::JobView job_view(const Context& c, const Job& job_row) {
    const Job* job = &job_row;
    pages::JobView v;
    v.job = *job;
    UploadChoices choices = upload_choices(c.index, *c.user);
    v.commune_name = choices.name_of(job->commune);
    v.records = choices.records_for(store::may_review(*c.user) ? std::string() : job->commune);
    v.csrf = c.user->csrf_token;
    v.elapsed = job->started ? static_cast<long>(page_clock() - job->started) : 0;
    if (!job->report.empty()) {
        try {
            Poco::JSON::Parser parser;
            auto report = parser.parse(job->report).extract<Poco::JSON::Object::Ptr>();
            if (auto s = report->getArray("structure"))
                for (size_t i = 0; i < s->size(); ++i) v.structure.push_back(s->getElement<std::string>(i));
            v.repairs = json_lines(report, "repairs", true);
            v.doubts = json_lines(report, "doubts", false);
        } catch (const Poco::Exception&) {
            // A report that does not read: the messages say what happened.
        }
    }
    if (!job->result_xml.empty()) {
        Extraction x = extract(job->result_xml, "document.xml");
        for (const Unit& u : x.record.units) {
            if (v.units.size() >= 200) break;
            bool said = u.heading.empty() || u.label.find(u.heading) != std::string::npos;
            v.units.push_back(said ? u.label : u.label + " — " + u.heading);
        }
    }
    v.can_submit = job->state == JobState::done && !job->submission && c.router.uploads()->submissions();
    return v;
}

}  // namespace

Outcome upload_form(const Context& c) {
    if (!c.router.uploads()) return unavailable();
    if (!c.user) return NotFound("page réservée");
    pages::UploadFormView v;
    v.csrf = c.user->csrf_token;
    v.choices = upload_choices(c.index, *c.user);
    v.max_file_mib = c.router.uploads()->settings().max_file_bytes >> 20;
    v.jobs = c.router.uploads()->queue().list(c.user->account_id, mine(*c.user), 20);
    return page(200, pages::upload_form_page(v));
}

Outcome upload_send(const Context& c) {
    Uploads* uploads = c.router.uploads();
    if (!uploads) return unavailable();
    if (!c.user) return NotFound("page réservée");
    const Incoming* in = c.incoming;
    if (in && in->upload_error) return form_again(c, in->upload_error->status, in->upload_error->message);
    std::string commune = c.request.get("commune").value_or("");
    // Only what the form offered: the person's communes, the published records.
    UploadChoices choices = upload_choices(c.index, *c.user);
    if (!choices.offers_commune(commune) || !store::may_work_for(*c.user, commune))
        return form_again(c, 403, "choisissez une des communes pour lesquelles vous travaillez");
    http::Params meta = metadata(c.request);
    if (std::string problem = metadata_problem(meta); !problem.empty()) return form_again(c, 400, problem);
    if (std::string problem = record_problem(c, choices, commune, meta); !problem.empty())
        return form_again(c, 400, problem);
    if (!in || in->files.empty()) return form_again(c, 400, "choisissez le fichier à envoyer");
    auto accepted = uploads->accept(in->files.front(), *c.user, commune, meta, page_clock());
    if (auto* r = std::get_if<UploadRefusal>(&accepted)) return form_again(c, r->status, r->message);
    if (auto* full = std::get_if<QueueFull>(&accepted)) return form_again(c, full->status, full->message);
    http::Response r;
    r.status = 303;
    r.headers.emplace_back("Location", "/espace/travaux/" + std::to_string(std::get<int64_t>(accepted)));
    r.body = "Document reçu";
    return r;
}

Outcome upload_job(const Context& c) {
    if (!c.router.uploads()) return unavailable();
    const std::string_view suffix = "/original";
    if (c.tail.size() > suffix.size() && c.tail.compare(c.tail.size() - suffix.size(), suffix.size(), suffix) == 0)
        return upload_original(c, c.tail.substr(0, c.tail.size() - suffix.size()));
    auto job = visible_job(c, c.tail);
    if (!job) return kNoJob;
    pages::JobView v = job_view(c, *job);
    if (c.request.get("soumis")) v.notice = "Document soumis aux validateurs.";
    return page(200, pages::job_page(v));
}

Outcome upload_fix(const Context& c) {
    Uploads* uploads = c.router.uploads();
    if (!uploads) return unavailable();
    auto job = visible_job(c, c.request.get("travail").value_or(""));
    if (!job) return kNoJob;
    http::Params meta = metadata(c.request);
    std::string problem = metadata_problem(meta);
    if (problem.empty()) problem = record_problem(c, upload_choices(c.index, *c.user), job->commune, meta);
    if (!problem.empty()) {
        // The job's page again, its correction form as it was sent.
        pages::JobView v = job_view(c, *job);
        v.typed = meta;
        v.message = problem;
        return page(400, pages::job_page(v));
    }
    if (job->submission)
        return error_response(409, "ce document est déjà soumis : sa contribution se corrige depuis la revue", false);
    if (!uploads->queue().requeue(job->id, meta, page_clock()))
        return error_response(409, "ce document est encore en cours de traitement : attendez qu'il soit terminé",
                              false);
    uploads->wake();
    http::Response r;
    r.status = 303;
    r.headers.emplace_back("Location", "/espace/travaux/" + std::to_string(job->id));
    return r;
}

Outcome upload_submit(const Context& c) {
    Uploads* uploads = c.router.uploads();
    if (!uploads) return unavailable();
    auto job = visible_job(c, c.request.get("travail").value_or(""));
    if (!job) return kNoJob;
    store::SubmissionStore* store = uploads->submissions();
    if (!store) return error_response(503, "les contributions ne sont pas disponibles sur ce serveur", false);
    if (job->state != JobState::done || job->result_xml.empty())
        return error_response(409, "ce document n'est pas prêt : attendez la fin de son traitement", false);
    if (job->submission) {
        http::Response r;
        r.status = 303;
        r.headers.emplace_back("Location", "/espace/travaux/" + std::to_string(job->id));
        return r;
    }
    Extraction x = extract(job->result_xml, "document.xml");
    if (!x.ok || folder_of(x.record.type).empty())
        return error_response(422, "ce document ne peut pas être soumis : il n'est pas lisible par l'index", false);
    store::Submission s;
    s.kind = store::SubmissionKind::document;
    s.author = c.user->account_id;
    s.communes = {job->commune};
    s.path = folder_of(x.record.type) + "/" + x.record.id + ".xml";
    s.doc_id = x.record.id;
    s.title = meta_field(job->meta, "titre").empty() ? x.record.title : meta_field(job->meta, "titre");
    s.payload = job->result_xml;
    s.upload = job->id;
    auto created = store->create(s, page_clock());
    if (auto* e = std::get_if<store::SubmissionError>(&created)) return error_response(e->status, e->message, false);
    int64_t id = std::get<int64_t>(created);
    if (auto e = store->submit(id, page_clock())) return error_response(e->status, e->message, false);
    uploads->queue().set_submission(job->id, id);
    http::Response r;
    r.status = 303;
    r.headers.emplace_back("Location", "/espace/travaux/" + std::to_string(job->id) + "?soumis=1");
    return r;
}

}  // namespace coopdec::handlers
