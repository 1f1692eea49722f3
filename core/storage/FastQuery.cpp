#include "storage/FastQuery.h"

#include "storage/SqlCipherDriver.h"
#include "storage/SqlDialect.h"

#include <QSqlError>
#include <QVariant>

namespace outpost {

FastQuery::FastQuery(QSqlDatabase& db) : m_db(SqlCipherDriver::nativeHandle(db))
{
    if (!m_db) {
        m_query = std::make_unique<QSqlQuery>(db);
        m_query->setForwardOnly(true);
    }
}

FastQuery::~FastQuery() = default;

bool FastQuery::prepare(const QString& sql)
{
    m_error.clear();
    if (m_query) {
        if (m_query->prepare(sql))
            return true;
        m_error = m_query->lastError().text();
        return false;
    }
    m_raw.reset();
    m_raw.emplace(m_db, sql.toUtf8().constData());
    if (!m_raw->ok()) {
        m_error = m_raw->error();
        return false;
    }
    return true;
}

void FastQuery::bind(int index, qint64 value)
{
    if (m_query)
        m_query->bindValue(index - 1, value);
    else
        m_raw->bind(index, value);
}

void FastQuery::bind(int index, const QString& value)
{
    if (m_query)
        m_query->bindValue(index - 1, sql::text(value)); // '' as on SQLite, not NULL
    else
        m_raw->bindText(index, value.toUtf8());
}

void FastQuery::bindBlob(int index, const QByteArray& value)
{
    if (m_query)
        m_query->bindValue(index - 1, value);
    else
        m_raw->bindBlob(index, value);
}

void FastQuery::bindNull(int index)
{
    if (m_query)
        m_query->bindValue(index - 1, QVariant(QMetaType::fromType<qint64>()));
    else
        m_raw->bindNull(index);
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
    m_raw->reset();
    const int rc = m_raw->step();
    m_pendingRow = rc == SQLITE_ROW;
    m_done = rc == SQLITE_DONE;
    if (!m_pendingRow && !m_done) {
        m_error = m_raw->error();
        m_raw->reset();
        return false;
    }
    if (m_done)
        m_raw->reset(); // release read locks at once
    return true;
}

bool FastQuery::next()
{
    if (m_query) {
        if (m_query->next())
            return true;
        if (m_query->lastError().isValid())
            m_error = m_query->lastError().text();
        return false;
    }
    if (m_pendingRow) {
        m_pendingRow = false;
        return true;
    }
    if (m_done)
        return false;
    const int rc = m_raw->step();
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        m_error = m_raw->error();
    m_done = true;
    m_raw->reset();
    return false;
}

qint64 FastQuery::int64(int column) const
{
    return m_query ? m_query->value(column).toLongLong() : m_raw->column(column);
}

QString FastQuery::text(int column) const
{
    return m_query ? m_query->value(column).toString() : m_raw->text(column);
}

QByteArray FastQuery::bytes(int column) const
{
    return m_query ? m_query->value(column).toByteArray() : m_raw->bytes(column);
}

QString FastQuery::lastError() const
{
    return m_error;
}

} // namespace outpost
