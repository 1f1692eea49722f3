#pragma once

// The HTTP/1.1 + TLS front of outpost-server (Boost.Beast). It knows nothing of Outpost's data: the sync
// service registers routes and receives parsed requests on a worker pool (handlers may block on the
// database); the I/O threads never run handler code.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace outpost::http {

struct Request
{
    std::string method;                         // "GET", "POST", ...
    std::string path;                           // target without the query, percent-decoded
    std::map<std::string, std::string> query;   // decoded query parameters
    std::map<std::string, std::string> headers; // names lower-cased
    std::string body;
    std::string peer;                           // "127.0.0.1"
    std::string requestId;                      // for logs and the X-Request-Id response header

    std::string header(const std::string& lowerName) const;
    std::string queryValue(const std::string& name) const;
};

struct Response
{
    int status = 200;
    std::string contentType = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;

    // {"error":{"code":code,"message":message}} with the given status.
    static Response error(int status, const std::string& code, const std::string& message);
    static Response json(int status, std::string body);
};

// A held-open text/event-stream response (Server-Sent Events). Thread-safe; send() after the client went
// away returns false and does nothing.
class EventStream
{
public:
    virtual ~EventStream() = default;
    virtual bool send(const std::string& event, const std::string& data) = 0;
    virtual bool isOpen() const = 0;
    virtual void close() = 0;
};

// What a handler returns: a normal response, or (status 200) an event stream the handler's
// `onOpen` callback receives once the headers are written.
//
// Event streams: `onOpen` runs once, on a worker thread, after "200 text/event-stream" has gone out. Keep
// the shared_ptr (e.g. in a subscriber list) and call send() from any thread later; return from onOpen
// promptly, it occupies a worker while it runs. Drop the stream when send() returns false or isOpen() turns
// false (client gone, close() called, or the server stopped). Headers set on `response` are sent too.
// A stream never keeps the server alive: holding one after stop() is safe, it is just closed.
struct Reply
{
    Response response;
    std::function<void(std::shared_ptr<EventStream>)> onStreamOpen; // set = this is an event stream

    Reply(Response r) : response(std::move(r)) {} // NOLINT: implicit on purpose
    static Reply stream(std::function<void(std::shared_ptr<EventStream>)> onOpen);
};

using Handler = std::function<Reply(const Request&)>;

struct ServerOptions
{
    std::string bindAddress = "127.0.0.1";
    uint16_t port = 0;                       // 0 = any free port; see HttpServer::port()
    std::string certificateFile;             // PEM; TLS is always on
    std::string privateKeyFile;              // PEM
    int ioThreads = 1;
    int workerThreads = 4;
    std::size_t maxHeaderBytes = 16 * 1024;
    std::size_t maxBodyBytes = 16 * 1024 * 1024;                // larger: 413 with a reason
    std::chrono::milliseconds readTimeout{15000};               // a request must arrive within this: else 408
    std::chrono::milliseconds idleTimeout{60000};               // keep-alive connections
    std::chrono::milliseconds streamKeepAlive{15000};           // ": ping" comment on idle event streams
    std::size_t maxConnections = 5000;
    bool accessLog = true;                                      // one JSON line per request on stderr
};

// Counters and gauges exposed at /metrics in Prometheus text format. Thread-safe.
// `labels` is the inside of the braces, e.g. `route="/v1/push",status="200"` (build it with formatLabels() so
// values are escaped); surrounding braces are tolerated. A metric's type is taken from describe(), or else
// from the first call: increment → counter, set → gauge, observe → histogram.
class Metrics
{
public:
    Metrics();
    ~Metrics();
    Metrics(const Metrics&) = delete;
    Metrics& operator=(const Metrics&) = delete;

    // {{"route", "/v1/push"}, {"status", "200"}} → `route="/v1/push",status="200"`
    static std::string formatLabels(const std::vector<std::pair<std::string, std::string>>& pairs);

    void increment(const std::string& name, const std::string& labels = {}, double by = 1);
    void set(const std::string& name, double value, const std::string& labels = {});
    // Observations in seconds; exported as a histogram with fixed buckets.
    void observe(const std::string& name, double seconds, const std::string& labels = {});
    void describe(const std::string& name, const std::string& type, const std::string& help);
    std::string render() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

class HttpServer
{
public:
    explicit HttpServer(ServerOptions options);
    ~HttpServer(); // stops if running

    // Exact-match routes; "/v1/items/*" matches any one remaining suffix. Register before start().
    // GET /healthz and GET /metrics are added at start() unless registered here. HEAD falls back to GET.
    // Handlers run on the worker pool and may block; an exception becomes a 500 (logged, not sent).
    // Do not call stop() or destroy the server from inside a handler.
    void route(const std::string& method, const std::string& path, Handler handler);

    // Binds, loads the certificate and starts the threads. False with `error` filled on failure
    // (port taken, unreadable certificate, ...).
    bool start(std::string* error);
    uint16_t port() const;

    // Graceful: stops accepting, lets running handlers finish (up to `grace`), closes event streams
    // and idle connections, joins the threads. A handler still running after `grace` cannot be interrupted:
    // stop() waits for it to return (its response is then dropped). The server can be start()ed again.
    void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(5000));

    Metrics& metrics();
    std::size_t openConnections() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace outpost::http
