// @brief index_corpus(): a run over the whole corpus, through publish().
#include "indexer/corpus.h"

#include "indexer/publish.h"

namespace coopdec {

IndexSummary index_corpus(const IndexOptions& options, std::FILE* log) { return publish(options, {}, log); }

}  // namespace coopdec
