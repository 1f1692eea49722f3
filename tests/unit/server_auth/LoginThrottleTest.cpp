#include "auth/LoginThrottle.h"

#include <gtest/gtest.h>
#include <thread>
#include <vector>

using namespace outpost;
using namespace outpost::auth;

namespace {

using Reason = LoginThrottle::Reason;

constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;
constexpr qint64 Hour = 60 * Minute;

const QString Alice = QStringLiteral("alice@example.com");
const QString Bob = QStringLiteral("bob@example.com");
const QString Ip1 = QStringLiteral("192.0.2.1");
const QString Ip2 = QStringLiteral("198.51.100.7");

void fail(LoginThrottle& throttle, const QString& account, const QString& ip, int times)
{
    for (int i = 0; i < times; ++i)
        throttle.recordFailure(account, ip);
}

// Fails until the account is locked and returns the lock's length in seconds.
qint64 lockAndMeasure(LoginThrottle& throttle, const QString& account, const QString& ip)
{
    fail(throttle, account, ip, 5);
    const LoginThrottle::Decision d = throttle.check(account, ip);
    EXPECT_EQ(d.reason, Reason::AccountLocked);
    return d.retryAfterSeconds;
}

} // namespace

TEST(LoginThrottle, NewAccountsAndAddressesAreAllowed)
{
    ManualClock clock;
    const LoginThrottle throttle(clock);
    const LoginThrottle::Decision d = throttle.check(Alice, Ip1);
    EXPECT_TRUE(d.allowed());
    EXPECT_EQ(d.reason, Reason::None);
    EXPECT_EQ(d.retryAfterSeconds, 0);
    EXPECT_TRUE(d.message().isEmpty());
}

TEST(LoginThrottle, LocksTheAccountAfterFiveFailures)
{
    ManualClock clock;
    LoginThrottle throttle(clock);
    for (int i = 1; i <= 4; ++i) {
        throttle.recordFailure(Alice, Ip1);
        clock.advance(10 * Second);
        EXPECT_TRUE(throttle.check(Alice, Ip1).allowed()) << "after failure " << i;
    }
    throttle.recordFailure(Alice, Ip1);
    const LoginThrottle::Decision d = throttle.check(Alice, Ip1);
    EXPECT_FALSE(d.allowed());
    EXPECT_EQ(d.reason, Reason::AccountLocked);
    EXPECT_EQ(d.retryAfterSeconds, 60);
    EXPECT_FALSE(d.message().isEmpty());
    EXPECT_TRUE(d.message().contains(QStringLiteral("60"))) << d.message().toStdString();

    // The lock is on the account: another address gets the same answer, another account is not affected.
    EXPECT_EQ(throttle.check(Alice, Ip2).reason, Reason::AccountLocked);
    EXPECT_TRUE(throttle.check(Bob, Ip1).allowed());
}

TEST(LoginThrottle, UnlocksWhenTheLockHasPassed)
{
    ManualClock clock;
    LoginThrottle throttle(clock);
    fail(throttle, Alice, Ip1, 5);
    clock.advance(59 * Second);
    LoginThrottle::Decision d = throttle.check(Alice, Ip1);
    EXPECT_EQ(d.reason, Reason::AccountLocked);
    EXPECT_EQ(d.retryAfterSeconds, 1);
    clock.advance(999);
    EXPECT_EQ(throttle.check(Alice, Ip1).retryAfterSeconds, 1) << "rounded up, never 0 while locked";
    clock.advance(1);
    EXPECT_TRUE(throttle.check(Alice, Ip1).allowed());
}

TEST(LoginThrottle, FailuresDuringALockDoNotLengthenIt)
{
    ManualClock clock;
    LoginThrottle throttle(clock);
    fail(throttle, Alice, Ip1, 5);
    clock.advance(30 * Second);
    fail(throttle, Alice, Ip1, 10);
    EXPECT_EQ(throttle.check(Alice, Ip1).retryAfterSeconds, 30);
}

TEST(LoginThrottle, LockDurationsEscalateAndStayAtTheLast)
{
    ManualClock clock;
    LoginThrottle throttle(clock);
    const std::vector<qint64> expectedSeconds{60, 5 * 60, 15 * 60, 60 * 60, 60 * 60};
    for (const qint64 expected : expectedSeconds) {
        EXPECT_EQ(lockAndMeasure(throttle, Alice, Ip2), expected);
        clock.advance(expected * Second);
        EXPECT_TRUE(throttle.check(Alice, Ip2).allowed());
    }
}

TEST(LoginThrottle, FailuresOutsideTheWindowDoNotAddUp)
{
    ManualClock clock;
    LoginThrottle throttle(clock);
    fail(throttle, Alice, Ip1, 4);
    clock.advance(15 * Minute);
    fail(throttle, Alice, Ip1, 4);
    EXPECT_TRUE(throttle.check(Alice, Ip1).allowed()) << "4 + 4 failures, but never 5 within 15 minutes";
    throttle.recordFailure(Alice, Ip1);
    EXPECT_EQ(throttle.check(Alice, Ip1).reason, Reason::AccountLocked);
}

TEST(LoginThrottle, EscalationIsForgottenAfterADayWithoutFailures)
{
    ManualClock clock;
    LoginThrottle throttle(clock);
    EXPECT_EQ(lockAndMeasure(throttle, Alice, Ip1), 60);
    clock.advance(Minute);
    EXPECT_EQ(lockAndMeasure(throttle, Alice, Ip1), 300);
    clock.advance(5 * Minute + 24 * Hour);
    EXPECT_EQ(lockAndMeasure(throttle, Alice, Ip1), 60) << "back to the first step";
}

TEST(LoginThrottle, SuccessClearsTheAccountsFailuresAndEscalation)
{
    ManualClock clock;
    LoginThrottle throttle(clock);
    EXPECT_EQ(lockAndMeasure(throttle, Alice, Ip1), 60);
    clock.advance(Minute);
    fail(throttle, Alice, Ip1, 4);
    throttle.recordSuccess(Alice, Ip1);
    fail(throttle, Alice, Ip1, 4);
    EXPECT_TRUE(throttle.check(Alice, Ip1).allowed()) << "the count started again at the success";
    throttle.recordFailure(Alice, Ip1);
    EXPECT_EQ(throttle.check(Alice, Ip1).retryAfterSeconds, 60) << "the escalation started again too";
}

TEST(LoginThrottle, AccountNamesAreComparedCaseFoldedAndTrimmed)
{
    ManualClock clock;
    LoginThrottle throttle(clock);
    fail(throttle, QStringLiteral("Alice@Example.COM"), Ip1, 3);
    fail(throttle, QStringLiteral(" alice@example.com "), Ip1, 2);
    EXPECT_EQ(throttle.check(QStringLiteral("ALICE@EXAMPLE.COM"), Ip1).reason, Reason::AccountLocked);
    EXPECT_EQ(throttle.trackedAccounts(), 1);
    EXPECT_EQ(LoginThrottle::accountKey(u"  \u00c9mile@Example.ORG "),
              QStringLiteral("\u00e9mile@example.org"));
    // A very long name is kept as a digest, not in full.
    const QString longName(100'000, QLatin1Char('a'));
    EXPECT_LE(LoginThrottle::accountKey(longName).size(), 256);
    EXPECT_NE(LoginThrottle::accountKey(longName),
              LoginThrottle::accountKey(QString(longName + QLatin1Char('b'))));
}

TEST(LoginThrottle, BlocksAnAddressAfterTwentyFailuresAcrossAccounts)
{
    ManualClock clock;
    LoginThrottle throttle(clock);
    // Password spraying: one guess per account, many accounts, one address.
    for (int i = 0; i < 19; ++i)
        throttle.recordFailure(QStringLiteral("user%1").arg(i), Ip1);
    EXPECT_TRUE(throttle.check(QStringLiteral("someone"), Ip1).allowed());
    throttle.recordFailure(QStringLiteral("user19"), Ip1);

    const LoginThrottle::Decision d = throttle.check(QStringLiteral("someone"), Ip1);
    EXPECT_EQ(d.reason, Reason::AddressBlocked);
    EXPECT_EQ(d.retryAfterSeconds, 10 * 60);
    EXPECT_FALSE(d.message().isEmpty());
    EXPECT_TRUE(throttle.check(QStringLiteral("someone"), Ip2).allowed())
        << "other addresses are not blocked";

    clock.advance(10 * Minute);
    EXPECT_TRUE(throttle.check(QStringLiteral("someone"), Ip1).allowed());
}

TEST(LoginThrottle, AddressWindowSlides)
{
    ManualClock clock;
    LoginThrottle throttle(clock);
    for (int i = 0; i < 10; ++i)
        throttle.recordFailure(QStringLiteral("a%1").arg(i), Ip1);
    clock.advance(5 * Minute);
    for (int i = 0; i < 10; ++i)
        throttle.recordFailure(QStringLiteral("b%1").arg(i), Ip1);
    // The oldest of the 20 failures leaves the window 5 minutes from now.
    EXPECT_EQ(throttle.check(Bob, Ip1).retryAfterSeconds, 5 * 60);
    clock.advance(5 * Minute);
    EXPECT_TRUE(throttle.check(Bob, Ip1).allowed());
    throttle.recordFailure(Bob, Ip1);
    EXPECT_TRUE(throttle.check(Bob, Ip1).allowed()) << "10 recent failures + 1: below the limit";
}

TEST(LoginThrottle, SuccessDoesNotResetTheAddressCount)
{
    // Otherwise an attacker could interleave logins to an account of their own to keep guessing.
    ManualClock clock;
    LoginThrottle throttle(clock);
    for (int i = 0; i < 19; ++i) {
        throttle.recordFailure(QStringLiteral("victim%1").arg(i), Ip1);
        throttle.recordSuccess(QStringLiteral("attacker"), Ip1);
    }
    throttle.recordFailure(QStringLiteral("victim19"), Ip1);
    EXPECT_EQ(throttle.check(QStringLiteral("attacker"), Ip1).reason, Reason::AddressBlocked);
}

TEST(LoginThrottle, TheLongerWaitIsReportedWhenBothAreHeldBack)
{
    ManualClock clock;
    LoginThrottle throttle(clock);
    fail(throttle, Alice, Ip1, 5); // Alice: 60 s
    for (int i = 0; i < 15; ++i)
        throttle.recordFailure(QStringLiteral("x%1").arg(i), Ip1); // Ip1: 20 failures, 600 s
    LoginThrottle::Decision d = throttle.check(Alice, Ip1);
    EXPECT_EQ(d.reason, Reason::AddressBlocked);
    EXPECT_EQ(d.retryAfterSeconds, 600);
    d = throttle.check(Alice, Ip2);
    EXPECT_EQ(d.reason, Reason::AccountLocked);
    EXPECT_EQ(d.retryAfterSeconds, 60);
}

TEST(LoginThrottle, AddressKeysGroupIpv6By64AndUnmapIpv4)
{
    EXPECT_EQ(LoginThrottle::addressKey(u"192.0.2.1"), QStringLiteral("192.0.2.1"));
    EXPECT_EQ(LoginThrottle::addressKey(u" 192.0.2.1 "), QStringLiteral("192.0.2.1"));
    EXPECT_EQ(LoginThrottle::addressKey(u"::ffff:192.0.2.1"), QStringLiteral("192.0.2.1"));
    EXPECT_EQ(LoginThrottle::addressKey(u"::FFFF:c000:0201"), QStringLiteral("192.0.2.1"));
    EXPECT_EQ(LoginThrottle::addressKey(u"2001:db8:1:2:3:4:5:6"), QStringLiteral("2001:db8:1:2::/64"));
    EXPECT_EQ(LoginThrottle::addressKey(u"2001:DB8:0001:0002::ffff"), QStringLiteral("2001:db8:1:2::/64"));
    EXPECT_EQ(LoginThrottle::addressKey(u"[2001:db8::1]"), QStringLiteral("2001:db8:0:0::/64"));
    EXPECT_EQ(LoginThrottle::addressKey(u"fe80::1%eth0"), QStringLiteral("fe80:0:0:0::/64"));
    EXPECT_EQ(LoginThrottle::addressKey(u"::1"), QStringLiteral("0:0:0:0::/64"));
    EXPECT_EQ(LoginThrottle::addressKey(u"::"), QStringLiteral("0:0:0:0::/64"));
    // Not an address: kept as text (lower-cased), so it still gets a counter of its own.
    EXPECT_EQ(LoginThrottle::addressKey(u"Not-An-Address"), QStringLiteral("not-an-address"));
    EXPECT_EQ(LoginThrottle::addressKey(u"1::2::3"), QStringLiteral("1::2::3"));
    EXPECT_EQ(LoginThrottle::addressKey(u"1:2:3:4:5:6:7:8:9"), QStringLiteral("1:2:3:4:5:6:7:8:9"));
    EXPECT_EQ(LoginThrottle::addressKey(u"256.1.1.1"), QStringLiteral("256.1.1.1"));
}

TEST(LoginThrottle, Ipv6AddressesInOneSlash64ShareACounter)
{
    ManualClock clock;
    LoginThrottle throttle(clock);
    for (int i = 1; i <= 20; ++i)
        throttle.recordFailure(QStringLiteral("user%1").arg(i),
                               QStringLiteral("2001:db8:1:2::%1").arg(i, 0, 16));
    EXPECT_EQ(throttle.check(Bob, QStringLiteral("2001:db8:1:2:ffff:ffff:ffff:ffff")).reason,
              Reason::AddressBlocked);
    EXPECT_TRUE(throttle.check(Bob, QStringLiteral("2001:db8:1:3::1")).allowed());
    EXPECT_EQ(throttle.trackedAddresses(), 1);
}

TEST(LoginThrottle, PolicyIsConfigurable)
{
    ManualClock clock;
    LoginThrottle::Policy policy;
    policy.accountFailureLimit = 3;
    policy.lockoutDurationsMs = {10 * Second, 20 * Second};
    policy.addressFailureLimit = 1000;
    LoginThrottle throttle(clock, policy);
    fail(throttle, Alice, Ip1, 3);
    EXPECT_EQ(throttle.check(Alice, Ip1).retryAfterSeconds, 10);
    clock.advance(10 * Second);
    fail(throttle, Alice, Ip1, 3);
    EXPECT_EQ(throttle.check(Alice, Ip1).retryAfterSeconds, 20);
}

TEST(LoginThrottle, MemoryStaysBoundedUnderAFloodOfNames)
{
    ManualClock clock;
    LoginThrottle::Policy policy;
    policy.maxTrackedAccounts = 100;
    policy.maxTrackedAddresses = 50;
    LoginThrottle throttle(clock, policy);
    for (int i = 0; i < 5000; ++i) {
        throttle.recordFailure(QStringLiteral("user%1").arg(i),
                               QStringLiteral("10.0.%1.%2").arg(i / 256).arg(i % 256));
        ASSERT_LE(throttle.trackedAccounts(), 100);
        ASSERT_LE(throttle.trackedAddresses(), 50);
    }
    EXPECT_GT(throttle.trackedAccounts(), 50) << "recent entries are kept, not everything dropped";
}

TEST(LoginThrottle, ExpiredEntriesAreDroppedFirst)
{
    ManualClock clock;
    LoginThrottle::Policy policy;
    policy.maxTrackedAccounts = 10;
    policy.maxTrackedAddresses = 10;
    LoginThrottle throttle(clock, policy);
    for (int i = 0; i < 10; ++i)
        throttle.recordFailure(QStringLiteral("old%1").arg(i), QStringLiteral("10.0.0.%1").arg(i));
    EXPECT_EQ(throttle.trackedAccounts(), 10);
    clock.advance(16 * Minute); // past both windows
    throttle.recordFailure(QStringLiteral("new"), QStringLiteral("10.0.1.1"));
    EXPECT_EQ(throttle.trackedAccounts(), 1);
    EXPECT_EQ(throttle.trackedAddresses(), 1);
}

TEST(LoginThrottle, FloodingNewNamesDoesNotLiftALock)
{
    ManualClock clock;
    LoginThrottle::Policy policy;
    policy.maxTrackedAccounts = 10;
    policy.addressFailureLimit = 1'000'000;
    LoginThrottle throttle(clock, policy);
    fail(throttle, Alice, Ip1, 5);
    for (int i = 0; i < 1000; ++i)
        throttle.recordFailure(QStringLiteral("flood%1").arg(i), Ip2);
    EXPECT_LE(throttle.trackedAccounts(), 10);
    EXPECT_EQ(throttle.check(Alice, Ip1).reason, Reason::AccountLocked);
}

TEST(LoginThrottle, ConcurrentUseIsSafe)
{
    ManualClock clock;
    LoginThrottle::Policy policy;
    policy.accountFailureLimit = 1000;
    policy.addressFailureLimit = 1'000'000;
    LoginThrottle throttle(clock, policy);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&throttle, t] {
            const QString account = QStringLiteral("user%1").arg(t);
            for (int i = 0; i < 999; ++i) {
                throttle.recordFailure(account, QStringLiteral("10.0.0.%1").arg(t));
                (void)throttle.check(account, QStringLiteral("10.0.0.%1").arg(t));
                throttle.recordSuccess(QStringLiteral("other%1").arg(t), QStringLiteral("10.0.0.9"));
            }
        });
    }
    for (std::thread& thread : threads)
        thread.join();
    // Every thread recorded 999 failures: one short of its account's limit, so no failure was lost or
    // double-counted if one more locks each account.
    for (int t = 0; t < 4; ++t) {
        const QString account = QStringLiteral("user%1").arg(t);
        EXPECT_TRUE(throttle.check(account, Ip1).allowed()) << t;
        throttle.recordFailure(account, Ip1);
        EXPECT_EQ(throttle.check(account, Ip1).reason, Reason::AccountLocked) << t;
    }
    EXPECT_EQ(throttle.trackedAccounts(), 4);
}
