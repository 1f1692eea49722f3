#pragma once

#include "storage/Migration.h"
#include "util/Result.h"
#include "util/SecretBytes.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QWaitCondition>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

struct sqlite3;

namespace outpost {

class LongWriteGate;
class WalCheckpointer;

// One database file: a SQLCipher-encrypted profile database (key given) or a plain SQLite store
// (empty key, used by the server) — or, for the server, one schema of a PostgreSQL database (postgresUrl
// given): the same migrations runner, per-thread connections and Transaction guards, through our PgDriver
// (libpq). Opening a file proves SQLCipher is in use and that the key is right, refuses a schema newer
// than this build, turns on WAL and foreign keys, and runs pending migrations.
// It never deletes, truncates or rewrites a file it cannot read.
//
// Each thread gets its own connection (connection()); all are keyed the same way.
class Database
{
    Q_DECLARE_TR_FUNCTIONS(Database)
public:
    enum class OpenMode {
        OpenExisting,   // the file must exist
        CreateNew,      // the file must not exist yet
        OpenOrCreate,
    };
    enum class Durability {
        Normal, // WAL + synchronous=NORMAL: always consistent, the last commits may be lost on power loss
        Full,   // synchronous=FULL: a commit that returned is on disk (the server's acknowledged writes)
    };

    struct Options
    {
        QString path;
        SecretBytes key;                 // 32 raw bytes for SQLCipher; empty for plain SQLite
        OpenMode mode = OpenMode::OpenExisting;
        MigrationList migrations;        // the schema this build knows
        Durability durability = Durability::Normal;
        int cacheSizeKiB = 128 * 1024; // decrypted pages kept; fewer SQLCipher page decrypts
        bool readOnly = false;
        // PostgreSQL instead of a file (server only): a URL postgresql://user:password@host:port/database
        // (query items are passed to libpq, e.g. ?sslmode=verify-full), and the schema that holds this
        // database's tables: created if missing, and every connection's search_path, so the same SQL runs
        // unchanged on one schema per team. `path`, `key` and `cacheSizeKiB` do not apply.
        QString postgresUrl;
        QString postgresSchema;
        // Connections through Qt's QPSQL instead of our PgDriver: only for a connection that listens for
        // notifications (QPSQL delivers them; PgDriver has no notification support).
        bool postgresNotifications = false;
        // Called on the opening thread just before each pending migration runs (`step` counts from 1 to
        // `steps`), so a caller that opens on a worker thread can show progress. Not called when none is pending.
        std::function<void(int step, int steps)> migrationProgress;
        // How long a write waits for another connection's write lock before failing with "database is locked"
        // (SQLite files). A write announced as long (announceLongWrite) is waited for to its end instead.
        int busyTimeoutMs = 5000;
    };

    static Result<std::unique_ptr<Database>> open(Options options);

    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // This thread's connection, opened and keyed on first use. Invalid (isOpen() == false) on failure;
    // lastConnectionError() says why.
    QSqlDatabase connection();
    // Closes this thread's connection (call at the end of a worker thread's job).
    void releaseThreadConnection();
    Error lastConnectionError() const;

    // The file, or for PostgreSQL the URL without its password and the schema (for messages).
    QString path() const { return m_options.path; }
    bool isPostgres() const { return !m_options.postgresUrl.isEmpty(); }
    bool isEncrypted() const { return !m_options.key.isEmpty(); }
    int schemaVersion() const { return m_schemaVersion; }
    int latestKnownVersion() const;
    QString cipherVersion() const { return m_cipherVersion; }
    static QString sqliteVersion();

    // Re-encrypts the whole file with a new key (sqlite3_rekey). May run on a worker thread. It never
    // touches other threads' connections: it takes the file's exclusive lock (waiting, up to the busy
    // timeout, for writes in progress to end); each other thread finds its connection stale at its
    // next connection() call, closes it itself and waits for the new key. Only a query already
    // running when the new key is committed can fail (once). Long for a big file: keep it off the UI
    // thread.
    Status rekey(const SecretBytes& newKey);
    // Whether `key` is the key this database is open with (constant-time comparison).
    bool usesKey(const SecretBytes& key) const;
    // PRAGMA integrity_check (page HMACs are verified as pages are read); problems, if any, in the error.
    Status integrityCheck();

    // Writes a consistent copy of the database, as of one moment, to `path` (encrypted with the same
    // key), while other connections keep reading and writing. SQLite only (PostgreSQL: use pg_dump). The copy appears under its name only once
    // complete (written beside it, then renamed); an existing file there is refused.
    Status backupTo(const QString& path);
    // Runs a script of statements on this thread's connection.
    Status execScript(const QString& sql);
    Status checkpoint();
    // WAL checkpoints done by the background thread (see WalCheckpointer); for tests.
    int backgroundCheckpoints() const;

    sqlite3* nativeHandle();

    // A write that holds the write lock for seconds and cannot be split (an index built over a million rows)
    // announces itself for as long as this lives, from before it takes the lock to after its commit: a writer
    // of this database that finds the lock taken meanwhile waits for it to end, instead of failing after the
    // busy timeout, and gets its turn before the next one begins (see LongWriteGate). On the long write's
    // thread; nothing for PostgreSQL.
    class LongWrite
    {
    public:
        LongWrite(LongWrite&& other) noexcept
            : m_gate(std::exchange(other.m_gate, nullptr))
        {}
        LongWrite(const LongWrite&) = delete;
        LongWrite& operator=(const LongWrite&) = delete;
        LongWrite& operator=(LongWrite&&) = delete;
        ~LongWrite();

    private:
        friend class Database;
        explicit LongWrite(LongWriteGate* gate);
        LongWriteGate* m_gate;
    };
    [[nodiscard]] LongWrite announceLongWrite();
    // Writers waiting for an announced long write to end; for tests, which hold one open until a write waits.
    bool waitForWritersBehindLongWrite(int n, int timeoutMs) const;

private:
    explicit Database(Options options);
    Status openPrimary();
    Result<QSqlDatabase> openConnection(const QString& name, bool primary);
    Result<QSqlDatabase> openPostgresConnection(const QString& name, bool primary);
    Status applyMigrations(QSqlDatabase& db);
    Status truncateLog(sqlite3* handle);
    Result<std::vector<int>> readAppliedMigrations(QSqlDatabase& db);

    Options m_options;
    QString m_baseName;
    std::unique_ptr<LongWriteGate> m_gate;           // every SQLite connection's busy handler
    std::unique_ptr<WalCheckpointer> m_checkpointer; // SQLite files opened for writing
    int m_schemaVersion = 0;      // the highest applied step
    std::vector<int> m_applied;   // every applied step, ascending
    QString m_cipherVersion;

    mutable QMutex m_lock;
    QWaitCondition m_rekeyDone;
    bool m_rekeying = false;
    quint64 m_keyGeneration = 0; // rises when a rekey starts; older connections reopen themselves
    struct ThreadConnection
    {
        QString name;
        quint64 keyGeneration = 0; // the key it was opened with
    };
    QHash<Qt::HANDLE, ThreadConnection> m_connections; // thread id -> its connection
    QHash<Qt::HANDLE, Error> m_connectionErrors;
};

// Runs a script of ';'-separated statements on a raw handle.
Status execScript(sqlite3* db, const QString& sql);

} // namespace outpost
