#include "storage/Database.h"
#include "storage/Transaction.h"

#include "TempDir.h"

#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace outpost;

namespace {

int countRows(QSqlDatabase db)
{
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT count(*) FROM t"));
    q.next();
    return q.value(0).toInt();
}

class TransactionTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        Database::Options o;
        o.path = dir.filePath(QStringLiteral("t.db"));
        o.key = SecretBytes::random(32);
        o.mode = Database::OpenMode::CreateNew;
        auto r = Database::open(std::move(o));
        ASSERT_TRUE(r.ok()) << r.message().toStdString();
        db = std::move(r.value());
        ASSERT_TRUE(db->execScript(QStringLiteral("CREATE TABLE t(x INTEGER)")).ok());
    }
    test::TempDir dir;
    std::unique_ptr<Database> db;
};

TEST_F(TransactionTest, UncommittedGuardRollsBack)
{
    {
        Transaction tx(db->connection());
        ASSERT_TRUE(tx.isActive());
        ASSERT_TRUE(db->execScript(QStringLiteral("INSERT INTO t VALUES(1)")).ok());
    }
    EXPECT_EQ(countRows(db->connection()), 0);
}

TEST_F(TransactionTest, CommitPersists)
{
    Transaction tx(db->connection());
    ASSERT_TRUE(db->execScript(QStringLiteral("INSERT INTO t VALUES(1)")).ok());
    ASSERT_TRUE(tx.commit().ok());
    EXPECT_EQ(countRows(db->connection()), 1);
}

TEST_F(TransactionTest, NestedGuardRollsBackOnlyItsOwnWork)
{
    Transaction outer(db->connection());
    ASSERT_TRUE(db->execScript(QStringLiteral("INSERT INTO t VALUES(1)")).ok());
    {
        Transaction inner(db->connection());
        ASSERT_TRUE(inner.isActive());
        ASSERT_TRUE(db->execScript(QStringLiteral("INSERT INTO t VALUES(2)")).ok());
    }
    ASSERT_TRUE(outer.commit().ok());
    EXPECT_EQ(countRows(db->connection()), 1);
}

} // namespace
