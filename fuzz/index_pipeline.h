// @brief What coopdec-index and the server do with one untrusted XML file,
// for the XML fuzz targets: extract() (read_xml's safe parsing, then the
// format's extractor), the RELAX NG check of the project formats, the
// Xapian documents (the same steps, in the same order, on the same
// conditions as indexer/prepare.cc), then the XSLT page the server renders
// from the stored source (server/page_views.cc).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/escape.h"
#include "indexer/document.h"
#include "indexer/extract.h"
#include "indexer/gazetteer.h"
#include "indexer/render.h"
#include "indexer/schema_check.h"

namespace coopdec::fuzz {

// A broken invariant: reported like a sanitizer finding (abort), so that
// libFuzzer saves the input.
[[noreturn]] inline void fail(const std::string& what) {
    std::fprintf(stderr, "coopdec fuzz: invariant broken: %s\n", what.c_str());
    std::abort();
}

inline void check_utf8(const std::string& text, const char* what) {
    if (!valid_utf8(text)) fail(std::string("invalid UTF-8 in ") + what + ": " + text.substr(0, 200));
}

// Every text extract() gives is valid UTF-8, whatever the input's encoding:
// read_xml refuses what it cannot decode (see xml_read.h).
inline void check_record(const Record& r) {
    for (const std::string* s : {&r.id, &r.type, &r.format, &r.title, &r.lang, &r.date, &r.summary, &r.place,
                                 &r.partner, &r.author, &r.work_uri, &r.act_number})
        check_utf8(*s, "record field");
    for (const Unit& u : r.units) {
        for (const std::string* s : {&u.anchor, &u.label, &u.heading, &u.path, &u.text, &u.speaker, &u.role})
            check_utf8(*s, "unit field");
    }
}

// Runs the indexer's steps on `data` as one file. `format` ("akn", "tei",
// "coopdec") is the target's path: an input of another format stops after
// extract(), so each target spends its time on its own extractor.
inline void index_one(const uint8_t* data, size_t size, std::string_view format) {
    const std::string_view contents(reinterpret_cast<const char*>(data), size);
    const std::string name = "fuzz.xml";
    Extraction ex = extract(contents, name);
    if (!ex.ok) {
        if (ex.errors.empty()) fail("extraction failed without a diagnostic");
        for (const Diagnostic& d : ex.errors) check_utf8(d.message, "diagnostic");
        return;
    }
    if (ex.record.format != format) return;
    const Record& rec = ex.record;
    check_record(rec);
    if (rec.format == "coopdec") {
        // Only valid project files go further (corpus.cc refuses the rest).
        if (!check_schema(contents, name, rec.type).empty()) return;
    }
    Gazetteer gazetteer;
    PartnershipMap partnerships;
    if (rec.type == "repertoire") gazetteer.add(rec);
    if (rec.type == "partenariat") partnerships[rec.id] = rec;
    DocContext ctx = resolve_context(rec, gazetteer, partnerships);
    std::vector<UnitDocument> units = build_documents(rec, ctx, "fuzz");
    if (units.empty()) return;
    RenderResult page = render_html(contents, name, rec.format);
    if (page.ok && page.html.empty()) fail("rendering succeeded with an empty page");
}

}  // namespace coopdec::fuzz
