// @brief The stored views of a document (its source XML, its rendered HTML) as the index keeps them: compressed.
//
// Format of a packed value: one format byte (kFormatZlib), the length of the
// text in bytes as an unsigned LEB128 number (7 bits a byte, low bits first,
// at most 10 bytes), then the text as one zlib stream (RFC 1950: its Adler-32
// checks what it inflates to). The empty text packs to the empty value, so
// that writing it removes a metadata entry as before and "the value is
// empty" still means "no view", read without inflating anything.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace coopdec::stored_blob {

// The first byte of every non-empty packed value. A byte no XML or HTML text
// starts with (a control character XML 1.0 forbids), so that a view written
// uncompressed is told apart at once.
inline constexpr char kFormatZlib = '\x01';

// The largest text packed or unpacked, in bytes: 256 Mio, eight times the
// indexer's largest source file (kMaxDocumentBytes, 32 Mo). unpack() never
// allocates more than this, whatever a value announces.
inline constexpr std::size_t kMaxBytes = std::size_t{256} << 20;

// zlib's compression level for pack(): 1, the fastest. On the generated
// corpus of 5,000 documents, level 6 packs the views 5.7 % smaller for 1.6
// times the CPU time (bench/RESULTS.md, « Stored views »).
inline constexpr int kLevel = 1;

// A value that is not a packed text: another format, truncated, corrupt,
// over the size limit. what() says it in French, starting with
// « vue enregistrée ».
struct Error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// `text` packed ("" for ""). Throws Error for a text over `limit` bytes.
std::string pack(std::string_view text, std::size_t limit = kMaxBytes);

// The text `stored` holds ("" for ""). Throws Error when `stored` is not a
// packed value, is truncated or corrupt, or announces more than `limit`
// bytes; never allocates more than `limit` bytes for the text.
std::string unpack(std::string_view stored, std::size_t limit = kMaxBytes);

// The length of the text `stored` holds, read from its header alone (0 for
// ""). Throws Error as unpack() for a bad header.
std::size_t unpacked_size(std::string_view stored, std::size_t limit = kMaxBytes);

}  // namespace coopdec::stored_blob
