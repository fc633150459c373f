// @brief parse_byte_size() and format_byte_size().
#include "textio/byte_size.h"

#include <limits>

namespace coopdec {

std::optional<std::size_t> parse_byte_size(std::string_view text) {
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits == 0) return std::nullopt;
    std::size_t unit = 1;
    std::string_view suffix = text.substr(digits);
    if (suffix.size() > 1) return std::nullopt;
    if (suffix.size() == 1) {
        switch (suffix[0]) {
            case 'k':
            case 'K':
                unit = 1000;
                break;
            case 'm':
            case 'M':
                unit = 1000000;
                break;
            case 'g':
            case 'G':
                unit = 1000000000;
                break;
            default:
                return std::nullopt;
        }
    }
    constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max();
    std::size_t value = 0;
    for (char c : text.substr(0, digits)) {
        std::size_t d = static_cast<std::size_t>(c - '0');
        if (value > (kMax - d) / 10) return std::nullopt;
        value = value * 10 + d;
    }
    // A limit of zero would refuse every file: a slip, not a wish.
    if (value == 0 || value > kMax / unit) return std::nullopt;
    return value * unit;
}

namespace {

// `bytes` in units of `unit` bytes, rounded to a tenth, French style:
// "104,9 Mo", "2 Ko".
std::string tenths(std::uintmax_t bytes, std::uintmax_t unit, const char* name) {
    std::uintmax_t t = bytes / (unit / 10) + (bytes % (unit / 10) >= unit / 20 ? 1 : 0);
    std::string s = std::to_string(t / 10);
    if (t % 10) {
        s += ',';
        s += std::to_string(t % 10);
    }
    s += ' ';
    return s + name;
}

}  // namespace

std::string format_byte_size(std::uintmax_t bytes) {
    // French puts "octet" in the singular below two.
    if (bytes < 2) return std::to_string(bytes) + " octet";
    if (bytes < 1000) return std::to_string(bytes) + " octets";
    // A size that rounds to 1000 Ko is said "1 Mo".
    if (bytes < 999950) return tenths(bytes, 1000, "Ko");
    return tenths(bytes, 1000000, "Mo");
}

}  // namespace coopdec
