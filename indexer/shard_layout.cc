// @brief The index's layout on disk: one database or N shards.
#include "indexer/shard_layout.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/shards.h"

namespace fs = std::filesystem;

namespace coopdec {

std::variant<ShardLayout, std::string> shard_layout(const std::string& path, std::size_t requested) {
    const fs::path dir(path);
    const fs::path stub = dir / shards::kStubName;
    std::error_code ec;
    ShardLayout out;
    if (fs::is_regular_file(stub, ec)) {
        std::vector<shards::StubEntry> entries;
        try {
            entries = shards::read_stub(stub.string());
        } catch (const std::runtime_error& e) {
            return std::string(e.what());
        }
        // Only what coopdec-index wrote: shard-0 … shard-(n-1), in order. A
        // stub with remote shards is for the readers; it is written by hand
        // elsewhere (README, « Plusieurs machines »).
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const fs::path expected = (dir / shards::folder_name(i)).lexically_normal();
            if (entries[i].kind != shards::StubEntry::Kind::local || fs::path(entries[i].path) != expected)
                return stub.string() + ":" + std::to_string(entries[i].line) +
                       ": coopdec-index n'écrit que les fragments « auto " + shards::folder_name(i) +
                       " » de son dossier ; un fichier listant des fragments distants se "
                       "place ailleurs, pour les lecteurs";
        }
        if (entries.empty()) return stub.string() + " : aucun fragment n'y est listé";
        if (requested != 0 && requested != entries.size())
            return path + " : index en " + std::to_string(entries.size()) + " fragments, pas " +
                   std::to_string(requested) +
                   " : le fragment d'un document dépend de leur nombre ; indexez dans un nouveau dossier";
        requested = entries.size();
    } else if (requested == 0) {
        out.databases.push_back(path);
        return out;
    } else if (fs::exists(dir / "iamglass", ec) || fs::exists(dir / "XAPIANDB", ec)) {
        return path +
               " : index d'un seul tenant : il ne peut pas être réparti en fragments ; "
               "indexez dans un nouveau dossier avec --shards";
    }
    for (std::size_t i = 0; i < requested; ++i) out.databases.push_back((dir / shards::folder_name(i)).string());
    out.stub = stub.string();
    return out;
}

std::string write_stub(const ShardLayout& layout) {
    if (layout.stub.empty()) return {};
    const std::string text = shards::stub_text(layout.databases.size());
    {
        std::ifstream in(layout.stub);
        std::ostringstream now;
        now << in.rdbuf();
        if (in && now.str() == text) return {};
    }
    std::error_code ec;
    fs::create_directories(fs::path(layout.stub).parent_path(), ec);
    const std::string tmp = layout.stub + ".nouveau";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) return tmp + " : écriture impossible";
    }
    if (std::rename(tmp.c_str(), layout.stub.c_str()) != 0) return layout.stub + " : écriture impossible";
    return {};
}

}  // namespace coopdec
