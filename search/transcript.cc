// @brief Transcript turns read back from the utterance units of the index.
//
// Why units and not the document's HTML rendering: each unit
// already holds what a reading by speaker needs (anchor, participant id,
// name, role, text) as plain fields, with anchors made by the same rule as
// the rendering's (extract_tei.cc and tei.xsl change together, and
// tests/render_test.cc checks every anchor). Filtering the rendering would
// mean parsing HTML and relying on its classes and data-* attributes,
// which the stylesheet is free to change; building from the units cannot
// drift from what search results link to.
#include "search/transcript.h"

#include <algorithm>

#include "common/schema.h"

namespace coopdec {
namespace {

namespace sc = schema;

Turn turn_of(const Xapian::Document& unit) {
    sc::Data u = sc::decode_data(unit.get_data());
    return Turn{u[sc::kFieldAnchor], u[sc::kFieldWho], u[sc::kFieldSpeaker], u[sc::kFieldRole], u[sc::kFieldText]};
}

// Utterance units of `doc_id` (no document unit: its kind is kKindDoc).
Xapian::Query utterances(const std::string& doc_id) {
    return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(std::string(sc::kPrefixDoc) + doc_id),
                         Xapian::Query(sc::kind_term(sc::kKindUtterance)));
}

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Byte offset of the `n`-th character of `text` (its size when shorter).
size_t byte_of_char(std::string_view text, size_t n) {
    size_t chars = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (is_continuation(static_cast<unsigned char>(text[i]))) continue;
        if (chars++ == n) return i;
    }
    return text.size();
}

size_t char_count(std::string_view text) {
    return static_cast<size_t>(std::count_if(text.begin(), text.end(),
                                             [](char c) { return !is_continuation(static_cast<unsigned char>(c)); }));
}

}  // namespace

std::vector<Turn> load_turns(const Xapian::Database& db, const std::string& doc_id) {
    std::vector<Turn> out;
    Xapian::Enquire e(db);
    e.set_query(utterances(doc_id));
    e.set_weighting_scheme(Xapian::BoolWeight());
    e.set_sort_by_value(sc::kSlotOrder, false);
    Xapian::MSet m = e.get_mset(0, db.get_doccount());
    for (auto it = m.begin(); it != m.end(); ++it) out.push_back(turn_of(it.get_document()));
    return out;
}

std::vector<Speaker> speakers_of(const std::vector<Turn>& turns) {
    std::vector<Speaker> out;
    for (const Turn& t : turns) {
        auto it = std::find_if(out.begin(), out.end(), [&](const Speaker& s) { return s.who == t.who; });
        if (it == out.end()) it = out.insert(out.end(), Speaker{t.who, t.speaker, t.role, 0});
        ++it->turns;
    }
    return out;
}

std::vector<std::pair<std::string, size_t>> roles_of(const std::vector<Turn>& turns) {
    std::vector<std::pair<std::string, size_t>> out;
    for (const Turn& t : turns) {
        if (t.role.empty()) continue;
        auto it = std::find_if(out.begin(), out.end(), [&](const auto& r) { return r.first == t.role; });
        if (it == out.end()) it = out.insert(out.end(), {t.role, 0});
        ++it->second;
    }
    return out;
}

std::vector<size_t> select_turns(const std::vector<Turn>& turns, std::string_view who, std::string_view role) {
    std::vector<size_t> out;
    for (size_t i = 0; i < turns.size(); ++i)
        if ((who.empty() || turns[i].who == who) && (role.empty() || turns[i].role == role)) out.push_back(i);
    return out;
}

std::string excerpt_start(std::string_view text, size_t max_chars) {
    if (char_count(text) <= max_chars) return std::string(text);
    size_t cut = byte_of_char(text, max_chars);
    // Back to the last space, so that no word is cut; a single long word is
    // cut at a character boundary all the same.
    size_t space = text.rfind(' ', cut);
    if (space != std::string_view::npos && space > 0) cut = space;
    std::string_view kept = text.substr(0, cut);
    while (!kept.empty() && (kept.back() == ' ' || kept.back() == ',')) kept.remove_suffix(1);
    return std::string(kept) + "…";
}

std::string excerpt_end(std::string_view text, size_t max_chars) {
    size_t chars = char_count(text);
    if (chars <= max_chars) return std::string(text);
    size_t cut = byte_of_char(text, chars - max_chars);
    size_t space = text.find(' ', cut);
    if (space != std::string_view::npos && space + 1 < text.size()) cut = space + 1;
    std::string_view kept = text.substr(cut);
    while (!kept.empty() && kept.front() == ' ') kept.remove_prefix(1);
    return "…" + std::string(kept);
}

TurnContext turn_context(const Xapian::Database& db, const std::string& doc_id, const std::string& anchor) {
    TurnContext out;
    if (anchor.empty()) return out;
    const std::string id = sc::id_term(doc_id, anchor);
    Xapian::PostingIterator p = db.postlist_begin(id);
    if (p == db.postlist_end(id)) return out;
    Xapian::Document unit = db.get_document(*p);
    if (unit.get_value(sc::kSlotKind) != sc::kKindUtterance) return out;
    // Units are numbered in document order (kSlotOrder): the neighbours are
    // the utterances numbered one less and one more, read in one query.
    const double order = Xapian::sortable_unserialise(unit.get_value(sc::kSlotOrder));
    Xapian::Query range(Xapian::Query::OP_VALUE_RANGE, sc::kSlotOrder, Xapian::sortable_serialise(order - 1),
                        Xapian::sortable_serialise(order + 1));
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, utterances(doc_id), range));
    e.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet m = e.get_mset(0, 3);
    for (auto it = m.begin(); it != m.end(); ++it) {
        Xapian::Document d = it.get_document();
        double o = Xapian::sortable_unserialise(d.get_value(sc::kSlotOrder));
        if (o < order) out.before = turn_of(d);
        if (o > order) out.after = turn_of(d);
    }
    return out;
}

void add_turn_context(const Xapian::Database& db, SearchResult& result) {
    for (ResultDocument& d : result.results) {
        // A neighbour that is itself a passage of the document is shown as
        // one already: not twice.
        auto shown = [&](const std::optional<Turn>& t) {
            return t && std::any_of(d.passages.begin(), d.passages.end(),
                                    [&](const Passage& p) { return p.anchor == t->anchor; });
        };
        for (Passage& p : d.passages) {
            if (p.kind != sc::kKindUtterance) continue;
            TurnContext c = turn_context(db, d.id, p.anchor);
            if (!shown(c.before)) p.before = std::move(c.before);
            if (!shown(c.after)) p.after = std::move(c.after);
        }
    }
}

}  // namespace coopdec
