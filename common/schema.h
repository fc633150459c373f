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
inline constexpr std::string_view kSchemaVersion = "7";
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
// Metadata keys "coopdec:source:<document id>" → the source XML as indexed,
// packed (common/stored_blob.h). The page is not stored: the server renders
// it from this source with the stylesheet of kFieldFormat when it is asked.
inline constexpr std::string_view kSourceKeyPrefix = "coopdec:source:";

// Term prefixes. One capital letter = Xapian's standard meaning
// (docs/termprefixes.rst); "X…:" = ours, with a colon so that no value can
// run into the prefix.
inline constexpr std::string_view kPrefixId = "Q";         // unique id of a unit: "Q<doc>" or "Q<doc>#<anchor>"
inline constexpr std::string_view kPrefixStem = "Z";       // stemmed word (no positions)
inline constexpr std::string_view kPrefixDoc = "XDOC:";    // document id, on every unit of the document
inline constexpr std::string_view kPrefixKind = "XKIND:";  // unit kind (kKind… below): kind_term()
inline constexpr std::string_view kPrefixFile = "XFILE:";  // source file key, on every unit from that file
// The legal framework (see indexer/document.cc and search/legal.cc):
inline constexpr std::string_view kPrefixAct =
    "XACT:";  // a legal text's number, citation::act_key() ("2019-6"), on its document unit
inline constexpr std::string_view kPrefixWork =
    "XWORK:";  // a legal text's work URI (akn::work_of), on its document unit
inline constexpr std::string_view kPrefixArticle = "XART:";  // an article unit's number ("46", "12 bis"), folded
inline constexpr std::string_view kPrefixCite = "XCITE:";  // a citation in a unit's text: "<act>#<article>" or "<act>"
                                                           // (act_key()); the document unit has all its units'
inline constexpr std::string_view kPrefixRef = "XREF:";  // an AKN ref of the unit: akn::target_key(), fragment narrowed
                                                         // to a unit; the document unit has all its units'

// Unit kinds: each unit's kSlotKind value and kPrefixKind term. (Defined as
// character arrays, like the other names below, so that they serve as a
// std::string, a std::string_view and a C string alike.)
inline constexpr char kKindDoc[] = "doc";           // the document as a whole: one per document
inline constexpr char kKindUtterance[] = "enonce";  // a transcript's utterance (TEI <u>)
inline constexpr char kKindClause[] = "clause";     // an agreement's clause
inline constexpr char kKindSection[] = "section";   // a study's section
// A legal text's units (Akoma Ntoso) take the name of their element as their
// kind: "article", "section", "rule", "paragraph"… (indexer/extract_akn.cc).

// The kPrefixKind term of the units of kind `kind`.
std::string kind_term(std::string_view kind);

// Value slots. ON-DISK CONSTANTS: DO NOT RENUMBER. Add new ones at the end.
enum Slot : unsigned {
    kSlotDoc = 0,     // document id (string): the collapse key
    kSlotKind = 1,    // unit kind (string)
    kSlotDate = 2,    // "YYYY-MM-DD" / "YYYY" (string, sorts by date); "" when unknown
    kSlotYear = 3,    // Xapian::sortable_serialise(year), for year ranges; absent when unknown
    kSlotOrder = 4,   // Xapian::sortable_serialise(position of the unit in its document)
    kSlotFacets = 5,  // the document id and every facet value of the unit: facet_summary()
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
    {"type", "Type de document", "XTYPE:", kSlotFacetFirst + 0,
     false},                                                       // loi, convention, entretien, partenariat, etude
    {"region", "Région", "XREGION:", kSlotFacetFirst + 1, false},  // Savanes, Kara…
    {"prefecture", "Préfecture", "XPREF:", kSlotFacetFirst + 2, false},          // Tône, Ogou…
    {"commune", "Commune", "XCOMMUNE:", kSlotFacetFirst + 3, false},             // Tône 1, Ogou 1…
    {"country", "Pays du partenaire", "XCOUNTRY:", kSlotFacetFirst + 4, false},  // ISO 3166-1 alpha-2: FR, DE…
    {"partnership", "Partenariat", "XPART:", kSlotFacetFirst + 5, false},        // partnership record id
    {"theme", "Thème", "XTHEME:", kSlotFacetFirst + 6, false},                   // eau et assainissement…
    {"year", "Année", "XYEAR:", kSlotFacetFirst + 7, false},                     // 1986…
    {"lang", "Langue", "XLANG:", kSlotFacetFirst + 8, false},                    // ISO 639-1: fr, en…
    {"role", "Rôle de l'intervenant", "XROLE:", kSlotFacetFirst + 9, true},      // maire, point-focal… (utterances)
    {"legal_basis", "Base légale", "XBASIS:", kSlotFacetFirst + 10,
     false},  // "Loi n° 2019-006, art. 46": provisions the text cites
    {"status", "Statut du partenariat", "XSTATUS:", kSlotFacetFirst + 11,
     false},  // partnership records only: actif, arrete, inconnu
}};

// The facet named `name`, or nullptr.
const Facet* find_facet(std::string_view name);

// The boolean term for `facet` = `value`: prefix + folded value, cut to fit
// Xapian's term length limit.
std::string facet_term(const Facet& facet, std::string_view value);

// Document types: the stored field kFieldType and the "type" facet's values.
inline constexpr char kTypeLaw[] = "loi";                  // a legal text (Akoma Ntoso)
inline constexpr char kTypeAgreement[] = "convention";     // a cooperation agreement (project format)
inline constexpr char kTypeInterview[] = "entretien";      // a transcript (TEI)
inline constexpr char kTypePartnership[] = "partenariat";  // a partnership record (project format)
inline constexpr char kTypeStudy[] = "etude";              // a study (project format)
// The gazetteer (project format): read for its places, never indexed as a document.
inline constexpr char kTypeGazetteer[] = "repertoire";

// The indexed document types with their French labels.
inline constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kTypes{{
    {kTypeLaw, "Texte juridique"},
    {kTypeAgreement, "Convention"},
    {kTypeInterview, "Entretien"},
    {kTypePartnership, "Partenariat"},
    {kTypeStudy, "Étude"},
}};

// XML namespaces of the formats the indexer reads and the importer writes.
inline constexpr char kCoopdecNamespace[] = "urn:x-coopdec:corpus:1";  // the project's own formats
inline constexpr char kTeiNamespace[] = "http://www.tei-c.org/ns/1.0";
inline constexpr char kAknNamespace[] = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";  // Akoma Ntoso 3.0
// Akoma Ntoso 2.0 and earlier drafts: every namespace under this address.
inline constexpr char kAkn2NamespaceBase[] = "http://www.akomantoso.org/";

// Akoma Ntoso 3.0 (kAknNamespace, and its committee drafts
// ".../3.0/CSDnn"), and AKN 2.0 (under kAkn2NamespaceBase).
bool is_akn_namespace(std::string_view uri);

// Fields of the stored document data (one per unit). Encoded as lines
// "key\tvalue" with \\, \n and \t escaped; see encode_data/decode_data.
// A field with an empty value is not stored: every reader takes a field
// that is absent as empty. Nothing is stored that no reader reads: a unit's
// heading is in its label and text, a document's file in its kPrefixFile
// term, its number of units in its kPrefixDoc term's frequency.
// Every unit stores:
inline constexpr char kFieldDoc[] = "doc";    // its document's id
inline constexpr char kFieldKind[] = "kind";  // its kind (kKind…)
inline constexpr char kFieldText[] = "text";  // its text (the document unit: the summary, else the body's start)
// The other units (not kKindDoc) also store:
inline constexpr char kFieldAnchor[] = "anchor";    // the unit's anchor in its document (its HTML id)
inline constexpr char kFieldLabel[] = "label";      // "Article 46"
inline constexpr char kFieldPath[] = "path";        // where it sits: "Titre I > Chapitre 1 > Article 46"
inline constexpr char kFieldSpeaker[] = "speaker";  // transcripts: the speaker's name
inline constexpr char kFieldWho[] = "who";          // transcripts: the speaker's participant id
inline constexpr char kFieldRole[] = "role";        // transcripts: the speaker's role
inline constexpr char kFieldAmended[] = "amended";  // legal texts: "date\x1ftype\x1fhref\x1flabel" lines, one per
                                                    // modification another text made to the unit
// The document unit (kKindDoc) also stores:
inline constexpr char kFieldTitle[] = "title";
inline constexpr char kFieldType[] = "type";                  // kType…
inline constexpr char kFieldDemo[] = "demo";                  // "1": a demonstration document, "0" otherwise
inline constexpr char kFieldNotice[] = "notice";              // the demonstration document's notice
inline constexpr char kFieldDate[] = "date";                  // as kSlotDate (a partnership record: its start year)
inline constexpr char kFieldLang[] = "lang";                  // ISO 639-1 code of its analysis language
inline constexpr char kFieldPlace[] = "place";                // transcripts: the setting; agreements: where signed
inline constexpr char kFieldFormat[] = "format";              // its source's format: "akn", "tei" or "coopdec"
inline constexpr char kFieldCommunes[] = "communes";          // its communes' names, \n-joined
inline constexpr char kFieldPartner[] = "partner";            // the foreign partner, as displayed
inline constexpr char kFieldPartnerships[] = "partnerships";  // "id\x1ftitle" pairs, \n-joined
inline constexpr char kFieldThemes[] = "themes";              // \n-joined
inline constexpr char kFieldSummary[] = "summary";
inline constexpr char kFieldLifecycle[] = "lifecycle";  // legal texts: "date\x1ftype\x1fhref\x1flabel" lines
inline constexpr char kFieldModifies[] = "modifies";    // legal texts: "anchor\x1ftype\x1fdestination href" lines,
                                                        // one per change the text makes to another
                                                        // (meta/analysis/activeModifications; "" anchor: the
                                                        // text as a whole)
inline constexpr char kFieldVersion[] = "version";      // legal texts: the expression's date when its
                                                        // URI has one ("fra@2019-06-26"); absent otherwise
// A partnership record's document unit (kTypePartnership) adds:
inline constexpr char kFieldPartnerName[] = "partner_name";
inline constexpr char kFieldPartnerLevel[] = "partner_level";
inline constexpr char kFieldPartnerCountry[] = "partner_country";
inline constexpr char kFieldNature[] = "nature";
inline constexpr char kFieldStart[] = "start";
inline constexpr char kFieldEnd[] = "end";
inline constexpr char kFieldStatus[] = "status";
inline constexpr char kFieldDivergences[] = "divergences";  // \n-joined
inline constexpr char kFieldSources[] = "sources";          // "href\x1ftext" lines
// The annual state, one line per row, in document order:
inline constexpr char kFieldAmounts[] = "amounts";  // "year\x1fsource\x1forigin\x1ffcfa" (source: commune,
                                                    // partenaire, etat, autre; fcfa: digits)
inline constexpr char kFieldActions[] = "actions";  // "title\x1fstart\x1fend\x1ftheme\x1fstatus"
inline constexpr char kFieldPeople[] = "people";    // "name\x1frole\x1fside\x1fcontact" (side: commune, partenaire)
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
// document of type kTypePartnership, doc_url otherwise.
std::string page_url(std::string_view doc_id, std::string_view type, std::string_view anchor = {});

// Xapian refuses terms longer than this many bytes.
inline constexpr size_t kMaxTermBytes = 240;

}  // namespace coopdec::schema
