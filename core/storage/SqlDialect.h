#pragma once

#include <QSqlDatabase>
#include <QString>

#include <optional>

class QSqlQuery;

namespace outpost {

// The SQL dialect of a connection. Mutators and server code are written once against Qt Sql and run on the
// client's SQLCipher and on the server's SQLite or PostgreSQL; the few statements SQLite spells its own way
// go through the helpers below. The SQLite text is exactly what it was before (the client's hot paths are
// benchmarked); PostgreSQL gets its equivalent.
enum class SqlDialect {
    Sqlite,   // QSQLCIPHER (encrypted or plain): SQLite 3.15, no UPSERT
    Postgres, // PgDriver (OUTPOST_PG), or Qt's QPSQL
};

SqlDialect sqlDialect(const QSqlDatabase& db);
inline bool isPostgres(const QSqlDatabase& db) { return sqlDialect(db) == SqlDialect::Postgres; }

namespace sql {

// A statement written with SQLite's conflict clauses, for the connection's dialect. SQLite gets it back
// unchanged (the same shared string: nothing is copied on the client's hot paths). PostgreSQL gets:
//   INSERT OR IGNORE INTO ...  ->  INSERT INTO ... ON CONFLICT DO NOTHING
//   INSERT OR FAIL INTO ...    ->  INSERT INTO ...   (OR FAIL only spares SQLite a statement journal; see
//   UPDATE OR FAIL ...         ->  UPDATE ...         DEVELOPMENT-NOTES "The cost of a written row")
// INSERT OR REPLACE has no one-statement equivalent (it replaces rows conflicting on any unique key):
// write the delete and the insert (see ContactShareRowCodec::write).
QString forDialect(const QSqlDatabase& db, const QString& sqliteStatement);

// An INSERT that reports the integer key it assigned: on PostgreSQL "RETURNING <key>" is appended (QPSQL
// has no last-insert id without OIDs); read it with insertedKey() after exec().
QString returningKey(const QSqlDatabase& db, const QString& insert, const QString& keyColumn);
qint64 insertedKey(QSqlQuery& executedInsert);

// Text bound where NULL is not meant. Our SQLite driver binds a null QString as '', Qt's PostgreSQL driver
// as NULL (which a NOT NULL column refuses); this is '' on both. Bind QVariant(QMetaType::fromType<QString>())
// where NULL is meant.
inline QString text(const QString& value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

// A mark that moves whenever a statement on this connection writes rows: SQLite's total_changes; on
// PostgreSQL (PgDriver) the rows its commands reported, and every failed statement too (it aborts the
// transaction, so a caller comparing marks must undo as if it wrote). Empty where the driver cannot tell
// (Qt's QPSQL). Compare two readings around some work to learn whether it wrote anything.
std::optional<qint64> writeMark(const QSqlDatabase& db);

// Whether a table (not a view or index) of this name exists in the connection's schema.
bool tableExists(const QSqlDatabase& db, const QString& table, QString* error = nullptr);

} // namespace sql

} // namespace outpost
