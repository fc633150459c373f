// @brief The known ways French text gets mis-decoded (families of
// "mojibake"), as tables from a garbled string to the character it stood for.
#pragma once

#include <string>
#include <vector>

namespace coopdec::textio {

// One way of mis-decoding: every French character it garbles, with what it
// turns into. Built once from the code pages, never edited by hand except
// where a family documents an observed exception.
struct MojibakeFamily {
    std::string name;         // short id, stable: "utf8-latin1", "mac-decale", ...
    std::string description;  // French, shown in the reports
    struct Entry {
        std::string garbled;   // UTF-8; never plain ASCII
        std::string original;  // UTF-8, one character
    };
    std::vector<Entry> entries;  // longest garbled strings first
};

// The families the repair knows, in the order it prefers them when two give
// a known reading with as many changes:
//  - "utf8-latin1": UTF-8 bytes read as Windows-1252 or Latin-1 (« Ã© » for é,
//    « â€™ » for ’);
//  - "mac-decale": a PDF font whose codes are the Mac Roman code of the
//    character plus 0x20, read as Latin-1 (« v®ritable », « ¨ » for à; ’ and œ
//    come out at plus 0x1F: « aujourdôhui », « îuvre »), the study's seed;
//  - "mac-windows": Mac Roman bytes read as Windows-1252 (« dŽcision »);
//  - "windows-mac": Windows-1252 bytes read as Mac Roman (« dÈcision »).
const std::vector<MojibakeFamily>& mojibake_families();

// True when the UTF-8 character c (one code point) is a letter of French
// words: a–z, A–Z and the accented letters and ligatures of French. A
// garbled string made only of such letters can be genuine text (« ô »,
// « È »); one with another character (« ® », « Ã© ») rarely is.
bool is_french_letter(char32_t c);

}  // namespace coopdec::textio
