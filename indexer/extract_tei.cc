// @brief TEI P5 transcript → Record: header metadata, participants, and one
// unit ("enonce") per utterance with its speaker resolved; for every version
// of teiCorpo's output (annotationBloc or annotationBlock, ids on @id or
// @xml:id, u holding text or seg elements).
//
// Text of an utterance:
//   - note elements are left out: they are the transcriber's, not the
//     speaker's words (teiCorpo puts timing and comments there);
//   - spanGrp elements (annotation tiers: a translation, a phonetic
//     transcription, a copy of the utterance) are left out too: they go to
//     Record::annotations, whose words count once for the document, never
//     as said words (inside u or beside it in the block);
//   - incident, vocal and kinesic are shown as "[description]" (their desc,
//     else their @type), so a reader sees "[rires]" in a snippet;
//   - pause is shown as "…", gap as "[…]";
//   - an utterance with no spoken word (empty, or only incidents and
//     pauses) gives no unit.
// Text of <text> outside utterances and tiers (headings, paragraphs, notes
// other than teiCorpo's start/end timing) is Record::loose_text.
// Block: the nearest annotationBlock, else annotationBloc (older teiCorpo).
// Speaker: u/@who, else the block's @who, a leading '#' removed; resolved to
// a participant's name, else kept as is.
// Participant id: person/@xml:id, else person/@id, else altGrp/alt/@type
// (teiCorpo).
// Anchor: the first non-empty of u/@xml:id, u/@id, the block's @xml:id,
// the block's @id; else (or when already taken) "u_N", N being the u's
// position among all u of the text, 1-based.
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "indexer/extract.h"
#include "indexer/extract_formats.h"

namespace coopdec {

namespace {

// All descendant elements of `node` named `local`, in document order.
std::vector<pugi::xml_node> all_named(const pugi::xml_node& node, std::string_view local) {
    std::vector<pugi::xml_node> out;
    walk(
        node,
        [&](const pugi::xml_node& n) {
            if (!is_element(n)) return false;
            if (local_name(n) == local) out.push_back(n);
            return true;
        },
        [](const pugi::xml_node&) {});
    return out;
}

// A pointer such as "#spk1" or "#spk1 #spk2": the first id, without '#'.
std::string first_pointer(std::string_view who) {
    std::string first = normalize_space(who);
    first = first.substr(0, first.find(' '));
    if (!first.empty() && first[0] == '#') first.erase(0, 1);
    return first;
}

// A date from @when, else the element's text.
std::string date_of(const pugi::xml_node& date) {
    std::string when = normalize_date(date.attribute("when").value());
    return when.empty() ? normalize_date(text_of(date)) : when;
}

void read_participants(const pugi::xml_node& profile, Record& rec) {
    Distinct communes(rec.communes);
    for (const pugi::xml_node& person : all_named(child(profile, "particDesc"), "person")) {
        Record::Participant p;
        p.id = person.attribute("xml:id").value();
        if (p.id.empty()) p.id = person.attribute("id").value();
        // teiCorpo files identify a speaker by altGrp/alt/@type instead.
        if (p.id.empty()) p.id = child(child(person, "altGrp"), "alt").attribute("type").value();
        p.name = text_of(child(person, "persName"));
        if (p.name.empty()) p.name = p.id;
        p.role = normalize_space(person.attribute("role").value());
        p.commune = normalize_space(child(person, "affiliation").attribute("key").value());
        communes.add(p.commune);
        rec.participants.push_back(std::move(p));
    }
}

void read_profile(const pugi::xml_node& profile, Record& rec) {
    read_participants(profile, rec);
    Distinct communes(rec.communes);
    for (const pugi::xml_node& setting : all_named(child(profile, "settingDesc"), "setting")) {
        if (rec.date.empty()) rec.date = date_of(child(setting, "date"));
        for (const pugi::xml_node& place : children(setting, "placeName")) {
            if (rec.place.empty()) rec.place = text_of(place);
            communes.add(normalize_space(place.attribute("key").value()));
        }
    }
    if (rec.date.empty()) rec.date = date_of(child(child(profile, "creation"), "date"));

    Distinct partnerships(rec.partnerships), themes(rec.themes);
    for (const pugi::xml_node& keywords : all_named(child(profile, "textClass"), "keywords")) {
        std::string_view scheme = keywords.attribute("scheme").value();
        for (const pugi::xml_node& term : children(keywords, "term")) {
            if (scheme == "coopdec:partenariat") partnerships.add(normalize_space(term.attribute("key").value()));
            if (scheme == "coopdec:theme") themes.add(text_of(term));
        }
    }
}

// The text of one utterance (rules in the file comment). `spoken` tells
// whether any word was said, as opposed to incidents and pauses only.
std::string utterance_text(const pugi::xml_node& u, bool& spoken) {
    TextBuilder out;
    spoken = false;
    walk(
        u,
        [&](const pugi::xml_node& n) {
            if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
                std::string words = normalize_space(n.value());
                if (!words.empty()) spoken = true;
                out.text(n.value());
                return false;
            }
            if (!is_element(n)) return false;
            std::string_view local = local_name(n);
            if (local == "note" || local == "spanGrp") return false;
            if (local == "incident" || local == "vocal" || local == "kinesic") {
                std::string what = text_of(child(n, "desc"));
                if (what.empty()) what = normalize_space(n.attribute("type").value());
                out.brk();
                if (!what.empty()) out.text("[" + what + "]");
                return false;
            }
            if (local == "pause" || local == "gap") {
                out.brk();
                out.text(local == "pause" ? "…" : "[…]");
                return false;
            }
            if (!is_inline_element(local)) out.brk();
            return true;
        },
        [&](const pugi::xml_node& n) {
            if (is_element(n) && !is_inline_element(local_name(n))) out.brk();
        });
    return out.str();
}

// teiCorpo's utterance block, in its current and older spellings.
bool is_block(std::string_view local) { return local == "annotationBlock" || local == "annotationBloc"; }

pugi::xml_node block_of(const pugi::xml_node& u) {
    for (pugi::xml_node a = u.parent(); a; a = a.parent())
        if (is_element(a) && is_block(local_name(a))) return a;
    return {};
}

// @xml:id, else @id (older teiCorpo).
std::string_view id_of(const pugi::xml_node& n) {
    std::string_view id = n.attribute("xml:id").value();
    return id.empty() ? std::string_view(n.attribute("id").value()) : id;
}

// An annotation tier's text: every element boundary a space, as its spans
// are separate words.
std::string tier_text(const pugi::xml_node& span_grp) {
    TextBuilder tier;
    walk(
        span_grp,
        [&](const pugi::xml_node& t) {
            if (t.type() == pugi::node_pcdata || t.type() == pugi::node_cdata) tier.text(t.value());
            tier.brk();
            return is_element(t);
        },
        [&](const pugi::xml_node&) { tier.brk(); });
    return tier.str();
}

// What a reader sees of <text> besides utterances: the annotation tiers (one
// string per outermost spanGrp) and the rest (headings, paragraphs, notes),
// timing left out.
void read_outside_utterances(const pugi::xml_node& text, Record& rec) {
    rec.loose_text = text_of(text, [&](const pugi::xml_node& n) {
        std::string_view local = local_name(n);
        if (local == "spanGrp") {
            if (std::string tier = tier_text(n); !tier.empty()) rec.annotations.push_back(std::move(tier));
            return true;
        }
        std::string_view type = n.attribute("type").value();
        return local == "u" || local == "timeline" || (local == "note" && (type == "start" || type == "end"));
    });
}

}  // namespace

Extraction extract_tei(const pugi::xml_node& root, const XmlSource& src) {
    Extraction out;
    Record& rec = out.record;
    rec.type = schema::kTypeInterview;
    rec.format = "tei";
    rec.id = slug(root.attribute("xml:id").value());
    if (rec.id.empty()) rec.id = id_from_name(src.name);

    pugi::xml_node header = child(root, "teiHeader");
    pugi::xml_node file_desc = child(header, "fileDesc");
    pugi::xml_node text = child(root, "text");
    // Converters nest titleStmt oddly (teiCorpo puts publicationStmt inside
    // it): take the first non-empty title anywhere under it.
    for (const pugi::xml_node& title : all_named(child(file_desc, "titleStmt"), "title")) {
        rec.title = text_of(title);
        if (!rec.title.empty()) break;
    }
    if (rec.title.empty()) rec.title = rec.id;

    rec.lang = normalize_lang(root.attribute("xml:lang").value());
    if (rec.lang.empty()) rec.lang = normalize_lang(text.attribute("xml:lang").value());

    for (const pugi::xml_node& note : all_named(child(file_desc, "notesStmt"), "note")) {
        if (std::string_view(note.attribute("type").value()) == "demonstration") {
            rec.demo = true;
            rec.demo_notice = text_of(note);
        }
    }

    read_profile(child(header, "profileDesc"), rec);
    if (rec.date.empty()) rec.date = date_of(child(child(file_desc, "publicationStmt"), "date"));

    std::unordered_map<std::string, const Record::Participant*> by_id;
    for (const Record::Participant& p : rec.participants) by_id.emplace(p.id, &p);

    std::unordered_set<std::string> anchors;
    int position = 0;
    for (const pugi::xml_node& u : all_named(text, "u")) {
        ++position;  // counts every u, so generated anchors do not move when text changes
        bool spoken = false;
        Unit unit;
        unit.kind = schema::kKindUtterance;
        unit.text = utterance_text(u, spoken);
        if (!spoken) continue;

        pugi::xml_node block = block_of(u);
        unit.anchor = id_of(u);
        if (unit.anchor.empty()) unit.anchor = id_of(block);
        if (unit.anchor.empty() || anchors.count(unit.anchor)) {
            // "u_N", or "u_N_2", "u_N_3"… when an earlier utterance already
            // holds "u_N" as its own id (MUST CHANGE TOGETHER with tei.xsl).
            const std::string base = "u_" + std::to_string(position);
            unit.anchor = base;
            for (int i = 2; anchors.count(unit.anchor); ++i) unit.anchor = base + "_" + std::to_string(i);
        }
        anchors.insert(unit.anchor);

        std::string who = first_pointer(u.attribute("who").value());
        if (who.empty()) who = first_pointer(block.attribute("who").value());
        auto found = by_id.find(who);
        unit.speaker_id = who;
        unit.speaker = found != by_id.end() ? found->second->name : who;
        unit.role = found != by_id.end() ? found->second->role : "";
        unit.label = unit.speaker.empty() ? "Intervenant inconnu" : unit.speaker;
        if (!unit.role.empty()) unit.label += " (" + unit.role + ")";
        rec.units.push_back(std::move(unit));
    }
    read_outside_utterances(text, rec);
    out.ok = true;
    return out;
}

}  // namespace coopdec
