#pragma once

#include <QMutex>
#include <QString>
#include <QWaitCondition>

#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace outpost {

// A low-priority thread that runs a piece of work when asked (the background WAL checkpoints, the search-index
// tidier). It starts at the first request and runs the work once per batch of requests: requests made while
// the work runs make it run once more afterwards. It ends after kIdleMs without a request and starts again at
// the next one; stop() (or the destructor) ends it for good, waiting for the work under way.
class RequestedThread
{
public:
    static constexpr int kIdleMs = 60'000;

    // `work` runs on the thread, and `finished` there too each time the thread ends (idle or stopped): to let go
    // of what the thread holds, e.g. its database connection.
    RequestedThread(QString name, std::function<void()> work, std::function<void()> finished = {});
    ~RequestedThread();
    RequestedThread(const RequestedThread&) = delete;
    RequestedThread& operator=(const RequestedThread&) = delete;

    // Asks for a run; ignored once stopped. `whileLocked`, if given, runs (unless stopped) under the lock that
    // guards the pending request, so ifNoRequestPending() sees both or neither.
    void request(const std::function<void()>& whileLocked = {});
    // Ends the thread for good, waiting for the work under way; later requests are ignored.
    void stop();
    bool isStopping() const { return m_stopping.load(std::memory_order_acquire); }

    // From the work: waits `ms`, less if stop() comes (a request does not shorten it).
    void sleep(int ms);
    // From the work: runs `f` under the request lock if no request came since this run began.
    void ifNoRequestPending(const std::function<void()>& f);

private:
    void run();

    const QString m_name;
    const std::function<void()> m_work;
    const std::function<void()> m_finished;
    std::atomic<bool> m_stopping{false};
    QMutex m_lock;
    QWaitCondition m_wake;  // a request or stop()
    QWaitCondition m_sleep; // stop() only
    bool m_requested = false;
    bool m_idle = false; // the thread ended for lack of requests (joined at the next)
    std::unique_ptr<QThread> m_thread;
};

} // namespace outpost
