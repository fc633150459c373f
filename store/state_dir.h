// @brief Where coopdec's durable state lives when no --state-dir is given:
// one answer for coopdec-server and coopdec-admin, so that both open the
// same coopdec.sqlite.
#pragma once

#include <string>

namespace coopdec::store {

// /var/lib/coopdec/state for root (a system service), else
// $XDG_STATE_HOME/coopdec, else ~/.local/state/coopdec, else ./coopdec-state.
std::string default_state_dir();

}  // namespace coopdec::store
