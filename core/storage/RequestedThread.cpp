#include "storage/RequestedThread.h"

#include <QThread>

namespace outpost {

RequestedThread::RequestedThread(QString name, std::function<void()> work, std::function<void()> finished)
    : m_name(std::move(name))
    , m_work(std::move(work))
    , m_finished(std::move(finished))
{
}

RequestedThread::~RequestedThread()
{
    stop();
}

void RequestedThread::request(const std::function<void()>& whileLocked)
{
    QMutexLocker locker(&m_lock);
    if (isStopping())
        return;
    m_requested = true;
    if (whileLocked)
        whileLocked();
    if (m_thread && m_idle) { // it ended after a quiet while (and needs no lock to finish)
        m_thread->wait();
        m_thread.reset();
    }
    if (!m_thread) {
        m_idle = false;
        m_thread.reset(QThread::create([this] { run(); }));
        m_thread->setObjectName(m_name);
        m_thread->start(QThread::LowPriority);
    }
    m_wake.wakeOne();
}

void RequestedThread::stop()
{
    {
        QMutexLocker locker(&m_lock);
        m_stopping.store(true, std::memory_order_release);
        m_wake.wakeAll();
        m_sleep.wakeAll();
    }
    if (m_thread)
        m_thread->wait();
}

void RequestedThread::sleep(int ms)
{
    QMutexLocker locker(&m_lock);
    if (!isStopping())
        m_sleep.wait(&m_lock, ms);
}

void RequestedThread::ifNoRequestPending(const std::function<void()>& f)
{
    QMutexLocker locker(&m_lock);
    if (!m_requested)
        f();
}

void RequestedThread::run()
{
    for (;;) {
        {
            QMutexLocker locker(&m_lock);
            while (!m_requested && !isStopping()) {
                if (!m_wake.wait(&m_lock, kIdleMs) && !m_requested && !isStopping()) {
                    m_idle = true;
                    break;
                }
            }
            if (isStopping() || m_idle)
                break;
            m_requested = false;
        }
        m_work();
    }
    if (m_finished)
        m_finished();
}

} // namespace outpost
