// Merges and their undo through sync (a server team database driven by SyncService, client profiles driven
// by MutationEngine + Replica, every message through the JSON codec): other devices see the merge and the
// undo, shares carry visibility with them both ways, and nobody merges a contact they cannot see.
#include "duplicates/ContactMerger.h"
#include "duplicates/MergeHistory.h"
#include "service/Permissions.h"
#include "service/SyncService.h"
#include "service/TeamSchema.h"
#include "storage/Database.h"
#include "TempDir.h"
#include "StorageParam.h"
#include "TestWorkspace.h"
#include "util/Uuid.h"

#include <gtest/gtest.h>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace outpost;
using namespace outpost::server;

#include "SyncFixture.h"

using namespace outpost::test;

// The server's side runs on both of its storages.
class MergeSyncTest : public ::testing::TestWithParam<test::StorageBackend>
{
protected:
    void SetUp() override { ASSERT_TRUE(server.service) << "the team database did not open"; }

    Server server{GetParam()};
};

INSTANTIATE_TEST_SUITE_P(Storage, MergeSyncTest, test::bothBackends(), test::backendTestName);

TEST_P(MergeSyncTest, TheMergeAndItsUndoReachOtherDevicesAndSharesCarryVisibility)
{
    Device ana(QStringLiteral("ana")), ben(QStringLiteral("ben"));
    const QString keep = ana.create(QStringLiteral("Zoë"), QStringLiteral("Lind"),
                                    QStringLiteral("zoe@lind.example"), QStringLiteral("ana"));
    const QString dup = ana.create(QStringLiteral("Zoe"), QStringLiteral("Lind"),
                                   QStringLiteral("ZOE@lind.example"), QStringLiteral("ana"));
    const QString shareId = newUuidV7();
    ana.submit(QStringLiteral("contact.share"),
               QJsonObject{{QStringLiteral("id"), shareId},
                           {QStringLiteral("contactId"), dup},
                           {QStringLiteral("userId"), QStringLiteral("ben")}});
    ana.sync(*server.service);
    ben.sync(*server.service);
    ASSERT_TRUE(ben.has(QStringLiteral("contacts"), dup));
    ASSERT_FALSE(ben.has(QStringLiteral("contacts"), keep)); // Ana's own, not shared with Ben

    // Ana merges the duplicate into the one she keeps: Ben's share moves with it.
    ContactMerger::Request request;
    request.keepId = keep;
    request.removeId = dup;
    auto merged = ContactMerger(*ana.local.db, *ana.engine).merge(request);
    ASSERT_TRUE(merged.ok()) << merged.message().toStdString();
    const auto pushed = ana.sync(*server.service);
    ASSERT_EQ(pushed.results.size(), 1);
    EXPECT_EQ(pushed.results.first().status, wire::MutationResult::Status::Applied)
        << pushed.results.first().message.toStdString();
    EXPECT_FALSE(server.has(QStringLiteral("contacts"), dup));
    ben.sync(*server.service);
    EXPECT_FALSE(ben.has(QStringLiteral("contacts"), dup));
    EXPECT_TRUE(ben.has(QStringLiteral("contacts"), keep)); // shared with him now, through the moved share
    EXPECT_EQ(ben.shareContact(shareId), keep);

    // Ana undoes it: the duplicate returns with the share, and the contact she keeps leaves Ben's device.
    auto undone = MergeHistory(*ana.local.db, *ana.engine).undo(merged->batchId);
    ASSERT_TRUE(undone.ok()) << undone.message().toStdString();
    const auto pushedUndo = ana.sync(*server.service);
    ASSERT_EQ(pushedUndo.results.size(), 1);
    EXPECT_EQ(pushedUndo.results.first().status, wire::MutationResult::Status::Applied)
        << pushedUndo.results.first().message.toStdString();
    EXPECT_TRUE(server.has(QStringLiteral("contacts"), dup));
    ben.sync(*server.service);
    EXPECT_TRUE(ben.has(QStringLiteral("contacts"), dup));
    EXPECT_FALSE(ben.has(QStringLiteral("contacts"), keep));
    EXPECT_EQ(ben.shareContact(shareId), dup);
    EXPECT_EQ(ana.replica->pendingCount().value(), 0);
}

TEST_P(MergeSyncTest, NobodyMergesAContactTheyCannotSee)
{
    Device ana(QStringLiteral("ana")), carl(QStringLiteral("carl"));
    const QString mine = ana.create(QStringLiteral("Pia"), QStringLiteral("Holm"),
                                    QStringLiteral("pia@holm.example"), QStringLiteral("ana"));
    ana.sync(*server.service);
    const QString his = carl.create(QStringLiteral("Pia"), QStringLiteral("Holm"),
                                    QStringLiteral("pia@holm.example"), QStringLiteral("carl"));
    carl.sync(*server.service);
    ana.sync(*server.service);
    ASSERT_FALSE(ana.has(QStringLiteral("contacts"), his));

    // Ana guesses the id of Carl's private contact and sends a merge of it into hers.
    ana.submit(QStringLiteral("contact.merge"),
               QJsonObject{{QStringLiteral("keepId"), mine}, {QStringLiteral("removeId"), his}});
    const auto r = ana.sync(*server.service);
    ASSERT_EQ(r.results.size(), 1);
    EXPECT_EQ(r.results.first().status, wire::MutationResult::Status::Rejected);
    EXPECT_EQ(r.results.first().code, QStringLiteral("forbidden"));
    EXPECT_TRUE(server.has(QStringLiteral("contacts"), his));
    EXPECT_FALSE(ana.has(QStringLiteral("contacts"), his)); // nothing of it reached her device
    EXPECT_TRUE(ana.has(QStringLiteral("contacts"), mine));
}

TEST(MergeSync, PermissionMatrix)
{
    for (const char* role : {"owner", "admin", "manager", "sales", "support"}) {
        EXPECT_TRUE(Permissions::mayApply(QLatin1String(role), QStringLiteral("contact.merge"))) << role;
        EXPECT_TRUE(Permissions::mayApply(QLatin1String(role), QStringLiteral("contact.unmerge"))) << role;
    }
    for (const char* role : {"finance", "compliance", "nobody"}) {
        EXPECT_FALSE(Permissions::mayApply(QLatin1String(role), QStringLiteral("contact.merge"))) << role;
        EXPECT_FALSE(Permissions::mayApply(QLatin1String(role), QStringLiteral("contact.unmerge"))) << role;
    }
    // The area rule still holds for the rest.
    EXPECT_TRUE(Permissions::mayApply(QStringLiteral("finance"), QStringLiteral("distributor.update")));
    EXPECT_FALSE(Permissions::mayApply(QStringLiteral("sales"), QStringLiteral("distributor.update")));
}
