// @brief Names of the document types an import can write.
#include "import/model.h"

namespace coopdec::import {

std::optional<DocType> parse_doc_type(std::string_view name) {
    if (name == "convention") return DocType::convention;
    if (name == "entretien") return DocType::entretien;
    if (name == "etude" || name == "étude") return DocType::etude;
    if (name == "loi") return DocType::loi;
    return std::nullopt;
}

const char* doc_type_name(DocType type) {
    switch (type) {
        case DocType::convention: return "convention";
        case DocType::entretien: return "entretien";
        case DocType::etude: return "etude";
        case DocType::loi: return "loi";
    }
    return "?";
}

const char* doc_type_folder(DocType type) {
    switch (type) {
        case DocType::convention: return "conventions";
        case DocType::entretien: return "entretiens";
        case DocType::etude: return "etudes";
        case DocType::loi: return "lois";
    }
    return "?";
}

}  // namespace coopdec::import
