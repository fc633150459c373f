// @brief One request per worker turn (see connection.h).
#include "server/connection.h"

#include <memory>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timestamp.h>

namespace coopdec {
namespace {

// HTTPSession::buffered() is protected: whether the session read past the
// request (it cannot, for a head, since GatedSocketImpl caps the reads; a
// body it did not consume would be garbage at the next request).
class Session : public Poco::Net::HTTPServerSession {
public:
    using HTTPServerSession::buffered;
    using HTTPServerSession::HTTPServerSession;
};

class GatedConnection : public Poco::Net::TCPServerConnection {
public:
    GatedConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                    Poco::Net::HTTPRequestHandlerFactory& handlers, HeadGate& gate)
        : TCPServerConnection(socket), params_(std::move(params)), handlers_(handlers), gate_(gate) {}

    void run() override {
        auto* impl = static_cast<GatedSocketImpl*>(socket().impl());
        if (impl->too_large()) {
            send_raw(431, "en-têtes de requête trop longs (au plus " + std::to_string(kMaxHeadBytes / 1024) + " Kio)");
            return;
        }
        bool keep = false;
        Session session(socket(), params_);
        try {
            Poco::Net::HTTPServerResponseImpl response(session);
            Poco::Net::HTTPServerRequestImpl request(response, session, params_.get());
            response.setDate(Poco::Timestamp());
            response.setVersion(request.getVersion());
            // A body is never read by the handlers: after one, the
            // connection's next bytes are not a request head.
            const bool has_body = request.getChunkedTransferEncoding() ||
                                  (request.hasContentLength() && request.getContentLength64() > 0);
            ++impl->requests;
            response.setKeepAlive(params_->getKeepAlive() && request.getKeepAlive() && !has_body &&
                                  static_cast<int>(impl->requests) < params_->getMaxKeepAliveRequests());
            std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(handlers_.createRequestHandler(request));
            handler->handleRequest(request, response);
            keep = response.getKeepAlive() && session.buffered() == 0;
        } catch (const Poco::Net::NoMessageException&) {
            return;  // the client closed before a request
        } catch (const Poco::Net::MessageException&) {
            send_raw(400, "requête HTTP mal formée");
            return;
        } catch (const Poco::Exception&) {
            return;  // the network failed (reset, send timeout): nothing to answer
        }
        if (keep) {
            impl->set_head(0, false);
            gate_.give_back(session.detachSocket());
        }
    }

private:
    void send_raw(int status, const std::string& message) {
        const std::string answer = raw_error_response(status, message);
        try {
            socket().sendBytes(answer.data(), static_cast<int>(answer.size()));
            socket().shutdownSend();
        } catch (const Poco::Exception&) {
        }
    }

    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory& handlers_;
    HeadGate& gate_;
};

}  // namespace

Poco::Net::TCPServerConnection* GatedConnectionFactory::createConnection(const Poco::Net::StreamSocket& socket) {
    return new GatedConnection(socket, params_, handlers_, *gate_);
}

}  // namespace coopdec
