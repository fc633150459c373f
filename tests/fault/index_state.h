// @brief What an index holds, in a form two indexes can be compared by:
// every unit (by its unique id term) with its data, terms, positions and
// values; every metadata entry (signatures, stored views, languages,
// schema); and the answers of coopdec-search --json to a fixed query set.
#pragma once

#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "tests/fault/child.h"

namespace coopdec::test {

// FNV-1a: units and views are compared by hash, so that a large index's
// state fits in memory.
inline uint64_t fnv(std::string_view bytes, uint64_t h = 1469598103934665603ULL) {
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

struct IndexState {
    std::map<std::string, uint64_t> units;     // "Q…" id term → hash of data, terms, positions, values
    std::map<std::string, uint64_t> metadata;  // key → hash of value
    bool operator==(const IndexState&) const = default;
};

// Reads `db` (a Xapian folder) whole. Independent of document ids, so an
// index built in another order compares equal when it holds the same.
inline IndexState read_state(const std::string& db_path) {
    Xapian::Database db(db_path);
    IndexState s;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        Xapian::Document doc = db.get_document(*it);
        std::string id, all = doc.get_data();
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            const std::string term = *t;
            if (term[0] == 'Q' && id.empty()) id = term;
            all += '\n' + term + ' ' + std::to_string(t.get_wdf());
            for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) all += ' ' + std::to_string(*p);
        }
        for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
            all += '\n' + std::to_string(v.get_valueno()) + '=' + *v;
        s.units[id.empty() ? "(sans identifiant) " + std::to_string(*it) : id] = fnv(all);
    }
    for (auto it = db.metadata_keys_begin(); it != db.metadata_keys_end(); ++it)
        s.metadata[*it] = fnv(db.get_metadata(*it));
    return s;
}

// Where two states differ, for the test's report (first few keys).
inline std::string difference(const IndexState& a, const IndexState& b) {
    std::ostringstream out;
    int shown = 0;
    auto diff = [&](const char* what, const std::map<std::string, uint64_t>& x,
                    const std::map<std::string, uint64_t>& y) {
        for (const auto& [k, v] : x) {
            auto it = y.find(k);
            if ((it == y.end() || it->second != v) && shown++ < 8)
                out << what << ' ' << k << (it == y.end() ? " absent de la seconde\n" : " différent\n");
        }
        for (const auto& [k, v] : y)
            if (!x.count(k) && shown++ < 8) out << what << ' ' << k << " absent de la première\n";
    };
    diff("unité", a.units, b.units);
    diff("métadonnée", a.metadata, b.metadata);
    out << a.units.size() << " / " << b.units.size() << " unités, " << a.metadata.size() << " / " << b.metadata.size()
        << " métadonnées";
    return out.str();
}

// One query of the fixed set: coopdec-search's arguments (before --db) and
// the same search as a target of the server's /api/search.
struct Query {
    std::vector<std::string> args;
    std::string target;
};

// The answers of coopdec-search --json to `queries` on `db`, in order (its
// JSON has no timing field: compared as they are).
inline std::vector<std::string> answers(const std::string& db, const std::vector<Query>& queries) {
    std::vector<std::string> out;
    for (const auto& q : queries) {
        std::vector<std::string> args{"--db", db, "--json"};
        args.insert(args.end(), q.args.begin(), q.args.end());
        std::string json, err;
        int status = run(std::string(COOPDEC_BIN_DIR) + "/coopdec-search", args, json, err);
        out.push_back(status == 0 ? json : "statut " + std::to_string(status) + " : " + err);
    }
    return out;
}

}  // namespace coopdec::test
