#pragma once

#include <QByteArray>
#include <QHash>
#include <QSqlDriver>
#include <QVarLengthArray>

struct sqlite3;
struct sqlite3_stmt;

namespace outpost {

// An in-process Qt Sql driver over the system SQLCipher library, registered as "QSQLCIPHER".
// Unkeyed, it is a plain SQLite driver (the server's embedded store uses it that way), so no process
// ever needs Qt's QSQLITE plugin, whose sqlite3_* symbols would clash with SQLCipher's.
//
// Connect options (QSqlDatabase::setConnectOptions, ';'-separated):
//   OUTPOST_OPEN_READONLY      open read-only
//   OUTPOST_OPEN_NO_CREATE     fail if the file does not exist (default: create it)
//   OUTPOST_BUSY_TIMEOUT=<ms>  busy timeout (default 5000)
class SqlCipherDriver final : public QSqlDriver
{
    Q_OBJECT
public:
    static constexpr const char* Name = "QSQLCIPHER";

    explicit SqlCipherDriver(QObject* parent = nullptr);
    ~SqlCipherDriver() override;

    // Registers the driver with QSqlDatabase; safe to call any number of times from any thread.
    static void registerDriver();
    // The raw handle of an open QSQLCIPHER connection, or nullptr.
    static sqlite3* nativeHandle(const QSqlDatabase& db);
    static QString libraryVersion(); // SQLite version of the linked library

    bool hasFeature(DriverFeature feature) const override;
    bool open(const QString& db, const QString& user, const QString& password, const QString& host, int port,
              const QString& connOpts) override;
    void close() override;
    QSqlResult* createResult() const override;

    bool beginTransaction() override;
    bool commitTransaction() override;
    bool rollbackTransaction() override;

    QStringList tables(QSql::TableType type) const override;
    QSqlRecord record(const QString& tableName) const override;
    QSqlIndex primaryIndex(const QString& tableName) const override;
    QString escapeIdentifier(const QString& identifier, IdentifierType type) const override;
    QVariant handle() const override;

    sqlite3* connection() const { return m_db; }

    // Compiled statements kept for reuse. The same few statements run for every row a mutation, an
    // import or a sync page writes; compiling one costs more than running it. A result takes an idle
    // statement with the same SQL text instead of compiling it, and gives it back (reset, bindings
    // cleared) when it is done with it. At most kMaxIdleStatements idle ones are kept, least recently
    // used first out; all are finalized before the connection closes.
    static constexpr int kMaxIdleStatements = 128;
    sqlite3_stmt* takeIdleStatement(const QByteArray& sql) const;
    void keepIdleStatement(const QByteArray& sql, sqlite3_stmt* stmt) const;
    int idleStatementCount() const { return m_idleCount; }

private:
    bool execSimple(const char* sql, const QString& what);
    void dropIdleStatements() const;
    void evictOldIdleStatements() const;

    sqlite3* m_db = nullptr;

    struct IdleStatement
    {
        sqlite3_stmt* stmt;
        quint64 lastUsed;
    };
    // Mutable: results reach their driver through a const pointer (QSqlDriver::createResult is const).
    mutable QHash<QByteArray, QVarLengthArray<IdleStatement, 1>> m_idle;
    mutable int m_idleCount = 0;
    mutable quint64 m_useClock = 0;
};

} // namespace outpost
