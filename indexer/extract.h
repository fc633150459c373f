// @brief extract(): one XML file (contents + name) → a plain Record, whatever
// its format (Akoma Ntoso, TEI P5, or the project's own vocabulary).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "indexer/record.h"

namespace coopdec {

// The largest file extract() takes by default. Memory and time grow with a
// document (about 15 times its size while it is indexed: DOM, texts,
// terms), and libxml2 renders no text node over 10 MB: the largest real
// documents met (the UK act of the conformance files) weigh 1 MB.
inline constexpr std::size_t kMaxDocumentBytes = 32000000;  // "32 Mo"

// The largest file of the project's own formats (repertoire, partenariat,
// convention, etude), written by hand: the corpus's largest weighs 13 KB.
// Their RELAX NG validation (libxml2) grows with the square of a list's
// length, so this bounds its time (about 10 s at worst).
inline constexpr std::size_t kMaxProjectDocumentBytes = 1000000;  // "1 Mo"

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
// Also refused, before anything is parsed: contents over `max_bytes`
// ("name:1:1: fichier trop volumineux : …", see too_large()); a file of the
// project's formats over kMaxProjectDocumentBytes, even when `max_bytes` is
// larger ("name:1:1: fichier trop volumineux pour un document du projet :
// 2,3 Mo (au plus 1 Mo)"), so that their limit is min(max_bytes,
// kMaxProjectDocumentBytes), said in the first words when `max_bytes` is
// the smaller; and
// "name:line:col: XML trop profond : plus de 256 éléments imbriqués (limite
// de l'indexeur)", at the first element past kMaxDepth.
Extraction extract(std::string_view contents, const std::string& name, std::size_t max_bytes = kMaxDocumentBytes);

// The refusal of a file of `size` bytes over `max_bytes`, in the words
// extract() uses, for a caller that checks a file's size before reading it:
// "name:1:1: fichier trop volumineux : 100,1 Mo (au plus 32 Mo)", "…
// : 2 Ko (au plus 2 Ko)" (sizes as format_byte_size() says them).
Diagnostic too_large(const std::string& name, std::uintmax_t size, std::size_t max_bytes);

// The deepest nesting of elements extract() takes, the root being at depth
// 1: libxml2's own limit (it refuses a 258th level without XML_PARSE_HUGE),
// so that every document extracted can also be validated and rendered.
inline constexpr int kMaxDepth = 256;

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
