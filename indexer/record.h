// @brief The plain record an extractor makes of one XML file: what the
// indexer needs, with no pugixml or Xapian type in it.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace coopdec {

// One searchable piece of a document: a law article, an agreement clause, a
// transcript utterance, a study section. Units are listed in document order.
struct Unit {
    std::string anchor;              // fragment id, unique in the document ("art_46", "u_12")
    std::string kind;                // "article", "clause", "enonce", "section", "point"...
    std::string label;               // how a reader names it: "Article 46", "Amina K. (maire)"
    std::string heading;             // the unit's own heading, may be empty
    std::string path;                // where it sits: "Titre I > Chapitre 1 > Article 46"
    std::string text;                // plain text, whitespace-normalised, for indexing and snippets
    std::string speaker;             // transcripts: the speaker's display name
    std::string speaker_id;          // transcripts: the participant's id (person/@xml:id, else the pointer as given)
    std::string role;                // transcripts: the speaker's role (facet value), may be empty
    std::vector<std::string> cites;  // AKN ref/@href values found in the unit
};

// A place of the gazetteer (only set on "repertoire" records).
struct Place {
    std::string id;                        // "tone-1"
    std::string name;                      // "Tône 1"
    std::string level;                     // "region" | "prefecture" | "commune"
    std::string parent;                    // id of the enclosing prefecture / region ("" for a region)
    std::vector<std::string> aliases;      // former names and spelling variants
    std::string chef_lieu = {};            // préfectures: the town that is its seat ("Kpalimé"), may be empty
    std::vector<std::string> former = {};  // the aliases of type "ancien-nom"
};

// Togolese side of a partnership (only on "partenariat" records).
struct Collectivity {
    std::string name;        // the element's text, e.g. "Atakpamé"
    std::string commune;     // gazetteer commune id, may be empty
    std::string prefecture;  // gazetteer prefecture id, may be empty
    std::string region;      // gazetteer region id, may be empty
    bool verified = true;    // false when verifie="non"
};

struct Source {
    std::string href;  // may be empty
    std::string text;
};

// Everything an extractor reads from one file.
struct Record {
    std::string id;      // document id, unique in the corpus ([a-z0-9][a-z0-9-]*)
    std::string type;    // "loi" | "convention" | "entretien" | "partenariat" | "etude" | "repertoire"
    std::string format;  // "akn" | "tei" | "coopdec"
    std::string title;
    std::string lang;  // ISO 639-1 when known ("fr", "en", "it"), else what the file says
    std::string date;  // "YYYY-MM-DD", "YYYY-MM", "YYYY" or ""
    bool demo = false;
    std::string demo_notice;  // the avertissement / demonstration note text

    std::vector<std::string> partnerships;  // ids of linked partnership records
    std::vector<std::string> themes;
    std::vector<std::string> communes;  // gazetteer commune ids named by the document
    std::vector<std::string> cites;     // document-level references (AKN ref hrefs)
    std::vector<Source> sources;
    std::string summary;  // preface / longTitle / description / preambule text
    // Text a reader sees that no unit holds (AKN: a debate's loose <p>, an
    // <other> or <narrative> without id, a preface's docNumber; TEI: the
    // text of <text> outside utterances), whitespace-normalised: indexed
    // on the document unit with positions, never shown as a unit.
    std::string loose_text;
    // Annotation tiers of a transcript (TEI spanGrp: a translation, a
    // phonetic transcription, a copy of the utterance…), one string per
    // span: indexed on the document unit, each word only if the document
    // does not have it yet, so a tier copying the utterance adds nothing.
    std::vector<std::string> annotations;

    // Legal texts (AKN): FRBR identification.
    std::string work_uri;        // FRBRWork/FRBRthis (or FRBRuri)
    std::string act_number;      // FRBRWork/FRBRnumber/@value ("2019-006"), may be empty
    std::string expression_uri;  // FRBRExpression/FRBRthis
    std::string version_date;    // the expression's date when its URI has one ("fra@2019-06-26"), else ""
    std::string akn_name;        // root element under akomaNtoso: "act", "bill", "documentCollection"...
    std::string pdf_pointer;     // body is only a pointer to this file
    // The text's history (meta/lifecycle), oldest first.
    struct Event {
        std::string date, type;                 // "2019-06-26", "generation" | "amendment" | "repeal"...
        std::string source_href, source_label;  // the text behind the event (references' href, showAs)
    };
    std::vector<Event> lifecycle;
    // Changes made to this text by others (meta/analysis/passiveModifications):
    // one per modification and destination unit.
    struct Amendment {
        std::string anchor;  // the unit changed ("art_2")
        std::string type;    // "substitution", "insertion", "repeal"...
        std::string date;    // of the amending event, when known
        std::string source_href, source_label;
    };
    std::vector<Amendment> amendments;
    // Changes this text makes to others (meta/analysis/activeModifications):
    // one per modification and destination.
    struct Modification {
        std::string anchor;       // this text's unit that makes it ("art_3"), "" for the text as a whole
        std::string type;         // "substitution", "insertion", "repeal"...
        std::string destination;  // the href of what it changes: "/akn/tg/act/loi/2007-03-13/2007-011#art_2"
    };
    std::vector<Modification> modifications;

    // Transcripts (TEI).
    struct Participant {
        std::string id, name, role, commune;
    };
    std::vector<Participant> participants;
    std::string place;  // setting place name (TEI); convention: <lieu> of signature

    // Partnership records.
    std::vector<Collectivity> collectivities;
    std::string partner;          // foreign partner's name
    std::string partner_level;    // commune | intercommunalite | region | ...
    std::string partner_country;  // ISO 3166-1 alpha-2, upper case
    std::string nature;           // jumelage | cooperation | ...
    std::string start_year, end_year;
    std::string status;                    // actif | arrete | inconnu
    std::vector<std::string> divergences;  // notes where sources disagree
    // The annual state (<financements>, <actions>, <responsables>), in
    // document order.
    struct Amount {
        std::string year;    // "2023"
        std::string source;  // commune | partenaire | etat | autre
        std::string origin;  // who, when named ("FACT"), may be empty
        std::string fcfa;    // digits only: "1500000"
    };
    std::vector<Amount> amounts;
    struct Action {
        std::string title;
        std::string start, end;  // years, may be empty
        std::string theme;       // a theme of the list, may be empty
        std::string status;      // prevue | en-cours | achevee | abandonnee | inconnu
    };
    std::vector<Action> actions;
    struct Person {
        std::string name;
        std::string role;     // the person's function: « Point focal »
        std::string side;     // commune | partenaire
        std::string contact;  // may be empty
    };
    std::vector<Person> people;

    // Agreements and studies.
    std::string author;                    // etude: <auteur> (several joined with "; ")
    std::vector<std::string> signatories;  // convention: "Name (role, collectivity)" per <signataire>

    // Gazetteer.
    std::vector<Place> places;

    std::vector<Unit> units;
};

// A problem in an input file, reported like a compiler error.
struct Diagnostic {
    std::string path;
    int line = 0, column = 0;  // 1-based; 0 when unknown
    std::string message;

    // "path:line:col: message" (or "path: message" without a position).
    std::string str() const;
};

// What extraction gives: a record, or the diagnostics that stopped it.
struct Extraction {
    bool ok = false;
    Record record;
    std::vector<Diagnostic> errors;
    // Problems of a file indexed all the same (ok): each message starts
    // with "avertissement : " ("x.xml:12:5: avertissement : identifiant en
    // double « e_1 » (déjà à la ligne 9)"). Empty when !ok.
    std::vector<Diagnostic> warnings;
};

}  // namespace coopdec
