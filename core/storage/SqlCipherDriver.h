#pragma once

#include <QSqlDriver>

struct sqlite3;

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

private:
    bool execSimple(const char* sql, const QString& what);

    sqlite3* m_db = nullptr;
};

} // namespace outpost
