// @brief build_document(): recognise the structure of the type, then write
// it; and the XML helpers the writers of write_*.cc share.
#include "import/write_document.h"

#include <sstream>
#include <vector>

#include "common/analysis.h"
#include "common/utf8.h"
#include "import/structure.h"
#include "import/write_formats.h"
#include "indexer/extract.h"

namespace coopdec::import {

namespace write {

namespace {

// What XML 1.0 can carry: invalid UTF-8 bytes, control characters other
// than tab and line breaks, U+FFFE and U+FFFF are dropped (pugixml would
// write a control character as "&#1;", which no parser accepts).
std::string xml_text(std::string_view text) {
    std::string out;
    for (std::size_t pos = 0; pos < text.size();) {
        char32_t c = utf8::decode(text, pos);
        if (c == utf8::kInvalid || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF)
            continue;
        utf8::append(out, c);
    }
    return out;
}

// The metadata with every text made safe for XML.
Metadata xml_safe(Metadata m) {
    for (std::string* s : {&m.id, &m.title, &m.date, &m.place, &m.law_number, &m.source}) *s = xml_text(*s);
    for (std::vector<std::string>* list : {&m.communes, &m.partnerships, &m.themes, &m.authors})
        for (std::string& s : *list) s = xml_text(s);
    return m;
}

// A comment may not hold "--" nor end with "-" (XML 1.0, production 15).
std::string comment_text(std::string_view text) {
    std::string body = xml_text(text);
    for (std::size_t pos = body.find("--"); pos != std::string::npos; pos = body.find("--", pos))
        body.replace(pos, 2, "- -");
    // One line per line of the comment, indented like the corpus files.
    std::string out = "\n";
    std::size_t start = 0;
    while (start <= body.size()) {
        std::size_t end = body.find('\n', start);
        if (end == std::string::npos) end = body.size();
        std::string line = body.substr(start, end - start);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
        out += line.empty() ? "\n" : "  " + line + "\n";
        start = end + 1;
    }
    return out;
}

}  // namespace

Document::Document(const std::string& header_comment, const char* root, const char* xmlns) {
    pugi::xml_node decl = doc_.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    if (!header_comment.empty()) doc_.append_child(pugi::node_comment).set_value(comment_text(header_comment).c_str());
    root_ = doc_.append_child(root);
    root_.append_attribute("xmlns") = xmlns;
}

std::string Document::str() const {
    std::ostringstream out;
    doc_.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    std::string xml = out.str();
    if (xml.empty() || xml.back() != '\n') xml += '\n';
    return xml;
}

pugi::xml_node add_text(pugi::xml_node parent, const char* name, const std::string& text) {
    pugi::xml_node n = parent.append_child(name);
    n.text().set(text.c_str());
    return n;
}

std::string Ids::take(const std::string& wanted, int line, std::vector<std::string>& messages) {
    std::string id = wanted;
    for (int k = 2; !taken_.insert(id).second; ++k) id = wanted + "_" + std::to_string(k);
    if (id != wanted)
        messages.push_back("ligne " + std::to_string(line) + " : identifiant « " + wanted + " » déjà pris, « " + id +
                           " » utilisé");
    return id;
}

std::string underscore_slug(std::string_view text) {
    std::string out = slug(analysis::fold(text));
    for (char& c : out)
        if (c == '-') c = '_';
    return out;
}

void Counts::add(const std::vector<Block>& blocks) {
    for (const Block& b : blocks) ++(b.kind == Block::Kind::note ? notes : paragraphs);
}

std::string Counts::str() const {
    std::string out = std::to_string(paragraphs) + (paragraphs > 1 ? " paragraphes" : " paragraphe");
    if (notes > 0) out += ", " + std::to_string(notes) + (notes > 1 ? " notes" : " note");
    return out;
}

void require(bool present, const char* type, const char* field) {
    if (!present) throw ImportError(std::string(type) + " : " + field + " manquant");
}

}  // namespace write

namespace {

// One type's document: the recognised structure written, then the
// recogniser's doubts after the writer's summary.
template <class Structure>
BuiltDocument written(Structure structure,
                      BuiltDocument (*write)(const Metadata&, const Structure&, const BuildOptions&),
                      const Metadata& meta, const BuildOptions& options) {
    std::vector<std::string> doubts = std::move(structure.messages);
    BuiltDocument out = write(meta, structure, options);
    out.messages.insert(out.messages.end(), doubts.begin(), doubts.end());
    return out;
}

}  // namespace

BuiltDocument build_document(const Metadata& given, std::string_view text, const BuildOptions& options) {
    const Metadata meta = write::xml_safe(given);
    StructureOptions structure{options.lines_are_paragraphs, options.note_calls};
    switch (meta.type) {
        case DocType::etude:
            return written(recognise_study(text, meta.title, structure), write::write_etude, meta, options);
        case DocType::convention:
            return written(recognise_agreement(text, structure), write::write_convention, meta, options);
        case DocType::loi:
            return written(recognise_law(text, structure), write::write_loi, meta, options);
        case DocType::entretien:
            return written(recognise_transcript(text, structure), write::write_entretien, meta, options);
    }
    return {};
}

}  // namespace coopdec::import
