// @brief Reading filter values typed as names, and the close values of an
// unknown one.
#include "search/filter_names.h"

#include <algorithm>

#include "common/analysis.h"
#include "common/escape.h"
#include "common/schema.h"
#include "search/spelling.h"

namespace coopdec {
namespace {

namespace sc = schema;

// Terms of a facet read for close values: a facet of thousands of values
// (every provision cited) is cut there, the suggestion stays a suggestion.
constexpr size_t kMaxTermsRead = 5000;

}  // namespace

std::vector<std::pair<std::string, std::string>> close_values(const Xapian::Database& db, const Names& names,
                                                              std::string_view facet, std::string_view typed,
                                                              size_t n) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const NamedValue& v : names.closest(facet, typed, n)) out.emplace_back(v.value, v.label);
    if (!out.empty()) return out;
    const sc::Facet* f = sc::find_facet(facet);
    if (!f) return out;
    const std::string folded = analysis::fold(typed).substr(0, 64);
    const std::string prefix(f->prefix);
    std::vector<std::pair<size_t, std::string>> scored;
    size_t read = 0;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix) && read < kMaxTermsRead; ++t, ++read) {
        std::string value = (*t).substr(prefix.size());
        size_t d = edit_distance(std::string_view(folded).substr(0, 64), std::string_view(value).substr(0, 64), 128);
        if (value.compare(0, folded.size(), folded) == 0 && !folded.empty()) d = 0;
        scored.emplace_back(d, std::move(value));
    }
    std::sort(scored.begin(), scored.end());
    for (size_t i = 0; i < scored.size() && i < n; ++i) out.emplace_back(scored[i].second, scored[i].second);
    return out;
}

std::vector<FilterReading> resolve_filters(const Index& index, SearchRequest& request) {
    const Xapian::Database& db = index.db();
    std::shared_ptr<const Names> table;
    auto names = [&]() -> const Names& {
        if (!table) table = Names::load(index);
        return *table;
    };
    std::vector<FilterReading> done;
    for (auto& [name, values] : request.filters) {
        const sc::Facet* f = sc::find_facet(name);
        if (!f || name == "year") continue;  // validate() says what is wrong with them
        std::vector<std::string> kept;
        for (const std::string& v : values) {
            if (!valid_utf8(v) || db.term_exists(sc::facet_term(*f, v))) {
                kept.push_back(v);
                continue;
            }
            if (request.drop_unknown_values && v.find_first_not_of(" \t") == std::string::npos) continue;
            FilterReading r{name, v, {}, {}};
            for (const NamedValue& nv : names().resolve(name, v)) {
                r.values.emplace_back(nv.value, nv.label);
                kept.push_back(nv.value);
            }
            if (r.values.empty()) {
                r.closest = close_values(db, names(), name, v, kCloseValues);
                if (!request.drop_unknown_values) {
                    std::string message = "aucun document n'a la valeur « " + v + " » pour le filtre « " + name + " »";
                    if (!r.closest.empty()) {
                        message += " ; valeurs proches : ";
                        for (size_t i = 0; i < r.closest.size(); ++i) message += (i ? ", " : "") + r.closest[i].second;
                    }
                    throw SearchError{message};
                }
            }
            done.push_back(std::move(r));
        }
        // The same value typed twice, or under two names, filters once.
        std::vector<std::string> distinct;
        for (auto& v : kept)
            if (std::none_of(distinct.begin(), distinct.end(),
                             [&](const std::string& d) { return analysis::fold(d) == analysis::fold(v); }))
                distinct.push_back(std::move(v));
        values = std::move(distinct);
    }
    // A facet whose every value was left out filters nothing.
    for (auto it = request.filters.begin(); it != request.filters.end();)
        it = it->second.empty() &&
                     std::any_of(done.begin(), done.end(), [&](const FilterReading& r) { return r.facet == it->first; })
                 ? request.filters.erase(it)
                 : std::next(it);
    return done;
}

}  // namespace coopdec
