// @brief The dossier as an OpenDocument text (.odt), the file trainers edit
// in LibreOffice Writer or Word. Pure: passages in, file bytes out; no
// index, no request.
#pragma once

#include <string>
#include <vector>

#include "search/dossier.h"

namespace coopdec::pages {

// The .odt file (a zip, ODF 1.2): `mimetype` first, stored uncompressed
// (« application/vnd.oasis.opendocument.text »), then META-INF/manifest.xml,
// content.xml, styles.xml and meta.xml. content.xml holds the title
// (`title`, « Dossier de formation » when empty), the date (`date`,
// YYYY-MM-DD, written in French; "" = none) and the number of passages, the
// demonstration warning when a passage needs it, the contents (each
// passage's title, linked to it), then per passage: its title
// (passage_title, a level-2 heading), « Document de démonstration » and
// its notice when it applies, its text as a quotation (one paragraph per
// line), its citation lines, its permalink as a hyperlink (`public_url`
// then the passage's path: absolute when `public_url` is), and the
// trainer's note. Every text goes through html_escape (the XML escaper);
// control characters other than line breaks are dropped (XML 1.0 cannot
// hold them). Never throws for any input strings (std::bad_alloc aside).
std::string dossier_odt(const std::vector<DossierPassage>& passages, const std::string& title,
                        const std::string& public_url, const std::string& date = {});

// A file name for the download: « dossier-atelier-kara.odt » from the
// title (letters folded to ASCII, lower case, runs of anything else as one
// « - », at most 60 characters), « dossier.odt » when nothing is left.
std::string odt_file_name(const std::string& title);

}  // namespace coopdec::pages
