// @brief What coopdec-import turns a file into before it becomes a corpus
// document: the document's type and metadata. Shared by the text
// extraction, the structure recognition, the XML writers and the command.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace coopdec::import {

// The corpus document types an import can write (corpus/README.md):
// an agreement (coopdec <convention>), an interview transcript (TEI), a study
// (coopdec <etude>), a legal text (Akoma Ntoso 3.0).
enum class DocType { convention, entretien, etude, loi };

// "convention", "entretien", "etude" (or "étude"), "loi"; nullopt otherwise.
std::optional<DocType> parse_doc_type(std::string_view name);
// The name parse_doc_type() takes, without accent ("etude").
const char* doc_type_name(DocType type);
// The corpus subfolder of the type: "conventions", "entretiens", "etudes", "lois".
const char* doc_type_folder(DocType type);

// The metadata of an imported document, given on the command line or asked
// for on a terminal. Which fields a type requires: required_fields().
struct Metadata {
    DocType type = DocType::etude;
    std::string id;  // document id; the file is ID.xml
    std::string title;
    std::string date;                       // YYYY-MM-DD (a study may give YYYY)
    std::vector<std::string> communes;      // gazetteer commune ids ("tone-1")
    std::vector<std::string> partnerships;  // partnership record ids
    std::vector<std::string> themes;        // values of corpus/schema/common.rng
    std::vector<std::string> authors;       // a study's authors
    std::string place;                      // where an agreement was signed
    std::string law_number;                 // a legal text's number ("2019-006")
    // Where the text comes from and what was done to it, written into the
    // document's sources (or TEI sourceDesc, or AKN proprietary note).
    std::string source;
};

// Thrown for a refused import: what() is a French sentence for the user.
struct ImportError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace coopdec::import
