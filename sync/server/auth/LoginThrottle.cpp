#include "auth/LoginThrottle.h"

#include <algorithm>
#include <array>
#include <optional>
#include <QCryptographicHash>
#include <QList>
#include <QMutexLocker>
#include <tuple>
#include <utility>

namespace outpost::auth {

namespace {

// Longer account names are counted under a digest, so a megabyte-long name costs no more memory than a
// short one.
constexpr qsizetype MaxAccountKeyLength = 256;

qint64 secondsRoundedUp(qint64 ms)
{
    return ms <= 0 ? 0 : (ms + 999) / 1000;
}

// Drops failures that have left the window and keeps at most `limit` of the newest.
void prune(std::vector<qint64>& failures, qint64 now, qint64 windowMs, int limit)
{
    const auto firstInWindow =
        std::find_if(failures.begin(), failures.end(), [&](qint64 t) { return t > now - windowMs; });
    failures.erase(failures.begin(), firstInWindow);
    const auto keep = static_cast<size_t>(std::max(limit, 1));
    if (failures.size() > keep)
        failures.erase(failures.begin(), failures.end() - static_cast<std::ptrdiff_t>(keep));
}

std::optional<quint16> parseHexGroup(QStringView text)
{
    if (text.isEmpty() || text.size() > 4)
        return std::nullopt;
    quint16 value = 0;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        int digit = -1;
        if (u >= u'0' && u <= u'9')
            digit = u - u'0';
        else if (u >= u'a' && u <= u'f')
            digit = u - u'a' + 10;
        else if (u >= u'A' && u <= u'F')
            digit = u - u'A' + 10;
        if (digit < 0)
            return std::nullopt;
        value = static_cast<quint16>(value * 16 + digit);
    }
    return value;
}

std::optional<std::array<quint8, 4>> parseIpv4(QStringView text)
{
    const QList<QStringView> parts = text.split(QLatin1Char('.'));
    if (parts.size() != 4)
        return std::nullopt;
    std::array<quint8, 4> out{};
    for (qsizetype i = 0; i < 4; ++i) {
        const QStringView part = parts.at(i);
        if (part.isEmpty() || part.size() > 3)
            return std::nullopt;
        int value = 0;
        for (const QChar c : part) {
            if (c < QLatin1Char('0') || c > QLatin1Char('9'))
                return std::nullopt;
            value = value * 10 + (c.unicode() - '0');
        }
        if (value > 255)
            return std::nullopt;
        out[static_cast<size_t>(i)] = static_cast<quint8>(value);
    }
    return out;
}

// The colon-separated groups of one side of "::"; a dotted IPv4 address may end the last side.
bool parseGroups(QStringView text, bool ipv4TailAllowed, std::vector<quint16>& out)
{
    if (text.isEmpty())
        return true;
    const QList<QStringView> parts = text.split(QLatin1Char(':'));
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QStringView part = parts.at(i);
        if (ipv4TailAllowed && i == parts.size() - 1 && part.contains(QLatin1Char('.'))) {
            const auto v4 = parseIpv4(part);
            if (!v4)
                return false;
            out.push_back(static_cast<quint16>(((*v4)[0] << 8) | (*v4)[1]));
            out.push_back(static_cast<quint16>(((*v4)[2] << 8) | (*v4)[3]));
            continue;
        }
        const auto group = parseHexGroup(part);
        if (!group)
            return false;
        out.push_back(*group);
    }
    return true;
}

std::optional<std::array<quint16, 8>> parseIpv6(QStringView text)
{
    const QList<QStringView> halves = text.split(QStringLiteral("::"));
    if (halves.size() > 2)
        return std::nullopt;
    std::vector<quint16> head;
    std::vector<quint16> tail;
    if (!parseGroups(halves.at(0), halves.size() == 1, head))
        return std::nullopt;
    if (halves.size() == 2 && !parseGroups(halves.at(1), true, tail))
        return std::nullopt;
    std::array<quint16, 8> out{};
    if (halves.size() == 1) {
        if (head.size() != 8)
            return std::nullopt;
        std::copy(head.begin(), head.end(), out.begin());
        return out;
    }
    if (head.size() + tail.size() > 7)
        return std::nullopt;
    std::copy(head.begin(), head.end(), out.begin());
    std::copy(tail.begin(), tail.end(), out.end() - static_cast<std::ptrdiff_t>(tail.size()));
    return out;
}

} // namespace

QString LoginThrottle::Decision::message() const
{
    if (allowed())
        return {};
    const int minutes = static_cast<int>((retryAfterSeconds + 59) / 60);
    const QString when = retryAfterSeconds < 120
                             ? tr("in %n second(s)", nullptr, static_cast<int>(retryAfterSeconds))
                             : tr("in %n minute(s)", nullptr, minutes);
    if (reason == Reason::AccountLocked)
        return tr("Too many failed sign-in attempts for this account. Try again %1, or ask an administrator "
                  "to check the account.")
            .arg(when);
    return tr("Too many failed sign-in attempts from your network address. Try again %1.").arg(when);
}

LoginThrottle::LoginThrottle(const Clock& clock)
    : LoginThrottle(clock, Policy())
{}

LoginThrottle::LoginThrottle(const Clock& clock, Policy policy)
    : m_clock(clock)
    , m_policy(std::move(policy))
{
    m_policy.accountFailureLimit = std::max(m_policy.accountFailureLimit, 1);
    m_policy.addressFailureLimit = std::max(m_policy.addressFailureLimit, 1);
    m_policy.maxTrackedAccounts = std::max<qsizetype>(m_policy.maxTrackedAccounts, 1);
    m_policy.maxTrackedAddresses = std::max<qsizetype>(m_policy.maxTrackedAddresses, 1);
}

QString LoginThrottle::accountKey(QStringView account)
{
    QString key = account.trimmed().toString().toCaseFolded();
    if (key.size() > MaxAccountKeyLength)
        key = QStringLiteral("sha256:") +
              QString::fromLatin1(QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex());
    return key;
}

QString LoginThrottle::addressKey(QStringView address)
{
    QStringView text = address.trimmed();
    if (text.startsWith(QLatin1Char('[')) && text.endsWith(QLatin1Char(']')))
        text = text.mid(1, text.size() - 2);
    if (const qsizetype zone = text.indexOf(QLatin1Char('%')); zone >= 0)
        text = text.left(zone); // fe80::1%eth0: the zone names an interface, not a host
    if (text.contains(QLatin1Char(':'))) {
        if (const auto groups = parseIpv6(text)) {
            const auto& g = *groups;
            const bool v4Mapped =
                g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
            if (v4Mapped)
                return QStringLiteral("%1.%2.%3.%4")
                    .arg(g[6] >> 8)
                    .arg(g[6] & 0xff)
                    .arg(g[7] >> 8)
                    .arg(g[7] & 0xff);
            return QStringLiteral("%1:%2:%3:%4::/64")
                .arg(g[0], 0, 16)
                .arg(g[1], 0, 16)
                .arg(g[2], 0, 16)
                .arg(g[3], 0, 16);
        }
    } else if (const auto v4 = parseIpv4(text)) {
        return QStringLiteral("%1.%2.%3.%4").arg((*v4)[0]).arg((*v4)[1]).arg((*v4)[2]).arg((*v4)[3]);
    }
    QString key = text.toString().toLower();
    if (key.size() > MaxAccountKeyLength)
        key.truncate(MaxAccountKeyLength);
    return key;
}

qint64 LoginThrottle::accountWaitMs(const AccountState& state, qint64 now) const
{
    return std::max<qint64>(state.lockedUntilMs - now, 0);
}

qint64 LoginThrottle::addressWaitMs(const AddressState& state, qint64 now) const
{
    // The vector keeps at most `limit` newest failures: blocked while all of them are inside the window.
    if (static_cast<qsizetype>(state.failures.size()) < m_policy.addressFailureLimit)
        return 0;
    return std::max<qint64>(state.failures.front() + m_policy.addressWindowMs - now, 0);
}

bool LoginThrottle::accountExpired(const AccountState& state, qint64 now) const
{
    const bool failuresGone =
        state.failures.empty() || state.failures.back() + m_policy.accountWindowMs <= now;
    const bool levelForgotten = state.level == 0 || state.lastLockEndMs + m_policy.escalationMemoryMs <= now;
    return state.lockedUntilMs <= now && failuresGone && levelForgotten;
}

bool LoginThrottle::addressExpired(const AddressState& state, qint64 now) const
{
    return state.failures.empty() || state.failures.back() + m_policy.addressWindowMs <= now;
}

LoginThrottle::Decision LoginThrottle::check(const QString& account, const QString& address) const
{
    const QString accountId = accountKey(account);
    const QString addressId = addressKey(address);
    QMutexLocker locker(&m_mutex);
    const qint64 now = m_clock.nowMs();

    qint64 accountWait = 0;
    if (const auto it = m_accounts.constFind(accountId); it != m_accounts.constEnd())
        accountWait = accountWaitMs(*it, now);
    qint64 addressWait = 0;
    if (const auto it = m_addresses.constFind(addressId); it != m_addresses.constEnd())
        addressWait = addressWaitMs(*it, now);

    Decision d;
    if (accountWait == 0 && addressWait == 0)
        return d;
    d.reason = addressWait >= accountWait ? Reason::AddressBlocked : Reason::AccountLocked;
    d.retryAfterSeconds = secondsRoundedUp(std::max(accountWait, addressWait));
    return d;
}

void LoginThrottle::recordFailure(const QString& account, const QString& address)
{
    const QString accountId = accountKey(account);
    const QString addressId = addressKey(address);
    QMutexLocker locker(&m_mutex);
    const qint64 now = m_clock.nowMs();

    if (!m_addresses.contains(addressId))
        makeRoomForAddress(now);
    AddressState& addr = m_addresses[addressId];
    addr.failures.push_back(now);
    prune(addr.failures, now, m_policy.addressWindowMs, m_policy.addressFailureLimit);
    addr.lastActivityMs = now;

    if (!m_accounts.contains(accountId))
        makeRoomForAccount(now);
    AccountState& acc = m_accounts[accountId];
    acc.lastActivityMs = now;
    if (acc.lockedUntilMs > now)
        return; // an attempt the caller let through while locked does not lengthen the lock
    if (acc.level > 0 && acc.lastLockEndMs + m_policy.escalationMemoryMs <= now)
        acc.level = 0;
    acc.failures.push_back(now);
    prune(acc.failures, now, m_policy.accountWindowMs, m_policy.accountFailureLimit);
    const auto& durations = m_policy.lockoutDurationsMs;
    if (static_cast<qsizetype>(acc.failures.size()) >= m_policy.accountFailureLimit && !durations.empty()) {
        const size_t index = std::min(static_cast<size_t>(acc.level), durations.size() - 1);
        acc.lockedUntilMs = now + durations[index];
        acc.lastLockEndMs = acc.lockedUntilMs;
        acc.level = static_cast<int>(std::min(index + 1, durations.size()));
        acc.failures.clear();
    }
}

void LoginThrottle::recordSuccess(const QString& account, const QString& address)
{
    Q_UNUSED(address) // deliberately: see the class comment
    const QString accountId = accountKey(account);
    QMutexLocker locker(&m_mutex);
    m_accounts.remove(accountId);
}

qsizetype LoginThrottle::trackedAccounts() const
{
    QMutexLocker locker(&m_mutex);
    return m_accounts.size();
}

qsizetype LoginThrottle::trackedAddresses() const
{
    QMutexLocker locker(&m_mutex);
    return m_addresses.size();
}

namespace {

// Removes expired entries; if less than an eighth of `max` is then free, also the entries `evictFirst`
// orders first, down to seven eighths of `max`. Scanning only when full and then freeing an eighth keeps
// the cost per insertion constant on average, even under a flood of new names.
template <typename State, typename Expired, typename EvictionOrder>
void makeRoom(QHash<QString, State>& table, qsizetype max, Expired expired, EvictionOrder evictionOrder)
{
    if (table.size() < max)
        return;
    for (auto it = table.begin(); it != table.end();) {
        if (expired(it.value()))
            it = table.erase(it);
        else
            ++it;
    }
    const qsizetype target = max - std::max<qsizetype>(max / 8, 1);
    if (table.size() <= target)
        return;
    using Order = decltype(evictionOrder(std::declval<const State&>()));
    std::vector<std::pair<Order, QString>> candidates;
    candidates.reserve(static_cast<size_t>(table.size()));
    for (auto it = table.cbegin(); it != table.cend(); ++it)
        candidates.emplace_back(evictionOrder(it.value()), it.key());
    const auto evict = static_cast<std::ptrdiff_t>(table.size() - target);
    std::nth_element(candidates.begin(), candidates.begin() + (evict - 1), candidates.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::ptrdiff_t i = 0; i < evict; ++i)
        table.remove(candidates[static_cast<size_t>(i)].second);
}

} // namespace

void LoginThrottle::makeRoomForAccount(qint64 now)
{
    // Unlocked accounts go first, then the least recently active: flooding the table with new names should
    // not be a cheap way to lift a lock.
    makeRoom(
        m_accounts, m_policy.maxTrackedAccounts,
        [&](const AccountState& s) { return accountExpired(s, now); },
        [&](const AccountState& s) { return std::make_tuple(s.lockedUntilMs > now, s.lastActivityMs); });
}

void LoginThrottle::makeRoomForAddress(qint64 now)
{
    // Addresses not currently blocked go first, then the least recently active.
    makeRoom(
        m_addresses, m_policy.maxTrackedAddresses,
        [&](const AddressState& s) { return addressExpired(s, now); },
        [&](const AddressState& s) { return std::make_tuple(addressWaitMs(s, now) > 0, s.lastActivityMs); });
}

} // namespace outpost::auth
