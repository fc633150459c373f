// @brief Uploads across a kill -9 of the real coopdec-server: a scan
// killed in the middle of its OCR is queued again at the next start and
// finished, its original intact; a body cut while it is received leaves
// nothing; the original is downloaded from the review page's link.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <thread>

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include "store/sqlite.h"
#include "tests/accounts_fixture.h"
#include "tests/server_process.h"
#include "tests/temp_index.h"
#include "tests/test_util.h"

using namespace coopdec;
namespace test = coopdec::test;
namespace fs = std::filesystem;

namespace {

const std::string kCut = "----coopdecCoupure93f1";

std::string form_part(const std::string& name, const std::string& value) {
    return "--" + kCut + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
}

// An upload form's body from kloto-1's contributor: its fields, then the file.
std::string upload_body(const std::string& csrf, const std::string& file_name, const std::string& bytes) {
    return form_part("csrf", csrf) + form_part("commune", "kloto-1") + form_part("type", "convention") +
           form_part("titre", "Convention scannée de Kloto") + form_part("date", "2021-03-04") +
           form_part("partenariat", "part-kloto-1-bressuire") + "--" + kCut +
           "\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"" + file_name +
           "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n--" + kCut + "--\r\n";
}

std::map<std::string, std::string> as_user(const test::SignedInUser& u, bool multipart = false) {
    std::map<std::string, std::string> h = {{"Cookie", u.cookie}};
    if (multipart) h["Content-Type"] = "multipart/form-data; boundary=" + kCut;
    return h;
}

std::string sha256_hex(const std::string& bytes) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
    return Poco::DigestEngine::digestToHex(engine.digest());
}

// A scan of `pages` pages of French text: image-only PDF pages drawn by ghostscript.
std::string scanned_pages(const test::TempDir& dir, int pages) {
    std::string ps = "%!PS\n/Times-Roman findfont 20 scalefont setfont\n";
    for (int p = 1; p <= pages; ++p)
        ps += "72 700 moveto (Article " + std::to_string(p) + " : Objet) show\n" +
              "72 660 moveto (Les deux communes developpent ensemble le service) show\n"
              "72 630 moveto (de l'eau potable et la formation des agents.) show\n"
              "72 580 moveto (La presente convention vaut pour trois ans.) show\nshowpage\n";
    std::string source = dir.write("scan.ps", ps);
    int status = 0;
    test::run_command("gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfimage24 -r200 -sOutputFile=" +
                          test::shell_quote(dir / "scan.pdf") + " " + test::shell_quote(source) + " 2>&1",
                      status);
    REQUIRE(status == 0);
    return test::slurp(dir / "scan.pdf");
}

// The job row as the server wrote it (a second connection, read only:
// opening the queue itself would requeue a running job).
struct JobRow {
    std::string state, stage;
    int64_t pages_done = 0;
    int64_t submission = 0;
    std::string original;
};
std::optional<JobRow> job_row_of(const std::string& state_dir, int64_t id) {
    sqlite::Database db(state_dir + "/coopdec.sqlite");
    auto st = db.prepare("SELECT state, stage, pages_done, submission, original FROM upload_jobs WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return JobRow{st.text(0), st.text(1), st.integer(2), st.integer(3), st.text(4)};
}

int64_t job_count(const std::string& state_dir) {
    sqlite::Database db(state_dir + "/coopdec.sqlite");
    auto st = db.prepare("SELECT count(*) FROM upload_jobs");
    st.step();
    return st.integer(0);
}

// Reads the job row until `done` holds, at most `tries` times, 50 ms apart
// (the server works on its own; the row is what it says it did).
template <class Done>
std::optional<JobRow> wait_row(const std::string& state_dir, int64_t id, Done done, int tries = 2400) {
    for (int i = 0; i < tries; ++i) {
        auto row = job_row_of(state_dir, id);
        if (row && done(*row)) return row;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return std::nullopt;
}

// The same for a folder's entry count.
bool wait_entries(const std::string& dir, bool want_empty, int tries = 400) {
    for (int i = 0; i < tries; ++i) {
        if (fs::is_empty(dir) == want_empty) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return false;
}

std::vector<std::string> folder_entries(const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

// The processes whose current folder is `dir` or under it (from /proc).
size_t working_in(const std::string& dir) {
    size_t n = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/proc", ec)) {
        std::error_code link_ec;
        std::string cwd = fs::read_symlink(e.path() / "cwd", link_ec).string();
        if (!link_ec && cwd.compare(0, dir.size(), dir) == 0) ++n;
    }
    return n;
}

// Asks `holds` at most `tries` times, 20 ms apart.
template <class Holds>
bool wait_until(Holds holds, int tries) {
    for (int i = 0; i < tries; ++i) {
        if (holds()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

// Sends the request line, the headers and the first `sent` bytes of `body`
// (announced whole), on a socket left open for the caller.
int send_partly(int port, const test::SignedInUser& u, const std::string& body, size_t sent) {
    int fd = test::connect_loopback(port);
    std::string head = "POST /espace/depot/envoi HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                       "\r\nOrigin: http://127.0.0.1:" + std::to_string(port) + "\r\nCookie: " + u.cookie +
                       "\r\nContent-Type: multipart/form-data; boundary=" + kCut +
                       "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    std::string out = head + body.substr(0, sent);
    for (size_t at = 0; at < out.size();) {
        ssize_t n = ::send(fd, out.data() + at, out.size() - at, MSG_NOSIGNAL);
        REQUIRE(n > 0);
        at += static_cast<size_t>(n);
    }
    return fd;
}

}  // namespace

TEST_CASE("a server killed with SIGKILL during an upload's OCR queues it again and finishes it, its original intact",
          "[uploads][kill]") {
    test::TempIndex index;  // the gazetteer and the records the form offers
    test::TempDir state, scans;
    auto kofi = test::sign_in(state.path(), store::Role::contributeur, {"kloto-1"});
    auto other = test::sign_in(state.path(), store::Role::contributeur, {"zio-1"});
    auto valid = test::sign_in(state.path(), store::Role::validateur);
    auto admin = test::sign_in(state.path(), store::Role::administrateur);
    const std::vector<std::string> args = {"--db", index.db, "--port", "0", "--state-dir", state.path()};
    auto server = std::make_unique<test::ServerProcess>(args);

    const std::string pdf = scanned_pages(scans, 4);
    auto sent =
        server->post("/espace/depot/envoi", upload_body(kofi.csrf, "Convention scannée.pdf", pdf), as_user(kofi, true));
    INFO(sent.body);
    REQUIRE(sent.status == 303);
    REQUIRE(sent.header("Location") == "/espace/travaux/1");

    // In the middle of its OCR: running, a page read, others left.
    auto running =
        wait_row(state.path(), 1, [](const JobRow& r) { return r.state == "en_cours" && r.pages_done >= 1; });
    REQUIRE(running);
    INFO(running->stage);
    REQUIRE(running->pages_done < 4);
    CHECK(test::contains(server->get("/espace/travaux/1", as_user(kofi)).body, "En cours"));
    // The run's private folder, where its converter works.
    const auto work = folder_entries(state / "travaux");
    REQUIRE(work.size() == 1);
    const std::string killed_run = fs::canonical(state / "travaux").string() + "/" + work.front();
    REQUIRE(working_in(killed_run) > 0);

    kill(server->pid(), SIGKILL);
    server.reset();  // waits for it
    CHECK(job_row_of(state.path(), 1)->state == "en_cours");
    // As a kill in the middle of the OCR's copy beside the original leaves it.
    const std::string half_copy = state.write("originals/" + sha256_hex(pdf) + ".ocr.pdf.tmp", "%PDF-1.4 coupé");

    server = std::make_unique<test::ServerProcess>(args);
    // The converters of the killed run were stopped at the start, before
    // its folder was emptied (the new run works in a folder of its own).
    CHECK(wait_until([&] { return working_in(killed_run) == 0; }, 10));
    CHECK_FALSE(fs::exists(killed_run));
    CHECK_FALSE(fs::exists(half_copy));
    auto done = wait_row(state.path(), 1, [](const JobRow& r) { return r.state == "termine" || r.state == "echec"; });
    REQUIRE(done);
    auto page = server->get("/espace/travaux/1", as_user(kofi));
    INFO(page.body);
    REQUIRE(done->state == "termine");
    CHECK(test::contains(page.body, "Terminé"));
    CHECK(test::contains(page.body, "trois ans"));
    // The original intact, under its hash; nothing of the killed run left.
    CHECK(done->original == sha256_hex(pdf));
    CHECK(sha256_hex(test::slurp((state / "originals") + "/" + done->original)) == sha256_hex(pdf));
    CHECK(folder_entries(state / "originals") == std::vector<std::string>{done->original, done->original + ".ocr.pdf"});
    CHECK(fs::is_empty(state / "travaux"));
    CHECK(fs::is_empty(state / "envois"));

    // Submitted, then the review page's link gives the same bytes back.
    auto submitted = server->post("/espace/depot/soumettre", "csrf=" + kofi.csrf + "&travail=1", as_user(kofi));
    REQUIRE(submitted.status == 303);
    int64_t submission = job_row_of(state.path(), 1)->submission;
    REQUIRE(submission > 0);
    auto review = server->get("/revue/" + std::to_string(submission), as_user(valid));
    REQUIRE(review.status == 200);
    const std::string link = "/espace/travaux/1/original";
    CHECK(test::contains(review.body, "href=\"" + link + "\""));
    for (const auto* who : {&valid, &kofi}) {
        auto original = server->get(link, as_user(*who));
        CHECK(original.status == 200);
        CHECK(sha256_hex(original.body) == sha256_hex(pdf));
        CHECK(original.header("Content-Type") == "application/pdf");
        CHECK(original.header("X-Content-Type-Options") == "nosniff");
        CHECK(original.header("Content-Disposition") ==
              "attachment; filename=\"Convention scann_e.pdf\"; filename*=UTF-8''Convention%20scann%C3%A9e.pdf");
    }
    for (const auto* who : {&other, &admin}) {
        auto refused = server->get(link, as_user(*who));
        CHECK(refused.status == 404);
        CHECK(refused.body.find("%PDF") == std::string::npos);
    }
}

TEST_CASE("a body cut while it is received, by the client or by a SIGKILL of the server, leaves no job and no original",
          "[uploads][kill]") {
    test::TempIndex index;  // the gazetteer and the records the form offers
    test::TempDir state;
    auto kofi = test::sign_in(state.path(), store::Role::contributeur, {"kloto-1"});
    const std::vector<std::string> args = {"--db", index.db, "--port", "0", "--state-dir", state.path()};
    auto server = std::make_unique<test::ServerProcess>(args);
    std::string text;
    while (text.size() < (2u << 20)) text += "Article 1 : les deux communes développent le service de l'eau.\n";
    const std::string body = upload_body(kofi.csrf, "accord.txt", text);

    // The client goes away in the middle of its file.
    int fd = send_partly(server->port(), kofi, body, body.size() / 2);
    REQUIRE(wait_entries(state / "envois", false));  // the file is being received
    close(fd);
    CHECK(wait_entries(state / "envois", true));
    CHECK(job_count(state.path()) == 0);
    CHECK(fs::is_empty(state / "originals"));

    // The server killed in the middle of a file: the next start drops it.
    fd = send_partly(server->port(), kofi, body, body.size() / 2);
    REQUIRE(wait_entries(state / "envois", false));
    kill(server->pid(), SIGKILL);
    server.reset();
    close(fd);
    CHECK_FALSE(fs::is_empty(state / "envois"));
    server = std::make_unique<test::ServerProcess>(args);
    CHECK(fs::is_empty(state / "envois"));
    CHECK(job_count(state.path()) == 0);
    CHECK(fs::is_empty(state / "originals"));

    // And an upload afterwards is received whole.
    auto sent = server->post("/espace/depot/envoi", body, as_user(kofi, true));
    INFO(sent.body);
    CHECK(sent.status == 303);
    CHECK(job_count(state.path()) == 1);
    CHECK(sha256_hex(test::slurp((state / "originals") + "/" + job_row_of(state.path(), 1)->original)) ==
          sha256_hex(text));
}
