// @brief Writer of legal texts: Akoma Ntoso 3.0, like corpus/lois/*.xml.
//
// Identification: the work /akn/tg/act/loi/DATE/NUMBER, its French
// expression ("fra@", the text as adopted) and an XML manifestation, each
// authored by a TLC of meta/references (check.sh resolves every "#eId" of
// meta). eIds follow the AKN naming convention: title_1, title_1__chp_2,
// chp_1__sec_1; articles are art_N whatever contains them (numbers unique
// in the act, and the form the corpus and its links use). The text was
// imported, not summarised: no cd:demonstration marker; meta.source goes in
// meta/proprietary as <cd:source>, which the indexer ignores.
#include <string>

#include "import/write_formats.h"

namespace coopdec::import::write {

namespace {

constexpr const char* kAknNs = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
constexpr const char* kCoopdecNamespace = "urn:x-coopdec:corpus:1";

// A law number as it can stand in a URI: "2019-006", "98-006".
bool valid_number(const std::string& n) {
    if (n.empty()) return false;
    for (char c : n)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.'))
            return false;
    return true;
}

// YYYY-MM-DD (an xsd:date, as FRBRdate requires).
bool full_date(const std::string& d) {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (d[i] < '0' || d[i] > '9') return false;
    int month = std::stoi(d.substr(5, 2)), day = std::stoi(d.substr(8, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

void frbr(pugi::xml_node parent, const char* name, const char* attr, const std::string& value) {
    parent.append_child(name).append_attribute(attr) = value.c_str();
}

void identification(pugi::xml_node meta, const Metadata& m, const std::string& made_on) {
    const std::string work = "/akn/tg/act/loi/" + m.date + "/" + m.law_number;
    pugi::xml_node ident = meta.append_child("identification");
    ident.append_attribute("source") = "#coopdec";
    pugi::xml_node w = ident.append_child("FRBRWork");
    frbr(w, "FRBRthis", "value", work + "/!main");
    frbr(w, "FRBRuri", "value", work);
    pugi::xml_node date = w.append_child("FRBRdate");
    date.append_attribute("date") = m.date.c_str();
    date.append_attribute("name") = "loi";
    frbr(w, "FRBRauthor", "href", "#assemblee-nationale");
    frbr(w, "FRBRcountry", "value", "tg");
    frbr(w, "FRBRnumber", "value", m.law_number);
    frbr(w, "FRBRname", "value", "loi");

    pugi::xml_node e = ident.append_child("FRBRExpression");
    frbr(e, "FRBRthis", "value", work + "/fra@/!main");
    frbr(e, "FRBRuri", "value", work + "/fra@");
    date = e.append_child("FRBRdate");
    date.append_attribute("date") = m.date.c_str();
    date.append_attribute("name") = "loi";
    frbr(e, "FRBRauthor", "href", "#coopdec");
    frbr(e, "FRBRlanguage", "language", "fra");

    pugi::xml_node f = ident.append_child("FRBRManifestation");
    frbr(f, "FRBRthis", "value", work + "/fra@/!main.xml");
    frbr(f, "FRBRuri", "value", work + "/fra@.akn");
    date = f.append_child("FRBRdate");
    date.append_attribute("date") = made_on.c_str();
    date.append_attribute("name") = "transformation";
    frbr(f, "FRBRauthor", "href", "#coopdec");
}

void references(pugi::xml_node meta) {
    pugi::xml_node refs = meta.append_child("references");
    refs.append_attribute("source") = "#coopdec";
    // The TLCs named by identification: the corpus project, and the author of the law.
    const char* const kTlcs[][3] = {
        {"coopdec", "/ontology/organization/coopdec", "Projet coopdec"},
        {"assemblee-nationale", "/ontology/organization/tg/assembleeNationale", "Assemblée nationale du Togo"},
    };
    for (const auto& tlc : kTlcs) {
        pugi::xml_node org = refs.append_child("TLCOrganization");
        org.append_attribute("eId") = tlc[0];
        org.append_attribute("href") = tlc[1];
        org.append_attribute("showAs") = tlc[2];
    }
}

struct BodyWriter {
    Ids ids;
    Counts counts;
    std::size_t articles = 0, containers = 0;
    std::vector<std::string> messages;

    // Paragraphs; a note goes into the paragraph before it as an authorialNote.
    void blocks(pugi::xml_node parent, const std::vector<Block>& list) {
        pugi::xml_node last_p;
        for (const Block& b : list) {
            if (b.kind == Block::Kind::paragraph) {
                last_p = add_text(parent, "p", b.text);
                continue;
            }
            if (!last_p) last_p = parent.append_child("p");
            pugi::xml_node note = last_p.append_child("authorialNote");
            note.append_attribute("marker") = std::to_string(b.note).c_str();
            note.append_attribute("placement") = "bottom";
            add_text(note, "p", b.text);
        }
        counts.add(list);
    }

    std::string eid(const Division& d, const std::string& parent_eid, std::size_t ordinal) {
        static const char* const kPrefix[] = {"title", "chp", "sec", "art"};
        std::string number = underscore_slug(d.number);
        if (number.empty()) number = std::to_string(ordinal);
        std::string own = std::string(kPrefix[static_cast<int>(d.kind)]) + "_" + number;
        bool nested = d.kind != Division::Kind::article && !parent_eid.empty();
        return ids.take(nested ? parent_eid + "__" + own : own, d.line, messages);
    }

    void division(pugi::xml_node parent, const Division& d, const std::string& parent_eid, std::size_t ordinal) {
        static const char* const kElement[] = {"title", "chapter", "section", "article"};
        bool article = d.kind == Division::Kind::article;
        pugi::xml_node e = parent.append_child(kElement[static_cast<int>(d.kind)]);
        std::string id = eid(d, parent_eid, ordinal);
        e.append_attribute("eId") = id.c_str();
        add_text(e, "num", d.num);
        std::string heading = d.heading;
        std::vector<Block> text = d.blocks;
        if (article && text.empty() && !heading.empty()) {
            // « Article 9 (abrogé) »: the heading is all the text there is.
            text.push_back(Block{Block::Kind::paragraph, heading, d.line, 0, false});
            heading.clear();
        }
        if (!heading.empty()) add_text(e, "heading", heading);
        if (article) {
            ++articles;
            if (text.empty())
                messages.push_back("ligne " + std::to_string(d.line) + " : « " + d.num + " » n’a pas de texte");
            pugi::xml_node content = e.append_child("content");
            blocks(content, text);
            if (!content.first_child()) content.append_child("p");
            return;
        }
        ++containers;
        if (d.children.empty()) {
            // A title or chapter with no article is valid AKN (num and heading only).
            if (text.empty())
                messages.push_back("ligne " + std::to_string(d.line) + " : « " + d.num + " » sans article ni texte");
            else
                blocks(e.append_child("content"), text);
            return;
        }
        if (!text.empty()) blocks(e.append_child("intro"), text);
        for (std::size_t k = 0; k < d.children.size(); ++k) division(e, d.children[k], id, k + 1);
    }
};

}  // namespace

BuiltDocument write_loi(const Metadata& meta, const Law& law, const BuildOptions& options) {
    require(!meta.law_number.empty(), "loi", "numéro de la loi");
    require(!meta.date.empty(), "loi", "date");
    if (!valid_number(meta.law_number))
        throw ImportError("loi : numéro « " + meta.law_number + " » invalide (chiffres, lettres, « - » : 2019-006)");
    if (!full_date(meta.date)) throw ImportError("loi : date « " + meta.date + " » invalide (attendu AAAA-MM-JJ)");
    std::string made_on = options.made_on.empty() ? meta.date : options.made_on;
    if (!full_date(made_on)) throw ImportError("loi : date de fabrication « " + made_on + " » invalide (AAAA-MM-JJ)");

    Document doc(options.header_comment, "akomaNtoso", kAknNs);
    pugi::xml_node act = doc.root().append_child("act");
    act.append_attribute("name") = "loi";
    pugi::xml_node meta_node = act.append_child("meta");
    identification(meta_node, meta, made_on);
    if (!meta.themes.empty()) {
        // The indexer reads classification keywords as themes.
        pugi::xml_node c = meta_node.append_child("classification");
        c.append_attribute("source") = "#coopdec";
        for (const std::string& theme : meta.themes) {
            pugi::xml_node k = c.append_child("keyword");
            k.append_attribute("value") = theme.c_str();
            k.append_attribute("showAs") = theme.c_str();
            k.append_attribute("dictionary") = "#coopdec";
        }
    }
    references(meta_node);
    if (!meta.source.empty()) {
        pugi::xml_node p = meta_node.append_child("proprietary");
        p.append_attribute("source") = "#coopdec";
        pugi::xml_node s = add_text(p, "cd:source", meta.source);
        s.append_attribute("xmlns:cd") = kCoopdecNamespace;
    }
    pugi::xml_node long_title = act.append_child("preface").append_child("longTitle");
    long_title.append_attribute("eId") = "longTitle_1";
    add_text(long_title, "p", meta.title);

    BodyWriter w;
    if (!law.preamble.empty()) w.blocks(act.append_child("preamble"), law.preamble);
    pugi::xml_node body = act.append_child("body");
    for (std::size_t k = 0; k < law.body.size(); ++k) w.division(body, law.body[k], "", k + 1);

    BuiltDocument out{doc.str(), {}};
    std::string summary = std::to_string(w.articles) + (w.articles > 1 ? " articles" : " article");
    if (w.containers > 0)
        summary += " dans " + std::to_string(w.containers) + (w.containers > 1 ? " divisions" : " division") +
                   " (titres, chapitres, sections)";
    out.messages.push_back(summary + ", " + w.counts.str() + (law.preamble.empty() ? "" : " (préambule compris)"));
    out.messages.insert(out.messages.end(), w.messages.begin(), w.messages.end());
    return out;
}

}  // namespace coopdec::import::write
