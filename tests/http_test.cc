// @brief The request-target parser and the router, without sockets.
#include <catch2/catch.hpp>

#include "server/http.h"
#include "server/request_handler.h"

using namespace coopdec;

TEST_CASE("request targets are decoded, or refused with a reason", "[http]") {
    std::string path;
    http::Params params;
    REQUIRE_FALSE(http::parse_target(
        "/recherche?q=coop%C3%A9ration+d%C3%A9centralis%C3%A9e&type=convention&type=entretien&", path, params));
    CHECK(path == "/recherche");
    REQUIRE(params.size() == 3);
    CHECK(params[0] == std::make_pair(std::string("q"), std::string("coopération décentralisée")));
    CHECK(params[2].second == "entretien");
    REQUIRE_FALSE(http::parse_target("/doc/x#art_1", path, params));
    CHECK(path == "/doc/x");

    struct Bad {
        std::string target;
        int status;
        const char* message;
    };
    const Bad bad[] = {
        {"relative", 400, "adresse invalide : le chemin doit commencer par /"},
        {"/a/../b", 400, "adresse invalide : segment « .. » interdit"},
        {"/a/%2E%2E/b", 400, "adresse invalide : segment « .. » interdit"},
        {"/./b", 400, "adresse invalide : segment « . » interdit"},
        {"/a%5Cb", 400, "adresse invalide : caractère « \\ » interdit dans le chemin"},
        {"/a%00", 400, "adresse invalide : encodage %XX incorrect dans le chemin"},
        {std::string("/a?q=x\0y", 9), 400, "adresse invalide : octet nul interdit"},
        {"/a%", 400, "adresse invalide : encodage %XX incorrect dans le chemin"},
        {"/a?q=%4", 400, "paramètre mal encodé : encodage %XX incorrect"},
        {"/a?q=%C3%28", 400, "paramètre mal encodé : le texte doit être en UTF-8"},
        {"/" + std::string(9000, 'a'), 414, "adresse trop longue (9001 octets, au plus 8192)"},
    };
    for (const auto& b : bad) {
        CAPTURE(b.target.substr(0, 40));
        auto err = http::parse_target(b.target, path, params);
        REQUIRE(err.has_value());
        CHECK(err->status == b.status);
        CHECK(err->message == b.message);
    }
    std::string many = "/a?";
    for (int i = 0; i < 100; ++i) many += "type=x&";
    auto err = http::parse_target(many, path, params);
    REQUIRE(err.has_value());
    CHECK(err->message == "trop de paramètres (au plus 64)");
}

TEST_CASE("query strings are encoded back", "[http]") {
    CHECK(http::encode_params({{"q", "coopération & co"}, {"commune", "Kloto 1"}}) ==
          "q=coop%C3%A9ration%20%26%20co&commune=Kloto%201");
}

TEST_CASE("Accept-Encoding is read", "[http]") {
    CHECK(accepts_gzip("gzip, deflate, br"));
    CHECK(accepts_gzip("deflate, gzip;q=0.5"));
    CHECK(accepts_gzip("*"));
    CHECK_FALSE(accepts_gzip("gzip;q=0"));
    CHECK_FALSE(accepts_gzip("br"));
    CHECK_FALSE(accepts_gzip(""));
}
