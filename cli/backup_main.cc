// @brief coopdec-backup: a consistent copy of the server's state, corpus
// and originals while it runs (create), and back into new folders (restore).
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "common/main_guard.h"
#include "store/backup.h"

namespace {

const char* kUsage =
    "usage :\n"
    "  coopdec-backup create --state-dir ÉTAT --corpus CORPUS [--originals ORIGINAUX] DESTINATION\n"
    "  coopdec-backup restore SAUVEGARDE --state-dir ÉTAT --corpus CORPUS [--originals ORIGINAUX] [--force]\n"
    "\n"
    "create copie, pendant que le serveur tourne, l'état (ÉTAT/coopdec.sqlite, par l'API de sauvegarde de\n"
    "SQLite), le corpus et les originaux des dépôts (par défaut ÉTAT/originals) dans DESTINATION, un dossier\n"
    "absent ou vide. restore les remet dans des dossiers vides (--force : remplace leur contenu). Après une\n"
    "restauration, reconstruisez l'index : coopdec-index --db INDEX CORPUS\n";

int usage(const std::string& why) {
    std::fprintf(stderr, "coopdec-backup : %s\n%s", why.c_str(), kUsage);
    return 64;
}

int run(int argc, char** argv) {
    if (argc < 2) return usage("commande attendue (create ou restore)");
    const std::string command = argv[1];
    if (command == "-h" || command == "--help") {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (command != "create" && command != "restore") return usage("commande inconnue « " + command + " »");
    coopdec::store::BackupPaths paths;
    std::vector<std::string> positional;
    bool force = false;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--state-dir" || a == "--corpus" || a == "--originals") {
            if (i + 1 >= argc) return usage("l'option " + a + " attend un dossier");
            (a == "--state-dir" ? paths.state_dir : a == "--corpus" ? paths.corpus : paths.originals) = argv[++i];
        } else if (a == "--force" && command == "restore") {
            force = true;
        } else if (a.rfind("--", 0) == 0) {
            return usage("option inconnue « " + a + " »");
        } else {
            positional.push_back(a);
        }
    }
    if (paths.state_dir.empty() || paths.corpus.empty()) return usage("--state-dir et --corpus sont obligatoires");
    if (positional.size() != 1)
        return usage(command == "create" ? "un dossier de destination est attendu"
                                         : "un dossier de sauvegarde est attendu");
    auto failed = command == "create" ? coopdec::store::create_backup(paths, positional[0])
                                      : coopdec::store::restore_backup(positional[0], paths, force);
    if (failed) {
        std::fprintf(stderr, "coopdec-backup : %s\n", failed->c_str());
        return 1;
    }
    if (command == "create")
        std::printf("Sauvegarde écrite dans %s\n", positional[0].c_str());
    else
        std::printf("Sauvegarde restaurée : reconstruisez l'index avec coopdec-index --db INDEX %s\n",
                    paths.corpus.c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    return coopdec::guarded_main("coopdec-backup", [&] { return run(argc, argv); });
}
