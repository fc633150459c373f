// @brief The OpenDocument zip: mimetype, manifest, parts.
#include "server/odf_package.h"

#include <sstream>

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include "common/escape.h"

namespace coopdec {
namespace {

std::string manifest_xml(const std::string& media_type, const std::vector<std::pair<std::string, std::string>>& parts) {
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
        "manifest:version=\"1.2\">"
        "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" manifest:media-type=\"" +
        xml_escape(media_type) + "\"/>";
    for (const auto& [name, xml] : parts)
        out +=
            "<manifest:file-entry manifest:full-path=\"" + xml_escape(name) + "\" manifest:media-type=\"text/xml\"/>";
    return out + "</manifest:manifest>\n";
}

}  // namespace

std::string odf_package(const std::string& media_type, const std::vector<std::pair<std::string, std::string>>& parts) {
    // A seekable stream: every local header then carries its sizes and CRC
    // (no data descriptor), which is what ODF readers expect of `mimetype`.
    std::ostringstream zip;
    Poco::Zip::Compress compress(zip, true);
    const Poco::DateTime when;  // the entries' modification time: now
    auto add = [&](const std::string& name, const std::string& body, Poco::Zip::ZipCommon::CompressionMethod method) {
        std::istringstream in(body);
        compress.addFile(in, when, Poco::Path(name, Poco::Path::PATH_UNIX), method);
    };
    // ODF 1.2 part 3, §3.3: `mimetype` first, stored.
    add("mimetype", media_type, Poco::Zip::ZipCommon::CM_STORE);
    add("META-INF/manifest.xml", manifest_xml(media_type, parts), Poco::Zip::ZipCommon::CM_DEFLATE);
    for (const auto& [name, xml] : parts) add(name, xml, Poco::Zip::ZipCommon::CM_DEFLATE);
    compress.close();
    return zip.str();
}

}  // namespace coopdec
