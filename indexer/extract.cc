// @brief extract(): parse, then hand the root element to the extractor of its
// format; and the small normalisations all formats share.
#include "indexer/extract.h"

#include "common/analysis.h"

#include <algorithm>
#include <array>
#include <utility>

#include "indexer/extract_formats.h"
#include "indexer/xml_read.h"
#include "textio/byte_size.h"

namespace coopdec {

namespace {

bool is_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

constexpr std::array<std::string_view, 4> kProjectRoots = {"repertoire", "partenariat", "convention", "etude"};

// The first element nested deeper than kMaxDepth (the root is at depth 1),
// or a null node. walk() itself never recurses.
pugi::xml_node too_deep(const pugi::xml_node& root) {
    int depth = 1;
    pugi::xml_node found;
    walk(
        root,
        [&](const pugi::xml_node& n) {
            if (n.type() != pugi::node_element) return false;
            ++depth;
            if (depth > kMaxDepth && !found) found = n;
            return !found;
        },
        [&](const pugi::xml_node& n) {
            if (n.type() == pugi::node_element) --depth;
        });
    return found;
}

}  // namespace

Extraction failure(Diagnostic error) {
    Extraction out;
    out.errors.push_back(std::move(error));
    return out;
}

std::string slug(std::string_view text) {
    std::string out;
    bool dash = false;
    for (char raw : text) {
        char c = raw;
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && !out.empty()) out += '-';
            dash = false;
            out += c;
        } else {
            dash = true;
        }
    }
    return out;
}

std::string id_from_name(const std::string& name) {
    std::string_view stem = name;
    std::size_t slash = stem.find_last_of("/\\");
    if (slash != std::string_view::npos) stem.remove_prefix(slash + 1);
    std::size_t dot = stem.rfind('.');
    if (dot != std::string_view::npos && dot > 0) stem = stem.substr(0, dot);
    return slug(stem);
}

std::string normalize_lang(std::string_view code) {
    // Files say "fra", "fre", "fr-TG", "fra eng"...: the first code counts;
    // the one table of language codes is analysis::normalise_lang's.
    std::size_t start = code.find_first_not_of(" \t\r\n,;/+|");
    if (start == std::string_view::npos) return {};
    code.remove_prefix(start);
    return analysis::normalise_lang(code.substr(0, code.find_first_of(" \t\r\n,;/+|@")));
}

std::string normalize_date(std::string_view date) {
    std::size_t start = date.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return {};
    date.remove_prefix(start);
    auto fits = [&](std::size_t n) {
        return date.size() >= n && (date.size() == n || !(date[n] >= '0' && date[n] <= '9'));
    };
    if (!fits(4) || !is_digits(date.substr(0, 4))) return {};
    if (date.size() >= 7 && date[4] == '-' && is_digits(date.substr(5, 2)) && fits(7)) {
        if (date.size() >= 10 && date[7] == '-' && is_digits(date.substr(8, 2)) && fits(10))
            return std::string(date.substr(0, 10));
        return std::string(date.substr(0, 7));
    }
    return std::string(date.substr(0, 4));
}

Diagnostic too_large(const std::string& name, std::uintmax_t size, std::size_t max_bytes) {
    return Diagnostic{
        name, 1, 1,
        "fichier trop volumineux : " + format_byte_size(size) + " (au plus " + format_byte_size(max_bytes) + ")"};
}

Extraction extract(std::string_view contents, const std::string& name, std::size_t max_bytes) {
    // Before any parsing: memory and time grow with the document, and a
    // 100 MB file would take gigabytes (its DOM, texts, terms and positions).
    if (contents.size() > max_bytes) return failure(too_large(name, contents.size(), max_bytes));
    XmlRead read = read_xml(contents, name);
    if (!read.ok()) return failure(read.error);
    XmlSource src{contents, name};
    pugi::xml_node root = read.root();
    // A real document nests a few dozen levels. Past libxml2's own limit
    // (which the schema check and the page rendering would hit anyway, with
    // an English message), a file is refused here, clearly; this also bounds
    // what the extractors spend on ancestors and paths (some work grows with
    // depth for every unit) and the recursion of nested study sections.
    if (pugi::xml_node deep = too_deep(root))
        return failure(src.at(deep, "XML trop profond : plus de " + std::to_string(kMaxDepth) +
                                        " éléments imbriqués (limite de l'indexeur)"));
    std::string_view local = local_name(root);
    std::string_view ns = namespace_uri(root);

    std::string_view expected;
    if (local == "akomaNtoso") {
        if (schema::is_akn_namespace(ns)) return extract_akn(root, src);
        expected = schema::kAknNamespace;
    } else if (local == "TEI") {
        if (ns == schema::kTeiNamespace) return extract_tei(root, src);
        expected = schema::kTeiNamespace;
    } else if (std::find(kProjectRoots.begin(), kProjectRoots.end(), local) != kProjectRoots.end()) {
        // The project's formats are then validated against their RELAX NG
        // schemas, and libxml2's validation grows with the square of a
        // list's length (20,000 <commune> take 2.5 s, 200,000 four
        // minutes): past kMaxProjectDocumentBytes they are refused, whatever
        // `max_bytes` allows the other formats. (A `max_bytes` under it has
        // already refused the file above, in the general words.)
        if (ns == schema::kCoopdecNamespace && contents.size() > kMaxProjectDocumentBytes)
            return failure(
                Diagnostic{name, 1, 1,
                           "fichier trop volumineux pour un document du projet : " + format_byte_size(contents.size()) +
                               " (au plus " + format_byte_size(kMaxProjectDocumentBytes) + ")"});
        if (ns == schema::kCoopdecNamespace) return extract_coopdec(root, src);
        expected = schema::kCoopdecNamespace;
    }

    std::string message = "élément racine inconnu <" + std::string(root.name()) + ">";
    if (expected.empty()) {
        message += " (attendu : akomaNtoso, TEI, repertoire, partenariat, convention ou etude)";
    } else {
        message +=
            ns.empty() ? std::string(" sans espace de noms") : " dans l'espace de noms « " + std::string(ns) + " »";
        message += " (attendu « " + std::string(expected) + " »)";
    }
    return failure(src.at(root, message));
}

}  // namespace coopdec
