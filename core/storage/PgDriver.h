#pragma once

#include <QByteArray>
#include <QHash>
#include <QSqlDriver>

struct pg_conn;
struct pg_result;

namespace outpost {

// An in-process Qt Sql driver over libpq, registered as "OUTPOST_PG": the server's PostgreSQL connections.
// Qt's QPSQL turns every one-off QSqlQuery::prepare into three round trips (PREPARE, EXECUTE, DEALLOCATE);
// a push runs the same few dozen statements per mutation, so this driver prepares each SQL text once per
// connection (PQprepare, kept under a generated name) and runs it with PQexecPrepared, text parameters:
// one round trip per statement. QSqlQuery::exec(sql) without parameters is one simple query (PQexec), so
// a migration script of several statements still runs as one.
//
// Bound values follow QPSQL's rules, which the callers were written against: a null QVariant, or a null
// QString/QByteArray, is SQL NULL (bind sql::text(s) where '' is meant). Results are read whole
// (as libpq does), so every query is scrollable.
//
// It has no notification delivery: PostgresChangeFeed listens on a QPSQL connection.
class PgDriver final : public QSqlDriver
{
    Q_OBJECT
public:
    static constexpr const char* Name = "OUTPOST_PG";

    explicit PgDriver(QObject* parent = nullptr);
    ~PgDriver() override;

    // Registers the driver with QSqlDatabase; safe to call any number of times from any thread.
    static void registerDriver();
    static bool isPgDriver(const QSqlDriver* driver);

    bool hasFeature(DriverFeature feature) const override;
    bool open(const QString& db, const QString& user, const QString& password, const QString& host, int port,
              const QString& connOpts) override;
    void close() override;
    QSqlResult* createResult() const override;

    bool beginTransaction() override;
    bool commitTransaction() override;
    bool rollbackTransaction() override;

    QStringList tables(QSql::TableType type) const override;
    QString escapeIdentifier(const QString& identifier, IdentifierType type) const override;
    QVariant handle() const override;

    pg_conn* connection() const { return m_conn; }

    // The name of the statement prepared on this connection for `sql` (PostgreSQL text, $n placeholders),
    // preparing it first if needed; empty when it could not be prepared (`error` says why) or when the
    // cache is full (`error` stays empty: run it unnamed). Statements live as long as the connection.
    static constexpr int kMaxPreparedStatements = 512;
    QByteArray preparedName(const QByteArray& sql, QString* error) const;

    // Moves whenever a statement on this connection wrote rows (by the count INSERT, UPDATE, DELETE or MERGE
    // reported; other writing commands by one) or failed (a failed statement aborts the whole transaction, so
    // whoever watches must undo as if it wrote). What sqlite3_total_changes is on SQLite; see sql::writeMark.
    qint64 writeMark() const { return m_writeMark; }
    // Called by PgResult with each statement's outcome (`result` may be null when it failed).
    void noteStatement(pg_result* result, bool failed) const;

private:
    bool execSimple(const char* sql, const QString& what);

    pg_conn* m_conn = nullptr;
    // Mutable: results reach their driver through a const pointer (QSqlDriver::createResult is const).
    mutable QHash<QByteArray, QByteArray> m_prepared; // SQL text -> statement name
    mutable qint64 m_writeMark = 0;
};

} // namespace outpost
