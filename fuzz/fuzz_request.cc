// @brief libFuzzer target: a request target as the server receives it →
// parse_target (server/http.h) → apply_parameter (search/request.h) →
// search() on an in-memory index of the bundled corpus, whose query goes
// through parse_query (search/query_parser.h) → the JSON result. The same
// steps as the server's /api/search and /recherche routes, without sockets.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

#include "common/escape.h"
#include "common/schema.h"
#include "indexer/document.h"
#include "indexer/extract.h"
#include "indexer/gazetteer.h"
#include "search/query_parser.h"
#include "search/request.h"
#include "search/result_json.h"
#include "search/search.h"
#include "search/synonyms.h"
#include "server/http.h"

namespace {

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "coopdec fuzz: invariant broken: %s\n", what.c_str());
    std::abort();
}

void check_utf8(const std::string& text, const char* what) {
    if (!coopdec::valid_utf8(text)) fail(std::string("invalid UTF-8 in ") + what);
}

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The bundled corpus, extracted and indexed in memory once per process, as
// coopdec-index would (without the pages: search does not read them).
struct FuzzIndex {
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    coopdec::Synonyms synonyms;
    std::vector<std::string> langs;

    FuzzIndex() {
        const std::filesystem::path corpus = std::filesystem::path(COOPDEC_SOURCE_DIR) / "corpus";
        std::vector<coopdec::Record> records;
        coopdec::Gazetteer gazetteer;
        coopdec::PartnershipMap partnerships;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
            if (!entry.is_regular_file() || entry.path().extension() != ".xml") continue;
            coopdec::Extraction ex = coopdec::extract(slurp(entry.path()), entry.path().string());
            if (!ex.ok) continue;
            if (ex.record.type == "repertoire") gazetteer.add(ex.record);
            if (ex.record.type == "partenariat") partnerships[ex.record.id] = ex.record;
            records.push_back(std::move(ex.record));
        }
        if (records.empty()) fail("no corpus under " + corpus.string());
        std::set<std::string> lang_set;
        for (const coopdec::Record& r : records) {
            coopdec::DocContext ctx = coopdec::resolve_context(r, gazetteer, partnerships);
            for (auto& u : coopdec::build_documents(r, ctx, "fuzz:" + r.id)) db.replace_document(u.id_term, u.document);
            if (!r.lang.empty()) lang_set.insert(r.lang);
        }
        std::string l;
        for (const auto& x : lang_set) l += (l.empty() ? "" : " ") + x;
        db.set_metadata(std::string(coopdec::schema::kLanguagesKey), l);
        db.set_metadata(std::string(coopdec::schema::kSchemaKey), std::string(coopdec::schema::kSchemaVersion));
        langs.assign(lang_set.begin(), lang_set.end());
        synonyms = coopdec::Synonyms::parse(slurp(corpus / "synonymes.txt"));
    }
};

FuzzIndex& index() {
    static FuzzIndex* idx = new FuzzIndex;  // never freed: lives as long as the fuzzer
    return *idx;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    index();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace coopdec;
    const std::string_view target(reinterpret_cast<const char*>(data), size);
    std::string path;
    http::Params params;
    if (auto err = http::parse_target(target, path, params)) {
        if (err->status != 400 && err->status != 414) fail("parse_target: status " + std::to_string(err->status));
        check_utf8(err->message, "parse_target message");
        return 0;
    }

    // What parse_target promises of what it accepts.
    if (path.empty() || path[0] != '/') fail("path not absolute");
    check_utf8(path, "path");
    if (path.find('\\') != std::string::npos || path.find('\0') != std::string::npos) fail("\\ or NUL in path");
    if (("/" + path + "/").find("/../") != std::string::npos || ("/" + path + "/").find("/./") != std::string::npos)
        fail("dot segment in path: " + path);
    if (params.size() > http::kMaxParams) fail("too many parameters");
    for (const auto& [name, value] : params) {
        check_utf8(name, "parameter name");
        check_utf8(value, "parameter value");
    }
    // encode_params and parse_target are inverses: the links the pages
    // build from a request give that request back.
    const std::string encoded = "/?" + http::encode_params(params);
    if (encoded.size() <= http::kMaxTargetBytes) {
        std::string path2;
        http::Params params2;
        if (auto err = http::parse_target(encoded, path2, params2)) fail("re-encoded target refused: " + err->message);
        if (params2 != params) fail("parameters changed by encode_params: " + encoded);
    }

    // The search request, as the /recherche and /api/search handlers build it.
    FuzzIndex& idx = index();
    SearchRequest request;
    for (const auto& [name, value] : params) {
        if (name == "format") continue;
        if (auto err = apply_parameter(request, name, value)) {
            check_utf8(err->message, "apply_parameter message");
            return 0;
        }
    }
    // The query parser on its own, on what validate() lets through: it
    // must not throw on any such text.
    if (request.query.size() <= kMaxQueryBytes && valid_utf8(request.query))
        (void)parse_query(request.query, idx.langs, &idx.synonyms);
    try {
        SearchResult result = search(Index(idx.db), request, &idx.synonyms);
        check_utf8(to_json(result), "JSON result");
    } catch (const SearchError& e) {
        check_utf8(e.message, "search error message");
    } catch (const Xapian::Error& e) {
        // The server would answer 500: user input must never get there.
        fail(std::string("Xapian::Error ") + e.get_type() + ": " + e.get_msg());
    }
    return 0;
}
