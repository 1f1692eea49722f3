#pragma once

// A server team database driven by SyncService and client profiles driven by MutationEngine + Replica, every
// message through the JSON codec — sync end to end without a network.
#include "mutations/MutationEngine.h"
#include "mutations/MutationRegistry.h"
#include "mutations/Outbox.h"
#include "replication/Replica.h"
#include "service/SyncService.h"
#include "service/TeamSchema.h"
#include "storage/Database.h"
#include "StorageParam.h"
#include "TempDir.h"
#include "TestPostgres.h"
#include "TestWorkspace.h"
#include "util/Uuid.h"

#include <gtest/gtest.h>
#include <QJsonDocument>
#include <QSqlQuery>

namespace outpost::test {

using namespace outpost::server;

template <typename T> T roundTrip(const QJsonObject& json, Result<T> (*parse)(const QJsonObject&))
{
    const QByteArray bytes = QJsonDocument(json).toJson(QJsonDocument::Compact);
    auto parsed = parse(QJsonDocument::fromJson(bytes).object());
    EXPECT_TRUE(parsed.ok()) << parsed.message().toStdString();
    return parsed.value();
}

struct Server
{
    TempDir dir;
    std::unique_ptr<TestPostgresDatabase> pg;
    ManualClock clock{1'700'000'000'000};
    std::unique_ptr<Database> db;
    std::unique_ptr<SyncService> service;

    explicit Server(StorageBackend backend = StorageBackend::Sqlite)
    {
        Database::Options o;
        if (backend == StorageBackend::Postgres) {
            pg = std::make_unique<TestPostgresDatabase>();
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
    int pullPageSize = 50;

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
            auto page = server.pull(who, replica->cursor().value(), pullPageSize);
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

} // namespace outpost::test
