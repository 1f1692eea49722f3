// outpost_server_http end to end: a real HttpServer on a loopback port with a throw-away certificate,
// driven by libcurl and by raw TLS connections. No test waits by sleeping: every wait is for a condition,
// with a generous deadline.

#include "http/HttpServer.h"

#include "HttpTestClients.h"
#include "TempDir.h"
#include "TestCertificate.h"
#include "Wait.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <future>
#include <gtest/gtest.h>
#include <mutex>
#include <QJsonDocument>
#include <QJsonObject>
#include <thread>

using namespace outpost::http;
using namespace outpost::test;
using namespace std::chrono_literals;

namespace {

constexpr auto kDeadline = 20s; // for waits on conditions; never reached when things work

QJsonObject parseJsonObject(const std::string& text)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << "not JSON: " << text;
    return document.object();
}

QJsonValue member(const QJsonObject& object, const char* key)
{
    return object.value(QString::fromLatin1(key));
}

std::string memberString(const QJsonObject& object, const char* key)
{
    return member(object, key).toString().toStdString();
}

std::string errorCode(const std::string& body)
{
    return memberString(member(parseJsonObject(body), "error").toObject(), "code");
}

// Blocks a handler until the test releases it.
class Gate
{
public:
    void open()
    {
        const std::lock_guard lock(m_mutex);
        m_open = true;
        m_cv.notify_all();
    }
    bool waitOpen(std::chrono::milliseconds timeout)
    {
        std::unique_lock lock(m_mutex);
        return m_cv.wait_for(lock, timeout, [this] { return m_open; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_open = false;
};

// For conditions nothing signals (the kernel refusing connections): checks every few milliseconds until
// the condition holds or the deadline passes.
bool pollUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

std::string withoutPings(std::string text)
{
    for (std::size_t at = text.find(": ping\n\n"); at != std::string::npos; at = text.find(": ping\n\n"))
        text.erase(at, 8);
    return text;
}

} // namespace

class ServerHttp : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = new TempDir();
        s_certificate = s_dir->filePath(QStringLiteral("server.crt")).toStdString();
        s_privateKey = s_dir->filePath(QStringLiteral("server.key")).toStdString();
        std::string error;
        ASSERT_TRUE(writeSelfSignedCertificate(s_certificate, s_privateKey, &error)) << error;
    }

    static void TearDownTestSuite()
    {
        delete s_dir;
        s_dir = nullptr;
    }

    static ServerOptions baseOptions()
    {
        ServerOptions options;
        options.certificateFile = s_certificate;
        options.privateKeyFile = s_privateKey;
        options.accessLog = false;
        options.ioThreads = 2;
        options.workerThreads = 4;
        return options;
    }

    // Starts `server`; the test fails here if it cannot.
    static void start(HttpServer& server)
    {
        std::string error;
        ASSERT_TRUE(server.start(&error)) << error;
        ASSERT_NE(server.port(), 0);
    }

    static std::string url(const HttpServer& server, const std::string& pathAndQuery)
    {
        return "https://127.0.0.1:" + std::to_string(server.port()) + pathAndQuery;
    }

    static std::string certificate() { return s_certificate; }

    static inline TempDir* s_dir = nullptr;
    static inline std::string s_certificate;
    static inline std::string s_privateKey;
};

TEST_F(ServerHttp, RoutesExactAndWildcardPaths)
{
    HttpServer server(baseOptions());
    server.route("GET", "/v1/items", [](const Request&) { return Response::json(200, R"({"items":[]})"); });
    server.route("POST", "/v1/items", [](const Request&) { return Response::json(201, R"({"id":1})"); });
    server.route("GET", "/v1/files/*",
                 [](const Request& r) { return Response::json(200, "\"" + r.path + "\""); });
    server.route("GET", "/v1/files/special",
                 [](const Request&) { return Response::json(200, R"("exact")"); });
    start(server);
    CurlClient client(certificate());

    CurlResponse r = client.request("GET", url(server, "/v1/items"));
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"items":[]})");
    EXPECT_EQ(r.header("content-type"), "application/json");

    r = client.request("POST", url(server, "/v1/items"), R"({"name":"x"})");
    EXPECT_EQ(r.status, 201);
    EXPECT_EQ(r.body, R"({"id":1})");

    r = client.request("GET", url(server, "/v1/files/a/b.txt"));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"("/v1/files/a/b.txt")");

    r = client.request("GET", url(server, "/v1/files/special"));
    EXPECT_EQ(r.body, R"("exact")") << "an exact route wins over a wildcard";

    r = client.request("GET", url(server, "/v1/files/"));
    EXPECT_EQ(r.status, 404) << "a wildcard needs a non-empty remainder";
    r = client.request("GET", url(server, "/v1/item"));
    EXPECT_EQ(r.status, 404);
}

TEST_F(ServerHttp, UnknownPathIs404WithJsonError)
{
    HttpServer server(baseOptions());
    start(server);
    CurlClient client(certificate());

    const CurlResponse r = client.request("GET", url(server, "/nowhere"));
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.header("content-type"), "application/json");
    EXPECT_EQ(errorCode(r.body), "not_found");
    EXPECT_FALSE(memberString(member(parseJsonObject(r.body), "error").toObject(), "message").empty());
}

TEST_F(ServerHttp, WrongMethodIs405WithAllowHeader)
{
    HttpServer server(baseOptions());
    server.route("GET", "/v1/items", [](const Request&) { return Response::json(200, "[]"); });
    server.route("POST", "/v1/items", [](const Request&) { return Response::json(201, "{}"); });
    start(server);
    CurlClient client(certificate());

    const CurlResponse r = client.request("DELETE", url(server, "/v1/items"));
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.header("allow"), "GET, POST");
    EXPECT_EQ(errorCode(r.body), "method_not_allowed");
}

TEST_F(ServerHttp, ParsesQueryHeadersPeerAndRequestId)
{
    HttpServer server(baseOptions());
    std::mutex mutex;
    Request seen;
    server.route("POST", "/v1/echo path", [&](const Request& request) {
        const std::lock_guard lock(mutex);
        seen = request;
        return Response::json(200, "{}");
    });
    start(server);
    CurlClient client(certificate());

    const CurlResponse r = client.request(
        "POST", url(server, "/v1/echo%20path?name=J%C3%BCrgen&tag=a+b%2Bc&empty=&flag&name=second"),
        "payload", {"X-Custom-Header: Some Value", "Content-Type: text/plain"});
    ASSERT_TRUE(r.ok) << r.error;
    ASSERT_EQ(r.status, 200);

    const std::lock_guard lock(mutex);
    EXPECT_EQ(seen.method, "POST");
    EXPECT_EQ(seen.path, "/v1/echo path");
    EXPECT_EQ(seen.queryValue("name"), "J\xC3\xBCrgen") << "the first of repeated keys is kept";
    EXPECT_EQ(seen.queryValue("tag"), "a b+c");
    EXPECT_EQ(seen.query.count("empty"), 1u);
    EXPECT_EQ(seen.query.count("flag"), 1u);
    EXPECT_EQ(seen.queryValue("missing"), "");
    EXPECT_EQ(seen.header("x-custom-header"), "Some Value");
    EXPECT_EQ(seen.header("content-type"), "text/plain");
    EXPECT_EQ(seen.header("X-Custom-Header"), "") << "names are stored lower-cased";
    EXPECT_EQ(seen.body, "payload");
    EXPECT_EQ(seen.peer, "127.0.0.1");
    EXPECT_EQ(seen.requestId.size(), 32u);
    EXPECT_EQ(seen.requestId.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_EQ(r.header("x-request-id"), seen.requestId);
}

TEST_F(ServerHttp, KeepAliveReusesTheConnection)
{
    HttpServer server(baseOptions());
    server.route("GET", "/a", [](const Request&) { return Response::json(200, "1"); });
    start(server);
    CurlClient client(certificate());

    ASSERT_EQ(client.request("GET", url(server, "/a")).status, 200);
    EXPECT_EQ(client.lastNewConnections(), 1);
    const CurlResponse second = client.request("GET", url(server, "/a"));
    EXPECT_EQ(second.status, 200);
    EXPECT_EQ(client.lastNewConnections(), 0) << "the second request should reuse the first connection";
}

TEST_F(ServerHttp, HeadIsGetWithoutABodyAndPipelinedRequestsAreServed)
{
    HttpServer server(baseOptions());
    server.route("GET", "/v1/items", [](const Request&) { return Response::json(200, "[1,2,3]"); });
    start(server);

    TlsConnection raw;
    ASSERT_TRUE(raw.connect(server.port(), certificate()));
    // Both requests in one write: the second must wait in the buffer while the first is answered.
    ASSERT_TRUE(raw.send("HEAD /v1/items HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                         "GET /v1/items HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
    bool closed = false;
    const std::string replies = raw.readUntilClosed(kDeadline, &closed);
    EXPECT_TRUE(closed);
    const std::size_t second = replies.find("HTTP/1.1 200", 1);
    ASSERT_EQ(replies.rfind("HTTP/1.1 200", 0), 0u) << replies;
    ASSERT_NE(second, std::string::npos) << replies;
    const std::string head = replies.substr(0, second);
    const std::string get = replies.substr(second);
    EXPECT_NE(head.find("Content-Length: 7\r\n"), std::string::npos) << head;
    EXPECT_NE(head.find("Date: "), std::string::npos) << head;
    EXPECT_EQ(head.substr(head.size() - 4), "\r\n\r\n") << "no body after a HEAD response";
    EXPECT_EQ(get.substr(get.size() - 7), "[1,2,3]") << get;
}

TEST_F(ServerHttp, ExpectContinueBodyIsReceived)
{
    HttpServer server(baseOptions());
    server.route("POST", "/upload",
                 [](const Request& r) { return Response::json(200, std::to_string(r.body.size())); });
    start(server);
    CurlClient client(certificate());

    const std::string body(200 * 1024, 'x');
    const CurlResponse r = client.request("POST", url(server, "/upload"), body, {"Expect: 100-continue"});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, std::to_string(body.size()));
}

TEST_F(ServerHttp, OversizedBodyIs413)
{
    ServerOptions options = baseOptions();
    options.maxBodyBytes = 1024;
    HttpServer server(options);
    server.route("POST", "/upload", [](const Request&) { return Response::json(200, "{}"); });
    start(server);

    {
        CurlClient client(certificate());
        const CurlResponse r = client.request("POST", url(server, "/upload"), std::string(256 * 1024, 'x'));
        ASSERT_TRUE(r.ok) << r.error;
        EXPECT_EQ(r.status, 413);
        EXPECT_EQ(errorCode(r.body), "body_too_large");
    }
    {
        // Chunked: the size is only known while reading.
        TlsConnection raw;
        ASSERT_TRUE(raw.connect(server.port(), certificate()));
        const std::string chunk(4096, 'y');
        ASSERT_TRUE(
            raw.send("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"));
        raw.send("1000\r\n" + chunk + "\r\n");
        bool closed = false;
        const std::string reply = raw.readUntilClosed(kDeadline, &closed);
        EXPECT_TRUE(closed);
        EXPECT_EQ(reply.rfind("HTTP/1.1 413", 0), 0u) << reply;
        EXPECT_NE(reply.find("body_too_large"), std::string::npos);
    }
    CurlClient after(certificate());
    EXPECT_EQ(after.request("POST", url(server, "/upload"), "small").status, 200);
}

TEST_F(ServerHttp, HugeHeaderIs431)
{
    HttpServer server(baseOptions()); // maxHeaderBytes: 16 KiB
    start(server);

    TlsConnection raw;
    ASSERT_TRUE(raw.connect(server.port(), certificate()));
    ASSERT_TRUE(raw.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + std::string(64 * 1024, 'h') +
                         "\r\n\r\n"));
    bool closed = false;
    const std::string reply = raw.readUntilClosed(kDeadline, &closed);
    EXPECT_TRUE(closed);
    EXPECT_EQ(reply.rfind("HTTP/1.1 431", 0), 0u) << reply.substr(0, 200);
    EXPECT_NE(reply.find("headers_too_large"), std::string::npos);

    CurlClient client(certificate());
    EXPECT_EQ(client.request("GET", url(server, "/healthz")).status, 200);
}

TEST_F(ServerHttp, MalformedRequestsAre400)
{
    HttpServer server(baseOptions());
    start(server);

    for (const std::string& request : {std::string("THIS IS NOT HTTP\r\n\r\n"),
                                       std::string("GET /healthz HTTP/1.1\r\nBad Header Name: x\r\n\r\n"),
                                       std::string("GET /a/../healthz HTTP/1.1\r\nHost: x\r\n\r\n"),
                                       std::string("GET /bad%zzescape HTTP/1.1\r\nHost: x\r\n\r\n")}) {
        TlsConnection raw;
        ASSERT_TRUE(raw.connect(server.port(), certificate()));
        ASSERT_TRUE(raw.send(request));
        bool closed = false;
        const std::string reply = raw.readUntilClosed(kDeadline, &closed);
        EXPECT_TRUE(closed) << request;
        EXPECT_EQ(reply.rfind("HTTP/1.1 400", 0), 0u) << request << " → " << reply;
        const std::size_t bodyStart = reply.find("\r\n\r\n");
        ASSERT_NE(bodyStart, std::string::npos);
        EXPECT_EQ(errorCode(reply.substr(bodyStart + 4)), "bad_request");
    }
    CurlClient client(certificate());
    EXPECT_EQ(client.request("GET", url(server, "/healthz")).status, 200);
}

TEST_F(ServerHttp, SlowClientGets408AndIsDisconnected)
{
    ServerOptions options = baseOptions();
    options.readTimeout = 200ms;
    HttpServer server(options);
    server.route("POST", "/upload", [](const Request&) { return Response::json(200, "{}"); });
    start(server);

    for (const std::string& halfRequest :
         {std::string("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"), // headers never finished
          std::string(
              "POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\nfirst bytes")}) {
        TlsConnection slow;
        ASSERT_TRUE(slow.connect(server.port(), certificate()));
        ASSERT_TRUE(slow.send(halfRequest));
        bool closed = false;
        const std::string reply = slow.readUntilClosed(kDeadline, &closed);
        EXPECT_TRUE(closed) << "the server must close a connection whose request never completes";
        EXPECT_EQ(reply.rfind("HTTP/1.1 408", 0), 0u) << reply;
        EXPECT_NE(reply.find("request_timeout"), std::string::npos);
        EXPECT_NE(reply.find("Connection: close"), std::string::npos);
    }
}

TEST_F(ServerHttp, IdleKeepAliveConnectionsAreClosed)
{
    ServerOptions options = baseOptions();
    options.idleTimeout = 100ms;
    HttpServer server(options);
    start(server);

    CurlClient client(certificate());
    ASSERT_EQ(client.request("GET", url(server, "/healthz")).status, 200);
    EXPECT_TRUE(waitUntil([&] { return server.openConnections() == 0; }, 20000));
    const CurlResponse again = client.request("GET", url(server, "/healthz"));
    ASSERT_TRUE(again.ok) << again.error;
    EXPECT_EQ(again.status, 200);
}

TEST_F(ServerHttp, KeepsServingOthersWhileASlowClientIsConnected)
{
    ServerOptions options = baseOptions();
    options.ioThreads = 1;
    options.readTimeout = 60s;
    HttpServer server(options);
    start(server);

    TlsConnection slow;
    ASSERT_TRUE(slow.connect(server.port(), certificate()));
    ASSERT_TRUE(slow.send("POST /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nhalf"));
    ASSERT_TRUE(waitUntil([&] { return server.openConnections() == 1; }, 20000));

    CurlClient client(certificate());
    for (int i = 0; i < 3; ++i) {
        const CurlResponse r = client.request("GET", url(server, "/healthz"));
        ASSERT_TRUE(r.ok) << r.error;
        EXPECT_EQ(r.status, 200);
    }
    EXPECT_EQ(server.openConnections(), 2u);
}

TEST_F(ServerHttp, HandlerExceptionIs500AndTheServerSurvives)
{
    HttpServer server(baseOptions());
    server.route("GET", "/boom",
                 [](const Request&) -> Reply { throw std::runtime_error("database on fire"); });
    server.route("GET", "/weird", [](const Request&) -> Reply { throw 42; });
    start(server);
    CurlClient client(certificate());

    CurlResponse r = client.request("GET", url(server, "/boom"));
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(errorCode(r.body), "internal_error");
    EXPECT_EQ(r.body.find("database on fire"), std::string::npos) << "internals are logged, not sent";

    r = client.request("GET", url(server, "/weird"));
    EXPECT_EQ(r.status, 500);
    r = client.request("GET", url(server, "/healthz"));
    EXPECT_EQ(r.status, 200);
}

TEST_F(ServerHttp, HealthzIsBuiltIn)
{
    HttpServer server(baseOptions());
    start(server);
    CurlClient client(certificate());

    const CurlResponse r = client.request("GET", url(server, "/healthz"));
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(memberString(parseJsonObject(r.body), "status"), "ok");
}

TEST_F(ServerHttp, UserRoutesReplaceBuiltIns)
{
    HttpServer server(baseOptions());
    server.route("GET", "/healthz",
                 [](const Request&) { return Response::json(200, R"({"status":"custom"})"); });
    start(server);
    CurlClient client(certificate());

    EXPECT_EQ(client.request("GET", url(server, "/healthz")).body, R"({"status":"custom"})");
}

TEST_F(ServerHttp, MetricsCountRequests)
{
    HttpServer server(baseOptions());
    server.route("GET", "/v1/items", [](const Request&) { return Response::json(200, "[]"); });
    server.metrics().increment("outpost_sync_pushes_total", R"(kind="contact")");
    start(server);
    CurlClient client(certificate()); // one connection: each request is recorded before the next is read

    EXPECT_EQ(client.request("GET", url(server, "/v1/items")).status, 200);
    EXPECT_EQ(client.request("GET", url(server, "/v1/items")).status, 200);
    EXPECT_EQ(client.request("GET", url(server, "/missing")).status, 404);
    const CurlResponse r = client.request("GET", url(server, "/metrics"));
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("content-type").rfind("text/plain; version=0.0.4", 0), 0u) << r.header("content-type");

    const std::string& text = r.body;
    EXPECT_NE(text.find("# HELP outpost_http_requests_total "), std::string::npos) << text;
    EXPECT_NE(text.find("# TYPE outpost_http_requests_total counter\n"), std::string::npos);
    EXPECT_NE(text.find("outpost_http_requests_total{method=\"GET\",route=\"/v1/items\",status=\"200\"} 2\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("outpost_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1\n"),
              std::string::npos);
    EXPECT_NE(text.find("# TYPE outpost_http_request_duration_seconds histogram\n"), std::string::npos);
    EXPECT_NE(text.find("outpost_http_request_duration_seconds_bucket{route=\"/v1/items\",le=\"+Inf\"} 2\n"),
              std::string::npos);
    EXPECT_NE(text.find("outpost_http_request_duration_seconds_count{route=\"/v1/items\"} 2\n"),
              std::string::npos);
    EXPECT_NE(text.find("outpost_http_open_connections 1\n"), std::string::npos);
    EXPECT_NE(text.find("outpost_http_event_streams 0\n"), std::string::npos);
    EXPECT_NE(text.find("outpost_sync_pushes_total{kind=\"contact\"} 1\n"), std::string::npos);
}

TEST_F(ServerHttp, EventStreamDeliversEventsInOrder)
{
    HttpServer server(baseOptions());
    std::promise<std::shared_ptr<EventStream>> opened;
    server.route("GET", "/v1/events", [&](const Request&) {
        return Reply::stream(
            [&](std::shared_ptr<EventStream> stream) { opened.set_value(std::move(stream)); });
    });
    start(server);

    CurlResponse result;
    std::thread clientThread([&] {
        CurlClient client(certificate());
        result = client.stream(url(server, "/v1/events"), [](const std::string& received) {
            return received.find("event: done\ndata: \n\n") == std::string::npos;
        });
    });

    auto future = opened.get_future();
    ASSERT_EQ(future.wait_for(kDeadline), std::future_status::ready);
    const std::shared_ptr<EventStream> stream = future.get();
    EXPECT_TRUE(stream->isOpen());

    std::string expected;
    std::thread sender([&] {
        for (int i = 0; i < 100; ++i)
            EXPECT_TRUE(stream->send("tick", std::to_string(i)));
        EXPECT_TRUE(stream->send("multi", "line one\nline two\r\nline three"));
        EXPECT_TRUE(stream->send("done", ""));
    });
    sender.join();
    for (int i = 0; i < 100; ++i)
        expected += "event: tick\ndata: " + std::to_string(i) + "\n\n";
    expected += "event: multi\ndata: line one\ndata: line two\ndata: line three\n\n";
    expected += "event: done\ndata: \n\n";

    clientThread.join(); // the client hangs up after "done"
    EXPECT_EQ(result.status, 200);
    EXPECT_EQ(result.header("content-type"), "text/event-stream");
    EXPECT_EQ(result.header("cache-control"), "no-store");
    EXPECT_EQ(withoutPings(result.body), expected);

    // The client went away: the server notices without anyone sending.
    EXPECT_TRUE(waitUntil([&] { return !stream->isOpen(); }, 20000));
    EXPECT_FALSE(stream->send("tick", "late"));
    EXPECT_TRUE(waitUntil(
        [&] { return server.metrics().render().find("outpost_http_event_streams 0\n") != std::string::npos; },
        20000));
}

TEST_F(ServerHttp, EventStreamCloseEndsTheResponse)
{
    HttpServer server(baseOptions());
    server.route("GET", "/v1/events", [](const Request&) {
        return Reply::stream([](std::shared_ptr<EventStream> stream) {
            stream->send("hello", "world");
            stream->close();
            EXPECT_FALSE(stream->isOpen());
            EXPECT_FALSE(stream->send("after", "close"));
        });
    });
    start(server);
    CurlClient client(certificate());

    const CurlResponse r = client.stream(url(server, "/v1/events"), {});
    ASSERT_TRUE(r.ok) << r.error; // a complete chunked response
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(withoutPings(r.body), "event: hello\ndata: world\n\n");
}

TEST_F(ServerHttp, EventStreamToAnHttp10ClientIsNotChunked)
{
    HttpServer server(baseOptions());
    server.route("GET", "/v1/events", [](const Request&) {
        return Reply::stream([](std::shared_ptr<EventStream> stream) {
            stream->send("a", "b");
            stream->close();
        });
    });
    start(server);

    TlsConnection raw;
    ASSERT_TRUE(raw.connect(server.port(), certificate()));
    ASSERT_TRUE(raw.send("GET /v1/events HTTP/1.0\r\n\r\n"));
    bool closed = false;
    const std::string reply = raw.readUntilClosed(kDeadline, &closed);
    EXPECT_TRUE(closed) << "the end of an HTTP/1.0 body is the end of the connection";
    EXPECT_EQ(reply.find("Transfer-Encoding"), std::string::npos) << reply;
    const std::size_t bodyStart = reply.find("\r\n\r\n");
    ASSERT_NE(bodyStart, std::string::npos);
    EXPECT_EQ(withoutPings(reply.substr(bodyStart + 4)), "event: a\ndata: b\n\n");
}

TEST_F(ServerHttp, IdleEventStreamsArePinged)
{
    ServerOptions options = baseOptions();
    options.streamKeepAlive = 50ms;
    HttpServer server(options);
    server.route("GET", "/v1/events",
                 [](const Request&) { return Reply::stream([](std::shared_ptr<EventStream>) {}); });
    start(server);
    CurlClient client(certificate());

    const CurlResponse r = client.stream(url(server, "/v1/events"), [](const std::string& received) {
        return received.find(": ping\n\n") == std::string::npos;
    });
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find(": ping\n\n"), std::string::npos);
}

TEST_F(ServerHttp, ManyConcurrentEventStreams)
{
    constexpr int kStreams = 200;
    HttpServer server(baseOptions());
    std::mutex mutex;
    std::vector<std::shared_ptr<EventStream>> streams;
    server.route("GET", "/v1/events", [&](const Request&) {
        return Reply::stream([&](std::shared_ptr<EventStream> stream) {
            const std::lock_guard lock(mutex);
            streams.push_back(std::move(stream));
        });
    });
    start(server);

    std::vector<std::unique_ptr<TlsConnection>> clients;
    for (int i = 0; i < kStreams; ++i) {
        auto connection = std::make_unique<TlsConnection>();
        std::string error;
        ASSERT_TRUE(connection->connect(server.port(), certificate(), &error)) << error;
        ASSERT_TRUE(connection->send("GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        clients.push_back(std::move(connection));
    }
    ASSERT_TRUE(waitUntil(
        [&] {
            const std::lock_guard lock(mutex);
            return streams.size() == kStreams;
        },
        60000));
    EXPECT_NE(server.metrics().render().find("outpost_http_event_streams 200\n"), std::string::npos);

    {
        const std::lock_guard lock(mutex);
        for (const auto& stream : streams)
            EXPECT_TRUE(stream->send("news", "for everyone"));
    }
    for (const auto& connection : clients) {
        const std::string received = connection->readUntil(
            [](const std::string& text) { return text.find("data: for everyone\n\n") != std::string::npos; },
            kDeadline);
        EXPECT_NE(received.find("data: for everyone\n\n"), std::string::npos);
    }

    server.stop();
    const std::lock_guard lock(mutex);
    for (const auto& stream : streams) {
        EXPECT_FALSE(stream->isOpen());
        EXPECT_FALSE(stream->send("news", "too late"));
    }
}

TEST_F(ServerHttp, StreamsOutliveTheServerSafely)
{
    std::shared_ptr<EventStream> kept;
    {
        HttpServer server(baseOptions());
        std::promise<std::shared_ptr<EventStream>> opened;
        server.route("GET", "/v1/events", [&](const Request&) {
            return Reply::stream(
                [&](std::shared_ptr<EventStream> stream) { opened.set_value(std::move(stream)); });
        });
        start(server);
        TlsConnection raw;
        ASSERT_TRUE(raw.connect(server.port(), certificate()));
        ASSERT_TRUE(raw.send("GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        auto future = opened.get_future();
        ASSERT_EQ(future.wait_for(kDeadline), std::future_status::ready);
        kept = future.get();
        EXPECT_TRUE(kept->isOpen());
    } // ~HttpServer stops it with the stream open and the client still connected
    EXPECT_FALSE(kept->isOpen());
    EXPECT_FALSE(kept->send("x", "y"));
    kept->close();
}

TEST_F(ServerHttp, GracefulStopLetsARunningHandlerFinish)
{
    auto server = std::make_unique<HttpServer>(baseOptions());
    std::promise<void> entered;
    Gate gate;
    server->route("GET", "/slow", [&](const Request&) {
        entered.set_value();
        gate.waitOpen(kDeadline);
        return Response::json(200, R"({"finished":true})");
    });
    start(*server);
    const uint16_t port = server->port();

    CurlResponse result;
    std::thread clientThread([&] {
        CurlClient client(certificate());
        result = client.request("GET", "https://127.0.0.1:" + std::to_string(port) + "/slow");
    });
    ASSERT_EQ(entered.get_future().wait_for(kDeadline), std::future_status::ready);

    std::thread stopper([&] { server->stop(30s); });
    // stop() has begun once the port refuses new connections; only then let the handler finish.
    EXPECT_TRUE(pollUntil([&] { return !tcpPortAcceptsConnections(port); }, kDeadline));
    gate.open();
    stopper.join();
    clientThread.join();

    ASSERT_TRUE(result.ok) << result.error;
    EXPECT_EQ(result.status, 200);
    EXPECT_EQ(result.body, R"({"finished":true})");
    EXPECT_EQ(result.header("connection"), "close");
    EXPECT_EQ(server->openConnections(), 0u);
}

TEST_F(ServerHttp, RefusesConnectionsOverTheLimit)
{
    ServerOptions options = baseOptions();
    options.maxConnections = 1;
    HttpServer server(options);
    start(server);

    auto first = std::make_unique<TlsConnection>();
    ASSERT_TRUE(first->connect(server.port(), certificate()));
    ASSERT_TRUE(waitUntil([&] { return server.openConnections() == 1; }, 20000));

    CurlClient refused(certificate());
    const CurlResponse r = refused.request("GET", url(server, "/healthz"));
    EXPECT_FALSE(r.ok) << "a connection over the limit must not be served";

    first.reset(); // frees the slot
    ASSERT_TRUE(waitUntil([&] { return server.openConnections() == 0; }, 20000));
    CurlClient client(certificate());
    const CurlResponse ok = client.request("GET", url(server, "/healthz"));
    ASSERT_TRUE(ok.ok) << ok.error;
    EXPECT_EQ(ok.status, 200);
    EXPECT_NE(server.metrics().render().find("outpost_http_refused_connections_total 1\n"),
              std::string::npos);
}

TEST_F(ServerHttp, StartFailsWhenThePortIsInUse)
{
    HttpServer first(baseOptions());
    start(first);

    ServerOptions options = baseOptions();
    options.port = first.port();
    HttpServer second(options);
    std::string error;
    EXPECT_FALSE(second.start(&error));
    EXPECT_NE(error.find(std::to_string(first.port())), std::string::npos) << error;
    EXPECT_NE(error.find("in use"), std::string::npos) << error;
    EXPECT_EQ(second.port(), 0);
}

TEST_F(ServerHttp, StartFailsOnAMissingOrInvalidCertificate)
{
    ServerOptions options = baseOptions();
    options.certificateFile = s_dir->filePath(QStringLiteral("does-not-exist.pem")).toStdString();
    HttpServer missing(options);
    std::string error;
    EXPECT_FALSE(missing.start(&error));
    EXPECT_NE(error.find("does-not-exist.pem"), std::string::npos) << error;
    EXPECT_NE(error.find("No such file"), std::string::npos) << error;

    const std::string garbage = s_dir->filePath(QStringLiteral("garbage.pem")).toStdString();
    {
        std::FILE* file = std::fopen(garbage.c_str(), "wb");
        ASSERT_NE(file, nullptr);
        std::fputs("not a certificate\n", file);
        std::fclose(file);
    }
    options.certificateFile = garbage;
    HttpServer invalid(options);
    error.clear();
    EXPECT_FALSE(invalid.start(&error));
    EXPECT_NE(error.find("garbage.pem"), std::string::npos) << error;
    EXPECT_NE(error.find("certificate"), std::string::npos) << error;
}

TEST_F(ServerHttp, RestartsAfterStop)
{
    HttpServer server(baseOptions());
    start(server);
    server.stop();
    EXPECT_EQ(server.port(), 0);
    start(server);
    CurlClient client(certificate());
    EXPECT_EQ(client.request("GET", url(server, "/healthz")).status, 200);
}

TEST_F(ServerHttp, AccessLogWritesOneJsonLinePerRequest)
{
    ServerOptions options = baseOptions();
    options.accessLog = true;
    HttpServer server(options);
    server.route("GET", "/v1/items", [](const Request&) { return Response::json(200, "[1,2,3]"); });
    start(server);

    ::testing::internal::CaptureStderr();
    CurlResponse r;
    {
        CurlClient client(certificate());
        r = client.request("GET", url(server, "/v1/items?x=1"));
    }
    server.stop();
    const std::string log = ::testing::internal::GetCapturedStderr();
    ASSERT_EQ(r.status, 200);

    int requestLines = 0;
    std::size_t start = 0;
    while (start < log.size()) {
        const std::size_t end = log.find('\n', start);
        const std::string line =
            log.substr(start, end == std::string::npos ? std::string::npos : end - start);
        start = end == std::string::npos ? log.size() : end + 1;
        const QJsonObject entry = parseJsonObject(line);
        if (memberString(entry, "msg") != "request")
            continue;
        ++requestLines;
        EXPECT_EQ(memberString(entry, "level"), "info");
        const std::string ts = memberString(entry, "ts");
        EXPECT_TRUE(!ts.empty() && ts.back() == 'Z') << line;
        EXPECT_EQ(memberString(entry, "method"), "GET");
        EXPECT_EQ(memberString(entry, "path"), "/v1/items");
        EXPECT_EQ(member(entry, "status").toInt(), 200);
        EXPECT_EQ(member(entry, "bytes").toInt(), 7);
        EXPECT_TRUE(member(entry, "ms").isDouble());
        EXPECT_EQ(memberString(entry, "peer"), "127.0.0.1");
        EXPECT_EQ(memberString(entry, "request_id"), r.header("x-request-id"));
    }
    EXPECT_EQ(requestLines, 1) << log;
}
