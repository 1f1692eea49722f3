#include "storage/Transaction.h"

#include "storage/SqlCipherDriver.h"

#include <QHash>
#include <QLoggingCategory>

#include <sqlite3.h>

namespace outpost {

Q_LOGGING_CATEGORY(lcTransaction, "outpost.storage.transaction")

namespace {
thread_local QHash<sqlite3*, int> t_depth; // nesting depth per connection on this thread

bool run(sqlite3* db, const QByteArray& sql, QString* err)
{
    char* msg = nullptr;
    const int rc = sqlite3_exec(db, sql.constData(), nullptr, nullptr, &msg);
    if (rc != SQLITE_OK) {
        if (err)
            *err = QString::fromUtf8(msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return false;
    }
    return true;
}
} // namespace

Transaction::Transaction(const QSqlDatabase& db, Kind kind)
    : m_db(db)
{
    sqlite3* handle = SqlCipherDriver::nativeHandle(m_db);
    if (!handle) {
        m_error = Error(ErrorCode::Database, tr("The database is not open."));
        return;
    }
    int& depth = t_depth[handle];
    QString err;
    if (depth == 0) {
        if (!run(handle, kind == Kind::Immediate ? "BEGIN IMMEDIATE" : "BEGIN", &err)) {
            m_error = Error(ErrorCode::Database, tr("Could not start a transaction: %1").arg(err));
            return;
        }
    } else {
        m_savepoint = QStringLiteral("sp_%1").arg(depth);
        if (!run(handle, "SAVEPOINT " + m_savepoint.toLatin1(), &err)) {
            m_error = Error(ErrorCode::Database, tr("Could not start a nested transaction: %1").arg(err));
            return;
        }
    }
    ++depth;
    m_active = true;
}

Transaction::~Transaction()
{
    if (m_active)
        rollback();
}

Status Transaction::commit()
{
    if (!m_active)
        return Error(ErrorCode::Database, tr("No transaction is active."));
    sqlite3* handle = SqlCipherDriver::nativeHandle(m_db);
    QString err;
    const bool ok = m_savepoint.isEmpty() ? run(handle, "COMMIT", &err)
                                          : run(handle, "RELEASE " + m_savepoint.toLatin1(), &err);
    if (!ok) {
        rollback();
        return Error(ErrorCode::Database, tr("Could not save the change: %1").arg(err));
    }
    m_active = false;
    --t_depth[handle];
    return {};
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    sqlite3* handle = SqlCipherDriver::nativeHandle(m_db);
    if (!handle)
        return;
    --t_depth[handle];
    QString err;
    if (m_savepoint.isEmpty()) {
        // After some errors SQLite has already rolled back on its own; that is fine.
        if (!sqlite3_get_autocommit(handle) && !run(handle, "ROLLBACK", &err))
            qCWarning(lcTransaction) << "rollback failed:" << err;
    } else if (!run(handle, "ROLLBACK TO " + m_savepoint.toLatin1() + "; RELEASE " + m_savepoint.toLatin1(), &err)) {
        qCWarning(lcTransaction) << "rollback to savepoint failed:" << err;
    }
}

} // namespace outpost
