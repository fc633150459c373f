// @brief The PDF download or its French 503.
#include "server/pdf_response.h"

#include "server/dossier_pdf.h"
#include "server/router.h"

namespace coopdec {

http::Response pdf_response(const std::string& html, const std::string& file_name, const std::string& instead) {
    PdfResult pdf = html_to_pdf(html);
    using S = PdfResult::Status;
    if (pdf.status != S::ok) {
        std::string message =
            pdf.status == S::missing_tool
                ? "la fabrication des PDF n'est pas installée sur ce serveur (paquet Debian « weasyprint ») : " +
                      instead + " et « Imprimer en PDF » du navigateur"
            : pdf.status == S::busy ? "trop de PDF en préparation : réessayez dans un instant"
                                    : "le PDF n'a pas pu être fabriqué : réessayez plus tard, ou " + instead;
        http::Response e = error_response(503, message, false);
        e.log_note = pdf.detail;
        return e;
    }
    http::Response r;
    r.content_type = "application/pdf";
    r.body = std::move(pdf.pdf);
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
    return r;
}

}  // namespace coopdec
