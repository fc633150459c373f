// @brief The prepare phase: the signature check, then read, validate,
// extract, build the Xapian documents and pack the source of one file.
//
// Nothing here writes: it runs on the preparing thread (indexer/prefetch.h)
// while the writer writes the files before it.
#include "indexer/prepare.h"

#include "common/schema.h"
#include "common/stored_blob.h"
#include "indexer/extract.h"
#include "indexer/schema_check.h"

namespace coopdec {

std::string base_signature(const CorpusContext& context) {
    return std::string(schema::kSchemaVersion) + ':' + content_hash(context.gazetteer_hash);
}

namespace {

// `view` packed for the index; "" and a warning saying `lost` when it is
// over stored_blob::kMaxBytes (256 Mio: a file taken under a --max-size
// that large, or its page).
std::string packed_view(Prepared& p, const std::string& path, std::string_view view, const char* lost) {
    try {
        return stored_blob::pack(view);
    } catch (const stored_blob::Error& e) {
        p.messages.push_back(path + ": " + e.what() + " (avertissement : " + lost + ")");
        ++p.warnings;
        return {};
    }
}

}  // namespace

Prepared prepare(const SourceFile& f, const PrepareInputs& in) {
    Prepared p;
    // Refused by its size in the scan, unread. Even a file indexed under a
    // larger limit is reported rather than skipped as unchanged: its
    // signature cannot be checked without reading it. Its units stay.
    if (f.refusal) {
        p.step = Prepared::Step::refused;
        p.messages.push_back(f.refusal->str());
        return p;
    }
    p.sig = f.hash + ':' + in.base_sig;
    auto old = in.known.find(f.key);
    if (!in.options.rebuild && old != in.known.end() && old->second.signature == p.sig &&
        refresh_deps(old->second.deps, in.context.partnership_hashes) == old->second.deps) {
        p.step = Prepared::Step::unchanged;
        return p;
    }
    if (!read_file(f.path, p.text, in.options.max_bytes)) {
        p.step = Prepared::Step::unreadable;
        p.messages.push_back(f.path + ": lecture impossible");
        return p;
    }
    Extraction ex = extract(p.text, f.path, in.options.max_bytes);
    if (ex.ok && ex.record.format == "coopdec") {
        std::vector<Diagnostic> invalid = check_schema(p.text, f.path, ex.record.type, in.options.schema_dir);
        if (!invalid.empty()) {
            ex.ok = false;
            ex.errors = std::move(invalid);
        }
    }
    if (!ex.ok) {
        p.step = Prepared::Step::invalid;
        for (const auto& d : ex.errors) p.messages.push_back(d.str());
        if (ex.errors.empty()) p.messages.push_back(f.path + ": document illisible");
        return p;
    }
    for (const auto& d : ex.warnings) p.messages.push_back(d.str());
    p.warnings += ex.warnings.size();
    p.record = std::move(ex.record);
    const Record& rec = p.record;
    for (const auto& id : rec.partnerships) {
        if (!in.context.partnerships.count(id)) {
            p.messages.push_back(f.path + ": avertissement : partenariat inconnu « " + id + " »");
            ++p.warnings;
        }
    }
    for (const auto& c : rec.communes) {
        if (!in.context.gazetteer.find(c)) {
            p.messages.push_back(f.path + ": avertissement : commune inconnue du répertoire « " + c + " »");
            ++p.warnings;
        }
    }
    DocContext ctx = resolve_context(rec, in.context.gazetteer, in.context.partnerships);
    p.units = build_documents(rec, ctx, f.key);
    // The page is not rendered here: the server renders it from the source
    // when it is asked (server/page_views.h), so the index keeps one view.
    if (!p.units.empty()) {
        p.source_view = packed_view(p, f.path, p.text, "source non conservée");
    }
    return p;
}

}  // namespace coopdec
