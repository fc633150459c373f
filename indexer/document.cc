// @brief Record → Xapian documents, following common/schema.h.
#include "indexer/document.h"

#include <array>
#include <set>
#include <unordered_set>

#include "common/akn_ref.h"
#include "common/analysis.h"
#include "common/citation.h"
#include "common/schema.h"

namespace coopdec {
namespace {

namespace sc = schema;

void add_unique(std::vector<std::string>& values, const std::string& v) {
    if (v.empty()) return;
    for (const auto& x : values)
        if (x == v) return;
    values.push_back(v);
}

// Adds a place and the places containing it to the facets and extra words.
void add_place(DocContext& ctx, const Gazetteer& gaz, std::string_view id) {
    for (const Place* p : gaz.chain(id)) {
        const char* facet = p->level == "commune" ? "commune" : p->level == "prefecture" ? "prefecture" : "region";
        add_unique(ctx.facets[facet], p->name);
        add_unique(ctx.extra_words, p->name);
        for (const auto& alias : p->aliases) add_unique(ctx.extra_words, alias);
        if (p->level == "commune") add_unique(ctx.commune_names, p->name);
    }
}

std::string year_of(std::string_view date) {
    if (date.size() >= 4 && std::isdigit(static_cast<unsigned char>(date[0])) &&
        std::isdigit(static_cast<unsigned char>(date[1])) && std::isdigit(static_cast<unsigned char>(date[2])) &&
        std::isdigit(static_cast<unsigned char>(date[3])))
        return std::string(date.substr(0, 4));
    return {};
}

// The facets a partnership record gives to itself and to linked documents.
// Keep in step with inherited_fields(): the fields of `p` read here are the
// ones a run keeps of every partnership record.
void add_partnership(DocContext& ctx, const Gazetteer& gaz, const Record& p) {
    add_unique(ctx.facets["partnership"], p.id);
    ctx.partnership_titles.emplace_back(p.id, p.title);
    for (const Collectivity& c : p.collectivities) {
        if (!c.commune.empty())
            add_place(ctx, gaz, c.commune);
        else if (!c.prefecture.empty())
            add_place(ctx, gaz, c.prefecture);
        else if (!c.region.empty())
            add_place(ctx, gaz, c.region);
        add_unique(ctx.extra_words, c.name);
    }
    if (!p.partner_country.empty()) add_unique(ctx.facets["country"], p.partner_country);
    for (const auto& t : p.themes) {
        add_unique(ctx.facets["theme"], t);
        add_unique(ctx.extra_words, t);
    }
    add_unique(ctx.extra_words, p.partner);
    if (ctx.partner.empty() && !p.partner.empty())
        ctx.partner = p.partner + (p.partner_country.empty() ? "" : " (" + p.partner_country + ")");
}

}  // namespace

Record inherited_fields(const Record& p) {
    Record r;
    r.id = p.id;
    r.type = p.type;
    r.title = p.title;
    r.collectivities = p.collectivities;
    r.partner = p.partner;
    r.partner_country = p.partner_country;
    r.themes = p.themes;
    return r;
}

namespace {

// Indexes `text` with positions from `pos`: unstemmed folded words with
// positions (phrases), and stemmed "Z" terms without (ranking). Stop words
// get only the positional term, so they match in phrases but never weigh
// in the ranking.
void index_text(Xapian::Document& doc, std::string_view text, const std::string& lang, Xapian::termpos& pos,
                Xapian::termcount wdf = 1) {
    for (const auto& tok : analysis::tokenize(text, lang)) {
        if (tok.term.empty() || tok.term.size() > sc::kMaxTermBytes) continue;
        doc.add_posting(tok.term, ++pos, wdf);
        if (!tok.stop) doc.add_term(std::string(sc::kPrefixStem) + analysis::stem(tok.term, lang), wdf);
    }
    pos += 100;  // a gap, so that no phrase spans two fields
}

// The terms index_text() gives `text`, with the same wdf, without positions:
// the document's length and every weight are what they would be with them.
void index_text_unpositioned(Xapian::Document& doc, std::string_view text, const std::string& lang,
                             Xapian::termcount wdf = 1) {
    for (const auto& tok : analysis::tokenize(text, lang)) {
        if (tok.term.empty() || tok.term.size() > sc::kMaxTermBytes) continue;
        doc.add_term(tok.term, wdf);
        if (!tok.stop) doc.add_term(std::string(sc::kPrefixStem) + analysis::stem(tok.term, lang), wdf);
    }
}

// Words that make the document findable without being in its text: aliases
// of its communes, partner names. No positions, weight 1.
void index_words(Xapian::Document& doc, const std::vector<std::string>& words, const std::string& lang) {
    for (const auto& w : words) {
        for (const auto& tok : analysis::tokenize(w, lang)) {
            if (tok.term.empty() || tok.term.size() > sc::kMaxTermBytes) continue;
            doc.add_term(tok.term);
            if (!tok.stop) doc.add_term(std::string(sc::kPrefixStem) + analysis::stem(tok.term, lang));
        }
    }
}

// Annotation tiers (a transcript's translation, phonetics, or a copy of
// the utterance): each word the document does not have yet, once, without
// position. A tier copying what was said thus adds nothing, and a word both
// said and annotated weighs what it weighs said.
void index_new_words(Xapian::Document& doc, const std::vector<std::string>& texts, const std::string& lang) {
    if (texts.empty()) return;
    std::unordered_set<std::string> have;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) have.insert(*t);
    for (const auto& text : texts) {
        for (const auto& tok : analysis::tokenize(text, lang)) {
            if (tok.term.empty() || tok.term.size() > sc::kMaxTermBytes || !have.insert(tok.term).second) continue;
            doc.add_term(tok.term);
            if (tok.stop) continue;
            std::string stem = std::string(sc::kPrefixStem) + analysis::stem(tok.term, lang);
            if (have.insert(stem).second) doc.add_term(stem);
        }
    }
}

void add_facets(Xapian::Document& doc, const std::map<std::string, std::vector<std::string>>& facets, bool unit_level) {
    for (const sc::Facet& f : sc::kFacets) {
        if (f.per_unit != unit_level) continue;
        auto it = facets.find(std::string(f.name));
        if (it == facets.end() || it->second.empty()) continue;
        for (const auto& v : it->second) doc.add_boolean_term(sc::facet_term(f, v));
        doc.add_value(f.slot, sc::join_values(it->second));
    }
}

// The number an article unit answers to ("Article 12 bis – …" → "12 bis"),
// folded; "" for a unit that is not a numbered article.
std::string article_key(const Unit& unit) {
    for (const auto& c : citation::find_citations(unit.label))
        if (!c.article.empty() && c.act_number.empty()) return analysis::fold(c.article);
    return {};
}

// What a document cites in its text: "<act>#<article>" and "<act>" keys per
// unit, and the labels of the cited provisions for the "legal_basis" facet.
// An article cited without its act belongs to the document's own act in a
// legal text ("l'article 9" in a law); elsewhere it is left out: in an
// agreement "l'article 3" is most often one of its own clauses.
struct Citations {
    std::vector<std::vector<std::string>> keys;  // per unit; the last entry is the summary's (preamble, long title)
    std::vector<std::string> labels;             // per document
};

// "Loi n° 2019-006, art. 46": the label without date or paragraph, so that
// every way of citing one provision gives one facet value.
std::string canonical_label(citation::Citation c) {
    c.act_date.clear();
    c.paragraph.clear();
    return c.label();
}

Citations find_document_citations(const Record& rec) {
    Citations out;
    std::vector<std::vector<citation::Citation>> found;
    for (const auto& unit : rec.units) found.push_back(citation::find_citations(unit.text));
    found.push_back(citation::find_citations(rec.summary));
    const std::string implied = rec.format == "akn" ? rec.act_number : std::string();
    for (auto& cites : found) {
        std::vector<std::string> keys;
        for (auto& c : cites) {
            if (c.act_number.empty() && c.act_kind.empty() && !implied.empty()) {
                c.act_number = implied;
                c.act_kind = "loi";
            }
            std::string act = citation::act_key(c.act_number);
            std::string art = analysis::fold(c.article);
            if (act.empty()) continue;
            add_unique(keys, act);
            if (!art.empty()) add_unique(keys, act + "#" + art);
            // The text's own act is not its legal basis.
            if (rec.format != "akn") add_unique(out.labels, canonical_label(c));
        }
        out.keys.push_back(std::move(keys));
    }
    return out;
}

// The kSlotFacets value, from the facet slots already set on `doc`.
void add_facet_summary(Xapian::Document& doc, const std::string& doc_id) {
    std::array<std::string, sc::kFacets.size()> joined;
    for (size_t f = 0; f < sc::kFacets.size(); ++f) joined[f] = doc.get_value(sc::kFacets[f].slot);
    doc.add_value(sc::kSlotFacets, sc::facet_summary(doc_id, joined));
}

std::string join_lines(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) out += '\n';
        out += v;
    }
    return out;
}

}  // namespace

DocContext resolve_context(const Record& record, const Gazetteer& gaz, const PartnershipMap& partnerships) {
    DocContext ctx;
    for (const auto& label : find_document_citations(record).labels) add_unique(ctx.facets["legal_basis"], label);
    add_unique(ctx.facets["type"], record.type);
    add_unique(ctx.facets["lang"], record.lang);
    std::string year = record.type == sc::kTypePartnership ? record.start_year : year_of(record.date);
    add_unique(ctx.facets["year"], year);
    for (const auto& t : record.themes) {
        add_unique(ctx.facets["theme"], t);
        add_unique(ctx.extra_words, t);
    }
    for (const auto& c : record.communes) add_place(ctx, gaz, c);
    if (record.type == sc::kTypePartnership) {
        add_partnership(ctx, gaz, record);
        // The record's own status only: a document linked to a partnership
        // is not itself in force or stopped.
        add_unique(ctx.facets["status"], record.status.empty() ? "inconnu" : record.status);
    }
    for (const auto& id : record.partnerships) {
        auto it = partnerships.find(id);
        if (it != partnerships.end()) add_partnership(ctx, gaz, it->second);
    }
    return ctx;
}

std::string analysis_lang(const Record& record) { return record.lang.empty() ? "fr" : record.lang; }

namespace {

// The Xapian documents of one record: what they all share, computed once,
// then the document as a whole and each unit's document, step by step.
class RecordDocuments {
public:
    RecordDocuments(const Record& rec, const DocContext& ctx, const std::string& file_key)
        : rec_(rec),
          ctx_(ctx),
          lang_(analysis_lang(rec)),
          file_term_(std::string(sc::kPrefixFile) + file_key),
          doc_term_(std::string(sc::kPrefixDoc) + rec.id),
          date_(rec.type == sc::kTypePartnership ? rec.start_year : rec.date),
          cites_(find_document_citations(rec)),
          own_work_(akn::work_of(rec.work_uri)) {
        if (auto it = ctx.facets.find("year"); it != ctx.facets.end() && !it->second.empty()) year_ = it->second[0];
        for (const auto& unit : rec.units) anchors_.insert(unit.anchor);
    }

    // The document as a whole: title, summary, metadata and every unit's
    // text, so that a query whose words are spread over several units still
    // finds it.
    UnitDocument whole() const {
        UnitDocument u{sc::id_term(rec_.id), Xapian::Document()};
        Xapian::Document& doc = u.document;
        add_shared(doc, sc::kKindDoc, 0);
        doc.add_boolean_term(u.id_term);
        add_whole_references(doc);
        const std::string body = index_whole_text(doc);
        doc.set_data(sc::encode_data(whole_data(body)));
        add_facet_summary(doc, rec_.id);
        return u;
    }

    // The document of `unit`, the `order`-th of the record (from 1).
    UnitDocument unit(const Unit& unit, size_t order) const {
        UnitDocument u{sc::id_term(rec_.id, unit.anchor), Xapian::Document()};
        Xapian::Document& doc = u.document;
        add_shared(doc, unit.kind, order);
        doc.add_boolean_term(u.id_term);
        Xapian::termpos pos = 0;
        index_unit_words(doc, unit, pos);
        if (!unit.role.empty()) add_facets(doc, {{"role", {unit.role}}}, true);
        if (rec_.format == "akn") {
            std::string key = article_key(unit);
            if (!key.empty()) doc.add_boolean_term(sc::make_term(sc::kPrefixArticle, key));
            for (const auto& href : unit.cites) doc.add_boolean_term(ref_term(href));
        }
        for (const auto& key : cites_.keys[order - 1]) doc.add_boolean_term(sc::make_term(sc::kPrefixCite, key));
        doc.set_data(sc::encode_data(unit_data(unit)));
        add_facet_summary(doc, rec_.id);
        return u;
    }

private:
    // Shared by every unit: identity, document-level facets, dates, context words.
    void add_shared(Xapian::Document& doc, std::string_view kind, size_t order) const {
        doc.add_boolean_term(file_term_);
        doc.add_boolean_term(doc_term_);
        doc.add_boolean_term(sc::kind_term(kind));
        doc.add_value(sc::kSlotDoc, rec_.id);
        doc.add_value(sc::kSlotKind, std::string(kind));
        doc.add_value(sc::kSlotOrder, Xapian::sortable_serialise(static_cast<double>(order)));
        if (!date_.empty()) doc.add_value(sc::kSlotDate, date_);
        if (!year_.empty()) doc.add_value(sc::kSlotYear, Xapian::sortable_serialise(std::stod(year_)));
        add_facets(doc, ctx_.facets, false);
        index_words(doc, ctx_.extra_words, lang_);
    }

    // The term of a reference; a ref to a part of a unit of this work
    // ("section-75-2-i") counts for the unit ("section-75").
    std::string ref_term(const std::string& href) const {
        akn::Target t = akn::parse_href(href, own_work_);
        if (t.work == own_work_) {
            std::string f =
                akn::enclosing_unit(t.fragment, [&](const std::string& a) { return anchors_.count(a) > 0; });
            if (!f.empty()) t.fragment = f;
        }
        return sc::make_term(sc::kPrefixRef, akn::target_key(t));
    }

    // What every unit cites, as the document's terms: the document matches a
    // search for a provision exactly when one of its units does. A law's
    // number and work too.
    void add_whole_references(Xapian::Document& doc) const {
        for (const auto& keys : cites_.keys)
            for (const auto& key : keys) doc.add_boolean_term(sc::make_term(sc::kPrefixCite, key));
        if (rec_.format != "akn") return;
        for (const auto& unit : rec_.units)
            for (const auto& href : unit.cites) doc.add_boolean_term(ref_term(href));
        if (!rec_.act_number.empty())
            doc.add_boolean_term(sc::make_term(sc::kPrefixAct, citation::act_key(rec_.act_number)));
        if (!own_work_.empty()) doc.add_boolean_term(sc::make_term(sc::kPrefixWork, own_work_));
    }

    // A unit's words as the unit itself has them: label, heading, text.
    void index_unit_words(Xapian::Document& doc, const Unit& unit, Xapian::termpos& pos) const {
        index_text(doc, unit.label, lang_, pos, 2);
        if (unit.heading != unit.label) index_text(doc, unit.heading, lang_, pos, 2);
        index_text(doc, unit.text, lang_, pos);
    }

    // The same terms and wdf for the document unit, without positions: the
    // unit has them, and a phrase said in it is found in its document
    // through the unit (search/whole_phrase.h).
    void index_unit_words_unpositioned(Xapian::Document& doc, const Unit& unit) const {
        index_text_unpositioned(doc, unit.label, lang_, 2);
        if (unit.heading != unit.label) index_text_unpositioned(doc, unit.heading, lang_, 2);
        index_text_unpositioned(doc, unit.text, lang_);
    }

    // The whole document's words; returns the start of its body, the text
    // stored when it has no summary.
    std::string index_whole_text(Xapian::Document& doc) const {
        Xapian::termpos pos = 0;
        index_text(doc, rec_.title, lang_, pos, 3);
        index_text(doc, rec_.summary, lang_, pos);
        std::vector<std::string> meta{rec_.partner, rec_.nature, rec_.place};
        for (const auto& d : rec_.divergences) meta.push_back(d);
        // A partnership's actions and the people in charge are searched for
        // by their words (« dispensaire », a point focal's name).
        for (const auto& a : rec_.actions) meta.push_back(a.title);
        for (const auto& p : rec_.people) meta.push_back(p.name + " " + p.role);
        for (const auto& s : rec_.sources) meta.push_back(s.text);
        for (const auto& p : rec_.participants) meta.push_back(p.name);
        for (const auto& m : meta) index_text(doc, m, lang_, pos);
        std::string body;
        // Each unit's words with the unit's wdf: whatever words match a unit
        // then match its document's unit, which lets the search count
        // documents on document units alone (search/search.cc, facet
        // counts). Their positions are the unit's only: a phrase said in a
        // unit reaches the document unit through the unit
        // (search/whole_phrase.h), and the positions are not stored twice.
        for (const auto& unit : rec_.units) {
            index_unit_words_unpositioned(doc, unit);
            if (body.size() < 4000) body += (body.empty() ? "" : " ") + unit.text;
        }
        // What no unit holds: found through the document only.
        index_text(doc, rec_.loose_text, lang_, pos);
        if (body.empty()) body = rec_.loose_text.substr(0, 4000);
        index_new_words(doc, rec_.annotations, lang_);
        return body;
    }

    // The stored fields of the document as a whole.
    sc::Data whole_data(const std::string& body) const {
        sc::Data data{{sc::kFieldDoc, rec_.id},
                      {sc::kFieldKind, sc::kKindDoc},
                      {sc::kFieldTitle, rec_.title},
                      {sc::kFieldType, rec_.type},
                      {sc::kFieldDemo, rec_.demo ? "1" : "0"},
                      {sc::kFieldNotice, rec_.demo_notice},
                      {sc::kFieldDate, date_},
                      {sc::kFieldCommunes, join_lines(ctx_.commune_names)},
                      {sc::kFieldPartner, ctx_.partner},
                      {sc::kFieldSummary, rec_.summary},
                      {sc::kFieldLang, lang_},
                      {sc::kFieldPlace, rec_.place},
                      {sc::kFieldFormat, rec_.format},
                      {sc::kFieldText, rec_.summary.empty() ? body : rec_.summary}};
        std::vector<std::string> parts;
        for (const auto& [id, title] : ctx_.partnership_titles) parts.push_back(id + sc::kValueSep + title);
        data[sc::kFieldPartnerships] = join_lines(parts);
        if (auto t = ctx_.facets.find("theme"); t != ctx_.facets.end()) data[sc::kFieldThemes] = join_lines(t->second);
        add_legal_data(data);
        if (rec_.type == sc::kTypePartnership) add_partnership_data(data);
        return data;
    }

    // A law's lifecycle, its modifications and the version it is.
    void add_legal_data(sc::Data& data) const {
        std::vector<std::string> events;
        for (const auto& e : rec_.lifecycle)
            events.push_back(e.date + sc::kValueSep + e.type + sc::kValueSep + e.source_href + sc::kValueSep +
                             e.source_label);
        if (!events.empty()) data[sc::kFieldLifecycle] = join_lines(events);
        std::vector<std::string> modifies;
        for (const auto& m : rec_.modifications)
            modifies.push_back(m.anchor + sc::kValueSep + m.type + sc::kValueSep + m.destination);
        if (!modifies.empty()) data[sc::kFieldModifies] = join_lines(modifies);
        if (!rec_.version_date.empty()) data[sc::kFieldVersion] = rec_.version_date;
    }

    // A partnership's own fields.
    void add_partnership_data(sc::Data& data) const {
        data[sc::kFieldPartnerName] = rec_.partner;
        data[sc::kFieldPartnerLevel] = rec_.partner_level;
        data[sc::kFieldPartnerCountry] = rec_.partner_country;
        data[sc::kFieldNature] = rec_.nature;
        data[sc::kFieldStart] = rec_.start_year;
        data[sc::kFieldEnd] = rec_.end_year;
        data[sc::kFieldStatus] = rec_.status;
        data[sc::kFieldDivergences] = join_lines(rec_.divergences);
        std::vector<std::string> sources;
        for (const auto& src : rec_.sources) sources.push_back(src.href + sc::kValueSep + src.text);
        data[sc::kFieldSources] = join_lines(sources);
        // The annual state, one line per row (schema.h).
        const std::string sep(1, sc::kValueSep);
        std::vector<std::string> rows;
        for (const auto& a : rec_.amounts) rows.push_back(a.year + sep + a.source + sep + a.origin + sep + a.fcfa);
        if (!rows.empty()) data[sc::kFieldAmounts] = join_lines(rows);
        rows.clear();
        for (const auto& a : rec_.actions)
            rows.push_back(a.title + sep + a.start + sep + a.end + sep + a.theme + sep + a.status);
        if (!rows.empty()) data[sc::kFieldActions] = join_lines(rows);
        rows.clear();
        for (const auto& p : rec_.people) rows.push_back(p.name + sep + p.role + sep + p.side + sep + p.contact);
        if (!rows.empty()) data[sc::kFieldPeople] = join_lines(rows);
    }

    // The stored fields of a unit's document, with the amendments of the unit.
    sc::Data unit_data(const Unit& unit) const {
        std::vector<std::string> amended;
        for (const auto& a : rec_.amendments)
            if (a.anchor == unit.anchor)
                amended.push_back(a.date + sc::kValueSep + a.type + sc::kValueSep + a.source_href + sc::kValueSep +
                                  a.source_label);
        // clang-format off
        return {{sc::kFieldDoc, rec_.id},
                {sc::kFieldAnchor, unit.anchor},
                {sc::kFieldKind, unit.kind},
                {sc::kFieldLabel, unit.label},
                {sc::kFieldPath, unit.path},
                {sc::kFieldText, unit.text},
                {sc::kFieldSpeaker, unit.speaker},
                {sc::kFieldWho, unit.speaker_id},
                {sc::kFieldRole, unit.role},
                {sc::kFieldAmended, join_lines(amended)}};
        // clang-format on
    }

    const Record& rec_;
    const DocContext& ctx_;
    const std::string lang_;
    const std::string file_term_;
    const std::string doc_term_;
    const std::string date_;
    const Citations cites_;
    const std::string own_work_;
    std::string year_;
    std::set<std::string> anchors_;
};

}  // namespace

std::vector<UnitDocument> build_documents(const Record& rec, const DocContext& ctx, const std::string& file_key) {
    std::vector<UnitDocument> out;
    // The gazetteer is reference data for the other documents, not a result.
    if (rec.type == sc::kTypeGazetteer) return out;
    RecordDocuments documents(rec, ctx, file_key);
    out.push_back(documents.whole());
    size_t order = 0;
    for (const Unit& unit : rec.units) out.push_back(documents.unit(unit, ++order));
    return out;
}

}  // namespace coopdec
