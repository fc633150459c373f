// @brief libFuzzer target: one untrusted file through coopdec-index's
// TEI path: extract_tei, then the XSLT page (stylesheets/tei.xsl).
#include <cstddef>
#include <cstdint>

#include "fuzz/index_pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    coopdec::fuzz::index_one(data, size, "tei");
    return 0;
}
