// @brief Packs and unpacks the stored views: a format byte, the length, a zlib stream.
#include "common/stored_blob.h"

#include <cstdio>

#include <zlib.h>

namespace coopdec::stored_blob {
namespace {

[[noreturn]] void refuse(const std::string& why) { throw Error("vue enregistrée " + why); }

// "268435456 (256 Mio)"; bytes alone under a Mio.
std::string limit_said(std::size_t bytes) {
    return std::to_string(bytes) + (bytes >> 20 ? " (" + std::to_string(bytes >> 20) + " Mio)" : "");
}

void put_length(std::string& out, std::size_t n) {
    do {
        unsigned char byte = n & 0x7f;
        n >>= 7;
        if (n != 0) byte |= 0x80;
        out += static_cast<char>(byte);
    } while (n != 0);
}

// The header's length; `at` is left on the zlib stream. The shift is
// bounded so that ten bytes of 0xff cannot overflow into a small number.
std::size_t read_header(std::string_view stored, std::size_t limit, std::size_t& at) {
    if (stored[0] != kFormatZlib) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned char>(stored[0]));
        refuse(std::string("illisible : format inconnu (premier octet ") + hex +
               ", attendu 0x01) : l'index a-t-il été écrit par une autre version ? réindexez le corpus");
    }
    std::size_t n = 0;
    at = 1;
    for (unsigned shift = 0;; shift += 7) {
        if (at == stored.size()) refuse("tronquée : en-tête incomplet");
        if (shift > 56) refuse("corrompue : longueur annoncée illisible");
        unsigned char byte = static_cast<unsigned char>(stored[at++]);
        n |= static_cast<std::size_t>(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) break;
    }
    if (n > limit) refuse("trop grande : " + std::to_string(n) + " octets annoncés, au plus " + limit_said(limit));
    if (n == 0) refuse("corrompue : longueur nulle annoncée");
    return n;
}

}  // namespace

std::string pack(std::string_view text, std::size_t limit) {
    if (text.empty()) return {};
    if (text.size() > limit)
        refuse("trop grande pour être enregistrée : " + std::to_string(text.size()) + " octets, au plus " +
               limit_said(limit));
    std::string out(1, kFormatZlib);
    put_length(out, text.size());
    const std::size_t head = out.size();
    uLongf size = compressBound(static_cast<uLong>(text.size()));
    out.resize(head + size);
    int rc = compress2(reinterpret_cast<Bytef*>(out.data() + head), &size, reinterpret_cast<const Bytef*>(text.data()),
                       static_cast<uLong>(text.size()), kLevel);
    if (rc != Z_OK) refuse(rc == Z_MEM_ERROR ? "non compressée : mémoire insuffisante" : "non compressée (zlib)");
    out.resize(head + size);
    return out;
}

std::size_t unpacked_size(std::string_view stored, std::size_t limit) {
    if (stored.empty()) return 0;
    std::size_t at = 0;
    return read_header(stored, limit, at);
}

std::string unpack(std::string_view stored, std::size_t limit) {
    if (stored.empty()) return {};
    std::size_t at = 0;
    const std::size_t n = read_header(stored, limit, at);
    // The text is inflated into exactly the length announced: a stream that
    // would give more stops there instead of growing a buffer.
    std::string text(n, '\0');
    z_stream z{};
    if (inflateInit(&z) != Z_OK) refuse("illisible : mémoire insuffisante");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(stored.data() + at));
    z.avail_in = static_cast<uInt>(stored.size() - at);
    z.next_out = reinterpret_cast<Bytef*>(text.data());
    z.avail_out = static_cast<uInt>(n);
    const int rc = inflate(&z, Z_FINISH);
    const uLong out = z.total_out;
    const uInt left_in = z.avail_in;
    inflateEnd(&z);
    if (rc == Z_MEM_ERROR) refuse("illisible : mémoire insuffisante");
    if (rc != Z_STREAM_END && rc != Z_BUF_ERROR && rc != Z_OK) refuse("corrompue : flux zlib invalide");
    // Not at its end: with input left, the output is full (the text is
    // longer than announced); without, the stream stops short.
    if (rc != Z_STREAM_END) {
        if (left_in != 0) refuse("corrompue : plus longue que les " + std::to_string(n) + " octets annoncés");
        refuse("tronquée : flux zlib incomplet");
    }
    if (out != n)
        refuse("corrompue : " + std::to_string(out) + " octets au lieu des " + std::to_string(n) + " annoncés");
    if (left_in != 0) refuse("corrompue : des octets suivent le flux zlib");
    return text;
}

}  // namespace coopdec::stored_blob
