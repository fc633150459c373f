// @brief The index schema: every term prefix, value slot, facet and stored
// field that the indexer writes and the query side reads, defined once.
//
// Changing anything here changes the on-disk format: bump kSchemaVersion and
// say so in the README. Both sides loop over kFacets rather than naming
// facets one by one, so a facet added here is indexed, filtered and counted.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coopdec::schema {

// Stored in the index metadata under kSchemaKey; a reader refuses an index
// whose version differs (see check_version in the search library).
inline constexpr std::string_view kSchemaVersion = "4";
inline constexpr std::string_view kSchemaKey = "coopdec:schema";
// Metadata key listing the languages present ("fr en it"), for query stemming.
inline constexpr std::string_view kLanguagesKey = "coopdec:langs";
// Metadata key holding Togo's places (régions, préfectures, communes with
// their other names) as common/places.h encodes them, in every shard: the
// query side reads the names users type from it (search/names.h).
inline constexpr std::string_view kPlacesKey = "coopdec:places";
// Metadata keys "coopdec:file:<path>" → "<signature>\t<document id>\t<the
// records it depends on>\t<path as found>" (indexer/source_file.h, FileState).
inline constexpr std::string_view kFileKeyPrefix = "coopdec:file:";
// Metadata keys "coopdec:html:<document id>" → the document rendered to an
// HTML fragment by the XSLT stylesheets at index time.
inline constexpr std::string_view kHtmlKeyPrefix = "coopdec:html:";
// Metadata keys "coopdec:source:<document id>" → the source XML as indexed.
inline constexpr std::string_view kSourceKeyPrefix = "coopdec:source:";

// Term prefixes. One capital letter = Xapian's standard meaning
// (docs/termprefixes.rst); "X…:" = ours, with a colon so that no value can
// run into the prefix.
inline constexpr std::string_view kPrefixId = "Q";          // unique id of a unit: "Q<doc>" or "Q<doc>#<anchor>"
inline constexpr std::string_view kPrefixStem = "Z";        // stemmed word (no positions)
inline constexpr std::string_view kPrefixDoc = "XDOC:";     // document id, on every unit of the document
inline constexpr std::string_view kPrefixKind = "XKIND:";   // unit kind: doc, article, clause, enonce, section, record
inline constexpr std::string_view kPrefixFile = "XFILE:";   // source file key, on every unit from that file
// The legal framework (see indexer/document.cc and search/legal.cc):
inline constexpr std::string_view kPrefixAct = "XACT:";     // a legal text's number, citation::act_key() ("2019-6"), on its document unit
inline constexpr std::string_view kPrefixWork = "XWORK:";   // a legal text's work URI (akn::work_of), on its document unit
inline constexpr std::string_view kPrefixArticle = "XART:"; // an article unit's number ("46", "12 bis"), folded
inline constexpr std::string_view kPrefixCite = "XCITE:";   // a citation in a unit's text: "<act>#<article>" or "<act>" (act_key()); the document unit has all its units'
inline constexpr std::string_view kPrefixRef = "XREF:";     // an AKN ref of the unit: akn::target_key(), fragment narrowed to a unit; the document unit has all its units'

// Value slots. ON-DISK CONSTANTS: DO NOT RENUMBER. Add new ones at the end.
enum Slot : unsigned {
    kSlotDoc = 0,       // document id (string): the collapse key
    kSlotKind = 1,      // unit kind (string)
    kSlotDate = 2,      // "YYYY-MM-DD" / "YYYY" (string, sorts by date); "" when unknown
    kSlotYear = 3,      // Xapian::sortable_serialise(year), for year ranges; absent when unknown
    kSlotOrder = 4,     // Xapian::sortable_serialise(position of the unit in its document)
    kSlotFacets = 5,    // the document id and every facet value of the unit: facet_summary()
    // Facet slots 10..21: the facet's display values joined by kValueSep.
    kSlotFacetFirst = 10,
};

// Separator of the several values of one facet in its slot.
inline constexpr char kValueSep = '\x1f';
// Separator of the fields of kSlotFacets.
inline constexpr char kFacetSep = '\x1e';

// A facet: a way to filter and count results.
struct Facet {
    std::string_view name;    // URL/CLI parameter and JSON key: "commune"
    std::string_view label;   // French label shown to users: "Commune"
    std::string_view prefix;  // boolean filter term prefix; value = fold(display value)
    unsigned slot;            // value slot with the display values
    bool per_unit;            // true: carried by units (role), false: by every unit of the document
};

// ONE ROW PER FACET. The order is the order of display.
inline constexpr std::array<Facet, 12> kFacets{{
    {"type", "Type de document", "XTYPE:", kSlotFacetFirst + 0, false},          // loi, convention, entretien, partenariat, etude
    {"region", "Région", "XREGION:", kSlotFacetFirst + 1, false},                  // Savanes, Kara…
    {"prefecture", "Préfecture", "XPREF:", kSlotFacetFirst + 2, false},            // Tône, Ogou…
    {"commune", "Commune", "XCOMMUNE:", kSlotFacetFirst + 3, false},               // Tône 1, Ogou 1…
    {"country", "Pays du partenaire", "XCOUNTRY:", kSlotFacetFirst + 4, false},    // ISO 3166-1 alpha-2: FR, DE…
    {"partnership", "Partenariat", "XPART:", kSlotFacetFirst + 5, false},          // partnership record id
    {"theme", "Thème", "XTHEME:", kSlotFacetFirst + 6, false},                     // eau et assainissement…
    {"year", "Année", "XYEAR:", kSlotFacetFirst + 7, false},                       // 1986…
    {"lang", "Langue", "XLANG:", kSlotFacetFirst + 8, false},                      // ISO 639-1: fr, en…
    {"role", "Rôle de l'intervenant", "XROLE:", kSlotFacetFirst + 9, true},        // maire, point-focal… (utterances)
    {"legal_basis", "Base légale", "XBASIS:", kSlotFacetFirst + 10, false},       // "Loi n° 2019-006, art. 46": provisions the text cites
    {"status", "Statut du partenariat", "XSTATUS:", kSlotFacetFirst + 11, false}, // partnership records only: actif, arrete, inconnu
}};

// The facet named `name`, or nullptr.
const Facet* find_facet(std::string_view name);

// The boolean term for `facet` = `value`: prefix + folded value, cut to fit
// Xapian's term length limit.
std::string facet_term(const Facet& facet, std::string_view value);

// Document types (the "type" facet's values) with their French labels.
inline constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kTypes{{
    {"loi", "Texte juridique"},
    {"convention", "Convention"},
    {"entretien", "Entretien"},
    {"partenariat", "Partenariat"},
    {"etude", "Étude"},
}};

// Fields of the stored document data (one per unit). Encoded as lines
// "key\tvalue" with \\, \n and \t escaped; see encode_data/decode_data.
// Units store: doc, anchor, kind, label, heading, path, text, speaker, who
// (transcripts: the speaker's participant id; absent from indexes made
// before it, where readers fall back on speaker), role,
// amended (legal texts: "date\x1ftype\x1fhref\x1flabel" lines, one per
// modification another text made to the unit).
// The document unit ("doc" kind) also stores: title, type, demo, notice,
// date, lang, communes, partner, partnerships ("id\x1ftitle" pairs joined by
// \n inside the value), themes (\n-joined), summary, file, text (the start
// of the body, for snippets), units (number of units), lifecycle (legal
// texts: "date\x1ftype\x1fhref\x1flabel" lines), modifies (legal texts:
// "anchor\x1ftype\x1fdestination href" lines, one per change the text makes
// to another, meta/analysis/activeModifications; "" anchor: the text as a
// whole). Partnership records
// add: partner_name, partner_level, partner_country, nature, start, end,
// status, divergences (\n-joined), sources ("href\x1ftext" lines).
using Data = std::map<std::string, std::string>;
std::string encode_data(const Data& data);
Data decode_data(std::string_view encoded);

// The value of kSlotFacets: the document id, then each facet's slot value
// (values joined by kValueSep) in the order of kFacets, separated by
// kFacetSep. Counting reads this one value per match instead of one per
// facet: each value read is a B-tree lookup, and they were most of the cost
// of exact counts.
std::string facet_summary(std::string_view doc_id, const std::array<std::string, kFacets.size()>& joined);

// Reads a facet summary, or a facet's joined values, one field at a time:
// the part of `rest` before the first `sep` (kFacetSep between the fields
// of a summary, kValueSep between values), and `rest` is left after it
// (empty after the last field). The readers of facet_summary() use it.
std::string_view take_field(std::string_view& rest, char sep);

// Joins / splits facet values on kValueSep.
std::string join_values(const std::vector<std::string>& values);
std::vector<std::string> split_values(std::string_view joined);

// prefix + value, cut to fit Xapian's term length limit (at a UTF-8
// boundary). The value is used as given: fold it first where it should be.
std::string make_term(std::string_view prefix, std::string_view value);

// The unique-id term of a unit ("" anchor = the document unit).
std::string id_term(std::string_view doc_id, std::string_view anchor = {});

// URLs of the web interface, shared by the JSON results and the server.
std::string doc_url(std::string_view doc_id, std::string_view anchor = {});
std::string partnership_url(std::string_view partnership_id);
// The page a person reads a document on: a partnership record's page
// (partnership_url, the anchor dropped: the page has no units) for a
// document of type "partenariat", doc_url otherwise.
std::string page_url(std::string_view doc_id, std::string_view type, std::string_view anchor = {});

// Xapian refuses terms longer than this many bytes.
inline constexpr size_t kMaxTermBytes = 240;

}  // namespace coopdec::schema
