// @brief A line diff (Myers' O(ND) algorithm): what changed between two
// versions of a file, line by line, as the history page shows it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace coopdec {

struct DiffLine {
    enum class Kind { same, removed, added };
    Kind kind = Kind::same;
    std::string text;  // the line, without its '\n'
};

// The lines of `text` ("a\nb\n" and "a\nb" are both {"a", "b"}; "" is {}).
std::vector<std::string> split_lines(std::string_view text);

// A shortest edit script from `before` to `after`, every line of both in
// order: each line of `before` is `same` or `removed`, each of `after` is
// `same` or `added`; in a run of changes the removed lines come first.
// When the two differ by more than `max_edits` lines, the middle part
// (after the common first and last lines) is given as all removed then all
// added: time and memory stay bounded (O((N+M)·max_edits) at most).
std::vector<DiffLine> diff_lines(std::string_view before, std::string_view after, std::size_t max_edits = 2000);

}  // namespace coopdec
