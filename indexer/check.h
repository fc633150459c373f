// @brief Checks a set of changed files against the corpus as it would be
// after the change, without writing anything: what coopdec-index would
// refuse, and the references the change would leave unresolved.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace coopdec {

// One file of a change, named by its path under the corpus folder.
struct ChangedFile {
    std::string path;     // "partenariats/part-x.xml"
    std::string content;  // the new bytes (ignored when `remove`)
    bool remove = false;  // the file leaves the corpus
};

struct ChangeCheck {
    // French, one per problem, "path:line:col: message" where the XML is at
    // fault, "path: message" otherwise; empty: the change may be published.
    std::vector<std::string> errors;
    // The document id of each changed file, after the change (by path;
    // removed files: their id before it, "" when unknown).
    std::map<std::string, std::string> ids;
};

// The folders of the corpus a change may write, each ending in '/'.
const std::vector<std::string>& corpus_folders();

// Why `path` may not be written under the corpus folder, or nullopt: it
// must be relative, hold no "." or ".." component nor empty one, no
// backslash or control character, sit in one of corpus_folders() (at any
// depth below it) and end in ".xml".
std::optional<std::string> corpus_path_problem(const std::string& path);

// The checks of coopdec-index, on the changed files in the context of the
// corpus at `corpus_dir` with `changes` applied (in memory):
// - each path passes corpus_path_problem(); a path given twice is refused;
// - each new content is extracted as the indexer extracts it (well-formed,
//   a known format, within the size limits) and, in the project's formats,
//   valid against its RELAX NG schema in `schema_dir` ("" = the default);
// - its document id is held by no other file of the corpus after the change;
// - every partnership record and gazetteer commune it names exists in the
//   corpus after the change (the indexer only warns: a publication refuses);
// - no other file of the corpus loses a reference that resolved before the
//   change (a removed or renamed partnership record still named elsewhere).
// Reads every file of the corpus (its *.xml, the schemas excepted) and
// extracts each: about the cost of hashing it. Never throws for bad input;
// an unreadable corpus file is ignored as the indexer's walk would report it
// on its own. Thread-safe (pure but for reading files).
ChangeCheck check_changes(const std::string& corpus_dir, const std::vector<ChangedFile>& changes,
                          const std::string& schema_dir = {});

}  // namespace coopdec
