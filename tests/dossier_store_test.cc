// @brief The dossier store on its own (server/dossier_store.h), in a temporary
// folder: tokens, limits, expiry, transactions, the SQLite wrapper.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "server/dossier_store.h"
#include "store/sqlite.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace {

constexpr int64_t kStoreNow = 1'800'000'000;
constexpr int64_t kStoreDay = 86400;

Dossier store_sample(size_t passages, size_t note_chars) {
    Dossier d;
    d.title = "Atelier de Kara — budget";
    for (size_t i = 0; i < passages; ++i)
        d.entries.push_back({"doc-" + std::to_string(i), "art_" + std::to_string(i), std::string(note_chars, 'n')});
    return d;
}

NewDossier store_created(DossierStore& store, const Dossier& d, int64_t now = kStoreNow) {
    auto made = store.create(d, now);
    REQUIRE(std::holds_alternative<NewDossier>(made));
    return std::get<NewDossier>(made);
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("store tokens: 128 random bits in hex, the edit key stored only as a hash", "[dossier-store]") {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        std::string t = random_token();
        CHECK(valid_token(t));
        CHECK(seen.insert(t).second);
    }
    CHECK_FALSE(valid_token("0123456789ABCDEF0123456789abcdef"));  // upper case: not ours
    CHECK_FALSE(valid_token("0123"));
    CHECK_FALSE(valid_token("' OR 1=1 --"));

    test::TempDir dir;
    NewDossier n;
    {
        DossierStore store(dir.path());
        n = store_created(store, store_sample(2, 10));
        CHECK(n.share != n.edit_key);
        CHECK(store.by_share(n.share, kStoreNow)->dossier.entries.size() == 2);
        CHECK(store.by_edit_key(n.edit_key, kStoreNow)->share == n.share);
        // The share token does not edit, the edit key is not a share link.
        CHECK_FALSE(store.by_edit_key(n.share, kStoreNow));
        CHECK_FALSE(store.by_share(n.edit_key, kStoreNow));
        CHECK(store.save(n.share, store_sample(1, 1), kStoreNow)->status == 403);
        CHECK(*store.count(n.edit_key) == 2);
    }
    // The file holds the share token but not the edit key.
    std::string bytes = file_bytes(dir / kStateFile);
    std::string wal = std::filesystem::exists(dir / (std::string(kStateFile) + "-wal"))
                          ? file_bytes(dir / (std::string(kStateFile) + "-wal"))
                          : "";
    CHECK((bytes + wal).find(n.share) != std::string::npos);
    CHECK((bytes + wal).find(n.edit_key) == std::string::npos);
}

TEST_CASE("store limits: 200 passages of 10,000-character notes fit - beyond, French refusals", "[dossier-store]") {
    test::TempDir dir;
    DossierStore store(dir.path());
    Dossier big = store_sample(200, 10000);
    big.entries[7].note =
        std::string(5000, 'x') + "é\nà la ligne" + std::string(4988, 'y');  // 10,000 characters, more bytes
    NewDossier n = store_created(store, big);
    auto back = store.by_share(n.share, kStoreNow);
    REQUIRE(back);
    CHECK(back->dossier.title == big.title);
    REQUIRE(back->dossier.entries == big.entries);

    Dossier too_many = store_sample(201, 0);
    auto refused = store.save(n.edit_key, too_many, kStoreNow);
    REQUIRE(refused);
    CHECK(refused->message == "trop de passages (201) : un dossier en contient au plus 200");
    Dossier long_note = store_sample(3, 10);
    long_note.entries[1].note = std::string(10001, 'n');
    refused = store.save(n.edit_key, long_note, kStoreNow);
    REQUIRE(refused);
    CHECK(refused->message ==
          "la note du passage 2 est trop longue (10\u202f001 caractères) : une note en contient au plus "
          "10\u202f000 ; raccourcissez-la, le texte est resté dans le formulaire");
    Dossier twice = store_sample(2, 0);
    twice.entries[1] = twice.entries[0];
    CHECK(store.save(n.edit_key, twice, kStoreNow)->message ==
          "passage « doc-0#art_0 » présent deux fois dans le dossier");
    Dossier control = store_sample(1, 0);
    control.entries[0].note = "a\x01";
    CHECK(store.save(n.edit_key, control, kStoreNow)->message ==
          "la note du passage 1 contient un caractère de contrôle");
    // A refusal changes nothing.
    CHECK(store.by_share(n.share, kStoreNow)->dossier.entries == big.entries);

    StoreLimits small;
    small.max_dossier_bytes = 1000;
    DossierStore tight(dir.path(), small);
    auto too_big = tight.create(store_sample(2, 600), kStoreNow);
    REQUIRE(std::holds_alternative<DossierError>(too_big));
    CHECK(std::get<DossierError>(too_big).status == 413);
}

TEST_CASE("store bounds: dossiers per hour, dossiers in all, expiry of abandoned ones", "[dossier-store]") {
    test::TempDir dir;
    StoreLimits limits;
    limits.max_created_per_hour = 3;
    limits.max_dossiers = 5;
    limits.expiry_days = 30;
    DossierStore store(dir.path(), limits);
    for (int i = 0; i < 3; ++i) store_created(store, store_sample(1, 0));
    auto fourth = store.create(store_sample(1, 0), kStoreNow);
    REQUIRE(std::holds_alternative<DossierError>(fourth));
    CHECK(std::get<DossierError>(fourth).status == 429);
    CHECK(std::get<DossierError>(fourth).message ==
          "trop de dossiers créés sur ce serveur depuis une heure : réessayez plus tard");
    // An hour later: allowed again, up to the store's bound.
    store_created(store, store_sample(1, 0), kStoreNow + 3601);
    NewDossier kept = store_created(store, store_sample(1, 0), kStoreNow + 3602);
    auto full = store.create(store_sample(1, 0), kStoreNow + 3603);
    REQUIRE(std::holds_alternative<DossierError>(full));
    CHECK(std::get<DossierError>(full).status == 503);
    CHECK(store.size() == 5);

    // 29 days later one of them is opened: kept. A day past 30, the others go.
    CHECK(store.by_share(kept.share, kStoreNow + 29 * kStoreDay));
    CHECK(store.purge(kStoreNow + 31 * kStoreDay) == 4);
    CHECK(store.size() == 1);
    CHECK(store.by_share(kept.share, kStoreNow + 31 * kStoreDay));
    // A creation purges too.
    store_created(store, store_sample(1, 0), kStoreNow + 100 * kStoreDay);
    CHECK(store.size() == 1);
    CHECK_FALSE(store.by_share(kept.share, kStoreNow + 100 * kStoreDay));
}

TEST_CASE("store transactions: a save is all or nothing - the file survives reopening", "[dossier-store]") {
    test::TempDir dir;
    NewDossier n;
    {
        DossierStore store(dir.path());
        n = store_created(store, store_sample(3, 5));
        Dossier next = store_sample(2, 8);
        next.title = "Deuxième version";
        CHECK_FALSE(store.save(n.edit_key, next, kStoreNow));
    }
    {
        DossierStore store(dir.path());
        auto back = store.by_edit_key(n.edit_key, kStoreNow);
        REQUIRE(back);
        CHECK(back->dossier.title == "Deuxième version");
        CHECK(back->dossier.entries.size() == 2);
    }
    // The wrapper: a transaction left without commit is rolled back.
    sqlite::Database db(dir / "other.sqlite");
    db.exec("CREATE TABLE t (x INTEGER)");
    {
        sqlite::Transaction t(db);
        db.prepare("INSERT INTO t VALUES (?)").bind(1, int64_t{1}).run();
    }
    {
        sqlite::Transaction t(db);
        db.prepare("INSERT INTO t VALUES (?)").bind(1, int64_t{2}).run();
        t.commit();
    }
    auto q = db.prepare("SELECT group_concat(x) FROM t");
    REQUIRE(q.step());
    CHECK(q.text(0) == "2");
    auto mode = db.prepare("PRAGMA journal_mode");
    REQUIRE(mode.step());
    CHECK(mode.text(0) == "wal");
    auto sync = db.prepare("PRAGMA synchronous");
    REQUIRE(sync.step());
    CHECK(sync.integer(0) == 2);  // FULL
    CHECK_THROWS_AS(db.exec("SELECT * FROM missing"), sqlite::SqliteError);
    CHECK_THROWS_AS(sqlite::Database(dir / "no/such/folder/x.sqlite"), sqlite::SqliteError);
}
