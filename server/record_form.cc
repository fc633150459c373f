// @brief The partnership declaration form: fields from a POST, checks,
// the record's XML and back, field-by-field comparison.
#include "server/record_form.h"

#include <algorithm>
#include <unordered_map>

#include "common/analysis.h"
#include "common/escape.h"
#include "indexer/extract.h"
#include "indexer/xml_read.h"
#include "search/countries.h"
#include "server/record_terms.h"

namespace coopdec::declaration {
namespace {

using Lookup = std::unordered_map<std::string, std::string>;

// The first value of each field name.
Lookup lookup_of(const http::Params& params) {
    Lookup out;
    for (const auto& [name, value] : params) out.emplace(name, value);
    return out;
}

std::string get(const Lookup& l, const std::string& name) {
    auto it = l.find(name);
    return it == l.end() ? std::string() : it->second;
}

// Single-line values: whitespace runs (line breaks included) become one space.
std::string line(std::string_view s) { return normalize_space(s); }

bool blank(std::initializer_list<const std::string*> fields) {
    return std::all_of(fields.begin(), fields.end(), [](const std::string* f) { return line(*f).empty(); });
}

// The lines of a text area, each whitespace-normalised, empty ones dropped.
std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> out;
    size_t from = 0;
    while (from <= text.size()) {
        size_t end = text.find('\n', from);
        if (end == std::string_view::npos) end = text.size();
        std::string l = line(text.substr(from, end - from));
        if (!l.empty()) out.push_back(std::move(l));
        from = end + 1;
    }
    return out;
}

// The paragraphs of a text area: blocks separated by an empty line.
std::vector<std::string> paragraphs_of(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    size_t from = 0;
    while (from <= text.size()) {
        size_t end = text.find('\n', from);
        if (end == std::string_view::npos) end = text.size();
        std::string l = line(text.substr(from, end - from));
        if (l.empty()) {
            if (!current.empty()) out.push_back(std::move(current));
            current.clear();
        } else {
            current += (current.empty() ? "" : " ") + l;
        }
        from = end + 1;
    }
    if (!current.empty()) out.push_back(std::move(current));
    return out;
}

bool is_year(const std::string& y) {
    return y.size() == 4 && (y.compare(0, 2, "19") == 0 || y.compare(0, 2, "20") == 0) &&
           std::all_of(y.begin(), y.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Empty, or a year: the message for the field otherwise.
void check_year(FieldErrors& errors, const std::string& field, const std::string& value, bool required) {
    std::string y = line(value);
    if (y.empty()) {
        if (required) errors[field] = "indiquez l'année (quatre chiffres, ex. 2023)";
    } else if (!is_year(y)) {
        errors[field] = "« " + y + " » n'est pas une année (quatre chiffres entre 1900 et 2099, ex. 2023)";
    }
}

void check_choice(FieldErrors& errors, const std::string& field, std::span<const terms::Term> list,
                  const std::string& value, const std::string& what) {
    if (!terms::holds(list, value)) errors[field] = "choisissez " + what + " dans la liste";
}

bool web_address(const std::string& href) {
    return (href.rfind("http://", 0) == 0 || href.rfind("https://", 0) == 0) && href.size() > 8 &&
           href.find_first_of(" \t\"<>") == std::string::npos;
}

std::string attr(const char* name, const std::string& value) {
    return std::string(" ") + name + "=\"" + xml_escape(value) + "\"";
}

std::string key_kind(const std::string& key) { return key.substr(0, key.find(':')); }
std::string key_id(const std::string& key) {
    size_t colon = key.find(':');
    return colon == std::string::npos ? std::string() : key.substr(colon + 1);
}

std::string text(const pugi::xml_node& n) { return text_of(n); }
std::string attr_of(const pugi::xml_node& n, const char* name) { return normalize_space(n.attribute(name).value()); }

}  // namespace

RecordForm form_from_params(const http::Params& params) {
    const Lookup l = lookup_of(params);
    RecordForm f;
    f.doc_id = line(get(l, "doc"));
    f.title = get(l, "titre");
    f.notice = get(l, "avertissement");
    f.partner = get(l, "partenaire");
    f.level = line(get(l, "niveau"));
    f.country = line(get(l, "pays"));
    f.nature = line(get(l, "nature"));
    f.start = get(l, "debut");
    f.end = get(l, "fin");
    f.status = line(get(l, "statut"));
    for (const auto& [name, value] : params)
        if (name == "theme" && !line(value).empty() &&
            std::find(f.themes.begin(), f.themes.end(), line(value)) == f.themes.end())
            f.themes.push_back(line(value));
    f.divergences = get(l, "divergences");
    f.description = get(l, "description");
    for (size_t i = 0; i < kMaxRows; ++i) {
        const std::string n = std::to_string(i);
        RecordForm::Place p{line(get(l, "c_cle_" + n)), get(l, "c_nom_" + n)};
        if (!blank({&p.key, &p.name})) f.places.push_back(std::move(p));
        RecordForm::Amount m{get(l, "m_annee_" + n), line(get(l, "m_source_" + n)), get(l, "m_origine_" + n),
                             get(l, "m_montant_" + n)};
        if (!blank({&m.year, &m.origin, &m.fcfa})) f.amounts.push_back(std::move(m));
        RecordForm::Action a{get(l, "a_titre_" + n), get(l, "a_debut_" + n), get(l, "a_fin_" + n),
                             line(get(l, "a_theme_" + n)), line(get(l, "a_statut_" + n))};
        if (!blank({&a.title, &a.start, &a.end})) f.actions.push_back(std::move(a));
        RecordForm::Person r{get(l, "r_nom_" + n), get(l, "r_fonction_" + n), line(get(l, "r_cote_" + n)),
                             get(l, "r_contact_" + n)};
        if (!blank({&r.name, &r.role, &r.contact})) f.people.push_back(std::move(r));
        RecordForm::Source s{get(l, "s_texte_" + n), get(l, "s_url_" + n)};
        if (!blank({&s.text, &s.href})) f.sources.push_back(std::move(s));
    }
    std::string extra = line(get(l, "extra"));
    int rows = kEmptyRows;
    if (!extra.empty() && extra.size() <= 2 &&
        std::all_of(extra.begin(), extra.end(), [](char c) { return c >= '0' && c <= '9'; }))
        rows = std::stoi(extra);
    f.extra_rows = std::clamp(rows, kEmptyRows, 20);
    return f;
}

std::string fcfa_digits(std::string_view typed) {
    std::string s = line(typed);
    for (std::string_view unit : {"FCFA", "F CFA", "fcfa", "francs CFA"})
        if (s.size() > unit.size() && s.compare(s.size() - unit.size(), unit.size(), unit) == 0)
            s = line(s.substr(0, s.size() - unit.size()));
    std::string digits;
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= '0' && c <= '9') {
            digits += s[i];
        } else if (c == ' ' || c == '.' || c == '\'') {
            continue;  // thousands separators
        } else if (s.compare(i, 2, "\u00a0") == 0) {
            ++i;  // no-break space
        } else if (s.compare(i, 3, "\u202f") == 0) {
            i += 2;  // narrow no-break space
        } else {
            return {};
        }
    }
    while (digits.size() > 1 && digits[0] == '0') digits.erase(0, 1);
    if (digits.empty() || digits.size() > 15) return {};
    return digits;
}

FieldErrors check_form(const RecordForm& f, const Choices& choices) {
    FieldErrors e;
    if (!f.doc_id.empty() && (f.doc_id.rfind("part-", 0) != 0 || f.doc_id.size() > 120 ||
                              f.doc_id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos))
        e["doc"] = "identifiant de fiche invalide";
    const std::string title = line(f.title);
    if (title.empty())
        e["titre"] = "donnez un titre à la fiche, ex. « Jumelage Kloto 1 (Kpalimé) – Bressuire »";
    else if (title.size() > 300)
        e["titre"] = "titre trop long (300 caractères au plus)";
    if (f.places.empty()) e["c_cle_0"] = "choisissez au moins une collectivité togolaise";
    for (size_t i = 0; i < f.places.size(); ++i) {
        const std::string n = std::to_string(i);
        if (f.places[i].key.empty())
            e["c_cle_" + n] = "choisissez la collectivité dans la liste";
        else if (!choices.places.count(f.places[i].key))
            e["c_cle_" + n] = "vous ne pouvez pas déclarer de partenariat pour cette collectivité";
        if (line(f.places[i].name).empty()) e["c_nom_" + n] = "indiquez le nom de la collectivité";
    }
    if (line(f.partner).empty()) e["partenaire"] = "indiquez le nom du partenaire étranger";
    check_choice(e, "niveau", terms::partner_levels(), f.level, "le niveau du partenaire");
    if (f.country.size() != 2 || !countries::find(f.country)) e["pays"] = "choisissez le pays du partenaire";
    check_choice(e, "nature", terms::natures(), f.nature, "la nature du partenariat");
    check_choice(e, "statut", terms::statuses(), f.status, "le statut");
    check_year(e, "debut", f.start, false);
    check_year(e, "fin", f.end, false);
    if (!e.count("debut") && !e.count("fin") && !line(f.start).empty() && !line(f.end).empty() &&
        line(f.end) < line(f.start))
        e["fin"] = "l'année de fin précède l'année de début";
    for (const std::string& t : f.themes)
        if (!terms::holds(terms::themes(), t)) e["theme"] = "thème « " + t + " » hors de la liste";
    for (size_t i = 0; i < f.amounts.size(); ++i) {
        const std::string n = std::to_string(i);
        const RecordForm::Amount& m = f.amounts[i];
        check_year(e, "m_annee_" + n, m.year, true);
        check_choice(e, "m_source_" + n, terms::amount_sources(), m.source, "la source du montant");
        if (fcfa_digits(m.fcfa).empty())
            e["m_montant_" + n] = "« " + line(m.fcfa) + " » n'est pas un montant en FCFA (chiffres, ex. 1 500 000)";
        if (m.source == "autre" && line(m.origin).empty()) e["m_origine_" + n] = "nommez cette autre source";
    }
    for (size_t i = 0; i < f.actions.size(); ++i) {
        const std::string n = std::to_string(i);
        const RecordForm::Action& a = f.actions[i];
        if (line(a.title).empty()) e["a_titre_" + n] = "donnez l'intitulé de l'action";
        check_year(e, "a_debut_" + n, a.start, false);
        check_year(e, "a_fin_" + n, a.end, false);
        if (!a.theme.empty() && !terms::holds(terms::themes(), a.theme))
            e["a_theme_" + n] = "choisissez le thème dans la liste";
        check_choice(e, "a_statut_" + n, terms::action_statuses(), a.status, "l'état de l'action");
    }
    for (size_t i = 0; i < f.people.size(); ++i) {
        const std::string n = std::to_string(i);
        const RecordForm::Person& p = f.people[i];
        if (line(p.name).empty()) e["r_nom_" + n] = "indiquez le nom de la personne";
        if (line(p.role).empty()) e["r_fonction_" + n] = "indiquez sa fonction, ex. « Point focal »";
        check_choice(e, "r_cote_" + n, terms::sides(), p.side, "le côté (commune ou partenaire)");
    }
    if (f.sources.empty()) e["s_texte_0"] = "citez au moins une source (document, page web, délibération…)";
    for (size_t i = 0; i < f.sources.size(); ++i) {
        const std::string n = std::to_string(i);
        if (line(f.sources[i].text).empty()) e["s_texte_" + n] = "décrivez la source";
        const std::string href = line(f.sources[i].href);
        if (!href.empty() && !web_address(href))
            e["s_url_" + n] = "adresse web invalide (elle commence par https:// ou http://)";
    }
    return e;
}

std::vector<std::string> form_communes(const RecordForm& form) {
    std::vector<std::string> out;
    for (const auto& p : form.places)
        if (key_kind(p.key) == "commune" && !key_id(p.key).empty() &&
            std::find(out.begin(), out.end(), key_id(p.key)) == out.end())
            out.push_back(key_id(p.key));
    return out;
}

std::string new_record_id(const RecordForm& form) {
    std::vector<std::string> communes = form_communes(form);
    std::string id = "part-" + (communes.empty() ? std::string("sans-commune") : communes.front());
    std::string partner = slug(analysis::fold(line(form.partner)));
    if (partner.size() > 60) partner = slug(partner.substr(0, 60));
    if (!partner.empty()) id += "-" + partner;
    return id;
}

std::string record_xml(const RecordForm& f) {
    const std::string notice = line(f.notice);
    std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<partenariat xmlns=\"urn:x-coopdec:corpus:1\"" +
                    attr("id", f.doc_id) + " xml:lang=\"fr\"" + attr("demo", notice.empty() ? "non" : "oui") + ">\n";
    x += "  <titre>" + xml_escape(line(f.title)) + "</titre>\n";
    if (!notice.empty()) x += "  <avertissement>" + xml_escape(notice) + "</avertissement>\n";
    x += "  <collectivites>\n";
    for (const auto& p : f.places) {
        x += "    <collectivite";
        const std::string kind = key_kind(p.key), id = key_id(p.key);
        if ((kind == "commune" || kind == "prefecture" || kind == "region") && !id.empty()) x += attr(kind.c_str(), id);
        // A place the sources do not tie to a 2019 commune is unconfirmed.
        if (kind == "prefecture" || p.key == "aucune") x += attr("verifie", "non");
        x += ">" + xml_escape(line(p.name)) + "</collectivite>\n";
    }
    x += "  </collectivites>\n";
    x += "  <partenaire" + attr("niveau", f.level) + attr("pays", f.country) + ">" + xml_escape(line(f.partner)) +
         "</partenaire>\n";
    x += "  <nature>" + xml_escape(f.nature) + "</nature>\n";
    x += "  <periode" + attr("debut", line(f.start)) + attr("fin", line(f.end)) + "/>\n";
    x += "  <statut>" + xml_escape(f.status) + "</statut>\n";
    if (!f.themes.empty()) {
        x += "  <themes>";
        for (const auto& t : f.themes) x += "<theme>" + xml_escape(t) + "</theme>";
        x += "</themes>\n";
    }
    for (const auto& d : lines_of(f.divergences)) x += "  <divergence>" + xml_escape(d) + "</divergence>\n";
    if (std::vector<std::string> ps = paragraphs_of(f.description); !ps.empty()) {
        x += "  <description>\n";
        for (const auto& p : ps) x += "    <p>" + xml_escape(p) + "</p>\n";
        x += "  </description>\n";
    }
    if (!f.amounts.empty()) {
        x += "  <financements>\n";
        for (const auto& m : f.amounts) {
            x += "    <montant" + attr("annee", line(m.year)) + attr("source", m.source);
            if (!line(m.origin).empty()) x += attr("origine", line(m.origin));
            x += ">" + fcfa_digits(m.fcfa) + "</montant>\n";
        }
        x += "  </financements>\n";
    }
    if (!f.actions.empty()) {
        x += "  <actions>\n";
        for (const auto& a : f.actions) {
            x += "    <action";
            if (!line(a.start).empty()) x += attr("debut", line(a.start));
            if (!line(a.end).empty()) x += attr("fin", line(a.end));
            if (!a.theme.empty()) x += attr("theme", a.theme);
            x += attr("statut", a.status) + ">" + xml_escape(line(a.title)) + "</action>\n";
        }
        x += "  </actions>\n";
    }
    if (!f.people.empty()) {
        x += "  <responsables>\n";
        for (const auto& p : f.people) {
            x += "    <responsable" + attr("cote", p.side) + attr("fonction", line(p.role));
            if (!line(p.contact).empty()) x += attr("contact", line(p.contact));
            x += ">" + xml_escape(line(p.name)) + "</responsable>\n";
        }
        x += "  </responsables>\n";
    }
    x += "  <sources>\n";
    for (const auto& s : f.sources) {
        x += "    <source";
        if (!line(s.href).empty()) x += attr("href", line(s.href));
        x += ">" + xml_escape(line(s.text)) + "</source>\n";
    }
    x += "  </sources>\n</partenariat>\n";
    return x;
}

bool form_from_xml(std::string_view xml, RecordForm& f, std::string& error) {
    XmlRead read = read_xml(xml, "fiche");
    if (!read.ok()) {
        error = read.error.str();
        return false;
    }
    pugi::xml_node root = read.root();
    if (local_name(root) != "partenariat") {
        error = "ce document n'est pas une fiche de partenariat";
        return false;
    }
    f = RecordForm{};
    f.doc_id = attr_of(root, "id");
    f.title = text(child(root, "titre"));
    f.notice = text(child(root, "avertissement"));
    for (const pugi::xml_node& c : children(child(root, "collectivites"), "collectivite")) {
        RecordForm::Place p;
        for (const char* kind : {"commune", "prefecture", "region"})
            if (!attr_of(c, kind).empty()) {
                p.key = std::string(kind) + ":" + attr_of(c, kind);
                break;
            }
        if (p.key.empty()) p.key = "aucune";
        p.name = text(c);
        f.places.push_back(std::move(p));
    }
    pugi::xml_node partner = child(root, "partenaire");
    f.partner = text(partner);
    f.level = attr_of(partner, "niveau");
    f.country = attr_of(partner, "pays");
    f.nature = text(child(root, "nature"));
    f.start = attr_of(child(root, "periode"), "debut");
    f.end = attr_of(child(root, "periode"), "fin");
    f.status = text(child(root, "statut"));
    for (const pugi::xml_node& t : children(child(root, "themes"), "theme")) f.themes.push_back(text(t));
    for (const pugi::xml_node& d : children(root, "divergence")) f.divergences += text(d) + "\n";
    for (const pugi::xml_node& p : children(child(root, "description"), "p"))
        f.description += (f.description.empty() ? "" : "\n\n") + text(p);
    for (const pugi::xml_node& m : children(child(root, "financements"), "montant"))
        f.amounts.push_back({attr_of(m, "annee"), attr_of(m, "source"), attr_of(m, "origine"), text(m)});
    for (const pugi::xml_node& a : children(child(root, "actions"), "action"))
        f.actions.push_back(
            {text(a), attr_of(a, "debut"), attr_of(a, "fin"), attr_of(a, "theme"), attr_of(a, "statut")});
    for (const pugi::xml_node& r : children(child(root, "responsables"), "responsable"))
        f.people.push_back({text(r), attr_of(r, "fonction"), attr_of(r, "cote"), attr_of(r, "contact")});
    for (const pugi::xml_node& s : children(child(root, "sources"), "source"))
        f.sources.push_back({text(s), attr_of(s, "href")});
    return true;
}

namespace {

// The form as (label, lines) pairs, in the form's order: what a validator
// compares.
std::vector<std::pair<std::string, std::vector<std::string>>> shown(const RecordForm& f) {
    auto one = [](const std::string& v) {
        std::string l = line(v);
        return l.empty() ? std::vector<std::string>{} : std::vector<std::string>{l};
    };
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    out.emplace_back("Titre", one(f.title));
    out.emplace_back("Avertissement (fiche de démonstration)", one(f.notice));
    std::vector<std::string> places;
    for (const auto& p : f.places) places.push_back(line(p.name) + " (" + p.key + ")");
    out.emplace_back("Collectivités togolaises", places);
    out.emplace_back("Partenaire", one(f.partner));
    out.emplace_back("Niveau du partenaire", one(terms::label_of(terms::partner_levels(), f.level)));
    out.emplace_back(
        "Pays du partenaire",
        one(f.country.empty() ? "" : f.country + " (" + std::string(countries::french_name(f.country)) + ")"));
    out.emplace_back("Nature", one(terms::label_of(terms::natures(), f.nature)));
    out.emplace_back("Année de début", one(f.start));
    out.emplace_back("Année de fin", one(f.end));
    out.emplace_back("Statut", one(terms::label_of(terms::statuses(), f.status)));
    out.emplace_back("Thèmes", f.themes);
    out.emplace_back("Divergences des sources", lines_of(f.divergences));
    out.emplace_back("Description", paragraphs_of(f.description));
    std::vector<std::string> rows;
    for (const auto& m : f.amounts)
        rows.push_back(line(m.year) + " · " + terms::label_of(terms::amount_sources(), m.source) +
                       (line(m.origin).empty() ? "" : " (" + line(m.origin) + ")") + " · " + fcfa_digits(m.fcfa) +
                       " FCFA");
    out.emplace_back("Montants mobilisés", rows);
    rows.clear();
    for (const auto& a : f.actions)
        rows.push_back(line(a.title) + " · " + line(a.start) + "–" + line(a.end) + " · " +
                       (a.theme.empty() ? "sans thème" : a.theme) + " · " +
                       terms::label_of(terms::action_statuses(), a.status));
    out.emplace_back("Actions et projets", rows);
    rows.clear();
    for (const auto& p : f.people)
        rows.push_back(line(p.name) + " · " + line(p.role) + " · " + terms::label_of(terms::sides(), p.side) +
                       (line(p.contact).empty() ? "" : " · " + line(p.contact)));
    out.emplace_back("Responsables", rows);
    rows.clear();
    for (const auto& s : f.sources) rows.push_back(line(s.text) + (line(s.href).empty() ? "" : " · " + line(s.href)));
    out.emplace_back("Sources", rows);
    return out;
}

}  // namespace

std::vector<FieldChange> diff_forms(const RecordForm& before, const RecordForm& after) {
    auto a = shown(before), b = shown(after);
    std::vector<FieldChange> out;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].second != b[i].second) out.push_back({a[i].first, a[i].second, b[i].second});
    return out;
}

}  // namespace coopdec::declaration
