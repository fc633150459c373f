// @brief The names table: built from the country table, the places metadata
// and the partnership records of an index; matched on French stems.
#include "search/names.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <optional>

#include "common/analysis.h"
#include "common/places.h"
#include "common/schema.h"
#include "search/atlas_names.h"
#include "search/countries.h"
#include "search/spelling.h"

namespace coopdec {
namespace {

namespace sc = schema;

// Folded words of a name joined by one space: "Issy-les-Moulineaux" and
// "issy les moulineaux" read the same, and so do "Côte d'Ivoire" and "cote d'ivoire".
std::string normalised(std::string_view text) {
    std::string out;
    for (const auto& t : analysis::tokenize(text, "fr")) out += (out.empty() ? "" : " ") + t.term;
    return out;
}

std::vector<std::string> split_bar(std::string_view s) {
    std::vector<std::string> out;
    while (!s.empty()) {
        size_t bar = s.find('|');
        std::string_view part = s.substr(0, bar);
        if (!part.empty()) out.emplace_back(part);
        if (bar == std::string_view::npos) break;
        s.remove_prefix(bar + 1);
    }
    return out;
}

// A typed word meets a name's word: same stem, and the word itself or an
// inflection of it. Stems alone are too loose for names: « francs » and
// « France » both stem to "franc", « malin » and « Mali » nearly so.
bool same_word(const std::string& typed, const std::string& typed_stem, const std::string& word,
               const std::string& word_stem) {
    if (typed == word) return true;
    if (typed_stem != word_stem || typed.size() <= word.size() || typed.compare(0, word.size(), word) != 0)
        return false;
    std::string_view ending(typed);
    ending.remove_prefix(word.size());
    return ending == "s" || ending == "x" || ending == "e" || ending == "es";
}

// Edit distance on bytes (folded names are ASCII but for other scripts),
// each side cut to 64 bytes: search/spelling.h's, transpositions counting one.
size_t distance(std::string_view a, std::string_view b) { return edit_distance(a.substr(0, 64), b.substr(0, 64), 128); }

bool holds(const Xapian::Database& db, std::string_view facet, std::string_view value) {
    const sc::Facet* f = sc::find_facet(facet);
    return f && !value.empty() && db.term_exists(sc::facet_term(*f, value));
}

// "Mamoudzou (Mayotte)" + "France" → "Mamoudzou (Mayotte, France)".
std::string partner_label(const std::string& name, const std::string& country) {
    if (country.empty()) return name;
    if (!name.empty() && name.back() == ')') return name.substr(0, name.size() - 1) + ", " + country + ")";
    return name + " (" + country + ")";
}

}  // namespace

void Names::add(const std::string& facet, const std::string& value, const std::string& label,
                const std::vector<std::string>& spoken, const std::vector<std::string>& written, bool held,
                std::string parent_facet, std::string parent) {
    Known k;
    k.value = NamedValue{facet, value, label};
    k.parent_facet = std::move(parent_facet);
    k.parent = std::move(parent);
    k.held = held;
    auto keep = [&](const std::string& name) {
        std::string n = normalised(name);
        if (n.empty() || std::find(k.norms.begin(), k.norms.end(), n) != k.norms.end()) return;
        k.names.push_back(name);
        k.norms.push_back(std::move(n));
    };
    keep(label);
    keep(value);
    for (const auto& s : spoken) keep(s);
    for (const auto& w : written) keep(w);
    const size_t at = known_.size();
    by_value_.emplace(std::make_pair(facet, analysis::fold(value)), at);
    known_.push_back(std::move(k));

    std::set<std::vector<std::string>> seen;
    for (const auto& name : spoken) {
        Entry e{{}, {}, at};
        bool content = false;  // some word is not a stop word
        for (const auto& t : analysis::tokenize(name, "fr")) {
            e.words.push_back(t.term);
            e.stems.push_back(analysis::stem(t.term, "fr"));
            if (!t.stop) {
                content = true;
                words_.insert(t.term);
            }
        }
        if (!content || !held || !seen.insert(e.words).second) continue;
        by_first_stem_[e.stems[0]].push_back(entries_.size());
        entries_.push_back(std::move(e));
    }
}

const Names::Known* Names::find(std::string_view facet, std::string_view value) const {
    auto it = by_value_.find(std::make_pair(std::string(facet), analysis::fold(value)));
    return it == by_value_.end() ? nullptr : &known_[it->second];
}

std::shared_ptr<const Names> Names::build(const Xapian::Database& db, std::string_view places_metadata) {
    auto names = std::make_shared<Names>();
    Names& n = *names;

    for (const countries::Country& c : countries::all()) {
        const std::string name(c.name);
        std::vector<std::string> spoken{name};
        if (c.article == "le" || c.article == "la" || c.article == "les")
            spoken.push_back(std::string(c.article) + " " + name);
        for (const auto& o : split_bar(c.other)) spoken.push_back(o);
        for (const auto& a : split_bar(c.masculine)) spoken.push_back(a);
        for (const auto& a : split_bar(c.feminine)) spoken.push_back(a);
        n.add("country", std::string(c.code), name, spoken, {}, holds(db, "country", c.code));
    }

    // Places: the facet value is the place's name (schema.h: region,
    // prefecture and commune carry display names).
    std::vector<places::PlaceRow> rows = places::decode(places_metadata);
    std::map<std::string, const places::PlaceRow*> by_id;
    for (const auto& r : rows) by_id[r.id] = &r;
    for (const auto& r : rows) {
        std::string label = r.name;
        if (!r.former.empty()) {
            std::string f;
            for (const auto& x : r.former) f += (f.empty() ? "" : ", ") + x;
            label += " (" + f + ")";
        }
        const places::PlaceRow* up = r.parent.empty() ? nullptr : by_id[r.parent];
        std::vector<std::string> spoken{r.name};
        spoken.insert(spoken.end(), r.aliases.begin(), r.aliases.end());
        n.add(r.level, r.name, label, spoken, {}, holds(db, r.level, r.name), up ? up->level : std::string(),
              up ? up->name : std::string());
    }

    // Partners: every partnership record's partner.
    const sc::Facet* type = sc::find_facet("type");
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(sc::kind_term(sc::kKindDoc)),
                              Xapian::Query(sc::facet_term(*type, sc::kTypePartnership))));
    e.set_weighting_scheme(Xapian::BoolWeight());
    e.set_docid_order(Xapian::Enquire::ASCENDING);
    struct Partner {
        std::string id, name, country, title, commune;
    };
    std::vector<Partner> partners;
    std::map<std::string, size_t> per_name;  // normalised partner label → records
    // The records a window at a time, each window's documents fetched
    // together (one round trip to a remote shard): a whole corpus's records
    // fetched at once weigh tens of MB (63 MB for 31,000).
    constexpr Xapian::doccount kWindow = 4096;
    for (Xapian::doccount first = 0;; first += kWindow) {
        Xapian::MSet m = e.get_mset(first, kWindow);
        // With iterators: Xapian 1.4's MSet::fetch() without them reads
        // past its items when the window does not start at the first match.
        m.fetch(m.begin(), m.end());
        for (auto it = m.begin(); it != m.end(); ++it) {
            sc::Data d = sc::decode_data(it.get_document().get_data());
            Partner p{d[sc::kFieldDoc], d[sc::kFieldPartnerName], d[sc::kFieldPartnerCountry], d[sc::kFieldTitle],
                      d[sc::kFieldCommunes]};
            if (p.id.empty()) p.id = it.get_document().get_value(sc::kSlotDoc);
            if (p.id.empty() || p.name.empty()) continue;
            p.commune = p.commune.substr(0, p.commune.find('\n'));
            ++per_name[normalised(partner_label(p.name, std::string(countries::french_name(p.country))))];
            partners.push_back(std::move(p));
        }
        if (m.size() < kWindow) break;
    }
    for (const Partner& p : partners) {
        std::string label =
            partner_label(p.name, p.country.empty() ? std::string() : std::string(countries::french_name(p.country)));
        // Two records of one partner (two Togolese communes): the commune tells them apart.
        if (per_name[normalised(label)] > 1 && !p.commune.empty()) label += " – " + p.commune;
        n.add("partnership", p.id, label, atlas::spoken_partner_names(p.name), {p.title},
              holds(db, "partnership", p.id));
    }
    // The atlas's pages these names lead to.
    std::vector<atlas::PartnerName> partner_names;
    for (const Partner& p : partners) partner_names.push_back(atlas::PartnerName{p.name, p.country});
    n.atlas_ = atlas::Finder(rows, partner_names);
    return names;
}

std::shared_ptr<const Names> Names::load(const Index& index) {
    // The latest table, for the revision (or list of remote shards) it was
    // built from. A process-wide cache: every search of every thread asks.
    static std::mutex mutex;
    static std::string cached_key;
    static std::chrono::steady_clock::time_point cached_at;
    static std::shared_ptr<const Names> cached;
    constexpr auto kRemoteLife = std::chrono::seconds(60);

    std::string key;
    const auto now = std::chrono::steady_clock::now();
    std::optional<IndexRevision> rev;
    bool revisioned = true;
    try {
        rev = index.revision();
    } catch (const Xapian::UnimplementedError&) {
        revisioned = false;  // an in-memory database: read at every call
    }
    if (rev && !rev->uuids.empty())
        key = "rev:" + rev->key();
    else if (!rev && revisioned)
        key = "remote:" + index.shard_names();
    if (!key.empty()) {
        std::lock_guard lock(mutex);
        if (cached && cached_key == key && (key.rfind("rev:", 0) == 0 || now - cached_at < kRemoteLife)) return cached;
    }
    std::string places;
    for (const std::string& v : index.metadata_of_shards(sc::kPlacesKey))
        if (!v.empty()) {
            places = v;
            break;
        }
    std::shared_ptr<const Names> built = build(index.db(), places);
    if (!key.empty()) {
        std::lock_guard lock(mutex);
        cached_key = key;
        cached_at = now;
        cached = built;
    }
    return built;
}

size_t Names::match(const std::vector<std::string>& words, size_t at, std::vector<NamedValue>& readings) const {
    readings.clear();
    if (at >= words.size()) return 0;
    auto first = by_first_stem_.find(analysis::stem(words[at], "fr"));
    if (first == by_first_stem_.end()) return 0;
    std::vector<std::string> stems;  // of words[at…], computed as far as needed
    auto stem_at = [&](size_t k) -> const std::string& {
        while (stems.size() <= k) stems.push_back(analysis::stem(words[at + stems.size()], "fr"));
        return stems[k];
    };
    size_t best = 0;
    std::vector<size_t> found;  // known_ of the longest names
    for (size_t e : first->second) {
        const Entry& entry = entries_[e];
        const size_t len = entry.words.size();
        if (len < best || at + len > words.size()) continue;
        bool same = true;
        for (size_t k = 0; k < len && same; ++k)
            same = same_word(words[at + k], stem_at(k), entry.words[k], entry.stems[k]);
        if (!same) continue;
        if (len > best) {
            best = len;
            found.clear();
        }
        if (std::find(found.begin(), found.end(), entry.known) == found.end()) found.push_back(entry.known);
    }
    for (size_t k : found) readings.push_back(known_[k].value);
    return best;
}

std::vector<NamedValue> Names::resolve(std::string_view facet, std::string_view typed) const {
    std::vector<NamedValue> out;
    const std::string norm = normalised(typed);
    if (norm.empty()) return out;
    std::vector<const Known*> candidates;
    for (const Known& k : known_)
        if (k.held && std::find(k.norms.begin(), k.norms.end(), norm) != k.norms.end()) candidates.push_back(&k);
    if (candidates.empty()) {
        std::vector<std::string> words;
        for (const auto& t : analysis::tokenize(typed, "fr")) words.push_back(t.term);
        std::vector<NamedValue> readings;
        if (match(words, 0, readings) == words.size())
            for (const NamedValue& r : readings)
                if (const Known* k = find(r.facet, r.value)) candidates.push_back(k);
    }
    for (const Known* k : candidates) {
        // A place typed in a wider place's box: the place that holds it.
        for (int up = 0; k && k->value.facet != facet && up < 3; ++up)
            k = k->parent.empty() ? nullptr : find(k->parent_facet, k->parent);
        if (!k || !k->held || k->value.facet != facet) continue;
        if (std::find(out.begin(), out.end(), k->value) == out.end()) out.push_back(k->value);
    }
    return out;
}

std::vector<NamedValue> Names::closest(std::string_view facet, std::string_view typed, size_t n) const {
    const std::string norm = normalised(typed);
    struct Scored {
        size_t prefix, dist;
        const Known* k;
    };
    std::vector<Scored> scored;
    for (const Known& k : known_) {
        if (!k.held || k.value.facet != facet) continue;
        Scored s{1, SIZE_MAX, &k};
        for (const auto& name : k.norms) {
            if (!norm.empty() && name.compare(0, norm.size(), norm) == 0) s.prefix = 0;
            s.dist = std::min(s.dist, distance(norm, name));
        }
        scored.push_back(s);
    }
    std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
        if (a.prefix != b.prefix) return a.prefix < b.prefix;
        if (a.dist != b.dist) return a.dist < b.dist;
        return a.k->value.label < b.k->value.label;
    });
    std::vector<NamedValue> out;
    for (size_t i = 0; i < scored.size() && i < n; ++i) out.push_back(scored[i].k->value);
    return out;
}

std::string Names::label(std::string_view facet, std::string_view value) const {
    if (const Known* k = find(facet, value)) return k->value.label;
    return {};
}

std::vector<std::string> Names::names_of(std::string_view facet, std::string_view value) const {
    if (const Known* k = find(facet, value)) return k->names;
    return {};
}

bool Names::is_name_word(std::string_view folded_word) const { return words_.count(std::string(folded_word)) > 0; }

}  // namespace coopdec
