// @brief Akoma Ntoso references: a ref's href read as (work, fragment), so
// that the indexer records what a provision cites and the server finds the
// provision it names.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace coopdec::akn {

// The work a FRBR URI names, without expression, manifestation or
// component parts: "/akn/tg/act/loi/2019-06-26/2019-006/fra@2019-06-26/!main"
// → "/akn/tg/act/loi/2019-06-26/2019-006"; "…/ukpga/1998/29/data.akn" →
// "…/ukpga/1998/29". Any other URI is returned without a trailing "/".
std::string work_of(std::string_view uri);

// An act's number with its year, as the search reads numbers ("2019-006"):
// `number` (FRBRnumber) as it is when it is not digits alone; digits alone
// ("6", Laws.Africa's numbering) preceded in the work URI by a segment that
// starts with a year ("/akn/tg/act/2019/6", "…/act/loi/2019-06-26/6") give
// "2019-6"; otherwise `number` as it is. Pure.
std::string numbered_act(std::string_view number, std::string_view work_uri);

// Where a reference points.
struct Target {
    std::string work;      // work URI (work_of form); the document's own for internal refs
    std::string fragment;  // eId-like fragment ("art_9", "section-75-2-i"); "" for the whole work
};

// Reads `href` found in the document whose work is `own_work`:
//   "#art_9", "~art_9"                      → (own_work, "art_9")
//   "/akn/…/2019-006/!main#art_9", "…~art_9" → (that work, "art_9")
//   "<own_work>/section/75/2/i"             → (own_work, "section-75-2-i")   (path-style, as legislation.gov.uk)
//   "/akn/tg/act/loi/2007-03-13/2007-011"   → (that work, "")
// Never throws; an empty href gives an empty target.
Target parse_href(std::string_view href, std::string_view own_work);

// The unit a fragment lies in: `fragment` itself when `is_unit` says so,
// else the closest enclosing fragment, cutting the last "-x" or "__x"
// ("section-75-2-i" → "section-75-2" → "section-75"). "" when none is a
// unit. Shared by the indexer (refs of a text to itself) and the server
// (refs between texts), so both narrow the same way.
std::string enclosing_unit(std::string fragment, const std::function<bool(const std::string&)>& is_unit);

// The term value for a target: "work#fragment" or "work".
std::string target_key(const Target& t);

}  // namespace coopdec::akn
