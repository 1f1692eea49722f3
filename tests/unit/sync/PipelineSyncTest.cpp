// Pipelines, deals, their stage history and tasks through sync (a server team database driven by SyncService,
// client profiles driven by MutationEngine + Replica, every message through the JSON codec): every device gets the
// same rows under the same ids, and the visibility and permission rules of crm3 hold on the wire.
#include "mutations/MutationEngine.h"
#include "mutations/MutationRegistry.h"
#include "mutations/Outbox.h"
#include "pipeline/Pipeline.h"
#include "replication/Replica.h"
#include "service/Permissions.h"
#include "service/SyncService.h"
#include "service/TeamSchema.h"
#include "storage/Database.h"
#include "TempDir.h"
#include "TestWorkspace.h"
#include "util/Uuid.h"

#include <gtest/gtest.h>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace outpost;
using namespace outpost::server;
namespace dp = outpost::defaultpipeline;

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
    ManualClock clock{1'700'000'000'000};
    std::unique_ptr<Database> db;
    std::unique_ptr<SyncService> service;

    Server()
    {
        Database::Options o;
        o.path = dir.filePath(QStringLiteral("team.db"));
        o.mode = Database::OpenMode::CreateNew;
        o.migrations = teamMigrations();
        auto opened = Database::open(std::move(o));
        EXPECT_TRUE(opened.ok()) << opened.message().toStdString();
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

    QString value(const QString& sql)
    {
        QSqlQuery q(local.db->connection());
        return q.exec(sql) && q.next() ? q.value(0).toString() : QString();
    }

    QString createDeal(const QString& title, const QString& owner)
    {
        const QString id = newUuidV7();
        submit(QStringLiteral("deal.create"), QJsonObject{{QStringLiteral("id"), id},
                                                          {QStringLiteral("title"), title},
                                                          {QStringLiteral("pipelineId"), dp::kPipelineId},
                                                          {QStringLiteral("stageId"), dp::kQualification},
                                                          {QStringLiteral("amountMinor"), 150000},
                                                          {QStringLiteral("currency"), QStringLiteral("EUR")},
                                                          {QStringLiteral("expectedCloseAt"), 1'800'000'000'000.0},
                                                          {QStringLiteral("ownerId"), owner}});
        return id;
    }
};

} // namespace

TEST(PipelineSync, DealsAndTheirHistoryFollowTheirOwner)
{
    Server server;
    Device ana(QStringLiteral("ana")), ben(QStringLiteral("ben")), mia(QStringLiteral("mia"), QStringLiteral("manager")),
        fin(QStringLiteral("fin"), QStringLiteral("finance"));
    const QString deal = ana.createDeal(QStringLiteral("Kits for Lyon"), QStringLiteral("ana"));
    ana.clock.advance(1000);
    ana.submit(QStringLiteral("deal.move"), QJsonObject{{QStringLiteral("id"), deal}, {QStringLiteral("stageId"), dp::kProposal}});
    const auto pushed = ana.sync(*server.service);
    ASSERT_EQ(pushed.results.size(), 2);
    for (const auto& r : pushed.results)
        EXPECT_EQ(r.status, wire::MutationResult::Status::Applied) << r.message.toStdString();
    EXPECT_TRUE(server.has(QStringLiteral("deals"), deal));

    for (Device* d : {&ben, &mia, &fin})
        d->sync(*server.service);
    EXPECT_FALSE(ben.has(QStringLiteral("deals"), deal)); // another rep's deal
    EXPECT_EQ(ben.value(QStringLiteral("SELECT count(*) FROM deal_stage_changes")), QStringLiteral("0"));
    for (Device* d : {&mia, &fin}) {
        EXPECT_EQ(d->value(QStringLiteral("SELECT stage_id FROM deals WHERE id = '%1'").arg(deal)), dp::kProposal);
        EXPECT_EQ(d->value(QStringLiteral("SELECT amount_minor || ' ' || currency || ' ' || expected_close_at FROM deals")),
                  QStringLiteral("150000 EUR 1800000000000"));
        EXPECT_EQ(d->value(QStringLiteral("SELECT count(*) FROM deal_stage_changes WHERE deal_id = '%1'").arg(deal)),
                  QStringLiteral("2"));
    }
    // Every device holds the same history rows as the author, under the same ids.
    const QString historyIds = QStringLiteral("SELECT group_concat(id) FROM (SELECT id FROM deal_stage_changes ORDER BY id)");
    EXPECT_EQ(mia.value(historyIds), ana.value(historyIds));

    // The manager hands the deal to Ben: it leaves Ana's device and reaches Ben's, history included.
    mia.submit(QStringLiteral("deal.update"),
               QJsonObject{{QStringLiteral("id"), deal}, {QStringLiteral("set"), QJsonObject{{QStringLiteral("ownerId"), QStringLiteral("ben")}}}});
    mia.sync(*server.service);
    ana.sync(*server.service);
    ben.sync(*server.service);
    EXPECT_FALSE(ana.has(QStringLiteral("deals"), deal));
    EXPECT_EQ(ana.value(QStringLiteral("SELECT count(*) FROM deal_stage_changes")), QStringLiteral("0"));
    EXPECT_TRUE(ben.has(QStringLiteral("deals"), deal));
    EXPECT_EQ(ben.value(QStringLiteral("SELECT count(*) FROM deal_stage_changes")), QStringLiteral("2"));
}

TEST(PipelineSync, RepsCannotTouchOthersDealsNorConfigurePipelinesAndFinanceOnlyReads)
{
    Server server;
    Device ana(QStringLiteral("ana")), ben(QStringLiteral("ben")), fin(QStringLiteral("fin"), QStringLiteral("finance"));
    const QString deal = ana.createDeal(QStringLiteral("Private"), QStringLiteral("ana"));
    ana.sync(*server.service);

    ben.sync(*server.service);
    ben.submit(QStringLiteral("stage.create"), QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                                           {QStringLiteral("pipelineId"), dp::kPipelineId},
                                                           {QStringLiteral("name"), QStringLiteral("Mine")},
                                                           {QStringLiteral("probability"), 5},
                                                           {QStringLiteral("kind"), QStringLiteral("open")}});
    auto r = ben.sync(*server.service);
    ASSERT_EQ(r.results.size(), 1);
    EXPECT_EQ(r.results.first().status, wire::MutationResult::Status::Rejected);
    EXPECT_EQ(ben.value(QStringLiteral("SELECT count(*) FROM pipeline_stages")), QStringLiteral("6")); // back to the server's

    fin.sync(*server.service);
    fin.submit(QStringLiteral("deal.win"), QJsonObject{{QStringLiteral("id"), deal}});
    r = fin.sync(*server.service);
    ASSERT_EQ(r.results.size(), 1);
    EXPECT_EQ(r.results.first().status, wire::MutationResult::Status::Rejected);
    EXPECT_EQ(fin.value(QStringLiteral("SELECT stage_id FROM deals")), dp::kQualification);

    EXPECT_FALSE(Permissions::mayApply(QStringLiteral("sales"), QStringLiteral("pipeline.create")));
    EXPECT_FALSE(Permissions::mayApply(QStringLiteral("support"), QStringLiteral("deal.create")));
    for (const char* role : {"owner", "admin", "manager"}) {
        EXPECT_TRUE(Permissions::mayApply(QLatin1String(role), QStringLiteral("stage.reorder"))) << role;
        EXPECT_TRUE(Permissions::mayApply(QLatin1String(role), QStringLiteral("deal.move"))) << role;
    }
    for (const char* role : {"owner", "admin", "manager", "sales", "support", "finance", "compliance"})
        EXPECT_TRUE(Permissions::mayApply(QLatin1String(role), QStringLiteral("task.complete"))) << role;
}

TEST(PipelineSync, ATaskReachesItsAssigneeAndItsCreatorOnly)
{
    Server server;
    Device ana(QStringLiteral("ana")), ben(QStringLiteral("ben")), cleo(QStringLiteral("cleo"), QStringLiteral("support"));
    const QString task = newUuidV7();
    ana.submit(QStringLiteral("task.create"), QJsonObject{{QStringLiteral("id"), task},
                                                          {QStringLiteral("title"), QStringLiteral("Send the contract")},
                                                          {QStringLiteral("dueAt"), 1'800'000'000'000.0},
                                                          {QStringLiteral("reminderAt"), 1'799'999'000'000.0},
                                                          {QStringLiteral("assigneeId"), QStringLiteral("ben")}});
    ana.sync(*server.service);
    ben.sync(*server.service);
    cleo.sync(*server.service);
    ASSERT_TRUE(ben.has(QStringLiteral("tasks"), task));
    EXPECT_EQ(ben.value(QStringLiteral("SELECT reminder_at FROM tasks")), QStringLiteral("1799999000000"));
    EXPECT_FALSE(cleo.has(QStringLiteral("tasks"), task));

    ben.submit(QStringLiteral("task.complete"), QJsonObject{{QStringLiteral("id"), task}});
    ben.sync(*server.service);
    ana.sync(*server.service);
    EXPECT_FALSE(ana.value(QStringLiteral("SELECT done_at FROM tasks")).isEmpty());
    EXPECT_EQ(ana.replica->pendingCount().value(), 0);
}
