// @brief An OpenDocument package (ODF 1.2 part 3): the zip of a document's
// XML parts, `mimetype` first and stored, with its manifest. Pure.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace coopdec {

// The package's bytes: `mimetype` first, stored uncompressed and holding
// `media_type` (« application/vnd.oasis.opendocument.text »…), so that a
// reader recognises the file from its first bytes; then
// META-INF/manifest.xml listing the root with `media_type` and every part as
// text/xml; then `parts` (name, XML) in their order, deflated. The parts
// are written as given: the caller escapes their text. Never throws
// (std::bad_alloc aside).
std::string odf_package(const std::string& media_type, const std::vector<std::pair<std::string, std::string>>& parts);

}  // namespace coopdec
