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

// The folder of the server's durable state (the dossier store): created
// when missing (with its parents, mode 0700), and, when the process runs as
// root, given to `user` — who runs the server once root is left and must
// write there. A French message when that cannot be done.
std::optional<std::string> prepare_state_dir(const std::string& dir, const std::string& user);

// Where the state lives without --state-dir: /var/lib/coopdec/state for
// root (a system service), else $XDG_STATE_HOME/coopdec, else
// ~/.local/state/coopdec, else ./coopdec-state.
std::string default_state_dir();

}  // namespace coopdec
