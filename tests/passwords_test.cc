// @brief Argon2id hashes and the password policy of store/passwords.h.
#include <catch2/catch.hpp>

#include <sodium.h>

#include "store/passwords.h"
#include "store/secret.h"

using namespace coopdec;

TEST_CASE("Argon2id hashes carry the parameters of store/passwords.h and verify", "[passwords]") {
    const std::string hash = store::hash_password("le soleil de Kpalimé");
    CHECK(hash.rfind("$argon2id$v=19$m=65536,t=3,p=1$", 0) == 0);
    CHECK(store::kArgonMemoryBytes >= 19u << 20);  // OWASP's minimum for Argon2id
    CHECK(store::kArgonPasses >= 2);
    CHECK(store::verify_password(hash, "le soleil de Kpalimé"));
    CHECK_FALSE(store::verify_password(hash, "le soleil de Kpalime"));
    CHECK_FALSE(store::verify_password(hash, ""));
    CHECK_FALSE(store::verify_password("", "le soleil de Kpalimé"));
    CHECK_FALSE(store::verify_password("$argon2id$v=19$abimé", "le soleil de Kpalimé"));
    // A fresh salt each time.
    CHECK(store::hash_password("le soleil de Kpalimé") != hash);
    CHECK_FALSE(store::needs_rehash(hash));
    char weaker[crypto_pwhash_STRBYTES];
    REQUIRE(crypto_pwhash_str_alg(weaker, "abc", 3, 2, 19u << 20, crypto_pwhash_ALG_ARGON2ID13) == 0);
    CHECK(store::needs_rehash(weaker));
    CHECK(store::verify_password(weaker, "abc"));
}

TEST_CASE("The password policy refuses short, long, common and guessable passwords, in French", "[passwords]") {
    REQUIRE(store::common_passwords_available());  // Debian's john-data
    const struct {
        const char* password;
        const char* reason;  // "" when accepted
    } cases[] = {
        {"court", "mot de passe trop court : au moins 12 caractères (ici 5)"},
        {"ééééééééééé", "mot de passe trop court : au moins 12 caractères (ici 11)"},  // 22 bytes, 11 characters
        {"aaaaaaaaaaaaaaaa", "mot de passe trop simple : un seul caractère répété"},
        {"éééééééééééééé", "mot de passe trop simple : un seul caractère répété"},
        {"password1234", "mot de passe trop courant : il figure dans une liste des mots de passe les plus employés"},
        {"qwertyuiop2026", "mot de passe trop courant : il figure dans une liste des mots de passe les plus employés"},
        {"Sunshine2026!!", "mot de passe trop courant : il figure dans une liste des mots de passe les plus employés"},
        {"Kofi.Mensah!!", "le mot de passe ne peut pas être votre identifiant"},
        {"Kofi.Mensah2026", "le mot de passe ne peut pas être votre identifiant"},
        {"coopdec", "mot de passe trop court : au moins 12 caractères (ici 7)"},
        {"COOPDEC12345", "le mot de passe ne peut pas être le nom du site"},
        {"tab\tdans le mot", "le mot de passe ne peut pas contenir de caractère de contrôle"},
        {"le soleil de Kpalimé", ""},
        {"Soleil!!!!!!!!", "mot de passe trop courant : il figure dans une liste des mots de passe les plus employés"},
        {"ééééééééééée", ""},  // 12 characters, not all the same
        {"correct horse battery staple", ""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.password);
        auto problem = store::password_problem(c.password, "kofi.mensah");
        CHECK(problem.value_or("") == c.reason);
    }
    CHECK(store::password_problem(std::string(128, 'a') + "b", "x").value() ==
          "mot de passe trop long : au plus 128 caractères");
    CHECK_FALSE(store::password_problem(std::string(127, 'a') + "b", "x"));
    CHECK(store::password_problem("\xff\xfe invalide UTF-8", "x").value() ==
          "mot de passe illisible : caractères invalides");
}

TEST_CASE("Random secrets are 256 bits of hex and stored as their SHA-256", "[passwords]") {
    std::string a = store::random_secret(32), b = store::random_secret(32);
    CHECK(a.size() == 64);
    CHECK(store::valid_secret(a));
    CHECK(a != b);
    CHECK_FALSE(store::valid_secret(a.substr(1)));
    CHECK_FALSE(store::valid_secret(std::string(64, 'G')));
    CHECK(store::secret_digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
