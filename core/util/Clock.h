#pragma once

#include <QtGlobal>

namespace outpost {

// Wall clock in UTC epoch milliseconds. Injected so tests can drive time.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0;

    static Clock& system();
};

class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 1'767'225'600'000) : m_now(startMs) {} // 2026-01-01T00:00Z
    qint64 nowMs() const override { return m_now; }
    void advance(qint64 ms) { m_now += ms; }
    void set(qint64 ms) { m_now = ms; }

private:
    qint64 m_now;
};

} // namespace outpost
