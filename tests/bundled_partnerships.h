// @brief The bundled corpus's partnership records read as XML, without the
// indexer: what the tests of the yearly state recount their figures from.
#pragma once

#include <filesystem>
#include <functional>

#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include "tests/test_util.h"

namespace coopdec::test {

// Calls `each` with the <partenariat> element of every corpus/partenariats/*.xml;
// a file that does not load or has no such element fails the test.
inline void each_bundled_partnership(const std::function<void(pugi::xml_node)>& each) {
    for (const auto& f : std::filesystem::directory_iterator(source_dir() + "/corpus/partenariats")) {
        if (f.path().extension() != ".xml") continue;
        pugi::xml_document doc;
        REQUIRE(doc.load_file(f.path().c_str()));
        pugi::xml_node p = doc.child("partenariat");
        REQUIRE(p);
        each(p);
    }
}

}  // namespace coopdec::test
