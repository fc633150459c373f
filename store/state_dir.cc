// @brief The default state folder (see state_dir.h).
#include "store/state_dir.h"

#include <unistd.h>

#include <cstdlib>

namespace coopdec::store {

std::string default_state_dir() {
    if (geteuid() == 0) return "/var/lib/coopdec/state";
    if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg && *xdg == '/') return std::string(xdg) + "/coopdec";
    if (const char* home = std::getenv("HOME"); home && *home == '/')
        return std::string(home) + "/.local/state/coopdec";
    return "coopdec-state";
}

}  // namespace coopdec::store
