// Rules on the records a pushed mutation names, beyond its area (SyncService::recordRule), and rejections
// that come from a record's state on the server, through sync on both server storages: restoring a
// conflict's value needs the record's own permission; a merge needs both contacts visible; only a
// contact's owner (or an owner or admin of the team) shares it; deleting a contact removes its shares; an
// order placed offline into a period committed meanwhile is rejected and the device returns to the server.
#include "../commissions/CommissionTestSupport.h"
#include "SyncFixture.h"


#include <QJsonArray>

using namespace outpost;
using namespace outpost::test;
using outpost::commissions::test::examplePlanJson;
using outpost::commissions::test::utcNoon;

namespace {

class RecordRulesSyncTest : public ::testing::TestWithParam<StorageBackend>
{
protected:
    void SetUp() override { ASSERT_TRUE(server.service) << "the team database did not open"; }

    static const wire::MutationResult& only(const wire::PushResponse& r)
    {
        EXPECT_EQ(r.results.size(), 1);
        return r.results.first();
    }

    qint64 serverCount(const QString& sql, const QString& arg)
    {
        QSqlQuery q(server.db->connection());
        q.prepare(sql);
        q.addBindValue(arg);
        EXPECT_TRUE(q.exec() && q.next()) << sql.toStdString();
        return q.value(0).toLongLong();
    }

    // A mutation its device could not even make (it names a record the device does not have), pushed as a
    // guessing client would, from a device of `who`'s.
    wire::MutationResult pushGuess(const Principal& who, const QString& name, const QJsonObject& args)
    {
        Mutation m;
        m.id = newUuidV7();
        m.name = name;
        m.args = args;
        m.deviceId = newUuidV7();
        m.seq = 1;
        m.hlc = QStringLiteral("0");
        Principal guesser = who;
        guesser.deviceId = m.deviceId;
        wire::PushRequest req;
        req.deviceId = m.deviceId;
        req.mutations = {m};
        auto pushed = server.service->push(guesser, roundTrip(wire::Codec::toJson(req), &wire::Codec::pushRequestFromJson));
        EXPECT_TRUE(pushed.ok()) << pushed.message().toStdString();
        return pushed.ok() && pushed->results.size() == 1 ? pushed->results.first() : wire::MutationResult{};
    }

    static QJsonObject share(const QString& id, const QString& contactId, const QString& userId)
    {
        return {{QStringLiteral("id"), id}, {QStringLiteral("contactId"), contactId}, {QStringLiteral("userId"), userId}};
    }

    Server server{GetParam()};
};

} // namespace

INSTANTIATE_TEST_SUITE_P(Storage, RecordRulesSyncTest, bothBackends(), backendTestName);

TEST_P(RecordRulesSyncTest, RestoringAConflictsValueNeedsTheRecordsOwnPermission)
{
    // Olga (owner) and Adam (admin) both rename a custom field offline: Adam's rename wins, Olga's value
    // becomes a conflict. Max (manager) sees every conflict but may not edit custom fields.
    Device olga(QStringLiteral("olga"), QStringLiteral("owner"));
    Device adam(QStringLiteral("adam"), QStringLiteral("admin"));
    Device max(QStringLiteral("max"), QStringLiteral("manager"));
    const QString field = newUuidV7();
    olga.submit(QStringLiteral("customfield.define"),
                QJsonObject{{QStringLiteral("id"), field}, {QStringLiteral("entity"), QStringLiteral("contact")},
                            {QStringLiteral("key"), QStringLiteral("tier")}, {QStringLiteral("label"), QStringLiteral("Tier")},
                            {QStringLiteral("type"), QStringLiteral("text")}});
    olga.sync(*server.service);
    adam.sync(*server.service);
    auto rename = [&](Device& d, const QString& label) {
        d.submit(QStringLiteral("customfield.update"),
                 QJsonObject{{QStringLiteral("id"), field}, {QStringLiteral("set"), QJsonObject{{QStringLiteral("label"), label}}}});
    };
    rename(olga, QStringLiteral("Level"));
    rename(adam, QStringLiteral("Rank"));
    olga.sync(*server.service);
    ASSERT_EQ(only(adam.sync(*server.service)).conflicts.size(), 1);
    max.sync(*server.service);
    QSqlQuery q(max.local.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT id FROM sync_conflicts")) && q.next()) << "the manager sees the conflict";
    const QString conflict = q.value(0).toString();
    q.finish();

    max.submit(QStringLiteral("conflict.resolve"), QJsonObject{{QStringLiteral("id"), conflict}, {QStringLiteral("action"), QStringLiteral("restore")}});
    const auto refused = only(max.sync(*server.service));
    EXPECT_EQ(refused.status, wire::MutationResult::Status::Rejected);
    EXPECT_EQ(refused.code, QStringLiteral("forbidden"));
    EXPECT_TRUE(refused.message.contains(QStringLiteral("customfield.update"))) << refused.message.toStdString();
    EXPECT_EQ(serverCount(QStringLiteral("SELECT count(*) FROM custom_fields WHERE id = ? AND label = 'Rank'"), field), 1);
    EXPECT_EQ(serverCount(QStringLiteral("SELECT count(*) FROM sync_conflicts WHERE id = ? AND resolved = 0"), conflict), 1);

    // The owner may restore it.
    olga.sync(*server.service);
    olga.submit(QStringLiteral("conflict.resolve"), QJsonObject{{QStringLiteral("id"), conflict}, {QStringLiteral("action"), QStringLiteral("restore")}});
    EXPECT_EQ(only(olga.sync(*server.service)).status, wire::MutationResult::Status::Applied);
    EXPECT_EQ(serverCount(QStringLiteral("SELECT count(*) FROM custom_fields WHERE id = ? AND label = 'Level'"), field), 1);
}

TEST_P(RecordRulesSyncTest, NobodyMergesTheirContactIntoOneTheyCannotSee)
{
    Device ana(QStringLiteral("ana")), carl(QStringLiteral("carl"));
    const QString mine = ana.create(QStringLiteral("Pia"), QStringLiteral("Holm"), QStringLiteral("pia@holm.example"), QStringLiteral("ana"));
    ana.sync(*server.service);
    const QString his = carl.create(QStringLiteral("Pia"), QStringLiteral("Holm"), QStringLiteral("pia@holm.example"), QStringLiteral("carl"));
    carl.sync(*server.service);

    // Ana guesses the id of Carl's private contact and merges hers into it. Nothing of his would be written
    // (no fields chosen from hers), so the rows it changes are all hers: the merge itself must be refused.
    const auto r = pushGuess(ana.who, QStringLiteral("contact.merge"), QJsonObject{{QStringLiteral("keepId"), his}, {QStringLiteral("removeId"), mine}});
    EXPECT_EQ(r.status, wire::MutationResult::Status::Rejected);
    EXPECT_EQ(r.code, QStringLiteral("forbidden"));
    EXPECT_TRUE(server.has(QStringLiteral("contacts"), mine));
    EXPECT_TRUE(server.has(QStringLiteral("contacts"), his));
}

TEST_P(RecordRulesSyncTest, OnlyTheOwnerOrAnAdministratorSharesAContact)
{
    Device ana(QStringLiteral("ana")), ben(QStringLiteral("ben"));
    Device max(QStringLiteral("max"), QStringLiteral("manager"));
    Device olga(QStringLiteral("olga"), QStringLiteral("owner"));
    const QString contact = ana.create(QStringLiteral("Ines"), QStringLiteral("Ruiz"), QString(), QStringLiteral("ana"));
    const QString pool = ana.create(QStringLiteral("Pool"), QStringLiteral("Person"), QString(), QString());
    const QString toBen = newUuidV7();
    ana.submit(QStringLiteral("contact.share"), share(toBen, contact, QStringLiteral("ben")));
    EXPECT_EQ(ana.sync(*server.service).results.size(), 3);
    EXPECT_EQ(serverCount(QStringLiteral("SELECT count(*) FROM contact_shares WHERE id = ?"), toBen), 1);
    ben.sync(*server.service);
    ASSERT_TRUE(ben.has(QStringLiteral("contacts"), contact));

    // Ben sees it through the share, but it is not his to pass on, nor to take back.
    const QString toCarl = newUuidV7();
    ben.submit(QStringLiteral("contact.share"), share(toCarl, contact, QStringLiteral("carl")));
    const auto benShares = only(ben.sync(*server.service));
    EXPECT_EQ(benShares.status, wire::MutationResult::Status::Rejected);
    EXPECT_EQ(benShares.code, QStringLiteral("forbidden"));
    EXPECT_FALSE(ben.has(QStringLiteral("contact_shares"), toCarl));
    ben.submit(QStringLiteral("contact.unshare"), QJsonObject{{QStringLiteral("id"), toBen}});
    EXPECT_EQ(only(ben.sync(*server.service)).code, QStringLiteral("forbidden"));
    EXPECT_TRUE(ben.has(QStringLiteral("contact_shares"), toBen));
    // A manager sees every contact but shares only their own; the team's pool has no owner to share it.
    max.sync(*server.service);
    max.submit(QStringLiteral("contact.share"), share(newUuidV7(), contact, QStringLiteral("carl")));
    EXPECT_EQ(only(max.sync(*server.service)).code, QStringLiteral("forbidden"));
    ana.submit(QStringLiteral("contact.share"), share(newUuidV7(), pool, QStringLiteral("ben")));
    EXPECT_EQ(only(ana.sync(*server.service)).code, QStringLiteral("forbidden"));
    EXPECT_EQ(serverCount(QStringLiteral("SELECT count(*) FROM contact_shares WHERE user_id = ?"), QStringLiteral("carl")), 0);

    // The team's owner may.
    olga.sync(*server.service);
    olga.submit(QStringLiteral("contact.share"), share(toCarl, contact, QStringLiteral("carl")));
    EXPECT_EQ(only(olga.sync(*server.service)).status, wire::MutationResult::Status::Applied);
    ana.submit(QStringLiteral("contact.unshare"), QJsonObject{{QStringLiteral("id"), toBen}});
    EXPECT_EQ(only(ana.sync(*server.service)).status, wire::MutationResult::Status::Applied);
    EXPECT_EQ(serverCount(QStringLiteral("SELECT count(*) FROM contact_shares WHERE contact_id = ?"), contact), 1);
}

// A merge moves the removed contact's shares onto the kept one: a rep who sees Carl's contact through a share
// must not pass it on by merging a contact of her own, shared with Ben, into it.
TEST_P(RecordRulesSyncTest, AMergeCannotShareAContactItsUserDoesNotOwn)
{
    Device ana(QStringLiteral("ana")), carl(QStringLiteral("carl"));
    const QString his = carl.create(QStringLiteral("Eva"), QStringLiteral("Lind"), QStringLiteral("eva@lind.example"), QStringLiteral("carl"));
    carl.submit(QStringLiteral("contact.share"), share(newUuidV7(), his, QStringLiteral("ana")));
    carl.sync(*server.service);
    const QString mine = ana.create(QStringLiteral("Eva"), QStringLiteral("Lind"), QStringLiteral("eva@lind.example"), QStringLiteral("ana"));
    const QString toBen = newUuidV7();
    ana.submit(QStringLiteral("contact.share"), share(toBen, mine, QStringLiteral("ben")));
    ana.sync(*server.service);
    ASSERT_TRUE(ana.has(QStringLiteral("contacts"), his));

    ana.submit(QStringLiteral("contact.merge"), QJsonObject{{QStringLiteral("keepId"), his}, {QStringLiteral("removeId"), mine}});
    const auto r = only(ana.sync(*server.service));
    EXPECT_EQ(r.status, wire::MutationResult::Status::Rejected);
    EXPECT_EQ(r.code, QStringLiteral("forbidden"));
    EXPECT_EQ(serverCount(QStringLiteral("SELECT count(*) FROM contact_shares WHERE contact_id = ? AND user_id = 'ben'"), his), 0);
    EXPECT_TRUE(server.has(QStringLiteral("contacts"), mine));
    EXPECT_TRUE(ana.has(QStringLiteral("contacts"), mine)); // her device is back to the server's state
    EXPECT_TRUE(ana.has(QStringLiteral("contact_shares"), toBen));
}

TEST_P(RecordRulesSyncTest, DeletingAContactRemovesItsSharesEverywhere)
{
    Device ana(QStringLiteral("ana")), ben(QStringLiteral("ben"));
    const QString contact = ana.create(QStringLiteral("Lea"), QStringLiteral("Vogt"), QString(), QStringLiteral("ana"));
    const QString toBen = newUuidV7();
    ana.submit(QStringLiteral("contact.share"), share(toBen, contact, QStringLiteral("ben")));
    ana.sync(*server.service);
    ben.sync(*server.service);
    ASSERT_TRUE(ben.has(QStringLiteral("contact_shares"), toBen));

    ana.submit(QStringLiteral("contact.delete"), QJsonObject{{QStringLiteral("id"), contact}});
    EXPECT_FALSE(ana.has(QStringLiteral("contact_shares"), toBen)); // at once on her device
    EXPECT_EQ(only(ana.sync(*server.service)).status, wire::MutationResult::Status::Applied);
    EXPECT_EQ(serverCount(QStringLiteral("SELECT count(*) FROM contact_shares WHERE contact_id = ?"), contact), 0);
    ben.sync(*server.service);
    EXPECT_FALSE(ben.has(QStringLiteral("contacts"), contact));
    EXPECT_FALSE(ben.has(QStringLiteral("contact_shares"), toBen));
}

TEST_P(RecordRulesSyncTest, AnOrderPlacedOfflineIntoAPeriodCommittedMeanwhileIsRejectedAndTheDeviceReturnsToTheServer)
{
    // Fiona (finance) runs commissions; Max (manager) places orders for distributors.
    Device fiona(QStringLiteral("fiona"), QStringLiteral("finance"));
    Device max(QStringLiteral("max"), QStringLiteral("manager"));
    for (Device* d : {&fiona, &max})
        d->clock.set(utcNoon(2026, 2, 20));
    const QString root = newUuidV7(), planId = newUuidV7(), product = newUuidV7(), feb = newUuidV7();
    fiona.submit(QStringLiteral("distributor.create"),
                 QJsonObject{{QStringLiteral("id"), root},
                             {QStringLiteral("fields"), QJsonObject{{QStringLiteral("displayName"), QStringLiteral("Root Company")}}},
                             {QStringLiteral("sponsorId"), QJsonValue()}});
    fiona.submit(QStringLiteral("plan.update"), QJsonObject{{QStringLiteral("id"), planId},
                                                           {QStringLiteral("name"), QStringLiteral("Standard")},
                                                           {QStringLiteral("plan"), examplePlanJson()}});
    fiona.submit(QStringLiteral("product.create"), QJsonObject{{QStringLiteral("id"), product},
                                                              {QStringLiteral("sku"), QStringLiteral("VIT-01")},
                                                              {QStringLiteral("name"), QStringLiteral("Vitamins")},
                                                              {QStringLiteral("priceMinor"), 5000},
                                                              {QStringLiteral("currency"), QStringLiteral("EUR")},
                                                              {QStringLiteral("pv"), 100},
                                                              {QStringLiteral("cvMinor"), 4000}});
    fiona.submit(QStringLiteral("period.open"), QJsonObject{{QStringLiteral("id"), feb},
                                                           {QStringLiteral("name"), QStringLiteral("2026-02")},
                                                           {QStringLiteral("startsAt"), double(utcNoon(2026, 2, 1) - 12 * 3600000)},
                                                           {QStringLiteral("endsAt"), double(utcNoon(2026, 3, 1) - 12 * 3600000)},
                                                           {QStringLiteral("planId"), planId}});
    for (const auto& r : fiona.sync(*server.service).results)
        ASSERT_EQ(r.status, wire::MutationResult::Status::Applied) << r.message.toStdString();
    max.sync(*server.service);
    auto placeOrder = [&](const QString& id, int day) {
        max.submit(QStringLiteral("order.place"),
                   QJsonObject{{QStringLiteral("id"), id},
                               {QStringLiteral("distributorId"), root},
                               {QStringLiteral("orderDate"), double(utcNoon(2026, 2, day))},
                               {QStringLiteral("lines"), QJsonArray{QJsonObject{{QStringLiteral("productId"), product},
                                                                                {QStringLiteral("quantity"), 1}}}}});
    };
    const QString synced = newUuidV7();
    placeOrder(synced, 3);
    ASSERT_EQ(only(max.sync(*server.service)).status, wire::MutationResult::Status::Applied);

    // Max goes offline and places a February order; meanwhile Fiona calculates, locks and commits February.
    const QString late = newUuidV7();
    placeOrder(late, 25);
    fiona.sync(*server.service);
    for (const char* verb : {"calculate", "lock", "commit"})
        fiona.submit(QStringLiteral("period.") + QLatin1String(verb), QJsonObject{{QStringLiteral("id"), feb}});
    for (const auto& r : fiona.sync(*server.service).results)
        ASSERT_EQ(r.status, wire::MutationResult::Status::Applied) << r.message.toStdString();
    // An edit Max makes after the order is not held back by its refusal.
    const QString contact = max.create(QStringLiteral("Kim"), QStringLiteral("Park"), QString(), QStringLiteral("max"));

    const auto pushed = max.sync(*server.service);
    ASSERT_EQ(pushed.results.size(), 2);
    EXPECT_EQ(pushed.results.at(0).status, wire::MutationResult::Status::Rejected);
    EXPECT_TRUE(pushed.results.at(0).message.contains(QStringLiteral("2026-02"))) << pushed.results.at(0).message.toStdString();
    EXPECT_EQ(pushed.results.at(1).status, wire::MutationResult::Status::Applied);
    // The device shows the reason (a rejection for the Sync problems panel) and holds what the server holds.
    QSqlQuery rejected(max.local.db->connection());
    ASSERT_TRUE(rejected.exec(QStringLiteral("SELECT message FROM sync_rejections")) && rejected.next());
    EXPECT_TRUE(rejected.value(0).toString().contains(QStringLiteral("2026-02"))) << rejected.value(0).toString().toStdString();
    rejected.finish();
    EXPECT_FALSE(server.has(QStringLiteral("orders"), late));
    EXPECT_FALSE(max.has(QStringLiteral("orders"), late));
    EXPECT_TRUE(max.has(QStringLiteral("orders"), synced));
    EXPECT_TRUE(max.has(QStringLiteral("contacts"), contact));
    EXPECT_EQ(max.replica->pendingCount().value(), 0);
    EXPECT_EQ(serverCount(QStringLiteral("SELECT count(*) FROM commission_periods WHERE id = ? AND state = 'committed'"), feb), 1);
}
