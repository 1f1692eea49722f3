#pragma once

// One TLS connection: handshake, keep-alive request loop, dispatch to the worker pool, response writing,
// and (when a handler returns Reply::stream) a chunked text/event-stream response with a write queue.
//
// Threading: every member function except start(), serverStopping(), terminate() and the stream entry
// points runs on the connection's strand. Outstanding asynchronous operations hold a shared_ptr to the
// session; once closeNow() has run, the last of them completes and the session is destroyed.

#include "http/HttpServer.h"

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <deque>
#include <mutex>

namespace outpost::http::detail {

class HttpSession;
class ServerCore;

// What an EventStream handed to user code holds instead of the session itself, so that user code keeping a
// stream forever never keeps a connection (or the io_context under it) alive.
struct StreamLink
{
    std::mutex mutex;
    std::weak_ptr<HttpSession> session; // guarded by mutex; reset when the stream ends
    bool dead = false;                  // guarded by mutex; set by the server's stop(): never reconnect
    std::atomic<bool> open{false};
};

class HttpSession : public std::enable_shared_from_this<HttpSession>
{
public:
    HttpSession(ServerCore& core, boost::asio::ip::tcp::socket socket, std::string peer);
    ~HttpSession();
    HttpSession(const HttpSession&) = delete;
    HttpSession& operator=(const HttpSession&) = delete;

    // Thread-safe entry points.
    void start();
    void serverStopping(); // close idle connections, end streams; busy ones close after their response
    void terminate();      // close now; the stream link is cut first so user threads cannot reach us
    void postStreamData(std::string chunk);
    void postStreamEnd();

private:
    enum class Phase
    {
        Handshake,
        Idle,
        Reading,
        Handling,
        Writing,
        Streaming,
        Closing,
        Closed
    };
    enum class AfterWrite
    {
        KeepAlive,
        GracefulClose,
        LingeringClose
    };
    using Clock = std::chrono::steady_clock;

    void armDeadline(std::chrono::milliseconds after, void (HttpSession::*onExpiry)());
    void disarmDeadline();
    void cancelSocketOperations();

    void onHandshake(const boost::system::error_code& ec);
    void onHandshakeTimeout();
    void waitForRequest(bool first);
    void onIdleRead(const boost::system::error_code& ec, std::size_t bytes);
    void beginRequest();
    void onReadTimeout();
    void onHeaderRead(const boost::system::error_code& ec);
    void readBody();
    void onBodyRead(const boost::system::error_code& ec);
    void onReadFailed(const boost::system::error_code& ec);
    void dispatch();
    void onReply(Reply reply);

    void respondWithError(int status, const std::string& code, const std::string& message, AfterWrite after);
    void writeResponse(const Response& response, AfterWrite after);
    void onResponseWritten(const boost::system::error_code& ec);
    void finishRequest(int status, std::size_t bytes);

    void startStream(Reply& reply);
    void enqueueStreamWrite(std::string data);
    void writeNextChunk();
    void onChunkWritten(const boost::system::error_code& ec, std::size_t bytes);
    void notifyStreamOpen();
    void armPing();
    void onPingTimer(const boost::system::error_code& ec);
    void watchForDisconnect();
    void endStream();
    void cutStreamLink();

    void gracefulClose();
    void lingeringClose();
    void drain();
    void closeNow();

    ServerCore& m_core;
    const boost::asio::any_io_executor m_executor; // the connection's strand
    boost::beast::ssl_stream<boost::asio::ip::tcp::socket> m_stream;
    boost::asio::steady_timer m_deadline;
    boost::asio::steady_timer m_pingTimer;
    boost::beast::flat_buffer m_buffer;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> m_parser;
    boost::beast::http::response<boost::beast::http::string_body> m_response;
    const std::string m_peer;
    const std::shared_ptr<StreamLink> m_link;

    Phase m_phase = Phase::Handshake;
    std::uint64_t m_deadlineGeneration = 0;
    bool m_closed = false;
    bool m_timedOut = false;
    bool m_busy = false;
    bool m_counted = true; // still counted in ServerCore's open connections
    AfterWrite m_afterWrite = AfterWrite::KeepAlive;
    bool m_keepAlive = false;
    unsigned m_requestVersion = 11;

    // The request being served, for the access log and metrics.
    Clock::time_point m_requestStart;
    std::string m_requestId;
    std::string m_method;
    std::string m_path;
    std::string m_route;
    int m_status = 0;

    // Event stream state.
    bool m_streaming = false;
    bool m_chunked = true;
    bool m_streamHeaderSent = false;
    bool m_streamEnding = false;
    bool m_writing = false;
    std::deque<std::string> m_writeQueue;
    std::size_t m_queuedBytes = 0;
    std::size_t m_streamBytes = 0;
    Clock::time_point m_lastWrite;
    std::function<void(std::shared_ptr<EventStream>)> m_onStreamOpen;
    std::size_t m_drainedBytes = 0;
};

} // namespace outpost::http::detail
