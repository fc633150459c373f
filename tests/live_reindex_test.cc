// placeholder, filled in by the work on issue 5
#include <catch2/catch.hpp>
