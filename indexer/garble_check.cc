// @brief Looking for mis-decoded text in the corpus's XML documents.
#include "indexer/garble_check.h"

#include "common/utf8.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace coopdec {

std::string text_without_markup(std::string_view xml) {
    std::string out;
    out.reserve(xml.size());
    // One space per character of markup (not per byte): columns count
    // characters, and an attribute may hold « é ».
    auto blank = [&](std::size_t from, std::size_t to) {
        for (std::size_t p = from; p < to;) {
            char32_t c = utf8::decode(xml, p);
            out += c == '\n' ? '\n' : ' ';
        }
    };
    std::size_t i = 0;
    while (i < xml.size()) {
        std::size_t lt = xml.find('<', i);
        if (lt == std::string_view::npos) lt = xml.size();
        out.append(xml.substr(i, lt - i));
        if (lt == xml.size()) break;
        std::string_view rest = xml.substr(lt);
        // Comments, CDATA sections and processing instructions may hold
        // « > »: each ends with its own marker. A CDATA section's content is
        // text: only its markers go.
        if (rest.rfind("<![CDATA[", 0) == 0) {
            std::size_t stop = xml.find("]]>", lt);
            std::size_t body_end = stop == std::string_view::npos ? xml.size() : stop;
            blank(lt, lt + 9);
            out.append(xml.substr(lt + 9, body_end - (lt + 9)));
            blank(body_end, std::min(xml.size(), body_end + 3));
            i = std::min(xml.size(), body_end + 3);
            continue;
        }
        std::string_view marker = rest.rfind("<!--", 0) == 0 ? "-->" : rest.rfind("<?", 0) == 0 ? "?>" : ">";
        std::size_t stop = xml.find(marker, lt);
        std::size_t last = stop == std::string_view::npos ? xml.size() : stop + marker.size();
        blank(lt, last);
        i = last;
    }
    return out;
}

std::vector<GarbleReport> check_garbled(const std::vector<std::string>& files, textio::Lexicon lexicon) {
    std::vector<std::string> texts;
    texts.reserve(files.size());
    for (const std::string& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::ostringstream s;
        if (in) s << in.rdbuf();
        texts.push_back(in ? text_without_markup(s.str()) : std::string());
        lexicon.add_document_text(texts.back());
    }
    std::vector<GarbleReport> reports;
    for (std::size_t i = 0; i < files.size(); ++i) {
        auto own = textio::document_keys(texts[i]);
        textio::RepairResult r = textio::repair_text(texts[i], lexicon, {&own});
        GarbleReport report{files[i], std::move(r.changes), std::move(r.doubts)};
        if (!report.changes.empty() || !report.doubts.empty()) reports.push_back(std::move(report));
    }
    return reports;
}

std::string format_finding(const std::string& file, const textio::RepairChange& c) {
    return file + ":" + std::to_string(c.at.line) + ":" + std::to_string(c.at.column) + ": texte mal décodé ? « " +
           c.from + " » se lirait « " + c.to + " » (" + c.family + ")";
}

}  // namespace coopdec
