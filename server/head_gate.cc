// @brief The head gate: accept, wait for complete request heads, dispatch.
#include "server/head_gate.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include <Poco/Net/HTTPResponse.h>

#include "server/request_handler.h"

namespace coopdec {

size_t head_end(std::string_view data) {
    size_t i = 0;
    while (i < data.size() && (data[i] == '\r' || data[i] == '\n')) ++i;
    for (size_t nl = data.find('\n', i); nl != std::string_view::npos; nl = data.find('\n', nl + 1)) {
        size_t next = nl + 1;
        if (next < data.size() && data[next] == '\r') ++next;
        if (next < data.size() && data[next] == '\n') return next + 1;
    }
    return std::string_view::npos;
}

bool could_be_request(std::string_view data) {
    size_t i = 0;
    while (i < data.size() && (data[i] == '\r' || data[i] == '\n')) ++i;
    constexpr std::string_view kTokenMarks = "!#$%&'*+-.^_`|~";
    for (size_t n = 0; i < data.size(); ++i, ++n) {
        const char c = data[i];
        if (c == ' ') return n > 0;
        const bool token = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                           kTokenMarks.find(c) != std::string_view::npos;
        if (!token || n >= 20) return false;
    }
    return true;  // a method still arriving
}

int GatedSocketImpl::receiveBytes(void* buffer, int length, int flags) {
    if (head_left_ > 0 && static_cast<size_t>(length) > head_left_) length = static_cast<int>(head_left_);
    int n = StreamSocketImpl::receiveBytes(buffer, length, flags);
    if (n > 0 && head_left_ > 0) head_left_ -= std::min(head_left_, static_cast<size_t>(n));
    return n;
}

std::string raw_error_response(int status, const std::string& message) {
    const std::string body = message + "\n";
    std::string out =
        "HTTP/1.1 " + std::to_string(status) + " " +
        Poco::Net::HTTPResponse::getReasonForStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status)) + "\r\n";
    for (const auto& [name, value] : kSecurityHeaders) out += std::string(name) + ": " + value + "\r\n";
    out += "Content-Type: text/plain; charset=utf-8\r\nCache-Control: no-cache\r\nConnection: close\r\n";
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    return out;
}

HeadGate::HeadGate(Poco::Net::ServerSocket listener, Poco::Net::TCPServerDispatcher& dispatcher, GateLimits limits,
                   Metrics& metrics)
    : listener_(std::move(listener)), dispatcher_(dispatcher), limits_(limits), metrics_(metrics) {
    wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (wake_fd_ < 0) throw std::system_error(errno, std::generic_category(), "eventfd");
    peek_buffer_.resize(kMaxHeadBytes + 1);
    listener_.setBlocking(false);
}

HeadGate::~HeadGate() {
    stop();
    close(wake_fd_);
}

void HeadGate::start() {
    thread_ = std::thread([this] { run(); });
}

void HeadGate::stop() {
    if (!thread_.joinable()) return;
    stopping_ = true;
    uint64_t one = 1;
    (void)!write(wake_fd_, &one, sizeof one);
    thread_.join();
}

void HeadGate::give_back(const Poco::Net::StreamSocket& socket) {
    if (stopping_) return;  // the last reference closes it
    {
        std::lock_guard<std::mutex> lock(inbox_mutex_);
        inbox_.push_back(socket);
    }
    uint64_t one = 1;
    (void)!write(wake_fd_, &one, sizeof one);
}

void HeadGate::run() {
    std::vector<pollfd> fds;
    while (!stopping_) {
        fds.clear();
        fds.push_back({listener_.impl()->sockfd(), POLLIN, 0});
        fds.push_back({wake_fd_, POLLIN, 0});
        auto now = std::chrono::steady_clock::now();
        auto next = now + limits_.head_timeout;
        for (const auto& w : waiting_) {
            fds.push_back({w.socket.impl()->sockfd(), POLLIN, 0});
            next = std::min(next, w.deadline);
        }
        auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count() + 1;
        int ready = poll(fds.data(), fds.size(), static_cast<int>(std::max<long long>(wait, 0)));
        if (ready < 0 && errno != EINTR) break;
        if (stopping_) break;

        // Examine the waiting connections first (their pollfd indexes are
        // those of the snapshot), then admit new and returning ones.
        now = std::chrono::steady_clock::now();
        std::vector<Waiting> still;
        still.reserve(waiting_.size());
        for (size_t i = 0; i < waiting_.size(); ++i) {
            Waiting& w = waiting_[i];
            const short ev = fds[i + 2].revents;
            if (ev != 0 && examine(w)) continue;
            if (now >= w.deadline) {
                if (w.sent_anything) cut(w, 408, "timeout");
                continue;  // an idle keep-alive connection just ends
            }
            still.push_back(std::move(w));
        }
        waiting_.swap(still);
        if (fds[1].revents != 0) {
            uint64_t count;
            (void)!read(wake_fd_, &count, sizeof count);
            std::vector<Poco::Net::StreamSocket> back;
            {
                std::lock_guard<std::mutex> lock(inbox_mutex_);
                back.swap(inbox_);
            }
            for (auto& s : back) admit(std::move(s));
        }
        if (fds[0].revents != 0) accept_all();
        metrics_.set_connections_waiting(waiting_.size());
    }
    waiting_.clear();  // closes them
    std::lock_guard<std::mutex> lock(inbox_mutex_);
    inbox_.clear();
}

void HeadGate::accept_all() {
    // At most 64 per round: the loop must also serve those already waiting.
    for (int i = 0; i < 64; ++i) {
        // The listener is non-blocking; the accepted socket is blocking, as
        // the workers expect.
        int fd = accept4(listener_.impl()->sockfd(), nullptr, nullptr, SOCK_CLOEXEC);
        // EAGAIN: none left. EMFILE and the like: try again at the next
        // round rather than spin; the waiting ones time out meanwhile.
        if (fd < 0) return;
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        admit(Poco::Net::StreamSocket(new GatedSocketImpl(fd)));
    }
}

void HeadGate::admit(Poco::Net::StreamSocket socket) {
    if (waiting_.size() >= limits_.max_waiting) {
        // Full: the connection waiting the longest for its head goes, so a
        // crowd of slow clients cannot lock newcomers out.
        auto oldest = std::min_element(waiting_.begin(), waiting_.end(),
                                       [](const Waiting& a, const Waiting& b) { return a.deadline < b.deadline; });
        if (oldest->sent_anything)
            cut(*oldest, 408, "evicted");
        else
            metrics_.count_connection_cut("evicted");
        waiting_.erase(oldest);
    }
    auto* impl = static_cast<GatedSocketImpl*>(socket.impl());
    const Poco::Timespan io(std::chrono::duration_cast<std::chrono::microseconds>(limits_.head_timeout).count());
    socket.setSendTimeout(io);
    socket.setReceiveTimeout(io);
    waiting_.push_back({std::move(socket), impl, std::chrono::steady_clock::now() + limits_.head_timeout, false});
    // Bytes may already be there (a pipelined request, a fast client).
    if (examine(waiting_.back())) waiting_.pop_back();
}

bool HeadGate::examine(Waiting& w) {
    ssize_t n = recv(w.impl->sockfd(), peek_buffer_.data(), peek_buffer_.size(), MSG_PEEK | MSG_DONTWAIT);
    if (n == 0) return true;  // the client closed: drop it
    if (n < 0) return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
    w.sent_anything = true;
    const std::string_view seen(peek_buffer_.data(), static_cast<size_t>(n));
    if (!could_be_request(seen)) {
        cut(w, 400, "malformed");
        return true;
    }
    const size_t end = head_end(seen);
    if (end == std::string_view::npos && static_cast<size_t>(n) <= kMaxHeadBytes) return false;
    const bool too_large = end == std::string_view::npos || end > kMaxHeadBytes;
    w.impl->set_head(too_large ? 0 : end, too_large);
    dispatcher_.enqueue(w.socket);
    return true;
}

void HeadGate::cut(Waiting& w, int status, const char* reason) {
    metrics_.count_connection_cut(reason);
    const std::string answer = raw_error_response(
        status, status == 408 ? "requête trop lente : la connexion est fermée" : "ceci n'est pas une requête HTTP");
    // Best effort and never blocking: a client that does not read its
    // answer does not hold the gate.
    (void)!send(w.impl->sockfd(), answer.data(), answer.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    w.socket.close();
}

}  // namespace coopdec
