#include "mutations/Hlc.h"

#include <gtest/gtest.h>

using namespace outpost;

TEST(HlcTest, RisesEvenWhenTheWallClockStepsBack)
{
    ManualClock clock(1'000'000);
    HybridLogicalClock hlc(clock, QStringLiteral("dev-a"));
    const QString a = hlc.now();
    clock.set(900'000); // clock stepped back
    const QString b = hlc.now();
    const QString c = hlc.now();
    EXPECT_LT(a, b);
    EXPECT_LT(b, c);
    clock.set(2'000'000);
    const QString d = hlc.now();
    EXPECT_LT(c, d);
    HybridLogicalClock::Timestamp t;
    ASSERT_TRUE(HybridLogicalClock::Timestamp::parse(d, &t));
    EXPECT_EQ(t.wallMs, 2'000'000);
    EXPECT_EQ(t.counter, 0);
    EXPECT_EQ(t.node, QStringLiteral("dev-a"));
}

TEST(HlcTest, ObservingARemoteTimestampMovesPastIt)
{
    ManualClock clock(1'000);
    HybridLogicalClock a(clock, QStringLiteral("a"));
    HybridLogicalClock b(clock, QStringLiteral("b"));
    ManualClock ahead(50'000);
    HybridLogicalClock remote(ahead, QStringLiteral("r"));
    const QString r = remote.now();
    a.observe(r);
    EXPECT_GT(a.now(), r);
    EXPECT_LT(b.now(), r); // b never saw it
}

TEST(HlcTest, RestoreContinuesAfterRestart)
{
    ManualClock clock(5'000);
    HybridLogicalClock first(clock, QStringLiteral("n"));
    first.now();
    const QString last = first.now();
    clock.set(1'000);
    HybridLogicalClock second(clock, QStringLiteral("n"));
    second.restore(last);
    EXPECT_GT(second.now(), last);
}

TEST(HlcTest, RejectsMalformedText)
{
    HybridLogicalClock::Timestamp t;
    EXPECT_FALSE(HybridLogicalClock::Timestamp::parse(QStringLiteral("garbage"), &t));
    EXPECT_FALSE(HybridLogicalClock::Timestamp::parse(QStringLiteral("000000000001000.0000x.n"), &t));
}
