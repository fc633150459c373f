// @brief Byte sizes as the operator writes them (`--max-size 500K`) and as
// the indexer's messages say them ("500 Ko", "32 Mo").
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace coopdec {

// A size written by the operator: a whole number of bytes, optionally
// followed by one suffix K, M or G (either case) for 10^3, 10^6 or 10^9
// bytes — decimal, like the "Mo" of the messages, so that "32M" is exactly
// the default limit of 32 Mo. Examples: "1000", "500K", "32M", "1G".
// Returns nullopt for anything else: an empty text, a sign, a space, a
// decimal point, another suffix ("12X", "32MB"), zero, or a value that does
// not fit in a std::size_t. Pure function.
std::optional<std::size_t> parse_byte_size(std::string_view text);

// A size in French, for diagnostics: under 1,000 bytes in bytes ("207
// octets", "1 octet"); under 1 Mo in Ko (10^3 bytes), to the tenth ("2 Ko",
// "612,3 Ko"); from 1 Mo on in Mo (10^6 bytes), likewise ("32 Mo",
// "104,9 Mo"). Rounded half up. Pure function.
std::string format_byte_size(std::uintmax_t bytes);

}  // namespace coopdec
