// @brief Builds the mis-decoding tables from the code pages they mix up.
#include "textio/mojibake.h"

#include <algorithm>

#include "common/utf8.h"
#include "textio/cp1252.h"

namespace coopdec::textio {
namespace {

// Mac Roman, bytes 0x80..0xFF, sixteen a row.
// clang-format off
constexpr char32_t kMacRoman[128] = {
    0xC4, 0xC5, 0xC7, 0xC9, 0xD1, 0xD6, 0xDC, 0xE1, 0xE0, 0xE2, 0xE4, 0xE3, 0xE5, 0xE7, 0xE9, 0xE8,
    0xEA, 0xEB, 0xED, 0xEC, 0xEE, 0xEF, 0xF1, 0xF3, 0xF2, 0xF4, 0xF6, 0xF5, 0xFA, 0xF9, 0xFB, 0xFC,
    0x2020, 0xB0, 0xA2, 0xA3, 0xA7, 0x2022, 0xB6, 0xDF, 0xAE, 0xA9, 0x2122, 0xB4, 0xA8, 0x2260, 0xC6, 0xD8,
    0x221E, 0xB1, 0x2264, 0x2265, 0xA5, 0xB5, 0x2202, 0x2211, 0x220F, 0x3C0, 0x222B, 0xAA, 0xBA, 0x3A9, 0xE6, 0xF8,
    0xBF, 0xA1, 0xAC, 0x221A, 0x192, 0x2248, 0x2206, 0xAB, 0xBB, 0x2026, 0xA0, 0xC0, 0xC3, 0xD5, 0x152, 0x153,
    0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0xF7, 0x25CA, 0xFF, 0x178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,
    0x2021, 0xB7, 0x201A, 0x201E, 0x2030, 0xC2, 0xCA, 0xC1, 0xCB, 0xC8, 0xCD, 0xCE, 0xCF, 0xCC, 0xD3, 0xD4,
    0xF8FF, 0xD2, 0xDA, 0xDB, 0xD9, 0x131, 0x2C6, 0x2DC, 0xAF, 0x2D8, 0x2D9, 0x2DA, 0xB8, 0x2DD, 0x2DB, 0x2C7,
};

// The characters of French text a mis-decoding can garble: accented letters,
// ligatures, typographic quotes and dashes, the ellipsis.
constexpr char32_t kFrench[] = {
    0xE0, 0xE2, 0xE4, 0xE7, 0xE9, 0xE8, 0xEA, 0xEB, 0xEE, 0xEF, 0xF4, 0xF6, 0xF9, 0xFB, 0xFC, 0xFF,
    0xC0, 0xC2, 0xC4, 0xC7, 0xC9, 0xC8, 0xCA, 0xCB, 0xCE, 0xCF, 0xD4, 0xD6, 0xD9, 0xDB, 0xDC,
    0x153, 0x152, 0xE6, 0xC6,                  // œ Œ æ Æ
    0x2019, 0x2018, 0x201C, 0x201D, 0xAB, 0xBB,  // ’ ‘ “ ” « »
    0x2026, 0x2013, 0x2014, 0x20AC,            // … – — €
};
// clang-format on

std::string encode(char32_t c) {
    std::string s;
    utf8::append(s, c);
    return s;
}

int mac_byte(char32_t c) {
    for (int i = 0; i < 128; ++i)
        if (kMacRoman[i] == c) return 0x80 + i;
    return -1;
}

int cp1252_byte(char32_t c) {
    if (c >= 0xA0 && c <= 0xFF) return static_cast<int>(c);
    for (int i = 0; i < 32; ++i)
        if (cp1252_char(static_cast<unsigned char>(0x80 + i)) == c) return 0x80 + i;
    return -1;
}

// A byte as Windows-1252 shows it; latin1 = true: as Latin-1 shows it (the
// C1 controls for 0x80..0x9F).
char32_t read_cp1252(unsigned char b, bool latin1) {
    if (b < 0x80 || b >= 0xA0) return b;
    char32_t c = cp1252_char(b);
    return (latin1 || c == 0) ? b : c;
}

void add(MojibakeFamily& f, std::string garbled, char32_t original) {
    std::string o = encode(original);
    if (garbled.empty() || garbled == o) return;
    for (const auto& e : f.entries)
        if (e.garbled == garbled && e.original == o) return;
    f.entries.push_back({std::move(garbled), std::move(o)});
}

MojibakeFamily utf8_latin1() {
    MojibakeFamily f{"utf8-latin1", "UTF-8 lu comme Latin-1 ou Windows-1252", {}};
    for (char32_t c : kFrench) {
        std::string bytes = encode(c);
        for (bool latin1 : {false, true}) {
            std::string g;
            for (unsigned char b : bytes) utf8::append(g, read_cp1252(b, latin1));
            add(f, g, c);
        }
    }
    // « à » is C3 A0: the no-break space A0 is often lost or turned into a
    // plain space, leaving « Ã » alone at the end of the word (« voilÃ »).
    add(f, encode(0xC3), 0xE0);
    return f;
}

MojibakeFamily mac_shifted() {
    MojibakeFamily f{"mac-decale", "police PDF : code Mac Roman décalé de 0x20, lu en Latin-1", {}};
    // Observed in the study's seed: these two come out one code lower than
    // the rest (’ D5 -> ô F4, œ CF -> î EE), and ‘ is left out so that ô has
    // one reading.
    add(f, encode(0xF4), 0x2019);
    add(f, encode(0xEE), 0x153);
    for (char32_t c : kFrench) {
        if (c == 0x2019 || c == 0x153 || c == 0x2018) continue;
        int m = mac_byte(c);
        if (m >= 0 && m + 0x20 <= 0xFF) add(f, encode(static_cast<char32_t>(m + 0x20)), c);
    }
    return f;
}

MojibakeFamily mac_read_as_windows() {
    MojibakeFamily f{"mac-windows", "Mac Roman lu comme Windows-1252", {}};
    for (char32_t c : kFrench) {
        int m = mac_byte(c);
        if (m >= 0) add(f, encode(read_cp1252(static_cast<unsigned char>(m), false)), c);
    }
    return f;
}

MojibakeFamily windows_read_as_mac() {
    MojibakeFamily f{"windows-mac", "Windows-1252 lu comme Mac Roman", {}};
    for (char32_t c : kFrench) {
        int b = cp1252_byte(c);
        if (b >= 0x80) add(f, encode(kMacRoman[b - 0x80]), c);
    }
    return f;
}

std::vector<MojibakeFamily> build() {
    std::vector<MojibakeFamily> all{utf8_latin1(), mac_shifted(), mac_read_as_windows(), windows_read_as_mac()};
    for (auto& f : all)
        std::stable_sort(f.entries.begin(), f.entries.end(),
                         [](const auto& a, const auto& b) { return a.garbled.size() > b.garbled.size(); });
    return all;
}

}  // namespace

const std::vector<MojibakeFamily>& mojibake_families() {
    static const std::vector<MojibakeFamily> families = build();
    return families;
}

bool is_french_letter(char32_t c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
    for (char32_t f : kFrench)
        if (f == c) return f < 0x2000 && f != 0xAB && f != 0xBB;
    return false;
}

}  // namespace coopdec::textio
