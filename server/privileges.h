// @brief Leaving root: a server that answers anyone must not hold root's
// rights while it parses what they send.
#pragma once

#include <optional>
#include <string>

namespace coopdec {

// When the process runs as root, becomes `user` for good (supplementary
// groups cleared, then group, then user; a return to root is checked to
// fail). Returns a French message when that cannot be done: the caller must
// then refuse to run. Does nothing and returns nullopt when not root.
std::optional<std::string> drop_root(const std::string& user);

}  // namespace coopdec
