// @brief The reading engine of structure recognition: pages, footnotes,
// paragraphs, note calls; the recognisers of each document type are in
// structure_study.cc, structure_legal.cc and structure_transcript.cc.
//
// Rules, and why:
// - Footnotes. PDF text puts a page's footnotes after its body: a run of
//   lines "N text" at the foot of the page, numbered consecutively. A note's
//   text may wrap: up to 3 lines that do not start "N text" continue it (the
//   rule of the brief allowed none; real notes wrap). At least one body line
//   must stand above the run, so that a page made only of "1 Contexte",
//   "2 Méthode" (a table of contents) stays body.
// - Paragraphs of wrapped text. PDF extraction puts blank lines between
//   wrapped lines, so blank lines mean nothing. A paragraph ends after a line
//   ending like a sentence (. : ! ? … ») when the next line starts with a
//   capital or is a heading; also before a heading and at the end. A page
//   break does NOT end a paragraph (the brief said it should): paragraphs run
//   across pages in every PDF, and at a page break that ends a sentence the
//   rule above already splits. Lines are joined with a space; a line ending
//   in letter + "-" before a lowercase line is joined without one, the hyphen
//   kept: justified French text breaks lines at the hyphen of compound words
//   (« savoir-/faire »), and removing it would make « savoirfaire ».
// - Note calls are only the words the user confirmed. The glued number is
//   the shortest run of final digits that names a free footnote of the
//   call's page (« 2019-0061 » → note 1 when the page has a note 1), else of
//   a later page, else of an earlier one.
#include "import/structure.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <regex>

#include "common/utf8.h"
#include "import/model.h"
#include "import/structure_flow.h"

namespace coopdec::import {

namespace {

using flow::first_char;
using flow::is_digit;

// A source line as read: text not yet trimmed.
struct RawLine {
    std::string text;
    int line = 1;
    int page = 1;
};

// Lines and pages; the characters lay_out() drops or turns into spaces.
std::vector<RawLine> split_lines(std::string_view text) {
    std::vector<RawLine> out;
    RawLine cur;
    for (std::size_t pos = 0; pos < text.size();) {
        char32_t c = utf8::decode(text, pos);
        if (c == '\n') {
            int line = cur.line, page = cur.page;
            out.push_back(std::move(cur));
            cur = RawLine{{}, line + 1, page};
            continue;
        }
        if (c == '\f') {
            // pdftotext puts the form feed at the start of the next page's first line.
            int line = cur.line, page = cur.page;
            out.push_back(std::move(cur));
            cur = RawLine{{}, line, page + 1};
            continue;
        }
        if (c == '\t' || c == 0xA0 || c == 0x202F || c == 0x2007) c = ' ';
        if (c == utf8::kInvalid || c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xAD || c == 0xFEFF || c == 0xFFFE ||
            c == 0xFFFF)
            continue;
        utf8::append(cur.text, c);
    }
    out.push_back(std::move(cur));
    return out;
}

std::string collapse(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        out += c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// "______", "-----", "———": the rule above footnotes, or decoration.
bool is_rule(std::string_view s) {
    if (flow::length(s) < 3) return false;
    for (std::size_t pos = 0; pos < s.size();) {
        char32_t c = utf8::decode(s, pos);
        if (c != '_' && c != '-' && c != '=' && c != '*' && c != 0x2013 && c != 0x2014 && c != 0x2015 && c != 0x2500)
            return false;
    }
    return true;
}

// "12", "- 12 -", "Page 12", "page 12 sur 40", "12/40".
bool is_page_number(const std::string& s) {
    if (s.size() > 24) return false;
    static const std::regex kPageNumber(
        R"((\d{1,4})|((-|–|—) ?\d{1,4} ?(-|–|—))|([Pp]age \d{1,4}( ?(/|sur) ?\d{1,4})?)|(\d{1,4} ?/ ?\d{1,4}))");
    return std::regex_match(s, kPageNumber);
}

// "12 Voir la loi" → (12, "Voir la loi"): a footnote's first line.
std::optional<std::pair<int, std::string_view>> numbered_note(std::string_view s) {
    std::size_t digits = 0;
    while (digits < s.size() && is_digit(static_cast<unsigned char>(s[digits]))) ++digits;
    if (digits == 0 || digits > 3 || digits + 1 >= s.size() || s[digits] != ' ') return std::nullopt;
    int n = std::stoi(std::string(s.substr(0, digits)));
    if (n == 0) return std::nullopt;
    return std::make_pair(n, s.substr(digits + 1));
}

// Appends a wrapped line to a paragraph (rules in the file comment).
void join(std::string& text, std::string_view line) {
    if (!text.empty()) {
        bool cut = text.size() >= 2 && text.back() == '-' &&
                   flow::is_letter(flow::last_char(text.substr(0, text.size() - 1))) &&
                   flow::is_lower(first_char(line));
        if (!cut) text += ' ';
    }
    text += line;
}

// Takes the footnote run off the end of one page's lines (rules in the file comment).
std::vector<Footnote> take_footnotes(std::vector<Layout::Line>& page) {
    std::vector<Footnote> found;     // from the bottom up
    std::vector<std::size_t> below;  // lines under the last note found: its continuation
    std::size_t run_start = page.size();
    int expected = 0;
    for (std::size_t i = page.size(); i-- > 1;) {
        auto note = numbered_note(page[i].text);
        if (note && (expected == 0 || note->first == expected - 1)) {
            Footnote f{note->first, std::string(note->second), page[i].line, page[i].page};
            for (auto it = below.rbegin(); it != below.rend(); ++it) join(f.text, page[*it].text);
            found.push_back(std::move(f));
            expected = note->first;
            run_start = i;
            below.clear();
        } else if (!note && below.size() < 3) {
            below.push_back(i);
        } else {
            break;
        }
    }
    page.resize(run_start);
    std::reverse(found.begin(), found.end());
    return found;
}

}  // namespace

Layout lay_out(std::string_view text) {
    std::vector<RawLine> raw = split_lines(text);
    Layout out;
    int pages = raw.empty() ? 1 : raw.back().page;
    std::vector<std::vector<Layout::Line>> by_page(pages);
    for (RawLine& r : raw) {
        std::string clean = collapse(r.text);
        if (clean.empty() || is_rule(clean)) continue;
        by_page[r.page - 1].push_back(Layout::Line{std::move(clean), r.line, r.page});
    }
    int page_numbers = 0;
    for (std::vector<Layout::Line>& page : by_page) {
        // Page numbers only where there are pages: a lone number in a one-page text may be content.
        if (pages > 1) {
            if (!page.empty() && is_page_number(page.back().text)) page.pop_back(), ++page_numbers;
            if (!page.empty() && is_page_number(page.front().text)) page.erase(page.begin()), ++page_numbers;
        }
        std::vector<Footnote> notes = take_footnotes(page);
        out.footnotes.insert(out.footnotes.end(), notes.begin(), notes.end());
        out.lines.insert(out.lines.end(), page.begin(), page.end());
    }
    if (page_numbers > 0)
        out.messages.push_back(flow::count(page_numbers, "numéro de page retiré", "numéros de page retirés") +
                               " (ligne seule en haut ou en bas de page)");
    return out;
}

namespace flow {

namespace {

// A paragraph being read: where each of its lines starts, for note calls.
struct Para {
    std::size_t first = 0;  // index of its first line in Layout::lines
    struct Start {
        std::size_t offset;
        int line, page;
    };
    std::vector<Start> starts;

    const Start& at(std::size_t offset) const {
        std::size_t k = 0;
        while (k + 1 < starts.size() && starts[k + 1].offset <= offset) ++k;
        return starts[k];
    }
};

bool word_char(char32_t c) { return is_letter(c) || is_digit(c); }

// Offsets of `word` in `text` as a whole word.
std::vector<std::size_t> find_word(const std::string& text, const std::string& word) {
    std::vector<std::size_t> out;
    for (std::size_t pos = text.find(word); pos != std::string::npos; pos = text.find(word, pos + 1)) {
        bool before = pos == 0 || !word_char(last_char(std::string_view(text).substr(0, pos)));
        bool after = !word_char(first_char(std::string_view(text).substr(pos + word.size())));
        if (before && after) out.push_back(pos);
    }
    return out;
}

// The final digits of a confirmed call, as candidate note numbers, shortest first.
std::vector<int> call_numbers(const std::string& word) {
    std::size_t digits = 0;
    while (digits < word.size() && is_digit(static_cast<unsigned char>(word[word.size() - 1 - digits]))) ++digits;
    std::vector<int> out;
    for (std::size_t k = 1; k <= digits && k <= 3 && k < word.size(); ++k) {
        std::string suffix = word.substr(word.size() - k);
        if (suffix[0] != '0') out.push_back(std::stoi(suffix));
    }
    return out;
}

std::string numbers_text(const std::vector<int>& numbers) {
    std::string out;
    for (std::size_t i = 0; i < numbers.size(); ++i)
        out += (i == 0 ? "" : i + 1 == numbers.size() ? " ou " : ", ") + std::to_string(numbers[i]);
    return out;
}

// The footnote a call names (rules in the file comment), or throws.
std::size_t resolve_call(const std::string& word, const Para::Start& where, const std::vector<Footnote>& notes,
                         const std::vector<bool>& claimed, std::vector<std::string>& messages) {
    std::vector<int> numbers = call_numbers(word);
    // Tier 0: the call's page; 1: a later page; 2: an earlier one.
    auto tier = [&](const Footnote& f) { return f.page == where.page ? 0 : f.page > where.page ? 1 : 2; };
    std::size_t best = notes.size();
    std::vector<int> possible;
    for (std::size_t k = 0; k < notes.size(); ++k) {
        if (claimed[k] || std::find(numbers.begin(), numbers.end(), notes[k].number) == numbers.end()) continue;
        if (best == notes.size() || tier(notes[k]) < tier(notes[best])) {
            best = k;
            possible = {notes[k].number};
        } else if (tier(notes[k]) == tier(notes[best])) {
            if (std::find(possible.begin(), possible.end(), notes[k].number) == possible.end())
                possible.push_back(notes[k].number);
            auto rank = [&](const Footnote& f) { return std::make_pair(f.number, std::abs(f.page - where.page)); };
            if (rank(notes[k]) < rank(notes[best])) best = k;
        }
    }
    if (best == notes.size())
        throw ImportError("appel de note « " + word + " » (ligne " + std::to_string(where.line) +
                          ") : aucune note de bas de page numérotée " + numbers_text(numbers) + " n’est disponible");
    if (possible.size() > 1) {
        std::sort(possible.begin(), possible.end());
        messages.push_back("appel de note « " + word + " » (ligne " + std::to_string(where.line) +
                           ") : notes possibles " + numbers_text(possible) + ", note " +
                           std::to_string(notes[best].number) + " retenue (à vérifier)");
    }
    return best;
}

// Pass 1's result: headings and paragraphs in order; `paras` runs parallel
// to `items` (an empty Para for a heading).
struct FlowItems {
    std::vector<Item> items;
    std::vector<Para> paras;
};

// Pass 1: the lines read into headings (`find`) and paragraphs, a paragraph
// ending at a line that ends a sentence before a capital or a heading (or at
// every line, `by_line`).
FlowItems read_flow_items(const std::vector<Layout::Line>& lines, const HeadingFinder& find, bool by_line) {
    FlowItems out;
    std::string text_now;
    Para para;
    bool open = false;
    auto flush = [&] {
        if (open && !text_now.empty()) {
            Item item;
            item.block = Block{Block::Kind::paragraph, text_now, para.starts.front().line, 0, false};
            out.items.push_back(std::move(item));
            out.paras.push_back(para);
        }
        open = false;
        text_now.clear();
        para = Para{};
    };
    auto append = [&](std::string_view piece, std::size_t i) {
        if (!open) para.first = i;
        open = true;
        std::size_t before = text_now.size();
        join(text_now, piece);
        std::size_t offset = before == 0 ? 0 : text_now.size() - piece.size();
        para.starts.push_back(Para::Start{offset, lines[i].line, lines[i].page});
    };
    auto ends_after = [&](std::size_t i) {
        if (by_line || i + 1 >= lines.size()) return true;
        if (!ends_sentence(lines[i].text)) return false;
        return is_upper(first_char(lines[i + 1].text)) || find(At{lines, i + 1, true, by_line}).has_value();
    };
    for (std::size_t i = 0; i < lines.size();) {
        if (std::optional<Heading> h = find(At{lines, i, !open, by_line})) {
            flush();
            Item item;
            item.is_heading = true;
            item.heading = *h;
            out.items.push_back(std::move(item));
            out.paras.emplace_back();
            std::size_t last = i + std::max(h->lines, 1) - 1;
            if (!h->rest.empty()) {
                append(h->rest, i);
                if (ends_after(last)) flush();
            }
            i = last + 1;
            continue;
        }
        append(lines[i].text, i);
        if (ends_after(i)) flush();
        ++i;
    }
    flush();
    return out;
}

// The words given as note calls, each once; throws for a word that does not
// end with a note number.
std::vector<std::string> note_call_words(const std::vector<std::string>& given) {
    std::vector<std::string> calls;
    for (const std::string& word : given) {
        if (word.empty() || std::find(calls.begin(), calls.end(), word) != calls.end()) continue;
        if (call_numbers(word).empty())
            throw ImportError("appel de note « " + word + " » : le mot ne se termine pas par un numéro de note");
        calls.push_back(word);
    }
    return calls;
}

// Pass 2: confirmed note calls, detached from their word. Marks each note
// a call takes in `claimed` and returns, per item, the notes called in it;
// throws for a call found nowhere in the text.
std::vector<std::vector<std::size_t>> detach_note_calls(FlowItems& flow, const std::vector<std::string>& calls,
                                                        const std::vector<Footnote>& notes, std::vector<bool>& claimed,
                                                        std::vector<std::string>& messages) {
    std::vector<std::vector<std::size_t>> called_after(flow.items.size());
    std::vector<bool> found(calls.size(), false);
    for (std::size_t k = 0; k < flow.items.size(); ++k) {
        if (flow.items[k].is_heading) continue;
        std::string& body = flow.items[k].block.text;
        std::vector<std::pair<std::size_t, std::size_t>> hits;  // (offset, call)
        for (std::size_t c = 0; c < calls.size(); ++c)
            for (std::size_t pos : find_word(body, calls[c])) hits.emplace_back(pos, c);
        if (hits.empty()) continue;
        std::sort(hits.begin(), hits.end());
        std::string rebuilt;
        std::size_t from = 0;
        for (auto [pos, c] : hits) {
            if (pos < from) continue;  // inside a longer call already taken
            const std::string& word = calls[c];
            const Para::Start& where = flow.paras[k].at(pos);
            std::size_t note = resolve_call(word, where, notes, claimed, messages);
            claimed[note] = true;
            found[c] = true;
            called_after[k].push_back(note);
            std::string bare = word.substr(0, word.size() - std::to_string(notes[note].number).size());
            rebuilt += body.substr(from, pos - from) + bare;
            from = pos + word.size();
            messages.push_back("appel de note « " + word + " » (ligne " + std::to_string(where.line) + ") : « " + bare +
                               " » + note " + std::to_string(notes[note].number));
        }
        body = rebuilt + body.substr(from);
    }
    for (std::size_t c = 0; c < calls.size(); ++c)
        if (!found[c]) throw ImportError("appel de note « " + calls[c] + " » introuvable dans le texte");
    return called_after;
}

// Where pass 3 puts the notes no call took: before every item, or after an item.
struct UncalledNotes {
    std::vector<std::size_t> first;
    std::vector<std::vector<std::size_t>> after;
    std::vector<std::size_t> all;
};

// Pass 3: the other footnotes go after the paragraph where their page ends.
UncalledNotes place_uncalled_notes(const FlowItems& flow, const std::vector<Layout::Line>& lines,
                                   const std::vector<Footnote>& notes, const std::vector<bool>& claimed) {
    std::map<int, std::size_t> last_line_of_page;
    for (std::size_t i = 0; i < lines.size(); ++i) last_line_of_page[lines[i].page] = i;
    UncalledNotes out;
    out.after.resize(flow.items.size());
    for (std::size_t n = 0; n < notes.size(); ++n) {
        if (claimed[n]) continue;
        auto last = last_line_of_page.find(notes[n].page);
        std::size_t end = last != last_line_of_page.end() ? last->second : lines.size();
        std::size_t target = flow.items.size();
        for (std::size_t k = 0; k < flow.items.size(); ++k)
            if (!flow.items[k].is_heading && flow.paras[k].first <= end) target = k;
        (target == flow.items.size() ? out.first : out.after[target]).push_back(n);
        out.all.push_back(n);
    }
    return out;
}

// One message per uncalled note, or one for all when there are many (a
// whole book's notes); `unit` names where each is placed (« l’article »).
void say_uncalled_notes(const std::vector<std::size_t>& uncalled, const std::vector<Footnote>& notes,
                        std::string_view unit, std::vector<std::string>& messages) {
    if (uncalled.size() <= 5) {
        for (std::size_t n : uncalled)
            messages.push_back("note " + std::to_string(notes[n].number) + " (ligne " + std::to_string(notes[n].line) +
                               ") : aucun appel confirmé, placée à la fin de " + std::string(unit) +
                               " où elle apparaît");
    } else {
        messages.push_back(std::to_string(uncalled.size()) + " notes sans appel confirmé (la première : note " +
                           std::to_string(notes[uncalled[0]].number) + ", ligne " +
                           std::to_string(notes[uncalled[0]].line) + "), placées chacune à la fin de " +
                           std::string(unit) + " où elle apparaît");
    }
}

}  // namespace

Flow read(std::string_view text, const StructureOptions& options, const HeadingFinder& find, std::string_view unit) {
    Layout layout = lay_out(text);
    const std::vector<Layout::Line>& lines = layout.lines;
    Flow out;
    out.messages = layout.messages;

    FlowItems flow = read_flow_items(lines, find, options.lines_are_paragraphs);
    const std::vector<Footnote>& notes = layout.footnotes;
    std::vector<bool> claimed(notes.size(), false);
    std::vector<std::vector<std::size_t>> called_after =
        detach_note_calls(flow, note_call_words(options.note_calls), notes, claimed, out.messages);
    UncalledNotes uncalled = place_uncalled_notes(flow, lines, notes, claimed);
    say_uncalled_notes(uncalled.all, notes, unit, out.messages);

    auto note_item = [&](std::size_t n, bool called) {
        Item item;
        item.block = Block{Block::Kind::note, notes[n].text, notes[n].line, notes[n].number, called};
        return item;
    };
    for (std::size_t n : uncalled.first) out.items.push_back(note_item(n, false));
    for (std::size_t k = 0; k < flow.items.size(); ++k) {
        out.items.push_back(std::move(flow.items[k]));
        for (std::size_t n : called_after[k]) out.items.push_back(note_item(n, true));
        for (std::size_t n : uncalled.after[k]) out.items.push_back(note_item(n, false));
    }
    return out;
}

}  // namespace flow

namespace {

// `w` without the quotes, brackets and punctuation around it.
std::string_view bare_word(std::string_view w) {
    auto kept = [](char32_t c) { return flow::is_letter(c) || is_digit(c); };
    while (!w.empty()) {
        std::size_t pos = 0;
        if (kept(utf8::decode(w, pos))) break;
        w.remove_prefix(pos);
    }
    while (!w.empty() && !kept(flow::last_char(w))) {
        std::size_t start = w.size() - 1;
        while (start > 0 && (static_cast<unsigned char>(w[start]) & 0xC0) == 0x80) --start;
        w = w.substr(0, start);
    }
    return w;
}

}  // namespace

std::vector<Block> paragraphs(std::string_view text, const StructureOptions& options) {
    flow::Flow read = flow::read(
        text, options, [](const flow::At&) { return std::optional<flow::Heading>(); }, "la partie");
    std::vector<Block> out;
    for (flow::Item& item : read.items) out.push_back(std::move(item.block));
    flow::defer_uncalled_notes(out);
    return out;
}

std::vector<NoteCallCandidate> suggest_note_calls(std::string_view text) {
    Layout layout = lay_out(text);
    std::vector<NoteCallCandidate> out;
    for (const Layout::Line& line : layout.lines) {
        for (std::string_view w : flow::words(line.text)) {
            w = bare_word(w);
            if (w.empty() || !is_digit(static_cast<unsigned char>(w.back()))) continue;
            bool glued = false;  // a letter or a hyphen before the final digits: not a plain number
            for (std::size_t pos = 0; pos < w.size();) {
                char32_t c = utf8::decode(w, pos);
                if (flow::is_letter(c) || c == '-') glued = true;
            }
            if (!glued) continue;
            for (int n : flow::call_numbers(std::string(w))) {
                auto note = std::find_if(layout.footnotes.begin(), layout.footnotes.end(),
                                         [&](const Footnote& f) { return f.page == line.page && f.number == n; });
                if (note == layout.footnotes.end()) continue;
                out.push_back(NoteCallCandidate{std::string(w), n, line.line});
                break;
            }
        }
    }
    return out;
}

}  // namespace coopdec::import
