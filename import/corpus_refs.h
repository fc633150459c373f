// @brief What an imported document's metadata may point at in the corpus:
// gazetteer communes, partnership records, the themes of the schema, the
// document ids already taken.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace coopdec::import {

struct CorpusRefs {
    std::map<std::string, std::string> communes;   // gazetteer commune id -> name
    std::set<std::string> partnerships;            // partnership record ids
    std::vector<std::string> themes;               // corpus/schema/common.rng theme.value, in its order
    std::map<std::string, std::string> documents;  // document id -> its file (ids are unique in a corpus)
};

// Reads them from the corpus folder: the "repertoire" files' communes, the
// "partenariat" files' ids, every *.xml file's name as a document id, and
// the theme list from schema_dir/common.rng. Unreadable files are skipped:
// an id they hold is then unknown, and the import says so.
CorpusRefs read_corpus_refs(const std::string& corpus_dir, const std::string& schema_dir);

// Checks meta's references against refs. Returns one French sentence per
// problem (empty when all resolve), e.g. « commune inconnue « tone-9 » :
// voir corpus/repertoire/togo.xml ».
struct Metadata;
std::vector<std::string> check_refs(const Metadata& meta, const CorpusRefs& refs);

}  // namespace coopdec::import
