// @brief The gate between accepted connections and the worker threads: a
// connection reaches a worker only once its whole request head has arrived.
//
// Why: a worker that reads a request head itself is held for as long as the
// client takes to send it, so a few hundred clients trickling one byte per
// second (slowloris) would hold every worker and starve everyone else. The
// gate waits for heads on one thread with poll(2), peeking at the kernel's
// receive buffer (MSG_PEEK) without consuming it; when a blank line ends the
// head, the connection goes to the workers, whose reads then never wait.
// Idle keep-alive connections come back to the gate between requests.
//
// Bounds: a head must be complete `head_timeout` after the connection
// arrived or came back (else 408, or a silent close when nothing was sent);
// a head longer than kMaxHeadBytes gets 431; bytes that cannot start a
// request line get 400; at most `max_waiting`
// connections wait, and a new one evicts the one waiting the longest.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/StreamSocketImpl.h>
#include <Poco/Net/TCPServerDispatcher.h>

#include "server/metrics.h"

namespace coopdec {

// The longest request head (request line and header fields) accepted.
inline constexpr size_t kMaxHeadBytes = 32 * 1024;

// Where the request head at the start of `data` ends: the offset just past
// the blank line that closes it (CRLF or bare LF line ends, blank lines
// before the request line skipped as RFC 9112 allows), or npos when `data`
// holds no complete head yet.
size_t head_end(std::string_view data);

// False when the bytes received so far cannot be the start of a request
// line (a method is a token of at most 20 characters followed by a space):
// such a client is answered 400 at once, not left to run into the timeout.
bool could_be_request(std::string_view data);

// A connection's socket as the gate and the workers share it. Reads are
// capped at the end of the head the gate saw, so that the HTTP session never
// buffers the start of the next (pipelined) request: those bytes stay in the
// kernel, where the gate looks for them.
class GatedSocketImpl : public Poco::Net::StreamSocketImpl {
public:
    explicit GatedSocketImpl(poco_socket_t fd) : Poco::Net::StreamSocketImpl(fd) {}

    int receiveBytes(void* buffer, int length, int flags = 0) override;

    // Set by the gate before dispatch: bytes of head the worker may read
    // (0: no cap, e.g. for a body). `too_large`: the head exceeded the limit.
    void set_head(size_t bytes, bool too_large) {
        head_left_ = bytes;
        too_large_ = too_large;
    }
    bool too_large() const { return too_large_; }
    unsigned requests = 0;  // answered on this connection (keep-alive cap)

private:
    size_t head_left_ = 0;
    bool too_large_ = false;
};

struct GateLimits {
    std::chrono::milliseconds head_timeout{10000};
    size_t max_waiting = 1000;
};

class HeadGate {
public:
    // `listener` is bound and listening; `dispatcher` runs the workers
    // (its connections call give_back). Both must outlive the gate.
    HeadGate(Poco::Net::ServerSocket listener, Poco::Net::TCPServerDispatcher& dispatcher, GateLimits limits,
             Metrics& metrics);
    ~HeadGate();
    HeadGate(const HeadGate&) = delete;
    HeadGate& operator=(const HeadGate&) = delete;

    void start();
    // Stops accepting and closes every waiting connection; returns when the
    // gate's thread has ended. Connections given back afterwards are closed.
    void stop();

    // A worker hands back a kept-alive connection to wait for its next head.
    // Thread-safe.
    void give_back(const Poco::Net::StreamSocket& socket);

private:
    struct Waiting {
        Poco::Net::StreamSocket socket;
        GatedSocketImpl* impl;
        std::chrono::steady_clock::time_point deadline;
        bool sent_anything = false;
    };

    void run();
    void accept_all();
    void admit(Poco::Net::StreamSocket socket);
    // Peeks at a readable connection: true when it left the waiting set.
    bool examine(Waiting& w);
    void cut(Waiting& w, int status, const char* reason);

    Poco::Net::ServerSocket listener_;
    Poco::Net::TCPServerDispatcher& dispatcher_;
    GateLimits limits_;
    Metrics& metrics_;
    int wake_fd_ = -1;  // eventfd: give_back and stop wake the poll
    std::thread thread_;
    std::atomic<bool> stopping_{false};
    std::mutex inbox_mutex_;
    std::vector<Poco::Net::StreamSocket> inbox_;  // given back, not yet polled
    std::vector<Waiting> waiting_;                // the gate thread's own
    std::string peek_buffer_;
};

// A complete HTTP/1.1 answer with the security headers, `Connection: close`
// and a short French text body: what the gate and the connection layer send
// when no request reached the router (timeout, head too large, malformed).
std::string raw_error_response(int status, const std::string& message);

}  // namespace coopdec
