// @brief libFuzzer target: untrusted text as coopdec-import gets it out of a
// PDF or a Word file → repair_text (textio/repair.h, against wfrench and the
// bundled corpus's vocabulary) → build_document for each of the four types
// (import/write_document.h) → extract() (indexer/extract.h). A document the
// writers produce must always be one the indexer reads: anything else aborts.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "import/model.h"
#include "import/write_document.h"
#include "indexer/extract.h"
#include "textio/lexicon.h"
#include "textio/repair.h"

using namespace coopdec;
using namespace coopdec::import;
using namespace coopdec::textio;

namespace {

const Lexicon& lexicon() {
    static const Lexicon l = [] {
        Lexicon x;
        if (!x.add_word_list(kFrenchWordList)) {
            std::fprintf(stderr, "fuzz_import : %s introuvable (paquet wfrench)\n", kFrenchWordList);
            std::abort();
        }
        add_corpus_vocabulary(x, COOPDEC_SOURCE_DIR "/corpus");
        return x;
    }();
    return l;
}

Metadata meta_of(DocType type) {
    Metadata m;
    m.type = type;
    m.id = "fuzz-import";
    m.title = "Document à l’essai";
    m.date = "2020-01-31";
    m.partnerships = {"part-tone-1-issy-les-moulineaux"};
    m.authors = {"Auteur"};
    m.communes = {"tone-1"};
    m.law_number = "2020-001";
    m.source = "fuzz";
    return m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    // The first byte chooses how lines are read and whether a note call is
    // confirmed: the rest is the text.
    bool by_line = size > 0 && (data[0] & 1);
    if (size > 0) input.remove_prefix(1);
    RepairResult repaired = repair_text(input, lexicon());
    BuildOptions options;
    options.lines_are_paragraphs = by_line;
    for (DocType type : {DocType::convention, DocType::entretien, DocType::etude, DocType::loi}) {
        BuiltDocument doc;
        try {
            doc = build_document(meta_of(type), repaired.text, options);
        } catch (const ImportError&) {
            continue;  // refused, with its message: fine
        }
        Extraction x = extract(doc.xml, "fuzz-import.xml");
        if (!x.ok) {
            for (const auto& e : x.errors) std::fprintf(stderr, "%s\n", e.str().c_str());
            std::fprintf(stderr, "--- document écrit (%s) ---\n%s\n", doc_type_name(type), doc.xml.c_str());
            std::abort();
        }
    }
    return 0;
}
