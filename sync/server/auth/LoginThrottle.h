#pragma once

#include "util/Clock.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QString>
#include <QStringView>
#include <vector>

namespace outpost::auth {

// Slows password and TOTP guessing at outpost-server's login. In memory, per server process.
//
// - Per account: `accountFailureLimit` failures within `accountWindowMs` lock the account for the next
//   entry of `lockoutDurationsMs` (1 min, 5 min, 15 min, 1 h, then 1 h again...). The escalation level is
//   kept across locks and forgotten after a successful login or `escalationMemoryMs` without failures.
// - Per client address: `addressFailureLimit` failures within `addressWindowMs` (sliding) block that
//   address until the oldest of them leaves the window. IPv6 addresses are grouped by their /64 prefix
//   (one subscriber usually holds a whole /64); IPv4-mapped IPv6 addresses count as the IPv4 address.
//
// The caller asks check() before verifying anything, calls recordFailure() for a wrong password, a wrong
// or replayed TOTP code and an unknown account alike (so a lock says nothing about whether an account
// exists), and recordSuccess() after a complete login. recordSuccess() clears the account's state but not
// the address's: otherwise an attacker could reset their address's count by logging into an account of
// their own between guesses.
//
// Account names are compared case-folded and trimmed, so "Alice@Example.com" and "alice@example.com"
// share one counter. Memory is bounded: at most `maxTrackedAccounts` and `maxTrackedAddresses` entries,
// each holding at most its limit of timestamps; expired entries are dropped first, then the least recently
// active ones. Thread-safe.
//
// In a deployment of several server instances behind one database each instance throttles on its own;
// the limits then apply per instance.
class LoginThrottle
{
    Q_DECLARE_TR_FUNCTIONS(LoginThrottle)
public:
    struct Policy
    {
        int accountFailureLimit = 5;
        qint64 accountWindowMs = 15 * 60'000;
        std::vector<qint64> lockoutDurationsMs{60'000, 5 * 60'000, 15 * 60'000, 60 * 60'000};
        qint64 escalationMemoryMs = 24 * 60 * 60'000;
        int addressFailureLimit = 20;
        qint64 addressWindowMs = 10 * 60'000;
        qsizetype maxTrackedAccounts = 100'000;
        qsizetype maxTrackedAddresses = 100'000;
    };

    enum class Reason
    {
        None,
        AccountLocked,
        AddressBlocked,
    };

    struct Decision
    {
        Reason reason = Reason::None;
        qint64 retryAfterSeconds = 0; // rounded up; 0 when allowed

        bool allowed() const { return reason == Reason::None; }
        // User-readable; says when to try again. Empty when allowed.
        QString message() const;
    };

    explicit LoginThrottle(const Clock& clock = Clock::system());
    LoginThrottle(const Clock& clock, Policy policy);

    // Whether a login attempt for `account` from `address` may proceed now. When both the account and the
    // address are held back, the longer wait is reported.
    Decision check(const QString& account, const QString& address) const;

    void recordFailure(const QString& account, const QString& address);
    void recordSuccess(const QString& account, const QString& address);

    qsizetype trackedAccounts() const;
    qsizetype trackedAddresses() const;

    // The key an address is counted under: an IPv4 address as given, an IPv6 address as its /64 prefix
    // ("2001:db8:1:2::/64"), an IPv4-mapped IPv6 address as the IPv4 address; any other text trimmed and
    // lower-cased.
    static QString addressKey(QStringView address);
    static QString accountKey(QStringView account);

private:
    struct AccountState
    {
        std::vector<qint64> failures; // times within the window, oldest first; at most the limit
        qint64 lockedUntilMs = 0;
        qint64 lastLockEndMs = 0; // end of the most recent lock, for forgetting the escalation level
        int level = 0;            // number of locks so far; the next lock uses lockoutDurationsMs[level]
        qint64 lastActivityMs = 0;
    };
    struct AddressState
    {
        std::vector<qint64> failures; // likewise
        qint64 lastActivityMs = 0;
    };

    qint64 accountWaitMs(const AccountState& state, qint64 now) const;
    qint64 addressWaitMs(const AddressState& state, qint64 now) const;
    bool accountExpired(const AccountState& state, qint64 now) const;
    bool addressExpired(const AddressState& state, qint64 now) const;
    void makeRoomForAccount(qint64 now);
    void makeRoomForAddress(qint64 now);

    const Clock& m_clock;
    Policy m_policy;
    mutable QMutex m_mutex;
    QHash<QString, AccountState> m_accounts;
    QHash<QString, AddressState> m_addresses;
};

} // namespace outpost::auth
