// @brief Reading a transcript by speaker or role, and the turns around a hit:
// the pure pieces directly, then the real server on an index of the bundled
// corpus, checked against the TEI files themselves.
#include "search/transcript.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <pugixml.hpp>
#include <regex>
#include <set>

#include "common/escape.h"
#include "indexer/corpus.h"
#include "indexer/extract.h"
#include "server/transcript_page.h"
#include "tests/bundled_server.h"
#include "tests/server_process.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace {

// Every piece of `s` between `open` and the next `close` (libstdc++'s
// regex recurses once per character: no ".*?" over a whole page).
std::vector<std::string> between(const std::string& s, const std::string& open, const std::string& close) {
    std::vector<std::string> out;
    for (size_t at = s.find(open); at != std::string::npos; at = s.find(open, at)) {
        at += open.size();
        size_t end = s.find(close, at);
        if (end == std::string::npos) break;
        out.push_back(s.substr(at, end - at));
        at = end + close.size();
    }
    return out;
}

std::vector<std::string> matches(const std::string& s, const std::string& pattern) {
    std::vector<std::string> out;
    std::regex re(pattern);
    for (std::sregex_iterator it(s.begin(), s.end(), re), end; it != end; ++it) out.push_back((*it)[1].str());
    return out;
}

// ---- The TEI files, read here on their own (not through the extractor) ----

struct TeiTurn {
    std::string anchor, who, text;
};

struct TeiFile {
    std::string id;
    std::map<std::string, std::pair<std::string, std::string>> persons;  // xml:id → (persName, role)
    std::vector<TeiTurn> turns;                                          // spoken u, in order
};

// The words of an utterance: its text outside notes; pauses as "…",
// incidents as "[desc]" (corpus/README.md, the TEI section). `spoken`: a
// word outside those.
void words_of(const pugi::xml_node& n, std::string& out, bool& spoken) {
    for (pugi::xml_node c : n.children()) {
        if (c.type() == pugi::node_pcdata) {
            if (!test::squeeze(c.value()).empty()) spoken = true;
            out += c.value();
            continue;
        }
        std::string name = c.name();
        if (name == "note") continue;
        if (name == "pause")
            out += " … ";
        else if (name == "gap")
            out += " […] ";
        else if (name == "incident" || name == "vocal" || name == "kinesic")
            out += " [" + test::squeeze(c.child("desc").text().get()) + "] ";
        else
            words_of(c, out, spoken);
    }
}

TeiFile read_tei(const std::string& path) {
    pugi::xml_document doc;
    REQUIRE(doc.load_file(path.c_str()));
    TeiFile f;
    pugi::xml_node root = doc.document_element();
    f.id = root.attribute("xml:id").value();
    for (pugi::xpath_node p : doc.select_nodes("//*[local-name()='person']"))
        f.persons[p.node().attribute("xml:id").value()] = {test::squeeze(p.node().child("persName").text().get()),
                                                           p.node().attribute("role").value()};
    for (pugi::xpath_node p : doc.select_nodes("//*[local-name()='u']")) {
        std::string text;
        bool spoken = false;
        words_of(p.node(), text, spoken);
        if (!spoken) continue;
        std::string who = p.node().attribute("who").value();
        // teiCorpo style: the speaker on the enclosing annotationBlock.
        if (who.empty() && std::string(p.node().parent().name()) == "annotationBlock")
            who = p.node().parent().attribute("who").value();
        if (!who.empty() && who[0] == '#') who.erase(0, 1);
        TeiTurn t{p.node().attribute("xml:id").value(), who, test::squeeze(text)};
        REQUIRE(!t.anchor.empty());  // every u of the bundled corpus has its id
        f.turns.push_back(std::move(t));
    }
    return f;
}

std::vector<TeiFile> corpus_transcripts() {
    std::vector<TeiFile> out;
    for (const auto& e : std::filesystem::directory_iterator(test::source_dir() + "/corpus/entretiens"))
        if (e.path().extension() == ".xml") out.push_back(read_tei(e.path().string()));
    REQUIRE(out.size() >= 10);
    return out;
}

// The first / last `n` words of `text`.
std::string first_words(const std::string& text, size_t n) {
    size_t at = 0;
    for (size_t i = 0; i < n && at != std::string::npos; ++i) at = text.find(' ', at + 1);
    return at == std::string::npos ? text : text.substr(0, at);
}

std::string last_words(const std::string& text, size_t n) {
    size_t at = text.size();
    for (size_t i = 0; i < n && at != std::string::npos && at > 0; ++i) at = text.rfind(' ', at - 1);
    return at == std::string::npos ? text : text.substr(at + 1);
}

// ---- One index of the bundled corpus and one server for these tests ----

// The anchors (id="…") of a document's whole page.
std::set<std::string> page_anchors(const std::string& doc_id) {
    auto a = test::bundled_server().get("/doc/" + doc_id);
    REQUIRE(a.status == 200);
    auto ids = matches(a.body, "id=\"([^\"]+)\"");
    return {ids.begin(), ids.end()};
}

// Every anchor a page links to in the whole transcript `doc_id`.
std::vector<std::string> linked_anchors(const std::string& body, const std::string& doc_id) {
    return matches(body, "href=\"/doc/" + doc_id + "(?:\\?[^\"#]*)?#([^\"]+)\"");
}

}  // namespace

// ---- Pure functions ----

TEST_CASE("excerpts of a neighbouring turn cut at a word, never inside a character", "[transcript]") {
    CHECK(excerpt_start("Oui, le 28 avril.", 40) == "Oui, le 28 avril.");
    CHECK(excerpt_end("Oui, le 28 avril.", 40) == "Oui, le 28 avril.");
    CHECK(excerpt_start("Pourquoi trois communes dans le même texte ?", 20) == "Pourquoi trois…");
    CHECK(excerpt_end("Pourquoi trois communes dans le même texte ?", 20) == "…le même texte ?");
    CHECK(excerpt_start("Oui, ensuite", 5) == "Oui…");  // the comma before the cut goes
    // Accented characters count as one; a single long word is cut at a character.
    CHECK(excerpt_start("ééééééééé", 4) == "éééé…");
    CHECK(excerpt_end("ééééééééé", 4) == "…éééé");
    CHECK(excerpt_start("", 10).empty());
    for (size_t n = 1; n < 30; ++n) {
        CAPTURE(n);
        CHECK(valid_utf8(excerpt_start("Agoè-Nyivé 2 a d’autres problèmes que nous", n)));
        CHECK(valid_utf8(excerpt_end("Agoè-Nyivé 2 a d’autres problèmes que nous", n)));
    }
}

TEST_CASE("speakers, roles and the turns a reading selects", "[transcript]") {
    std::vector<coopdec::Turn> turns{{"u_1", "ch", "N. B.", "chercheur", "a"},
                                     {"u_2", "pf", "G. K.", "point-focal", "b"},
                                     {"u_3", "ch", "N. B.", "chercheur", "c"},
                                     {"u_4", "ch2", "K. D.", "chercheur", "d"},
                                     {"u_5", "", "", "", "e"}};
    auto speakers = speakers_of(turns);
    REQUIRE(speakers.size() == 4);
    CHECK(speakers[0].who == "ch");
    CHECK(speakers[0].name == "N. B.");
    CHECK(speakers[0].turns == 2);
    CHECK(speakers[2].who == "ch2");
    CHECK(speakers[3].who.empty());
    CHECK(roles_of(turns) == std::vector<std::pair<std::string, size_t>>{{"chercheur", 3}, {"point-focal", 1}});
    CHECK(select_turns(turns, "ch", "") == std::vector<size_t>{0, 2});
    CHECK(select_turns(turns, "", "chercheur") == std::vector<size_t>{0, 2, 3});
    CHECK(select_turns(turns, "ch2", "chercheur") == std::vector<size_t>{3});
    CHECK(select_turns(turns, "ch", "point-focal").empty());
    CHECK(select_turns(turns, "zz", "").empty());

    std::string nav = pages::speakers_nav("ent-x", turns);
    CHECK(test::contains(
        nav, "<a href=\"/doc/ent-x?locuteur=ch\">N. B.</a> <span class=\"role\">(Chercheur)</span> : 2 interventions"));
    CHECK(test::contains(nav, "<a href=\"/doc/ent-x?role=point-focal\">Point focal coopération</a> (1)"));
    CHECK(test::contains(nav, "<li>Intervenant inconnu : 1 intervention</li>"));  // no id: nothing to link to
    CHECK(pages::speakers_nav("ent-x", {}).empty());
    CHECK(pages::insert_before_transcript("<h1>T</h1><div class=\"transcript\">x</div>", "<nav/>") ==
          "<h1>T</h1><nav/><div class=\"transcript\">x</div>");
}

TEST_CASE("reading parameters: accepted and refused", "[transcript]") {
    auto r = parse_reading({{"locuteur", "ch"}, {"contexte", "1"}, {"q", "eau"}});
    REQUIRE(r);
    CHECK(r->who == "ch");
    CHECK(r->role.empty());
    CHECK(r->context);
    r = parse_reading({{"role", "point-focal"}});
    REQUIRE(r);
    CHECK(r->role == "point-focal");
    CHECK_FALSE(r->context);
    CHECK_FALSE(parse_reading({}));
    CHECK_FALSE(parse_reading({{"q", "eau"}}));

    const http::Params refused[] = {
        {{"locuteur", ""}},
        {{"role", ""}},
        {{"locuteur", "ch"}, {"locuteur", "pf"}},
        {{"role", "maire"}, {"role", "maire"}},
        {{"locuteur", std::string(kMaxReadingValue + 1, 'a')}},
        {{"locuteur", "a\tb"}},
        {{"role", std::string("a\x7f")}},
        {{"contexte", "1"}},
        {{"locuteur", "ch"}, {"contexte", "oui"}},
        {{"locuteur", "ch"}, {"contexte", "1"}, {"contexte", "1"}},
    };
    for (const auto& params : refused) {
        CAPTURE(http::encode_params(params));
        CHECK_THROWS_AS(parse_reading(params), SearchError);
    }
}

TEST_CASE("the extractor keeps each utterance's participant id", "[transcript]") {
    Extraction ex = extract(R"(<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="ent-t" xml:lang="fr">
      <teiHeader><fileDesc><titleStmt><title>T</title></titleStmt></fileDesc>
        <profileDesc><particDesc><listPerson>
          <person xml:id="m" role="maire"><persName>Y. L.</persName></person>
        </listPerson></particDesc></profileDesc></teiHeader>
      <text><body><u who="#m">Bonjour.</u><u who="#x #m">Inconnu.</u><u>Personne.</u></body></text></TEI>)",
                            "ent-t.xml");
    REQUIRE(ex.ok);
    REQUIRE(ex.record.units.size() == 3);
    CHECK(ex.record.units[0].speaker_id == "m");
    CHECK(ex.record.units[1].speaker_id == "x");  // the first pointer, kept as given
    CHECK(ex.record.units[2].speaker_id.empty());
}

// ---- The server ----

TEST_CASE("a transcript by speaker: every turn of that speaker and no other", "[transcript][http]") {
    for (const TeiFile& tei : corpus_transcripts()) {
        const std::set<std::string> anchors = page_anchors(tei.id);
        std::map<std::string, std::vector<std::string>> by_who;  // who → anchors, in order
        for (const auto& t : tei.turns) by_who[t.who].push_back(t.anchor);
        auto whole = test::bundled_server().get("/doc/" + tei.id);
        for (const auto& [who, expected] : by_who) {
            CAPTURE(tei.id, who);
            const auto& [name, role] = tei.persons.at(who);
            auto a = test::bundled_server().get("/doc/" + tei.id + "?locuteur=" + url_encode(who));
            REQUIRE(a.status == 200);
            // The turns shown are exactly that speaker's, in order, under the
            // rendering's own anchors.
            CHECK(matches(a.body, "<div class=\"u\" id=\"([^\"]+)\"") == expected);
            CHECK(test::occurrences(a.body, "<p class=\"speaker\"><span class=\"name\">" + html_escape(name) +
                                                "</span>") == expected.size());
            CHECK(test::occurrences(a.body, "<p class=\"speaker\">") == expected.size());
            // Each links to its moment of the whole transcript; every link lands on an anchor.
            for (const auto& anchor : expected)
                CHECK(test::contains(a.body, "href=\"/doc/" + tei.id + "#" + anchor + "\""));
            for (const auto& anchor : linked_anchors(a.body, tei.id)) {
                CAPTURE(anchor);
                CHECK(anchors.count(anchor) == 1);
            }
            // The speakers list: every speaker, role and number of turns; this one current.
            for (const auto& [other, turns] : by_who) {
                const auto& person = tei.persons.at(other);
                std::string line = ">" + html_escape(person.first) + "</a> <span class=\"role\">(";
                CHECK(test::contains(a.body, "?locuteur=" + url_encode(other) + "\""));
                CHECK(test::contains(a.body, line));
                std::string count =
                    std::to_string(turns.size()) + (turns.size() > 1 ? " interventions" : " intervention");
                CHECK(test::contains(a.body, ")</span> : " + count));
                // The same list on the whole transcript's page, as links.
                CHECK(test::contains(whole.body, "href=\"/doc/" + tei.id + "?locuteur=" + url_encode(other) + "\">" +
                                                     html_escape(person.first) + "</a>"));
            }
            CHECK(test::contains(a.body, "?locuteur=" + url_encode(who) + "\" aria-current=\"page\">"));
            CHECK(test::contains(a.body,
                                 " : " + std::to_string(expected.size()) + " sur " + std::to_string(tei.turns.size())));
            (void)role;
        }
    }
}

TEST_CASE("a transcript by role: every turn of the speakers who have it", "[transcript][http]") {
    bool shared_role = false;
    for (const TeiFile& tei : corpus_transcripts()) {
        std::map<std::string, std::vector<std::string>> by_role;
        std::map<std::string, std::set<std::string>> speakers;
        for (const auto& t : tei.turns) {
            const std::string& role = tei.persons.at(t.who).second;
            by_role[role].push_back(t.anchor);
            speakers[role].insert(t.who);
        }
        for (const auto& [role, expected] : by_role) {
            CAPTURE(tei.id, role);
            shared_role = shared_role || speakers[role].size() > 1;
            auto a = test::bundled_server().get("/doc/" + tei.id + "?role=" + url_encode(role));
            REQUIRE(a.status == 200);
            CHECK(matches(a.body, "<div class=\"u\" id=\"([^\"]+)\"") == expected);
            CHECK(test::contains(a.body, "?role=" + url_encode(role) + "\" aria-current=\"page\">"));
            CHECK(test::contains(a.body, "</a> (" + std::to_string(expected.size()) + ")"));
        }
    }
    CHECK(shared_role);  // the corpus has a transcript with two speakers of one role (ent-vo-1-2025)
}

TEST_CASE("a transcript by speaker shows each turn's context on demand", "[transcript][http]") {
    const TeiFile tei = read_tei(test::source_dir() + "/corpus/entretiens/ent-kloto-1-2022.xml");
    const std::string base = "/doc/" + tei.id + "?locuteur=ch";
    auto plain = test::bundled_server().get(base);
    REQUIRE(plain.status == 200);
    CHECK(test::occurrences(plain.body, "class=\"ctx\"") == 0);
    // Each turn offers its context, landing on that turn.
    CHECK(test::contains(plain.body, "href=\"/doc/" + tei.id + "?locuteur=ch&amp;contexte=1#u_3\">contexte</a>"));
    CHECK(test::contains(plain.body, "href=\"/doc/" + tei.id + "?locuteur=ch&amp;contexte=1\">"));

    auto ctx = test::bundled_server().get(base + "&contexte=1");
    REQUIRE(ctx.status == 200);
    size_t expected = 0;
    for (size_t i = 0; i < tei.turns.size(); ++i) {
        if (tei.turns[i].who != "ch") continue;
        if (i > 0) {
            ++expected;
            const TeiTurn& prev = tei.turns[i - 1];
            CHECK(test::contains(ctx.body, "href=\"/doc/" + tei.id + "#" + prev.anchor + "\">" +
                                               html_escape(tei.persons.at(prev.who).first) + "</a> : "));
            CHECK(test::contains(ctx.body, html_escape(last_words(prev.text, 2)) + "</p>"));
        }
        if (i + 1 < tei.turns.size()) {
            ++expected;
            CHECK(test::contains(ctx.body, html_escape(first_words(tei.turns[i + 1].text, 2))));
        }
    }
    // The first turn (u_1) has only a turn after, the last only a turn before.
    CHECK(tei.turns.front().who == "ch");
    CHECK(tei.turns.back().who == "ch");
    CHECK(test::occurrences(ctx.body, "class=\"ctx\"") == expected);
    CHECK(test::contains(ctx.body, "href=\"/doc/" + tei.id + "?locuteur=ch\">Masquer le contexte</a>"));
}

TEST_CASE("search results show the turns around an utterance, and link to it", "[transcript][http]") {
    std::map<std::string, TeiFile> transcripts;
    for (TeiFile& f : corpus_transcripts()) transcripts[f.id] = std::move(f);
    const std::regex hit_link("<a href=\"/doc/([a-z0-9-]+)\\?q=([^\"#]*)#([^\"]+)\"");
    // "classeur": the middle of an interview; "merci": last turns; the
    // phrase: a first turn.
    bool middle = false, first = false, last = false;
    for (const std::string q :
         {"classeur", "merci", "\"vient de signer une convention\"", "tourisme", "eau potable", "commune"}) {
        CAPTURE(q);
        auto a = test::bundled_server().get("/recherche?type=entretien&q=" + url_encode(q));
        REQUIRE(a.status == 200);
        // One <ul class="passages"> per result, one <li> per passage.
        for (const std::string& list : between(a.body, "<ul class=\"passages\">", "</ul>")) {
            struct Hit {
                std::string item, doc, anchor;
            };
            std::vector<Hit> hits;
            std::set<std::string> anchors;
            // Each <li> has the id « Ajouter au dossier » returns to: left aside here.
            const std::string items = std::regex_replace(list, std::regex("<li id=\"r[0-9a-f]{6}\">"), "<li>");
            for (const std::string& item : between(items, "<li>", "</li>")) {
                std::smatch m;
                if (!std::regex_search(item, m, hit_link)) continue;  // a match in the transcript as a whole
                CHECK(m[2].str() == url_encode(q));                   // highlighted on arrival
                hits.push_back({item, m[1].str(), m[3].str()});
                anchors.insert(m[3].str());
            }
            for (const Hit& h : hits) {
                CAPTURE(h.doc, h.anchor);
                const TeiFile& tei = transcripts.at(h.doc);
                size_t i = 0;
                while (i < tei.turns.size() && tei.turns[i].anchor != h.anchor) ++i;
                REQUIRE(i < tei.turns.size());
                // The hit's own speaker names the link.
                CHECK(test::contains(h.item, ">" + html_escape(tei.persons.at(tei.turns[i].who).first) + " ("));
                size_t ctx = 0;
                // A neighbour that is another passage of the result is not shown twice.
                bool has_before = i > 0 && !anchors.count(tei.turns[i - 1].anchor);
                bool has_after = i + 1 < tei.turns.size() && !anchors.count(tei.turns[i + 1].anchor);
                if (has_before) {
                    const TeiTurn& prev = tei.turns[i - 1];
                    ++ctx;
                    // Before the hit: the speaker, then the end of what was said.
                    std::string line = "<p class=\"ctx\"><b>" + html_escape(tei.persons.at(prev.who).first) + "</b> ";
                    CHECK(h.item.rfind(line, 0) == 0);
                    CHECK(test::contains(h.item, html_escape(last_words(prev.text, 2)) + "</p><a href="));
                } else {
                    CHECK(h.item.rfind("<a href=", 0) == 0);
                }
                if (has_after) {
                    const TeiTurn& next = tei.turns[i + 1];
                    ++ctx;
                    // After it: the speaker, then the start.
                    CHECK(test::contains(h.item, "<p class=\"ctx\"><b>" + html_escape(tei.persons.at(next.who).first) +
                                                     "</b> " + html_escape(first_words(next.text, 2))));
                }
                first = first || i == 0;
                last = last || i + 1 == tei.turns.size();
                middle = middle || (has_before && has_after);
                CHECK(test::occurrences(h.item, "class=\"ctx\"") == ctx);
                // The link lands on an anchor of the whole transcript.
                CHECK(page_anchors(h.doc).count(h.anchor) == 1);
            }
        }
    }
    CHECK(middle);
    CHECK(first);
    CHECK(last);
    // Other documents' passages are as they were: no context lines.
    auto conv = test::bundled_server().get("/recherche?type=convention&q=eau");
    REQUIRE(conv.status == 200);
    CHECK(test::contains(conv.body, "<ul class=\"passages\">"));
    CHECK_FALSE(test::contains(conv.body, "class=\"ctx\""));
}

TEST_CASE("the turns around hits stay within the results page's weight budget", "[transcript][http]") {
    // Ten interviews, two utterances each: forty neighbouring turns at most.
    auto a = test::bundled_server().get("/recherche?type=entretien&q=commune");
    REQUIRE(a.status == 200);
    size_t lines = 0, bytes = 0;
    for (const std::string& line : between(a.body, "<p class=\"ctx\">", "</p>")) {
        ++lines;
        bytes += line.size() + 19;
    }
    CHECK(lines >= 20);
    CHECK(bytes < 4 * 1024);
}

TEST_CASE("a reading by speaker refuses bad input with a French message, escaped", "[transcript][http]") {
    const std::string script = "<script>alert(1)</script>";
    struct Row {
        std::string target;
        int status;
        std::string message;  // as it appears in the page, escaped
    };
    const Row rows[] = {
        {"/doc/ent-kloto-1-2022?locuteur=zz", 404, "aucun intervenant « zz » dans cet entretien"},
        {"/doc/ent-kloto-1-2022?role=maire", 404, "aucun intervenant de rôle « maire » dans cet entretien"},
        {"/doc/ent-kloto-1-2022?locuteur=ch&role=point-focal", 404, "« ch » ne parle pas en tant que « point-focal »"},
        {"/doc/conv-kloto-1-bressuire-1991?locuteur=ch", 400, "ne s&#39;appliquent qu&#39;aux entretiens"},
        {"/doc/akn-tg-act-loi-2019-06-26-2019-006?role=maire", 400, "ne s&#39;appliquent qu&#39;aux entretiens"},
        {"/doc/ent-inconnu?locuteur=ch", 404, "aucun document « ent-inconnu »"},
        {"/doc/ent-kloto-1-2022?locuteur=" + url_encode(script), 404, "« &lt;script&gt;alert(1)&lt;/script&gt; »"},
        {"/doc/ent-kloto-1-2022?role=" + url_encode(script), 404, "&lt;script&gt;"},
        {"/doc/conv-kloto-1-bressuire-1991?role=" + url_encode(script), 400, "aux entretiens"},
        {"/doc/ent-kloto-1-2022?locuteur=" + std::string(5000, 'a'), 400, "trop longue"},
        {"/doc/ent-kloto-1-2022?locuteur=" + std::string(150, 'a'), 404, std::string(60, 'a') + "…"},
        {"/doc/ent-kloto-1-2022?locuteur=", 400, "le paramètre « locuteur » est vide"},
        {"/doc/ent-kloto-1-2022?locuteur=ch&locuteur=pf", 400, "n&#39;est accepté qu&#39;une fois"},
        {"/doc/ent-kloto-1-2022?locuteur=%01", 400, "caractère de contrôle"},
        {"/doc/ent-kloto-1-2022?contexte=1", 400, "« contexte » s&#39;emploie avec « locuteur » ou « role »"},
        {"/doc/ent-kloto-1-2022?locuteur=ch&contexte=" + url_encode(script), 400, "« contexte » vaut 1"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.target.substr(0, 120));
        auto a = test::bundled_server().get(row.target);
        CHECK(a.status == row.status);
        CHECK(a.header("Content-Type") == "text/html; charset=utf-8");
        CHECK(test::contains(a.body, row.message));
        CHECK_FALSE(test::contains(a.body, "<script>"));
    }
}
