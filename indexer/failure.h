// @brief Why the indexer could not open or write the index, in words an
// operator can act on (French): the disk is full, read-only, not ours...
#pragma once

#include <string>

#include <xapian.h>

namespace coopdec {

// The cause of a system error in French, from errno's text (strerror);
// the text itself when it is not a cause an operator can fix; "" for none.
std::string system_reason(const char* error_string);

// Why Xapian failed: errno's text when it kept one; otherwise a known cause
// quoted in its message; otherwise its message.
std::string describe_failure(const Xapian::Error& e);

}  // namespace coopdec
