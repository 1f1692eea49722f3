#include "storage/SqlCipherDriver.h"

#include "storage/SqlCipherProvider.h"
#include "storage/SqlCipherResult.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

#include <algorithm>
#include <mutex>
#include <vector>

#include <sqlite3.h>

namespace outpost {

SqlCipherDriver::SqlCipherDriver(QObject* parent)
    : QSqlDriver(parent)
{
}

SqlCipherDriver::~SqlCipherDriver()
{
    SqlCipherDriver::close();
}

void SqlCipherDriver::registerDriver()
{
    static std::once_flag once;
    std::call_once(once, [] {
        QSqlDatabase::registerSqlDriver(QString::fromLatin1(Name), new QSqlDriverCreator<SqlCipherDriver>);
    });
}

sqlite3* SqlCipherDriver::nativeHandle(const QSqlDatabase& db)
{
    auto* driver = qobject_cast<SqlCipherDriver*>(db.driver());
    return driver ? driver->connection() : nullptr;
}

QString SqlCipherDriver::libraryVersion()
{
    return QString::fromLatin1(sqlite3_libversion());
}

bool SqlCipherDriver::hasFeature(DriverFeature feature) const
{
    switch (feature) {
    case Transactions:
    case BLOB:
    case Unicode:
    case PreparedQueries:
    case PositionalPlaceholders:
    case LastInsertId:
    case FinishQuery:
    case LowPrecisionNumbers:
        return true;
    case QuerySize:
    case NamedPlaceholders: // Qt maps :name to positional '?' for us
    case BatchOperations:
    case SimpleLocking:
    case EventNotifications:
    case MultipleResultSets:
    case CancelQuery:
        return false;
    }
    return false;
}

bool SqlCipherDriver::open(const QString& db, const QString& /*user*/, const QString& /*password*/,
                           const QString& /*host*/, int /*port*/, const QString& connOpts)
{
    if (isOpen())
        close();

    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int busyTimeout = 5000;
    const QStringList opts = connOpts.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString& raw : opts) {
        const QString opt = raw.trimmed();
        if (opt == QLatin1String("OUTPOST_OPEN_READONLY")) {
            flags &= ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
            flags |= SQLITE_OPEN_READONLY;
        } else if (opt == QLatin1String("OUTPOST_OPEN_NO_CREATE")) {
            flags &= ~SQLITE_OPEN_CREATE;
        } else if (opt.startsWith(QLatin1String("OUTPOST_BUSY_TIMEOUT="))) {
            bool ok = false;
            const int v = opt.mid(opt.indexOf(QLatin1Char('=')) + 1).toInt(&ok);
            if (ok && v >= 0)
                busyTimeout = v;
        }
    }

    // Our crypto provider must be registered before any connection is keyed (a one-time set-up;
    // cheap afterwards). Unkeyed connections never touch it.
    SqlCipherProvider::ensureRegistered();

    const QByteArray path = db.toUtf8();
    const int rc = sqlite3_open_v2(path.constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString msg = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString::fromUtf8(sqlite3_errstr(rc));
        setLastError(QSqlError(QStringLiteral("Error opening database"), msg, QSqlError::ConnectionError,
                               QString::number(rc)));
        if (m_db) {
            sqlite3_close_v2(m_db);
            m_db = nullptr;
        }
        setOpenError(true);
        return false;
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, busyTimeout);
    setOpen(true);
    setOpenError(false);
    return true;
}

sqlite3_stmt* SqlCipherDriver::takeIdleStatement(const QByteArray& sql) const
{
    auto it = m_idle.find(sql);
    if (it == m_idle.end() || it->isEmpty())
        return nullptr;
    sqlite3_stmt* stmt = it->back().stmt;
    it->removeLast();
    if (it->isEmpty())
        m_idle.erase(it);
    --m_idleCount;
    return stmt;
}

void SqlCipherDriver::keepIdleStatement(const QByteArray& sql, sqlite3_stmt* stmt) const
{
    if (!stmt)
        return;
    // Only a statement of this connection, while it is open: one of a closed (or replaced) connection
    // is finalized, which lets sqlite3_close_v2 finish closing it.
    if (!m_db || sqlite3_db_handle(stmt) != m_db) {
        sqlite3_finalize(stmt);
        return;
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    m_idle[sql].append(IdleStatement{stmt, ++m_useClock});
    if (++m_idleCount > kMaxIdleStatements)
        evictOldIdleStatements();
}

// Finalizes the least recently used quarter (at least one), so eviction costs O(1) per statement kept.
void SqlCipherDriver::evictOldIdleStatements() const
{
    std::vector<quint64> uses;
    uses.reserve(size_t(m_idleCount));
    for (const auto& list : std::as_const(m_idle)) {
        for (const IdleStatement& s : list)
            uses.push_back(s.lastUsed);
    }
    const size_t drop = std::max<size_t>(1, uses.size() / 4);
    std::nth_element(uses.begin(), uses.begin() + std::ptrdiff_t(drop - 1), uses.end());
    const quint64 threshold = uses[drop - 1];
    for (auto it = m_idle.begin(); it != m_idle.end();) {
        auto& list = it.value();
        for (qsizetype i = list.size() - 1; i >= 0; --i) {
            if (list[i].lastUsed <= threshold) {
                sqlite3_finalize(list[i].stmt);
                list.remove(i);
                --m_idleCount;
            }
        }
        it = list.isEmpty() ? m_idle.erase(it) : std::next(it);
    }
}

void SqlCipherDriver::dropIdleStatements() const
{
    for (const auto& list : std::as_const(m_idle)) {
        for (const IdleStatement& s : list)
            sqlite3_finalize(s.stmt);
    }
    m_idle.clear();
    m_idleCount = 0;
}

void SqlCipherDriver::close()
{
    dropIdleStatements();
    if (m_db) {
        // close_v2 defers the real close until the last statement of this connection is finalized.
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
    if (isOpen()) {
        setOpen(false);
        setOpenError(false);
    }
}

QSqlResult* SqlCipherDriver::createResult() const
{
    return new SqlCipherResult(this);
}

bool SqlCipherDriver::execSimple(const char* sql, const QString& what)
{
    if (!m_db)
        return false;
    char* err = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        setLastError(QSqlError(what, QString::fromUtf8(err ? err : sqlite3_errstr(rc)), QSqlError::TransactionError,
                               QString::number(rc)));
        sqlite3_free(err);
        return false;
    }
    return true;
}

bool SqlCipherDriver::beginTransaction()
{
    return execSimple("BEGIN", QStringLiteral("Unable to begin transaction"));
}

bool SqlCipherDriver::commitTransaction()
{
    return execSimple("COMMIT", QStringLiteral("Unable to commit transaction"));
}

bool SqlCipherDriver::rollbackTransaction()
{
    return execSimple("ROLLBACK", QStringLiteral("Unable to roll back transaction"));
}

QStringList SqlCipherDriver::tables(QSql::TableType type) const
{
    QStringList out;
    if (!isOpen())
        return out;
    QString sql;
    switch (type) {
    case QSql::Tables:
        sql = QStringLiteral("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'");
        break;
    case QSql::Views:
        sql = QStringLiteral("SELECT name FROM sqlite_master WHERE type='view'");
        break;
    case QSql::SystemTables:
        out << QStringLiteral("sqlite_master");
        return out;
    case QSql::AllTables:
        sql = QStringLiteral("SELECT name FROM sqlite_master WHERE type IN ('table','view')");
        break;
    }
    QSqlQuery q(createResult());
    q.setForwardOnly(true);
    if (q.exec(sql)) {
        while (q.next())
            out << q.value(0).toString();
    }
    return out;
}

QSqlRecord SqlCipherDriver::record(const QString& tableName) const
{
    QSqlRecord rec;
    if (!isOpen())
        return rec;
    QSqlQuery q(createResult());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("PRAGMA table_info(%1)").arg(escapeIdentifier(tableName, TableName))))
        return rec;
    while (q.next()) {
        const QString decl = q.value(2).toString().toUpper();
        QMetaType type(QMetaType::QString);
        if (decl.contains(QLatin1String("INT")))
            type = QMetaType(QMetaType::LongLong);
        else if (decl.contains(QLatin1String("REAL")) || decl.contains(QLatin1String("DOUB")))
            type = QMetaType(QMetaType::Double);
        else if (decl.contains(QLatin1String("BLOB")))
            type = QMetaType(QMetaType::QByteArray);
        QSqlField field(q.value(1).toString(), type, tableName);
        field.setRequiredStatus(q.value(3).toInt() ? QSqlField::Required : QSqlField::Optional);
        rec.append(field);
    }
    return rec;
}

QSqlIndex SqlCipherDriver::primaryIndex(const QString& tableName) const
{
    QSqlIndex index(tableName);
    if (!isOpen())
        return index;
    QSqlQuery q(createResult());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("PRAGMA table_info(%1)").arg(escapeIdentifier(tableName, TableName))))
        return index;
    while (q.next()) {
        if (q.value(5).toInt() > 0)
            index.append(QSqlField(q.value(1).toString(), QMetaType(QMetaType::QString), tableName));
    }
    return index;
}

QString SqlCipherDriver::escapeIdentifier(const QString& identifier, IdentifierType) const
{
    QString id = identifier;
    if (id.startsWith(QLatin1Char('"')) && id.endsWith(QLatin1Char('"')) && id.size() > 1)
        return id;
    id.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + id + QLatin1Char('"');
}

QVariant SqlCipherDriver::handle() const
{
    return QVariant::fromValue(static_cast<void*>(m_db));
}

} // namespace outpost
