// @brief Reading a transcript by speaker or role (/doc/ID?locuteur=…,
// ?role=…, &contexte=1), the list of its speakers on its page, and the
// turns shown around an utterance in search results.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "search/document.h"
#include "search/search.h"
#include "search/snippet.h"
#include "server/http.h"

namespace coopdec {

// What a reading by speaker asks for, from /doc/ID's parameters.
struct TranscriptReading {
    std::string who;       // ?locuteur=: a participant id (search/transcript.h, Turn::who); "" = any
    std::string role;      // ?role=: a role facet value ("point-focal"); "" = any
    bool context = false;  // ?contexte=1: each turn with the turns around it
};

// Longest accepted value of locuteur and role, in bytes.
inline constexpr size_t kMaxReadingValue = 200;

// The reading `params` ask for, or nothing when they name none of locuteur,
// role, contexte (the whole transcript is shown). Throws SearchError (a
// French message, answered 400) for a repeated or empty parameter, a value
// over kMaxReadingValue bytes or holding a control character, a contexte
// other than 1, or contexte alone.
std::optional<TranscriptReading> parse_reading(const http::Params& params);

namespace pages {

// The page of transcript `doc` reduced to the turns `reading` selects (each
// with its anchor and a link to that moment of the whole transcript, which
// carries `query`, highlighted here with `highlight`), its speakers and
// roles as links, the context of each turn on demand. `turns` are all the
// transcript's turns (load_turns). Throws SearchError when `doc` is not a
// transcript, handlers::NotFound when no turn matches (an unknown speaker
// or role, or a speaker who never has that role).
std::string transcript_page(const DocumentView& doc, const std::vector<Turn>& turns, const TranscriptReading& reading,
                            const Highlight& highlight, const std::string& query);

// The « Lire par intervenant » block of a transcript's own page: each
// speaker (name, role, number of turns) and each role as links. "" when
// `turns` is empty.
std::string speakers_nav(const std::string& doc_id, const std::vector<Turn>& turns,
                         const TranscriptReading* current = nullptr);

// `rendered` (a transcript's HTML made by tei.xsl) with `block` put just
// before its transcript (<div class="transcript">); at its end when there
// is no such element.
std::string insert_before_transcript(const std::string& rendered, const std::string& block);

// The turns around a search passage, as two lines of secondary text (name
// and a short excerpt) to put before and after the passage; "" for a side
// with no turn, both "" for a passage that is not an utterance.
std::string turn_before_html(const Passage& p);
std::string turn_after_html(const Passage& p);

}  // namespace pages
}  // namespace coopdec
