#include "storage/SqlCipherResult.h"

#include "storage/SqlCipherDriver.h"

#include <QDateTime>
#include <QSqlField>
#include <QSqlRecord>

#include <sqlite3.h>

namespace outpost {

SqlCipherResult::SqlCipherResult(const SqlCipherDriver* driver)
    : QSqlResult(driver)
{
}

SqlCipherResult::~SqlCipherResult()
{
    finalize();
}

const SqlCipherDriver* SqlCipherResult::cipherDriver() const
{
    return static_cast<const SqlCipherDriver*>(driver()); // null once the driver is gone
}

sqlite3* SqlCipherResult::db() const
{
    const SqlCipherDriver* d = cipherDriver();
    return d ? d->connection() : nullptr;
}

QVariant SqlCipherResult::handle() const
{
    return QVariant::fromValue(static_cast<void*>(m_stmt));
}

void SqlCipherResult::finalize()
{
    if (m_stmt) {
        sqlite3_clear_bindings(m_stmt); // they point into m_text
        if (const SqlCipherDriver* d = cipherDriver())
            d->keepIdleStatement(m_sql, m_stmt); // finalizes it if it is not of the open connection
        else
            sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
        m_sql.clear();
    }
    m_columns = 0;
    m_pendingRow = false;
    m_done = true;
    m_current.clear();
    m_cache.clear();
    m_text.clear();
}

void SqlCipherResult::setSqliteError(const QString& what, int rc, QSqlError::ErrorType type)
{
    sqlite3* handle = db();
    const QString message = handle ? QString::fromUtf8(sqlite3_errmsg(handle)) : QString::fromUtf8(sqlite3_errstr(rc));
    setLastError(QSqlError(what, message, type, QString::number(rc)));
}

bool SqlCipherResult::reset(const QString& query)
{
    m_values.clear(); // a one-off statement: nothing bound
    if (!prepare(query))
        return false;
    return exec();
}

bool SqlCipherResult::savePrepare(const QString& query)
{
    m_values.clear();
    if (query.contains(QLatin1Char(':')))
        return QSqlResult::savePrepare(query); // it may name its placeholders: Qt rewrites them to '?'
    // Only '?': nothing for Qt to rewrite, so skip its scan of the text (and its bookkeeping per placeholder).
    clear();
    setQuery(query);
    return prepare(query);
}

void SqlCipherResult::bindValue(int pos, const QVariant& value, QSql::ParamType type)
{
    if (type != QSql::In) { // SQLite has no output parameters; keep Qt's handling of them
        QSqlResult::bindValue(pos, value, type);
        return;
    }
    if (pos >= m_values.size())
        m_values.resize(pos + 1);
    m_values[pos] = value;
}

bool SqlCipherResult::prepare(const QString& query)
{
    finalize();
    setActive(false);
    setAt(QSql::BeforeFirstRow);
    sqlite3* handle = db();
    if (!handle || !driver()->isOpen()) {
        setLastError(QSqlError(QStringLiteral("Unable to prepare statement"), QStringLiteral("Database is not open"),
                               QSqlError::ConnectionError));
        return false;
    }
    const QByteArray sql = query.toUtf8();
    m_stmt = cipherDriver()->takeIdleStatement(sql); // compiled before, checked then
    if (!m_stmt) {
        const char* tail = nullptr;
        const int rc = sqlite3_prepare_v2(handle, sql.constData(), static_cast<int>(sql.size()), &m_stmt, &tail);
        if (rc != SQLITE_OK) {
            setSqliteError(QStringLiteral("Unable to prepare statement"), rc, QSqlError::StatementError);
            sqlite3_finalize(m_stmt);
            m_stmt = nullptr;
            return false;
        }
        if (tail) {
            for (const char* p = tail; p < sql.constData() + sql.size(); ++p) {
                if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r' && *p != ';') {
                    setLastError(QSqlError(QStringLiteral("Unable to prepare statement"),
                                           QStringLiteral("Only one statement can be executed at a time"),
                                           QSqlError::StatementError));
                    sqlite3_finalize(m_stmt);
                    m_stmt = nullptr;
                    return false;
                }
            }
        }
        if (!m_stmt) { // empty statement (only whitespace or a comment)
            setLastError(QSqlError(QStringLiteral("Unable to prepare statement"), QStringLiteral("Empty statement"),
                                   QSqlError::StatementError));
            return false;
        }
    }
    m_sql = sql;
    m_columns = sqlite3_column_count(m_stmt);
    setSelect(m_columns > 0);
    return true;
}

int SqlCipherResult::bindText(int index, QByteArray utf8)
{
    m_text.push_back(std::move(utf8)); // the bytes stay where they are when the vector grows
    const QByteArray& bytes = m_text.back();
    return sqlite3_bind_text64(m_stmt, index, bytes.constData(), static_cast<sqlite3_uint64>(bytes.size()),
                               SQLITE_STATIC, SQLITE_UTF8);
}

bool SqlCipherResult::bindValues()
{
    // Positional values bound through bindValue(int) above; values bound by name are Qt's.
    const QVariantList& values = m_values.isEmpty() ? boundValues() : m_values;
    const int paramCount = sqlite3_bind_parameter_count(m_stmt);
    if (values.size() > paramCount) {
        setLastError(QSqlError(QStringLiteral("Unable to bind parameters"),
                               QStringLiteral("%1 values bound to a statement with %2 parameters")
                                   .arg(values.size())
                                   .arg(paramCount),
                               QSqlError::StatementError));
        return false;
    }
    for (int i = 0; i < values.size(); ++i) {
        const QVariant& v = values.at(i);
        const int idx = i + 1;
        int rc = SQLITE_OK;
        if (v.isNull()) {
            rc = sqlite3_bind_null(m_stmt, idx);
        } else {
            switch (v.typeId()) {
            case QMetaType::QByteArray: {
                const QByteArray* ba = static_cast<const QByteArray*>(v.constData());
                rc = sqlite3_bind_blob64(m_stmt, idx, ba->constData(), static_cast<sqlite3_uint64>(ba->size()),
                                         SQLITE_TRANSIENT);
                break;
            }
            case QMetaType::Bool:
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::Short:
            case QMetaType::UShort:
            case QMetaType::Char:
            case QMetaType::UChar:
            case QMetaType::SChar:
            case QMetaType::Long:
            case QMetaType::LongLong:
                rc = sqlite3_bind_int64(m_stmt, idx, v.toLongLong());
                break;
            case QMetaType::ULong:
            case QMetaType::ULongLong:
                rc = sqlite3_bind_int64(m_stmt, idx, static_cast<sqlite3_int64>(v.toULongLong()));
                break;
            case QMetaType::Double:
            case QMetaType::Float:
                rc = sqlite3_bind_double(m_stmt, idx, v.toDouble());
                break;
            case QMetaType::QDateTime:
                rc = sqlite3_bind_int64(m_stmt, idx, v.toDateTime().toMSecsSinceEpoch());
                break;
            case QMetaType::QString:
                rc = bindText(idx, static_cast<const QString*>(v.constData())->toUtf8());
                break;
            default:
                rc = bindText(idx, v.toString().toUtf8());
                break;
            }
        }
        if (rc != SQLITE_OK) {
            setSqliteError(QStringLiteral("Unable to bind parameters"), rc, QSqlError::StatementError);
            return false;
        }
    }
    return true;
}

bool SqlCipherResult::exec()
{
    if (!m_stmt) {
        setLastError(QSqlError(QStringLiteral("Unable to execute statement"), QStringLiteral("No prepared statement"),
                               QSqlError::StatementError));
        return false;
    }
    if (sqlite3_db_handle(m_stmt) != db()) { // the connection was closed (or reopened) since prepare()
        finalize();
        setLastError(QSqlError(QStringLiteral("Unable to execute statement"), QStringLiteral("Database is not open"),
                               QSqlError::ConnectionError));
        return false;
    }
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_text.clear(); // nothing points into it any more
    m_cache.clear();
    m_current.clear();
    m_pendingRow = false;
    m_done = false;
    m_rowsAffected = -1;
    setAt(QSql::BeforeFirstRow);
    setActive(false);

    if (!bindValues())
        return false;

    const int rc = sqlite3_step(m_stmt);
    m_columns = sqlite3_column_count(m_stmt); // a statement recompiled after a schema change may differ
    if (rc == SQLITE_ROW) {
        readRow();
        m_pendingRow = true;
    } else if (rc == SQLITE_DONE) {
        m_done = true;
        m_rowsAffected = sqlite3_changes(db());
        m_lastInsertId = sqlite3_last_insert_rowid(db());
        sqlite3_reset(m_stmt);
    } else {
        setSqliteError(QStringLiteral("Unable to execute statement"), rc, QSqlError::StatementError);
        sqlite3_reset(m_stmt);
        m_done = true;
        return false;
    }
    setSelect(m_columns > 0);
    setActive(true);
    return true;
}

void SqlCipherResult::readRow()
{
    m_current.resize(m_columns);
    for (int i = 0; i < m_columns; ++i) {
        switch (sqlite3_column_type(m_stmt, i)) {
        case SQLITE_INTEGER:
            m_current[i] = QVariant(static_cast<qlonglong>(sqlite3_column_int64(m_stmt, i)));
            break;
        case SQLITE_FLOAT:
            m_current[i] = QVariant(sqlite3_column_double(m_stmt, i));
            break;
        case SQLITE_BLOB: {
            const void* p = sqlite3_column_blob(m_stmt, i);
            const int n = sqlite3_column_bytes(m_stmt, i);
            m_current[i] = QVariant(QByteArray(static_cast<const char*>(p), n));
            break;
        }
        case SQLITE_NULL:
            m_current[i] = QVariant();
            break;
        default: { // SQLITE_TEXT
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, i));
            const int n = sqlite3_column_bytes(m_stmt, i);
            m_current[i] = QVariant(QString::fromUtf8(p, n));
            break;
        }
        }
    }
}

bool SqlCipherResult::step()
{
    if (m_pendingRow) {
        m_pendingRow = false;
        return true;
    }
    if (m_done || !m_stmt)
        return false;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        readRow();
        return true;
    }
    m_done = true;
    if (rc != SQLITE_DONE)
        setSqliteError(QStringLiteral("Unable to fetch row"), rc, QSqlError::StatementError);
    else
        m_rowsAffected = sqlite3_changes(db());
    sqlite3_reset(m_stmt); // release the read transaction at once
    return false;
}

bool SqlCipherResult::fetchNext()
{
    if (!isForwardOnly())
        return fetch(at() < 0 ? 0 : at() + 1);
    if (!step())
        return false;
    setAt(at() < 0 ? 0 : at() + 1);
    return true;
}

bool SqlCipherResult::fetch(int i)
{
    if (i < 0 || !isActive())
        return false;
    if (isForwardOnly()) {
        if (at() >= 0 && i < at())
            return false;
        while (at() < i) {
            if (!fetchNext())
                return false;
        }
        return true;
    }
    while (m_cache.size() <= static_cast<size_t>(i)) {
        if (!step())
            return false;
        m_cache.push_back(m_current);
    }
    m_current = m_cache[static_cast<size_t>(i)];
    setAt(i);
    return true;
}

bool SqlCipherResult::fetchFirst()
{
    if (isForwardOnly() && at() > 0)
        return false;
    if (isForwardOnly() && at() == 0)
        return true;
    return fetch(0);
}

bool SqlCipherResult::fetchLast()
{
    if (!isActive())
        return false;
    if (isForwardOnly()) {
        bool any = at() >= 0;
        while (step()) {
            any = true;
            setAt(at() < 0 ? 0 : at() + 1);
        }
        return any && lastError().type() == QSqlError::NoError;
    }
    while (step())
        m_cache.push_back(m_current);
    if (m_cache.empty())
        return false;
    return fetch(static_cast<int>(m_cache.size()) - 1);
}

QVariant SqlCipherResult::data(int i)
{
    if (i < 0 || i >= m_current.size())
        return QVariant();
    return m_current.at(i);
}

bool SqlCipherResult::isNull(int i)
{
    return i < 0 || i >= m_current.size() || m_current.at(i).isNull();
}

int SqlCipherResult::size()
{
    return -1;
}

int SqlCipherResult::numRowsAffected()
{
    return m_rowsAffected;
}

QVariant SqlCipherResult::lastInsertId() const
{
    return QVariant(static_cast<qlonglong>(m_lastInsertId));
}

QSqlRecord SqlCipherResult::record() const
{
    QSqlRecord rec;
    if (!m_stmt)
        return rec;
    for (int i = 0; i < m_columns; ++i) {
        const QString name = QString::fromUtf8(sqlite3_column_name(m_stmt, i));
        const QString decl = QString::fromUtf8(sqlite3_column_decltype(m_stmt, i)).toUpper();
        QMetaType type(QMetaType::QString);
        if (decl.contains(QLatin1String("INT")))
            type = QMetaType(QMetaType::LongLong);
        else if (decl.contains(QLatin1String("REAL")) || decl.contains(QLatin1String("FLOA"))
                 || decl.contains(QLatin1String("DOUB")))
            type = QMetaType(QMetaType::Double);
        else if (decl.contains(QLatin1String("BLOB")))
            type = QMetaType(QMetaType::QByteArray);
        rec.append(QSqlField(name, type));
    }
    return rec;
}

void SqlCipherResult::detachFromResultSet()
{
    if (m_stmt)
        sqlite3_reset(m_stmt);
    m_pendingRow = false;
    m_done = true;
}

} // namespace outpost
