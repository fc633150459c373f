// @brief Hostile XML against every reader of the indexer (read_xml, the
// RELAX NG check, the XSLT page) and against the real coopdec-index: entity
// bombs, external entities and DTDs (file and network), XInclude, deep
// nesting, huge files, wrong encodings, large flat documents, and what a
// stylesheet may do. Each case is refused with a clear French message or
// indexed safely; no file is opened (inotify), no connection is made (a
// listening socket, polled with a zero timeout), memory stays bounded
// (ru_maxrss of the child), and what the index held is kept.
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <spawn.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/escape.h"
#include "common/schema.h"
#include "common/stored_blob.h"
#include "indexer/extract.h"
#include "indexer/render.h"
#include "indexer/schema_check.h"
#include "indexer/xml_read.h"
#include "search/search.h"
#include "tests/temp_index.h"
#include "tests/test_util.h"
#include "textio/byte_size.h"

extern char** environ;

using namespace coopdec;
namespace fs = std::filesystem;

namespace {

// ===== Helpers =====

// A TCP socket listening on 127.0.0.1, ephemeral port. A fetch from it
// completes a connection in the kernel's queue, even if nobody accepts:
// contacted() sees it at once, with no sleep.
class Listener {
public:
    Listener() {
        fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 || listen(fd_, 64) != 0 ||
            getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
            throw std::runtime_error("listening socket");
        port_ = ntohs(addr.sin_port);
    }
    ~Listener() { close(fd_); }
    Listener(const Listener&) = delete;
    Listener& operator=(const Listener&) = delete;

    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
    bool contacted() const {
        pollfd p{fd_, POLLIN, 0};
        return poll(&p, 1, 0) > 0;
    }

private:
    int fd_ = -1;
    int port_ = 0;
};

// Reports whether any of `paths` was opened since construction (inotify:
// the event is queued when open() happens, so after the reader returned or
// the child exited it is there to read).
class OpenWatch {
public:
    explicit OpenWatch(const std::vector<std::string>& paths) {
        fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (fd_ < 0) throw std::runtime_error("inotify_init1");
        for (const auto& p : paths)
            if (inotify_add_watch(fd_, p.c_str(), IN_OPEN | IN_ACCESS) < 0) throw std::runtime_error("watch " + p);
    }
    ~OpenWatch() { close(fd_); }
    OpenWatch(const OpenWatch&) = delete;
    OpenWatch& operator=(const OpenWatch&) = delete;

    bool opened() const {
        char buf[4096];
        return read(fd_, buf, sizeof buf) > 0;
    }

private:
    int fd_ = -1;
};

// One run of the real coopdec-index (--quiet), its output and its peak
// resident size (wait4: this child only). `options` go before the inputs.
struct IndexerProcess {
    int status = -1;  // exit status, or -1 when it did not exit normally
    std::string out, err;
    long max_rss_kb = 0;
};

IndexerProcess run_indexer(const test::TempDir& dir, const std::string& db, const std::vector<std::string>& inputs,
                           const std::vector<std::string>& options = {}) {
    const std::string out = dir / "run.out", err = dir / "run.err";
    std::vector<std::string> args = {std::string(COOPDEC_BIN_DIR) + "/coopdec-index", "--quiet", "--db", db};
    args.insert(args.end(), options.begin(), options.end());
    args.insert(args.end(), inputs.begin(), inputs.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = 0;
    int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) throw std::runtime_error("posix_spawn coopdec-index");
    IndexerProcess run;
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) != pid) throw std::runtime_error("wait4");
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.max_rss_kb = usage.ru_maxrss;
    run.out = test::slurp(out);
    run.err = test::slurp(err);
    return run;
}

// Whether `needle` is anywhere in the index: a term, a document's data or
// values, a metadata value (the stored source of each document, unpacked:
// packed, the needle would not show). Pages are not stored: what the
// stylesheets make of a hostile file is checked on render_html() itself.
bool index_contains(const std::string& db, const std::string& needle) {
    Xapian::Database d(db);
    for (auto t = d.allterms_begin(); t != d.allterms_end(); ++t)
        if ((*t).find(needle) != std::string::npos) return true;
    for (auto p = d.postlist_begin(""); p != d.postlist_end(""); ++p) {
        Xapian::Document doc = d.get_document(*p);
        if (doc.get_data().find(needle) != std::string::npos) return true;
        for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
            if ((*v).find(needle) != std::string::npos) return true;
    }
    for (auto k = d.metadata_keys_begin(); k != d.metadata_keys_end(); ++k) {
        std::string value = d.get_metadata(*k);
        if ((*k).starts_with(schema::kSourceKeyPrefix)) value = stored_blob::unpack(value);
        if (value.find(needle) != std::string::npos) return true;
    }
    return false;
}

// The words of a file that must never reach the index: a marker no
// analysis changes (lowercase ASCII letters, no French stem to strip).
const std::string kMarker = "zqxsecretmarkerzqx";

// Small valid documents of each format, with a body the tests choose.
std::string tei(const std::string& doctype, const std::string& body, const std::string& decl = "") {
    return decl + doctype +
           "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xml:lang=\"fr\"><teiHeader><fileDesc><titleStmt>"
           "<title>Entretien hostile</title></titleStmt></fileDesc></teiHeader>"
           "<text><body><u who=\"#A\">" +
           body + "</u></body></text></TEI>\n";
}

// `number` makes the act's id: one per act of an index.
std::string akn_act(const std::string& doctype, const std::string& body, const std::string& number = "1") {
    return doctype +
           "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><act name=\"loi\"><meta>"
           "<identification source=\"#x\"><FRBRWork><FRBRthis value=\"/akn/tg/act/2020-01-01/" +
           number + "/!main\"/><FRBRuri value=\"/akn/tg/act/2020-01-01/" + number +
           "\"/></FRBRWork></identification></meta><body><article eId=\"art_1\"><num>1</num><content><p>" + body +
           "</p></content></article></body></act></akomaNtoso>\n";
}

std::string etude(const std::string& doctype, const std::string& body, const std::string& id = "etude-hostile") {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doctype + "<etude xmlns=\"urn:x-coopdec:corpus:1\" id=\"" +
           id +
           "\" xml:lang=\"fr\" demo=\"non\">\n<titre>Étude hostile</titre>\n<auteur>A</auteur>\n"
           "<sources><source>S</source></sources>\n<section id=\"sec_1\"><titre>Un</titre><p>" +
           body + "</p></section>\n</etude>\n";
}

const char kRefusedDoctype[] =
    "DOCTYPE refusé : il déclare des entités, qui ne sont jamais développées "
    "(risque d'expansion ou de fichier externe)";

// The first diagnostic of extract(), as "path:line:col: message".
std::string extract_error(const std::string& xml, const std::string& name) {
    Extraction ex = extract(xml, name);
    if (ex.ok || ex.errors.empty()) return "(accepté)";
    return ex.errors[0].str();
}

}  // namespace

// ===== Entity bombs =====

TEST_CASE("entity bombs are refused by every reader, before any expansion", "[hostile-xml]") {
    // Billion laughs: 10 levels of 10 references, 10^9 "lol" when expanded.
    std::string laughs = "<!DOCTYPE etude [\n<!ENTITY l0 \"lol\">\n";
    for (int i = 1; i <= 9; ++i) {
        laughs += "<!ENTITY l" + std::to_string(i) + " \"";
        for (int j = 0; j < 10; ++j) laughs += "&l" + std::to_string(i - 1) + ";";
        laughs += "\">\n";
    }
    laughs += "]>\n";
    // Quadratic blowup: one 50 KB entity referenced 50,000 times (2.5 GB).
    const std::string quadratic = "<!DOCTYPE etude [\n<!ENTITY a \"" + std::string(50000, 'a') + "\">\n]>\n";
    std::string refs;
    for (int i = 0; i < 50000; ++i) refs += "&a;";

    struct Row {
        const char* what;
        std::string xml;
    };
    const Row rows[] = {
        {"billion laughs", etude(laughs, "&l9;")},
        {"quadratic blowup", etude(quadratic, refs)},
    };
    for (const Row& r : rows) {
        INFO(r.what);
        const std::string expected = "bomb.xml:2:1: " + std::string(kRefusedDoctype);
        CHECK(extract_error(r.xml, "bomb.xml") == expected);
        std::vector<Diagnostic> schema = check_schema(r.xml, "bomb.xml", "etude");
        REQUIRE(schema.size() == 1);
        CHECK(schema[0].str() == expected);
        RenderResult page = render_html(r.xml, "bomb.xml", "coopdec");
        CHECK_FALSE(page.ok);
        REQUIRE(page.diagnostics.size() == 1);
        CHECK(page.diagnostics[0].str() == expected);
    }

    // The real indexer: refused, fast, in little memory (expanded, either
    // bomb takes gigabytes; the bound leaves room for a sanitizer build,
    // whose shadow memory alone takes a few hundred megabytes).
    test::TempDir dir;
    dir.write("c/laughs.xml", rows[0].xml);
    dir.write("c/quadratic.xml", rows[1].xml);
    IndexerProcess run = run_indexer(dir, dir / "db", {dir / "c"});
    INFO(run.err);
    CHECK(run.status == 1);
    CHECK(run.err.find(dir / "c/laughs.xml" + ":2:1: " + kRefusedDoctype) != std::string::npos);
    CHECK(run.err.find(dir / "c/quadratic.xml" + ":2:1: " + kRefusedDoctype) != std::string::npos);
    CHECK(run.max_rss_kb < 512 * 1024);
}

// ===== External entities, external DTDs, XInclude =====

TEST_CASE("external entities and DTDs: no file is opened, nothing of it is indexed", "[hostile-xml]") {
    test::TempDir dir;
    const std::string secret = dir.write("secret/secret.txt", kMarker + "\n");
    const std::string secret_xml = dir.write("secret/secret.xml", "<s>" + kMarker + "</s>\n");
    const std::string dtd = dir.write("secret/evil.dtd", "<!ENTITY s SYSTEM \"file://" + secret + "\">\n");
    const std::string pe = "<!DOCTYPE x [<!ENTITY % p SYSTEM \"file://" + dtd + "\"> %p;]>\n";

    // Declared entities are refused as above; an external DTD (no internal
    // subset) is harmless but must not be read: the reference stays unexpanded.
    dir.write("c/entity-tei.xml",
              tei("<!DOCTYPE TEI [<!ENTITY s SYSTEM \"file://" + secret + "\">]>\n", "avant &s; après"));
    dir.write("c/entity-akn.xml", akn_act("<!DOCTYPE akomaNtoso [<!ENTITY s SYSTEM \"" + secret + "\">]>\n", "&s;"));
    dir.write("c/parameter.xml", etude(pe, "&s;", "etude-parameter"));
    dir.write("c/dtd-tei.xml", tei("<!DOCTYPE TEI SYSTEM \"file://" + dtd + "\">\n", "avant &s; après dtdtei"));
    dir.write("c/dtd-etude.xml",
              etude("<!DOCTYPE etude SYSTEM \"" + dtd + "\">\n", "avant après dtdetude", "etude-dtd"));
    dir.write("c/dtd-akn.xml", akn_act("<!DOCTYPE akomaNtoso PUBLIC \"-//X//DTD X//EN\" \"file://" + dtd + "\">\n",
                                       "avant &s; après dtdakn", "2"));
    // XInclude is never processed: neither the text nor the XML file is read.
    const std::string xi = "xmlns:xi=\"http://www.w3.org/2001/XInclude\"";
    dir.write("c/xinclude.xml",
              "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" " + xi +
                  " xml:lang=\"fr\"><teiHeader><fileDesc><titleStmt><title>XInclude</title></titleStmt></fileDesc>"
                  "</teiHeader><text><body><u who=\"#A\">inclusion <xi:include href=\"" +
                  secret + "\" parse=\"text\"/> <xi:include href=\"file://" + secret_xml +
                  "\"/> xincludetei</u></body></text></TEI>\n");
    dir.write("c/xinclude-akn.xml",
              akn_act("", "<xi:include " + xi + " href=\"" + secret_xml + "\"/> xincludeakn", "3"));

    OpenWatch watch({secret, secret_xml, dtd});
    IndexerProcess run = run_indexer(dir, dir / "db", {dir / "c"});
    INFO(run.err);
    CHECK_FALSE(watch.opened());
    CHECK(run.status == 1);
    for (const char* f : {"entity-tei.xml", "entity-akn.xml", "parameter.xml"})
        CHECK(run.err.find(dir / "c/" + f + ":") != std::string::npos);
    CHECK(run.err.find(kRefusedDoctype) != std::string::npos);
    // The documents with an external DTD or XInclude are indexed, with their
    // pages, without what they point to.
    for (const char* f : {"dtd-tei.xml", "dtd-etude.xml", "dtd-akn.xml", "xinclude.xml", "xinclude-akn.xml"})
        CHECK(run.err.find(f) == std::string::npos);
    for (const char* word : {"dtdtei", "dtdetude", "dtdakn", "xincludetei", "xincludeakn"})
        CHECK(test::hits(dir / "db", word) == 1);
    CHECK_FALSE(index_contains(dir / "db", kMarker));
    CHECK(run.out.find(kMarker) == std::string::npos);
    CHECK(run.err.find(kMarker) == std::string::npos);
}

TEST_CASE("external entities and DTDs on the network: no connection is ever made", "[hostile-xml]") {
    Listener server;
    test::TempDir dir;
    dir.write("c/entity.xml", etude("<!DOCTYPE etude [<!ENTITY s SYSTEM \"" + server.url("/s.txt") + "\">]>\n", "&s;"));
    dir.write("c/parameter.xml",
              tei("<!DOCTYPE TEI [<!ENTITY % p SYSTEM \"" + server.url("/p.dtd") + "\"> %p;]>\n", "x"));
    dir.write("c/dtd-etude.xml",
              etude("<!DOCTYPE etude SYSTEM \"" + server.url("/etude.dtd") + "\">\n", "reseauetude", "etude-net"));
    dir.write("c/dtd-tei.xml",
              tei("<!DOCTYPE TEI PUBLIC \"-//X//DTD X//EN\" \"" + server.url("/tei.dtd") + "\">\n", "reseautei &ent;"));
    dir.write("c/dtd-akn.xml",
              akn_act("<!DOCTYPE akomaNtoso SYSTEM \"" + server.url("/akn.dtd") + "\">\n", "reseauakn"));
    dir.write("c/xinclude.xml", akn_act("",
                                        "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" +
                                            server.url("/x.xml") + "\"/> xincludereseau",
                                        "2"));
    IndexerProcess run = run_indexer(dir, dir / "db", {dir / "c"});
    INFO(run.err);
    CHECK_FALSE(server.contacted());
    CHECK(run.status == 1);
    CHECK(run.err.find(dir / "c/entity.xml:2:1: " + std::string(kRefusedDoctype)) != std::string::npos);
    CHECK(run.err.find(dir / "c/parameter.xml:1:1: " + std::string(kRefusedDoctype)) != std::string::npos);
    for (const char* word : {"reseauetude", "reseautei", "reseauakn", "xincludereseau"})
        CHECK(test::hits(dir / "db", word) == 1);

    // Each reader on its own, the schema check and the page included.
    const std::string dtd_doc = etude("<!DOCTYPE etude SYSTEM \"" + server.url("/etude.dtd") + "\">\n", "x");
    CHECK(extract(dtd_doc, "d.xml").ok);
    CHECK(check_schema(dtd_doc, "d.xml", "etude").empty());
    CHECK(render_html(dtd_doc, "d.xml", "coopdec").ok);
    CHECK_FALSE(server.contacted());
}

// ===== Deep nesting =====

TEST_CASE("10,000 nested elements: a clear refusal, no stack overflow, in every reader", "[hostile-xml]") {
    const int depth = 10000;
    auto nest = [&](const std::string& open, const std::string& close, const std::string& inner) {
        std::string s;
        s.reserve(static_cast<size_t>(depth) * (open.size() + close.size()) + inner.size());
        for (int i = 0; i < depth; ++i) s += open;
        s += inner;
        for (int i = 0; i < depth; ++i) s += close;
        return s;
    };
    // One line each, so the position of the first element past the limit
    // is a column: the 257th level, after the root's 3 (TEI, AKN) or 1
    // (etude) levels and 253 (or 255) levels of nesting.
    const std::string tei_head = "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body>", div = "<div>";
    const std::string deep_tei = tei_head + nest(div, "</div>", "<u who=\"#A\">fond</u>") + "</body></text></TEI>";
    const std::string akn_head = "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><act><body>",
                      hcontainer = "<hcontainer name=\"x\">";
    const std::string deep_akn =
        akn_head + nest(hcontainer, "</hcontainer>", "<article eId=\"art_1\"><num>1</num><p>fond</p></article>") +
        "</body></act></akomaNtoso>";
    const std::string etude_head =
        "<etude xmlns=\"urn:x-coopdec:corpus:1\" id=\"etude-deep\" xml:lang=\"fr\" demo=\"non\"><titre>T</titre>"
        "<auteur>A</auteur><sources><source>S</source></sources>";
    const std::string section = "<section id=\"s\" num=\"1\">", titre = "<titre>T</titre>";
    const std::string deep_etude = etude_head + nest(section + titre, "</section>", "") + "</etude>";

    struct Row {
        const char* name;
        const std::string& xml;
        const char* format;
        const char* root;
        size_t column;  // of the 257th level's '<'
    };
    const Row rows[] = {
        {"deep-tei.xml", deep_tei, "tei", "TEI", tei_head.size() + 253 * div.size() + 1},
        {"deep-akn.xml", deep_akn, "akn", "akomaNtoso", akn_head.size() + 253 * hcontainer.size() + 1},
        // The 255th section is at level 256: its <titre> comes first.
        {"deep-etude.xml", deep_etude, "coopdec", "etude",
         etude_head.size() + 254 * (section + titre).size() + section.size() + 1},
    };
    for (const Row& r : rows) {
        INFO(r.name);
        Extraction ex = extract(r.xml, r.name);
        REQUIRE_FALSE(ex.ok);
        REQUIRE(ex.errors.size() == 1);
        CHECK(ex.errors[0].str() == std::string(r.name) + ":1:" + std::to_string(r.column) +
                                        ": XML trop profond : plus de 256 éléments imbriqués (limite de l'indexeur)");
        // libxml2 stops at its own limit: the page and the schema check fail
        // cleanly, without recursing 10,000 levels.
        CHECK_FALSE(render_html(r.xml, r.name, r.format).ok);
        if (std::string(r.format) == "coopdec") CHECK_FALSE(check_schema(r.xml, r.name, r.root).empty());
    }

    // The limit is libxml2's: a document just under it is extracted AND
    // rendered, so that whatever extract() takes also gets its page.
    std::string at_limit = "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body>";
    for (int i = 0; i < kMaxDepth - 4; ++i) at_limit += "<div>";
    at_limit += "<u who=\"#A\">fond</u>";  // level 256
    for (int i = 0; i < kMaxDepth - 4; ++i) at_limit += "</div>";
    at_limit += "</body></text></TEI>";
    Extraction ok = extract(at_limit, "limit.xml");
    INFO((ok.errors.empty() ? std::string() : ok.errors[0].str()));
    CHECK(ok.ok);
    RenderResult page = render_html(at_limit, "limit.xml", "tei");
    CHECK(page.ok);

    // The real indexer: refused with the position, the rest indexed.
    test::TempDir dir;
    std::string deep = dir.write("c/deep.xml", deep_tei);
    dir.write("c/good.xml", tei("", "profondeur normale"));
    IndexerProcess run = run_indexer(dir, dir / "db", {dir / "c"});
    CHECK(run.status == 1);
    CHECK(run.err == deep + ":1:" + std::to_string(rows[0].column) +
                         ": XML trop profond : plus de 256 éléments imbriqués (limite de l'indexeur)\n");
    CHECK(test::hits(dir / "db", "profondeur") == 1);
}

// ===== Huge files =====

namespace {

// Writes a TEI transcript whose one utterance is a text node of `mb` MB
// (10^6 bytes) of French words, without holding it in memory.
std::string write_huge(const test::TempDir& dir, const std::string& rel, size_t mb) {
    std::string path = dir.write(rel, "");
    std::ofstream out(path, std::ios::binary);
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xml:lang=\"fr\"><teiHeader><fileDesc><titleStmt>"
           "<title>Énorme</title></titleStmt></fileDesc></teiHeader><text><body><u who=\"#A\">";
    std::string chunk;
    while (chunk.size() < 1000000) chunk += "la coopération décentralisée entre deux collectivités territoriales ";
    chunk.resize(1000000);
    for (size_t i = 0; i < mb; ++i) out << chunk;
    out << "</u></body></text></TEI>\n";
    return path;
}

// A good file indexed first, then the huge one: refused by its size with
// the file's position, in bounded memory, the good file still found.
void check_huge_refused(size_t mb) {
    test::TempDir dir;
    std::string db = dir / "db";
    std::string good = dir.write("good.xml", tei("", "avant le fichier énorme"));
    IndexerProcess first = run_indexer(dir, db, {good});
    INFO(first.err);
    REQUIRE(first.status == 0);
    REQUIRE(test::hits(db, "enorme") == 1);

    std::string huge = write_huge(dir, "huge.xml", mb);
    const auto size = fs::file_size(huge);
    IndexerProcess run = run_indexer(dir, db, {good, huge});
    INFO(run.err);
    INFO("peak RSS of coopdec-index: " << run.max_rss_kb / 1024 << " MB for a " << size / 1000000 << " MB file");
    CHECK(run.status == 1);
    CHECK(run.err == huge + ":1:1: fichier trop volumineux : " + std::to_string(mb) + " Mo (au plus 32 Mo)\n");
    CHECK(run.max_rss_kb < 512 * 1024);
    CHECK(test::hits(db, "enorme") == 1);
}

}  // namespace

TEST_CASE("a huge text node is refused by the file's size, in bounded memory", "[hostile-xml]") {
    // Just over the limit: what CI runs, twice (normal and sanitized).
    check_huge_refused(40);
}

// The full 100 MB: ctest label `long`.
TEST_CASE("a 100 MB text node is refused by the file's size, in bounded memory", "[.][hostile-xml-long]") {
    check_huge_refused(100);
}

TEST_CASE("extract refuses a document over its size limit before parsing it", "[hostile-xml]") {
    const std::string small = tei("", "x");
    CHECK(extract_error(small, "small.xml") == "(accepté)");
    CHECK(extract(small, "small.xml", 100).errors.at(0).str() ==
          "small.xml:1:1: fichier trop volumineux : " + std::to_string(small.size()) + " octets (au plus 100 octets)");
    CHECK(too_large("big.xml", 104949645, kMaxDocumentBytes).str() ==
          "big.xml:1:1: fichier trop volumineux : 104,9 Mo (au plus 32 Mo)");
    // Not even parsed: a malformed document over the limit gets the size.
    CHECK(extract("<a>" + std::string(2000, 'x'), "m.xml", 1000)
              .errors.at(0)
              .message.starts_with("fichier trop volumineux"));
}

TEST_CASE("sizes are said in octets, Ko or Mo, to the tenth", "[hostile-xml][max-size]") {
    const std::pair<std::uintmax_t, const char*> rows[] = {
        {0, "0 octet"},    {1, "1 octet"},      {207, "207 octets"},  {999, "999 octets"},     {1000, "1 Ko"},
        {2001, "2 Ko"},    {2050, "2,1 Ko"},    {612345, "612,3 Ko"}, {999949, "999,9 Ko"},    {999950, "1 Mo"},
        {1000000, "1 Mo"}, {2345678, "2,3 Mo"}, {32000001, "32 Mo"},  {104949645, "104,9 Mo"},
    };
    for (const auto& [bytes, said] : rows) {
        CAPTURE(bytes);
        CHECK(format_byte_size(bytes) == said);
    }
}

TEST_CASE("parse_byte_size: a byte count with an optional K, M or G, as --max-size takes it",
          "[hostile-xml][max-size]") {
    const std::pair<const char*, std::size_t> good[] = {
        {"1", 1},          {"2000", 2000},    {"500K", 500000},   {"500k", 500000},
        {"32M", 32000000}, {"32m", 32000000}, {"1G", 1000000000}, {"007K", 7000},
    };
    for (const auto& [text, bytes] : good) {
        CAPTURE(text);
        CHECK(parse_byte_size(text) == bytes);
    }
    CHECK(parse_byte_size("32M") == kMaxDocumentBytes);  // the default, written as the operator would
    // clang-format off
    const char* bad[] = {
        "", "0", "0K", "K",                            // nothing, or zero
        "-5", "+5", "1.5M", "1,5M", "0x10", "abc",     // not a whole number
        " 5", "5 ", "5 K",                             // spaces
        "12X", "32MB", "32Mo", "1T", "5KK",            // another suffix
        "99999999999999999999", "18446744073709551616", "18446744073709551615K",  // past std::size_t
    };
    // clang-format on
    for (const char* text : bad) {
        CAPTURE(text);
        CHECK_FALSE(parse_byte_size(text).has_value());
    }
}

namespace {

// A transcript that says `word`, padded with spaces to exactly `bytes` bytes.
std::string tei_of_size(const std::string& word, size_t bytes) {
    const size_t base = tei("", word).size();
    REQUIRE(bytes >= base);
    return tei("", word + std::string(bytes - base, ' '));
}

}  // namespace

TEST_CASE("coopdec-index --max-size: a file just over it is refused unread, the rest indexed, nothing lost",
          "[hostile-xml][max-size]") {
    test::TempDir dir;
    const std::string db = dir / "db";
    dir.write("c/good.xml", tei("", "manguier"));
    // Exactly at the limit: taken.
    const std::string grows = dir.write("c/grows.xml", tei_of_size("baobab", 2000));
    IndexerProcess first = run_indexer(dir, db, {dir / "c"}, {"--max-size", "2K"});
    INFO(first.err);
    REQUIRE(first.status == 0);
    REQUIRE(test::hits(db, "baobab") == 1);

    // One byte over: refused by its size, never opened; what the index had
    // of it stays; a new file of the same run is indexed.
    dir.write("c/grows.xml", tei_of_size("karite", 2001));
    dir.write("c/new.xml", tei("", "tamarinier"));
    OpenWatch watch({grows});
    IndexerProcess run = run_indexer(dir, db, {dir / "c"}, {"--max-size", "2K"});
    INFO(run.err);
    CHECK(run.status == 1);
    CHECK(run.err == grows + ":1:1: fichier trop volumineux : 2 Ko (au plus 2 Ko)\n");
    CHECK_FALSE(watch.opened());
    CHECK(test::hits(db, "baobab") == 1);
    CHECK(test::hits(db, "karite") == 0);
    CHECK(test::hits(db, "manguier") == 1);
    CHECK(test::hits(db, "tamarinier") == 1);

    // The limit is the run's: without it, the file is taken.
    IndexerProcess later = run_indexer(dir, db, {dir / "c"});
    INFO(later.err);
    CHECK(later.status == 0);
    CHECK(test::hits(db, "karite") == 1);
}

TEST_CASE("coopdec-index --max-size: a bad value is a usage error that touches no index", "[hostile-xml][max-size]") {
    test::TempDir dir;
    const std::string db = dir / "db";
    const std::string good = dir.write("good.xml", tei("", "manguier"));
    const std::string usage = "usage : coopdec-index --db DOSSIER";
    for (const char* value : {"12X", "0", "-5", "1.5M", "32MB", ""}) {
        CAPTURE(value);
        IndexerProcess run = run_indexer(dir, db, {good}, {"--max-size", value});
        CHECK(run.status == 2);
        CHECK(run.err.starts_with("coopdec-index : taille invalide pour --max-size « " + std::string(value) +
                                  " » : attendu un nombre d'octets non nul, suivi au besoin de K, M ou G "
                                  "(500K, 32M, 1G)\n" +
                                  usage));
        CHECK_FALSE(fs::exists(db));
    }
    // No value at all: the option ends the command line.
    IndexerProcess run = run_indexer(dir, db, {good, "--max-size"});
    CHECK(run.status == 2);
    CHECK(run.err.starts_with("coopdec-index : --max-size attend une taille (500K, 32M, 1G…)\n" + usage));
    CHECK_FALSE(fs::exists(db));
    // The usage says it.
    CHECK(run.err.find("[--max-size TAILLE]") != std::string::npos);
}

TEST_CASE("coopdec-index without --max-size: a file over 32 MB is refused unread", "[hostile-xml][max-size]") {
    test::TempDir dir;
    const std::string db = dir / "db";
    dir.write("c/good.xml", tei("", "manguier"));
    // Sparse: 32 MB and one byte on the file system, no disk used.
    const std::string big = dir.write("c/big.xml", "");
    fs::resize_file(big, kMaxDocumentBytes + 1);
    OpenWatch watch({big});
    IndexerProcess run = run_indexer(dir, db, {dir / "c"});
    INFO(run.err);
    CHECK(run.status == 1);
    CHECK(run.err == big + ":1:1: fichier trop volumineux : 32 Mo (au plus 32 Mo)\n");
    CHECK_FALSE(watch.opened());
    CHECK(test::hits(db, "manguier") == 1);
}

// ===== Encodings =====

TEST_CASE("wrong encodings are refused with the place and the reason, or read right", "[hostile-xml]") {
    auto utf16 = [](const std::string& ascii_or_utf8, bool big_endian) {
        // Enough for the fixtures: BMP characters only.
        std::string out = big_endian ? "\xFE\xFF" : "\xFF\xFE";
        for (size_t i = 0; i < ascii_or_utf8.size();) {
            unsigned char c = static_cast<unsigned char>(ascii_or_utf8[i]);
            unsigned cp = c;
            size_t len = 1;
            if (c >= 0xE0)
                cp = c & 0x0F, len = 3;
            else if (c >= 0xC0)
                cp = c & 0x1F, len = 2;
            for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(ascii_or_utf8[i + k]) & 0x3F);
            i += len;
            char hi = static_cast<char>(cp >> 8), lo = static_cast<char>(cp & 0xFF);
            out += big_endian ? std::string{hi, lo} : std::string{lo, hi};
        }
        return out;
    };
    const std::string body = "Il a été élu à la mairie";  // UTF-8
    const std::string latin1_body = "Il a \xE9t\xE9 \xE9lu \xE0 la mairie";
    auto decl = [](const char* enc) { return std::string("<?xml version=\"1.0\" encoding=\"") + enc + "\"?>\n"; };

    SECTION("read right: ISO-8859-1 as declared, UTF-16 with a BOM (both byte orders)") {
        for (const std::string& xml : {tei("", latin1_body, decl("ISO-8859-1")), tei("", latin1_body, decl("latin1")),
                                       utf16(tei("", body, decl("UTF-16")), false),
                                       utf16(tei("", body, decl("UTF-16")), true), utf16(tei("", body), false)}) {
            Extraction ex = extract(xml, "ok.xml");
            INFO((ex.errors.empty() ? std::string() : ex.errors[0].str()));
            REQUIRE(ex.ok);
            REQUIRE(ex.record.units.size() == 1);
            CHECK(ex.record.units[0].text == body);
            RenderResult page = render_html(xml, "ok.xml", "tei");
            CHECK(page.ok);
            CHECK(page.html.find("Il a été élu à la mairie") != std::string::npos);
        }
    }

    SECTION("refused, with the position of the first wrong byte or of the declaration") {
        struct Row {
            std::string xml;
            std::string message;
        };
        const Row rows[] = {
            // UTF-8 bytes in a file that says ISO-8859-1: "Ã©" instead of "é".
            {tei("", body, decl("ISO-8859-1")),
             "e.xml:2:184: encodage incohérent : le fichier se déclare en « ISO-8859-1 » mais son texte est en "
             "UTF-8 (« é ») : déclarez encoding=\"UTF-8\""},
            // windows-1252's "œ" (0x9C) in a file that says ISO-8859-1.
            {tei("", "c\x9Cur \xE9lu", decl("ISO-8859-1")),
             "e.xml:2:180: encodage incohérent : octet 0x9C (caractère de contrôle en ISO-8859-1) : le fichier "
             "semble être en windows-1252, non pris en charge ; convertissez-le en UTF-8"},
            // Latin-1 bytes in a file that says (or implies) UTF-8.
            {tei("", latin1_body, decl("UTF-8")),
             "e.xml:2:184: encodage invalide : octet 0xE9 impossible en UTF-8 : convertissez le fichier en UTF-8, "
             "ou déclarez son encodage (encoding=\"ISO-8859-1\")"},
            {tei("", latin1_body),
             "e.xml:1:184: encodage invalide : octet 0xE9 impossible en UTF-8 : convertissez le fichier en UTF-8, "
             "ou déclarez son encodage (encoding=\"ISO-8859-1\")"},
            // A truncated sequence, an overlong one, a surrogate.
            {tei("", "fin \xC3"),
             "e.xml:1:183: encodage invalide : octet 0xC3 impossible en UTF-8 : convertissez "
             "le fichier en UTF-8, ou déclarez son encodage (encoding=\"ISO-8859-1\")"},
            {tei("", "\xC0\xAF"),
             "e.xml:1:179: encodage invalide : octet 0xC0 impossible en UTF-8 : convertissez "
             "le fichier en UTF-8, ou déclarez son encodage (encoding=\"ISO-8859-1\")"},
            {tei("", "\xED\xA0\x80"),
             "e.xml:1:179: encodage invalide : octet 0xED impossible en UTF-8 : convertissez "
             "le fichier en UTF-8, ou déclarez son encodage (encoding=\"ISO-8859-1\")"},
            // Encodings pugixml would silently read as UTF-8.
            {tei("", "x", decl("x-klingon")),
             "e.xml:1:31: encodage « x-klingon » non pris en charge (acceptés : UTF-8, UTF-16, ISO-8859-1) : "
             "convertissez le fichier en UTF-8"},
            {tei("", "\x9C", decl("windows-1252")),
             "e.xml:1:31: encodage « windows-1252 » non pris en charge (acceptés : UTF-8, UTF-16, ISO-8859-1) : "
             "convertissez le fichier en UTF-8"},
            {tei("", body, decl("UTF-16")),
             "e.xml:1:31: encodage incohérent : le fichier se déclare en « UTF-16 » mais n'est pas en UTF-16 : "
             "déclarez encoding=\"UTF-8\""},
            {tei("", body, decl("US-ASCII")),
             "e.xml:2:184: encodage incohérent : octet 0xC3 dans un fichier déclaré en US-ASCII"},
            {"\xEF\xBB\xBF" + tei("", "x", decl("ISO-8859-1")),
             "e.xml:1:32: encodage incohérent : le fichier commence par la marque d'ordre des octets de l'UTF-8 "
             "mais se déclare en « ISO-8859-1 »"},
        };
        for (const Row& r : rows) {
            INFO(r.xml);
            CHECK(extract_error(r.xml, "e.xml") == r.message);
        }
    }

    SECTION("the real indexer: bad files refused, the good ones and the index's earlier versions kept") {
        test::TempDir dir;
        std::string db = dir / "db";
        std::string good = dir.write("c/good.xml", tei("", "premier fichier correct"));
        std::string changed = dir.write("c/changed.xml", tei("", "version ancienne conservee"));
        IndexerProcess first = run_indexer(dir, db, {dir / "c"});
        INFO(first.err);
        REQUIRE(first.status == 0);

        dir.write("c/changed.xml", tei("", "version nouvelle \xE9", decl("UTF-8")));  // now broken
        dir.write("c/mislabelled.xml", tei("", "mislabel " + body, decl("ISO-8859-1")));
        dir.write("c/unknown.xml", tei("", "inconnu", decl("x-klingon")));
        dir.write("c/latin1.xml", tei("", "latinun " + latin1_body, decl("ISO-8859-1")));
        dir.write("c/utf16.xml", utf16(tei("", "utfseize " + body, decl("UTF-16")), false));
        IndexerProcess run = run_indexer(dir, db, {dir / "c"});
        INFO(run.err);
        CHECK(run.status == 1);
        CHECK(run.err.find(changed + ":2:") != std::string::npos);
        CHECK(run.err.find(dir / "c/mislabelled.xml:2:") != std::string::npos);
        CHECK(run.err.find(dir / "c/unknown.xml:1:31: encodage « x-klingon »") != std::string::npos);
        CHECK(run.err.find("latin1.xml") == std::string::npos);
        CHECK(run.err.find("utf16.xml") == std::string::npos);
        CHECK(test::hits(db, "premier") == 1);
        CHECK(test::hits(db, "ancienne") == 1);  // the broken version did not replace it
        CHECK(test::hits(db, "nouvelle") == 0);
        CHECK(test::hits(db, "mislabel") == 0);
        CHECK(test::hits(db, "latinun elu") == 1);            // read right: "élu"
        CHECK(test::hits(db, "utfseize elu") == 1);           // read right: "élu"
        CHECK_FALSE(index_contains(db, "\xC3\x83\xC2\xA9"));  // "Ã©": no mojibake anywhere
    }
}

// ===== Large flat documents =====

TEST_CASE("large flat documents are extracted in time that grows linearly", "[hostile-xml]") {
    // Lists and siblings as long as the input wants. Each took minutes
    // (quadratic: a list scanned for every value, a body's children scanned
    // for every article); linear, each takes well under a second optimised,
    // a few seconds under the sanitizers.

    std::string articles =
        "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><act><meta>"
        "<identification source=\"#x\"><FRBRWork><FRBRthis value=\"/akn/tg/act/2020/1/!main\"/>"
        "</FRBRWork></identification></meta><body>";
    for (int i = 0; i < 40000; ++i) {
        std::string n = std::to_string(i);
        articles += "<article eId=\"art_" + n + "\"><num>" + n + "</num><p><ref href=\"/akn/tg/act/" + n + "\">loi " +
                    n + "</ref></p></article>";
    }
    articles += "</body></act></akomaNtoso>";

    std::string terms = "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><profileDesc><particDesc>";
    for (int i = 0; i < 50000; ++i)
        terms +=
            "<person xml:id=\"p" + std::to_string(i) + "\"><affiliation key=\"c" + std::to_string(i) + "\"/></person>";
    terms += "</particDesc><textClass><keywords scheme=\"coopdec:theme\">";
    for (int i = 0; i < 50000; ++i) terms += "<term>t" + std::to_string(i) + "</term>";
    terms += "</keywords></textClass></profileDesc></teiHeader><text><body><u who=\"#p1\">x</u></body></text></TEI>";

    struct Row {
        const char* what;
        const std::string& xml;
        size_t count;
    };
    const Row rows[] = {{"40,000 articles with a reference each", articles, 40000},
                        {"50,000 speakers' communes and themes", terms, 50000}};
    for (const Row& r : rows) {
        INFO(r.what);
        auto start = std::chrono::steady_clock::now();
        Extraction ex = extract(r.xml, "flat.xml");
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        INFO((ex.errors.empty() ? std::string() : ex.errors[0].str()));
        REQUIRE(ex.ok);
        CHECK((ex.record.communes.size() == r.count || ex.record.units.size() == r.count));
        CHECK(seconds < 20);
    }

    // The project's formats are also validated by libxml2's RELAX NG, whose
    // time grows with the square of a list's length (200,000 <commune>:
    // four minutes): they are refused past 1 MB, before any validation.
    std::string communes =
        "<etude xmlns=\"urn:x-coopdec:corpus:1\" id=\"etude-flat\" xml:lang=\"fr\" demo=\"non\">"
        "<titre>T</titre><auteur>A</auteur><communes>";
    for (int i = 0; i < 100000; ++i) communes += "<commune ref=\"c" + std::to_string(i) + "\"/>";
    communes += "</communes><sources><source>S</source></sources><section id=\"s1\"><titre>T</titre></section></etude>";
    CHECK(extract_error(communes, "flat.xml") ==
          "flat.xml:1:1: fichier trop volumineux pour un document du projet : 2,3 Mo (au plus 1 Mo)");
    // A larger general limit (--max-size) does not raise theirs; a smaller
    // one refuses them first, in its own words.
    CHECK(extract(communes, "flat.xml", 100000000).errors.at(0).str() ==
          "flat.xml:1:1: fichier trop volumineux pour un document du projet : 2,3 Mo (au plus 1 Mo)");
    CHECK(extract(communes, "flat.xml", 500000).errors.at(0).str() ==
          "flat.xml:1:1: fichier trop volumineux : 2,3 Mo (au plus 500 Ko)");
}

// ===== The XSLT stage =====

namespace {

const char kEtudeDoc[] = R"xml(<etude xmlns="urn:x-coopdec:corpus:1" id="etude-x" xml:lang="fr" demo="non">
<titre>T</titre><auteur>A</auteur><sources><source>S</source></sources>
<section id="sec_1"><titre>Un</titre><p>texte</p></section></etude>)xml";

// A stylesheet directory whose coopdec.xsl runs `body` in its root template.
std::string stylesheet_with(const test::TempDir& dir, const std::string& body, const std::string& extra_ns = "") {
    dir.write("coopdec.xsl", "<xsl:stylesheet version=\"1.1\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"" +
                                 extra_ns + "><xsl:template match=\"/\">" + body +
                                 "<p>ok</p></xsl:template></xsl:stylesheet>");
    return dir.path();
}

}  // namespace

TEST_CASE("render: no file written, no folder created, no network, no file read", "[hostile-xml]") {
    test::TempDir out;
    Listener server;

    SECTION("file writes: xsl:document, EXSLT's exsl:document, libxslt's lx:document") {
        const std::string doc =
            "<xsl:document href=\"" + out / "xsl.html" + "\" method=\"html\"><p>x</p></xsl:document>";
        const std::string exsl = "<exsl:document href=\"" + out / "exsl.html" + "\"><p>x</p></exsl:document>";
        const std::string lx = "<lx:document href=\"" + out / "lx.html" + "\"><p>x</p></lx:document>";
        struct Row {
            const char* what;
            std::string body, ns, target;
        };
        for (const Row& r :
             {Row{"xsl:document", doc, "", out / "xsl.html"},
              Row{"exsl:document", exsl, " xmlns:exsl=\"http://exslt.org/common\" extension-element-prefixes=\"exsl\"",
                  out / "exsl.html"},
              Row{"lx:document", lx,
                  " xmlns:lx=\"http://xmlsoft.org/XSLT/namespace\" extension-element-prefixes=\"lx\"",
                  out / "lx.html"}}) {
            INFO(r.what);
            test::TempDir sheets;
            RenderResult page = render_html(kEtudeDoc, "e.xml", "coopdec", stylesheet_with(sheets, r.body, r.ns));
            CHECK_FALSE(page.ok);
            CHECK_FALSE(fs::exists(r.target));
        }
    }

    SECTION("directory creation: a document in a folder that does not exist") {
        const std::string folder = out / "nouveau";
        test::TempDir sheets;
        RenderResult page = render_html(
            kEtudeDoc, "e.xml", "coopdec",
            stylesheet_with(sheets, "<xsl:document href=\"" + folder + "/sous/x.html\"><p>x</p></xsl:document>"));
        CHECK_FALSE(page.ok);
        CHECK_FALSE(fs::exists(folder));
        REQUIRE_FALSE(page.diagnostics.empty());
        CHECK(page.diagnostics.back().message.starts_with("transformation XSLT échouée : "));
    }

    SECTION("network: document() reads and xsl:document writes to a listening socket") {
        for (const std::string& body :
             {"<xsl:copy-of select=\"document('" + server.url("/a.xml") + "')\"/>",
              "<xsl:value-of select=\"count(document('" + server.url("/b.xml") + "')//*)\"/>",
              "<xsl:document href=\"" + server.url("/c.html") + "\"><p>x</p></xsl:document>"}) {
            INFO(body);
            test::TempDir sheets;
            RenderResult page = render_html(kEtudeDoc, "e.xml", "coopdec", stylesheet_with(sheets, body));
            CHECK_FALSE(page.ok);
            CHECK_FALSE(server.contacted());
        }
    }

    SECTION("local files: document() on a path or a file: URL opens nothing") {
        const std::string secret = out.write("secret.xml", "<s>" + kMarker + "</s>");
        OpenWatch watch({secret});
        for (const std::string& href : {secret, "file://" + secret}) {
            test::TempDir sheets;
            RenderResult page =
                render_html(kEtudeDoc, "e.xml", "coopdec",
                            stylesheet_with(sheets, "<xsl:copy-of select=\"document('" + href + "')\"/>"));
            CHECK_FALSE(page.ok);
            CHECK(page.html.find(kMarker) == std::string::npos);
        }
        CHECK_FALSE(watch.opened());
    }
}

TEST_CASE("render: the work of a transform is bounded", "[hostile-xml]") {
    // Pinned with a small limit on a small document: the default limit
    // takes seconds to reach (tests/render_test.cc renders every real file
    // under it).
    RenderResult page = render_html(kEtudeDoc, "e.xml", "coopdec", {}, 50);
    CHECK_FALSE(page.ok);
    CHECK(page.html.empty());
    REQUIRE(page.diagnostics.size() == 1);
    CHECK(page.diagnostics[0].str() ==
          "e.xml: rendu interrompu : document trop lourd pour les feuilles de style (plus de 50 opérations XPath)");
    CHECK(render_html(kEtudeDoc, "e.xml", "coopdec").ok);
}

// ===== Fuzz findings (fuzz/regressions/) =====

TEST_CASE("fuzz regressions: every diagnostic is valid UTF-8", "[hostile-xml]") {
    // fuzz_coopdec: a mismatched end tag quoted with the invalid bytes that
    // followed it ("</statu\x8C\xC3"): the syntax error comes before the
    // encoding check, so the tag is named only when it is valid UTF-8.
    XmlRead bad = read_xml("<statut>inconnu</statu\x8C\xC3\n", "r.xml");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error.str() == "r.xml:1:18: XML mal formé : balise fermante sans balise ouvrante correspondante");
    XmlRead named = read_xml("<statut>inconnu</statué>", "r.xml");
    REQUIRE_FALSE(named.ok());
    CHECK(named.error.str() ==
          "r.xml:1:18: XML mal formé : balise fermante </statué> sans balise ouvrante correspondante");

    // Every reproducer kept for the fuzz targets still gives a clean answer.
    for (const auto& dir : fs::directory_iterator(test::source_dir() + "/fuzz/regressions")) {
        for (const auto& file : fs::directory_iterator(dir.path())) {
            INFO(file.path().string());
            Extraction ex = extract(test::slurp(file.path().string()), "r.xml");
            for (const Diagnostic& d : ex.errors) CHECK(valid_utf8(d.message));
        }
    }
}
