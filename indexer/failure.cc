// @brief Why a write or an open of the index failed, in French.
#include "indexer/failure.h"

#include <cerrno>
#include <cstring>
#include <utility>

namespace coopdec {
namespace {

// The causes an operator can fix, in French.
constexpr std::pair<int, const char*> kReasons[] = {
    {ENOSPC, "plus de place sur le disque"},
    {EDQUOT, "quota de disque dépassé"},
    {EROFS, "système de fichiers en lecture seule"},
    {EACCES, "permission refusée"},
    {EPERM, "opération non permise"},
    {EIO, "erreur d'entrée-sortie du disque"},
    {EMFILE, "trop de fichiers ouverts"},
};

}  // namespace

// The cause of a system error in French, for the operator, from errno's
// text (strerror).
std::string system_reason(const char* error_string) {
    if (!error_string || !*error_string) return {};
    for (const auto& [code, text] : kReasons)
        if (std::strcmp(error_string, std::strerror(code)) == 0) return text;
    return error_string;
}

// Why Xapian failed: errno's text when it kept one; otherwise a known cause
// quoted in its message (a failed commit reports "Commit failed (No space
// left on device)" inside another error); otherwise its message.
std::string describe_failure(const Xapian::Error& e) {
    std::string reason = system_reason(e.get_error_string());
    if (!reason.empty()) return reason;
    for (const auto& [code, text] : kReasons)
        if (e.get_msg().find(std::strerror(code)) != std::string::npos) return text;
    return e.get_msg();
}

}  // namespace coopdec
