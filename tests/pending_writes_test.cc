// @brief PendingWrites: the databases of a part commit once enough postings
// are pending, those in a transaction never do, and value-slot changes are
// merged without committing.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <xapian.h>

#include "common/schema.h"
#include "indexer/pending_writes.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace {

// A unit of `terms` distinct terms, numbered from `first`.
Xapian::Document unit_of(std::size_t first, std::size_t terms) {
    Xapian::Document d;
    for (std::size_t t = 0; t < terms; ++t) d.add_posting("w" + std::to_string(first + t), t + 1);
    d.add_value(schema::kSlotDoc, "doc-" + std::to_string(first));
    return d;
}

// Writes units of 1,000 terms until `postings` postings are written, telling
// `pending` of each.
void write_units(Xapian::WritableDatabase& db, PendingWrites& pending, std::size_t postings) {
    for (std::size_t written = 0; written < postings; written += 1000) {
        Xapian::Document d = unit_of(written, 1000);
        db.add_document(d);
        pending.add(1, postings_of(d));
    }
}

}  // namespace

TEST_CASE("A unit's postings are its distinct terms", "[pending-writes]") {
    Xapian::Document d = unit_of(0, 7);
    d.add_posting("w0", 9);  // a term again: no new posting
    CHECK(postings_of(d) == 7);
}

TEST_CASE("Databases that may commit are committed once kPendingPostings postings are pending", "[pending-writes]") {
    test::TempDir dir;
    std::vector<Xapian::WritableDatabase> dbs{Xapian::WritableDatabase(dir / "a", Xapian::DB_CREATE),
                                              Xapian::WritableDatabase(dir / "b", Xapian::DB_CREATE)};
    PendingWrites pending(dbs, true);
    write_units(dbs[0], pending, kPendingPostings - 1000);
    CHECK(pending.commits() == 0);
    CHECK(Xapian::Database(dir / "a").get_doccount() == 0);  // nothing committed yet

    write_units(dbs[0], pending, 1000);
    CHECK(pending.commits() == 1);
    // Another reader sees every unit written: they were committed.
    CHECK(Xapian::Database(dir / "a").get_doccount() == kPendingPostings / 1000);
    CHECK(Xapian::Database(dir / "b").get_doccount() == 0);

    // The count starts again after a commit.
    write_units(dbs[1], pending, kPendingPostings - 1000);
    CHECK(pending.commits() == 1);
    CHECK(Xapian::Database(dir / "b").get_doccount() == 0);
}

TEST_CASE("Databases in a transaction are never committed, whatever is pending", "[pending-writes]") {
    test::TempDir dir;
    std::vector<Xapian::WritableDatabase> dbs{Xapian::WritableDatabase(dir / "a", Xapian::DB_CREATE)};
    dbs[0].begin_transaction();
    PendingWrites pending(dbs, false);
    // A commit in a transaction would throw InvalidOperationError.
    REQUIRE_NOTHROW(write_units(dbs[0], pending, 2 * kPendingPostings));
    CHECK(pending.commits() == 0);
    CHECK(Xapian::Database(dir / "a").get_doccount() == 0);

    // Value-slot changes were merged on the way, not committed: the
    // writable database reads them, and cancelling drops them all.
    CHECK(dbs[0].get_value_freq(schema::kSlotDoc) == 2 * kPendingPostings / 1000);
    dbs[0].cancel_transaction();
    CHECK(dbs[0].get_doccount() == 0);
    CHECK(dbs[0].get_value_freq(schema::kSlotDoc) == 0);
}
