// Leads, activities and scoring rules through sync (a server team database driven by SyncService, client
// profiles driven by MutationEngine + Replica, every message through the JSON codec): who may change them
// (Permissions) and who receives them (Visibility) — a sales rep sees their own leads and the activities of the
// records they see, support sees activities but no leads, finance neither; scores are computed on each device
// from what it received.
#include "leads/LeadScores.h"
#include "mutations/MutationEngine.h"
#include "mutations/MutationRegistry.h"
#include "mutations/Outbox.h"
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

    QString lead(const QString& owner, const QString& contactId = {})
    {
        const QString id = newUuidV7();
        submit(QStringLiteral("lead.create"),
               {{QStringLiteral("id"), id},
                {QStringLiteral("fields"), QJsonObject{{QStringLiteral("firstName"), QString(QStringLiteral("Lead of ") + owner)},
                                                       {QStringLiteral("ownerId"), owner},
                                                       {QStringLiteral("contactId"), contactId}}}});
        return id;
    }

    QString log(const QString& type, const QString& subject)
    {
        const QString id = newUuidV7();
        submit(QStringLiteral("activity.log"), {{QStringLiteral("id"), id},
                                                {QStringLiteral("kind"), QStringLiteral("call")},
                                                {QStringLiteral("subjectType"), type},
                                                {QStringLiteral("subjectId"), subject},
                                                {QStringLiteral("occurredAt"), clock.nowMs() - 1000},
                                                {QStringLiteral("title"), QStringLiteral("Call")}});
        return id;
    }
};

} // namespace

TEST(LeadSync, EachRoleReceivesTheLeadsAndActivitiesItMaySee)
{
    Server server;
    Device boss(QStringLiteral("boss"), QStringLiteral("admin"));
    Device ana(QStringLiteral("ana")), ben(QStringLiteral("ben"));
    Device help(QStringLiteral("help"), QStringLiteral("support")), money(QStringLiteral("money"), QStringLiteral("finance"));

    const QString ruleId = newUuidV7();
    boss.submit(QStringLiteral("scoring_rule.set"), {{QStringLiteral("id"), ruleId}, {QStringLiteral("kind"), QStringLiteral("behaviour")},
                                                     {QStringLiteral("label"), QStringLiteral("Calls")},
                                                     {QStringLiteral("activityKind"), QStringLiteral("call")},
                                                     {QStringLiteral("points"), 10}});
    boss.sync(*server.service);
    const QString anasContact = ana.create(QStringLiteral("Ana's"), QStringLiteral("Client"), {}, QStringLiteral("ana"));
    const QString anasLead = ana.lead(QStringLiteral("ana"), anasContact);
    const QString onLead = ana.log(QStringLiteral("lead"), anasLead);
    const QString onContact = ana.log(QStringLiteral("contact"), anasContact);
    ana.sync(*server.service);
    const QString bensLead = ben.lead(QStringLiteral("ben"));
    const QString onBens = ben.log(QStringLiteral("lead"), bensLead);
    ben.sync(*server.service);
    for (Device* d : {&ana, &ben, &help, &money, &boss})
        d->sync(*server.service);

    // Sales: their own leads and the activities of what they see, and the rules (scores are computed locally).
    EXPECT_TRUE(ana.has(QStringLiteral("scoring_rules"), ruleId));
    EXPECT_FALSE(ana.has(QStringLiteral("leads"), bensLead));
    EXPECT_FALSE(ana.has(QStringLiteral("activities"), onBens));
    EXPECT_TRUE(ben.has(QStringLiteral("leads"), bensLead));
    EXPECT_FALSE(ben.has(QStringLiteral("leads"), anasLead));
    EXPECT_FALSE(ben.has(QStringLiteral("activities"), onLead));
    EXPECT_FALSE(ben.has(QStringLiteral("activities"), onContact));
    // Support: every activity, no lead, no rule.
    EXPECT_TRUE(help.has(QStringLiteral("activities"), onLead));
    EXPECT_TRUE(help.has(QStringLiteral("activities"), onBens));
    EXPECT_FALSE(help.has(QStringLiteral("leads"), anasLead));
    EXPECT_FALSE(help.has(QStringLiteral("scoring_rules"), ruleId));
    // Finance: none of it.
    EXPECT_FALSE(money.has(QStringLiteral("leads"), anasLead));
    EXPECT_FALSE(money.has(QStringLiteral("activities"), onLead));
    // The admin sees everything and, from the synced rows, computes the same score Ana has.
    EXPECT_TRUE(boss.has(QStringLiteral("leads"), anasLead));
    EXPECT_TRUE(boss.has(QStringLiteral("activities"), onContact));
    QSqlDatabase bossDb = boss.local.db->connection();
    QSqlDatabase anaDb = ana.local.db->connection();
    auto bossScores = LeadScores::rescore(bossDb, {anasLead}, ana.clock.nowMs(), QStringLiteral("lead"));
    auto anaScores = LeadScores::rescore(anaDb, {anasLead}, ana.clock.nowMs(), QStringLiteral("lead"));
    ASSERT_TRUE(bossScores.ok() && anaScores.ok());
    auto b = LeadScores::load(bossDb, anasLead);
    auto a = LeadScores::load(anaDb, anasLead);
    ASSERT_TRUE(b.ok() && b->has_value() && a.ok() && a->has_value());
    EXPECT_EQ(b->value().score, 20); // a call on the lead and one on its contact
    EXPECT_EQ(b->value().score, a->value().score);
    EXPECT_EQ(b->value().lines, a->value().lines);

    // Giving Ben's lead to Ana moves it, and its activity, to her device and away from his.
    boss.submit(QStringLiteral("lead.update"), {{QStringLiteral("id"), bensLead},
                                                {QStringLiteral("set"), QJsonObject{{QStringLiteral("ownerId"), QStringLiteral("ana")}}}});
    boss.sync(*server.service);
    ana.sync(*server.service);
    ben.sync(*server.service);
    EXPECT_TRUE(ana.has(QStringLiteral("leads"), bensLead));
    EXPECT_TRUE(ana.has(QStringLiteral("activities"), onBens));
    EXPECT_FALSE(ben.has(QStringLiteral("leads"), bensLead));
    EXPECT_FALSE(ben.has(QStringLiteral("activities"), onBens));
}

TEST(LeadSync, WritesOutsideOnesRoleOrSightAreRefused)
{
    Server server;
    Device ana(QStringLiteral("ana")), ben(QStringLiteral("ben"));
    ana.submit(QStringLiteral("scoring_rule.set"), {{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("kind"), QStringLiteral("fit")},
                                                    {QStringLiteral("label"), QStringLiteral("Phone")},
                                                    {QStringLiteral("field"), QStringLiteral("phone")},
                                                    {QStringLiteral("test"), QStringLiteral("present")},
                                                    {QStringLiteral("points"), 100}});
    const auto r = ana.sync(*server.service);
    ASSERT_EQ(r.results.size(), 1);
    EXPECT_EQ(r.results.first().status, wire::MutationResult::Status::Rejected);

    const QString bensLead = ben.lead(QStringLiteral("ben"));
    ben.sync(*server.service);
    // Ana guesses the id of Ben's lead and logs a call on it, then edits it.
    ana.log(QStringLiteral("lead"), bensLead);
    ana.submit(QStringLiteral("lead.create"), {{QStringLiteral("id"), bensLead},
                                               {QStringLiteral("fields"), QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Mine")}}}});
    const auto r2 = ana.sync(*server.service);
    ASSERT_EQ(r2.results.size(), 2);
    EXPECT_EQ(r2.results.last().status, wire::MutationResult::Status::Rejected);
    EXPECT_FALSE(ana.has(QStringLiteral("leads"), bensLead));
}

TEST(LeadSync, PermissionMatrix)
{
    for (const char* role : {"owner", "admin", "manager"}) {
        for (const char* m : {"lead.create", "lead.convert", "activity.log", "scoring_rule.set"})
            EXPECT_TRUE(Permissions::mayApply(QLatin1String(role), QLatin1String(m))) << role << m;
    }
    EXPECT_TRUE(Permissions::mayApply(QStringLiteral("sales"), QStringLiteral("lead.qualify")));
    EXPECT_TRUE(Permissions::mayApply(QStringLiteral("sales"), QStringLiteral("activity.log")));
    EXPECT_FALSE(Permissions::mayApply(QStringLiteral("sales"), QStringLiteral("scoring_rule.set")));
    EXPECT_TRUE(Permissions::mayApply(QStringLiteral("support"), QStringLiteral("activity.update")));
    EXPECT_FALSE(Permissions::mayApply(QStringLiteral("support"), QStringLiteral("lead.create")));
    for (const char* role : {"finance", "compliance"}) {
        for (const char* m : {"lead.create", "activity.log", "scoring_rule.set"})
            EXPECT_FALSE(Permissions::mayApply(QLatin1String(role), QLatin1String(m))) << role << m;
    }
}
