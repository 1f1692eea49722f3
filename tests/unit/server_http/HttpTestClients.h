#pragma once

// Clients for the HTTP server tests: libcurl for well-behaved requests, a raw OpenSSL connection for the
// misbehaving ones curl cannot express (half requests, garbage, huge headers, idle streams).

#include <chrono>
#include <cstdint>
#include <curl/curl.h>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace outpost::test {

struct CurlResponse
{
    bool ok = false;   // the transfer completed (any HTTP status)
    std::string error; // curl's message when !ok
    long status = 0;
    std::string body;
    std::map<std::string, std::string> headers; // names lower-cased

    std::string header(const std::string& lowerName) const
    {
        const auto it = headers.find(lowerName);
        return it == headers.end() ? std::string() : it->second;
    }
};

// One curl easy handle; successive requests reuse its connection (keep-alive).
class CurlClient
{
public:
    explicit CurlClient(std::string caFile);
    ~CurlClient();
    CurlClient(const CurlClient&) = delete;
    CurlClient& operator=(const CurlClient&) = delete;

    CurlResponse request(const std::string& method, const std::string& url, const std::string& body = {},
                         const std::vector<std::string>& headers = {});
    // Reads a streaming response; `onData(receivedSoFar)` returning false aborts the transfer (the
    // connection is dropped, as a browser tab being closed would).
    CurlResponse stream(const std::string& url, const std::function<bool(const std::string&)>& onData);
    // Connections opened by the last request (0 = an existing one was reused).
    long lastNewConnections() const;

private:
    CurlResponse perform(const std::function<bool(const std::string&)>& onData);

    std::string m_caFile;
    CURL* m_curl = nullptr;
};

// A blocking TLS client connection with per-call deadlines.
class TlsConnection
{
public:
    TlsConnection() = default;
    ~TlsConnection();
    TlsConnection(const TlsConnection&) = delete;
    TlsConnection& operator=(const TlsConnection&) = delete;

    bool connect(uint16_t port, const std::string& caFile, std::string* error = nullptr);
    bool send(std::string_view data);
    // Reads until `done(received)` holds, the peer closes, or `timeout` passes; returns what arrived.
    std::string readUntil(const std::function<bool(const std::string&)>& done,
                          std::chrono::milliseconds timeout);
    // Reads everything until the peer closes the connection; `closed` tells whether it did in time.
    std::string readUntilClosed(std::chrono::milliseconds timeout, bool* closed);
    void close();

private:
    int m_fd = -1;
    void* m_ctx = nullptr; // SSL_CTX
    void* m_ssl = nullptr; // SSL
    bool m_peerClosed = false;
};

// Whether a plain TCP connection to 127.0.0.1:port is accepted by the kernel right now.
bool tcpPortAcceptsConnections(uint16_t port);

} // namespace outpost::test
