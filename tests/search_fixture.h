// @brief A small in-memory index built from Records (no XML), for search tests.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>

#include "common/schema.h"
#include "indexer/document.h"
#include "indexer/gazetteer.h"
#include "indexer/record.h"
#include "search/request.h"
#include "search/search.h"

namespace coopdec::test {

inline Record place_record() {
    Record r;
    r.id = "repertoire";
    r.type = "repertoire";
    r.places = {
        {"plateaux", "Plateaux", "region", "", {}},
        {"ogou", "Ogou", "prefecture", "plateaux", {}},
        {"ogou-1", "Ogou 1", "commune", "ogou", {"Atakpamé"}},
        {"kloto", "Kloto", "prefecture", "plateaux", {}},
        {"kloto-1", "Kloto 1", "commune", "kloto", {"Kpalimé"}},
        {"savanes", "Savanes", "region", "", {}},
        {"tandjoare", "Tandjoaré", "prefecture", "savanes", {"Tandjouaré"}},
        {"tandjoare-1", "Tandjoaré 1", "commune", "tandjoare", {"Tandjouaré 1"}},
    };
    return r;
}

inline Record partnership(const std::string& id, const std::string& commune, const std::string& partner,
                          const std::string& country, const std::string& year, std::vector<std::string> themes) {
    Record r;
    r.id = id;
    r.type = "partenariat";
    r.format = "coopdec";
    r.lang = "fr";
    r.title = "Jumelage " + commune + " – " + partner;
    r.collectivities = {Collectivity{commune, commune, "", "", true}};
    r.partner = partner;
    r.partner_country = country;
    r.start_year = year;
    r.themes = std::move(themes);
    r.nature = "jumelage";
    r.status = "actif";
    return r;
}

inline Unit unit(const std::string& anchor, const std::string& kind, const std::string& label, const std::string& text,
                 const std::string& role = "") {
    Unit u;
    u.anchor = anchor;
    u.kind = kind;
    u.label = label;
    u.text = text;
    u.role = role;
    u.speaker = role.empty() ? "" : "Intervenant";
    return u;
}

// An agreement in French, in the project's format, linked to `partnership`.
inline Record agreement(const std::string& id, const std::string& title, const std::string& date,
                        const std::string& partnership, std::vector<Unit> units) {
    Record r;
    r.id = id;
    r.type = "convention";
    r.format = "coopdec";
    r.lang = "fr";
    r.title = title;
    r.date = date;
    r.partnerships = {partnership};
    r.units = std::move(units);
    return r;
}

// Three partnerships, two agreements, a transcript and a law.
struct SearchFixture {
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    Gazetteer gazetteer;
    PartnershipMap partnerships;

    void add(const Record& r) {
        DocContext ctx = resolve_context(r, gazetteer, partnerships);
        for (auto& u : build_documents(r, ctx, "mem:" + r.id)) db.replace_document(u.id_term, u.document);
    }

    SearchFixture() {
        gazetteer.add(place_record());
        partnerships["part-ogou-niort"] =
            partnership("part-ogou-niort", "ogou-1", "Niort", "FR", "1958", {"eau et assainissement", "santé"});
        partnerships["part-kloto-bressuire"] =
            partnership("part-kloto-bressuire", "kloto-1", "Bressuire", "FR", "1991", {"tourisme"});
        partnerships["part-tandjoare-demo"] =
            partnership("part-tandjoare-demo", "tandjoare-1", "Koudougou", "BF", "2010", {"agriculture"});
        for (const auto& [id, p] : partnerships) add(p);

        Record c1;
        c1.id = "conv-ogou-niort";
        c1.type = "convention";
        c1.format = "coopdec";
        c1.lang = "fr";
        c1.title = "Convention de jumelage Atakpamé – Niort";
        c1.date = "1986-05-12";
        c1.demo = true;
        c1.demo_notice = "Texte rédigé pour la démonstration.";
        c1.partnerships = {"part-ogou-niort"};
        c1.units = {
            unit("art_1", "clause", "Article 1 – Objet",
                 "La présente convention organise la coopération décentralisée entre les collectivités territoriales."),
            unit("art_2", "clause", "Article 2 – Eau",
                 "Les parties financent l'adduction d'eau potable et l'assainissement, conformément à l'article 46 de "
                 "la loi n° 2019-006."),
            unit("art_3", "clause", "Article 3 – Savoir-faire",
                 "Échange de savoir-faire entre les élus et l'État ; mise en œuvre par le comité.")};
        add(c1);

        Record c2;
        c2.id = "conv-kloto-bressuire";
        c2.type = "convention";
        c2.format = "coopdec";
        c2.lang = "fr";
        c2.title = "Convention de coopération Kloto 1 – Bressuire";
        c2.date = "2004-01-20";
        c2.demo = true;
        c2.partnerships = {"part-kloto-bressuire"};
        c2.units = {unit("art_1", "clause", "Article 1", "Promotion du tourisme et de l'artisanat local."),
                    unit("art_2", "clause", "Article 2", "Un comité de suivi se réunit chaque année.")};
        add(c2);

        Record t;
        t.id = "ent-tandjoare";
        t.type = "entretien";
        t.format = "tei";
        t.lang = "fr";
        t.title = "Entretien à Tandjoaré";
        t.date = "2021-03-02";
        t.demo = true;
        t.partnerships = {"part-tandjoare-demo"};
        t.units = {unit("u_1", "enonce", "Maire (maire)", "Le jumelage a apporté des semences et un forage.", "maire"),
                   unit("u_2", "enonce", "Agent (agent-technique)", "Le forage fournit de l'eau au marché.",
                        "agent-technique"),
                   unit("u_3", "enonce", "Maire (maire)", "Les élus ont voté le budget communal.", "maire")};
        add(t);

        Record law;
        law.id = "loi-2019-006";
        law.type = "loi";
        law.format = "akn";
        law.lang = "fr";
        law.title = "Loi n° 2019-006 du 26 juin 2019";
        law.date = "2019-06-26";
        law.units = {unit("art_46", "article", "Article 46",
                          "Résumé : le ministère établit chaque année un rapport sur la coopération décentralisée."),
                     unit("art_9", "article", "Article 9",
                          "Résumé : l'autonomie des collectivités n'empêche pas leur coopération.")};
        add(law);

        db.set_metadata(std::string(schema::kSchemaKey), std::string(schema::kSchemaVersion));
        db.set_metadata(std::string(schema::kLanguagesKey), "fr");
    }
};

// The search of `q` on `db` with the request parameters `params` (as the
// URL gives them; each must be valid).
inline SearchResult run(const Xapian::Database& db, const std::string& q,
                        std::vector<std::pair<std::string, std::string>> params = {}) {
    SearchRequest req;
    req.query = q;
    for (const auto& [k, v] : params) REQUIRE_FALSE(apply_parameter(req, k, v).has_value());
    return search(db, req);
}

}  // namespace coopdec::test
