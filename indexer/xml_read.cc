// @brief read_xml() and the DOM helpers: pugixml with the checks it does not
// do itself (entity declarations, several roots, repeated attributes).
#include "indexer/xml_read.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <unordered_set>

#include "common/utf8.h"

namespace coopdec {

namespace {

// pugixml's status codes, in French. pugixml's own descriptions are English
// and would make every other message of the indexer bilingual.
std::string describe(pugi::xml_parse_status status) {
    switch (status) {
        case pugi::status_ok:
            return "aucune erreur";
        case pugi::status_file_not_found:
            return "fichier introuvable";
        case pugi::status_io_error:
            return "erreur de lecture";
        case pugi::status_out_of_memory:
            return "mémoire insuffisante";
        case pugi::status_internal_error:
            return "erreur interne de l'analyseur";
        case pugi::status_unrecognized_tag:
            return "balise non reconnue";
        case pugi::status_bad_pi:
            return "instruction de traitement ou déclaration XML incorrecte";
        case pugi::status_bad_comment:
            return "commentaire incorrect";
        case pugi::status_bad_cdata:
            return "section CDATA incorrecte";
        case pugi::status_bad_doctype:
            return "déclaration DOCTYPE incorrecte";
        case pugi::status_bad_pcdata:
            return "texte incorrect";
        case pugi::status_bad_start_element:
            return "balise ouvrante incorrecte";
        case pugi::status_bad_attribute:
            return "attribut incorrect";
        case pugi::status_bad_end_element:
            return "balise fermante incorrecte";
        case pugi::status_end_element_mismatch:
            return "balise fermante sans balise ouvrante correspondante";
        case pugi::status_append_invalid_root:
            return "racine invalide";
        case pugi::status_no_document_element:
            return "aucun élément racine";
    }
    return "erreur inconnue";
}

// The name of the closing tag at `offset` (pugixml points at the name of a
// mismatched end tag), to say which tag is wrong; "" when it is not valid
// UTF-8. The syntax error stops pugixml before read_xml checks the encoding,
// and the message must stay valid UTF-8 whatever the file holds (found by
// fuzz_coopdec: "</statu\x8C\xC3" quoted as it was).
std::string end_tag_name(std::string_view contents, std::ptrdiff_t offset) {
    if (offset < 0 || static_cast<std::size_t>(offset) >= contents.size()) return {};
    std::size_t end = static_cast<std::size_t>(offset);
    // Up to 100 bytes, never cutting a UTF-8 sequence.
    while (end < contents.size() && contents[end] != '>' && contents[end] != ' ' && contents[end] != '\t' &&
           contents[end] != '\n' && contents[end] != '\r' &&
           (end - offset < 100 || (static_cast<unsigned char>(contents[end]) & 0xC0) == 0x80))
        ++end;
    std::string name(contents.substr(static_cast<std::size_t>(offset), end - offset));
    for (std::size_t i = 0; i < name.size();)
        if (utf8::decode(name, i) == utf8::kInvalid) return {};
    return name;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The checks pugixml leaves out: it accepts several root elements and a
// repeated attribute, which a conforming parser (and libxml2, used for
// schema validation) rejects. Returns false and sets `error` on the first.
bool check_well_formed(const pugi::xml_document& doc, const XmlSource& src, Diagnostic& error) {
    pugi::xml_node first_root;
    for (pugi::xml_node n : doc.children()) {
        if (n.type() == pugi::node_doctype) {
            // Only the internal subset can declare entities; pugixml keeps it
            // verbatim in the doctype's value.
            if (std::strstr(n.value(), "<!ENTITY")) {
                error = src.at(n,
                               "DOCTYPE refusé : il déclare des entités, "
                               "qui ne sont jamais développées (risque d'expansion ou de fichier externe)");
                return false;
            }
        } else if (n.type() == pugi::node_element) {
            if (first_root) {
                error = src.at(n, "XML mal formé : plusieurs éléments racine (le premier est <" +
                                      std::string(first_root.name()) + ">)");
                return false;
            }
            first_root = n;
        }
    }
    bool ok = true;
    auto enter = [&](const pugi::xml_node& n) {
        if (!ok || n.type() != pugi::node_element) return false;
        for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
            for (pugi::xml_attribute b = a.next_attribute(); b; b = b.next_attribute()) {
                if (std::strcmp(a.name(), b.name()) == 0) {
                    error = src.at(n, "XML mal formé : attribut « " + std::string(a.name()) + " » en double dans <" +
                                          n.name() + ">");
                    ok = false;
                    return false;
                }
            }
        }
        return true;
    };
    if (first_root && enter(first_root)) walk(first_root, enter, [](const pugi::xml_node&) {});
    return ok;
}

// The value of the XML declaration's encoding pseudo-attribute, and its
// offset in contents; empty when there is no declaration or no encoding (the
// caller only asks for ASCII-compatible input: pugixml detected UTF-8 or
// Latin-1).
std::string_view declared_encoding(std::string_view contents, std::size_t& offset) {
    std::size_t start = contents.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    if (contents.compare(start, 5, "<?xml") != 0) return {};
    std::size_t end = contents.find("?>", start);
    if (end == std::string_view::npos) return {};
    std::string_view decl = contents.substr(start, end - start);
    std::size_t at = decl.find("encoding");
    if (at == std::string_view::npos) return {};
    at += 8;
    while (at < decl.size() && (is_space(decl[at]) || decl[at] == '=')) ++at;
    if (at >= decl.size() || (decl[at] != '"' && decl[at] != '\'')) return {};
    std::size_t close = decl.find(decl[at], at + 1);
    if (close == std::string_view::npos) return {};
    offset = start + at + 1;
    return decl.substr(at + 1, close - at - 1);
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return (x >= 'A' && x <= 'Z' ? x - 'A' + 'a' : x) == (y >= 'A' && y <= 'Z' ? y - 'A' + 'a' : y);
           });
}

// The byte at `offset`, as "0xE9".
std::string hex_byte(std::string_view contents, std::size_t offset) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned char>(contents[offset]));
    return buf;
}

// The offset of the first byte at or after `from` that is not ASCII
// (0x80 or more), or contents.size() when there is none: where the encoding
// checks below have something to look at.
std::size_t next_non_ascii(std::string_view contents, std::size_t from) {
    while (from < contents.size() && static_cast<unsigned char>(contents[from]) < 0x80) ++from;
    return from;
}

// A file read as ISO-8859-1, as declared (`declared`: the name, said in the
// message when it is a Latin-1 name). False, with `error`, when its bytes
// are UTF-8 or windows-1252 instead.
bool check_latin1(std::string_view contents, std::string_view declared, bool latin1_name, const XmlSource& src,
                  Diagnostic& error) {
    // Two mistakes make wrong text out of ISO-8859-1:
    // UTF-8 bytes ("Ã©" for "é": every non-ASCII byte belongs to a valid
    // UTF-8 sequence, which real Latin-1 French text practically never
    // does), and windows-1252 ("œ" is 0x9C there, a C1 control in
    // ISO-8859-1).
    std::size_t first_multibyte = std::string_view::npos;
    bool all_utf8 = true;
    for (std::size_t i = next_non_ascii(contents, 0); i < contents.size(); i = next_non_ascii(contents, i)) {
        std::size_t at = i;
        unsigned char b = static_cast<unsigned char>(contents[at]);
        if (utf8::decode(contents, i) != utf8::kInvalid) {
            if (first_multibyte == std::string_view::npos) first_multibyte = at;
            continue;
        }
        all_utf8 = false;
        if (b <= 0x9F) {
            error = src.at_offset(static_cast<std::ptrdiff_t>(at),
                                  "encodage incohérent : octet " + hex_byte(contents, at) +
                                      " (caractère de contrôle en ISO-8859-1) : le fichier semble être en "
                                      "windows-1252, non pris en charge ; convertissez-le en UTF-8");
            return false;
        }
    }
    if (all_utf8 && first_multibyte != std::string_view::npos) {
        std::size_t end = first_multibyte;
        utf8::decode(contents, end);
        error = src.at_offset(static_cast<std::ptrdiff_t>(first_multibyte),
                              "encodage incohérent : le fichier se déclare en « " +
                                  std::string(latin1_name ? declared : "ISO-8859-1") +
                                  " » mais son texte est en UTF-8 (« " +
                                  std::string(contents.substr(first_multibyte, end - first_multibyte)) +
                                  " ») : déclarez encoding=\"UTF-8\"");
        return false;
    }
    return true;
}

// Read as UTF-8: the declaration must say so (or say nothing, or US-ASCII,
// a subset). "UTF-16" over ASCII-compatible bytes is refused: libxml2 stops
// on it ("Document labelled UTF-16 but has UTF-8 content"), so the page
// could not be rendered. False, with `error` at the declaration, otherwise.
bool check_utf8_declaration(std::string_view declared, std::size_t decl_at, bool latin1_name, const XmlSource& src,
                            Diagnostic& error) {
    const bool ascii = iequals(declared, "US-ASCII") || iequals(declared, "ASCII");
    if (!declared.empty() && !ascii && !iequals(declared, "UTF-8") && !iequals(declared, "UTF8")) {
        // Shown as written, but only its printable ASCII: the message must
        // stay valid UTF-8 whatever the file holds.
        std::string shown;
        for (char c : declared.substr(0, 40)) shown += (c > ' ' && c < 0x7F) ? c : '?';
        std::string message;
        if (latin1_name)
            message =
                "encodage incohérent : le fichier commence par la marque d'ordre des octets de l'UTF-8 mais "
                "se déclare en « " +
                shown + " »";
        else if (iequals(declared, "UTF-16") || iequals(declared, "UTF16"))
            message = "encodage incohérent : le fichier se déclare en « " + shown +
                      " » mais n'est pas en UTF-16 : déclarez encoding=\"UTF-8\"";
        else
            message = "encodage « " + shown +
                      " » non pris en charge (acceptés : UTF-8, UTF-16, ISO-8859-1) : convertissez le fichier en "
                      "UTF-8";
        error = src.at_offset(static_cast<std::ptrdiff_t>(decl_at), std::move(message));
        return false;
    }
    return true;
}

// Every byte of a file read as UTF-8 valid UTF-8, and ASCII when `ascii`
// (declared US-ASCII). False, with `error` at the first byte that is not.
bool check_utf8_bytes(std::string_view contents, bool ascii, const XmlSource& src, Diagnostic& error) {
    for (std::size_t i = next_non_ascii(contents, 0); i < contents.size(); i = next_non_ascii(contents, i)) {
        std::size_t at = i;
        if (ascii) {
            error =
                src.at_offset(static_cast<std::ptrdiff_t>(at), "encodage incohérent : octet " + hex_byte(contents, at) +
                                                                   " dans un fichier déclaré en US-ASCII");
            return false;
        }
        if (utf8::decode(contents, i) == utf8::kInvalid) {
            error = src.at_offset(static_cast<std::ptrdiff_t>(at),
                                  "encodage invalide : octet " + hex_byte(contents, at) +
                                      " impossible en UTF-8 : convertissez le fichier en UTF-8, ou déclarez son "
                                      "encodage (encoding=\"ISO-8859-1\")");
            return false;
        }
    }
    return true;
}

// pugixml decodes UTF-8, UTF-16/32 (BOM or "<?" pattern) and, when the
// declaration names it, ISO-8859-1; any other declared encoding is read as
// if it were UTF-8, and invalid UTF-8 is copied into the text as it is. So
// the encoding is checked here, against what pugixml actually used, and a
// file whose text would come out wrong is refused instead of being indexed
// with mojibake or invalid UTF-8 (which libxml2 refuses too, so its page
// could not be rendered). UTF-16 and UTF-32 are converted by pugixml and
// taken as they are.
bool check_encoding(std::string_view contents, pugi::xml_encoding used, const XmlSource& src, Diagnostic& error) {
    if (used != pugi::encoding_utf8 && used != pugi::encoding_latin1) return true;
    std::size_t decl_at = 0;
    std::string_view declared = declared_encoding(contents, decl_at);
    const bool latin1_name = iequals(declared, "ISO-8859-1") || iequals(declared, "latin1");
    if (used == pugi::encoding_latin1) return check_latin1(contents, declared, latin1_name, src, error);
    const bool ascii = iequals(declared, "US-ASCII") || iequals(declared, "ASCII");
    return check_utf8_declaration(declared, decl_at, latin1_name, src, error) &&
           check_utf8_bytes(contents, ascii, src, error);
}

}  // namespace

LineCol line_col(std::string_view contents, std::ptrdiff_t offset) {
    if (offset < 0) return {};
    std::size_t end = std::min(static_cast<std::size_t>(offset), contents.size());
    LineCol pos{1, 1};
    for (std::size_t i = 0; i < end; ++i) {
        unsigned char c = static_cast<unsigned char>(contents[i]);
        if (c == '\n') {
            ++pos.line;
            pos.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            // Count characters, not bytes: continuation bytes add nothing.
            ++pos.column;
        }
    }
    return pos;
}

Diagnostic XmlSource::at_offset(std::ptrdiff_t offset, std::string message) const {
    LineCol pos = line_col(contents, offset);
    return Diagnostic{name, pos.line, pos.column, std::move(message)};
}

Diagnostic XmlSource::at(const pugi::xml_node& node, std::string message) const {
    if (!node) return Diagnostic{name, 1, 1, std::move(message)};
    std::ptrdiff_t offset = node.offset_debug();
    // pugixml gives the offset of an element's name; point at its '<' like
    // an editor would. For a doctype it points past "<!DOCTYPE".
    if (node.type() == pugi::node_element && offset > 0) offset -= 1;
    if (node.type() == pugi::node_doctype) {
        std::size_t lt = contents.rfind("<!DOCTYPE", static_cast<std::size_t>(std::max<std::ptrdiff_t>(offset, 0)));
        if (lt != std::string_view::npos) offset = static_cast<std::ptrdiff_t>(lt);
    }
    return at_offset(offset, std::move(message));
}

XmlRead read_xml(std::string_view contents, const std::string& name) {
    XmlRead out;
    XmlSource src{contents, name};
    auto doc = std::make_unique<pugi::xml_document>();
    // parse_doctype keeps the DOCTYPE node so its internal subset can be
    // inspected; pugixml never interprets it either way. parse_escapes
    // (in parse_default) expands only &lt; &gt; &amp; &quot; &apos; and &#...;.
    // parse_ws_pcdata keeps whitespace-only text: between two inline
    // elements it is the space between two words ("<b>a</b> <i>b</i>").
    const unsigned options = pugi::parse_default | pugi::parse_doctype | pugi::parse_ws_pcdata;
    pugi::xml_parse_result result = doc->load_buffer(contents.data(), contents.size(), options);
    if (!result) {
        std::string why = describe(result.status);
        if (result.status == pugi::status_end_element_mismatch) {
            std::string tag = end_tag_name(contents, result.offset);
            if (!tag.empty()) why = "balise fermante </" + tag + "> sans balise ouvrante correspondante";
        }
        out.error = src.at_offset(result.offset, "XML mal formé : " + why);
        return out;
    }
    if (!check_encoding(contents, result.encoding, src, out.error)) return out;
    if (!check_well_formed(*doc, src, out.error)) return out;
    out.doc = std::move(doc);
    return out;
}

std::string_view local_name(const pugi::xml_node& node) {
    std::string_view name = node.name();
    std::size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view namespace_uri(const pugi::xml_node& node) {
    std::string_view name = node.name();
    std::size_t colon = name.find(':');
    std::string prefix(colon == std::string_view::npos ? std::string_view() : name.substr(0, colon));
    if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";
    std::string attr = prefix.empty() ? "xmlns" : "xmlns:" + prefix;
    for (pugi::xml_node n = node; n && n.type() == pugi::node_element; n = n.parent()) {
        pugi::xml_attribute a = n.attribute(attr.c_str());
        if (a) return a.value();
    }
    return {};
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view local) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && local_name(c) == local) return c;
    return {};
}

std::vector<pugi::xml_node> children(const pugi::xml_node& node, std::string_view local) {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && local_name(c) == local) out.push_back(c);
    return out;
}

pugi::xml_node descendant(const pugi::xml_node& node, std::string_view local) {
    pugi::xml_node found;
    walk(
        node,
        [&](const pugi::xml_node& n) {
            if (found || n.type() != pugi::node_element) return false;
            if (local_name(n) == local) {
                found = n;
                return false;
            }
            return true;
        },
        [](const pugi::xml_node&) {});
    return found;
}

pugi::xml_node ancestor(const pugi::xml_node& node, std::string_view local) {
    for (pugi::xml_node n = node.parent(); n && n.type() == pugi::node_element; n = n.parent())
        if (local_name(n) == local) return n;
    return {};
}

void TextBuilder::text(std::string_view piece) {
    for (char c : piece) {
        if (is_space(c)) {
            if (!out_.empty()) pending_space_ = true;
            continue;
        }
        if (pending_space_) {
            out_ += ' ';
            pending_space_ = false;
        }
        out_ += c;
    }
}

void TextBuilder::brk() {
    if (!out_.empty()) pending_space_ = true;
}

std::string normalize_space(std::string_view text) {
    TextBuilder b;
    b.text(text);
    return b.str();
}

bool is_inline_element(std::string_view local) {
    // Inline markup of Akoma Ntoso, TEI and the project vocabulary. A name
    // missing here only costs an extra space; a block element listed here
    // would glue two words together, so the list stays conservative (AKN's
    // underline <u> is left out: in TEI, <u> is an utterance).
    // clang-format off
    static const std::unordered_set<std::string_view> names = {
        // Akoma Ntoso
        "a", "abbr", "affectedDocument", "b", "concept", "date", "def", "del", "docAuthority",
        "docCommittee", "docDate", "docIntroducer", "docJurisdiction", "docNumber", "docProponent",
        "docPurpose", "docStage", "docStatus", "docTitle", "docType", "entity", "event", "fillIn",
        "i", "inline", "ins", "legislature", "location", "mark", "marker", "mref", "noteRef",
        "object", "organization", "person", "placeholder", "quantity", "ref", "relatedDocument",
        "role", "rref", "session", "shortTitle", "span", "sub", "sup", "term", "time",
        // TEI (anchor is a timing milestone that may fall inside a word)
        "anchor", "emph", "expan", "foreign", "hi", "name", "orgName", "persName", "placeName",
        "rs", "unclear", "add", "choice", "sic", "corr", "orig", "reg",
        // project vocabulary (<p> content)
        "em", "strong", "cite", "q", "code",
    };
    // clang-format on
    return names.count(local) != 0;
}

void append_text(const pugi::xml_node& node, TextBuilder& out, const SkipElement& skip) {
    walk(
        node,
        [&](const pugi::xml_node& n) {
            switch (n.type()) {
                case pugi::node_pcdata:
                case pugi::node_cdata:
                    out.text(n.value());
                    return false;
                case pugi::node_element:
                    if (skip && skip(n)) {
                        out.brk();
                        return false;
                    }
                    if (!is_inline_element(local_name(n))) out.brk();
                    return true;
                default:
                    return false;
            }
        },
        [&](const pugi::xml_node& n) {
            if (n.type() == pugi::node_element && !is_inline_element(local_name(n))) out.brk();
        });
}

std::string text_of(const pugi::xml_node& node, const SkipElement& skip) {
    TextBuilder b;
    append_text(node, b, skip);
    return b.str();
}

std::size_t entity_doctype(std::string_view contents) {
    std::size_t doctype = contents.find("<!DOCTYPE");
    if (doctype == std::string_view::npos) return doctype;
    return contents.find("<!ENTITY", doctype) == std::string_view::npos ? std::string_view::npos : doctype;
}

}  // namespace coopdec
