// Merges and their undo through sync (a server team database driven by SyncService, client profiles driven
// by MutationEngine + Replica, every message through the JSON codec): other devices see the merge and the
// undo, shares carry visibility with them both ways, and nobody merges a contact they cannot see.
#include "duplicates/ContactMerger.h"
#include "duplicates/MergeHistory.h"
#include "mutations/MutationEngine.h"
#include "mutations/MutationRegistry.h"
#include "mutations/Outbox.h"
#include "replication/Replica.h"
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

namespace {

template <typename T> T roundTrip(const QJsonObject& json, Result<T> (*parse)(const QJsonObject&))
{
    const QByteArray bytes = QJsonDocument(json).toJson(QJsonDocument::Compact);
    auto parsed = parse(QJsonDocument::fromJson(bytes).object());
    EXPECT_TRUE(parsed.ok()) << parsed.message().toStdString();
    return parsed.value();
}

struct Server
{
    test::TempDir dir;
    std::unique_ptr<test::TestPostgresDatabase> pg;
    ManualClock clock{1'700'000'000'000};
    std::unique_ptr<Database> db;
    std::unique_ptr<SyncService> service;

    explicit Server(test::StorageBackend backend)
    {
        Database::Options o;
        if (backend == test::StorageBackend::Postgres) {
            pg = std::make_unique<test::TestPostgresDatabase>();
            if (!pg->isReady()) {
                ADD_FAILURE() << pg->error().toStdString();
                return;
            }
            o.postgresUrl = pg->url();
            o.postgresSchema = QStringLiteral("team_test");
            o.migrations = postgresTeamMigrations().value();
        } else {
            o.path = dir.filePath(QStringLiteral("team.db"));
            o.mode = Database::OpenMode::CreateNew;
            o.migrations = teamMigrations();
        }
        auto opened = Database::open(std::move(o));
        if (!opened.ok()) {
            ADD_FAILURE() << opened.message().toStdString();
            return;
        }
        db = std::move(opened.value());
        service = std::make_unique<SyncService>(*db, MutationRegistry::standard(),
                                                RowCodecRegistry::standard(), clock);
    }

    bool has(const QString& table, const QString& id)
    {
        QSqlQuery q(db->connection());
        q.prepare(QStringLiteral("SELECT 1 FROM %1 WHERE id = ?").arg(table));
        q.addBindValue(id);
        return q.exec() && q.next();
    }
};

struct Device
{
    test::TestDatabase local;
    ManualClock clock{1'700'000'000'000};
    std::unique_ptr<MutationEngine> engine;
    std::unique_ptr<Replica> replica;
    Principal who;

    explicit Device(const QString& user, const QString& role = QStringLiteral("sales"))
    {
        engine = std::make_unique<MutationEngine>(*local.db, MutationRegistry::standard(), clock);
        EXPECT_TRUE(engine->initialize().ok());
        engine->setActor(user);
        replica =
            std::make_unique<Replica>(*local.db, MutationRegistry::standard(), RowCodecRegistry::standard());
        who.userId = user;
        who.userName = user;
        who.role = role;
        who.teamId = QStringLiteral("team");
        who.deviceId = engine->deviceId();
    }

    void submit(const QString& name, const QJsonObject& args)
    {
        auto m = engine->submit(name, args);
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
    }

    QString create(const QString& first, const QString& last, const QString& email, const QString& owner)
    {
        const QString id = newUuidV7();
        submit(QStringLiteral("contact.create"),
               QJsonObject{{QStringLiteral("id"), id},
                           {QStringLiteral("fields"), QJsonObject{{QStringLiteral("firstName"), first},
                                                                  {QStringLiteral("lastName"), last},
                                                                  {QStringLiteral("email"), email},
                                                                  {QStringLiteral("ownerId"), owner}}}});
        return id;
    }

    // Pushes the outbox, applies the results, pulls to the head.
    wire::PushResponse sync(SyncService& server)
    {
        QSqlDatabase conn = local.db->connection();
        auto pending = Outbox::pending(conn, 1000);
        EXPECT_TRUE(pending.ok());
        wire::PushResponse response;
        if (!pending->isEmpty()) {
            wire::PushRequest req;
            req.deviceId = who.deviceId;
            req.mutations = pending.value();
            auto pushed =
                server.push(who, roundTrip(wire::Codec::toJson(req), &wire::Codec::pushRequestFromJson));
            EXPECT_TRUE(pushed.ok()) << pushed.message().toStdString();
            response = roundTrip(wire::Codec::toJson(pushed.value()), &wire::Codec::pushResponseFromJson);
            QList<Replica::Rejection> rejections;
            for (const auto& r : response.results) {
                if (r.status == wire::MutationResult::Status::Rejected)
                    rejections.append({r.seq, r.code, r.message, r.restore});
            }
            EXPECT_TRUE(
                replica->applyPushResults(response.results.last().seq, rejections, clock.nowMs()).ok());
        }
        for (;;) {
            auto page = server.pull(who, replica->cursor().value(), 50);
            EXPECT_TRUE(page.ok()) << page.message().toStdString();
            const wire::PullPage p =
                roundTrip(wire::Codec::toJson(page.value()), &wire::Codec::pullPageFromJson);
            QList<RowState> rows;
            for (const auto& c : p.changes)
                rows.append(c.state);
            EXPECT_TRUE(replica->applyPullPage(rows, p.lastAppliedSeq, p.cursor).ok());
            if (!p.more)
                break;
        }
        return response;
    }

    bool has(const QString& table, const QString& id)
    {
        QSqlQuery q(local.db->connection());
        q.prepare(QStringLiteral("SELECT 1 FROM %1 WHERE id = ?").arg(table));
        q.addBindValue(id);
        return q.exec() && q.next();
    }

    QString shareContact(const QString& shareId)
    {
        QSqlQuery q(local.db->connection());
        q.prepare(QStringLiteral("SELECT contact_id FROM contact_shares WHERE id = ?"));
        q.addBindValue(shareId);
        return q.exec() && q.next() ? q.value(0).toString() : QString();
    }
};

} // namespace

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
