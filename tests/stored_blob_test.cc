// @brief The stored sources packed: the codec's round trip, refusals and size limit; an index's sources packed,
// served exactly as indexed, and the pages rendered from them (server/page_views.h) as from the file.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <string>

#include "common/schema.h"
#include "common/stored_blob.h"
#include "indexer/extract.h"
#include "indexer/render.h"
#include "indexer/source_file.h"
#include "search/document.h"
#include "search/index.h"
#include "search/synonyms.h"
#include "server/metrics.h"
#include "server/page_views.h"
#include "server/router.h"
#include "tests/temp_index.h"
#include "tests/test_util.h"

using namespace coopdec;
namespace blob = coopdec::stored_blob;

namespace {

// French text with accents and typographic marks, repeated to `bytes`.
std::string french_text(std::size_t bytes) {
    const std::string line =
        "Article 46 – La coopération décentralisée est encouragée entre les communes du Togo et les collectivités "
        "territoriales étrangères (« jumelages »), à l'initiative des élus ; œuvre commune.\n";
    std::string out;
    while (out.size() < bytes) out += line;
    out.resize(bytes);
    return out;
}

// `what`'s message when it throws blob::Error; "(accepté)" otherwise.
template <typename F>
std::string refusal_of(F&& what) {
    try {
        what();
    } catch (const blob::Error& e) {
        return e.what();
    }
    return "(accepté)";
}

// A packed value with its text's length rewritten to `n` (the header is
// the format byte and the LEB128 length, re-encoded).
std::string with_announced_length(const std::string& packed, std::uint64_t n) {
    std::size_t at = 1;
    while (static_cast<unsigned char>(packed[at]) & 0x80) ++at;
    std::string out(1, blob::kFormatZlib);
    do {
        unsigned char b = n & 0x7f;
        n >>= 7;
        out += static_cast<char>(n ? b | 0x80 : b);
    } while (n);
    return out + packed.substr(at + 1);
}

// Each document of the index at `db` with the file it was indexed from:
// id → path (the file states, "coopdec:file:<key>"). The gazetteer has a
// state and no document: it is not listed, and has no views.
std::map<std::string, std::string> indexed_files(const std::string& db) {
    Xapian::Database d(db);
    std::map<std::string, std::string> out;
    const std::string prefix(schema::kFileKeyPrefix);
    for (auto k = d.metadata_keys_begin(prefix); k != d.metadata_keys_end(prefix); ++k) {
        FileState st = decode_state(d.get_metadata(*k));
        if (d.get_termfreq(schema::id_term(st.doc_id)) != 0) {
            out[st.doc_id] = st.path;
        } else {
            CHECK(d.get_metadata(std::string(schema::kSourceKeyPrefix) + st.doc_id).empty());
        }
    }
    return out;
}

}  // namespace

TEST_CASE("a stored view packs and unpacks to the same bytes", "[stored-blob]") {
    CHECK(blob::pack("").empty());  // no view: no value, as before
    CHECK(blob::unpack("").empty());
    CHECK(blob::unpacked_size("") == 0);
    std::string binary;
    for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 7 + i / 256) & 0xff);  // NUL bytes included
    std::mt19937 random(22);
    std::string noise(300000, '\0');
    for (auto& c : noise) c = static_cast<char>(random() & 0xff);  // incompressible: packing must still hold it
    const std::map<std::string, std::string> texts{
        {"un octet", "x"},
        {"petit", "<p>Bonjour</p>"},
        {"non-ASCII", "Société civile – « coopération » : Sokodé, Kara, Bafilo ; ŒUVRE €"},
        {"binaire", binary},
        {"bruit", noise},
        {"grand", french_text(5'000'000)},
    };
    for (const auto& [name, text] : texts) {
        INFO(name);
        std::string packed = blob::pack(text);
        REQUIRE_FALSE(packed.empty());
        CHECK(packed[0] == blob::kFormatZlib);
        CHECK(blob::unpacked_size(packed) == text.size());
        CHECK(blob::unpack(packed) == text);
    }
    // Text compresses: the 5 MB of French text to a small part of it.
    CHECK(blob::pack(texts.at("grand")).size() < texts.at("grand").size() / 10);
}

TEST_CASE("a value that is not a packed view is refused in French, never a crash", "[stored-blob]") {
    const std::string text = french_text(20000);
    const std::string packed = blob::pack(text);
    // Another format: a view written uncompressed, by an index of before.
    CHECK(refusal_of([] { blob::unpack("<?xml version=\"1.0\"?><akomaNtoso/>"); }) ==
          "vue enregistrée illisible : format inconnu (premier octet 0x3c, attendu 0x01) : l'index a-t-il été écrit "
          "par une autre version ? réindexez le corpus");
    CHECK(
        refusal_of([] { blob::unpacked_size("<p>x</p>"); }).starts_with("vue enregistrée illisible : format inconnu"));
    // Truncated: the header alone, a header cut in its length, every cut of
    // the stream.
    CHECK(refusal_of([] { blob::unpack(std::string(1, blob::kFormatZlib)); }) ==
          "vue enregistrée tronquée : en-tête incomplet");
    CHECK(refusal_of([] { blob::unpack(std::string(1, blob::kFormatZlib) + "\x80\x80"); }) ==
          "vue enregistrée tronquée : en-tête incomplet");
    for (std::size_t cut = 1; cut < packed.size(); cut += (cut < 40 ? 1 : 97)) {
        INFO(cut);
        CHECK(refusal_of([&] { blob::unpack(packed.substr(0, cut)); }).starts_with("vue enregistrée "));
    }
    CHECK(refusal_of([&] { blob::unpack(packed.substr(0, packed.size() - 1)); }) ==
          "vue enregistrée tronquée : flux zlib incomplet");
    CHECK(refusal_of([&] { blob::unpack(packed.substr(0, packed.size() / 2)); }) ==
          "vue enregistrée tronquée : flux zlib incomplet");
    // Corrupt: bytes after the stream, a length that lies either way, a
    // length too long to read, flipped bytes in the stream.
    CHECK(refusal_of([&] { blob::unpack(packed + "x"); }) ==
          "vue enregistrée corrompue : des octets suivent le flux zlib");
    CHECK(refusal_of([&] { blob::unpack(with_announced_length(packed, text.size() - 1)); }) ==
          "vue enregistrée corrompue : plus longue que les 19999 octets annoncés");
    CHECK(refusal_of([&] { blob::unpack(with_announced_length(packed, text.size() + 1)); }) ==
          "vue enregistrée corrompue : 20000 octets au lieu des 20001 annoncés");
    CHECK(refusal_of([&] { blob::unpack(with_announced_length(packed, 0)); }) ==
          "vue enregistrée corrompue : longueur nulle annoncée");
    CHECK(refusal_of([] { blob::unpack(std::string(1, blob::kFormatZlib) + std::string(12, '\xff') + "x"); }) ==
          "vue enregistrée corrompue : longueur annoncée illisible");
    std::mt19937 random(46);
    std::size_t refused = 0;
    for (int i = 0; i < 200; ++i) {
        std::string bad = packed;
        std::size_t at = 4 + random() % (bad.size() - 4);
        bad[at] = static_cast<char>(bad[at] ^ (1 + random() % 255));
        std::string said = refusal_of([&] {
            // Either refused, or (a bit zlib does not read) the same text.
            if (blob::unpack(bad) != text) throw std::logic_error("texte différent sans erreur");
        });
        INFO(at << " : " << said);
        CHECK((said == "(accepté)" || said.starts_with("vue enregistrée ")));
        refused += said != "(accepté)";
    }
    CHECK(refused > 190);  // Adler-32 and the length catch nearly every flip
}

TEST_CASE("a stored view is bounded: nothing over the limit is packed or inflated", "[stored-blob]") {
    const std::string text = french_text(100000);
    const std::string packed = blob::pack(text);
    CHECK(refusal_of([&] { blob::pack(text, 99999); }) ==
          "vue enregistrée trop grande pour être enregistrée : 100000 octets, au plus 99999");
    CHECK(blob::unpack(packed, 100000) == text);
    CHECK(refusal_of([&] { blob::unpack(packed, 99999); }) ==
          "vue enregistrée trop grande : 100000 octets annoncés, au plus 99999");
    // A value announcing more than the default limit is refused before any
    // allocation: no 2^60-byte buffer, no std::bad_alloc.
    CHECK(refusal_of([&] { blob::unpack(with_announced_length(packed, std::uint64_t{1} << 60)); }) ==
          "vue enregistrée trop grande : 1152921504606846976 octets annoncés, au plus 268435456 (256 Mio)");
    CHECK(refusal_of([&] {
              blob::unpacked_size(with_announced_length(packed, blob::kMaxBytes + 1));
          }).starts_with("vue enregistrée trop grande : 268435457 octets annoncés"));
    // A small value that inflates past its announced length stops there.
    const std::string zeros = blob::pack(std::string(10'000'000, '\0'));
    CHECK(zeros.size() < 100000);
    CHECK(refusal_of([&] { blob::unpack(with_announced_length(zeros, 1000)); }) ==
          "vue enregistrée corrompue : plus longue que les 1000 octets annoncés");
}

TEST_CASE("an index stores each document's views packed, and serves them exactly as indexed",
          "[stored-blob][index][document]") {
    test::TempDir dir;
    const std::string corpus = test::copy_corpus_files(
        dir,
        {"lois/loi-2019-006.xml", "entretiens/ent-kloto-1-2022.xml", "conventions/conv-kloto-1-bressuire-1991.xml",
         "partenariats/part-kloto-1-bressuire.xml", "etudes/etude-prodegol-introduction.xml", "repertoire/togo.xml"});
    test::TempIndex idx(corpus);
    const std::map<std::string, std::string> files = indexed_files(idx.db);
    REQUIRE(files.size() == 5);  // the gazetteer is no document
    Xapian::Database db(idx.db);
    // The index keeps no page: they are rendered when asked.
    CHECK(db.metadata_keys_begin("coopdec:html:") == db.metadata_keys_end("coopdec:html:"));
    Index index = Index::open(idx.db);
    PageViews pages;
    std::size_t packed_bytes = 0, text_bytes = 0;
    for (const auto& [id, path] : files) {
        INFO(id << " " << path);
        const std::string file = test::slurp(path);
        REQUIRE_FALSE(file.empty());
        // Stored packed: the format byte, and smaller than the text.
        const std::string source = db.get_metadata(std::string(schema::kSourceKeyPrefix) + id);
        REQUIRE(source.size() > 1);
        CHECK(source[0] == blob::kFormatZlib);
        CHECK(source.size() < file.size());
        packed_bytes += source.size();
        // Served as indexed: the source is the file's bytes; the page is the
        // rendering of the file, byte for byte, rendered once then kept.
        auto served = load_source(index, id);
        REQUIRE(served);
        CHECK(*served == file);
        RenderResult rendered = render_html(file, path, extract(file, path).record.format);
        REQUIRE(rendered.ok);
        text_bytes += file.size();
        auto doc = load_document(index, id);
        REQUIRE(doc);
        CHECK(doc->html.empty());  // load_document() reads no page
        CHECK(doc->has_source);
        const std::size_t kept = pages.pages_kept();
        CHECK(pages.page(index, *doc) == rendered.html);
        CHECK(pages.pages_kept() == kept + 1);
        CHECK(pages.page(index, *doc) == rendered.html);
        CHECK(pages.pages_kept() == kept + 1);
    }
    CHECK(packed_bytes < text_bytes / 2);  // 38 % here, at zlib's level 1
}

TEST_CASE("a damaged stored view is a 503 that says the index is unreadable, never a 500 or a crash",
          "[stored-blob][server][document]") {
    test::TempDir dir;
    const std::string corpus =
        test::copy_corpus_files(dir, {"conventions/conv-kloto-1-bressuire-1991.xml",
                                      "partenariats/part-kloto-1-bressuire.xml", "repertoire/togo.xml"});
    test::TempIndex idx(corpus);
    const std::string id = "conv-kloto-1-bressuire-1991";
    const std::string file = test::slurp(corpus + "/conv-kloto-1-bressuire-1991.xml");
    SynonymsFile synonyms(dir / "aucun.txt");
    Metrics metrics;
    ServerConfig config;
    config.db_path = idx.db;
    Router router(config, synonyms, metrics);
    std::string route;
    http::Response r = router.handle("GET", "/doc/" + id + "/source.xml", route);
    REQUIRE(r.status == 200);
    CHECK(r.body == file);
    REQUIRE(router.handle("GET", "/doc/" + id, route).status == 200);

    {
        Xapian::WritableDatabase w(idx.db);
        std::string source = w.get_metadata(std::string(schema::kSourceKeyPrefix) + id);
        w.set_metadata(std::string(schema::kSourceKeyPrefix) + id, source.substr(0, source.size() / 2));
        w.commit();
    }
    Index index = Index::open(idx.db);
    try {
        load_source(index, id);
        FAIL("source tronquée acceptée");
    } catch (const Xapian::DatabaseCorruptError& e) {
        CHECK(e.get_msg() ==
              "vue enregistrée tronquée : flux zlib incomplet (métadonnée « coopdec:source:" + id + " »)");
    }
    // The page, kept by the router before the damage, is not served from a
    // source that no longer unpacks.
    for (const std::string& target : {"/doc/" + id + "/source.xml", "/doc/" + id}) {
        INFO(target);
        r = router.handle("GET", target, route);
        CHECK(r.status == 503);
        CHECK(test::contains(r.body, "momentanément illisible"));
        CHECK(test::contains(r.log_note, "vue enregistrée"));
    }
    // What needs no source still answers: the document's fields and units.
    CHECK(router.handle("GET", "/api/doc/" + id, route).status == 200);
}
