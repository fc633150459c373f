// @brief A PDF download made from HTML by WeasyPrint (server/dossier_pdf.h),
// or the 503 page in French that says why not and what to do instead.
#pragma once

#include <string>

#include "server/http.h"

namespace coopdec {

// Converts `html` (self-contained: CSS inline, no fetched resource) with
// html_to_pdf. Success: 200, application/pdf, Content-Disposition
// attachment named `file_name`. Failure: 503 HTML page in French (tool
// missing, too many conversions at once, conversion failed), whose advice
// names `instead` (« utilisez la version à imprimer »…); the tool's detail
// goes to log_note only. Thread-safe.
http::Response pdf_response(const std::string& html, const std::string& file_name, const std::string& instead);

}  // namespace coopdec
