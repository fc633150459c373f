// @brief Declarations and their review through Router::handle(Incoming), in
// process: the authorization matrix (every role × every action × own or
// other commune), accepting through the publisher, rejecting with a
// comment, amending and submitting again, the form that keeps what was
// typed, the review's field-by-field changes and a document's rendering.
// A test Authenticator gives a Principal per cookie; a fake Publisher
// records what it is asked.
#include <catch2/catch.hpp>

#include <fstream>
#include <functional>
#include <map>
#include <regex>

#include "common/escape.h"
#include "indexer/corpus.h"
#include "server/router.h"
#include "store/submissions.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace declaration_test {

// A record with the annual state, for the tests only: no bundled record
// has amounts (none is ever invented).
const std::string kRecordWithState = R"(<?xml version="1.0" encoding="UTF-8"?>
<partenariat xmlns="urn:x-coopdec:corpus:1" id="part-essai-etat" xml:lang="fr" demo="oui">
  <titre>Partenariat d’essai</titre>
  <avertissement>Fiche d’essai.</avertissement>
  <collectivites><collectivite commune="kloto-1">Kpalimé</collectivite></collectivites>
  <partenaire niveau="commune" pays="FR">Essai-sur-Loire</partenaire>
  <nature>jumelage</nature>
  <periode debut="2015" fin=""/>
  <statut>actif</statut>
  <financements>
    <montant annee="2023" source="commune">1500000</montant>
    <montant annee="2023" source="etat" origine="FACT">2000000</montant>
    <montant annee="2024" source="partenaire">750000</montant>
  </financements>
  <actions>
    <action debut="2019" fin="2021" theme="santé" statut="achevee">Construction du dispensaire de Kpimé</action>
  </actions>
  <responsables>
    <responsable cote="commune" fonction="Point focal" contact="+228 90 00 00 00">A. &lt;K.&gt;</responsable>
  </responsables>
  <sources><source>Fiche d’essai</source></sources>
</partenariat>
)";

void write(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

// The gazetteer, two records of two communes and the test record, indexed
// once per process.
struct SmallIndex {
    test::TempDir dir;
    std::string db = dir / "db";
    SmallIndex() {
        std::string corpus = test::copy_corpus_files(
            dir,
            {"repertoire/togo.xml", "partenariats/part-kloto-1-bressuire.xml", "partenariats/part-ogou-1-niort.xml"});
        write(corpus + "/part-essai-etat.xml", kRecordWithState);
        IndexOptions opt;
        opt.db_path = db;
        opt.inputs = {corpus};
        opt.schema_dir = test::source_dir() + "/corpus/schema";
        std::FILE* log = std::tmpfile();
        IndexSummary s = index_corpus(opt, log);
        std::string text = test::read_and_close(log);
        if (s.errors || s.fatal) throw std::runtime_error("index: " + text);
    }
};

const std::string& small_index() {
    static SmallIndex index;
    return index.db;
}

class TestAuthenticator : public Authenticator {
public:
    std::map<std::string, store::Principal> by_cookie;
    std::optional<store::Principal> who(const Incoming& in) override {
        auto it = by_cookie.find(in.cookie);
        if (it == by_cookie.end()) return std::nullopt;
        return it->second;
    }
};

class FakePublisher : public Publisher {
public:
    std::vector<std::vector<CorpusChange>> checked, published;
    std::vector<std::string> summaries;
    std::vector<std::string> refusal;  // non-empty: every check and publication fails with these
    PublishOutcome check(const std::vector<CorpusChange>& changes) override {
        checked.push_back(changes);
        return {refusal.empty(), refusal, 0};
    }
    PublishOutcome publish(const std::vector<CorpusChange>& changes, const store::Principal&,
                           const std::string& summary) override {
        published.push_back(changes);
        summaries.push_back(summary);
        return {refusal.empty(), refusal, refusal.empty() ? 42 : 0};
    }
};

store::Principal person(int64_t id, const std::string& login, store::Role role, std::vector<std::string> communes) {
    store::Principal p;
    p.account_id = id;
    p.login = login;
    p.name = login;
    p.role = role;
    p.communes = std::move(communes);
    p.csrf_token = "jeton-" + login;
    return p;
}

// A router with its store, publisher and the four people, by cookie:
// "kloto" and "ogou" (contributors of kloto-1 and ogou-1), "valid"
// (validateur), "admin" (administrateur); "" is nobody.
struct Bench {
    test::TempDir state;
    SynonymsFile synonyms{state / "synonymes.txt"};
    Metrics metrics;
    store::SubmissionStore store{state.path()};
    TestAuthenticator auth;
    FakePublisher publisher;
    Router router;

    static ServerConfig config() {
        ServerConfig c;
        c.db_path = small_index();
        return c;
    }
    Bench() : router(config(), synonyms, metrics) {
        auth.by_cookie["kloto"] = person(1, "kloto", store::Role::contributeur, {"kloto-1"});
        auth.by_cookie["ogou"] = person(2, "ogou", store::Role::contributeur, {"ogou-1"});
        auth.by_cookie["valid"] = person(3, "valid", store::Role::validateur, {});
        auth.by_cookie["admin"] = person(4, "admin", store::Role::administrateur, {});
        router.set_authenticator(&auth);
        router.set_publisher(&publisher);
        router.set_submissions(&store);
    }

    http::Response get(const std::string& who, const std::string& target) {
        Incoming in;
        in.method = "GET";
        in.target = target;
        in.cookie = who;
        in.host = "localhost";
        std::string route;
        return router.handle(in, route);
    }
    http::Response post(const std::string& who, const std::string& target, http::Params form) {
        auto it = auth.by_cookie.find(who);
        form.emplace_back("csrf", it == auth.by_cookie.end() ? "" : it->second.csrf_token);
        Incoming in;
        in.method = "POST";
        in.target = target;
        in.cookie = who;
        in.host = "localhost";
        in.origin = "http://localhost";
        in.content_type = "application/x-www-form-urlencoded";
        in.body = http::encode_params(form);
        std::string route;
        return router.handle(in, route);
    }

    // A submission of `communes` as the store keeps it, in `state`.
    int64_t made(const std::vector<std::string>& communes, store::SubmissionState state, int64_t author = 1,
                 const std::string& doc = "part-kloto-1-essai") {
        store::Submission s;
        s.kind = store::SubmissionKind::record;
        s.author = author;
        s.communes = communes;
        s.doc_id = doc;
        s.path = "partenariats/" + doc + ".xml";
        s.title = "Jumelage " + doc;
        s.payload = record_of(communes.front(), doc);
        auto r = store.create(s, 100);
        int64_t id = std::get<int64_t>(r);
        if (state != store::SubmissionState::draft) REQUIRE_FALSE(store.submit(id, 101));
        if (state == store::SubmissionState::rejected) REQUIRE_FALSE(store.reject(id, 3, "À revoir", 102));
        if (state == store::SubmissionState::accepted) REQUIRE_FALSE(store.accept(id, 3, 7, 102));
        return id;
    }

    static std::string record_of(const std::string& commune, const std::string& doc) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<partenariat xmlns=\"urn:x-coopdec:corpus:1\" id=\"" + doc +
               "\" xml:lang=\"fr\" demo=\"non\"><titre>Jumelage " + doc +
               "</titre><collectivites><collectivite commune=\"" + commune + "\">" + commune +
               "</collectivite></collectivites><partenaire niveau=\"commune\" pays=\"FR\">Essai</partenaire>"
               "<nature>jumelage</nature><periode debut=\"2020\" fin=\"\"/><statut>actif</statut>"
               "<sources><source>Délibération du conseil</source></sources></partenariat>\n";
    }
};

// The declaration form as a browser sends it, for `commune`.
http::Params form_for(const std::string& commune, const std::string& partner = "Essai",
                      const std::string& action = "brouillon") {
    return {{"titre", "Jumelage avec " + partner},
            {"c_cle_0", "commune:" + commune},
            {"c_nom_0", ""},
            {"partenaire", partner},
            {"niveau", "commune"},
            {"pays", "FR"},
            {"nature", "jumelage"},
            {"debut", "2020"},
            {"statut", "actif"},
            {"theme", "santé"},
            {"m_annee_0", "2024"},
            {"m_source_0", "commune"},
            {"m_montant_0", "1 000 000"},
            {"s_texte_0", "Délibération du conseil municipal"},
            {"action", action}};
}

http::Params with(http::Params p, const std::string& name, const std::string& value) {
    for (auto& [n, v] : p)
        if (n == name) {
            v = value;
            return p;
        }
    p.emplace_back(name, value);
    return p;
}

// The submission id at the end of a 303 to /espace/fiche/ID?… or ?soumis=ID.
int64_t id_in(const std::string& where) {
    size_t at = where.find_first_of("0123456789");
    return at == std::string::npos ? 0 : std::stoll(where.substr(at));
}

}  // namespace declaration_test

using namespace declaration_test;

TEST_CASE("Authorization matrix of declarations and review: every role, every action, own and other commune",
          "[declaration][authorization]") {
    const std::vector<std::string> people{"kloto", "ogou", "valid", "admin", ""};
    struct Action {
        std::string name;
        std::function<int(Bench&, const std::string&)> run;
        std::vector<int> expected;  // kloto, ogou, valid, admin, nobody
    };
    using S = store::SubmissionState;
    const std::vector<Action> actions{
        {"new form",
         [](Bench& b, const std::string& w) { return b.get(w, "/espace/fiche/nouvelle").status; },
         {200, 200, 200, 403, 303}},
        {"modify form of kloto-1's published record",
         [](Bench& b, const std::string& w) {
             return b.get(w, "/espace/fiche/modifier/part-kloto-1-bressuire").status;
         },
         {200, 403, 200, 403, 303}},
        {"read kloto-1's draft",
         [](Bench& b, const std::string& w) {
             return b.get(w, "/espace/fiche/" + std::to_string(b.made({"kloto-1"}, S::draft))).status;
         },
         {200, 404, 200, 404, 303}},
        {"amend kloto-1's draft",
         [](Bench& b, const std::string& w) {
             int64_t id = b.made({"kloto-1"}, S::draft);
             return b.post(w, "/espace/fiche/enregistrer", with(form_for("kloto-1"), "id", std::to_string(id))).status;
         },
         {303, 404, 303, 403, 401}},
        {"amend kloto-1's draft into ogou-1's",
         [](Bench& b, const std::string& w) {
             int64_t id = b.made({"kloto-1"}, S::draft);
             int status =
                 b.post(w, "/espace/fiche/enregistrer", with(form_for("ogou-1"), "id", std::to_string(id))).status;
             if (w != "valid") CHECK(b.store.get(id)->payload == Bench::record_of("kloto-1", "part-kloto-1-essai"));
             return status;
         },
         {403, 404, 303, 403, 401}},
        {"declare for kloto-1",
         [](Bench& b, const std::string& w) {
             return b.post(w, "/espace/fiche/enregistrer", form_for("kloto-1")).status;
         },
         {303, 403, 303, 403, 401}},
        {"declare for ogou-1",
         [](Bench& b, const std::string& w) {
             return b.post(w, "/espace/fiche/enregistrer", form_for("ogou-1")).status;
         },
         {403, 303, 303, 403, 401}},
        {"modify kloto-1's published record",
         [](Bench& b, const std::string& w) {
             return b.post(w, "/espace/fiche/enregistrer", with(form_for("kloto-1"), "doc", "part-kloto-1-bressuire"))
                 .status;
         },
         {303, 403, 303, 403, 401}},
        {"submit kloto-1's draft",
         [](Bench& b, const std::string& w) {
             int64_t id = b.made({"kloto-1"}, S::draft);
             return b
                 .post(w, "/espace/fiche/enregistrer",
                       with(form_for("kloto-1", "Essai", "soumettre"), "id", std::to_string(id)))
                 .status;
         },
         {303, 404, 303, 403, 401}},
        {"amend kloto-1's submitted record",
         [](Bench& b, const std::string& w) {
             int64_t id = b.made({"kloto-1"}, S::submitted);
             return b.post(w, "/espace/fiche/enregistrer", with(form_for("kloto-1"), "id", std::to_string(id))).status;
         },
         {403, 404, 403, 403, 401}},
        {"contributions",
         [](Bench& b, const std::string& w) { return b.get(w, "/espace/contributions").status; },
         {200, 200, 200, 403, 303}},
        {"review queue",
         [](Bench& b, const std::string& w) { return b.get(w, "/revue").status; },
         {403, 403, 200, 403, 303}},
        {"review kloto-1's submission",
         [](Bench& b, const std::string& w) {
             return b.get(w, "/revue/" + std::to_string(b.made({"kloto-1"}, S::submitted))).status;
         },
         {403, 403, 200, 403, 303}},
        {"accept kloto-1's submission",
         [](Bench& b, const std::string& w) {
             int64_t id = b.made({"kloto-1"}, S::submitted);
             int status = b.post(w, "/revue/accepter", {{"id", std::to_string(id)}}).status;
             CHECK((b.store.get(id)->state == S::accepted) == (status == 303));
             return status;
         },
         {403, 403, 303, 403, 401}},
        {"reject kloto-1's submission",
         [](Bench& b, const std::string& w) {
             int64_t id = b.made({"kloto-1"}, S::submitted);
             int status = b.post(w, "/revue/refuser", {{"id", std::to_string(id)}, {"commentaire", "Non"}}).status;
             CHECK((b.store.get(id)->state == S::rejected) == (status == 303));
             return status;
         },
         {403, 403, 303, 403, 401}},
    };
    for (const Action& a : actions)
        for (size_t i = 0; i < people.size(); ++i) {
            Bench b;
            INFO(a.name << " by « " << people[i] << " »");
            CHECK(a.run(b, people[i]) == a.expected[i]);
        }
}

TEST_CASE("A contributor sees only their communes' contributions", "[declaration][authorization]") {
    Bench b;
    b.made({"kloto-1"}, store::SubmissionState::draft, 1, "part-kloto-1-secret");
    b.made({"ogou-1"}, store::SubmissionState::draft, 2, "part-ogou-1-autre");
    std::string kloto = b.get("kloto", "/espace/contributions").body;
    CHECK(test::contains(kloto, "part-kloto-1-secret"));
    CHECK_FALSE(test::contains(kloto, "part-ogou-1-autre"));
    std::string ogou = b.get("ogou", "/espace/contributions").body;
    CHECK_FALSE(test::contains(ogou, "part-kloto-1-secret"));
    // A POST without the session's token never reaches the handler.
    Incoming in;
    in.method = "POST";
    in.target = "/revue/accepter";
    in.cookie = "valid";
    in.host = "localhost";
    in.origin = "http://localhost";
    in.content_type = "application/x-www-form-urlencoded";
    in.body = "id=1";
    std::string route;
    CHECK(b.router.handle(in, route).status == 403);
}

TEST_CASE("Accepting publishes the submitted file, then records the decision", "[declaration][review]") {
    Bench b;
    http::Response saved = b.post("kloto", "/espace/fiche/enregistrer", form_for("kloto-1", "Essai", "soumettre"));
    REQUIRE(saved.status == 303);
    const int64_t id = id_in(saved.header("Location"));
    REQUIRE(b.store.get(id)->state == store::SubmissionState::submitted);
    const std::string payload = b.store.get(id)->payload;
    CHECK(test::contains(payload, "<montant annee=\"2024\" source=\"commune\">1000000</montant>"));
    CHECK(test::contains(payload, "<collectivite commune=\"kloto-1\">Kpalimé</collectivite>"));

    // A refused publication: its messages shown, the submission left as it is.
    b.publisher.refusal = {"partenariats/part-kloto-1-essai.xml:3:1: identifiant en double"};
    http::Response refused = b.post("valid", "/revue/accepter", {{"id", std::to_string(id)}});
    CHECK(refused.status == 409);
    CHECK(test::contains(refused.body, "identifiant en double"));
    CHECK(b.store.get(id)->state == store::SubmissionState::submitted);

    b.publisher.refusal.clear();
    b.publisher.published.clear();
    http::Response accepted = b.post("valid", "/revue/accepter", {{"id", std::to_string(id)}});
    CHECK(accepted.status == 303);
    REQUIRE(b.publisher.published.size() == 1);
    REQUIRE(b.publisher.published[0].size() == 1);
    CHECK(b.publisher.published[0][0].path == "partenariats/part-kloto-1-essai.xml");
    CHECK(b.publisher.published[0][0].content == payload);
    CHECK_FALSE(b.publisher.published[0][0].remove);
    CHECK(b.publisher.summaries.back() ==
          "Fiche acceptée : Jumelage avec Essai (contribution n° " + std::to_string(id) + ")");
    auto s = b.store.get(id);
    CHECK(s->state == store::SubmissionState::accepted);
    CHECK(s->publication == 42);
    CHECK(s->reviewer == 3);
    // Twice: refused, nothing published again.
    CHECK(b.post("valid", "/revue/accepter", {{"id", std::to_string(id)}}).status == 403);
    CHECK(b.publisher.published.size() == 1);
    CHECK(b.get("valid", "/revue/999999").status == 404);
}

TEST_CASE("Rejecting needs a comment, the contributor reads it, amends and submits again", "[declaration][review]") {
    Bench b;
    const int64_t id = b.made({"kloto-1"}, store::SubmissionState::submitted);
    http::Response no_comment = b.post("valid", "/revue/refuser", {{"id", std::to_string(id)}, {"commentaire", "  "}});
    CHECK(no_comment.status == 400);
    CHECK(test::contains(no_comment.body, "le commentaire est obligatoire"));
    CHECK(b.store.get(id)->state == store::SubmissionState::submitted);

    REQUIRE(
        b.post("valid", "/revue/refuser", {{"id", std::to_string(id)}, {"commentaire", "Montant <2024> à préciser"}})
            .status == 303);
    auto s = b.store.get(id);
    CHECK(s->state == store::SubmissionState::rejected);
    CHECK(s->comment == "Montant <2024> à préciser");

    std::string list = b.get("kloto", "/espace/contributions").body;
    CHECK(test::contains(list, "Montant &lt;2024&gt; à préciser"));
    CHECK(test::contains(list,
                         "<a href=\"/espace/fiche/" + std::to_string(id) + "\">Modifier et soumettre à nouveau</a>"));
    http::Response form = b.get("kloto", "/espace/fiche/" + std::to_string(id));
    CHECK(form.status == 200);
    CHECK(test::contains(form.body, "Montant &lt;2024&gt; à préciser"));
    CHECK(test::contains(form.body, "value=\"Jumelage part-kloto-1-essai\""));

    http::Response again = b.post("kloto", "/espace/fiche/enregistrer",
                                  with(form_for("kloto-1", "Essai", "soumettre"), "id", std::to_string(id)));
    CHECK(again.status == 303);
    s = b.store.get(id);
    CHECK(s->state == store::SubmissionState::submitted);
    CHECK(s->doc_id == "part-kloto-1-essai");  // the store's, whatever the form says
    CHECK(test::contains(s->payload, "1000000"));
}

TEST_CASE("The declaration form keeps what was typed and adds rows without JavaScript", "[declaration][form]") {
    Bench b;
    http::Params typed = with(form_for("kloto-1"), "m_montant_0", "un million <b>");
    typed = with(typed, "a_titre_0", "Forage de <Kpimé>");
    http::Response bad = b.post("kloto", "/espace/fiche/enregistrer", typed);
    CHECK(bad.status == 400);
    CHECK(test::contains(bad.body, "value=\"un million &lt;b&gt;\""));
    CHECK(test::contains(bad.body, "aria-describedby=\"m_montant_0-err\""));
    CHECK(test::contains(bad.body, "« un million &lt;b&gt; » n&#39;est pas un montant en FCFA"));
    CHECK(test::contains(bad.body, "value=\"Forage de &lt;Kpimé&gt;\""));
    CHECK(test::contains(bad.body, "value=\"Jumelage avec Essai\""));
    CHECK(b.store.list_by_author(1).empty());

    // The corpus checks refuse: their messages shown, nothing saved.
    b.publisher.refusal = {"partenariats/part-kloto-1-essai.xml:2:1: non conforme au schéma"};
    http::Response unchecked = b.post("kloto", "/espace/fiche/enregistrer", form_for("kloto-1"));
    CHECK(unchecked.status == 400);
    CHECK(test::contains(unchecked.body, "non conforme au schéma"));
    CHECK(b.store.list_by_author(1).empty());
    b.publisher.refusal.clear();

    http::Response more = b.post("kloto", "/espace/fiche/enregistrer", form_for("kloto-1", "Essai", "ajouter"));
    REQUIRE(more.status == 303);
    const std::string where = more.header("Location");
    CHECK(where.find("lignes=5") != std::string::npos);
    http::Response shown = b.get("kloto", where);
    CHECK(shown.status == 200);
    CHECK(test::contains(shown.body, "Brouillon enregistré."));
    CHECK(test::contains(shown.body, "name=\"m_montant_5\""));  // 1 filled + 5 empty
    CHECK_FALSE(test::contains(shown.body, "name=\"m_montant_6\""));
    CHECK(test::contains(shown.body, "value=\"1000000\""));
    CHECK(test::contains(shown.body, "<label for=\"titre\">"));
    CHECK(test::contains(shown.body, "<legend>Montants mobilisés (en FCFA)</legend>"));
    // What the store refuses (more than 20 communes) is said on the form,
    // which keeps them all.
    http::Params many = form_for("kloto-1");
    std::string gazetteer = test::slurp(test::source_dir() + "/corpus/repertoire/togo.xml");
    std::regex commune("<commune id=\"([a-z0-9-]+)\"");
    std::vector<std::string> ids;
    for (std::sregex_iterator it(gazetteer.begin(), gazetteer.end(), commune), end; it != end && ids.size() < 21;
         ++it) {
        many = with(many, "c_cle_" + std::to_string(ids.size()), "commune:" + (*it)[1].str());
        ids.push_back((*it)[1].str());
    }
    REQUIRE(ids.size() == 21);
    http::Response crowded = b.post("valid", "/espace/fiche/enregistrer", many);
    CHECK(crowded.status == 400);
    CHECK(test::contains(crowded.body, "une contribution concerne de 1 à 20 communes"));
    // Each commune stays chosen in its row, and nothing is saved.
    for (const std::string& id : ids)
        CHECK(test::contains(crowded.body, "<option value=\"commune:" + id + "\" selected>"));
    CHECK(b.store.list_by_author(3).empty());
    // A new record whose id a published record has: said next to the partner.
    http::Response taken = b.post("kloto", "/espace/fiche/enregistrer", form_for("kloto-1", "Bressuire"));
    CHECK(taken.status == 400);
    CHECK(test::contains(taken.body, "une fiche publiée porte déjà l&#39;identifiant « part-kloto-1-bressuire »"));
}

TEST_CASE("The review shows a record's changes field by field and a document as it will be published",
          "[declaration][review]") {
    Bench b;
    // A published record's draft starts from the published file.
    http::Response edit = b.get("kloto", "/espace/fiche/modifier/part-kloto-1-bressuire");
    REQUIRE(edit.status == 200);
    CHECK(test::contains(edit.body, "value=\"Jumelage Kloto 1 (Kpalimé) – Bressuire\""));
    CHECK(std::regex_search(edit.body, std::regex("name=\"base\" value=\"[0-9a-f]{64}\"")));

    http::Params changed = with(form_for("kloto-1", "Bressuire", "soumettre"), "doc", "part-kloto-1-bressuire");
    changed = with(changed, "titre", "Jumelage Kloto 1 (Kpalimé) – Bressuire");
    http::Response sent = b.post("kloto", "/espace/fiche/enregistrer", changed);
    REQUIRE(sent.status == 303);
    const int64_t id = id_in(sent.header("Location"));
    auto s = b.store.get(id);
    REQUIRE(s);
    CHECK(s->doc_id == "part-kloto-1-bressuire");
    CHECK(s->base.size() == 64);
    http::Response review = b.get("valid", "/revue/" + std::to_string(id));
    REQUIRE(review.status == 200);
    CHECK(test::contains(review.body, "Modifications, champ par champ"));
    CHECK(test::contains(review.body,
                         "<th scope=\"row\">Montants mobilisés</th><td class=\"empty\">(vide)</td><td>2024 "
                         "· Commune · 1000000 FCFA</td>"));
    CHECK(test::contains(review.body, "<th scope=\"row\">Statut</th><td>inconnu</td><td>actif</td>"));
    CHECK_FALSE(test::contains(review.body, "<th scope=\"row\">Titre</th>"));

    CHECK_FALSE(test::contains(review.body, "La fiche publiée a changé"));
    // A draft begun from another version of the published file: said.
    store::Submission old = *b.store.get(id);
    old.base = std::string(64, '0');
    const int64_t stale = std::get<int64_t>(b.store.create(old, 100));
    REQUIRE_FALSE(b.store.submit(stale, 101));
    CHECK(test::contains(b.get("valid", "/revue/" + std::to_string(stale)).body,
                         "La fiche publiée a changé depuis que ce brouillon a été commencé"));

    const int64_t fresh = b.made({"kloto-1"}, store::SubmissionState::submitted);
    CHECK(test::contains(b.get("valid", "/revue/" + std::to_string(fresh)).body, "Nouvelle fiche"));

    store::Submission doc;
    doc.kind = store::SubmissionKind::document;
    doc.author = 1;
    doc.communes = {"kloto-1"};
    doc.doc_id = "conv-kloto-1-bressuire-1991";
    doc.path = "conventions/conv-kloto-1-bressuire-1991.xml";
    doc.title = "Convention de jumelage";
    doc.payload = test::slurp(test::source_dir() + "/corpus/conventions/conv-kloto-1-bressuire-1991.xml");
    doc.upload = 7;
    int64_t doc_id = std::get<int64_t>(b.store.create(doc, 100));
    REQUIRE_FALSE(b.store.submit(doc_id, 101));
    http::Response shown = b.get("valid", "/revue/" + std::to_string(doc_id));
    REQUIRE(shown.status == 200);
    CHECK(test::contains(shown.body, "<article class=\"doc doc-convention\""));
    CHECK(test::contains(shown.body, "<a href=\"/espace/travaux/7/original\">"));
    // A contributor's review of the queue is no review.
    CHECK(b.get("kloto", "/revue").status == 403);
    // The queue lists them oldest first: the modification, then the document.
    std::string queue = b.get("valid", "/revue").body;
    size_t first = queue.find("/revue/" + std::to_string(id) + "\"");
    size_t second = queue.find("/revue/" + std::to_string(doc_id) + "\"");
    CHECK(first != std::string::npos);
    CHECK(second != std::string::npos);
    CHECK(first < second);
}

TEST_CASE("The partnership page shows amounts by year and source with totals, actions and people",
          "[declaration][partnership]") {
    Bench b;
    http::Response r = b.get("", "/partenariat/part-essai-etat");
    REQUIRE(r.status == 200);
    const std::string nb = "\u00a0";
    // A demonstration record (demo="oui"): its amounts are said fictitious.
    CHECK(test::contains(r.body,
                         "<caption>En francs CFA, par année et par source <span class=\"demo\">montants de "
                         "démonstration</span></caption>"));
    CHECK(test::contains(r.body,
                         "<th scope=\"col\">Année</th><th scope=\"col\">Commune</th><th "
                         "scope=\"col\">Partenaire</th><th scope=\"col\">État (FACT…)</th><th "
                         "scope=\"col\">Total</th>"));
    CHECK(test::contains(r.body, "<tr><th scope=\"row\">2023</th><td>1" + nb + "500" + nb + "000</td><td>—</td><td>2" +
                                     nb + "000" + nb + "000</td><td>3" + nb + "500" + nb + "000</td></tr>"));
    CHECK(test::contains(r.body, "<tr><th scope=\"row\">2024</th><td>—</td><td>750" + nb + "000</td><td>—</td><td>750" +
                                     nb + "000</td></tr>"));
    CHECK(test::contains(r.body, "<tfoot><tr><th scope=\"row\">Total</th><td>1" + nb + "500" + nb + "000</td><td>750" +
                                     nb + "000</td><td>2" + nb + "000" + nb + "000</td><td>4" + nb + "250" + nb +
                                     "000</td></tr></tfoot>"));
    CHECK(test::contains(r.body, "Sources nommées : FACT (État (FACT…), 2023)."));
    CHECK(test::contains(r.body, "<td>Construction du dispensaire de Kpimé</td><td>2019–2021</td>"));
    CHECK(test::contains(r.body, "<td>achevée</td>"));
    CHECK(test::contains(r.body,
                         "<td>A. &lt;K.&gt;</td><td>Point focal</td><td>commune togolaise</td><td>+228 90 00 00 "
                         "00</td>"));
    CHECK(test::contains(r.body, "<a href=\"/espace/fiche/modifier/part-essai-etat\">Mettre à jour cette fiche</a>"));
    // A bundled record has no amounts: no empty table either.
    http::Response plain = b.get("", "/partenariat/part-kloto-1-bressuire");
    REQUIRE(plain.status == 200);
    CHECK_FALSE(test::contains(plain.body, "Montants mobilisés"));
    // The same in the JSON API.
    http::Response api = b.get("", "/api/partnership/part-essai-etat");
    REQUIRE(api.status == 200);
    CHECK(test::contains(api.body,
                         "\"amounts\":[{\"year\":\"2023\",\"source\":\"commune\",\"origin\":\"\",\"fcfa\":1500000}"));
    CHECK(test::contains(api.body,
                         "{\"title\":\"Construction du dispensaire de Kpimé\",\"start\":\"2019\",\"end\":\"2021\","
                         "\"theme\":\"santé\",\"status\":\"achevee\"}"));
    CHECK(test::contains(api.body, "\"people\":[{\"name\":\"A. \\u003cK.\\u003e\",\"role\":\"Point focal\""));
    // The actions' words find the record.
    http::Response found = b.get("", "/api/search?q=dispensaire");
    REQUIRE(found.status == 200);
    CHECK(test::contains(found.body, "\"part-essai-etat\""));
}
