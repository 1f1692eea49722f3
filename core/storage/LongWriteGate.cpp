#include "storage/LongWriteGate.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QThread>

#include <algorithm>
#include <iterator>

#include <sqlite3.h>

namespace outpost {

namespace {

// SQLite's own busy-timeout steps (sqliteDefaultBusyCallback), in ms: short at first, then 100 ms at a time.
constexpr int kDelays[] = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};

// Since when this thread waits for the write lock (one lock at a time: the handler blocks the thread).
thread_local QElapsedTimer t_waitingSince;

} // namespace

LongWriteGate::LongWriteGate(int busyTimeoutMs)
    : m_busyTimeoutMs(busyTimeoutMs)
{
}

void LongWriteGate::attach(sqlite3* connection)
{
    sqlite3_busy_handler(connection, &LongWriteGate::busyHandler, this);
}

int LongWriteGate::busyHandler(void* gate, int count)
{
    return static_cast<LongWriteGate*>(gate)->onBusy(count);
}

int LongWriteGate::onBusy(int count)
{
    if (count == 0)
        t_waitingSince.start();
    const Qt::HANDLE self = QThread::currentThreadId();
    QMutexLocker locker(&m_lock);
    if (m_longWriter && m_longWriter != self) {
        // A long write holds (or is about to take) the lock: wait for its end, then retry at once.
        ++m_parked;
        m_changed.wakeAll();
        const QDeadlineTimer limit(kLongWriteLimitMs);
        while (m_longWriter && m_longWriter != self && !limit.hasExpired())
            m_changed.wait(&m_lock, limit);
        --m_parked;
        const bool ended = !m_longWriter;
        if (m_handOver > 0)
            --m_handOver;
        m_changed.wakeAll();
        t_waitingSince.start(); // the ordinary timeout counts from here
        return ended ? 1 : 0;
    }
    // The ordinary busy timeout; the long write's own thread waits up to the limit (for a user's edit or an
    // import to commit: the step must not fail for that).
    const qint64 timeout = m_longWriter == self ? kLongWriteLimitMs : m_busyTimeoutMs;
    const qint64 left = timeout - t_waitingSince.elapsed();
    if (left <= 0)
        return 0;
    const int delay = kDelays[std::min<size_t>(size_t(count), std::size(kDelays) - 1)];
    m_changed.wait(&m_lock, QDeadlineTimer(std::min<qint64>(delay, left))); // a long write starting wakes it
    return 1;
}

void LongWriteGate::begin()
{
    const Qt::HANDLE self = QThread::currentThreadId();
    QMutexLocker locker(&m_lock);
    while (m_longWriter && m_longWriter != self) // one long write at a time
        m_changed.wait(&m_lock);
    // The writers the previous step parked retry the lock as soon as they wake; this thread, running on,
    // would often take it first and park them for one more step. Their turn first.
    const bool handingOver = m_handOver > 0;
    const QDeadlineTimer handOver(kHandOverMs);
    while (m_handOver > 0 && !handOver.hasExpired())
        m_changed.wait(&m_lock, handOver);
    m_handOver = 0;
    locker.unlock();
    if (handingOver)
        QThread::yieldCurrentThread(); // they left the handler: let them reach the lock
    locker.relock();
    m_longWriter = self;
    m_changed.wakeAll();
}

void LongWriteGate::end()
{
    QMutexLocker locker(&m_lock);
    m_longWriter = nullptr;
    m_handOver = m_parked;
    m_changed.wakeAll();
}

bool LongWriteGate::waitForParked(int n, int timeoutMs) const
{
    QMutexLocker locker(&m_lock);
    const QDeadlineTimer deadline(timeoutMs);
    while (m_parked < n && !deadline.hasExpired())
        m_changed.wait(&m_lock, deadline);
    return m_parked >= n;
}

} // namespace outpost
