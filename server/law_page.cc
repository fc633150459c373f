// @brief Links and notes added to a rendered document.
#include "server/law_page.h"

#include <map>
#include <set>

#include "common/escape.h"
#include "common/schema.h"
#include "server/page_parts.h"

namespace coopdec::pages {

namespace {

std::string type_word(const std::string& type) {
    static const std::map<std::string, std::string> words{
        {"substitution", "remplacé"},
        {"insertion", "complété"},
        {"repeal", "abrogé"},
        {"split", "scindé"},
        {"join", "fusionné"},
        {"renumbering", "renuméroté"},
        {"generation", "texte d'origine"},
        {"amendment", "modifié"},
        {"repeal", "abrogé"},
    };
    auto it = words.find(type);
    return it == words.end() ? type : it->second;
}

std::string other_text(const HistoryEntry& e) {
    if (e.label.empty()) return {};
    if (!e.url.empty()) return "<a href=\"" + html_escape(e.url) + "\">" + html_escape(e.label) + "</a>";
    return html_escape(e.label) + " <span class=\"ref-externe\">(hors corpus)</span>";
}

}  // namespace

static std::string version_kind(const Version& v) { return v.original ? "texte d’origine" : "version consolidée"; }

std::string provision_prose(const std::string& citation_form) {
    std::string law = citation_form, article;
    if (size_t art = law.rfind(", art. "); art != std::string::npos) {
        article = law.substr(art + 7);
        law.resize(art);
    }
    static const std::pair<const char*, const char*> kNamed[] = {
        {"Loi ", "la loi "}, {"Décret ", "le décret "}, {"Ordonnance ", "l’ordonnance "}, {"Arrêté ", "l’arrêté "}};
    for (const auto& [from, to] : kNamed)
        if (law.rfind(from, 0) == 0) {
            law = to + law.substr(std::string(from).size());
            break;
        }
    return article.empty() ? law : "l’article " + article + " de " + law;
}

std::string modifies_html(const std::vector<Related>& modifies) {
    std::string out;
    for (const auto& m : modifies) {
        out += "<p class=\"modifies\">Ce texte modifie " + html_escape(m.prose);
        if (!m.url.empty()) out += " : <a href=\"" + html_escape(m.url) + "\">voir la version consolidée</a>";
        out += "</p>";
    }
    return out;
}

std::string date_form(const std::string& action, const std::string& value) {
    return "<form class=\"date-version\" method=\"get\" action=\"" + html_escape(action) +
           "\"><label for=\"date-version\">Version en vigueur le</label> <input type=\"date\" id=\"date-version\" "
           "name=\"date\" placeholder=\"AAAA-MM-JJ\" value=\"" +
           html_escape(value) + "\"> <button type=\"submit\">Afficher</button></form>";
}

std::string version_line(const Version& shown, const std::string& asked) {
    return "<p class=\"version-en-vigueur\">Version en vigueur " +
           (asked.empty() ? std::string("aujourd’hui") : "le " + html_escape(french_date(asked))) + " : " +
           version_kind(shown) + " du " + html_escape(french_date(shown.date)) + "</p>";
}

std::string superseded_line(const Version& in_force) {
    return "<p class=\"version-en-vigueur\">Ce n’est pas la version en vigueur aujourd’hui : voir la <a href=\"" +
           html_escape(in_force.url) + "\">" + version_kind(in_force) + " du " +
           html_escape(french_date(in_force.date)) + "</a>.</p>";
}

std::string versions_html(const std::vector<Version>& versions, const std::string& current) {
    if (versions.empty()) return {};
    std::string out = "<p class=\"versions\">Versions : ";
    for (size_t i = 0; i < versions.size(); ++i) {
        const Version& v = versions[i];
        if (i) out += " · ";
        std::string when = html_escape(french_date(v.date)) + " — " + version_kind(v);
        bool latest = i + 1 == versions.size();
        if (v.doc_id == current)
            out += "<strong aria-current=\"page\">" + when + " (cette version" + (latest ? ", la plus récente" : "") +
                   ")</strong>";
        else
            out += "<a href=\"" + html_escape(v.url) + "\">" + when + (latest ? " (la plus récente)" : "") + "</a>";
    }
    return out + "</p>";
}

std::string history_html(const std::vector<HistoryEntry>& lifecycle, const std::string& version_date,
                         const std::string& work_date) {
    std::string out;
    if (!version_date.empty() && version_date != work_date)
        out +=
            "<p class=\"version\">Version consolidée en vigueur au " + html_escape(french_date(version_date)) + "</p>";
    if (lifecycle.empty()) return out;
    out += "<div class=\"history\"><h2>Historique du texte</h2><ol>";
    for (const auto& e : lifecycle) {
        out += "<li><time datetime=\"" + html_escape(e.date) + "\">" + html_escape(french_date(e.date)) + "</time> — " +
               html_escape(type_word(e.type));
        if (e.type != "generation" && !e.label.empty()) out += " par " + other_text(e);
        out += "</li>";
    }
    return out + "</ol></div>";
}

std::string add_article_notes(const std::string& html, const std::map<std::string, ArticleNotes>& notes) {
    std::string out = html;
    for (const auto& [anchor, n] : notes) {
        if (n.citation.empty() && n.cited_by.empty() && n.amended.empty() && n.modifies.empty()) continue;
        size_t at = out.find("id=\"" + anchor + "\"");
        if (at == std::string::npos) continue;
        // After the unit's own heading: the first "</hN>" that follows.
        size_t h = out.find("</h", at);
        size_t gt = h == std::string::npos ? std::string::npos : out.find('>', h);
        size_t next_unit = out.find(" id=\"", at + anchor.size() + 5);
        if (gt == std::string::npos || (next_unit != std::string::npos && gt > next_unit)) continue;
        std::string block = "<div class=\"notes\">";
        if (!n.citation.empty())
            block += std::string(n.summary ? "<p class=\"cite-as\">Citer le résumé : <cite>"
                                           : "<p class=\"cite-as\">Citer : <cite>") +
                     html_escape(n.citation) + (n.summary ? " (résumé)" : "") + "</cite>" +
                     (n.permalink.empty() ? std::string()
                                          : " · <a href=\"" + html_escape(n.permalink) + "\">lien permanent</a>") +
                     "</p>";
        for (const auto& a : n.amended)
            block += "<p class=\"amended\">Modification : " + html_escape(type_word(a.type)) +
                     (a.date.empty() ? std::string() : " le " + html_escape(french_date(a.date))) + " par " +
                     other_text(a) + "</p>";
        for (const auto& w : n.wording_from)
            block += "<p class=\"wording-from\">Rédaction issue de " +
                     (w.url.empty() ? html_escape(w.prose)
                                    : "<a href=\"" + html_escape(w.url) + "\">" + html_escape(w.prose) + "</a>") +
                     "</p>";
        for (const auto& m : n.modifies) {
            block += "<p class=\"modifies\">Cet article modifie " + html_escape(m.prose);
            if (!m.url.empty()) block += " : <a href=\"" + html_escape(m.url) + "\">voir la version consolidée</a>";
            block += "</p>";
        }
        if (!n.cited_by.empty()) {
            std::set<std::string> agreements;
            for (const auto& c : n.cited_by)
                if (c.doc_type == schema::kTypeAgreement) agreements.insert(c.doc_id);
            block += "<details class=\"cited-by\"><summary>Cité par " + std::to_string(n.cited_by.size()) +
                     (n.cited_by.size() > 1 ? " passages" : " passage");
            if (!agreements.empty())
                block +=
                    ", dont " + std::to_string(agreements.size()) + " convention" + (agreements.size() > 1 ? "s" : "");
            block += "</summary><ul>";
            for (const auto& c : n.cited_by)
                block += "<li><a href=\"" + html_escape(c.url) + "\">" + html_escape(c.doc_title) + " — " +
                         html_escape(c.label) + "</a></li>";
            block += "</ul></details>";
        }
        block += "</div>";
        out.insert(gt + 1, block);
    }
    return out;
}

std::string link_references(const std::string& html,
                            const std::function<std::optional<std::string>(const std::string&)>& resolve) {
    const std::string open = "<span class=\"ref ref-externe\" title=\"";
    std::string out;
    size_t pos = 0;
    while (true) {
        size_t at = html.find(open, pos);
        if (at == std::string::npos) break;
        size_t title_end = html.find('"', at + open.size());
        size_t tag_end = title_end == std::string::npos ? std::string::npos : html.find('>', title_end);
        size_t close = tag_end == std::string::npos ? std::string::npos : html.find("</span>", tag_end);
        if (close == std::string::npos) break;
        out.append(html, pos, at - pos);
        std::string escaped_href = html.substr(at + open.size(), title_end - at - open.size());
        std::string text = html.substr(tag_end + 1, close - tag_end - 1);
        // The title holds the href as the XSLT escaped it; only &amp; matters in a URI.
        std::string href = escaped_href;
        for (size_t a; (a = href.find("&amp;")) != std::string::npos;) href.replace(a, 5, "&");
        if (auto url = resolve(href)) {
            out += "<a class=\"ref\" href=\"" + html_escape(*url) + "\">" + text + "</a>";
        } else {
            out += "<span class=\"ref ref-externe\" title=\"hors corpus : " + escaped_href + "\">" + text + "</span>";
        }
        pos = close + 7;
    }
    out.append(html, pos, std::string::npos);
    return out;
}

std::string link_citations(const std::string& html,
                           const std::function<std::optional<std::string>(const citation::Citation&)>& resolve) {
    std::string out;
    out.reserve(html.size());
    size_t pos = 0;
    int in_link = 0;  // never a link inside a link, nor in a heading (a unit's own number)
    while (pos < html.size()) {
        size_t lt = html.find('<', pos);
        std::string text = html.substr(pos, lt == std::string::npos ? std::string::npos : lt - pos);
        if (in_link == 0 && !text.empty()) {
            size_t done = 0;
            for (const auto& c : citation::find_citations(text)) {
                auto url = resolve(c);
                if (!url) continue;
                out.append(text, done, c.begin - done);
                out += "<a class=\"cite\" href=\"" + html_escape(*url) + "\">";
                out.append(text, c.begin, c.end - c.begin);
                out += "</a>";
                done = c.end;
            }
            out.append(text, done, std::string::npos);
        } else {
            out += text;
        }
        if (lt == std::string::npos) break;
        size_t gt = html.find('>', lt);
        if (gt == std::string::npos) gt = html.size() - 1;
        std::string tag = html.substr(lt, gt - lt + 1);
        bool heading = tag.size() >= 3 && tag[1] == 'h' && tag[2] >= '1' && tag[2] <= '6';
        bool heading_end = tag.size() >= 4 && tag[1] == '/' && tag[2] == 'h' && tag[3] >= '1' && tag[3] <= '6';
        if (tag.compare(0, 3, "<a ") == 0 || tag == "<a>" || heading)
            ++in_link;
        else if ((tag == "</a>" || heading_end) && in_link > 0)
            --in_link;
        out += tag;
        pos = gt + 1;
    }
    return out;
}

}  // namespace coopdec::pages
