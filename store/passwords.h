// @brief Passwords: Argon2id hashes through libsodium (crypto_pwhash_str),
// their verification, and the policy a new password must meet — in French.
//
// The hash parameters are here and nowhere else. They are at or above
// OWASP's Password Storage Cheat Sheet minimum for Argon2id (m=19 MiB, t=2,
// p=1): 64 MiB and 3 passes, p=1 (libsodium's only parallelism), which
// costs about a tenth of a second per hash on one core. A stored hash made
// with other parameters still verifies; needs_rehash() says so, and the
// login rehashes it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace coopdec::store {

inline constexpr unsigned long long kArgonPasses = 3;   // t: crypto_pwhash opslimit
inline constexpr size_t kArgonMemoryBytes = 64u << 20;  // m: 64 MiB (memlimit)
inline constexpr size_t kMinPasswordChars = 12;         // characters, not bytes
inline constexpr size_t kMaxPasswordChars = 128;
// At most this many hashes are computed at once: each holds 64 MiB, and a
// burst of logins must not exhaust the machine's memory.
inline constexpr int kConcurrentHashes = 2;

// Debian's john-data: Openwall's list of the most common passwords (about
// 3,500), read at run time; one per line, '#!comment:' lines skipped.
inline constexpr const char* kCommonPasswordsFile = "/usr/share/john/password.lst";

// The Argon2id hash of `password` in libsodium's encoded form
// ("$argon2id$v=19$m=65536,t=3,p=1$salt$hash"), with a fresh random salt.
// Throws std::runtime_error when the memory cannot be had. The password is
// never logged nor kept.
std::string hash_password(std::string_view password);

// True when `password` matches `hash` (constant time); false for an empty
// or malformed hash.
bool verify_password(const std::string& hash, std::string_view password);

// True when `hash` was made with other parameters than the ones above.
bool needs_rehash(const std::string& hash);

// The common passwords, lowercased; loaded once from kCommonPasswordsFile
// (an empty set when the file is missing: common_passwords_available()
// then says false, and the programs warn at start).
const std::unordered_set<std::string>& common_passwords();
bool common_passwords_available();

// nullopt when `password` may be chosen by the account `login`, else the
// French reason: fewer than 12 or more than 128 characters (UTF-8
// characters counted), invalid UTF-8 or a control character, one character
// repeated, the login itself or « coopdec » (case aside, trailing digits
// and punctuation aside), or a common password (same folding).
std::optional<std::string> password_problem(std::string_view password, std::string_view login,
                                            const std::unordered_set<std::string>& common = common_passwords());

// The number of UTF-8 characters of `s`, or nullopt when it is not valid UTF-8.
std::optional<size_t> utf8_length(std::string_view s);

}  // namespace coopdec::store
