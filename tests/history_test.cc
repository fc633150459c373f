// @brief The publication history (store/history.h).
#include <catch2/catch.hpp>

#include "store/history.h"
#include "tests/test_util.h"

namespace coopdec {

TEST_CASE("history: pending until finished, listed newest first", "[history]") {
    test::TempDir dir;
    store::History h(dir.path());
    store::PublishedFile a{"partenariats/a.xml", "part-a", "<a/>", false, std::nullopt};
    store::PublishedFile b{"conventions/b.xml", "conv-b", "<b/>", false, std::string()};
    const int64_t first = h.begin(3, "kodjo", "Fiche acceptée : A", {a, b}, 1000);
    CHECK(h.pending().size() == 1);
    CHECK(h.for_document("part-a").empty());  // pending: not yet history
    h.finish(first);
    CHECK(h.pending().empty());
    store::PublishedFile a2{"partenariats/a.xml", "part-a", "<a v='2'/>", false, std::string("<a/>")};
    const int64_t second = h.begin(4, "ama", "Correction", {a2}, 2000);
    h.finish(second);

    auto list = h.for_document("part-a");
    REQUIRE(list.size() == 2);
    CHECK(list[0].id == second);
    CHECK(list[0].login == "ama");
    CHECK(list[0].at == 2000);
    CHECK(list[1].id == first);
    REQUIRE(list[1].files.size() == 1);  // only the document's file
    CHECK_FALSE(list[1].files[0].previous);
    CHECK(list[0].files[0].previous == "<a/>");
    // An empty previous file is not « no previous file ».
    auto conv = h.for_path("conventions/b.xml");
    REQUIRE(conv.size() == 1);
    REQUIRE(conv[0].files[0].previous);
    CHECK(conv[0].files[0].previous->empty());

    auto got = h.get(first);
    REQUIRE(got);
    CHECK(got->done);
    CHECK(got->files.size() == 2);
    CHECK(got->summary == "Fiche acceptée : A");
    CHECK_FALSE(h.get(999));
    CHECK(h.file_at(second, "partenariats/a.xml")->content == "<a v='2'/>");
    CHECK_FALSE(h.file_at(second, "conventions/b.xml"));

    // Durable: another connection sees the same.
    store::History again(dir.path());
    CHECK(again.for_document("part-a").size() == 2);
}

}  // namespace coopdec
