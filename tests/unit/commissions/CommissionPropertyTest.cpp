// Properties of the engine on generated trees (seeded): 2,000 distributors with a leg 150 deep, a node with
// 300 direct children, random sponsor and placement parents, a mix of statuses, and ~3,000 orders.
#include "CommissionTestSupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <tuple>

using namespace outpost::commissions;
using namespace outpost::commissions::test;

namespace {

constexpr qint64 kPeriodStart = 1'740'787'200'000LL; // 2025-03-01T00:00Z
constexpr qint64 kPeriodEnd = 1'743'465'600'000LL;   // 2025-04-01T00:00Z
constexpr qint64 kDay = 86'400'000LL;

PeriodInput generate(quint64 seed, int n)
{
    std::mt19937_64 rng(seed);
    const auto uniform = [&](qint64 lo, qint64 hi) { return std::uniform_int_distribution<qint64>(lo, hi)(rng); };
    InputBuilder b;
    const auto status = [&]() {
        const qint64 r = uniform(0, 99);
        return r < 80 ? DistributorStatus::Active : r < 92 ? DistributorStatus::Inactive : DistributorStatus::Terminated;
    };
    const auto joined = [&]() { return kPeriodStart - uniform(-20, 200) * kDay; };
    b.distributor(-1, -1, DistributorStatus::Active, joined());
    // A thin leg 150 deep (sponsor and placement alike).
    for (int i = 1; i <= 150; ++i)
        b.distributor(i - 1, i - 1, status(), joined());
    // A very wide node: 300 direct children.
    const qint32 wide = b.distributor(0, 0, DistributorStatus::Active, joined());
    for (int i = 0; i < 300; ++i)
        b.distributor(wide, wide, status(), joined());
    // The rest: a parent among the last few (depth) or anywhere (breadth); placement usually the sponsor.
    for (qint32 i = qint32(b.input.distributors.size()); i < n; ++i) {
        const qint32 sponsor = uniform(0, 1) ? qint32(uniform(std::max(0, i - 20), i - 1)) : qint32(uniform(0, i - 1));
        const qint32 placement = uniform(0, 9) < 7 ? sponsor : qint32(uniform(0, i - 1));
        b.distributor(sponsor, placement, status(), joined());
    }
    qint64 orderId = 1000;
    for (qint32 d = 0; d < n; ++d) {
        if (uniform(0, 9) < 3)
            continue;
        const int orders = int(uniform(1, 3));
        for (int k = 0; k < orders; ++k) {
            OrderInput o;
            o.id = orderId++;
            o.distributor = d;
            o.date = kPeriodStart + uniform(0, kPeriodEnd - kPeriodStart - 1);
            for (int l = int(uniform(1, 3)); l > 0; --l) {
                o.pv += qint32(uniform(0, 120));
                o.cv += uniform(0, 20000);
            }
            b.input.orders.push_back(o);
        }
    }
    b.input.periodStart = kPeriodStart;
    b.input.periodEnd = kPeriodEnd;
    return b.input;
}

// variant 0: the example plan on the placement tree, maximum payout exactly its worst case (26.1 %);
// variant 1: unilevel on the sponsor tree, no PV rule in compression, inactive not skipped (only terminated).
CommissionPlan planFor(int variant)
{
    QJsonObject json = examplePlanJson();
    json[QStringLiteral("maxPayoutBp")] = 2610;
    if (variant == 1) {
        QJsonObject uni = json.value(QStringLiteral("unilevel")).toObject();
        uni[QStringLiteral("tree")] = QStringLiteral("sponsor");
        json[QStringLiteral("unilevel")] = uni;
        json[QStringLiteral("compression")] =
            QJsonObject{{QStringLiteral("skipInactive"), false}, {QStringLiteral("minPv"), 0}};
    }
    auto plan = CommissionPlan::fromJson(json);
    EXPECT_TRUE(plan.ok()) << plan.message().toStdString();
    return plan.value();
}

class CommissionPropertyTest : public ::testing::TestWithParam<std::tuple<quint64, int>>
{
protected:
    void SetUp() override
    {
        input = generate(std::get<0>(GetParam()), 2000);
        plan = planFor(std::get<1>(GetParam()));
        auto r = CommissionEngine::run(plan, input);
        ASSERT_TRUE(r.ok()) << r.message().toStdString();
        result = std::move(r.value());
        // PV recomputed here, independently of the engine.
        pv.assign(input.distributors.size(), 0);
        for (const OrderInput& o : input.orders)
            pv[size_t(o.distributor)] += o.pv;
    }
    bool payable(qint32 d) const
    {
        const DistributorStatus s = input.distributors[size_t(d)].status;
        if (s == DistributorStatus::Terminated)
            return false;
        if (plan.compressInactive && s == DistributorStatus::Inactive)
            return false;
        return pv[size_t(d)] >= plan.compressionMinPv;
    }

    PeriodInput input;
    CommissionPlan plan;
    PeriodResult result;
    std::vector<Volume> pv;
};

TEST_P(CommissionPropertyTest, NoOrderEverPaysMoreThanThePlanMaximum)
{
    std::map<qint64, Money> paid;
    for (const PayoutLine& l : result.lines)
        paid[l.sourceOrderId] += l.amount;
    int checked = 0;
    Money highest = 0;
    for (const OrderInput& o : input.orders) {
        const Money cv = o.cv;
        const Money p = paid.count(o.id) ? paid[o.id] : 0;
        EXPECT_LE(p, cv * plan.maxPayoutBp / kFullBp) << "order " << o.id << " cv " << cv;
        highest = std::max(highest, p * 10000 / std::max<Money>(cv, 1));
        ++checked;
    }
    EXPECT_GT(checked, 2000);
    EXPECT_GT(highest, 0);
    // Every line was attributed to an order of the period.
    EXPECT_GT(result.lines.size(), 1000u);
}

TEST_P(CommissionPropertyTest, CompressionNeverPaysAnUnqualifiedDistributor)
{
    int unqualified = 0;
    for (qint32 d = 0; d < qint32(input.distributors.size()); ++d) {
        EXPECT_EQ(result.distributors[size_t(d)].qualified, payable(d)) << d;
        if (!payable(d)) {
            ++unqualified;
            EXPECT_TRUE(result.linesOf(d).empty()) << "distributor " << d << " is compressed but has lines";
        }
    }
    EXPECT_GT(unqualified, 50);
    for (const PayoutLine& l : result.lines)
        EXPECT_TRUE(payable(l.earner));
}

TEST_P(CommissionPropertyTest, UnilevelMatchesANaiveWalkUpTheTree)
{
    // For each order, walk parent links one by one, count qualified ancestors as levels.
    const bool onSponsor = plan.unilevelTree == outpost::GenealogyTree::Sponsor;
    std::vector<Money> expected(input.distributors.size(), 0);
    for (const OrderInput& o : input.orders) {
        const Money cv = o.cv;
        int level = 0;
        for (qint32 up = onSponsor ? input.distributors[size_t(o.distributor)].sponsor
                                   : input.distributors[size_t(o.distributor)].placement;
             up >= 0 && level < plan.levelCount();
             up = onSponsor ? input.distributors[size_t(up)].sponsor : input.distributors[size_t(up)].placement) {
            if (!payable(up))
                continue;
            expected[size_t(up)] += cv * plan.unilevelPercent(level, result.distributors[size_t(up)].paidAsRank) / 10000;
            ++level;
        }
    }
    for (size_t d = 0; d < expected.size(); ++d)
        EXPECT_EQ(result.distributors[d].byRule[size_t(PayoutRule::Unilevel)], expected[d]) << d;

    // GV by walking every distributor's PV up the sponsor tree.
    std::vector<Volume> gv(input.distributors.size(), 0);
    for (qint32 d = 0; d < qint32(input.distributors.size()); ++d)
        for (qint32 up = d; up >= 0; up = input.distributors[size_t(up)].sponsor)
            gv[size_t(up)] += pv[size_t(d)];
    for (size_t d = 0; d < gv.size(); ++d)
        EXPECT_EQ(result.distributors[d].gv, gv[d]) << d;
}

TEST_P(CommissionPropertyTest, ReRunsAndShuffledInputGiveTheSameDigest)
{
    const QByteArray digest = result.digest();
    EXPECT_EQ(digest.size(), 64);
    auto again = CommissionEngine::run(plan, input);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->digest().toStdString(), digest.toStdString());

    PeriodInput shuffled = input;
    std::mt19937_64 rng(std::get<0>(GetParam()) ^ 0x5eed);
    std::shuffle(shuffled.orders.begin(), shuffled.orders.end(), rng);
    auto third = CommissionEngine::run(plan, shuffled);
    ASSERT_TRUE(third.ok());
    EXPECT_EQ(third->digest().toStdString(), digest.toStdString());

    // One more PV point on one order changes the digest (the volume is part of the result).
    PeriodInput changed = input;
    changed.orders.back().pv += 1;
    auto fourth = CommissionEngine::run(plan, changed);
    ASSERT_TRUE(fourth.ok());
    EXPECT_NE(fourth->digest().toStdString(), digest.toStdString());
}

TEST_P(CommissionPropertyTest, LinesAddUpToEachDistributorsTotal)
{
    Money all = 0;
    for (qint32 d = 0; d < qint32(input.distributors.size()); ++d) {
        Money sum = 0;
        Money byRule[kPayoutRuleCount] = {};
        for (const PayoutLine& l : result.linesOf(d)) {
            EXPECT_EQ(l.earner, d);
            sum += l.amount;
            byRule[size_t(l.rule)] += l.amount;
        }
        EXPECT_EQ(sum, result.distributors[size_t(d)].total);
        for (int rule = 0; rule < kPayoutRuleCount; ++rule)
            EXPECT_EQ(byRule[rule], result.distributors[size_t(d)].byRule[rule]);
        all += sum;
    }
    EXPECT_EQ(all, result.totalPaid);
    EXPECT_EQ(result.lineOffsets.back(), qint64(result.lines.size()));

    // The folded ledger pays the same, line for line in total.
    auto summary = CommissionEngine::run(plan, input, {LineDetail::Summary});
    ASSERT_TRUE(summary.ok());
    EXPECT_LT(summary->lines.size(), result.lines.size());
    for (size_t d = 0; d < input.distributors.size(); ++d)
        for (int rule = 0; rule < kPayoutRuleCount; ++rule)
            ASSERT_EQ(summary->distributors[d].byRule[rule], result.distributors[d].byRule[rule]) << d;
}

TEST_P(CommissionPropertyTest, ARunForSomeOrdersGivesExactlyTheirLines)
{
    // What a clawback of a large period uses: the per-order lines of a few orders, without the others'.
    std::set<qint64> some;
    for (size_t i = 0; i < input.orders.size(); i += 97)
        some.insert(input.orders[i].id);
    RunOptions options;
    options.onlyOrders = &some;
    auto only = CommissionEngine::run(plan, input, options);
    ASSERT_TRUE(only.ok()) << only.message().toStdString();
    const auto fields = [](const PayoutLine& l) {
        return std::tuple(l.amount, l.base, l.sourceOrderId, l.earner, l.sourceDistributor, l.levelRaw, l.orderCount,
                          l.bp, l.levelCompressed, int(l.rule), int(l.clawedRule));
    };
    std::vector<decltype(fields(PayoutLine{}))> expected, got;
    for (const PayoutLine& l : result.lines)
        if (some.count(l.sourceOrderId))
            expected.push_back(fields(l));
    for (const PayoutLine& l : only->lines)
        got.push_back(fields(l));
    EXPECT_GT(expected.size(), 10u);
    EXPECT_EQ(got, expected);
    // Volumes and ranks still come from every order.
    for (size_t d = 0; d < input.distributors.size(); ++d) {
        ASSERT_EQ(only->distributors[d].gv, result.distributors[d].gv) << d;
        ASSERT_EQ(only->distributors[d].paidAsRank, result.distributors[d].paidAsRank) << d;
    }
}

TEST_P(CommissionPropertyTest, FullReturnsCancelExactlyWhatWasPaid)
{
    // The next period: no orders, every order of this one returned in full.
    InputBuilder next;
    next.input.distributors = input.distributors;
    qint64 returnId = 1;
    for (const OrderInput& o : input.orders) {
        if (o.cv > 0)
            next.returnOf(returnId++, o.id, o.distributor, kPeriodEnd + kDay, o.pv, o.cv, o.cv, 0, result);
    }
    auto r = CommissionEngine::run(plan, next.input);
    ASSERT_TRUE(r.ok()) << r.message().toStdString();
    std::map<qint64, Money> net;
    for (const PayoutLine& l : result.lines)
        net[l.sourceOrderId] += l.amount;
    for (const PayoutLine& l : r->lines) {
        EXPECT_EQ(l.rule, PayoutRule::Clawback);
        net[l.sourceOrderId] += l.amount;
    }
    for (const auto& [order, amount] : net)
        EXPECT_EQ(amount, 0) << "order " << order;
    for (size_t d = 0; d < input.distributors.size(); ++d)
        EXPECT_EQ(r->distributors[d].total, -result.distributors[d].total) << d;
    EXPECT_EQ(r->totalPaid, -result.totalPaid);
}

TEST_P(CommissionPropertyTest, EveryTraceAgreesWithThePaidAsRank)
{
    // The trace recomputes each rank's requirements; the highest met rank is the paid-as rank.
    for (qint32 d = 0; d < qint32(input.distributors.size()); d += 7) {
        const QualificationTrace t = CommissionEngine::qualificationTrace(plan, input, result, d);
        RankIndex best = kNoRank;
        for (const auto& check : t.ranks)
            if (check.met())
                best = check.rank;
        EXPECT_EQ(best, result.distributors[size_t(d)].paidAsRank) << d;
        EXPECT_FALSE(t.describe(plan).isEmpty());
    }
}

INSTANTIATE_TEST_SUITE_P(Seeds, CommissionPropertyTest,
                         ::testing::Combine(::testing::Values(1u, 7u, 2024u, 99991u), ::testing::Values(0, 1)));

} // namespace
