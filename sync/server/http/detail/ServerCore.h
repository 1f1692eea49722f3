#pragma once

// Everything HttpServer owns at run time: the TLS context, the io_context and its threads, the acceptor,
// the worker pool, the routes, the metrics and the registry of live sessions. Sessions hold a reference to
// it; stop() guarantees that every session is destroyed before it returns, so the reference never dangles.

#include "http/detail/Router.h"
#include "http/HttpServer.h"

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <thread>
#include <unordered_map>

namespace outpost::http::detail {

class HttpSession;

class ServerCore
{
public:
    explicit ServerCore(ServerOptions options);
    ~ServerCore();
    ServerCore(const ServerCore&) = delete;
    ServerCore& operator=(const ServerCore&) = delete;

    void addRoute(const std::string& method, const std::string& path, Handler handler);
    RouteMatch matchRoute(const std::string& method, const std::string& path) const;

    bool start(std::string* error);
    void stop(std::chrono::milliseconds grace);
    uint16_t port() const { return m_port.load(); }
    std::size_t openConnections() const { return m_openConnections.load(); }
    Metrics& metrics() { return m_metrics; }

    // --- used by HttpSession ---
    const ServerOptions& options() const { return m_options; }
    boost::asio::ssl::context& sslContext() { return *m_ssl; }
    bool stopping() const { return m_stopping.load(); }

    // False once stop() has taken the pool down (the job is then dropped).
    template <class Job> bool postToWorkers(Job&& job)
    {
        const std::shared_lock lock(m_poolMutex);
        if (!m_pool)
            return false;
        boost::asio::post(*m_pool, std::forward<Job>(job));
        return true;
    }

    // A request between "fully read" and "response written": stop() waits for these (up to its grace).
    void acquireBusy();
    void releaseBusy();

    void connectionClosed();
    void streamOpened();
    void streamClosed();
    void unregisterSession(HttpSession* session);
    void recordRequest(const std::string& method, const std::string& route, int status, double seconds);

private:
    bool loadTls(std::string* error);
    bool listen(std::string* error);
    void doAccept();
    void onAccept(const boost::system::error_code& ec, boost::asio::ip::tcp::socket socket);
    void runIo();
    std::vector<std::shared_ptr<HttpSession>> liveSessions();
    void updateConnectionGauge();

    const ServerOptions m_options;
    Metrics m_metrics;

    mutable std::shared_mutex m_routesMutex;
    Router m_router;

    std::mutex m_sessionsMutex;
    std::condition_variable m_sessionsCv;
    std::unordered_map<HttpSession*, std::weak_ptr<HttpSession>> m_sessions;

    std::mutex m_busyMutex;
    std::condition_variable m_busyCv;
    std::size_t m_busy = 0;

    std::mutex m_gaugeMutex;
    std::atomic<std::size_t> m_openConnections{0};
    std::atomic<std::size_t> m_openStreams{0};
    std::atomic<uint16_t> m_port{0};
    std::atomic<bool> m_stopping{false};
    std::atomic<std::int64_t> m_lastRefusalLog{0};
    bool m_running = false;
    std::mutex m_lifecycleMutex; // serialises start() and stop()

    // Destroyed in reverse order by stop(): threads joined, pool joined, acceptor, io_context, TLS context.
    std::unique_ptr<boost::asio::ssl::context> m_ssl;
    std::unique_ptr<boost::asio::io_context> m_ioc;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> m_work;
    std::optional<boost::asio::ip::tcp::acceptor> m_acceptor;
    std::optional<boost::asio::steady_timer> m_acceptRetryTimer;
    mutable std::shared_mutex m_poolMutex; // I/O threads post while stop() takes the pool down
    std::unique_ptr<boost::asio::thread_pool> m_pool;
    std::vector<std::thread> m_ioThreads;
};

} // namespace outpost::http::detail
