// A hand-computed fixture: ten distributors, three months of orders, a partial return in March of a February
// order. Every figure below was worked out by hand from the plan in CommissionTestSupport.h before the engine
// ran; the engine must match to the cent. Amounts are in cents; "5 % of 12345 = 617.25 → 617" means the line
// is floor(12345 × 500 / 10000) = 617.
//
// Sponsor tree (enrolment)            Placement tree (unilevel)
//   A                                   A
//   ├─ B                                ├─ B
//   │  ├─ D                             │  └─ D
//   │  │  └─ H                          │     └─ E        (E placed under D, sponsored by B)
//   │  └─ E                             │        └─ H     (H placed under E, sponsored by D)
//   └─ C                                └─ C
//      ├─ F (inactive from February)       ├─ F
//      │  └─ G                             │  └─ G
//      │     └─ J (joins 10 February)      │     └─ J
//      └─ I (terminated)                   └─ I
//
// Everyone joined 1 June 2024, except E (20 December 2024: fast-start window to 19 January 12:00) and
// J (10 February 2025: window to 12 March 12:00). All times are at noon UTC.
#include "CommissionTestSupport.h"

#include <gtest/gtest.h>

using namespace outpost::commissions;
using namespace outpost::commissions::test;

namespace {

enum : qint32 { A, B, C, D, E, F, G, H, I, J };

constexpr RankIndex kBronze = 0, kSilver = 1;

class CommissionFixtureTest : public ::testing::Test
{
protected:
    CommissionPlan plan = examplePlan();

    // The ten (or, in January, nine) distributors with the statuses of the month.
    InputBuilder tree(bool withJ, DistributorStatus statusF)
    {
        InputBuilder b;
        const qint64 joined = utcNoon(2024, 6, 1);
        b.distributor(-1, -1, DistributorStatus::Active, joined);                   // A
        b.distributor(A, A, DistributorStatus::Active, joined);                     // B
        b.distributor(A, A, DistributorStatus::Active, joined);                     // C
        b.distributor(B, B, DistributorStatus::Active, joined);                     // D
        b.distributor(B, D, DistributorStatus::Active, utcNoon(2024, 12, 20));      // E
        b.distributor(C, C, statusF, joined);                                       // F
        b.distributor(F, F, DistributorStatus::Active, joined);                     // G
        b.distributor(D, E, DistributorStatus::Active, joined);                     // H
        b.distributor(C, C, DistributorStatus::Terminated, joined);                 // I
        if (withJ)
            b.distributor(G, G, DistributorStatus::Active, utcNoon(2025, 2, 10));   // J
        return b;
    }

    static const PayoutLine* findLine(const PeriodResult& r, qint32 earner, PayoutRule rule, qint64 order,
                                      qint32 source = -1)
    {
        for (const PayoutLine& l : r.linesOf(earner))
            if (l.rule == rule && l.sourceOrderId == order && (source < 0 || l.sourceDistributor == source))
                return &l;
        return nullptr;
    }

    // January. F is active. E's first order falls in her fast-start window.
    PeriodResult january()
    {
        InputBuilder b = tree(false, DistributorStatus::Active);
        b.input.periodStart = utcNoon(2025, 1, 1) - 12 * 3600 * 1000LL;
        b.input.periodEnd = utcNoon(2025, 2, 1) - 12 * 3600 * 1000LL;
        b.order(101, A, utcNoon(2025, 1, 5), 100, 9000);
        b.order(102, B, utcNoon(2025, 1, 6), 100, 10000);
        b.order(103, D, utcNoon(2025, 1, 7), {{60, 6000}, {40, 4000}}); // two lines: PV 100, CV 10000
        b.order(104, F, utcNoon(2025, 1, 8), 100, 8500);
        b.order(105, H, utcNoon(2025, 1, 9), 50, 4001);
        b.order(106, G, utcNoon(2025, 1, 9), 200, 15000);
        b.order(107, E, utcNoon(2025, 1, 10), 100, 10000);
        b.order(108, E, utcNoon(2025, 1, 25), 100, 5000);
        m_january = b.input;
        auto r = CommissionEngine::run(plan, b.input);
        EXPECT_TRUE(r.ok()) << r.message().toStdString();
        return r.value();
    }

    // February. F is inactive. D orders only 30 PV (below the compression minimum of 50). J joins.
    PeriodResult february()
    {
        InputBuilder b = tree(true, DistributorStatus::Inactive);
        b.order(201, A, utcNoon(2025, 2, 3), 100, 8000);
        b.order(202, B, utcNoon(2025, 2, 3), 150, 12345);
        b.order(203, C, utcNoon(2025, 2, 4), 120, 9999);
        b.order(204, D, utcNoon(2025, 2, 5), 30, 2500);
        b.order(205, E, utcNoon(2025, 2, 6), 300, 25000);
        b.order(206, G, utcNoon(2025, 2, 7), 900, 77777);
        b.order(207, H, utcNoon(2025, 2, 8), 700, 60000);
        b.order(208, J, utcNoon(2025, 2, 15), 200, 18000);
        m_february = b.input;
        auto r = CommissionEngine::run(plan, b.input);
        EXPECT_TRUE(r.ok()) << r.message().toStdString();
        return r.value();
    }

    // March. H returns 33333 of order 207's 60000 CV (389 PV); nobody reaches silver.
    PeriodResult march(const PeriodResult& feb)
    {
        InputBuilder b = tree(true, DistributorStatus::Inactive);
        b.order(301, A, utcNoon(2025, 3, 3), 100, 10000);
        b.order(302, B, utcNoon(2025, 3, 3), 100, 10000);
        b.order(303, H, utcNoon(2025, 3, 4), 500, 40000);
        b.order(304, J, utcNoon(2025, 3, 5), 100, 9000);
        b.order(305, J, utcNoon(2025, 3, 20), 100, 9000);
        b.order(306, G, utcNoon(2025, 3, 6), 100, 5000);
        b.returnOf(9001, 207, H, utcNoon(2025, 3, 10), 389, 60000, 33333, 0, feb);
        m_march = b.input;
        auto r = CommissionEngine::run(plan, b.input);
        EXPECT_TRUE(r.ok()) << r.message().toStdString();
        return r.value();
    }

    PeriodInput m_january, m_february, m_march;
};

// January
// PV: A 100, B 100, C 0, D 100, E 200, F 100, G 200, H 50, I 0.
// GV (sponsor): H 50; D 150; E 200; B 100+150+200 = 450; G 200; F 300; I 0; C 300; A 100+450+300 = 850.
// Ranks: nobody reaches silver (A: 100 + 450 + 300 = 850 < 1000). Bronze (PV ≥ 100, active): A B D E F G.
//   C (PV 0) and H (PV 50) have no rank. No silver ⇒ no generation boundary ⇒ no matching.
// Compression (placement): C skipped (PV 0 < 50), I terminated; H qualifies with exactly 50.
// Unilevel:
//   102 B 10000: L1 A 5 % = 500
//   103 D 10000: L1 B 5 % = 500; L2 A 4 % = 400
//   107 E 10000: L1 D 5 % = 500; L2 B 4 % = 400; L3 A bronze 0 % (level used, nothing paid)
//   108 E  5000: L1 D 250; L2 B 200
//   105 H  4001: L1 E 5 % = 200.05 → 200; L2 D 4 % = 160.04 → 160; L3 B 0 %
//   104 F  8500: C skipped ⇒ L1 A (raw 2) 5 % = 425
//   106 G 15000: L1 F 5 % = 750; C skipped ⇒ L2 A (raw 3) 4 % = 600
// Fast start: 107 (10 Jan, inside E's window) → B 10 % = 1000; 108 (25 Jan) is outside.
// Totals: A 500+400+425+600 = 1925; B 500+400+200+1000 = 2100; D 500+250+160 = 910; E 200; F 750.
TEST_F(CommissionFixtureTest, JanuaryPaysEachDistributorToTheCent)
{
    const PeriodResult r = january();
    const std::vector<Money> expected = {1925, 2100, 0, 910, 200, 750, 0, 0, 0};
    for (qint32 d = 0; d < qint32(expected.size()); ++d)
        EXPECT_EQ(r.distributors[size_t(d)].total, expected[size_t(d)]) << "distributor " << char('A' + d);
    EXPECT_EQ(r.totalPaid, 5885);

    EXPECT_EQ(r.distributors[A].gv, 850);
    EXPECT_EQ(r.distributors[A].paidAsRank, kBronze);
    EXPECT_EQ(r.distributors[A].nextGvShort, 150);
    EXPECT_EQ(r.distributors[C].paidAsRank, kNoRank);
    EXPECT_FALSE(r.distributors[C].qualified);
    EXPECT_TRUE(r.distributors[H].qualified);
    EXPECT_EQ(r.distributors[H].paidAsRank, kNoRank);

    const PayoutLine* f104 = findLine(r, A, PayoutRule::Unilevel, 104);
    ASSERT_NE(f104, nullptr);
    EXPECT_EQ(f104->amount, 425);
    EXPECT_EQ(f104->levelCompressed, 1);
    EXPECT_EQ(f104->levelRaw, 2);
    EXPECT_EQ(f104->base, 8500);
    EXPECT_EQ(f104->bp, 500);

    const PayoutLine* h105 = findLine(r, D, PayoutRule::Unilevel, 105);
    ASSERT_NE(h105, nullptr);
    EXPECT_EQ(h105->amount, 160);
    EXPECT_EQ(h105->levelCompressed, 2);

    const PayoutLine* fs = findLine(r, B, PayoutRule::FastStart, 107);
    ASSERT_NE(fs, nullptr);
    EXPECT_EQ(fs->amount, 1000);
    EXPECT_EQ(fs->sourceDistributor, E);
    EXPECT_EQ(findLine(r, B, PayoutRule::FastStart, 108), nullptr);
    // A's level 3 on E's orders pays nothing: bronze does not unlock level 3, and the level does not pass up.
    EXPECT_EQ(findLine(r, A, PayoutRule::Unilevel, 107), nullptr);
    EXPECT_EQ(r.distributors[A].byRule[size_t(PayoutRule::Matching)], 0);
}

// February
// PV: A 100, B 150, C 120, D 30, E 300, F 0 (inactive), G 900, H 700, I 0, J 200.
// GV: H 700; D 730; E 300; B 150+730+300 = 1180; J 200; G 1100; F 1100; I 0; C 1220; A 100+1180+1220 = 2500.
// Ranks:
//   B silver: 150 + min(730, 600) + min(300, 600) = 1050 ≥ 1000.
//   G silver: 900 + min(200, 600) = 1100.
//   A silver: 100 + 600 + 600 = 1300. Not gold: 100 + 1180 + 1220 = 2500 < 3000 (500 short), though both
//     legs hold a silver (B, and G under C).
//   C misses silver: raw GV 1220, but the leg through F counts at most 600: 120 + 600 + 0 = 720 (280 short).
//     C is bronze. D (PV 30) has no rank; E H J bronze; F inactive and I terminated have none.
// Compression: D (PV 30 < 50), F (inactive), I (terminated) are skipped.
// Generation boundaries (qualified, silver+): A, B and G. Matchers: of B, C and G → A (gen 1, 10 %; F and C
//   are not boundaries); of E → B (gen 1, 10 %); A is E's gen 2, which needs gold. G would match J's unilevel
//   earnings, but J earns none.
// Unilevel (placement; A, B, G silver; C, E bronze):
//   202 B 12345: L1 A 617.25 → 617
//   203 C  9999: L1 A 499.95 → 499
//   204 D  2500: L1 B 125; L2 A 4 % = 100
//   205 E 25000: D skipped ⇒ L1 B (raw 2) 1250; L2 A (raw 3) 1000
//   207 H 60000: L1 E 3000; D skipped ⇒ L2 B (raw 3) 2400; L3 A (raw 4) silver 3 % = 1800
//   206 G 77777: F skipped ⇒ L1 C (raw 2) 3888.85 → 3888; L2 A 3111.08 → 3111
//   208 J 18000: L1 G 900; F skipped ⇒ L2 C (raw 3) 720; L3 A (raw 4) 540
// Fast start: 208 (15 Feb, inside J's window) → G 10 % = 1800.
// Matching (10 % of each unilevel line, floored):
//   A on B: 125 → 12 (12.5), 1250 → 125, 2400 → 240; A on C: 3888 → 388 (388.8), 720 → 72; A on G: 900 → 90
//   B on E: 3000 → 300. G's fast start is not matched.
// Totals: A unilevel 617+499+100+1000+1800+3111+540 = 7667, matching 12+125+240+388+72+90 = 927 ⇒ 8594
//         B 125+1250+2400 = 3775 + 300 = 4075; C 3888+720 = 4608; E 3000; G 900+1800 = 2700. Sum 22977.
TEST_F(CommissionFixtureTest, FebruaryPaysEachDistributorToTheCent)
{
    const PeriodResult r = february();
    const std::vector<Money> expected = {8594, 4075, 4608, 0, 3000, 0, 2700, 0, 0, 0};
    for (qint32 d = 0; d < qint32(expected.size()); ++d)
        EXPECT_EQ(r.distributors[size_t(d)].total, expected[size_t(d)]) << "distributor " << char('A' + d);
    EXPECT_EQ(r.totalPaid, 22977);
    EXPECT_EQ(r.distributors[A].byRule[size_t(PayoutRule::Unilevel)], 7667);
    EXPECT_EQ(r.distributors[A].byRule[size_t(PayoutRule::Matching)], 927);
    EXPECT_EQ(r.distributors[G].byRule[size_t(PayoutRule::FastStart)], 1800);

    EXPECT_EQ(r.distributors[A].paidAsRank, kSilver);
    EXPECT_EQ(r.distributors[B].paidAsRank, kSilver);
    EXPECT_EQ(r.distributors[C].paidAsRank, kBronze);
    EXPECT_EQ(r.distributors[C].gv, 1220);
    EXPECT_EQ(r.distributors[C].qualifyingGv, 1220); // toward bronze, which has no leg cap
    EXPECT_EQ(r.distributors[C].nextGvShort, 280);
    EXPECT_EQ(r.distributors[A].gv, 2500);
    EXPECT_EQ(r.distributors[A].qualifyingGv, 1300);
    EXPECT_EQ(r.distributors[A].nextGvShort, 500);
    EXPECT_EQ(r.distributors[A].nextLegsShort, 0);
    EXPECT_EQ(r.distributors[G].paidAsRank, kSilver);
    EXPECT_FALSE(r.distributors[D].qualified);
    EXPECT_FALSE(r.distributors[F].qualified);

    // Key lines.
    const PayoutLine* aOnH = findLine(r, A, PayoutRule::Unilevel, 207);
    ASSERT_NE(aOnH, nullptr);
    EXPECT_EQ(aOnH->amount, 1800);
    EXPECT_EQ(aOnH->levelCompressed, 3);
    EXPECT_EQ(aOnH->levelRaw, 4);
    EXPECT_EQ(aOnH->bp, 300);
    const PayoutLine* cOnG = findLine(r, C, PayoutRule::Unilevel, 206);
    ASSERT_NE(cOnG, nullptr);
    EXPECT_EQ(cOnG->amount, 3888);
    EXPECT_EQ(cOnG->levelCompressed, 1);
    EXPECT_EQ(cOnG->levelRaw, 2);
    const PayoutLine* match = findLine(r, A, PayoutRule::Matching, 206, C);
    ASSERT_NE(match, nullptr);
    EXPECT_EQ(match->amount, 388);
    EXPECT_EQ(match->base, 3888);
    EXPECT_EQ(match->levelCompressed, 1); // generation 1
    EXPECT_EQ(match->levelRaw, 1);        // C is A's direct enrollee
    const PayoutLine* matchG = findLine(r, A, PayoutRule::Matching, 208, G);
    ASSERT_NE(matchG, nullptr);
    EXPECT_EQ(matchG->amount, 90);
    EXPECT_EQ(matchG->levelRaw, 3); // A → C → F → G
    const PayoutLine* bOnE = findLine(r, B, PayoutRule::Matching, 207, E);
    ASSERT_NE(bOnE, nullptr);
    EXPECT_EQ(bOnE->amount, 300);
    EXPECT_EQ(findLine(r, A, PayoutRule::Matching, 207, E), nullptr); // gen 2 needs gold

    // Nothing is paid to a compressed distributor.
    EXPECT_TRUE(r.linesOf(D).empty());
    EXPECT_TRUE(r.linesOf(F).empty());
}

TEST_F(CommissionFixtureTest, FebruaryTraceExplainsWhyCMissesSilver)
{
    const PeriodResult r = february();
    const QualificationTrace t = CommissionEngine::qualificationTrace(plan, m_february, r, C);
    ASSERT_EQ(t.ranks.size(), 3u);
    ASSERT_EQ(t.legs.size(), 2u);
    EXPECT_EQ(t.legs[0].child, F);
    EXPECT_EQ(t.legs[0].volume, 1100);
    EXPECT_EQ(t.legs[0].maxRank, kSilver); // G
    const QualificationTrace::RankCheck& silver = t.ranks[size_t(kSilver)];
    EXPECT_TRUE(silver.pvMet());
    EXPECT_FALSE(silver.gvMet());
    EXPECT_EQ(silver.qualifyingGv, 720);
    EXPECT_EQ(silver.legCapApplied, 600);
    EXPECT_TRUE(t.ranks[size_t(kBronze)].met());
    const QStringList text = t.describe(plan);
    EXPECT_TRUE(text.contains(QStringLiteral("Paid as: Bronze")));
    EXPECT_TRUE(text.contains(QStringLiteral("Next rank Silver needs: 280 more qualifying GV"))) << text.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral(
        "Silver: not qualified — PV 120 of 100 (met); qualifying GV 720 of 1000, each leg counted up to 600 (missing 280)")))
        << text.join(QLatin1Char('\n')).toStdString();

    const QualificationTrace ta = CommissionEngine::qualificationTrace(plan, m_february, r, A);
    EXPECT_TRUE(ta.describe(plan).contains(QStringLiteral("Next rank Gold needs: 500 more qualifying GV")))
        << ta.describe(plan).join(QLatin1Char('\n')).toStdString();
}

// March
// H returns 33333 of order 207's 60000 CV and 389 PV.
// PV: A 100, B 100, C 0, D 0, E 0, F 0, G 100, H 500 − 389 = 111, I 0, J 200.
// GV: H 111; D 111; E 0; B 211; J 200; G 300; F 300; C 300; A 611 ⇒ nobody silver, no matching.
// Bronze: A B G H J. Compression: C D E (PV 0), F, I skipped.
// Unilevel:
//   302 B 10000: L1 A 500
//   303 H 40000: E, D skipped ⇒ L1 B (raw 3) 2000; L2 A (raw 4) 4 % = 1600
//   304 J  9000: L1 G 450; F, C skipped ⇒ L2 A (raw 4) 360
//   305 J  9000: L1 G 450; L2 A 360
//   306 G  5000: F, C skipped ⇒ L1 A (raw 3) 250
// Fast start: 304 (5 March, inside J's window to 12 March) → G 900; 305 (20 March) outside.
// Clawbacks of order 207 (paid in February), floor(paid × 33333 / 60000):
//   E unilevel 3000 → 1666 (1666.65); B unilevel 2400 → 1333 (1333.32); A unilevel 1800 → 999 (999.99);
//   A matching 240 → 133 (133.332); B matching 300 → 166 (166.665).
// Totals: A 500+1600+360+360+250 = 3070 − 999 − 133 = 1938; B 2000 − 1333 − 166 = 501; E −1666;
//         G 450+450+900 = 1800. Sum 2573.
TEST_F(CommissionFixtureTest, MarchClawsBackThePartialReturnOfAFebruaryOrder)
{
    const PeriodResult feb = february();
    const PeriodResult r = march(feb);
    const std::vector<Money> expected = {1938, 501, 0, 0, -1666, 0, 1800, 0, 0, 0};
    for (qint32 d = 0; d < qint32(expected.size()); ++d)
        EXPECT_EQ(r.distributors[size_t(d)].total, expected[size_t(d)]) << "distributor " << char('A' + d);
    EXPECT_EQ(r.totalPaid, 2573);
    EXPECT_EQ(r.distributors[H].pv, 111);
    EXPECT_EQ(r.distributors[A].paidAsRank, kBronze);

    EXPECT_EQ(r.distributors[A].byRule[size_t(PayoutRule::Clawback)], -1132);
    EXPECT_EQ(r.distributors[B].byRule[size_t(PayoutRule::Clawback)], -1499);
    EXPECT_EQ(r.distributors[E].byRule[size_t(PayoutRule::Clawback)], -1666);

    int clawbacks = 0;
    for (const PayoutLine& l : r.lines) {
        if (l.rule != PayoutRule::Clawback)
            continue;
        ++clawbacks;
        EXPECT_EQ(l.sourceOrderId, 207);
        EXPECT_LT(l.amount, 0);
    }
    EXPECT_EQ(clawbacks, 5);
    const PayoutLine* bMatch = nullptr;
    for (const PayoutLine& l : r.linesOf(B))
        if (l.rule == PayoutRule::Clawback && l.clawedRule == PayoutRule::Matching)
            bMatch = &l;
    ASSERT_NE(bMatch, nullptr);
    EXPECT_EQ(bMatch->amount, -166);
    EXPECT_EQ(bMatch->base, 300);
    EXPECT_EQ(bMatch->sourceDistributor, E);

    const PayoutLine* bOnH = findLine(r, B, PayoutRule::Unilevel, 303);
    ASSERT_NE(bOnH, nullptr);
    EXPECT_EQ(bOnH->levelRaw, 3);
    EXPECT_EQ(bOnH->levelCompressed, 1);
    EXPECT_EQ(findLine(r, G, PayoutRule::FastStart, 304)->amount, 900);
    EXPECT_EQ(findLine(r, G, PayoutRule::FastStart, 305), nullptr);
}

TEST_F(CommissionFixtureTest, ReturningTheRestOfTheOrderLaterClawsBackExactlyWhatWasPaid)
{
    // A second return in April of the remaining 26667: together the two returns reverse order 207 exactly,
    // though each alone was floored.
    const PeriodResult feb = february();
    const PeriodResult mar = march(feb);
    InputBuilder b = tree(true, DistributorStatus::Inactive);
    b.returnOf(9002, 207, H, utcNoon(2025, 4, 2), 311, 60000, 26667, 33333, feb);
    const auto apr = CommissionEngine::run(plan, b.input);
    ASSERT_TRUE(apr.ok()) << apr.message().toStdString();
    const auto on207 = [](const PayoutLine& l) { return l.sourceOrderId == 207; };
    EXPECT_EQ(sumLines(feb, on207) + sumLines(mar, on207) + sumLines(apr.value(), on207), 0);
    EXPECT_EQ(apr->distributors[E].total, -(3000 - 1666));
}

TEST_F(CommissionFixtureTest, SummaryLinesPayTheSameAsPerOrderLines)
{
    const PeriodResult perOrder = february();
    const auto summary = CommissionEngine::run(plan, m_february, {LineDetail::Summary});
    ASSERT_TRUE(summary.ok());
    for (size_t d = 0; d < perOrder.distributors.size(); ++d) {
        EXPECT_EQ(summary->distributors[d].total, perOrder.distributors[d].total);
        for (int rule = 0; rule < kPayoutRuleCount; ++rule)
            EXPECT_EQ(summary->distributors[d].byRule[rule], perOrder.distributors[d].byRule[rule]);
    }
    // A's matching on C folds 388 + 72 into one line over C's unilevel earnings 3888 + 720.
    bool found = false;
    for (const PayoutLine& l : summary->linesOf(A)) {
        if (l.rule == PayoutRule::Matching && l.sourceDistributor == C) {
            found = true;
            EXPECT_EQ(l.amount, 460);
            EXPECT_EQ(l.base, 4608);
            EXPECT_EQ(l.orderCount, 2);
        }
    }
    EXPECT_TRUE(found);
}

} // namespace
