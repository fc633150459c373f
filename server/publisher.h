// @brief Putting accepted contributions into the corpus and the index: the
// seam between the review pages and the publication pipeline.
//
// A publication writes files into the corpus folder and publishes them
// through the indexing pipeline (indexer/publish.h) from a server thread:
// searchable within seconds, no restart, readers never see half of it.
// Every publication is kept in the history (who, when, why, each file's
// previous content), so that a page can show its « Historique » and a
// validator can restore an earlier version, itself a new publication.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "store/principal.h"

namespace coopdec {

// One file of a publication: its path under the corpus folder
// ("partenariats/part-kloto-1-bressuire.xml", never absolute, never "..")
// and its new content; `remove`: the file is taken out of the corpus.
struct CorpusChange {
    std::string path;
    std::string content;
    bool remove = false;
};

// What a check or a publication found. `ok` false: nothing was written;
// `messages`: French, one per problem, file:line:col where the XML is at fault.
struct PublishOutcome {
    bool ok = false;
    std::vector<std::string> messages;
    int64_t publication_id = 0;  // the history's entry, when ok
};

// What a publication route answers, with a 503, when the server was started
// without a corpus folder (--corpus).
inline constexpr const char* kNoCorpusMessage = "publication impossible : aucun dossier de corpus configuré";

class Publisher {
public:
    virtual ~Publisher() = default;
    // The same checks as coopdec-index (schemas, ids, every reference
    // resolved against the corpus as it would be after the change), without
    // writing anything. Thread-safe.
    virtual PublishOutcome check(const std::vector<CorpusChange>& changes) = 0;
    // Checks, writes the files into the corpus (each durably, atomically),
    // publishes them into the index and records the publication in the
    // history, by `who`, with `summary` (« Fiche acceptée : … »). Waits its
    // turn when another writer (a coopdec-index run) holds the index. On
    // return with ok, a new search finds the change. Thread-safe.
    virtual PublishOutcome publish(const std::vector<CorpusChange>& changes, const store::Principal& who,
                                   const std::string& summary) = 0;
    // How many files of the corpus a publication has the context of in
    // memory, not to read again (for /metrics).
    virtual std::size_t context_files() const { return 0; }
};

}  // namespace coopdec
