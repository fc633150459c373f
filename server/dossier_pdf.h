// @brief HTML → PDF with WeasyPrint (Debian package `weasyprint`), run as a
// child process without a shell: HTML on its stdin, the PDF on its stdout,
// bounded in time and size, in a private empty folder.
#pragma once

#include <cstddef>
#include <string>

namespace coopdec {

struct PdfOptions {
    std::string program = "weasyprint";   // looked up in PATH (posix_spawnp)
    int timeout_ms = 60000;               // then the whole process group is killed
    size_t max_bytes = 32 * 1024 * 1024;  // a larger PDF is refused
    int max_running = 2;                  // conversions at once in this process; more: busy
};

struct PdfResult {
    enum class Status {
        ok,            // `pdf` holds the document
        missing_tool,  // the program is not installed
        busy,          // max_running conversions already running
        failed,        // it exited with an error, or wrote no PDF
        timeout,       // killed after timeout_ms
        too_large,     // killed past max_bytes
    } status = Status::failed;
    std::string pdf;
    std::string detail;  // for the server's log only (the tool's last error line…)
};

// Converts `html` to PDF. The HTML must reference no resource of its own
// (CSS inline, no image): the tool is given a fresh empty folder as base
// URL and working directory, so a relative reference resolves to nothing,
// and coopdec's HTML holds no absolute one except <a href> targets, which
// WeasyPrint writes as links and never fetches. The child runs in its own
// process group, gets only the three pipes (descriptors are close-on-exec),
// and is killed with its group on timeout or overflow. Thread-safe.
PdfResult html_to_pdf(const std::string& html, const PdfOptions& options = {});

}  // namespace coopdec
