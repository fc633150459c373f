// @brief Windows-1252, the code page Windows editors write French in: the
// character of each byte.
#pragma once

namespace coopdec::textio {

// The character Windows-1252 gives byte b. Outside 0x80..0x9F it is
// Latin-1's: the byte's own value. Inside, the code page's own characters
// (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ), and 0 for the five
// bytes it leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D): each caller says
// how it reads those. Pure function.
char32_t cp1252_char(unsigned char b);

}  // namespace coopdec::textio
