// @brief Diagnostic formatting: the one place that decides how a corpus
// error reads ("path:line:col: message", like a compiler).
#include "indexer/record.h"

namespace coopdec {

std::string Diagnostic::str() const {
    std::string out = path;
    if (line > 0) {
        out += ':' + std::to_string(line);
        // A column is only meaningful with a line; libxml2's validity errors
        // give a line without a column, and "path:12:0:" would suggest a
        // position that does not exist, so the column is simply left out.
        if (column > 0) out += ':' + std::to_string(column);
    }
    out += ": ";
    out += message;
    return out;
}

}  // namespace coopdec
