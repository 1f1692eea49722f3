#include "contacts/ContactSearchTidier.h"
#include "mutations/MutationEngine.h"
#include "mutations/MutationRegistry.h"
#include "profile/Workspace.h"
#include "util/Uuid.h"

#include "TestWorkspace.h"
#include "Wait.h"

#include <QJsonObject>
#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace outpost;

namespace {

// Each created in its own transaction: FTS4 writes each as a segment of its own on level 0.
void createOneByOne(MutationEngine& engine, int count)
{
    for (int i = 0; i < count; ++i) {
        auto m = engine.submit(QStringLiteral("contact.create"),
                               QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                           {QStringLiteral("fields"),
                                            QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Tidy%1").arg(i)},
                                                        {QStringLiteral("lastName"), QStringLiteral("Segment")}}}});
        ASSERT_TRUE(m.ok()) << m.message().toStdString();
    }
}

// The most segments any level of the index holds.
int fullestLevel(QSqlDatabase db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT max(n) FROM (SELECT count(*) AS n FROM contacts_fts_segdir GROUP BY level)"))
        || !q.next())
        return -1;
    return q.value(0).toInt();
}

int segments(QSqlDatabase db)
{
    QSqlQuery q(db);
    return q.exec(QStringLiteral("SELECT count(*) FROM contacts_fts_segdir")) && q.next() ? q.value(0).toInt() : -1;
}

int matches(QSqlDatabase db, const QString& text)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH ?"));
    q.addBindValue(text);
    return q.exec() && q.next() ? q.value(0).toInt() : -1;
}

bool integrityCheck(QSqlDatabase db)
{
    QSqlQuery q(db);
    return q.exec(QStringLiteral("INSERT INTO contacts_fts(contacts_fts) VALUES('integrity-check')"));
}

TEST(ContactSearchTidier, MergesEveryLevelBelowItsThresholdAndTheIndexStaysWhole)
{
    test::TestDatabase t;
    ASSERT_TRUE(t.db);
    ManualClock clock(1'700'000'000'000);
    MutationEngine engine(*t.db, MutationRegistry::standard(), clock);
    ASSERT_TRUE(engine.initialize().ok());
    QSqlDatabase conn = t.db->connection();
    // 40 transactions: FTS4 merged level 0 twice on its own (at 16), and left 8 segments there.
    createOneByOne(engine, 40);
    ASSERT_GE(fullestLevel(conn), ContactSearchTidier::kMinSegments);
    auto needed = ContactSearchTidier::needsTidying(conn);
    ASSERT_TRUE(needed.ok()) << needed.message().toStdString();
    EXPECT_TRUE(needed.value());
    const int before = segments(conn);

    ASSERT_TRUE(ContactSearchTidier::tidy(conn).ok());

    EXPECT_LT(fullestLevel(conn), ContactSearchTidier::kMinSegments);
    EXPECT_LT(segments(conn), before);
    needed = ContactSearchTidier::needsTidying(conn);
    ASSERT_TRUE(needed.ok());
    EXPECT_FALSE(needed.value());
    EXPECT_TRUE(integrityCheck(conn));
    // Every entry is still found, by whole word and by prefix (the prefix indexes were merged too).
    EXPECT_EQ(matches(conn, QStringLiteral("segment")), 40);
    EXPECT_EQ(matches(conn, QStringLiteral("tidy7")), 1);
    EXPECT_EQ(matches(conn, QStringLiteral("tid*")), 40);
    // Nothing left to do: a step finds no work.
    auto worked = ContactSearchTidier::step(conn);
    ASSERT_TRUE(worked.ok()) << worked.message().toStdString();
    EXPECT_FALSE(worked.value());
}

// An erasure merges the whole index ('optimize') whenever it runs, between two steps of the tidier's run as well:
// the index stays whole, and tidying afterwards finds its way.
TEST(ContactSearchTidier, AnOptimizeBetweenTidyingStepsLeavesTheIndexWhole)
{
    test::TestDatabase t;
    ASSERT_TRUE(t.db);
    ManualClock clock(1'700'000'000'000);
    MutationEngine engine(*t.db, MutationRegistry::standard(), clock);
    ASSERT_TRUE(engine.initialize().ok());
    createOneByOne(engine, 300);
    QSqlDatabase conn = t.db->connection();
    auto worked = ContactSearchTidier::step(conn);
    ASSERT_TRUE(worked.ok()) << worked.message().toStdString();
    ASSERT_TRUE(worked.value());
    QSqlQuery q(conn);
    ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO contacts_fts(contacts_fts) VALUES('optimize')")));
    EXPECT_TRUE(integrityCheck(conn));
    createOneByOne(engine, 20);
    ASSERT_TRUE(ContactSearchTidier::tidy(conn).ok());
    EXPECT_LT(fullestLevel(conn), ContactSearchTidier::kMinSegments);
    EXPECT_TRUE(integrityCheck(conn));
    EXPECT_EQ(matches(conn, QStringLiteral("segment")), 320);
    // Tidy1, Tidy10–19 and Tidy100–199, then Tidy1 and Tidy10–19 again.
    EXPECT_EQ(matches(conn, QStringLiteral("tidy1*")), 1 + 10 + 100 + 1 + 10);
}

TEST(ContactSearchTidier, AWorkspaceTidiesItsIndexInTheBackgroundAfterContactChanges)
{
    test::TempDir dir;
    ProfileInfo info;
    info.dir = dir.path();
    info.id = newUuidV7();
    info.name = QStringLiteral("tidier");
    auto ws = Workspace::open(info, SecretBytes::random(32), Database::OpenMode::CreateNew);
    ASSERT_TRUE(ws.ok()) << ws.message().toStdString();
    Workspace& w = *ws.value();
    createOneByOne(w.mutations(), 40);
    QSqlDatabase conn = w.database().connection();
    // Each change asked the tidier; it merges on its own thread and connection.
    ASSERT_TRUE(test::waitUntil([&] {
        return w.searchTidier().completedRuns() > 0 && fullestLevel(conn) < ContactSearchTidier::kMinSegments;
    }));
    EXPECT_TRUE(integrityCheck(conn));
    EXPECT_EQ(matches(conn, QStringLiteral("segment")), 40);
}

TEST(ContactSearchTidier, ADatabaseWithoutTheSearchIndexNeedsNone)
{
    test::TestDatabase t;
    ASSERT_TRUE(t.db);
    QSqlDatabase conn = t.db->connection();
    QSqlQuery q(conn);
    ASSERT_TRUE(q.exec(QStringLiteral("DROP TABLE contacts_fts")));
    auto needed = ContactSearchTidier::needsTidying(conn);
    ASSERT_TRUE(needed.ok()) << needed.message().toStdString();
    EXPECT_FALSE(needed.value());
    EXPECT_TRUE(ContactSearchTidier::tidy(conn).ok());
}

} // namespace
