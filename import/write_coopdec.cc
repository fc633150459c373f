// @brief Writers of the project's own formats (urn:x-coopdec:corpus:1):
// <etude> (corpus/schema/etude.rng) and <convention> (convention.rng).
//
// Element order follows the schemas, which fix it. An imported document is
// real: demo="non", hence no <avertissement>.
#include <string>

#include "common/schema.h"
#include "import/write_formats.h"

namespace coopdec::import::write {

namespace {

pugi::xml_node start(Document& doc, const Metadata& meta) {
    pugi::xml_node root = doc.root();
    root.append_attribute("id") = meta.id.c_str();
    root.append_attribute("xml:lang") = "fr";
    root.append_attribute("demo") = "non";
    add_text(root, "titre", meta.title);
    return root;
}

void add_partnerships(pugi::xml_node root, const Metadata& meta) {
    if (meta.partnerships.empty()) return;
    pugi::xml_node list = root.append_child("partenariats");
    for (const std::string& id : meta.partnerships)
        list.append_child("partenariat").append_attribute("ref") = id.c_str();
}

void add_themes(pugi::xml_node root, const Metadata& meta) {
    if (meta.themes.empty()) return;
    pugi::xml_node list = root.append_child("themes");
    for (const std::string& theme : meta.themes) add_text(list, "theme", theme);
}

void add_sources(pugi::xml_node root, const Metadata& meta) {
    if (meta.source.empty()) return;
    add_text(root.append_child("sources"), "source", meta.source);
}

// ---- etude ----

struct StudyWriter {
    Ids ids;
    Counts counts;
    std::size_t sections = 0;
    std::vector<std::string> messages;

    // "sec_1_1" for "1.1", "sec_ii" for "II", "sec_introduction" for an unnumbered "Introduction".
    std::string id_of(const StudySection& s) {
        std::string wanted = underscore_slug(s.num.empty() ? s.title : s.num);
        return ids.take(wanted.empty() ? "sec_" + std::to_string(sections) : "sec_" + wanted, s.line, messages);
    }

    void section(pugi::xml_node parent, const StudySection& s) {
        ++sections;
        pugi::xml_node e = parent.append_child("section");
        e.append_attribute("id") = id_of(s).c_str();
        if (!s.num.empty()) e.append_attribute("num") = s.num.c_str();
        add_text(e, "titre", s.title);
        for (const Block& b : s.blocks) {
            if (b.kind == Block::Kind::paragraph) {
                add_text(e, "p", b.text);
            } else {
                pugi::xml_node note = add_text(e, "note", b.text);
                note.append_attribute("n") = std::to_string(b.note).c_str();
            }
        }
        counts.add(s.blocks);
        for (const StudySection& child : s.sections) section(e, child);
    }
};

// ---- convention ----

// "4bis" → "4 bis": the number of an article as num="Article N" shows it.
std::string shown_number(const std::string& number) {
    std::size_t digits = 0;
    while (digits < number.size() && number[digits] >= '0' && number[digits] <= '9') ++digits;
    if (digits == 0 || digits == number.size() || number[digits] == '-') return number;
    return number.substr(0, digits) + " " + number.substr(digits);
}

// The format has no footnote: a note becomes a paragraph that says it is one.
void add_blocks(pugi::xml_node parent, const std::vector<Block>& blocks) {
    for (const Block& b : blocks)
        add_text(parent, "p", b.kind == Block::Kind::note ? "Note " + std::to_string(b.note) + " : " + b.text : b.text);
}

}  // namespace

BuiltDocument write_etude(const Metadata& meta, const Study& study, const BuildOptions& options) {
    require(!meta.authors.empty(), "étude", "auteur");
    require(!meta.source.empty(), "étude", "source");
    Document doc(options.header_comment, "etude", schema::kCoopdecNamespace);
    pugi::xml_node root = start(doc, meta);
    for (const std::string& author : meta.authors) add_text(root, "auteur", author);
    if (!meta.date.empty()) add_text(root, "date", meta.date);
    add_partnerships(root, meta);
    add_themes(root, meta);
    if (!meta.communes.empty()) {
        pugi::xml_node list = root.append_child("communes");
        for (const std::string& id : meta.communes) list.append_child("commune").append_attribute("ref") = id.c_str();
    }
    add_sources(root, meta);

    StudyWriter w;
    for (const StudySection& s : study.sections) w.section(root, s);
    BuiltDocument out{doc.str(), {}};
    out.messages.push_back(std::to_string(w.sections) + (w.sections > 1 ? " sections, " : " section, ") +
                           w.counts.str());
    out.messages.insert(out.messages.end(), w.messages.begin(), w.messages.end());
    return out;
}

BuiltDocument write_convention(const Metadata& meta, const Agreement& agreement, const BuildOptions& options) {
    require(!meta.partnerships.empty(), "convention", "partenariat");
    require(!meta.date.empty(), "convention", "date");
    Document doc(options.header_comment, "convention", schema::kCoopdecNamespace);
    pugi::xml_node root = start(doc, meta);
    add_partnerships(root, meta);
    add_text(root, "date", meta.date);
    if (!meta.place.empty()) add_text(root, "lieu", meta.place);
    add_themes(root, meta);
    add_sources(root, meta);

    std::vector<std::string> messages;
    Counts counts;
    if (!agreement.preamble.empty()) add_blocks(root.append_child("preambule"), agreement.preamble);
    counts.add(agreement.preamble);
    Ids ids;
    bool notes = false;
    for (const Division& a : agreement.articles) {
        std::string num = "Article " + shown_number(a.number);
        std::string title = a.heading;
        std::vector<Block> blocks = a.blocks;
        if (blocks.empty()) {
            // « Article 9 : Abrogé » read as a heading with no text: the heading is the text.
            if (title.empty())
                throw ImportError("« " + a.num + " » (ligne " + std::to_string(a.line) +
                                  ") n’a pas de texte : une clause de convention doit en avoir un");
            blocks.push_back(Block{Block::Kind::paragraph, title, a.line, 0, false});
            messages.push_back("ligne " + std::to_string(a.line) + " : « " + a.num + " » sans texte, « " + title +
                               " » pris comme texte de la clause");
            title.clear();
        }
        if (title.empty()) {
            title = num;
            messages.push_back("ligne " + std::to_string(a.line) + " : « " + a.num + " » sans titre, titré « " + num +
                               " »");
        }
        pugi::xml_node clause = root.append_child("clause");
        clause.append_attribute("id") = ids.take("art_" + underscore_slug(a.number), a.line, messages).c_str();
        clause.append_attribute("num") = num.c_str();
        add_text(clause, "titre", title);
        add_blocks(clause, blocks);
        counts.add(blocks);
        for (const Block& b : blocks) notes = notes || b.kind == Block::Kind::note;
    }
    if (notes)
        messages.push_back("les notes sont écrites comme paragraphes « Note N : … » (une convention n’a pas de notes)");
    BuiltDocument out{doc.str(), {}};
    out.messages.push_back(std::to_string(agreement.articles.size()) +
                           (agreement.articles.size() > 1 ? " articles, " : " article, ") + counts.str() +
                           (agreement.preamble.empty() ? "" : " (préambule compris)"));
    out.messages.insert(out.messages.end(), messages.begin(), messages.end());
    return out;
}

}  // namespace coopdec::import::write
