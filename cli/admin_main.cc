// @brief coopdec-admin's main: the command line to cli/admin.h, and one
// line for anything unexpected.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli/admin.h"

int main(int argc, char** argv) {
    try {
        return coopdec::cli::run_admin(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
    } catch (const std::exception& e) {
        std::cerr << "coopdec-admin : erreur interne : " << e.what() << "\n";
        return coopdec::cli::kAdminState;
    }
}
