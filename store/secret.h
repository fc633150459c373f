// @brief Secrets of the accounts: random tokens (session ids, CSRF tokens,
// set-up links) from libsodium's CSPRNG, and the digest under which a
// token is stored, so that a copy of the database opens no session.
#pragma once

#include <string>
#include <string_view>

namespace coopdec::store {

// Initialises libsodium once (thread-safe; later calls do nothing). Throws
// std::runtime_error when it cannot (no randomness source).
void sodium_ready();

// `bytes` random bytes (randombytes_buf) as 2 × `bytes` lowercase hex
// digits. Session ids and set-up links use 32 bytes: 256 bits.
std::string random_secret(size_t bytes = 32);

// True for 64 lowercase hex digits (what random_secret(32) makes): anything
// else is refused before reaching the database.
bool valid_secret(std::string_view token);

// SHA-256 of `token` as 64 hex digits: what the database keeps of a
// session id or a set-up link. A 256-bit random token needs no salt nor a
// slow hash: it cannot be guessed from its digest.
std::string secret_digest(std::string_view token);

}  // namespace coopdec::store
