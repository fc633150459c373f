// @brief The legal side of a document page: links to provisions (dated from
// agreements), and which version of a legal text /doc/ID?date=… opens.
#pragma once

#include <optional>
#include <string>

#include <xapian.h>

#include "search/document.h"
#include "server/handlers.h"
#include "server/http.h"

namespace coopdec::handlers {

// References and citations become links to the provisions the index holds;
// from a document that is no legal text, to the version in force at its
// date, the date carried (?cite_le=DATE&cite_art=ANCHOR). A legal text's
// articles get their citation form (« Citer le résumé » on a summary),
// « Cité par », their amendments and the provisions they reword or were
// reworded by (activeModifications, passiveModifications).
void add_legal_links(const Xapian::Database& db, DocumentView& doc);

// What /doc/ID shows, as its parameters ask: `date` (the version in force
// at that date), `cite_le` and `cite_art` (a dated link: that version, and
// a notice when it is not the one the linking document cited); ID may be a
// work's address (its versions' id without "-vDATE": the version in force
// today). When ID names neither a document nor a work, `answer` holds the
// NotFound.
struct LawPageChoice {
    std::optional<DocumentView> doc;  // the document or version to show
    // Instead, the handler's outcome: a page of its own (a malformed date,
    // 400; no version then), or the NotFound.
    std::optional<Outcome> answer;
    std::string version_html;  // « Version en vigueur le … », the dated link's notice
};
LawPageChoice choose_version(const Context& c, const std::string& id);

}  // namespace coopdec::handlers
