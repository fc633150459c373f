// @brief Passage titles: document title, place and date, then the passage.
#include "server/passage_title.h"

#include "server/page_parts.h"

namespace coopdec::pages {
namespace {

// An interview's place names the building then the town (« Mairie de Kloto
// 1, Kpalimé »): a title says the town.
std::string town(const std::string& place) {
    size_t comma = place.rfind(',');
    if (comma == std::string::npos) return place;
    size_t start = place.find_first_not_of(' ', comma + 1);
    return start == std::string::npos ? place : place.substr(start);
}

// A role label starts a sentence in lists (« Agent technique ») but follows
// a name in a title (« J. M., agent technique »). Labels are French: an
// ASCII capital or É/È/À at most.
std::string lower_first_french(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') {
        s[0] = static_cast<char>(s[0] - 'A' + 'a');
    } else if (s.size() >= 2 && s[0] == '\xC3' && (s[1] == '\x89' || s[1] == '\x88' || s[1] == '\x80')) {
        s[1] = static_cast<char>(s[1] + 0x20);  // É → é, È → è, À → à (U+00C0.. → U+00E0..)
    }
    return s;
}

bool starts_with(const std::string& s, const std::string& head) { return s.compare(0, head.size(), head) == 0; }

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

std::string place_and_date(const DossierPassage& p) {
    std::string out = town(p.place);
    if (!p.date.empty()) out += (out.empty() ? "" : ", ") + french_date(p.date);
    return out;
}

std::string passage_title(const DossierPassage& p) {
    if (!p.missing.empty()) return "Passage introuvable « " + p.label + " » : " + p.missing;
    const std::string where_when = place_and_date(p);
    const bool whole = p.entry.anchor.empty();
    if (!whole && !p.speaker.empty()) {
        // An interview: what was said, where and when, by whom.
        std::string out = "Entretien";
        if (p.place.find(',') != std::string::npos)
            out += " à " + where_when;
        else if (!where_when.empty())
            out += ", " + where_when;
        out += " — " + p.speaker;
        if (!p.role.empty()) out += ", " + lower_first_french(value_label("role", p.role));
        return out;
    }
    if (!whole && !p.citation.empty()) return p.citation;
    std::string out = p.doc_title.empty() ? p.entry.doc_id : p.doc_title;
    if (!where_when.empty()) out += " (" + where_when + ")";
    if (whole) return out;
    // The unit: its number (path) and its heading (label) when they differ.
    // (« Article 3 – Engagements… » already holds its number.)
    std::string unit = p.label;
    if (!p.path.empty() && !starts_with(p.label, p.path))
        unit = p.label.empty() || ends_with(p.path, p.label) ? p.path : p.path + " : " + p.label;
    return out + " — " + (unit.empty() ? p.entry.anchor : unit);
}

}  // namespace coopdec::pages
