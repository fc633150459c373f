// @brief A workshop dossier: its query-string state, and its passages read
// back from the index.
#include "search/dossier.h"

#include <algorithm>

#include "common/escape.h"
#include "common/schema.h"
#include "search/document.h"
#include "search/legal.h"

namespace coopdec {
namespace {

namespace sc = schema;

DossierError bad(std::string message) { return DossierError{400, std::move(message)}; }

// The encoded size is what the cookie and the request target must hold,
// so it is counted as encode_params() writes it.
size_t encoded_bytes(const QueryParams& params) {
    size_t n = 0;
    for (const auto& [k, v] : params) n += (n ? 1 : 0) + url_encode(k).size() + 1 + url_encode(v).size();
    return n;
}

bool has_control(std::string_view s, bool allow_newlines) {
    return std::any_of(s.begin(), s.end(), [&](char c) {
        auto u = static_cast<unsigned char>(c);
        if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) return false;
        return u < 0x20 || u == 0x7f;
    });
}

std::string in_quotes(std::string_view s) {
    // A message names what it refuses, cut short: it is shown back to the user.
    std::string t(s.substr(0, 120));
    while (!t.empty() && !valid_utf8(t)) t.pop_back();
    return "« " + t + (s.size() > 120 ? "…" : "") + " »";
}

std::string limits_text() {
    return "un dossier contient au plus " + std::to_string(kMaxDossierEntries) + " passages et " +
           std::to_string(kMaxDossierBytes) + " octets une fois encodé, notes comprises";
}

}  // namespace

std::string entry_ref(const DossierEntry& e) { return e.anchor.empty() ? e.doc_id : e.doc_id + "#" + e.anchor; }

std::variant<DossierEntry, DossierError> parse_entry_ref(std::string_view ref) {
    size_t hash = ref.find('#');
    DossierEntry e;
    e.doc_id = std::string(ref.substr(0, hash));
    if (hash != std::string_view::npos) {
        e.anchor = std::string(ref.substr(hash + 1));
        if (e.anchor.empty()) return bad("passage " + in_quotes(ref) + " invalide : rien après « # »");
        if (e.anchor.size() > kMaxAnchorBytes || has_control(e.anchor, false) ||
            e.anchor.find('#') != std::string::npos)
            return bad("passage " + in_quotes(ref) + " invalide : ancre incorrecte");
    }
    if (!valid_document_id(e.doc_id))
        return bad("passage " + in_quotes(ref) +
                   " invalide : identifiant de document incorrect (attendu : DOCUMENT#ANCRE)");
    return e;
}

std::variant<Dossier, DossierError> parse_dossier(const QueryParams& params,
                                                  std::initializer_list<std::string_view> extra) {
    Dossier d;
    bool titled = false, noted = false;
    for (const auto& [name, value] : params) {
        if (std::find(extra.begin(), extra.end(), name) != extra.end()) continue;
        if (name == "titre") {
            if (titled) return bad("paramètre « titre » répété : un dossier a un seul titre");
            if (value.size() > kMaxDossierTitleBytes)
                return bad("titre trop long (au plus " + std::to_string(kMaxDossierTitleBytes) + " octets)");
            if (has_control(value, false)) return bad("titre invalide : caractère de contrôle");
            titled = true;
            d.title = value;
        } else if (name == "e") {
            if (d.entries.size() == kMaxDossierEntries) return bad("trop de passages : " + limits_text());
            auto e = parse_entry_ref(value);
            if (auto* err = std::get_if<DossierError>(&e)) return *err;
            DossierEntry entry = std::get<DossierEntry>(std::move(e));
            for (const auto& other : d.entries)
                if (other.doc_id == entry.doc_id && other.anchor == entry.anchor)
                    return bad("passage " + in_quotes(value) + " présent deux fois dans le dossier");
            d.entries.push_back(std::move(entry));
            noted = false;
        } else if (name == "a") {
            if (d.entries.empty())
                return bad("note « a » sans passage avant elle : chaque note suit son passage « e »");
            if (noted) return bad("deux notes pour le passage " + in_quotes(entry_ref(d.entries.back())));
            if (has_control(value, true)) return bad("note invalide : caractère de contrôle");
            noted = true;
            // Browsers send a textarea's line breaks as CR LF: kept as LF.
            std::string note;
            for (char c : value)
                if (c != '\r') note += c;
            d.entries.back().note = std::move(note);
        } else {
            return bad("paramètre inconnu " + in_quotes(name) + " (un dossier se lit dans « titre », « e » et « a »)");
        }
    }
    if (auto err = check_limits(d)) return *err;
    return d;
}

QueryParams dossier_params(const Dossier& d) {
    QueryParams out;
    if (!d.title.empty()) out.emplace_back("titre", d.title);
    for (const auto& e : d.entries) {
        out.emplace_back("e", entry_ref(e));
        if (!e.note.empty()) out.emplace_back("a", e.note);
    }
    return out;
}

std::optional<DossierError> check_limits(const Dossier& d) {
    if (d.entries.size() > kMaxDossierEntries) return bad("trop de passages : " + limits_text());
    size_t bytes = encoded_bytes(dossier_params(d));
    if (bytes > kMaxDossierBytes)
        return bad("dossier trop long (" + std::to_string(bytes) + " octets une fois encodé) : " + limits_text() +
                   " ; raccourcissez les notes ou retirez des passages");
    return std::nullopt;
}

std::variant<std::vector<DossierPassage>, DossierError> load_passages(const Index& index, const Dossier& d,
                                                                      bool keep_missing) {
    const Xapian::Database& db = index.db();
    std::vector<DossierPassage> out;
    auto absent = [&](const DossierEntry& e, std::string why) -> std::optional<DossierError> {
        if (!keep_missing) return DossierError{404, "passage « " + entry_ref(e) + " » : " + why};
        DossierPassage p;
        p.entry = e;
        p.kind = "absent";
        p.label = entry_ref(e);
        p.permalink = sc::doc_url(e.doc_id) + (e.anchor.empty() ? "" : "#" + e.anchor);
        p.missing = std::move(why);
        out.push_back(std::move(p));
        return std::nullopt;
    };
    for (const auto& e : d.entries) {
        auto doc = load_document(index, e.doc_id);
        if (!doc) {
            if (auto err = absent(e, "aucun document « " + e.doc_id + " » dans l'index")) return *err;
            continue;
        }
        DossierPassage p;
        p.entry = e;
        const ResultDocument& info = doc->info;
        p.doc_title = info.title;
        p.doc_type = info.type;
        p.date = info.date;
        p.partner = info.partner;
        p.notice = info.notice;
        p.place = doc->data[sc::kFieldPlace];
        p.demo = info.demo;
        p.communes = info.communes;
        for (const auto& part : info.partnerships) p.partnerships.emplace_back(part.id, part.title);
        p.permalink = sc::page_url(e.doc_id, info.type, e.anchor);
        p.citation = citation_form(db, e.doc_id, e.anchor);
        if (e.anchor.empty()) {
            // A whole document: its summary, then each unit under its label.
            p.kind = sc::kKindDoc;
            p.label = info.title;
            std::string text = doc->summary;
            for (const auto& u : doc->units) {
                std::string term = sc::id_term(e.doc_id, u.anchor);
                Xapian::PostingIterator it = db.postlist_begin(term);
                if (it == db.postlist_end(term)) continue;
                sc::Data data = sc::decode_data(db.get_document(*it).get_data());
                std::string who = data[sc::kFieldSpeaker].empty() ? u.label : data[sc::kFieldSpeaker];
                if (!text.empty()) text += "\n\n";
                text += who + (data[sc::kFieldText].empty() ? "" : "\n" + data[sc::kFieldText]);
            }
            if (text.empty()) text = doc->data[sc::kFieldText];
            p.text = std::move(text);
        } else {
            std::string term = sc::id_term(e.doc_id, e.anchor);
            Xapian::PostingIterator it = db.postlist_begin(term);
            if (it == db.postlist_end(term)) {
                if (auto err = absent(e, "le document « " + e.doc_id + " » n'a pas d'ancre « " + e.anchor + " »"))
                    return *err;
                continue;
            }
            sc::Data data = sc::decode_data(db.get_document(*it).get_data());
            p.kind = data[sc::kFieldKind];
            p.label = data[sc::kFieldLabel];
            p.path = data[sc::kFieldPath];
            p.speaker = data[sc::kFieldSpeaker];
            p.role = data[sc::kFieldRole];
            p.text = data[sc::kFieldText];
        }
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace coopdec
