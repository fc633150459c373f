// @brief coopdec-admin: accounts from the command line, on the state folder
// the server uses — the first administrator (create-admin), list, disable,
// enable, reset. Every act goes through store/account_service.h and its
// journal (actor « coopdec-admin »).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace coopdec::cli {

// Exit statuses of coopdec-admin.
inline constexpr int kAdminOk = 0;
inline constexpr int kAdminRefused = 1;  // the act was refused (login taken, unknown account…)
inline constexpr int kAdminUsage = 2;    // a bad command line
inline constexpr int kAdminState = 3;    // the state folder or its database cannot be used

// Runs coopdec-admin with `args` (without the program's name): what it
// says goes to `out`, refusals and errors (in French) to `err`. Returns
// the exit status. Set-up links are printed as PUBLIC_URL/activer/TOKEN.
int run_admin(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace coopdec::cli
