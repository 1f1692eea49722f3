// An import's chunks through sync (contact.createMany / contact.deleteMany): a chunk pushed by one device reaches
// the others, row by row under the visibility rules as single creates would, and a refused row refuses the
// whole chunk with its reason. Runs on both server storages.
#include "service/Permissions.h"
#include "service/SyncService.h"
#include "service/TeamSchema.h"
#include "storage/Database.h"
#include "TempDir.h"
#include "StorageParam.h"
#include "TestWorkspace.h"
#include "util/Uuid.h"

#include <gtest/gtest.h>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace outpost;
using namespace outpost::server;

#include "SyncFixture.h"

using namespace outpost::test;

namespace {

QJsonObject member(const QString& id, const QString& first, const QString& email, const QString& owner)
{
    QJsonObject fields{{QStringLiteral("firstName"), first}, {QStringLiteral("email"), email}};
    if (!owner.isEmpty())
        fields.insert(QStringLiteral("ownerId"), owner);
    return QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("fields"), fields}};
}

} // namespace

class ImportChunkSyncTest : public ::testing::TestWithParam<test::StorageBackend>
{
protected:
    void SetUp() override { ASSERT_TRUE(server.service) << "the team database did not open"; }

    Server server{GetParam()};
};

INSTANTIATE_TEST_SUITE_P(Storage, ImportChunkSyncTest, test::bothBackends(), test::backendTestName);

TEST_P(ImportChunkSyncTest, AChunkReachesOtherDevicesAsItsRowsVisibilityAllowsAndItsUndoToo)
{
    Device ana(QStringLiteral("ana")), carl(QStringLiteral("carl")), mia(QStringLiteral("mia"), QStringLiteral("manager"));
    const QString own1 = newUuidV7(), own2 = newUuidV7(), pool = newUuidV7();
    ana.submit(QStringLiteral("contact.createMany"),
               QJsonObject{{QStringLiteral("contacts"),
                            QJsonArray{member(own1, QStringLiteral("Ada"), QStringLiteral("ada@x.example"), QStringLiteral("ana")),
                                       member(own2, QStringLiteral("Bo"), QStringLiteral("bo@x.example"), QStringLiteral("ana")),
                                       member(pool, QStringLiteral("Cy"), QStringLiteral("cy@x.example"), QString())}}});
    const auto pushed = ana.sync(*server.service);
    ASSERT_EQ(pushed.results.size(), 1); // one mutation for the three rows
    EXPECT_EQ(pushed.results.first().status, wire::MutationResult::Status::Applied)
        << pushed.results.first().message.toStdString();
    for (const QString& id : {own1, own2, pool})
        EXPECT_TRUE(server.has(QStringLiteral("contacts"), id));

    mia.sync(*server.service);
    carl.sync(*server.service);
    for (const QString& id : {own1, own2, pool})
        EXPECT_TRUE(mia.has(QStringLiteral("contacts"), id)); // a manager sees every contact
    EXPECT_FALSE(carl.has(QStringLiteral("contacts"), own1)); // another rep sees Ana's own ones not…
    EXPECT_FALSE(carl.has(QStringLiteral("contacts"), own2));
    EXPECT_TRUE(carl.has(QStringLiteral("contacts"), pool)); // …but the team's pool

    // The undo's chunk takes them away everywhere.
    ana.submit(QStringLiteral("contact.deleteMany"), QJsonObject{{QStringLiteral("ids"), QJsonArray{own1, own2, pool}}});
    const auto undone = ana.sync(*server.service);
    ASSERT_EQ(undone.results.size(), 1);
    EXPECT_EQ(undone.results.first().status, wire::MutationResult::Status::Applied)
        << undone.results.first().message.toStdString();
    mia.sync(*server.service);
    carl.sync(*server.service);
    for (const QString& id : {own1, own2, pool}) {
        EXPECT_FALSE(server.has(QStringLiteral("contacts"), id));
        EXPECT_FALSE(mia.has(QStringLiteral("contacts"), id));
        EXPECT_FALSE(carl.has(QStringLiteral("contacts"), id));
    }
    EXPECT_EQ(ana.replica->pendingCount().value(), 0);
}

TEST_P(ImportChunkSyncTest, ARowTheUserMayNotWriteRefusesTheWholeChunkWithItsReason)
{
    Device ana(QStringLiteral("ana")), carl(QStringLiteral("carl"));
    const QString his = carl.create(QStringLiteral("Pia"), QStringLiteral("Holm"), QStringLiteral("pia@holm.example"),
                                    QStringLiteral("carl"));
    carl.sync(*server.service);
    ana.sync(*server.service);
    ASSERT_FALSE(ana.has(QStringLiteral("contacts"), his)); // Carl's own: not on Ana's device

    // Ana's chunk carries a new contact of hers and, under the id of Carl's private contact, one that would
    // overwrite his (a create with a given id sets the fields of a contact already there): she may not
    // change a contact she cannot see, so the whole chunk is refused.
    const QString hers = newUuidV7();
    ana.submit(QStringLiteral("contact.createMany"),
               QJsonObject{{QStringLiteral("contacts"),
                            QJsonArray{member(hers, QStringLiteral("Ada"), QStringLiteral("ada@x.example"), QStringLiteral("ana")),
                                       member(his, QStringLiteral("Bo"), QStringLiteral("bo@x.example"), QStringLiteral("ana"))}}});
    ASSERT_TRUE(ana.has(QStringLiteral("contacts"), hers)); // applied optimistically on her device
    const auto r = ana.sync(*server.service);
    ASSERT_EQ(r.results.size(), 1);
    EXPECT_EQ(r.results.first().status, wire::MutationResult::Status::Rejected);
    EXPECT_EQ(r.results.first().code, QStringLiteral("forbidden"));
    EXPECT_FALSE(r.results.first().message.isEmpty());
    EXPECT_FALSE(server.has(QStringLiteral("contacts"), hers)); // nothing of the chunk on the server…
    EXPECT_FALSE(ana.has(QStringLiteral("contacts"), hers));   // …her device returns to the server's state…
    EXPECT_FALSE(ana.has(QStringLiteral("contacts"), his));
    QSqlQuery q(server.db->connection());
    q.prepare(QStringLiteral("SELECT first_name FROM contacts WHERE id = ?"));
    q.addBindValue(his);
    ASSERT_TRUE(q.exec() && q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral("Pia")); // …and Carl's contact is as he left it
}

TEST_P(ImportChunkSyncTest, AnInvalidRowRefusesTheChunkNamingTheRow)
{
    Device ana(QStringLiteral("ana"));
    auto m = ana.engine->submit(
        QStringLiteral("contact.createMany"),
        QJsonObject{{QStringLiteral("contacts"),
                     QJsonArray{member(newUuidV7(), QStringLiteral("Ada"), QStringLiteral("ada@x.example"), QString()),
                                member(newUuidV7(), QStringLiteral("Bo"), QStringLiteral("not-an-address"), QString())}}});
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.code(), ErrorCode::InvalidArgument);
    EXPECT_TRUE(m.message().contains(QStringLiteral("2 of 2"))) << m.message().toStdString();
    EXPECT_TRUE(m.message().contains(QStringLiteral("not-an-address"))) << m.message().toStdString();
    QSqlQuery q(ana.local.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT (SELECT count(*) FROM contacts) + (SELECT count(*) FROM outbox) + "
                                      "(SELECT count(*) FROM audit_log)")) && q.next());
    EXPECT_EQ(q.value(0).toInt(), 0); // validated first: nothing written
}

TEST(ImportChunkSync, PermissionMatrix)
{
    for (const char* role : {"owner", "admin", "manager", "sales", "support"}) {
        EXPECT_TRUE(Permissions::mayApply(QLatin1String(role), QStringLiteral("contact.createMany"))) << role;
        EXPECT_TRUE(Permissions::mayApply(QLatin1String(role), QStringLiteral("contact.deleteMany"))) << role;
    }
    for (const char* role : {"finance", "compliance", "nobody"}) {
        EXPECT_FALSE(Permissions::mayApply(QLatin1String(role), QStringLiteral("contact.createMany"))) << role;
        EXPECT_FALSE(Permissions::mayApply(QLatin1String(role), QStringLiteral("contact.deleteMany"))) << role;
    }
}
