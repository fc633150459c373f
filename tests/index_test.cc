// @brief The indexing pass on a temporary corpus: counts, incremental
// re-indexing, bad input that loses nothing, a locked index.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <xapian.h>

#include "common/schema.h"
#include "indexer/corpus.h"
#include "search/search.h"
#include "tests/temp_index.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace {

const char kRepertoireXml[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<repertoire xmlns="urn:x-coopdec:corpus:1" id="repertoire-test" xml:lang="fr" demo="non">
  <titre>Répertoire de test</titre>
  <region id="plateaux" nom="Plateaux">
    <prefecture id="ogou" nom="Ogou" chefLieu="Atakpamé">
      <commune id="ogou-1" nom="Ogou 1" prodegol="oui"><alias type="ancien-nom">Atakpamé</alias></commune>
    </prefecture>
  </region>
</repertoire>
)";

const char kPartenariatXml[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<partenariat xmlns="urn:x-coopdec:corpus:1" id="part-ogou-1-niort" xml:lang="fr" demo="non">
  <titre>Jumelage Ogou 1 – Niort</titre>
  <collectivites><collectivite commune="ogou-1">Atakpamé</collectivite></collectivites>
  <partenaire niveau="commune" pays="FR">Niort</partenaire>
  <nature>jumelage</nature>
  <periode debut="1958" fin=""/>
  <statut>actif</statut>
  <themes><theme>santé</theme></themes>
  <sources><source>Étude ProDeGoL, tableau 1</source></sources>
</partenariat>
)";

std::string convention(const std::string& clause2) {
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<convention xmlns="urn:x-coopdec:corpus:1" id="conv-test" xml:lang="fr" demo="oui">
  <titre>Convention de test</titre>
  <avertissement>Texte rédigé pour la démonstration.</avertissement>
  <partenariats><partenariat ref="part-ogou-1-niort"/></partenariats>
  <date>1986-05-12</date>
  <clause id="art_1" num="Article 1"><titre>Objet</titre><p>Coopération pour la santé.</p></clause>
  <clause id="art_2" num="Article 2"><titre>Moyens</titre><p>)" +
           clause2 + R"(</p></clause>
</convention>
)";
}

// Runs the indexer, capturing what it reports.
struct IndexRun {
    IndexSummary summary;
    std::string log;
};

IndexRun index_inputs(const std::string& db, const std::vector<std::string>& inputs) {
    IndexOptions opt;
    opt.db_path = db;
    opt.inputs = inputs;
    opt.schema_dir = test::source_dir() + "/corpus/schema";
    std::FILE* log = std::tmpfile();
    IndexRun r{index_corpus(opt, log), ""};
    r.log = test::read_and_close(log);
    return r;
}

}  // namespace

TEST_CASE("a corpus is indexed, then re-indexed incrementally", "[index]") {
    test::TempDir dir;
    std::string db = dir / "db";
    dir.write("corpus/repertoire.xml", kRepertoireXml);
    dir.write("corpus/part.xml", kPartenariatXml);
    std::string conv = dir.write("corpus/sub/conv.xml", convention("Un forage à Atakpamé."));

    IndexRun first = index_inputs(db, {dir / "corpus"});
    INFO(first.log);
    CHECK(first.log.empty());
    CHECK(first.summary.files == 3);
    CHECK(first.summary.documents == 2);
    CHECK(first.summary.units == 2 + 2);  // 2 document units + 2 clauses; the gazetteer gives none
    CHECK(first.summary.errors == 0);
    CHECK(first.summary.total_documents == 2);
    CHECK(test::hits(db, "forage") == 1);

    SECTION("an unchanged corpus is skipped") {
        IndexRun again = index_inputs(db, {dir / "corpus"});
        CHECK(again.summary.skipped == 3);
        CHECK(again.summary.documents == 0);
    }
    SECTION("a changed file replaces its units") {
        dir.write("corpus/sub/conv.xml", convention("Une adduction d'eau."));
        IndexRun again = index_inputs(db, {dir / "corpus"});
        CHECK(again.summary.documents == 1);
        CHECK(again.summary.skipped == 2);
        CHECK(test::hits(db, "forage") == 0);
        CHECK(test::hits(db, "adduction") == 1);
        Xapian::Database d(db);
        CHECK(d.get_doccount() == 4);
    }
    SECTION("a removed file leaves the index") {
        std::filesystem::remove(conv);
        IndexRun again = index_inputs(db, {dir / "corpus"});
        CHECK(again.summary.removed == 1);
        CHECK(again.summary.total_documents == 1);
        CHECK(test::hits(db, "forage") == 0);
    }
    SECTION("a changed partnership re-indexes the documents linked to it") {
        std::string p = kPartenariatXml;
        const std::string old_theme = "<theme>santé</theme>";
        p.replace(p.find(old_theme), old_theme.size(), "<theme>culture</theme>");
        dir.write("corpus/part.xml", p);
        IndexRun again = index_inputs(db, {dir / "corpus"});
        CHECK(again.summary.documents == 2);
        Index d = Index::open(db);
        SearchRequest req;
        req.filters["theme"] = {"culture"};
        CHECK(search(d, req).total == 2);
    }
    SECTION("a file that turns malformed is reported and keeps its indexed version") {
        dir.write("corpus/sub/conv.xml", "<convention xmlns=\"urn:x-coopdec:corpus:1\">\n  <titre>oops</title>\n");
        IndexRun again = index_inputs(db, {dir / "corpus"});
        CHECK(again.summary.errors == 1);
        CHECK(again.log.find(dir / "corpus/sub/conv.xml:2:") != std::string::npos);
        CHECK(test::hits(db, "forage") == 1);
    }
    SECTION("indexing a sub-folder does not remove the rest") {
        IndexRun again = index_inputs(db, {dir / "corpus/sub"});
        CHECK(again.summary.removed == 0);
        CHECK(again.summary.total_documents == 2);
    }
}

TEST_CASE("bad files are reported like compiler errors and the rest is indexed", "[index][bad-input]") {
    test::TempDir dir;
    std::string db = dir / "db";
    dir.write("c/repertoire.xml", kRepertoireXml);
    dir.write("c/part.xml", kPartenariatXml);
    std::string broken = dir.write("c/broken.xml", "<?xml version=\"1.0\"?>\n<convention>\n<p>\n</convention>\n");
    std::string unknown = dir.write("c/unknown.xml", "<html><body/></html>\n");
    std::string invalid =
        dir.write("c/invalid.xml", R"(<partenariat xmlns="urn:x-coopdec:corpus:1" id="x" xml:lang="fr" demo="non">
  <titre>Sans partenaire</titre>
</partenariat>
)");
    std::string dup = dir.write("c/dup.xml", std::string(kPartenariatXml));

    IndexRun r = index_inputs(db, {dir / "c", dir / "missing-folder"});
    INFO(r.log);
    CHECK(r.summary.errors == 5);
    CHECK(r.summary.documents == 1);
    CHECK(r.log.find(broken + ":4:3: ") != std::string::npos);
    CHECK(r.log.find(unknown + ":1:1: ") != std::string::npos);
    CHECK(r.log.find(invalid + ":") != std::string::npos);
    CHECK(r.log.find(dir / "missing-folder" + ": fichier ou dossier introuvable") != std::string::npos);
    CHECK(r.log.find("identifiant de document « part-ogou-1-niort » déjà utilisé par") != std::string::npos);
    (void)dup;
}

TEST_CASE("a locked index is refused clearly and left as it was", "[index][bad-input]") {
    test::TempDir dir;
    std::string db = dir / "db";
    dir.write("c/repertoire.xml", kRepertoireXml);
    dir.write("c/part.xml", kPartenariatXml);
    REQUIRE(index_inputs(db, {dir / "c"}).summary.total_documents == 1);
    dir.write("c/conv.xml", convention("Un forage."));
    Xapian::WritableDatabase holder(db);  // holds the write lock
    IndexRun r = index_inputs(db, {dir / "c"});
    CHECK(r.summary.fatal);
    CHECK(r.log == db + ": index verrouillé : un autre coopdec-index l'écrit déjà\n");
    holder.close();
    CHECK(Xapian::Database(db).get_termfreq("XKIND:doc") == 1);
}

TEST_CASE("an index of another schema version is refused", "[index][bad-input]") {
    test::TempDir dir;
    std::string db = dir / "db";
    {
        Xapian::WritableDatabase w(db, Xapian::DB_CREATE);
        w.set_metadata(std::string(schema::kSchemaKey), "0");
        w.commit();
    }
    dir.write("c/repertoire.xml", kRepertoireXml);
    IndexRun r = index_inputs(db, {dir / "c"});
    CHECK(r.summary.fatal);
    CHECK(r.log.find("index au schéma 0, ce programme écrit le schéma " + std::string(schema::kSchemaVersion)) !=
          std::string::npos);
    CHECK_THROWS_AS(Index::open(db), SearchError);
}
