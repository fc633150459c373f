// @brief The legal framework in the index: which provision a citation or an
// Akoma Ntoso reference names, and who cites a provision.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/akn_ref.h"
#include "common/citation.h"

namespace coopdec {

// A provision (or a whole legal text, anchor "") present in the index.
struct Provision {
    std::string doc_id, anchor;
    std::string label;  // citation form: "Loi n° 2019-006 du 26 juin 2019, art. 46"
    std::string url;    // "/doc/ID#art_46"
};

// The provisions `c` names in the index: its act (by number), and in it the
// article; an article cited without an act names that article in every
// legal text that has one. Empty when the index holds none of them.
// A text held in several versions (expressions of one work) gives one
// provision: the version in force at `at` (an ISO date: the latest version
// dated on or before it), or the latest one when `at` is "".
std::vector<Provision> resolve_citation(const Xapian::Database& db, const citation::Citation& c,
                                        const std::string& at = {});

// What a query's citation names in the index: resolve_citation(); and when
// the act is here but not the article ("loi n° 2007-011, art. 120"), the act
// itself and a notice saying so, in French: « la loi n° 2007-011 n'a pas
// d'article 120 dans ce corpus ». No provision: the citation names nothing here.
struct CitationReading {
    std::vector<Provision> provisions;
    std::string notice;  // "" when the citation names what it says
};
CitationReading read_citation(const Xapian::Database& db, const citation::Citation& c);

// What a search for `c` matches, as read_citation() reads it: each named
// provision's unit and its text's document unit, and every unit citing the
// provision (XCITE, XREF) with its document unit (which holds its units'
// citations). All boolean: no weight of its own. MatchNothing when `c`
// names nothing in the index.
Xapian::Query citation_query(const Xapian::Database& db, const citation::Citation& c);

// The provision an AKN reference points to, when its work is in the index:
// the unit whose anchor is the fragment, or its closest enclosing unit, or
// the text as a whole; in the version chosen as above. Nothing for a work
// the index does not hold.
std::optional<Provision> resolve_target(const Xapian::Database& db, const akn::Target& target,
                                        const std::string& at = {});

// One version of a legal text.
struct Version {
    std::string doc_id, date, url;  // date: the expression's, else the work's
    bool original = false;          // the text as first made (dated as its work), not a consolidation
};

// Among `versions` (oldest first), the one in force at `at` (an ISO date):
// the latest dated on or before it. Nothing when every version is later, or
// when there are none.
std::optional<size_t> version_in_force(const std::vector<Version>& versions, const std::string& at);

// "AAAA-MM-JJ" naming a day of the calendar (2015-02-29 is not one).
bool valid_iso_date(const std::string& date);

// The versions of the legal text whose work address is `work_id` (the
// document id built from the work URI, "akn-tg-act-loi-2007-03-13-2007-011"),
// when no document has that id itself: its versions' ids are the work id
// and "-vDATE". Empty when the index holds no such work.
std::vector<Version> work_versions(const Xapian::Database& db, const std::string& work_id);

// Every version of the text `doc_id` is one of (same work), oldest first;
// just itself for a text held once; empty for a document that is no legal text.
std::vector<Version> versions(const Xapian::Database& db, const std::string& doc_id);

// The citation form of a legal text: "Loi n° 2019-006 du 26 juin 2019";
// with `anchor`, that of its article: "…, art. 46". "" for a document that
// is not a legal text of the index.
std::string citation_form(const Xapian::Database& db, const std::string& doc_id, const std::string& anchor = {});

// A legal text's work URI and number as indexed ("" when not a legal text).
std::string document_work(const Xapian::Database& db, const std::string& doc_id);
std::string document_act_number(const Xapian::Database& db, const std::string& doc_id);

// A unit that cites a provision.
struct Citing {
    std::string doc_id, doc_title, doc_type, anchor, label, url;
};

// Every unit, of any document, that cites the unit (`doc_id`, `anchor`):
// by an AKN reference, or by a citation in its text ("l'article 46 de la
// loi n° 2019-006"). In document order within each document.
std::vector<Citing> cited_by(const Xapian::Database& db, const std::string& doc_id, const std::string& anchor);

// A change in a legal text's life, as the index stores it: a document
// unit's `lifecycle` field and a unit's `amended` field hold one per line,
// "date\x1ftype\x1fhref\x1flabel" (common/schema.h).
struct LegalEvent {
    std::string date;   // ISO date of the change
    std::string type;   // AKN event or modification type: "generation", "amendment", "substitution"…
    std::string href;   // the text (or provision) that made the change: an AKN href
    std::string label;  // its label as written in the source; may be ""
};

// One line read as a LegalEvent; fields the line lacks are "".
LegalEvent parse_legal_event(std::string_view line);

// Every non-empty line of a stored `lifecycle` field, in order.
std::vector<LegalEvent> parse_legal_events(std::string_view lines);

// A change a legal text makes to another, as the index stores it: a
// document unit's `modifies` field holds one per line,
// "anchor\x1ftype\x1fdestination" (common/schema.h).
struct LegalModification {
    std::string anchor;       // the unit of this text making the change; "" for the text as a whole
    std::string type;         // "substitution", "insertion", "repeal"…
    std::string destination;  // what is changed: an AKN href; may be ""
};

// One line read as a LegalModification; fields the line lacks are "".
LegalModification parse_legal_modification(std::string_view line);

// Every line of a stored `modifies` field, in order, empty ones included
// (read as a modification with no destination).
std::vector<LegalModification> parse_legal_modifications(std::string_view lines);

}  // namespace coopdec
