// @brief The server's settings table (server/settings.h): the same checks
// and refusals from the command line and from a properties file, --help
// generated from it; handlers' outcomes as values (server/handlers.h).
#include "server/settings.h"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <stdexcept>
#include <variant>

#include "search/index.h"
#include "search/search.h"
#include "search/synonyms.h"
#include "server/handlers.h"
#include "server/metrics.h"
#include "server/router.h"
#include "tests/test_util.h"

using namespace coopdec;

namespace {

// coopdec-server with `args`, its stdout and stderr; `status` its exit code.
std::string run_server(const std::string& args, int& status) {
    return test::run_command(test::bin("coopdec-server") + " " + args + " 2>&1", status);
}

// Values each kind of setting must refuse.
std::vector<std::string> bad_values(const Setting& s) {
    if (s.type == SettingType::integer) return {std::to_string(s.min - 1), std::to_string(s.max + 1), "abc", "12x", ""};
    if (s.type == SettingType::url) return {"ftp://exemple.tg", "https://exemple.tg/\"><script>"};
    return {};
}

}  // namespace

TEST_CASE("settings: whole numbers within their bounds, addresses over http(s)", "[server][settings]") {
    const Setting* port = setting_by_option("port");
    REQUIRE(port);
    CHECK(port == setting_by_key("coopdec.port"));
    CHECK_FALSE(setting_problem(*port, "0"));
    CHECK_FALSE(setting_problem(*port, "65535"));
    CHECK_FALSE(setting_problem(*port, " 8080 "));  // a properties file's blanks
    for (const char* bad : {"65536", "70000", "-1", "0x10", "8e3", "", "99999999999999999999999"})
        CHECK(setting_problem(*port, bad) == std::optional<std::string>("un nombre entier de 0 à 65535 est attendu"));
    const Setting* threads = setting_by_option("threads");
    REQUIRE(threads);
    CHECK(setting_problem(*threads, "0"));
    CHECK(setting_refusal(*threads, "0", option_origin(*threads)) ==
          "valeur « 0 » refusée pour l'option --threads : un nombre entier de 1 à 256 est attendu");
    CHECK(setting_refusal(*port, "70000", property_origin(*port, "a.properties")) ==
          "valeur « 70000 » refusée pour la propriété coopdec.port du fichier « a.properties » : "
          "un nombre entier de 0 à 65535 est attendu");
    const Setting* url = setting_by_option("public-url");
    REQUIRE(url);
    CHECK_FALSE(setting_problem(*url, ""));
    CHECK_FALSE(setting_problem(*url, "https://coopdec.example.org/"));
    CHECK(setting_problem(*url, "coopdec.example.org"));
    // Every number the server reads is bounded.
    for (const Setting& s : server_settings())
        if (s.type == SettingType::integer) CHECK(s.min <= s.max);
    for (const char* option : {"db", "port", "bind", "public-url", "threads", "timeout", "max-connections",
                               "shard-timeout", "state-dir", "user", "synonyms", "stylesheets", "max-queued"})
        CHECK(setting_by_option(option));
}

TEST_CASE("a bad value is refused alike from the command line and from a properties file, without starting",
          "[server][bad-input][settings]") {
    test::TempDir dir;
    const std::string no_index = dir / "aucun-index";
    size_t checked = 0;
    for (const Setting& s : server_settings()) {
        for (const std::string& v : bad_values(s)) {
            INFO(s.option << " = « " << v << " »");
            int status = 0;
            std::string out = run_server(
                "--db " + test::shell_quote(no_index) + " --" + s.option + "=" + test::shell_quote(v), status);
            CHECK(status == 64);
            CHECK(test::contains(out, "coopdec-server : " + setting_refusal(s, v, option_origin(s)) + "\n"));
            CHECK_FALSE(test::contains(out, "index introuvable"));  // refused before anything is opened

            std::string props =
                dir.write("serveur.properties", "coopdec.db = " + no_index + "\n" + s.key + " = " + v + "\n");
            out = run_server("--config " + test::shell_quote(props), status);
            CHECK(status == 64);
            CHECK(test::contains(out, "coopdec-server : " + setting_refusal(s, v, property_origin(s, props)) + "\n"));
            CHECK_FALSE(test::contains(out, "index introuvable"));
            ++checked;
        }
    }
    CHECK(checked >= 30);
}

TEST_CASE("a port of 70000 or 0 threads in the properties file is refused, naming the property and the file",
          "[server][bad-input][settings]") {
    test::TempDir dir;
    std::string props = dir.write("coopdec.properties", "coopdec.db = " + (dir / "x") + "\ncoopdec.port = 70000\n");
    int status = 0;
    std::string out = run_server("--config " + test::shell_quote(props), status);
    CHECK(status != 0);
    CHECK(test::contains(out, "coopdec-server : valeur « 70000 » refusée pour la propriété coopdec.port du fichier « " +
                                  props + " » : un nombre entier de 0 à 65535 est attendu\n"));
    props = dir.write("threads.properties", "coopdec.db = " + (dir / "x") + "\ncoopdec.threads = 0\n");
    out = run_server("--config " + test::shell_quote(props), status);
    CHECK(status != 0);
    CHECK(test::contains(out, "refusée pour la propriété coopdec.threads du fichier « " + props + " »"));
}

TEST_CASE("a configuration file of another format is checked as well", "[server][bad-input][settings]") {
    test::TempDir dir;
    std::string ini = dir.write("coopdec.ini", "[coopdec]\ndb = " + (dir / "x") + "\nthreads = 0\n");
    int status = 0;
    std::string out = run_server("--config " + test::shell_quote(ini), status);
    CHECK(status == 64);
    CHECK(test::contains(out,
                         "coopdec-server : valeur « 0 » refusée pour la propriété coopdec.threads : "
                         "un nombre entier de 1 à 256 est attendu\n"));
}

TEST_CASE("--help lists every setting of the table with its default", "[server][settings]") {
    int status = 0;
    std::string out = run_server("--help", status);
    CHECK(status == 0);
    CHECK(test::contains(out, "Serveur web de coopdec"));
    for (const Setting& s : server_settings()) {
        INFO(s.option);
        CHECK(test::contains(out, std::string("--") + s.option + " " + s.argument + "\n"));
        CHECK(test::contains(out, std::string(s.help) + "\n"));
        CHECK(test::contains(out, setting_details(s) + "\n"));
        if (!s.fallback.empty()) CHECK(test::contains(out, "par défaut : " + s.fallback));
    }
    CHECK_FALSE(test::contains(out, "à l'écoute"));
}

TEST_CASE("the properties file and the README name every setting", "[server][settings]") {
    const std::string props = test::slurp(test::source_dir() + "/server/coopdec-server.properties");
    const std::string readme = test::slurp(test::source_dir() + "/README.md");
    for (const Setting& s : server_settings()) {
        INFO(s.option);
        CHECK(test::contains(props, s.key));
        CHECK(test::contains(readme, std::string("`--") + s.option));
    }
}

TEST_CASE("handlers return a user error as a value, and the router answers it", "[server][http][settings]") {
    test::TempDir dir;
    SynonymsFile synonyms(dir / "aucun.txt");
    Metrics metrics;
    ServerConfig config;
    config.statics["/static/coopdec.css"] = StaticFile{"text/css; charset=utf-8", "body{}"};
    Router router(config, synonyms, metrics);
    const Index none{Xapian::Database()};
    http::Request req;
    req.method = "GET";
    std::string tail = "absent.css";
    handlers::Context missing{none, none.db(), router, req, tail};
    handlers::Outcome o = handlers::static_file(missing);
    REQUIRE(std::holds_alternative<handlers::NotFound>(o));
    CHECK(std::get<handlers::NotFound>(o).message == "aucun fichier « /static/absent.css »");
    std::string found = "coopdec.css";
    handlers::Context present{none, none.db(), router, req, found};
    o = handlers::static_file(present);
    REQUIRE(std::holds_alternative<http::Response>(o));
    CHECK(std::get<http::Response>(o).body == "body{}");
    // What code below a handler still throws becomes the same value.
    o = handlers::errors_as_values([]() -> http::Response { throw SearchError{"requête trop longue"}; });
    REQUIRE(std::holds_alternative<SearchError>(o));
    CHECK(std::get<SearchError>(o).message == "requête trop longue");
    std::string route;
    http::Response r = router.handle("GET", "/static/absent.css", route);
    CHECK(r.status == 404);
    CHECK(route == "static");
}

TEST_CASE("an unexpected exception is described for the log: its type and message", "[server][settings]") {
    auto described = [](auto thrown) {
        try {
            throw thrown;
        } catch (...) {
            return describe_current_exception();
        }
    };
    CHECK(described(std::runtime_error("disque plein")) == "std::runtime_error : disque plein");
    CHECK(described(42) == "exception de type int");
    CHECK(described(SearchError{"requête trop longue"}) == "SearchError : requête trop longue");
    CHECK(described(handlers::NotFound{"aucun document"}) == "NotFound : aucun document");
    CHECK(described(Xapian::DatabaseCorruptError("bloc illisible")) == "Xapian::DatabaseCorruptError : bloc illisible");
}
