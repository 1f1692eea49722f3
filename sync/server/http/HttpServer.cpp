// HttpServer: the public face; the work happens in detail::ServerCore and detail::HttpSession.

#include "http/HttpServer.h"

#include "http/detail/ServerCore.h"

namespace outpost::http {

struct HttpServer::Impl : detail::ServerCore
{
    using ServerCore::ServerCore;
};

HttpServer::HttpServer(ServerOptions options)
    : d(std::make_unique<Impl>(std::move(options)))
{}

HttpServer::~HttpServer()
{
    stop();
}

void HttpServer::route(const std::string& method, const std::string& path, Handler handler)
{
    d->addRoute(method, path, std::move(handler));
}

bool HttpServer::start(std::string* error)
{
    return d->start(error);
}

uint16_t HttpServer::port() const
{
    return d->port();
}

void HttpServer::stop(std::chrono::milliseconds grace)
{
    d->stop(grace);
}

Metrics& HttpServer::metrics()
{
    return d->metrics();
}

std::size_t HttpServer::openConnections() const
{
    return d->openConnections();
}

} // namespace outpost::http
