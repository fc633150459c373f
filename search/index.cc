// @brief Index: shards opened one by one and combined, their stub read as
// Xapian reads it.
#include "search/index.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string_view>

#include "common/schema.h"
#include "search/search.h"

namespace fs = std::filesystem;

namespace coopdec {
namespace {

namespace sc = schema;
using shards::StubEntry;

// A Xapian error as the operator can read it: its class and message.
std::string described(const Xapian::Error& e) { return std::string(e.get_type()) + " : " + e.get_msg(); }

bool is_single_file_database(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[9] = {};
    in.read(magic, sizeof magic);
    return in && std::string_view(magic, sizeof magic) == std::string_view("\x0f\x0dXapian ", 9);
}

}  // namespace

std::string IndexRevision::key() const {
    std::string k = uuids + '/';
    for (size_t i = 0; i < revs.size(); ++i) k += (i ? "," : "") + std::to_string(revs[i]);
    return k;
}

bool IndexRevision::before(const IndexRevision& other) const {
    if (uuids != other.uuids || revs.size() != other.revs.size()) return false;
    bool later = false;
    for (size_t i = 0; i < revs.size(); ++i) {
        if (other.revs[i] < revs[i]) return false;
        later = later || other.revs[i] > revs[i];
    }
    return later;
}

Index::Index(Xapian::Database db) {
    shards_.push_back(std::move(db));
    names_.emplace_back("index");
    combine();
}

void Index::combine() {
    all_ = Xapian::Database();
    // add_database shares each shard's internals: reopening the combined
    // database reopens the shards as this class holds them.
    for (const auto& s : shards_) all_.add_database(s);
}

Index Index::open(const std::string& path, unsigned remote_timeout_ms) {
    Index index;
    std::error_code ec;
    std::string stub;
    // A file is a stub, unless it is a single-file database
    // (xapian-compact --single-file), which starts with Xapian's magic.
    if (fs::is_regular_file(path, ec) && !is_single_file_database(path))
        stub = path;
    else if (fs::is_regular_file(fs::path(path) / shards::kStubName, ec))
        stub = (fs::path(path) / shards::kStubName).string();

    if (stub.empty()) {
        try {
            index.shards_.emplace_back(path);
        } catch (const Xapian::Error& e) {
            throw SearchError{"index introuvable ou illisible : " + path + " (" + e.get_msg() + ")"};
        }
        index.names_.push_back(path);
    } else {
        std::vector<StubEntry> entries;
        try {
            entries = shards::read_stub(stub);
        } catch (const std::runtime_error& e) {
            throw SearchError{e.what()};
        }
        if (entries.empty()) throw SearchError{stub + " : aucun fragment d'index n'y est listé"};
        for (const StubEntry& e : entries) {
            try {
                if (e.kind == StubEntry::Kind::local) {
                    index.shards_.emplace_back(e.path);
                } else {
                    index.shards_.push_back(Xapian::Remote::open(e.host, e.port, remote_timeout_ms, remote_timeout_ms));
                    index.has_remote_ = true;
                }
            } catch (const Xapian::Error& x) {
                std::string why = "fragment d'index injoignable ou illisible : " + e.name() + " (" + stub + ":" +
                                  std::to_string(e.line) + ", " + described(x) + ")";
                if (e.kind == StubEntry::Kind::remote) throw ShardUnreachable{{why}};
                throw SearchError{why};
            }
            index.names_.push_back(e.name());
        }
    }
    for (size_t i = 0; i < index.shards_.size(); ++i) {
        std::string v;
        bool no_document = false;
        try {
            v = index.shards_[i].get_metadata(std::string(sc::kSchemaKey));
            no_document = index.shards_[i].get_doccount() == 0;
        } catch (const Xapian::NetworkError& e) {
            throw ShardUnreachable{{"fragment d'index injoignable : " + index.names_[i] + " (" + described(e) + ")"}};
        } catch (const Xapian::Error& e) {
            throw SearchError{"fragment d'index illisible : " + index.names_[i] + " (" + described(e) + ")"};
        }
        // No version and no document: not an index of another schema, an
        // index no run has committed to yet.
        if (v.empty() && no_document) throw IndexEmpty{{index.names_[i] + " : " + kIndexEmpty, kIndexEmpty}};
        if (v != sc::kSchemaVersion)
            throw SearchError{"l'index " + index.names_[i] + " est au schéma « " + v + " », attendu « " +
                              std::string(sc::kSchemaVersion) + " » : réindexez le corpus"};
    }
    index.combine();
    return index;
}

std::string Index::shard_names() const {
    std::string out;
    for (const auto& n : names_) out += (out.empty() ? "" : ", ") + n;
    return out;
}

std::string Index::document_metadata(const std::string& id, std::string_view key) const {
    const std::string term = sc::id_term(id);
    Xapian::PostingIterator p = all_.postlist_begin(term);
    if (p == all_.postlist_end(term)) return {};
    // Xapian numbers the documents of n shards in turn: combined docid d is
    // document (d - 1) / n + 1 of shard (d - 1) % n.
    const size_t shard = (*p - 1) % shards_.size();
    return shards_[shard].get_metadata(std::string(key));
}

std::vector<std::string> Index::shard_uuids() const {
    std::vector<std::string> out;
    for (const auto& s : shards_) out.push_back(s.get_uuid());
    return out;
}

std::vector<std::string> Index::metadata_of_shards(std::string_view key) const {
    std::vector<std::string> out;
    for (const auto& s : shards_) out.push_back(s.get_metadata(std::string(key)));
    return out;
}

std::optional<IndexRevision> Index::revision() const {
    if (has_remote_) return std::nullopt;
    IndexRevision r;
    for (const auto& s : shards_) {
        r.uuids += s.get_uuid();
        r.revs.push_back(s.get_revision());
    }
    return r;
}

void Index::reopen() { all_.reopen(); }

}  // namespace coopdec
