#include "storage/WalCheckpointer.h"

#include "storage/Database.h"
#include "storage/SqlCipherDriver.h"

#include <QLoggingCategory>
#include <QSqlDatabase>

#include <sqlite3.h>

namespace outpost {

Q_LOGGING_CATEGORY(lcCheckpoint, "outpost.storage.checkpoint", QtWarningMsg)

WalCheckpointer::WalCheckpointer(Database& db)
    : m_db(db)
    , m_thread(QStringLiteral("wal-checkpoint"), [this] { checkpoint(); }, [this] { m_db.releaseThreadConnection(); })
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
        c->m_thread.request([c] { c->m_busy.store(true, std::memory_order_release); });
        return SQLITE_OK;
    }
    // Not handed over (yet, or any more), or far behind: as SQLite's automatic checkpoint does. Its outcome
    // does not change the commit that just happened (a busy reader only leaves pages for the next one).
    sqlite3_wal_checkpoint_v2(connection, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
}

void WalCheckpointer::checkpoint()
{
    {
        // The connection first: it may wait for a re-key to end, which holds the pause.
        (void)m_db.connection();
        std::lock_guard<std::mutex> running(m_running);
        sqlite3* handle = SqlCipherDriver::nativeHandle(m_db.connection()); // reopened if re-keyed meanwhile
        if (!handle) {
            qCWarning(lcCheckpoint) << "no connection for the checkpoint:" << m_db.lastConnectionError().message;
            return;
        }
        int logPages = 0;
        int copied = 0;
        const int rc = sqlite3_wal_checkpoint_v2(handle, nullptr, SQLITE_CHECKPOINT_PASSIVE, &logPages, &copied);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY)
            qCWarning(lcCheckpoint) << "checkpoint failed:" << sqlite3_errmsg(handle);
        qCDebug(lcCheckpoint) << "checkpoint:" << copied << "of" << logPages << "pages";
        if (rc == SQLITE_OK && copied == logPages)
            m_completed.fetch_add(1, std::memory_order_acq_rel);
    }
    m_thread.ifNoRequestPending([this] { m_busy.store(false, std::memory_order_release); });
}

void WalCheckpointer::stop()
{
    m_enabled.store(false, std::memory_order_release);
    m_thread.stop();
}

} // namespace outpost
