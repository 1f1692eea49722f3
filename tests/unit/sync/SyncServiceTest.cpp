// The sync logic end to end without the network: a server team database driven by SyncService and
// client profiles driven by MutationEngine + Replica, every message passing through the JSON codec as
// it would on the wire.
#include "audit/AuditLog.h"
#include "contacts/ContactBulkLoader.h"
#include "contacts/ContactRepository.h"
#include "genealogy/GenealogyBulkLoader.h"
#include "genealogy/GenealogyClosure.h"
#include "mutations/MutationEngine.h"
#include "mutations/MutationRegistry.h"
#include "mutations/Outbox.h"
#include "profile/Workspace.h"
#include "replication/Replica.h"
#include "replication/ReplicaReset.h"
#include "service/ServerApp.h"
#include "service/ServerStorage.h"
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

#include <QJsonArray>
#include <QJsonDocument>
#include <QSemaphore>
#include <QSqlError>
#include <QSqlQuery>

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <tuple>
#include <random>
#include <thread>

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
        snapshotPages(server, pageSize);
        auto finished = replica->finishBootstrap();
        ASSERT_TRUE(finished.ok()) << finished.message().toStdString();
        sync(server);
    }

    // The snapshot's pages of a first sync, without finishing it; `afterPage` runs after each page but the last.
    void snapshotPages(SyncService& server, int pageSize, const std::function<void(int page)>& afterPage = {})
    {
        int pages = 0;
        ASSERT_EQ(replica->cursor().value(), 0);
        while (snapshotPage(server, pageSize)) {
            if (afterPage)
                afterPage(++pages);
        }
    }

    // The next page of a first sync, as the sync client applies it; whether more follow.
    bool snapshotPage(SyncService& server, int pageSize) { return snapshotPage(server, pageSize, *replica); }

    // The same through `into`: another Replica of this profile (another process's, on its own connections).
    bool snapshotPage(SyncService& server, int pageSize, Replica& into)
    {
        const Replica::Bootstrap state = into.bootstrap().value();
        auto page = server.snapshot(who, state.at, state.entity, state.after, pageSize);
        EXPECT_TRUE(page.ok()) << page.message().toStdString();
        if (!page.ok())
            return false;
        const wire::SnapshotPage p = test::roundTrip(wire::Codec::toJson(page.value()), &wire::Codec::snapshotPageFromJson);
        Replica::Bootstrap next = state;
        next.at = p.at;
        next.entity = p.nextEntity;
        next.after = p.nextAfter;
        if (!state.running)
            next.total = p.total;
        next.done += p.scanned;
        auto applied = into.applySnapshotPage(p.blocks, next);
        EXPECT_TRUE(applied.ok()) << applied.message().toStdString();
        return applied.ok() && p.more;
    }

    // Closes the profile, runs `whileClosed`, and opens it again (as the app does after a quit or a crash),
    // with `busyTimeoutMs` (Database::Options).
    void reopen(const std::function<void()>& whileClosed,
                int busyTimeoutMs = Database::Options().busyTimeoutMs)
    {
        replica.reset();
        engine.reset();
        local.db.reset();
        whileClosed();
        local.reopen(busyTimeoutMs);
        engine = std::make_unique<MutationEngine>(*local.db, MutationRegistry::standard(), clock);
        EXPECT_TRUE(engine->initialize().ok());
        engine->setActor(who.userId);
        replica = std::make_unique<Replica>(*local.db, MutationRegistry::standard(), RowCodecRegistry::standard());
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

// A push that carries the same sequence number twice: the wire refuses it ("mutations[1].seq must be greater
// than the sequence number before it"); the service, called directly, still gives the second copy the first
// one's result with no effect of its own, instead of failing the push on the stored result's key.
TEST_P(SyncServiceTest, TheSameSequenceNumberTwiceInOnePushIsAppliedOnce)
{
    Client ana(QStringLiteral("ana"));
    const QString id = newUuidV7();
    const Mutation m = ana.submit(QStringLiteral("contact.create"), test::contactCreateArgs(id, QStringLiteral("Ada"), QStringLiteral("Twice")));
    wire::PushRequest req;
    req.deviceId = ana.who.deviceId;
    req.mutations = {m, m};
    auto pushed = server.service->push(ana.who, req);
    ASSERT_TRUE(pushed.ok()) << pushed.message().toStdString();
    ASSERT_EQ(pushed->results.size(), 2);
    EXPECT_EQ(pushed->results.at(0).status, wire::MutationResult::Status::Applied);
    EXPECT_EQ(pushed->results.at(1).status, wire::MutationResult::Status::Applied);
    QSqlQuery q(server.db->connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM sync_changes WHERE entity = 'contact' AND entity_id = ?"));
    q.addBindValue(id);
    ASSERT_TRUE(q.exec() && q.next());
    EXPECT_EQ(q.value(0).toInt(), 1);
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

// The end of a bootstrap rebuilds what the bulk load dropped one index per transaction: a local edit made
// meanwhile goes through (it would wait on the write lock of one long rebuild and fail), and afterwards
// the indexes, the count and the search index are whole. Also: custom values travel in the bulk load.
TEST(SyncService, ALocalEditWhileABootstrapRebuildsItsIndexesGoesThrough)
{
    Server server;
    Client olga(QStringLiteral("olga"), QStringLiteral("owner"));
    olga.submit(QStringLiteral("customfield.define"),
                QJsonObject{{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("entity"), QStringLiteral("contact")},
                            {QStringLiteral("key"), QStringLiteral("employees")}, {QStringLiteral("label"), QStringLiteral("Employees")},
                            {QStringLiteral("type"), QStringLiteral("number")}});
    QStringList ids;
    for (int i = 0; i < 150; ++i) {
        ids.append(newUuidV7());
        QJsonObject args = test::contactCreateArgs(ids.last(), QStringLiteral("Seeded"), QStringLiteral("Person%1").arg(i));
        if (i % 50 == 7) {
            QJsonObject fields = args.value(QStringLiteral("fields")).toObject();
            fields.insert(QStringLiteral("custom.employees"), 10 + i);
            args.insert(QStringLiteral("fields"), fields);
        }
        olga.submit(QStringLiteral("contact.create"), args);
    }
    olga.sync(*server.service);

    Client dev(QStringLiteral("olga"), QStringLiteral("owner"));
    dev.snapshotPages(*server.service, 120); // two pages, each indexed for search at its end
    ASSERT_TRUE(dev.replica->bootstrap().value().running);

    // The rebuild on its own thread (as the sync client's writer); after its first step it waits for the
    // edits made here, on this thread's connection, while the bootstrap is still unfinished.
    QSemaphore stepDone, editsDone;
    int steps = 0;
    Result<EntityChanges> finished = EntityChanges();
    std::thread rebuild([&] {
        finished = dev.replica->finishBootstrap([&] {
            if (steps++ == 0) {
                stepDone.release();
                editsDone.acquire();
            }
        });
        dev.local.db->releaseThreadConnection();
    });
    stepDone.acquire();
    EXPECT_TRUE(dev.replica->bootstrap().value().running);
    const QString added = newUuidV7();
    auto create = dev.engine->submit(QStringLiteral("contact.create"),
                                     test::contactCreateArgs(added, QStringLiteral("Added"), QStringLiteral("Meanwhile")));
    auto rename = dev.engine->submit(QStringLiteral("contact.update"),
                                     test::contactSetArgs(ids.at(3), QStringLiteral("lastName"), QStringLiteral("Renamedwhilefinishing")));
    editsDone.release();
    rebuild.join();
    ASSERT_TRUE(create.ok()) << create.message().toStdString();
    ASSERT_TRUE(rename.ok()) << rename.message().toStdString();
    ASSERT_TRUE(finished.ok()) << finished.message().toStdString();
    EXPECT_GT(steps, 1);
    EXPECT_FALSE(dev.replica->bootstrap().value().running);
    EXPECT_GT(dev.replica->cursor().value(), 0);

    Database& db = *dev.local.db;
    EXPECT_EQ(count(db, QStringLiteral("SELECT count(*) FROM contacts")), 151);
    EXPECT_EQ(count(db, QStringLiteral("SELECT n FROM entity_counts WHERE entity = 'contacts'")), 151);
    EXPECT_EQ(count(db, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name IN ('contacts_sort', 'contacts_rank', "
                                       "'contacts_email', 'contacts_company', 'contacts_count_ai', 'contacts_fts_ai')")),
              6);
    EXPECT_EQ(count(db, QStringLiteral("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'seeded'")), 150);
    EXPECT_EQ(count(db, QStringLiteral("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'person3'")), 0);
    EXPECT_EQ(count(db, QStringLiteral("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'renamedwhilefinishing'")), 1);
    EXPECT_EQ(count(db, QStringLiteral("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'meanwhile'")), 1);
    QSqlQuery check(db.connection());
    EXPECT_TRUE(check.exec(QStringLiteral("INSERT INTO contacts_fts(contacts_fts) VALUES('integrity-check')")))
        << check.lastError().text().toStdString();
    for (int i : {7, 57, 107})
        EXPECT_EQ(dev.contact(ids.at(i)), olga.contact(ids.at(i))) << i;
    EXPECT_EQ(dev.contact(ids.at(57))->value(QStringLiteral("custom.employees")).toInt(), 67);

    // The edits made during the rebuild reach the server.
    dev.sync(*server.service);
    olga.sync(*server.service);
    EXPECT_TRUE(olga.contact(added).has_value());
    EXPECT_EQ(olga.contact(ids.at(3))->value(QStringLiteral("lastName")).toString(), QStringLiteral("Renamedwhilefinishing"));
}

namespace {

// Olga (owner) creates `n` contacts named "Seeded PersonN" and pushes them, for a bootstrap to carry.
void seedContacts(Server& server, int n)
{
    Client olga(QStringLiteral("olga"), QStringLiteral("owner"));
    for (int i = 0; i < n; ++i)
        olga.submit(QStringLiteral("contact.create"),
                    test::contactCreateArgs(newUuidV7(), QStringLiteral("Seeded"), QStringLiteral("Person%1").arg(i)));
    olga.sync(*server.service);
}

// How many contacts the full-text index finds for `term`.
qint64 fullTextMatches(Database& db, const QString& term)
{
    return count(db, QStringLiteral("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH '%1'").arg(term));
}

} // namespace

// A bootstrap keeps the full-text insert trigger dropped from its first page to its end and indexes each
// page's contacts, and those created here since the page before, at the end of the page. Contacts created,
// edited and deleted on the device between pages (the update triggers index a row the first time it is
// edited) must end indexed exactly once, with their current values, and be found after the next page.
TEST(SyncService, ContactsCreatedAndEditedBetweenBootstrapPagesAreIndexedOnce)
{
    Server server;
    seedContacts(server, 30);

    Client dev(QStringLiteral("olga"), QStringLiteral("owner"));
    Database& db = *dev.local.db;
    auto matches = [&](const QString& term) { return fullTextMatches(db, term); };
    auto schemaHas = [&](const QString& name) {
        return count(db, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = '%1'").arg(name)) > 0;
    };
    const QString created = newUuidV7(), edited = newUuidV7(), removed = newUuidV7(), dropped = newUuidV7(), late = newUuidV7();
    dev.snapshotPages(*server.service, 10, [&](int page) {
        EXPECT_FALSE(schemaHas(QStringLiteral("contacts_fts_ai"))) << page;
        EXPECT_EQ(matches(QStringLiteral("seeded")), 10 * page) << page; // every page's rows, at once
        if (page == 1) {
            dev.submit(QStringLiteral("contact.create"),
                       test::contactCreateArgs(created, QStringLiteral("Betweenpages"), QStringLiteral("Created")));
            dev.submit(QStringLiteral("contact.create"),
                       test::contactCreateArgs(edited, QStringLiteral("Betweenpages"), QStringLiteral("Beforeedit")));
            dev.submit(QStringLiteral("contact.update"),
                       test::contactSetArgs(edited, QStringLiteral("lastName"), QStringLiteral("Afteredit")));
            dev.submit(QStringLiteral("contact.create"),
                       test::contactCreateArgs(removed, QStringLiteral("Betweenpages"), QStringLiteral("Removed")));
            dev.submit(QStringLiteral("contact.update"),
                       test::contactSetArgs(removed, QStringLiteral("lastName"), QStringLiteral("Removededit")));
            dev.submit(QStringLiteral("contact.delete"), QJsonObject{{QStringLiteral("id"), removed}});
            dev.submit(QStringLiteral("contact.create"),
                       test::contactCreateArgs(dropped, QStringLiteral("Betweenpages"), QStringLiteral("Dropped")));
            dev.submit(QStringLiteral("contact.delete"), QJsonObject{{QStringLiteral("id"), dropped}}); // never indexed
        } else if (page == 2) {
            EXPECT_EQ(matches(QStringLiteral("betweenpages")), 2); // indexed by the page that followed
            dev.submit(QStringLiteral("contact.update"),
                       test::contactSetArgs(created, QStringLiteral("city"), QStringLiteral("Edited between")));
            dev.submit(QStringLiteral("contact.update"),
                       test::contactSetArgs(edited, QStringLiteral("lastName"), QStringLiteral("Editedtwice")));
        }
    });
    // Created after the last page: indexed by the end of the bootstrap.
    dev.submit(QStringLiteral("contact.create"), test::contactCreateArgs(late, QStringLiteral("Afterpages"), QStringLiteral("Late")));
    auto finished = dev.replica->finishBootstrap();
    ASSERT_TRUE(finished.ok()) << finished.message().toStdString();

    EXPECT_EQ(matches(QStringLiteral("seeded")), 30);
    EXPECT_EQ(matches(QStringLiteral("betweenpages")), 2);
    EXPECT_EQ(matches(QStringLiteral("created")), 1);
    EXPECT_EQ(matches(QStringLiteral("beforeedit")), 0);
    EXPECT_EQ(matches(QStringLiteral("afteredit")), 0);
    EXPECT_EQ(matches(QStringLiteral("editedtwice")), 1);
    EXPECT_EQ(matches(QStringLiteral("removed")), 0);
    EXPECT_EQ(matches(QStringLiteral("removededit")), 0);
    EXPECT_EQ(matches(QStringLiteral("dropped")), 0);
    EXPECT_EQ(matches(QStringLiteral("late")), 1);
    QSqlQuery check(db.connection());
    EXPECT_TRUE(check.exec(QStringLiteral("INSERT INTO contacts_fts(contacts_fts) VALUES('integrity-check')")))
        << check.lastError().text().toStdString();
    check.finish();
    EXPECT_TRUE(schemaHas(QStringLiteral("contacts_fts_ai")));
    EXPECT_EQ(count(db, QStringLiteral("SELECT count(*) FROM meta WHERE key LIKE 'contacts_fts%'")), 0);

    // After the bootstrap the trigger indexes a new contact as before.
    dev.submit(QStringLiteral("contact.create"), test::contactCreateArgs(newUuidV7(), QStringLiteral("Afterwards"), QStringLiteral("New")));
    EXPECT_EQ(matches(QStringLiteral("afterwards")), 1);
}

// SQLite gives a new row max(rid) + 1: the newest contact deleted between pages and one created then takes
// its rid, which the mark says is indexed. The mark follows the delete down, so the new contact is indexed
// by the next page; and a contact created while only other entities' pages arrive is indexed by those pages.
TEST(SyncService, AContactCreatedOnTheRidOfADeletedOneBetweenBootstrapPagesIsIndexed)
{
    Server server;
    seedContacts(server, 20);

    Client dev(QStringLiteral("olga"), QStringLiteral("owner"));
    Database& db = *dev.local.db;
    auto matches = [&](const QString& term) { return fullTextMatches(db, term); };
    qint64 reusedRid = 0, deletedRid = 0;
    dev.snapshotPages(*server.service, 10, [&](int page) {
        if (page != 1)
            return;
        QSqlQuery q(db.connection());
        ASSERT_TRUE(q.exec(QStringLiteral("SELECT id, rid FROM contacts ORDER BY rid DESC LIMIT 1")) && q.next());
        const QString newest = q.value(0).toString();
        deletedRid = q.value(1).toLongLong();
        q.finish();
        dev.submit(QStringLiteral("contact.delete"), QJsonObject{{QStringLiteral("id"), newest}});
        const QString reused = newUuidV7();
        dev.submit(QStringLiteral("contact.create"), test::contactCreateArgs(reused, QStringLiteral("Reused"), QStringLiteral("Rowid")));
        reusedRid = count(db, QStringLiteral("SELECT rid FROM contacts WHERE id = '%1'").arg(reused));
    });
    EXPECT_EQ(reusedRid, deletedRid); // what the case is about
    EXPECT_EQ(matches(QStringLiteral("reused")), 1); // indexed by page 2
    auto finished = dev.replica->finishBootstrap();
    ASSERT_TRUE(finished.ok()) << finished.message().toStdString();
    EXPECT_EQ(matches(QStringLiteral("reused")), 1);
    EXPECT_EQ(matches(QStringLiteral("seeded")), 19);
    EXPECT_EQ(count(db, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'contacts_fts_mark_ad'")), 0);
}

// Signing out with wipe while a bootstrap is between pages brings the full-text insert trigger back and drops
// the mark, so the device indexes its contacts as before and a later bootstrap starts clean.
TEST(SyncService, AWipeInTheMiddleOfABootstrapBringsTheSearchTriggerBack)
{
    Server server;
    seedContacts(server, 20);

    Client dev(QStringLiteral("olga"), QStringLiteral("owner"));
    Database& db = *dev.local.db;
    auto trigger = [&] { return count(db, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'contacts_fts_ai'")); };
    auto mark = [&] { return count(db, QStringLiteral("SELECT count(*) FROM meta WHERE key LIKE 'contacts_fts%'")); };
    bool wiped = false;
    dev.snapshotPages(*server.service, 10, [&](int page) {
        if (page != 1)
            return;
        EXPECT_EQ(trigger(), 0);
        EXPECT_EQ(mark(), 1);
        wiped = ReplicaReset::wipe(db).ok();
        EXPECT_EQ(trigger(), 1);
        EXPECT_EQ(mark(), 0);
    });
    ASSERT_TRUE(wiped);
    // The wipe ended that bootstrap; the pages that followed began a new one, which ends now.
    ASSERT_TRUE(dev.replica->finishBootstrap().ok());
    EXPECT_EQ(trigger(), 1);
    EXPECT_EQ(mark(), 0);
    dev.submit(QStringLiteral("contact.create"), test::contactCreateArgs(newUuidV7(), QStringLiteral("Afterwipe"), QStringLiteral("New")));
    EXPECT_EQ(count(db, QStringLiteral("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'afterwipe'")), 1);
    QSqlQuery check(db.connection());
    EXPECT_TRUE(check.exec(QStringLiteral("INSERT INTO contacts_fts(contacts_fts) VALUES('integrity-check')")))
        << check.lastError().text().toStdString();
}

namespace {

const QString kSortedList = QStringLiteral("SELECT rid FROM contacts ORDER BY sort_key, rid LIMIT 50");

// Every contact the server holds, as `device` has it (its codec's row).
QList<std::optional<QJsonObject>> contactsOf(Server& server, Client& device)
{
    QList<std::optional<QJsonObject>> out;
    QSqlQuery q(server.db->connection());
    EXPECT_TRUE(q.exec(QStringLiteral("SELECT id FROM contacts ORDER BY id")));
    while (q.next())
        out.append(device.contact(q.value(0).toString()));
    return out;
}

bool searchIndexIsWhole(Database& db)
{
    QSqlQuery check(db.connection());
    const bool ok = check.exec(QStringLiteral("INSERT INTO contacts_fts(contacts_fts) VALUES('integrity-check')"));
    EXPECT_TRUE(ok) << check.lastError().text().toStdString();
    return ok;
}

} // namespace

// A bootstrap stopped between pages (by the user, or because the network went) gives the profile back every
// index and trigger its schema defines: lists use the name index, counts are right, a contact made here is
// found at once. Resumed, it drops them again unless little is still to come (after 10 of 90: dropped; after
// 85: kept, only the search trigger goes), and ends as a bootstrap that never stopped.
TEST(SyncService, AStoppedBootstrapLeavesEveryIndexInPlaceAndResumesToTheEndOfAnUninterruptedOne)
{
    Server server;
    seedContacts(server, 90);
    test::TestDatabase fresh;
    const QStringList schema = test::schemaObjects(*fresh.db);
    Client ref(QStringLiteral("olga"), QStringLiteral("owner"));
    ref.bootstrap(*server.service, 10); // never stopped

    Client dev(QStringLiteral("olga"), QStringLiteral("owner"));
    Database& db = *dev.local.db;
    auto has = [&](const QString& name) {
        return count(db, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = '%1'").arg(name)) > 0;
    };
    auto marks = [&] { return count(db, QStringLiteral("SELECT count(*) FROM meta WHERE key LIKE 'contacts_fts%'")); };
    // A search for "seeded" as the list runs it with many matches: walking the name index (INDEXED BY contacts_sort).
    auto searchByName = [&] {
        ContactRepository contacts(db);
        contacts.setSearchThresholds({0});
        return contacts.search(ContactQuery::parse(QStringLiteral("seeded")), std::nullopt, 50);
    };
    ASSERT_TRUE(dev.snapshotPage(*server.service, 10));
    // Between pages the bulk load runs without them (the list's own query names the sort index).
    EXPECT_FALSE(has(QStringLiteral("contacts_sort")));
    EXPECT_FALSE(has(QStringLiteral("contacts_fts_ai")));
    EXPECT_FALSE(searchByName().ok());

    ASSERT_TRUE(dev.replica->stopBootstrap().ok());
    EXPECT_EQ(test::schemaObjects(db), schema);
    EXPECT_EQ(marks(), 0);
    EXPECT_TRUE(dev.replica->bootstrap()->running);
    EXPECT_TRUE(dev.replica->bootstrap()->indexed);
    EXPECT_TRUE(test::planUses(db, kSortedList, QStringLiteral("contacts_sort")));
    auto listed = searchByName();
    ASSERT_TRUE(listed.ok()) << listed.message().toStdString();
    EXPECT_EQ(listed->size(), 10);
    EXPECT_EQ(count(db, QStringLiteral("SELECT n FROM entity_counts WHERE entity = 'contacts'")), 10);
    const QString mine = newUuidV7();
    dev.submit(QStringLiteral("contact.create"), test::contactCreateArgs(mine, QStringLiteral("Whilestopped"), QStringLiteral("Here")));
    EXPECT_EQ(fullTextMatches(db, QStringLiteral("whilestopped")), 1); // by the trigger, at once
    EXPECT_EQ(fullTextMatches(db, QStringLiteral("seeded")), 10);
    ASSERT_TRUE(dev.replica->stopBootstrap().ok()); // stopped already: nothing to do
    EXPECT_EQ(test::schemaObjects(db), schema);

    // 80 of 90 still to come: the next page drops the indexes again.
    ASSERT_TRUE(Replica::dropsIndexesOnResume(dev.replica->bootstrap().value()));
    ASSERT_TRUE(dev.snapshotPage(*server.service, 10));
    EXPECT_FALSE(has(QStringLiteral("contacts_sort")));
    EXPECT_FALSE(has(QStringLiteral("contacts_fts_ai")));
    EXPECT_FALSE(dev.replica->bootstrap()->indexed);
    EXPECT_EQ(fullTextMatches(db, QStringLiteral("seeded")), 20);
    ASSERT_TRUE(dev.replica->stopBootstrap().ok());
    EXPECT_EQ(test::schemaObjects(db), schema);

    for (int page = 3; page <= 8; ++page)
        ASSERT_TRUE(dev.snapshotPage(*server.service, 10));
    // 10 of 90 to come is still too much to keep them (more than a sixteenth of the 80 there).
    EXPECT_TRUE(Replica::dropsIndexesOnResume(dev.replica->bootstrap().value()));
    ASSERT_TRUE(dev.snapshotPage(*server.service, 5));
    ASSERT_TRUE(dev.replica->stopBootstrap().ok());
    EXPECT_EQ(test::schemaObjects(db), schema);

    // 5 of 90 to come: the indexes stay; only the search trigger goes, its mark set.
    ASSERT_FALSE(Replica::dropsIndexesOnResume(dev.replica->bootstrap().value()));
    EXPECT_FALSE(dev.snapshotPage(*server.service, 5)); // the last page
    EXPECT_TRUE(has(QStringLiteral("contacts_sort")));
    EXPECT_TRUE(has(QStringLiteral("contacts_city")));
    EXPECT_FALSE(has(QStringLiteral("contacts_fts_ai")));
    EXPECT_EQ(marks(), 1);
    EXPECT_EQ(fullTextMatches(db, QStringLiteral("seeded")), 90);
    EXPECT_EQ(count(db, QStringLiteral("SELECT n FROM entity_counts WHERE entity = 'contacts'")), 91);

    auto finished = dev.replica->finishBootstrap();
    ASSERT_TRUE(finished.ok()) << finished.message().toStdString();
    dev.sync(*server.service);
    ref.sync(*server.service);
    EXPECT_EQ(contactsOf(server, dev), contactsOf(server, ref));
    EXPECT_EQ(contactsOf(server, dev).size(), 91);
    for (Client* c : {&dev, &ref}) {
        Database& d = *c->local.db;
        EXPECT_EQ(test::schemaObjects(d), schema);
        EXPECT_EQ(count(d, QStringLiteral("SELECT count(*) FROM meta WHERE key LIKE 'contacts_fts%'")), 0);
        EXPECT_EQ(count(d, QStringLiteral("SELECT n FROM entity_counts WHERE entity = 'contacts'")), 91);
        EXPECT_EQ(fullTextMatches(d, QStringLiteral("seeded")), 90);
        EXPECT_EQ(fullTextMatches(d, QStringLiteral("whilestopped")), 1);
        EXPECT_TRUE(searchIndexIsWhole(d));
        EXPECT_FALSE(c->replica->bootstrap()->running);
    }
}

// The app quit or crashed while a bootstrap ran (even while a stop restored its indexes: here the first step
// is done, the rest not): the profile's next open (Workspace::migrate, on the unlock's worker) brings every
// index and the search trigger back, indexes the contact made here meanwhile, and the bootstrap then resumes
// to its end.
TEST(SyncService, AProfileReopenedAfterABootstrapCutWithoutAStopHasItsIndexesBack)
{
    Server server;
    seedContacts(server, 30);
    test::TestDatabase fresh;
    const QStringList schema = test::schemaObjects(*fresh.db);

    Client dev(QStringLiteral("olga"), QStringLiteral("owner"));
    ASSERT_TRUE(dev.snapshotPage(*server.service, 10));
    const QString mine = newUuidV7();
    dev.submit(QStringLiteral("contact.create"), test::contactCreateArgs(mine, QStringLiteral("Beforecrash"), QStringLiteral("Here")));
    {
        QSqlDatabase conn = dev.local.db->connection();
        ASSERT_TRUE(ContactBulkLoader::restoreIndexes(conn, 0).ok());
    }
    EXPECT_NE(test::schemaObjects(*dev.local.db), schema);

    dev.reopen([&] {
        ProfileInfo info;
        info.dir = dev.local.dir.path();
        Status repaired = Workspace::migrate(info, dev.local.key);
        EXPECT_TRUE(repaired.ok()) << repaired.message().toStdString();
    });
    Database& db = *dev.local.db;
    EXPECT_EQ(test::schemaObjects(db), schema);
    EXPECT_EQ(count(db, QStringLiteral("SELECT count(*) FROM meta WHERE key LIKE 'contacts_fts%'")), 0);
    EXPECT_TRUE(dev.replica->bootstrap()->running);
    EXPECT_TRUE(dev.replica->bootstrap()->indexed);
    EXPECT_EQ(fullTextMatches(db, QStringLiteral("beforecrash")), 1);
    EXPECT_EQ(fullTextMatches(db, QStringLiteral("seeded")), 10);
    EXPECT_EQ(count(db, QStringLiteral("SELECT n FROM entity_counts WHERE entity = 'contacts'")), 11);
    EXPECT_TRUE(searchIndexIsWhole(db));

    dev.snapshotPages(*server.service, 10);
    auto finished = dev.replica->finishBootstrap();
    ASSERT_TRUE(finished.ok()) << finished.message().toStdString();
    dev.sync(*server.service);
    EXPECT_EQ(test::schemaObjects(db), schema);
    EXPECT_EQ(fullTextMatches(db, QStringLiteral("seeded")), 30);
    EXPECT_EQ(fullTextMatches(db, QStringLiteral("beforecrash")), 1);
    EXPECT_TRUE(searchIndexIsWhole(db));
    EXPECT_TRUE(server.has(QStringLiteral("contacts"), mine));
}

// A wipe while a bootstrap is cut half-way (a contact made here since its last page is not in the search index
// yet) empties the index at once, with no FTS work per row: no segment is left (a delete per row would leave
// its deletion markers), the index is consistent, and the delete trigger is back for what comes next.
TEST(SyncService, AWipeOfABootstrapCutHalfWayEmptiesTheSearchIndexAtOnce)
{
    Server server;
    seedContacts(server, 30);
    test::TestDatabase fresh;
    Client dev(QStringLiteral("olga"), QStringLiteral("owner"));
    Database& db = *dev.local.db;
    ASSERT_TRUE(dev.snapshotPage(*server.service, 10));
    dev.submit(QStringLiteral("contact.create"), test::contactCreateArgs(newUuidV7(), QStringLiteral("Neverindexed"), QStringLiteral("Here")));
    EXPECT_EQ(fullTextMatches(db, QStringLiteral("neverindexed")), 0);

    Status wiped = ReplicaReset::wipe(db);
    ASSERT_TRUE(wiped.ok()) << wiped.message().toStdString();
    EXPECT_EQ(count(db, QStringLiteral("SELECT count(*) FROM contacts")), 0);
    EXPECT_EQ(count(db, QStringLiteral("SELECT count(*) FROM contacts_fts_segdir")), 0);
    EXPECT_EQ(count(db, QStringLiteral("SELECT count(*) FROM contacts_fts_segments")), 0);
    EXPECT_TRUE(searchIndexIsWhole(db));
    EXPECT_EQ(test::schemaObjects(db), test::schemaObjects(*fresh.db));
    EXPECT_EQ(count(db, QStringLiteral("SELECT count(*) FROM meta WHERE key LIKE 'contacts_fts%'")), 0);

    const QString later = newUuidV7();
    dev.submit(QStringLiteral("contact.create"), test::contactCreateArgs(later, QStringLiteral("Afterwipe"), QStringLiteral("New")));
    EXPECT_EQ(fullTextMatches(db, QStringLiteral("afterwipe")), 1);
    dev.submit(QStringLiteral("contact.delete"), QJsonObject{{QStringLiteral("id"), later}});
    EXPECT_EQ(fullTextMatches(db, QStringLiteral("afterwipe")), 0);
    EXPECT_TRUE(searchIndexIsWhole(db));
}

// A user's edit made while a stopped first sync restores its indexes meets a step holding the write lock (at
// a million contacts a CREATE INDEX takes seconds, past the busy timeout): it waits for that step to end and
// is kept, instead of failing with "database is locked". The profile here has no busy timeout at all, so the
// edit would fail at once if the step were not announced; the step stays open until the edit waits for it.
TEST(SyncService, ALocalEditMadeWhileARestoreStepHoldsTheWriteLockWaitsForTheStepAndIsKept)
{
    Server server;
    seedContacts(server, 30);
    test::TestDatabase fresh;
    const QStringList schema = test::schemaObjects(*fresh.db);
    Client dev(QStringLiteral("olga"), QStringLiteral("owner"));
    ASSERT_TRUE(dev.snapshotPage(*server.service, 10));
    dev.reopen([] {}, 0);
    Database& db = *dev.local.db;

    QSemaphore inStep;
    bool editWaited = false;
    dev.replica->setRestoreStepHook([&](const QString& entity, int step) {
        if (entity != QLatin1String("contact") || step != 0) // the sort index, built and not committed yet
            return;
        inStep.release();
        editWaited = db.waitForWritersBehindLongWrite(1, 60000);
    });
    Result<EntityChanges> stopped = EntityChanges();
    std::thread restore([&] { // the sync client's writer thread
        stopped = dev.replica->stopBootstrap();
        db.releaseThreadConnection();
    });
    inStep.acquire();
    const QString mine = newUuidV7();
    auto edit = dev.engine->submit(
        QStringLiteral("contact.create"),
        test::contactCreateArgs(mine, QStringLiteral("Duringrestore"), QStringLiteral("Here")));
    restore.join();
    EXPECT_TRUE(editWaited);
    ASSERT_TRUE(edit.ok()) << edit.message().toStdString();
    ASSERT_TRUE(stopped.ok()) << stopped.message().toStdString();
    EXPECT_EQ(test::schemaObjects(db), schema);
    EXPECT_TRUE(dev.replica->bootstrap()->indexed);
    EXPECT_EQ(fullTextMatches(db, QStringLiteral("duringrestore")), 1);
    EXPECT_EQ(count(db, QStringLiteral("SELECT n FROM entity_counts WHERE entity = 'contacts'")), 11);
    EXPECT_TRUE(searchIndexIsWhole(db));

    dev.replica->setRestoreStepHook({});
    dev.snapshotPages(*server.service, 10);
    ASSERT_TRUE(dev.replica->finishBootstrap().ok());
    dev.sync(*server.service);
    EXPECT_TRUE(server.has(QStringLiteral("contacts"), mine));
    EXPECT_EQ(fullTextMatches(db, QStringLiteral("seeded")), 30);
}

// Quitting (or wiping) while a stopped first sync restores its indexes does not wait for the restore: abort()
// rolls back the step under way (it is simply not done), starts no other, and the replica writes nothing
// more. The profile's next open (Workspace::migrate) completes the restore, and the bootstrap then resumes to
// its end.
TEST(SyncService, AnAbortDuringARestoreRollsItsStepBackStartsNoOtherAndTheNextOpenCompletesIt)
{
    Server server;
    seedContacts(server, 30);
    test::TestDatabase fresh;
    const QStringList schema = test::schemaObjects(*fresh.db);
    Client dev(QStringLiteral("olga"), QStringLiteral("owner"));
    ASSERT_TRUE(dev.snapshotPage(*server.service, 10));
    auto has = [&](const QString& name) {
        return count(*dev.local.db,
                     QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = '%1'").arg(name)) > 0;
    };
    dev.replica->setRestoreStepHook([&](const QString& entity, int step) {
        if (entity == QLatin1String("contact") && step == 2) // the e-mail index, built and not committed yet
            dev.replica->abort(); // as SyncClient::abortWriter does from the UI thread
    });
    auto stopped = dev.replica->stopBootstrap();
    ASSERT_FALSE(stopped.ok());
    EXPECT_EQ(stopped.code(), ErrorCode::Cancelled);
    EXPECT_TRUE(has(QStringLiteral("contacts_sort")));     // step 0, committed before
    EXPECT_FALSE(has(QStringLiteral("contacts_email")));   // step 2, rolled back
    EXPECT_FALSE(has(QStringLiteral("contacts_company"))); // step 3, never begun
    EXPECT_FALSE(has(QStringLiteral("contacts_fts_ai")));
    EXPECT_FALSE(dev.replica->bootstrap()->indexed);
    EXPECT_EQ(dev.replica->stopBootstrap().code(), ErrorCode::Cancelled);
    EXPECT_EQ(dev.replica->finishBootstrap().code(), ErrorCode::Cancelled);
    EXPECT_EQ(dev.replica->applySnapshotPage({}, dev.replica->bootstrap().value()).code(),
              ErrorCode::Cancelled);
    EXPECT_EQ(dev.replica->bootstrap()->done, 10);

    dev.reopen([&] {
        ProfileInfo info;
        info.dir = dev.local.dir.path();
        Status repaired = Workspace::migrate(info, dev.local.key);
        EXPECT_TRUE(repaired.ok()) << repaired.message().toStdString();
    });
    Database& db = *dev.local.db;
    EXPECT_EQ(test::schemaObjects(db), schema);
    EXPECT_TRUE(dev.replica->bootstrap()->indexed);
    EXPECT_TRUE(searchIndexIsWhole(db));

    dev.snapshotPages(*server.service, 10);
    ASSERT_TRUE(dev.replica->finishBootstrap().ok());
    dev.sync(*server.service);
    EXPECT_EQ(test::schemaObjects(db), schema);
    EXPECT_EQ(fullTextMatches(db, QStringLiteral("seeded")), 30);
    EXPECT_TRUE(searchIndexIsWhole(db));
}

// The desktop app and outpost-cli stopping and resuming one profile's first sync at once: the bootstrap state
// says "indexed" only when the indexes are there (it is written only if no page went in while the restore
// ran), and a page drops what is there whatever the state says. Interleaved deterministically: the other
// process acts while the app's restore is between two steps.
TEST(SyncService, TwoProcessesStoppingAndResumingOneFirstSyncNeverLeaveItMarkedIndexedWithoutItsIndexes)
{
    Server server;
    seedContacts(server, 90);
    test::TestDatabase fresh;
    const QStringList schema = test::schemaObjects(*fresh.db);
    Client app(QStringLiteral("olga"), QStringLiteral("owner"));
    Database& db = *app.local.db;
    ASSERT_TRUE(app.snapshotPage(*server.service, 10));
    // The CLI: the same file through a Database and a Replica of its own.
    Database::Options o;
    o.path = app.local.path();
    o.key = app.local.key;
    o.migrations = clientMigrations();
    auto cliDb = Database::open(std::move(o));
    ASSERT_TRUE(cliDb.ok()) << cliDb.message().toStdString();
    Replica cli(**cliDb, MutationRegistry::standard(), RowCodecRegistry::standard());
    auto has = [&](const QString& name) {
        return count(db, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = '%1'").arg(name)) >
               0;
    };
    // Runs `meanwhile` once, between the app's restore steps, after the contacts' step `afterStep`.
    auto stopInterleaved = [&](int afterStep, const std::function<void()>& meanwhile) {
        std::pair<QString, int> last;
        app.replica->setRestoreStepHook([&](const QString& entity, int step) { last = {entity, step}; });
        bool ran = false;
        auto stopped = app.replica->stopBootstrap([&] {
            if (!ran && last == std::pair<QString, int>(QStringLiteral("contact"), afterStep)) {
                ran = true;
                meanwhile();
            }
        });
        app.replica->setRestoreStepHook({});
        EXPECT_TRUE(ran);
        EXPECT_TRUE(stopped.ok()) << stopped.message().toStdString();
    };

    // The CLI stops (doing the steps the app has not done yet) and resumes: its first page drops everything
    // again.
    stopInterleaved(2, [&] {
        ASSERT_TRUE(cli.stopBootstrap().ok());
        EXPECT_TRUE(cli.bootstrap()->indexed);
        ASSERT_TRUE(app.snapshotPage(*server.service, 10, cli));
        EXPECT_FALSE(has(QStringLiteral("contacts_sort")));
    });
    EXPECT_FALSE(has(QStringLiteral("contacts_sort")));
    EXPECT_TRUE(has(QStringLiteral("contacts_company"))); // rebuilt by the app's later steps
    EXPECT_FALSE(app.replica->bootstrap()->indexed);
    EXPECT_FALSE(cli.bootstrap()->indexed);
    // The next page drops what is there although the state does not say it is.
    ASSERT_TRUE(app.snapshotPage(*server.service, 10));
    EXPECT_FALSE(has(QStringLiteral("contacts_company")));
    EXPECT_FALSE(has(QStringLiteral("contacts_fts_ai")));
    ASSERT_TRUE(app.replica->stopBootstrap().ok());
    EXPECT_TRUE(app.replica->bootstrap()->indexed);
    EXPECT_EQ(test::schemaObjects(db), schema);

    // The CLI resumes while the app stops: not marked (a page went in), and the CLI's stop then completes it.
    ASSERT_TRUE(app.snapshotPage(*server.service, 10)); // 40 of 90: dropped again
    stopInterleaved(5, [&] { ASSERT_TRUE(app.snapshotPage(*server.service, 10, cli)); });
    EXPECT_FALSE(app.replica->bootstrap()->indexed);
    ASSERT_TRUE(cli.stopBootstrap().ok());
    EXPECT_TRUE(app.replica->bootstrap()->indexed);
    EXPECT_EQ(test::schemaObjects(db), schema);
    EXPECT_EQ(fullTextMatches(db, QStringLiteral("seeded")), 50);

    app.snapshotPages(*server.service, 10);
    ASSERT_TRUE(app.replica->finishBootstrap().ok());
    app.sync(*server.service);
    EXPECT_EQ(test::schemaObjects(db), schema);
    EXPECT_EQ(fullTextMatches(db, QStringLiteral("seeded")), 90);
    EXPECT_EQ(count(db, QStringLiteral("SELECT n FROM entity_counts WHERE entity = 'contacts'")), 90);
    EXPECT_EQ(count(db, QStringLiteral("SELECT count(*) FROM meta WHERE key LIKE 'contacts_fts%'")), 0);
    EXPECT_TRUE(searchIndexIsWhole(db));
    EXPECT_FALSE(cli.bootstrap()->running);
}

// Distributors of a bootstrap are loaded with their parent links only and their closures computed in one
// go at the end. A deep tree whose ids run against the tree (children reach the device before their
// parents, as placeholders) must end with exactly the closure its parent links give, in both trees.
TEST(SyncService, ABootstrappedGenealogyHasTheClosureItsParentLinksGive)
{
    Server server;
    Client olga(QStringLiteral("olga"), QStringLiteral("owner"));
    olga.sync(*server.service); // the team database in use
    const int n = 600;
    QStringList ids;
    for (int i = 0; i < n; ++i)
        ids.prepend(newUuidV7()); // node 0 gets the highest id: the snapshot sends leaves first
    std::mt19937 random(7);
    QList<NewDistributor> batch;
    for (int i = 0; i < n; ++i) {
        NewDistributor d;
        d.fields.id = ids.at(i);
        d.fields.displayName = QStringLiteral("Distributor %1").arg(i);
        d.fields.joinDate = 1'700'000'000'000 + i;
        if (i > 0) {
            d.sponsorIndex = i < 250 ? i - 1 : int(random() % unsigned(i)); // a leg 250 deep, then a bushy tree
            d.placementIndex = (i - 1) / 3;
        }
        batch.append(d);
    }
    GenealogyBulkLoader loader(*server.db, QStringLiteral("seed"));
    ASSERT_TRUE(loader.load(batch, 1'700'000'000'000).ok());
    QSqlQuery log(server.db->connection());
    ASSERT_TRUE(log.exec(QStringLiteral("INSERT INTO sync_changes(entity, entity_id, deleted, audience, seen_by) "
                                        "SELECT 'distributor', id, 0, NULL, '' FROM distributors ORDER BY rid")))
        << log.lastError().text().toStdString();

    Client dev(QStringLiteral("olga"), QStringLiteral("owner"));
    dev.bootstrap(*server.service, 50);
    Database& db = *dev.local.db;
    EXPECT_EQ(count(db, QStringLiteral("SELECT count(*) FROM distributors")), n);
    EXPECT_EQ(count(db, QStringLiteral("SELECT count(*) FROM distributors WHERE display_name = ''")), 0) << "a placeholder left";
    EXPECT_EQ(count(db, QStringLiteral("SELECT n FROM entity_counts WHERE entity = 'distributors'")), n);

    for (const QString& tree : {QStringLiteral("sponsor"), QStringLiteral("placement")}) {
        // The closure recomputed from the device's parent links: each node with its ancestors by depth, as far
        // as the closure keeps them (GenealogyClosure::kReach levels; farther ones are reached by jumps).
        std::map<QString, QString> parent;
        QSqlQuery q(db.connection());
        ASSERT_TRUE(q.exec(QStringLiteral("SELECT d.id, coalesce(p.id, '') FROM distributors d "
                                          "LEFT JOIN distributors p ON p.rid = d.%1_rid").arg(tree)));
        while (q.next())
            parent[q.value(0).toString()] = q.value(1).toString();
        std::set<std::tuple<QString, QString, int>> expected;
        std::map<QString, std::pair<int, int>> figures; // size, height
        for (const auto& [id, ignored] : parent) {
            int depth = 0;
            for (QString at = id; !at.isEmpty(); at = parent[at], ++depth) {
                if (depth <= GenealogyClosure::kReach)
                    expected.insert({at, id, depth});
                ASSERT_LE(depth, n) << "a loop";
                if (depth > 0) {
                    figures[at].first += 1;
                    figures[at].second = std::max(figures[at].second, depth);
                }
            }
        }
        auto closureOf = [&](Database& on) {
            std::set<std::tuple<QString, QString, int>> rows;
            QSqlQuery c(on.connection());
            EXPECT_TRUE(c.exec(QStringLiteral("SELECT a.id, d.id, c.depth FROM %1_closure c JOIN distributors a ON a.rid = c.ancestor "
                                              "JOIN distributors d ON d.rid = c.descendant").arg(tree)));
            while (c.next())
                rows.insert({c.value(0).toString(), c.value(1).toString(), c.value(2).toInt()});
            return rows;
        };
        EXPECT_EQ(closureOf(db), expected) << tree.toStdString();
        EXPECT_EQ(closureOf(*server.db), expected) << tree.toStdString() << ": the device's links differ from the server's";
        QSqlQuery f(db.connection());
        ASSERT_TRUE(f.exec(QStringLiteral("SELECT d.id, f.size, f.height FROM %1_downline f JOIN distributors d ON d.rid = f.rid").arg(tree)));
        int rows = 0;
        while (f.next()) {
            ++rows;
            const auto want = figures[f.value(0).toString()];
            EXPECT_EQ(std::make_pair(f.value(1).toInt(), f.value(2).toInt()), want) << f.value(0).toString().toStdString();
        }
        EXPECT_EQ(rows, n);
    }
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

// The server keeps a device's push results only until its next push: the device sends its outbox in order and
// drops what it got results for, so the first number of a push settles everything below it. A late copy of an
// older request (a retry racing its original) is answered "applied" and has no second effect, and a plain
// "applied" is stored without its JSON.
TEST_P(SyncServiceTest, ALateCopyOfAPrunedPushIsAnsweredAsAppliedAndHasNoSecondEffect)
{
    Client ana(QStringLiteral("ana"));
    const QString id = newUuidV7();
    ana.submit(QStringLiteral("contact.create"), test::contactCreateArgs(id, QStringLiteral("Ada"), QStringLiteral("Late")));
    ana.submit(QStringLiteral("contact.update"), test::contactSetArgs(id, QStringLiteral("city"), QStringLiteral("Lyon")));
    QSqlDatabase conn = ana.local.db->connection();
    wire::PushRequest first;
    first.deviceId = ana.who.deviceId;
    first.mutations = Outbox::pending(conn, 100).value();
    ASSERT_EQ(first.mutations.size(), 2);
    ana.sync(*server.service);
    ana.submit(QStringLiteral("contact.update"), test::contactSetArgs(id, QStringLiteral("city"), QStringLiteral("Oslo")));
    ana.sync(*server.service);

    const QString ofAna = QStringLiteral(" FROM sync_applied WHERE device_id = '%1'").arg(ana.who.deviceId);
    EXPECT_EQ(count(*server.db, QStringLiteral("SELECT count(*)") + ofAna), 1); // only the last push's result
    EXPECT_EQ(count(*server.db, QStringLiteral("SELECT min(seq)") + ofAna), first.mutations.last().seq + 1);
    EXPECT_EQ(count(*server.db, QStringLiteral("SELECT count(*)") + ofAna + QStringLiteral(" AND result <> ''")), 0);

    const qint64 audit = count(*server.db, QStringLiteral("SELECT count(*) FROM audit_log"));
    const qint64 head = server.service->head().value();
    auto late = server.service->push(ana.who, first);
    ASSERT_TRUE(late.ok()) << late.message().toStdString();
    ASSERT_EQ(late->results.size(), 2);
    for (const auto& r : late->results)
        EXPECT_EQ(r.status, wire::MutationResult::Status::Applied);
    EXPECT_EQ(count(*server.db, QStringLiteral("SELECT count(*) FROM audit_log")), audit);
    EXPECT_EQ(server.service->head().value(), head);
    QSqlDatabase serverConn = server.db->connection();
    auto row = RowCodecRegistry::standard().find(QStringLiteral("contact"))->read(serverConn, id);
    ASSERT_TRUE(row.ok() && row->has_value());
    EXPECT_EQ((*row)->value(QStringLiteral("city")).toString(), QStringLiteral("Oslo")); // not Lyon again

    // Signed out with a wipe, the profile keeps its device id and its numbers go on above the mark: its next
    // change is applied, not taken for a late copy.
    ASSERT_TRUE(ReplicaReset::wipe(*ana.local.db).ok());
    const QString after = newUuidV7();
    ana.submit(QStringLiteral("contact.create"), test::contactCreateArgs(after, QStringLiteral("After"), QStringLiteral("Wipe")));
    const auto r = ana.sync(*server.service);
    ASSERT_EQ(r.results.size(), 1);
    EXPECT_EQ(r.results.first().status, wire::MutationResult::Status::Applied);
    EXPECT_TRUE(server.has(QStringLiteral("contacts"), after));
}

// A refused result keeps its JSON (what the device must hear again on a retry); a retry of a push is not
// pruned by itself.
TEST_P(SyncServiceTest, ARetriedRefusalGetsTheSameRestoreAgain)
{
    Client ana(QStringLiteral("ana"));
    const QString missing = newUuidV7();
    const Mutation m = ana.submit(QStringLiteral("contact.create"), test::contactCreateArgs(missing, QStringLiteral("Gone"), QStringLiteral("Soon")));
    Mutation edit = m;
    edit.id = newUuidV7();
    edit.seq = m.seq + 1;
    edit.name = QStringLiteral("contact.update");
    edit.args = test::contactSetArgs(newUuidV7(), QStringLiteral("city"), QStringLiteral("Nowhere"));
    wire::PushRequest req;
    req.deviceId = ana.who.deviceId;
    req.mutations = {m, edit};
    auto pushed = server.service->push(ana.who, req);
    ASSERT_TRUE(pushed.ok()) << pushed.message().toStdString();
    ASSERT_EQ(pushed->results.size(), 2);
    EXPECT_EQ(pushed->results.at(1).status, wire::MutationResult::Status::Rejected);
    auto again = server.service->push(ana.who, req);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(wire::Codec::toJson(again.value()), wire::Codec::toJson(pushed.value()));
    EXPECT_EQ(count(*server.db, QStringLiteral("SELECT count(*) FROM sync_applied WHERE result <> ''")), 1);
}

// A push of three changes: two contacts created on `c`, and between them a contact.update with `updateArgs`
// added by hand (not applied on the device, declaring no touched row).
struct BetweenTwo
{
    QString before, after; // the created contacts' ids
    wire::PushRequest request;
};
BetweenTwo betweenTwoCreates(Client& c, const QJsonObject& updateArgs)
{
    BetweenTwo out{newUuidV7(), newUuidV7(), {}};
    const Mutation first = c.submit(QStringLiteral("contact.create"), test::contactCreateArgs(out.before, QStringLiteral("Before"), QStringLiteral("It")));
    Mutation last = c.submit(QStringLiteral("contact.create"), test::contactCreateArgs(out.after, QStringLiteral("After"), QStringLiteral("It")));
    Mutation middle = first;
    middle.id = newUuidV7();
    middle.seq = first.seq + 1;
    middle.name = QStringLiteral("contact.update");
    middle.args = updateArgs;
    middle.touched = {};
    last.seq = middle.seq + 1;
    out.request.deviceId = c.who.deviceId;
    out.request.mutations = {first, middle, last};
    return out;
}

// A push runs without a savepoint per change. A change refused only after it wrote (here a forged one that
// does not declare the row it writes, another rep's private contact) leaves nothing: the push runs again with
// a savepoint per change, so the changes around it still apply and the audit chain stays whole.
TEST_P(SyncServiceTest, AChangeRefusedAfterItWroteLeavesNothingAndTheRestOfThePushApplies)
{
    Client olga(QStringLiteral("olga"), QStringLiteral("owner")), ana(QStringLiteral("ana"));
    const QString privateId = olga.create(QStringLiteral("Olga's"), QStringLiteral("Own"), QStringLiteral("own@example.com"),
                                          QStringLiteral("olga"));
    olga.sync(*server.service);
    ana.sync(*server.service);
    ASSERT_FALSE(ana.contact(privateId).has_value());

    // Forged: it says it changes nothing.
    const BetweenTwo push = betweenTwoCreates(ana, test::contactSetArgs(privateId, QStringLiteral("city"), QStringLiteral("Forged")));
    const QString &before = push.before, &after = push.after;
    const qint64 audit = count(*server.db, QStringLiteral("SELECT count(*) FROM audit_log"));

    auto pushed = server.service->push(ana.who, push.request);
    ASSERT_TRUE(pushed.ok()) << pushed.message().toStdString();
    ASSERT_EQ(pushed->results.size(), 3);
    EXPECT_EQ(pushed->results.at(0).status, wire::MutationResult::Status::Applied);
    EXPECT_EQ(pushed->results.at(1).status, wire::MutationResult::Status::Rejected);
    EXPECT_EQ(pushed->results.at(1).code, QStringLiteral("forbidden"));
    EXPECT_EQ(pushed->results.at(2).status, wire::MutationResult::Status::Applied);

    QSqlDatabase conn = server.db->connection();
    auto row = RowCodecRegistry::standard().find(QStringLiteral("contact"))->read(conn, privateId);
    ASSERT_TRUE(row.ok() && row->has_value());
    EXPECT_TRUE((*row)->value(QStringLiteral("city")).toString().isEmpty());
    EXPECT_TRUE(server.has(QStringLiteral("contacts"), before));
    EXPECT_TRUE(server.has(QStringLiteral("contacts"), after));
    EXPECT_EQ(count(*server.db, QStringLiteral("SELECT count(*) FROM audit_log")), audit + 2);
    auto chain = AuditLog::verify(conn);
    ASSERT_TRUE(chain.ok());
    EXPECT_TRUE(chain->intact) << chain->problem.toStdString();
    EXPECT_EQ(server.service->pushesRunAgain(), 1);
}

// A mutator that refuses before it writes (the usual case: validate first, then write) is simply refused, on
// PostgreSQL as on SQLite (the driver's write mark tells that nothing was written): the push is not run again,
// the changes around it apply, and nothing of the refused one is written.
TEST_P(SyncServiceTest, AChangeRefusedBeforeItWroteIsAnsweredWithoutRunningThePushAgain)
{
    Client ana(QStringLiteral("ana"));
    const QString missing = newUuidV7();
    const BetweenTwo push = betweenTwoCreates(ana, test::contactSetArgs(missing, QStringLiteral("city"), QStringLiteral("Nowhere")));
    const QString &before = push.before, &after = push.after;
    const qint64 audit = count(*server.db, QStringLiteral("SELECT count(*) FROM audit_log"));
    const qint64 changes = count(*server.db, QStringLiteral("SELECT count(*) FROM sync_changes"));

    auto pushed = server.service->push(ana.who, push.request);
    ASSERT_TRUE(pushed.ok()) << pushed.message().toStdString();
    ASSERT_EQ(pushed->results.size(), 3);
    EXPECT_EQ(pushed->results.at(0).status, wire::MutationResult::Status::Applied);
    EXPECT_EQ(pushed->results.at(1).status, wire::MutationResult::Status::Rejected);
    EXPECT_EQ(pushed->results.at(1).code, QStringLiteral("not_found"));
    EXPECT_FALSE(pushed->results.at(1).message.isEmpty());
    EXPECT_EQ(pushed->results.at(2).status, wire::MutationResult::Status::Applied);
    EXPECT_EQ(server.service->pushesRunAgain(), 0);

    EXPECT_TRUE(server.has(QStringLiteral("contacts"), before));
    EXPECT_TRUE(server.has(QStringLiteral("contacts"), after));
    EXPECT_FALSE(server.has(QStringLiteral("contacts"), missing));
    EXPECT_EQ(count(*server.db, QStringLiteral("SELECT count(*) FROM audit_log")), audit + 2);
    EXPECT_EQ(count(*server.db, QStringLiteral("SELECT count(*) FROM sync_changes")), changes + 2);
    QSqlDatabase conn = server.db->connection();
    auto chain = AuditLog::verify(conn);
    ASSERT_TRUE(chain.ok());
    EXPECT_TRUE(chain->intact) << chain->problem.toStdString();
}

// A change the device withdrew (too large for the server's request limit) is refused as such, with the server's
// state of the rows it touched, and its number is settled like any other: a retry gets the same answer.
TEST_P(SyncServiceTest, AWithdrawnChangeIsRefusedAsTooLargeWithTheRowsToRestore)
{
    Client ana(QStringLiteral("ana"));
    const QString id = ana.create(QStringLiteral("Kept"), QStringLiteral("Small"), QStringLiteral("kept@example.com"), QStringLiteral("ana"));
    ana.sync(*server.service);
    const Mutation edit = ana.submit(QStringLiteral("contact.update"), test::contactSetArgs(id, QStringLiteral("notes"), QStringLiteral("long")));
    Mutation withdrawn = edit;
    withdrawn.name = QString::fromLatin1(wire::kWithdrawnMutation);
    withdrawn.args = QJsonObject{{QStringLiteral("name"), edit.qualifiedName()}, {QStringLiteral("bytes"), 40000}};
    withdrawn.touched = QJsonArray{QJsonObject{{QStringLiteral("entity"), QStringLiteral("contact")}, {QStringLiteral("id"), id}}};
    const qint64 audit = count(*server.db, QStringLiteral("SELECT count(*) FROM audit_log"));

    wire::PushRequest req;
    req.deviceId = ana.who.deviceId;
    req.mutations = {withdrawn};
    auto pushed = server.service->push(ana.who, req);
    ASSERT_TRUE(pushed.ok()) << pushed.message().toStdString();
    ASSERT_EQ(pushed->results.size(), 1);
    const wire::MutationResult& r = pushed->results.first();
    EXPECT_EQ(r.status, wire::MutationResult::Status::Rejected);
    EXPECT_EQ(r.code, QStringLiteral("too_large"));
    EXPECT_TRUE(r.message.contains(QStringLiteral("contact.update@1"))) << r.message.toStdString();
    ASSERT_EQ(r.restore.size(), 1);
    EXPECT_EQ(r.restore.first().id, id);
    EXPECT_FALSE(r.restore.first().deleted);
    EXPECT_EQ(r.restore.first().row.value(QStringLiteral("notes")).toString(), QString());
    EXPECT_EQ(count(*server.db, QStringLiteral("SELECT count(*) FROM audit_log")), audit);
    auto again = server.service->push(ana.who, req);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(wire::Codec::toJson(again.value()), wire::Codec::toJson(pushed.value()));
}

// A server's team database connections share one page-cache budget (config "cacheMiB", --cache-mib): a big team
// no longer keeps 64 MiB per worker thread.
TEST(ServerStorage, EachTeamConnectionGetsItsShareOfTheCacheBudget)
{
    auto config = ServerConfig::fromJson(QJsonObject{{QStringLiteral("cacheMiB"), 10}, {QStringLiteral("workers"), 4}},
                                         QStringLiteral("test"));
    ASSERT_TRUE(config.ok()) << config.message().toStdString();
    EXPECT_EQ(config->teamCacheKiB(), 2048);
    EXPECT_FALSE(ServerConfig::fromJson(QJsonObject{{QStringLiteral("cacheMiB"), 0}}, QStringLiteral("test")).ok());
    EXPECT_EQ(ServerConfig().cacheMiB, 48);

    test::TempDir dir;
    ServerStorage storage;
    storage.dataDir = dir.path();
    storage.teamCacheKiB = config->teamCacheKiB();
    ASSERT_TRUE(storage.prepare().ok());
    auto team = storage.openTeam(newUuidV7());
    ASSERT_TRUE(team.ok()) << team.message().toStdString();
    QSqlQuery q((*team)->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA cache_size")) && q.next());
    EXPECT_EQ(q.value(0).toInt(), -2048); // negative: KiB
}
