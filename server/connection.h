// @brief A worker's turn on a connection: exactly one request, whose head the
// gate has seen complete, then the connection goes back to the gate (kept
// alive) or is closed.
//
// Poco's own HTTPServerConnection keeps a connection on its worker between
// requests, reading each next head itself: the very wait the gate exists to
// take off the workers. This is the same request cycle, one request long.
#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include "server/head_gate.h"

namespace coopdec {

class GatedConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
public:
    // `handlers` builds a request's handler; it must outlive the workers.
    GatedConnectionFactory(Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory& handlers)
        : params_(std::move(params)), handlers_(handlers) {}

    // The gate that takes kept-alive connections back. Set before the first
    // connection (the gate is built after the dispatcher that owns this
    // factory); it must outlive the workers.
    void attach(HeadGate& gate) { gate_ = &gate; }

    Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override;

private:
    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory& handlers_;
    HeadGate* gate_ = nullptr;
};

}  // namespace coopdec
