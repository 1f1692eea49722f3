#include "storage/Database.h"
#include "storage/ForeignKeysOff.h"
#include "storage/Transaction.h"

#include "TempDir.h"
#include "Wait.h"

#include <QFile>
#include <QFileInfo>
#include <QSemaphore>
#include <QSqlError>
#include <QSqlQuery>

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <thread>

using namespace outpost;

namespace {

MigrationList testMigrations(int upTo)
{
    MigrationList all = {
        {1, QStringLiteral("people"), QStringLiteral("CREATE TABLE people(id INTEGER PRIMARY KEY, email TEXT NOT NULL)"), {}},
        {2, QStringLiteral("people.name"), QStringLiteral("ALTER TABLE people ADD COLUMN name TEXT NOT NULL DEFAULT ''"),
         [](QSqlDatabase& db) -> Status {
             QSqlQuery q(db);
             if (!q.exec(QStringLiteral("UPDATE people SET name = substr(email, 1, instr(email, '@') - 1)")))
                 return Error(ErrorCode::Database, q.lastError().text());
             return {};
         }},
        {3, QStringLiteral("people.index"), QStringLiteral("CREATE INDEX people_name ON people(name)"), {}},
    };
    MigrationList out;
    for (auto& m : all)
        if (m.version <= upTo)
            out.push_back(m);
    return out;
}

Result<std::unique_ptr<Database>> openDb(const QString& path, const SecretBytes& key, int schema,
                                         Database::OpenMode mode = Database::OpenMode::OpenExisting)
{
    Database::Options o;
    o.path = path;
    o.key = key;
    o.mode = mode;
    o.migrations = testMigrations(schema);
    return Database::open(std::move(o));
}

QString queryString(Database& db, const QString& sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return QStringLiteral("<error>");
    return q.value(0).toString();
}

class DatabaseTest : public ::testing::Test
{
protected:
    QString path() const { return dir.filePath(QStringLiteral("outpost.db")); }

    void createWithSecret(int schema = 3)
    {
        auto db = openDb(path(), key, schema, Database::OpenMode::CreateNew);
        ASSERT_TRUE(db.ok()) << db.message().toStdString();
        ASSERT_TRUE((*db)->execScript(QStringLiteral("INSERT INTO people(email) VALUES('zygmunt.secret@example.org')")).ok());
        ASSERT_TRUE((*db)->checkpoint().ok());
    }

    test::TempDir dir;
    SecretBytes key = SecretBytes::random(32);
};

TEST_F(DatabaseTest, FileIsEncryptedOnDisk)
{
    createWithSecret();
    const QByteArray bytes = test::readFileBytes(path());
    ASSERT_GE(bytes.size(), 4096);
    EXPECT_NE(bytes.left(16), QByteArray("SQLite format 3\0", 16));
    EXPECT_EQ(bytes.indexOf("zygmunt.secret@example.org"), -1);
    EXPECT_EQ(bytes.indexOf("CREATE TABLE"), -1);
    EXPECT_FALSE(QFile::exists(path() + QStringLiteral("-wal")) && test::readFileBytes(path() + QStringLiteral("-wal")).contains("zygmunt"));
}

TEST_F(DatabaseTest, ReportsSqlCipherVersion)
{
    createWithSecret();
    auto db = openDb(path(), key, 3);
    ASSERT_TRUE(db.ok());
    EXPECT_FALSE((*db)->cipherVersion().isEmpty());
    EXPECT_TRUE((*db)->isEncrypted());
    EXPECT_EQ((*db)->schemaVersion(), 3);
}

TEST_F(DatabaseTest, WrongKeyFailsClearlyAndLeavesTheFileUntouched)
{
    createWithSecret();
    const QByteArray before = test::sha256OfFile(path());
    auto db = openDb(path(), SecretBytes::random(32), 3);
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.code(), ErrorCode::WrongKey);
    EXPECT_TRUE(db.message().contains(QStringLiteral("key is wrong"))) << db.message().toStdString();
    EXPECT_EQ(test::sha256OfFile(path()), before);
    // And the right key still works afterwards.
    EXPECT_TRUE(openDb(path(), key, 3).ok());
}

TEST_F(DatabaseTest, GarbageFileIsRefusedAndKept)
{
    QFile f(path());
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(8192, '\x5a'));
    f.close();
    const QByteArray before = test::sha256OfFile(path());
    auto db = openDb(path(), key, 3);
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.code(), ErrorCode::WrongKey);
    EXPECT_EQ(test::sha256OfFile(path()), before);
}

TEST_F(DatabaseTest, UnencryptedFileIsNamedAsSuch)
{
    {
        auto plain = openDb(path(), SecretBytes(), 1, Database::OpenMode::CreateNew);
        ASSERT_TRUE(plain.ok()) << plain.message().toStdString();
    }
    auto db = openDb(path(), key, 1);
    ASSERT_FALSE(db.ok());
    EXPECT_TRUE(db.message().contains(QStringLiteral("unencrypted"))) << db.message().toStdString();
}

TEST_F(DatabaseTest, MissingFileIsNotCreatedWhenOpeningExisting)
{
    auto db = openDb(path(), key, 3);
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.code(), ErrorCode::NotFound);
    EXPECT_FALSE(QFile::exists(path()));
}

TEST_F(DatabaseTest, CreateNewNeverOverwrites)
{
    createWithSecret();
    const QByteArray before = test::sha256OfFile(path());
    auto db = openDb(path(), SecretBytes::random(32), 3, Database::OpenMode::CreateNew);
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.code(), ErrorCode::AlreadyExists);
    EXPECT_EQ(test::sha256OfFile(path()), before);
}

TEST_F(DatabaseTest, FreshDatabaseRunsAllMigrations)
{
    auto db = openDb(path(), key, 3, Database::OpenMode::CreateNew);
    ASSERT_TRUE(db.ok());
    EXPECT_EQ((*db)->schemaVersion(), 3);
    EXPECT_EQ(queryString(**db, QStringLiteral("SELECT count(*) FROM schema_migrations")), QStringLiteral("3"));
    EXPECT_EQ(queryString(**db, QStringLiteral("PRAGMA journal_mode")), QStringLiteral("wal"));
    EXPECT_EQ(queryString(**db, QStringLiteral("PRAGMA foreign_keys")), QStringLiteral("1"));
}

TEST_F(DatabaseTest, OlderDatabaseIsUpgradedWithItsData)
{
    createWithSecret(1);
    auto db = openDb(path(), key, 3);
    ASSERT_TRUE(db.ok()) << db.message().toStdString();
    EXPECT_EQ((*db)->schemaVersion(), 3);
    EXPECT_EQ(queryString(**db, QStringLiteral("SELECT name FROM people")), QStringLiteral("zygmunt.secret"));
}

TEST_F(DatabaseTest, NewerSchemaIsRefusedUntouched)
{
    createWithSecret(3);
    const QByteArray before = test::sha256OfFile(path());
    const QStringList connectionsBefore = QSqlDatabase::connectionNames();
    auto db = openDb(path(), key, 2);
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.code(), ErrorCode::SchemaTooNew);
    EXPECT_TRUE(db.message().contains(QStringLiteral("newer version"))) << db.message().toStdString();
    EXPECT_EQ(test::sha256OfFile(path()), before);
    // The refused open left no connection behind (nor the key it was opened with).
    EXPECT_EQ(QSqlDatabase::connectionNames(), connectionsBefore);
}

TEST_F(DatabaseTest, StepsAreMatchedByNumberSoALaterLowerStepStillRuns)
{
    // A server database has the client's steps plus its own from 1001; a client step added later (3 here)
    // must still run on it, after 1001 was applied.
    const Migration serverStep{1001, QStringLiteral("server"), QStringLiteral("CREATE TABLE server_only(x)"), {}};
    {
        Database::Options o;
        o.path = path();
        o.key = key;
        o.mode = Database::OpenMode::CreateNew;
        o.migrations = testMigrations(2);
        o.migrations.push_back(serverStep);
        auto db = Database::open(std::move(o));
        ASSERT_TRUE(db.ok()) << db.message().toStdString();
        EXPECT_EQ((*db)->schemaVersion(), 1001);
    }
    Database::Options o;
    o.path = path();
    o.key = key;
    o.migrations = testMigrations(3);
    o.migrations.push_back(serverStep);
    auto db = Database::open(std::move(o));
    ASSERT_TRUE(db.ok()) << db.message().toStdString();
    EXPECT_EQ(queryString(**db, QStringLiteral("SELECT group_concat(version) FROM (SELECT version FROM schema_migrations "
                                               "ORDER BY version)")),
              QStringLiteral("1,2,3,1001"));
}

TEST_F(DatabaseTest, AnUnknownAppliedStepIsRefusedUntouched)
{
    {
        Database::Options o;
        o.path = path();
        o.key = key;
        o.mode = Database::OpenMode::CreateNew;
        o.migrations = testMigrations(1);
        o.migrations.push_back({1001, QStringLiteral("server"), QStringLiteral("CREATE TABLE server_only(x)"), {}});
        ASSERT_TRUE(Database::open(std::move(o)).ok());
    }
    const QByteArray before = test::sha256OfFile(path());
    auto db = openDb(path(), key, 3); // knows 1..3 but not 1001
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.code(), ErrorCode::SchemaTooNew);
    EXPECT_TRUE(db.message().contains(QStringLiteral("1001"))) << db.message().toStdString();
    EXPECT_EQ(test::sha256OfFile(path()), before);
}

TEST_F(DatabaseTest, FailedMigrationLeavesThePreviousSchema)
{
    createWithSecret(1);
    Database::Options o;
    o.path = path();
    o.key = key;
    o.migrations = testMigrations(1);
    o.migrations.push_back({2, QStringLiteral("broken"), QStringLiteral("CREATE TABLE half(x); SELECT * FROM nowhere"), {}});
    auto db = Database::open(std::move(o));
    ASSERT_FALSE(db.ok());
    EXPECT_TRUE(db.message().contains(QStringLiteral("left at schema 1"))) << db.message().toStdString();
    auto again = openDb(path(), key, 1);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ((*again)->schemaVersion(), 1);
    EXPECT_EQ(queryString(**again, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name='half'")), QStringLiteral("0"));
}

// A migration whose data step fails after its script changed rows and made a table (as a crash half-way would
// stop it) leaves the data and the schema version as they were; the next open runs it again, whole, and reports it.
TEST_F(DatabaseTest, AMigrationThatFailsHalfwayLeavesTheDataAndRunsAgainAtTheNextOpen)
{
    createWithSecret(1);
    auto withStep2 = [&](bool failing, std::vector<std::pair<int, int>>* progress) {
        Database::Options o;
        o.path = path();
        o.key = key;
        o.migrations = testMigrations(2);
        Migration& m = o.migrations.back();
        m.sql += QStringLiteral("; UPDATE people SET email = 'rewritten'; CREATE TABLE half(x)");
        if (failing)
            m.code = [](QSqlDatabase&) -> Status { return Error(ErrorCode::Database, QStringLiteral("interrupted")); };
        o.migrationProgress = [progress](int step, int steps) { progress->emplace_back(step, steps); };
        return Database::open(std::move(o));
    };
    std::vector<std::pair<int, int>> progress;
    auto failed = withStep2(true, &progress);
    ASSERT_FALSE(failed.ok());
    EXPECT_TRUE(failed.message().contains(QStringLiteral("left at schema 1"))) << failed.message().toStdString();
    EXPECT_EQ(progress, (std::vector<std::pair<int, int>>{{1, 1}}));
    {
        auto before = openDb(path(), key, 1);
        ASSERT_TRUE(before.ok());
        EXPECT_EQ((*before)->schemaVersion(), 1);
        EXPECT_EQ(queryString(**before, QStringLiteral("SELECT email FROM people")), QStringLiteral("zygmunt.secret@example.org"));
        EXPECT_EQ(queryString(**before, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'half'")), QStringLiteral("0"));
        EXPECT_EQ(queryString(**before, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'people' AND sql LIKE '%name TEXT%'")),
                  QStringLiteral("0"));
    }
    progress.clear();
    auto again = withStep2(false, &progress);
    ASSERT_TRUE(again.ok()) << again.message().toStdString();
    EXPECT_EQ(progress, (std::vector<std::pair<int, int>>{{1, 1}}));
    EXPECT_EQ((*again)->schemaVersion(), 2);
    EXPECT_EQ(queryString(**again, QStringLiteral("SELECT email FROM people")), QStringLiteral("rewritten"));
    EXPECT_EQ(queryString(**again, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'half'")), QStringLiteral("1"));

    // Nothing pending: no progress.
    again.value().reset();
    progress.clear();
    ASSERT_TRUE(withStep2(false, &progress).ok());
    EXPECT_TRUE(progress.empty());
}

TEST_F(DatabaseTest, RekeyKeepsDataReadableWithTheNewKeyOnly)
{
    createWithSecret();
    const SecretBytes newKey = SecretBytes::random(32);
    {
        auto db = openDb(path(), key, 3);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE((*db)->rekey(newKey).ok());
        EXPECT_EQ(queryString(**db, QStringLiteral("SELECT email FROM people")), QStringLiteral("zygmunt.secret@example.org"));
    }
    auto withOld = openDb(path(), key, 3);
    ASSERT_FALSE(withOld.ok());
    EXPECT_EQ(withOld.code(), ErrorCode::WrongKey);
    auto withNew = openDb(path(), newKey, 3);
    ASSERT_TRUE(withNew.ok()) << withNew.message().toStdString();
    EXPECT_EQ(queryString(**withNew, QStringLiteral("SELECT email FROM people")), QStringLiteral("zygmunt.secret@example.org"));
    EXPECT_TRUE((*withNew)->integrityCheck().ok());
}

TEST_F(DatabaseTest, BackupIsAnEncryptedConsistentCopyAndNeverOverwrites)
{
    createWithSecret();
    auto db = openDb(path(), key, 3);
    ASSERT_TRUE(db.ok());
    const QString copyPath = path() + QStringLiteral(".backup");
    ASSERT_TRUE((*db)->backupTo(copyPath).ok());
    QFile f(copyPath);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    EXPECT_FALSE(bytes.startsWith("SQLite format 3"));
    EXPECT_FALSE(bytes.contains("zygmunt.secret"));
    f.close();

    auto copy = openDb(copyPath, key, 3);
    ASSERT_TRUE(copy.ok()) << copy.message().toStdString();
    EXPECT_EQ(queryString(**copy, QStringLiteral("SELECT email FROM people")), QStringLiteral("zygmunt.secret@example.org"));
    EXPECT_TRUE((*copy)->integrityCheck().ok());
    EXPECT_FALSE(openDb(copyPath, SecretBytes::random(32), 3).ok());

    const QByteArray before = test::sha256OfFile(copyPath);
    auto again = (*db)->backupTo(copyPath);
    EXPECT_EQ(again.code(), ErrorCode::AlreadyExists);
    EXPECT_EQ(test::sha256OfFile(copyPath), before);
}

TEST_F(DatabaseTest, EachThreadGetsItsOwnKeyedConnection)
{
    createWithSecret();
    auto db = openDb(path(), key, 3);
    ASSERT_TRUE(db.ok());
    QString fromThread;
    std::thread worker([&] {
        QSqlDatabase c = (*db)->connection();
        QSqlQuery q(c);
        if (q.exec(QStringLiteral("SELECT email FROM people")) && q.next())
            fromThread = q.value(0).toString();
        q.finish();
        q = QSqlQuery();
        c = QSqlDatabase();
        (*db)->releaseThreadConnection();
    });
    worker.join();
    EXPECT_EQ(fromThread, QStringLiteral("zygmunt.secret@example.org"));
}

TEST_F(DatabaseTest, DetectsDamagedPages)
{
    createWithSecret();
    {
        auto db = openDb(path(), key, 3);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE((*db)->execScript(QStringLiteral("CREATE TABLE filler(x); WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i<2000) INSERT INTO filler SELECT randomblob(200) FROM c;")).ok());
        ASSERT_TRUE((*db)->checkpoint().ok());
    }
    QFile f(path());
    ASSERT_TRUE(f.open(QIODevice::ReadWrite));
    ASSERT_TRUE(f.seek(4096 * 20 + 100));
    f.write(QByteArray(64, '\x01'));
    f.close();
    auto db = openDb(path(), key, 3);
    ASSERT_TRUE(db.ok()) << db.message().toStdString(); // page 1 is intact
    const Status check = (*db)->integrityCheck();
    EXPECT_FALSE(check.ok());
}

} // namespace

namespace {
// One transaction of about 6,000 pages (4 KiB each), well past the checkpoint threshold (1,000 pages).
constexpr const char* kBigCommit = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8000) "
                                   "INSERT INTO people(email) SELECT hex(randomblob(1400)) FROM n";
}

TEST_F(DatabaseTest, ABigCommitIsCheckpointedByTheBackgroundThread)
{
    createWithSecret();
    auto db = openDb(path(), key, 3);
    ASSERT_TRUE(db.ok());
    const qint64 before = QFileInfo(path()).size();
    ASSERT_TRUE((*db)->execScript(QString::fromLatin1(kBigCommit)).ok());
    // The committing connection handed the checkpoint over; the thread copies the log into the file.
    ASSERT_TRUE(test::waitUntil([&] { return (*db)->backgroundCheckpoints() > 0; }));
    EXPECT_GT(QFileInfo(path()).size(), before + 5000 * 4096);
    EXPECT_EQ(queryString(**db, QStringLiteral("SELECT count(*) FROM people")), QStringLiteral("8001"));
}

TEST_F(DatabaseTest, ClosingRightAfterABigCommitLosesNothing)
{
    createWithSecret();
    {
        auto db = openDb(path(), key, 3);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE((*db)->execScript(QString::fromLatin1(kBigCommit)).ok());
    } // the destructor waits for a checkpoint under way, then closes
    auto db = openDb(path(), key, 3);
    ASSERT_TRUE(db.ok()) << db.message().toStdString();
    EXPECT_EQ(queryString(**db, QStringLiteral("SELECT count(*) FROM people")), QStringLiteral("8001"));
    EXPECT_TRUE((*db)->integrityCheck().ok());
}

TEST_F(DatabaseTest, ForeignKeysOffHoldsForItsScopeOnlyAndOnlyOutsideATransaction)
{
    createWithSecret();
    auto db = openDb(path(), key, 3);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->execScript(QStringLiteral("CREATE TABLE cards(id INTEGER PRIMARY KEY, person INTEGER "
                                                 "REFERENCES people(id) ON DELETE SET NULL); "
                                                 "INSERT INTO cards(person) SELECT id FROM people"))
                    .ok());
    QSqlDatabase conn = (*db)->connection();
    ASSERT_EQ(queryString(**db, QStringLiteral("PRAGMA foreign_keys")), QStringLiteral("1"));
    {
        const ForeignKeysOff off(conn);
        EXPECT_TRUE(off.active());
        EXPECT_EQ(queryString(**db, QStringLiteral("PRAGMA foreign_keys")), QStringLiteral("0"));
        // Not enforced: the card keeps pointing at the deleted person.
        ASSERT_TRUE((*db)->execScript(QStringLiteral("BEGIN; DELETE FROM people")).ok());
        EXPECT_EQ(queryString(**db, QStringLiteral("SELECT count(*) FROM cards WHERE person IS NULL")),
                  QStringLiteral("0"));
        ASSERT_TRUE((*db)->execScript(QStringLiteral("ROLLBACK")).ok());
    }
    EXPECT_EQ(queryString(**db, QStringLiteral("PRAGMA foreign_keys")), QStringLiteral("1"));

    // Inside a transaction SQLite would ignore the pragma: the guard leaves enforcement as it is.
    ASSERT_TRUE((*db)->execScript(QStringLiteral("BEGIN")).ok());
    {
        const ForeignKeysOff off(conn);
        EXPECT_FALSE(off.active());
        ASSERT_TRUE((*db)->execScript(QStringLiteral("DELETE FROM people")).ok());
    }
    ASSERT_TRUE((*db)->execScript(QStringLiteral("COMMIT")).ok());
    EXPECT_EQ(queryString(**db, QStringLiteral("SELECT count(*) FROM cards WHERE person IS NULL")), QStringLiteral("1"));
    EXPECT_EQ(queryString(**db, QStringLiteral("PRAGMA foreign_keys")), QStringLiteral("1"));
}

// A write that finds the file locked by a long write announced on another thread (a stopped first sync's
// index step: seconds at a million contacts) waits for its end instead of failing, even with no busy timeout
// of its own; the same lock held by an ordinary write makes it fail at once ("database is locked"), as
// before.
TEST_F(DatabaseTest, AWriteWaitsForAnAnnouncedLongWriteInsteadOfFailingAtItsBusyTimeout)
{
    Database::Options o;
    o.path = path();
    o.key = key;
    o.mode = Database::OpenMode::CreateNew;
    o.migrations = testMigrations(3);
    o.busyTimeoutMs = 0;
    auto opened = Database::open(std::move(o));
    ASSERT_TRUE(opened.ok()) << opened.message().toStdString();
    Database& db = **opened;
    auto insert = [&](const QString& email) -> Status {
        QSqlDatabase conn = db.connection();
        Transaction tx(conn);
        if (!tx.isActive())
            return tx.error();
        QSqlQuery q(conn);
        if (!q.exec(QStringLiteral("INSERT INTO people(email) VALUES('%1')").arg(email)))
            return Error(ErrorCode::Database, q.lastError().text());
        return tx.commit();
    };
    // Another thread takes the write lock (announced as long, or not), then runs `whileHeld` before its
    // commit.
    auto holder = [&](bool announced, QSemaphore& held, std::function<void()> whileHeld) {
        return std::thread([&db, &insert, &held, announced, whileHeld = std::move(whileHeld)] {
            {
                std::optional<Database::LongWrite> longWrite;
                if (announced)
                    longWrite.emplace(db.announceLongWrite());
                QSqlDatabase conn = db.connection();
                Transaction tx(conn);
                EXPECT_TRUE(tx.isActive());
                EXPECT_TRUE(insert(announced ? QStringLiteral("long@example.org")
                                             : QStringLiteral("short@example.org"))
                                .ok());
                held.release();
                whileHeld();
                EXPECT_TRUE(tx.commit().ok());
            }
            db.releaseThreadConnection();
        });
    };

    QSemaphore held;
    QSemaphore failed;
    std::thread ordinary = holder(false, held, [&] { failed.acquire(); });
    held.acquire();
    Status refused = insert(QStringLiteral("refused@example.org"));
    failed.release();
    ordinary.join();
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.message().contains(QStringLiteral("locked"))) << refused.message().toStdString();

    bool waited = false;
    std::thread longWrite = holder(true, held, [&] { waited = db.waitForWritersBehindLongWrite(1, 60000); });
    held.acquire();
    Status patient = insert(QStringLiteral("patient@example.org")); // parked until the long write commits
    longWrite.join();
    EXPECT_TRUE(waited);
    EXPECT_TRUE(patient.ok()) << patient.message().toStdString();
    EXPECT_EQ(
        queryString(db, QStringLiteral(
                            "SELECT group_concat(email, ' ') FROM (SELECT email FROM people ORDER BY id)")),
        QStringLiteral("short@example.org long@example.org patient@example.org"));
}
