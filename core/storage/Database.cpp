#include "storage/Database.h"

#include "storage/LongWriteGate.h"
#include "storage/PgDriver.h"
#include "storage/SqlCipherDriver.h"
#include "storage/SqlCipherProvider.h"
#include "storage/SqlDialect.h"
#include "storage/Transaction.h"
#include "storage/WalCheckpointer.h"

#include <algorithm>
#include <QAtomicInt>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QScopeGuard>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <sqlite3.h>

namespace outpost {

Q_LOGGING_CATEGORY(lcStorage, "outpost.storage", QtWarningMsg)

namespace {

QAtomicInt g_databaseCounter;

constexpr int kPageSize = 4096;
constexpr int kApplicationId = 0x4F555450; // "OUTP"

QString sqliteMessage(sqlite3* db, int rc)
{
    return QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

bool hasPlainSqliteHeader(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    return f.read(16) == QByteArray("SQLite format 3\0", 16);
}

// Qt's PostgreSQL driver (plugin libqsqlpsql, package libqt6sql6-psql).
constexpr const char* kQtPostgresDriver = "QPSQL";

// Our PgDriver, except for a connection that listens for notifications, or everywhere with
// OUTPOST_POSTGRES_DRIVER=QPSQL (a way back, and the benchmark's "before").
bool useQtPostgresDriver(const Database::Options& o)
{
    return o.postgresNotifications || qEnvironmentVariable("OUTPOST_POSTGRES_DRIVER") == QLatin1String(kQtPostgresDriver);
}

// Advisory-lock class of the migrations runner (two-key form: this, and the schema's hash).
constexpr int kMigrationLockClass = 0x4F4D4947; // "OMIG"

struct PostgresTarget
{
    QString host = QStringLiteral("localhost");
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QStringList options; // libpq connection parameters from the URL's query, "key=value"
    QString display;     // the URL without its password
};

Result<PostgresTarget> parsePostgresUrl(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    auto invalid = [&](const QString& why) {
        return Error(ErrorCode::InvalidArgument,
                     Database::tr("The PostgreSQL URL is not valid (%1). Write it as "
                                  "postgresql://USER:PASSWORD@HOST:PORT/DATABASE.")
                         .arg(why));
    };
    if (!url.isValid())
        return invalid(url.errorString());
    if (url.scheme() != QLatin1String("postgresql") && url.scheme() != QLatin1String("postgres"))
        return invalid(Database::tr("it must start with postgresql://"));
    PostgresTarget t;
    if (!url.host().isEmpty())
        t.host = url.host();
    t.port = url.port(5432);
    t.user = url.userName(QUrl::FullyDecoded);
    t.password = url.password(QUrl::FullyDecoded);
    t.database = url.path(QUrl::FullyDecoded).mid(1);
    if (t.database.isEmpty() || t.database.contains(QLatin1Char('/')))
        return invalid(Database::tr("it names no database"));
    for (const auto& [key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        if (key.contains(QLatin1Char(';')) || value.contains(QLatin1Char(';')))
            return invalid(Database::tr("\";\" is not allowed in its options"));
        t.options << key + QLatin1Char('=') + value;
    }
    QUrl shown = url;
    shown.setPassword(QString());
    t.display = shown.toString();
    return t;
}

QString quotedIdentifier(const QString& name)
{
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// A script of ';'-separated statements on a PostgreSQL connection (a simple query may hold several).
Status execPostgresScript(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return Error(ErrorCode::Database, q.lastError().text());
    return {};
}

} // namespace

Status execScript(sqlite3* db, const QString& sql)
{
    char* msg = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    const int rc = sqlite3_exec(db, utf8.constData(), nullptr, nullptr, &msg);
    if (rc != SQLITE_OK) {
        Error e(ErrorCode::Database, QString::fromUtf8(msg ? msg : sqlite3_errstr(rc)));
        sqlite3_free(msg);
        return e;
    }
    return {};
}

Database::Database(Options options)
    : m_options(std::move(options))
    , m_gate(std::make_unique<LongWriteGate>(m_options.busyTimeoutMs))
{
    m_baseName = QStringLiteral("outpost-db-%1").arg(g_databaseCounter.fetchAndAddRelaxed(1));
}

Database::~Database()
{
    if (m_checkpointer)
        m_checkpointer->stop(); // its thread closes its own connection
    QMutexLocker locker(&m_lock);
    QStringList names;
    for (const ThreadConnection& c : std::as_const(m_connections))
        names << c.name;
    m_connections.clear();
    locker.unlock();
    for (const QString& name : names) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
}

QString Database::sqliteVersion()
{
    return SqlCipherDriver::libraryVersion();
}

int Database::latestKnownVersion() const
{
    int v = 0;
    for (const auto& m : m_options.migrations)
        v = std::max(v, m.version);
    return v;
}

Result<std::unique_ptr<Database>> Database::open(Options options)
{
    if (!options.postgresUrl.isEmpty()) {
        PgDriver::registerDriver();
        if (useQtPostgresDriver(options) && !QSqlDatabase::isDriverAvailable(QString::fromLatin1(kQtPostgresDriver)))
            return Error(ErrorCode::Database, tr("Qt's PostgreSQL driver (QPSQL) is not installed; install the package "
                                                 "libqt6sql6-psql (or your system's Qt 6 PostgreSQL plugin)."));
        auto target = parsePostgresUrl(options.postgresUrl);
        if (!target)
            return target.error();
        if (options.postgresSchema.isEmpty())
            return Error(ErrorCode::InvalidArgument, tr("A PostgreSQL database needs a schema name."));
        options.path = tr("%1 (schema %2)").arg(target->display, options.postgresSchema);
        std::unique_ptr<Database> db(new Database(std::move(options)));
        if (Status s = db->openPrimary(); !s)
            return s.error();
        return db;
    }
    SqlCipherDriver::registerDriver();

    const QFileInfo info(options.path);
    const bool exists = info.exists();
    if (options.mode == OpenMode::OpenExisting && !exists)
        return Error(ErrorCode::NotFound, tr("There is no database at %1.").arg(options.path));
    if (options.mode == OpenMode::CreateNew && exists)
        return Error(ErrorCode::AlreadyExists,
                     tr("A database already exists at %1; it was left as it is.").arg(options.path));
    if (exists && !info.isFile())
        return Error(ErrorCode::Io, tr("%1 is not a file.").arg(options.path));
    if (!options.key.isEmpty() && options.key.size() != 32)
        return Error(ErrorCode::InvalidArgument, tr("A database key must be 32 bytes."));

    std::unique_ptr<Database> db(new Database(std::move(options)));
    if (!db->m_options.readOnly)
        db->m_checkpointer = std::make_unique<WalCheckpointer>(*db);
    if (Status s = db->openPrimary(); !s)
        return s.error();
    return db;
}

Status Database::openPrimary()
{
    const bool existedBefore = !isPostgres() && QFileInfo::exists(m_options.path);
    Result<QSqlDatabase> conn = openConnection(m_baseName + QStringLiteral("-primary"), true);
    if (!conn)
        return conn.error();
    QSqlDatabase db = conn.value();
    sqlite3* handle = SqlCipherDriver::nativeHandle(db);

    // PostgreSQL: the primary connection holds the schema's migration lock (openPostgresConnection) until
    // the schema is up to date.
    auto unlock = qScopeGuard([&] {
        if (isPostgres() && !m_options.readOnly && db.isOpen())
            QSqlQuery(db).exec(QStringLiteral("SELECT pg_advisory_unlock(%1, hashtext(current_schema()))").arg(kMigrationLockClass));
    });
    // A refused or failed open closes its connection and takes it out of Qt's registry (with the key it was
    // opened with): nothing else would, as it is this object's only once the open succeeded. Runs before
    // `unlock` (declared after it), which then finds the connection closed; closing releases the lock.
    bool opened = false;
    auto forget = qScopeGuard([&] {
        if (opened)
            return;
        const QString name = db.connectionName();
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
    });

    Result<std::vector<int>> applied = readAppliedMigrations(db);
    if (!applied) {
        db.close();
        return applied.error();
    }
    m_applied = std::move(applied.value());
    m_schemaVersion = m_applied.empty() ? 0 : m_applied.back();
    for (int version : m_applied) {
        const bool known = std::any_of(m_options.migrations.begin(), m_options.migrations.end(),
                                       [version](const Migration& m) { return m.version == version; });
        if (!known) {
            db.close();
            return Error(ErrorCode::SchemaTooNew,
                         tr("This profile was saved by a newer version of Outpost (it has schema step %1, which "
                            "this version does not know). Install the newer Outpost to open it. The file has not "
                            "been changed.")
                             .arg(version));
        }
    }

    if (!m_options.readOnly && !isPostgres()) {
        if (!existedBefore) {
            if (Status s = outpost::execScript(handle, QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId)); !s)
                return s;
        }
        // WAL only after the key and the schema version are proven: a refused file keeps its bytes.
        {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !q.next()
                || q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
                return Error(ErrorCode::Database, tr("Could not switch the database to write-ahead logging: %1")
                                                      .arg(q.lastError().text()));
            }
        } // the PRAGMA statement must be finished before any transaction commits
    }
    if (!m_options.readOnly) {
        if (Status s = applyMigrations(db); !s)
            return s;
    }

    QMutexLocker locker(&m_lock);
    m_connections.insert(QThread::currentThreadId(), {db.connectionName(), m_keyGeneration});
    opened = true;
    locker.unlock();
    if (m_checkpointer)
        m_checkpointer->enable();
    return {};
}

Result<QSqlDatabase> Database::openPostgresConnection(const QString& name, bool primary)
{
    auto target = parsePostgresUrl(m_options.postgresUrl);
    if (!target)
        return target.error();
    QSqlDatabase db = QSqlDatabase::addDatabase(useQtPostgresDriver(m_options) ? QString::fromLatin1(kQtPostgresDriver)
                                                                                : QString::fromLatin1(PgDriver::Name),
                                                name);
    db.setHostName(target->host);
    db.setPort(target->port);
    db.setUserName(target->user);
    db.setPassword(target->password);
    db.setDatabaseName(target->database);
    db.setConnectOptions(target->options.join(QLatin1Char(';')));
    auto fail = [&](const QString& why) -> Result<QSqlDatabase> {
        if (db.isOpen())
            db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return Error(ErrorCode::Io, tr("Could not open %1: %2").arg(m_options.path, why));
    };
    if (!db.open())
        return fail(db.lastError().text());
    const QString schema = quotedIdentifier(m_options.postgresSchema);
    QSqlQuery q(db);
    // PostgreSQL's notices ("already exists, skipping") would go to stderr through libpq.
    if (!q.exec(QStringLiteral("SET client_min_messages TO warning")))
        return fail(q.lastError().text());
    if (primary && !m_options.readOnly) {
        // Several server instances may open the same schema at once: one creates and migrates it while the
        // others wait here, then find every step applied. Released by openPrimary.
        q.prepare(QStringLiteral("SELECT pg_advisory_lock(%1, hashtext(?))").arg(kMigrationLockClass));
        q.addBindValue(m_options.postgresSchema);
        if (!q.exec() || !q.exec(QStringLiteral("CREATE SCHEMA IF NOT EXISTS ") + schema))
            return fail(q.lastError().text());
    }
    // Every statement of this connection names this schema's tables unqualified, like a SQLite file's. An
    // acknowledged commit must be durable (the default; stated so a server-wide setting cannot weaken it).
    if (!q.exec(QStringLiteral("SET search_path TO ") + schema)
        || !q.exec(m_options.durability == Durability::Full ? QStringLiteral("SET synchronous_commit TO on")
                                                              : QStringLiteral("SET synchronous_commit TO local")))
        return fail(q.lastError().text());
    return db;
}

Result<QSqlDatabase> Database::openConnection(const QString& name, bool primary)
{
    if (isPostgres())
        return openPostgresConnection(name, primary);
    QSqlDatabase db = QSqlDatabase::addDatabase(QString::fromLatin1(SqlCipherDriver::Name), name);
    db.setDatabaseName(m_options.path);
    QStringList opts;
    if (m_options.readOnly)
        opts << QStringLiteral("OUTPOST_OPEN_READONLY");
    else if (!primary || m_options.mode == OpenMode::OpenExisting)
        opts << QStringLiteral("OUTPOST_OPEN_NO_CREATE");
    db.setConnectOptions(opts.join(QLatin1Char(';')));

    auto fail = [&](Error e) -> Result<QSqlDatabase> {
        if (db.isOpen())
            db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return e;
    };

    if (!db.open())
        return fail(Error(ErrorCode::Io, tr("Could not open %1: %2").arg(m_options.path, db.lastError().databaseText())));
    sqlite3* handle = SqlCipherDriver::nativeHandle(db);

    // Prove SQLCipher is the library in use before trusting it with a key.
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA cipher_version")) || !q.next() || q.value(0).toString().isEmpty())
            return fail(Error(ErrorCode::Crypto, tr("The SQLite library in use has no encryption support (SQLCipher "
                                                    "is missing). Outpost will not store data unencrypted.")));
        m_cipherVersion = q.value(0).toString();
    }

    SecretBytes key;
    {
        QMutexLocker locker(&m_lock);
        key = m_options.key;
    }
    if (!key.isEmpty()) {
        const SecretBytes raw = key.toSqlCipherRawKey();
        int rc = sqlite3_key(handle, raw.constData(), static_cast<int>(raw.size()));
        if (rc != SQLITE_OK)
            return fail(Error(ErrorCode::Crypto, tr("Could not set the database key: %1").arg(sqliteMessage(handle, rc))));
        if (Status s = outpost::execScript(handle, QStringLiteral("PRAGMA cipher_page_size = %1").arg(kPageSize)); !s)
            return fail(Error(ErrorCode::Crypto, tr("Could not configure encryption: %1").arg(s.message())));
    }

    // Prove the key: reading the schema decrypts page 1 and checks its HMAC.
    {
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v2(handle, "SELECT count(*) FROM sqlite_master", -1, &stmt, nullptr);
        if (rc == SQLITE_OK)
            rc = sqlite3_step(stmt);
        const int errcode = rc == SQLITE_ROW ? SQLITE_OK : sqlite3_extended_errcode(handle);
        const QString msg = sqliteMessage(handle, rc);
        sqlite3_finalize(stmt);
        if (rc != SQLITE_ROW) {
            if ((errcode & 0xff) == SQLITE_NOTADB) {
                if (!key.isEmpty() && hasPlainSqliteHeader(m_options.path))
                    return fail(Error(ErrorCode::WrongKey,
                                      tr("%1 is an unencrypted SQLite file, not an encrypted Outpost profile. "
                                         "It was left untouched.")
                                          .arg(m_options.path)));
                return fail(Error(ErrorCode::WrongKey,
                                  tr("The database could not be decrypted: the key is wrong, or the file is not an "
                                     "Outpost database or is damaged. The file was left untouched.")));
            }
            if ((errcode & 0xff) == SQLITE_CORRUPT)
                return fail(Error(ErrorCode::Corrupt, tr("The database file is damaged (%1). The file was left "
                                                         "untouched; restore it from a backup or sync it again.")
                                                          .arg(msg)));
            return fail(Error(ErrorCode::Database, tr("Could not read the database: %1").arg(msg)));
        }
    }

    // secure_delete: deleted or overwritten content is zeroed in its page and freed pages are cleared, so an
    // erased person's values (contact.erase) do not survive in free space; see docs/notes on its cost.
    QString pragmas = QStringLiteral("PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA secure_delete = ON; "
                                     "PRAGMA cache_size = -%1;")
                          .arg(m_options.cacheSizeKiB);
    pragmas += m_options.durability == Durability::Full ? QStringLiteral("PRAGMA synchronous = FULL;")
                                                        : QStringLiteral("PRAGMA synchronous = NORMAL;");
    if (Status s = outpost::execScript(handle, pragmas); !s)
        return fail(Error(ErrorCode::Database, tr("Could not configure the database: %1").arg(s.message())));
    m_gate->attach(handle);
    if (m_checkpointer)
        m_checkpointer->attach(handle);
    return db;
}

Result<std::vector<int>> Database::readAppliedMigrations(QSqlDatabase& db)
{
    QString error;
    const bool hasHistory = sql::tableExists(db, QStringLiteral("schema_migrations"), &error);
    if (!error.isEmpty())
        return Error(ErrorCode::Database, tr("Could not read the schema: %1").arg(error));
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!hasHistory) {
        if (!q.exec(isPostgres() ? QStringLiteral("SELECT count(*) FROM pg_class WHERE relnamespace = "
                                                  "current_schema()::regnamespace")
                                 : QStringLiteral("SELECT count(*) FROM sqlite_master"))
            || !q.next())
            return Error(ErrorCode::Database, tr("Could not read the schema: %1").arg(q.lastError().text()));
        if (q.value(0).toInt() > 0)
            return Error(ErrorCode::Corrupt,
                         tr("%1 is not an Outpost database (it has no schema history). It was left untouched.")
                             .arg(m_options.path));
        return std::vector<int>{};
    }
    q.finish();
    if (!q.exec(QStringLiteral("SELECT version FROM schema_migrations ORDER BY version")))
        return Error(ErrorCode::Database, tr("Could not read the schema version: %1").arg(q.lastError().text()));
    std::vector<int> versions;
    while (q.next())
        versions.push_back(q.value(0).toInt());
    return versions;
}

Status Database::applyMigrations(QSqlDatabase& db)
{
    sqlite3* handle = SqlCipherDriver::nativeHandle(db);
    auto runScript = [&](const QString& sql) { return handle ? outpost::execScript(handle, sql) : execPostgresScript(db, sql); };
    if (m_schemaVersion == 0) {
        if (Status s = runScript(isPostgres() ? QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                                               " version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)")
                                              : QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                                               " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"));
            !s)
            return Error(ErrorCode::Database, tr("Could not create the schema history: %1").arg(s.message()));
    }
    // Every known step not applied yet, in version order. Steps are matched by number, not by "newer than
    // the newest applied": the server's own steps (numbered from 1001) sit after the client's, and a client
    // step added later must still run on a server database that already has them.
    MigrationList pending;
    for (const auto& m : m_options.migrations) {
        if (!std::binary_search(m_applied.begin(), m_applied.end(), m.version))
            pending.push_back(m);
    }
    std::sort(pending.begin(), pending.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });

    for (size_t i = 0; i < pending.size(); ++i) {
        const Migration& m = pending[i];
        if (m_options.migrationProgress)
            m_options.migrationProgress(int(i + 1), int(pending.size()));
        auto failed = [&](const QString& why) {
            return Error(ErrorCode::Database, tr("Upgrading the database to schema %1 (%2) failed: %3. The database "
                                                 "was left at schema %4.")
                                                  .arg(m.version)
                                                  .arg(m.name, why)
                                                  .arg(m_schemaVersion));
        };
        Transaction tx(db);
        if (!tx.isActive())
            return failed(tx.error().message);
        // Applied by another connection since the list above was read (it held the write lock we waited for).
        QSqlQuery applied(db);
        applied.prepare(QStringLiteral("SELECT count(*) FROM schema_migrations WHERE version = ?"));
        applied.addBindValue(m.version);
        if (!applied.exec() || !applied.next())
            return failed(applied.lastError().text());
        const bool alreadyApplied = applied.value(0).toInt() > 0;
        applied.finish();
        if (alreadyApplied) {
            if (Status s = tx.commit(); !s)
                return failed(s.message());
            m_applied.insert(std::upper_bound(m_applied.begin(), m_applied.end(), m.version), m.version);
            m_schemaVersion = m_applied.back();
            continue;
        }
        if (!m.sql.isEmpty()) {
            if (Status s = runScript(m.sql); !s)
                return failed(s.message());
        }
        if (m.code) {
            if (Status s = m.code(db); !s)
                return failed(s.message());
        }
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO schema_migrations(version, name, applied_at) VALUES(?, ?, ?)"));
        q.addBindValue(m.version);
        q.addBindValue(m.name);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!q.exec())
            return failed(q.lastError().text());
        if (Status s = tx.commit(); !s)
            return failed(s.message());
        qCInfo(lcStorage) << "migrated" << m_options.path << "to schema" << m.version << m.name;
        m_applied.insert(std::upper_bound(m_applied.begin(), m_applied.end(), m.version), m.version);
        m_schemaVersion = m_applied.back();
    }
    return {};
}

QSqlDatabase Database::connection()
{
    const Qt::HANDLE tid = QThread::currentThreadId();
    QString stale;
    {
        QMutexLocker locker(&m_lock);
        auto it = m_connections.constFind(tid);
        if (it != m_connections.constEnd()) {
            if (it->keyGeneration == m_keyGeneration)
                return QSqlDatabase::database(it->name, false);
            // The file was re-keyed since this thread opened its connection: close it here, on its
            // own thread, and open a new one with the current key.
            stale = it->name;
            m_connections.remove(tid);
        }
    }
    if (!stale.isEmpty()) {
        {
            QSqlDatabase old = QSqlDatabase::database(stale, false);
            old.close();
        }
        QSqlDatabase::removeDatabase(stale);
    }
    const QString name = m_baseName + QStringLiteral("-t%1").arg(reinterpret_cast<quintptr>(tid));
    quint64 generation = 0;
    {
        QMutexLocker locker(&m_lock);
        while (m_rekeying) // the file is being re-encrypted: open with the new key once it is done
            m_rekeyDone.wait(&m_lock);
        generation = m_keyGeneration;
    }
    Result<QSqlDatabase> conn = openConnection(name, false);
    QMutexLocker locker(&m_lock);
    if (!conn) {
        m_connectionErrors.insert(tid, conn.error());
        return QSqlDatabase();
    }
    // If a rekey finished while this was opening, the stale check above catches it on the next call.
    m_connections.insert(tid, {name, generation});
    return conn.value();
}

void Database::releaseThreadConnection()
{
    QString name;
    {
        QMutexLocker locker(&m_lock);
        name = m_connections.take(QThread::currentThreadId()).name;
    }
    if (name.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    // A worker's job is over: its OpenSSL state goes now, not in the (detached) thread's exit handlers.
    if (QCoreApplication* app = QCoreApplication::instance(); app && QThread::currentThread() != app->thread())
        SqlCipherProvider::releaseThreadState();
}

Error Database::lastConnectionError() const
{
    QMutexLocker locker(&m_lock);
    return m_connectionErrors.value(QThread::currentThreadId());
}

sqlite3* Database::nativeHandle()
{
    return SqlCipherDriver::nativeHandle(connection());
}

Database::LongWrite::LongWrite(LongWriteGate* gate)
    : m_gate(gate)
{
    if (m_gate)
        m_gate->begin();
}

Database::LongWrite::~LongWrite()
{
    if (m_gate)
        m_gate->end();
}

Database::LongWrite Database::announceLongWrite()
{
    return LongWrite(isPostgres() ? nullptr : m_gate.get());
}

bool Database::waitForWritersBehindLongWrite(int n, int timeoutMs) const
{
    return m_gate->waitForParked(n, timeoutMs);
}

Status Database::execScript(const QString& sql)
{
    if (isPostgres()) {
        QSqlDatabase db = connection();
        if (!db.isOpen())
            return lastConnectionError();
        return execPostgresScript(db, sql);
    }
    sqlite3* handle = nativeHandle();
    if (!handle)
        return lastConnectionError();
    return outpost::execScript(handle, sql);
}

Status Database::checkpoint()
{
    if (isPostgres())
        return {}; // PostgreSQL checkpoints by itself
    sqlite3* handle = nativeHandle();
    if (!handle)
        return lastConnectionError();
    std::unique_lock<std::mutex> paused;
    if (m_checkpointer)
        paused = m_checkpointer->pause(); // SQLite answers "busy" at once while another connection checkpoints
    return truncateLog(handle);
}

Status Database::truncateLog(sqlite3* handle)
{
    // Every page of the log copied into the file and the log emptied, or an error: callers rely on it (an
    // erased person's old values must not stay in the log; a re-key's old-key frames must not linger).
    int logPages = 0;
    int copied = 0;
    const int rc = sqlite3_wal_checkpoint_v2(handle, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &logPages, &copied);
    if (rc == SQLITE_BUSY)
        return Error(ErrorCode::Database, tr("The database is in use by another reader; its log could not be emptied "
                                         "(%1 of %2 pages copied). Try again when it is idle.")
                                          .arg(copied)
                                          .arg(logPages));
    if (rc != SQLITE_OK)
        return Error(ErrorCode::Database, tr("Could not write the log into the database: %1").arg(sqliteMessage(handle, rc)));
    return {};
}

int Database::backgroundCheckpoints() const
{
    return m_checkpointer ? m_checkpointer->completed() : 0;
}

Status Database::rekey(const SecretBytes& newKey)
{
    if (m_options.key.isEmpty())
        return Error(ErrorCode::InvalidArgument, tr("This database is not encrypted; it cannot be re-keyed."));
    if (newKey.size() != 32)
        return Error(ErrorCode::InvalidArgument, tr("A database key must be 32 bytes."));

    sqlite3* handle = nativeHandle(); // this thread's connection, with the current key
    if (!handle)
        return lastConnectionError();
    // No background checkpoint from here to the end (before the re-key flag: the thread takes its connection,
    // which waits for the new key, before this pause).
    std::unique_lock<std::mutex> paused;
    if (m_checkpointer)
        paused = m_checkpointer->pause();
    {
        // From now on every other thread finds its connection stale at its next connection() call,
        // closes it itself and waits for the new key; this thread's connection is re-keyed in place.
        QMutexLocker locker(&m_lock);
        m_rekeying = true;
        ++m_keyGeneration;
        auto own = m_connections.find(QThread::currentThreadId());
        if (own != m_connections.end())
            own->keyGeneration = m_keyGeneration;
    }
    auto finished = qScopeGuard([this] {
        QMutexLocker locker(&m_lock);
        m_rekeying = false;
        m_rekeyDone.wakeAll();
    });

    if (Status s = truncateLog(handle); !s)
        return Error(ErrorCode::Database, tr("Could not prepare the database for a new key: %1").arg(s.message()));
    const SecretBytes raw = newKey.toSqlCipherRawKey();
    const int rc = sqlite3_rekey(handle, raw.constData(), static_cast<int>(raw.size()));
    if (rc != SQLITE_OK)
        return Error(ErrorCode::Crypto, tr("Re-encrypting the database failed: %1. It is still readable with the "
                                           "old key.")
                                            .arg(sqliteMessage(handle, rc)));
    {
        QMutexLocker locker(&m_lock);
        m_options.key = newKey;
    }
    // Frames written under the old key must not linger in the WAL.
    if (Status s = truncateLog(handle); !s)
        qCWarning(lcStorage) << "checkpoint after rekey failed:" << s.message();
    return {};
}

bool Database::usesKey(const SecretBytes& key) const
{
    QMutexLocker locker(&m_lock);
    return !key.isEmpty() && key == m_options.key;
}

Status Database::integrityCheck()
{
    if (isPostgres())
        return Error(ErrorCode::InvalidArgument, tr("An integrity check of a PostgreSQL database is PostgreSQL's own "
                                                    "business (e.g. pg_amcheck)."));
    QSqlDatabase db = connection();
    if (!db.isOpen())
        return lastConnectionError();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
        return Error(ErrorCode::Corrupt, tr("The integrity check could not run: %1").arg(q.lastError().text()));
    QStringList problems;
    while (q.next()) {
        const QString line = q.value(0).toString();
        if (line != QLatin1String("ok"))
            problems << line;
    }
    if (q.lastError().isValid())
        return Error(ErrorCode::Corrupt, tr("The integrity check failed: %1").arg(q.lastError().text()));
    if (!problems.isEmpty())
        return Error(ErrorCode::Corrupt, tr("The database is damaged: %1").arg(problems.mid(0, 10).join(QStringLiteral("; "))));
    return {};
}

Status Database::backupTo(const QString& path)
{
    if (isPostgres())
        return Error(ErrorCode::InvalidArgument,
                     tr("%1 is stored in PostgreSQL: back it up with PostgreSQL's tools (pg_dump for a consistent "
                        "copy while the server runs, or continuous archiving).")
                         .arg(m_options.path));
    if (QFileInfo::exists(path))
        return Error(ErrorCode::AlreadyExists, tr("%1 already exists; a backup never overwrites a file.").arg(path));
    QSqlDatabase db = connection();
    if (!db.isOpen())
        return lastConnectionError();
    sqlite3* source = SqlCipherDriver::nativeHandle(db);
    const QString partial = path + QStringLiteral(".partial");
    QFile::remove(partial);

    sqlite3* target = nullptr;
    auto fail = [&](const QString& why) -> Status {
        if (target)
            sqlite3_close(target);
        QFile::remove(partial);
        return Error(ErrorCode::Io, tr("The backup to %1 failed: %2").arg(path, why));
    };
    if (sqlite3_open_v2(QFile::encodeName(partial).constData(), &target,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK)
        return fail(QString::fromUtf8(target ? sqlite3_errmsg(target) : "cannot open"));
    if (!m_options.key.isEmpty()) {
        const SecretBytes raw = m_options.key.toSqlCipherRawKey();
        if (sqlite3_key(target, raw.constData(), int(raw.size())) != SQLITE_OK)
            return fail(QString::fromUtf8(sqlite3_errmsg(target)));
        if (Status s = outpost::execScript(target, QStringLiteral("PRAGMA cipher_page_size = 4096")); !s)
            return fail(s.message());
    }
    // One step over all pages: the source is read inside one read transaction, i.e. one snapshot, however
    // much is written meanwhile (WAL readers do not block writers).
    sqlite3_backup* backup = sqlite3_backup_init(target, "main", source, "main");
    if (!backup)
        return fail(QString::fromUtf8(sqlite3_errmsg(target)));
    const int rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        return fail(QString::fromUtf8(sqlite3_errstr(rc)));
    if (Status s = outpost::execScript(target, QStringLiteral("PRAGMA journal_mode = DELETE")); !s)
        return fail(s.message());
    sqlite3_close(target);
    target = nullptr;
    if (!QFile::rename(partial, path))
        return fail(tr("could not move the finished copy into place"));
    return {};
}

} // namespace outpost
