#include "commissions/FastQuery.h"
#include "storage/SqlDialect.h"

#include "storage/SqlCipherDriver.h"

#include <QSqlError>
#include <QVariant>

#include <sqlite3.h>

namespace outpost::commissions {

FastQuery::FastQuery(QSqlDatabase& db) : m_db(SqlCipherDriver::nativeHandle(db))
{
    if (!m_db) {
        m_query = std::make_unique<QSqlQuery>(db);
        m_query->setForwardOnly(true);
    }
}

FastQuery::~FastQuery()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

bool FastQuery::prepare(const QString& sql)
{
    if (m_query)
        return m_query->prepare(sql);
    if (m_stmt) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(m_db, utf8.constData(), int(utf8.size()), &m_stmt, nullptr) != SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        return false;
    }
    return true;
}

void FastQuery::bind(int index, qint64 value)
{
    if (m_query)
        m_query->bindValue(index - 1, value);
    else
        sqlite3_bind_int64(m_stmt, index, value);
}

void FastQuery::bind(int index, const QString& value)
{
    if (m_query) {
        m_query->bindValue(index - 1, sql::text(value)); // '' as on SQLite, not NULL
        return;
    }
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

void FastQuery::bindBlob(int index, const QByteArray& value)
{
    if (m_query)
        m_query->bindValue(index - 1, value);
    else
        sqlite3_bind_blob(m_stmt, index, value.constData(), int(value.size()), SQLITE_TRANSIENT);
}

void FastQuery::bindNull(int index)
{
    if (m_query)
        m_query->bindValue(index - 1, QVariant(QMetaType::fromType<qint64>()));
    else
        sqlite3_bind_null(m_stmt, index);
}

bool FastQuery::exec()
{
    if (m_query) {
        if (!m_query->exec()) {
            m_error = m_query->lastError().text();
            return false;
        }
        return true;
    }
    sqlite3_reset(m_stmt);
    const int rc = sqlite3_step(m_stmt);
    m_pendingRow = rc == SQLITE_ROW;
    m_done = rc == SQLITE_DONE;
    if (!m_pendingRow && !m_done) {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        sqlite3_reset(m_stmt);
        return false;
    }
    if (m_done)
        sqlite3_reset(m_stmt); // release read locks at once
    return true;
}

bool FastQuery::next()
{
    if (m_query)
        return m_query->next();
    if (m_pendingRow) {
        m_pendingRow = false;
        return true;
    }
    if (m_done)
        return false;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
    m_done = true;
    sqlite3_reset(m_stmt);
    return false;
}

qint64 FastQuery::int64(int column) const
{
    return m_query ? m_query->value(column).toLongLong() : sqlite3_column_int64(m_stmt, column);
}

QString FastQuery::text(int column) const
{
    if (m_query)
        return m_query->value(column).toString();
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return p ? QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, column)) : QString();
}

QByteArray FastQuery::bytes(int column) const
{
    if (m_query)
        return m_query->value(column).toByteArray();
    const void* p = sqlite3_column_blob(m_stmt, column);
    return p ? QByteArray(static_cast<const char*>(p), sqlite3_column_bytes(m_stmt, column)) : QByteArray();
}

QString FastQuery::lastError() const
{
    return m_error;
}

} // namespace outpost::commissions
