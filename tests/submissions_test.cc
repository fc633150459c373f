// @brief store/submissions.h: the life of a contribution, its limits, the
// lists by commune, author and state, durability across a reopening.
#include <catch2/catch.hpp>

#include <string>
#include <variant>

#include "store/submissions.h"
#include "tests/test_util.h"

using namespace coopdec::store;
using coopdec::test::TempDir;

namespace {

Submission record(std::vector<std::string> communes, int64_t author = 1) {
    Submission s;
    s.kind = SubmissionKind::record;
    s.author = author;
    s.communes = std::move(communes);
    s.path = "partenariats/part-kloto-1-exemple.xml";
    s.doc_id = "part-kloto-1-exemple";
    s.title = "Jumelage Kloto 1 – Exemple";
    s.payload = "<partenariat/>";
    return s;
}

int64_t created(SubmissionStore& store, const Submission& s, int64_t now = 100) {
    auto r = store.create(s, now);
    REQUIRE(std::holds_alternative<int64_t>(r));
    return std::get<int64_t>(r);
}

}  // namespace

TEST_CASE("A submission goes from draft to submitted to accepted", "[submissions]") {
    TempDir dir;
    SubmissionStore store(dir.path());
    int64_t id = created(store, record({"kloto-1"}));
    auto s = store.get(id);
    REQUIRE(s);
    CHECK(s->state == SubmissionState::draft);
    CHECK(s->payload == "<partenariat/>");
    CHECK(s->communes == std::vector<std::string>{"kloto-1"});
    CHECK(s->created == 100);

    CHECK(store.accept(id, 9, 5, 110)->status == 403);
    REQUIRE_FALSE(store.submit(id, 120));
    CHECK(store.get(id)->state == SubmissionState::submitted);
    CHECK(store.submit(id, 121)->status == 403);  // twice: refused
    // A submitted one is no longer amended.
    CHECK(store.amend(id, record({"kloto-1"}), 122)->status == 403);
    REQUIRE_FALSE(store.accept(id, 9, 42, 130));
    s = store.get(id);
    CHECK(s->state == SubmissionState::accepted);
    CHECK(s->reviewer == 9);
    CHECK(s->publication == 42);
    CHECK(s->decided == 130);
    CHECK(store.discard(id)->status == 403);  // what is published stays on record
}

TEST_CASE("A rejection needs a comment and its amendment is a draft again", "[submissions]") {
    TempDir dir;
    SubmissionStore store(dir.path());
    int64_t id = created(store, record({"kloto-1"}));
    REQUIRE_FALSE(store.submit(id, 101));
    auto err = store.reject(id, 9, "  \n ", 102);
    REQUIRE(err);
    CHECK(err->status == 400);
    CHECK(store.get(id)->state == SubmissionState::submitted);
    REQUIRE_FALSE(store.reject(id, 9, "Montants de 2021 manquants", 103));
    auto s = store.get(id);
    CHECK(s->state == SubmissionState::rejected);
    CHECK(s->comment == "Montants de 2021 manquants");

    Submission changed = record({"kloto-1", "kloto-2"});
    changed.payload = "<partenariat>2</partenariat>";
    REQUIRE_FALSE(store.amend(id, changed, 104));
    s = store.get(id);
    CHECK(s->state == SubmissionState::draft);
    CHECK(s->payload == "<partenariat>2</partenariat>");
    CHECK(s->communes == std::vector<std::string>{"kloto-1", "kloto-2"});
    // The comment stays readable until the next submission.
    CHECK(s->comment == "Montants de 2021 manquants");
    REQUIRE_FALSE(store.submit(id, 105));
    CHECK(store.get(id)->comment.empty());
}

TEST_CASE("Lists by commune, by author and the validators' queue", "[submissions]") {
    TempDir dir;
    SubmissionStore store(dir.path());
    int64_t a = created(store, record({"kloto-1"}, 1));
    int64_t b = created(store, record({"golfe-4"}, 2));
    int64_t c = created(store, record({"agoe-nyive-2", "kloto-1"}, 3));
    REQUIRE_FALSE(store.submit(c, 101));
    REQUIRE_FALSE(store.submit(a, 102));

    auto kloto = store.list_for_communes({"kloto-1"});
    REQUIRE(kloto.size() == 2);
    CHECK(kloto[0].id == c);  // newest first
    CHECK(kloto[1].id == a);
    CHECK(kloto[0].payload.empty());
    CHECK(kloto[0].communes == std::vector<std::string>{"agoe-nyive-2", "kloto-1"});
    CHECK(store.list_for_communes({"kloto-3"}).empty());
    CHECK(store.list_for_communes({}).empty());
    REQUIRE(store.list_for_communes({"golfe-4", "kloto-1"}).size() == 3);

    auto mine = store.list_by_author(2);
    REQUIRE(mine.size() == 1);
    CHECK(mine[0].id == b);

    auto queue = store.queue();
    REQUIRE(queue.size() == 2);
    CHECK(queue[0].id == a);  // oldest first
    CHECK(queue[1].id == c);
}

TEST_CASE("A submission's fields are checked before anything is stored", "[submissions]") {
    TempDir dir;
    SubmissionStore store(dir.path());
    for (const char* path : {"", "/etc/passwd", "../x.xml", "partenariats/../../x.xml", "partenariats//x.xml",
                             "partenariats/./x.xml", "partenariats/x y.xml", "partenariats\\x.xml"}) {
        Submission s = record({"kloto-1"});
        s.path = path;
        auto r = store.create(s, 1);
        REQUIRE(std::holds_alternative<SubmissionError>(r));
        CHECK(std::get<SubmissionError>(r).status == 400);
    }
    Submission none = record({});
    CHECK(std::holds_alternative<SubmissionError>(store.create(none, 1)));
    Submission big = record({"kloto-1"});
    big.payload.assign(SubmissionStore::kMaxPayloadBytes + 1, 'x');
    auto r = store.create(big, 1);
    REQUIRE(std::holds_alternative<SubmissionError>(r));
    CHECK(std::get<SubmissionError>(r).status == 413);
    Submission control = record({"kloto-1"});
    control.title = "a\x01b";
    CHECK(std::holds_alternative<SubmissionError>(store.create(control, 1)));
    // 300 accented characters are 600 bytes, and allowed.
    Submission accents = record({"kloto-1"});
    accents.title.clear();
    for (int i = 0; i < 300; ++i) accents.title += "é";
    CHECK(std::holds_alternative<int64_t>(store.create(accents, 1)));
    CHECK(store.list_by_author(1).size() == 1);
    CHECK(store.submit(999, 1)->status == 404);
    CHECK_FALSE(store.get(999));
}

TEST_CASE("Submissions survive the store's reopening and a draft can be discarded", "[submissions]") {
    TempDir dir;
    int64_t id = 0, gone = 0;
    {
        SubmissionStore store(dir.path());
        id = created(store, record({"kloto-1"}));
        gone = created(store, record({"kloto-1"}));
        REQUIRE_FALSE(store.submit(id, 101));
    }
    SubmissionStore again(dir.path());
    REQUIRE(again.get(id));
    CHECK(again.get(id)->state == SubmissionState::submitted);
    REQUIRE_FALSE(again.discard(gone));
    CHECK_FALSE(again.get(gone));
    CHECK(again.list_for_communes({"kloto-1"}).size() == 1);
    CHECK(again.discard(id)->status == 403);
}

TEST_CASE("Submission kinds and states by their stored names", "[submissions]") {
    CHECK(kind_from_name(kind_name(SubmissionKind::document)) == SubmissionKind::document);
    CHECK(kind_from_name("fiche") == SubmissionKind::record);
    CHECK_FALSE(kind_from_name("Fiche"));
    for (auto s :
         {SubmissionState::draft, SubmissionState::submitted, SubmissionState::accepted, SubmissionState::rejected})
        CHECK(state_from_name(state_name(s)) == s);
    CHECK(state_label(SubmissionState::rejected) == "Refusé");
    CHECK_FALSE(state_from_name("accepted"));
}
