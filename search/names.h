// @brief STUB for integration (replaced by the names branch).
#pragma once
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>
namespace coopdec {
class Index;
struct NamedValue {
    std::string facet, value, label;
};
class Names {
public:
    static std::shared_ptr<const Names> load(const Index&) { return std::make_shared<Names>(); }
    size_t match(const std::vector<std::string>&, size_t, std::vector<NamedValue>&) const { return 0; }
    std::vector<NamedValue> resolve(std::string_view, std::string_view) const { return {}; }
    std::vector<NamedValue> closest(std::string_view, std::string_view, size_t) const { return {}; }
    std::string label(std::string_view, std::string_view) const { return {}; }
    bool is_name_word(std::string_view) const { return false; }
    const std::set<std::string>& name_words() const { return words_; }
private:
    std::set<std::string> words_;
};
}  // namespace coopdec
