// The sync logic end to end without the network: a server team database driven by SyncService and
// client profiles driven by MutationEngine + Replica, every message passing through the JSON codec as
// it would on the wire.
#include "contacts/ContactBulkLoader.h"
#include "contacts/ContactRepository.h"
#include "mutations/MutationEngine.h"
#include "mutations/MutationRegistry.h"
#include "mutations/Outbox.h"
#include "replication/Replica.h"
#include "service/SyncService.h"
#include "service/TeamSchema.h"
#include "storage/ClientSchema.h"
#include "storage/Database.h"
#include "util/Uuid.h"

#include "SyncFixture.h"
#include "TempDir.h"
#include "ContactArgs.h"
#include "StorageParam.h"
#include "TestWorkspace.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace outpost;
using namespace outpost::server;

namespace {

using test::Server;

// The server's side runs on both of its storages.
class SyncServiceTest : public ::testing::TestWithParam<test::StorageBackend>
{
protected:
    void SetUp() override { ASSERT_TRUE(server.service) << "the team database did not open"; }

    Server server{GetParam()};
};

// A device of the shared fixture, pulling in small pages (to exercise paging), that also bootstraps.
struct Client : test::Device
{
    explicit Client(const QString& user, const QString& role = QStringLiteral("sales")) : Device(user, role)
    {
        pullPageSize = 3;
    }

    Mutation submit(const QString& name, const QJsonObject& args)
    {
        auto m = engine->submit(name, args);
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return m.ok() ? m.value() : Mutation();
    }

    // A new device's first sync: the snapshot in pages of `pageSize`, then the pull from its position.
    void bootstrap(SyncService& server, int pageSize)
    {
        ASSERT_EQ(replica->cursor().value(), 0);
        for (;;) {
            const Replica::Bootstrap state = replica->bootstrap().value();
            auto page = server.snapshot(who, state.at, state.entity, state.after, pageSize);
            ASSERT_TRUE(page.ok()) << page.message().toStdString();
            const wire::SnapshotPage p = test::roundTrip(wire::Codec::toJson(page.value()), &wire::Codec::snapshotPageFromJson);
            Replica::Bootstrap next = state;
            next.at = p.at;
            next.entity = p.nextEntity;
            next.after = p.nextAfter;
            next.done += p.scanned;
            ASSERT_TRUE(replica->applySnapshotPage(p.blocks, next).ok());
            if (!p.more)
                break;
        }
        auto finished = replica->finishBootstrap();
        ASSERT_TRUE(finished.ok()) << finished.message().toStdString();
        sync(server);
    }

    std::optional<QJsonObject> contact(const QString& id)
    {
        QSqlDatabase conn = local.db->connection();
        auto row = RowCodecRegistry::standard().find(QStringLiteral("contact"))->read(conn, id);
        EXPECT_TRUE(row.ok());
        return row.value();
    }
};

qint64 count(Database& db, const QString& sql)
{
    QSqlQuery q(db.connection());
    EXPECT_TRUE(q.exec(sql) && q.next()) << sql.toStdString();
    return q.value(0).toLongLong();
}

} // namespace

TEST(TeamSchema, IncludesEveryClientMigrationInOrder)
{
    const MigrationList& client = clientMigrations();
    const MigrationList& team = teamMigrations();
    ASSERT_GT(team.size(), client.size());
    for (std::size_t i = 0; i < client.size(); ++i) {
        EXPECT_EQ(team[i].sql, client[i].sql) << "client migration " << client[i].version
                                              << " is missing from teamMigrations()";
    }
}

TEST(TeamSchema, HasNoFullTextIndex)
{
    Server server;
    QSqlQuery q(server.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT type, name FROM sqlite_master WHERE name LIKE '%fts%' OR sql LIKE '%fts%'")));
    QStringList found;
    while (q.next())
        found << q.value(0).toString() + QLatin1Char(' ') + q.value(1).toString();
    EXPECT_TRUE(found.isEmpty()) << found.join(QStringLiteral(", ")).toStdString();
}

// The bulk loader (used to seed a team database) works without the full-text index.
TEST(TeamSchema, BulkLoadWorksWithoutTheFullTextIndex)
{
    Server server;
    const qint64 n = 10001; // above the size where the loader drops and rebuilds the indexes
    ContactBulkLoader loader(*server.db, n, QStringLiteral("seed"));
    ASSERT_TRUE(loader.start().ok());
    EXPECT_TRUE(loader.rebuildsIndexes());
    QList<Contact> batch;
    for (qint64 i = 0; i < n; ++i) {
        Contact c;
        c.id = newUuidV7();
        c.firstName = QStringLiteral("Seed");
        c.lastName = QStringLiteral("Person %1").arg(i);
        c.createdAt = 1;
        batch.append(c);
    }
    ASSERT_TRUE(loader.add(batch).ok());
    auto finished = loader.finish();
    ASSERT_TRUE(finished.ok()) << finished.message().toStdString();
    QSqlQuery q(server.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT (SELECT n FROM entity_counts WHERE entity = 'contacts'), "
                                      "(SELECT count(*) FROM sqlite_master WHERE name IN ('contacts_sort', 'contacts_rank', "
                                      "'contacts_email', 'contacts_count_ai'))")));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toLongLong(), n);
    EXPECT_EQ(q.value(1).toInt(), 4);
}

// A big pull page indexes its contacts for search at the end of the page (DeferredContactIndex); the
// index must come out exactly as row-by-row maintenance would leave it.
TEST(Replica, ABigPullPageLeavesTheSearchIndexExact)
{
    Client dev(QStringLiteral("dev"));
    QSqlDatabase conn = dev.local.db->connection();
    auto rowFor = [](const QString& first, const QString& last) {
        return QJsonObject{{QStringLiteral("firstName"), first}, {QStringLiteral("lastName"), last},
                           {QStringLiteral("createdAt"), 1}, {QStringLiteral("updatedAt"), 2},
                           {QStringLiteral("updatedBy"), QStringLiteral("u")}};
    };
    QList<RowState> first;
    QStringList ids;
    for (int i = 0; i < 150; ++i) {
        ids << newUuidV7();
        first.append({QStringLiteral("contact"), ids.last(), false, rowFor(QStringLiteral("Person"), QStringLiteral("Oldname%1").arg(i))});
    }
    ASSERT_TRUE(dev.replica->applyPullPage(first, 0, 10).ok());

    // The next page renames some, deletes one, adds new ones and touches a non-searchable field of one.
    QList<RowState> second;
    for (int i = 0; i < 100; ++i)
        second.append({QStringLiteral("contact"), ids.at(i), false, rowFor(QStringLiteral("Person"), QStringLiteral("Newname%1").arg(i))});
    second.append({QStringLiteral("contact"), ids.at(120), true, {}});
    QJsonObject noted = rowFor(QStringLiteral("Person"), QStringLiteral("Oldname130"));
    noted.insert(QStringLiteral("notes"), QStringLiteral("called back"));
    second.append({QStringLiteral("contact"), ids.at(130), false, noted});
    for (int i = 0; i < 20; ++i)
        second.append({QStringLiteral("contact"), newUuidV7(), false, rowFor(QStringLiteral("Fresh"), QStringLiteral("Arrival%1").arg(i))});
    ASSERT_GE(second.size(), Replica::kDeferSearchIndexRows);
    ASSERT_TRUE(dev.replica->applyPullPage(second, 0, 20).ok());

    auto matches = [&](const QString& term) {
        QSqlQuery q(conn);
        q.prepare(QStringLiteral("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH ?"));
        q.addBindValue(term);
        EXPECT_TRUE(q.exec() && q.next());
        return q.value(0).toInt();
    };
    EXPECT_EQ(matches(QStringLiteral("newname*")), 100);
    EXPECT_EQ(matches(QStringLiteral("oldname*")), 49); // 150 - 100 renamed - 1 deleted
    EXPECT_EQ(matches(QStringLiteral("arrival*")), 20);
    EXPECT_EQ(matches(QStringLiteral("oldname130")), 1);
    QSqlQuery check(conn);
    EXPECT_TRUE(check.exec(QStringLiteral("INSERT INTO contacts_fts(contacts_fts) VALUES('integrity-check')")))
        << check.lastError().text().toStdString();
    // The permanent triggers are back, and the temporary ones gone.
    ASSERT_TRUE(check.exec(QStringLiteral("SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'contacts_fts_%'), "
                                          "(SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger')")));
    ASSERT_TRUE(check.next());
    EXPECT_EQ(check.value(0).toInt(), 4);
    EXPECT_EQ(check.value(1).toInt(), 0);
}

INSTANTIATE_TEST_SUITE_P(Storage, SyncServiceTest, test::bothBackends(), test::backendTestName);

TEST_P(SyncServiceTest, CreateEditDeletePropagateBothWays)
{
    Client ana(QStringLiteral("ana")), ben(QStringLiteral("ben"));
    const QString id = newUuidV7();
    ana.submit(QStringLiteral("contact.create"), test::contactCreateArgs(id, QStringLiteral("Zoë"), QStringLiteral("Müller")));
    ana.sync(*server.service);
    EXPECT_EQ(ana.replica->pendingCount().value(), 0);

    ben.sync(*server.service);
    ASSERT_TRUE(ben.contact(id).has_value());
    EXPECT_EQ(ben.contact(id)->value(QStringLiteral("lastName")).toString(), QStringLiteral("Müller"));
    EXPECT_EQ(ben.contact(id)->value(QStringLiteral("updatedBy")).toString(), QStringLiteral("ana"));

    ben.submit(QStringLiteral("contact.update"), test::contactSetArgs(id, QStringLiteral("city"), QStringLiteral("Köln")));
    ben.sync(*server.service);
    ana.sync(*server.service);
    EXPECT_EQ(ana.contact(id)->value(QStringLiteral("city")).toString(), QStringLiteral("Köln"));

    ana.submit(QStringLiteral("contact.delete"), QJsonObject{{QStringLiteral("id"), id}});
    ana.sync(*server.service);
    ben.sync(*server.service);
    EXPECT_FALSE(ben.contact(id).has_value());
    EXPECT_FALSE(ana.contact(id).has_value());
}

TEST_P(SyncServiceTest, ARetriedPushHasNoSecondEffectAndGetsTheSameResult)
{
    Client ana(QStringLiteral("ana"));
    const QString id = newUuidV7();
    ana.submit(QStringLiteral("contact.create"), test::contactCreateArgs(id, QStringLiteral("A"), QStringLiteral("B")));
    ana.submit(QStringLiteral("contact.update"), test::contactSetArgs(id, QStringLiteral("city"), QStringLiteral("Lyon")));
    QSqlDatabase conn = ana.local.db->connection();
    wire::PushRequest req;
    req.deviceId = ana.who.deviceId;
    req.mutations = Outbox::pending(conn, 100).value();
    auto first = server.service->push(ana.who, req);
    ASSERT_TRUE(first.ok());
    const qint64 auditAfterFirst = count(*server.db, QStringLiteral("SELECT count(*) FROM audit_log"));
    const qint64 headAfterFirst = server.service->head().value();
    auto again = server.service->push(ana.who, req); // the response was lost; the client retries
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(wire::Codec::toJson(again.value()), wire::Codec::toJson(first.value()));
    EXPECT_EQ(count(*server.db, QStringLiteral("SELECT count(*) FROM audit_log")), auditAfterFirst);
    EXPECT_EQ(server.service->head().value(), headAfterFirst);
}

TEST_P(SyncServiceTest, EditsOfDifferentFieldsBothSurvive)
{
    Client ana(QStringLiteral("ana")), ben(QStringLiteral("ben"));
    const QString id = newUuidV7();
    ana.submit(QStringLiteral("contact.create"), test::contactCreateArgs(id, QStringLiteral("Ada"), QStringLiteral("Lovelace")));
    ana.sync(*server.service);
    ben.sync(*server.service);

    ana.submit(QStringLiteral("contact.update"), test::contactSetArgs(id, QStringLiteral("city"), QStringLiteral("London")));
    ben.submit(QStringLiteral("contact.update"), test::contactSetArgs(id, QStringLiteral("phone"), QStringLiteral("+44 20 7946 0000")));
    const auto a = ana.sync(*server.service);
    const auto b = ben.sync(*server.service);
    ana.sync(*server.service);
    EXPECT_EQ(a.results.first().status, wire::MutationResult::Status::Applied);
    EXPECT_EQ(b.results.first().status, wire::MutationResult::Status::Applied);
    for (Client* c : {&ana, &ben}) {
        EXPECT_EQ(c->contact(id)->value(QStringLiteral("city")).toString(), QStringLiteral("London"));
        EXPECT_EQ(c->contact(id)->value(QStringLiteral("phone")).toString(), QStringLiteral("+44 20 7946 0000"));
    }
    EXPECT_EQ(count(*server.db, QStringLiteral("SELECT count(*) FROM sync_conflicts")), 0);
}

TEST_P(SyncServiceTest, TheSameFieldEditedTwiceWinsInServerOrderAndRecordsAConflictBothSee)
{
    Client ana(QStringLiteral("ana")), ben(QStringLiteral("ben"));
    const QString id = newUuidV7();
    ana.submit(QStringLiteral("contact.create"), test::contactCreateArgs(id, QStringLiteral("Ada"), QStringLiteral("Lovelace")));
    ana.sync(*server.service);
    ben.sync(*server.service);

    ana.submit(QStringLiteral("contact.update"), test::contactSetArgs(id, QStringLiteral("city"), QStringLiteral("London")));
    ben.submit(QStringLiteral("contact.update"), test::contactSetArgs(id, QStringLiteral("city"), QStringLiteral("Paris")));
    const auto a = ana.sync(*server.service);
    const auto b = ben.sync(*server.service); // second in server order: wins, and overwrote "London"
    ana.sync(*server.service);
    EXPECT_EQ(a.results.first().status, wire::MutationResult::Status::Applied);
    ASSERT_EQ(b.results.first().status, wire::MutationResult::Status::AppliedWithConflict);
    ASSERT_EQ(b.results.first().conflicts.size(), 1);
    EXPECT_EQ(b.results.first().conflicts.first().theirs.toString(), QStringLiteral("London"));
    EXPECT_EQ(b.results.first().conflicts.first().mine.toString(), QStringLiteral("Paris"));

    for (Client* c : {&ana, &ben}) {
        EXPECT_EQ(c->contact(id)->value(QStringLiteral("city")).toString(), QStringLiteral("Paris"));
        QSqlQuery q(c->local.db->connection());
        ASSERT_TRUE(q.exec(QStringLiteral("SELECT field, theirs, mine, winner, loser FROM sync_conflicts")));
        ASSERT_TRUE(q.next()) << "the conflict must reach " << c->who.userId.toStdString();
        EXPECT_EQ(q.value(0).toString(), QStringLiteral("city"));
        EXPECT_EQ(q.value(1).toString(), QStringLiteral("\"London\""));
        EXPECT_EQ(q.value(2).toString(), QStringLiteral("\"Paris\""));
        EXPECT_EQ(q.value(3).toString(), QStringLiteral("ben"));
        EXPECT_EQ(q.value(4).toString(), QStringLiteral("ana"));
    }
}

TEST_P(SyncServiceTest, ARejectedChangeReturnsTheClientToTheServerStateAndKeepsLaterEdits)
{
    Client ana(QStringLiteral("ana")), ben(QStringLiteral("ben"));
    const QString gone = newUuidV7();
    ana.submit(QStringLiteral("contact.create"), test::contactCreateArgs(gone, QStringLiteral("Gone"), QStringLiteral("Soon")));
    ana.sync(*server.service);
    ben.sync(*server.service);

    ana.submit(QStringLiteral("contact.delete"), QJsonObject{{QStringLiteral("id"), gone}});
    ana.sync(*server.service);
    // Ben, offline, edits the contact Ana deleted, then creates another one.
    ben.submit(QStringLiteral("contact.update"), test::contactSetArgs(gone, QStringLiteral("city"), QStringLiteral("Oslo")));
    const QString kept = newUuidV7();
    ben.submit(QStringLiteral("contact.create"), test::contactCreateArgs(kept, QStringLiteral("Kept"), QStringLiteral("Fine")));
    const auto b = ben.sync(*server.service);
    ASSERT_EQ(b.results.size(), 2);
    EXPECT_EQ(b.results.at(0).status, wire::MutationResult::Status::Rejected);
    EXPECT_EQ(b.results.at(0).code, QStringLiteral("not_found"));
    EXPECT_FALSE(b.results.at(0).message.isEmpty());
    EXPECT_EQ(b.results.at(1).status, wire::MutationResult::Status::Applied);

    EXPECT_FALSE(ben.contact(gone).has_value()); // back to the server's state
    EXPECT_TRUE(ben.contact(kept).has_value());
    EXPECT_EQ(ben.replica->pendingCount().value(), 0);
    QSqlQuery q(ben.local.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT name, code, message FROM sync_rejections")) && q.next());
    EXPECT_EQ(q.value(0).toString(), QStringLiteral("contact.update"));
    EXPECT_EQ(q.value(1).toString(), QStringLiteral("not_found"));
}

TEST_P(SyncServiceTest, PendingLocalEditsStayOnTopOfPulledRows)
{
    Client ana(QStringLiteral("ana")), ben(QStringLiteral("ben"));
    const QString id = newUuidV7();
    ana.submit(QStringLiteral("contact.create"), test::contactCreateArgs(id, QStringLiteral("Ada"), QStringLiteral("Lovelace")));
    ana.sync(*server.service);
    ben.sync(*server.service);
    ana.submit(QStringLiteral("contact.update"), test::contactSetArgs(id, QStringLiteral("city"), QStringLiteral("London")));
    ana.sync(*server.service);

    // Ben edits the phone and pulls before pushing: the pulled row must not hide his unsent edit.
    ben.submit(QStringLiteral("contact.update"), test::contactSetArgs(id, QStringLiteral("phone"), QStringLiteral("+44 1")));
    auto page = server.service->pull(ben.who, ben.replica->cursor().value(), 100);
    ASSERT_TRUE(page.ok());
    QList<RowState> rows;
    for (const auto& c : page->changes)
        rows.append(c.state);
    ASSERT_TRUE(ben.replica->applyPullPage(rows, page->lastAppliedSeq, page->cursor).ok());
    EXPECT_EQ(ben.contact(id)->value(QStringLiteral("city")).toString(), QStringLiteral("London"));
    EXPECT_EQ(ben.contact(id)->value(QStringLiteral("phone")).toString(), QStringLiteral("+44 1"));
    EXPECT_EQ(ben.replica->pendingCount().value(), 1);
}

TEST_P(SyncServiceTest, ARoleWithoutTheRightIsRefusedWithAReason)
{
    Client carl(QStringLiteral("carl"), QStringLiteral("compliance"));
    const QString id = newUuidV7();
    carl.submit(QStringLiteral("contact.create"), test::contactCreateArgs(id, QStringLiteral("No"), QStringLiteral("Way")));
    const auto r = carl.sync(*server.service);
    ASSERT_EQ(r.results.size(), 1);
    EXPECT_EQ(r.results.first().status, wire::MutationResult::Status::Rejected);
    EXPECT_EQ(r.results.first().code, QStringLiteral("forbidden"));
    EXPECT_FALSE(carl.contact(id).has_value());
    EXPECT_EQ(count(*server.db, QStringLiteral("SELECT count(*) FROM contacts")), 0);
}

TEST(SyncService, ABootstrapFromTheSnapshotEndsEqualToAFullPullAndHidesWhatTheUserMayNotSee)
{
    Server server;
    Client ana(QStringLiteral("ana")), olga(QStringLiteral("olga"), QStringLiteral("owner"));
    QStringList pool;
    for (int i = 0; i < 7; ++i) {
        pool.append(newUuidV7());
        ana.submit(QStringLiteral("contact.create"), test::contactCreateArgs(pool.last(), QStringLiteral("Pool"), QString::number(i)));
    }
    const QString privateId = newUuidV7();
    QJsonObject create = test::contactCreateArgs(privateId, QStringLiteral("Privatus"), QStringLiteral("Anae"));
    QJsonObject fields = create.value(QStringLiteral("fields")).toObject();
    fields.insert(QStringLiteral("ownerId"), QStringLiteral("ana"));
    create.insert(QStringLiteral("fields"), fields);
    ana.submit(QStringLiteral("contact.create"), create);
    ana.submit(QStringLiteral("contact.share"), QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                                            {QStringLiteral("contactId"), privateId},
                                                            {QStringLiteral("userId"), QStringLiteral("cleo")}});
    ana.submit(QStringLiteral("contact.delete"), QJsonObject{{QStringLiteral("id"), pool.at(2)}});
    ana.sync(*server.service);

    // The owner's snapshot (pages of 3) equals what a full pull from 0 gives.
    Client viaSnapshot(QStringLiteral("olga"), QStringLiteral("owner"));
    viaSnapshot.bootstrap(*server.service, 3);
    olga.sync(*server.service);
    for (const QString& id : pool + QStringList{privateId})
        EXPECT_EQ(viaSnapshot.contact(id), olga.contact(id)) << id.toStdString();
    EXPECT_FALSE(viaSnapshot.contact(pool.at(2)).has_value());
    EXPECT_EQ(count(*viaSnapshot.local.db, QStringLiteral("SELECT count(*) FROM contact_shares")), 1);
    EXPECT_EQ(count(*viaSnapshot.local.db, QStringLiteral("SELECT count(*) FROM contacts")), 7);
    EXPECT_FALSE(viaSnapshot.replica->bootstrap().value().running);
    EXPECT_GT(viaSnapshot.replica->cursor().value(), 0);

    // Another rep's snapshot: the pool, not Ana's private contact; Cleo, whom it is shared with, has it.
    Client ben(QStringLiteral("ben")), cleo(QStringLiteral("cleo"));
    ben.bootstrap(*server.service, 3);
    cleo.bootstrap(*server.service, 3);
    EXPECT_FALSE(ben.contact(privateId).has_value());
    EXPECT_TRUE(ben.contact(pool.at(0)).has_value());
    EXPECT_EQ(count(*ben.local.db, QStringLiteral("SELECT count(*) FROM contacts")), 6);
    EXPECT_TRUE(cleo.contact(privateId).has_value());

    // A device with its own unsent contact (its table is not empty: no bulk load) keeps it on top.
    Client dan(QStringLiteral("dan"));
    const QString own = newUuidV7();
    dan.submit(QStringLiteral("contact.create"), test::contactCreateArgs(own, QStringLiteral("Own"), QStringLiteral("Contact")));
    dan.bootstrap(*server.service, 3);
    EXPECT_TRUE(dan.contact(own).has_value());
    EXPECT_TRUE(dan.contact(pool.at(0)).has_value());
    EXPECT_EQ(dan.replica->pendingCount().value(), 0); // pushed by the pull round that follows the snapshot
    EXPECT_EQ(count(*dan.local.db, QStringLiteral("SELECT count(*) FROM contacts")), 7);
}

// Commerce and commissions through sync: finance runs periods and plans and sees them; sales may not, and
// never receives plans or periods; everyone receives the product catalogue.
TEST(SyncService, CommissionDataFollowsThePermissionMatrixAndVisibility)
{
    Server server;
    Client fiona(QStringLiteral("fiona"), QStringLiteral("finance"));
    Client sam(QStringLiteral("sam"), QStringLiteral("sales"));
    const QString plan = newUuidV7(), period = newUuidV7(), product = newUuidV7();
    fiona.submit(QStringLiteral("plan.update"),
                 QJsonObject{{QStringLiteral("id"), plan},
                             {QStringLiteral("name"), QStringLiteral("Standard")},
                             {QStringLiteral("plan"), QJsonDocument::fromJson(R"({"currency": "EUR", "maxPayoutBp": 1000,
                                 "ranks": [{"id": "member", "minPv": 0}],
                                 "unilevel": {"tree": "sponsor", "levels": [{"percentBp": 500}]}})").object()}});
    fiona.submit(QStringLiteral("period.open"), QJsonObject{{QStringLiteral("id"), period},
                                                            {QStringLiteral("name"), QStringLiteral("2026-03")},
                                                            {QStringLiteral("startsAt"), 1'772'323'200'000.0},
                                                            {QStringLiteral("endsAt"), 1'775'001'600'000.0},
                                                            {QStringLiteral("planId"), plan}});
    fiona.submit(QStringLiteral("product.create"), QJsonObject{{QStringLiteral("id"), product},
                                                               {QStringLiteral("sku"), QStringLiteral("VIT-01")},
                                                               {QStringLiteral("name"), QStringLiteral("Vitamins")},
                                                               {QStringLiteral("priceMinor"), 5000},
                                                               {QStringLiteral("currency"), QStringLiteral("EUR")},
                                                               {QStringLiteral("pv"), 100},
                                                               {QStringLiteral("cvMinor"), 4000}});
    const auto pushed = fiona.sync(*server.service);
    ASSERT_EQ(pushed.results.size(), 3);
    for (const auto& r : pushed.results)
        EXPECT_NE(r.status, wire::MutationResult::Status::Rejected) << r.message.toStdString();
    EXPECT_EQ(count(*server.db, QStringLiteral("SELECT count(*) FROM commission_periods")), 1);

    // Sales gets the catalogue, not the plan or the period; a period of its own is refused.
    sam.submit(QStringLiteral("plan.update"),
               QJsonObject{{QStringLiteral("id"), newUuidV7()},
                           {QStringLiteral("name"), QStringLiteral("Mine")},
                           {QStringLiteral("plan"), QJsonDocument::fromJson(R"({"currency": "EUR", "maxPayoutBp": 1000,
                               "ranks": [{"id": "member", "minPv": 0}],
                               "unilevel": {"tree": "sponsor", "levels": [{"percentBp": 500}]}})").object()}});
    const auto refused = sam.sync(*server.service);
    ASSERT_EQ(refused.results.size(), 1);
    EXPECT_EQ(refused.results.first().status, wire::MutationResult::Status::Rejected);
    EXPECT_EQ(refused.results.first().code, QStringLiteral("forbidden"));
    EXPECT_EQ(count(*sam.local.db, QStringLiteral("SELECT count(*) FROM products")), 1);
    EXPECT_EQ(count(*sam.local.db, QStringLiteral("SELECT count(*) FROM commission_plans")), 0);
    EXPECT_EQ(count(*sam.local.db, QStringLiteral("SELECT count(*) FROM commission_periods")), 0);

    // Another finance device receives the plan and the period as the server has them.
    Client felix(QStringLiteral("felix"), QStringLiteral("finance"));
    felix.sync(*server.service);
    EXPECT_EQ(count(*felix.local.db, QStringLiteral("SELECT count(*) FROM commission_periods WHERE state = 'open'")), 1);
    EXPECT_EQ(count(*felix.local.db, QStringLiteral("SELECT count(*) FROM commission_plans")), 1);
}
