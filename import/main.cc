// @brief coopdec-import: a PDF, Word or text file into a corpus document.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <unistd.h>

#include "common/main_guard.h"
#include "import/command.h"

static int run(int argc, char** argv) {
    using namespace coopdec::import;
    ImportRequest request;
    try {
        request = parse_import_args(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const ImportError& e) {
        std::fprintf(stderr, "coopdec-import : %s\n%s", e.what(), kImportUsage);
        return 2;
    }
    if (request.help) {
        std::fputs(kImportUsage, stdout);
        return 0;
    }
    // Questions go to stderr, so that --dry-run's document on stdout stays clean.
    Ask ask = [](const std::string& question) -> std::optional<std::string> {
        std::fprintf(stderr, "%s : ", question.c_str());
        std::fflush(stderr);
        std::string line;
        if (!std::getline(std::cin, line)) return std::nullopt;
        return line;
    };
    bool terminal = isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
    return run_import(request, ask, terminal, stdout, stderr);
}

int main(int argc, char** argv) {
    return coopdec::guarded_main("coopdec-import", [&] { return run(argc, argv); });
}
