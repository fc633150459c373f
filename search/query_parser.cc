// @brief The query parser.
//
// The query is cut into items at white space outside quotes. Runs of plain
// items are analysed together with analysis::tokenize, so that "n° 2019-006"
// and "art. 46" read the same in a query as in a document. OR binds tighter
// than the implicit AND between items (as in web search engines).
#include "search/query_parser.h"

#include "common/analysis.h"
#include "common/schema.h"
#include "search/synonyms.h"

namespace coopdec {
namespace {

namespace sc = schema;

struct Item {
    std::string text;
    bool quoted = false;
    bool negated = false;
    bool required = false;  // +word
    bool prefix = false;    // ends with *
    std::string field;      // facet name, when field:value
    bool is_or = false;     // the OR operator
};

// French and accent-free spellings of the field names.
std::string facet_for_field(std::string_view field) {
    std::string f = analysis::fold(field);
    static const std::map<std::string, std::string> aliases{
        {"pays", "country"}, {"partenariat", "partnership"}, {"annee", "year"},
        {"langue", "lang"},  {"prefecture", "prefecture"},   {"theme", "theme"},
        {"role", "role"},    {"region", "region"},           {"commune", "commune"},
        {"type", "type"},
    };
    if (auto it = aliases.find(f); it != aliases.end()) return it->second;
    if (sc::find_facet(f)) return f;
    return {};
}

std::vector<Item> lex(std::string_view s) {
    std::vector<Item> items;
    size_t i = 0, n = s.size();
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (i < n) {
        while (i < n && space(s[i])) ++i;
        if (i >= n) break;
        Item it;
        if (s[i] == '-' && i + 1 < n && !space(s[i + 1])) {
            it.negated = true;
            ++i;
        } else if (s[i] == '+' && i + 1 < n && !space(s[i + 1])) {
            it.required = true;
            ++i;
        }
        // field:value or field:"value"
        size_t j = i;
        while (j < n && !space(s[j]) && s[j] != ':' && s[j] != '"') ++j;
        if (j < n && s[j] == ':' && j > i && j + 1 < n && !space(s[j + 1])) {
            std::string facet = facet_for_field(s.substr(i, j - i));
            if (!facet.empty()) {
                it.field = facet;
                i = j + 1;
            }
        }
        if (i < n && s[i] == '"') {
            size_t close = s.find('"', i + 1);
            size_t end = close == std::string_view::npos ? n : close;
            it.text = std::string(s.substr(i + 1, end - i - 1));
            it.quoted = true;
            i = close == std::string_view::npos ? n : close + 1;
        } else {
            size_t start = i;
            while (i < n && !space(s[i])) ++i;
            it.text = std::string(s.substr(start, i - start));
            if (it.field.empty() && !it.negated && it.text == "OR")
                it.is_or = true;
            else if (!it.text.empty() && it.text.back() == '*' && it.field.empty()) {
                it.text.pop_back();
                it.prefix = true;
            }
        }
        items.push_back(std::move(it));
    }
    return items;
}

class Builder {
public:
    Builder(const std::vector<std::string>& langs, ParsedQuery& out, const Synonyms* synonyms, const Names* names,
            const PhraseScope* scope)
        : langs_(langs), out_(out), synonyms_(synonyms), names_(names), scope_(scope) {
        if (langs_.empty()) langs_.push_back("fr");
    }

    // A stemmed word: any of the index languages' stems.
    Xapian::Query word(const std::string& term) {
        out_.words.insert(term);
        std::vector<Xapian::Query> alts;
        std::set<std::string> seen;
        for (const auto& lang : langs_) {
            std::string z = std::string(sc::kPrefixStem) + analysis::stem(term, lang);
            out_.stems.insert(z.substr(1));
            if (seen.insert(z).second) alts.emplace_back(z);
        }
        return alts.size() == 1 ? alts[0] : Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end());
    }

    Xapian::Query phrase(const std::vector<analysis::Token>& toks) {
        std::vector<std::string> terms;
        for (const auto& t : toks) {
            out_.words.insert(t.term);
            terms.push_back(t.term);
        }
        if (terms.empty()) return Xapian::Query();
        if (terms.size() == 1) return Xapian::Query(terms[0]);
        if (scope_) return scope_->phrase(terms);
        return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                             static_cast<Xapian::termcount>(terms.size()));
    }

    // Plain text: one clause per word; stop words dropped unless nothing
    // else is left; "article 46" kept together as a phrase; synonyms and
    // names (positive text only) one clause each.
    std::vector<Clause> text(std::string_view s, bool positive) {
        auto toks = analysis::tokenize(s);
        bool all_stop = true;
        for (const auto& t : toks) all_stop = all_stop && t.stop;
        std::vector<std::string> terms;
        for (const auto& t : toks) terms.push_back(t.term);
        auto typed = [&](size_t a, size_t b) {
            return std::string(s.substr(toks[a].begin, toks[b].end - toks[a].begin));
        };
        std::vector<Clause> parts;
        for (size_t k = 0; k < toks.size(); ++k) {
            const auto& t = toks[k];
            size_t group = 0;
            size_t len = positive && synonyms_ ? synonyms_->match(terms, k, group) : 0;
            if (len > 0) {
                parts.push_back(Clause{widened(toks, k, len, group), typed(k, k + len - 1), false});
                k += len - 1;
                continue;
            }
            std::vector<NamedValue> readings;
            len = positive && names_ ? names_->match(terms, k, readings) : 0;
            if (len > 0 && !readings.empty()) {
                parts.push_back(named(s, toks, k, len, readings));
                k += len - 1;
                continue;
            }
            if (t.term == "article" && k + 1 < toks.size() && is_number(toks[k + 1].term)) {
                parts.push_back(Clause{phrase({t, toks[k + 1]}), typed(k, k + 1), false});
                if (positive) out_.plain_words.push_back(t.term + " " + toks[k + 1].term);
                ++k;
                continue;
            }
            if (t.stop && !all_stop) continue;
            parts.push_back(Clause{all_stop ? Xapian::Query(t.term) : word(t.term), typed(k, k), false});
            if (all_stop) out_.words.insert(t.term);
            if (positive) out_.plain_words.push_back(t.term);
        }
        return parts;
    }

    Xapian::Query prefix(std::string_view s) {
        std::string folded = analysis::fold(s);
        // Only the word characters: "d'eau*" reads "eau*".
        auto toks = analysis::tokenize(s);
        if (toks.empty()) return Xapian::Query();
        if (toks.size() > 1) {
            std::vector<analysis::Token> head(toks.begin(), toks.end() - 1);
            Xapian::Query q = phrase(head);
            return Xapian::Query(Xapian::Query::OP_AND, q, prefix_term(toks.back().term));
        }
        return prefix_term(toks.back().term);
    }

private:
    // toks[at, at+len) is a term of synonym group `group`: it, OR the
    // group's other terms (each word stemmed and required).
    Xapian::Query widened(const std::vector<analysis::Token>& toks, size_t at, size_t len, size_t group) {
        std::vector<std::string> matched;
        std::vector<Xapian::Query> alts;
        std::vector<Xapian::Query> own;
        for (size_t k = at; k < at + len; ++k) {
            matched.push_back(toks[k].term);
            out_.plain_words.push_back(toks[k].term);
            if (!toks[k].stop || len == 1) own.push_back(word(toks[k].term));
        }
        alts.push_back(own.size() == 1 ? own[0] : Xapian::Query(Xapian::Query::OP_AND, own.begin(), own.end()));
        const auto& phrases = synonyms_->groups()[group];
        auto stems = [](const std::vector<std::string>& words) {
            std::vector<std::string> out;
            for (const auto& w : words) out.push_back(analysis::stem(w, "fr"));
            return out;
        };
        for (size_t p = 0; p < phrases.size(); ++p) {
            if (stems(phrases[p]) == stems(matched)) continue;  // the term the user typed
            out_.expansions.push_back(synonyms_->labels()[group][p]);
            // Every word of the term, stemmed, so that a plural in the text
            // still matches ("collectivités territoriales"); stop words aside.
            std::vector<Xapian::Query> words;
            for (const auto& w : phrases[p])
                if (!analysis::is_stop_word(w, "fr") || phrases[p].size() == 1) words.push_back(word(w));
            if (!words.empty())
                alts.push_back(words.size() == 1 ? words[0]
                                                 : Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end()));
        }
        return Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end());
    }

    static bool is_number(const std::string& t) { return !t.empty() && std::isdigit(static_cast<unsigned char>(t[0])); }

    Xapian::Query prefix_term(const std::string& p) {
        out_.prefixes.insert(p);
        return Xapian::Query(Xapian::Query::OP_WILDCARD, p, kMaxWildcardExpansion,
                             Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    }

    // toks[at, at+len) names facet values: its words, OR the documents that
    // carry one of the values (a fixed weight, as boolean terms weigh nothing).
    Clause named(std::string_view s, const std::vector<analysis::Token>& toks, size_t at, size_t len,
                 const std::vector<NamedValue>& readings) {
        std::vector<Xapian::Query> words;
        for (size_t k = at; k < at + len; ++k) {
            out_.plain_words.push_back(toks[k].term);
            if (!toks[k].stop || len == 1) words.push_back(word(toks[k].term));
        }
        std::vector<Xapian::Query> alts;
        if (!words.empty())
            alts.push_back(words.size() == 1 ? words[0]
                                             : Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end()));
        for (const NamedValue& v : readings) {
            const sc::Facet* f = sc::find_facet(v.facet);
            if (!f) continue;
            auto* fixed = new Xapian::FixedWeightPostingSource(kNameWeight);
            alts.emplace_back(Xapian::Query::OP_FILTER, Xapian::Query(fixed->release()),
                              Xapian::Query(sc::facet_term(*f, v.value)));
        }
        std::string typed(s.substr(toks[at].begin, toks[at + len - 1].end - toks[at].begin));
        out_.names.push_back(NameReading{typed, readings});
        return Clause{Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end()), typed, false};
    }

    std::vector<std::string> langs_;
    ParsedQuery& out_;
    const Synonyms* synonyms_;
    const Names* names_;
    const PhraseScope* scope_;
};

Xapian::Query and_of(const std::vector<Clause>& clauses) {
    std::vector<Xapian::Query> qs;
    for (const Clause& c : clauses) qs.push_back(c.query);
    if (qs.empty()) return Xapian::Query();
    return qs.size() == 1 ? qs[0] : Xapian::Query(Xapian::Query::OP_AND, qs.begin(), qs.end());
}

}  // namespace

ParsedQuery parse_query(std::string_view text, const std::vector<std::string>& langs, const Synonyms* synonyms,
                        const Names* names, const PhraseScope* phrases_in) {
    ParsedQuery out;
    Builder b(langs, out, synonyms, names, phrases_in);
    std::vector<Item> items = lex(text);

    std::vector<Clause> groups;            // the clauses, ANDed together
    std::vector<Xapian::Query> negatives;  // AND_NOT
    std::vector<Clause> current;           // the OR group being built
    std::string run;                       // plain items not yet analysed
    bool pending_or = false;

    auto close_group = [&]() {
        if (current.empty()) return;
        if (current.size() == 1) {
            groups.push_back(std::move(current[0]));
        } else {
            Clause g;
            std::vector<Xapian::Query> alts;
            for (const Clause& c : current) {
                alts.push_back(c.query);
                g.text += (g.text.empty() ? "" : " OR ") + c.text;
                g.required = g.required || c.required;
            }
            g.query = Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end());
            groups.push_back(std::move(g));
        }
        current.clear();
    };
    auto add = [&](Clause c) {
        if (c.query.empty()) return;
        if (!pending_or) close_group();
        current.push_back(std::move(c));
        pending_or = false;
    };
    // A plain run gives one clause per word; after OR, the run is one word
    // (an OR attaches only its last word), whose clauses form one.
    auto flush_run = [&]() {
        if (run.empty()) return;
        std::vector<Clause> parts = b.text(run, true);
        run.clear();
        if (parts.empty()) {
            pending_or = false;
            return;
        }
        if (pending_or && parts.size() > 1) {
            Clause joined{and_of(parts), parts.front().text, false};
            for (size_t k = 1; k < parts.size(); ++k) joined.text += " " + parts[k].text;
            parts = {std::move(joined)};
        }
        for (Clause& c : parts) add(std::move(c));
    };

    for (size_t k = 0; k < items.size(); ++k) {
        Item& it = items[k];
        if (it.is_or) {
            if (!run.empty() || !current.empty()) {
                // Everything before the last plain word stays ANDed.
                if (!run.empty()) {
                    size_t cut = run.find_last_of(' ');
                    std::string last = cut == std::string::npos ? run : run.substr(cut + 1);
                    run = cut == std::string::npos ? std::string() : run.substr(0, cut);
                    flush_run();
                    run = last;
                    flush_run();
                }
                pending_or = true;
            }
            continue;
        }
        if (!it.field.empty()) {
            flush_run();
            if (it.negated) {
                const sc::Facet* f = sc::find_facet(it.field);
                negatives.emplace_back(sc::facet_term(*f, it.text));
            } else {
                out.filters[it.field].push_back(it.text);
            }
            continue;
        }
        if (it.negated) {
            flush_run();
            Xapian::Query q = it.quoted ? b.phrase(analysis::tokenize(it.text)) : and_of(b.text(it.text, false));
            if (!q.empty()) negatives.push_back(q);
            continue;
        }
        if (it.quoted) {
            flush_run();
            add(Clause{b.phrase(analysis::tokenize(it.text)), "\"" + it.text + "\"", true});
            continue;
        }
        if (it.prefix) {
            flush_run();
            add(Clause{b.prefix(it.text), it.text + "*", it.required});
            continue;
        }
        if (it.required) {
            // +word: its own clause(s), each required.
            flush_run();
            std::vector<Clause> parts = b.text(it.text, true);
            for (Clause& c : parts) {
                c.required = true;
                add(std::move(c));
            }
            continue;
        }
        if (pending_or) {
            run = it.text;
            flush_run();
            continue;
        }
        if (!run.empty()) run += ' ';
        run += it.text;
    }
    flush_run();
    close_group();

    out.query = and_of(groups);
    out.clauses = std::move(groups);
    if (!negatives.empty())
        out.exclusion = negatives.size() == 1 ? negatives[0]
                                              : Xapian::Query(Xapian::Query::OP_OR, negatives.begin(), negatives.end());
    return out;
}

}  // namespace coopdec
