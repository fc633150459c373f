// @brief coopdec-index: index XML files and folders into a coopdec database.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

#include "common/main_guard.h"
#include "indexer/corpus.h"
#include "indexer/garble_check.h"
#include "indexer/parts.h"
#include "indexer/source_file.h"
#include "textio/byte_size.h"

#ifndef COOPDEC_SCHEMA_DIR
#define COOPDEC_SCHEMA_DIR "corpus/schema"
#endif

static const char kUsage[] =
    "usage : coopdec-index --db DOSSIER [--shards N] [--schemas DOSSIER]\n"
    "                      [--max-size TAILLE] [--rebuild] [--compact] [--check-encoding]\n"
    "                      [--verbose] [--quiet] CHEMIN...\n"
    "Indexe les fichiers XML (Akoma Ntoso, TEI, formats coopdec) des CHEMINs\n"
    "(fichiers ou dossiers, parcourus récursivement) dans l'index DOSSIER.\n"
    "Les fichiers inchangés sont ignorés, les fichiers modifiés remplacés,\n"
    "les fichiers disparus retirés de l'index. Les lecteurs de l'index voient\n"
    "l'exécution entière d'un coup, à la fin ; interrompue, elle ne change rien.\n"
    "  --shards N  répartit l'index en N fragments : DOSSIER/shard-0 … shard-(N-1),\n"
    "              chaque document entier dans l'un d'eux (selon son identifiant),\n"
    "              et DOSSIER/stub qui les liste (à donner au serveur et à\n"
    "              coopdec-search, ou à recopier avec des fragments distants) ;\n"
    "              un index existant garde son nombre de fragments\n"
    "  --max-size TAILLE\n"
    "              refuse les fichiers plus gros que TAILLE octets, sans les lire ;\n"
    "              suffixes K, M, G (10^3, 10^6, 10^9 octets) : 500K, 32M, 1G\n"
    "              (32M par défaut ; les formats du projet restent limités à 1M)\n"
    "  --rebuild   réindexe aussi les fichiers inchangés (après un changement\n"
    "              des feuilles de style, par exemple)\n"
    "  --compact   réécrit ensuite l'index compacté : environ un tiers plus petit,\n"
    "              plus rapide à lire ; le temps et la place d'une copie de l'index\n"
    "              (un index créé par l'exécution est toujours compacté)\n"
    "  --check-encoding\n"
    "              vérifie ensuite que le texte des fichiers n'est pas mal décodé\n"
    "              (« v®ritable », « Ã© ») : chaque mot suspect qui se lit en mot\n"
    "              français connu est signalé FICHIER:LIGNE:COLONNE (liste de mots\n"
    "              du paquet wfrench et vocabulaire des autres fichiers) ; le\n"
    "              fichier reste indexé, le statut de sortie devient 1\n"
    "  --verbose   une ligne par fichier sur la sortie standard, au fil de l'eau :\n"
    "              « indexé CHEMIN », « inchangé CHEMIN », « erreur CHEMIN »,\n"
    "              « retiré CHEMIN », puis « enregistrement » avant l'écriture finale\n"
    "              et « compactage » quand l'index est compacté\n"
    "  --quiet     sans la ligne de bilan\n"
    "Un premier index (dossier vide) est écrit par plusieurs fils, un par cœur\n"
    "(2 au plus) ; COOPDEC_INDEX_WRITERS=N en fixe le nombre (1 à 16).\n"
    "Statut de sortie : 0 tout est indexé, 1 des fichiers ont été signalés,\n"
    "2 l'index n'a pas pu être ouvert ou écrit (ou usage incorrect).\n";

// The words of --verbose, one per event: documented in the usage and the
// README, and read by scripts (and the crash tests): change them together.
static const char* event_word(coopdec::IndexEvent e) {
    switch (e) {
        case coopdec::IndexEvent::indexed:
            return "indexé";
        case coopdec::IndexEvent::unchanged:
            return "inchangé";
        case coopdec::IndexEvent::failed:
            return "erreur";
        case coopdec::IndexEvent::removed:
            return "retiré";
        case coopdec::IndexEvent::committing:
            return "enregistrement";
        case coopdec::IndexEvent::compacting:
            return "compactage";
    }
    return "?";
}

// --check-encoding: says on stderr where the text of the inputs' files looks
// mis-decoded, and returns how many files look so. The files were indexed
// all the same: the check reports, it does not refuse.
static std::size_t report_garbled(const std::vector<std::string>& inputs, bool quiet) {
    coopdec::textio::Lexicon lexicon;
    if (!lexicon.add_word_list(coopdec::textio::kFrenchWordList)) {
        std::fprintf(stderr,
                     "coopdec-index : --check-encoding : liste de mots français introuvable (%s) : "
                     "installez le paquet Debian wfrench\n",
                     coopdec::textio::kFrenchWordList);
        return 1;
    }
    std::size_t walk_errors = 0;  // already reported by the indexing
    std::vector<std::string> files = coopdec::walk(inputs, nullptr, walk_errors);
    auto reports = coopdec::check_garbled(files, std::move(lexicon));
    for (const auto& r : reports) {
        for (const auto& c : r.changes) std::fprintf(stderr, "%s\n", coopdec::format_finding(r.file, c).c_str());
        for (const auto& d : r.doubts) std::fprintf(stderr, "%s\n", coopdec::textio::format_doubt(r.file, d).c_str());
    }
    if (!quiet)
        std::printf("vérification de l'encodage : %zu fichier%s, %zu mal décodé%s en apparence\n", files.size(),
                    files.size() > 1 ? "s" : "", reports.size(), reports.size() > 1 ? "s" : "");
    return reports.size();
}

// What the command line asks for.
struct IndexCommand {
    coopdec::IndexOptions opt;
    bool quiet = false, verbose = false, check_encoding = false;
};

// --max-size's value, or an exit status with its French message on stderr.
static std::optional<int> read_max_size(const char* value, IndexCommand& cmd) {
    // Said apart from the unknown options: the operator named the right
    // option, only its value is wrong.
    std::optional<std::size_t> size = value ? coopdec::parse_byte_size(value) : std::nullopt;
    if (!value) {
        std::fprintf(stderr, "coopdec-index : --max-size attend une taille (500K, 32M, 1G…)\n%s", kUsage);
        return 2;
    }
    if (!size) {
        std::fprintf(stderr,
                     "coopdec-index : taille invalide pour --max-size « %s » : attendu un nombre d'octets "
                     "non nul, suivi au besoin de K, M ou G (500K, 32M, 1G)\n%s",
                     value, kUsage);
        return 2;
    }
    cmd.opt.max_bytes = *size;
    return std::nullopt;
}

// --shards's value, or an exit status with its French message on stderr.
static std::optional<int> read_shards(const char* value, IndexCommand& cmd) {
    char* end = nullptr;
    long n = value ? std::strtol(value, &end, 10) : 0;
    if (!value || *end != '\0' || n < 1 || n > 256) {
        std::fprintf(stderr, "coopdec-index : --shards attend un nombre de fragments de 1 à 256%s%s%s\n%s",
                     value ? ", pas « " : "", value ? value : "", value ? " »" : "", kUsage);
        return 2;
    }
    cmd.opt.shards = static_cast<std::size_t>(n);
    return std::nullopt;
}

// Reads the command line into `cmd`. Returns the exit status when the run
// stops there: 0 after --help, 2 after a usage error said on stderr.
static std::optional<int> read_command_line(int argc, char** argv, IndexCommand& cmd) {
    coopdec::IndexOptions& opt = cmd.opt;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        std::optional<int> stop;
        if ((a == "--db" || a == "--schemas") && i + 1 < argc) {
            (a == "--db" ? opt.db_path : opt.schema_dir) = argv[++i];
        } else if (a == "--max-size") {
            stop = read_max_size(i + 1 < argc ? argv[++i] : nullptr, cmd);
        } else if (a == "--shards") {
            stop = read_shards(i + 1 < argc ? argv[++i] : nullptr, cmd);
        } else if (a == "--quiet" || a == "-q") {
            cmd.quiet = true;
        } else if (a == "--verbose" || a == "-v") {
            cmd.verbose = true;
        } else if (a == "--rebuild") {
            opt.rebuild = true;
        } else if (a == "--compact") {
            opt.compact = true;
        } else if (a == "--check-encoding") {
            cmd.check_encoding = true;
        } else if (a == "--help" || a == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        } else if (!a.empty() && a[0] == '-') {
            std::fprintf(stderr, "coopdec-index : option inconnue « %s »\n%s", a.c_str(), kUsage);
            return 2;
        } else {
            opt.inputs.push_back(a);
        }
        if (stop) return stop;
    }
    if (opt.db_path.empty() || opt.inputs.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    return std::nullopt;
}

// The run's last lines: what was indexed, and the compaction.
static void print_summary(const coopdec::IndexSummary& s) {
    std::printf(
        "%zu fichiers : %zu documents indexés (%zu unités), %zu inchangés, %zu retirés, "
        "%zu en erreur, %zu avertissements ; %zu documents dans l'index ; %.2f s\n",
        s.files, s.documents, s.units, s.skipped, s.removed, s.errors, s.warnings, s.total_documents, s.seconds);
    if (s.compacted)
        std::printf("index compacté : %.1f Mo → %.1f Mo\n", static_cast<double>(s.bytes_before) / 1e6,
                    static_cast<double>(s.bytes_after) / 1e6);
}

static int run(int argc, char** argv) {
    IndexCommand cmd;
    cmd.opt.schema_dir = COOPDEC_SCHEMA_DIR;
    if (std::optional<int> status = read_command_line(argc, argv, cmd)) return *status;
    coopdec::IndexOptions& opt = cmd.opt;
    if (const char* w = std::getenv("COOPDEC_INDEX_WRITERS")) {
        std::optional<std::size_t> n = coopdec::parse_writers(w);
        if (!n) {
            std::fprintf(stderr,
                         "coopdec-index : COOPDEC_INDEX_WRITERS attend un nombre d'écrivains de 1 à %zu, pas « %s »\n",
                         coopdec::kMaxWriters, w);
            return 2;
        }
        opt.writers = *n;
    }
    // The per-file lines replace the progress line, and go out as they
    // happen (a reader waiting for them on a pipe sees each one at once).
    opt.progress = !cmd.quiet && !cmd.verbose && isatty(fileno(stderr));
    if (cmd.verbose) {
        opt.on_event = [](coopdec::IndexEvent e, const std::string& path) {
            if (path.empty())
                std::printf("%s\n", event_word(e));
            else
                std::printf("%s %s\n", event_word(e), path.c_str());
            std::fflush(stdout);
        };
    }

    // Xapian writes its pending postings to the tables every
    // XAPIAN_FLUSH_THRESHOLD documents (10,000 by default), and holds them in
    // memory until then. Counted in documents, not words: 10,000 partnership
    // records of 900 words each made 290 MB. At 2,000 a run of 20,000
    // generated documents peaked at 146 MB instead of 279, and took 101 s
    // instead of 118 (bench/RESULTS.md). The environment still decides when
    // it says something.
    setenv("XAPIAN_FLUSH_THRESHOLD", "2000", 0);
    coopdec::IndexSummary s = coopdec::index_corpus(opt, stderr);
    if (!cmd.quiet) print_summary(s);
    if (s.fatal) return 2;
    std::size_t garbled = cmd.check_encoding ? report_garbled(opt.inputs, cmd.quiet) : 0;
    return s.errors > 0 || garbled > 0 ? 1 : 0;
}

// An exception of the preparing thread, or any other that escapes the run,
// is said here instead of ending the program without a message.
int main(int argc, char** argv) {
    return coopdec::guarded_main("coopdec-index", [&] { return run(argc, argv); });
}
