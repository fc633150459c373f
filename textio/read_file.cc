// @brief read_file(): a file's bytes, up to a limit.
#include "textio/read_file.h"

#include <fstream>

namespace coopdec {

bool read_file(const std::string& path, std::string& out, std::size_t limit) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    out.clear();
    char buf[1 << 16];
    while (out.size() <= limit) {
        in.read(buf, sizeof buf);
        out.append(buf, static_cast<std::size_t>(in.gcount()));
        if (!in) break;
    }
    return !in.bad();
}

}  // namespace coopdec
