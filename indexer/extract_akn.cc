// @brief Akoma Ntoso → Record: FRBR identification, demo marker, one unit per
// provision, references; for any country, language, prefix or document type.
//
// Units rule (per document: the main one and each nested one, i.e. a
// component of a documentCollection or an attachment):
//   1. the lowest-level provisions: article, section, rule, regulation that
//      contain no other of these (an act with sections holding articles
//      gives articles; the UK act, sections only, gives sections);
//   2. and the outermost paragraph, tblock, speech, question or answer
//      elements, and other, narrative, summary or scene elements that have
//      an identifier, that neither sit in a provision nor hold one
//      (schedules and annexes made of paragraphs, memoranda, debates);
//   3. if neither exists, one unit ("texte") per outermost body (body,
//      mainBody, portionBody...) that has text;
//   plus one "preambule" unit for a preamble with text.
// Whatever text no unit takes (meta left out: a debate's loose <p>, an
// <other> without id, the preface, the conclusions) is the record's
// loose_text, so that every text a reader sees is searchable.
// Repeated identifiers are warnings (see check_duplicate_ids()).
// Provisions quoted inside an amendment (quotedStructure, embeddedStructure,
// quotedText) belong to the text being amended: they stay in the text of the
// unit that quotes them and are never units themselves.
// A main document with no unit whose body points to a PDF (componentRef or
// documentRef to a .pdf, or a pdf manifestation) sets pdf_pointer; it is then
// indexed from its metadata only: title, summary and the classification
// keywords, which go to themes (for every AKN document, not only these).
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/akn_ref.h"
#include "indexer/extract.h"
#include "indexer/extract_formats.h"

namespace coopdec {

namespace {

// The document types of AKN 3.0: the child of akomaNtoso, or nested in a
// component or an attachment. Each has its own identifiers and its own units.
bool is_document(std::string_view n) {
    static const std::unordered_set<std::string_view> names = {
        "act",      "amendment",       "amendmentList", "bill",
        "debate",   "debateReport",    "doc",           "documentCollection",
        "judgment", "officialGazette", "portion",       "statement",
    };
    return names.count(n) != 0;
}

bool is_quoted(std::string_view n) { return n == "quotedStructure" || n == "embeddedStructure" || n == "quotedText"; }

// The corpus's editorial placeholder for a part of the outline that is not
// known: <hcontainer name="emplacementNonConnu"><heading>…</heading>.
bool is_editorial_placeholder(const pugi::xml_node& n) {
    return local_name(n) == "hcontainer" && std::string_view(n.attribute("name").value()) == "emplacementNonConnu";
}

bool is_provision(std::string_view n) { return n == "article" || n == "section" || n == "rule" || n == "regulation"; }

bool is_block_unit(std::string_view n) {
    return n == "paragraph" || n == "tblock" || n == "speech" || n == "question" || n == "answer";
}

// The other parts of a debate (AKN's speechSection): units only when they
// carry an identifier; without one their text is the document's loose text.
bool is_debate_part(std::string_view n) { return n == "other" || n == "narrative" || n == "summary" || n == "scene"; }

bool is_body(std::string_view n) {
    // Not collectionBody: its content is documents, which have units of their own.
    return n == "body" || n == "mainBody" || n == "judgmentBody" || n == "debateBody" || n == "portionBody" ||
           n == "amendmentBody";
}

// Marginal and foot notes inside a num, heading or title ("SCHEDULE 1 The
// data protection principles <authorialNote>Section 4(1)</authorialNote>")
// are left out of labels and titles; they stay in the unit's text.
bool is_note(const pugi::xml_node& n) { return local_name(n) == "authorialNote" || local_name(n) == "note"; }

std::string label_text(const pugi::xml_node& n) { return text_of(n, is_note); }

// The identifier attributes AKN files use: eId and wId (AKN 3.0), xml:id
// (some converters), id (AKN 2.0). Each is checked on its own: an element
// routinely carries the same value as eId and wId.
constexpr const char* kIdAttributes[] = {"eId", "wId", "xml:id", "id"};

std::string first_id(const pugi::xml_node& n) {
    for (const char* a : kIdAttributes)
        if (*n.attribute(a).value()) return n.attribute(a).value();
    return {};
}

// The identifier attributes whose repeats are reported: those of
// kIdAttributes, and GUID (AKN 3.0), which never gives an anchor.
constexpr const char* kCheckedIds[] = {"eId", "wId", "xml:id", "id", "GUID"};

// The first kMaxDuplicateWarnings repeats of a file are reported one by one,
// then one line counts the others: a converter that repeats an id in every
// lifecycle event must not flood the run's log.
constexpr std::size_t kMaxDuplicateWarnings = 20;

// Duplicate identifiers are invalid AKN, but real publishers export them
// (Laws.Africa's Indigo repeats eIds in meta: lifecycle eventRefs,
// references): each is a warning at its second occurrence, and the file is
// indexed. Anchors stay unique all the same: the first element keeps the
// id, a later unit with it gets COMPONENT__ID or ID_2, ID_3…
// (UnitMaker::unique_anchor), and a page never repeats an id. Every document
// (and every quoted structure, which carries the ids of the text it amends)
// has its own scope.
void check_duplicate_ids(const pugi::xml_node& root, const XmlSource& src, std::vector<Diagnostic>& warnings) {
    using Seen = std::unordered_map<std::string_view, std::ptrdiff_t>;
    std::vector<std::vector<Seen>> scopes(1, std::vector<Seen>(std::size(kCheckedIds)));
    std::size_t repeats = 0;
    pugi::xml_node first_unreported;
    auto opens_scope = [](const pugi::xml_node& n) { return is_document(local_name(n)) || is_quoted(local_name(n)); };
    auto visit = [&](const pugi::xml_node& n) {
        if (!is_element(n)) return false;
        if (opens_scope(n)) scopes.emplace_back(std::size(kCheckedIds));
        for (std::size_t i = 0; i < std::size(kCheckedIds); ++i) {
            std::string_view value = n.attribute(kCheckedIds[i]).value();
            if (value.empty()) continue;
            auto [it, inserted] = scopes.back()[i].emplace(value, n.offset_debug());
            if (inserted) continue;
            if (++repeats > kMaxDuplicateWarnings) {
                if (!first_unreported) first_unreported = n;
                continue;
            }
            int first_line = line_col(src.contents, it->second).line;
            warnings.push_back(src.at(n, "avertissement : identifiant en double « " + std::string(value) +
                                             " » (déjà à la ligne " + std::to_string(first_line) + ")"));
        }
        return true;
    };
    visit(root);
    walk(root, visit, [&](const pugi::xml_node& n) {
        if (is_element(n) && opens_scope(n)) scopes.pop_back();
    });
    if (first_unreported)
        warnings.push_back(src.at(first_unreported, "avertissement : et " +
                                                        std::to_string(repeats - kMaxDuplicateWarnings) +
                                                        " autres identifiants en double"));
}

std::string_view value_of(const pugi::xml_node& n, const char* attr = "value") { return n.attribute(attr).value(); }

std::string first_nonempty(std::initializer_list<std::string> candidates) {
    for (const std::string& c : candidates)
        if (!c.empty()) return c;
    return {};
}

// "/akn/tg/act/1953-12-01/arrete/!main" → "akn-tg-act-1953-12-01-arrete";
// "http://www.legislation.gov.uk/id/ukpga/1998/29" → "www-legislation-gov-uk-id-ukpga-1998-29".
std::string id_from_work_uri(std::string_view uri) {
    std::size_t scheme = uri.find("://");
    if (scheme != std::string_view::npos) uri.remove_prefix(scheme + 3);
    std::size_t bang = uri.find("/!");
    if (bang != std::string_view::npos) uri = uri.substr(0, bang);
    return slug(uri);
}

// The history: lifecycle events and the modifications other texts made,
// each resolved through meta/references (eId → href, showAs) and dated by
// the lifecycle event that has the same source.
void read_history(const pugi::xml_node& doc, Record& rec) {
    pugi::xml_node meta = child(doc, "meta");
    std::map<std::string, std::pair<std::string, std::string>> refs;  // "#ro2" → (href, showAs)
    for (const pugi::xml_node& r : child(meta, "references").children()) {
        std::string id = r.attribute("eId").value();
        if (id.empty()) id = r.attribute("id").value();
        if (!id.empty()) refs["#" + id] = {r.attribute("href").value(), r.attribute("showAs").value()};
    }
    std::map<std::string, std::string> date_of_source;
    for (const pugi::xml_node& e : children(child(meta, "lifecycle"), "eventRef")) {
        Record::Event ev;
        ev.date = normalize_date(e.attribute("date").value());
        ev.type = e.attribute("type").value();
        std::string source = e.attribute("source").value();
        if (auto it = refs.find(source); it != refs.end()) {
            ev.source_href = it->second.first;
            ev.source_label = it->second.second;
        }
        date_of_source.emplace(source, ev.date);
        rec.lifecycle.push_back(std::move(ev));
    }
    for (const pugi::xml_node& mods : children(child(meta, "analysis"), "passiveModifications")) {
        for (const pugi::xml_node& m : mods.children()) {
            if (!m.attribute("type")) continue;
            std::string source = child(m, "source").attribute("href").value();
            for (const pugi::xml_node& d : children(m, "destination")) {
                Record::Amendment a;
                std::string href = d.attribute("href").value();
                size_t hash = href.find_first_of("#~");
                a.anchor = hash == std::string::npos ? std::string() : href.substr(hash + 1);
                a.type = m.attribute("type").value();
                if (auto it = date_of_source.find(source); it != date_of_source.end()) a.date = it->second;
                if (auto it = refs.find(source); it != refs.end()) {
                    a.source_href = it->second.first;
                    a.source_label = it->second.second;
                } else {
                    a.source_href = source;
                }
                rec.amendments.push_back(std::move(a));
            }
        }
    }
    // The source of an active modification is this text ("#art_3", or its
    // work URI with or without a fragment), or a reference naming it.
    for (const pugi::xml_node& mods : children(child(meta, "analysis"), "activeModifications")) {
        for (const pugi::xml_node& m : mods.children()) {
            if (!m.attribute("type")) continue;
            std::string source = child(m, "source").attribute("href").value();
            if (auto it = refs.find(source); it != refs.end()) source = it->second.first;
            size_t hash = source.find('#');
            std::string anchor = hash == std::string::npos ? std::string() : source.substr(hash + 1);
            for (const pugi::xml_node& d : children(m, "destination")) {
                std::string href = d.attribute("href").value();
                if (!href.empty()) rec.modifications.push_back({anchor, m.attribute("type").value(), href});
            }
        }
    }
}

void read_metadata(const pugi::xml_node& doc, const XmlSource& src, Record& rec) {
    pugi::xml_node meta = child(doc, "meta");
    pugi::xml_node ident = child(meta, "identification");
    pugi::xml_node work = child(ident, "FRBRWork");
    pugi::xml_node expr = child(ident, "FRBRExpression");

    rec.work_uri =
        first_nonempty({std::string(value_of(child(work, "FRBRthis"))), std::string(value_of(child(work, "FRBRuri")))});
    // Laws.Africa numbers an act "6" and puts its year in the URI: "2019-6".
    rec.act_number = akn::numbered_act(value_of(child(work, "FRBRnumber")), rec.work_uri);
    rec.expression_uri =
        first_nonempty({std::string(value_of(child(expr, "FRBRthis"))), std::string(value_of(child(expr, "FRBRuri")))});
    rec.date = first_nonempty({normalize_date(value_of(child(work, "FRBRdate"), "date")),
                               normalize_date(value_of(child(expr, "FRBRdate"), "date"))});
    rec.lang = normalize_lang(value_of(child(expr, "FRBRlanguage"), "language"));
    rec.id = id_from_work_uri(rec.work_uri);
    if (rec.id.empty()) rec.id = id_from_name(src.name);
    // An expression dated in its URI ("…/fra@2019-06-26") is one version of
    // the work: its own id, so that several versions live side by side.
    if (size_t at = rec.expression_uri.find('@'); at != std::string::npos) {
        std::string date = normalize_date(std::string_view(rec.expression_uri).substr(at + 1, 10));
        if (date.size() == 10) rec.version_date = date;
    }
    if (!rec.version_date.empty() && rec.version_date != rec.date) rec.id += "-v" + rec.version_date;

    pugi::xml_node preface = child(doc, "preface");
    rec.summary = label_text(child(preface, "longTitle"));
    // Most specific first: a short title is what people call the text; the
    // long title is often a paragraph (it is the summary anyway).
    rec.title = first_nonempty({
        label_text(descendant(preface, "shortTitle")),
        label_text(descendant(doc, "docTitle")),
        rec.summary,
        std::string(value_of(child(meta, "publication"), "showAs")),
        std::string(value_of(child(work, "FRBRname"), "showAs")),
        std::string(value_of(child(work, "FRBRnumber"), "showAs")),
        std::string(value_of(child(work, "FRBRname"))),
        rec.work_uri,
        rec.id,
    });

    Distinct themes(rec.themes);
    for (const pugi::xml_node& classification : children(meta, "classification"))
        for (const pugi::xml_node& kw : children(classification, "keyword"))
            themes.add(
                normalize_space(first_nonempty({std::string(value_of(kw, "showAs")), std::string(value_of(kw))})));

    for (const pugi::xml_node& proprietary : children(meta, "proprietary")) {
        for (pugi::xml_node n = proprietary.first_child(); n; n = n.next_sibling()) {
            if (is_element(n) && local_name(n) == "demonstration" && namespace_uri(n) == schema::kCoopdecNamespace) {
                rec.demo = true;
                rec.demo_notice = text_of(n);
            }
        }
    }
}

bool ends_with_pdf(std::string_view s) {
    s = s.substr(0, s.find_first_of("?#"));
    if (s.size() < 4) return false;
    std::string tail(s.substr(s.size() - 4));
    for (char& c : tail)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return tail == ".pdf";
}

// The PDF a document's body stands for, or "".
std::string pdf_pointer(const pugi::xml_node& doc) {
    std::string found;
    walk(
        doc,
        [&](const pugi::xml_node& n) {
            if (!found.empty() || !is_element(n) || local_name(n) == "meta") return false;
            for (const char* attr : {"src", "href"})
                if (ends_with_pdf(n.attribute(attr).value())) found = n.attribute(attr).value();
            return found.empty();
        },
        [](const pugi::xml_node&) {});
    if (!found.empty()) return found;
    pugi::xml_node manif = child(child(child(doc, "meta"), "identification"), "FRBRManifestation");
    std::string format(value_of(child(manif, "FRBRformat")));
    if (format.find("pdf") != std::string::npos)
        return first_nonempty(
            {std::string(value_of(child(manif, "FRBRthis"))), std::string(value_of(child(manif, "FRBRuri")))});
    return {};
}

// Builds units from elements of one file: keeps anchors unique across the
// nested documents, and follows noteRefs to the notes of meta/notes, whose
// references are cited by the provision that points to them (the UK act keeps
// its 2,000 references in such commentary notes).
class UnitMaker {
public:
    explicit UnitMaker(const pugi::xml_node& root) {
        walk(
            root,
            [&](const pugi::xml_node& n) {
                if (!is_element(n)) return false;
                if (local_name(n) == "note" && ancestor(n, "notes")) {
                    std::string id = first_id(n);
                    if (!id.empty()) notes_.emplace(id, n);
                    return false;
                }
                return true;
            },
            [](const pugi::xml_node&) {});
    }

    Unit make(const pugi::xml_node& e, const pugi::xml_node& doc, std::string kind) {
        Unit u;
        u.kind = std::move(kind);
        std::string num = label_text(child(e, "num"));
        u.heading = label_text(child(e, "heading"));
        // A debate's speech is named by its speaker (<from>).
        u.speaker = label_text(child(e, "from"));
        std::string name = short_label(u.kind, num, u.heading.empty() ? u.speaker : u.heading);
        u.label = name;
        if (!num.empty() && !u.heading.empty()) u.label += " – " + u.heading;
        u.anchor = unique_anchor(e, u.kind);

        std::vector<std::string> parts;
        for (pugi::xml_node a = e.parent(); a && a != doc && is_element(a); a = a.parent()) {
            const std::string& level = level_of(a);
            if (!level.empty()) parts.insert(parts.begin(), level);
        }
        parts.push_back(name);
        for (const std::string& p : parts) u.path += (u.path.empty() ? "" : " > ") + p;

        // A body may hold nested documents (collectionBody/component): they
        // give units of their own.
        u.text = text_of(e, [](const pugi::xml_node& n) { return is_document(local_name(n)); });
        Distinct cites(u.cites);
        walk(
            e,
            [&](const pugi::xml_node& n) {
                if (!is_element(n)) return false;
                std::string_view local = local_name(n);
                if (local == "ref") cites.add(n.attribute("href").value());
                if (local == "noteRef") cite_note(n.attribute("href").value(), cites);
                return true;
            },
            [](const pugi::xml_node&) {});
        return u;
    }

private:
    // "Article 1" from num "1"; the num itself when it says what it is
    // ("Art. 1.", "CHAPTER I") or for other kinds ("1." for a tblock);
    // else the heading; else the kind.
    static std::string short_label(const std::string& kind, const std::string& num, const std::string& heading) {
        static const std::unordered_map<std::string, std::string> names = {
            {"article", "Article"},       {"section", "Section"},     {"rule", "Rule"},
            {"regulation", "Regulation"}, {"paragraph", "Paragraph"}, {"tblock", "Bloc"},
            {"speech", "Intervention"},   {"question", "Question"},   {"answer", "Réponse"},
            {"preambule", "Préambule"},   {"texte", "Texte"},         {"other", "Passage"},
            {"narrative", "Récit"},       {"summary", "Résumé"},      {"scene", "Scène"},
        };
        auto name = names.find(kind);
        bool numbered_kind =
            kind == "article" || kind == "section" || kind == "rule" || kind == "regulation" || kind == "paragraph";
        if (!num.empty()) return numbered_kind && num[0] >= '0' && num[0] <= '9' ? name->second + " " + num : num;
        if (!heading.empty()) return heading;
        return name != names.end() ? name->second : kind;
    }

    std::string unique_anchor(const pugi::xml_node& e, const std::string& kind) {
        std::string base = first_id(e);
        if (base.empty()) base = kind + "_" + std::to_string(++generated_[kind]);
        std::string anchor = base;
        if (anchors_.count(anchor)) {
            // Nested documents reuse eIds ("tblock_1"): qualify by component.
            pugi::xml_node holder = ancestor(e, "component");
            if (!holder) holder = ancestor(e, "attachment");
            std::string prefix = first_id(holder);
            if (!prefix.empty()) anchor = prefix + "__" + base;
            for (int i = 2; anchors_.count(anchor); ++i) anchor = base + "_" + std::to_string(i);
        }
        anchors_.insert(anchor);
        return anchor;
    }

    // "num heading" of an ancestor of units, computed once per element:
    // child() scans the children, and a body holding 4,000 articles was
    // scanned for every one of them (quadratic: 3 s to extract 880 KB).
    const std::string& level_of(const pugi::xml_node& a) {
        auto [it, inserted] = levels_.try_emplace(a.hash_value());
        // An editorial placeholder (<hcontainer name="emplacementNonConnu">)
        // says where the text's outline is not known: a note, not a level.
        if (inserted && !is_editorial_placeholder(a))
            it->second = normalize_space(label_text(child(a, "num")) + " " + label_text(child(a, "heading")));
        return it->second;
    }

    void cite_note(std::string_view href, Distinct& cites) const {
        if (!href.starts_with("#")) return;
        auto it = notes_.find(std::string(href.substr(1)));
        if (it == notes_.end()) return;
        walk(
            it->second,
            [&](const pugi::xml_node& n) {
                if (is_element(n) && local_name(n) == "ref") cites.add(n.attribute("href").value());
                return is_element(n);
            },
            [](const pugi::xml_node&) {});
    }

    std::unordered_map<std::string, pugi::xml_node> notes_;
    std::unordered_map<std::size_t, std::string> levels_;  // by element hash_value()
    std::unordered_set<std::string> anchors_;
    std::unordered_map<std::string, int> generated_;  // per kind: "speech_1", "speech_2"
};

// The candidate elements of one document, its own only: not its meta, not
// quoted text, not the nested documents (returned in `nested`).
struct Candidates {
    std::vector<pugi::xml_node> parts;  // provisions and blocks, in document order
    std::vector<pugi::xml_node> bodies, preambles, nested;
};

Candidates collect(const pugi::xml_node& doc) {
    Candidates c;
    walk(
        doc,
        [&](const pugi::xml_node& n) {
            if (!is_element(n)) return false;
            std::string_view local = local_name(n);
            if (local == "meta" || is_quoted(local)) return false;
            if (is_document(local)) {
                c.nested.push_back(n);
                return false;
            }
            if (is_provision(local) || is_block_unit(local) || (is_debate_part(local) && !first_id(n).empty()))
                c.parts.push_back(n);
            if (is_body(local)) c.bodies.push_back(n);
            if (local == "preamble") c.preambles.push_back(n);
            return true;
        },
        [](const pugi::xml_node&) {});
    return c;
}

bool is_inside(const pugi::xml_node& n, const pugi::xml_node& container) {
    for (pugi::xml_node a = n.parent(); a; a = a.parent())
        if (a == container) return true;
    return false;
}

bool has_body_ancestor(const pugi::xml_node& n, const pugi::xml_node& doc) {
    for (pugi::xml_node a = n.parent(); a && a != doc; a = a.parent())
        if (is_body(local_name(a))) return true;
    return false;
}

bool has_provision_ancestor(const pugi::xml_node& n, const pugi::xml_node& doc) {
    for (pugi::xml_node a = n.parent(); a && a != doc; a = a.parent())
        if (is_provision(local_name(a))) return true;
    return false;
}

// The text of `doc` that none of `units` holds: meta, nested documents and
// the units' subtrees left out, every non-inline boundary a space.
std::string loose_text(const pugi::xml_node& doc, const std::unordered_set<std::size_t>& unit_nodes) {
    return text_of(doc, [&](const pugi::xml_node& n) {
        std::string_view local = local_name(n);
        return local == "meta" || is_document(local) || unit_nodes.count(n.hash_value()) > 0;
    });
}

// Rules 1 and 2 of the file comment, in document order: the lowest-level
// provisions, and the outermost blocks that neither sit in a provision nor
// hold one (the UK act's schedules are paragraphs outside any section).
std::vector<pugi::xml_node> select_units(const std::vector<pugi::xml_node>& parts, const pugi::xml_node& doc) {
    // Every element that holds a provision, found from the provisions up.
    std::unordered_set<std::size_t> holds_provision;
    for (const pugi::xml_node& n : parts)
        if (is_provision(local_name(n)))
            for (pugi::xml_node a = n.parent(); a && a != doc; a = a.parent()) holds_provision.insert(a.hash_value());

    std::vector<pugi::xml_node> out;
    pugi::xml_node last_block;
    for (const pugi::xml_node& n : parts) {
        if (holds_provision.count(n.hash_value())) continue;
        if (!is_provision(local_name(n))) {
            if (has_provision_ancestor(n, doc) || (last_block && is_inside(n, last_block))) continue;
            last_block = n;
        }
        out.push_back(n);
    }
    return out;
}

}  // namespace

Extraction extract_akn(const pugi::xml_node& root, const XmlSource& src) {
    pugi::xml_node doc;
    for (pugi::xml_node n = root.first_child(); n && !doc; n = n.next_sibling())
        if (is_element(n) && local_name(n) != "components") doc = n;
    if (!doc) return failure(src.at(root, "<" + std::string(root.name()) + "> sans document (act, bill, doc…)"));

    Extraction out;
    check_duplicate_ids(root, src, out.warnings);

    Record& rec = out.record;
    rec.type = schema::kTypeLaw;
    rec.format = "akn";
    rec.akn_name = std::string(local_name(doc));
    read_metadata(doc, src, rec);
    read_history(doc, rec);

    // Document-level references: every ref of the file, meta notes included.
    Distinct cites(rec.cites);
    walk(
        root,
        [&](const pugi::xml_node& n) {
            if (is_element(n) && local_name(n) == "ref") cites.add(n.attribute("href").value());
            return is_element(n);
        },
        [](const pugi::xml_node&) {});

    UnitMaker maker(root);
    // The main document first, then the nested ones in document order: those
    // inside it (collectionBody/component, attachments) and those of
    // akomaNtoso/components, where a documentCollection keeps its parts.
    std::vector<pugi::xml_node> pending{doc};
    for (pugi::xml_node n = doc.next_sibling(); n; n = n.next_sibling())
        if (is_element(n)) pending.push_back(n);
    TextBuilder loose;
    for (std::size_t d = 0; d < pending.size(); ++d) {
        Candidates c = collect(pending[d]);
        pending.insert(pending.end(), c.nested.begin(), c.nested.end());
        std::size_t before = rec.units.size();
        std::unordered_set<std::size_t> unit_nodes;  // by hash_value(), for loose_text()
        for (const pugi::xml_node& p : c.preambles) {
            Unit u = maker.make(p, pending[d], "preambule");
            unit_nodes.insert(p.hash_value());
            if (!u.text.empty()) rec.units.push_back(std::move(u));
        }
        std::size_t preamble_units = rec.units.size() - before;
        for (const pugi::xml_node& e : select_units(c.parts, pending[d])) {
            rec.units.push_back(maker.make(e, pending[d], std::string(local_name(e))));
            unit_nodes.insert(e.hash_value());
        }
        if (rec.units.size() == before + preamble_units) {
            // Rule 3: no structure at all (a memorandum, the emptyHierarchy portion).
            for (const pugi::xml_node& e : c.bodies) {
                if (has_body_ancestor(e, pending[d])) continue;
                Unit u = maker.make(e, pending[d], "texte");
                unit_nodes.insert(e.hash_value());
                if (!u.text.empty()) rec.units.push_back(std::move(u));
            }
        }
        if (d == 0 && rec.units.size() == before + preamble_units) rec.pdf_pointer = pdf_pointer(doc);
        // What no unit took (a debate's loose p, a preface's docNumber…)
        // is searchable all the same, on the document unit.
        loose.brk();
        loose.text(loose_text(pending[d], unit_nodes));
    }
    rec.loose_text = loose.str();
    out.ok = true;
    return out;
}

}  // namespace coopdec
