#include "audit/AuditLog.h"
#include "mutations/MutationEngine.h"
#include "mutations/Outbox.h"
#include "util/Uuid.h"

#include "ContactArgs.h"
#include "TestWorkspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace outpost;

namespace {

qint64 countOf(QSqlDatabase db, const QString& table)
{
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT count(*) FROM ") + table);
    q.next();
    return q.value(0).toLongLong();
}

class MutationBatchTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(t.db);
        engine = std::make_unique<MutationEngine>(*t.db, MutationRegistry::standard(), clock);
        ASSERT_TRUE(engine->initialize().ok());
    }
    QList<MutationEngine::BatchItem> items(const QString& existingId)
    {
        return {{QStringLiteral("contact.create"), test::contactCreateArgs(newUuidV7(), QStringLiteral("A"), QStringLiteral("One"))},
                {QStringLiteral("contact.update"), test::contactSetArgs(existingId, QStringLiteral("email"), QStringLiteral("bad"))},
                {QStringLiteral("contact.update"), test::contactSetArgs(existingId, QStringLiteral("city"), QStringLiteral("Graz"))}};
    }

    test::TestDatabase t;
    ManualClock clock;
    std::unique_ptr<MutationEngine> engine;
};

TEST_F(MutationBatchTest, SkipFailedKeepsTheOthersWithFullSemantics)
{
    const QString id = newUuidV7();
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.create"), test::contactCreateArgs(id, QStringLiteral("B"), QStringLiteral("Two"))).ok());
    QSignalSpy spy(engine.get(), &MutationEngine::changed);
    auto r = engine->submitBatch(items(id), MutationEngine::BatchMode::SkipFailed);
    ASSERT_TRUE(r.ok()) << r.message().toStdString();
    ASSERT_EQ(r->applied.size(), 2);
    ASSERT_EQ(r->failed.size(), 1);
    EXPECT_EQ(r->failed.first().index, 1);
    EXPECT_EQ(r->failed.first().error.code, ErrorCode::InvalidArgument);
    EXPECT_EQ(r->applied.at(0).seq, 2); // no gap for the failed one
    EXPECT_EQ(r->applied.at(1).seq, 3);
    EXPECT_EQ(spy.count(), 1);
    EXPECT_EQ(spy.first().first().value<EntityChanges>().size(), 2);

    QSqlDatabase conn = t.db->connection();
    EXPECT_EQ(countOf(conn, QStringLiteral("contacts")), 2);
    EXPECT_EQ(countOf(conn, QStringLiteral("outbox")), 3);
    EXPECT_EQ(countOf(conn, QStringLiteral("audit_log")), 3);
    auto pending = Outbox::pending(conn, 10);
    ASSERT_TRUE(pending.ok());
    const QJsonArray touched = pending->at(2).touched;
    ASSERT_EQ(touched.size(), 1);
    EXPECT_EQ(touched.at(0).toObject().value(QStringLiteral("id")).toString(), id);
    EXPECT_EQ(touched.at(0).toObject().value(QStringLiteral("before")).toObject().value(QStringLiteral("city")).toString(), QString());
    auto report = AuditLog::verify(conn);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->intact);
}

TEST_F(MutationBatchTest, AllOrNothingLeavesNothingOnFailure)
{
    const QString id = newUuidV7();
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.create"), test::contactCreateArgs(id, QStringLiteral("B"), QStringLiteral("Two"))).ok());
    QSignalSpy spy(engine.get(), &MutationEngine::changed);
    auto r = engine->submitBatch(items(id), MutationEngine::BatchMode::AllOrNothing);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(spy.count(), 0);
    QSqlDatabase conn = t.db->connection();
    EXPECT_EQ(countOf(conn, QStringLiteral("contacts")), 1);
    EXPECT_EQ(countOf(conn, QStringLiteral("outbox")), 1);
    EXPECT_EQ(countOf(conn, QStringLiteral("audit_log")), 1);
    // The next change continues the sequence.
    auto m = engine->submit(QStringLiteral("contact.create"), test::contactCreateArgs(newUuidV7(), QStringLiteral("C"), QStringLiteral("Three")));
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m->seq, 2);
}

TEST_F(MutationBatchTest, ABatchThatGoesAwayUncommittedRollsBack)
{
    {
        auto batch = engine->beginBatch();
        ASSERT_TRUE(batch.ok()) << batch.message().toStdString();
        for (int i = 0; i < 5; ++i)
            ASSERT_TRUE(batch.value()->submit(QStringLiteral("contact.create"),
                                              test::contactCreateArgs(newUuidV7(), QStringLiteral("X"), QString::number(i)))
                            .ok());
        EXPECT_EQ(batch.value()->appliedCount(), 5);
        // Own bookkeeping in the same transaction.
        QSqlQuery q(batch.value()->connection());
        ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO meta(key, value) VALUES('batch-test', '1')")));
    }
    QSqlDatabase conn = t.db->connection();
    EXPECT_EQ(countOf(conn, QStringLiteral("contacts")), 0);
    EXPECT_EQ(countOf(conn, QStringLiteral("outbox")), 0);
    EXPECT_EQ(countOf(conn, QStringLiteral("meta WHERE key = 'batch-test'")), 0);
}

TEST_F(MutationBatchTest, ALargeBatchReportsChangesPerEntity)
{
    auto batch = engine->beginBatch();
    ASSERT_TRUE(batch.ok());
    QSignalSpy spy(engine.get(), &MutationEngine::changed);
    for (int i = 0; i < MutationBatch::kMaxListedChanges + 1; ++i)
        ASSERT_TRUE(batch.value()->submit(QStringLiteral("contact.create"),
                                          test::contactCreateArgs(newUuidV7(), QStringLiteral("X"), QString::number(i)))
                        .ok());
    ASSERT_TRUE(batch.value()->commit().ok());
    ASSERT_EQ(spy.count(), 1);
    const EntityChanges changes = spy.first().first().value<EntityChanges>();
    ASSERT_EQ(changes.size(), 1);
    EXPECT_EQ(changes.first().entity, QStringLiteral("contact"));
    EXPECT_TRUE(changes.first().id.isEmpty());
    EXPECT_FALSE(batch.value()->submit(QStringLiteral("contact.delete"), QJsonObject()).ok()); // committed
}

} // namespace

namespace {

// A mutation that fails after it wrote part of itself (here: its outbox entry is refused by a trigger,
// after the contact row and the audit entry were written) cannot be taken back alone: the whole batch
// is rolled back, says so, and refuses further work.
TEST_F(MutationBatchTest, AFailureAfterAWriteRollsTheWholeBatchBack)
{
    QSqlDatabase conn = t.db->connection();
    auto batch = engine->beginBatch();
    ASSERT_TRUE(batch.ok());
    ASSERT_TRUE(batch.value()->submit(QStringLiteral("contact.create"), test::contactCreateArgs(newUuidV7(), QStringLiteral("Ada"), QStringLiteral("First"))).ok());

    QSqlQuery trigger(batch.value()->connection());
    ASSERT_TRUE(trigger.exec(QStringLiteral("CREATE TEMP TRIGGER refuse_outbox BEFORE INSERT ON main.outbox "
                                            "BEGIN SELECT RAISE(ABORT, 'the disk is full'); END")));
    auto failed = batch.value()->submit(QStringLiteral("contact.create"), test::contactCreateArgs(newUuidV7(), QStringLiteral("Bo"), QStringLiteral("Second")));
    ASSERT_FALSE(failed.ok());
    EXPECT_TRUE(failed.message().contains(QStringLiteral("rolled back"))) << failed.message().toStdString();
    EXPECT_FALSE(batch.value()->isActive());
    EXPECT_FALSE(batch.value()->submit(QStringLiteral("contact.create"), test::contactCreateArgs(newUuidV7(), QStringLiteral("Cy"), QStringLiteral("Third"))).ok());
    EXPECT_FALSE(batch.value()->commit().ok());
    EXPECT_EQ(countOf(conn, QStringLiteral("sqlite_temp_master WHERE name = 'refuse_outbox'")), 0); // rolled back too

    EXPECT_EQ(countOf(conn, QStringLiteral("contacts")), 0);
    EXPECT_EQ(countOf(conn, QStringLiteral("outbox")), 0);
    EXPECT_EQ(countOf(conn, QStringLiteral("audit_log")), 0);
}

// The outbox entry's `touched` is written by hand from the audit entries' text (MutationEngine), and an
// import's arguments from each row's text (given to submit): both must be the text QJsonDocument writes, for
// values that need escapes too.
TEST_F(MutationBatchTest, TheOutboxHoldsTheJsonTextQtWouldWriteForHandWrittenArgumentsAndTouchedRows)
{
    const QString id = newUuidV7();
    const QString awkward = QStringLiteral("Quote \" back\\slash\ttab\nnew line \u00e9\u4e2d \U0001F600 ctl\x01 end");
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.create"),
                               test::contactCreateArgs(id, awkward, QStringLiteral("O'Brien")))
                    .ok());
    const QString second = newUuidV7();
    const QJsonObject fields{{QStringLiteral("firstName"), awkward}, {QStringLiteral("notes"), QStringLiteral("a\r\nb")}};
    const QJsonObject args{
        {QStringLiteral("contacts"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), second}, {QStringLiteral("fields"), fields}}}}};
    QByteArray argsText("{\"contacts\":[{\"fields\":");
    argsText += QJsonDocument(fields).toJson(QJsonDocument::Compact);
    argsText += ",\"id\":\"" + second.toUtf8() + "\"}]}";
    auto batch = engine->beginBatch();
    ASSERT_TRUE(batch.ok());
    ASSERT_TRUE(batch.value()->submit(QStringLiteral("contact.createMany"), args, argsText).ok());
    ASSERT_TRUE(batch.value()->submit(QStringLiteral("contact.update"),
                                      test::contactSetArgs(id, QStringLiteral("notes"), awkward))
                    .ok());
    ASSERT_TRUE(batch.value()->submit(QStringLiteral("contact.deleteMany"),
                                      QJsonObject{{QStringLiteral("ids"), QJsonArray{id, second}}})
                    .ok());
    ASSERT_TRUE(batch.value()->commit().ok());

    QSqlQuery q(t.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT name, args, touched FROM outbox ORDER BY seq")));
    int rows = 0;
    bool sawEscapedBefore = false;
    while (q.next()) {
        ++rows;
        SCOPED_TRACE(q.value(0).toString().toStdString());
        const QByteArray argsStored = q.value(1).toString().toUtf8();
        const QByteArray touchedStored = q.value(2).toString().toUtf8();
        QJsonParseError error;
        const QJsonDocument a = QJsonDocument::fromJson(argsStored, &error);
        ASSERT_EQ(error.error, QJsonParseError::NoError) << argsStored.toStdString();
        EXPECT_EQ(a.toJson(QJsonDocument::Compact), argsStored);
        const QJsonDocument touched = QJsonDocument::fromJson(touchedStored, &error);
        ASSERT_EQ(error.error, QJsonParseError::NoError) << touchedStored.toStdString();
        ASSERT_TRUE(touched.isArray());
        EXPECT_FALSE(touched.array().isEmpty());
        EXPECT_EQ(touched.toJson(QJsonDocument::Compact), touchedStored);
        for (const QJsonValue& row : touched.array())
            sawEscapedBefore |= row.toObject().value(QStringLiteral("before")).toObject().value(QStringLiteral("firstName"))
                                == awkward;
    }
    EXPECT_EQ(rows, 4);
    EXPECT_TRUE(sawEscapedBefore); // the deletions' `before` carried the awkward name through
    // The audit entries' before/after are the mutators' own text (jsonTextObject) where they had it: the same
    // text, and the chain verifies.
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT action, before, after FROM audit_log ORDER BY seq")));
    int entries = 0;
    while (q.next()) {
        ++entries;
        for (int column : {1, 2}) {
            if (q.value(column).isNull() || q.value(column).toString().isEmpty())
                continue;
            const QByteArray text = q.value(column).toString().toUtf8();
            EXPECT_EQ(QJsonDocument::fromJson(text).toJson(QJsonDocument::Compact), text)
                << q.value(0).toString().toStdString() << " " << column;
        }
    }
    EXPECT_EQ(entries, 5); // two creates, an update, two deletions
    QSqlDatabase conn = t.db->connection();
    auto report = AuditLog::verify(conn);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->intact);
    auto pending = Outbox::pending(conn, 10);
    ASSERT_TRUE(pending.ok());
    ASSERT_EQ(pending->size(), 4);
    EXPECT_EQ(pending->at(1).args, args);
    EXPECT_EQ(pending->at(3).touched.size(), 2);
}

} // namespace
