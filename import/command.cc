// @brief coopdec-import's options and the import itself, stage by stage.
#include "import/command.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <variant>

#include <unistd.h>

#include "import/corpus_refs.h"
#include "import/extract_text.h"
#include "import/structure.h"
#include "import/write_document.h"
#include "indexer/extract.h"
#include "indexer/schema_check.h"
#include "textio/lexicon.h"
#include "textio/repair.h"

#ifndef COOPDEC_CORPUS_DIR
#define COOPDEC_CORPUS_DIR "corpus"
#endif

namespace coopdec::import {

const char* const kImportUsage =
    "usage : coopdec-import FICHIER --type TYPE --title TITRE [options]\n"
    "        coopdec-import --repair-only FICHIER\n"
    "Fait d'un PDF, d'un document Word ou OpenDocument, ou d'un texte brut un\n"
    "document du corpus : le texte est extrait (pdftotext, LibreOffice), ses\n"
    "caractères mal décodés réparés mot à mot, sa structure reconnue (titres,\n"
    "chapitres, articles, tours de parole, notes), et le document écrit dans\n"
    "CORPUS/DOSSIER_DU_TYPE/ID.xml après vérification.\n"
    "  --type TYPE        convention, entretien, etude ou loi\n"
    "  --title TITRE      titre du document\n"
    "  --id ID            identifiant (par défaut : tiré du nom du fichier)\n"
    "  --date DATE        AAAA-MM-JJ (une étude peut donner AAAA)\n"
    "  --commune ID       commune du répertoire (ex. tone-1) ; répétable\n"
    "  --partnership ID   fiche de partenariat (ex. part-tone-1-issy-les-moulineaux) ; répétable\n"
    "  --theme THÈME      thème du schéma (ex. « eau et assainissement ») ; répétable\n"
    "  --author NOM       auteur d'une étude ; répétable\n"
    "  --place LIEU       lieu de signature d'une convention\n"
    "  --number NUMÉRO    numéro d'une loi (ex. 2019-006)\n"
    "  --source TEXTE     d'où vient le texte (écrit dans le document)\n"
    "  --corpus DOSSIER   le corpus où écrire (par défaut le corpus fourni)\n"
    "  --detach-note MOT  détache l'appel de note collé à MOT (« françaises2 »),\n"
    "                     après vérification ; répétable\n"
    "  --no-repair        ne répare pas les caractères mal décodés\n"
    "  --word-list FICHIER  liste de mots français (par défaut celle du paquet wfrench)\n"
    "  --ask              demande les métadonnées manquantes (d'office sur un terminal)\n"
    "  --dry-run          montre les réparations et le document, sans rien écrire\n"
    "  --force            remplace un document existant\n"
    "  --repair-only      écrit le texte réparé sur la sortie standard, les\n"
    "                     réparations sur la sortie d'erreur, rien d'autre\n"
    "Statut de sortie : 0 fait, 1 refusé (fichier illisible, convertisseur absent,\n"
    "métadonnée manquante ou inconnue, document existant…), 2 usage incorrect,\n"
    "liste de mots ou corpus introuvable.\n";

namespace {

struct UsageError : ImportError {
    using ImportError::ImportError;
};

const std::map<std::string, std::string Metadata::*> kTextOptions = {
    {"--title", &Metadata::title},       {"--id", &Metadata::id},
    {"--date", &Metadata::date},         {"--place", &Metadata::place},
    {"--number", &Metadata::law_number}, {"--source", &Metadata::source},
};
const std::map<std::string, std::vector<std::string> Metadata::*> kListOptions = {
    {"--commune", &Metadata::communes},
    {"--partnership", &Metadata::partnerships},
    {"--theme", &Metadata::themes},
    {"--author", &Metadata::authors},
};

// One field an import may need, how to ask for it, and which types need it.
struct Field {
    const char* option;
    const char* question;
    bool (*missing)(const Metadata&);
    bool (*required)(DocType);
};
const Field kFields[] = {
    {"--title", "Titre du document", [](const Metadata& m) { return m.title.empty(); }, [](DocType) { return true; }},
    {"--date", "Date (AAAA-MM-JJ)", [](const Metadata& m) { return m.date.empty(); },
     [](DocType t) { return t == DocType::convention || t == DocType::loi; }},
    // A transcript is tied to its partnership by a keyword that corpus/check.sh requires.
    {"--partnership", "Partenariat(s) (identifiants séparés par des virgules, ex. part-tone-1-issy-les-moulineaux)",
     [](const Metadata& m) { return m.partnerships.empty(); },
     [](DocType t) { return t == DocType::convention || t == DocType::entretien; }},
    {"--author", "Auteur", [](const Metadata& m) { return m.authors.empty(); },
     [](DocType t) { return t == DocType::etude; }},
    {"--number", "Numéro de la loi (ex. 2019-006)", [](const Metadata& m) { return m.law_number.empty(); },
     [](DocType t) { return t == DocType::loi; }},
};

std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    std::string item;
    while (std::getline(in, item, ',')) {
        auto b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
        if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
    }
    return out;
}

// Sets a field from an option's value. Ids and themes may come as a list
// (« --commune zio-1,kloto-1 »); an author's name may hold a comma.
void set_field(Metadata& m, const std::string& option, const std::string& value) {
    if (auto t = kTextOptions.find(option); t != kTextOptions.end())
        m.*(t->second) = value;
    else if (option == "--author")
        m.authors.push_back(value);
    else if (auto l = kListOptions.find(option); l != kListOptions.end())
        for (auto& v : split_list(value)) (m.*(l->second)).push_back(v);
}

// « Rapport_Atakpamé 2019.pdf » → « etude-rapport-atakpame-2019 ».
std::string default_id(DocType type, const std::string& input) {
    static const char* const kPrefix[] = {"conv-", "ent-", "etude-", "loi-"};
    std::string stem = slug(std::filesystem::path(input).stem().string());
    return kPrefix[static_cast<int>(type)] + (stem.empty() ? std::string("document") : stem);
}

std::string quoted_list(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "« " : ", « ") + x + " »";
    return s;
}

// What the document says of its own making: deterministic (no date, no
// absolute path), so that importing the same file the same way gives the
// same bytes.
std::string making_of(const ImportRequest& r, const ExtractedText& text, const textio::RepairResult& repair) {
    static const char* const kFormat[] = {"PDF", "Word/OpenDocument", "texte"};
    std::string s = "importé par coopdec-import depuis « " + std::filesystem::path(r.input).filename().string() +
                    " » (" + kFormat[static_cast<int>(text.format)] + ")";
    if (!r.repair)
        s += " ; caractères laissés tels quels (--no-repair)";
    else if (repair.changes.empty())
        s += " ; aucun caractère mal décodé trouvé";
    else
        s += " ; " + std::to_string(repair.changes.size()) + " mots mal décodés réparés (" +
             repair.changes.front().family + ")";
    if (!r.note_calls.empty()) s += " ; appels de notes détachés après vérification : " + quoted_list(r.note_calls);
    return s;
}

bool valid_date(const std::string& d, DocType type) {
    static const std::regex day(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))"), year(R"(\d{4})");
    return std::regex_match(d, day) || (type == DocType::etude && std::regex_match(d, year));
}

// Asks for each missing required field. Returns the fields still missing.
std::vector<std::string> complete(Metadata& m, const Ask& ask, bool interactive) {
    std::vector<std::string> missing;
    for (const Field& f : kFields) {
        if (!f.required(m.type) || !f.missing(m)) continue;
        for (int attempt = 0; interactive && attempt < 3 && f.missing(m); ++attempt) {
            std::optional<std::string> answer = ask(f.question);
            if (!answer) break;
            set_field(m, f.option, *answer);
        }
        if (f.missing(m)) missing.push_back(f.option);
    }
    return missing;
}

void write_atomically(const std::filesystem::path& path, const std::string& contents) {
    std::filesystem::create_directories(path.parent_path());
    std::filesystem::path tmp = path;
    tmp += ".import-tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << contents;
        out.flush();
        if (!out) throw ImportError("écriture impossible de " + tmp.string());
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        throw ImportError("écriture impossible de " + path.string());
    }
}

}  // namespace

ImportRequest parse_import_args(const std::vector<std::string>& args) {
    ImportRequest r;
    r.corpus_dir = COOPDEC_CORPUS_DIR;
    r.schema_dir = default_schema_dir();
    r.word_list = textio::kFrenchWordList;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw UsageError(a + " attend une valeur");
            return args[++i];
        };
        if (a == "--type") {
            const std::string& v = value();
            auto t = parse_doc_type(v);
            if (!t) throw UsageError("type inconnu « " + v + " » : convention, entretien, etude ou loi");
            r.meta.type = *t;
            r.type_given = true;
        } else if (kTextOptions.count(a) || kListOptions.count(a)) {
            set_field(r.meta, a, value());
        } else if (a == "--corpus") {
            r.corpus_dir = value();
        } else if (a == "--schemas") {
            r.schema_dir = value();
        } else if (a == "--word-list") {
            r.word_list = value();
        } else if (a == "--detach-note") {
            r.note_calls.push_back(value());
        } else if (a == "--no-repair") {
            r.repair = false;
        } else if (a == "--repair-only") {
            r.repair_only = true;
        } else if (a == "--ask") {
            r.ask = true;
        } else if (a == "--dry-run") {
            r.dry_run = true;
        } else if (a == "--force") {
            r.force = true;
        } else if (a == "--help" || a == "-h") {
            r.help = true;
        } else if (a.size() > 1 && a[0] == '-') {
            throw UsageError("option inconnue « " + a + " »");
        } else if (r.input.empty()) {
            r.input = a;
        } else {
            throw UsageError("un seul fichier à la fois (« " + r.input + " », puis « " + a + " »)");
        }
    }
    if (r.help) return r;
    if (r.input.empty()) throw UsageError("aucun fichier à importer");
    if (!r.repair_only && !r.type_given) throw UsageError("--type manquant : convention, entretien, etude ou loi");
    if (r.repair_only && !r.repair) throw UsageError("--repair-only et --no-repair s'excluent");
    return r;
}

namespace {

// Why an import stops: the message said after « coopdec-import : » (none
// when the step already said it) and the exit status.
struct ImportRefusal {
    std::string message;
    int status = 1;
};

// The metadata of `r` completed (asked for when `ask_all`) and checked
// against the corpus before anything is read into a document: a refusal
// costs nothing, and comes before the report of the repairs.
std::optional<ImportRefusal> check_metadata(ImportRequest& r, const std::filesystem::path& dest, const Ask& ask,
                                            bool ask_all, std::FILE* err) {
    std::vector<std::string> missing = complete(r.meta, ask, ask_all);
    if (!missing.empty()) {
        std::string list;
        for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
        return ImportRefusal{"métadonnées manquantes pour un document de type " +
                             std::string(doc_type_name(r.meta.type)) + " : " + list +
                             " (ou --ask pour qu'elles soient demandées)"};
    }
    if (!r.meta.date.empty() && !valid_date(r.meta.date, r.meta.type))
        return ImportRefusal{"date invalide « " + r.meta.date + " » : attendu AAAA-MM-JJ" +
                             (r.meta.type == DocType::etude ? " ou AAAA" : "")};
    if (!std::regex_match(r.meta.id, std::regex("[a-z0-9][a-z0-9-]*")))
        return ImportRefusal{"identifiant invalide « " + r.meta.id + " » : minuscules sans accent, chiffres et tirets"};
    CorpusRefs refs = read_corpus_refs(r.corpus_dir, r.schema_dir);
    std::vector<std::string> problems = check_refs(r.meta, refs);
    if (!problems.empty()) {
        for (const auto& p : problems) std::fprintf(err, "coopdec-import : %s\n", p.c_str());
        return ImportRefusal{};
    }
    std::error_code same_ec;
    if (auto taken = refs.documents.find(r.meta.id);
        taken != refs.documents.end() && !std::filesystem::equivalent(taken->second, dest, same_ec))
        return ImportRefusal{"l'identifiant « " + r.meta.id + " » est déjà celui de " + taken->second +
                             " : choisissez-en un autre avec --id"};
    if (std::filesystem::exists(dest) && !r.force && !r.dry_run)
        return ImportRefusal{dest.string() + " existe déjà : --force pour le remplacer"};
    return std::nullopt;
}

// The extracted text repaired with wfrench and the corpus's vocabulary (but
// the words of `dest`, the document an import would replace: they must not
// vouch for the new text), each change and doubt reported on `err`.
std::variant<textio::RepairResult, ImportRefusal> repaired_text(const ImportRequest& r, const std::string& text,
                                                                const std::filesystem::path& dest, std::FILE* err) {
    textio::Lexicon lexicon;
    if (!lexicon.add_word_list(r.word_list))
        return ImportRefusal{"liste de mots français introuvable (" + r.word_list +
                                 ") : installez le paquet Debian wfrench, ou importez avec --no-repair",
                             2};
    textio::add_corpus_vocabulary(lexicon, r.corpus_dir, dest.string());
    textio::RepairResult repair = textio::repair_text(text, lexicon);
    // Lines and columns are those of the extracted text (--repair-only
    // prints it whole), which for a plain text file are the file's.
    for (const auto& c : repair.changes) std::fprintf(err, "%s\n", textio::format_change(r.input, c).c_str());
    for (const auto& d : repair.doubts) std::fprintf(err, "%s\n", textio::format_doubt(r.input, d).c_str());
    return repair;
}

// Footnote numbers glued to a word, not yet confirmed by --detach-note:
// shown on `err`, detached only when the user confirms them. Returns how
// many were shown.
std::size_t show_note_calls(const ImportRequest& r, const std::string& text, std::FILE* err) {
    std::size_t calls = 0;
    for (const NoteCallCandidate& c : suggest_note_calls(text)) {
        if (std::find(r.note_calls.begin(), r.note_calls.end(), c.word) != r.note_calls.end()) continue;
        ++calls;
        std::fprintf(err,
                     "%s:%d: à vérifier : appel de note collé au mot ? « %s » se lirait « %s » suivi de la note "
                     "%d ; si c'est bien le cas : --detach-note %s\n",
                     r.input.c_str(), c.line, c.word.c_str(),
                     c.word.substr(0, c.word.size() - std::to_string(c.note).size()).c_str(), c.note, c.word.c_str());
    }
    return calls;
}

// The document written from the repaired text, its source saying how it was
// made; what its recognition said, on `err`.
BuiltDocument built_from(ImportRequest& r, const ExtractedText& text, const textio::RepairResult& repair,
                         std::FILE* err) {
    std::string made = making_of(r, text, repair);
    std::string made_sentence = "I" + made.substr(1);  // « importé » starts it with a capital
    r.meta.source = r.meta.source.empty() ? made_sentence : r.meta.source + " ; " + made;
    BuildOptions build;
    build.lines_are_paragraphs = text.lines_are_paragraphs;
    build.note_calls = r.note_calls;
    build.header_comment = made_sentence + ".";
    BuiltDocument doc = build_document(r.meta, repair.text, build);
    for (const auto& m : doc.messages) std::fprintf(err, "coopdec-import : %s\n", m.c_str());
    return doc;
}

// What is written must index: the indexer's own reading, and for the
// project's formats its schema. False, with each diagnostic on `err`, when
// it does not.
bool indexes_as_written(const BuiltDocument& doc, const ImportRequest& r, const std::filesystem::path& dest,
                        std::FILE* err) {
    Extraction x = extract(doc.xml, dest.string());
    std::vector<Diagnostic> diags = x.errors;
    if (x.ok && r.meta.type != DocType::loi && r.meta.type != DocType::entretien)
        diags = check_schema(doc.xml, dest.string(), doc_type_name(r.meta.type), r.schema_dir);
    for (const auto& d : diags) std::fprintf(err, "%s\n", d.str().c_str());
    return x.ok && diags.empty();
}

}  // namespace

int run_import(const ImportRequest& request, const Ask& ask, bool interactive, std::FILE* out, std::FILE* err) {
    const std::string& input = request.input;
    auto refuse = [&](const std::string& message, int status = 1) {
        std::fprintf(err, "coopdec-import : %s\n", message.c_str());
        return status;
    };
    try {
        if (!request.repair_only && !std::filesystem::is_directory(request.corpus_dir))
            return refuse("corpus introuvable : " + request.corpus_dir + " (--corpus DOSSIER)", 2);
        ExtractedText text = extract_text(input);
        for (const auto& note : text.notes)
            std::fprintf(err, "coopdec-import : %s : %s\n", input.c_str(), note.c_str());

        ImportRequest r = request;
        if (!r.repair_only && r.meta.id.empty()) r.meta.id = default_id(r.meta.type, input);
        std::filesystem::path dest;
        if (!r.repair_only) {
            dest = std::filesystem::path(r.corpus_dir) / doc_type_folder(r.meta.type) / (r.meta.id + ".xml");
            if (auto refusal = check_metadata(r, dest, ask, interactive || r.ask, err))
                return refusal->message.empty() ? refusal->status : refuse(refusal->message, refusal->status);
        }

        textio::RepairResult repair{text.text, {}, {}};
        if (r.repair) {
            auto result = repaired_text(r, text.text, dest, err);
            if (auto* refusal = std::get_if<ImportRefusal>(&result)) return refuse(refusal->message, refusal->status);
            repair = std::get<textio::RepairResult>(std::move(result));
        }
        std::size_t calls = show_note_calls(r, repair.text, err);
        if (r.repair)
            std::fprintf(err, "coopdec-import : %zu mots réparés, %zu points à vérifier\n", repair.changes.size(),
                         repair.doubts.size() + calls);
        if (r.repair_only) {
            std::fputs(repair.text.c_str(), out);
            return 0;
        }

        BuiltDocument doc = built_from(r, text, repair, err);
        if (!indexes_as_written(doc, r, dest, err))
            return refuse("le document produit n'est pas valide : rien n'est écrit (signalez-le avec le fichier)");
        if (r.dry_run) {
            std::fputs(doc.xml.c_str(), out);
            std::fprintf(err, "coopdec-import : --dry-run : rien n'est écrit ; le document irait dans %s\n",
                         dest.string().c_str());
            return 0;
        }
        write_atomically(dest, doc.xml);
        std::fprintf(err, "coopdec-import : écrit %s\n", dest.string().c_str());
        std::fprintf(err, "coopdec-import : pour le chercher, indexez le corpus : coopdec-index --db INDEX %s\n",
                     r.corpus_dir.c_str());
        return 0;
    } catch (const ImportError& e) {
        return refuse(e.what());
    } catch (const std::exception& e) {
        return refuse(std::string("erreur inattendue : ") + e.what());
    }
}

}  // namespace coopdec::import
