// @brief coopdec-admin's commands (see admin.h).
#include "cli/admin.h"

#include <sys/stat.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <optional>
#include <variant>

#include "store/account_service.h"
#include "store/passwords.h"
#include "store/state_dir.h"

namespace coopdec::cli {
namespace {

const char* kUsage =
    "usage : coopdec-admin [--state-dir DOSSIER] [--public-url URL] [--link-hours N] COMMANDE …\n"
    "\n"
    "Les comptes de coopdec-server, dans DOSSIER/coopdec.sqlite (le même --state-dir que le serveur).\n"
    "\n"
    "Commandes :\n"
    "  create-admin IDENTIFIANT --name \"Prénom Nom\"\n"
    "        crée un administrateur et affiche son lien d'activation, à usage unique :\n"
    "        la personne y choisit son mot de passe\n"
    "  list\n"
    "        liste les comptes : identifiant, rôle, état, communes, nom\n"
    "  disable IDENTIFIANT\n"
    "        désactive un compte : ses sessions prennent fin, il ne peut plus se connecter\n"
    "  enable IDENTIFIANT\n"
    "        réactive un compte désactivé\n"
    "  reset IDENTIFIANT\n"
    "        efface le mot de passe, termine les sessions et affiche un nouveau lien d'activation\n"
    "\n"
    "Options :\n"
    "  --state-dir DOSSIER   dossier d'état du serveur (par défaut /var/lib/coopdec/state pour root,\n"
    "                        sinon $XDG_STATE_HOME/coopdec ou ~/.local/state/coopdec)\n"
    "  --public-url URL      adresse publique du site, début des liens (par défaut http://127.0.0.1:8080)\n"
    "  --link-hours N        durée de validité d'un lien d'activation, en heures, de 1 à 720 (72)\n"
    "  -h, --help            affiche cette aide\n"
    "\n"
    "Codes de sortie : 0 fait, 1 refusé, 2 ligne de commande incorrecte, 3 dossier d'état inutilisable.\n";

struct Command {
    std::string state_dir;
    std::string public_url = "http://127.0.0.1:8080";
    int64_t link_hours = 72;
    std::vector<std::string> words;  // the command and its arguments
    std::string name;                // --name
};

// The command line read, or the French reason it cannot be.
std::variant<Command, std::string> read_command(const std::vector<std::string>& args) {
    Command c;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const char* option) -> std::optional<std::string> {
            if (i + 1 >= args.size()) return std::nullopt;
            (void)option;
            return args[++i];
        };
        if (a == "--state-dir" || a == "--public-url" || a == "--name" || a == "--link-hours") {
            auto v = value(a.c_str());
            if (!v) return "l'option " + a + " attend une valeur";
            if (a == "--state-dir") c.state_dir = *v;
            if (a == "--name") c.name = *v;
            if (a == "--public-url") {
                if ((v->rfind("http://", 0) != 0 && v->rfind("https://", 0) != 0) ||
                    v->find_first_of(" \t\r\n\"'<>`\\") != std::string::npos)
                    return "valeur « " + *v +
                           " » refusée pour --public-url : une adresse http:// ou https:// est attendue";
                c.public_url = *v;
                while (!c.public_url.empty() && c.public_url.back() == '/') c.public_url.pop_back();
            }
            if (a == "--link-hours") {
                char* end = nullptr;
                long long n = std::strtoll(v->c_str(), &end, 10);
                if (v->empty() || *end != '\0' || n < 1 || n > 720)
                    return "valeur « " + *v + " » refusée pour --link-hours : un nombre entier de 1 à 720 est attendu";
                c.link_hours = n;
            }
        } else if (a.rfind("--", 0) == 0 && a != "--") {
            return "option inconnue : " + a;
        } else {
            c.words.push_back(a);
        }
    }
    if (c.state_dir.empty()) c.state_dir = store::default_state_dir();
    return c;
}

std::string when(int64_t t) {
    if (t == 0) return "jamais";
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
    return buf;
}

std::string state_of(const store::Account& a) {
    if (a.disabled) return "désactivé";
    if (!a.has_password) return "en attente d'activation";
    return "actif";
}

// Run as root, the files it created belong to root: give them to the
// state folder's owner (the user the server becomes), who must write them.
void give_to_folder_owner(const std::string& dir) {
    if (geteuid() != 0) return;
    struct stat st {};
    if (stat(dir.c_str(), &st) != 0 || st.st_uid == 0) return;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::string f = dir + "/" + store::kAccountsStateFile + suffix;
        if (access(f.c_str(), F_OK) == 0 && chown(f.c_str(), st.st_uid, st.st_gid) != 0) {
            // The server says so when it cannot open the file: nothing more to do here.
        }
    }
}

void print_link(std::ostream& out, const Command& c, const store::SetupLink& link) {
    out << "Lien d'activation de « " << link.login << " » (à usage unique, valable " << c.link_hours << " h) :\n"
        << c.public_url << store::setup_link_path(link.token) << "\n";
}

}  // namespace

int run_admin(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            out << kUsage;
            return kAdminOk;
        }
    auto read = read_command(args);
    if (auto* problem = std::get_if<std::string>(&read)) {
        err << "coopdec-admin : " << *problem << "\n(coopdec-admin --help pour l'aide)\n";
        return kAdminUsage;
    }
    const Command& c = std::get<Command>(read);
    if (c.words.empty()) {
        err << "coopdec-admin : indiquez une commande : create-admin, list, disable, enable ou reset\n"
               "(coopdec-admin --help pour l'aide)\n";
        return kAdminUsage;
    }
    const std::string& verb = c.words[0];
    const size_t wanted = verb == "list" ? 1 : 2;
    if (verb != "create-admin" && verb != "list" && verb != "disable" && verb != "enable" && verb != "reset") {
        err << "coopdec-admin : commande inconnue « " << verb
            << " » : les commandes sont create-admin, list, disable, enable et reset\n";
        return kAdminUsage;
    }
    if (c.words.size() != wanted) {
        err << "coopdec-admin : " << verb << (wanted == 1 ? " ne prend pas d'argument\n" : " attend un identifiant\n");
        return kAdminUsage;
    }
    if (verb == "create-admin" && c.name.empty()) {
        err << "coopdec-admin : create-admin attend le nom de la personne : --name \"Prénom Nom\"\n";
        return kAdminUsage;
    }

    std::error_code ec;
    std::filesystem::create_directories(c.state_dir, ec);
    if (ec) {
        err << "coopdec-admin : impossible de créer le dossier d'état " << c.state_dir << " : " << ec.message() << "\n";
        return kAdminState;
    }
    std::optional<store::AccountService> service;
    try {
        store::AccountPolicy policy;
        policy.setup_link_seconds = c.link_hours * 3600;
        service.emplace(c.state_dir, policy);
    } catch (const std::exception& e) {
        err << "coopdec-admin : dossier d'état " << c.state_dir << " inutilisable : " << e.what() << "\n";
        return kAdminState;
    }
    const std::string actor = store::kAdminCommandActor;
    int status = kAdminOk;
    auto refused = [&](const store::Refusal& r) {
        err << "coopdec-admin : " << r.message << "\n";
        status = kAdminRefused;
    };
    const std::string login = wanted == 2 ? c.words[1] : std::string();
    if (verb == "create-admin") {
        if (!store::common_passwords_available())
            err << "coopdec-admin : avertissement : liste des mots de passe courants absente ("
                << store::kCommonPasswordsFile << ", paquet Debian john-data)\n";
        auto made = service->create_account(actor, "", login, c.name, store::Role::administrateur, {});
        if (auto* r = std::get_if<store::Refusal>(&made))
            refused(*r);
        else
            print_link(out, c, std::get<store::SetupLink>(made));
    } else if (verb == "list") {
        auto all = service->accounts();
        if (all.empty()) out << "aucun compte (coopdec-admin create-admin IDENTIFIANT --name \"…\" crée le premier)\n";
        for (const auto& a : all) {
            std::string communes;
            for (const auto& k : a.communes) communes += (communes.empty() ? "" : ",") + k;
            out << a.login << "\t" << store::role_name(a.role) << "\t" << state_of(a) << "\t"
                << (communes.empty() ? "-" : communes) << "\t" << a.name
                << "\tdernière connexion : " << when(a.last_login) << "\n";
        }
    } else if (verb == "disable" || verb == "enable") {
        if (auto r = service->set_disabled(actor, "", login, verb == "disable"))
            refused(*r);
        else
            out << "compte « " << login << " » " << (verb == "disable" ? "désactivé" : "réactivé") << "\n";
    } else if (verb == "reset") {
        auto made = service->reset(actor, "", login);
        if (auto* r = std::get_if<store::Refusal>(&made))
            refused(*r);
        else
            print_link(out, c, std::get<store::SetupLink>(made));
    }
    service.reset();
    give_to_folder_owner(c.state_dir);
    return status;
}

}  // namespace coopdec::cli
