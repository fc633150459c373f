// @brief Random tokens and their stored digest (see secret.h).
#include "store/secret.h"

#include <stdexcept>
#include <vector>

#include <sodium.h>

namespace coopdec::store {

void sodium_ready() {
    // sodium_init() is itself safe to call from several threads; a static
    // keeps the check to once.
    static const int status = sodium_init();
    if (status < 0) throw std::runtime_error("libsodium : initialisation impossible");
}

namespace {

std::string to_hex(const unsigned char* p, size_t n) {
    std::string out(2 * n + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), p, n);
    out.pop_back();
    return out;
}

}  // namespace

std::string random_secret(size_t bytes) {
    sodium_ready();
    std::vector<unsigned char> buf(bytes);
    randombytes_buf(buf.data(), buf.size());
    std::string hex = to_hex(buf.data(), buf.size());
    sodium_memzero(buf.data(), buf.size());
    return hex;
}

bool valid_secret(std::string_view token) {
    if (token.size() != 64) return false;
    for (char c : token)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

std::string secret_digest(std::string_view token) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
    return to_hex(digest, sizeof digest);
}

}  // namespace coopdec::store
