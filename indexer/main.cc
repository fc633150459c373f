// @brief coopdec-index: index XML files and folders into a coopdec database.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <unistd.h>

#include "indexer/corpus.h"

#ifndef COOPDEC_SCHEMA_DIR
#define COOPDEC_SCHEMA_DIR "corpus/schema"
#endif

static const char kUsage[] =
    "usage : coopdec-index --db DOSSIER [--schemas DOSSIER] [--stylesheets DOSSIER] [--quiet] CHEMIN...\n"
    "Indexe les fichiers XML (Akoma Ntoso, TEI, formats coopdec) des CHEMINs\n"
    "(fichiers ou dossiers, parcourus récursivement) dans l'index DOSSIER.\n"
    "Les fichiers inchangés sont ignorés, les fichiers modifiés remplacés,\n"
    "les fichiers disparus retirés de l'index.\n"
    "Statut de sortie : 0 tout est indexé, 1 des fichiers ont été signalés,\n"
    "2 l'index n'a pas pu être ouvert ou écrit (ou usage incorrect).\n";

int main(int argc, char** argv) {
    coopdec::IndexOptions opt;
    opt.schema_dir = COOPDEC_SCHEMA_DIR;
    bool quiet = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if ((a == "--db" || a == "--schemas" || a == "--stylesheets") && i + 1 < argc) {
            (a == "--db" ? opt.db_path : a == "--schemas" ? opt.schema_dir : opt.stylesheet_dir) = argv[++i];
        } else if (a == "--quiet" || a == "-q") {
            quiet = true;
        } else if (a == "--help" || a == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        } else if (!a.empty() && a[0] == '-') {
            std::fprintf(stderr, "coopdec-index : option inconnue « %s »\n%s", a.c_str(), kUsage);
            return 2;
        } else {
            opt.inputs.push_back(a);
        }
    }
    if (opt.db_path.empty() || opt.inputs.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    opt.progress = !quiet && isatty(fileno(stderr));

    coopdec::IndexSummary s = coopdec::index_corpus(opt, stderr);
    if (!quiet) {
        std::printf("%zu fichiers : %zu documents indexés (%zu unités), %zu inchangés, %zu retirés, "
                    "%zu en erreur, %zu avertissements ; %zu documents dans l'index ; %.2f s\n",
                    s.files, s.documents, s.units, s.skipped, s.removed, s.errors, s.warnings,
                    s.total_documents, s.seconds);
    }
    if (s.fatal) return 2;
    return s.errors > 0 ? 1 : 0;
}
