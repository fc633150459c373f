// @brief The stop-word lists behind analysis::is_stop_word (internal to the
// analysis code; everything else calls is_stop_word).
#pragma once

#include <span>
#include <string_view>

namespace coopdec::analysis::detail {

// The stop words of an ISO 639-1 language ("fr", "en"), folded and sorted
// (so std::binary_search works); empty for a language without a list.
// Static storage; thread-safe.
std::span<const std::string_view> stop_words(std::string_view iso_lang);

}  // namespace coopdec::analysis::detail
