// @brief coopdec-search: query a coopdec index from the command line, with
// the same search code as the server.
#include <cstdio>
#include <string>

#include "common/main_guard.h"
#include "common/schema.h"
#include "search/request.h"
#include "search/result_json.h"
#include "search/search.h"
#include "search/synonyms.h"

static const char kUsage[] =
    "usage : coopdec-search --db INDEX [--json] [--filter FACETTE=VALEUR]... [--page N]\n"
    "                       [--per-page N] [--sort pertinence|date|date-asc]\n"
    "                       [--facet-values N] [--all-words] [--no-correction]\n"
    "                       [--synonyms FICHIER] [REQUÊTE...]\n"
    "INDEX : le dossier de l'index, ou le fichier qui liste ses fragments (stub Xapian :\n"
    "« auto CHEMIN », « remote HÔTE:PORT » servi par xapian-tcpsrv).\n"
    "Facettes : type, region, prefecture, commune, country, partnership, theme, year,\n"
    "lang, role ; et year_from=AAAA, year_to=AAAA. Une REQUÊTE vide liste tous les documents.\n"
    "--facet-values N : valeurs listées par facette, les plus fréquentes d'abord\n"
    "(100 par défaut, 0 : toutes ; toutes sont comptées).\n"
    "--all-words : seulement les documents qui contiennent tous les mots (par défaut,\n"
    "ceux qui n'en contiennent qu'une partie suivent). --no-correction : jamais de\n"
    "résultats pour la requête corrigée à la place de la requête tapée.\n"
    "Statut : 0 succès, 2 requête ou index invalide.\n";

// Plain-text form of a snippet: <mark> shown as [ ], entities decoded.
static std::string snippet_text(const std::string& html) {
    std::string out;
    for (size_t i = 0; i < html.size();) {
        auto starts = [&](const char* s) { return html.compare(i, std::char_traits<char>::length(s), s) == 0; };
        if (starts("<mark>")) {
            out += '[';
            i += 6;
        } else if (starts("</mark>")) {
            out += ']';
            i += 7;
        } else if (starts("&amp;")) {
            out += '&';
            i += 5;
        } else if (starts("&lt;")) {
            out += '<';
            i += 4;
        } else if (starts("&gt;")) {
            out += '>';
            i += 4;
        } else if (starts("&quot;")) {
            out += '"';
            i += 6;
        } else if (starts("&#39;")) {
            out += '\'';
            i += 5;
        } else
            out += html[i++];
    }
    return out;
}

static int run(int argc, char** argv) {
    std::string db_path, query, synonyms_path;
    bool json = false;
    coopdec::SearchRequest req;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto param = [&](const std::string& name, const std::string& value) {
            if (auto err = coopdec::apply_parameter(req, name, value)) {
                std::fprintf(stderr, "coopdec-search : %s\n", err->message.c_str());
                std::exit(2);
            }
        };
        if (a == "--db" && i + 1 < argc)
            db_path = argv[++i];
        else if (a == "--json")
            json = true;
        else if (a == "--synonyms" && i + 1 < argc)
            synonyms_path = argv[++i];
        else if (a == "--filter" && i + 1 < argc) {
            std::string f = argv[++i];
            size_t eq = f.find('=');
            if (eq == std::string::npos) {
                std::fprintf(stderr, "coopdec-search : --filter attend FACETTE=VALEUR, pas « %s »\n", f.c_str());
                return 2;
            }
            param(f.substr(0, eq), f.substr(eq + 1));
        } else if (a == "--page" && i + 1 < argc)
            param("page", argv[++i]);
        else if (a == "--per-page" && i + 1 < argc)
            param("per_page", argv[++i]);
        else if (a == "--sort" && i + 1 < argc)
            param("sort", argv[++i]);
        else if (a == "--facet-values" && i + 1 < argc)
            param("facet_values", argv[++i]);
        else if (a == "--all-words")
            param("mots", "tous");
        else if (a == "--no-correction")
            param("corriger", "non");
        else if (a == "--help" || a == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        } else if (a.size() > 1 && a[0] == '-' && a[1] == '-') {
            std::fprintf(stderr, "coopdec-search : option inconnue « %s »\n%s", a.c_str(), kUsage);
            return 2;
        } else {
            query += (query.empty() ? "" : " ") + a;
        }
    }
    if (db_path.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    req.query = query;
    try {
        coopdec::Index index = coopdec::Index::open(db_path);
        coopdec::SynonymsFile synonyms(synonyms_path);
        coopdec::SearchResult r = coopdec::search(index, req, synonyms.current().get());
        if (json) {
            std::printf("%s\n", coopdec::to_json(r).c_str());
            return 0;
        }
        if (!r.corrected_from.empty())
            std::printf("Résultats pour : %s ; rechercher plutôt : %s (--no-correction)\n", r.query.c_str(),
                        r.corrected_from.c_str());
        if (r.complete < r.total)
            std::printf("%zu document(s) pour « %s » : %zu contiennent tous les mots, %zu en contiennent une partie\n",
                        r.total, r.query.c_str(), r.complete, r.total - r.complete);
        else
            std::printf("%zu document(s) pour « %s »\n", r.total, r.query.c_str());
        for (const auto& n : r.names) {
            std::string v;
            for (const auto& x : n.values) v += (v.empty() ? "" : " ou ") + x.facet + "=" + x.value;
            std::printf("Interprété comme : « %s » = %s\n", n.text.c_str(), v.c_str());
        }
        if (!r.expansions.empty()) {
            std::string e;
            for (const auto& x : r.expansions) e += (e.empty() ? "" : ", ") + x;
            std::printf("Résultats incluant : %s\n", e.c_str());
        }
        for (const auto& x : r.filter_readings) {
            std::string values;
            for (const auto& [value, label] : x.values) values += (values.empty() ? "" : ", ") + label;
            std::printf("Filtre %s=%s lu comme : %s\n", x.facet.c_str(), x.typed.c_str(), values.c_str());
        }
        if (!r.suggestion.empty()) std::printf("Essayez avec : %s\n", r.suggestion.c_str());
        for (const auto& x : r.relaxations)
            std::printf("Sans le filtre %s=%s : %zu document(s)\n", x.facet.c_str(), x.value.c_str(), x.total);
        for (const auto& d : r.results) {
            std::printf("\n%s%s [%s] %s\n", d.title.c_str(), d.demo ? " (document de démonstration)" : "",
                        d.type.c_str(), d.url.c_str());
            if (!d.missing.empty()) {
                std::string m;
                for (const auto& x : d.missing) m += (m.empty() ? "" : ", ") + x;
                std::printf("  ne contient pas : %s\n", m.c_str());
            }
            for (const auto& p : d.passages)
                std::printf("  %s — %s\n    %s\n", p.label.c_str(), p.url.c_str(), snippet_text(p.snippet).c_str());
        }
        return 0;
    } catch (const coopdec::IndexEmpty& e) {
        // The index is unusable, the request is not wrong: 503, as the server says.
        std::fprintf(stderr, "coopdec-search : %s\n", e.message.c_str());
        if (json) std::printf("%s\n", coopdec::error_json(e.message, 503).c_str());
        return 2;
    } catch (const coopdec::SearchError& e) {
        std::fprintf(stderr, "coopdec-search : %s\n", e.message.c_str());
        if (json) std::printf("%s\n", coopdec::error_json(e.message, 400).c_str());
        return 2;
    } catch (const Xapian::NetworkError& e) {
        std::fprintf(stderr, "coopdec-search : un fragment distant de l'index ne répond pas : %s\n",
                     e.get_msg().c_str());
        return 2;
    } catch (const Xapian::Error& e) {
        std::fprintf(stderr, "coopdec-search : erreur de l'index : %s\n", e.get_msg().c_str());
        return 2;
    }
}

int main(int argc, char** argv) {
    return coopdec::guarded_main("coopdec-search", [&] { return run(argc, argv); });
}
