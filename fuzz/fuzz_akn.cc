// @brief libFuzzer target: one untrusted file through coopdec-index's
// Akoma Ntoso path: extract_akn, then the XSLT page (stylesheets/akn.xsl).
#include <cstddef>
#include <cstdint>

#include "fuzz/index_pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    coopdec::fuzz::index_one(data, size, "akn");
    return 0;
}
