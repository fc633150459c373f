// @brief Private to import/write_*.cc: one writer per document type, and
// the pugixml helpers they share (pugixml escapes text and attributes).
#pragma once

#include <pugixml.hpp>
#include <set>
#include <string>
#include <string_view>

#include "import/model.h"
#include "import/structure.h"
#include "import/write_document.h"

namespace coopdec::import::write {

// A document being written: XML declaration, header comment, root element.
class Document {
public:
    // `root` is the root element's name; `xmlns` its namespace.
    Document(const std::string& header_comment, const char* root, const char* xmlns);
    pugi::xml_node root() const { return root_; }
    // The document, indented by two spaces, ending with "\n".
    std::string str() const;

private:
    pugi::xml_document doc_;
    pugi::xml_node root_;
};

// Appends <name>text</name> to `parent` and returns it.
pugi::xml_node add_text(pugi::xml_node parent, const char* name, const std::string& text);

// Identifiers unique in one document: "sec_1_1", then "sec_1_1_2" for a
// second one; each repetition is reported in `messages`.
class Ids {
public:
    std::string take(const std::string& wanted, int line, std::vector<std::string>& messages);

private:
    std::set<std::string> taken_;
};

// "Conclusion générale" → "conclusion_generale": ASCII letters and digits,
// other runs → "_" (accents folded first).
std::string underscore_slug(std::string_view text);

// Counts of a document's blocks, for the summary message.
struct Counts {
    std::size_t paragraphs = 0, notes = 0;
    void add(const std::vector<Block>& blocks);
    // "14 paragraphes, 2 notes"
    std::string str() const;
};

// Throws ImportError "<type> : <field> manquant" ("étude : auteur manquant") unless `present`.
void require(bool present, const char* type, const char* field);

BuiltDocument write_etude(const Metadata& meta, const Study& study, const BuildOptions& options);
BuiltDocument write_convention(const Metadata& meta, const Agreement& agreement, const BuildOptions& options);
BuiltDocument write_loi(const Metadata& meta, const Law& law, const BuildOptions& options);
BuiltDocument write_entretien(const Metadata& meta, const Transcript& transcript, const BuildOptions& options);

}  // namespace coopdec::import::write
