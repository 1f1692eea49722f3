#include "mutations/Hlc.h"

#include <QStringList>

namespace outpost {

QString HybridLogicalClock::Timestamp::toString() const
{
    return QStringLiteral("%1.%2.%3").arg(wallMs, 15, 10, QLatin1Char('0')).arg(counter, 5, 10, QLatin1Char('0')).arg(node);
}

bool HybridLogicalClock::Timestamp::parse(const QString& text, Timestamp* out)
{
    const int first = text.indexOf(QLatin1Char('.'));
    const int second = first < 0 ? -1 : text.indexOf(QLatin1Char('.'), first + 1);
    if (first != 15 || second != 21)
        return false;
    bool ok1 = false, ok2 = false;
    Timestamp t;
    t.wallMs = text.left(15).toLongLong(&ok1);
    t.counter = text.mid(16, 5).toInt(&ok2);
    t.node = text.mid(22);
    if (!ok1 || !ok2 || t.wallMs < 0 || t.counter < 0)
        return false;
    *out = t;
    return true;
}

bool HybridLogicalClock::Timestamp::operator<(const Timestamp& o) const
{
    if (wallMs != o.wallMs)
        return wallMs < o.wallMs;
    if (counter != o.counter)
        return counter < o.counter;
    return node < o.node;
}

HybridLogicalClock::HybridLogicalClock(const Clock& clock, QString node)
    : m_clock(clock)
{
    m_last.node = std::move(node);
}

QString HybridLogicalClock::now()
{
    const qint64 wall = m_clock.nowMs();
    if (wall > m_last.wallMs) {
        m_last.wallMs = wall;
        m_last.counter = 0;
    } else {
        ++m_last.counter;
        if (m_last.counter > 99999) { // counter space used up within one millisecond: borrow the next one
            ++m_last.wallMs;
            m_last.counter = 0;
        }
    }
    return m_last.toString();
}

void HybridLogicalClock::observe(const QString& remote)
{
    Timestamp r;
    if (!Timestamp::parse(remote, &r))
        return;
    const qint64 wall = m_clock.nowMs();
    const qint64 maxWall = std::max({wall, m_last.wallMs, r.wallMs});
    if (maxWall == m_last.wallMs && maxWall == r.wallMs)
        m_last.counter = std::max(m_last.counter, r.counter) + 1;
    else if (maxWall == m_last.wallMs)
        ++m_last.counter;
    else if (maxWall == r.wallMs)
        m_last.counter = r.counter + 1;
    else
        m_last.counter = 0;
    m_last.wallMs = maxWall;
}

void HybridLogicalClock::restore(const QString& last)
{
    Timestamp t;
    if (Timestamp::parse(last, &t) && m_last < Timestamp{t.wallMs, t.counter, m_last.node}) {
        m_last.wallMs = t.wallMs;
        m_last.counter = t.counter;
    }
}

} // namespace outpost
