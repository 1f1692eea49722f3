// Rounding: every line is floor(base × bp / 10000) per order; clawbacks floor the cumulative returned share.
#include "CommissionTestSupport.h"

#include <gtest/gtest.h>

using namespace outpost::commissions;
using namespace outpost::commissions::test;

namespace {

// A plan with one unilevel level of `bp` and nothing else, so lines are easy to predict.
CommissionPlan singleLevelPlan(int bp, int matchingBp = 0)
{
    QJsonObject json{{QStringLiteral("currency"), QStringLiteral("EUR")},
                     {QStringLiteral("maxPayoutBp"), 10000},
                     {QStringLiteral("ranks"), QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("member")}}}},
                     {QStringLiteral("compression"), QJsonObject{{QStringLiteral("minPv"), 0}}},
                     {QStringLiteral("unilevel"),
                      QJsonObject{{QStringLiteral("tree"), QStringLiteral("sponsor")},
                                  {QStringLiteral("levels"), QJsonArray{QJsonObject{{QStringLiteral("percentBp"), bp}}}}}}};
    if (matchingBp > 0)
        json[QStringLiteral("matching")] = QJsonObject{
            {QStringLiteral("generationRank"), QStringLiteral("member")},
            {QStringLiteral("generations"), QJsonArray{QJsonObject{{QStringLiteral("percentBp"), matchingBp},
                                                                   {QStringLiteral("minRank"), QStringLiteral("member")}}}}};
    auto plan = CommissionPlan::fromJson(json);
    EXPECT_TRUE(plan.ok()) << plan.message().toStdString();
    return plan.value();
}

// root ← child (sponsor = placement), both active; root earns on the child's orders.
InputBuilder pair()
{
    InputBuilder b;
    b.distributor(-1, -1, DistributorStatus::Active, 0);
    b.distributor(0, 0, DistributorStatus::Active, 0);
    return b;
}

TEST(CommissionRoundingTest, EachOrderIsFlooredSeparatelyAndTheRemainderIsNotPaid)
{
    InputBuilder b = pair();
    b.order(1, 1, 10, 0, 19); // 5 % of 19 = 0.95 → 0
    b.order(2, 1, 11, 0, 21); // 5 % of 21 = 1.05 → 1
    b.order(3, 1, 12, 0, 39); // 1.95 → 1
    const CommissionPlan plan = singleLevelPlan(500);
    const auto r = CommissionEngine::run(plan, b.input);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->linesOf(0).size(), 3u);
    EXPECT_EQ(r->linesOf(0)[0].amount, 0); // a line that rounds to nothing is still shown
    EXPECT_EQ(r->linesOf(0)[1].amount, 1);
    EXPECT_EQ(r->linesOf(0)[2].amount, 1);
    EXPECT_EQ(r->distributors[0].total, 2); // not 5 % of 79 = 3.95 → 3

    // The summary keeps the per-order rounding: one line, base 79, amount 2, three orders.
    const auto s = CommissionEngine::run(plan, b.input, {LineDetail::Summary});
    ASSERT_TRUE(s.ok());
    ASSERT_EQ(s->linesOf(0).size(), 1u);
    EXPECT_EQ(s->linesOf(0)[0].amount, 2);
    EXPECT_EQ(s->linesOf(0)[0].base, 79);
    EXPECT_EQ(s->linesOf(0)[0].orderCount, 3);
}

TEST(CommissionRoundingTest, MatchingFloorsTheAlreadyFlooredLine)
{
    // root ← mid ← leaf. mid earns 33 % of 1001 = 330.33 → 330; root matches 10 % of 330 = 33 (not of 330.33).
    InputBuilder b;
    b.distributor(-1, -1, DistributorStatus::Active, 0);
    b.distributor(0, 0, DistributorStatus::Active, 0);
    b.distributor(1, 1, DistributorStatus::Active, 0);
    b.order(1, 2, 10, 0, 1001);
    b.order(2, 2, 11, 0, 9); // 33 % of 9 = 2.97 → 2; 10 % of 2 = 0.2 → 0
    const CommissionPlan plan = singleLevelPlan(3300, 1000);
    const auto r = CommissionEngine::run(plan, b.input);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->distributors[1].total, 332);
    EXPECT_EQ(r->distributors[0].total, 33);
    ASSERT_EQ(r->linesOf(0).size(), 2u);
    EXPECT_EQ(r->linesOf(0)[1].amount, 0);
    EXPECT_EQ(r->linesOf(0)[1].base, 2);
}

TEST(CommissionRoundingTest, LargeAmountsDoNotOverflow)
{
    InputBuilder b = pair();
    const Money huge = 99'999'999'999'999LL; // just under the 10^14 limit per order
    b.order(1, 1, 10, 0, huge);
    const auto r = CommissionEngine::run(singleLevelPlan(9999), b.input);
    ASSERT_TRUE(r.ok()) << r.message().toStdString();
    EXPECT_EQ(r->distributors[0].total, huge / 10000 * 9999 + (huge % 10000) * 9999 / 10000);

    // A clawback of a huge paid line by an awkward fraction uses exact 128-bit arithmetic.
    InputBuilder later = pair();
    later.returnOf(7, 1, 1, 20, 0, huge, 33'333'333'333'333LL, 0, r.value());
    const auto c = CommissionEngine::run(singleLevelPlan(9999), later.input);
    ASSERT_TRUE(c.ok()) << c.message().toStdString();
    const Money paid = r->distributors[0].total;
    // floor(paid × 33333333333333 / 99999999999999) = floor(paid / 3) here (the fraction is exactly 1/3).
    EXPECT_EQ(c->distributors[0].total, -(paid / 3));

    InputBuilder tooBig = pair();
    tooBig.order(1, 1, 10, 0, 100'000'000'000'001LL);
    const auto refused = CommissionEngine::run(singleLevelPlan(500), tooBig.input);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.message(), QStringLiteral("Order 1 has a negative or too large CV or PV"));
}

TEST(CommissionRoundingTest, PartialReturnsTelescopeToTheFullAmount)
{
    // Paid 100 on an order of CV 3; three returns of 1 CV each claw back 33, 33 and 34 — never 99 in total.
    const CommissionPlan plan = singleLevelPlan(500);
    PeriodResult original;
    original.lines.push_back({100, 3, 5, 0, 1, 1, 1, 3333, 1, PayoutRule::Unilevel, PayoutRule::Unilevel});
    Money clawed = 0;
    const Money expected[] = {-33, -33, -34};
    for (int i = 0; i < 3; ++i) {
        InputBuilder b = pair();
        b.returnOf(100 + i, 5, 1, 20, 0, 3, 1, i, original);
        const auto r = CommissionEngine::run(plan, b.input);
        ASSERT_TRUE(r.ok()) << r.message().toStdString();
        EXPECT_EQ(r->distributors[0].total, expected[i]) << "return " << i;
        clawed += r->distributors[0].total;
    }
    EXPECT_EQ(clawed, -100);
}

TEST(CommissionRoundingTest, ReturnsThatExceedTheOrderAreRefused)
{
    InputBuilder b = pair();
    PeriodResult original;
    b.returnOf(1, 5, 1, 20, 0, 100, 60, 50, original);
    const auto r = CommissionEngine::run(singleLevelPlan(500), b.input);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.message(), QStringLiteral("Return 1 of order 5 returns more than the order's CV, or a negative amount"));
}

TEST(CommissionRoundingTest, CyclesAndBadIndexesAreRefused)
{
    InputBuilder b;
    b.distributor(1, -1, DistributorStatus::Active, 0);
    b.distributor(0, -1, DistributorStatus::Active, 0);
    auto r = CommissionEngine::run(singleLevelPlan(500), b.input);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.message(), QStringLiteral("The sponsor tree has a cycle: a distributor is their own upline"));

    InputBuilder c = pair();
    c.order(1, 7, 10, 0, 100);
    r = CommissionEngine::run(singleLevelPlan(500), c.input);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.message(), QStringLiteral("Order 1 is attributed to an unknown distributor index 7"));
}

} // namespace
