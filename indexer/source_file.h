// @brief What an indexing run knows of each file: where the inputs' files
// are, their identity and content hash, and what the index remembers of
// each one (its signature, its document, the records it depends on).
#pragma once
#include <cstddef>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/record.h"
#include "textio/read_file.h"  // read_file(): how a run reads each file

namespace coopdec {

// FNV-1a: stable across runs and machines, unlike std::hash.
std::string content_hash(std::string_view bytes);

// The file's identity in the index: its absolute path, or a hash of it when
// the path would not fit in a term.
std::string file_key(const std::string& abs);

struct SourceFile {
    std::string path;  // as found (for messages)
    std::string key;   // absolute path, or its hash when too long for a term
    std::string abs;   // absolute path
    std::string hash;  // content hash
    std::string root;  // local name of the root element, peeked
    // Set when the file is over the size limit: it was never read (hash and
    // root are empty), and pass 2 reports it, in the walk's order.
    std::optional<Diagnostic> refusal;
};

// The root element's name without parsing the file: the first tag that is
// not a declaration, comment or processing instruction.
std::string peek_root(std::string_view text);

// Collects the *.xml files under the inputs (files, or folders walked
// recursively), in a stable order. An input that is missing, or a folder
// that cannot be read, is said on `log` ("path: …"; log may be null) and
// counted in `errors`.
std::vector<std::string> walk(const std::vector<std::string>& inputs, std::FILE* log, size_t& errors);

// What the index remembers of a file: "sig\tdocid\tdeps\tpath".
struct FileState {
    std::string signature, doc_id, deps, path;
};

std::string encode_state(const FileState& s);
FileState decode_state(const std::string& v);

// "id=hash id=hash" for the partnership records a document links to, as they
// are now; a missing record hashes as "-".
std::string dependency_signature(const std::vector<std::string>& ids, const std::map<std::string, std::string>& hashes);

// Recomputes a stored dependency list against the current records.
std::string refresh_deps(const std::string& stored, const std::map<std::string, std::string>& hashes);

}  // namespace coopdec
