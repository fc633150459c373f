// @brief Reading a whole file into memory, with a bound on what it may cost.
#pragma once

#include <cstddef>
#include <string>

namespace coopdec {

// Reads the file into `out`, but stops once `out` holds more than `limit`
// bytes: a file that grew past the limit after its size was checked costs
// no more memory than the limit, and the caller then refuses it by its size
// (extract(), extract_text()). False when the file cannot be opened or read.
bool read_file(const std::string& path, std::string& out, std::size_t limit);

}  // namespace coopdec
