#include "http/detail/ServerCore.h"

#include "http/detail/HttpSession.h"
#include "http/detail/JsonLog.h"

#include <array>
#include <boost/asio/strand.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <future>
#include <openssl/err.h>
#include <openssl/ssl.h>

namespace outpost::http::detail {

namespace asio = boost::asio;
using boost::system::error_code;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view kHttp11 = "http/1.1";

// Clients offering ALPN (curl, browsers) get "http/1.1" explicitly; we never speak h2.
int selectAlpn(SSL*, const unsigned char** out, unsigned char* outLength, const unsigned char* in,
               unsigned int inLength, void*)
{
    unsigned int i = 0;
    while (i < inLength) {
        const unsigned int length = in[i];
        if (i + 1 + length > inLength)
            break;
        if (std::string_view(reinterpret_cast<const char*>(in + i + 1), length) == kHttp11) {
            *out = in + i + 1;
            *outLength = static_cast<unsigned char>(length);
            return SSL_TLSEXT_ERR_OK;
        }
        i += 1 + length;
    }
    return SSL_TLSEXT_ERR_NOACK;
}

std::string opensslErrorText(const error_code& ec)
{
    std::string text = ec.message();
    // Add the queued OpenSSL reasons, if any (asio reports only the last one).
    while (const unsigned long code = ERR_get_error()) {
        std::array<char, 256> buffer{};
        ERR_error_string_n(code, buffer.data(), buffer.size());
        text += "; ";
        text += buffer.data();
    }
    return text;
}

// An unreadable file gets the system's reason ("No such file or directory"), not an OpenSSL one.
bool checkReadable(const std::string& path, const char* what, std::string* error)
{
    if (std::FILE* file = std::fopen(path.c_str(), "rb")) {
        std::fclose(file);
        return true;
    }
    if (error) {
        *error = std::string("cannot read the TLS ") + what + " file '" + path +
                 "': " + std::strerror(errno) + ". Check ServerOptions::" +
                 (std::string_view(what) == "certificate" ? "certificateFile" : "privateKeyFile") +
                 " and the file's permissions.";
    }
    return false;
}

std::string peerAddress(const tcp::socket& socket)
{
    error_code ec;
    const tcp::endpoint endpoint = socket.remote_endpoint(ec);
    if (ec)
        return {};
    asio::ip::address address = endpoint.address();
    if (address.is_v6() && address.to_v6().is_v4_mapped())
        address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
    return address.to_string();
}

std::int64_t nowSeconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

ServerCore::ServerCore(ServerOptions options)
    : m_options(std::move(options))
{
    m_metrics.describe("outpost_http_requests_total", "counter",
                       "HTTP requests answered, by method, route and status.");
    m_metrics.describe("outpost_http_request_duration_seconds", "histogram",
                       "Time from the first byte of a request to its response being written.");
    m_metrics.describe("outpost_http_open_connections", "gauge", "Open client connections.");
    m_metrics.describe("outpost_http_event_streams", "gauge", "Open text/event-stream responses.");
    m_metrics.describe("outpost_http_refused_connections_total", "counter",
                       "Connections closed on accept because maxConnections were open.");
    m_metrics.set("outpost_http_open_connections", 0);
    m_metrics.set("outpost_http_event_streams", 0);
}

ServerCore::~ServerCore()
{
    stop(0ms);
}

void ServerCore::addRoute(const std::string& method, const std::string& path, Handler handler)
{
    const std::unique_lock lock(m_routesMutex);
    m_router.add(method, path, std::move(handler));
}

RouteMatch ServerCore::matchRoute(const std::string& method, const std::string& path) const
{
    const std::shared_lock lock(m_routesMutex);
    return m_router.match(method, path);
}

bool ServerCore::loadTls(std::string* error)
{
    const auto fail = [&](std::string message) {
        if (error)
            *error = std::move(message);
        return false;
    };
    if (m_options.certificateFile.empty())
        return fail("no TLS certificate configured: set ServerOptions::certificateFile to a PEM file.");
    if (m_options.privateKeyFile.empty())
        return fail("no TLS private key configured: set ServerOptions::privateKeyFile to a PEM file.");
    if (!checkReadable(m_options.certificateFile, "certificate", error) ||
        !checkReadable(m_options.privateKeyFile, "private key", error))
        return false;

    ERR_clear_error();
    auto context = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
    SSL_CTX* native = context->native_handle();
    SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
    context->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                         asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                         asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
    SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    // Thousands of mostly idle event streams: let OpenSSL free a connection's record buffers between uses.
    SSL_CTX_set_mode(native, SSL_MODE_RELEASE_BUFFERS);

    error_code ec;
    context->use_certificate_chain_file(m_options.certificateFile, ec);
    if (ec) {
        return fail("the TLS certificate file '" + m_options.certificateFile +
                    "' does not hold a usable PEM certificate (" + opensslErrorText(ec) + ").");
    }
    context->use_private_key_file(m_options.privateKeyFile, asio::ssl::context::pem, ec);
    if (ec) {
        return fail("the TLS private key file '" + m_options.privateKeyFile +
                    "' does not hold a usable PEM private key (" + opensslErrorText(ec) + ").");
    }
    if (SSL_CTX_check_private_key(native) != 1) {
        ERR_clear_error();
        return fail("the TLS private key '" + m_options.privateKeyFile +
                    "' does not match the certificate '" + m_options.certificateFile + "'.");
    }
    SSL_CTX_set_alpn_select_cb(native, &selectAlpn, nullptr);
    m_ssl = std::move(context);
    return true;
}

bool ServerCore::listen(std::string* error)
{
    const std::string where = m_options.bindAddress + ':' + std::to_string(m_options.port);
    const auto fail = [&](const std::string& what, const error_code& ec) {
        if (error)
            *error = what + " " + where + ": " + ec.message() + '.';
        m_acceptor.reset();
        return false;
    };
    error_code ec;
    const asio::ip::address address = asio::ip::make_address(m_options.bindAddress, ec);
    if (ec) {
        if (error)
            *error = "invalid bind address '" + m_options.bindAddress + "': " + ec.message() + '.';
        return false;
    }
    const tcp::endpoint endpoint(address, m_options.port);
    m_acceptor.emplace(asio::make_strand(*m_ioc));
    if (m_acceptor->open(endpoint.protocol(), ec); ec)
        return fail("cannot open a socket for", ec);
    if (m_acceptor->set_option(asio::socket_base::reuse_address(true), ec); ec)
        return fail("cannot configure the socket for", ec);
    if (m_acceptor->bind(endpoint, ec); ec) {
        if (ec == asio::error::address_in_use)
            return fail("cannot listen on", ec); // "... Address already in use."
        return fail("cannot bind to", ec);
    }
    if (m_acceptor->listen(asio::socket_base::max_listen_connections, ec); ec)
        return fail("cannot listen on", ec);
    m_port.store(m_acceptor->local_endpoint(ec).port());
    m_acceptRetryTimer.emplace(m_acceptor->get_executor());
    return true;
}

bool ServerCore::start(std::string* error)
{
    const std::lock_guard lifecycle(m_lifecycleMutex);
    if (m_running) {
        if (error)
            *error = "the server is already running.";
        return false;
    }
    {
        const std::unique_lock lock(m_routesMutex);
        if (!m_router.contains("GET", "/healthz")) {
            m_router.add("GET", "/healthz",
                         [](const Request&) { return Response::json(200, R"({"status":"ok"})"); });
        }
        if (!m_router.contains("GET", "/metrics")) {
            m_router.add("GET", "/metrics", [this](const Request&) {
                Response response;
                response.contentType = "text/plain; version=0.0.4; charset=utf-8";
                response.body = m_metrics.render();
                return response;
            });
        }
    }
    if (!loadTls(error))
        return false;

    const int ioThreads = std::max(1, m_options.ioThreads);
    m_ioc = std::make_unique<asio::io_context>(ioThreads);
    if (!listen(error)) {
        m_acceptRetryTimer.reset();
        m_acceptor.reset();
        m_ioc.reset();
        m_ssl.reset();
        return false;
    }

    m_stopping.store(false);
    {
        const std::unique_lock lock(m_poolMutex);
        m_pool = std::make_unique<asio::thread_pool>(
            static_cast<std::size_t>(std::max(1, m_options.workerThreads)));
    }
    m_work.emplace(m_ioc->get_executor());
    asio::post(m_acceptor->get_executor(), [this] { doAccept(); });
    for (int i = 0; i < ioThreads; ++i)
        m_ioThreads.emplace_back([this] { runIo(); });
    m_running = true;
    emitLogLine(logRecord("info", "listening")
                    .field("address", m_options.bindAddress)
                    .field("port", static_cast<int>(m_port.load())));
    return true;
}

void ServerCore::runIo()
{
    for (;;) {
        try {
            m_ioc->run();
            return;
        } catch (const std::exception& e) {
            emitLogLine(logRecord("error", "unexpected exception on an I/O thread").field("error", e.what()));
        } catch (...) {
            emitLogLine(logRecord("error", "unexpected exception on an I/O thread"));
        }
    }
}

void ServerCore::doAccept()
{
    m_acceptor->async_accept(asio::make_strand(*m_ioc), [this](const error_code& ec, tcp::socket socket) {
        onAccept(ec, std::move(socket));
    });
}

void ServerCore::onAccept(const error_code& ec, tcp::socket socket)
{
    if (ec == asio::error::operation_aborted || !m_acceptor->is_open())
        return;
    if (ec) {
        emitLogLine(logRecord("error", "accept failed").field("error", ec.message()));
        // Out of file descriptors (or similar): back off instead of spinning on the failing accept.
        m_acceptRetryTimer->expires_after(100ms);
        m_acceptRetryTimer->async_wait([this](const error_code& timerError) {
            if (!timerError && m_acceptor->is_open())
                doAccept();
        });
        return;
    }
    error_code ignored;
    if (m_stopping.load()) {
        socket.close(ignored);
        return;
    }
    if (m_openConnections.load() >= m_options.maxConnections) {
        socket.close(ignored);
        m_metrics.increment("outpost_http_refused_connections_total");
        const std::int64_t now = nowSeconds();
        if (m_lastRefusalLog.exchange(now) != now) { // at most one line per second
            emitLogLine(
                logRecord("warn", "connection refused: too many open connections")
                    .field("max_connections", static_cast<unsigned long long>(m_options.maxConnections)));
        }
        doAccept();
        return;
    }
    std::string peer = peerAddress(socket);
    socket.set_option(tcp::no_delay(true), ignored);

    ++m_openConnections;
    updateConnectionGauge();
    auto session = std::make_shared<HttpSession>(*this, std::move(socket), std::move(peer));
    {
        const std::lock_guard lock(m_sessionsMutex);
        m_sessions.emplace(session.get(), session);
    }
    session->start();
    doAccept();
}

std::vector<std::shared_ptr<HttpSession>> ServerCore::liveSessions()
{
    std::vector<std::shared_ptr<HttpSession>> sessions;
    const std::lock_guard lock(m_sessionsMutex);
    sessions.reserve(m_sessions.size());
    for (const auto& entry : m_sessions) {
        if (auto session = entry.second.lock())
            sessions.push_back(std::move(session));
    }
    return sessions;
}

void ServerCore::stop(std::chrono::milliseconds grace)
{
    const std::lock_guard lifecycle(m_lifecycleMutex);
    if (!m_running)
        return;
    m_stopping.store(true);
    const auto deadline = std::chrono::steady_clock::now() + grace;

    // 1. Stop accepting (on the acceptor's strand; wait so that new connections are refused from here on).
    {
        auto closed = std::make_shared<std::promise<void>>();
        auto done = closed->get_future();
        asio::post(m_acceptor->get_executor(), [this, closed] {
            error_code ignored;
            m_acceptor->close(ignored);
            m_acceptRetryTimer->cancel();
            closed->set_value();
        });
        done.wait_for(5s);
    }

    // 2. Idle connections and event streams end now; busy ones after their response.
    for (const auto& session : liveSessions())
        session->serverStopping();

    // 3. Let running handlers finish and their responses go out.
    {
        std::unique_lock lock(m_busyMutex);
        if (!m_busyCv.wait_until(lock, deadline, [this] { return m_busy == 0; })) {
            emitLogLine(logRecord("warn", "stopping with requests still running")
                            .field("requests", static_cast<unsigned long long>(m_busy)));
        }
    }

    // 4. Cut every stream link (user threads can no longer reach a session) and close every connection.
    for (const auto& session : liveSessions())
        session->terminate();

    // 5. Join the workers: a handler still running is waited for (it cannot be interrupted); queued ones
    //    are dropped.
    std::unique_ptr<asio::thread_pool> pool;
    {
        const std::unique_lock lock(m_poolMutex);
        pool = std::move(m_pool);
    }
    pool->stop();
    pool->join();
    pool.reset();

    // 6. Give the I/O threads a moment to finish closing, then stop them.
    {
        std::unique_lock lock(m_sessionsMutex);
        m_sessionsCv.wait_for(lock, 2s, [this] { return m_sessions.empty(); });
    }
    m_work.reset();
    m_ioc->stop();
    for (std::thread& thread : m_ioThreads)
        thread.join();
    m_ioThreads.clear();

    // 7. Destroying the io_context destroys any handler never run, and with it the last sessions.
    m_acceptRetryTimer.reset();
    m_acceptor.reset();
    m_ioc.reset();
    m_ssl.reset();
    m_running = false;
    m_port.store(0);
    emitLogLine(logRecord("info", "stopped"));
}

void ServerCore::acquireBusy()
{
    const std::lock_guard lock(m_busyMutex);
    ++m_busy;
}

void ServerCore::releaseBusy()
{
    const std::lock_guard lock(m_busyMutex);
    if (--m_busy == 0)
        m_busyCv.notify_all();
}

void ServerCore::connectionClosed()
{
    --m_openConnections;
    updateConnectionGauge();
}

// Gauges are read and published under one lock so that concurrent updates cannot publish a stale value last.
void ServerCore::updateConnectionGauge()
{
    const std::lock_guard lock(m_gaugeMutex);
    m_metrics.set("outpost_http_open_connections", static_cast<double>(m_openConnections.load()));
}

void ServerCore::streamOpened()
{
    ++m_openStreams;
    const std::lock_guard lock(m_gaugeMutex);
    m_metrics.set("outpost_http_event_streams", static_cast<double>(m_openStreams.load()));
}

void ServerCore::streamClosed()
{
    --m_openStreams;
    const std::lock_guard lock(m_gaugeMutex);
    m_metrics.set("outpost_http_event_streams", static_cast<double>(m_openStreams.load()));
}

void ServerCore::unregisterSession(HttpSession* session)
{
    const std::lock_guard lock(m_sessionsMutex);
    m_sessions.erase(session);
    if (m_sessions.empty())
        m_sessionsCv.notify_all();
}

void ServerCore::recordRequest(const std::string& method, const std::string& route, int status,
                               double seconds)
{
    m_metrics.increment(
        "outpost_http_requests_total",
        Metrics::formatLabels({{"method", method}, {"route", route}, {"status", std::to_string(status)}}));
    m_metrics.observe("outpost_http_request_duration_seconds", seconds,
                      Metrics::formatLabels({{"route", route}}));
}

} // namespace outpost::http::detail
