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

// A change another text made, or an event of a text's life.
struct HistoryEntry {
    std::string date;   // ISO
    std::string type;   // AKN type: substitution, insertion, repeal; generation, amendment...
    std::string label;  // the other text, as its references name it
    std::string url;    // its page when the index holds it, else ""
};

// A provision linked to another by a modification: « l'article 46 de la
// loi n° 2019-006 du 26 juin 2019 » and its page ("" when not in the index).
struct Related {
    std::string prose, url;
};

// Per unit of a legal text: its citation form, the texts that amended it,
// and who cites it.
struct ArticleNotes {
    std::string citation;          // "Loi n° 2019-006 du 26 juin 2019, art. 46"
    std::vector<Citing> cited_by;  // by document order
    std::vector<HistoryEntry> amended;
    std::string permalink;              // "/doc/ID#art_46", given with the citation
    bool summary = false;               // a summary, not the text: « Citer le résumé », « (résumé) »
    std::vector<Related> wording_from;  // « Rédaction issue de l'article 3 de la loi n° … »
    std::vector<Related> modifies;  // « Cet article modifie l'article 46 de la loi n° … : voir la version consolidée »
};

// "Loi n° 2019-006 du 26 juin 2019, art. 46" → "l'article 46 de la loi
// n° 2019-006 du 26 juin 2019"; "Loi n° 2019-006 du 26 juin 2019" → "la loi
// n° 2019-006 du 26 juin 2019".
std::string provision_prose(const std::string& citation_form);

// « Cette loi modifie l'article 2 de la loi n° … : voir la version consolidée »,
// one paragraph per modification the text as a whole makes; "" for none.
std::string modifies_html(const std::vector<Related>& modifies);

// A GET form choosing the version in force at a date: « Version en vigueur
// le [date] Afficher », sent to `action` as ?date=AAAA-MM-JJ; `value` the
// date shown in it ("" for none). Works without JavaScript.
std::string date_form(const std::string& action, const std::string& value);

// « Ce n’est pas la version en vigueur aujourd’hui : voir la … » linking to
// `in_force`: on a version opened by its own address that a later one replaced.
std::string superseded_line(const Version& in_force);

// The line saying which version the page shows and why: « Version en vigueur
// le 1er janvier 2015 : version consolidée du 26 juin 2019 », or when
// `asked` is "" « Version en vigueur aujourd'hui : … ».
std::string version_line(const Version& shown, const std::string& asked);

// The history of a text: « Historique : 13 mars 2007 — texte d'origine ;
// 26 juin 2019 — modifié par <a>Loi n° 2019-006</a> », and the version the
// page shows when it is a consolidation. "" when there is nothing to say.
std::string history_html(const std::vector<HistoryEntry>& lifecycle, const std::string& version_date,
                         const std::string& work_date);

// « Versions : 13 mars 2007 — texte d'origine · 26 juin 2019 — version
// consolidée (cette version, la plus récente) », each other version a link;
// "" for no version.
std::string versions_html(const std::vector<Version>& versions, const std::string& current);

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
