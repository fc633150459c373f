// @brief A workshop dossier: an ordered list of passages (a unit of a
// document, or a whole document), each with the trainer's note, and a title.
// Its whole state is a query string — `titre=…&e=DOCID%23ANCHOR&a=note&e=…` —
// so a link is the dossier and nothing is stored on the server. This file
// parses and encodes that state and reads each passage back from the index;
// no HTTP, no rendering.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <xapian.h>

#include "search/index.h"

namespace coopdec {

// Name/value pairs of a query string, in order (the same type as http::Params).
using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Limits of a dossier. A dossier must fit in a browser cookie (4,096 bytes
// for name and value: RFC 6265 §6.1, what browsers keep) and in a request
// target with its form's extra fields (http::kMaxTargetBytes,
// http::kMaxParams = 64: one `e` and one `a` per passage, a title and an
// action).
inline constexpr size_t kMaxDossierEntries = 30;
inline constexpr size_t kMaxDossierBytes = 3800;  // the encoded query string
inline constexpr size_t kMaxDossierTitleBytes = 200;
inline constexpr size_t kMaxAnchorBytes = 200;

struct DossierEntry {
    std::string doc_id;
    std::string anchor;  // "" = the whole document
    std::string note;    // the trainer's annotation, plain text ("" = none)
    bool operator==(const DossierEntry&) const = default;
};

struct Dossier {
    std::string title;  // "" = untitled
    std::vector<DossierEntry> entries;
    std::string share;  // a dossier kept on the server: its share token; "" = a dossier read from a link
};

// A dossier that cannot be read or found: the HTTP status (400 or 404) and
// a French message naming the faulty entry.
struct DossierError {
    int status;
    std::string message;
};

// "DOCID#ANCHOR", or "DOCID" for a whole document: the value of `e`.
std::string entry_ref(const DossierEntry& e);

// Splits "DOCID#ANCHOR" (or "DOCID"). Refused (400, message naming `ref`):
// an id that valid_document_id() refuses, an empty or overlong anchor, a
// control character.
std::variant<DossierEntry, DossierError> parse_entry_ref(std::string_view ref);

// Reads a dossier from query parameters: `titre` (at most once), then `e`
// entries in order, each optionally followed by one `a` (its note; an empty
// `a` is no note). A parameter in `extra` is skipped (the caller reads it);
// any other name, an `a` before any `e`, two notes for one entry, a repeated
// entry, more than kMaxDossierEntries entries, an overlong title, or a
// dossier whose encoding exceeds kMaxDossierBytes is refused with a 400 and
// a French message (the limits say how many passages fit). Entries are not
// looked up in the index here (see load_passages).
std::variant<Dossier, DossierError> parse_dossier(const QueryParams& params,
                                                  std::initializer_list<std::string_view> extra = {});

// The canonical parameters of `d`: titre (when set), then e and a (when
// set) in order. encode_params() of them is the dossier's share link query.
QueryParams dossier_params(const Dossier& d);

// Checks the limits parse_dossier enforces on a dossier built in memory
// (after an entry was added): nothing, or the 400 to answer.
std::optional<DossierError> check_limits(const Dossier& d);

// One passage as the handout, the exports and the dossier page show it.
struct DossierPassage {
    DossierEntry entry;
    std::string kind;           // unit kind: article, clause, u (utterance)…; "doc" for a whole document
    std::string label;          // "Article 46", "Clause 3", a speaker's turn; the title for a whole document
    std::string path;           // "Titre I > Chapitre 1 > Article 46"
    std::string speaker, role;  // utterances
    std::string text;           // the passage's full text (a whole document: every unit's)
    std::string citation;       // legal texts: "Loi n° 2019-006 du 26 juin 2019, art. 46"; else ""
    std::string permalink;      // "/doc/ID#anchor"
    std::string doc_title, doc_type, date, partner, notice;
    std::string place;    // where the document was made: « Lomé » (agreements), « Mairie de Kloto 1, Kpalimé »
                          // (interviews); "" = unknown
    bool demo = false;    // written for the demonstration: stays marked as such
    std::string missing;  // the index no longer holds it (French, why); "" when read
    std::vector<std::string> communes;
    std::vector<std::pair<std::string, std::string>> partnerships;  // id, title
};

// Every entry of `d` read from the index, in order; or the first entry whose
// document (404) or anchor (404) the index does not hold, with a French
// message naming it. `db` is used by this thread only for the call.
// With `keep_missing`, such an entry is kept instead, with its note and
// `missing` saying why (a stored dossier outlives a re-index that removed a
// passage: the rest, and every note, stay readable).
std::variant<std::vector<DossierPassage>, DossierError> load_passages(const Index& index, const Dossier& d,
                                                                      bool keep_missing = false);

}  // namespace coopdec
