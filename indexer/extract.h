// @brief extract(): one XML file (contents + name) → a plain Record, whatever
// its format (Akoma Ntoso, TEI P5, or the project's own vocabulary).
#pragma once

#include <string>
#include <string_view>

#include "indexer/record.h"

namespace coopdec {

// Parses `contents` (see read_xml() for what is refused) and dispatches on
// the root element's local name and namespace:
//   akomaNtoso in an Akoma Ntoso namespace (any prefix)   → "loi" (format "akn")
//   TEI in http://www.tei-c.org/ns/1.0                     → "entretien" (format "tei")
//   repertoire | partenariat | convention | etude
//     in urn:x-coopdec:corpus:1                            → that type (format "coopdec")
// `name` is only used in diagnostics and, when a file has no id of its own,
// to derive one from its stem ("tei/ESLO1_ENT.xml" → "eslo1-ent").
// Success: ok, record filled, errors empty.
// Failure: !ok, errors holds at least one "name:line:col: message" (French),
// e.g. "élément racine inconnu <html>". The record is then unspecified.
// Pure function: no I/O, no global state; safe to call from several threads.
Extraction extract(std::string_view contents, const std::string& name);

// The id a file name gives: its stem, slugged ("a/B_c.xml" → "b-c").
std::string id_from_name(const std::string& name);

// Lowercase ASCII slug: every run of characters outside [a-z0-9] becomes one
// '-', no '-' at either end ("/akn/tg/act/loi/2019-06-26" → "akn-tg-act-loi-2019-06-26").
std::string slug(std::string_view text);

// ISO 639-1 for the codes met in AKN and TEI files: "fra"/"fre"/"fr-TG" → "fr",
// "eng" → "en"... Several codes ("fra eng", "fr,en"): the first one counts.
// An unknown code is returned lowercased, as the file says it.
std::string normalize_lang(std::string_view code);

// "YYYY-MM-DD", "YYYY-MM" or "YYYY" from the start of a date or dateTime
// ("1998-07-16T00:00:00" → "1998-07-16"); "" when it does not start so.
std::string normalize_date(std::string_view date);

}  // namespace coopdec
