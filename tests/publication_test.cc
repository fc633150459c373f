// @brief The publisher (server/index_publisher.h) on a temporary corpus and
// index: checks, durable writes, the index and the history after each
// publication, waiting for a locked index, a pending publication finished
// at start, and the history page and restore through the router.
#include <catch2/catch.hpp>

#include <condition_variable>
#include <fstream>
#include <mutex>
#include <thread>

#include <xapian.h>

#include "indexer/check.h"
#include "search/search.h"
#include "server/history_page.h"
#include "server/router.h"
#include "tests/publishing.h"
#include "tests/temp_index.h"
#include "tests/test_util.h"

namespace coopdec {
namespace {

using test::TempPublishing;

}  // namespace

TEST_CASE("corpus paths: only relative paths into the corpus's folders", "[publication]") {
    CHECK_FALSE(corpus_path_problem("partenariats/part-x.xml"));
    CHECK_FALSE(corpus_path_problem("lois/tg/loi-2007-011.xml"));
    CHECK(*corpus_path_problem("/etc/passwd.xml") ==
          "chemin « /etc/passwd.xml » refusé : un chemin absolu n'est pas un chemin du corpus");
    CHECK(*corpus_path_problem("partenariats/../../x.xml") ==
          "chemin « partenariats/../../x.xml » refusé : composant vide, « . » ou « .. » interdit");
    CHECK(corpus_path_problem("partenariats//x.xml"));
    CHECK(corpus_path_problem("./partenariats/x.xml"));
    CHECK(*corpus_path_problem("repertoire/communes.xml") ==
          "chemin « repertoire/communes.xml » refusé : le fichier doit être dans l'un des dossiers du corpus "
          "(conventions/, entretiens/, etudes/, lois/, partenariats/)");
    CHECK(corpus_path_problem("partenariats/x.txt"));
    CHECK(corpus_path_problem("partenariats/"));
    CHECK(corpus_path_problem("partenariats/a\\b.xml"));
    CHECK(corpus_path_problem(""));
}

TEST_CASE("a publication writes the file, indexes it and records it", "[publication]") {
    TempPublishing t;
    const std::string content = test::new_record("part-kloto-1-oyonnax", "Oyonnax");
    CHECK(test::hits(t.db, "oyonnax") == 0);
    PublishOutcome out = t.publisher->publish({{"partenariats/part-kloto-1-oyonnax.xml", content}}, test::validator(),
                                              "Fiche acceptée : Kloto 1 – Oyonnax");
    INFO((out.messages.empty() ? "" : out.messages.front()));
    REQUIRE(out.ok);
    CHECK(out.publication_id > 0);
    CHECK(test::slurp(t.corpus + "/partenariats/part-kloto-1-oyonnax.xml") == content);
    CHECK(test::hits(t.db, "oyonnax") == 1);
    auto list = t.history->for_document("part-kloto-1-oyonnax");
    REQUIRE(list.size() == 1);
    CHECK(list[0].login == "akossiwa");
    CHECK(list[0].account == 7);
    CHECK(list[0].summary == "Fiche acceptée : Kloto 1 – Oyonnax");
    REQUIRE(list[0].files.size() == 1);
    CHECK_FALSE(list[0].files[0].previous);
    CHECK(t.history->pending().empty());
    // A second version: its previous content is the first.
    const std::string v2 = test::new_record("part-kloto-1-oyonnax", "Oyonnax (Ain)");
    REQUIRE(t.publisher->publish({{"partenariats/part-kloto-1-oyonnax.xml", v2}}, test::validator(), "Correction").ok);
    list = t.history->for_path("partenariats/part-kloto-1-oyonnax.xml");
    REQUIRE(list.size() == 2);
    CHECK(list[0].summary == "Correction");
    CHECK(list[0].files[0].previous == content);
    CHECK(test::hits(t.db, "ain oyonnax") == 1);
    // No temporary file left beside it.
    for (const auto& e : std::filesystem::directory_iterator(t.corpus + "/partenariats"))
        CHECK(e.path().filename().string().rfind(".publication-", 0) == std::string::npos);
}

TEST_CASE("a publication the checks refuse writes nothing", "[publication]") {
    TempPublishing t;
    const std::string before = test::slurp(t.corpus + "/partenariats/part-kloto-1-bressuire.xml");
    auto refused = [&](const std::vector<CorpusChange>& changes) {
        PublishOutcome c = t.publisher->check(changes);
        PublishOutcome p = t.publisher->publish(changes, test::validator(), "x");
        CHECK_FALSE(c.ok);
        CHECK_FALSE(p.ok);
        CHECK(c.messages == p.messages);
        return p.messages;
    };
    SECTION("not well-formed: file:line:col") {
        auto m = refused({{"partenariats/part-kloto-1-bressuire.xml", "<partenariat>\n  <titre>x</partenariat>\n"}});
        REQUIRE(m.size() == 1);
        CHECK(m[0].rfind("partenariats/part-kloto-1-bressuire.xml:2:", 0) == 0);
    }
    SECTION("invalid against its schema") {
        std::string bad = test::new_record("part-kloto-1-oyonnax", "Oyonnax");
        bad.replace(bad.find("<statut>actif"), 13, "<statut>peut-être");
        auto m = refused({{"partenariats/part-kloto-1-oyonnax.xml", bad}});
        REQUIRE_FALSE(m.empty());
        CHECK(m[0].rfind("partenariats/part-kloto-1-oyonnax.xml:", 0) == 0);
    }
    SECTION("an id another file holds") {
        auto m = refused({{"partenariats/copie.xml", test::new_record("part-kloto-1-bressuire", "Bressuire")}});
        CHECK(m ==
              std::vector<std::string>{"partenariats/copie.xml: identifiant de document « part-kloto-1-bressuire » "
                                       "déjà utilisé par partenariats/part-kloto-1-bressuire.xml"});
    }
    SECTION("a commune the gazetteer does not know") {
        std::string bad = test::new_record("part-nulle-part-x", "X");
        bad.replace(bad.find("commune=\"kloto-1\""), 17, "commune=\"nulle-part\"");
        auto m = refused({{"partenariats/part-nulle-part-x.xml", bad}});
        CHECK(m == std::vector<std::string>{
                       "partenariats/part-nulle-part-x.xml: commune inconnue du répertoire « nulle-part »"});
    }
    SECTION("a convention naming a partnership record that does not exist") {
        std::string conv = test::slurp(t.corpus + "/conventions/conv-kloto-1-bressuire-1991.xml");
        conv.replace(conv.find("ref=\"part-kloto-1-bressuire\""), 28, "ref=\"part-inexistant\"");
        auto m = refused({{"conventions/conv-kloto-1-bressuire-1991.xml", conv}});
        CHECK(m ==
              std::vector<std::string>{"conventions/conv-kloto-1-bressuire-1991.xml: partenariat inconnu « "
                                       "part-inexistant » : aucune fiche de partenariat ne porte cet identifiant"});
    }
    SECTION("removing a partnership record the conventions name") {
        auto m = refused({{"partenariats/part-kloto-1-bressuire.xml", "", true}});
        REQUIRE(m.size() == 2);
        CHECK(m[0] ==
              "conventions/conv-kloto-1-bressuire-1991.xml: partenariat inconnu « part-kloto-1-bressuire » : "
              "aucune fiche de partenariat ne porte cet identifiant (référence rompue par cette publication)");
    }
    SECTION("a path outside the corpus's folders") {
        auto m = refused({{"../../etc/x.xml", test::new_record("part-x", "X")}});
        CHECK(m ==
              std::vector<std::string>{"chemin « ../../etc/x.xml » refusé : composant vide, « . » ou « .. » interdit"});
    }
    CHECK(test::slurp(t.corpus + "/partenariats/part-kloto-1-bressuire.xml") == before);
    CHECK_FALSE(std::filesystem::exists(t.corpus + "/partenariats/part-kloto-1-oyonnax.xml"));
    CHECK(t.history->pending().empty());
    CHECK(t.history->for_path("partenariats/part-kloto-1-bressuire.xml").empty());
}

TEST_CASE("a publication removes a file nothing names any more", "[publication]") {
    TempPublishing t;
    const std::string path = "partenariats/part-kloto-1-oyonnax.xml";
    REQUIRE(
        t.publisher->publish({{path, test::new_record("part-kloto-1-oyonnax", "Oyonnax")}}, test::validator(), "a").ok);
    REQUIRE(test::hits(t.db, "oyonnax") == 1);
    PublishOutcome out = t.publisher->publish({{path, "", true}}, test::validator(), "Fiche retirée");
    INFO((out.messages.empty() ? "" : out.messages.front()));
    REQUIRE(out.ok);
    CHECK_FALSE(std::filesystem::exists(t.corpus + "/" + path));
    CHECK(test::hits(t.db, "oyonnax") == 0);
    auto list = t.history->for_document("part-kloto-1-oyonnax");
    REQUIRE(list.size() == 2);
    CHECK(list[0].files[0].removed);
}

TEST_CASE("a publication waits for another writer of the index, within its patience", "[publication]") {
    TempPublishing t;
    const std::string path = "partenariats/part-kloto-1-oyonnax.xml";
    const std::string content = test::new_record("part-kloto-1-oyonnax", "Oyonnax");
    // Another writer: the lock coopdec-index takes.
    auto writer = std::make_unique<Xapian::WritableDatabase>(t.db, Xapian::DB_OPEN);
    SECTION("released while it waits: published") {
        std::mutex m;
        std::condition_variable cv;
        bool waiting = false;
        PublisherOptions o = t.options();
        o.on_step = [&](const std::string& s) {
            if (s != "verrouillée") return;
            std::lock_guard<std::mutex> lock(m);
            waiting = true;
            cv.notify_all();
        };
        bool finished = false;
        t.open(o);
        PublishOutcome out;
        std::thread publishing([&] {
            PublishOutcome done = t.publisher->publish({{path, content}}, test::validator(), "a");
            std::lock_guard<std::mutex> lock(m);
            out = done;
            finished = true;
            cv.notify_all();
        });
        {
            std::unique_lock<std::mutex> lock(m);
            cv.wait(lock, [&] { return waiting || finished; });
            CHECK(waiting);
        }
        writer->close();  // the other run ends
        publishing.join();
        INFO((out.messages.empty() ? "" : out.messages.front()));
        REQUIRE(out.ok);
        CHECK(test::hits(t.db, "oyonnax") == 1);
        CHECK(t.history->for_document("part-kloto-1-oyonnax").size() == 1);
    }
    SECTION("still locked at the end: a clear failure, the file written, finished later") {
        PublisherOptions o = t.options();
        o.patience = std::chrono::milliseconds(300);
        t.open(o);
        PublishOutcome out = t.publisher->publish({{path, content}}, test::validator(), "a");
        CHECK_FALSE(out.ok);
        REQUIRE(out.messages.size() == 1);
        CHECK(out.messages[0] ==
              "index verrouillé depuis 1 s par une autre indexation (coopdec-index) : les fichiers sont écrits dans le "
              "corpus, l'index sera mis à jour à la prochaine publication ou au prochain démarrage du serveur");
        CHECK(test::slurp(t.corpus + "/" + path) == content);
        CHECK(t.history->pending().size() == 1);
        CHECK(t.history->for_document("part-kloto-1-oyonnax").empty());
        writer->close();
        // The next start (a new publisher on the same folders).
        t.open();
        CHECK(t.publisher->finish_pending().empty());
        CHECK(t.history->pending().empty());
        CHECK(t.history->for_document("part-kloto-1-oyonnax").size() == 1);
        CHECK(test::hits(t.db, "oyonnax") == 1);
    }
}

TEST_CASE("a corpus folder other than the index's is said, not published silently", "[publication]") {
    TempPublishing t;
    const std::string other = t.dir + "/autre-corpus";
    std::filesystem::copy(t.corpus, other, std::filesystem::copy_options::recursive);
    PublisherOptions o = t.options();
    o.corpus_dir = other;
    t.open(o);
    std::string record = test::slurp(other + "/partenariats/part-kloto-1-bressuire.xml");
    record.replace(record.find("</titre>"), 8, " (Deux-Sèvres)</titre>");
    PublishOutcome out =
        t.publisher->publish({{"partenariats/part-kloto-1-bressuire.xml", record}}, test::validator(), "a");
    CHECK_FALSE(out.ok);
    REQUIRE_FALSE(out.messages.empty());
    CHECK(out.messages.back() ==
          "indexation incomplète : vérifiez que --corpus est le dossier à partir duquel l'index a été construit ; la "
          "publication sera reprise au prochain démarrage du serveur");
    CHECK(t.history->pending().size() == 1);
}

TEST_CASE("a pending publication is finished from the history alone", "[publication]") {
    TempPublishing t;
    // As a process killed right after recording it leaves it: nothing written.
    store::PublishedFile f;
    f.path = "partenariats/part-kloto-1-oyonnax.xml";
    f.doc_id = "part-kloto-1-oyonnax";
    f.content = test::new_record("part-kloto-1-oyonnax", "Oyonnax");
    const int64_t id = t.history->begin(7, "akossiwa", "Fiche acceptée", {f});
    t.open();
    CHECK(t.publisher->finish_pending().empty());
    CHECK(test::slurp(t.corpus + "/" + f.path) == f.content);
    CHECK(test::hits(t.db, "oyonnax") == 1);
    auto p = t.history->get(id);
    REQUIRE(p);
    CHECK(p->done);
}

namespace {

// Who the router sees: a fixed person, or nobody.
struct FixedUser : Authenticator {
    std::optional<store::Principal> user;
    std::optional<store::Principal> who(const Incoming&) override { return user; }
};

http::Response ask(Router& router, const std::string& method, const std::string& target, const std::string& body = {}) {
    Incoming in;
    in.method = method;
    in.target = target;
    in.host = "127.0.0.1:8080";
    in.origin = "http://127.0.0.1:8080";
    in.content_type = "application/x-www-form-urlencoded";
    in.body = body;
    std::string route;
    return router.handle(in, route);
}

}  // namespace

TEST_CASE("the history page shows each version's diff, and a validator restores one", "[publication]") {
    TempPublishing t;
    const std::string path = "partenariats/part-kloto-1-oyonnax.xml";
    const std::string v1 = test::new_record("part-kloto-1-oyonnax", "Oyonnax");
    const std::string v2 = test::new_record("part-kloto-1-oyonnax", "Oyonnax &amp; Valserine");
    const int64_t first = t.publisher->publish({{path, v1}}, test::validator(), "Fiche acceptée").publication_id;
    REQUIRE(first > 0);
    REQUIRE(t.publisher->publish({{path, v2}}, test::validator(), "Correction").ok);

    SynonymsFile synonyms("");
    Metrics metrics;
    ServerConfig config;
    config.db_path = t.db;
    Router router(config, synonyms, metrics);
    FixedUser auth;
    router.set_authenticator(&auth);
    router.set_history(t.history.get());
    router.set_publisher(t.publisher.get());

    // Public, read-only: no restore form for a reader.
    http::Response page = ask(router, "GET", "/historique/part-kloto-1-oyonnax");
    REQUIRE(page.status == 200);
    CHECK(page.body.find("akossiwa") != std::string::npos);
    CHECK(page.body.find("Correction") != std::string::npos);
    CHECK(page.body.find("<del class=\"diff-del\">-   &lt;titre&gt;Jumelage Kloto 1 – Oyonnax&lt;/titre&gt;</del>") !=
          std::string::npos);
    CHECK(page.body.find("<ins class=\"diff-ins\">+   &lt;titre&gt;Jumelage Kloto 1 – Oyonnax &amp;amp; "
                         "Valserine&lt;/titre&gt;</ins>") != std::string::npos);
    CHECK(page.body.find("Nouveau fichier.") != std::string::npos);
    CHECK(page.body.find("<script") == std::string::npos);
    CHECK(page.body.find("Restaurer cette version") == std::string::npos);
    CHECK(ask(router, "GET", "/historique/aucun-document").status == 404);
    // A document of the corpus never published by the server: its page says so.
    http::Response untouched = ask(router, "GET", "/historique/part-kloto-1-bressuire");
    CHECK(untouched.status == 200);
    CHECK(untouched.body.find("Aucune publication depuis le serveur") != std::string::npos);
    // The document page links to its history.
    CHECK(ask(router, "GET", "/doc/conv-kloto-1-bressuire-1991")
              .body.find("href=\"/historique/conv-kloto-1-bressuire-1991\"") != std::string::npos);
    CHECK(ask(router, "GET", "/partenariat/part-kloto-1-bressuire")
              .body.find("href=\"/historique/part-kloto-1-bressuire\"") != std::string::npos);

    const std::string form = "csrf=jeton-de-test&publication=" + std::to_string(first) + "&path=" + path;
    // A contributor may not restore.
    store::Principal contributor = test::validator();
    contributor.role = store::Role::contributeur;
    auth.user = contributor;
    CHECK(ask(router, "POST", "/revue/restaurer", form).status == 403);
    CHECK(test::slurp(t.corpus + "/" + path) == v2);
    // A validator may.
    auth.user = test::validator();
    CHECK(ask(router, "GET", "/historique/part-kloto-1-oyonnax").body.find("Restaurer cette version") !=
          std::string::npos);
    CHECK(ask(router, "POST", "/revue/restaurer", "csrf=jeton-de-test&publication=999&path=" + path).status == 404);
    http::Response restored = ask(router, "POST", "/revue/restaurer", form);
    CHECK(restored.status == 303);
    CHECK(test::slurp(t.corpus + "/" + path) == v1);
    auto list = t.history->for_document("part-kloto-1-oyonnax");
    REQUIRE(list.size() == 3);
    CHECK(list[0].summary.rfind("Version du ", 0) == 0);
    CHECK(list[0].summary.find(" restaurée") != std::string::npos);
    CHECK(test::hits(t.db, "valserine") == 0);
    // Without a publisher: 503 and the French reason.
    router.set_publisher(nullptr);
    http::Response none = ask(router, "POST", "/revue/restaurer", form);
    CHECK(none.status == 503);
    CHECK(none.body.find(kNoCorpusMessage) != std::string::npos);
}

}  // namespace coopdec
