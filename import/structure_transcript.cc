// @brief Transcripts (entretien): speaker turns "LABEL : text".
//
// The label rules (structure.h) let through header lines that look like
// turns (« Date : 16 mars 2021 », « Lieu : mairie »): the words of such
// lines are refused as labels (table below). A label seen only once in a
// transcript of several turns is reported: « Remarque : » in the middle of
// an answer would otherwise pass for a speaker.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "import/model.h"
#include "import/structure.h"
#include "import/structure_flow.h"

namespace coopdec::import {

namespace {

using namespace flow;

// Header words of a transcript, never a speaker (compared lowercased; both
// spellings where typed text often drops the accent).
constexpr std::string_view kNotSpeakers[] = {
    "date",           // Date : 16 mars 2021
    "lieu",           // Lieu : mairie de Tône 1
    "durée",          // Durée : 52 min
    "duree",          // Duree : (typed without accent)
    "heure",          // Heure : 10 h
    "objet",          // Objet : ...
    "sujet",          // Sujet : ...
    "thème",          // Thème : ...
    "theme",          // Theme : (typed without accent)
    "thèmes",         // Thèmes : ...
    "participants",   // Participants : ...
    "présents",       // Présents : ...
    "source",         // Source : ...
    "transcription",  // Transcription : ...
    "note",           // Note : ...
    "nb",             // NB : ...
    "n.b.",           // N.B. : ...
    "remarque",       // Remarque : ...
    "référence",      // Référence : ...
    "titre",          // Titre : ...
    "fichier",        // Fichier : ...
    "langue",         // Langue : ...
    "commune",        // Commune : ...
};

std::string lower(std::string_view s) {
    // Enough for the table above: ASCII and Latin-1 capitals.
    std::string out;
    for (std::size_t pos = 0; pos < s.size();) {
        char32_t c = utf8::decode(s, pos);
        if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) c += 0x20;
        if (c != utf8::kInvalid) utf8::append(out, c);
    }
    return out;
}

// Whether `label` reads like a speaker: at most 40 characters and 5 words, a
// capital first, letters, digits, spaces, apostrophes and hyphens, and "."
// only after a word of at most 3 letters (initials, « Mme », « Dr »).
bool is_label(std::string_view label) {
    if (label.empty() || length(label) > 40 || words(label).size() > 5 || !is_upper(first_char(label))) return false;
    for (std::string_view no : kNotSpeakers)
        if (lower(label) == no) return false;
    std::size_t word_letters = 0;
    for (std::size_t pos = 0; pos < label.size();) {
        char32_t c = utf8::decode(label, pos);
        if (is_letter(c)) {
            ++word_letters;
        } else if (c == '.') {
            if (word_letters == 0 || word_letters > 3) return false;
            word_letters = 0;
        } else if (c == ' ' || c == '-' || c == '\'' || c == 0x2019) {
            word_letters = 0;
        } else if (!is_digit(c)) {
            return false;
        }
    }
    return true;
}

std::optional<Heading> find_turn(const At& at) {
    const Layout::Line& line = at.lines[at.i];
    std::string_view s = line.text;
    std::size_t colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 160) return std::nullopt;
    if (colon + 1 < s.size() && s[colon + 1] != ' ') return std::nullopt;  // "10:30", "http://"
    std::string_view label = trim(s.substr(0, colon));
    if (!is_label(label)) return std::nullopt;
    Heading h;
    h.title = std::string(label);
    h.rest = std::string(trim(s.substr(colon + 1)));
    h.line = line.line;
    return h;
}

}  // namespace

Transcript recognise_transcript(std::string_view text, const StructureOptions& options) {
    Flow read = flow::read(text, options, find_turn, "la réplique");
    Transcript out;
    out.messages = std::move(read.messages);
    for (Item& item : read.items) {
        if (item.is_heading)
            out.turns.push_back(Turn{item.heading.title, item.heading.line, {}});
        else
            (out.turns.empty() ? out.before : out.turns.back().blocks).push_back(std::move(item.block));
    }
    if (out.turns.empty())
        throw ImportError(
            "aucun tour de parole reconnu : chaque réplique doit commencer par « Q : », « R : » ou le nom de "
            "l’intervenant suivi de « : » (« Mme K. A. : »)");
    std::map<std::string, std::vector<int>> lines_of;
    for (Turn& t : out.turns) {
        defer_uncalled_notes(t.blocks);
        lines_of[t.speaker].push_back(t.line);
        bool said = false;
        for (const Block& b : t.blocks) said = said || b.kind == Block::Kind::paragraph;
        if (!said)
            out.messages.push_back("ligne " + std::to_string(t.line) + " : réplique vide de « " + t.speaker + " »");
    }
    defer_uncalled_notes(out.before);
    if (out.turns.size() > 3)
        for (const auto& [speaker, lines] : lines_of)
            if (lines.size() == 1)
                out.messages.push_back("ligne " + std::to_string(lines[0]) + " : « " + speaker +
                                       " » ne parle qu’une fois : est-ce bien un intervenant ?");
    return out;
}

}  // namespace coopdec::import
