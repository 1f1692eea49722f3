#include "audit/AuditLog.h"
#include "contacts/ContactRepository.h"
#include "mutations/MutationEngine.h"
#include "mutations/Outbox.h"
#include "storage/Transaction.h"
#include "util/Uuid.h"

#include "TestWorkspace.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlQuery>

#include <gtest/gtest.h>
#include <sqlite3.h>

using namespace outpost;

namespace {

qint64 countOf(QSqlDatabase db, const QString& table)
{
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT count(*) FROM ") + table);
    q.next();
    return q.value(0).toLongLong();
}

QJsonObject createArgs(const QString& id, const QString& first, const QString& last, const QString& email)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("fields"), QJsonObject{{QStringLiteral("firstName"), first},
                                                              {QStringLiteral("lastName"), last},
                                                              {QStringLiteral("email"), email}}}};
}

class MutationEngineTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(t.db);
        engine = std::make_unique<MutationEngine>(*t.db, MutationRegistry::standard(), clock);
        ASSERT_TRUE(engine->initialize().ok());
    }

    test::TestDatabase t;
    ManualClock clock;
    std::unique_ptr<MutationEngine> engine;
};

TEST_F(MutationEngineTest, CreateWritesRowOutboxAndAuditTogether)
{
    const QString id = newUuidV7();
    QSignalSpy spy(engine.get(), &MutationEngine::changed);
    auto m = engine->submit(QStringLiteral("contact.create"), createArgs(id, QStringLiteral("Łucja"), QStringLiteral("Wójcik"), QStringLiteral("lucja@example.pl")));
    ASSERT_TRUE(m.ok()) << m.message().toStdString();
    EXPECT_EQ(m->seq, 1);
    EXPECT_EQ(m->qualifiedName(), QStringLiteral("contact.create@1"));
    EXPECT_EQ(spy.count(), 1);

    QSqlDatabase conn = t.db->connection();
    EXPECT_EQ(countOf(conn, QStringLiteral("contacts")), 1);
    EXPECT_EQ(countOf(conn, QStringLiteral("outbox")), 1);
    EXPECT_EQ(countOf(conn, QStringLiteral("audit_log")), 1);
    auto pending = Outbox::pending(conn, 10);
    ASSERT_TRUE(pending.ok());
    ASSERT_EQ(pending->size(), 1);
    EXPECT_EQ(pending->at(0).id, m->id);
    EXPECT_EQ(pending->at(0).args.value(QStringLiteral("id")).toString(), id);
    EXPECT_EQ(pending->at(0).deviceId, engine->deviceId());
}

// contact.createMany: many contacts in one mutation (one outbox entry, one audit entry per contact), safe to
// replay; and a push reads the outbox up to a byte budget, so chunks of long rows never make one request too big.
TEST_F(MutationEngineTest, ManyContactsInOneMutationReplayAndThePushByteBudget)
{
    const QString longNote(12'000, QLatin1Char('x'));
    QList<QJsonObject> chunks;
    for (int c = 0; c < 3; ++c) {
        QJsonArray members;
        for (int i = 0; i < 200; ++i) {
            QJsonObject args = createArgs(newUuidV7(), QStringLiteral("P%1").arg(i), QStringLiteral("C%1").arg(c),
                                          QStringLiteral("p%1.c%2@example.com").arg(i).arg(c));
            QJsonObject fields = args.value(QStringLiteral("fields")).toObject();
            fields.insert(QStringLiteral("notes"), longNote);
            args.insert(QStringLiteral("fields"), fields);
            members.append(args);
        }
        chunks.append(QJsonObject{{QStringLiteral("contacts"), members}});
        auto m = engine->submit(QStringLiteral("contact.createMany"), chunks.last());
        ASSERT_TRUE(m.ok()) << m.message().toStdString();
    }
    QSqlDatabase conn = t.db->connection();
    EXPECT_EQ(countOf(conn, QStringLiteral("contacts")), 600);
    EXPECT_EQ(countOf(conn, QStringLiteral("outbox")), 3);
    EXPECT_EQ(countOf(conn, QStringLiteral("audit_log")), 600);

    // Each chunk is ~2.4 MB of arguments: a push takes one at a time (budget 4 MiB), in order, none left out.
    qint64 after = 0;
    for (int c = 0; c < 3; ++c) {
        auto pending = Outbox::pending(conn, 10, after);
        ASSERT_TRUE(pending.ok());
        ASSERT_EQ(pending->size(), 1) << c;
        EXPECT_EQ(pending->first().name, QStringLiteral("contact.createMany"));
        after = pending->first().seq;
    }
    EXPECT_TRUE(Outbox::pending(conn, 10, after)->isEmpty());

    // A replay of a chunk already applied changes nothing.
    auto again = engine->submit(QStringLiteral("contact.createMany"), chunks.first());
    ASSERT_TRUE(again.ok()) << again.message().toStdString();
    EXPECT_EQ(countOf(conn, QStringLiteral("contacts")), 600);
    EXPECT_EQ(countOf(conn, QStringLiteral("audit_log")), 600);
}

TEST_F(MutationEngineTest, SequenceNumbersRiseAndSurviveReopen)
{
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(engine->submit(QStringLiteral("contact.create"), createArgs(newUuidV7(), QStringLiteral("A"), QStringLiteral("B%1").arg(i), QString())).ok());
    const QString device = engine->deviceId();
    engine.reset();
    t.reopen();
    MutationEngine again(*t.db, MutationRegistry::standard(), clock);
    ASSERT_TRUE(again.initialize().ok());
    EXPECT_EQ(again.deviceId(), device);
    auto m = again.submit(QStringLiteral("contact.create"), createArgs(newUuidV7(), QStringLiteral("C"), QStringLiteral("D"), QString()));
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m->seq, 4);
}

TEST_F(MutationEngineTest, SequenceAndClockContinueAfterTheOutboxDrains)
{
    clock.set(5'000'000);
    Mutation last;
    for (int i = 0; i < 3; ++i) {
        auto m = engine->submit(QStringLiteral("contact.create"),
                                createArgs(newUuidV7(), QStringLiteral("A"), QStringLiteral("B%1").arg(i), QString()));
        ASSERT_TRUE(m.ok());
        last = m.value();
    }
    {
        QSqlDatabase conn = t.db->connection();
        Transaction tx(conn);
        ASSERT_TRUE(Outbox::acknowledge(conn, 3).ok());
        ASSERT_TRUE(tx.commit().ok());
        EXPECT_EQ(Outbox::count(conn).value(), 0);
    }
    engine.reset();
    t.reopen();
    clock.set(1'000); // the wall clock went backwards while the app was closed
    MutationEngine again(*t.db, MutationRegistry::standard(), clock);
    ASSERT_TRUE(again.initialize().ok());
    auto m = again.submit(QStringLiteral("contact.create"), createArgs(newUuidV7(), QStringLiteral("C"), QStringLiteral("D"), QString()));
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m->seq, 4);                 // not 1 again: the server would take it for a replay
    EXPECT_GT(m->hlc, last.hlc);          // the clock never runs backwards for this device
}

TEST_F(MutationEngineTest, UpdateRecordsOnlyChangedFieldsInTheAudit)
{
    const QString id = newUuidV7();
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.create"), createArgs(id, QStringLiteral("Ana"), QStringLiteral("Peña"), QStringLiteral("ana@example.es"))).ok());
    auto m = engine->submit(QStringLiteral("contact.update"),
                            QJsonObject{{QStringLiteral("id"), id},
                                        {QStringLiteral("set"), QJsonObject{{QStringLiteral("email"), QStringLiteral("ana.pena@example.es")},
                                                                            {QStringLiteral("firstName"), QStringLiteral("Ana")}}}});
    ASSERT_TRUE(m.ok()) << m.message().toStdString();
    QSqlQuery q(t.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT action, before, after FROM audit_log ORDER BY seq DESC LIMIT 1")));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral("update"));
    EXPECT_EQ(q.value(1).toString(), QStringLiteral("{\"email\":\"ana@example.es\"}"));
    EXPECT_EQ(q.value(2).toString(), QStringLiteral("{\"email\":\"ana.pena@example.es\"}"));
}

// Each page a commit writes is encrypted: an edit of a field outside the search index must write only
// the contact's row, its audit entry and its outbox entry (one page each in a small profile) — no index
// entry and no full-text segment.
TEST_F(MutationEngineTest, AnEditOutsideTheSearchIndexWritesThreePages)
{
    const QString id = newUuidV7();
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.create"), createArgs(id, QStringLiteral("Zoë"), QStringLiteral("Dubois"), QStringLiteral("zd@example.fr"))).ok());
    sqlite3* handle = t.db->nativeHandle();
    auto pagesWritten = [&] {
        int current = 0;
        int highwater = 0;
        EXPECT_EQ(sqlite3_db_status(handle, SQLITE_DBSTATUS_CACHE_WRITE, &current, &highwater, 0), SQLITE_OK);
        return current;
    };
    const int before = pagesWritten();
    auto m = engine->submit(QStringLiteral("contact.update"),
                            QJsonObject{{QStringLiteral("id"), id},
                                        {QStringLiteral("set"), QJsonObject{{QStringLiteral("street"), QStringLiteral("12 Rue de la Paix")}}}});
    ASSERT_TRUE(m.ok()) << m.message().toStdString();
    EXPECT_EQ(pagesWritten() - before, 3);

    // A searchable edit still reaches the search index.
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.update"),
                               QJsonObject{{QStringLiteral("id"), id},
                                           {QStringLiteral("set"), QJsonObject{{QStringLiteral("lastName"), QStringLiteral("Lefèvre")}}}})
                    .ok());
    QSqlQuery q(t.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'lefevre'")));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toInt(), 1);
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'dubois'")));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toInt(), 0);
}

TEST_F(MutationEngineTest, InvalidArgumentsChangeNothing)
{
    QSqlDatabase conn = t.db->connection();
    auto bad = engine->submit(QStringLiteral("contact.create"), createArgs(newUuidV7(), QStringLiteral("X"), QString(), QStringLiteral("not-an-email")));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.code(), ErrorCode::InvalidArgument);
    EXPECT_TRUE(bad.message().contains(QStringLiteral("not-an-email")));
    auto unknownField = engine->submit(QStringLiteral("contact.create"),
                                       QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                                   {QStringLiteral("fields"), QJsonObject{{QStringLiteral("shoeSize"), QStringLiteral("44")}}}});
    ASSERT_FALSE(unknownField.ok());
    EXPECT_TRUE(unknownField.message().contains(QStringLiteral("shoeSize")));
    auto unknownMutation = engine->submit(QStringLiteral("contact.teleport"), QJsonObject{});
    ASSERT_FALSE(unknownMutation.ok());
    auto badId = engine->submit(QStringLiteral("contact.delete"), QJsonObject{{QStringLiteral("id"), QStringLiteral("1; DROP TABLE contacts")}});
    ASSERT_FALSE(badId.ok());
    EXPECT_EQ(countOf(conn, QStringLiteral("contacts")), 0);
    EXPECT_EQ(countOf(conn, QStringLiteral("outbox")), 0);
    EXPECT_EQ(countOf(conn, QStringLiteral("audit_log")), 0);
}

TEST_F(MutationEngineTest, AFailureInTheMiddleLeavesNoRowNoOutboxNoAudit)
{
    QSqlDatabase conn = t.db->connection();
    // The row and the audit entry are written, then queueing in the outbox fails.
    QSqlQuery trap(conn);
    ASSERT_TRUE(trap.exec(QStringLiteral("CREATE TRIGGER outbox_trap BEFORE INSERT ON outbox BEGIN "
                                         "SELECT RAISE(ABORT, 'disk full (simulated)'); END")));
    auto m = engine->submit(QStringLiteral("contact.create"), createArgs(newUuidV7(), QStringLiteral("Zoë"), QStringLiteral("Ørsted"), QString()));
    ASSERT_FALSE(m.ok());
    EXPECT_TRUE(m.message().contains(QStringLiteral("disk full"))) << m.message().toStdString();
    EXPECT_EQ(countOf(conn, QStringLiteral("contacts")), 0);
    EXPECT_EQ(countOf(conn, QStringLiteral("contacts_fts")), 0);
    EXPECT_EQ(countOf(conn, QStringLiteral("outbox")), 0);
    EXPECT_EQ(countOf(conn, QStringLiteral("audit_log")), 0);
    QSqlQuery n(conn);
    ASSERT_TRUE(n.exec(QStringLiteral("SELECT n FROM entity_counts WHERE entity='contacts'")) && n.next());
    EXPECT_EQ(n.value(0).toInt(), 0);

    // And the next mutation gets the sequence number the failed one would have had.
    ASSERT_TRUE(trap.exec(QStringLiteral("DROP TRIGGER outbox_trap")));
    auto ok = engine->submit(QStringLiteral("contact.create"), createArgs(newUuidV7(), QStringLiteral("Zoë"), QStringLiteral("Ørsted"), QString()));
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok->seq, 1);
}

TEST_F(MutationEngineTest, ReplayingACreateOrDeleteHasNoSecondEffect)
{
    const QString id = newUuidV7();
    const QJsonObject args = createArgs(id, QStringLiteral("Jiří"), QStringLiteral("Dvořák"), QStringLiteral("jiri@example.cz"));
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.create"), args).ok());
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.create"), args).ok());
    QSqlDatabase conn = t.db->connection();
    EXPECT_EQ(countOf(conn, QStringLiteral("contacts")), 1);
    EXPECT_EQ(countOf(conn, QStringLiteral("audit_log")), 1); // the replay changed nothing
    const QJsonObject del{{QStringLiteral("id"), id}};
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.delete"), del).ok());
    ASSERT_TRUE(engine->submit(QStringLiteral("contact.delete"), del).ok());
    EXPECT_EQ(countOf(conn, QStringLiteral("contacts")), 0);
    EXPECT_EQ(countOf(conn, QStringLiteral("audit_log")), 2);
    auto report = AuditLog::verify(conn);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->intact);
}

TEST_F(MutationEngineTest, UpdateOfAMissingContactIsRefused)
{
    auto m = engine->submit(QStringLiteral("contact.update"),
                            QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                        {QStringLiteral("set"), QJsonObject{{QStringLiteral("city"), QStringLiteral("Brno")}}}});
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.code(), ErrorCode::NotFound);
}

} // namespace
