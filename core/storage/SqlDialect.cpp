#include "storage/SqlDialect.h"

#include "storage/PgDriver.h"
#include "storage/SqlCipherDriver.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

namespace outpost {

namespace {
// Our PgDriver (which cannot set its dbmsType without Qt's private headers) or Qt's QPSQL.
bool isPostgresDriver(const QSqlDriver* driver)
{
    return driver && (PgDriver::isPgDriver(driver) || driver->dbmsType() == QSqlDriver::PostgreSQL);
}
} // namespace

SqlDialect sqlDialect(const QSqlDatabase& db)
{
    // The driver's type, not its name: a QSqlDatabase copy or a cloned connection says the same.
    return isPostgresDriver(db.driver()) ? SqlDialect::Postgres : SqlDialect::Sqlite;
}

namespace sql {

QString forDialect(const QSqlDatabase& db, const QString& sqliteStatement)
{
    if (!isPostgres(db))
        return sqliteStatement;
    static const QLatin1String insertOrIgnore("INSERT OR IGNORE INTO "), insertOrFail("INSERT OR FAIL INTO "),
        updateOrFail("UPDATE OR FAIL ");
    if (sqliteStatement.startsWith(insertOrIgnore))
        return QStringLiteral("INSERT INTO ") + QStringView(sqliteStatement).mid(insertOrIgnore.size())
               + QStringLiteral(" ON CONFLICT DO NOTHING");
    if (sqliteStatement.startsWith(insertOrFail))
        return QStringLiteral("INSERT INTO ") + QStringView(sqliteStatement).mid(insertOrFail.size());
    if (sqliteStatement.startsWith(updateOrFail))
        return QStringLiteral("UPDATE ") + QStringView(sqliteStatement).mid(updateOrFail.size());
    Q_ASSERT_X(!sqliteStatement.contains(QLatin1String(" OR REPLACE ")), "sql::forDialect", "no PostgreSQL equivalent");
    return sqliteStatement;
}

QString returningKey(const QSqlDatabase& db, const QString& insert, const QString& keyColumn)
{
    return isPostgres(db) ? insert + QStringLiteral(" RETURNING ") + keyColumn : insert;
}

qint64 insertedKey(QSqlQuery& executedInsert)
{
    if (isPostgresDriver(executedInsert.driver()))
        return executedInsert.next() ? executedInsert.value(0).toLongLong() : 0;
    return executedInsert.lastInsertId().toLongLong();
}

std::optional<qint64> writeMark(const QSqlDatabase& db)
{
    if (sqlite3* handle = SqlCipherDriver::nativeHandle(db))
        return sqlite3_total_changes(handle);
    if (PgDriver::isPgDriver(db.driver()))
        return static_cast<const PgDriver*>(db.driver())->writeMark();
    return std::nullopt;
}

bool tableExists(const QSqlDatabase& db, const QString& table, QString* error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(isPostgres(db) ? QStringLiteral("SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                                              "current_schema() AND table_name = ?")
                             : QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"));
    q.addBindValue(table);
    if (!q.exec() || !q.next()) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    return q.value(0).toInt() > 0;
}

} // namespace sql

} // namespace outpost
