// Sync problems on the core side: conflict.resolve (restore / dismiss, replay-safe, applied by the server
// like any mutation), refused changes (discard, retry), wiping a profile's team data, and where the
// sync account and its refresh token are kept.
#include "client/SyncAccount.h"
#include "keys/MemoryKeyStore.h"
#include "mutations/MutationEngine.h"
#include "mutations/MutationRegistry.h"
#include "mutations/Outbox.h"
#include "profile/ProfileInfo.h"
#include "replication/ConflictMutators.h"
#include "replication/Replica.h"
#include "replication/ReplicaReset.h"
#include "replication/SyncProblems.h"
#include "service/SyncService.h"
#include "service/TeamSchema.h"
#include "storage/Database.h"
#include "storage/Meta.h"
#include "util/Uuid.h"

#include "ContactArgs.h"
#include "SyncFixture.h"
#include "TempDir.h"
#include "TestWorkspace.h"
#include "Wait.h"

#include <QJsonDocument>
#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace outpost;
using namespace outpost::server;

namespace {

using ServerSide = test::Server;

// A profile syncing with a SyncService directly (the network is covered by the integration tests); each
// round a second later than the last.
struct Client : test::Device
{
    explicit Client(const QString& user) : Device(user) { pullPageSize = 100; }

    Mutation submit(const QString& name, const QJsonObject& args)
    {
        auto m = engine->submit(name, args);
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return m.ok() ? m.value() : Mutation();
    }

    wire::PushResponse sync(SyncService& server)
    {
        clock.advance(1000);
        return Device::sync(server);
    }

    QString field(const QString& id, const QString& name)
    {
        QSqlDatabase conn = local.db->connection();
        auto row = RowCodecRegistry::standard().find(QStringLiteral("contact"))->read(conn, id);
        EXPECT_TRUE(row.ok());
        return row.value() ? (*row.value()).value(name).toString() : QString();
    }
};

qint64 scalar(Database& db, const QString& sql)
{
    QSqlQuery q(db.connection());
    EXPECT_TRUE(q.exec(sql) && q.next()) << sql.toStdString();
    return q.value(0).toLongLong();
}

QString serverField(ServerSide& server, const QString& id, const QString& name)
{
    QSqlDatabase conn = server.db->connection();
    auto row = RowCodecRegistry::standard().find(QStringLiteral("contact"))->read(conn, id);
    return row.ok() && row.value() ? (*row.value()).value(name).toString() : QString();
}

// Ana and Ben both change the e-mail of one contact; Ben syncs last, so his value wins and Ana's is
// recorded as a conflict both of them receive.
struct ConflictScene
{
    ServerSide server;
    Client ana{QStringLiteral("ana")};
    Client ben{QStringLiteral("ben")};
    QString contactId = newUuidV7();

    ConflictScene()
    {
        ana.submit(QStringLiteral("contact.create"),
                   test::contactCreateArgs(contactId, QStringLiteral("Zoë"), QStringLiteral("Müller")));
        ana.sync(*server.service);
        ben.sync(*server.service);
        ana.submit(QStringLiteral("contact.update"),
                   test::contactSetArgs(contactId, QStringLiteral("email"), QStringLiteral("zoe@ana.example")));
        ana.sync(*server.service);
        ben.submit(QStringLiteral("contact.update"),
                   test::contactSetArgs(contactId, QStringLiteral("email"), QStringLiteral("zoe@ben.example")));
        ben.sync(*server.service);
        ana.sync(*server.service);
    }
};

} // namespace

TEST(ConflictResolve, IsRegistered)
{
    EXPECT_NE(MutationRegistry::standard().find(QStringLiteral("conflict.resolve"), 1), nullptr);
}

TEST(ConflictResolve, ListsTheConflictForBothUsers)
{
    ConflictScene s;
    SyncProblems anaProblems(*s.ana.local.db, *s.ana.engine);
    auto conflicts = anaProblems.openConflicts();
    ASSERT_TRUE(conflicts.ok()) << conflicts.message().toStdString();
    ASSERT_EQ(conflicts->size(), 1);
    const SyncConflict& c = conflicts->first();
    EXPECT_EQ(c.entity, QStringLiteral("contact"));
    EXPECT_EQ(c.entityId, s.contactId);
    EXPECT_EQ(c.field, QStringLiteral("email"));
    EXPECT_EQ(c.current.toString(), QStringLiteral("zoe@ben.example"));
    EXPECT_EQ(c.replaced.toString(), QStringLiteral("zoe@ana.example"));
    EXPECT_EQ(c.winner, QStringLiteral("ben"));
    EXPECT_EQ(c.loser, QStringLiteral("ana"));
    EXPECT_EQ(c.recordName, QStringLiteral("Zoë Müller"));
    EXPECT_EQ(anaProblems.count().value(), 1);

    SyncProblems benProblems(*s.ben.local.db, *s.ben.engine);
    EXPECT_EQ(benProblems.openConflicts()->size(), 1);
}

TEST(ConflictResolve, RestoreWritesTheReplacedValueBackAndSyncsToEveryone)
{
    ConflictScene s;
    SyncProblems problems(*s.ana.local.db, *s.ana.engine);
    const QString conflictId = problems.openConflicts()->first().id;

    auto m = problems.resolveConflict(conflictId, SyncProblems::Resolution::Restore);
    ASSERT_TRUE(m.ok()) << m.message().toStdString();
    // Locally at once: the value is back, the conflict is closed, the change is queued and audited.
    EXPECT_EQ(s.ana.field(s.contactId, QStringLiteral("email")), QStringLiteral("zoe@ana.example"));
    EXPECT_EQ(problems.openConflicts()->size(), 0);
    EXPECT_EQ(m->touched.size(), 2); // the contact and the conflict
    EXPECT_GE(scalar(*s.ana.local.db, QStringLiteral("SELECT count(*) FROM audit_log WHERE mutation LIKE 'conflict.resolve%'")),
              2);

    // The server runs the same mutator: no rejection, no new conflict.
    const wire::PushResponse r = s.ana.sync(*s.server.service);
    ASSERT_EQ(r.results.size(), 1);
    EXPECT_EQ(r.results.first().status, wire::MutationResult::Status::Applied) << r.results.first().message.toStdString();
    EXPECT_EQ(serverField(s.server, s.contactId, QStringLiteral("email")), QStringLiteral("zoe@ana.example"));
    EXPECT_EQ(scalar(*s.server.db, QStringLiteral("SELECT resolved FROM sync_conflicts")), 1);

    // Ben receives both the restored value and the closed conflict.
    s.ben.sync(*s.server.service);
    EXPECT_EQ(s.ben.field(s.contactId, QStringLiteral("email")), QStringLiteral("zoe@ana.example"));
    SyncProblems benProblems(*s.ben.local.db, *s.ben.engine);
    EXPECT_EQ(benProblems.openConflicts()->size(), 0);
}

TEST(ConflictResolve, DismissKeepsTheCurrentValue)
{
    ConflictScene s;
    SyncProblems problems(*s.ana.local.db, *s.ana.engine);
    const QString conflictId = problems.openConflicts()->first().id;
    ASSERT_TRUE(problems.resolveConflict(conflictId, SyncProblems::Resolution::Dismiss).ok());
    EXPECT_EQ(s.ana.field(s.contactId, QStringLiteral("email")), QStringLiteral("zoe@ben.example"));
    EXPECT_EQ(problems.openConflicts()->size(), 0);
    s.ana.sync(*s.server.service);
    EXPECT_EQ(scalar(*s.server.db, QStringLiteral("SELECT resolved FROM sync_conflicts")), 1);
    EXPECT_EQ(serverField(s.server, s.contactId, QStringLiteral("email")), QStringLiteral("zoe@ben.example"));
}

TEST(ConflictResolve, IsReplaySafe)
{
    ConflictScene s;
    SyncProblems problems(*s.ana.local.db, *s.ana.engine);
    const QString conflictId = problems.openConflicts()->first().id;
    auto m = problems.resolveConflict(conflictId, SyncProblems::Resolution::Restore);
    ASSERT_TRUE(m.ok());
    // Someone edits the field afterwards; replaying the restore must not overwrite that edit.
    s.ana.submit(QStringLiteral("contact.update"),
                 test::contactSetArgs(s.contactId, QStringLiteral("email"), QStringLiteral("zoe@new.example")));
    QSqlDatabase conn = s.ana.local.db->connection();
    const Mutator* mutator = MutationRegistry::standard().find(QStringLiteral("conflict.resolve"), 1);
    MutationContext ctx(conn, m.value(), 0);
    ASSERT_TRUE(mutator->apply(ctx).ok());
    EXPECT_TRUE(ctx.recorded().isEmpty());
    EXPECT_EQ(s.ana.field(s.contactId, QStringLiteral("email")), QStringLiteral("zoe@new.example"));
}

TEST(ConflictResolve, RejectsBadArguments)
{
    Client ana(QStringLiteral("ana"));
    auto bad = ana.engine->submit(QStringLiteral("conflict.resolve"),
                                  QJsonObject{{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("action"), QStringLiteral("merge")}});
    EXPECT_EQ(bad.code(), ErrorCode::InvalidArgument);
    auto missing = ana.engine->submit(QStringLiteral("conflict.resolve"),
                                      QJsonObject{{QStringLiteral("id"), newUuidV7()}, {QStringLiteral("action"), QStringLiteral("dismiss")}});
    EXPECT_EQ(missing.code(), ErrorCode::NotFound);
    EXPECT_EQ(ana.replica->pendingCount().value(), 0);
}

TEST(SyncProblems, RefusedChangeIsListedDiscardedOrRetried)
{
    ServerSide server;
    Client ana(QStringLiteral("ana"));
    const QString id = newUuidV7();
    ana.submit(QStringLiteral("contact.create"), test::contactCreateArgs(id, QStringLiteral("Zoë"), QStringLiteral("Müller")));
    ana.sync(*server.service);
    // Refused by the server: the contact was deleted there first (simulated on the server's database).
    ana.submit(QStringLiteral("contact.update"), test::contactSetArgs(id, QStringLiteral("city"), QStringLiteral("Köln")));
    {
        QSqlQuery q(server.db->connection());
        ASSERT_TRUE(q.exec(QStringLiteral("DELETE FROM contacts")));
    }
    ana.sync(*server.service);
    SyncProblems problems(*ana.local.db, *ana.engine);
    auto rejections = problems.rejections();
    ASSERT_TRUE(rejections.ok());
    ASSERT_EQ(rejections->size(), 1);
    const SyncRejection r = rejections->first();
    EXPECT_EQ(r.name, QStringLiteral("contact.update"));
    EXPECT_EQ(r.entity, QStringLiteral("contact"));
    EXPECT_EQ(r.entityId, id);
    EXPECT_FALSE(r.message.isEmpty());
    EXPECT_EQ(r.args.value(QStringLiteral("set")).toObject().value(QStringLiteral("city")).toString(), QStringLiteral("Köln"));

    // Retry as a create (edited): queued, and the rejection is gone in the same transaction.
    auto retried = problems.retryRejection(r.seq, QStringLiteral("contact.create"),
                                           test::contactCreateArgs(id, QStringLiteral("Zoë"), QStringLiteral("Müller")));
    ASSERT_TRUE(retried.ok()) << retried.message().toStdString();
    EXPECT_EQ(problems.rejections()->size(), 0);
    EXPECT_EQ(ana.replica->pendingCount().value(), 1);

    // A retry that fails here keeps the rejection.
    {
        QSqlQuery q(ana.local.db->connection());
        ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO sync_rejections(seq, mutation_id, name, version, args, code, message, at) "
                                          "VALUES(999, 'm', 'contact.update', 1, '{}', 'invalid', 'no', 1)")));
    }
    auto failed = problems.retryRejection(999, QStringLiteral("contact.update"), QJsonObject{});
    EXPECT_FALSE(failed.ok());
    EXPECT_EQ(problems.rejections()->size(), 1);
    ASSERT_TRUE(problems.discardRejection(999).ok());
    EXPECT_EQ(problems.count().value(), 0);
}

TEST(ReplicaReset, CoversEverySyncedEntity)
{
    QStringList covered;
    for (const auto& [entity, table] : ReplicaReset::syncedTables())
        covered << entity;
    for (const QString& entity : RowCodecRegistry::standard().entities())
        EXPECT_TRUE(covered.contains(entity)) << "ReplicaReset::syncedTables() misses " << entity.toStdString();
}

TEST(ReplicaReset, WipeRemovesTeamDataButKeepsTheSequenceFloor)
{
    ConflictScene s;
    Client& ana = s.ana;
    ana.submit(QStringLiteral("contact.update"), test::contactSetArgs(s.contactId, QStringLiteral("city"), QStringLiteral("Köln")));
    auto last = ana.submit(QStringLiteral("contact.update"),
                           test::contactSetArgs(s.contactId, QStringLiteral("city"), QStringLiteral("Bonn")));
    EXPECT_EQ(ReplicaReset::unsyncedCount(*ana.local.db).value(), 2);

    ASSERT_TRUE(ReplicaReset::wipe(*ana.local.db).ok());
    Database& db = *ana.local.db;
    EXPECT_EQ(scalar(db, QStringLiteral("SELECT count(*) FROM contacts")), 0);
    EXPECT_EQ(scalar(db, QStringLiteral("SELECT n FROM entity_counts WHERE entity = 'contacts'")), 0);
    EXPECT_EQ(scalar(db, QStringLiteral("SELECT count(*) FROM sync_conflicts")), 0);
    EXPECT_EQ(scalar(db, QStringLiteral("SELECT count(*) FROM outbox")), 0);
    EXPECT_EQ(scalar(db, QStringLiteral("SELECT count(*) FROM audit_log")), 0);
    EXPECT_EQ(ana.replica->cursor().value(), 0);
    EXPECT_EQ(ReplicaReset::unsyncedCount(db).value(), 0);

    // The next change continues the device's sequence: the server never sees a number twice.
    auto next = ana.submit(QStringLiteral("contact.create"),
                           test::contactCreateArgs(newUuidV7(), QStringLiteral("New"), QStringLiteral("Start")));
    EXPECT_GT(next.seq, last.seq);

    // Syncing again brings the team's data back.
    ana.sync(*s.server.service);
    EXPECT_EQ(ana.field(s.contactId, QStringLiteral("email")), QStringLiteral("zoe@ben.example"));
}

TEST(SyncAccount, SavesAndLoadsInTheProfile)
{
    test::TestDatabase local;
    auto empty = SyncAccount::load(*local.db);
    ASSERT_TRUE(empty.ok());
    EXPECT_FALSE(empty->isConfigured());

    SyncAccount a;
    a.serverUrl = QUrl(QStringLiteral("https://sync.example.org:8443"));
    a.team = QStringLiteral("Acme Direct");
    a.userName = QStringLiteral("ana");
    a.userId = newUuidV7();
    a.role = QStringLiteral("sales");
    a.deviceName = QStringLiteral("Ana's laptop");
    a.certificatePem = QByteArray("-----BEGIN CERTIFICATE-----\nnot really\n-----END CERTIFICATE-----\n");
    ASSERT_TRUE(a.save(*local.db).ok());
    local.reopen();
    auto loaded = SyncAccount::load(*local.db);
    ASSERT_TRUE(loaded.ok());
    EXPECT_TRUE(loaded->isConfigured());
    EXPECT_EQ(loaded->serverUrl, a.serverUrl);
    EXPECT_EQ(loaded->team, a.team);
    EXPECT_EQ(loaded->userName, a.userName);
    EXPECT_EQ(loaded->userId, a.userId);
    EXPECT_EQ(loaded->role, a.role);
    EXPECT_EQ(loaded->deviceName, a.deviceName);
    EXPECT_EQ(loaded->certificatePem, a.certificatePem);

    ASSERT_TRUE(SyncAccount::clear(*local.db).ok());
    EXPECT_FALSE(SyncAccount::load(*local.db)->isConfigured());
}

TEST(SyncAccount, RefreshTokenGoesToTheKeychainForKeychainProfiles)
{
    test::TestDatabase local;
    MemoryKeyStore keychain;
    ProfileInfo profile;
    profile.id = newUuidV7();
    profile.protection = KeyProtection::Keychain;

    bool done = false;
    QString read = QStringLiteral("unset");
    SyncAccount::readRefreshToken(profile, *local.db, &keychain, [&](Result<QString> r) {
        EXPECT_TRUE(r.ok());
        read = r.ok() ? r.value() : QString();
        done = true;
    });
    ASSERT_TRUE(test::waitUntil([&] { return done; }));
    EXPECT_TRUE(read.isEmpty()); // no token yet is not an error

    done = false;
    SyncAccount::writeRefreshToken(profile, *local.db, &keychain, QStringLiteral("rt-123"), [&](Status s) {
        EXPECT_TRUE(s.ok());
        done = true;
    });
    ASSERT_TRUE(test::waitUntil([&] { return done; }));
    EXPECT_TRUE(keychain.contains(profile.id + QStringLiteral(".sync")));
    QSqlDatabase conn = local.db->connection();
    EXPECT_EQ(meta::get(conn, QStringLiteral("sync_refresh_token")).value(), QString()); // never in the database here

    done = false;
    SyncAccount::readRefreshToken(profile, *local.db, &keychain, [&](Result<QString> r) {
        read = r.ok() ? r.value() : QString();
        done = true;
    });
    ASSERT_TRUE(test::waitUntil([&] { return done; }));
    EXPECT_EQ(read, QStringLiteral("rt-123"));

    // A keychain failure is reported, not taken for "no token".
    keychain.failNext(KeyStore::Status::Denied, QStringLiteral("locked"));
    done = false;
    bool failed = false;
    SyncAccount::readRefreshToken(profile, *local.db, &keychain, [&](Result<QString> r) {
        failed = !r.ok();
        done = true;
    });
    ASSERT_TRUE(test::waitUntil([&] { return done; }));
    EXPECT_TRUE(failed);

    done = false;
    SyncAccount::removeRefreshToken(profile, *local.db, &keychain, [&](Status s) {
        EXPECT_TRUE(s.ok());
        done = true;
    });
    ASSERT_TRUE(test::waitUntil([&] { return done; }));
    EXPECT_FALSE(keychain.contains(profile.id + QStringLiteral(".sync")));
}

TEST(SyncAccount, RefreshTokenStaysInTheEncryptedDatabaseForPassphraseProfiles)
{
    test::TestDatabase local;
    ProfileInfo profile;
    profile.id = newUuidV7();
    profile.protection = KeyProtection::Passphrase;
    Status written = Error(ErrorCode::Unknown, {});
    SyncAccount::writeRefreshToken(profile, *local.db, nullptr, QStringLiteral("rt-456"), [&](Status s) { written = s; });
    ASSERT_TRUE(written.ok()) << written.message().toStdString();
    local.reopen();
    QString read;
    SyncAccount::readRefreshToken(profile, *local.db, nullptr, [&](Result<QString> r) { read = r.ok() ? r.value() : QString(); });
    EXPECT_EQ(read, QStringLiteral("rt-456"));
    Status removed = Error(ErrorCode::Unknown, {});
    SyncAccount::removeRefreshToken(profile, *local.db, nullptr, [&](Status s) { removed = s; });
    EXPECT_TRUE(removed.ok());
    SyncAccount::readRefreshToken(profile, *local.db, nullptr, [&](Result<QString> r) { read = r.ok() ? r.value() : QStringLiteral("x"); });
    EXPECT_TRUE(read.isEmpty());
}
