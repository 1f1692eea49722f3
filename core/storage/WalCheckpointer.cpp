#include "storage/WalCheckpointer.h"

#include "storage/Database.h"
#include "storage/SqlCipherDriver.h"

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QThread>

#include <sqlite3.h>

namespace outpost {

Q_LOGGING_CATEGORY(lcCheckpoint, "outpost.storage.checkpoint", QtWarningMsg)

WalCheckpointer::WalCheckpointer(Database& db)
    : m_db(db)
{
}

WalCheckpointer::~WalCheckpointer()
{
    stop();
}

void WalCheckpointer::attach(sqlite3* connection)
{
    sqlite3_wal_hook(connection, &WalCheckpointer::walHook, this);
}

int WalCheckpointer::walHook(void* self, sqlite3* connection, const char* schema, int pages)
{
    auto* c = static_cast<WalCheckpointer*>(self);
    if (pages < kThresholdPages)
        return SQLITE_OK;
    // A big log after one big transaction (an import) goes to the thread too; only a log that grew far while
    // the thread was still busy with an earlier one is checkpointed here.
    if (c->m_enabled.load(std::memory_order_acquire)
        && (pages < kInlinePages || !c->m_busy.load(std::memory_order_acquire))) {
        c->request();
        return SQLITE_OK;
    }
    // Not handed over (yet, or any more), or far behind: as SQLite's automatic checkpoint does. Its outcome
    // does not change the commit that just happened (a busy reader only leaves pages for the next one).
    sqlite3_wal_checkpoint_v2(connection, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
}

void WalCheckpointer::request()
{
    QMutexLocker locker(&m_lock);
    if (m_stopping)
        return;
    m_requested = true;
    m_busy.store(true, std::memory_order_release);
    if (m_thread && m_idle) { // it ended after a quiet minute (and needs no lock to finish)
        m_thread->wait();
        m_thread.reset();
    }
    if (!m_thread) {
        m_idle = false;
        m_thread.reset(QThread::create([this] { run(); }));
        m_thread->setObjectName(QStringLiteral("wal-checkpoint"));
        m_thread->start(QThread::LowPriority);
    }
    m_wake.wakeOne();
}

void WalCheckpointer::run()
{
    constexpr int kIdleMs = 60'000;
    for (;;) {
        {
            QMutexLocker locker(&m_lock);
            while (!m_requested && !m_stopping) {
                if (!m_wake.wait(&m_lock, kIdleMs) && !m_requested && !m_stopping) {
                    m_idle = true;
                    break;
                }
            }
            if (m_stopping || m_idle)
                break;
            m_requested = false;
        }
        // The connection first: it may wait for a re-key to end, which holds the pause.
        (void)m_db.connection();
        std::lock_guard<std::mutex> running(m_running);
        sqlite3* handle = SqlCipherDriver::nativeHandle(m_db.connection()); // reopened if re-keyed meanwhile
        if (!handle) {
            qCWarning(lcCheckpoint) << "no connection for the checkpoint:" << m_db.lastConnectionError().message;
            continue;
        }
        int logPages = 0;
        int copied = 0;
        const int rc = sqlite3_wal_checkpoint_v2(handle, nullptr, SQLITE_CHECKPOINT_PASSIVE, &logPages, &copied);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY)
            qCWarning(lcCheckpoint) << "checkpoint failed:" << sqlite3_errmsg(handle);
        qCDebug(lcCheckpoint) << "checkpoint:" << copied << "of" << logPages << "pages";
        if (rc == SQLITE_OK && copied == logPages)
            m_completed.fetch_add(1, std::memory_order_acq_rel);
        QMutexLocker locker(&m_lock);
        if (!m_requested)
            m_busy.store(false, std::memory_order_release);
    }
    m_db.releaseThreadConnection();
}

void WalCheckpointer::stop()
{
    m_enabled.store(false, std::memory_order_release);
    {
        QMutexLocker locker(&m_lock);
        m_stopping = true;
        m_wake.wakeOne();
    }
    if (m_thread)
        m_thread->wait();
}

} // namespace outpost
