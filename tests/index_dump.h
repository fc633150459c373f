// @brief An index as lines of text, to compare two indexes term for term in
// a test (scripts/index-dump does the same from a shell).
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace coopdec::test {

// The index at `db` as text: every term with its frequency and postings
// (document id and wdf), every document's data and values, every metadata
// key with its value; `positions`: each document's terms too, with their
// wdf and positions.
inline std::vector<std::string> dump(const std::string& db_path, bool positions = false) {
    Xapian::Database db(db_path);
    std::vector<std::string> out;
    out.push_back("documents " + std::to_string(db.get_doccount()) + " last " + std::to_string(db.get_lastdocid()));
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
        std::string line = "term " + *t + " " + std::to_string(t.get_termfreq());
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p)
            line += " " + std::to_string(*p) + ":" + std::to_string(p.get_wdf());
        out.push_back(line);
    }
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        Xapian::Document d = db.get_document(*p);
        std::string line = "doc " + std::to_string(*p) + " " + d.get_data();
        for (auto v = d.values_begin(); v != d.values_end(); ++v)
            line += " " + std::to_string(v.get_valueno()) + "=" + *v;
        out.push_back(line);
        if (!positions) continue;
        for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
            std::string term = "  " + *t + " " + std::to_string(t.get_wdf());
            for (auto q = t.positionlist_begin(); q != t.positionlist_end(); ++q) term += " " + std::to_string(*q);
            out.push_back(term);
        }
    }
    for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k)
        out.push_back("meta " + *k + " " + db.get_metadata(*k));
    return out;
}

}  // namespace coopdec::test
