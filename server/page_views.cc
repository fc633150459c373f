// @brief PageViews: pages rendered from the stored sources, kept by bytes.
#include "server/page_views.h"

#include <functional>
#include <iostream>
#include <utility>

#include "common/schema.h"
#include "indexer/render.h"

namespace coopdec {
namespace {

// What an entry costs besides its key and page: the list node, the map
// node, the shared string's control block.
constexpr std::size_t kEntryOverhead = 128;

std::size_t cost(const std::string& key, const std::string& html) { return key.size() + html.size() + kEntryOverhead; }

}  // namespace

PageViews::PageViews(std::string stylesheet_dir, std::size_t max_bytes)
    : stylesheet_dir_(std::move(stylesheet_dir)), max_bytes_(max_bytes) {}

std::shared_ptr<const std::string> PageViews::find(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = by_key_.find(key);
    if (it == by_key_.end()) return nullptr;
    entries_.splice(entries_.begin(), entries_, it->second);
    return it->second->html;
}

void PageViews::keep(const std::string& key, std::shared_ptr<const std::string> html) {
    const std::size_t bytes = cost(key, *html);
    if (bytes > max_bytes_) return;  // would push out every other page
    std::lock_guard<std::mutex> lock(mutex_);
    if (by_key_.count(key)) return;  // another reader rendered it meanwhile
    entries_.push_front(Entry{key, std::move(html)});
    by_key_.emplace(key, entries_.begin());
    bytes_ += bytes;
    while (bytes_ > max_bytes_) {
        const Entry& last = entries_.back();
        bytes_ -= cost(last.key, *last.html);
        by_key_.erase(last.key);
        entries_.pop_back();
    }
}

std::string PageViews::page(const Index& index, const DocumentView& doc) {
    const std::string& id = doc.info.id;
    const std::string packed = packed_source(index, id);
    if (packed.empty()) return {};
    // The key names the source, not the index's revision: a commit that
    // leaves a document unchanged leaves its page kept, and an index with
    // a remote shard (which has no revision) keeps pages too. A 64-bit hash
    // and the length tell two sources of one id apart.
    const std::string key =
        id + '\n' + std::to_string(packed.size()) + ':' + std::to_string(std::hash<std::string_view>{}(packed));
    if (auto kept = find(key)) return *kept;

    const std::string source = unpack_source(id, packed);
    auto format = doc.data.find(schema::kFieldFormat);
    RenderResult r =
        render_html(source, id + ".xml", format == doc.data.end() ? std::string() : format->second, stylesheet_dir_);
    if (!r.ok) {
        // Said once: the failure is kept like a page, so that a document
        // too heavy for the stylesheets costs its work limit only once.
        for (const auto& d : r.diagnostics)
            std::cerr << "coopdec-server : " << d.str() << " (page non rendue : ses unités sont listées)\n";
        r.html.clear();
    }
    auto html = std::make_shared<const std::string>(std::move(r.html));
    keep(key, html);
    return *html;
}

std::size_t PageViews::pages_kept() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_.size();
}

std::size_t PageViews::bytes_kept() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return bytes_;
}

}  // namespace coopdec
