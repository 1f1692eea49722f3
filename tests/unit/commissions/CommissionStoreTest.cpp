// The commission period life cycle on a real encrypted database: orders → calculate (draft ledger) →
// lock → commit, rejections of writes into a committed period, clawbacks of returns in the next period,
// identical re-runs, payouts. The amounts are worked out by hand in the comments.
#include "../genealogy/GenealogyTestSupport.h"
#include "CommissionTestSupport.h"

#include "commissions/CommissionRunner.h"
#include "commissions/CommissionStatement.h"
#include "commissions/CommissionStore.h"
#include "commissions/StatementPager.h"
#include "demo/DemoCommerce.h"
#include "genealogy/DemoGenealogy.h"
#include "genealogy/GenealogyBulkLoader.h"
#include "replication/RowCodec.h"
#include "util/Uuid.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QSqlQuery>

#include <algorithm>
#include <tuple>

using namespace outpost;
using namespace outpost::test;
using namespace outpost::commissions;
using outpost::commissions::test::examplePlanJson;
using outpost::commissions::test::utcNoon;

namespace {

// root ─ a ─ b in both trees (the plan pays unilevel on the placement tree). Everyone joined in 2025, so no
// fast start; nobody reaches silver, so no matching. The product: 50.00 EUR, PV 100, CV 40.00.
class CommissionStoreTest : public GenealogyFixture
{
protected:
    void SetUp() override
    {
        clock.set(utcNoon(2025, 6, 1));
        GenealogyFixture::SetUp();
        root = create(QStringLiteral("Root Company"));
        a = create(QStringLiteral("Anna Alpha"), root);
        b = create(QStringLiteral("Bruno Beta"), a);
        planId = newUuidV7();
        submitOk(QStringLiteral("plan.update"), QJsonObject{{QStringLiteral("id"), planId},
                                                            {QStringLiteral("name"), QStringLiteral("Standard")},
                                                            {QStringLiteral("plan"), examplePlanJson()}});
        product = newUuidV7();
        submitOk(QStringLiteral("product.create"), QJsonObject{{QStringLiteral("id"), product},
                                                               {QStringLiteral("sku"), QStringLiteral("VIT-01")},
                                                               {QStringLiteral("name"), QStringLiteral("Vitamins")},
                                                               {QStringLiteral("priceMinor"), 5000},
                                                               {QStringLiteral("currency"), QStringLiteral("EUR")},
                                                               {QStringLiteral("pv"), 100},
                                                               {QStringLiteral("cvMinor"), 4000}});
        clock.set(utcNoon(2026, 2, 20));
        feb = openPeriod(QStringLiteral("2026-02"), utcNoon(2026, 2, 1) - 12 * 3600000, utcNoon(2026, 3, 1) - 12 * 3600000);
    }

    void submitOk(const QString& name, const QJsonObject& args)
    {
        auto m = engine->submit(name, args);
        ASSERT_TRUE(m.ok()) << name.toStdString() << ": " << m.message().toStdString();
    }

    QString openPeriod(const QString& name, qint64 start, qint64 end)
    {
        const QString id = newUuidV7();
        submitOk(QStringLiteral("period.open"), QJsonObject{{QStringLiteral("id"), id},
                                                            {QStringLiteral("name"), name},
                                                            {QStringLiteral("startsAt"), double(start)},
                                                            {QStringLiteral("endsAt"), double(end)},
                                                            {QStringLiteral("planId"), planId}});
        return id;
    }

    Result<Mutation> placeOrder(const QString& id, const QString& buyer, qint64 date, int quantity)
    {
        return engine->submit(QStringLiteral("order.place"),
                              QJsonObject{{QStringLiteral("id"), id},
                                          {QStringLiteral("distributorId"), buyer},
                                          {QStringLiteral("orderDate"), double(date)},
                                          {QStringLiteral("lines"), QJsonArray{QJsonObject{{QStringLiteral("productId"), product},
                                                                                           {QStringLiteral("quantity"), quantity}}}}});
    }

    Result<Mutation> period(const char* verb, const QString& id)
    {
        return engine->submit(QStringLiteral("period.") + QLatin1String(verb), QJsonObject{{QStringLiteral("id"), id}});
    }

    // February: root, a and b each buy; b buys two.
    //   b's order (CV 8000): a is b's level 1 → 5 % = 400; root level 2, bronze (PV 100) → 4 % = 320.
    //   a's order (CV 4000): root level 1 → 5 % = 200.   root's order: nobody above.
    //   Totals: a 400, root 520; paid 920.
    void februaryOrders()
    {
        ASSERT_TRUE(placeOrder(newUuidV7(), root, utcNoon(2026, 2, 3), 1).ok());
        ASSERT_TRUE(placeOrder(newUuidV7(), a, utcNoon(2026, 2, 4), 1).ok());
        bOrder = newUuidV7();
        auto m = placeOrder(bOrder, b, utcNoon(2026, 2, 5), 2);
        ASSERT_TRUE(m.ok()) << m.message().toStdString();
    }

    void commitFebruary()
    {
        februaryOrders();
        ASSERT_TRUE(period("calculate", feb).ok());
        ASSERT_TRUE(period("lock", feb).ok());
        auto m = period("commit", feb);
        ASSERT_TRUE(m.ok()) << m.message().toStdString();
    }

    qint64 scalar(const QString& sql)
    {
        QSqlQuery q(t.db->connection());
        EXPECT_TRUE(q.exec(sql) && q.next()) << sql.toStdString();
        return q.value(0).toLongLong();
    }
    QString text(const QString& sql)
    {
        QSqlQuery q(t.db->connection());
        EXPECT_TRUE(q.exec(sql) && q.next()) << sql.toStdString();
        return q.value(0).toString();
    }
    qint64 totalOf(const QString& period, const QString& distributor)
    {
        return scalar(QStringLiteral("SELECT coalesce(sum(l.amount_minor), 0) FROM commission_lines l JOIN commission_periods p "
                                     "ON p.rid = l.period_rid WHERE p.id = '%1' AND l.earner_rid = %2")
                          .arg(period)
                          .arg(ridOf(distributor)));
    }
    PeriodRow periodRow(const QString& id)
    {
        QSqlDatabase db = t.db->connection();
        auto p = CommissionStore::readPeriod(db, id);
        EXPECT_TRUE(p.ok() && p->has_value());
        return p.ok() && p->has_value() ? **p : PeriodRow{};
    }
    QByteArray dumpHash() { return QCryptographicHash::hash(dumpAllTables(*t.db).join(QLatin1Char('\n')).toUtf8(), QCryptographicHash::Sha256); }

    QString root, a, b, planId, product, feb, bOrder;
};

TEST_F(CommissionStoreTest, FullLifeCycleOnAnEncryptedDatabase)
{
    februaryOrders();
    EXPECT_EQ(periodRow(feb).state, QStringLiteral("open"));
    auto calc = period("calculate", feb);
    ASSERT_TRUE(calc.ok()) << calc.message().toStdString();
    PeriodRow p = periodRow(feb);
    EXPECT_EQ(p.state, QStringLiteral("calculated"));
    EXPECT_EQ(p.totalPaid, 920);
    EXPECT_EQ(totalOf(feb, a), 400);
    EXPECT_EQ(totalOf(feb, root), 520);
    EXPECT_EQ(totalOf(feb, b), 0);
    // Every line says which order, level, rule and percentage: root's line on b's order is level 2 at 4 %.
    QSqlQuery q(t.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT l.rule, l.level, l.bp, l.base_minor, l.amount_minor FROM commission_lines l "
                                      "JOIN orders o ON o.rid = l.source_order_rid WHERE o.id = '%1' AND l.earner_rid = %2")
                           .arg(bOrder)
                           .arg(ridOf(root))));
    ASSERT_TRUE(q.next());
    EXPECT_EQ(q.value(0).toInt(), int(PayoutRule::Unilevel));
    EXPECT_EQ(q.value(1).toInt(), 2);
    EXPECT_EQ(q.value(2).toInt(), 400);
    EXPECT_EQ(q.value(3).toLongLong(), 8000);
    EXPECT_EQ(q.value(4).toLongLong(), 320);
    q.finish();

    ASSERT_TRUE(period("lock", feb).ok());
    EXPECT_EQ(periodRow(feb).state, QStringLiteral("locked"));
    EXPECT_EQ(period("calculate", feb).code(), ErrorCode::Rejected);
    auto commit = period("commit", feb);
    ASSERT_TRUE(commit.ok()) << commit.message().toStdString();
    EXPECT_EQ(periodRow(feb).state, QStringLiteral("committed"));
    EXPECT_TRUE(period("commit", feb).ok()); // replay: no second effect
    // Paid-as ranks and ranks achieved are written back to the distributors.
    EXPECT_EQ(text(QStringLiteral("SELECT paid_as_rank FROM distributors WHERE id = '%1'").arg(a)), QStringLiteral("bronze"));
    EXPECT_EQ(text(QStringLiteral("SELECT rank_achieved FROM distributors WHERE id = '%1'").arg(a)), QStringLiteral("bronze"));

    t.reopen();
    repo = std::make_unique<GenealogyRepository>(*t.db); // the old one referred to the closed database
    EXPECT_EQ(periodRow(feb).state, QStringLiteral("committed"));
    EXPECT_EQ(totalOf(feb, root), 520);
}

TEST_F(CommissionStoreTest, WritesIntoACommittedPeriodAreRejectedAndChangeNothing)
{
    commitFebruary();
    const QByteArray before = dumpHash();

    auto order = placeOrder(newUuidV7(), a, utcNoon(2026, 2, 15), 1);
    ASSERT_FALSE(order.ok());
    EXPECT_EQ(order.code(), ErrorCode::Rejected);
    EXPECT_TRUE(order.message().contains(QStringLiteral("2026-02"))) << order.message().toStdString();
    EXPECT_TRUE(order.message().contains(QStringLiteral("committed"))) << order.message().toStdString();

    auto ret = engine->submit(QStringLiteral("order.return"),
                              QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                          {QStringLiteral("orderId"), bOrder},
                                          {QStringLiteral("returnDate"), double(utcNoon(2026, 2, 20))},
                                          {QStringLiteral("lines"), QJsonArray{QJsonObject{{QStringLiteral("line"), 1},
                                                                                           {QStringLiteral("quantity"), 1}}}}});
    EXPECT_EQ(ret.code(), ErrorCode::Rejected) << ret.message().toStdString();

    auto mv = engine->submit(QStringLiteral("distributor.move"),
                             QJsonObject{{QStringLiteral("id"), b},
                                         {QStringLiteral("tree"), QStringLiteral("sponsor")},
                                         {QStringLiteral("newParentId"), root},
                                         {QStringLiteral("effectiveDate"), double(utcNoon(2026, 2, 10))},
                                         {QStringLiteral("reason"), QStringLiteral("late correction")}});
    EXPECT_EQ(mv.code(), ErrorCode::Rejected) << mv.message().toStdString();
    EXPECT_TRUE(mv.message().contains(QStringLiteral("2026-02")));

    QJsonObject changed = examplePlanJson();
    changed.insert(QStringLiteral("maxPayoutBp"), 3500);
    auto plan = engine->submit(QStringLiteral("plan.update"), QJsonObject{{QStringLiteral("id"), planId},
                                                                          {QStringLiteral("name"), QStringLiteral("Standard")},
                                                                          {QStringLiteral("plan"), changed}});
    EXPECT_EQ(plan.code(), ErrorCode::Rejected) << plan.message().toStdString();

    EXPECT_EQ(dumpHash(), before);

    // The same move effective in an open period goes through.
    openPeriod(QStringLiteral("2026-03"), utcNoon(2026, 3, 1) - 12 * 3600000, utcNoon(2026, 4, 1) - 12 * 3600000);
    mv = engine->submit(QStringLiteral("distributor.move"),
                        QJsonObject{{QStringLiteral("id"), b},
                                    {QStringLiteral("tree"), QStringLiteral("sponsor")},
                                    {QStringLiteral("newParentId"), root},
                                    {QStringLiteral("effectiveDate"), double(utcNoon(2026, 3, 2))},
                                    {QStringLiteral("reason"), QStringLiteral("correction")}});
    EXPECT_TRUE(mv.ok()) << mv.message().toStdString();
}

TEST_F(CommissionStoreTest, AReturnAfterCommitIsClawedBackInTheNextOpenPeriod)
{
    commitFebruary();
    const QString mar = openPeriod(QStringLiteral("2026-03"), utcNoon(2026, 3, 1) - 12 * 3600000, utcNoon(2026, 4, 1) - 12 * 3600000);
    // A move after February must not change what February paid (it is re-run from its snapshot).
    ASSERT_TRUE(engine->submit(QStringLiteral("distributor.move"),
                               QJsonObject{{QStringLiteral("id"), b},
                                           {QStringLiteral("tree"), QStringLiteral("placement")},
                                           {QStringLiteral("newParentId"), root},
                                           {QStringLiteral("effectiveDate"), double(utcNoon(2026, 3, 2))},
                                           {QStringLiteral("reason"), QStringLiteral("re-placed")}})
                    .ok());
    // One of b's two units comes back: half the CV, so each line on that order is clawed back by half:
    //   a: −floor(400 × 4000 / 8000) = −200; root: −floor(320 × 4000 / 8000) = −160.
    auto ret = engine->submit(QStringLiteral("order.return"),
                              QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                          {QStringLiteral("orderId"), bOrder},
                                          {QStringLiteral("returnDate"), double(utcNoon(2026, 3, 5))},
                                          {QStringLiteral("reason"), QStringLiteral("damaged")},
                                          {QStringLiteral("lines"), QJsonArray{QJsonObject{{QStringLiteral("line"), 1},
                                                                                           {QStringLiteral("quantity"), 1}}}}});
    ASSERT_TRUE(ret.ok()) << ret.message().toStdString();
    auto calc = period("calculate", mar);
    ASSERT_TRUE(calc.ok()) << calc.message().toStdString();
    EXPECT_EQ(totalOf(mar, a), -200);
    EXPECT_EQ(totalOf(mar, root), -160);
    EXPECT_EQ(scalar(QStringLiteral("SELECT count(*) FROM commission_lines l JOIN commission_periods p ON p.rid = l.period_rid "
                                    "WHERE p.id = '%1' AND l.rule = %2 AND l.source_order_rid = (SELECT rid FROM orders "
                                    "WHERE id = '%3')")
                         .arg(mar)
                         .arg(int(PayoutRule::Clawback))
                         .arg(bOrder)),
              2);
    // February is untouched.
    EXPECT_EQ(totalOf(feb, a), 400);
    // More than was bought cannot come back.
    auto tooMany = engine->submit(QStringLiteral("order.return"),
                                  QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                              {QStringLiteral("orderId"), bOrder},
                                              {QStringLiteral("returnDate"), double(utcNoon(2026, 3, 6))},
                                              {QStringLiteral("lines"), QJsonArray{QJsonObject{{QStringLiteral("line"), 1},
                                                                                               {QStringLiteral("quantity"), 2}}}}});
    EXPECT_EQ(tooMany.code(), ErrorCode::Rejected);
}

TEST_F(CommissionStoreTest, ReRunsOfUnchangedInputsGiveIdenticalDigestsAndThePreviewShowsDifferences)
{
    februaryOrders();
    ASSERT_TRUE(period("calculate", feb).ok());
    const PeriodRow first = periodRow(feb);
    ASSERT_TRUE(period("calculate", feb).ok());
    const PeriodRow second = periodRow(feb);
    EXPECT_FALSE(first.resultDigest.isEmpty());
    EXPECT_EQ(second.resultDigest, first.resultDigest);
    EXPECT_EQ(second.previousDigest, first.resultDigest);
    EXPECT_EQ(second.runCount, 2);
    EXPECT_EQ(scalar(QStringLiteral("SELECT count(*) FROM commission_results WHERE total_minor <> previous_total")), 0);

    // A new order: the next run differs, and the preview holds each distributor's previous total.
    ASSERT_TRUE(placeOrder(newUuidV7(), b, utcNoon(2026, 2, 10), 1).ok());
    // Locking now is refused: the draft is stale.
    EXPECT_EQ(period("lock", feb).code(), ErrorCode::Rejected);
    ASSERT_TRUE(period("calculate", feb).ok());
    EXPECT_NE(periodRow(feb).resultDigest, first.resultDigest);
    // b's new order (CV 4000): a +200, root +160.
    EXPECT_EQ(scalar(QStringLiteral("SELECT total_minor - previous_total FROM commission_results WHERE distributor_rid = %1")
                         .arg(ridOf(a))),
              200);
    EXPECT_EQ(scalar(QStringLiteral("SELECT total_minor - previous_total FROM commission_results WHERE distributor_rid = %1")
                         .arg(ridOf(root))),
              160);
    EXPECT_TRUE(period("lock", feb).ok());
}

TEST_F(CommissionStoreTest, ACancelledRunWritesNothing)
{
    februaryOrders();
    const QByteArray before = dumpHash();
    std::atomic_bool cancel{true};
    RunControl control;
    control.cancel = &cancel;
    int reports = 0;
    control.progress = [&](int, const QString&) { ++reports; };
    auto m = CommissionRunner::calculate(*engine, feb, {}, control);
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.code(), ErrorCode::Cancelled);
    EXPECT_EQ(dumpHash(), before);

    cancel = false;
    m = CommissionRunner::calculate(*engine, feb, {}, control);
    ASSERT_TRUE(m.ok()) << m.message().toStdString();
    EXPECT_GT(reports, 0);
    EXPECT_EQ(periodRow(feb).totalPaid, 920);
}

// A run reads every page of its period once: it runs with a small page cache and gives the connection its
// own back afterwards, whether it succeeded or was cancelled.
TEST_F(CommissionStoreTest, ARunUsesASmallPageCacheAndRestoresTheConnections)
{
    februaryOrders();
    auto cacheSize = [&] {
        QSqlQuery q(t.db->connection());
        EXPECT_TRUE(q.exec(QStringLiteral("PRAGMA cache_size")) && q.next());
        return q.value(0).toLongLong();
    };
    const qint64 before = cacheSize();
    ASSERT_NE(before, -qint64(ScopedRunPageCache::kRunCacheKiB));
    std::atomic_bool cancel{false};
    std::vector<qint64> during;
    RunControl control;
    control.cancel = &cancel;
    control.progress = [&](int permille, const QString&) {
        during.push_back(cacheSize());
        if (permille >= 750)
            cancel = true; // cancelled while writing the ledger
    };
    auto m = CommissionRunner::calculate(*engine, feb, {}, control);
    ASSERT_EQ(m.code(), ErrorCode::Cancelled);
    ASSERT_FALSE(during.empty());
    for (qint64 size : during)
        EXPECT_EQ(size, -qint64(ScopedRunPageCache::kRunCacheKiB));
    EXPECT_EQ(cacheSize(), before);

    cancel = false;
    control.progress = {};
    ASSERT_TRUE(CommissionRunner::calculate(*engine, feb, {}, control).ok());
    EXPECT_EQ(cacheSize(), before);
}

TEST_F(CommissionStoreTest, PayoutsApplyTheMinimumCarryForwardAndKycHold)
{
    commitFebruary();
    // KYC is "not started" for everyone: the whole batch is held.
    const QString batch1 = newUuidV7();
    submitOk(QStringLiteral("payout.create"), QJsonObject{{QStringLiteral("id"), batch1},
                                                          {QStringLiteral("periodId"), feb},
                                                          {QStringLiteral("minimum"), 500}});
    EXPECT_EQ(scalar(QStringLiteral("SELECT total_held FROM payout_batches WHERE id = '%1'").arg(batch1)), 920);
    EXPECT_EQ(scalar(QStringLiteral("SELECT total_paid FROM payout_batches WHERE id = '%1'").arg(batch1)), 0);
    EXPECT_EQ(scalar(QStringLiteral("SELECT count(*) FROM payout_items WHERE batch_id = '%1' AND status = 'held'").arg(batch1)), 2);
    // One batch per period; a replay is no second batch.
    submitOk(QStringLiteral("payout.create"), QJsonObject{{QStringLiteral("id"), batch1},
                                                          {QStringLiteral("periodId"), feb},
                                                          {QStringLiteral("minimum"), 500}});
    EXPECT_EQ(engine->submit(QStringLiteral("payout.create"), QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                                                          {QStringLiteral("periodId"), feb},
                                                                          {QStringLiteral("minimum"), 500}})
                  .code(),
              ErrorCode::Rejected);

    // March: KYC approved for both, and half of b's February order comes back (a −200, root −160).
    for (const QString& id : {a, root})
        submitOk(QStringLiteral("distributor.update"),
                 QJsonObject{{QStringLiteral("id"), id},
                             {QStringLiteral("set"), QJsonObject{{QStringLiteral("kycStatus"), QStringLiteral("approved")}}}});
    // A balance whose distributor row is gone (a sync remove) is no item of the next batch, and that batch
    // must not consume it either.
    {
        QSqlQuery q(t.db->connection());
        ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO payout_balances(distributor_rid, amount, batch_id) "
                                          "VALUES(987654, 777, '%1')")
                               .arg(batch1)));
    }
    const QString mar = openPeriod(QStringLiteral("2026-03"), utcNoon(2026, 3, 1) - 12 * 3600000, utcNoon(2026, 4, 1) - 12 * 3600000);
    ASSERT_TRUE(engine->submit(QStringLiteral("order.return"),
                               QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                           {QStringLiteral("orderId"), bOrder},
                                           {QStringLiteral("returnDate"), double(utcNoon(2026, 3, 5))},
                                           {QStringLiteral("lines"), QJsonArray{QJsonObject{{QStringLiteral("line"), 1},
                                                                                            {QStringLiteral("quantity"), 1}}}}})
                    .ok());
    ASSERT_TRUE(period("calculate", mar).ok());
    ASSERT_TRUE(period("lock", mar).ok());
    ASSERT_TRUE(period("commit", mar).ok());
    // With what February held: a 400 − 200 = 200, root 520 − 160 = 360.
    const QString batch2 = newUuidV7();
    submitOk(QStringLiteral("payout.create"), QJsonObject{{QStringLiteral("id"), batch2},
                                                          {QStringLiteral("periodId"), mar},
                                                          {QStringLiteral("minimum"), 300}});
    // Minimum 300: a's 200 is carried, root's 360 is paid.
    EXPECT_EQ(scalar(QStringLiteral("SELECT amount FROM payout_items WHERE batch_id = '%1' AND distributor_rid = %2")
                         .arg(batch2)
                         .arg(ridOf(a))),
              200);
    EXPECT_EQ(text(QStringLiteral("SELECT status FROM payout_items WHERE batch_id = '%1' AND distributor_rid = %2")
                       .arg(batch2)
                       .arg(ridOf(a))),
              QStringLiteral("carried"));
    EXPECT_EQ(text(QStringLiteral("SELECT status FROM payout_items WHERE batch_id = '%1' AND distributor_rid = %2")
                       .arg(batch2)
                       .arg(ridOf(root))),
              QStringLiteral("payable"));
    EXPECT_EQ(scalar(QStringLiteral("SELECT total_paid FROM payout_batches WHERE id = '%1'").arg(batch2)), 360);
    EXPECT_EQ(scalar(QStringLiteral("SELECT amount FROM payout_balances WHERE distributor_rid = %1").arg(ridOf(a))), 200);
    EXPECT_EQ(scalar(QStringLiteral("SELECT count(*) FROM payout_balances WHERE distributor_rid = %1").arg(ridOf(root))), 0);
    EXPECT_EQ(scalar(QStringLiteral("SELECT amount FROM payout_balances WHERE distributor_rid = 987654")), 777);
    EXPECT_EQ(scalar(QStringLiteral("SELECT count(*) FROM payout_items WHERE distributor_rid = 987654")), 0);
}

TEST_F(CommissionStoreTest, OrdersAndProductsAreValidatedFirst)
{
    const QByteArray before = dumpHash();
    EXPECT_EQ(placeOrder(newUuidV7(), newUuidV7(), utcNoon(2026, 2, 3), 1).code(), ErrorCode::NotFound);
    EXPECT_EQ(placeOrder(newUuidV7(), a, utcNoon(2026, 2, 3), 0).code(), ErrorCode::InvalidArgument);
    auto dupSku = engine->submit(QStringLiteral("product.create"), QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                                                               {QStringLiteral("sku"), QStringLiteral("VIT-01")},
                                                                               {QStringLiteral("name"), QStringLiteral("Copy")},
                                                                               {QStringLiteral("priceMinor"), 100},
                                                                               {QStringLiteral("currency"), QStringLiteral("EUR")},
                                                                               {QStringLiteral("pv"), 1},
                                                                               {QStringLiteral("cvMinor"), 1}});
    EXPECT_EQ(dupSku.code(), ErrorCode::AlreadyExists);
    auto badPlan = engine->submit(QStringLiteral("plan.update"), QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                                                             {QStringLiteral("name"), QStringLiteral("Bad")},
                                                                             {QStringLiteral("plan"), QJsonObject{}}});
    EXPECT_EQ(badPlan.code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(dumpHash(), before);
    // An order replayed has no second effect.
    const QString id = newUuidV7();
    ASSERT_TRUE(placeOrder(id, a, utcNoon(2026, 2, 3), 1).ok());
    ASSERT_TRUE(placeOrder(id, a, utcNoon(2026, 2, 3), 1).ok());
    EXPECT_EQ(scalar(QStringLiteral("SELECT count(*) FROM orders")), 1);
    EXPECT_EQ(scalar(QStringLiteral("SELECT total_minor FROM orders")), 5000);
}

TEST_F(CommissionStoreTest, CommerceRowsTravelThroughTheirCodecs)
{
    februaryOrders();
    ASSERT_TRUE(engine->submit(QStringLiteral("order.return"),
                               QJsonObject{{QStringLiteral("id"), newUuidV7()},
                                           {QStringLiteral("orderId"), bOrder},
                                           {QStringLiteral("returnDate"), double(utcNoon(2026, 2, 6))},
                                           {QStringLiteral("lines"), QJsonArray{QJsonObject{{QStringLiteral("line"), 1},
                                                                                            {QStringLiteral("quantity"), 1}}}}})
                    .ok());
    // Another replica with the same distributors (their codec is the genealogy's).
    TestDatabase other;
    MutationEngine otherEngine(*other.db, MutationRegistry::standard(), clock);
    ASSERT_TRUE(otherEngine.initialize().ok());
    for (const auto& [id, sponsor] : {std::pair{root, QString()}, std::pair{a, root}, std::pair{b, a}})
        ASSERT_TRUE(otherEngine.submit(QStringLiteral("distributor.create"),
                                       QJsonObject{{QStringLiteral("id"), id},
                                                   {QStringLiteral("fields"), QJsonObject{{QStringLiteral("displayName"), id}}},
                                                   {QStringLiteral("sponsorId"), sponsor.isEmpty() ? QJsonValue() : QJsonValue(sponsor)}})
                        .ok());
    QSqlDatabase from = t.db->connection();
    QSqlDatabase to = other.db->connection();
    const RowCodecRegistry& codecs = RowCodecRegistry::standard();
    int copied = 0;
    for (const auto& [entity, table] : {std::pair{"product", "products"}, std::pair{"order", "orders"},
                                        std::pair{"order_return", "order_returns"}, std::pair{"commission_plan", "commission_plans"},
                                        std::pair{"commission_period", "commission_periods"}}) {
        const RowCodec* codec = codecs.find(QLatin1String(entity));
        ASSERT_NE(codec, nullptr) << entity;
        QSqlQuery ids(from);
        ASSERT_TRUE(ids.exec(QStringLiteral("SELECT id FROM ") + QLatin1String(table)));
        while (ids.next()) {
            const QString id = ids.value(0).toString();
            auto row = codec->read(from, id);
            ASSERT_TRUE(row.ok() && row->has_value()) << entity;
            ASSERT_TRUE(codec->write(to, id, **row).ok()) << entity;
            ASSERT_TRUE(codec->write(to, id, **row).ok()) << entity; // a page applied twice: same row
            auto back = codec->read(to, id);
            ASSERT_TRUE(back.ok() && back->has_value());
            EXPECT_EQ(**back, **row) << entity;
            ++copied;
        }
    }
    EXPECT_EQ(copied, 1 + 3 + 1 + 1 + 1);
    QSqlQuery lines(to);
    ASSERT_TRUE(lines.exec(QStringLiteral("SELECT count(*), sum(quantity) FROM order_lines")) && lines.next());
    EXPECT_EQ(lines.value(0).toInt(), 3);
    EXPECT_EQ(lines.value(1).toInt(), 4);
}

TEST_F(CommissionStoreTest, StatementsListEveryLineWithOrderLevelRuleAndPercentage)
{
    februaryOrders();
    ASSERT_TRUE(period("calculate", feb).ok());
    QSqlDatabase db = t.db->connection();
    auto s = CommissionReports::statement(db, feb, root);
    ASSERT_TRUE(s.ok()) << s.message().toStdString();
    EXPECT_EQ(s->distributorName, QStringLiteral("Root Company"));
    EXPECT_EQ(s->currency, QStringLiteral("EUR"));
    EXPECT_EQ(s->total, 520);
    ASSERT_EQ(s->lines.size(), 2);
    // Root's lines: a's order at level 1 (5 %), b's order at level 2 (4 %).
    const StatementLine& onB = s->lines.at(0).orderId == bOrder ? s->lines.at(0) : s->lines.at(1);
    EXPECT_EQ(onB.orderId, bOrder);
    EXPECT_EQ(onB.sourceName, QStringLiteral("Bruno Beta"));
    EXPECT_EQ(onB.level, 2);
    EXPECT_EQ(onB.percentText(), QStringLiteral("4.00 %"));
    EXPECT_EQ(onB.amount, 320);
    const QStringList csv = s->toCsv().trimmed().split(QLatin1Char('\n'));
    ASSERT_EQ(csv.size(), 4); // header, two lines, total
    EXPECT_TRUE(csv.at(0).startsWith(QStringLiteral("period,distributor,rule,order,orders,from,level")));
    EXPECT_TRUE(csv.join(QLatin1Char('\n')).contains(QStringLiteral("2026-02,Root Company,Unilevel,") + bOrder
                                                     + QStringLiteral(",1,Bruno Beta,2,2,4.00,80.00,3.20,EUR")))
        << s->toCsv().toStdString();
    EXPECT_EQ(csv.last(), QStringLiteral("2026-02,Root Company,Total,,,,,,,,5.20,EUR"));
    // Someone without a run or an unknown distributor: clear errors.
    EXPECT_EQ(CommissionReports::statement(db, feb, newUuidV7()).code(), ErrorCode::NotFound);
}

// A run above the per-order limit stores summary lines; the statement itemises them from the orders, and
// every distributor's itemised statement equals, line for line, the per-order ledger of the same period.
// Demo shapes (1,200 distributors, fast start for December's joiners, silvers for matching), one return
// dated inside the period (net CV), pages smaller than a ledger batch.
TEST_F(CommissionStoreTest, AStatementItemisesEverySummaryLineIntoTheOrdersThatProducedIt)
{
    const qint64 december = QDateTime(QDate(2025, 12, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    GenealogyBulkLoader loader(*t.db, QStringLiteral("test"));
    ASSERT_TRUE(loader.load(DemoGenealogy(11).generate(1200), december).ok());
    DemoCommerce::Options o;
    o.months = 1;
    o.firstMonthStart = december;
    auto loaded = DemoCommerce::load(*t.db, o, december);
    ASSERT_TRUE(loaded.ok()) << loaded.message().toStdString();
    const QString plan = newUuidV7();
    submitOk(QStringLiteral("plan.update"), QJsonObject{{QStringLiteral("id"), plan},
                                                        {QStringLiteral("name"), QStringLiteral("Demo")},
                                                        {QStringLiteral("plan"), DemoCommerce::demoPlanJson()}});
    const QString dec = newUuidV7();
    submitOk(QStringLiteral("period.open"), QJsonObject{{QStringLiteral("id"), dec},
                                                        {QStringLiteral("name"), QStringLiteral("2025-12")},
                                                        {QStringLiteral("startsAt"), double(loaded->monthStarts.at(0))},
                                                        {QStringLiteral("endsAt"), double(loaded->monthStarts.at(1))},
                                                        {QStringLiteral("planId"), plan}});
    // One unit of a two-unit line comes back inside the period: that order counts with its net CV.
    const QString returned = text(QStringLiteral("SELECT o.id FROM orders o JOIN order_lines l ON l.order_rid = o.rid "
                                                 "AND l.line_no = 1 WHERE l.quantity >= 2 AND o.distributor_rid > 50 "
                                                 "ORDER BY o.rid LIMIT 1"));
    submitOk(QStringLiteral("order.return"),
             QJsonObject{{QStringLiteral("id"), newUuidV7()},
                         {QStringLiteral("orderId"), returned},
                         {QStringLiteral("returnDate"), double(loaded->monthStarts.at(1) - 1000)},
                         {QStringLiteral("lines"), QJsonArray{QJsonObject{{QStringLiteral("line"), 1},
                                                                          {QStringLiteral("quantity"), 1}}}}});

    using Key = std::tuple<int, QString, QString, int, int, int, qint64, qint64>;
    const auto key = [](const StatementLine& l) {
        return Key{int(l.rule), l.orderId, l.sourceName, l.level, l.levelRaw, l.bp, l.base, l.amount};
    };
    QSqlDatabase db = t.db->connection();
    const auto earners = [&] {
        QStringList ids;
        QSqlQuery q(db);
        EXPECT_TRUE(q.exec(QStringLiteral("SELECT DISTINCT d.id FROM commission_lines l JOIN distributors d ON d.rid = "
                                          "l.earner_rid ORDER BY d.id")));
        while (q.next())
            ids << q.value(0).toString();
        return ids;
    };

    // The per-order ledger (the period is far below kPerOrderLimit).
    ASSERT_TRUE(period("calculate", dec).ok());
    ASSERT_EQ(scalar(QStringLiteral("SELECT count(*) FROM commission_lines WHERE order_count <> 1")), 0);
    for (PayoutRule rule : {PayoutRule::Unilevel, PayoutRule::FastStart, PayoutRule::Matching})
        ASSERT_GT(scalar(QStringLiteral("SELECT count(*) FROM commission_lines WHERE rule = %1").arg(int(rule))), 0)
            << "the demo period has no line of rule " << int(rule);
    std::map<QString, std::vector<Key>> perOrder;
    for (const QString& id : earners()) {
        auto s = CommissionReports::statement(db, dec, id);
        ASSERT_TRUE(s.ok()) << s.message().toStdString();
        for (const StatementLine& l : s->lines)
            perOrder[id].push_back(key(l));
        std::sort(perOrder[id].begin(), perOrder[id].end());
    }

    // The same period as a summary ledger: fewer, folded lines; itemised, the same lines.
    {
        ScopedPerOrderLimit summaryAbove(10);
        ASSERT_TRUE(period("calculate", dec).ok());
    }
    ASSERT_GT(scalar(QStringLiteral("SELECT count(*) FROM commission_lines WHERE order_count > 1")), 0);
    const PeriodRow row = periodRow(dec);
    int itemised = 0;
    for (const QString& id : earners()) {
        auto pager = StatementPager::open(db, row, id);
        ASSERT_TRUE(pager.ok()) << pager.message().toStdString();
        std::vector<Key> lines;
        while (!pager->atEnd()) {
            auto page = pager->next(7);
            ASSERT_TRUE(page.ok()) << page.message().toStdString();
            ASSERT_LE(page->size(), 7);
            for (const StatementLine& l : *page) {
                EXPECT_EQ(l.orderCount, 1);
                lines.push_back(key(l));
            }
        }
        std::sort(lines.begin(), lines.end());
        ASSERT_EQ(lines, perOrder[id]) << "distributor " << id.toStdString();
        itemised += int(lines.size());
    }
    EXPECT_GT(itemised, scalar(QStringLiteral("SELECT count(*) FROM commission_lines")));

    // The CSV of the itemised statement: a header, every order line, the total.
    const QString top = text(QStringLiteral("SELECT d.id FROM commission_results r JOIN distributors d ON d.rid = "
                                            "r.distributor_rid ORDER BY r.total_minor DESC LIMIT 1"));
    auto header = CommissionReports::statement(db, dec, top);
    ASSERT_TRUE(header.ok());
    QBuffer csv;
    csv.open(QIODevice::WriteOnly);
    ASSERT_TRUE(StatementPager::writeCsv(db, row, *header, &csv).ok());
    const QStringList rows = QString::fromUtf8(csv.data()).trimmed().split(QLatin1Char('\n'));
    EXPECT_EQ(qint64(rows.size()), qint64(perOrder[top].size()) + 2);
    EXPECT_EQ(rows.first(), header->csvHeader());
    EXPECT_EQ(rows.last(), header->csvTotal());

    // An order placed after the run: the lines it would change cannot be itemised, and the pager says why.
    const QString buyer = text(QStringLiteral("SELECT d.id FROM commission_lines l JOIN distributors d ON d.rid = "
                                              "l.source_rid WHERE l.rule = 0 AND l.order_count > 1 LIMIT 1"));
    const QString upline = text(QStringLiteral("SELECT e.id FROM commission_lines l JOIN distributors d ON d.rid = "
                                               "l.source_rid JOIN distributors e ON e.rid = l.earner_rid WHERE l.rule = 0 "
                                               "AND d.id = '%1' LIMIT 1").arg(buyer));
    ASSERT_TRUE(placeOrder(newUuidV7(), buyer, loaded->monthStarts.at(0) + 3600000, 1).ok());
    auto stale = StatementPager::open(db, row, upline);
    ASSERT_TRUE(stale.ok());
    Status failed;
    while (!stale->atEnd() && failed) {
        auto page = stale->next(100);
        if (!page)
            failed = page.error();
    }
    EXPECT_EQ(failed.code(), ErrorCode::Rejected);
    EXPECT_TRUE(failed.message().contains(QStringLiteral("Calculate the period again"))) << failed.message().toStdString();
}

} // namespace
