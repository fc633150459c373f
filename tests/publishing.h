// @brief A publisher on a temporary copy of part of the bundled corpus and
// its index, for the tests of publication, history, review and backup.
#pragma once

#include <pwd.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "indexer/corpus.h"
#include "server/index_publisher.h"
#include "store/backup.h"
#include "store/history.h"
#include "tests/test_util.h"

namespace coopdec::test {

// DIR/corpus (copies of the bundled corpus's `folders`), DIR/db (its index,
// built in process: a reported file fails the test), DIR/state (the
// history), and a publisher over them. `dir` may be given to take over the
// folders of an earlier one (a restart): nothing is copied or indexed then.
struct TempPublishing {
    TempDir owned;
    std::string dir, corpus, db, state;
    std::unique_ptr<store::History> history;
    std::unique_ptr<IndexPublisher> publisher;

    explicit TempPublishing(const std::vector<std::string>& folders = {"repertoire", "partenariats", "conventions"},
                            const std::string& existing = {})
        : dir(existing.empty() ? owned.path() : existing),
          corpus(dir + "/corpus"),
          db(dir + "/db"),
          state(dir + "/state") {
        if (existing.empty()) {
            std::filesystem::create_directories(corpus);
            for (const auto& f : folders)
                std::filesystem::copy(source_dir() + "/corpus/" + f, corpus + "/" + f,
                                      std::filesystem::copy_options::recursive);
            std::filesystem::create_directories(state);
            IndexOptions opt;
            opt.db_path = db;
            opt.inputs = {corpus};
            opt.schema_dir = source_dir() + "/corpus/schema";
            std::FILE* log = std::tmpfile();
            REQUIRE(index_corpus(opt, log).errors == 0);
            std::fclose(log);
        }
        open();
    }

    PublisherOptions options() const {
        PublisherOptions o;
        o.corpus_dir = corpus;
        o.db_path = db;
        o.schema_dir = source_dir() + "/corpus/schema";
        o.lock_file = store::publication_lock_path(state);
        return o;
    }

    // (Re)opens the history and a publisher with `o` (default: options()).
    void open(std::optional<PublisherOptions> o = std::nullopt) {
        publisher.reset();
        history = std::make_unique<store::History>(state);
        publisher = std::make_unique<IndexPublisher>(o ? *o : options(), *history);
    }
};

// Run as root, a coopdec-server gives root up for nobody (--user): the
// corpus and the index it publishes into must then be nobody's. No effect
// for another user.
inline void give_to_server_user(const std::vector<std::string>& folders) {
    if (geteuid() != 0) return;
    const passwd* pw = getpwnam("nobody");
    REQUIRE(pw);
    for (const auto& folder : folders) {
        REQUIRE(lchown(folder.c_str(), pw->pw_uid, pw->pw_gid) == 0);
        for (const auto& e : std::filesystem::recursive_directory_iterator(folder))
            REQUIRE(lchown(e.path().c_str(), pw->pw_uid, pw->pw_gid) == 0);
    }
}

// A validator, as a session would resolve one.
inline store::Principal validator() {
    store::Principal p;
    p.account_id = 7;
    p.login = "akossiwa";
    p.name = "Akossiwa Mensah";
    p.role = store::Role::validateur;
    p.csrf_token = "jeton-de-test";
    return p;
}

// A new partnership record of Kloto 1, valid, with `partner` in its title.
inline std::string new_record(const std::string& id, const std::string& partner) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<partenariat xmlns=\"urn:x-coopdec:corpus:1\" id=\"" +
           id +
           "\" xml:lang=\"fr\" demo=\"non\">\n"
           "  <titre>Jumelage Kloto 1 – " +
           partner +
           "</titre>\n"
           "  <collectivites>\n"
           "    <collectivite commune=\"kloto-1\">Kloto 1</collectivite>\n"
           "  </collectivites>\n"
           "  <partenaire niveau=\"commune\" pays=\"FR\">" +
           partner +
           "</partenaire>\n"
           "  <nature>jumelage</nature>\n"
           "  <periode debut=\"2024\" fin=\"\"/>\n"
           "  <statut>actif</statut>\n"
           "  <themes><theme>éducation</theme></themes>\n"
           "  <description>\n"
           "    <p>Jumelage signé avec " +
           partner +
           ".</p>\n"
           "  </description>\n"
           "  <sources>\n"
           "    <source href=\"https://example.org/jumelage\">Délibération du conseil municipal</source>\n"
           "  </sources>\n"
           "</partenariat>\n";
}

}  // namespace coopdec::test
