// @brief Argon2id hashing and the password policy (see passwords.h).
#include "store/passwords.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <semaphore>
#include <stdexcept>

#include <sodium.h>

#include "store/secret.h"

namespace coopdec::store {
namespace {

std::counting_semaphore<kConcurrentHashes>& hash_slots() {
    static std::counting_semaphore<kConcurrentHashes> slots(kConcurrentHashes);
    return slots;
}

// One of the kConcurrentHashes slots, released on every return.
struct HashSlot {
    HashSlot() { hash_slots().acquire(); }
    ~HashSlot() { hash_slots().release(); }
};

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// "Password123!!" → "password": what people add to a word to pass a rule.
std::string core_of(std::string_view s) {
    std::string out = lower_ascii(s);
    while (!out.empty() && !std::isalpha(static_cast<unsigned char>(out.back())) &&
           static_cast<unsigned char>(out.back()) < 0x80)
        out.pop_back();
    return out;
}

}  // namespace

std::string hash_password(std::string_view password) {
    sodium_ready();
    HashSlot slot;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), kArgonPasses, kArgonMemoryBytes,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("Argon2id : mémoire insuffisante pour calculer l'empreinte du mot de passe");
    return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
    sodium_ready();
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    HashSlot slot;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool needs_rehash(const std::string& hash) {
    sodium_ready();
    return crypto_pwhash_str_needs_rehash(hash.c_str(), kArgonPasses, kArgonMemoryBytes) != 0;
}

namespace {

std::unordered_set<std::string> load_common() {
    std::unordered_set<std::string> out;
    std::ifstream in(kCommonPasswordsFile);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line.rfind("#!comment:", 0) == 0) continue;
        out.insert(lower_ascii(line));
    }
    return out;
}

}  // namespace

const std::unordered_set<std::string>& common_passwords() {
    static const std::unordered_set<std::string> list = load_common();
    return list;
}

bool common_passwords_available() { return !common_passwords().empty(); }

std::optional<size_t> utf8_length(std::string_view s) {
    size_t n = 0;
    for (size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > s.size()) return std::nullopt;
        for (size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return std::nullopt;
        i += len;
        ++n;
    }
    return n;
}

std::optional<std::string> password_problem(std::string_view password, std::string_view login,
                                            const std::unordered_set<std::string>& common) {
    std::optional<size_t> chars = utf8_length(password);
    if (!chars) return std::string("mot de passe illisible : caractères invalides");
    if (std::any_of(password.begin(), password.end(), [](char c) {
            auto u = static_cast<unsigned char>(c);
            return u < 0x20 || u == 0x7f;
        }))
        return std::string("le mot de passe ne peut pas contenir de caractère de contrôle");
    if (*chars < kMinPasswordChars)
        return "mot de passe trop court : au moins " + std::to_string(kMinPasswordChars) + " caractères (ici " +
               std::to_string(*chars) + ")";
    if (*chars > kMaxPasswordChars)
        return "mot de passe trop long : au plus " + std::to_string(kMaxPasswordChars) + " caractères";
    // One character repeated: compare the first character's bytes along the string.
    auto lead = static_cast<unsigned char>(password[0]);
    size_t first = lead < 0x80 ? 1 : (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3 : 4;
    bool repeated = password.size() % first == 0;
    for (size_t i = first; repeated && i < password.size(); i += first)
        repeated = password.compare(i, first, password.substr(0, first)) == 0;
    if (repeated) return std::string("mot de passe trop simple : un seul caractère répété");
    const std::string core = core_of(password);
    const std::string whole = lower_ascii(password);
    if (whole == lower_ascii(login) || (!login.empty() && core == lower_ascii(login)))
        return std::string("le mot de passe ne peut pas être votre identifiant");
    if (core == "coopdec" || whole == "coopdec") return std::string("le mot de passe ne peut pas être le nom du site");
    if (common.count(whole) || (!core.empty() && common.count(core)))
        return std::string("mot de passe trop courant : il figure dans une liste des mots de passe les plus employés");
    return std::nullopt;
}

}  // namespace coopdec::store
