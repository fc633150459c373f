// @brief What a writer that is not first in file order says, kept until the
// writers before it have said theirs: the log's lines and the run's events,
// in their order.
#pragma once

#include <cstddef>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "indexer/corpus.h"

namespace coopdec {

class DeferredLog {
public:
    // Throws std::bad_alloc when the memory stream cannot be opened.
    DeferredLog();
    ~DeferredLog();
    DeferredLog(const DeferredLog&) = delete;
    DeferredLog& operator=(const DeferredLog&) = delete;

    // Where the writer writes its log lines (valid until the object dies).
    std::FILE* file() const { return file_; }

    // Records an event after the lines written so far. Used from one thread
    // at a time, like file().
    void event(IndexEvent e, const std::string& path);

    // Writes everything kept to `log` and gives the events to `on_event`
    // (when set), in the order they came; then forgets them.
    void replay(std::FILE* log, const std::function<void(IndexEvent, const std::string&)>& on_event);

private:
    struct Event {
        IndexEvent event;
        std::string path;
        std::size_t at;  // bytes of the log written before it
    };
    char* text_ = nullptr;
    std::size_t size_ = 0;
    std::FILE* file_ = nullptr;
    std::vector<Event> events_;
};

}  // namespace coopdec
