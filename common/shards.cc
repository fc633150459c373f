// @brief Shard naming, routing and stub files.
#include "common/shards.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace coopdec::shards {
namespace {

bool is_port(const std::string& s) {
    if (s.empty() || s.size() > 5) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    int n = std::atoi(s.c_str());
    return n > 0 && n < 65536;
}

}  // namespace

std::string folder_name(std::size_t i) { return "shard-" + std::to_string(i); }

std::size_t shard_of(std::string_view id, std::size_t n) {
    // FNV-1a: simple, spreads short ids well, and std::hash promises no
    // stability across versions or machines.
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : id) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return n == 0 ? 0 : static_cast<std::size_t>(h % n);
}

std::string stub_text(std::size_t n) {
    std::string out = "# coopdec : index en " + std::to_string(n) +
                      " fragments, écrit par coopdec-index --shards (format des « stubs » de Xapian)\n";
    for (std::size_t i = 0; i < n; ++i) out += "auto " + folder_name(i) + "\n";
    return out;
}

std::string StubEntry::name() const {
    if (kind == Kind::local) return path;
    return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ':' + std::to_string(port);
}

std::vector<StubEntry> read_stub(const std::string& stub_path) {
    std::ifstream in(stub_path);
    if (!in) throw std::runtime_error(stub_path + " : fichier de fragments illisible");
    const fs::path base = fs::path(stub_path).parent_path();
    std::vector<StubEntry> out;
    std::string line;
    for (unsigned no = 1; std::getline(in, line); ++no) {
        if (line.empty() || line[0] == '#') continue;
        auto bad = [&](const std::string& why) {
            return std::runtime_error(stub_path + ":" + std::to_string(no) + ": " + why);
        };
        // As Xapian: the type up to the first space, the rest as it is.
        const size_t space = line.find(' ');
        const std::string type = line.substr(0, space);
        const std::string rest = space == std::string::npos ? std::string() : line.substr(space + 1);
        StubEntry e;
        e.line = no;
        if (type == "auto" || type == "glass") {
            if (rest.empty()) throw bad("chemin manquant après « " + type + " »");
            fs::path p(rest);
            e.path = (p.is_relative() ? base / p : p).lexically_normal().string();
        } else if (type == "remote") {
            if (!rest.empty() && rest[0] == ':')
                throw bad(
                    "« remote :PROGRAMME » ferait lancer un programme, ce que coopdec refuse ; "
                    "pour un fragment servi par xapian-tcpsrv, écrivez « remote HÔTE:PORT »");
            const size_t colon = rest.rfind(':');
            if (colon == std::string::npos || !is_port(rest.substr(colon + 1)))
                throw bad("« remote » attend HÔTE:PORT (un port de 1 à 65535), pas « " + rest + " »");
            e.kind = StubEntry::Kind::remote;
            e.host = rest.substr(0, colon);
            if (e.host.size() >= 2 && e.host.front() == '[' && e.host.back() == ']')
                e.host = e.host.substr(1, e.host.size() - 2);
            if (e.host.empty()) throw bad("« remote » attend HÔTE:PORT : l'hôte manque");
            e.port = static_cast<unsigned>(std::atoi(rest.c_str() + colon + 1));
        } else {
            throw bad("ligne non comprise : « auto CHEMIN », « glass CHEMIN » ou « remote HÔTE:PORT » attendu");
        }
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace coopdec::shards
