// @brief DeferredLog: a memory stream (open_memstream) and the positions of
// the events in it.
#include "indexer/deferred_log.h"

#include <cstdlib>
#include <new>

namespace coopdec {

DeferredLog::DeferredLog() {
    file_ = open_memstream(&text_, &size_);
    if (!file_) throw std::bad_alloc();
}

DeferredLog::~DeferredLog() {
    std::fclose(file_);
    std::free(text_);
}

void DeferredLog::event(IndexEvent e, const std::string& path) {
    std::fflush(file_);  // size_ is the bytes written so far once flushed
    events_.push_back({e, path, size_});
}

void DeferredLog::replay(std::FILE* log, const std::function<void(IndexEvent, const std::string&)>& on_event) {
    std::fflush(file_);
    std::size_t done = 0;
    for (const Event& e : events_) {
        std::fwrite(text_ + done, 1, e.at - done, log);
        done = e.at;
        if (on_event) on_event(e.event, e.path);
    }
    std::fwrite(text_ + done, 1, size_ - done, log);
    events_.clear();
    std::rewind(file_);  // later writes start over at the beginning
}

}  // namespace coopdec
