// @brief A document's page, rendered from the source the index keeps when it
// is asked, and kept for the next readers.
//
// The index keeps each document's source, not its page (common/schema.h,
// kSourceKeyPrefix): the page is the XSLT rendering of that source
// (indexer/render.h) with the stylesheet of its format (kFieldFormat), the
// same call the indexer made when it stored pages. Rendering takes from
// under a millisecond (a partnership record) to tens of milliseconds (a law
// of some hundred articles), so the pages read are kept, up to a bound in
// bytes, the least recently read going first.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "search/document.h"
#include "search/index.h"

namespace coopdec {

class PageViews {
public:
    // Pages rendered with the stylesheets of `stylesheet_dir` ("" = the
    // compiled-in default, render.h), at most `max_bytes` of them kept.
    explicit PageViews(std::string stylesheet_dir = {}, std::size_t max_bytes = kDefaultMaxBytes);

    // The page of `doc` (load_document() of `index`): its HTML fragment, ""
    // when the index keeps no source for it or its rendering fails, in
    // which case the failure's diagnostics go to stderr (the server's log),
    // once for as long as the failure is kept. Kept by document id and
    // source: a document that the indexer changed is rendered anew, one
    // unchanged keeps its page across the indexer's commits. Throws
    // Xapian::DatabaseCorruptError for a source that does not unpack
    // (unpack_source()). Thread-safe: two readers of a page not kept may
    // both render it, with the same result.
    std::string page(const Index& index, const DocumentView& doc);

    // What is kept: pages, and the bytes they count for.
    std::size_t pages_kept() const;
    std::size_t bytes_kept() const;

    // 4 MB: the bundled corpus's 56 pages take 1.1 MB, the largest (the
    // law) 210 KB; a page of the generated corpus about 10 KB.
    static constexpr std::size_t kDefaultMaxBytes = 4u << 20;

private:
    struct Entry {
        std::string key;
        std::shared_ptr<const std::string> html;
    };
    std::shared_ptr<const std::string> find(const std::string& key);
    void keep(const std::string& key, std::shared_ptr<const std::string> html);

    const std::string stylesheet_dir_;
    const std::size_t max_bytes_;
    mutable std::mutex mutex_;
    std::list<Entry> entries_;  // most recently read first
    std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
    std::size_t bytes_ = 0;
};

}  // namespace coopdec
