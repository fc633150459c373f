// @brief Reading the corpus's ids and themes, and checking metadata against them.
#include "import/corpus_refs.h"

#include <algorithm>
#include <filesystem>

#include <pugixml.hpp>

#include "import/model.h"

namespace coopdec::import {

CorpusRefs read_corpus_refs(const std::string& corpus_dir, const std::string& schema_dir) {
    namespace fs = std::filesystem;
    CorpusRefs refs;
    std::error_code ec;
    fs::recursive_directory_iterator it(corpus_dir, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        if (p.extension() != ".xml" || p.parent_path().filename() == "schema") continue;
        refs.documents.emplace(p.stem().string(), p.string());
        pugi::xml_document doc;
        if (!doc.load_file(p.c_str())) continue;
        pugi::xml_node root = doc.document_element();
        std::string name = root.name();
        if (name == "partenariat") {
            refs.partnerships.insert(root.attribute("id").value());
        } else if (name == "repertoire") {
            for (pugi::xpath_node n : root.select_nodes("//commune[@id]"))
                refs.communes.emplace(n.node().attribute("id").value(), n.node().attribute("nom").value());
        }
    }
    pugi::xml_document rng;
    if (rng.load_file((fs::path(schema_dir) / "common.rng").c_str())) {
        pugi::xml_node def = rng.select_node("//define[@name='theme.value']").node();
        for (pugi::xpath_node v : def.select_nodes(".//value")) refs.themes.emplace_back(v.node().child_value());
    }
    return refs;
}

std::vector<std::string> check_refs(const Metadata& meta, const CorpusRefs& refs) {
    std::vector<std::string> problems;
    for (const auto& c : meta.communes)
        if (!refs.communes.count(c))
            problems.push_back("commune inconnue « " + c +
                               " » : donnez l'identifiant du répertoire (corpus/repertoire/togo.xml), par exemple "
                               "« tone-1 »");
    for (const auto& p : meta.partnerships)
        if (!refs.partnerships.count(p))
            problems.push_back("partenariat inconnu « " + p +
                               " » : donnez l'identifiant d'une fiche de corpus/partenariats/ (sans « .xml »)");
    for (const auto& t : meta.themes)
        if (std::find(refs.themes.begin(), refs.themes.end(), t) == refs.themes.end()) {
            std::string list;
            for (const auto& known : refs.themes) list += (list.empty() ? "" : ", ") + known;
            problems.push_back("thème inconnu « " + t + " » ; thèmes possibles : " + list);
        }
    return problems;
}

}  // namespace coopdec::import
