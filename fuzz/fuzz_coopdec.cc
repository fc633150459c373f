// @brief libFuzzer target: one untrusted file through coopdec-index's
// project-vocabulary path (urn:x-coopdec:corpus:1): extract_coopdec, the
// RELAX NG check of corpus/schema, then the XSLT page (stylesheets/coopdec.xsl).
#include <cstddef>
#include <cstdint>

#include "fuzz/index_pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    coopdec::fuzz::index_one(data, size, "coopdec");
    return 0;
}
