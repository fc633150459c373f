// @brief The dossier store (see dossier_store.h).
#include "server/dossier_store.h"

#include <sys/random.h>

#include <cerrno>
#include <set>
#include <stdexcept>

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

namespace coopdec {
namespace {

// The schema. `passages` caches the count for the page header's « Dossier
// (N) »: one indexed read, no join. Positions are 0-based and dense.
const char* kSchema =
    "CREATE TABLE IF NOT EXISTS dossiers ("
    "  id INTEGER PRIMARY KEY,"
    "  share TEXT NOT NULL UNIQUE,"
    "  edit_hash TEXT NOT NULL UNIQUE,"
    "  title TEXT NOT NULL DEFAULT '',"
    "  passages INTEGER NOT NULL DEFAULT 0,"
    "  created INTEGER NOT NULL,"
    "  used INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS dossiers_used ON dossiers(used);"
    "CREATE INDEX IF NOT EXISTS dossiers_created ON dossiers(created);"
    "CREATE TABLE IF NOT EXISTS passages ("
    "  dossier INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  ref TEXT NOT NULL,"
    "  note TEXT NOT NULL DEFAULT '',"
    "  PRIMARY KEY (dossier, position));";

// A day: how often the « opened » time of a dossier is written (so that a
// reading is not a disk write each time; expiry counts in days anyway).
constexpr int64_t kDay = 86400;

std::string sha256_hex(const std::string& s) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(s);
    return Poco::DigestEngine::digestToHex(engine.digest());
}

size_t utf8_chars(const std::string& s) {
    size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

bool has_control(const std::string& s, bool allow_newlines) {
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (allow_newlines && (c == '\n' || c == '\t')) continue;
        if (u < 0x20 || u == 0x7f) return true;
    }
    return false;
}

std::string thousands(size_t n) {
    std::string s = std::to_string(n);
    for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), "\u202f");
    return s;
}

}  // namespace

std::string random_token() {
    unsigned char bytes[16];
    size_t got = 0;
    while (got < sizeof bytes) {
        ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw std::runtime_error("getrandom : aucune source d'aléa disponible");
        }
        got += static_cast<size_t>(n);
    }
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        out += hex[b >> 4];
        out += hex[b & 15];
    }
    return out;
}

bool valid_token(const std::string& token) {
    return token.size() == 32 && token.find_first_not_of("0123456789abcdef") == std::string::npos;
}

std::optional<DossierError> check_stored_limits(const Dossier& d, const StoreLimits& limits) {
    if (utf8_chars(d.title) > limits.max_title_chars)
        return DossierError{400, "titre trop long : au plus " + thousands(limits.max_title_chars) + " caractères"};
    if (has_control(d.title, false)) return DossierError{400, "titre invalide : caractère de contrôle"};
    if (d.entries.size() > limits.max_entries)
        return DossierError{400, "trop de passages (" + std::to_string(d.entries.size()) +
                                     ") : un dossier en contient au plus " + thousands(limits.max_entries)};
    size_t bytes = d.title.size();
    std::set<std::string> seen;
    for (size_t i = 0; i < d.entries.size(); ++i) {
        const DossierEntry& e = d.entries[i];
        const std::string ref = entry_ref(e);
        auto parsed = parse_entry_ref(ref);
        if (auto* err = std::get_if<DossierError>(&parsed)) return *err;
        if (!seen.insert(ref).second)
            return DossierError{400, "passage « " + ref + " » présent deux fois dans le dossier"};
        size_t chars = utf8_chars(e.note);
        if (chars > limits.max_note_chars)
            return DossierError{400, "la note du passage " + std::to_string(i + 1) + " est trop longue (" +
                                         thousands(chars) + " caractères) : une note en contient au plus " +
                                         thousands(limits.max_note_chars) +
                                         " ; raccourcissez-la, le texte est resté dans le formulaire"};
        if (has_control(e.note, true))
            return DossierError{400,
                                "la note du passage " + std::to_string(i + 1) + " contient un caractère de contrôle"};
        bytes += ref.size() + e.note.size();
    }
    if (bytes > limits.max_dossier_bytes)
        return DossierError{413, "dossier trop volumineux (" + thousands(bytes) + " octets) : au plus " +
                                     thousands(limits.max_dossier_bytes) + " octets, titre et notes compris"};
    return std::nullopt;
}

DossierStore::DossierStore(const std::string& folder, StoreLimits limits)
    : limits_(limits), db_(folder + "/" + kStateFile) {
    db_.exec(kSchema);
}

void DossierStore::write_entries(int64_t id, const Dossier& d) {
    db_.prepare("DELETE FROM passages WHERE dossier = ?").bind(1, id).run();
    auto insert = db_.prepare("INSERT INTO passages (dossier, position, ref, note) VALUES (?, ?, ?, ?)");
    for (size_t i = 0; i < d.entries.size(); ++i) {
        insert.bind(1, id).bind(2, static_cast<int64_t>(i)).bind(3, entry_ref(d.entries[i])).bind(4, d.entries[i].note);
        insert.run();
    }
}

std::variant<NewDossier, DossierError> DossierStore::create(const Dossier& d, int64_t now) {
    if (auto err = check_stored_limits(d, limits_)) return *err;
    std::lock_guard lock(mutex_);
    sqlite::Transaction t(db_);
    db_.prepare("DELETE FROM dossiers WHERE used < ?").bind(1, now - limits_.expiry_days * kDay).run();
    auto recent = db_.prepare("SELECT COUNT(*) FROM dossiers WHERE created > ?");
    recent.bind(1, now - 3600);
    recent.step();
    if (static_cast<size_t>(recent.integer(0)) >= limits_.max_created_per_hour)
        return DossierError{429, "trop de dossiers créés sur ce serveur depuis une heure : réessayez plus tard"};
    auto total = db_.prepare("SELECT COUNT(*) FROM dossiers");
    total.step();
    if (static_cast<size_t>(total.integer(0)) >= limits_.max_dossiers)
        return DossierError{503, "le serveur conserve déjà le nombre maximal de dossiers (" +
                                     thousands(limits_.max_dossiers) +
                                     ") : réessayez plus tard ou prévenez son administrateur"};
    NewDossier out{random_token(), random_token()};
    db_.prepare("INSERT INTO dossiers (share, edit_hash, title, passages, created, used) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, out.share)
        .bind(2, sha256_hex(out.edit_key))
        .bind(3, d.title)
        .bind(4, static_cast<int64_t>(d.entries.size()))
        .bind(5, now)
        .bind(6, now)
        .run();
    write_entries(db_.last_insert_rowid(), d);
    t.commit();
    return out;
}

std::optional<StoredDossier> DossierStore::load(const char* column, const std::string& value, int64_t now) {
    std::lock_guard lock(mutex_);
    auto q = db_.prepare(std::string("SELECT id, share, title, created, used FROM dossiers WHERE ") + column + " = ?");
    q.bind(1, value);
    if (!q.step()) return std::nullopt;
    const int64_t id = q.integer(0);
    StoredDossier out;
    out.share = q.text(1);
    out.dossier.title = q.text(2);
    out.created = q.integer(3);
    out.used = q.integer(4);
    q.reset();
    auto entries = db_.prepare("SELECT ref, note FROM passages WHERE dossier = ? ORDER BY position");
    entries.bind(1, id);
    while (entries.step()) {
        auto parsed = parse_entry_ref(entries.text(0));
        // Only checked references are written; one that no longer parses
        // (a rule made stricter) is left out rather than failing the page.
        if (auto* e = std::get_if<DossierEntry>(&parsed)) {
            e->note = entries.text(1);
            out.dossier.entries.push_back(std::move(*e));
        }
    }
    if (now - out.used >= kDay) {
        db_.prepare("UPDATE dossiers SET used = ? WHERE id = ?").bind(1, now).bind(2, id).run();
        out.used = now;
    }
    return out;
}

std::optional<StoredDossier> DossierStore::by_share(const std::string& share, int64_t now) {
    if (!valid_token(share)) return std::nullopt;
    return load("share", share, now);
}

std::optional<StoredDossier> DossierStore::by_edit_key(const std::string& edit_key, int64_t now) {
    if (!valid_token(edit_key)) return std::nullopt;
    return load("edit_hash", sha256_hex(edit_key), now);
}

std::optional<DossierError> DossierStore::save(const std::string& edit_key, const Dossier& d, int64_t now) {
    if (auto err = check_stored_limits(d, limits_)) return err;
    const DossierError unknown{
        403, "clé de modification inconnue : ce dossier n'existe plus ou ce lien ne permet pas de le modifier"};
    if (!valid_token(edit_key)) return unknown;
    std::lock_guard lock(mutex_);
    sqlite::Transaction t(db_);
    auto q = db_.prepare("SELECT id FROM dossiers WHERE edit_hash = ?");
    q.bind(1, sha256_hex(edit_key));
    if (!q.step()) return unknown;
    const int64_t id = q.integer(0);
    q.reset();
    db_.prepare("UPDATE dossiers SET title = ?, passages = ?, used = ? WHERE id = ?")
        .bind(1, d.title)
        .bind(2, static_cast<int64_t>(d.entries.size()))
        .bind(3, now)
        .bind(4, id)
        .run();
    write_entries(id, d);
    t.commit();
    return std::nullopt;
}

std::optional<size_t> DossierStore::count(const std::string& edit_key) {
    if (!valid_token(edit_key)) return std::nullopt;
    std::lock_guard lock(mutex_);
    auto q = db_.prepare("SELECT passages FROM dossiers WHERE edit_hash = ?");
    q.bind(1, sha256_hex(edit_key));
    if (!q.step()) return std::nullopt;
    return static_cast<size_t>(q.integer(0));
}

size_t DossierStore::purge(int64_t now) {
    std::lock_guard lock(mutex_);
    sqlite::Transaction t(db_);
    db_.prepare("DELETE FROM dossiers WHERE used < ?").bind(1, now - limits_.expiry_days * kDay).run();
    size_t n = static_cast<size_t>(db_.changes());
    t.commit();
    return n;
}

size_t DossierStore::size() {
    std::lock_guard lock(mutex_);
    auto q = db_.prepare("SELECT COUNT(*) FROM dossiers");
    q.step();
    return static_cast<size_t>(q.integer(0));
}

}  // namespace coopdec
