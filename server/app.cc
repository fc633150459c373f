// @brief The server application: configuration, socket, HTTP server, stop.
#include "server/app.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <malloc.h>
#include <sys/resource.h>

#include <Poco/AutoPtr.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/TCPServerDispatcher.h>
#include <Poco/Path.h>
#include <Poco/SharedPtr.h>
#include <Poco/String.h>
#include <Poco/ThreadPool.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionCallback.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include "search/search.h"
#include "search/synonyms.h"
#include "server/connection.h"
#include "server/dossier_store.h"
#include "server/head_gate.h"
#include "server/index_publisher.h"
#include "server/metrics.h"
#include "server/privileges.h"
#include "server/request_handler.h"
#include "server/router.h"
#include "server/session_auth.h"
#include "server/settings.h"
#include "server/uploads.h"
#include "store/account_service.h"
#include "store/backup.h"
#include "store/passwords.h"
#include "store/submissions.h"

using Poco::Util::Option;
using Poco::Util::OptionCallback;

namespace coopdec {
namespace {

// Comments and runs of white space out: the stylesheet stays readable in
// the repository and costs less on a slow connection.
std::string minify_css(const std::string& css) {
    std::string out;
    for (size_t i = 0; i < css.size(); ++i) {
        if (css.compare(i, 2, "/*") == 0) {
            size_t end = css.find("*/", i + 2);
            if (end == std::string::npos) break;
            i = end + 1;
            continue;
        }
        char c = css[i];
        if (c == '\n' || c == '\t' || c == '\r') c = ' ';
        if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '{' || out.back() == ';' ||
                         out.back() == '}' || out.back() == ':' || out.back() == ','))
            continue;
        if ((c == '{' || c == '}' || c == ';') && !out.empty() && out.back() == ' ') out.pop_back();
        if (c == '}' && !out.empty() && out.back() == ';') out.pop_back();  // a rule's last ';' is optional
        out += c;
    }
    return out;
}

// The files served under /static/, read once here: requests never name a file.
std::map<std::string, StaticFile> load_statics(const std::string& dir) {
    // ONE ROW PER FILE: URL path, file in the stylesheet folder, type.
    const struct {
        const char* url;
        const char* file;
        const char* type;
    } files[] = {
        {"/static/coopdec.css", "coopdec.css", "text/css; charset=utf-8"},
        {"/static/handout.css", "handout.css", "text/css; charset=utf-8"},  // the dossier's handout and PDF
        {"/static/espace.css", "espace.css", "text/css; charset=utf-8"},    // the reserved pages
        {"/static/atlas.css", "atlas.css", "text/css; charset=utf-8"},      // the atlas and the yearly state
    };
    std::map<std::string, StaticFile> out;
    for (const auto& f : files) {
        std::ifstream in(dir + "/" + f.file, std::ios::binary);
        if (!in) throw std::runtime_error("feuille de style introuvable : " + dir + "/" + f.file);
        std::ostringstream body;
        body << in.rdbuf();
        out[f.url] = StaticFile{f.type, minify_css(body.str())};
    }
    return out;
}

// Each waiting connection is a descriptor: lift the soft limit to the hard
// one so that the gate's bound, not the default 1024, is what applies.
void raise_descriptor_limit() {
    rlimit r{};
    if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        setrlimit(RLIMIT_NOFILE, &r);
    }
}

// glibc gives each new thread its own malloc arena, up to 8 per core: with
// a pool of workers, each keeping its own index reader, the resident memory
// then creeps up for minutes as every arena grows to its own high-water
// mark (measured: +17 % over 60 s of load on 100,000 units, against a flat
// curve with two arenas per core, and a faster server).
void limit_malloc_arenas() {
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    mallopt(M_ARENA_MAX, static_cast<int>(2 * cores));
}

}  // namespace

void ServerApp::initialize(Poco::Util::Application& self) {
    // coopdec-server.properties beside the executable, when there is one.
    loadConfiguration();
    ServerApplication::initialize(self);
}

void ServerApp::defineOptions(Poco::Util::OptionSet& options) {
    ServerApplication::defineOptions(options);
    options.addOption(Option("help", "h", "affiche cette aide")
                          .required(false)
                          .repeatable(false)
                          .callback(OptionCallback<ServerApp>(this, &ServerApp::handle_help)));
    options.addOption(Option("config", "c", "fichier de propriétés (voir server/coopdec-server.properties)")
                          .required(false)
                          .repeatable(true)
                          .argument("FICHIER")
                          .callback(OptionCallback<ServerApp>(this, &ServerApp::handle_config)));
    // Every other option is a row of the settings table, checked in
    // handle_setting() as the properties file's values are.
    for (const Setting& s : server_settings())
        options.addOption(Option(s.option, s.short_name, s.help)
                              .required(false)
                              .repeatable(false)
                              .argument(s.argument)
                              .callback(OptionCallback<ServerApp>(this, &ServerApp::handle_setting)));
}

void ServerApp::handle_help(const std::string&, const std::string&) {
    help_requested_ = true;
    std::cout << "Serveur web de coopdec : recherche, documents, partenariats, API JSON.\n\n"
              << "usage : " << commandName() << " --db DOSSIER [--port 8080] [--bind 127.0.0.1] [--config FICHIER]\n\n"
              << "Chaque option est aussi une propriété du fichier --config ; l'option l'emporte.\n\n"
              << "  -h, --help\n        affiche cette aide\n"
              << "  -c, --config FICHIER\n        fichier de propriétés (voir server/coopdec-server.properties)\n"
              << settings_help();
    // Poco's own options (--daemon, --pidfile…), after ours.
    for (const Option& o : options()) {
        if (o.fullName() == "help" || o.fullName() == "config" || setting_by_option(o.fullName())) continue;
        std::cout << "      --" << o.fullName() << (o.takesArgument() ? " " + o.argumentName() : std::string())
                  << "\n        " << o.description() << "\n";
    }
    stopOptionsProcessing();
}

void ServerApp::refuse(const std::string& message, int exit_code) {
    if (refusal_.empty()) {
        refusal_ = message;
        refusal_exit_ = exit_code;
    }
    stopOptionsProcessing();
}

void ServerApp::handle_config(const std::string&, const std::string& value) {
    // A properties file is read here, not by loadConfiguration(), so that
    // a refused value names the file it came from. Other formats (.ini,
    // .xml, .json) go through Poco, which refuses unknown ones, and are
    // checked in main().
    if (Poco::icompare(Poco::Path(value).getExtension(), std::string("properties")) != 0) {
        loadConfiguration(value, PRIO_APPLICATION - 1);
        return;
    }
    Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> file;
    try {
        file = new Poco::Util::PropertyFileConfiguration(value);
    } catch (const Poco::Exception& e) {
        refuse("fichier de propriétés illisible « " + value + " » : " + e.displayText(), EXIT_CONFIG);
        return;
    }
    for (const Setting& s : server_settings()) {
        if (!file->hasProperty(s.key)) continue;
        std::string v = file->getString(s.key);
        if (setting_problem(s, v)) return refuse(setting_refusal(s, v, property_origin(s, value)), EXIT_USAGE);
    }
    config().add(file, PRIO_APPLICATION - 1, false);
    // As loadConfiguration() does: ${application.configDir} is its folder.
    config().setString("application.configDir", Poco::Path(value).absolute().parent().toString());
}

void ServerApp::handle_setting(const std::string& name, const std::string& value) {
    // Kept aside and applied in main(): the command line wins over any
    // properties file, whatever the order of the options.
    const Setting* s = setting_by_option(name);
    if (!s) return;
    if (setting_problem(*s, value)) return refuse(setting_refusal(*s, value, option_origin(*s)), EXIT_USAGE);
    settings_[s->key] = value;
}

std::string ServerApp::setting(const std::string& key) {
    auto it = settings_.find(key);
    if (it != settings_.end()) return it->second;
    const Setting* s = setting_by_key(key);
    return config().getString(key, s ? s->fallback : std::string());
}

int ServerApp::main(const std::vector<std::string>&) {
    if (help_requested_) return EXIT_OK;
    if (!refusal_.empty()) {
        std::cerr << "coopdec-server : " << refusal_ << "\n";
        return refusal_exit_;
    }
    // What no --config file brought but the configuration holds (the file
    // beside the executable, an .ini or .xml one) is checked here.
    for (const Setting& s : server_settings()) {
        if (settings_.count(s.key) || !config().hasProperty(s.key)) continue;
        std::string v = config().getString(s.key);
        if (setting_problem(s, v)) {
            std::cerr << "coopdec-server : " << setting_refusal(s, v, std::string("la propriété ") + s.key) << "\n";
            return EXIT_USAGE;
        }
    }
    auto text = [&](const std::string& key) { return setting(key); };
    // Checked against the table's bounds, which all fit an int.
    auto number = [&](const std::string& key) { return static_cast<int>(setting_number(setting(key))); };
    ServerConfig sc;
    sc.db_path = text("coopdec.db");
    if (sc.db_path.empty()) {
        std::cerr << "coopdec-server : indiquez l'index avec --db DOSSIER (ou coopdec.db)\n";
        return EXIT_USAGE;
    }
    sc.shard_timeout_ms = static_cast<unsigned>(number("coopdec.shard_timeout_ms"));
    try {
        try {
            Index::open(sc.db_path, sc.shard_timeout_ms);  // refuse to start on a missing or mismatched index
        } catch (const IndexEmpty& e) {
            // Not refused: the index is there, its first run is still to
            // come (or to redo); the pages say so with a 503 until then.
            std::cerr << "coopdec-server : avertissement : " << e.message << "\n";
        }
        sc.statics = load_statics(text("coopdec.stylesheets"));
        sc.stylesheet_dir = text("coopdec.stylesheets");
    } catch (const SearchError& e) {
        std::cerr << "coopdec-server : " << e.message << "\n";
        return EXIT_CONFIG;
    } catch (const std::exception& e) {
        std::cerr << "coopdec-server : " << e.what() << "\n";
        return EXIT_CONFIG;
    }
    const std::string bind = text("coopdec.bind");
    const int port = number("coopdec.port");

    Poco::Net::ServerSocket socket;
    try {
        socket.bind(Poco::Net::SocketAddress(bind, static_cast<Poco::UInt16>(port)), true);
        socket.listen(64);
    } catch (const Poco::Exception& e) {
        std::cerr << "coopdec-server : impossible d'écouter sur " << bind << ":" << port << " : " << e.displayText()
                  << "\n";
        return EXIT_UNAVAILABLE;
    }
    const unsigned actual_port = socket.address().port();
    sc.public_url = text("coopdec.public_url");
    while (!sc.public_url.empty() && sc.public_url.back() == '/') sc.public_url.pop_back();
    sc.local_url = "http://" + bind + ":" + std::to_string(actual_port);
    sc.trusted_proxy = text("coopdec.trusted_proxy");

    SynonymsFile synonyms(text("coopdec.synonyms"));
    Metrics metrics;
    Router router(std::move(sc), synonyms, metrics);
    std::unique_ptr<DossierStore> dossiers;  // opened once root is left, below
    std::unique_ptr<store::AccountService> accounts;
    std::unique_ptr<SessionAuthenticator> authenticator;
    std::unique_ptr<store::SubmissionStore> submissions;  // likewise
    std::unique_ptr<Uploads> uploads;                     // likewise
    std::unique_ptr<store::History> history;
    std::unique_ptr<IndexPublisher> publisher;  // with --corpus only
    std::thread warmer;                         // the publisher's warm(), at start
    std::atomic<bool> stop_warming{false};

    auto params = Poco::Net::HTTPServerParams::Ptr(new Poco::Net::HTTPServerParams);
    params->setMaxThreads(number("coopdec.threads"));
    params->setMaxQueued(number("coopdec.max_queued"));
    const int timeout = number("coopdec.timeout_seconds");
    params->setTimeout(Poco::Timespan(timeout, 0));
    params->setKeepAlive(true);
    params->setMaxKeepAliveRequests(200);

    // Connections wait for their request head in the gate, not on a worker
    // (see server/head_gate.h); workers answer one request at a time.
    limit_malloc_arenas();  // before the workers start
    raise_descriptor_limit();
    RequestHandlerFactory handlers(router, logger());
    // Poco asserts that the pool's minimum is not over its maximum: with
    // --threads 1 the minimum is 1.
    Poco::ThreadPool pool("coopdec", std::min(2, params->getMaxThreads()), params->getMaxThreads());
    // The dispatcher shares the factory (TCPServerConnectionFactory::Ptr, a
    // Poco::SharedPtr) and is reference-counted itself (its destructor is
    // protected, release() deletes it): the AutoPtr releases it on every
    // return, after the gate that uses it is gone.
    Poco::SharedPtr<GatedConnectionFactory> factory(new GatedConnectionFactory(params, handlers));
    Poco::AutoPtr<Poco::Net::TCPServerDispatcher> dispatcher(new Poco::Net::TCPServerDispatcher(factory, pool, params));
    GateLimits limits;
    limits.head_timeout = std::chrono::seconds(timeout);
    limits.max_waiting = static_cast<size_t>(number("coopdec.max_connections"));
    HeadGate gate(socket, *dispatcher, limits, metrics);
    factory->attach(gate);

    // Everything read from disk at start is read; the index stays open.
    // The state folder is given to the user the server becomes.
    synonyms.current();
    const std::string state_dir = text("coopdec.state_dir").empty() ? default_state_dir() : text("coopdec.state_dir");
    if (auto refused = prepare_state_dir(state_dir, text("coopdec.user"))) {
        std::cerr << "coopdec-server : " << *refused << "\n";
        return EXIT_CANTCREAT;
    }
    // From here on, no root rights.
    if (auto refused = drop_root(text("coopdec.user"))) {
        std::cerr << "coopdec-server : " << *refused << "\n";
        return EXIT_NOPERM;
    }
    // Opened as the user that writes it: its WAL files are that user's.
    try {
        dossiers = std::make_unique<DossierStore>(state_dir);
    } catch (const std::exception& e) {
        std::cerr
            << "coopdec-server : " << e.what() << " (dossier d'état " << state_dir
            << " : l'utilisateur du serveur doit pouvoir y écrire, et traverser les dossiers qui le contiennent)\n";
        return EXIT_CANTCREAT;
    }
    router.set_dossiers(dossiers.get());
    // The accounts, in the same file through a connection of their own.
    try {
        store::AccountPolicy policy;
        policy.sessions.idle = number("coopdec.session_idle_minutes") * int64_t{60};
        policy.sessions.lifetime = number("coopdec.session_lifetime_hours") * int64_t{3600};
        policy.setup_link_seconds = number("coopdec.setup_link_hours") * int64_t{3600};
        policy.max_failures_account = number("coopdec.login_max_failures");
        policy.max_failures_address = number("coopdec.login_max_failures_address");
        policy.failure_window_seconds = number("coopdec.login_window_minutes") * int64_t{60};
        accounts = std::make_unique<store::AccountService>(state_dir, policy);
    } catch (const std::exception& e) {
        std::cerr << "coopdec-server : comptes : " << e.what() << " (dossier d'état " << state_dir << ")\n";
        return EXIT_CANTCREAT;
    }
    if (!store::common_passwords_available())
        logger().warning(std::string("liste des mots de passe courants absente (") + store::kCommonPasswordsFile +
                         ", paquet Debian john-data) : seules les autres règles s'appliquent");
    authenticator = std::make_unique<SessionAuthenticator>(*accounts, secure_cookies(router.config().public_url));
    router.set_accounts(accounts.get());
    router.set_authenticator(authenticator.get());
    // Contributions (drafts, submissions, decisions) in the same state folder.
    try {
        submissions = std::make_unique<store::SubmissionStore>(state_dir);
    } catch (const std::exception& e) {
        std::cerr << "coopdec-server : " << e.what() << " (contributions, dossier d'état " << state_dir << ")\n";
        return EXIT_CANTCREAT;
    }
    router.set_submissions(submissions.get());
    // Uploads: their originals, jobs and converters under the state folder.
    try {
        UploadSettings us;
        us.state_dir = state_dir;
        us.max_file_bytes = static_cast<uint64_t>(number("coopdec.upload_max_mib")) << 20;
        us.max_account_bytes = static_cast<uint64_t>(number("coopdec.upload_account_mib")) << 20;
        us.queue.max_queued = static_cast<size_t>(number("coopdec.upload_queue"));
        us.workers = number("coopdec.upload_workers");
        us.sandbox_user = text("coopdec.user");
        // References (partnership records, communes) are read where
        // accepted documents are published.
        if (const std::string corpus = text("coopdec.corpus_dir"); !corpus.empty())
            us.corpus_dir = std::filesystem::absolute(corpus).lexically_normal().string();
        uploads = std::make_unique<Uploads>(us);
        uploads->set_submissions(submissions.get());
        if (uploads->queue().recovered())
            logger().information(std::to_string(uploads->queue().recovered()) +
                                 " document(s) déposé(s) remis en attente après un arrêt");
    } catch (const std::exception& e) {
        std::cerr << "coopdec-server : " << e.what() << " (dépôts dans le dossier d'état " << state_dir << ")\n";
        return EXIT_CANTCREAT;
    }
    router.set_uploads(uploads.get());
    uploads->start();
    // The publication history is kept with the dossiers; publishing needs
    // the corpus folder too. A publication a crash left pending is finished
    // before the first request (server/index_publisher.h).
    try {
        history = std::make_unique<store::History>(state_dir);
    } catch (const std::exception& e) {
        std::cerr << "coopdec-server : historique des publications illisible : " << e.what() << "\n";
        return EXIT_CANTCREAT;
    }
    router.set_history(history.get());
    if (const std::string corpus = text("coopdec.corpus_dir"); !corpus.empty()) {
        std::error_code ec;
        if (!std::filesystem::is_directory(corpus, ec)) {
            std::cerr << "coopdec-server : dossier du corpus « " << corpus << " » introuvable (--corpus)\n";
            return EXIT_CONFIG;
        }
        PublisherOptions po;
        // Absolute, as the indexer names its files: the index knows each
        // file by its absolute path (indexer/source_file.h).
        po.corpus_dir = std::filesystem::absolute(corpus).lexically_normal().string();
        po.db_path = router.config().db_path;
        po.lock_file = store::publication_lock_path(state_dir);
        publisher = std::make_unique<IndexPublisher>(po, *history);
        for (const std::string& line : publisher->finish_pending()) std::cerr << "coopdec-server : " << line << "\n";
        router.set_publisher(publisher.get());
    }
    try {
        Index::open(router.config().db_path, router.config().shard_timeout_ms);  // still readable as this user?
    } catch (const IndexEmpty&) {
        // Readable: empty, as said at the start.
    } catch (const SearchError& e) {
        std::cerr << "coopdec-server : " << e.message
                  << " (après abandon des droits de root : l'index doit être lisible par l'utilisateur "
                  << text("coopdec.user") << ")\n";
        return EXIT_NOPERM;
    }

    gate.start();
    // The first publication then reads only what changed (server/index_publisher.h).
    if (publisher) warmer = std::thread([p = publisher.get(), &stop_warming] { p->warm(stop_warming); });
    // The tests read this line to learn the port: keep its form.
    std::cout << "coopdec-server : à l'écoute sur http://" << bind << ":" << actual_port << "/" << std::endl;
    logger().information("index " + router.config().db_path + ", dossiers dans " + state_dir + ", " +
                         std::to_string(params->getMaxThreads()) + " fils");
    waitForTerminationRequest();
    logger().information("arrêt demandé : fin des requêtes en cours");
    gate.stop();
    dispatcher->stop();
    pool.joinAll();
    uploads->stop();
    stop_warming = true;
    if (warmer.joinable()) warmer.join();
    std::cout << "coopdec-server : arrêté" << std::endl;
    return EXIT_OK;
}

}  // namespace coopdec
