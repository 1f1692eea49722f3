#include "HttpTestClients.h"

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cctype>
#include <csignal>
#include <curl/curl.h>
#include <mutex>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace outpost::test {

namespace {

void initCurlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct TransferState
{
    std::string body;
    std::map<std::string, std::string> headers;
    const std::function<bool(const std::string&)>* onData = nullptr;
};

size_t writeBody(char* data, size_t size, size_t count, void* user)
{
    auto* state = static_cast<TransferState*>(user);
    state->body.append(data, size * count);
    if (state->onData && *state->onData && !(*state->onData)(state->body))
        return 0; // abort
    return size * count;
}

size_t writeHeader(char* data, size_t size, size_t count, void* user)
{
    auto* state = static_cast<TransferState*>(user);
    std::string line(data, size * count);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::string value = line.substr(colon + 1);
        const auto first = value.find_first_not_of(" \t");
        const auto last = value.find_last_not_of(" \t\r\n");
        state->headers[name] =
            first == std::string::npos ? std::string() : value.substr(first, last - first + 1);
    }
    return size * count;
}

} // namespace

CurlClient::CurlClient(std::string caFile)
    : m_caFile(std::move(caFile))
{
    initCurlOnce();
    m_curl = curl_easy_init();
}

CurlClient::~CurlClient()
{
    curl_easy_cleanup(m_curl);
}

CurlResponse CurlClient::perform(const std::function<bool(const std::string&)>& onData)
{
    TransferState state;
    state.onData = &onData;
    curl_easy_setopt(m_curl, CURLOPT_CAINFO, m_caFile.c_str());
    curl_easy_setopt(m_curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(m_curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(m_curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(m_curl, CURLOPT_TIMEOUT, 60L); // a safety net only: no test relies on it
    curl_easy_setopt(m_curl, CURLOPT_WRITEFUNCTION, &writeBody);
    curl_easy_setopt(m_curl, CURLOPT_WRITEDATA, &state);
    curl_easy_setopt(m_curl, CURLOPT_HEADERFUNCTION, &writeHeader);
    curl_easy_setopt(m_curl, CURLOPT_HEADERDATA, &state);

    std::array<char, CURL_ERROR_SIZE> errorBuffer{};
    curl_easy_setopt(m_curl, CURLOPT_ERRORBUFFER, errorBuffer.data());
    const CURLcode code = curl_easy_perform(m_curl);
    curl_easy_setopt(m_curl, CURLOPT_ERRORBUFFER, nullptr);

    CurlResponse response;
    response.ok = code == CURLE_OK;
    if (!response.ok)
        response.error = errorBuffer[0] ? errorBuffer.data() : curl_easy_strerror(code);
    curl_easy_getinfo(m_curl, CURLINFO_RESPONSE_CODE, &response.status);
    response.body = std::move(state.body);
    response.headers = std::move(state.headers);
    return response;
}

CurlResponse CurlClient::request(const std::string& method, const std::string& url, const std::string& body,
                                 const std::vector<std::string>& headers)
{
    curl_easy_setopt(m_curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(m_curl, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(m_curl, CURLOPT_CUSTOMREQUEST, nullptr);
    if (method == "POST" || method == "PUT" || !body.empty()) {
        curl_easy_setopt(m_curl, CURLOPT_POST, 1L);
        curl_easy_setopt(m_curl, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(m_curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    if (method != "GET" && method != "POST")
        curl_easy_setopt(m_curl, CURLOPT_CUSTOMREQUEST, method.c_str());

    curl_slist* list = nullptr;
    for (const std::string& header : headers)
        list = curl_slist_append(list, header.c_str());
    curl_easy_setopt(m_curl, CURLOPT_HTTPHEADER, list);
    const std::function<bool(const std::string&)> none;
    CurlResponse response = perform(none);
    curl_easy_setopt(m_curl, CURLOPT_HTTPHEADER, nullptr);
    curl_slist_free_all(list);
    return response;
}

CurlResponse CurlClient::stream(const std::string& url, const std::function<bool(const std::string&)>& onData)
{
    curl_easy_setopt(m_curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(m_curl, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(m_curl, CURLOPT_CUSTOMREQUEST, nullptr);
    curl_easy_setopt(m_curl, CURLOPT_HTTPHEADER, nullptr);
    return perform(onData);
}

long CurlClient::lastNewConnections() const
{
    long count = -1;
    curl_easy_getinfo(m_curl, CURLINFO_NUM_CONNECTS, &count);
    return count;
}

// ---- TlsConnection ----

TlsConnection::~TlsConnection()
{
    close();
}

bool TlsConnection::connect(uint16_t port, const std::string& caFile, std::string* error)
{
    // OpenSSL writes to the socket with write(): a server that already closed must not kill the test.
    static const bool sigpipeIgnored = std::signal(SIGPIPE, SIG_IGN) != SIG_ERR;
    (void)sigpipeIgnored;

    const auto fail = [&](const std::string& what) {
        if (error) {
            std::array<char, 256> buffer{};
            ERR_error_string_n(ERR_get_error(), buffer.data(), buffer.size());
            *error = what + ": " + buffer.data();
        }
        close();
        return false;
    };
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_fd < 0)
        return fail("socket");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
        return fail("connect");

    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    m_ctx = ctx;
    if (!ctx || SSL_CTX_load_verify_locations(ctx, caFile.c_str(), nullptr) != 1)
        return fail("loading the CA file");
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
    SSL* ssl = SSL_new(ctx);
    m_ssl = ssl;
    SSL_set_fd(ssl, m_fd);
    SSL_set1_host(ssl, "127.0.0.1");
    if (SSL_connect(ssl) != 1)
        return fail("TLS handshake");
    return true;
}

bool TlsConnection::send(std::string_view data)
{
    auto* ssl = static_cast<SSL*>(m_ssl);
    while (!data.empty()) {
        const int written =
            SSL_write(ssl, data.data(), static_cast<int>(std::min<std::size_t>(data.size(), 1 << 20)));
        if (written <= 0)
            return false;
        data.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

std::string TlsConnection::readUntil(const std::function<bool(const std::string&)>& done,
                                     std::chrono::milliseconds timeout)
{
    auto* ssl = static_cast<SSL*>(m_ssl);
    std::string received;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!m_peerClosed && !(done && done(received))) {
        if (SSL_pending(ssl) == 0) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0)
                break;
            pollfd descriptor{m_fd, POLLIN, 0};
            if (::poll(&descriptor, 1, static_cast<int>(left.count())) <= 0)
                break;
        }
        std::array<char, 16384> buffer{};
        const int n = SSL_read(ssl, buffer.data(), static_cast<int>(buffer.size()));
        if (n > 0) {
            received.append(buffer.data(), static_cast<std::size_t>(n));
            continue;
        }
        const int reason = SSL_get_error(ssl, n);
        if (reason == SSL_ERROR_WANT_READ || reason == SSL_ERROR_WANT_WRITE)
            continue;
        m_peerClosed = true; // close_notify, EOF or reset: the server is done with us
    }
    ERR_clear_error();
    return received;
}

std::string TlsConnection::readUntilClosed(std::chrono::milliseconds timeout, bool* closed)
{
    std::string received = readUntil({}, timeout);
    if (closed)
        *closed = m_peerClosed;
    return received;
}

void TlsConnection::close()
{
    if (m_ssl)
        SSL_free(static_cast<SSL*>(m_ssl));
    if (m_ctx)
        SSL_CTX_free(static_cast<SSL_CTX*>(m_ctx));
    if (m_fd >= 0)
        ::close(m_fd);
    m_ssl = nullptr;
    m_ctx = nullptr;
    m_fd = -1;
}

bool tcpPortAcceptsConnections(uint16_t port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return connected;
}

} // namespace outpost::test
