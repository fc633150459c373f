// @brief Reading one document or partnership record back from the index,
// for document pages, partnership pages and the JSON API.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/schema.h"
#include "search/index.h"
#include "search/search.h"

namespace coopdec {

// A unit of a document, as listed on its page and by /api/doc/ID.
struct UnitInfo {
    std::string anchor, kind, label, path, url;
    std::vector<std::string> amended;  // "date\x1ftype\x1fhref\x1flabel" (see schema.h)
    // Its text is a summary written for the demonstration, not the official
    // wording: the corpus starts such a text with « Résumé : ».
    bool summary = false;
};

struct DocumentView {
    ResultDocument info;  // id, type, title, url, date, partner, notice, demo, communes, partnerships
    std::string lang, summary;
    std::vector<std::string> themes;
    std::vector<UnitInfo> units;  // in document order
    // Its page, the XSLT rendering of its source: load_document() leaves it
    // "", the server fills it (server/page_views.h); "" when not rendered.
    std::string html;
    bool has_source = false;           // the source XML is kept in the index
    std::string citation;              // legal texts: "Loi n° 2019-006 du 26 juin 2019" (set by the caller)
    bool citation_of_summary = false;  // the text is summaries: « Citer le résumé » (set by the caller)
    std::string history_html;          // legal texts: version and history block (set by the caller)
    schema::Data data;                 // every stored field, for type-specific ones (partnership records)
};

// Every field stored on the document unit of `id` (schema::Data); empty
// when the index has no such document.
schema::Data stored_data(const Xapian::Database& db, const std::string& id);

// The stored data of the documents `ids` (those the index has), by id, in
// one query: over remote shards, a read per document costs a round trip to
// every shard (the id's posting list), and a page lists tens of them.
std::map<std::string, schema::Data> stored_data_of(const Xapian::Database& db, const std::vector<std::string>& ids);

// The summary of a document from its document unit's stored data.
ResultDocument summary_of(const std::string& id, const schema::Data& data);

// True for a string that can be a document id: [a-z0-9][a-z0-9-]{0,199}.
// Anything else is refused before it reaches the index.
bool valid_document_id(std::string_view id);

// The document `id`, or nothing when the index has no such document: its
// stored fields and units, whether its source is kept; not its page (html),
// rendered from the source by whoever shows it (server/page_views.h).
std::optional<DocumentView> load_document(const Index& index, const std::string& id);

// The source XML of document `id` as it was indexed, or nothing: read from
// the shard that holds it and unpacked, unpack_source(packed_source()).
std::optional<std::string> load_source(const Index& index, const std::string& id);

// The source of `id` as the index keeps it, packed (common/stored_blob.h);
// "" when none. Reading it does not inflate it: a page cache keys on it.
std::string packed_source(const Index& index, const std::string& id);

// `packed` (packed_source() of `id`) unpacked. A value that does not unpack
// throws Xapian::DatabaseCorruptError, its message in French.
std::string unpack_source(const std::string& id, std::string_view packed);

// A partnership record and every document linked to it, oldest first.
struct PartnershipView {
    DocumentView record;
    std::vector<ResultDocument> documents;
    // The records whose ids the record's source or divergences name (« Même
    // convention que la fiche part-… », in its description) and the index
    // holds: id → title. A damaged source throws as load_source().
    std::map<std::string, std::string> references;
    // The gazetteer id of each of record.info.communes ("" when it names
    // none: no page), search/atlas_names.h.
    std::vector<std::string> commune_ids;
};

// The ids of partnership records ("part-" then [a-z0-9-], not ending in
// "-") named in `text`, in order of appearance, without repeats.
std::vector<std::string> record_ids_in(std::string_view text);

// The partnership record `id`, or nothing when `id` is not one.
std::optional<PartnershipView> load_partnership(const Index& index, const std::string& id);

}  // namespace coopdec
