// @brief Safe XML reading with pugixml, and the small DOM helpers every
// extractor needs: positions as line:col, namespace-agnostic names, the text
// of a subtree.
//
// Messages are in French (the users of coopdec are French-speaking), written
// with French spacing before ':' and guillemets « » around quoted names; all
// extractors use the same language.
//
// Safety: pugixml never reads a DTD or an external entity, and expands only
// the five predefined entities and character references. read_xml() goes
// further and refuses any document whose DOCTYPE declares entities (billion
// laughs, external SYSTEM entities): such a file is rejected with a clear
// message instead of being indexed with "&name;" left in its text. A
// reference to an undeclared entity (no DOCTYPE) is kept literally, as
// pugixml does.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/record.h"

namespace coopdec {

// A 1-based position in a text; {0, 0} when unknown.
struct LineCol {
    int line = 0;
    int column = 0;
};

// Position of byte `offset` in `contents`: lines are counted with '\n',
// columns in UTF-8 characters (what editors show), both 1-based. An offset
// past the end is clamped to the end; a negative one gives {0, 0}.
LineCol line_col(std::string_view contents, std::ptrdiff_t offset);

// Where a parsed document came from, to report positions of its nodes.
// Holds a view: `contents` must outlive it.
struct XmlSource {
    std::string_view contents;
    std::string name;  // the path shown in diagnostics

    // A diagnostic at `node` (its '<' for an element), or at the start of
    // the file (line 1, column 1) for a null node.
    Diagnostic at(const pugi::xml_node& node, std::string message) const;
    // A diagnostic at byte `offset` of contents.
    Diagnostic at_offset(std::ptrdiff_t offset, std::string message) const;
};

// The outcome of read_xml(): a document, or the diagnostic that stopped it.
struct XmlRead {
    std::unique_ptr<pugi::xml_document> doc;  // null on failure
    Diagnostic error;                         // set only on failure

    bool ok() const { return doc != nullptr; }
    pugi::xml_node root() const { return doc ? doc->document_element() : pugi::xml_node(); }
};

// Parses `contents` (UTF-8, UTF-16 or UTF-32 with a BOM or an XML
// declaration, or ISO-8859-1 when declared so; positions are exact for
// UTF-8, the corpus encoding, and approximate for UTF-16 input).
// Success: ok(), doc owns the tree, whose node offsets refer to `contents`.
// Failure: !ok(), error = "name:line:col: XML mal formé : <raison>" for a
// syntax error, multiple root elements or a repeated attribute,
// "name:line:col: DOCTYPE refusé : ..." when the DOCTYPE declares entities,
// or, when the text would come out wrong (pugixml reads an undeclared or
// unknown encoding as UTF-8 and copies invalid bytes as they are):
//   "name:line:col: encodage invalide : octet 0xE9 impossible en UTF-8 : …"
//   "name:line:col: encodage « windows-1252 » non pris en charge (acceptés :
//       UTF-8, UTF-16, ISO-8859-1) : …"
//   "name:line:col: encodage incohérent : le fichier se déclare en
//       « ISO-8859-1 » mais son texte est en UTF-8 (« é ») : …"
//   "name:line:col: encodage incohérent : octet 0x9C (caractère de contrôle
//       en ISO-8859-1) : … windows-1252 …"   (and the UTF-16 and US-ASCII
//       mislabels, and a UTF-8 BOM on a file declared ISO-8859-1)
// Never throws for bad input; never touches the file system or network.
XmlRead read_xml(std::string_view contents, const std::string& name);

// The local part of an element or attribute name: "an:article" → "article".
std::string_view local_name(const pugi::xml_node& node);

// Whether `node` is an element (not text, a comment, a PI...).
inline bool is_element(const pugi::xml_node& node) { return node.type() == pugi::node_element; }

// The namespace URI of an element, resolved from the xmlns declarations on
// it and its ancestors ("" when it has none). The "xml" prefix is built in.
std::string_view namespace_uri(const pugi::xml_node& node);

// Namespace-agnostic navigation: compare local names only, so an "an:"
// prefix or a default namespace makes no difference. Null node when absent.
pugi::xml_node child(const pugi::xml_node& node, std::string_view local);
std::vector<pugi::xml_node> children(const pugi::xml_node& node, std::string_view local);
// First descendant (document order, node itself excluded) with this name.
pugi::xml_node descendant(const pugi::xml_node& node, std::string_view local);
// Nearest ancestor (node itself excluded) with this name.
pugi::xml_node ancestor(const pugi::xml_node& node, std::string_view local);

// Visits the descendants of `root` (not root itself) in document order,
// without recursion, so a deeply nested document cannot overflow the stack.
// enter(n) -> bool is called first; when it returns true, n's children are
// visited. leave(n) is called after n's subtree (or right after enter).
template <class Enter, class Leave>
void walk(const pugi::xml_node& root, Enter&& enter, Leave&& leave) {
    pugi::xml_node n = root.first_child();
    while (n) {
        if (enter(n) && n.first_child()) {
            n = n.first_child();
            continue;
        }
        leave(n);
        while (!n.next_sibling()) {
            n = n.parent();
            if (!n || n == root) return;
            leave(n);
        }
        n = n.next_sibling();
    }
}

// Collapses runs of ASCII whitespace into one space and trims both ends.
std::string normalize_space(std::string_view text);

// Builds whitespace-normalised text piece by piece: text() appends (runs of
// whitespace become one space), brk() asks for a separating space that is
// only written if more text follows.
class TextBuilder {
public:
    void text(std::string_view piece);
    void brk();
    const std::string& str() const { return out_; }

private:
    std::string out_;
    bool pending_space_ = false;
};

// Whether an element only marks up a run of text (emphasis, a reference, a
// name...) and so must not separate words: "<b>Art</b>icle" → "Article".
// Every other element boundary separates: "della<eol/>Camera" →
// "della Camera", "<num>1</num><heading>X</heading>" → "1 X".
bool is_inline_element(std::string_view local);

// Returns true for an element whose subtree must be left out of the text.
using SkipElement = std::function<bool(const pugi::xml_node&)>;

// The text of a subtree (all text descendants in document order, unlike
// pugixml's child_value()), whitespace-normalised, with a space at every
// non-inline element boundary. Elements for which `skip` is true are left
// out with their subtree (they still separate words).
std::string text_of(const pugi::xml_node& node, const SkipElement& skip = {});
// Same, appended to `out`.
void append_text(const pugi::xml_node& node, TextBuilder& out, const SkipElement& skip = {});

// The offset of a DOCTYPE that declares entities, or npos: a plain text
// check made before any parser sees the file, shared by every reader of
// XML (pugixml here, libxml2 in schema_check and render) so the same files
// are refused with the same words. "<!ENTITY" can only appear after
// "<!DOCTYPE" in a DTD (or in a comment: refused too).
std::size_t entity_doctype(std::string_view contents);

}  // namespace coopdec
