#include "storage/Transaction.h"

#include "storage/SqlCipherDriver.h"
#include "storage/SqlDialect.h"

#include <QHash>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

namespace outpost {

Q_LOGGING_CATEGORY(lcTransaction, "outpost.storage.transaction")

namespace {
thread_local QHash<const void*, int> t_depth; // nesting depth per connection on this thread

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

// PostgreSQL: the same statements through Qt Sql, one at a time.
bool run(const QSqlDatabase& db, const QByteArray& sql, QString* err)
{
    for (const QByteArray& statement : sql.split(';')) {
        QSqlQuery q(db);
        if (!q.exec(QString::fromLatin1(statement.trimmed()))) {
            if (err)
                *err = q.lastError().text();
            return false;
        }
    }
    return true;
}

// The connection's identity for the nesting depth: SQLite's handle, or the PostgreSQL driver.
const void* connectionKey(const QSqlDatabase& db)
{
    if (isPostgres(db))
        return db.isOpen() ? db.driver() : nullptr;
    return SqlCipherDriver::nativeHandle(db);
}

bool run(const QSqlDatabase& db, const void* key, const QByteArray& sql, QString* err)
{
    if (isPostgres(db))
        return run(db, sql, err);
    auto* handle = static_cast<sqlite3*>(const_cast<void*>(key));
    const auto* driver = qobject_cast<const SqlCipherDriver*>(db.driver());
    if (!driver || sql.contains(';'))
        return run(handle, sql, err);
    // One statement: compiled once per connection and kept by the driver (a push opens and releases a
    // savepoint per mutation; sqlite3_exec would compile both every time).
    sqlite3_stmt* stmt = driver->takeIdleStatement(sql);
    if (!stmt && sqlite3_prepare_v2(handle, sql.constData(), int(sql.size()), &stmt, nullptr) != SQLITE_OK) {
        if (err)
            *err = QString::fromUtf8(sqlite3_errmsg(handle));
        sqlite3_finalize(stmt);
        return false;
    }
    const int rc = sqlite3_step(stmt);
    const bool ok = rc == SQLITE_DONE || rc == SQLITE_ROW;
    if (!ok && err)
        *err = QString::fromUtf8(sqlite3_errmsg(handle));
    driver->keepIdleStatement(sql, stmt); // resets it
    return ok;
}
} // namespace

Transaction::Transaction(const QSqlDatabase& db, Kind kind)
    : m_db(db)
{
    const void* handle = connectionKey(m_db);
    if (!handle) {
        m_error = Error(ErrorCode::Database, tr("The database is not open."));
        return;
    }
    int& depth = t_depth[handle];
    QString err;
    if (depth == 0) {
        QByteArray begin = kind == Kind::Immediate ? "BEGIN IMMEDIATE" : "BEGIN";
        if (isPostgres(m_db)) {
            begin = kind == Kind::Immediate ? QByteArray("BEGIN; SELECT pg_advisory_xact_lock(")
                                                  + QByteArray::number(kPostgresWriterLockClass) + ", hashtext(current_schema()))"
                                            : QByteArray("BEGIN ISOLATION LEVEL REPEATABLE READ");
        }
        if (!run(m_db, handle, begin, &err)) {
            m_error = Error(ErrorCode::Database, tr("Could not start a transaction: %1").arg(err));
            return;
        }
    } else {
        m_savepoint = QStringLiteral("sp_%1").arg(depth);
        if (!run(m_db, handle, "SAVEPOINT " + m_savepoint.toLatin1(), &err)) {
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
    const void* handle = connectionKey(m_db);
    QString err;
    const bool ok = m_savepoint.isEmpty() ? run(m_db, handle, "COMMIT", &err)
                                          : run(m_db, handle, "RELEASE " + m_savepoint.toLatin1(), &err);
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
    const void* handle = connectionKey(m_db);
    if (!handle)
        return;
    --t_depth[handle];
    QString err;
    if (m_savepoint.isEmpty()) {
        // After some errors SQLite has already rolled back on its own; that is fine.
        const bool open = isPostgres(m_db) || !sqlite3_get_autocommit(static_cast<sqlite3*>(const_cast<void*>(handle)));
        if (open && !run(m_db, handle, "ROLLBACK", &err))
            qCWarning(lcTransaction) << "rollback failed:" << err;
    } else if (!run(m_db, handle, "ROLLBACK TO " + m_savepoint.toLatin1() + "; RELEASE " + m_savepoint.toLatin1(), &err)) {
        qCWarning(lcTransaction) << "rollback to savepoint failed:" << err;
    }
}

} // namespace outpost
