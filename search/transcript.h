// @brief A transcript read back as its turns (one per utterance unit), for
// reading it by speaker or role and for the turns around a search hit.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "search/search.h"

namespace coopdec {

// Every turn of transcript `doc_id`, in document order, from the units the
// index stores (kind "enonce": only utterances where a word is spoken; their
// anchors are those of the page, see indexer/extract_tei.cc). Empty when the
// index holds no such document or it is not a transcript. Turn::who is the
// participant id stored with the unit, else (an index made before it was
// stored) the speaker's name. `db` is used by this thread only for the call.
std::vector<Turn> load_turns(const Xapian::Database& db, const std::string& doc_id);

// One participant who speaks in a transcript, as listed on its pages.
struct Speaker {
    std::string who;   // Turn::who: the value of ?locuteur=
    std::string name;  // as shown ("N. B."); "" when the transcript names nobody
    std::string role;  // facet value ("point-focal"), may be empty
    size_t turns = 0;
};

// The speakers of `turns`, in order of first appearance, each with the
// number of its turns. Turns with no `who` are counted under who = "".
std::vector<Speaker> speakers_of(const std::vector<Turn>& turns);

// The roles of `turns`, in order of first appearance, each with its number
// of turns; turns without a role are left out.
std::vector<std::pair<std::string, size_t>> roles_of(const std::vector<Turn>& turns);

// Which turns to show: those of speaker `who` when it is not empty, and of
// role `role` when it is not empty (both: both must hold). Returns their
// positions in `turns`, in order; empty when none matches.
std::vector<size_t> select_turns(const std::vector<Turn>& turns, std::string_view who, std::string_view role);

// Short excerpts of a neighbouring turn's text, cut at a word boundary and
// never inside a UTF-8 character: the start of `text` (at most `max_chars`
// characters, "…" appended when cut), or its end ("…" prepended when cut).
// A turn that comes before a hit is best read by its end, one that comes
// after by its start.
std::string excerpt_start(std::string_view text, size_t max_chars);
std::string excerpt_end(std::string_view text, size_t max_chars);

// The turns just before and after unit `anchor` of document `doc_id`, when
// that unit is a transcript's utterance; both empty otherwise (an unknown
// unit, another kind, or the first or last turn for the missing side).
struct TurnContext {
    std::optional<Turn> before, after;
};
TurnContext turn_context(const Xapian::Database& db, const std::string& doc_id, const std::string& anchor);

// Sets Passage::before and ::after on every passage of `result` that is an
// utterance (kind "enonce"): two small reads per such passage. A neighbour
// that is itself one of the document's passages is left out. For the HTML
// pages; the JSON answer does not carry them.
void add_turn_context(const Xapian::Database& db, SearchResult& result);

}  // namespace coopdec
