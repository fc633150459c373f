// @brief Receiving, storing and converting uploaded documents.
#include "server/uploads.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "indexer/extract.h"
#include "indexer/schema_check.h"
#include "server/router.h"

namespace fs = std::filesystem;

namespace coopdec {

const std::vector<std::pair<std::string, std::string>> kUploadDocTypes = {
    {"convention", "Convention de partenariat"},
    {"avenant", "Avenant à une convention"},
    {"entretien", "Entretien (transcription)"},
    {"etude", "Étude ou rapport"},
    {"loi", "Loi ou texte officiel"},
};

namespace {

int64_t job_clock() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string read_upload(const std::string& path, size_t max = std::string::npos) {
    std::ifstream in(path, std::ios::binary);
    std::string out;
    if (max == std::string::npos) {
        out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    } else {
        out.resize(max);
        in.read(out.data(), static_cast<std::streamsize>(max));
        out.resize(static_cast<size_t>(in.gcount()));
    }
    return out;
}

// The file's last `n` bytes.
std::string read_tail(const std::string& path, size_t n) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    auto size = static_cast<size_t>(in.tellg());
    size_t from = size > n ? size - n : 0;
    in.seekg(static_cast<std::streamoff>(from));
    std::string out(size - from, '\0');
    in.read(out.data(), static_cast<std::streamsize>(out.size()));
    return out;
}

// fsync of a folder: a rename into it is durable once this returns.
void sync_dir(const std::string& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

std::string self_dir() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string(".") : exe.parent_path().string();
}

std::optional<UploadFormat> format_of_media(const std::string& media) {
    for (UploadFormat f : {UploadFormat::pdf, UploadFormat::docx, UploadFormat::odt, UploadFormat::doc,
                           UploadFormat::rtf, UploadFormat::text, UploadFormat::xml})
        if (media == upload_media_type(f)) return f;
    return std::nullopt;
}

std::string meta_value(const http::Params& p, const std::string& name) {
    for (const auto& [k, v] : p)
        if (k == name) return v;
    return {};
}

// "coopdec-import : message" → "message"; a converter's line as it is otherwise.
std::string for_people(std::string line) {
    const std::string prefix = "coopdec-import : ";
    if (line.compare(0, prefix.size(), prefix) == 0) line.erase(0, prefix.size());
    return line;
}

// Kills the process group of every process whose current folder is under
// `travaux` (a converter's private folder: the sandbox gives each its own
// group). Read from /proc; a process that cannot be read is not ours.
void stop_leftover_converters(const std::string& travaux) {
    std::error_code ec;
    const std::string prefix = fs::weakly_canonical(travaux, ec).string() + "/";
    for (const auto& e : fs::directory_iterator("/proc", ec)) {
        const std::string name = e.path().filename().string();
        if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
        std::error_code cwd_ec;
        std::string cwd = fs::read_symlink(e.path() / "cwd", cwd_ec).string();
        if (cwd_ec || cwd.compare(0, prefix.size(), prefix) != 0) continue;
        pid_t pid = static_cast<pid_t>(std::atol(name.c_str()));
        if (pid == ::getpid()) continue;
        pid_t group = ::getpgid(pid);
        if (group > 1 && group != ::getpgrp()) ::kill(-group, SIGKILL);
        ::kill(pid, SIGKILL);
    }
}

}  // namespace

long estimate_seconds_left(long elapsed, int done, int total) {
    if (done <= 0 || total <= done) return done > 0 ? 0 : -1;
    return elapsed * (total - done) / done;
}

Uploads::Uploads(UploadSettings settings)
    : settings_(std::move(settings)), queue_(settings_.state_dir, settings_.queue) {
    // Private to the server; travaux/ may be crossed (not listed) by the
    // unprivileged user a converter becomes when the server is root.
    for (const char* sub : {"originals", "envois", "travaux"}) {
        fs::create_directories(settings_.state_dir + "/" + sub);
        fs::perms mode = fs::perms::owner_all;
        if (std::string(sub) == "travaux") mode |= fs::perms::group_exec | fs::perms::others_exec;
        fs::permissions(settings_.state_dir + "/" + sub, mode, fs::perm_options::replace);
    }
    // What a killed server left half-received is nobody's; a converter it
    // left running (its grandchildren outlive it) is stopped first, so that
    // nothing writes into the folders as they are emptied.
    stop_leftover_converters(settings_.state_dir + "/travaux");
    std::error_code ec;
    for (const char* sub : {"envois", "travaux"})
        for (const auto& e : fs::directory_iterator(settings_.state_dir + "/" + sub, ec)) fs::remove_all(e.path(), ec);
    // Likewise an OCR result cut in the middle of its copy (NAME.ocr.pdf.tmp).
    for (const auto& e : fs::directory_iterator(originals_dir(), ec))
        if (e.path().extension() == ".tmp") fs::remove(e.path(), ec);
    if (settings_.import_command.empty()) settings_.import_command = self_dir() + "/coopdec-import";
}

Uploads::~Uploads() { stop(); }

void Uploads::start() {
    stopping_ = false;
    for (int i = 0; i < settings_.workers; ++i) workers_.emplace_back([this] { work(); });
}

void Uploads::stop() {
    {
        std::lock_guard<std::mutex> lock(wake_mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : workers_)
        if (t.joinable()) t.join();
    workers_.clear();
}

void Uploads::work() {
    while (!stopping_) {
        {
            // `pending_` is set under the lock: a wake-up between a run that
            // found nothing and this wait is not lost.
            std::unique_lock<std::mutex> lock(wake_mutex_);
            wake_.wait_for(lock, std::chrono::seconds(30), [this] { return stopping_ || pending_; });
            pending_ = false;
        }
        try {
            while (!stopping_ && run_one()) {
            }
        } catch (const std::exception&) {
            // The database refused: tried again at the next wake-up.
        }
    }
}

void Uploads::wake() {
    {
        std::lock_guard<std::mutex> lock(wake_mutex_);
        pending_ = true;
    }
    wake_.notify_one();
}

void Uploads::receive(std::istream& body, Incoming& in) {
    in.multipart = true;
    auto boundary = multipart_boundary(in.content_type);
    if (!boundary) {
        in.upload_error = http::TargetError{400, "formulaire illisible : délimiteur multipart absent"};
        return;
    }
    MultipartLimits limits;
    limits.max_file_bytes = settings_.max_file_bytes;
    MultipartReader reader(*boundary, settings_.state_dir + "/envois", limits);
    char buf[65536];
    bool going = true;
    while (going && (body.read(buf, sizeof buf) || body.gcount() > 0))
        going = reader.feed(std::string_view(buf, static_cast<size_t>(body.gcount())));
    in.upload_error = going ? reader.finish() : reader.error();
    in.fields = reader.fields();
    if (!in.upload_error) in.files = std::move(reader.files());
}

std::variant<int64_t, UploadRefusal, QueueFull> Uploads::accept(const ReceivedFile& file, const store::Principal& who,
                                                                const std::string& commune, const http::Params& meta,
                                                                int64_t now) {
    const std::string& temp = file.file->path();
    if (file.size == 0)
        return UploadRefusal{400, "le fichier « " + sanitize_client_name(file.client_name) + " » est vide"};
    auto sniffed = sniff_upload(read_upload(temp, 65536), read_tail(temp, 65536));
    if (auto* r = std::get_if<UploadRefusal>(&sniffed)) return *r;
    UploadFormat format = std::get<UploadFormat>(sniffed);
    if (auto r = check_declared(declared_format(file.client_name, file.declared_type), format)) return *r;
    if (format == UploadFormat::docx || format == UploadFormat::odt)
        if (auto r = check_zip_file(temp)) return *r;
    std::string dest = originals_dir() + "/" + file.sha256;
    bool known = fs::exists(dest);
    if (!known && queue_.bytes_of(who.account_id) + file.size > settings_.max_account_bytes)
        return UploadRefusal{413, "vos documents déposés occupent déjà presque toute votre place (" +
                                      std::to_string(settings_.max_account_bytes >> 20) +
                                      " Mio par compte) : demandez à un validateur d'en retirer"};
    Job job;
    job.account = who.account_id;
    job.commune = commune;
    job.original = file.sha256;
    job.media_type = upload_media_type(format);
    job.original_name = sanitize_client_name(file.client_name);
    job.size = file.size;
    job.meta = meta;
    // The file first, then the job that names it: a crash between them
    // leaves an original without a job, never a job without its original.
    if (!known) {
        if (::rename(temp.c_str(), dest.c_str()) != 0)
            return UploadRefusal{503, "enregistrement impossible pour le moment : réessayez plus tard"};
        file.file->release();
        sync_dir(originals_dir());
    }
    auto queued = queue_.enqueue(job, now);
    if (auto* full = std::get_if<QueueFull>(&queued)) return *full;
    wake();
    return std::get<int64_t>(queued);
}

bool Uploads::run_one() {
    std::optional<Job> job = queue_.claim(job_clock());
    if (!job) return false;
    process(*job);
    return true;
}

// One job's run: its private folder, the working copy's name in it, and
// what the contributor will read.
struct Uploads::Run {
    // A private folder for one job's converters, removed whatever happens.
    struct Folder {
        std::string path;
        explicit Folder(const std::string& parent, int64_t id) {
            std::string templ = parent + "/travail-" + std::to_string(id) + "-XXXXXX";
            if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp " + templ);
            path = templ;
        }
        ~Folder() {
            std::error_code ec;
            fs::remove_all(path, ec);
        }
        Folder(const Folder&) = delete;
        Folder& operator=(const Folder&) = delete;
    };
    Run(Job& j, const std::string& parent, std::string file) : job(j), work(parent, j.id), name(std::move(file)) {}
    Job& job;
    Folder work;
    std::string name;  // the file to convert, relative to work.path
    bool ok = false;
    std::vector<std::string> messages;
    std::string xml, report;
};

SandboxResult Uploads::tool(Run& run, std::vector<std::string> argv, const std::string& out_file, int wall) {
    SandboxCommand c;
    c.argv = std::move(argv);
    c.work_dir = run.work.path;
    c.stdout_path = out_file.empty() ? "" : run.work.path + "/" + out_file;
    c.stderr_path = run.work.path + "/erreurs.txt";
    c.user = settings_.sandbox_user;
    SandboxLimits l = settings_.limits;
    l.wall_seconds = std::min(l.wall_seconds, wall);
#if defined(__SANITIZE_ADDRESS__)
    // A sanitizer build's own coopdec-import carries AddressSanitizer, whose
    // shadow memory reserves terabytes of address space: no RLIMIT_AS can
    // hold it. Its CPU time, file sizes and wall clock stay limited.
    if (c.argv.front() == settings_.import_command) l.address_space = 0;
#endif
    return run_sandboxed(c, l, &stopping_);
}

void Uploads::check_xml(Run& run) {
    // Checked as coopdec-index would read it; kept as it is.
    queue_.progress(run.job.id, "vérification du XML", 0, 0);
    std::string xml = read_upload(run.work.path + "/" + run.name);
    Extraction x = extract(xml, run.name);
    std::vector<Diagnostic> diags = x.errors;
    if (x.ok && x.record.format == "coopdec") diags = check_schema(xml, run.name, x.record.type, settings_.schema_dir);
    if (!x.ok || !diags.empty()) {
        for (const auto& d : diags) run.messages.push_back(d.str());
        run.messages.push_back(
            "ce fichier XML n'est pas un document que le corpus peut lire : corrigez-le, puis déposez-le de nouveau");
        return;
    }
    run.ok = true;
    run.xml = xml;
    run.messages.push_back("XML lu tel quel (" + x.record.format + ", " + x.record.type + ") : aucune conversion");
}

int Uploads::scanned_pages(Run& run) {
    queue_.progress(run.job.id, "lecture du PDF", 0, 0);
    auto info = tool(run, {"pdfinfo", run.name}, "infos.txt", 60);
    int pages = 0;
    std::istringstream lines(read_upload(run.work.path + "/infos.txt"));
    for (std::string line; std::getline(lines, line);)
        if (line.rfind("Pages:", 0) == 0) pages = std::atoi(line.c_str() + 6);
    if (!info.ok() || pages <= 0)
        throw std::runtime_error("PDF illisible (protégé par un mot de passe, ou abîmé) : " + info.describe());
    auto text = tool(run, {"pdftotext", "-l", "3", run.name, "-"}, "texte.txt", 120);
    if (!text.ok()) throw std::runtime_error("PDF illisible : " + text.describe());
    size_t letters = 0;
    for (unsigned char c : read_upload(run.work.path + "/texte.txt"))
        if (c > ' ') ++letters;
    // A page of text holds hundreds of characters; a scan at most a few (a
    // page number stamped on it).
    return letters < 40u * static_cast<size_t>(std::min(pages, 3)) ? pages : 0;
}

void Uploads::ocr(Run& run, int pages) {
    if (pages > settings_.max_ocr_pages)
        throw std::runtime_error("document scanné de " + std::to_string(pages) +
                                 " pages : la reconnaissance des "
                                 "caractères en lit au plus " +
                                 std::to_string(settings_.max_ocr_pages) + " ; déposez-le en plusieurs parties");
    // Page by page, for the progress; the result kept beside the original,
    // so that a correction of the metadata does not redo it.
    std::string cached = originals_dir() + "/" + run.job.original + ".ocr.pdf";
    if (!fs::exists(cached)) {
        auto sep = tool(run, {"pdfseparate", run.name, "page-%d.pdf"}, "", 300);
        if (!sep.ok()) throw std::runtime_error("PDF illisible : pages impossibles à séparer");
        std::vector<std::string> unite = {"pdfunite"};
        for (int p = 1; p <= pages; ++p) {
            queue_.progress(run.job.id, "reconnaissance des caractères (OCR)", p - 1, pages);
            std::string page = "page-" + std::to_string(p) + ".pdf";
            std::string done = "ocr-" + std::to_string(p) + ".pdf";
            auto r = tool(run,
                          {settings_.ocrmypdf, "-l", "fra", "--jobs", "1", "--output-type", "pdf", "--optimize", "0",
                           "--force-ocr", page, done},
                          "", settings_.ocr_page_seconds);
            if (!r.ok())
                throw std::runtime_error("la reconnaissance des caractères a échoué à la page " + std::to_string(p) +
                                         " (" + r.describe() + ")");
            unite.push_back(done);
        }
        unite.push_back("ocr.pdf");
        if (!tool(run, unite, "", 300).ok()) throw std::runtime_error("pages reconnues impossibles à réunir");
        std::string tmp = cached + ".tmp";
        fs::copy_file(run.work.path + "/ocr.pdf", tmp, fs::copy_options::overwrite_existing);
        fs::rename(tmp, cached);
    }
    // The same name, in a folder of its own: the document says where it came from.
    fs::create_directories(run.work.path + "/ocr");
    fs::copy_file(cached, run.work.path + "/ocr/" + run.name);
    run.name = "ocr/" + run.name;
    run.messages.push_back("document scanné : son texte a été reconnu par OCR (" + std::to_string(pages) +
                           (pages > 1 ? " pages" : " page") + ") ; relisez-le");
}

std::vector<std::string> Uploads::import_command(const Run& run) const {
    const Job& job = run.job;
    std::string type = meta_value(job.meta, "type");
    std::vector<std::string> argv = {settings_.import_command,
                                     run.name,
                                     "--type",
                                     type == "avenant" ? "convention" : type,
                                     "--dry-run",
                                     "--report",
                                     "rapport.json"};
    static const std::pair<const char*, const char*> kOptions[] = {
        {"--title", "titre"},   {"--date", "date"},     {"--partnership", "partenariat"},
        {"--author", "auteur"}, {"--number", "numero"}, {"--id", "identifiant"},
    };
    for (const auto& [option, field] : kOptions)
        if (std::string v = meta_value(job.meta, field); !v.empty()) {
            argv.push_back(option);
            argv.push_back(v);
        }
    if (type == "entretien" || type == "etude") {
        argv.push_back("--commune");
        argv.push_back(job.commune);
    }
    argv.push_back("--source");
    argv.push_back("déposé en ligne : « " + job.original_name + " »");
    if (!settings_.corpus_dir.empty()) {
        argv.push_back("--corpus");
        argv.push_back(settings_.corpus_dir);
    }
    return argv;
}

void Uploads::convert(Run& run, int pages) {
    // The same stages as coopdec-import: text, repair, structure, XML.
    queue_.progress(run.job.id, "texte, réparations et structure", pages, pages);
    auto r = tool(run, import_command(run), "document.xml", settings_.limits.wall_seconds);
    run.report = read_upload(run.work.path + "/rapport.json");
    if (run.report.empty()) {
        run.messages.push_back("la conversion n'a pas abouti (" + r.describe() +
                               ") : le fichier est peut-être trop lourd ou abîmé");
        return;
    }
    Poco::JSON::Parser parser;
    auto obj = parser.parse(run.report).extract<Poco::JSON::Object::Ptr>();
    auto messages = obj->getArray("messages");
    // Said to the contributor: what the import said, but where it would
    // write on this machine (the corpus path is said in words instead).
    for (size_t i = 0; messages && i < messages->size(); ++i)
        if (std::string m = for_people(messages->getElement<std::string>(static_cast<unsigned>(i)));
            m.rfind("--dry-run", 0) != 0)
            run.messages.push_back(m);
    run.ok = r.ok() && obj->getValue<bool>("ok");
    if (run.ok) {
        run.xml = obj->getValue<std::string>("xml");
        run.messages.push_back("une fois accepté, il sera publié sous " + obj->optValue<std::string>("path", ""));
    }
    if (!run.ok && r.end != SandboxResult::End::exited)
        run.messages.push_back("conversion arrêtée (" + r.describe() + ")");
}

void Uploads::process(Job& job) {
    std::optional<Run> run;
    std::vector<std::string> failure;
    try {
        auto format = format_of_media(job.media_type);
        if (!format) throw std::runtime_error("type inconnu " + job.media_type);
        std::string stem = fs::path(job.original_name).stem().string();
        if (stem.empty() || stem[0] == '.') stem = "document";
        run.emplace(job, settings_.state_dir + "/travaux", stem + "." + upload_extension(*format));
        fs::copy_file(originals_dir() + "/" + job.original, run->work.path + "/" + run->name);
        if (*format == UploadFormat::xml) {
            check_xml(*run);
        } else {
            int pages = *format == UploadFormat::pdf ? scanned_pages(*run) : 0;
            if (pages) ocr(*run, pages);
            convert(*run, pages);
        }
    } catch (const std::exception& e) {
        if (run) failure = run->messages;
        failure.push_back(std::string("traitement impossible : ") + e.what());
        run.reset();
    }
    if (stopping_) return;  // left running: queued again at the next start
    if (!run) {
        queue_.finish(job.id, false, failure, {}, {}, job_clock());
        return;
    }
    // The run's folder goes before the job is said finished: whoever sees
    // the job finished sees nothing of its work left behind.
    const bool ok = run->ok;
    auto messages = std::move(run->messages);
    auto xml = std::move(run->xml);
    auto report = std::move(run->report);
    run.reset();
    queue_.finish(job.id, ok, messages, xml, report, job_clock());
}

}  // namespace coopdec
