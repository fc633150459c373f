// @brief Uploads: the multipart reader, the checks on the bytes, the
// sandbox's limits, the bounded queue that survives a restart, OCR of a
// scan made here, and the pages through Router::handle with hostile input.
#include <catch2/catch.hpp>

#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include <Poco/Logger.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/ServerSocket.h>
#include <fstream>
#include <sstream>
#include <thread>

#include "server/authenticator.h"
#include "server/job_queue.h"
#include "server/multipart.h"
#include "server/request_handler.h"
#include "server/router.h"
#include "server/sandbox.h"
#include "server/upload_checks.h"
#include "server/upload_pages.h"
#include "server/uploads.h"
#include "store/submissions.h"
#include "tests/server_process.h"
#include "tests/temp_index.h"
#include "tests/test_util.h"

using namespace coopdec;
namespace test = coopdec::test;
namespace fs = std::filesystem;

namespace {

const std::string kBoundary = "----coopdecTestBoundary7MA4YWxk";

struct Part {
    Part(std::string n, std::string v, std::string f = {}, std::string t = {})
        : name(std::move(n)), value(std::move(v)), filename(std::move(f)), type(std::move(t)) {}
    std::string name, value;
    std::string filename;  // a file part when not empty
    std::string type;
};

std::string multipart_body(const std::vector<Part>& parts) {
    std::string b;
    for (const auto& p : parts) {
        b += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + p.name + "\"";
        if (!p.filename.empty()) b += "; filename=\"" + p.filename + "\"";
        b += "\r\n";
        if (!p.type.empty()) b += "Content-Type: " + p.type + "\r\n";
        b += "\r\n" + p.value + "\r\n";
    }
    return b + "--" + kBoundary + "--\r\n";
}

size_t files_in(const std::string& dir) {
    size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir)) n += e.is_regular_file();
    return n;
}

// A PDF drawn by ghostscript from PostScript: `device` pdfimage24 makes
// image-only pages (a scan), pdfwrite keeps the text.
std::string pdf_from_ps(const test::TempDir& dir, const std::string& ps, const std::string& device, int dpi,
                        const std::string& name) {
    std::string source = dir.write(name + ".ps", ps);
    std::string out = dir / name;
    int status = 0;
    test::run_command("gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=" + device + " -r" + std::to_string(dpi) +
                          " -sOutputFile=" + test::shell_quote(out) + " " + test::shell_quote(source) + " 2>&1",
                      status);
    REQUIRE(status == 0);
    return out;
}

// A scanned page: French text drawn by ghostscript into an image-only PDF
// (no text layer, as a scanner makes).
std::string scanned_pdf(const test::TempDir& dir, const std::string& name) {
    return pdf_from_ps(dir,
                       "%!PS\n/Times-Roman findfont 22 scalefont setfont\n"
                       "72 700 moveto (Article 1 : Objet) show\n"
                       "72 660 moveto (Les deux communes developpent ensemble) show\n"
                       "72 630 moveto (le service de l'eau potable et la formation.) show\n"
                       "72 580 moveto (Article 2 : Duree) show\n"
                       "72 540 moveto (La presente convention vaut pour trois ans.) show\n"
                       "showpage\n",
                       "pdfimage24", 200, name);
}

// The same page with a text layer (ghostscript's pdfwrite keeps the text).
std::string text_pdf(const test::TempDir& dir, const std::string& name) {
    return pdf_from_ps(dir,
                       "%!PS\n/Times-Roman findfont 14 scalefont setfont\n"
                       "72 700 moveto (Article 1 : Objet) show\n"
                       "72 680 moveto (Les deux communes developpent ensemble le service de l'eau potable.) show\n"
                       "72 640 moveto (Article 2 : Duree) show\n"
                       "72 620 moveto (La presente convention vaut pour trois ans, renouvelables par accord.) show\n"
                       "showpage\n",
                       "pdfwrite", 72, name);
}

// Signs in whoever sends "session=LOGIN": kloto (contributor of kloto-1),
// zio (contributor of zio-1), multi (contributor of both), valid
// (validator), admin (administrator).
class TestAuthenticator : public Authenticator {
public:
    std::optional<store::Principal> who(const Incoming& in) override {
        store::Principal p;
        p.csrf_token = "jeton-" + in.cookie;
        if (in.cookie == "session=kloto") {
            p.account_id = 1;
            p.login = "kloto";
            p.communes = {"kloto-1"};
        } else if (in.cookie == "session=zio") {
            p.account_id = 2;
            p.login = "zio";
            p.communes = {"zio-1"};
        } else if (in.cookie == "session=valid") {
            p.account_id = 3;
            p.login = "valid";
            p.role = store::Role::validateur;
        } else if (in.cookie == "session=multi") {
            p.account_id = 5;
            p.login = "multi";
            p.communes = {"kloto-1", "zio-1"};
        } else if (in.cookie == "session=admin") {
            p.account_id = 4;
            p.login = "admin";
            p.role = store::Role::administrateur;
        } else {
            return std::nullopt;
        }
        return p;
    }
};

// A job's messages, one a line (for INFO).
std::string messages_of(const Job& job) {
    std::string all;
    for (const auto& m : job.messages) all += m + "\n";
    return all;
}

// The bundled corpus indexed once for every test of this file: its
// gazetteer and partnership records are what the upload forms offer.
const std::string& corpus_db() {
    static const test::TempIndex index;
    return index.db;
}

// A router with uploads in `dir`, as the server wires them (no workers:
// tests run jobs with run_one()), on the bundled corpus's index.
struct UploadServer {
    test::TempDir dir;
    SynonymsFile synonyms{dir / "aucun.txt"};
    Metrics metrics;
    TestAuthenticator auth;
    std::unique_ptr<Uploads> uploads;
    std::unique_ptr<store::SubmissionStore> submissions;
    std::unique_ptr<Router> router;

    explicit UploadServer(UploadSettings s = {}) {
        s.state_dir = dir / "etat";
        fs::create_directories(s.state_dir);
        uploads = std::make_unique<Uploads>(s);
        submissions = std::make_unique<store::SubmissionStore>(s.state_dir);
        uploads->set_submissions(submissions.get());
        ServerConfig config;
        config.db_path = corpus_db();
        router = std::make_unique<Router>(config, synonyms, metrics);
        router->set_authenticator(&auth);
        router->set_uploads(uploads.get());
    }

    Incoming request(const std::string& method, const std::string& target, const std::string& login) {
        Incoming in;
        in.method = method;
        in.target = target;
        in.cookie = "session=" + login;
        in.host = "localhost";
        in.origin = "http://localhost";
        return in;
    }

    http::Response get(const std::string& target, const std::string& login) {
        std::string route;
        return router->handle(request("GET", target, login), route);
    }

    // A multipart POST read as the server reads it (Uploads::receive).
    http::Response send(const std::vector<Part>& parts, const std::string& login,
                        const std::string& target = "/espace/depot/envoi") {
        Incoming in = request("POST", target, login);
        in.content_type = "multipart/form-data; boundary=" + kBoundary;
        std::istringstream body(multipart_body(parts));
        if (router->may_send_files(in)) uploads->receive(body, in);
        std::string route;
        return router->handle(in, route);
    }

    http::Response post_form(const std::string& target, const std::string& body, const std::string& login) {
        Incoming in = request("POST", target, login);
        in.content_type = "application/x-www-form-urlencoded";
        in.body = body;
        std::string route;
        return router->handle(in, route);
    }
};

std::vector<Part> upload_parts(const std::string& csrf, const std::string& file_name, const std::string& bytes,
                               const std::string& title = "Convention de test",
                               const std::string& commune = "kloto-1") {
    return {{"csrf", csrf},
            {"commune", commune},
            {"type", "convention"},
            {"titre", title},
            {"date", "2021-03-04"},
            {"partenariat", "part-kloto-1-bressuire"},
            {"fichier", bytes, file_name, "application/octet-stream"}};
}

// Sends `bytes` as kloto's upload, runs its job here, and returns it.
Job upload_and_run(UploadServer& s, const std::string& name, const std::string& bytes) {
    http::Response r = s.send(upload_parts("jeton-session=kloto", name, bytes), "kloto");
    REQUIRE(r.status == 303);
    REQUIRE(s.uploads->run_one());
    auto job = s.uploads->queue().get(std::stoll(r.header("Location").substr(std::string("/espace/travaux/").size())));
    REQUIRE(job);
    return *job;
}

const std::string kAgreement =
    "Article 1 : Objet\nLes communes de Kloto 1 et de Bressuire développent le service de l'eau.\n"
    "Article 2 : Durée\nLa présente convention vaut pour trois ans.\n";

}  // namespace

TEST_CASE("the multipart reader gives fields and a file streamed to disk, in chunks of any size", "[uploads]") {
    test::TempDir dir;
    std::string file(200000, 'x');
    for (size_t i = 0; i < file.size(); i += 97) file[i] = '\n';
    std::string body =
        multipart_body({{"csrf", "abc"}, {"titre", "Été à Kpalimé"}, {"fichier", file, "a.txt", "text/plain"}});
    for (size_t chunk : {body.size(), size_t(1), size_t(7), size_t(4096)}) {
        INFO(chunk);
        MultipartReader reader(kBoundary, dir.path());
        for (size_t i = 0; i < body.size(); i += chunk) REQUIRE(reader.feed(std::string_view(body).substr(i, chunk)));
        REQUIRE_FALSE(reader.finish());
        CHECK(reader.fields() == http::Params{{"csrf", "abc"}, {"titre", "Été à Kpalimé"}});
        REQUIRE(reader.files().size() == 1);
        const ReceivedFile& f = reader.files()[0];
        CHECK(f.client_name == "a.txt");
        CHECK(f.size == file.size());
        CHECK(test::slurp(f.file->path()) == file);
        CHECK(f.sha256.size() == 64);
    }
    // Every temporary file went with its reader.
    CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("the multipart reader refuses what is too large or malformed, keeping the fields read before", "[uploads]") {
    test::TempDir dir;
    MultipartLimits limits;
    limits.max_file_bytes = 1000;
    std::string body =
        multipart_body({{"csrf", "abc"}, {"titre", "T"}, {"fichier", std::string(5000, 'y'), "gros.pdf", ""}});
    MultipartBody big = parse_multipart(body, kBoundary, dir.path(), limits);
    REQUIRE(big.error);
    CHECK(big.error->status == 413);
    CHECK(big.error->message == "fichier trop volumineux : au plus 0 Mio par fichier");
    CHECK(big.fields == http::Params{{"csrf", "abc"}, {"titre", "T"}});
    CHECK(big.files.empty());
    CHECK(fs::is_empty(dir.path()));

    // Cut short, no closing boundary, garbage, a part without a name.
    std::string whole = multipart_body({{"a", "1"}});
    for (const std::string& bad :
         {whole.substr(0, whole.size() - 10), std::string("pas du tout multipart"),
          "--" + kBoundary + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--" + kBoundary + "--\r\n"}) {
        INFO(bad);
        MultipartBody r = parse_multipart(bad, kBoundary, dir.path());
        REQUIRE(r.error);
        CHECK(r.error->status == 400);
    }
    // The fuzzer's finding (fuzz/regressions/fuzz_upload/): a part whose
    // head has no colon, after a boundary whose following bytes were read
    // once the buffer had moved — taken for the closing one, and the body
    // accepted.
    std::string found = test::slurp(test::source_dir() +
                                    "/fuzz/regressions/fuzz_upload/crash-71ec3e254c9e6ef6c1f3825da045522ccf05bf1f");
    MultipartBody regression = parse_multipart(std::string_view(found).substr(1), "XyZ", dir.path());
    REQUIRE(regression.error);
    CHECK(regression.error->message == "formulaire illisible : en-tête de partie mal formé");
    // The closing boundary ends the body: what follows it is ignored.
    MultipartBody epilogue = parse_multipart(
        multipart_body({{"a", "1"}}) + "--" + kBoundary + "\r\nContent-Disposition: x\r\n\r\n", kBoundary, dir.path());
    CHECK_FALSE(epilogue.error);
    CHECK(epilogue.fields == http::Params{{"a", "1"}});
    // A file input left empty is no file.
    MultipartBody none = parse_multipart(multipart_body({{"fichier", "", "", ""}}), kBoundary, dir.path());
    CHECK_FALSE(none.error);
    CHECK(none.files.empty());
    CHECK(multipart_boundary("multipart/form-data; boundary=\"abc\"") == std::optional<std::string>("abc"));
    CHECK_FALSE(multipart_boundary("application/x-www-form-urlencoded"));
}

namespace {

// A ZIP with one entry whose sizes are declared, not real (what a bomb
// declares is what the check reads).
std::string zip_declaring(const std::string& name, uint32_t csize, uint32_t usize, uint32_t local_usize) {
    auto u16 = [](uint16_t v) { return std::string{char(v & 0xff), char(v >> 8)}; };
    auto u32 = [&](uint32_t v) { return u16(uint16_t(v & 0xffff)) + u16(uint16_t(v >> 16)); };
    std::string data(csize, 'z');
    std::string local = "PK\x03\x04" + u16(20) + u16(0) + u16(8) + u32(0) + u32(0) + u32(csize) + u32(local_usize) +
                        u16(uint16_t(name.size())) + u16(0) + name + data;
    std::string central = std::string("PK\x01\x02", 4) + u16(20) + u16(20) + u16(0) + u16(8) + u32(0) + u32(0) +
                          u32(csize) + u32(usize) + u16(uint16_t(name.size())) + u16(0) + u16(0) + u16(0) + u16(0) +
                          u32(0) + u32(0) + name;
    std::string end = std::string("PK\x05\x06", 4) + u16(0) + u16(0) + u16(1) + u16(1) + u32(uint32_t(central.size())) +
                      u32(uint32_t(local.size())) + u16(0);
    return local + central + end;
}

}  // namespace

TEST_CASE("uploaded bytes are judged by their magic numbers, not by their name", "[uploads]") {
    auto format = [](const std::string& bytes) {
        auto r = sniff_upload(bytes, bytes);
        return std::holds_alternative<UploadFormat>(r) ? std::string(upload_extension(std::get<UploadFormat>(r)))
                                                       : "refusé " + std::get<UploadRefusal>(r).message;
    };
    CHECK(format("%PDF-1.7\n...%%EOF\n") == "pdf");
    CHECK(format("{\\rtf1\\ansi Bonjour}") == "rtf");
    CHECK(format(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(100, '\0')) == "doc");
    CHECK(format("Article 1 : Objet\nLa coopération.\n") == "txt");
    CHECK(format("<?xml version=\"1.0\"?><convention/>") == "xml");
    CHECK(format(zip_declaring("word/document.xml", 100, 1000, 1000)) == "docx");
    // Refused, each with its reason.
    CHECK(format("") == "refusé le fichier est vide");
    CHECK(format("<!DOCTYPE html><html><script>alert(1)</script>") ==
          "refusé une page HTML n'est pas un document accepté : envoyez le PDF, le document Word ou le texte");
    CHECK(format("\x7f"
                 "ELF\x02\x01\x01" +
                 std::string(50, '\0'))
              .rfind("refusé format non reconnu", 0) == 0);
    CHECK(format(zip_declaring("images/a.png", 10, 10, 10)).rfind("refusé archive ZIP refusée", 0) == 0);
    CHECK(format("\xFF\xD8\xFF\xE0" + std::string(20, '\0')).rfind("refusé une photo n'est pas acceptée", 0) == 0);
    // Polyglots: a PDF carrying a ZIP or an HTML page.
    CHECK(format("%PDF-1.4\n" + zip_declaring("word/document.xml", 10, 10, 10)).rfind("refusé fichier ambigu", 0) == 0);
    CHECK(format("%PDF-1.4\n<html><body>x</body></html>").rfind("refusé fichier ambigu", 0) == 0);

    // A declared type the bytes contradict: a "PDF" that is text.
    auto declared = declared_format("convention.pdf", "application/pdf");
    REQUIRE(declared == UploadFormat::pdf);
    auto refusal = check_declared(declared, UploadFormat::text);
    REQUIRE(refusal);
    CHECK(refusal->message ==
          "le fichier s'annonce comme PDF mais son contenu est texte : vérifiez que vous envoyez le bon fichier");
    CHECK_FALSE(check_declared(declared_format("a.doc", ""), UploadFormat::docx));  // a renamed Word file
    CHECK_FALSE(check_declared(std::nullopt, UploadFormat::pdf));
}

TEST_CASE("a DOCX decompression bomb is refused from its declared sizes before any converter sees it", "[uploads]") {
    CHECK_FALSE(check_zip(zip_declaring("word/document.xml", 1000, 20000, 20000)));
    auto bomb = check_zip(zip_declaring("word/document.xml", 1000, 300u << 20, 300u << 20));
    REQUIRE(bomb);
    CHECK(bomb->status == 413);
    CHECK(bomb->message.find("bombe de décompression") != std::string::npos);
    auto ratio = check_zip(zip_declaring("word/document.xml", 1000, 50u << 20, 50u << 20));
    REQUIRE(ratio);
    CHECK(ratio->status == 413);
    // A central directory that lies about what the local header says.
    auto liar = check_zip(zip_declaring("word/document.xml", 1000, 2000, 900u << 20));
    REQUIRE(liar);
    CHECK(liar->message == "document refusé : les tailles déclarées de son archive se contredisent");
    CHECK(check_zip("PK\x03\x04 pas de fin"));
}

TEST_CASE("client file names become harmless metadata", "[uploads]") {
    const std::pair<const char*, const char*> cases[] = {
        {"../../etc/passwd", "passwd"},
        {"..\\..\\windows\\system.ini", "system.ini"},
        {"<img src=x onerror=alert(1)>.pdf", "img srcx onerroralert(1).pdf"},
        {"=cmd|'x'!A0.csv", "cmdx!A0.csv"},
        {"=cmd|' /C calc'!A0.pdf", "C calc!A0.pdf"},  // the last component only
        {"-rf.pdf", "rf.pdf"},
        {"..", "document"},
        {"", "document"},
        {"Convention Kpalimé 2019.pdf", "Convention Kpalimé 2019.pdf"},
        {"a\nb\rc\x01.txt", "abc.txt"},
    };
    for (const auto& [in, out] : cases) {
        INFO(in);
        CHECK(sanitize_client_name(in) == out);
    }
    CHECK(sanitize_client_name(std::string(300, 'e') + "é").size() <= 120);
}

namespace {

// True when process `pid` (not a child of this one) has ended, or ends
// within `ms` milliseconds: its pidfd becomes readable when it exits.
bool process_ends_within(pid_t pid, int ms) {
    int fd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
    if (fd < 0) return errno == ESRCH;  // already gone
    pollfd p{fd, POLLIN, 0};
    int ready = poll(&p, 1, ms);
    close(fd);
    return ready == 1;
}

}  // namespace

TEST_CASE("the sandbox enforces wall time, CPU time, memory and file size on its child", "[uploads][sandbox]") {
    test::TempDir dir;
    SandboxCommand c;
    c.work_dir = dir.path();
    c.stdout_path = dir / "sortie.txt";
    SandboxLimits l;
    l.wall_seconds = 1;

    c.argv = {"sleep", "30"};
    SandboxResult slow = run_sandboxed(c, l);
    CHECK(slow.end == SandboxResult::End::timed_out);
    CHECK(slow.seconds < 10);

    l.wall_seconds = 30;
    l.cpu_seconds = 1;
    c.argv = {"sh", "-c", "while :; do :; done"};
    SandboxResult spin = run_sandboxed(c, l);
    CHECK(spin.end == SandboxResult::End::signaled);
    CHECK(spin.code == SIGXCPU);

    l.cpu_seconds = 30;
    l.address_space = 256u << 20;
    c.argv = {"python3", "-c", "x = bytearray(1 << 30)"};
    SandboxResult hungry = run_sandboxed(c, l);
    CHECK_FALSE(hungry.ok());
    CHECK(hungry.end == SandboxResult::End::exited);  // MemoryError: Python exits 1

    l.address_space = 1u << 30;
    l.file_size = 1u << 20;
    c.argv = {"sh", "-c", "head -c 5000000 /dev/zero > gros.bin"};
    SandboxResult writer = run_sandboxed(c, l);
    CHECK_FALSE(writer.ok());
    CHECK(fs::file_size(dir / "gros.bin") <= (1u << 20));

    // Its own process group: what it started dies with it.
    l.wall_seconds = 1;
    c.argv = {"sh", "-c", "sleep 60 & echo $! > enfant.txt; wait"};
    SandboxResult group = run_sandboxed(c, l);
    CHECK(group.end == SandboxResult::End::timed_out);
    pid_t child = std::stoi(test::slurp(dir / "enfant.txt"));
    // Killed with its group: a signal is delivered asynchronously, so its end
    // is awaited on a pidfd (readable once the process has exited), not read
    // from /proc at once.
    CHECK(process_ends_within(child, 10000));

    // As root, the child is another, unprivileged user.
    l.wall_seconds = 10;
    c.argv = {"id", "-u"};
    SandboxResult who = run_sandboxed(c, l);
    REQUIRE(who.ok());
    if (geteuid() == 0)
        CHECK(test::slurp(dir / "sortie.txt") == "65534\n");
    else
        CHECK(test::slurp(dir / "sortie.txt") == std::to_string(geteuid()) + "\n");
}

TEST_CASE("the job queue is bounded and survives a restart", "[uploads][queue]") {
    test::TempDir dir;
    QueueLimits limits;
    limits.max_queued = 4;
    limits.max_per_account = 3;
    Job j;
    j.commune = "kloto-1";
    j.original = std::string(64, 'a');
    j.media_type = "application/pdf";
    j.original_name = "a.pdf";
    j.meta = {{"titre", "T"}};
    int64_t first = 0;
    {
        JobQueue q(dir.path(), limits);
        j.account = 1;
        for (int i = 0; i < 3; ++i) {
            auto r = q.enqueue(j, 100 + i);
            REQUIRE(std::holds_alternative<int64_t>(r));
            if (!first) first = std::get<int64_t>(r);
        }
        auto mine = q.enqueue(j, 200);
        REQUIRE(std::holds_alternative<QueueFull>(mine));
        CHECK(std::get<QueueFull>(mine).status == 429);
        j.account = 2;
        REQUIRE(std::holds_alternative<int64_t>(q.enqueue(j, 201)));
        auto all = q.enqueue(j, 202);
        REQUIRE(std::holds_alternative<QueueFull>(all));
        CHECK(std::get<QueueFull>(all).status == 503);
        auto claimed = q.claim(300);
        REQUIRE(claimed);
        CHECK(claimed->id == first);
        CHECK(q.get(first)->state == JobState::running);
        q.progress(first, "reconnaissance des caractères (OCR)", 2, 5);
        // The server is killed here: the queue is opened again below.
    }
    JobQueue again(dir.path(), limits);
    CHECK(again.recovered() == 1);
    auto job = again.get(first);
    REQUIRE(job);
    CHECK(job->state == JobState::queued);
    CHECK(job->meta == http::Params{{"titre", "T"}});
    CHECK(again.claim(400)->id == first);
    again.finish(first, true, {"fait"}, "<x/>", "{}", 500);
    CHECK(again.get(first)->state == JobState::done);
    CHECK(again.get(first)->messages == std::vector<std::string>{"fait"});
    // A finished job frees its place; a correction queues it again.
    CHECK(again.requeue(first, {{"titre", "U"}}, 600));
    CHECK_FALSE(again.requeue(first, {{"titre", "V"}}, 601));
    CHECK(again.get(first)->meta == http::Params{{"titre", "U"}});
}

TEST_CASE("a scanned PDF is read by OCR and becomes a corpus document", "[uploads][ocr]") {
    UploadServer s;
    test::TempDir scans;
    std::string pdf = test::slurp(scanned_pdf(scans, "scan.pdf"));
    http::Response sent = s.send(upload_parts("jeton-session=kloto", "Convention scannée.pdf", pdf), "kloto");
    INFO(sent.body);
    REQUIRE(sent.status == 303);
    REQUIRE(sent.header("Location") == "/espace/travaux/1");
    // Durable before the answer: the original is in originals/, under its hash.
    CHECK(files_in(s.uploads->originals_dir()) == 1);
    CHECK(s.get("/espace/travaux/1", "kloto").body.find("<meta http-equiv=\"refresh\" content=\"3\">") !=
          std::string::npos);

    auto t0 = std::chrono::steady_clock::now();
    REQUIRE(s.uploads->run_one());
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    WARN("OCR et conversion d'une page : " << seconds << " s");
    auto job = s.uploads->queue().get(1);
    REQUIRE(job);
    INFO(test::squeeze(job->stage));
    for (const auto& m : job->messages) INFO(m);
    REQUIRE(job->state == JobState::done);
    CHECK(job->pages_total == 1);
    CHECK(test::contains(job->result_xml, "eau potable"));
    CHECK(test::contains(job->result_xml, "trois ans"));
    CHECK(test::contains(job->messages.front(), "document scanné : son texte a été reconnu par OCR (1 page)"));
    http::Response page = s.get("/espace/travaux/1", "kloto");
    CHECK(page.status == 200);
    CHECK(test::contains(page.body, "Article 2"));
    CHECK_FALSE(test::contains(page.body, "http-equiv=\"refresh\""));

    // A correction re-runs the cheap stages: the OCR is kept.
    CHECK(fs::exists(s.uploads->originals_dir() + "/" + job->original + ".ocr.pdf"));
    http::Response fixed =
        s.post_form("/espace/depot/corriger",
                    "csrf=jeton-session%3Dkloto&travail=1&type=convention&titre=Autre+titre&date=2021-03-05"
                    "&partenariat=part-kloto-1-bressuire",
                    "kloto");
    CHECK(fixed.status == 303);
    REQUIRE(s.uploads->run_one());
    CHECK(s.uploads->queue().get(1)->state == JobState::done);
    CHECK(test::contains(s.uploads->queue().get(1)->result_xml, "Autre titre"));

    // « Soumettre »: a submission of kind document, submitted.
    http::Response submitted = s.post_form("/espace/depot/soumettre", "csrf=jeton-session%3Dkloto&travail=1", "kloto");
    REQUIRE(submitted.status == 303);
    auto sub = s.submissions->get(s.uploads->queue().get(1)->submission);
    REQUIRE(sub);
    CHECK(sub->kind == store::SubmissionKind::document);
    CHECK(sub->state == store::SubmissionState::submitted);
    CHECK(sub->upload == 1);
    CHECK(sub->communes == std::vector<std::string>{"kloto-1"});
    CHECK(test::contains(sub->payload, "eau potable"));
}

TEST_CASE("a converter that runs too long is stopped and the job fails with a French message", "[uploads][sandbox]") {
    test::TempDir tools;
    std::string slow = tools.write("ocr-lent", "#!/bin/sh\nexec sleep 60\n");
    chmod(slow.c_str(), 0755);
    UploadSettings settings;
    settings.ocrmypdf = slow;
    settings.ocr_page_seconds = 1;
    UploadServer s(settings);
    std::string pdf = test::slurp(scanned_pdf(tools, "scan.pdf"));
    REQUIRE(s.send(upload_parts("jeton-session=kloto", "scan.pdf", pdf), "kloto").status == 303);
    REQUIRE(s.uploads->run_one());
    auto job = s.uploads->queue().get(1);
    CHECK(job->state == JobState::failed);
    REQUIRE_FALSE(job->messages.empty());
    CHECK(job->messages.back() ==
          "traitement impossible : la reconnaissance des caractères a échoué à la page 1 (arrêté : trop long)");
    // The original is still there, for another try.
    CHECK(files_in(s.uploads->originals_dir()) == 1);
}

TEST_CASE("a scan longer than the OCR's page limit is refused before any OCR", "[uploads][hostile]") {
    test::TempDir tools;
    UploadSettings settings;
    settings.max_ocr_pages = 2;
    UploadServer s(settings);
    // Three scanned pages in one PDF.
    std::string pdf = pdf_from_ps(tools,
                                  "%!PS\n/Times-Roman findfont 22 scalefont setfont\n"
                                  "1 1 3 { 72 700 moveto (Page) show showpage } for\n",
                                  "pdfimage24", 50, "trois.pdf");
    REQUIRE(s.send(upload_parts("jeton-session=kloto", "trois.pdf", test::slurp(pdf)), "kloto").status == 303);
    REQUIRE(s.uploads->run_one());
    auto job = s.uploads->queue().get(1);
    CHECK(job->state == JobState::failed);
    CHECK(job->messages.back() ==
          "traitement impossible : document scanné de 3 pages : la reconnaissance des "
          "caractères en lit au plus 2 ; déposez-le en plusieurs parties");
}

TEST_CASE("uploads refuse hostile input with a French message and keep what was typed", "[uploads][hostile]") {
    UploadSettings settings;
    settings.max_file_bytes = 1u << 20;
    settings.max_account_bytes = 1u << 20;
    UploadServer s(settings);
    const std::string csrf = "jeton-session=kloto";

    // No session: nothing is read, a 401. No CSRF token: a 403.
    CHECK(s.send(upload_parts(csrf, "a.txt", kAgreement), "inconnu").status == 401);
    CHECK(s.send(upload_parts("faux", "a.txt", kAgreement), "kloto").status == 403);

    // Too large: 413, the form again with its fields.
    http::Response big =
        s.send(upload_parts(csrf, "gros.txt", std::string(2u << 20, 'a'), "Titre <b>gardé</b>"), "kloto");
    CHECK(big.status == 413);
    CHECK(test::contains(big.body, "fichier trop volumineux : au plus 1 Mio par fichier"));
    CHECK(test::contains(big.body, "value=\"Titre &lt;b&gt;gardé&lt;/b&gt;\""));
    CHECK(fs::is_empty(s.dir / "etat/envois"));

    // Empty; a "PDF" that is HTML; a PDF that is also a ZIP.
    http::Response empty = s.send(upload_parts(csrf, "vide.pdf", ""), "kloto");
    CHECK(empty.status == 400);
    CHECK(test::contains(empty.body, "le fichier « vide.pdf » est vide"));
    http::Response html = s.send(upload_parts(csrf, "faux.pdf", "<html><body>Bonjour</body></html>"), "kloto");
    CHECK(html.status == 415);
    CHECK(test::contains(html.body, "une page HTML n&#39;est pas un document accepté"));
    http::Response poly =
        s.send(upload_parts(csrf, "poly.pdf", "%PDF-1.4\n" + zip_declaring("word/document.xml", 10, 10, 10)), "kloto");
    CHECK(poly.status == 415);
    CHECK(test::contains(poly.body, "fichier ambigu"));
    http::Response lie = s.send(upload_parts(csrf, "texte.pdf", kAgreement), "kloto");
    CHECK(lie.status == 415);
    CHECK(test::contains(lie.body, "le fichier s&#39;annonce comme PDF mais son contenu est texte"));
    http::Response bomb = s.send(
        upload_parts(csrf, "bombe.docx", zip_declaring("word/document.xml", 1000, 300u << 20, 300u << 20)), "kloto");
    CHECK(bomb.status == 413);
    CHECK(files_in(s.uploads->originals_dir()) == 0);

    // Another commune than one's own: 403, and nothing stored.
    http::Response other = s.send(upload_parts(csrf, "a.txt", kAgreement, "T", "zio-1"), "kloto");
    CHECK(other.status == 403);
    // A validator works for any commune, but names one of the gazetteer's form.
    CHECK(s.send(upload_parts("jeton-session=valid", "a.txt", kAgreement, "T", "../etc"), "valid").status == 403);

    // Names and fields with markup and formulas come back escaped.
    http::Response ok =
        s.send(upload_parts(csrf, "../../<img src=x onerror=alert(1)>=cmd|x.txt", kAgreement, "=HYPERLINK(\"x\")<i>"),
               "kloto");
    REQUIRE(ok.status == 303);
    http::Response page = s.get(ok.header("Location"), "kloto");
    CHECK(page.status == 200);
    CHECK_FALSE(test::contains(page.body, "<img"));
    CHECK_FALSE(test::contains(page.body, "<i>"));
    CHECK(test::contains(page.body, "img srcx onerroralert(1)cmdx.txt"));
    CHECK(test::contains(page.body, "&lt;i&gt;"));
    auto job = s.uploads->queue().get(1);
    CHECK(job->original_name == "img srcx onerroralert(1)cmdx.txt");

    // Another commune's contributor gets a 404 whatever id is typed; a validator sees it.
    CHECK(s.get("/espace/travaux/1", "zio").status == 404);
    CHECK(s.get("/espace/travaux/2", "zio").status == 404);
    CHECK(s.get("/espace/travaux/..%2F1", "zio").status >= 400);
    CHECK(s.get("/espace/travaux/1", "valid").status == 200);
    CHECK(s.post_form("/espace/depot/soumettre", "csrf=jeton-session%3Dzio&travail=1", "zio").status == 404);

    // The account's room: a second file of 1 MiB passes the per-file
    // limit but not the account's.
    std::string mib(1u << 20, 'b');
    for (size_t i = 0; i < mib.size(); i += 80) mib[i] = '\n';
    http::Response room = s.send(upload_parts(csrf, "b.txt", mib.substr(0, (1u << 20) - 100)), "kloto");
    CHECK(room.status == 413);
    CHECK(test::contains(room.body, "Mio par compte"));
}

TEST_CASE("the upload queue is bounded per account: a 429 page that keeps the form's fields", "[uploads][hostile]") {
    UploadServer s;
    const std::string csrf = "jeton-session=kloto";
    for (int i = 0; i < 3; ++i)
        REQUIRE(s.send(upload_parts(csrf, "a" + std::to_string(i) + ".txt", kAgreement + std::to_string(i)), "kloto")
                    .status == 303);
    http::Response full = s.send(upload_parts(csrf, "d.txt", kAgreement + "d", "Quatrième"), "kloto");
    CHECK(full.status == 429);
    CHECK(test::contains(full.body, "vous avez déjà 3 documents en cours de traitement"));
    CHECK(test::contains(full.body, "value=\"Quatrième\""));
    bool retry = false;
    for (const auto& [k, v] : full.headers) retry |= k == "Retry-After";
    CHECK(retry);
}

TEST_CASE("an uploaded XML is checked as the indexer reads it: entities refused, nothing converted",
          "[uploads][hostile]") {
    UploadServer s;
    const std::string csrf = "jeton-session=kloto";
    std::string xxe =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE convention [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
        "<convention xmlns=\"urn:x-coopdec:corpus:1\" id=\"conv-x\">&x;</convention>\n";
    REQUIRE(s.send(upload_parts(csrf, "x.xml", xxe), "kloto").status == 303);
    REQUIRE(s.uploads->run_one());
    auto job = s.uploads->queue().get(1);
    CHECK(job->state == JobState::failed);
    CHECK(job->result_xml.empty());
    std::string all;
    for (const auto& m : job->messages) all += m + "\n";
    INFO(all);
    CHECK_FALSE(test::contains(all, "root:"));
    CHECK(test::contains(all, "ce fichier XML n'est pas un document que le corpus peut lire"));

    // A valid document of the corpus goes through as it is.
    std::string doc =
        test::slurp(test::source_dir() + "/corpus/conventions/" +
                    fs::directory_iterator(test::source_dir() + "/corpus/conventions")->path().filename().string());
    REQUIRE(s.send(upload_parts(csrf, "conv.xml", doc), "kloto").status == 303);
    REQUIRE(s.uploads->run_one());
    auto good = s.uploads->queue().get(2);
    INFO((good->messages.empty() ? std::string() : good->messages.front()));
    CHECK(good->state == JobState::done);
    CHECK(good->result_xml == doc);
}

TEST_CASE("the real server reads no file without a session and refuses files where no route takes them",
          "[uploads][server]") {
    test::TempIndex index(test::source_dir() + "/corpus/lois");
    test::TempDir state;
    test::ServerProcess server({"--db", index.db, "--port", "0", "--state-dir", state.path()});
    std::map<std::string, std::string> multipart = {{"Content-Type", "multipart/form-data; boundary=" + kBoundary}};
    std::string body = multipart_body(upload_parts("x", "a.txt", kAgreement));
    auto anonymous = server.post("/espace/depot/envoi", body, multipart);
    CHECK(anonymous.status == 401);
    auto elsewhere = server.post("/dossier/ajouter", body, multipart);
    CHECK(elsewhere.status == 415);
    CHECK(test::contains(elsewhere.body, "cette adresse ne reçoit pas de fichier"));
    CHECK(server.get("/espace/depot").status == 303);
    // Nothing was kept, and the folders are the server's own.
    CHECK(fs::is_directory(state / "originals"));
    CHECK(fs::is_empty(state / "originals"));
    CHECK(fs::is_empty(state / "envois"));
    CHECK(server.get("/healthz").status == 200);
}

TEST_CASE("a job's original comes back as uploaded, to its commune's contributors and the validators only",
          "[uploads][original]") {
    UploadServer s;
    // Bytes of every value, a name with accents and a space.
    std::string bytes = kAgreement;
    http::Response sent = s.send(upload_parts("jeton-session=kloto", "procès-verbal été.txt", bytes), "kloto");
    REQUIRE(sent.status == 303);
    REQUIRE(sent.header("Location") == "/espace/travaux/1");

    for (const char* who : {"kloto", "valid"}) {
        INFO(who);
        http::Response r = s.get("/espace/travaux/1/original", who);
        CHECK(r.status == 200);
        CHECK(r.body == bytes);
        CHECK(r.content_type == "text/plain");
        CHECK(
            r.header("Content-Disposition") ==
            "attachment; filename=\"proc_s-verbal _t_.txt\"; filename*=UTF-8''proc%C3%A8s-verbal%20%C3%A9t%C3%A9.txt");
        CHECK(test::contains(r.header("Cache-Control"), "no-store"));
    }
    // Another commune's contributor and an administrator: the same 404 as
    // an id that does not exist; nothing in the path names a file.
    for (const char* who : {"zio", "admin"}) {
        INFO(who);
        http::Response r = s.get("/espace/travaux/1/original", who);
        CHECK(r.status == 404);
        CHECK(r.body.find(bytes) == std::string::npos);
    }
    for (const char* target : {"/espace/travaux/2/original", "/espace/travaux/0/original", "/espace/travaux//original",
                               "/espace/travaux/original"}) {
        INFO(target);
        http::Response r = s.get(target, "kloto");
        CHECK(r.status == 404);
        CHECK(r.body.find(bytes) == std::string::npos);
    }
    // Dot segments never reach a handler.
    for (const char* target : {"/espace/travaux/../original", "/espace/travaux/1/../../original",
                               "/espace/travaux/1%2F..%2F..%2Fetat/original"}) {
        INFO(target);
        CHECK(s.get(target, "kloto").status == 400);
    }
    // An ASCII name needs no filename*.
    REQUIRE(s.send(upload_parts("jeton-session=kloto", "accord.txt", bytes + "\n"), "kloto").status == 303);
    CHECK(s.get("/espace/travaux/2/original", "kloto").header("Content-Disposition") ==
          "attachment; filename=\"accord.txt\"");
}

TEST_CASE("the upload form offers the communes by name and the published records of them, and refuses others",
          "[uploads][choices]") {
    UploadServer s;
    // One commune: its name shown, its id sent; its records only.
    http::Response form = s.get("/espace/depot", "kloto");
    REQUIRE(form.status == 200);
    CHECK(test::contains(
        form.body, "<select id=\"commune\" name=\"commune\"><option value=\"kloto-1\">Kloto 1</option></select>"));
    CHECK(test::contains(form.body, "<select id=\"partenariat\" name=\"partenariat\""));
    CHECK(test::contains(form.body, "<option value=\"\">— aucun —</option><optgroup label=\"Kloto 1\">"));
    CHECK(test::contains(form.body, "<option value=\"part-kloto-1-bressuire\">"));
    CHECK_FALSE(test::contains(form.body, "part-zio-1-parthenay"));
    CHECK_FALSE(test::contains(form.body, "type=\"text\" id=\"partenariat\""));
    // Several communes: one select of records, grouped by commune.
    http::Response multi = s.get("/espace/depot", "multi");
    CHECK(test::contains(multi.body, "<option value=\"zio-1\">Zio 1</option>"));
    CHECK(test::contains(multi.body, "<optgroup label=\"Kloto 1\">"));
    CHECK(test::contains(multi.body, "<optgroup label=\"Zio 1\">"));
    CHECK(test::contains(multi.body, "<option value=\"part-zio-1-parthenay\">"));
    // A validator: every commune, every record.
    http::Response all = s.get("/espace/depot", "valid");
    CHECK(test::contains(all.body, "<option value=\"zio-1\">Zio 1</option>"));
    CHECK(test::contains(all.body, "<option value=\"kloto-1\">Kloto 1</option>"));
    CHECK(test::contains(all.body, "part-zio-1-parthenay"));
    CHECK(test::contains(all.body, "part-kloto-1-mamoudzou"));

    auto with = [](std::vector<Part> parts, const std::string& name, const std::string& value) {
        for (auto& p : parts)
            if (p.name == name) p.value = value;
        return parts;
    };
    const auto base = upload_parts("jeton-session=kloto", "accord.txt", kAgreement, "Titre gardé");
    // Another commune's record, a record that is not published, none for a convention.
    for (const char* record : {"part-zio-1-parthenay", "part-kloto-1-inconnu", "../../etc/passwd"}) {
        INFO(record);
        http::Response r = s.send(with(base, "partenariat", record), "kloto");
        CHECK(r.status == 400);
        CHECK(test::contains(r.body, "pas une fiche publiée de la commune Kloto 1"));
        CHECK(test::contains(r.body, "value=\"Titre gardé\""));
    }
    http::Response none = s.send(with(base, "partenariat", ""), "kloto");
    CHECK(none.status == 400);
    CHECK(test::contains(none.body, "choisissez la fiche de partenariat du document"));
    // A commune typed instead of chosen.
    http::Response typed = s.send(with(base, "commune", "Kloto 1"), "kloto");
    CHECK(typed.status == 403);
    CHECK(test::contains(typed.body, "choisissez une des communes"));
    // Several communes: the record must be of the commune chosen.
    auto multi_parts = upload_parts("jeton-session=multi", "accord.txt", kAgreement, "Titre", "zio-1");
    CHECK(s.send(multi_parts, "multi").status == 400);
    CHECK(s.send(with(multi_parts, "partenariat", "part-zio-1-parthenay"), "multi").status == 303);
    // A study: « aucun » allowed. A validator: any record of the commune.
    CHECK(s.send(with(with(base, "type", "etude"), "partenariat", ""), "kloto").status == 303);
    CHECK(s.send(with(upload_parts("jeton-session=valid", "accord.txt", kAgreement), "partenariat",
                      "part-kloto-1-mamoudzou"),
                 "valid")
              .status == 303);
    CHECK(s.uploads->queue().list(0, {"kloto-1", "zio-1"}).size() == 3);
}

TEST_CASE("the correction form offers the job's commune's records and keeps what was sent when one is refused",
          "[uploads][choices]") {
    UploadServer s;
    auto job = upload_and_run(s, "accord.txt", kAgreement);
    REQUIRE(job.state == JobState::done);
    http::Response page = s.get("/espace/travaux/1", "kloto");
    CHECK(test::contains(page.body, "pour la commune Kloto 1"));
    CHECK(test::contains(page.body, "<option value=\"part-kloto-1-bressuire\" selected>"));
    CHECK_FALSE(test::contains(page.body, "part-zio-1-parthenay"));
    CHECK(test::contains(page.body, "href=\"/espace/travaux/1/original\""));
    http::Response refused =
        s.post_form("/espace/depot/corriger",
                    "csrf=jeton-session%3Dkloto&travail=1&type=convention&titre=Nouveau+titre&date=2021-03-05"
                    "&partenariat=part-zio-1-parthenay",
                    "kloto");
    CHECK(refused.status == 400);
    CHECK(test::contains(refused.body, "pas une fiche publiée de la commune Kloto 1"));
    CHECK(test::contains(refused.body, "value=\"Nouveau titre\""));
    CHECK(s.uploads->queue().get(1)->state == JobState::done);  // not queued again
    http::Response fixed =
        s.post_form("/espace/depot/corriger",
                    "csrf=jeton-session%3Dkloto&travail=1&type=convention&titre=Nouveau+titre&date=2021-03-05"
                    "&partenariat=part-kloto-1-mamoudzou",
                    "kloto");
    CHECK(fixed.status == 303);
    CHECK(s.uploads->queue().get(1)->state == JobState::queued);
}

TEST_CASE("a Word document goes through LibreOffice inside the sandbox", "[uploads]") {
    UploadServer s;
    test::TempDir work;
    work.write("accord.txt", kAgreement);
    int status = 0;
    test::run_command("cd " + test::shell_quote(work.path()) +
                          " && soffice --headless --norestore -env:UserInstallation=file://" + work.path() +
                          "/profil --convert-to docx accord.txt >/dev/null 2>&1",
                      status);
    std::string docx = test::slurp(work / "accord.docx");
    REQUIRE_FALSE(docx.empty());
    auto job = upload_and_run(s, "accord.docx", docx);
    INFO(messages_of(job));
    CHECK(job.state == JobState::done);
    CHECK(test::contains(job.result_xml, "développent le service de l'eau"));
    CHECK(job.media_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
}

TEST_CASE("a job's page shows the OCR's progress and the time left, and refreshes itself while it runs", "[uploads]") {
    pages::JobView v;
    v.job.id = 7;
    v.job.state = JobState::running;
    v.job.stage = "reconnaissance des caractères (OCR)";
    v.job.pages_done = 2;
    v.job.pages_total = 5;
    v.job.original_name = "scan.pdf";
    v.job.meta = {{"titre", "Convention <Kpalimé>"}};
    v.elapsed = 40;  // 20 s a page: 60 s for the 3 left
    std::string page = pages::job_page(v);
    CHECK(test::contains(page, "<meta http-equiv=\"refresh\" content=\"3\">"));
    CHECK(test::contains(page, "2 page(s) sur 5 ; environ 1 min 0 s restantes"));
    CHECK(test::contains(page, "<h1>Convention &lt;Kpalimé&gt;</h1>"));
    v.job.state = JobState::done;
    page = pages::job_page(v);
    CHECK_FALSE(test::contains(page, "http-equiv"));
    CHECK(test::contains(page, "Corriger les métadonnées"));
    CHECK(estimate_seconds_left(30, 3, 6) == 30);
    CHECK(estimate_seconds_left(0, 0, 6) == -1);
}

TEST_CASE("a PDF with a text layer is converted without OCR", "[uploads]") {
    UploadServer s;
    test::TempDir work;
    std::string pdf = test::slurp(text_pdf(work, "texte.pdf"));
    auto job = upload_and_run(s, "texte.pdf", pdf);
    std::string all = messages_of(job);
    INFO(all);
    CHECK(job.state == JobState::done);
    CHECK_FALSE(test::contains(all, "OCR"));
    CHECK(job.pages_total == 0);
    CHECK(test::contains(job.result_xml, "trois ans"));
    CHECK_FALSE(fs::exists(s.uploads->originals_dir() + "/" + job.original + ".ocr.pdf"));
}

TEST_CASE("over HTTP, a multipart body is streamed from the socket and its CSRF field reaches the gate",
          "[uploads][server]") {
    UploadServer s;
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    auto params = Poco::Net::HTTPServerParams::Ptr(new Poco::Net::HTTPServerParams);
    Poco::Net::HTTPServer http(new RequestHandlerFactory(*s.router, Poco::Logger::get("test-envois")), socket, params);
    http.start();
    const int port = socket.address().port();
    auto post = [&](const std::string& csrf, const std::string& file) {
        Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
        Poco::Net::HTTPRequest req("POST", "/espace/depot/envoi", Poco::Net::HTTPMessage::HTTP_1_1);
        req.set("Cookie", "session=kloto");
        req.set("Host", "127.0.0.1:" + std::to_string(port));
        req.set("Origin", "http://127.0.0.1:" + std::to_string(port));
        req.setContentType("multipart/form-data; boundary=" + kBoundary);
        std::string body = multipart_body(upload_parts(csrf, "accord.txt", file));
        req.setContentLength(static_cast<std::streamsize>(body.size()));
        session.sendRequest(req) << body;
        Poco::Net::HTTPResponse resp;
        std::istream& in = session.receiveResponse(resp);
        std::string answer;
        Poco::StreamCopier::copyToString(in, answer);
        return std::make_pair(static_cast<int>(resp.getStatus()), resp.get("Location", ""));
    };
    // 3 MiB of text: many reads from the socket.
    std::string big;
    while (big.size() < (3u << 20)) big += kAgreement;
    CHECK(post("mauvais", big).first == 403);
    auto ok = post("jeton-session=kloto", big);
    CHECK(ok.first == 303);
    CHECK(ok.second == "/espace/travaux/1");
    auto job = s.uploads->queue().get(1);
    REQUIRE(job);
    CHECK(job->size == big.size());
    CHECK(test::slurp(s.uploads->originals_dir() + "/" + job->original) == big);
    // The refused one's temporary file went with its request.
    CHECK(fs::is_empty(s.dir / "etat/envois"));
    http.stop();
}

namespace {

// Polls the job until `done` says so or 60 s pass (the workers run on
// their own threads).
template <class Done>
std::optional<Job> wait_for_job(Uploads& uploads, int64_t id, Done done) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        auto job = uploads.queue().get(id);
        if (job && done(*job)) return job;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("the workers take a job as soon as it is queued, and a stop leaves it for the next start",
          "[uploads][queue]") {
    test::TempDir tools;
    std::string slow = tools.write("ocr-lent", "#!/bin/sh\nexec sleep 60\n");
    chmod(slow.c_str(), 0755);
    UploadSettings settings;
    settings.ocrmypdf = slow;
    UploadServer s(settings);
    s.uploads->start();
    REQUIRE(s.send(upload_parts("jeton-session=kloto", "accord.txt", kAgreement), "kloto").status == 303);
    auto done = wait_for_job(*s.uploads, 1, [](const Job& j) { return j.state == JobState::done; });
    REQUIRE(done);
    CHECK(test::contains(done->result_xml, "trois ans"));

    // A scan whose OCR never ends: the stop kills it, the job stays running
    // in the database and is queued again when the queue is opened anew.
    std::string pdf = test::slurp(scanned_pdf(tools, "scan.pdf"));
    REQUIRE(s.send(upload_parts("jeton-session=kloto", "scan.pdf", pdf), "kloto").status == 303);
    auto ocr =
        wait_for_job(*s.uploads, 2, [](const Job& j) { return j.stage == "reconnaissance des caractères (OCR)"; });
    REQUIRE(ocr);
    auto t0 = std::chrono::steady_clock::now();
    s.uploads->stop();
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
    CHECK(s.uploads->queue().get(2)->state == JobState::running);
    JobQueue reopened(s.dir / "etat");
    CHECK(reopened.recovered() == 1);
    CHECK(reopened.get(2)->state == JobState::queued);
}
