#include "segments/SegmentCounter.h"

#include "storage/Database.h"

namespace outpost {

SegmentCounter::SegmentCounter(Database& database, QObject* parent)
    : QObject(parent)
    , m_database(database)
{
    m_pool.setMaxThreadCount(1); // one count at a time: a newer one waits for the interrupted older one
    m_delay.setSingleShot(true);
    m_delay.setInterval(kDebounceMs);
    connect(&m_delay, &QTimer::timeout, this, &SegmentCounter::startPending);
}

SegmentCounter::~SegmentCounter()
{
    cancel();
    m_pool.waitForDone();
}

void SegmentCounter::request(const SegmentFilter::Sql& sql)
{
    dropRunning();
    m_pending = sql;
    setCounting(true);
    m_delay.start();
}

void SegmentCounter::requestNow(const SegmentFilter::Sql& sql)
{
    request(sql);
    m_delay.stop();
    startPending();
}

void SegmentCounter::cancel()
{
    dropRunning();
    setCounting(false);
}

void SegmentCounter::dropRunning()
{
    ++m_generation; // a result still to come is for an older generation
    m_delay.stop();
    m_pending.reset();
    m_pool.clear(); // a count not started yet never runs
    if (m_cancel)
        m_cancel->store(true); // one running stops at its next check
}

void SegmentCounter::startPending()
{
    if (!m_pending)
        return;
    const SegmentFilter::Sql sql = *m_pending;
    m_pending.reset();
    m_cancel = std::make_shared<std::atomic_bool>(false);
    Database* database = &m_database;
    m_pool.start([this, database, sql, generation = m_generation, cancel = m_cancel] {
        const Result<qint64> n = [&] {
            QSqlDatabase conn = database->connection(); // gone before the connection is released
            return conn.isOpen() ? SegmentFilter::count(conn, sql, cancel.get()) : Result<qint64>(database->lastConnectionError());
        }();
        database->releaseThreadConnection();
        // The destructor waits for this task, so `this` still exists; a call delivered after it is gone is dropped.
        QMetaObject::invokeMethod(this, [this, generation, n] { arrived(generation, n); }, Qt::QueuedConnection);
    });
}

void SegmentCounter::arrived(quint64 generation, const Result<qint64>& count)
{
    if (generation != m_generation)
        return; // an older filter's (interrupted or not)
    setCounting(false);
    if (count)
        emit counted(count.value());
    else
        emit failed(count.message());
}

void SegmentCounter::setCounting(bool counting)
{
    if (counting == m_counting)
        return;
    m_counting = counting;
    emit countingChanged(counting);
}

} // namespace outpost
