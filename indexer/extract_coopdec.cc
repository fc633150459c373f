// @brief The project's own formats (urn:x-coopdec:corpus:1) → Record:
// repertoire, partenariat, convention, etude (corpus/FORMAT-DRAFT.md).
//
// pugixml turns a missing element into "" without a word, so every element
// the record needs is checked here, with the position of the offending
// element (or of the root when the element is missing) and a French message:
// "<convention> sans <titre>". All problems of a file are reported, not only
// the first. The RelaxNG schemas (schema_check.h) check the rest of the
// grammar; what is checked here is what the record cannot do without.
// A root without xml:lang is taken as French, the language of the corpus.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "indexer/extract.h"
#include "indexer/extract_formats.h"

namespace coopdec {

namespace {

std::string tag(const pugi::xml_node& n) { return "<" + std::string(local_name(n)) + ">"; }

// Two kinds of identifiers (corpus/schema/common.rng): document and place
// ids [a-z0-9][a-z0-9-]*, and fragment ids of clauses and sections
// [a-z][a-z0-9_-]* ("art_1"), which become URL fragments.
enum class IdKind { document, fragment };

bool valid_id(std::string_view id, IdKind kind) {
    if (id.empty()) return false;
    for (std::size_t i = 0; i < id.size(); ++i) {
        char c = id[i];
        bool letter = c >= 'a' && c <= 'z', digit = c >= '0' && c <= '9';
        bool ok = kind == IdKind::document ? letter || digit || (c == '-' && i > 0)
                                           : letter || (i > 0 && (digit || c == '-' || c == '_'));
        if (!ok) return false;
    }
    return true;
}

// Collects the diagnostics of one file.
struct Checker {
    const XmlSource& src;
    std::vector<Diagnostic>& errors;

    void error(const pugi::xml_node& at, std::string message) { errors.push_back(src.at(at, std::move(message))); }

    // The text of the required child `local` of `parent`; reports it missing or empty.
    std::string required_text(const pugi::xml_node& parent, std::string_view local) {
        pugi::xml_node n = child(parent, local);
        if (!n) {
            error(parent, tag(parent) + " sans <" + std::string(local) + ">");
            return {};
        }
        std::string text = text_of(n);
        if (text.empty()) error(n, "<" + std::string(local) + "> vide dans " + tag(parent));
        return text;
    }

    // The required attribute `name` of `n`; reports it missing or empty.
    std::string required_attr(const pugi::xml_node& n, const char* name) {
        std::string value = normalize_space(n.attribute(name).value());
        if (value.empty()) error(n, tag(n) + " sans attribut " + name);
        return value;
    }

    // An identifier: required, well-formed for its kind, unique among `seen`.
    std::string id(const pugi::xml_node& n, std::unordered_map<std::string, pugi::xml_node>& seen, IdKind kind) {
        std::string value = required_attr(n, "id");
        if (value.empty()) return value;
        if (!valid_id(value, kind)) {
            error(n, tag(n) + " : identifiant « " + value + " » invalide (attendu " +
                         (kind == IdKind::document ? "[a-z0-9][a-z0-9-]*" : "[a-z][a-z0-9_-]*") + ")");
        } else if (auto [it, inserted] = seen.emplace(value, n); !inserted) {
            error(n, "identifiant en double « " + value + " » (déjà à la ligne " +
                         std::to_string(src.at(it->second, "").line) + ")");
        }
        return value;
    }
};

std::vector<std::string> texts(const pugi::xml_node& parent, std::string_view list, std::string_view item) {
    std::vector<std::string> out;
    Distinct distinct(out);
    for (const pugi::xml_node& n : children(child(parent, list), item)) distinct.add(text_of(n));
    return out;
}

std::vector<Source> sources(const pugi::xml_node& root) {
    std::vector<Source> out;
    for (const pugi::xml_node& s : children(child(root, "sources"), "source"))
        out.push_back(Source{normalize_space(s.attribute("href").value()), text_of(s)});
    return out;
}

// Links to partnership records: <partenariats><partenariat ref="..."/>.
void read_partnerships(const pugi::xml_node& root, Checker& check, Record& rec, bool required) {
    pugi::xml_node list = child(root, "partenariats");
    std::vector<pugi::xml_node> items = children(list, "partenariat");
    if (required && items.empty()) check.error(list ? list : root, tag(root) + " sans <partenariat ref>");
    Distinct partnerships(rec.partnerships);
    for (const pugi::xml_node& p : items) partnerships.add(check.required_attr(p, "ref"));
}

// "1.1 – Titre" from num and titre, whichever exist.
std::string label_of(const std::string& num, const std::string& title) {
    if (num.empty()) return title;
    if (title.empty()) return num;
    return num + " – " + title;
}

// A numbered unit, <clause> or <section>: its anchor (the id, unique in
// `seen`), its heading (<titre>) and its label from num and heading; an
// error when it has neither. `num` receives the normalised num attribute.
Unit numbered_unit(const pugi::xml_node& e, const char* kind, Checker& check,
                   std::unordered_map<std::string, pugi::xml_node>& seen, std::string& num) {
    Unit u;
    u.kind = kind;
    u.anchor = check.id(e, seen, IdKind::fragment);
    num = normalize_space(e.attribute("num").value());
    u.heading = text_of(child(e, "titre"));
    u.label = label_of(num, u.heading);
    if (u.label.empty()) check.error(e, tag(e) + " sans attribut num ni <titre>");
    return u;
}

void read_repertoire(const pugi::xml_node& root, Checker& check, Record& rec) {
    std::unordered_map<std::string, pugi::xml_node> seen;
    auto place = [&](const pugi::xml_node& n, const char* level, const std::string& parent) {
        Place p;
        p.id = check.id(n, seen, IdKind::document);
        p.name = check.required_attr(n, "nom");
        p.level = level;
        p.parent = parent;
        p.chef_lieu = normalize_space(n.attribute("chefLieu").value());
        Distinct aliases(p.aliases), former(p.former);
        for (const pugi::xml_node& a : children(n, "alias")) {
            aliases.add(text_of(a));
            if (std::string_view(a.attribute("type").value()) == "ancien-nom") former.add(text_of(a));
        }
        rec.places.push_back(p);
        return p.id;
    };
    for (const pugi::xml_node& region : children(root, "region")) {
        std::string region_id = place(region, "region", "");
        for (const pugi::xml_node& pref : children(region, "prefecture")) {
            std::string pref_id = place(pref, "prefecture", region_id);
            for (const pugi::xml_node& commune : children(pref, "commune")) place(commune, "commune", pref_id);
        }
    }
    if (rec.places.empty()) check.error(root, "<repertoire> sans <region>");
}

void read_partenariat(const pugi::xml_node& root, Checker& check, Record& rec) {
    std::vector<pugi::xml_node> items = children(child(root, "collectivites"), "collectivite");
    if (items.empty()) check.error(root, "<partenariat> sans <collectivites>/<collectivite>");
    Distinct communes(rec.communes);
    for (const pugi::xml_node& c : items) {
        Collectivity col;
        col.name = text_of(c);
        if (col.name.empty()) check.error(c, "<collectivite> vide");
        col.commune = normalize_space(c.attribute("commune").value());
        col.prefecture = normalize_space(c.attribute("prefecture").value());
        col.region = normalize_space(c.attribute("region").value());
        col.verified = std::string_view(c.attribute("verifie").value()) != "non";
        communes.add(col.commune);
        rec.collectivities.push_back(std::move(col));
    }

    pugi::xml_node partner = child(root, "partenaire");
    rec.partner = check.required_text(root, "partenaire");
    rec.partner_level = normalize_space(partner.attribute("niveau").value());
    rec.partner_country = normalize_space(partner.attribute("pays").value());
    bool alpha2 = rec.partner_country.size() == 2 && std::all_of(rec.partner_country.begin(), rec.partner_country.end(),
                                                                 [](char c) { return c >= 'A' && c <= 'Z'; });
    if (partner && !alpha2)
        check.error(partner, "<partenaire> : code pays « " + rec.partner_country +
                                 " » invalide (attendu ISO 3166-1 alpha-2 en majuscules, ex. FR)");

    rec.nature = text_of(child(root, "nature"));
    rec.status = text_of(child(root, "statut"));
    pugi::xml_node period = child(root, "periode");
    rec.start_year = normalize_space(period.attribute("debut").value());
    rec.end_year = normalize_space(period.attribute("fin").value());
    for (const std::string& year : {rec.start_year, rec.end_year}) {
        if (!year.empty() && (year.size() != 4 || normalize_date(year) != year))
            check.error(period, "<periode> : année « " + year + " » invalide (attendu AAAA)");
    }
    // The year the partnership began is the date it is sorted and faceted by.
    rec.date = rec.start_year;
    Distinct divergences(rec.divergences);
    for (const pugi::xml_node& d : children(root, "divergence")) divergences.add(text_of(d));
    rec.summary = text_of(child(root, "description"));
}

void read_convention(const pugi::xml_node& root, Checker& check, Record& rec) {
    read_partnerships(root, check, rec, true);
    pugi::xml_node date = child(root, "date");
    std::string date_text = text_of(date);
    rec.date = normalize_date(date_text);
    if (!date_text.empty() && rec.date != date_text)
        check.error(date, "<date> invalide « " + date_text + " » (attendu AAAA-MM-JJ ou AAAA)");
    rec.place = text_of(child(root, "lieu"));
    Distinct signatories(rec.signatories);
    for (const pugi::xml_node& s : children(child(root, "signataires"), "signataire")) {
        std::string who = text_of(s);
        std::string role = normalize_space(s.attribute("role").value());
        std::string of = normalize_space(s.attribute("collectivite").value());
        std::string detail = role.empty() ? of : (of.empty() ? role : role + ", " + of);
        signatories.add(detail.empty() ? who : who + " (" + detail + ")");
    }
    rec.summary = text_of(child(root, "preambule"));

    std::unordered_map<std::string, pugi::xml_node> seen;
    for (const pugi::xml_node& clause : children(root, "clause")) {
        std::string num;
        Unit u = numbered_unit(clause, schema::kKindClause, check, seen, num);
        u.path = num.empty() ? u.label : num;
        u.text = normalize_space(num + " " + text_of(clause));
        rec.units.push_back(std::move(u));
    }
    if (rec.units.empty()) check.error(root, "<convention> sans <clause>");
}

void read_sections(const pugi::xml_node& parent, const std::string& path, Checker& check,
                   std::unordered_map<std::string, pugi::xml_node>& seen, Record& rec) {
    for (const pugi::xml_node& section : children(parent, "section")) {
        std::string num;
        Unit u = numbered_unit(section, schema::kKindSection, check, seen, num);
        std::string level = normalize_space(num + " " + u.heading);
        u.path = path.empty() ? level : path + " > " + level;
        // A section's own text: nested sections are units of their own.
        u.text = normalize_space(num + " " +
                                 text_of(section, [](const pugi::xml_node& n) { return local_name(n) == "section"; }));
        std::string child_path = u.path;
        rec.units.push_back(std::move(u));
        read_sections(section, child_path, check, seen, rec);
    }
}

void read_etude(const pugi::xml_node& root, Checker& check, Record& rec) {
    std::vector<std::string> authors;
    Distinct distinct_authors(authors);
    for (const pugi::xml_node& a : children(root, "auteur")) distinct_authors.add(text_of(a));
    for (const std::string& a : authors) rec.author += (rec.author.empty() ? "" : "; ") + a;
    rec.date = normalize_date(text_of(child(root, "date")));
    read_partnerships(root, check, rec, false);
    Distinct communes(rec.communes);
    for (const pugi::xml_node& c : children(child(root, "communes"), "commune"))
        communes.add(check.required_attr(c, "ref"));
    std::unordered_map<std::string, pugi::xml_node> seen;
    read_sections(root, "", check, seen, rec);
    if (rec.units.empty()) check.error(root, "<etude> sans <section>");
}

}  // namespace

Extraction extract_coopdec(const pugi::xml_node& root, const XmlSource& src) {
    Extraction out;
    Checker check{src, out.errors};
    Record& rec = out.record;
    rec.type = std::string(local_name(root));
    rec.format = "coopdec";

    std::unordered_map<std::string, pugi::xml_node> root_ids;
    rec.id = check.id(root, root_ids, IdKind::document);
    rec.title = check.required_text(root, "titre");
    rec.lang = normalize_lang(root.attribute("xml:lang").value());
    if (rec.lang.empty()) rec.lang = "fr";

    std::string_view demo = root.attribute("demo").value();
    if (!demo.empty() && demo != "oui" && demo != "non")
        check.error(root, tag(root) + " : attribut demo « " + std::string(demo) + " » invalide (attendu oui ou non)");
    rec.demo = demo == "oui";
    rec.demo_notice = text_of(child(root, "avertissement"));
    if (rec.demo && rec.demo_notice.empty()) check.error(root, tag(root) + " demo=\"oui\" sans <avertissement>");

    rec.themes = texts(root, "themes", "theme");
    rec.sources = sources(root);

    if (rec.type == schema::kTypeGazetteer)
        read_repertoire(root, check, rec);
    else if (rec.type == schema::kTypePartnership)
        read_partenariat(root, check, rec);
    else if (rec.type == schema::kTypeAgreement)
        read_convention(root, check, rec);
    else if (rec.type == schema::kTypeStudy)
        read_etude(root, check, rec);

    out.ok = out.errors.empty();
    return out;
}

}  // namespace coopdec
