// @brief What a legal advisor needs on a document's page, added to its
// rendering: references and citations turned into links when their target
// is in the index, and on each article of a legal text « Cité par » and its
// citation form.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "search/legal.h"

namespace coopdec::pages {

// Per unit of a legal text: its citation form and who cites it.
struct ArticleNotes {
    std::string citation;            // "Loi n° 2019-006 du 26 juin 2019, art. 46"
    std::vector<Citing> cited_by;    // by document order
};

// Inserts after the heading of each unit (the element with id="ANCHOR")
// a block « Citer : … » and « Cité par : … (N conventions) ». Units
// without notes are left alone.
std::string add_article_notes(const std::string& html, const std::map<std::string, ArticleNotes>& notes);

// Turns the rendering's unresolved references (<span class="ref
// ref-externe" title="HREF">) into links where `resolve(HREF)` gives a URL;
// the others stay as they are, marked « hors corpus », never broken links.
std::string link_references(const std::string& html,
                            const std::function<std::optional<std::string>(const std::string&)>& resolve);

// Wraps the citations found in the text of `html` ("l'article 46 de la loi
// n° 2019-006") in links, where `resolve` gives a URL for them.
std::string link_citations(const std::string& html,
                           const std::function<std::optional<std::string>(const citation::Citation&)>& resolve);

}  // namespace coopdec::pages
