#include "storage/Database.h"
#include "storage/SqlCipherDriver.h"

#include "TempDir.h"

#include <QSqlError>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>

#include <gtest/gtest.h>
#include <sqlite3.h>

using namespace outpost;

namespace {

class SqlCipherDriverTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        Database::Options o;
        o.path = dir.filePath(QStringLiteral("d.db"));
        o.key = SecretBytes::random(32);
        o.mode = Database::OpenMode::CreateNew;
        auto r = Database::open(std::move(o));
        ASSERT_TRUE(r.ok()) << r.message().toStdString();
        db = std::move(r.value());
        conn = db->connection();
        ASSERT_TRUE(db->execScript(QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, s TEXT, r REAL, b BLOB, n INTEGER)")).ok());
    }

    test::TempDir dir;
    std::unique_ptr<Database> db;
    QSqlDatabase conn;
};

TEST_F(SqlCipherDriverTest, BindsAndReadsEveryTypeRoundTrip)
{
    QSqlQuery q(conn);
    ASSERT_TRUE(q.prepare(QStringLiteral("INSERT INTO t(s, r, b, n) VALUES(:s, :r, :b, :n)")));
    const QString text = QStringLiteral("Zoë Ørsted — 東京 🙂");
    const QByteArray blob("\x00\x01\xff\x00zz", 6);
    q.bindValue(QStringLiteral(":s"), text);
    q.bindValue(QStringLiteral(":r"), 2.5);
    q.bindValue(QStringLiteral(":b"), blob);
    q.bindValue(QStringLiteral(":n"), QVariant());
    ASSERT_TRUE(q.exec()) << q.lastError().text().toStdString();
    EXPECT_EQ(q.numRowsAffected(), 1);
    EXPECT_EQ(q.lastInsertId().toLongLong(), 1);

    QSqlQuery s(conn);
    ASSERT_TRUE(s.exec(QStringLiteral("SELECT s, r, b, n, id FROM t")));
    ASSERT_TRUE(s.next());
    EXPECT_EQ(s.value(0).toString(), text);
    EXPECT_DOUBLE_EQ(s.value(1).toDouble(), 2.5);
    EXPECT_EQ(s.value(2).toByteArray(), blob);
    EXPECT_TRUE(s.isNull(3));
    EXPECT_EQ(s.value(4).toLongLong(), 1);
    EXPECT_EQ(s.record().fieldName(0), QStringLiteral("s"));
    EXPECT_FALSE(s.next());
}

TEST_F(SqlCipherDriverTest, RepeatedNamedPlaceholderAndPositionalBinding)
{
    QSqlQuery q(conn);
    ASSERT_TRUE(q.prepare(QStringLiteral("INSERT INTO t(s, n) VALUES(?, ?)")));
    for (int i = 0; i < 5; ++i) {
        q.addBindValue(QStringLiteral("row %1").arg(i));
        q.addBindValue(i);
        ASSERT_TRUE(q.exec()) << q.lastError().text().toStdString();
    }
    QSqlQuery s(conn);
    ASSERT_TRUE(s.prepare(QStringLiteral("SELECT count(*) FROM t WHERE n >= :v AND n <= :v + 1")));
    s.bindValue(QStringLiteral(":v"), 2);
    ASSERT_TRUE(s.exec());
    ASSERT_TRUE(s.next());
    EXPECT_EQ(s.value(0).toInt(), 2);
}

TEST_F(SqlCipherDriverTest, ScrollableQuerySeeksBackAndForth)
{
    ASSERT_TRUE(db->execScript(QStringLiteral("INSERT INTO t(n) VALUES(10),(20),(30),(40)")).ok());
    QSqlQuery q(conn);
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT n FROM t ORDER BY n")));
    ASSERT_TRUE(q.last());
    EXPECT_EQ(q.value(0).toInt(), 40);
    EXPECT_EQ(q.at(), 3);
    ASSERT_TRUE(q.seek(1));
    EXPECT_EQ(q.value(0).toInt(), 20);
    ASSERT_TRUE(q.previous());
    EXPECT_EQ(q.value(0).toInt(), 10);
    EXPECT_FALSE(q.seek(9));
}

TEST_F(SqlCipherDriverTest, ForwardOnlyQueryStreams)
{
    ASSERT_TRUE(db->execScript(QStringLiteral("INSERT INTO t(n) VALUES(1),(2),(3)")).ok());
    QSqlQuery q(conn);
    q.setForwardOnly(true);
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT n FROM t ORDER BY n")));
    int sum = 0;
    while (q.next())
        sum += q.value(0).toInt();
    EXPECT_EQ(sum, 6);
    EXPECT_FALSE(q.seek(0));
}

TEST_F(SqlCipherDriverTest, ErrorsAreReportedNotSwallowed)
{
    QSqlQuery q(conn);
    EXPECT_FALSE(q.exec(QStringLiteral("SELECT * FROM no_such_table")));
    EXPECT_TRUE(q.lastError().text().contains(QStringLiteral("no_such_table")));
    EXPECT_FALSE(q.exec(QStringLiteral("SELECT 1; SELECT 2")));
    EXPECT_TRUE(q.lastError().text().contains(QStringLiteral("one statement")));
    ASSERT_TRUE(db->execScript(QStringLiteral("CREATE TABLE u(x TEXT NOT NULL)")).ok());
    EXPECT_FALSE(q.exec(QStringLiteral("INSERT INTO u(x) VALUES(NULL)")));
    EXPECT_TRUE(q.lastError().text().contains(QStringLiteral("NOT NULL")));
}

TEST_F(SqlCipherDriverTest, DriverReportsTablesAndRecords)
{
    EXPECT_TRUE(conn.tables().contains(QStringLiteral("t")));
    const QSqlRecord rec = conn.record(QStringLiteral("t"));
    EXPECT_EQ(rec.count(), 5);
    EXPECT_EQ(conn.primaryIndex(QStringLiteral("t")).fieldName(0), QStringLiteral("id"));
    EXPECT_NE(SqlCipherDriver::nativeHandle(conn), nullptr);
    EXPECT_TRUE(conn.driver()->hasFeature(QSqlDriver::Transactions));
}

TEST_F(SqlCipherDriverTest, QtTransactionApiWorks)
{
    ASSERT_TRUE(conn.transaction());
    ASSERT_TRUE(db->execScript(QStringLiteral("INSERT INTO t(n) VALUES(7)")).ok());
    ASSERT_TRUE(conn.rollback());
    QSqlQuery q(conn);
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM t")));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toInt(), 0);
}

} // namespace

namespace {

// --- compiled statements kept for reuse ----------------------------------------------------------------

const SqlCipherDriver* cipherDriver(const QSqlDatabase& conn)
{
    return qobject_cast<const SqlCipherDriver*>(conn.driver());
}

// Every statement of the connection that is still stepping (holding a read or write lock).
int busyStatements(sqlite3* db)
{
    int busy = 0;
    for (sqlite3_stmt* s = sqlite3_next_stmt(db, nullptr); s; s = sqlite3_next_stmt(db, s))
        busy += sqlite3_stmt_busy(s) ? 1 : 0;
    return busy;
}

TEST_F(SqlCipherDriverTest, AFinishedStatementIsReusedWithFreshBindings)
{
    const QString insert = QStringLiteral("INSERT INTO t(s, n) VALUES(?, ?)");
    {
        QSqlQuery q(conn);
        ASSERT_TRUE(q.prepare(insert));
        q.addBindValue(QStringLiteral("first"));
        q.addBindValue(7);
        ASSERT_TRUE(q.exec());
    }
    const int idle = cipherDriver(conn)->idleStatementCount();
    ASSERT_GE(idle, 1);
    {
        QSqlQuery q(conn);
        ASSERT_TRUE(q.prepare(insert));
        EXPECT_EQ(cipherDriver(conn)->idleStatementCount(), idle - 1) << "taken from the idle ones, not compiled";
        q.addBindValue(QStringLiteral("second")); // n left unbound: NULL, not the 7 bound before
        ASSERT_TRUE(q.exec()) << q.lastError().text().toStdString();
    }
    QSqlQuery s(conn);
    ASSERT_TRUE(s.exec(QStringLiteral("SELECT s, n FROM t ORDER BY id")));
    ASSERT_TRUE(s.next());
    EXPECT_EQ(s.value(0).toString(), QStringLiteral("first"));
    EXPECT_EQ(s.value(1).toInt(), 7);
    ASSERT_TRUE(s.next());
    EXPECT_EQ(s.value(0).toString(), QStringLiteral("second"));
    EXPECT_TRUE(s.isNull(1));
}

// Text is bound as UTF-8 without a copy: the bytes must outlive the values given (temporaries here) for as long
// as SQLite reads them — every row of the scan compares against them (the ASan preset checks the lifetime).
TEST_F(SqlCipherDriverTest, TextBoundWithoutACopyStaysValidWhileTheRowsAreRead)
{
    {
        QSqlQuery q(conn);
        ASSERT_TRUE(q.prepare(QStringLiteral("INSERT INTO t(s, n) VALUES(?, ?)")));
        for (int i = 0; i < 300; ++i) {
            q.addBindValue(i % 3 == 0 ? QStringLiteral("Ørsted 東京 🙂") : QStringLiteral("other %1").arg(i));
            q.addBindValue(i);
            ASSERT_TRUE(q.exec());
        }
    }
    QSqlQuery s(conn);
    s.setForwardOnly(true);
    ASSERT_TRUE(s.prepare(QStringLiteral("SELECT n, s = ? FROM t WHERE s = ? ORDER BY n")));
    s.addBindValue(QString(QStringLiteral("Ørsted ") + QStringLiteral("東京 🙂")));
    s.addBindValue(QString(QStringLiteral("Ørsted 東京") + QStringLiteral(" 🙂")));
    ASSERT_TRUE(s.exec()) << s.lastError().text().toStdString();
    int rows = 0;
    while (s.next()) {
        EXPECT_EQ(s.value(0).toInt(), rows * 3);
        EXPECT_EQ(s.value(1).toInt(), 1);
        ++rows;
    }
    EXPECT_EQ(rows, 100);
}

TEST_F(SqlCipherDriverTest, OneQueryPreparedAgainOrRunOneOffCarriesNoEarlierValues)
{
    // The result keeps positional values itself (not through QSqlResult): a new prepare, or a one-off
    // statement, must start with none bound.
    QSqlQuery q(conn);
    ASSERT_TRUE(q.prepare(QStringLiteral("INSERT INTO t(s, n) VALUES(?, ?)")));
    q.addBindValue(QStringLiteral("two values"));
    q.addBindValue(2);
    ASSERT_TRUE(q.exec()) << q.lastError().text().toStdString();
    ASSERT_TRUE(q.prepare(QStringLiteral("INSERT INTO t(s) VALUES(?)")));
    q.addBindValue(QStringLiteral("one value"));
    ASSERT_TRUE(q.exec()) << q.lastError().text().toStdString();
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM t"))) << q.lastError().text().toStdString();
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toInt(), 2);

    // bindValue(pos) replaces a value; executing again runs with the values as they are now.
    ASSERT_TRUE(q.prepare(QStringLiteral("SELECT s FROM t WHERE n = ? OR s = ?")));
    q.bindValue(0, 2);
    q.bindValue(1, QStringLiteral("none"));
    ASSERT_TRUE(q.exec() && q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral("two values"));
    q.bindValue(1, QStringLiteral("one value"));
    q.bindValue(0, -1);
    ASSERT_TRUE(q.exec() && q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral("one value"));
}

TEST_F(SqlCipherDriverTest, TheSameStatementTwiceAtOnceGetsTwoCompiledCopies)
{
    ASSERT_TRUE(db->execScript(QStringLiteral("INSERT INTO t(n) VALUES(1); INSERT INTO t(n) VALUES(2);")).ok());
    const QString sql = QStringLiteral("SELECT n FROM t ORDER BY n");
    QSqlQuery outer(conn);
    outer.setForwardOnly(true);
    ASSERT_TRUE(outer.exec(sql));
    QList<int> pairs;
    while (outer.next()) {
        QSqlQuery inner(conn);
        inner.setForwardOnly(true);
        ASSERT_TRUE(inner.exec(sql));
        while (inner.next())
            pairs << outer.value(0).toInt() * 10 + inner.value(0).toInt();
    }
    EXPECT_EQ(pairs, (QList<int>{11, 12, 21, 22}));
}

TEST_F(SqlCipherDriverTest, AStatementGivenBackHalfReadHoldsNoLock)
{
    ASSERT_TRUE(db->execScript(QStringLiteral("INSERT INTO t(n) VALUES(1); INSERT INTO t(n) VALUES(2);")).ok());
    {
        QSqlQuery q(conn);
        q.setForwardOnly(true);
        ASSERT_TRUE(q.exec(QStringLiteral("SELECT n FROM t")));
        ASSERT_TRUE(q.next()); // one row of two: the statement is still stepping
        EXPECT_EQ(busyStatements(db->nativeHandle()), 1);
    }
    EXPECT_EQ(busyStatements(db->nativeHandle()), 0);
}

TEST_F(SqlCipherDriverTest, AKeptStatementSeesASchemaChange)
{
    const QString sql = QStringLiteral("SELECT * FROM t");
    {
        QSqlQuery q(conn);
        ASSERT_TRUE(q.exec(sql));
        EXPECT_EQ(q.record().count(), 5);
    }
    ASSERT_TRUE(db->execScript(QStringLiteral("ALTER TABLE t ADD COLUMN extra TEXT DEFAULT 'x'; INSERT INTO t(n) VALUES(1);")).ok());
    QSqlQuery q(conn);
    ASSERT_TRUE(q.exec(sql)) << q.lastError().text().toStdString();
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.record().count(), 6);
    EXPECT_EQ(q.value(5).toString(), QStringLiteral("x"));
}

TEST_F(SqlCipherDriverTest, IdleStatementsAreBoundedAndFreedOnClose)
{
    for (int i = 0; i < 3 * SqlCipherDriver::kMaxIdleStatements; ++i) {
        QSqlQuery q(conn);
        ASSERT_TRUE(q.exec(QStringLiteral("SELECT %1 FROM t").arg(i)));
    }
    EXPECT_LE(cipherDriver(conn)->idleStatementCount(), SqlCipherDriver::kMaxIdleStatements);
    EXPECT_GT(cipherDriver(conn)->idleStatementCount(), 0);

    // A query that outlives its connection's close is finalized, not kept, and fails cleanly.
    QSqlQuery live(conn);
    ASSERT_TRUE(live.prepare(QStringLiteral("SELECT n FROM t")));
    conn.close();
    EXPECT_EQ(cipherDriver(conn)->idleStatementCount(), 0);
    EXPECT_FALSE(live.exec());
    live = QSqlQuery();
    EXPECT_EQ(cipherDriver(conn)->idleStatementCount(), 0);
}

} // namespace
