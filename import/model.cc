// @brief Names of the document types an import can write.
#include "import/model.h"

#include "common/schema.h"

namespace coopdec::import {

std::optional<DocType> parse_doc_type(std::string_view name) {
    if (name == schema::kTypeAgreement) return DocType::convention;
    if (name == schema::kTypeInterview) return DocType::entretien;
    if (name == schema::kTypeStudy || name == "étude") return DocType::etude;
    if (name == schema::kTypeLaw) return DocType::loi;
    return std::nullopt;
}

const char* doc_type_name(DocType type) {
    switch (type) {
        case DocType::convention:
            return schema::kTypeAgreement;
        case DocType::entretien:
            return schema::kTypeInterview;
        case DocType::etude:
            return schema::kTypeStudy;
        case DocType::loi:
            return schema::kTypeLaw;
    }
    return "?";
}

const char* doc_type_folder(DocType type) {
    switch (type) {
        case DocType::convention:
            return "conventions";
        case DocType::entretien:
            return "entretiens";
        case DocType::etude:
            return "etudes";
        case DocType::loi:
            return "lois";
    }
    return "?";
}

}  // namespace coopdec::import
