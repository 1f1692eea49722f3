#include "http/detail/HttpSession.h"

#include "http/detail/JsonLog.h"
#include "http/detail/RequestTarget.h"
#include "http/detail/ServerCore.h"

#include <algorithm>
#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <random>

namespace outpost::http::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using boost::system::error_code;
using namespace std::chrono_literals;

namespace {

// A client that does not read its event stream gets cut off once this much is waiting to be written.
constexpr std::size_t kMaxQueuedStreamBytes = 8 * 1024 * 1024;
// After an error response, unread request bytes are drained for at most this long / this much, so that
// closing the socket does not reset the connection before the client has read the response.
constexpr std::chrono::milliseconds kMaxLinger = 2000ms;
constexpr std::size_t kMaxDrainBytes = 1024 * 1024;
constexpr std::size_t kReadChunk = 4096;

std::string newRequestId()
{
    thread_local std::mt19937_64 generator{[] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device()};
        return std::mt19937_64(seed);
    }()};
    static constexpr std::array<char, 16> hex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                 '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    std::string id;
    id.reserve(32);
    for (int word = 0; word < 2; ++word) {
        std::uint64_t value = generator();
        for (int i = 0; i < 16; ++i) {
            id.push_back(hex[value & 0x0F]);
            value >>= 4;
        }
    }
    return id;
}

// RFC 9110 IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), spelled out by hand: strftime follows the
// process locale, which Qt applications set from the environment.
std::string httpDate()
{
    static constexpr std::array<const char*, 7> days = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    std::array<char, 40> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%s, %02d %s %04d %02d:%02d:%02d GMT",
                  days[static_cast<std::size_t>(utc.tm_wday)], utc.tm_mday,
                  months[static_cast<std::size_t>(utc.tm_mon)], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                  utc.tm_sec);
    return buffer.data();
}

std::string lowerCase(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The metrics "method" label: a fixed set, so clients cannot create unbounded label values.
std::string methodLabel(const std::string& method)
{
    static const std::array<std::string_view, 7> known = {"GET",   "POST", "PUT",    "DELETE",
                                                          "PATCH", "HEAD", "OPTIONS"};
    if (std::find(known.begin(), known.end(), method) != known.end())
        return method;
    return method.empty() ? std::string("NONE") : std::string("OTHER");
}

bool isTokenChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// A header a handler may set: a token name, no CR/LF/NUL in the value, and not one we manage ourselves.
bool isSettableHeader(const std::string& name, const std::string& value)
{
    if (name.empty() || !std::all_of(name.begin(), name.end(), isTokenChar))
        return false;
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos)
        return false;
    const std::string lower = lowerCase(name);
    return lower != "content-length" && lower != "transfer-encoding" && lower != "connection" &&
           lower != "x-request-id";
}

std::string chunk(std::string_view payload)
{
    std::array<char, 20> size{};
    const int length = std::snprintf(size.data(), size.size(), "%zx\r\n", payload.size());
    std::string out;
    out.reserve(static_cast<std::size_t>(length) + payload.size() + 2);
    out.append(size.data(), static_cast<std::size_t>(length));
    out.append(payload);
    out += "\r\n";
    return out;
}

// "event: <event>\ndata: <line>\n...\n" per the SSE wire format; CR, LF and CRLF all split data lines.
std::string formatEvent(const std::string& event, const std::string& data)
{
    std::string out;
    out.reserve(event.size() + data.size() + 32);
    if (!event.empty()) {
        out += "event: ";
        for (const char c : event) {
            if (c != '\r' && c != '\n')
                out.push_back(c);
        }
        out.push_back('\n');
    }
    std::size_t start = 0;
    while (true) {
        const std::size_t end = data.find_first_of("\r\n", start);
        out += "data: ";
        out.append(data, start, end == std::string::npos ? std::string::npos : end - start);
        out.push_back('\n');
        if (end == std::string::npos)
            break;
        start = end + 1;
        if (data[end] == '\r' && start < data.size() && data[start] == '\n')
            ++start;
    }
    out.push_back('\n');
    return out;
}

bool isHttpError(const error_code& ec)
{
    return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category();
}

Reply invokeHandler(const Handler& handler, const Request& request)
{
    const auto failed = [&](const std::string& what) {
        emitLogLine(logRecord("error", "handler failed")
                        .field("method", request.method)
                        .field("path", request.path)
                        .field("request_id", request.requestId)
                        .field("error", what));
        return Reply(Response::error(500, "internal_error",
                                     "The server failed to handle the request; it has been logged with id " +
                                         request.requestId + "."));
    };
    try {
        return handler(request);
    } catch (const std::exception& e) {
        return failed(e.what());
    } catch (...) {
        return failed("unknown exception");
    }
}

// The EventStream user code holds. It only knows the StreamLink, never the session directly.
class SessionEventStream final : public EventStream
{
public:
    explicit SessionEventStream(std::shared_ptr<StreamLink> link)
        : m_link(std::move(link))
    {}

    bool send(const std::string& event, const std::string& data) override
    {
        std::string payload = formatEvent(event, data);
        const std::lock_guard lock(m_link->mutex);
        if (!m_link->open.load())
            return false;
        const std::shared_ptr<HttpSession> session = m_link->session.lock();
        if (!session)
            return false;
        session->postStreamData(std::move(payload));
        return true;
    }

    bool isOpen() const override { return m_link->open.load(); }

    void close() override
    {
        const std::lock_guard lock(m_link->mutex);
        m_link->open.store(false);
        if (const std::shared_ptr<HttpSession> session = m_link->session.lock())
            session->postStreamEnd();
        m_link->session.reset();
    }

private:
    const std::shared_ptr<StreamLink> m_link;
};

} // namespace

HttpSession::HttpSession(ServerCore& core, asio::ip::tcp::socket socket, std::string peer)
    : m_core(core)
    , m_executor(socket.get_executor())
    , m_stream(std::move(socket), core.sslContext())
    , m_deadline(m_executor)
    , m_pingTimer(m_executor)
    , m_peer(std::move(peer))
    , m_link(std::make_shared<StreamLink>())
{}

HttpSession::~HttpSession()
{
    // Normally closeNow() ran already; this covers sessions destroyed with the io_context during stop().
    m_link->open.store(false);
    if (m_busy)
        m_core.releaseBusy();
    if (m_streaming)
        m_core.streamClosed();
    if (m_counted)
        m_core.connectionClosed();
    m_core.unregisterSession(this);
}

// ---- thread-safe entry points ----

void HttpSession::start()
{
    asio::dispatch(m_executor, [self = shared_from_this()] {
        self->m_phase = Phase::Handshake;
        self->armDeadline(self->m_core.options().readTimeout, &HttpSession::onHandshakeTimeout);
        self->m_stream.async_handshake(asio::ssl::stream_base::server,
                                       [self](const error_code& ec) { self->onHandshake(ec); });
    });
}

void HttpSession::serverStopping()
{
    asio::post(m_executor, [self = shared_from_this()] {
        switch (self->m_phase) {
        case Phase::Handshake:
        case Phase::Idle:
        case Phase::Reading:
            self->closeNow();
            break;
        case Phase::Streaming:
            self->endStream();
            break;
        case Phase::Handling: // the response goes out with "Connection: close"
        case Phase::Writing:
        case Phase::Closing:
        case Phase::Closed:
            break;
        }
    });
}

void HttpSession::terminate()
{
    {
        const std::lock_guard lock(m_link->mutex);
        m_link->dead = true;
        m_link->open.store(false);
        m_link->session.reset();
    }
    asio::post(m_executor, [self = shared_from_this()] { self->closeNow(); });
}

void HttpSession::postStreamData(std::string data)
{
    asio::post(m_executor, [self = shared_from_this(), data = std::move(data)]() mutable {
        if (self->m_streaming && !self->m_streamEnding && !self->m_closed)
            self->enqueueStreamWrite(self->m_chunked ? chunk(data) : std::move(data));
    });
}

void HttpSession::postStreamEnd()
{
    asio::post(m_executor, [self = shared_from_this()] { self->endStream(); });
}

// ---- deadlines ----

void HttpSession::armDeadline(std::chrono::milliseconds after, void (HttpSession::*onExpiry)())
{
    const std::uint64_t generation = ++m_deadlineGeneration;
    m_deadline.expires_after(after);
    m_deadline.async_wait([self = shared_from_this(), generation, onExpiry](const error_code& ec) {
        if (ec || generation != self->m_deadlineGeneration || self->m_closed)
            return;
        (self.get()->*onExpiry)();
    });
}

void HttpSession::disarmDeadline()
{
    ++m_deadlineGeneration;
    m_deadline.cancel();
}

void HttpSession::cancelSocketOperations()
{
    error_code ignored;
    beast::get_lowest_layer(m_stream).cancel(ignored);
}

// ---- request loop ----

void HttpSession::onHandshake(const error_code& ec)
{
    if (m_closed)
        return;
    disarmDeadline();
    if (ec) {
        // A peer that connects and leaves without a word (TCP health checks, port probes) is not news.
        if (ec != asio::error::eof && ec != asio::ssl::error::stream_truncated) {
            emitLogLine(
                logRecord("warn", "tls handshake failed").field("peer", m_peer).field("error", ec.message()));
        }
        closeNow();
        return;
    }
    waitForRequest(true);
}

void HttpSession::onHandshakeTimeout()
{
    emitLogLine(logRecord("warn", "tls handshake timed out").field("peer", m_peer));
    closeNow();
}

void HttpSession::waitForRequest(bool first)
{
    const ServerOptions& options = m_core.options();
    m_parser.emplace();
    m_parser->header_limit(
        static_cast<std::uint32_t>(std::min<std::size_t>(options.maxHeaderBytes, UINT32_MAX)));
    m_parser->body_limit(static_cast<std::uint64_t>(options.maxBodyBytes));
    m_method.clear();
    m_path.clear();
    m_route.clear();
    m_requestId.clear();

    if (m_buffer.size() == 0 && m_buffer.capacity() > 16 * 1024)
        m_buffer.shrink_to_fit(); // do not keep a large upload's buffer on an idle connection
    if (!first && m_core.stopping()) {
        gracefulClose();
        return;
    }
    if (first || m_buffer.size() > 0) {
        beginRequest();
        return;
    }
    // Keep-alive: wait up to idleTimeout for the next request's first bytes; from then on it must arrive
    // completely within readTimeout.
    m_phase = Phase::Idle;
    armDeadline(options.idleTimeout, &HttpSession::cancelSocketOperations);
    m_stream.async_read_some(m_buffer.prepare(kReadChunk),
                             [self = shared_from_this()](const error_code& ec, std::size_t bytes) {
                                 self->onIdleRead(ec, bytes);
                             });
}

void HttpSession::onIdleRead(const error_code& ec, std::size_t bytes)
{
    if (m_closed)
        return;
    disarmDeadline();
    if (ec) { // idle timeout, server stopping, or the client went away: nothing is lost
        closeNow();
        return;
    }
    m_buffer.commit(bytes);
    beginRequest();
}

void HttpSession::beginRequest()
{
    m_phase = Phase::Reading;
    m_requestStart = Clock::now();
    m_requestId = newRequestId();
    m_timedOut = false;
    armDeadline(m_core.options().readTimeout, &HttpSession::onReadTimeout);
    bhttp::async_read_header(
        m_stream, m_buffer, *m_parser,
        [self = shared_from_this()](const error_code& ec, std::size_t) { self->onHeaderRead(ec); });
}

void HttpSession::onReadTimeout()
{
    m_timedOut = true;
    cancelSocketOperations(); // the pending read completes with operation_aborted → 408
}

void HttpSession::onHeaderRead(const error_code& ec)
{
    if (m_closed)
        return;
    if (ec || m_timedOut) { // m_timedOut without ec: the deadline passed just as the header completed
        onReadFailed(ec);
        return;
    }
    const auto& header = m_parser->get();
    const auto expect = header.find(bhttp::field::expect);
    if (expect != header.end() && beast::iequals(expect->value(), "100-continue") && header.version() >= 11 &&
        !m_parser->is_done()) {
        static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        asio::async_write(m_stream, asio::buffer(kContinue),
                          [self = shared_from_this()](const error_code& writeError, std::size_t) {
                              if (self->m_closed)
                                  return;
                              if (writeError || self->m_timedOut)
                                  self->onReadFailed(writeError);
                              else
                                  self->readBody();
                          });
        return;
    }
    readBody();
}

void HttpSession::readBody()
{
    bhttp::async_read(
        m_stream, m_buffer, *m_parser,
        [self = shared_from_this()](const error_code& ec, std::size_t) { self->onBodyRead(ec); });
}

void HttpSession::onBodyRead(const error_code& ec)
{
    if (m_closed)
        return;
    if (ec) {
        onReadFailed(ec);
        return;
    }
    disarmDeadline();
    m_timedOut = false;
    dispatch();
}

void HttpSession::onReadFailed(const error_code& ec)
{
    disarmDeadline();
    const ServerOptions& options = m_core.options();

    // Whatever of the request line arrived, for the log and the metrics labels.
    if (m_parser) {
        const auto& header = m_parser->get();
        m_method = std::string(header.method_string());
        RequestTarget target;
        m_path =
            parseRequestTarget(header.target(), target, nullptr) ? target.path : std::string(header.target());
        if (!m_method.empty() && !m_path.empty())
            m_route = m_core.matchRoute(m_method, m_path).pattern;
    }

    if (m_timedOut) {
        respondWithError(408, "request_timeout",
                         "The request was not received completely within " +
                             std::to_string(options.readTimeout.count()) + " ms.",
                         AfterWrite::LingeringClose);
        return;
    }
    if (ec == bhttp::error::header_limit) {
        respondWithError(431, "headers_too_large",
                         "The request headers exceed the limit of " + std::to_string(options.maxHeaderBytes) +
                             " bytes.",
                         AfterWrite::LingeringClose);
        return;
    }
    if (ec == bhttp::error::body_limit) {
        respondWithError(413, "body_too_large",
                         "The request body exceeds the limit of " + std::to_string(options.maxBodyBytes) +
                             " bytes.",
                         AfterWrite::LingeringClose);
        return;
    }
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message || !isHttpError(ec)) {
        closeNow(); // the client went away (or TLS failed): nobody to answer
        return;
    }
    respondWithError(400, "bad_request", "Malformed HTTP request: " + ec.message() + ".",
                     AfterWrite::LingeringClose);
}

void HttpSession::dispatch()
{
    auto message = m_parser->release();
    m_parser.reset();

    auto request = std::make_shared<Request>();
    request->method = std::string(message.method_string());
    request->peer = m_peer;
    request->requestId = m_requestId;
    m_method = request->method;
    m_keepAlive = message.keep_alive();
    m_requestVersion = message.version();

    RequestTarget target;
    std::string targetError;
    if (!parseRequestTarget(message.target(), target, &targetError)) {
        m_path = std::string(message.target());
        respondWithError(400, "bad_request", "Malformed request target: " + targetError + ".",
                         AfterWrite::LingeringClose);
        return;
    }
    request->path = std::move(target.path);
    request->query = std::move(target.query);
    m_path = request->path;
    for (const auto& field : message) {
        std::string name = lowerCase(field.name_string());
        const auto [it, inserted] = request->headers.emplace(std::move(name), std::string(field.value()));
        if (!inserted) {
            it->second += ", ";
            it->second += field.value();
        }
    }
    request->body = std::move(message.body());

    const AfterWrite after = m_keepAlive ? AfterWrite::KeepAlive : AfterWrite::GracefulClose;
    RouteMatch match = m_core.matchRoute(request->method, request->path);
    if (match.kind != RouteMatch::Kind::Found && request->method == "HEAD") {
        // HEAD is GET without the body (writeResponse drops it).
        RouteMatch get = m_core.matchRoute("GET", request->path);
        if (get.kind == RouteMatch::Kind::Found)
            match = std::move(get);
    }
    m_route = match.pattern;
    switch (match.kind) {
    case RouteMatch::Kind::NotFound:
        respondWithError(404, "not_found", "No resource at " + request->path + ".", after);
        return;
    case RouteMatch::Kind::MethodNotAllowed: {
        Response response = Response::error(405, "method_not_allowed",
                                            request->method + " is not allowed on " + request->path +
                                                "; allowed: " + match.allow + ".");
        response.headers.emplace_back("Allow", match.allow);
        writeResponse(response, after);
        return;
    }
    case RouteMatch::Kind::Found:
        break;
    }

    m_phase = Phase::Handling;
    m_busy = true;
    m_core.acquireBusy();
    const bool posted = m_core.postToWorkers(
        [self = shared_from_this(), handler = std::move(match.handler), request]() mutable {
            Reply reply = invokeHandler(handler, *request);
            request.reset();
            const asio::any_io_executor executor = self->m_executor;
            asio::post(executor, [self = std::move(self), reply = std::move(reply)]() mutable {
                self->onReply(std::move(reply));
            });
        });
    if (!posted) // the server is stopping and its workers are gone
        closeNow();
}

void HttpSession::onReply(Reply reply)
{
    if (m_closed)
        return;
    if (reply.onStreamOpen && m_method == "HEAD") {
        Response headers = reply.response;
        headers.contentType = "text/event-stream";
        headers.body.clear();
        writeResponse(headers, m_keepAlive ? AfterWrite::KeepAlive : AfterWrite::GracefulClose);
        return;
    }
    if (reply.onStreamOpen) {
        if (m_core.stopping()) {
            respondWithError(503, "server_stopping", "The server is shutting down; retry shortly.",
                             AfterWrite::GracefulClose);
            return;
        }
        startStream(reply);
        return;
    }
    writeResponse(reply.response, m_keepAlive ? AfterWrite::KeepAlive : AfterWrite::GracefulClose);
}

// ---- responses ----

void HttpSession::respondWithError(int status, const std::string& code, const std::string& message,
                                   AfterWrite after)
{
    writeResponse(Response::error(status, code, message), after);
}

void HttpSession::writeResponse(const Response& response, AfterWrite after)
{
    if (after == AfterWrite::KeepAlive && m_core.stopping())
        after = AfterWrite::GracefulClose;
    m_afterWrite = after;
    m_phase = Phase::Writing;

    int status = response.status;
    if (status < 200 || status > 599) {
        emitLogLine(logRecord("error", "handler returned an invalid status")
                        .field("status", status)
                        .field("request_id", m_requestId));
        status = 500;
    }
    m_response = {};
    m_response.version(11);
    m_response.result(static_cast<unsigned>(status));
    m_response.set(bhttp::field::server, "outpost");
    m_response.set(bhttp::field::date, httpDate());
    if (!response.contentType.empty())
        m_response.set(bhttp::field::content_type, response.contentType);
    for (const auto& [name, value] : response.headers) {
        if (isSettableHeader(name, value)) {
            m_response.insert(name, value);
        } else {
            emitLogLine(logRecord("error", "handler set an invalid or reserved header; dropped")
                            .field("header", name)
                            .field("request_id", m_requestId));
        }
    }
    m_response.set("X-Request-Id", m_requestId);
    if (after != AfterWrite::KeepAlive)
        m_response.set(bhttp::field::connection, "close");
    if (m_method == "HEAD") {
        m_response.content_length(response.body.size()); // what GET would send; no body follows
    } else {
        if (status != 204 && status != 304)
            m_response.body() = response.body;
        m_response.prepare_payload();
    }
    m_status = status;

    armDeadline(std::max(m_core.options().idleTimeout, m_core.options().readTimeout), &HttpSession::closeNow);
    bhttp::async_write(m_stream, m_response, [self = shared_from_this()](const error_code& ec, std::size_t) {
        self->onResponseWritten(ec);
    });
}

void HttpSession::onResponseWritten(const error_code& ec)
{
    if (m_closed)
        return;
    disarmDeadline();
    finishRequest(m_status, m_response.body().size());
    m_response = {};
    if (ec) {
        closeNow();
        return;
    }
    switch (m_afterWrite) {
    case AfterWrite::KeepAlive:
        waitForRequest(false);
        break;
    case AfterWrite::GracefulClose:
        gracefulClose();
        break;
    case AfterWrite::LingeringClose:
        lingeringClose();
        break;
    }
}

void HttpSession::finishRequest(int status, std::size_t bytes)
{
    const double seconds = std::chrono::duration<double>(Clock::now() - m_requestStart).count();
    const std::string route = m_route.empty() ? std::string("unmatched") : m_route;
    m_core.recordRequest(methodLabel(m_method), route, status, seconds);
    if (m_core.options().accessLog) {
        emitLogLine(logRecord("info", "request")
                        .field("method", m_method)
                        .field("path", m_path)
                        .field("status", status)
                        .field("bytes", static_cast<unsigned long long>(bytes))
                        .field("ms", std::round(seconds * 1e5) / 100.0)
                        .field("peer", m_peer)
                        .field("request_id", m_requestId));
    }
    if (m_busy) {
        m_busy = false;
        m_core.releaseBusy();
    }
}

// ---- event streams ----

void HttpSession::startStream(Reply& reply)
{
    bool serverGone = false;
    {
        const std::lock_guard lock(m_link->mutex);
        serverGone = m_link->dead;
        if (!serverGone) {
            m_link->session = weak_from_this();
            m_link->open.store(true);
        }
    }
    if (serverGone) { // stop() has cut this connection off already
        closeNow();
        return;
    }
    m_phase = Phase::Streaming;
    m_streaming = true;
    m_core.streamOpened();
    m_onStreamOpen = std::move(reply.onStreamOpen);
    m_status = 200;
    m_chunked = m_requestVersion >= 11; // HTTP/1.0 has no chunked coding: the body ends when we close

    std::string header = "HTTP/1.1 200 OK\r\n"
                         "Server: outpost\r\n"
                         "Date: " +
                         httpDate() +
                         "\r\n"
                         "Content-Type: text/event-stream\r\n"
                         "Cache-Control: no-store\r\n"
                         "X-Accel-Buffering: no\r\n"
                         "X-Request-Id: " +
                         m_requestId + "\r\n";
    for (const auto& [name, value] : reply.response.headers) {
        const std::string lower = lowerCase(name);
        if (isSettableHeader(name, value) && lower != "content-type" && lower != "cache-control")
            header += name + ": " + value + "\r\n";
    }
    if (m_chunked)
        header += "Transfer-Encoding: chunked\r\n";
    header += "Connection: close\r\n"
              "\r\n";
    m_lastWrite = Clock::now();
    enqueueStreamWrite(std::move(header));
    armPing();
    watchForDisconnect();
}

void HttpSession::enqueueStreamWrite(std::string data)
{
    m_queuedBytes += data.size();
    if (m_queuedBytes > kMaxQueuedStreamBytes) {
        emitLogLine(logRecord("warn", "event stream closed: the client is not reading")
                        .field("peer", m_peer)
                        .field("request_id", m_requestId)
                        .field("queued_bytes", static_cast<unsigned long long>(m_queuedBytes)));
        closeNow();
        return;
    }
    m_writeQueue.push_back(std::move(data));
    if (!m_writing)
        writeNextChunk();
}

void HttpSession::writeNextChunk()
{
    m_writing = true;
    armDeadline(std::max(m_core.options().idleTimeout, m_core.options().streamKeepAlive),
                &HttpSession::closeNow);
    asio::async_write(m_stream, asio::buffer(m_writeQueue.front()),
                      [self = shared_from_this()](const error_code& ec, std::size_t bytes) {
                          self->onChunkWritten(ec, bytes);
                      });
}

void HttpSession::onChunkWritten(const error_code& ec, std::size_t bytes)
{
    if (m_closed)
        return;
    disarmDeadline();
    m_writing = false;
    if (ec) {
        closeNow();
        return;
    }
    m_streamBytes += bytes;
    m_queuedBytes -= m_writeQueue.front().size();
    m_writeQueue.pop_front();
    m_lastWrite = Clock::now();
    if (!m_streamHeaderSent) {
        m_streamHeaderSent = true;
        notifyStreamOpen();
    }
    if (!m_writeQueue.empty())
        writeNextChunk();
    else if (m_streamEnding)
        closeNow(); // the terminating chunk is out: the response is complete
}

void HttpSession::notifyStreamOpen()
{
    // Counted like a response: the request is answered once the stream's header is out.
    m_core.recordRequest(methodLabel(m_method), m_route.empty() ? std::string("unmatched") : m_route, 200,
                         std::chrono::duration<double>(Clock::now() - m_requestStart).count());
    if (m_busy) {
        m_busy = false;
        m_core.releaseBusy();
    }
    auto stream = std::make_shared<SessionEventStream>(m_link);
    m_core.postToWorkers(
        [onOpen = std::move(m_onStreamOpen), stream = std::move(stream), requestId = m_requestId]() mutable {
            try {
                onOpen(stream);
            } catch (const std::exception& e) {
                emitLogLine(logRecord("error", "event stream open callback failed")
                                .field("request_id", requestId)
                                .field("error", e.what()));
                stream->close();
            } catch (...) {
                emitLogLine(
                    logRecord("error", "event stream open callback failed").field("request_id", requestId));
                stream->close();
            }
        });
    m_onStreamOpen = nullptr;
}

void HttpSession::armPing()
{
    const auto interval = m_core.options().streamKeepAlive;
    if (interval.count() <= 0)
        return;
    const auto now = Clock::now();
    m_pingTimer.expires_at(m_writeQueue.empty() ? std::max(m_lastWrite + interval, now) : now + interval);
    m_pingTimer.async_wait([self = shared_from_this()](const error_code& ec) { self->onPingTimer(ec); });
}

void HttpSession::onPingTimer(const error_code& ec)
{
    if (ec || m_closed || !m_streaming || m_streamEnding)
        return;
    const auto now = Clock::now();
    if (m_writeQueue.empty() && now - m_lastWrite >= m_core.options().streamKeepAlive) {
        m_lastWrite = now;
        enqueueStreamWrite(m_chunked ? chunk(": ping\n\n") : std::string(": ping\n\n"));
        if (m_closed)
            return;
    }
    armPing();
}

void HttpSession::watchForDisconnect()
{
    // The client sends nothing on an event stream; a completed read means it closed (or misbehaved).
    m_stream.async_read_some(m_buffer.prepare(512),
                             [self = shared_from_this()](const error_code& ec, std::size_t bytes) {
                                 if (self->m_closed)
                                     return;
                                 if (ec) {
                                     self->closeNow();
                                     return;
                                 }
                                 self->m_buffer.commit(bytes);
                                 self->m_buffer.consume(self->m_buffer.size());
                                 self->watchForDisconnect();
                             });
}

void HttpSession::endStream()
{
    if (!m_streaming || m_streamEnding || m_closed)
        return;
    m_streamEnding = true;
    cutStreamLink();
    m_pingTimer.cancel();
    if (m_chunked)
        enqueueStreamWrite("0\r\n\r\n"); // the last chunk; closed once it is out
    else if (!m_writing)
        closeNow();
}

void HttpSession::cutStreamLink()
{
    const std::lock_guard lock(m_link->mutex);
    m_link->open.store(false);
    m_link->session.reset();
}

// ---- closing ----

void HttpSession::gracefulClose()
{
    m_phase = Phase::Closing;
    armDeadline(std::min(m_core.options().readTimeout, kMaxLinger), &HttpSession::closeNow);
    m_stream.async_shutdown([self = shared_from_this()](const error_code&) { self->closeNow(); });
}

void HttpSession::lingeringClose()
{
    m_phase = Phase::Closing;
    error_code ec;
    beast::get_lowest_layer(m_stream).shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    if (ec) {
        closeNow();
        return;
    }
    m_drainedBytes = 0;
    armDeadline(std::min(m_core.options().readTimeout, kMaxLinger), &HttpSession::closeNow);
    drain();
}

void HttpSession::drain()
{
    // Below TLS on purpose: we only discard what the client still sends until it sees our response.
    beast::get_lowest_layer(m_stream).async_read_some(
        m_buffer.prepare(kReadChunk), [self = shared_from_this()](const error_code& ec, std::size_t bytes) {
            if (self->m_closed)
                return;
            self->m_drainedBytes += bytes;
            if (ec || self->m_drainedBytes > kMaxDrainBytes) {
                self->closeNow();
                return;
            }
            self->drain();
        });
}

void HttpSession::closeNow()
{
    if (m_closed)
        return;
    m_closed = true;
    m_phase = Phase::Closed;
    ++m_deadlineGeneration;
    m_deadline.cancel();
    m_pingTimer.cancel();
    cutStreamLink();

    if (m_streaming) {
        m_streaming = false;
        m_core.streamClosed();
        if (m_core.options().accessLog) {
            emitLogLine(
                logRecord("info", "request")
                    .field("method", m_method)
                    .field("path", m_path)
                    .field("status", 200)
                    .field("bytes", static_cast<unsigned long long>(m_streamBytes))
                    .field(
                        "ms",
                        std::round(
                            std::chrono::duration<double, std::milli>(Clock::now() - m_requestStart).count() *
                            100.0) /
                            100.0)
                    .field("peer", m_peer)
                    .field("request_id", m_requestId)
                    .field("stream", "event-stream"));
        }
    }
    if (m_busy) {
        m_busy = false;
        m_core.releaseBusy();
    }
    // m_writeQueue and m_buffer stay as they are: aborted operations may still refer to them until they
    // complete; the destructor frees them.

    auto& socket = beast::get_lowest_layer(m_stream);
    error_code ignored;
    socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    socket.close(ignored);

    if (m_counted) {
        m_counted = false;
        m_core.connectionClosed();
    }
}

} // namespace outpost::http::detail
