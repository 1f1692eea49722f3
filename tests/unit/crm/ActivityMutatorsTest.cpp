#include "activities/Activity.h"
#include "mutations/MutationEngine.h"
#include "replication/RowCodec.h"
#include "util/Uuid.h"

#include "TestWorkspace.h"

#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace outpost;

namespace {

class ActivityMutatorsTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        engine = std::make_unique<MutationEngine>(*t.db, MutationRegistry::standard(), clock);
        ASSERT_TRUE(engine->initialize().ok());
    }

    QJsonObject logArgs(const QString& id, const QString& kind = QStringLiteral("call"))
    {
        return {{QStringLiteral("id"), id},
                {QStringLiteral("kind"), kind},
                {QStringLiteral("subjectType"), QStringLiteral("contact")},
                {QStringLiteral("subjectId"), contactId},
                {QStringLiteral("occurredAt"), clock.nowMs() - 3'600'000},
                {QStringLiteral("title"), QStringLiteral("Discovery call")},
                {QStringLiteral("body"), QStringLiteral("Wants a demo next week.")}};
    }

    std::optional<StoredActivity> load(const QString& id)
    {
        QSqlDatabase conn = t.db->connection();
        auto row = activitysql::load(conn, id);
        EXPECT_TRUE(row.ok());
        return row.value();
    }

    qint64 count(const QString& sql)
    {
        QSqlQuery q(t.db->connection());
        q.exec(sql);
        q.next();
        return q.value(0).toLongLong();
    }

    test::TestDatabase t;
    ManualClock clock;
    std::unique_ptr<MutationEngine> engine;
    const QString contactId = newUuidV7();
};

} // namespace

TEST_F(ActivityMutatorsTest, LogWritesTheRowAndOneAuditEntryAndAReplayChangesNothing)
{
    const QString id = newUuidV7();
    const QJsonObject args = logArgs(id);
    auto m = engine->submit(QStringLiteral("activity.log"), args);
    ASSERT_TRUE(m.ok()) << m.message().toStdString();
    auto a = load(id);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->activity.kind, QStringLiteral("call"));
    EXPECT_EQ(a->activity.subjectId, contactId);
    EXPECT_EQ(a->activity.title, QStringLiteral("Discovery call"));
    EXPECT_EQ(a->activity.occurredAt, clock.nowMs() - 3'600'000);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE entity = 'activity'")), 1);

    clock.advance(1000);
    ASSERT_TRUE(engine->submit(QStringLiteral("activity.log"), args).ok());
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM activities")), 1);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log WHERE entity = 'activity'")), 1);
    EXPECT_EQ(load(id)->updatedAt, a->updatedAt);
}

TEST_F(ActivityMutatorsTest, InvalidInputIsRefusedAndWritesNothing)
{
    auto refused = [&](QJsonObject args, const char* why) {
        auto m = engine->submit(QStringLiteral("activity.log"), args);
        EXPECT_FALSE(m.ok()) << why;
        if (!m.ok()) {
            EXPECT_FALSE(m.message().isEmpty()) << why;
        }
    };
    QJsonObject a = logArgs(newUuidV7(), QStringLiteral("fax"));
    refused(a, "unknown kind");
    a = logArgs(newUuidV7());
    a.insert(QStringLiteral("subjectType"), QStringLiteral("distributor"));
    refused(a, "unknown subject type");
    a = logArgs(newUuidV7());
    a.insert(QStringLiteral("subjectId"), QStringLiteral("nope"));
    refused(a, "bad subject id");
    a = logArgs(newUuidV7());
    a.insert(QStringLiteral("occurredAt"), QStringLiteral("yesterday"));
    refused(a, "time as text");
    a = logArgs(newUuidV7());
    a.insert(QStringLiteral("title"), QString());
    a.insert(QStringLiteral("body"), QStringLiteral("   "));
    refused(a, "nothing written");
    a = logArgs(newUuidV7());
    a.insert(QStringLiteral("title"), QString(201, QLatin1Char('x')));
    refused(a, "title too long");
    a = logArgs(QStringLiteral("not-a-uuid"));
    refused(a, "bad id");
    a = logArgs(newUuidV7());
    a.insert(QStringLiteral("colour"), QStringLiteral("red"));
    refused(a, "unknown field");
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM activities")), 0);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM outbox")), 0);
    EXPECT_EQ(count(QStringLiteral("SELECT count(*) FROM audit_log")), 0);
}

TEST_F(ActivityMutatorsTest, UpdateChangesFieldsButNotTheSubject)
{
    const QString id = newUuidV7();
    ASSERT_TRUE(engine->submit(QStringLiteral("activity.log"), logArgs(id)).ok());
    auto m = engine->submit(QStringLiteral("activity.update"),
                            {{QStringLiteral("id"), id},
                             {QStringLiteral("set"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("meeting")},
                                                                 {QStringLiteral("title"), QStringLiteral("Demo")}}}});
    ASSERT_TRUE(m.ok()) << m.message().toStdString();
    EXPECT_EQ(load(id)->activity.kind, QStringLiteral("meeting"));
    EXPECT_EQ(load(id)->activity.title, QStringLiteral("Demo"));

    auto moved = engine->submit(QStringLiteral("activity.update"),
                                {{QStringLiteral("id"), id},
                                 {QStringLiteral("set"), QJsonObject{{QStringLiteral("subjectId"), newUuidV7()}}}});
    EXPECT_FALSE(moved.ok());
    EXPECT_EQ(load(id)->activity.subjectId, contactId);

    auto missing = engine->submit(QStringLiteral("activity.update"),
                                  {{QStringLiteral("id"), newUuidV7()},
                                   {QStringLiteral("set"), QJsonObject{{QStringLiteral("title"), QStringLiteral("x")}}}});
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
}

TEST_F(ActivityMutatorsTest, DeleteClearsWhatTheUserWroteAndKeepsTheSubject)
{
    const QString id = newUuidV7();
    ASSERT_TRUE(engine->submit(QStringLiteral("activity.log"), logArgs(id)).ok());
    clock.advance(5000);
    ASSERT_TRUE(engine->submit(QStringLiteral("activity.delete"), {{QStringLiteral("id"), id}}).ok());
    auto a = load(id);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->activity.deletedAt, clock.nowMs());
    EXPECT_TRUE(a->activity.title.isEmpty());
    EXPECT_TRUE(a->activity.body.isEmpty());
    EXPECT_EQ(a->activity.subjectId, contactId);
    // Deleting again, editing or replaying the log do not bring anything back.
    ASSERT_TRUE(engine->submit(QStringLiteral("activity.delete"), {{QStringLiteral("id"), id}}).ok());
    ASSERT_TRUE(engine->submit(QStringLiteral("activity.log"), logArgs(id)).ok());
    EXPECT_TRUE(load(id)->activity.title.isEmpty());
    EXPECT_FALSE(engine
                     ->submit(QStringLiteral("activity.update"),
                              {{QStringLiteral("id"), id},
                               {QStringLiteral("set"), QJsonObject{{QStringLiteral("title"), QStringLiteral("x")}}}})
                     .ok());
}

TEST_F(ActivityMutatorsTest, TheRowCodecCarriesEveryColumn)
{
    const QString id = newUuidV7();
    ASSERT_TRUE(engine->submit(QStringLiteral("activity.log"), logArgs(id, QStringLiteral("email"))).ok());
    const RowCodec* codec = RowCodecRegistry::standard().find(QStringLiteral("activity"));
    ASSERT_NE(codec, nullptr);
    QSqlDatabase conn = t.db->connection();
    auto row = codec->read(conn, id);
    ASSERT_TRUE(row.ok() && row->has_value());

    test::TestDatabase other;
    QSqlDatabase otherConn = other.db->connection();
    ASSERT_TRUE(codec->write(otherConn, id, row->value()).ok());
    auto copy = codec->read(otherConn, id);
    ASSERT_TRUE(copy.ok() && copy->has_value());
    EXPECT_EQ(copy->value(), row->value());
    QJsonObject incomplete = row->value();
    incomplete.remove(QStringLiteral("occurredAt"));
    EXPECT_FALSE(codec->write(otherConn, newUuidV7(), incomplete).ok());
    ASSERT_TRUE(codec->remove(otherConn, id).ok());
    EXPECT_FALSE(codec->read(otherConn, id)->has_value());
}
